// LessonRepository: published lesson packs and each person's progress through lessons.
//
// Progress is monotonic, as the sync merge rule for it: `completed` never goes back to false and
// `best_score` never goes down, whatever order the calls come in; the page is simply where the
// person is (resumed exactly there) and seconds add up. The id of a progress record is
// DeterministicId("progress", person_id, lesson_id).
//
// Time is counted per device (schema_v10.cpp): this device adds its seconds to its own
// progress_counter row, and LessonProgress::seconds_spent as read here is the lesson's whole time:
// lesson_progress.seconds_spent (what was counted before schema 10) plus every device's live
// counter row, so time spent on two kiosks adds up once both have synced. A kiosk not provisioned
// yet (device_id() 0, no number of its own) still adds to lesson_progress.seconds_spent.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "raida/core/model.h"
#include "raida/core/result.h"
#include "raida/core/store.h"

namespace raida::core {

// The id of `device_no`'s counter of a person's time in a lesson (device 0: the district
// server's row, time of duplicate people merged into this one).
std::string ProgressCounterId(const std::string& person_id, const std::string& lesson_id,
                              int64_t device_no);

class LessonRepository {
 public:
  explicit LessonRepository(Store& store) : store_(&store) {}

  // Loads a published pack; needs a Store::ApplyingScope. kInvalidArgument when the manifest is
  // not JSON or the version is not positive.
  Status UpsertPack(const LessonPack& pack);
  // The pack of a course (the newest version when several are stored).
  Result<std::optional<LessonPack>> GetPackForCourse(const std::string& course_id);

  // Remembers the page a person is on and adds `seconds` to this device's count of the time spent.
  // kInvalidArgument for a negative page or seconds; kNotFound for an unknown person or course.
  Result<LessonProgress> SavePosition(const std::string& person_id, const std::string& course_id,
                                      const std::string& lesson_id, int page, int seconds);
  // Marks the lesson completed with a quiz score in percent (0..100); the best score is kept.
  Result<LessonProgress> RecordCompletion(const std::string& person_id,
                                          const std::string& course_id,
                                          const std::string& lesson_id, int score, int seconds);
  Result<std::optional<LessonProgress>> Get(const std::string& person_id,
                                            const std::string& lesson_id);
  // Every lesson a person has started, by course then lesson.
  Result<std::vector<LessonProgress>> ListForPerson(const std::string& person_id);

 private:
  Result<LessonProgress> Save(const LessonProgress& change);
  Status AddSeconds(const std::string& person_id, const std::string& lesson_id, int seconds);
  Store* store_;
};

}  // namespace raida::core
