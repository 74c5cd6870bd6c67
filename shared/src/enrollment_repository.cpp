// EnrollmentRepository: sign-up requests and their status changes.
//
// Status changes a kiosk may make locally (the server still has the last word on seats):
//   requested  -> confirmed, waitlisted, cancelled
//   confirmed  -> waitlisted, attended, completed, cancelled
//   waitlisted -> confirmed, cancelled
//   attended   -> completed, cancelled
//   cancelled  -> requested (signing up again)
//   completed  -> nothing (a certificate may hang on it)
#include "raida/core/enrollment_repository.h"

#include "repository_util.h"

namespace raida::core {
namespace {

using detail::CollectRows;
using detail::FirstRow;
using S = EnrollmentStatus;

constexpr const char* kEnrollmentColumns =
    "id, offering_id, person_id, status, needs, reason, requested_at_ms";

bool AllowedTransition(S from, S to) {
  switch (from) {
    case S::kRequested:
      return to == S::kConfirmed || to == S::kWaitlisted || to == S::kCancelled;
    case S::kConfirmed:
      return to == S::kWaitlisted || to == S::kAttended || to == S::kCompleted ||
             to == S::kCancelled;
    case S::kWaitlisted:
      return to == S::kConfirmed || to == S::kCancelled;
    case S::kAttended:
      return to == S::kCompleted || to == S::kCancelled;
    case S::kCancelled:
      return to == S::kRequested;
    case S::kCompleted:
      return false;
  }
  return false;
}

Result<Enrollment> ReadEnrollment(Statement& s) {
  Enrollment e;
  e.id = s.ColumnText(0);
  e.offering_id = s.ColumnText(1);
  e.person_id = s.ColumnText(2);
  auto status = ParseEnrollmentStatus(s.ColumnText(3));
  if (!status) {
    return MakeError(ErrorCode::kCorrupt, "enrollment " + e.id + " has an unknown status");
  }
  e.status = *status;
  RAIDA_ASSIGN_OR_RETURN(e.needs, detail::DecodeStringList(s.ColumnText(4), "enrollment.needs"));
  e.reason = s.ColumnText(5);
  e.requested_at_ms = s.ColumnInt(6);
  return e;
}

Status CheckSignUpAllowed(Database& db, const std::string& person_id,
                          const std::string& offering_id) {
  RAIDA_TRY(detail::RequireRow(db, "person", person_id, "person"));
  RAIDA_TRY(detail::RequireRow(db, "course_offering", offering_id, "offering"));
  RAIDA_ASSIGN_OR_RETURN(Statement stmt,
                         db.Prepare("SELECT (SELECT erased FROM person WHERE id = ?1),"
                                    " (SELECT cancelled FROM course_offering WHERE id = ?2)"));
  stmt.Bind(1, person_id).Bind(2, offering_id);
  RAIDA_TRY(stmt.Step());
  if (stmt.ColumnInt(0) != 0) {
    return MakeError(ErrorCode::kNotFound, "person " + person_id + " has been erased");
  }
  if (stmt.ColumnInt(1) != 0) {
    return MakeError(ErrorCode::kConflict, "offering " + offering_id + " is cancelled");
  }
  return Ok();
}

}  // namespace

Result<Enrollment> EnrollmentRepository::RequestSignUp(const std::string& person_id,
                                                       const std::string& offering_id,
                                                       const std::vector<std::string>& needs) {
  for (const std::string& need : needs) {
    RAIDA_TRY(detail::RequireText(need, "a need"));
  }
  RAIDA_ASSIGN_OR_RETURN(std::string needs_json, detail::EncodeStringList(needs));
  RAIDA_ASSIGN_OR_RETURN(auto scope, store_->BeginWrite());
  RAIDA_TRY(CheckSignUpAllowed(store_->db(), person_id, offering_id));
  Enrollment enrollment{DeterministicId("enrollment", offering_id, person_id),
                        offering_id,
                        person_id,
                        EnrollmentStatus::kRequested,
                        needs,
                        "",
                        store_->clock().NowMs()};
  RAIDA_ASSIGN_OR_RETURN(std::optional<Enrollment> existing, Get(enrollment.id));
  if (existing && existing->status != EnrollmentStatus::kCancelled) {
    return MakeError(ErrorCode::kConflict,
                     "person " + person_id + " is already signed up for offering " + offering_id);
  }
  // A cancelled sign-up (or a tombstone) is the same record asked for again.
  RAIDA_ASSIGN_OR_RETURN(
      Statement stmt,
      store_->db().Prepare(
          "INSERT INTO enrollment(id, offering_id, person_id, status, needs, reason,"
          " requested_at_ms, hlc, origin) VALUES (?1, ?2, ?3, 'requested', ?4, '', ?5, sync_hlc(),"
          " sync_origin()) ON CONFLICT(id) DO UPDATE SET status = 'requested', needs = ?4,"
          " reason = '', requested_at_ms = ?5, hlc = excluded.hlc, origin = excluded.origin,"
          " deleted = 0"));
  stmt.Bind(1, enrollment.id).Bind(2, offering_id).Bind(3, person_id).Bind(4, needs_json);
  RAIDA_TRY(stmt.Bind(5, enrollment.requested_at_ms).Run());
  RAIDA_TRY(scope.Commit());
  return enrollment;
}

Status EnrollmentRepository::SetStatus(const std::string& enrollment_id, EnrollmentStatus status,
                                       const std::string& reason) {
  RAIDA_ASSIGN_OR_RETURN(auto scope, store_->BeginWrite());
  RAIDA_ASSIGN_OR_RETURN(std::optional<Enrollment> current, Get(enrollment_id));
  if (!current) {
    return MakeError(ErrorCode::kNotFound, "enrollment " + enrollment_id + " does not exist");
  }
  if (current->status == status && current->reason == reason) {
    return scope.Commit();  // nothing changed
  }
  if (current->status != status && !AllowedTransition(current->status, status)) {
    return MakeError(ErrorCode::kConflict, std::string("enrollment ") + enrollment_id +
                                               " cannot go from " +
                                               EnrollmentStatusName(current->status) + " to " +
                                               EnrollmentStatusName(status));
  }
  RAIDA_ASSIGN_OR_RETURN(
      Statement stmt,
      store_->db().Prepare(
          "UPDATE enrollment SET status = ?, reason = ?, hlc = sync_hlc(), origin = sync_origin()"
          " WHERE id = ?"));
  RAIDA_TRY(
      stmt.Bind(1, EnrollmentStatusName(status)).Bind(2, reason).Bind(3, enrollment_id).Run());
  return scope.Commit();
}

Status EnrollmentRepository::UpsertFromRemote(const Enrollment& enrollment) {
  RAIDA_TRY(detail::RequireApplying(*store_, "EnrollmentRepository::UpsertFromRemote"));
  const std::string id =
      DeterministicId("enrollment", enrollment.offering_id, enrollment.person_id);
  if (!enrollment.id.empty() && enrollment.id != id) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "enrollment " + enrollment.id + " does not have its deterministic id");
  }
  RAIDA_ASSIGN_OR_RETURN(std::string needs, detail::EncodeStringList(enrollment.needs));
  RAIDA_ASSIGN_OR_RETURN(auto scope, store_->BeginWrite());
  RAIDA_ASSIGN_OR_RETURN(Statement stmt,
                         store_->db().Prepare(detail::PublishedUpsertSql(
                             "enrollment", {"offering_id", "person_id", "status", "needs", "reason",
                                            "requested_at_ms"})));
  stmt.Bind(1, id).Bind(2, enrollment.offering_id).Bind(3, enrollment.person_id);
  stmt.Bind(4, EnrollmentStatusName(enrollment.status)).Bind(5, needs);
  RAIDA_TRY(stmt.Bind(6, enrollment.reason).Bind(7, enrollment.requested_at_ms).Run());
  return scope.Commit();
}

