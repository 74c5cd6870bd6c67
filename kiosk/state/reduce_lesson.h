// The reducer's part for lessons: the course page's lesson list, the lesson player (pages,
// "read more slowly", practice, the four kinds of question, the lesson end) and "My progress".
//
// reduce.cpp forwards the actions of lesson_actions.h here (one overload per action; see
// LessonAction) and calls the two hooks below. What is saved, and when, for a signed-in person
// (each in one committed transaction on the storage lane):
//   a page turn (Next/Back to another page, into the quiz, Back out of it)  SaveLessonStep
//   an answered question that is not the last                               SaveLessonStep at
//                                                                           the next question,
//                                                                           with the answers so far
//   the last question answered, or the last page of a lesson without one   CompleteLesson
//   "Try the questions again" / "Read the lesson again"                     SaveLessonStep
// With every CompleteLesson goes IssueCertificate: when that lesson completed the course, the
// certificate is issued on the storage lane and CertificateIssued tells the person its code in a
// notice (kCertificateIssuedKey, with AppState::lesson.certificate_notice) once the lesson's end
// shows (after the feedback to the last answer) or the person has left the lesson.
// A guest (nobody signed in) takes the same lesson and nothing is saved or issued.
#pragma once

#include <concepts>
#include <optional>
#include <vector>

#include "kiosk/state/actions.h"
#include "kiosk/state/app_state.h"
#include "kiosk/state/effects.h"

namespace raida::kiosk {

inline constexpr const char* kLessonUnavailableKey = "lesson.error.unavailable";
inline constexpr const char* kLessonNotSavedKey = "lesson.error.not_saved";
inline constexpr const char* kCertificateIssuedKey = "lesson.certificate.issued";

// [SECTION] Actions handled here (each returns the effects to run)

std::vector<Effect> ReduceLesson(AppState& state, const OpenLesson& action);
std::vector<Effect> ReduceLesson(AppState& state, const LessonNext& action);
std::vector<Effect> ReduceLesson(AppState& state, const LessonBack& action);
std::vector<Effect> ReduceLesson(AppState& state, const ToggleSlowPace& action);
std::vector<Effect> ReduceLesson(AppState& state, const PracticeDone& action);
std::vector<Effect> ReduceLesson(AppState& state, const ChooseOption& action);
std::vector<Effect> ReduceLesson(AppState& state, const ClearChoice& action);
std::vector<Effect> ReduceLesson(AppState& state, const CheckAnswer& action);
std::vector<Effect> ReduceLesson(AppState& state, const RetryQuiz& action);
std::vector<Effect> ReduceLesson(AppState& state, const RereadLesson& action);
std::vector<Effect> ReduceLesson(AppState& state, const OpenProgress& action);
std::vector<Effect> ReduceLesson(AppState& state, const SignInToSaveProgress& action);
std::vector<Effect> ReduceLesson(AppState& state, const CourseLessonsLoaded& action);
std::vector<Effect> ReduceLesson(AppState& state, const LessonLoaded& action);
std::vector<Effect> ReduceLesson(AppState& state, const LessonUnavailable& action);
std::vector<Effect> ReduceLesson(AppState& state, const LessonProgressSaved& action);
std::vector<Effect> ReduceLesson(AppState& state, const LessonSaveFailed& action);
std::vector<Effect> ReduceLesson(AppState& state, const ProgressLoaded& action);
std::vector<Effect> ReduceLesson(AppState& state, const CertificateIssued& action);

// The actions above: reduce.cpp forwards each of them here.
template <typename A>
concept LessonAction = requires(AppState& state, const A& action) {
  { ReduceLesson(state, action) } -> std::same_as<std::vector<Effect>>;
};

// [SECTION] Hooks called from reduce.cpp

// GoBack on the lesson screen (back to the course page, which is read again: marks and seats may
// have changed) or on "My progress" (back where it was opened). nullopt on other screens.
std::optional<std::vector<Effect>> BackOnLessonScreen(AppState& state);

// After every action: asks for what the lesson screens show when it is missing or out of date
// (the course's lessons for this person and language, the lesson in a new language, "My
// progress"), and forgets a lesson list that belongs to a course no longer open. Pulled changes
// (SyncStatusChanged with data_changed) reload the lesson list and "My progress", never the
// lesson in progress: a new pack version reaches the person at their next lesson. Puts up the
// certificate notice when its time has come, and forgets it once it is dismissed.
void FollowLessons(AppState& state, const Action& action, std::vector<Effect>& effects);

// Part of FollowLessons (reduce_certificate.cpp): puts the notice of a certificate just issued up
// when no page or question of a lesson shows and no other notice is up, and forgets the
// certificate once its notice is down.
void FollowCertificateNotice(AppState& state);

}  // namespace raida::kiosk
