// LessonRepository: published lesson packs and each person's progress through lessons.
//
// Progress is monotonic, as the sync merge rule for it: `completed` never goes back to false and
// `best_score` never goes down, whatever order the calls come in; the page is simply where the
// person is (resumed exactly there) and seconds add up. The id of a progress record is
// DeterministicId("progress", person_id, lesson_id).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "raida/core/model.h"
#include "raida/core/result.h"
#include "raida/core/store.h"

namespace raida::core {

class LessonRepository {
 public:
  explicit LessonRepository(Store& store) : store_(&store) {}

  // Loads a published pack; needs a Store::ApplyingScope. kInvalidArgument when the manifest is
  // not JSON or the version is not positive.
  Status UpsertPack(const LessonPack& pack);
  // The pack of a course (the newest version when several are stored).
  Result<std::optional<LessonPack>> GetPackForCourse(const std::string& course_id);

  // Remembers the page a person is on and adds `seconds` to the time spent.
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
  Store* store_;
};

}  // namespace raida::core
