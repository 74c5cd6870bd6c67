// PlanStorage: the storage work of the "Action plan" view on the EffectRunner's storage lane —
// a person's current plan read as a PlanView, a goal or a step added, a step marked done or not,
// a goal achieved or not, the plan's status changed, and a summary written for the person to take
// home (a UTF-8 text file in the data folder, handed to CUPS's `lp` when there is one, as
// certificates are).
//
// Writes go through core::ActionPlanRepository (captured into the sync outbox), each change in
// one transaction. Every change checks that the goal or step belongs to the person the effect
// names, and the title and date rules of reduce_plan.h again, so nothing bad is written even if
// the reducer were bypassed. Nothing personal is logged.
//
// Step notes are sealed with the person's key (core/sealed_notes.h): the plan is read with each
// note opened (or marked unreadable), a note is sealed before it is stored, and neither the
// summary nor the log ever holds one. The center's key is read from its file for each read or
// write and wiped afterwards; a kiosk without it reads the plan with notes_kept false.
#pragma once

#include <concepts>
#include <optional>
#include <string>

#include "kiosk/state/actions.h"
#include "kiosk/state/effects.h"
#include "raida/core/i18n.h"
#include "raida/core/result.h"

namespace raida::core {
class Store;
}

namespace raida::kiosk {

struct PlanStorageOptions {
  std::string data_dir;              // the kiosk database's folder: plans/plan-<id>.txt go here
  std::string i18n_dir;              // assets/i18n for the summary's words ("" = shipped assets)
  std::string print_program = "lp";  // run (through PATH, no shell) with the summary's path
  std::string center_key_path;  // core::CenterKeyPathFor(db); "" or no file: notes are not kept
};

class PlanStorage {
 public:
  explicit PlanStorage(PlanStorageOptions options);

  core::Result<std::optional<Action>> Run(core::Store& store, const LoadPlan& effect);
  core::Result<std::optional<Action>> Run(core::Store& store, const SavePlanGoal& effect);
  core::Result<std::optional<Action>> Run(core::Store& store, const SavePlanStep& effect);
  core::Result<std::optional<Action>> Run(core::Store& store, const SavePlanStepDone& effect);
  core::Result<std::optional<Action>> Run(core::Store& store, const SavePlanGoalAchieved& effect);
  core::Result<std::optional<Action>> Run(core::Store& store, const SavePlanStatus& effect);
  core::Result<std::optional<Action>> Run(core::Store& store, const PrintPlan& effect);
  core::Result<std::optional<Action>> Run(core::Store& store, const SavePlanStepNote& effect);

 private:
  const core::Translations* Words();

  PlanStorageOptions options_;
  std::optional<core::Translations> words_;
};

// The effects PlanStorage runs (the EffectRunner routes them there).
template <typename E>
concept PlanEffect = requires(PlanStorage& storage, core::Store& store, const E& effect) {
  { storage.Run(store, effect) } -> std::same_as<core::Result<std::optional<Action>>>;
};

// The person's current plan: the newest draft or active one, else the newest closed one; a
// PlanView with an empty id when they have none. With the center key at `center_key_path`, the
// steps' notes are opened (each with the key of the person who sealed it) and notes_kept is
// true; without it ("" or no file) every note is kUnreadable.
core::Result<PlanView> ReadCurrentPlan(core::Store& store, const std::string& person_id,
                                       const std::string& center_key_path = "");

// For a demo kiosk that is not provisioned (--seed-demo; it never syncs, so no district server
// gives keys): makes a center key at `center_key_path` when there is none and gives every person
// of `center_id` without a notes key one, so notes can be kept in the demo.
core::Status KeepDemoNotes(core::Store& store, const std::string& center_key_path,
                           const std::string& center_id);

// The take-home summary of `plan` for `name` in `language`, printed on `today` ("YYYY-MM-DD"):
// the plan's status, "3 of 5 steps done", each goal (achieved or not) and its steps with the
// institution in words, the due date and done or not. No notes, no ids.
std::string PlanSummaryText(const PlanView& plan, const std::string& name,
                            const core::Translations& words, const std::string& language,
                            const std::string& today);

}  // namespace raida::kiosk
