// ActionPlanRepository: a person's individual action plan, its goals and their steps.
//
// A coordinator keeps the plan with the person: goals ("find work in a shop"), and steps towards
// each goal with the institution involved and a due date. Step notes are sensitive and stored
// sealed (XChaCha20-Poly1305 with the person's key, by the caller); this layer never sees them
// in the clear. Every change is captured into the outbox.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "raida/core/model.h"
#include "raida/core/result.h"
#include "raida/core/store.h"

namespace raida::core {

class ActionPlanRepository {
 public:
  explicit ActionPlanRepository(Store& store) : store_(&store) {}

  // A new plan in status "draft". kNotFound for an unknown person.
  Result<ActionPlan> CreatePlan(const std::string& person_id, const std::string& coordinator_id);
  // status: "draft", "active" or "closed" (kInvalidArgument otherwise).
  Status SetPlanStatus(const std::string& plan_id, const std::string& status);
  Result<std::optional<ActionPlan>> GetPlan(const std::string& plan_id);
  // A person's plans, oldest first.
  Result<std::vector<ActionPlan>> ListPlansForPerson(const std::string& person_id);

  // kInvalidArgument for an empty title; kNotFound for an unknown plan.
  Result<PlanGoal> AddGoal(const std::string& plan_id, const std::string& title);
  Status SetGoalAchieved(const std::string& goal_id, bool achieved);
  // Goals of a plan in the order they were added.
  Result<std::vector<PlanGoal>> ListGoals(const std::string& plan_id);

  // Adds step.title etc. to step.goal_id (new id when step.id is empty).
  Result<PlanStep> AddStep(PlanStep step);
  Status MarkStepDone(const std::string& step_id, bool done);
  // Replaces the sealed notes of a step (empty: no notes).
  Status SetStepNotes(const std::string& step_id, const std::vector<uint8_t>& notes_sealed);
  // Steps of a goal in the order they were added.
  Result<std::vector<PlanStep>> ListSteps(const std::string& goal_id);

 private:
  Store* store_;
};

}  // namespace raida::core
