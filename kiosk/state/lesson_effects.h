// Effects of the lesson player, run on the EffectRunner's storage lane by LessonStorage
// (lesson_storage.h). Included by effects.h, whose Effect variant lists them.
#pragma once

#include <string>

namespace raida::kiosk {

// -> CourseLessonsLoaded (an empty list when the course has no pack), or FaultOccurred.
struct LoadCourseLessons {
  std::string course_id;
  std::string language;
  std::string person_id;  // "" for a guest: no marks
};
// -> LessonLoaded (with where the person stopped, clamped to this pack version),
// LessonUnavailable, or FaultOccurred.
struct LoadLesson {
  std::string course_id;
  std::string lesson_id;
  std::string language;
  std::string person_id;  // "" for a guest
};
// Saves where a signed-in person is, in one committed transaction, adding the time spent since
// the last step. -> LessonProgressSaved, LessonSaveFailed, or FaultOccurred.
struct SaveLessonStep {
  std::string person_id;
  std::string course_id;
  std::string lesson_id;
  int page = 0;  // EncodeLessonPosition
};
// The lesson was gone through: completion with `score` (the best is kept) and the position to
// open it at next time, in one committed transaction. Same results as SaveLessonStep.
struct CompleteLesson {
  std::string person_id;
  std::string course_id;
  std::string lesson_id;
  int score = 0;  // percent
  int page = 0;
};
// -> ProgressLoaded, or FaultOccurred.
struct LoadProgress {
  std::string person_id;
  std::string language;
};

}  // namespace raida::kiosk
