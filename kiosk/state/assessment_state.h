// AssessmentState: what the "What work suits me?" screens show — the self-assessment's content,
// where the person is in it (intro, one statement, one skill or one question about their
// situation at a time, the result), their answers so far and how they are saved.
//
// It is one field of AppState (AppState::assessment), written only by Reduce
// (reduce_assessment.cpp). Everything personal in it (answers, result, completed courses, the
// saved response) is forgotten on the welcome and fault screens, i.e. on every sign-out, timeout
// or fault; only the content (not personal) and the attempt counter stay for the kiosk's life.
// Nothing here includes ImGui, GLFW or SQLite.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "raida/core/riasec.h"

namespace raida::kiosk {

enum class Screen;  // app_state.h

// The course the self-assessment belongs to: its course page offers "What work suits me?".
inline constexpr const char* kAssessmentCourseId = "course.vocational-interests";

enum class AssessmentStep {
  kIntro,       // what it is, Start / Continue / Start again
  kStatement,   // statement `index` of the content's statements
  kSkill,       // skill `index` of the self-rating
  kConstraint,  // question `index` about the person's situation
  kResult,      // the result in plain words with the suggested courses
};

struct AssessmentState {
  // Loaded once from assets/assessment/riasec.json (all three languages); null until then.
  std::shared_ptr<const core::RiasecContent> content;
  bool loading = false;     // a LoadAssessment is on its way
  std::string loading_for;  // the person it was asked for ("" for a guest)
  bool loaded = false;      // the answers below belong to `person_id` as stored (or a guest)

  AssessmentStep step = AssessmentStep::kIntro;
  int index = 0;  // the statement, skill or question shown
  core::RiasecAnswers answers;
  std::optional<core::RiasecResult> result;  // set when the person finished (kResult)
  std::vector<std::string> done_courses;     // courses the person completed (left out)

  // Saving (a signed-in person only): every step saves the whole answers (and, once finished,
  // the result) to one assessment_response. `attempt` names this run of the questions to the
  // storage lane, which remembers the response it created for it, so saves that overtake the
  // first one's answer never create a second row.
  std::string person_id;    // whose answers these are; "" for a guest (nothing is saved)
  std::string response_id;  // the saved response; "" until the first save answers
  uint64_t attempt = 0;
  uint64_t attempts_started = 0;  // kept for the kiosk's life: attempts are never reused

  Screen return_screen{};          // where Back on the intro or result leaves for
  bool sign_in_requested = false;  // "Sign in to keep your answers" is under way
};

}  // namespace raida::kiosk
