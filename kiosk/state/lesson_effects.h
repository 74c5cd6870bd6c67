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
  // 0: the newest version on this kiosk. Else the version the person is taking (the lesson
  // again in another language): kept while this kiosk still holds it in memory, though sync
  // brought a newer one meanwhile, so the lesson in use does not change under the person.
  int pack_version = 0;
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
// Posted with every CompleteLesson of a signed-in person, after it on the same lane (so it sees
// the completion): issues the course's certificate when the course is now complete
// (core::CertificateRepository::IssueCertificateIfComplete, dated the kiosk's local day).
// -> CertificateIssued when a certificate was issued just now; nothing when the course is not
// complete yet or the person already had its certificate. A refusal (an erased or merged person,
// a withdrawn certificate, an unreadable pack) or a busy or full database is only logged: the
// certificate is issued at the next completed lesson or by the coordinator, never a fault.
struct IssueCertificate {
  std::string person_id;
  std::string course_id;
  std::string language;  // of the course title in the notice
};
// -> ProgressLoaded, or FaultOccurred.
struct LoadProgress {
  std::string person_id;
  std::string language;
};

}  // namespace raida::kiosk
