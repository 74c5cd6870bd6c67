// "Action plan" in the reducer (see reduce_plan.h).
//
// Every action checks that a signed-in coordinator is on the plan view of the person whose plan
// is loaded, so a resident (or a late worker result after a sign-out or after leaving the plan)
// changes nothing. A refused answer sets error_key and returns no effect: nothing is written and
// nothing is audited.
#include "kiosk/state/reduce_plan.h"

#include <algorithm>

#include "kiosk/state/text_edit.h"

namespace raida::kiosk {
namespace {

constexpr const char* kErrorEmptyTitle = "plan.error.empty_title";
constexpr const char* kErrorDateDigits = "plan.error.date_digits";
constexpr const char* kErrorImpossibleDate = "plan.error.impossible_date";
constexpr const char* kNoticeGone = "plan.notice.gone";
constexpr const char* kNoticePrintFailed = "plan.notice.print_failed";
constexpr const char* kNoticePrinted = "plan.notice.printed";
constexpr const char* kNoticeSaved = "plan.notice.saved";
constexpr const char* kLanguages[] = {"lt", "pl", "en"};

bool OnPlan(const AppState& state) {
  return state.screen == Screen::kCoordinator && state.coordinator.signed_in &&
         state.coordinator.view == CoordinatorView::kPlan;
}

const std::string& CoordinatorId(const AppState& state) { return state.coordinator.signed_in->id; }

PlanState& Plan(AppState& state) { return state.coordinator.person.plan; }

// The plan on screen, when nothing is on its way, asked or being entered.
PlanState* IdlePlan(AppState& state) {
  PlanState& plan = Plan(state);
  if (!OnPlan(state) || plan.loading || plan.busy || plan.question != PlanQuestion::kNone ||
      plan.edit != PlanEdit::kNone) {
    return nullptr;
  }
  return &plan;
}

// As IdlePlan, and the plan can be changed (it is not closed).
PlanState* EditablePlan(AppState& state) {
  PlanState* plan = IdlePlan(state);
  return plan != nullptr && plan->plan.status != "closed" ? plan : nullptr;
}

PlanGoalView* FindGoal(PlanView& plan, const std::string& goal_id) {
  for (PlanGoalView& goal : plan.goals) {
    if (goal.id == goal_id) {
      return &goal;
    }
  }
  return nullptr;
}

PlanStepView* FindStep(PlanView& plan, const std::string& step_id) {
  for (PlanGoalView& goal : plan.goals) {
    for (PlanStepView& step : goal.steps) {
      if (step.id == step_id) {
        return &step;
      }
    }
  }
  return nullptr;
}

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int Digits(std::string_view text) {
  int value = 0;
  for (const char c : text) {
    value = value * 10 + (c - '0');
  }
  return value;
}

std::vector<Effect> SaveStepDone(AppState& state, const std::string& step_id, bool done) {
  PlanState& plan = Plan(state);
  plan.busy = true;
  plan.notice_key.clear();
  return {SavePlanStepDone{plan.person_id, step_id, done},
          WriteAudit{CoordinatorId(state), kAuditPlanStepDone, "plan_step", step_id}};
}

std::vector<Effect> SaveGoalAchieved(AppState& state, const std::string& goal_id, bool achieved) {
  PlanState& plan = Plan(state);
  plan.busy = true;
  plan.notice_key.clear();
  return {SavePlanGoalAchieved{plan.person_id, goal_id, achieved},
          WriteAudit{CoordinatorId(state), kAuditPlanGoalAchieved, "plan_goal", goal_id}};
}

std::vector<Effect> SaveStatus(AppState& state, const std::string& status) {
  PlanState& plan = Plan(state);
  plan.busy = true;
  plan.notice_key.clear();
  return {SavePlanStatus{plan.person_id, plan.plan.id, status},
          WriteAudit{CoordinatorId(state), kAuditPlanStatus, "action_plan", plan.plan.id}};
}

// The new step with its due date ("" = none): saved, and the entry ends.
std::vector<Effect> SaveStep(AppState& state, const std::string& due_on) {
  PlanState& plan = Plan(state);
  SavePlanStep save{plan.person_id, plan.goal_id, plan.step_title, plan.institution, due_on};
  const std::string goal_id = plan.goal_id;
  plan.edit = PlanEdit::kNone;
  plan.error_key.clear();
  plan.step_title.clear();
  plan.institution.clear();
  plan.busy = true;
  return {std::move(save),
          WriteAudit{CoordinatorId(state), kAuditPlanStepAdd, "plan_goal", goal_id}};
}

}  // namespace

// [SECTION] Words and dates

bool IsPlanDate(std::string_view iso) {
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') {
    return false;
  }
  for (const size_t at : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (iso[at] < '0' || iso[at] > '9') {
      return false;
    }
  }
  const int year = Digits(iso.substr(0, 4));
  const int month = Digits(iso.substr(5, 2));
  const int day = Digits(iso.substr(8, 2));
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (year < 2000 || year > 2099 || month < 1 || month > 12 || day < 1) {
    return false;
  }
  const int days = kDays[month - 1] + (month == 2 && IsLeapYear(year) ? 1 : 0);
  return day <= days;
}

