// The reducer's part for the "What work suits me?" self-assessment (Screen::kAssessment): the
// intro, one statement per screen with three picture answers, the self-rating of skills, the
// questions about the person's situation, and the result with suggested courses.
//
// reduce.cpp forwards the actions of assessment_actions.h here (one overload per action; see
// AssessmentAction) and calls the two hooks below. The flow:
//   OpenAssessment (catalog, vocational-interests course page)  -> intro, or the result when
//       the person finished before; the content and, for a signed-in person, their latest
//       response and completed courses are loaded first (LoadAssessment)
//   StartAssessment   -> the first statement, skill or question without an answer
//   AnswerStatement / RateSkill / AnswerConstraint -> the next one; after the last question the
//       answers are scored (core::ScoreRiasec) and the result shows
//   GoBack            -> the previous statement, skill or question (its answer shown chosen, so
//       it can be changed); from the first statement to the intro; from the intro or the result
//       back where it was opened
// What is saved for a signed-in person, each in one committed transaction on the storage lane
// (SaveAssessment): the whole answers after every answer, and with the result once finished, to
// one assessment_response per attempt (reviewed = false, a draft for the coordinator). A guest
// takes it the same way and nothing is saved; "Sign in to keep your answers" keeps the guest's
// answers for the person who signs in. Everything personal is forgotten on the welcome and fault
// screens (sign-out, timeout, fault).
#pragma once

#include <concepts>
#include <optional>
#include <vector>

#include "kiosk/state/actions.h"
#include "kiosk/state/app_state.h"
#include "kiosk/state/effects.h"

namespace raida::kiosk {

inline constexpr const char* kAssessmentUnavailableKey = "assessment.error.unavailable";
inline constexpr const char* kAssessmentNotSavedKey = "assessment.error.not_saved";

// [SECTION] Actions handled here (each returns the effects to run)

std::vector<Effect> ReduceAssessment(AppState& state, const OpenAssessment& action);
std::vector<Effect> ReduceAssessment(AppState& state, const StartAssessment& action);
std::vector<Effect> ReduceAssessment(AppState& state, const RestartAssessment& action);
std::vector<Effect> ReduceAssessment(AppState& state, const AnswerStatement& action);
std::vector<Effect> ReduceAssessment(AppState& state, const RateSkill& action);
std::vector<Effect> ReduceAssessment(AppState& state, const AnswerConstraint& action);
std::vector<Effect> ReduceAssessment(AppState& state, const StopAssessment& action);
std::vector<Effect> ReduceAssessment(AppState& state, const SignInToKeepAssessment& action);
std::vector<Effect> ReduceAssessment(AppState& state, const OpenSuggestedCourse& action);
std::vector<Effect> ReduceAssessment(AppState& state, const AssessmentLoaded& action);
std::vector<Effect> ReduceAssessment(AppState& state, const AssessmentUnavailable& action);
std::vector<Effect> ReduceAssessment(AppState& state, const AssessmentSaved& action);
std::vector<Effect> ReduceAssessment(AppState& state, const AssessmentSaveFailed& action);

// The actions above: reduce.cpp forwards each of them here.
template <typename A>
concept AssessmentAction = requires(AppState& state, const A& action) {
  { ReduceAssessment(state, action) } -> std::same_as<std::vector<Effect>>;
};

// [SECTION] Hooks called from reduce.cpp

// GoBack on the assessment screen (see the flow above), or on the sign-in screen opened by "Sign
// in to keep your answers" (back to the assessment). nullopt on other screens.
std::optional<std::vector<Effect>> BackOnAssessmentScreen(AppState& state);

// After every action: forgets everything personal on the welcome and fault screens and when the
// signed-in person is no longer the one the answers belong to; after a sign-in asked for by the
// assessment, returns to it, keeping (and saving) the answers given so far as a guest, or
// loading the person's saved ones.
void FollowAssessment(AppState& state, const Action& action, std::vector<Effect>& effects);

// The step and index the person continues at: the first statement without an answer, then the
// first skill without a rating, then the first question without an answer; kResult when
// everything is answered.
std::pair<AssessmentStep, int> FirstOpenStep(const core::RiasecContent& content,
                                             const core::RiasecAnswers& answers);

}  // namespace raida::kiosk
