// AssessmentRepository: questionnaire responses saved as drafts and resumed later.
#include "raida/core/assessment_repository.h"

#include "repository_util.h"

namespace raida::core {
namespace {

constexpr const char* kSelectResponse =
    "SELECT id, person_id, kind, answers, result, reviewed FROM assessment_response";

Result<AssessmentResponse> ReadResponse(Statement& s) {
  return AssessmentResponse{s.ColumnText(0), s.ColumnText(1), s.ColumnText(2),
                            s.ColumnText(3), s.ColumnText(4), s.ColumnInt(5) != 0};
}

Status Validate(const AssessmentResponse& r) {
  RAIDA_TRY(detail::RequireText(r.kind, "assessment kind"));
  if (!detail::IsJson(r.answers)) {
    return MakeError(ErrorCode::kInvalidArgument, "assessment answers must be JSON");
  }
  if (!r.result.empty() && !detail::IsJson(r.result)) {
    return MakeError(ErrorCode::kInvalidArgument, "assessment result must be JSON or empty");
  }
  return Ok();
}

// Binds result as NULL when not scored yet.
void BindResult(Statement& stmt, int index, const std::string& result) {
  if (result.empty()) {
    stmt.BindNull(index);
  } else {
    stmt.Bind(index, result);
  }
}

}  // namespace

Result<AssessmentResponse> AssessmentRepository::SaveDraft(AssessmentResponse response) {
  RAIDA_TRY(Validate(response));
  RAIDA_ASSIGN_OR_RETURN(auto scope, store_->BeginWrite());
  RAIDA_TRY(detail::RequireRow(store_->db(), "person", response.person_id, "person"));
  const bool is_new = response.id.empty();
  if (is_new) {
    RAIDA_ASSIGN_OR_RETURN(response.id, store_->NewRowId());
  } else {
    RAIDA_ASSIGN_OR_RETURN(std::optional<AssessmentResponse> current, Get(response.id));
    if (!current || current->person_id != response.person_id) {
      return MakeError(ErrorCode::kNotFound, "assessment " + response.id + " does not exist");
    }
    if (current->kind == response.kind && current->answers == response.answers &&
        current->result == response.result && current->reviewed == response.reviewed) {
      RAIDA_TRY(scope.Commit());
      return response;  // nothing changed
    }
  }
  RAIDA_ASSIGN_OR_RETURN(
      Statement stmt,
      store_->db().Prepare(
          is_new ? "INSERT INTO assessment_response(id, person_id, kind, answers, result, reviewed,"
                   " hlc, origin) VALUES (?1, ?2, ?3, ?4, ?5, ?6, sync_hlc(), sync_origin())"
                 : "UPDATE assessment_response SET kind = ?3, answers = ?4, result = ?5,"
                   " reviewed = ?6, hlc = sync_hlc(), origin = sync_origin()"
                   " WHERE id = ?1 AND person_id = ?2"));
  stmt.Bind(1, response.id).Bind(2, response.person_id).Bind(3, response.kind);
  stmt.Bind(4, response.answers).Bind(6, response.reviewed ? 1 : 0);
  BindResult(stmt, 5, response.result);
  RAIDA_TRY(stmt.Run());
  RAIDA_TRY(scope.Commit());
  return response;
}

Result<std::optional<AssessmentResponse>> AssessmentRepository::Get(const std::string& id) {
  RAIDA_ASSIGN_OR_RETURN(Statement stmt, store_->db().Prepare(std::string(kSelectResponse) +
                                                              " WHERE id = ? AND deleted = 0"));
  stmt.Bind(1, id);
  return detail::FirstRow<AssessmentResponse>(stmt, ReadResponse);
}

Result<std::optional<AssessmentResponse>> AssessmentRepository::GetLatest(
    const std::string& person_id, const std::string& kind) {
  RAIDA_ASSIGN_OR_RETURN(Statement stmt,
                         store_->db().Prepare(std::string(kSelectResponse) +
                                              " WHERE person_id = ? AND kind = ? AND deleted = 0"
                                              " ORDER BY hlc DESC LIMIT 1"));
  stmt.Bind(1, person_id).Bind(2, kind);
  return detail::FirstRow<AssessmentResponse>(stmt, ReadResponse);
}

}  // namespace raida::core
