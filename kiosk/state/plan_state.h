// PlanState: what the coordinator's "Action plan" view (CoordinatorView::kPlan) shows — one
// person's current individual action plan (the newest draft or active plan, else the newest
// closed one): its goals, each with its steps (title, due date, the institution responsible,
// done or not), and the entry of a new goal or step, one question per screen: the title on the
// on-screen keyboard, then (a step) the institution as five big buttons and the due date on the
// number pad.
//
// A step may carry a note for the coordinator (sealed at rest with the person's key,
// core/sealed_notes.h): shown opened, or as a plain sentence when this kiosk cannot open it; it is
// written or changed on the keyboard, and an empty note clears it. The printed summary never
// holds notes.
//
// It is a member of PersonState (itself in CoordinatorState), so the sign-out
// (coordinator = CoordinatorState{}) and leaving the person forget every value here, opened notes
// included. Written only by the reducer (reduce_plan.h).
#pragma once

#include <string>
#include <vector>

namespace raida::kiosk {

// The institutions a step can name, as stored (core::InstitutionName), in the order the entry
// shows them.
inline constexpr const char* kPlanInstitutions[] = {"labour_office", "social_assistance", "ngo",
                                                    "training_provider", "other"};

// A step's note as this kiosk sees it.
enum class PlanNote {
  kNone,        // no note
  kShown,       // PlanStepView::note holds it, opened
  kUnreadable,  // sealed, but it does not open here: the person's key has not arrived yet, the
                // person was erased, or this kiosk has no center key
};

struct PlanStepView {
  std::string id;
  std::string title;
  std::string due_on;                 // "2026-12-01", or "" for no date
  std::string institution = "other";  // one of kPlanInstitutions
  bool done = false;
  PlanNote note_state = PlanNote::kNone;
  std::string note{};  // kShown: the note's text
};

struct PlanGoalView {
  std::string id;
  std::string title;
  bool achieved = false;
  std::vector<PlanStepView> steps;  // in the order they were added
};

struct PlanView {
  std::string id;      // "" = the person has no plan yet (the first goal added makes one)
  std::string status;  // "draft", "active", "closed"; "" with no plan
  std::vector<PlanGoalView> goals;  // in the order they were added
  // This kiosk has its center's key, so notes can be opened and written; false on a kiosk
  // provisioned before notes were sealed (it must be provisioned again).
  bool notes_kept = false;
};

// What the view is asking for: nothing (the plan), or one answer of a new goal or step.
enum class PlanEdit {
  kNone,
  kGoalTitle,        // a new goal's title, on the keyboard
  kStepTitle,        // a new step's title, on the keyboard
  kStepInstitution,  // ... then who helps with it (five buttons)
  kStepDue,          // ... then its due date on the number pad (or "Without a date")
  kStepNote,         // a step's note, on the keyboard (the step in PlanState::step_id)
};

// A question the plan asks before undoing something or closing the plan.
enum class PlanQuestion { kNone, kUndoStep, kUndoGoal, kClosePlan };

struct PlanState {
  std::string person_id;  // whose plan (the record's person)
  bool loading = false;   // the plan is on its way
  PlanView plan;
  PlanEdit edit = PlanEdit::kNone;
  std::string goal_id;      // kStep*: the goal the new step goes under
  std::string step_title;   // kStepInstitution, kStepDue: the new step's title
  std::string institution;  // kStepDue: the new step's institution
  std::string step_id;      // kStepNote: the step whose note is written
  std::string error_key;    // "plan.error.*": why the last answer was refused ("" = none)
  PlanQuestion question = PlanQuestion::kNone;
  std::string question_id;   // the step or goal the question is about
  bool busy = false;         // a change or a print is on its way: the buttons wait
  std::string notice_key;    // "plan.notice.*": what the print did, or why a change failed
  std::string printed_path;  // plan.notice.printed / saved: where the summary went
};

}  // namespace raida::kiosk