std::string PlanDateFromDigits(std::string_view digits) {
  if (digits.size() != kPlanDateDigits ||
      !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::string();
  }
  return std::string(digits.substr(0, 4)) + "-" + std::string(digits.substr(4, 2)) + "-" +
         std::string(digits.substr(6, 2));
}

std::string TrimPlanTitle(std::string_view text) {
  const size_t first = text.find_first_not_of(" \t\n");
  if (first == std::string_view::npos) {
    return std::string();
  }
  const size_t last = text.find_last_not_of(" \t\n");
  return std::string(text.substr(first, last - first + 1));
}

bool IsPlanInstitution(std::string_view institution) {
  for (const char* name : kPlanInstitutions) {
    if (institution == name) {
      return true;
    }
  }
  return false;
}

std::pair<int, int> PlanProgress(const PlanView& plan) {
  int done = 0;
  int total = 0;
  for (const PlanGoalView& goal : plan.goals) {
    for (const PlanStepView& step : goal.steps) {
      done += step.done ? 1 : 0;
      ++total;
    }
  }
  return {done, total};
}

// [SECTION] Hook

bool BackInPlan(AppState& state) {
  PlanState& plan = Plan(state);
  plan.error_key.clear();
  if (plan.question != PlanQuestion::kNone) {
    plan.question = PlanQuestion::kNone;
    plan.question_id.clear();
    return true;
  }
  switch (plan.edit) {
    case PlanEdit::kStepDue:
      plan.edit = PlanEdit::kStepInstitution;
      return true;
    case PlanEdit::kStepInstitution:
      plan.edit = PlanEdit::kStepTitle;
      return true;
    case PlanEdit::kStepNote:
      plan.edit = PlanEdit::kNone;
      plan.step_id.clear();
      return true;
    case PlanEdit::kGoalTitle:
    case PlanEdit::kStepTitle:
      plan.edit = PlanEdit::kNone;
      plan.step_title.clear();
      plan.institution.clear();
      return true;
    case PlanEdit::kNone:
      break;
  }
  WipePlanNotes(plan);
  plan = PlanState{};
  state.coordinator.view = CoordinatorView::kPerson;
  return true;
}

void WipePlanNotes(PlanState& plan) {
  for (PlanGoalView& goal : plan.plan.goals) {
    for (PlanStepView& step : goal.steps) {
      std::fill(step.note.begin(), step.note.end(), '\0');
      step.note.clear();
    }
  }
}

// [SECTION] Opening and loading

std::vector<Effect> ReducePlan(AppState& state, const OpenPlan&) {
  PersonState& person = state.coordinator.person;
  if (state.screen != Screen::kCoordinator || !state.coordinator.signed_in ||
      state.coordinator.view != CoordinatorView::kPerson || !person.record || person.busy ||
      person.question != PersonQuestion::kNone || !person.shown_certificate.empty()) {
    return {};
  }
  state.coordinator.view = CoordinatorView::kPlan;
  person.plan = PlanState{};
  person.plan.person_id = person.record->id;
  person.plan.loading = true;
  return {LoadPlan{person.record->id},
          WriteAudit{CoordinatorId(state), kAuditPlanView, "person", person.record->id}};
}

std::vector<Effect> ReducePlan(AppState& state, const PlanLoaded& action) {
  PlanState& plan = Plan(state);
  if (!OnPlan(state) || action.person_id != plan.person_id) {
    return {};
  }
  WipePlanNotes(plan);
  plan.plan = action.plan;
  plan.loading = false;
  plan.busy = false;
  return {};
}

std::vector<Effect> ReducePlan(AppState& state, const PlanChangeFailed& action) {
  PlanState& plan = Plan(state);
  if (!OnPlan(state) || action.person_id != plan.person_id) {
    return {};
  }
  plan.loading = false;
  plan.busy = false;
  plan.notice_key = action.notice_key.empty() ? kNoticeGone : action.notice_key;
  return {};
}

