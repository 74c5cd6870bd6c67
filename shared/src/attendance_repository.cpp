// AttendanceRepository: attendance marks with deterministic ids, upserted so that marking twice
// is one record and marking with the same values changes (and sends) nothing.
#include "raida/core/attendance_repository.h"

#include "repository_util.h"

namespace raida::core {
namespace {

constexpr const char* kSelectAttendance =
    "SELECT id, session_id, person_id, mark, marked_by FROM attendance";

Result<Attendance> ReadAttendance(Statement& s) {
  Attendance a;
  a.id = s.ColumnText(0);
  a.session_id = s.ColumnText(1);
  a.person_id = s.ColumnText(2);
  auto mark = ParseAttendanceMark(s.ColumnText(3));
  if (!mark) {
    return MakeError(ErrorCode::kCorrupt, "attendance " + a.id + " has an unknown mark");
  }
  a.mark = *mark;
  a.marked_by = s.ColumnText(4);
  return a;
}

}  // namespace

Result<Attendance> AttendanceRepository::Mark(const std::string& session_id,
                                              const std::string& person_id, AttendanceMark mark,
                                              const std::string& marked_by) {
  Attendance attendance{DeterministicId("attendance", session_id, person_id), session_id, person_id,
                        mark, marked_by};
  RAIDA_ASSIGN_OR_RETURN(auto scope, store_->BeginWrite());
  RAIDA_TRY(detail::RequireRow(store_->db(), "course_session", session_id, "session"));
  RAIDA_TRY(detail::RequireRow(store_->db(), "person", person_id, "person"));
  RAIDA_ASSIGN_OR_RETURN(
      Statement stmt,
      store_->db().Prepare(
          "INSERT INTO attendance(id, session_id, person_id, mark, marked_by, hlc, origin)"
          " VALUES (?, ?, ?, ?, ?, sync_hlc(), sync_origin())"
          " ON CONFLICT(id) DO UPDATE SET mark = excluded.mark, marked_by = excluded.marked_by,"
          " hlc = excluded.hlc, origin = excluded.origin, deleted = 0"
          " WHERE mark IS NOT excluded.mark OR marked_by IS NOT excluded.marked_by OR deleted <> "
          "0"));
  stmt.Bind(1, attendance.id).Bind(2, session_id).Bind(3, person_id);
  RAIDA_TRY(stmt.Bind(4, AttendanceMarkName(mark)).Bind(5, marked_by).Run());
  RAIDA_TRY(scope.Commit());
  return attendance;
}

Result<std::optional<Attendance>> AttendanceRepository::Get(const std::string& session_id,
                                                            const std::string& person_id) {
  RAIDA_ASSIGN_OR_RETURN(Statement stmt, store_->db().Prepare(std::string(kSelectAttendance) +
                                                              " WHERE id = ? AND deleted = 0"));
  stmt.Bind(1, DeterministicId("attendance", session_id, person_id));
  return detail::FirstRow<Attendance>(stmt, ReadAttendance);
}

Result<std::vector<Attendance>> AttendanceRepository::ListForSession(
    const std::string& session_id) {
  RAIDA_ASSIGN_OR_RETURN(
      Statement stmt,
      store_->db().Prepare(std::string(kSelectAttendance) +
                           " WHERE session_id = ? AND deleted = 0 ORDER BY person_id"));
  stmt.Bind(1, session_id);
  return detail::CollectRows<Attendance>(stmt, ReadAttendance);
}

}  // namespace raida::core
