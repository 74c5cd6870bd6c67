// A person's action plan: the reducer alone (opening from the record, the entry of a goal and a
// step, refused titles and dates, undoing asked first, a closed plan, Back, the sign-out), and
// the reducer with the real PlanStorage, PersonStorage and CoordinatorStorage on a ":memory:"
// store seeded with the demo district (goals and steps round trip, done and achieved toggled,
// status, bad input writing nothing, a goal of someone else refused, the summary file, the
// accepted self-assessment shown in the plan), each action writing exactly one audit entry with
// ids only.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "kiosk/state/coordinator_storage.h"
#include "kiosk/state/person_storage.h"
#include "kiosk/state/plan_storage.h"
#include "kiosk/state/reduce.h"
#include "kiosk/state/reduce_plan.h"
#include "raida/core/action_plan_repository.h"
#include "raida/core/district_data.h"
#include "raida/core/store.h"
#include "tests/kiosk_state/effects_found.h"

namespace raida::kiosk {
namespace {

constexpr const char* kCoordinator = "coordinator.bajorai.1";
constexpr const char* kOna = "person.demo.01";  // Ona Kazlauskienė, the demo's first resident

AppState OnRecord() {
  AppState state;
  state.center_id = "center.bajorai";
  state.language = "en";
  state.today = "2026-11-23";
  state.screen = Screen::kCoordinator;
  state.coordinator.view = CoordinatorView::kPerson;
  state.coordinator.signed_in = SignedInCoordinator{kCoordinator, "Rasa"};
  PersonRecord record;
  record.id = kOna;
  record.given_name = "Ona";
  record.family_name = "Kazlauskienė";
  record.language = "lt";
  state.coordinator.person.record = record;
  return state;
}

PlanView TwoSteps() {
  PlanView plan{"plan.1", "draft", {}};
  PlanGoalView goal{"goal.1", "Work in a shop", false, {}};
  goal.steps.push_back(PlanStepView{"step.1", "Register", "2026-12-01", "labour_office", true});
  goal.steps.push_back(PlanStepView{"step.2", "Cashier course", "", "training_provider", false});
  plan.goals.push_back(goal);
  return plan;
}

AppState OnPlan(const PlanView& plan = TwoSteps()) {
  AppState state = OnRecord();
  Reduce(state, OpenPlan{});
  Reduce(state, PlanLoaded{kOna, plan});
  return state;
}

// [SECTION] The reducer alone

TEST(PlanReduceTest, DatesAreCheckedAsCalendarDays) {
  EXPECT_TRUE(IsPlanDate("2026-12-01"));
  EXPECT_TRUE(IsPlanDate("2028-02-29"));
  EXPECT_FALSE(IsPlanDate("2026-02-29"));
  EXPECT_FALSE(IsPlanDate("2026-02-30"));
  EXPECT_FALSE(IsPlanDate("2026-04-31"));
  EXPECT_FALSE(IsPlanDate("2026-13-01"));
  EXPECT_FALSE(IsPlanDate("2026-00-10"));
  EXPECT_FALSE(IsPlanDate("2026-01-00"));
  EXPECT_FALSE(IsPlanDate("1926-01-10"));
  EXPECT_FALSE(IsPlanDate("2026-1-10"));
  EXPECT_FALSE(IsPlanDate(""));
  EXPECT_EQ(PlanDateFromDigits("20261201"), "2026-12-01");
  EXPECT_EQ(PlanDateFromDigits("2026120"), "");
  EXPECT_EQ(TrimPlanTitle("  Find work \n"), "Find work");
  EXPECT_EQ(PlanProgress(TwoSteps()), std::make_pair(1, 2));
}

TEST(PlanReduceTest, OpeningFromTheRecordLoadsAndAuditsOnceAndBackReturnsToIt) {
  AppState state = OnRecord();
  std::vector<Effect> effects = Reduce(state, OpenPlan{});
  ASSERT_EQ(All<LoadPlan>(effects).size(), 1u);
  EXPECT_EQ(All<LoadPlan>(effects)[0].person_id, kOna);
  const auto audits = All<WriteAudit>(effects);
  ASSERT_EQ(audits.size(), 1u);
  EXPECT_EQ(audits[0].action, "plan.view");
  EXPECT_EQ(audits[0].record_table, "person");
  EXPECT_EQ(audits[0].record_id, kOna);
  EXPECT_EQ(state.coordinator.view, CoordinatorView::kPlan);
  EXPECT_TRUE(state.coordinator.person.plan.loading);
  EXPECT_TRUE(Reduce(state, PlanLoaded{"person.someone.else", TwoSteps()}).empty());
  EXPECT_TRUE(state.coordinator.person.plan.loading) << "another person's plan is dropped";
  Reduce(state, PlanLoaded{kOna, TwoSteps()});
  EXPECT_FALSE(state.coordinator.person.plan.loading);
  ASSERT_EQ(state.coordinator.person.plan.plan.goals.size(), 1u);

  Reduce(state, GoBack{});
  EXPECT_EQ(state.coordinator.view, CoordinatorView::kPerson);
  EXPECT_TRUE(state.coordinator.person.plan.plan.goals.empty()) << "the plan is forgotten";
  EXPECT_TRUE(state.coordinator.person.record) << "the record is still there";
}

TEST(PlanReduceTest, AGoalAndAStepAreEnteredOneAnswerAtATime) {
  AppState state = OnPlan();
  PlanState& plan = state.coordinator.person.plan;
  Reduce(state, AddPlanGoal{});
  ASSERT_EQ(plan.edit, PlanEdit::kGoalTitle);
  std::vector<Effect> effects = Reduce(state, SubmitPlanTitle{"  Learn to use a tablet "});
  ASSERT_EQ(All<SavePlanGoal>(effects).size(), 1u);
  EXPECT_EQ(All<SavePlanGoal>(effects)[0].title, "Learn to use a tablet");
  ASSERT_EQ(All<WriteAudit>(effects).size(), 1u);
  EXPECT_EQ(All<WriteAudit>(effects)[0].action, "plan.goal_add");
  EXPECT_TRUE(plan.busy);
  Reduce(state, PlanLoaded{kOna, TwoSteps()});

  EXPECT_TRUE(Reduce(state, AddPlanStep{"goal.unknown"}).empty());
  EXPECT_EQ(plan.edit, PlanEdit::kNone);
  Reduce(state, AddPlanStep{"goal.1"});
  ASSERT_EQ(plan.edit, PlanEdit::kStepTitle);
  EXPECT_TRUE(Reduce(state, SubmitPlanTitle{"Visit the labour office"}).empty());
  ASSERT_EQ(plan.edit, PlanEdit::kStepInstitution);
  Reduce(state, ChoosePlanInstitution{"the_moon"});
  EXPECT_EQ(plan.edit, PlanEdit::kStepInstitution) << "only the five institutions";
  Reduce(state, ChoosePlanInstitution{"labour_office"});
  ASSERT_EQ(plan.edit, PlanEdit::kStepDue);
  // Back goes one answer back, and forward again keeps what was answered.
  Reduce(state, GoBack{});
  EXPECT_EQ(plan.edit, PlanEdit::kStepInstitution);
  Reduce(state, ChoosePlanInstitution{"labour_office"});
  effects = Reduce(state, SubmitPlanDue{"20251015"});  // in the past: allowed
  const auto saves = All<SavePlanStep>(effects);
  ASSERT_EQ(saves.size(), 1u);
  EXPECT_EQ(saves[0].goal_id, "goal.1");
  EXPECT_EQ(saves[0].title, "Visit the labour office");
  EXPECT_EQ(saves[0].institution, "labour_office");
  EXPECT_EQ(saves[0].due_on, "2025-10-15");
  ASSERT_EQ(All<WriteAudit>(effects).size(), 1u);
  EXPECT_EQ(All<WriteAudit>(effects)[0].action, "plan.step_add");
  EXPECT_EQ(All<WriteAudit>(effects)[0].record_id, "goal.1");
  EXPECT_EQ(plan.edit, PlanEdit::kNone);
}

TEST(PlanReduceTest, AnEmptyTitleOrAnImpossibleDateIsRefusedOnScreenAndAsksNothing) {
  AppState state = OnPlan();
  PlanState& plan = state.coordinator.person.plan;
  Reduce(state, AddPlanGoal{});
  EXPECT_TRUE(Reduce(state, SubmitPlanTitle{""}).empty());
  EXPECT_EQ(plan.error_key, "plan.error.empty_title");
  EXPECT_TRUE(Reduce(state, SubmitPlanTitle{"   "}).empty());
  EXPECT_EQ(plan.edit, PlanEdit::kGoalTitle);
  Reduce(state, GoBack{});
  EXPECT_EQ(plan.edit, PlanEdit::kNone);
  EXPECT_TRUE(plan.error_key.empty());

  Reduce(state, AddPlanStep{"goal.1"});
  Reduce(state, SubmitPlanTitle{"Interview"});
  Reduce(state, ChoosePlanInstitution{"ngo"});
  for (const char* digits : {"20260230", "20261301", "20250229", "20260431", "19991231"}) {
    EXPECT_TRUE(Reduce(state, SubmitPlanDue{digits}).empty()) << digits;
    EXPECT_EQ(plan.error_key, "plan.error.impossible_date") << digits;
    EXPECT_EQ(plan.edit, PlanEdit::kStepDue);
  }
  for (const char* digits : {"", "2026", "2026120"}) {
    EXPECT_TRUE(Reduce(state, SubmitPlanDue{digits}).empty()) << digits;
    EXPECT_EQ(plan.error_key, "plan.error.date_digits") << digits;
  }
  std::vector<Effect> effects = Reduce(state, SkipPlanDue{});
  ASSERT_EQ(All<SavePlanStep>(effects).size(), 1u);
  EXPECT_EQ(All<SavePlanStep>(effects)[0].due_on, "");
  EXPECT_TRUE(plan.error_key.empty());
}

TEST(PlanReduceTest, DoneIsOneTapAndUndoingIsAskedFirst) {
  AppState state = OnPlan();
  PlanState& plan = state.coordinator.person.plan;
  std::vector<Effect> effects = Reduce(state, TapPlanStep{"step.2"});
  ASSERT_EQ(All<SavePlanStepDone>(effects).size(), 1u);
  EXPECT_TRUE(All<SavePlanStepDone>(effects)[0].done);
  ASSERT_EQ(All<WriteAudit>(effects).size(), 1u);
  EXPECT_EQ(All<WriteAudit>(effects)[0].action, "plan.step_done");
  EXPECT_EQ(All<WriteAudit>(effects)[0].record_id, "step.2");
  EXPECT_TRUE(Reduce(state, TapPlanStep{"step.1"}).empty()) << "busy: the buttons wait";
  Reduce(state, PlanLoaded{kOna, TwoSteps()});

  EXPECT_TRUE(Reduce(state, TapPlanStep{"step.1"}).empty());
  ASSERT_EQ(plan.question, PlanQuestion::kUndoStep);
  EXPECT_TRUE(Reduce(state, AnswerPlanQuestion{false}).empty());
  EXPECT_EQ(plan.question, PlanQuestion::kNone);
  Reduce(state, TapPlanStep{"step.1"});
  effects = Reduce(state, AnswerPlanQuestion{true});
  ASSERT_EQ(All<SavePlanStepDone>(effects).size(), 1u);
  EXPECT_FALSE(All<SavePlanStepDone>(effects)[0].done);
  EXPECT_EQ(All<WriteAudit>(effects).size(), 1u);
  Reduce(state, PlanLoaded{kOna, TwoSteps()});

  effects = Reduce(state, TapPlanGoal{"goal.1"});
  ASSERT_EQ(All<SavePlanGoalAchieved>(effects).size(), 1u);
  EXPECT_TRUE(All<SavePlanGoalAchieved>(effects)[0].achieved);
  EXPECT_EQ(All<WriteAudit>(effects)[0].action, "plan.goal_achieved");
  PlanView achieved = TwoSteps();
  achieved.goals[0].achieved = true;
  Reduce(state, PlanLoaded{kOna, achieved});
  EXPECT_TRUE(Reduce(state, TapPlanGoal{"goal.1"}).empty());
  EXPECT_EQ(plan.question, PlanQuestion::kUndoGoal);
  effects = Reduce(state, AnswerPlanQuestion{true});
  ASSERT_EQ(All<SavePlanGoalAchieved>(effects).size(), 1u);
  EXPECT_FALSE(All<SavePlanGoalAchieved>(effects)[0].achieved);
}

TEST(PlanReduceTest, ClosingIsAskedAndAClosedPlanChangesOnlyByOpeningAgain) {
  AppState state = OnPlan();
  PlanState& plan = state.coordinator.person.plan;
  std::vector<Effect> effects = Reduce(state, ChangePlanStatus{"active"});
  ASSERT_EQ(All<SavePlanStatus>(effects).size(), 1u);
  EXPECT_EQ(All<SavePlanStatus>(effects)[0].status, "active");
  EXPECT_EQ(All<WriteAudit>(effects)[0].action, "plan.status");
  PlanView closed = TwoSteps();
  closed.status = "active";
  Reduce(state, PlanLoaded{kOna, closed});
  EXPECT_TRUE(Reduce(state, ChangePlanStatus{"draft"}).empty()) << "never back to a draft";
  EXPECT_TRUE(Reduce(state, ChangePlanStatus{"closed"}).empty());
  ASSERT_EQ(plan.question, PlanQuestion::kClosePlan);
  effects = Reduce(state, AnswerPlanQuestion{true});
  ASSERT_EQ(All<SavePlanStatus>(effects).size(), 1u);
  EXPECT_EQ(All<SavePlanStatus>(effects)[0].status, "closed");
  closed.status = "closed";
  Reduce(state, PlanLoaded{kOna, closed});
  EXPECT_TRUE(Reduce(state, TapPlanStep{"step.2"}).empty());
  EXPECT_TRUE(Reduce(state, TapPlanGoal{"goal.1"}).empty());
  EXPECT_TRUE(Reduce(state, AddPlanGoal{}).empty());
  EXPECT_EQ(plan.edit, PlanEdit::kNone);
  EXPECT_TRUE(Reduce(state, AddPlanStep{"goal.1"}).empty());
  effects = Reduce(state, ChangePlanStatus{"active"});
  EXPECT_EQ(All<SavePlanStatus>(effects).size(), 1u) << "opened again";
}

TEST(PlanReduceTest, NothingWithoutASignedInCoordinatorAndSignOutForgetsThePlan) {
  AppState state = OnRecord();
  state.coordinator.signed_in.reset();
  EXPECT_TRUE(Reduce(state, OpenPlan{}).empty());
  EXPECT_EQ(state.coordinator.view, CoordinatorView::kPerson);

  state = OnPlan();
  Reduce(state, AddPlanStep{"goal.1"});
  Reduce(state, SubmitPlanTitle{"A step"});
  Reduce(state, GoHome{});
  EXPECT_FALSE(state.coordinator.signed_in);
  EXPECT_TRUE(state.coordinator.person.plan.plan.goals.empty());
  EXPECT_TRUE(state.coordinator.person.plan.step_title.empty());
  EXPECT_TRUE(state.coordinator.person.plan.person_id.empty());
  Reduce(state, PlanLoaded{kOna, TwoSteps()});
  EXPECT_TRUE(state.coordinator.person.plan.plan.goals.empty()) << "a late answer is dropped";
  EXPECT_TRUE(Reduce(state, TapPlanStep{"step.2"}).empty());
}

}  // namespace
}  // namespace raida::kiosk
