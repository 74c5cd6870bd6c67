// LessonRepository: lesson packs (published) and lesson progress (captured, monotonic).
//
// The monotonic rules live in the SQL of the upsert (max() for completed and best_score), so
// they hold even when two calls race on two connections. Seconds go to this device's
// progress_counter row (schema_v10.cpp), added in SQL for the same reason; the time read back is
// the sum over devices.
#include "raida/core/lesson_repository.h"

#include "repository_util.h"

namespace raida::core {
namespace {

// The lesson's time: what was counted before schema 10 plus every device's live counter.
constexpr const char* kSelectProgress =
    "SELECT id, person_id, course_id, lesson_id, page, completed, best_score, seconds_spent +"
    " (SELECT coalesce(sum(c.seconds), 0) FROM progress_counter c WHERE c.person_id ="
    " lesson_progress.person_id AND c.lesson_id = lesson_progress.lesson_id AND c.deleted = 0)"
    " FROM lesson_progress";
constexpr int kMaxScore = 100;

Result<LessonProgress> ReadProgress(Statement& s) {
  return LessonProgress{s.ColumnText(0),
                        s.ColumnText(1),
                        s.ColumnText(2),
                        s.ColumnText(3),
                        static_cast<int>(s.ColumnInt(4)),
                        s.ColumnInt(5) != 0,
                        static_cast<int>(s.ColumnInt(6)),
                        static_cast<int>(s.ColumnInt(7))};
}

Result<LessonPack> ReadPack(Statement& s) {
  return LessonPack{s.ColumnText(0), s.ColumnText(1), static_cast<int>(s.ColumnInt(2)),
                    s.ColumnText(3), s.ColumnText(4)};
}

}  // namespace

std::string ProgressCounterId(const std::string& person_id, const std::string& lesson_id,
                              int64_t device_no) {
  return DeterministicId("progress_counter", DeterministicId("progress", person_id, lesson_id),
                         std::to_string(device_no));
}

Status LessonRepository::UpsertPack(const LessonPack& pack) {
  RAIDA_TRY(detail::RequireApplying(*store_, "LessonRepository::UpsertPack"));
  RAIDA_TRY(detail::RequireText(pack.id, "lesson pack id"));
  if (pack.version <= 0) {
    return MakeError(ErrorCode::kInvalidArgument, "lesson pack version must be positive");
  }
  if (!detail::IsJson(pack.manifest)) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "lesson pack " + pack.id + " has a manifest that is not JSON");
  }
  RAIDA_ASSIGN_OR_RETURN(auto scope, store_->BeginWrite());
  RAIDA_ASSIGN_OR_RETURN(Statement stmt,
                         store_->db().Prepare(detail::PublishedUpsertSql(
                             "lesson_pack", {"course_id", "version", "checksum", "manifest"})));
  stmt.Bind(1, pack.id).Bind(2, pack.course_id).Bind(3, pack.version);
  RAIDA_TRY(stmt.Bind(4, pack.checksum).Bind(5, pack.manifest).Run());
  return scope.Commit();
}

Result<std::optional<LessonPack>> LessonRepository::GetPackForCourse(const std::string& course_id) {
  RAIDA_ASSIGN_OR_RETURN(
      Statement stmt,
      store_->db().Prepare("SELECT id, course_id, version, checksum, manifest FROM lesson_pack"
                           " WHERE course_id = ? AND deleted = 0 ORDER BY version DESC LIMIT 1"));
  stmt.Bind(1, course_id);
  return detail::FirstRow<LessonPack>(stmt, ReadPack);
}

Result<LessonProgress> LessonRepository::SavePosition(const std::string& person_id,
                                                      const std::string& course_id,
                                                      const std::string& lesson_id, int page,
                                                      int seconds) {
  if (page < 0 || seconds < 0) {
    return MakeError(ErrorCode::kInvalidArgument, "page and seconds must not be negative");
  }
  return Save(LessonProgress{"", person_id, course_id, lesson_id, page, false, 0, seconds});
}

Result<LessonProgress> LessonRepository::RecordCompletion(const std::string& person_id,
                                                          const std::string& course_id,
                                                          const std::string& lesson_id, int score,
                                                          int seconds) {
  if (score < 0 || score > kMaxScore || seconds < 0) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "score must be 0..100 and seconds must not be negative");
  }
  RAIDA_ASSIGN_OR_RETURN(std::optional<LessonProgress> current, Get(person_id, lesson_id));
  const int page = current ? current->page : 0;
  return Save(LessonProgress{"", person_id, course_id, lesson_id, page, true, score, seconds});
}