Result<std::optional<Enrollment>> EnrollmentRepository::Get(const std::string& id) {
  RAIDA_ASSIGN_OR_RETURN(Statement stmt,
                         store_->db().Prepare(std::string("SELECT ") + kEnrollmentColumns +
                                              " FROM enrollment WHERE id = ? AND deleted = 0"));
  stmt.Bind(1, id);
  return FirstRow<Enrollment>(stmt, ReadEnrollment);
}

Result<std::vector<Enrollment>> EnrollmentRepository::ListForPerson(const std::string& person_id) {
  RAIDA_ASSIGN_OR_RETURN(Statement stmt,
                         store_->db().Prepare(std::string("SELECT ") + kEnrollmentColumns +
                                              " FROM enrollment WHERE person_id = ? AND deleted = 0"
                                              " ORDER BY requested_at_ms, id"));
  stmt.Bind(1, person_id);
  return CollectRows<Enrollment>(stmt, ReadEnrollment);
}

Result<std::vector<Enrollment>> EnrollmentRepository::ListForOffering(
    const std::string& offering_id) {
  RAIDA_ASSIGN_OR_RETURN(
      Statement stmt, store_->db().Prepare(std::string("SELECT ") + kEnrollmentColumns +
                                           " FROM enrollment WHERE offering_id = ? AND deleted = 0"
                                           " ORDER BY requested_at_ms, id"));
  stmt.Bind(1, offering_id);
  return CollectRows<Enrollment>(stmt, ReadEnrollment);
}

}  // namespace raida::core
