// The reducer's part for the coordinator's "Action plan" (CoordinatorView::kPlan), opened from a
// person's record: the plan loaded, a goal or a step entered one answer at a time (a title that
// is empty or a date that cannot be is refused on screen, nothing changes), a step marked done or
// not done (asked first when undoing), a goal achieved or not (asked first when undoing), the
// plan made active, closed (asked first) or opened again, and a summary printed for the person.
// Every action that reads or changes the plan asks for exactly one audit entry (WriteAudit: ids
// and an action name only). Pure, like the rest of the reducer.
//
// A due date in the past is allowed: a coordinator may write down a step the person already had
// to take (from paper, or agreed last week). The date entry says so in words before saving, and
// the plan shows an unfinished step whose date has passed as "date passed".
//
// reduce_coordinator.cpp calls BackInPlan from BackOnCoordinatorScreen; reduce.cpp dispatches the
// actions of plan_actions.h here.
#pragma once

#include <concepts>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kiosk/state/actions.h"
#include "kiosk/state/app_state.h"
#include "kiosk/state/effects.h"

namespace raida::kiosk {

// Audit action names (AuditEntry::action).
inline constexpr const char* kAuditPlanView = "plan.view";
inline constexpr const char* kAuditPlanGoalAdd = "plan.goal_add";
inline constexpr const char* kAuditPlanStepAdd = "plan.step_add";
inline constexpr const char* kAuditPlanStepDone = "plan.step_done";
inline constexpr const char* kAuditPlanGoalAchieved = "plan.goal_achieved";
inline constexpr const char* kAuditPlanStatus = "plan.status";
inline constexpr const char* kAuditPlanPrint = "plan.print";
inline constexpr const char* kAuditPlanStepNote = "plan.step_note";

// Longest goal or step title, in code points.
inline constexpr size_t kMaxPlanTitleChars = 80;
// Longest step note, in code points.
inline constexpr size_t kMaxPlanNoteChars = 300;
// Digits of a due date on the number pad (YYYYMMDD).
inline constexpr size_t kPlanDateDigits = 8;

// True for "YYYY-MM-DD" naming a day that exists (2026-02-30 and 2026-13-01 do not), years
// 2000 to 2099.
bool IsPlanDate(std::string_view iso_date);
// "YYYY-MM-DD" from the pad's digits "YYYYMMDD"; "" when there are not exactly eight digits.
std::string PlanDateFromDigits(std::string_view digits);
// `text` without spaces at either end.
std::string TrimPlanTitle(std::string_view text);
// True for one of kPlanInstitutions.
bool IsPlanInstitution(std::string_view institution);
// {steps done, steps} over every goal of `plan`.
std::pair<int, int> PlanProgress(const PlanView& plan);

// [SECTION] Actions handled here

std::vector<Effect> ReducePlan(AppState& state, const OpenPlan& action);
std::vector<Effect> ReducePlan(AppState& state, const AddPlanGoal& action);
std::vector<Effect> ReducePlan(AppState& state, const AddPlanStep& action);
std::vector<Effect> ReducePlan(AppState& state, const SubmitPlanTitle& action);
std::vector<Effect> ReducePlan(AppState& state, const ChoosePlanInstitution& action);
std::vector<Effect> ReducePlan(AppState& state, const SubmitPlanDue& action);
std::vector<Effect> ReducePlan(AppState& state, const SkipPlanDue& action);
std::vector<Effect> ReducePlan(AppState& state, const TapPlanStep& action);
std::vector<Effect> ReducePlan(AppState& state, const TapPlanGoal& action);
std::vector<Effect> ReducePlan(AppState& state, const ChangePlanStatus& action);
std::vector<Effect> ReducePlan(AppState& state, const AnswerPlanQuestion& action);
std::vector<Effect> ReducePlan(AppState& state, const PrintPlanSummary& action);
std::vector<Effect> ReducePlan(AppState& state, const DismissPlanNotice& action);
std::vector<Effect> ReducePlan(AppState& state, const PlanLoaded& action);
std::vector<Effect> ReducePlan(AppState& state, const PlanChangeFailed& action);
std::vector<Effect> ReducePlan(AppState& state, const PlanPrinted& action);
std::vector<Effect> ReducePlan(AppState& state, const OpenPlanNote& action);
std::vector<Effect> ReducePlan(AppState& state, const SubmitPlanNote& action);

template <typename A>
concept PlanAction = requires(AppState& state, const A& action) {
  { ReducePlan(state, action) } -> std::same_as<std::vector<Effect>>;
};

// [SECTION] Hook called from reduce_coordinator.cpp

// GoBack on kPlan: a question closes; an entry goes back one answer (the due date to the
// institution, the institution to the title, a title to the plan); the plan goes back to the
// person's record, forgetting the plan. Always true (handled).
bool BackInPlan(AppState& state);
// Overwrites every opened note in `plan` with zeros and empties it, before the plan state is
// dropped (leaving the plan, the sign-out), so the text does not linger in freed memory.
void WipePlanNotes(PlanState& plan);

}  // namespace raida::kiosk
