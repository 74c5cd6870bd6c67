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

#include <nlohmann/json.hpp>
#include <utility>

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

// [SECTION] The person's own changes at the kiosk, and unfinished sign-ups
//
// Drafts live in local_ui_state under "signup_draft/<person id>" as JSON
// {"course_id", "offering_id", "needs", "saved_at_ms"}; that table is never synced.

namespace raida::core {
namespace {

constexpr const char* kDraftPrefix = "signup_draft/";

Result<Enrollment> OwnEnrollment(EnrollmentRepository& repository, const std::string& id,
                                 const std::string& person_id) {
  RAIDA_ASSIGN_OR_RETURN(std::optional<Enrollment> enrollment, repository.Get(id));
  if (!enrollment || enrollment->person_id != person_id) {
    return MakeError(ErrorCode::kNotFound, "enrollment " + id + " is not this person's");
  }
  return *enrollment;
}

Result<std::optional<SignUpDraft>> ParseDraft(const std::string& person_id,
                                              const std::string& text) {
  try {
    const nlohmann::json json = nlohmann::json::parse(text);
    SignUpDraft draft;
    draft.person_id = person_id;
    draft.course_id = json.at("course_id").get<std::string>();
    draft.offering_id = json.at("offering_id").get<std::string>();
    draft.needs = json.at("needs").get<std::vector<std::string>>();
    draft.saved_at_ms = json.at("saved_at_ms").get<int64_t>();
    return std::optional<SignUpDraft>(std::move(draft));
  } catch (const nlohmann::json::exception& error) {
    return MakeError(ErrorCode::kCorrupt,
                     std::string("a sign-up draft is unreadable: ") + error.what());
  }
}

}  // namespace

Status EnrollmentRepository::CancelByPerson(const std::string& enrollment_id,
                                            const std::string& person_id) {
  RAIDA_ASSIGN_OR_RETURN(auto scope, store_->BeginWrite());
  RAIDA_ASSIGN_OR_RETURN(Enrollment enrollment, OwnEnrollment(*this, enrollment_id, person_id));
  if (enrollment.status == EnrollmentStatus::kCancelled) {
    return MakeError(ErrorCode::kConflict, "enrollment " + enrollment_id + " is cancelled already");
  }
  RAIDA_TRY(SetStatus(enrollment_id, EnrollmentStatus::kCancelled, ""));
  return scope.Commit();
}

Result<Enrollment> EnrollmentRepository::UndoCancelByPerson(const std::string& enrollment_id,
                                                            const std::string& person_id) {
  RAIDA_ASSIGN_OR_RETURN(auto scope, store_->BeginWrite());
  RAIDA_ASSIGN_OR_RETURN(Enrollment enrollment, OwnEnrollment(*this, enrollment_id, person_id));
  if (enrollment.status != EnrollmentStatus::kCancelled) {
    return MakeError(ErrorCode::kConflict, "enrollment " + enrollment_id + " is not cancelled");
  }
  RAIDA_ASSIGN_OR_RETURN(Enrollment again,
                         RequestSignUp(person_id, enrollment.offering_id, enrollment.needs));
  RAIDA_TRY(scope.Commit());
  return again;
}

Status EnrollmentRepository::SaveDraft(SignUpDraft draft) {
  RAIDA_TRY(detail::RequireText(draft.person_id, "draft person"));
  RAIDA_TRY(detail::RequireText(draft.offering_id, "draft offering"));
  draft.saved_at_ms = store_->clock().NowMs();
  const nlohmann::json json = {{"course_id", draft.course_id},
                               {"offering_id", draft.offering_id},
                               {"needs", draft.needs},
                               {"saved_at_ms", draft.saved_at_ms}};
  RAIDA_ASSIGN_OR_RETURN(auto scope, store_->BeginWrite());
  RAIDA_ASSIGN_OR_RETURN(
      Statement stmt,
      store_->db().Prepare("INSERT OR REPLACE INTO local_ui_state(k, v) VALUES (?, ?)"));
  RAIDA_TRY(stmt.Bind(1, kDraftPrefix + draft.person_id).Bind(2, json.dump()).Run());
  return scope.Commit();
}

Result<std::optional<SignUpDraft>> EnrollmentRepository::TakeDraft(const std::string& person_id) {
  RAIDA_ASSIGN_OR_RETURN(auto scope, store_->BeginWrite());
  const std::string key = kDraftPrefix + person_id;
  RAIDA_ASSIGN_OR_RETURN(Statement read,
                         store_->db().Prepare("SELECT v FROM local_ui_state WHERE k = ?"));
  read.Bind(1, key);
  RAIDA_ASSIGN_OR_RETURN(const bool found, read.Step());
  if (!found) {
    RAIDA_TRY(scope.Commit());
    return std::optional<SignUpDraft>();
  }
  auto draft = ParseDraft(person_id, read.ColumnText(0));
  RAIDA_ASSIGN_OR_RETURN(Statement drop,
                         store_->db().Prepare("DELETE FROM local_ui_state WHERE k = ?"));
  RAIDA_TRY(drop.Bind(1, key).Run());
  RAIDA_TRY(scope.Commit());
  if (!draft.ok()) {
    return draft.error();  // dropped: an unreadable draft would fail every sign-in
  }
  if (*draft && store_->clock().NowMs() - (*draft)->saved_at_ms > kSignUpDraftMaxAgeMs) {
    return std::optional<SignUpDraft>();
  }
  return draft;
}

Result<int> EnrollmentRepository::DropExpiredDrafts() {
  RAIDA_ASSIGN_OR_RETURN(auto scope, store_->BeginWrite());
  RAIDA_ASSIGN_OR_RETURN(
      Statement stmt,
      store_->db().Prepare("DELETE FROM local_ui_state WHERE k LIKE 'signup_draft/%' AND"
                           " coalesce(json_extract(v, '$.saved_at_ms'), 0) < ?"));
  RAIDA_TRY(stmt.Bind(1, store_->clock().NowMs() - kSignUpDraftMaxAgeMs).Run());
  const int dropped = static_cast<int>(store_->db().Changes());
  RAIDA_TRY(scope.Commit());
  return dropped;
}

}  // namespace raida::core
