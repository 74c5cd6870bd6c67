// Actions of the coordinator's "Action plan" view (reduced by reduce_plan.h). Only a signed-in
// coordinator on a person's record (OpenPlan) or on the plan (the rest) gets anything from them.
#pragma once

#include <string>

#include "kiosk/state/plan_state.h"

namespace raida::kiosk {

// [SECTION] Person-caused

// "Action plan" on a person's record: the plan opens (one "plan.view" audit entry).
struct OpenPlan {};
// "Add a goal": the goal's title on the keyboard.
struct AddPlanGoal {};
// "Add a step" under one goal: the step's title on the keyboard.
struct AddPlanStep {
  std::string goal_id;
};
// Done on the keyboard with the whole title typed (a goal's or a step's).
struct SubmitPlanTitle {
  std::string text;
};
// One of the five institution buttons (kPlanInstitutions).
struct ChoosePlanInstitution {
  std::string institution;
};
// OK on the number pad with the digits typed (YYYYMMDD).
struct SubmitPlanDue {
  std::string digits;
};
// "Without a date" on the due date step.
struct SkipPlanDue {};
// A step's button: done when it is not, or the question "not done after all?" when it is.
struct TapPlanStep {
  std::string step_id;
};
// A goal's button: achieved when it is not, or the question when it is.
struct TapPlanGoal {
  std::string goal_id;
};
// "Make the plan active", "Close the plan" (asked first) or "Open the plan again".
struct ChangePlanStatus {
  std::string status;  // "active" or "closed"
};
// The answer to the plan's confirm dialog.
struct AnswerPlanQuestion {
  bool yes = false;
};
// "Notes" on a step (or its note, to change it): the note on the keyboard.
struct OpenPlanNote {
  std::string step_id;
};
// Done on the keyboard with the note typed; an empty note clears it.
struct SubmitPlanNote {
  std::string text;
};
// "Print a summary for the person".
struct PrintPlanSummary {};
struct DismissPlanNotice {};

// [SECTION] Worker results

// The person's current plan (after opening it, or after a change).
struct PlanLoaded {
  std::string person_id;
  PlanView plan;
};
// A change refused (the person or the goal is gone, a bad title or date reached the storage):
// said in plain words with `notice_key`.
struct PlanChangeFailed {
  std::string person_id;
  std::string notice_key;
};
// The summary written to `path` ("" when it could not be) and whether `lp` took it.
struct PlanPrinted {
  std::string person_id;
  std::string path;
  bool sent_to_printer = false;
};

}  // namespace raida::kiosk