// [SECTION] A new goal or step

std::vector<Effect> ReducePlan(AppState& state, const AddPlanGoal&) {
  if (PlanState* plan = EditablePlan(state)) {
    plan->edit = PlanEdit::kGoalTitle;
    plan->error_key.clear();
    plan->notice_key.clear();
  }
  return {};
}

std::vector<Effect> ReducePlan(AppState& state, const AddPlanStep& action) {
  PlanState* plan = EditablePlan(state);
  if (plan == nullptr || FindGoal(plan->plan, action.goal_id) == nullptr) {
    return {};
  }
  plan->edit = PlanEdit::kStepTitle;
  plan->goal_id = action.goal_id;
  plan->step_title.clear();
  plan->institution.clear();
  plan->error_key.clear();
  plan->notice_key.clear();
  return {};
}

std::vector<Effect> ReducePlan(AppState& state, const SubmitPlanTitle& action) {
  PlanState& plan = Plan(state);
  if (!OnPlan(state) || plan.busy ||
      (plan.edit != PlanEdit::kGoalTitle && plan.edit != PlanEdit::kStepTitle)) {
    return {};
  }
  const std::string title = AppendText("", TrimPlanTitle(action.text), kMaxPlanTitleChars);
  if (title.empty()) {
    plan.error_key = kErrorEmptyTitle;
    return {};
  }
  plan.error_key.clear();
  if (plan.edit == PlanEdit::kStepTitle) {
    plan.step_title = title;
    plan.edit = PlanEdit::kStepInstitution;
    return {};
  }
  plan.edit = PlanEdit::kNone;
  plan.busy = true;
  return {SavePlanGoal{plan.person_id, title, CoordinatorId(state)},
          WriteAudit{CoordinatorId(state), kAuditPlanGoalAdd, "person", plan.person_id}};
}

std::vector<Effect> ReducePlan(AppState& state, const ChoosePlanInstitution& action) {
  PlanState& plan = Plan(state);
  if (!OnPlan(state) || plan.busy || plan.edit != PlanEdit::kStepInstitution ||
      !IsPlanInstitution(action.institution)) {
    return {};
  }
  plan.institution = action.institution;
  plan.edit = PlanEdit::kStepDue;
  plan.error_key.clear();
  return {};
}

std::vector<Effect> ReducePlan(AppState& state, const SubmitPlanDue& action) {
  PlanState& plan = Plan(state);
  if (!OnPlan(state) || plan.busy || plan.edit != PlanEdit::kStepDue) {
    return {};
  }
  const std::string due_on = PlanDateFromDigits(action.digits);
  if (due_on.empty()) {
    plan.error_key = kErrorDateDigits;
    return {};
  }
  if (!IsPlanDate(due_on)) {
    plan.error_key = kErrorImpossibleDate;
    return {};
  }
  return SaveStep(state, due_on);
}

std::vector<Effect> ReducePlan(AppState& state, const SkipPlanDue&) {
  PlanState& plan = Plan(state);
  if (!OnPlan(state) || plan.busy || plan.edit != PlanEdit::kStepDue) {
    return {};
  }
  return SaveStep(state, "");
}

// [SECTION] Done, achieved, status

std::vector<Effect> ReducePlan(AppState& state, const TapPlanStep& action) {
  PlanState* plan = EditablePlan(state);
  PlanStepView* step = plan != nullptr ? FindStep(plan->plan, action.step_id) : nullptr;
  if (step == nullptr) {
    return {};
  }
  if (!step->done) {
    return SaveStepDone(state, step->id, true);
  }
  plan->question = PlanQuestion::kUndoStep;
  plan->question_id = step->id;
  plan->notice_key.clear();
  return {};
}

std::vector<Effect> ReducePlan(AppState& state, const TapPlanGoal& action) {
  PlanState* plan = EditablePlan(state);
  PlanGoalView* goal = plan != nullptr ? FindGoal(plan->plan, action.goal_id) : nullptr;
  if (goal == nullptr) {
    return {};
  }
  if (!goal->achieved) {
    return SaveGoalAchieved(state, goal->id, true);
  }
  plan->question = PlanQuestion::kUndoGoal;
  plan->question_id = goal->id;
  plan->notice_key.clear();
  return {};
}

std::vector<Effect> ReducePlan(AppState& state, const ChangePlanStatus& action) {
  PlanState* plan = IdlePlan(state);
  if (plan == nullptr || plan->plan.id.empty() || action.status == plan->plan.status ||
      (action.status != "active" && action.status != "closed")) {
    return {};
  }
  if (action.status == "closed") {
    plan->question = PlanQuestion::kClosePlan;
    plan->question_id = plan->plan.id;
    plan->notice_key.clear();
    return {};
  }
  return SaveStatus(state, action.status);
}

