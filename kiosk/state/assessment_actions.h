// Actions of the "What work suits me?" self-assessment (reduced in reduce_assessment.cpp).
// Included by actions.h, whose Action variant lists them.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/state/assessment_state.h"
#include "raida/core/riasec.h"

namespace raida::kiosk {

// [SECTION] Person-caused

// "What work suits me?" on the catalog or on the vocational-interests course page.
struct OpenAssessment {};
// Intro: "Start" / "Continue": the first statement, skill or question not yet answered.
struct StartAssessment {};
// Intro "Start again" / result "Answer again": a new, empty run (a finished one stays saved).
struct RestartAssessment {};
// One of the three picture buttons under statement `statement_id` (the one shown).
struct AnswerStatement {
  std::string statement_id;
  core::InterestAnswer answer = core::InterestAnswer::kYes;
};
// A level ("none", "some", "good") for the skill shown.
struct RateSkill {
  std::string skill_id;
  std::string level_id;
};
// An option for the question about the person's situation shown.
struct AnswerConstraint {
  std::string constraint_id;
  std::string option_id;
};
// "Stop for now": back where the assessment was opened; the answers stay (saved when signed in).
struct StopAssessment {};
// A guest's "Sign in to keep your answers" (intro and result).
struct SignInToKeepAssessment {};
// A suggested course on the result: its course page.
struct OpenSuggestedCourse {
  std::string course_id;
};

// [SECTION] Worker results

// The person's latest saved response (nullopt: none, or a guest) and completed courses; the
// content when it was asked for (null otherwise).
struct SavedAssessment {
  std::string response_id;
  core::RiasecAnswers answers;
  bool finished = false;  // it has a result
};
struct AssessmentLoaded {
  std::string person_id;  // "" for a guest
  std::shared_ptr<const core::RiasecContent> content;
  std::optional<SavedAssessment> saved;
  std::vector<std::string> done_courses;
};
// The content file is missing or broken (logged): a notice, the rest of the kiosk works on.
struct AssessmentUnavailable {};
// A SaveAssessment committed: `response_id` is the response of (person, attempt).
struct AssessmentSaved {
  std::string person_id;
  uint64_t attempt = 0;
  std::string response_id;
};
// A step could not be saved for a reason the person should hear of.
struct AssessmentSaveFailed {
  std::string notice_key;
};

}  // namespace raida::kiosk
