// Actions of the lesson player and "My progress" (reduced in reduce_lesson.cpp). Included by
// actions.h, whose Action variant lists them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kiosk/state/lesson_state.h"

namespace raida::kiosk {

// [SECTION] Person-caused

// A lesson of the open course, from the course page ("Start", "Continue", "Open again") or
// "Next lesson" on the lesson-end screen.
struct OpenLesson {
  std::string lesson_id;
};
// The big Next / Back under a page or an answered question (not the navigation bar's Back,
// which leaves the lesson).
struct LessonNext {};
struct LessonBack {};
// "Read more slowly" on or off.
struct ToggleSlowPace {};
// The page's exercise (tap, drag or type) was done.
struct PracticeDone {};
// An option of the current question: answers at once (single, yes/no), ticks or unticks
// (multiple) or adds the next step (order).
struct ChooseOption {
  std::string option_id;
};
// "Start again" on an order question: forgets the steps tapped so far.
struct ClearChoice {};
// "Check my answer" on a multiple or order question.
struct CheckAnswer {};
// Lesson-end screen: the questions again (from the first), or the lesson again (from page 1).
struct RetryQuiz {};
struct RereadLesson {};
// Course page: "My progress" (signed in) and "Sign in to keep your progress" (guest).
struct OpenProgress {};
struct SignInToSaveProgress {};

// [SECTION] Worker results

struct CourseLessonsLoaded {
  CourseLessons lessons;
};
// `resume` is where the signed-in person stopped (nullopt: a guest, or never started).
struct LessonLoaded {
  LessonContent content;
  std::string language;
  std::string person_id;
  std::optional<core::LessonPosition> resume;
};
// The lesson's pack is missing or broken: back to the course with a notice.
struct LessonUnavailable {
  std::string lesson_id;
};
// A step was saved (one committed transaction): the course page's marks follow.
struct LessonProgressSaved {
  std::string person_id;
  std::string lesson_id;
  bool completed = false;
  int best_score = 0;
  int page = 0;  // as stored (EncodeLessonPosition)
};
// A step could not be saved for a reason the person should hear of.
struct LessonSaveFailed {
  std::string notice_key;
};
struct ProgressLoaded {
  ProgressView progress;
};
// IssueCertificate issued the person's certificate for the course just now.
struct CertificateIssued {
  std::string person_id;
  CertificateNoticeView certificate;
};

}  // namespace raida::kiosk