std::vector<Effect> ReducePlan(AppState& state, const AnswerPlanQuestion& action) {
  PlanState& plan = Plan(state);
  if (!OnPlan(state) || plan.busy || plan.question == PlanQuestion::kNone) {
    return {};
  }
  const PlanQuestion question = plan.question;
  const std::string id = plan.question_id;
  plan.question = PlanQuestion::kNone;
  plan.question_id.clear();
  if (!action.yes) {
    return {};
  }
  switch (question) {
    case PlanQuestion::kUndoStep: {
      const PlanStepView* step = FindStep(plan.plan, id);
      return step != nullptr && step->done ? SaveStepDone(state, id, false) : std::vector<Effect>{};
    }
    case PlanQuestion::kUndoGoal: {
      const PlanGoalView* goal = FindGoal(plan.plan, id);
      return goal != nullptr && goal->achieved ? SaveGoalAchieved(state, id, false)
                                               : std::vector<Effect>{};
    }
    case PlanQuestion::kClosePlan:
      return id == plan.plan.id && plan.plan.status != "closed" ? SaveStatus(state, "closed")
                                                                : std::vector<Effect>{};
    case PlanQuestion::kNone:
      break;
  }
  return {};
}

// [SECTION] Print

std::vector<Effect> ReducePlan(AppState& state, const PrintPlanSummary&) {
  PlanState* plan = IdlePlan(state);
  if (plan == nullptr || plan->plan.id.empty()) {
    return {};
  }
  // The summary is the person's to take home: in their language when the kiosk has it.
  std::string language = state.language;
  const auto& record = state.coordinator.person.record;
  for (const char* known : kLanguages) {
    if (record && record->language == known) {
      language = known;
    }
  }
  plan->busy = true;
  plan->notice_key.clear();
  plan->printed_path.clear();
  return {PrintPlan{plan->person_id, plan->plan.id, language, state.today},
          WriteAudit{CoordinatorId(state), kAuditPlanPrint, "action_plan", plan->plan.id}};
}

std::vector<Effect> ReducePlan(AppState& state, const PlanPrinted& action) {
  PlanState& plan = Plan(state);
  if (!OnPlan(state) || !plan.busy || action.person_id != plan.person_id) {
    return {};
  }
  plan.busy = false;
  plan.printed_path = action.path;
  plan.notice_key = action.path.empty()      ? kNoticePrintFailed
                    : action.sent_to_printer ? kNoticePrinted
                                             : kNoticeSaved;
  return {};
}

std::vector<Effect> ReducePlan(AppState& state, const DismissPlanNotice&) {
  if (OnPlan(state)) {
    Plan(state).notice_key.clear();
  }
  return {};
}

// [SECTION] Notes

std::vector<Effect> ReducePlan(AppState& state, const OpenPlanNote& action) {
  PlanState* plan = EditablePlan(state);
  const PlanStepView* step = plan != nullptr ? FindStep(plan->plan, action.step_id) : nullptr;
  // A note that does not open here is not replaced blind: its key may only be on its way.
  if (step == nullptr || !plan->plan.notes_kept || step->note_state == PlanNote::kUnreadable) {
    return {};
  }
  plan->edit = PlanEdit::kStepNote;
  plan->step_id = step->id;
  plan->error_key.clear();
  plan->notice_key.clear();
  return {};
}

std::vector<Effect> ReducePlan(AppState& state, const SubmitPlanNote& action) {
  PlanState& plan = Plan(state);
  if (!OnPlan(state) || plan.busy || plan.edit != PlanEdit::kStepNote) {
    return {};
  }
  const PlanStepView* step = FindStep(plan.plan, plan.step_id);
  const std::string text = AppendText("", TrimPlanTitle(action.text), kMaxPlanNoteChars);
  const std::string step_id = plan.step_id;
  plan.edit = PlanEdit::kNone;
  plan.step_id.clear();
  plan.error_key.clear();
  if (step == nullptr || (text.empty() && step->note_state == PlanNote::kNone) ||
      (step->note_state == PlanNote::kShown && text == step->note)) {
    return {};  // nothing changes: nothing is written or audited
  }
  plan.busy = true;
  return {SavePlanStepNote{plan.person_id, step_id, text},
          WriteAudit{CoordinatorId(state), kAuditPlanStepNote, "plan_step", step_id}};
}

}  // namespace raida::kiosk
