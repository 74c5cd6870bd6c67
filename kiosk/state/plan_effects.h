// Effects of the "Action plan" view (answered on the EffectRunner's storage lane by PlanStorage,
// plan_storage.h). Each change is one transaction through core::ActionPlanRepository (captured
// into the outbox); its audit entry goes as WriteAudit (coordinator_effects.h) beside it.
#pragma once

#include <string>

#include "kiosk/state/plan_actions.h"

namespace raida::kiosk {

// -> PlanLoaded, or PlanChangeFailed (the person is not on this kiosk any more).
struct LoadPlan {
  std::string person_id;
};
// -> PlanLoaded: the goal added to the person's draft or active plan (a new draft plan, owned by
// `coordinator_id`, when there is none); PlanChangeFailed for an empty title or a gone person.
struct SavePlanGoal {
  std::string person_id;
  std::string title;
  std::string coordinator_id;
};
// -> PlanLoaded, or PlanChangeFailed (empty title, impossible date, unknown institution, or a
// goal that is not this person's).
struct SavePlanStep {
  std::string person_id;
  std::string goal_id;
  std::string title;
  std::string institution;  // one of kPlanInstitutions
  std::string due_on;       // "YYYY-MM-DD" or ""
};
// -> PlanLoaded, or PlanChangeFailed (not this person's step).
struct SavePlanStepDone {
  std::string person_id;
  std::string step_id;
  bool done = false;
};
// -> PlanLoaded, or PlanChangeFailed (not this person's goal).
struct SavePlanGoalAchieved {
  std::string person_id;
  std::string goal_id;
  bool achieved = false;
};
// -> PlanLoaded, or PlanChangeFailed (not this person's plan).
struct SavePlanStatus {
  std::string person_id;
  std::string plan_id;
  std::string status;  // "draft", "active", "closed"
};
// -> PlanLoaded: the step's note sealed with the person's key and stored ("" clears it);
// PlanChangeFailed when this kiosk has no center key (plan.notice.notes_unavailable), the person's
// key has not arrived or does not open (plan.notice.note_key_missing), or the step is not theirs.
struct SavePlanStepNote {
  std::string person_id;
  std::string step_id;
  std::string text;
};
// -> PlanPrinted: the summary (goals, steps, institutions, due dates, done; never notes) in
// `language` as <data folder>/plans/plan-<plan id>.txt, then `lp` when it is on PATH.
struct PrintPlan {
  std::string person_id;
  std::string plan_id;
  std::string language;
  std::string today;  // "2026-11-23": the "printed on" line
};

}  // namespace raida::kiosk
