// ActionPlanRepository: plans, goals and steps. "In the order added" is rowid order on this
// device (rows synced from elsewhere come after the local rows that existed when they arrived),
// which is the order a coordinator entered them here.
#include "raida/core/action_plan_repository.h"

#include "repository_util.h"

namespace raida::core {
namespace {

constexpr const char* kSelectPlan = "SELECT id, person_id, coordinator_id, status FROM action_plan";
constexpr const char* kSelectGoal = "SELECT id, plan_id, title, achieved FROM plan_goal";
constexpr const char* kSelectStep =
    "SELECT id, goal_id, title, due_on, institution, done, notes_sealed FROM plan_step";

Result<ActionPlan> ReadPlan(Statement& s) {
  return ActionPlan{s.ColumnText(0), s.ColumnText(1), s.ColumnText(2), s.ColumnText(3)};
}

Result<PlanGoal> ReadGoal(Statement& s) {
  return PlanGoal{s.ColumnText(0), s.ColumnText(1), s.ColumnText(2), s.ColumnInt(3) != 0};
}

Result<PlanStep> ReadStep(Statement& s) {
  PlanStep step;
  step.id = s.ColumnText(0);
  step.goal_id = s.ColumnText(1);
  step.title = s.ColumnText(2);
  step.due_on = s.ColumnText(3);
  auto institution = ParseInstitution(s.ColumnText(4));
  if (!institution) {
    return MakeError(ErrorCode::kCorrupt, "plan step " + step.id + " has an unknown institution");
  }
  step.institution = *institution;
  step.done = s.ColumnInt(5) != 0;
  step.notes_sealed = s.ColumnBlob(6);
  return step;
}

bool IsPlanStatus(const std::string& status) {
  return status == "draft" || status == "active" || status == "closed";
}

}  // namespace

Result<ActionPlan> ActionPlanRepository::CreatePlan(const std::string& person_id,
                                                    const std::string& coordinator_id) {
  RAIDA_ASSIGN_OR_RETURN(auto scope, store_->BeginWrite());
  RAIDA_TRY(detail::RequireRow(store_->db(), "person", person_id, "person"));
  ActionPlan plan{"", person_id, coordinator_id, "draft"};
  RAIDA_ASSIGN_OR_RETURN(plan.id, store_->NewRowId());
  RAIDA_ASSIGN_OR_RETURN(
      Statement stmt,
      store_->db().Prepare(
          "INSERT INTO action_plan(id, person_id, coordinator_id, status, hlc, origin)"
          " VALUES (?, ?, ?, ?, sync_hlc(), sync_origin())"));
  stmt.Bind(1, plan.id).Bind(2, person_id).Bind(3, coordinator_id);
  RAIDA_TRY(stmt.Bind(4, plan.status).Run());
  RAIDA_TRY(scope.Commit());
  return plan;
}

Status ActionPlanRepository::SetPlanStatus(const std::string& plan_id, const std::string& status) {
  if (!IsPlanStatus(status)) {
    return MakeError(ErrorCode::kInvalidArgument, "plan status must be draft, active or closed");
  }
  return detail::SetColumn(*store_, "action_plan", "status", plan_id, status, "plan");
}

Result<std::optional<ActionPlan>> ActionPlanRepository::GetPlan(const std::string& plan_id) {
  RAIDA_ASSIGN_OR_RETURN(Statement stmt, store_->db().Prepare(std::string(kSelectPlan) +
                                                              " WHERE id = ? AND deleted = 0"));
  stmt.Bind(1, plan_id);
  return detail::FirstRow<ActionPlan>(stmt, ReadPlan);
}

Result<std::vector<ActionPlan>> ActionPlanRepository::ListPlansForPerson(
    const std::string& person_id) {
  RAIDA_ASSIGN_OR_RETURN(
      Statement stmt, store_->db().Prepare(std::string(kSelectPlan) +
                                           " WHERE person_id = ? AND deleted = 0 ORDER BY rowid"));
  stmt.Bind(1, person_id);
  return detail::CollectRows<ActionPlan>(stmt, ReadPlan);
}

Result<PlanGoal> ActionPlanRepository::AddGoal(const std::string& plan_id,
                                               const std::string& title) {
  RAIDA_TRY(detail::RequireText(title, "goal title"));
  RAIDA_ASSIGN_OR_RETURN(auto scope, store_->BeginWrite());
  RAIDA_TRY(detail::RequireRow(store_->db(), "action_plan", plan_id, "plan"));
  PlanGoal goal{"", plan_id, title, false};
  RAIDA_ASSIGN_OR_RETURN(goal.id, store_->NewRowId());
  RAIDA_ASSIGN_OR_RETURN(
      Statement stmt,
      store_->db().Prepare("INSERT INTO plan_goal(id, plan_id, title, achieved, hlc, origin)"
                           " VALUES (?, ?, ?, 0, sync_hlc(), sync_origin())"));
  RAIDA_TRY(stmt.Bind(1, goal.id).Bind(2, plan_id).Bind(3, title).Run());
  RAIDA_TRY(scope.Commit());
  return goal;
}

Status ActionPlanRepository::SetGoalAchieved(const std::string& goal_id, bool achieved) {
  return detail::SetColumn(*store_, "plan_goal", "achieved", goal_id, achieved ? 1 : 0, "goal");
}

Result<std::vector<PlanGoal>> ActionPlanRepository::ListGoals(const std::string& plan_id) {
  RAIDA_ASSIGN_OR_RETURN(Statement stmt,
                         store_->db().Prepare(std::string(kSelectGoal) +
                                              " WHERE plan_id = ? AND deleted = 0 ORDER BY rowid"));
  stmt.Bind(1, plan_id);
  return detail::CollectRows<PlanGoal>(stmt, ReadGoal);
}

Result<PlanStep> ActionPlanRepository::AddStep(PlanStep step) {
  RAIDA_TRY(detail::RequireText(step.title, "step title"));
  RAIDA_ASSIGN_OR_RETURN(auto scope, store_->BeginWrite());
  RAIDA_TRY(detail::RequireRow(store_->db(), "plan_goal", step.goal_id, "goal"));
  if (step.id.empty()) {
    RAIDA_ASSIGN_OR_RETURN(step.id, store_->NewRowId());
  }
  RAIDA_ASSIGN_OR_RETURN(
      Statement stmt,
      store_->db().Prepare(
          "INSERT INTO plan_step(id, goal_id, title, due_on, institution, done, notes_sealed, hlc,"
          " origin) VALUES (?, ?, ?, ?, ?, ?, ?, sync_hlc(), sync_origin())"));
  stmt.Bind(1, step.id).Bind(2, step.goal_id).Bind(3, step.title).Bind(4, step.due_on);
  stmt.Bind(5, InstitutionName(step.institution)).Bind(6, step.done ? 1 : 0);
  detail::BindValue(stmt, 7, step.notes_sealed);
  RAIDA_TRY(stmt.Run());
  RAIDA_TRY(scope.Commit());
  return step;
}

Status ActionPlanRepository::MarkStepDone(const std::string& step_id, bool done) {
  return detail::SetColumn(*store_, "plan_step", "done", step_id, done ? 1 : 0, "step");
}

Status ActionPlanRepository::SetStepNotes(const std::string& step_id,
                                          const std::vector<uint8_t>& notes_sealed) {
  return detail::SetColumn(*store_, "plan_step", "notes_sealed", step_id, notes_sealed, "step");
}

Result<std::vector<PlanStep>> ActionPlanRepository::ListSteps(const std::string& goal_id) {
  RAIDA_ASSIGN_OR_RETURN(Statement stmt,
                         store_->db().Prepare(std::string(kSelectStep) +
                                              " WHERE goal_id = ? AND deleted = 0 ORDER BY rowid"));
  stmt.Bind(1, goal_id);
  return detail::CollectRows<PlanStep>(stmt, ReadStep);
}

}  // namespace raida::core