// Inserts or merges `change`: page replaced, completed OR-ed, best score max-ed, seconds added.
Result<LessonProgress> LessonRepository::Save(const LessonProgress& change) {
  RAIDA_TRY(detail::RequireText(change.lesson_id, "lesson id"));
  RAIDA_ASSIGN_OR_RETURN(auto scope, store_->BeginWrite());
  RAIDA_TRY(detail::RequireRow(store_->db(), "person", change.person_id, "person"));
  RAIDA_TRY(detail::RequireRow(store_->db(), "course", change.course_id, "course"));
  const std::string id = DeterministicId("progress", change.person_id, change.lesson_id);
  RAIDA_ASSIGN_OR_RETURN(
      Statement stmt,
      store_->db().Prepare(
          "INSERT INTO lesson_progress(id, person_id, course_id, lesson_id, page, completed,"
          " best_score, seconds_spent, hlc, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, sync_hlc(),"
          " sync_origin()) ON CONFLICT(id) DO UPDATE SET page = excluded.page,"
          " completed = max(completed, excluded.completed),"
          " best_score = max(best_score, excluded.best_score),"
          " seconds_spent = seconds_spent + excluded.seconds_spent,"
          " hlc = excluded.hlc, origin = excluded.origin, deleted = 0"
          " WHERE page IS NOT excluded.page OR excluded.completed > completed"
          " OR excluded.best_score > best_score OR excluded.seconds_spent > 0 OR deleted <> 0"));
  // A device without a number yet (a kiosk not provisioned) has no counter of its own: it counts
  // in seconds_spent, as before schema 10, which the server still merges by max.
  const bool counted_here = store_->device_id() > 0;
  stmt.Bind(1, id).Bind(2, change.person_id).Bind(3, change.course_id);
  stmt.Bind(4, change.lesson_id).Bind(5, change.page).Bind(6, change.completed ? 1 : 0);
  stmt.Bind(7, change.best_score).Bind(8, counted_here ? 0 : change.seconds_spent);
  RAIDA_TRY(stmt.Run());
  if (counted_here) {
    RAIDA_TRY(AddSeconds(change.person_id, change.lesson_id, change.seconds_spent));
  }
  RAIDA_ASSIGN_OR_RETURN(std::optional<LessonProgress> saved,
                         Get(change.person_id, change.lesson_id));
  RAIDA_TRY(scope.Commit());
  if (!saved) {
    return MakeError(ErrorCode::kInternal, "lesson progress " + id + " vanished while saving");
  }
  return *saved;
}

// Adds `seconds` to this device's counter of the lesson (device_id() > 0: device 0 is the
// district server's row); only this device writes that row.
Status LessonRepository::AddSeconds(const std::string& person_id, const std::string& lesson_id,
                                    int seconds) {
  if (seconds == 0) {
    return Ok();
  }
  RAIDA_ASSIGN_OR_RETURN(
      Statement stmt,
      store_->db().Prepare(
          "INSERT INTO progress_counter(id, person_id, lesson_id, device_no, seconds, hlc, origin)"
          " VALUES (?, ?, ?, ?, ?, sync_hlc(), sync_origin()) ON CONFLICT(id) DO UPDATE SET"
          " seconds = seconds + excluded.seconds, hlc = excluded.hlc, origin = excluded.origin,"
          " deleted = 0"));
  const int64_t device = store_->device_id();
  stmt.Bind(1, ProgressCounterId(person_id, lesson_id, device)).Bind(2, person_id);
  return stmt.Bind(3, lesson_id).Bind(4, device).Bind(5, seconds).Run();
}

Result<std::optional<LessonProgress>> LessonRepository::Get(const std::string& person_id,
                                                            const std::string& lesson_id) {
  RAIDA_ASSIGN_OR_RETURN(Statement stmt, store_->db().Prepare(std::string(kSelectProgress) +
                                                              " WHERE id = ? AND deleted = 0"));
  stmt.Bind(1, DeterministicId("progress", person_id, lesson_id));
  return detail::FirstRow<LessonProgress>(stmt, ReadProgress);
}

Result<std::vector<LessonProgress>> LessonRepository::ListForPerson(const std::string& person_id) {
  RAIDA_ASSIGN_OR_RETURN(Statement stmt, store_->db().Prepare(std::string(kSelectProgress) +
                                                              " WHERE person_id = ? AND deleted = 0"
                                                              " ORDER BY course_id, lesson_id"));
  stmt.Bind(1, person_id);
  return detail::CollectRows<LessonProgress>(stmt, ReadProgress);
}

}  // namespace raida::core
