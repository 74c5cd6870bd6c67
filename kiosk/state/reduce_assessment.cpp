// The reducer's part for the self-assessment (see reduce_assessment.h for the flow and what is
// saved when).
//
// [SECTION] Helpers    where the person is, moving on and back, saving
// [SECTION] Actions
// [SECTION] Hooks      GoBack and FollowAssessment
//
// The position kept in state is the one shown: (step, index). Answering moves one on (past the
// last statement into the skills, past the last skill into the questions about the person's
// situation, past the last question to the scored result); Back moves one back. The answers
// themselves are a map by id, so going back and answering again simply replaces one answer.
#include "kiosk/state/reduce_assessment.h"

#include <algorithm>
#include <string>
#include <tuple>
#include <utility>

namespace raida::kiosk {
namespace {

// [SECTION] Helpers

std::string PersonId(const AppState& state) { return state.person ? state.person->id : ""; }

bool IsQuestion(AssessmentStep step) {
  return step == AssessmentStep::kStatement || step == AssessmentStep::kSkill ||
         step == AssessmentStep::kConstraint;
}

// How many statements, skills or questions the step has.
int CountOf(const core::RiasecContent& content, AssessmentStep step) {
  switch (step) {
    case AssessmentStep::kStatement: {
      return static_cast<int>(content.statements.size());
    }
    case AssessmentStep::kSkill: {
      return static_cast<int>(content.skills.size());
    }
    case AssessmentStep::kConstraint: {
      return static_cast<int>(content.constraints.size());
    }
    case AssessmentStep::kIntro:
    case AssessmentStep::kResult: {
      return 0;
    }
  }
  return 0;
}

AssessmentStep NextStep(AssessmentStep step) {
  switch (step) {
    case AssessmentStep::kIntro: {
      return AssessmentStep::kStatement;
    }
    case AssessmentStep::kStatement: {
      return AssessmentStep::kSkill;
    }
    case AssessmentStep::kSkill: {
      return AssessmentStep::kConstraint;
    }
    case AssessmentStep::kConstraint:
    case AssessmentStep::kResult: {
      return AssessmentStep::kResult;
    }
  }
  return AssessmentStep::kResult;
}

// The content is there and the answers shown belong to whoever is at the kiosk.
bool Ready(const AppState& state) {
  const AssessmentState& a = state.assessment;
  return a.content != nullptr && a.loaded && !a.loading && a.person_id == PersonId(state);
}

bool OnScreen(const AppState& state, AssessmentStep step) {
  return state.screen == Screen::kAssessment && Ready(state) && state.assessment.step == step;
}

// Forgets everything personal; the content and the attempt counter stay, and with
// `keep_navigation` also where Back leaves for and a sign-in under way.
void ForgetAnswers(AssessmentState& a, bool keep_navigation) {
  AssessmentState fresh;
  fresh.content = std::move(a.content);
  fresh.attempts_started = a.attempts_started;
  if (keep_navigation) {
    fresh.return_screen = a.return_screen;
    fresh.sign_in_requested = a.sign_in_requested;
  }
  a = std::move(fresh);
}

void NewAttempt(AssessmentState& a) {
  a.attempt = ++a.attempts_started;
  a.response_id.clear();
}

bool HasAnswers(const AssessmentState& a) {
  return !a.answers.statements.empty() || !a.answers.skills.empty() ||
         !a.answers.constraints.empty();
}

// The whole answers (and the result once finished) of a signed-in person; nothing for a guest.
std::vector<Effect> Save(const AppState& state) {
  const AssessmentState& a = state.assessment;
  if (a.person_id.empty() || a.person_id != PersonId(state)) {
    return {};
  }
  return {SaveAssessment{a.person_id, a.attempt, a.response_id,
                         core::EncodeRiasecAnswers(a.answers),
                         a.result ? core::EncodeRiasecResult(*a.result) : ""}};
}

void Finish(AssessmentState& a) {
  a.result = core::ScoreRiasec(*a.content, a.answers, a.done_courses);
  a.step = AssessmentStep::kResult;
  a.index = 0;
}

// One on from the question shown; past the last one the answers are scored. Saves.
std::vector<Effect> StepForward(AppState& state) {
  AssessmentState& a = state.assessment;
  ++a.index;
  while (IsQuestion(a.step) && a.index >= CountOf(*a.content, a.step)) {
    a.step = NextStep(a.step);
    a.index = 0;
  }
  if (a.step == AssessmentStep::kResult) {
    Finish(a);
  }
  return Save(state);
}

// One back from the question shown: the last of the part before, or the intro.
void StepBack(AssessmentState& a) {
  if (a.index > 0) {
    --a.index;
    return;
  }
  for (AssessmentStep step = a.step; step != AssessmentStep::kStatement;) {
    step =
        step == AssessmentStep::kConstraint ? AssessmentStep::kSkill : AssessmentStep::kStatement;
    const int count = CountOf(*a.content, step);
    if (count > 0) {
      a.step = step;
      a.index = count - 1;
      return;
    }
  }
  a.step = AssessmentStep::kIntro;
}

// Back where the assessment was opened: the catalog, or the course page (read again: the
// language may have changed meanwhile).
std::vector<Effect> Leave(AppState& state) {
  const Screen back = state.assessment.return_screen;
  if (back == Screen::kCourse && !state.course_requested_id.empty()) {
    state.screen = Screen::kCourse;
    state.course_loading = true;
    return {LoadCourse{state.course_requested_id, state.language}};
  }
  state.screen = Screen::kCatalog;
  if (state.catalog.empty() && !state.catalog_loading) {
    state.catalog_loading = true;
    return {LoadCatalog{state.language}};
  }
  return {};
}

// Shows the assessment of whoever is at the kiosk: loads what is missing, else the intro (or the
// result of a finished run).
void Prepare(AppState& state, std::vector<Effect>& effects) {
  AssessmentState& a = state.assessment;
  const std::string person = PersonId(state);
  if (a.loading && a.loading_for == person) {
    return;
  }
  if (a.content == nullptr || !a.loaded || a.person_id != person) {
    if (a.person_id != person) {
      ForgetAnswers(a, /*keep_navigation=*/true);
    }
    if (a.content != nullptr && person.empty()) {
      a.loaded = true;  // a guest has nothing stored
      NewAttempt(a);
    } else {
      a.loading = true;
      a.loading_for = person;
      a.person_id = person;  // what comes back is theirs (loaded stays false until then)
      effects.push_back(LoadAssessment{person, a.content == nullptr});
      return;
    }
  }
  if (a.step != AssessmentStep::kResult || !a.result) {
    a.step = AssessmentStep::kIntro;
    a.index = 0;
  }
}

// The sign-in screen as "Sign in to keep your answers" left it, wiped.
void ResetSignInFields(AppState& state) {
  std::fill(state.sign_in_card.begin(), state.sign_in_card.end(), '\0');
  state.sign_in_card.clear();
  state.sign_in_step = SignInStep::kCard;
  state.signing_in = false;
  state.sign_in_error_key.clear();
}

}  // namespace

std::pair<AssessmentStep, int> FirstOpenStep(const core::RiasecContent& content,
                                             const core::RiasecAnswers& answers) {
  for (size_t i = 0; i < content.statements.size(); ++i) {
    if (answers.statements.count(content.statements[i].id) == 0) {
      return {AssessmentStep::kStatement, static_cast<int>(i)};
    }
  }
  for (size_t i = 0; i < content.skills.size(); ++i) {
    if (answers.skills.count(content.skills[i].id) == 0) {
      return {AssessmentStep::kSkill, static_cast<int>(i)};
    }
  }
  for (size_t i = 0; i < content.constraints.size(); ++i) {
    if (answers.constraints.count(content.constraints[i].id) == 0) {
      return {AssessmentStep::kConstraint, static_cast<int>(i)};
    }
  }
  return {AssessmentStep::kResult, 0};
}

// [SECTION] Actions

std::vector<Effect> ReduceAssessment(AppState& state, const OpenAssessment&) {
  if (state.screen != Screen::kCatalog && state.screen != Screen::kCourse) {
    return {};
  }
  state.assessment.return_screen = state.screen;
  state.screen = Screen::kAssessment;
  state.notice_key.clear();
  std::vector<Effect> effects;
  Prepare(state, effects);
  return effects;
}

std::vector<Effect> ReduceAssessment(AppState& state, const StartAssessment&) {
  if (!OnScreen(state, AssessmentStep::kIntro)) {
    return {};
  }
  AssessmentState& a = state.assessment;
  std::tie(a.step, a.index) = FirstOpenStep(*a.content, a.answers);
  if (a.step == AssessmentStep::kResult) {
    Finish(a);  // everything was answered (the content changed): score it now
    return Save(state);
  }
  return {};
}

std::vector<Effect> ReduceAssessment(AppState& state, const RestartAssessment&) {
  if (!OnScreen(state, AssessmentStep::kIntro) && !OnScreen(state, AssessmentStep::kResult)) {
    return {};
  }
  AssessmentState& a = state.assessment;
  a.answers = core::RiasecAnswers{};
  a.result.reset();
  NewAttempt(a);  // a finished run stays saved as it is; the next answer starts a new one
  a.step = AssessmentStep::kStatement;
  a.index = 0;
  return {};
}

std::vector<Effect> ReduceAssessment(AppState& state, const AnswerStatement& action) {
  if (!OnScreen(state, AssessmentStep::kStatement)) {
    return {};
  }
  AssessmentState& a = state.assessment;
  const core::RiasecStatement& shown = a.content->statements[static_cast<size_t>(a.index)];
  if (shown.id != action.statement_id) {
    return {};  // a tap meant for a statement no longer shown
  }
  a.answers.statements[shown.id] = action.answer;
  return StepForward(state);
}

std::vector<Effect> ReduceAssessment(AppState& state, const RateSkill& action) {
  if (!OnScreen(state, AssessmentStep::kSkill)) {
    return {};
  }
  AssessmentState& a = state.assessment;
  const core::RiasecSkill& shown = a.content->skills[static_cast<size_t>(a.index)];
  const auto& levels = a.content->skill_levels;
  const bool known = std::any_of(levels.begin(), levels.end(), [&](const core::RiasecLevel& l) {
    return l.id == action.level_id;
  });
  if (shown.id != action.skill_id || !known) {
    return {};
  }
  a.answers.skills[shown.id] = action.level_id;
  return StepForward(state);
}

std::vector<Effect> ReduceAssessment(AppState& state, const AnswerConstraint& action) {
  if (!OnScreen(state, AssessmentStep::kConstraint)) {
    return {};
  }
  AssessmentState& a = state.assessment;
  const core::RiasecConstraint& shown = a.content->constraints[static_cast<size_t>(a.index)];
  const bool known =
      std::any_of(shown.options.begin(), shown.options.end(),
                  [&](const core::RiasecOption& option) { return option.id == action.option_id; });
  if (shown.id != action.constraint_id || !known) {
    return {};
  }
  a.answers.constraints[shown.id] = action.option_id;
  return StepForward(state);
}

std::vector<Effect> ReduceAssessment(AppState& state, const StopAssessment&) {
  if (state.screen != Screen::kAssessment || !IsQuestion(state.assessment.step)) {
    return {};
  }
  return Leave(state);  // the answers stay; opening it again offers "Continue"
}

std::vector<Effect> ReduceAssessment(AppState& state, const SignInToKeepAssessment&) {
  if (state.screen != Screen::kAssessment || state.person) {
    return {};
  }
  state.assessment.sign_in_requested = true;
  state.screen = Screen::kSignIn;
  state.chosen_offering_id.reset();
  ResetSignInFields(state);
  state.after_sign_in = Screen::kCourse;  // FollowAssessment brings the person back here
  state.notice_key.clear();
  return {};
}

std::vector<Effect> ReduceAssessment(AppState& state, const OpenSuggestedCourse& action) {
  if (!OnScreen(state, AssessmentStep::kResult) || !state.assessment.result) {
    return {};
  }
  const auto& courses = state.assessment.result->courses;
  if (std::find(courses.begin(), courses.end(), action.course_id) == courses.end()) {
    return {};
  }
  state.screen = Screen::kCourse;
  state.course.reset();
  state.course_loading = true;
  state.course_requested_id = action.course_id;
  state.chosen_offering_id.reset();
  state.notice_key.clear();
  return {LoadCourse{action.course_id, state.language}};
}

std::vector<Effect> ReduceAssessment(AppState& state, const AssessmentLoaded& action) {
  AssessmentState& a = state.assessment;
  if (action.content) {
    a.content = action.content;  // not personal: kept whoever asked
  }
  if (!a.loading || action.person_id != a.loading_for || action.person_id != PersonId(state) ||
      a.content == nullptr) {
    return {};  // someone else is at the kiosk by now
  }
  a.loading = false;
  a.loaded = true;
  a.person_id = action.person_id;
  a.done_courses = action.done_courses;
  a.answers = action.saved ? action.saved->answers : core::RiasecAnswers{};
  a.result.reset();
  NewAttempt(a);
  a.step = AssessmentStep::kIntro;
  a.index = 0;
  if (action.saved) {
    a.response_id = action.saved->response_id;
    if (action.saved->finished) {
      Finish(a);  // shown again, scored with today's completed courses; nothing to save
    }
  }
  return {};
}

std::vector<Effect> ReduceAssessment(AppState& state, const AssessmentUnavailable&) {
  AssessmentState& a = state.assessment;
  if (!a.loading) {
    return {};
  }
  a.loading = false;
  a.loading_for.clear();
  if (state.screen != Screen::kAssessment) {
    return {};
  }
  std::vector<Effect> effects = Leave(state);
  state.notice_key = kAssessmentUnavailableKey;
  return effects;
}

std::vector<Effect> ReduceAssessment(AppState& state, const AssessmentSaved& action) {
  AssessmentState& a = state.assessment;
  if (action.person_id == a.person_id && action.attempt == a.attempt) {
    a.response_id = action.response_id;
  }
  return {};
}

std::vector<Effect> ReduceAssessment(AppState& state, const AssessmentSaveFailed& action) {
  if (state.screen == Screen::kAssessment && state.person) {
    state.notice_key = action.notice_key;
  }
  return {};
}

// [SECTION] Hooks

std::optional<std::vector<Effect>> BackOnAssessmentScreen(AppState& state) {
  AssessmentState& a = state.assessment;
  if (state.screen == Screen::kSignIn && a.sign_in_requested) {
    a.sign_in_requested = false;
    ResetSignInFields(state);
    state.screen = Screen::kAssessment;
    return std::vector<Effect>{};
  }
  if (state.screen != Screen::kAssessment) {
    return std::nullopt;
  }
  if (!Ready(state) || a.step == AssessmentStep::kIntro || a.step == AssessmentStep::kResult) {
    return Leave(state);
  }
  StepBack(a);
  return std::vector<Effect>{};
}

void FollowAssessment(AppState& state, const Action& action, std::vector<Effect>& effects) {
  AssessmentState& a = state.assessment;
  if (state.screen == Screen::kWelcome || state.screen == Screen::kFault) {
    ForgetAnswers(a, /*keep_navigation=*/false);  // sign-out, timeout, fault: nothing stays
    return;
  }
  const std::string person = PersonId(state);
  if (a.loading && a.loading_for != person) {
    a.loading = false;  // its answer is for someone no longer here: dropped when it comes
    a.loading_for.clear();
  }
  if (a.person_id != person) {
    if (a.person_id.empty() && !person.empty() && a.loaded && HasAnswers(a)) {
      a.person_id = person;  // the guest signed in: these answers are now theirs, and kept
      NewAttempt(a);
      for (Effect& effect : Save(state)) {
        effects.push_back(std::move(effect));
      }
    } else {
      ForgetAnswers(a, /*keep_navigation=*/true);
    }
  }
  if (a.sign_in_requested && state.screen != Screen::kSignIn) {
    a.sign_in_requested = false;
    if (state.person && state.screen == Screen::kCourse && HoldsMessage<SignInDone>(action)) {
      state.screen = Screen::kAssessment;  // back to the questions, now kept for this person
    }
  }
  if (state.screen == Screen::kAssessment && !Ready(state) && !a.loading) {
    Prepare(state, effects);
  }
}

}  // namespace raida::kiosk
