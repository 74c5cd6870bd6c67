// Repositories for a person's path: assessments, action plans with goals and steps, and the
// audit log of what coordinators did.
#include <gtest/gtest.h>

#include "core_test_support.h"
#include "raida/core/action_plan_repository.h"
#include "raida/core/assessment_repository.h"
#include "raida/core/audit_log.h"
#include "raida/core/person_repository.h"

namespace raida::core {
namespace {

using testing::kTestNowMs;

class PlanRepositoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = testing::OpenStore(clock_);
    ASSERT_NE(store_, nullptr);
    catalog_ = testing::SeedCatalog(*store_);
    auto person = PersonRepository(*store_).Register(testing::SamplePerson(catalog_.center_id));
    ASSERT_OK(person);
    person_ = *person;
  }

  ManualClock clock_{kTestNowMs};
  std::unique_ptr<Store> store_;
  testing::SeededCatalog catalog_;
  Person person_;
};

TEST_F(PlanRepositoryTest, AssessmentDraftsResume) {
  AssessmentRepository assessments(*store_);
  auto draft = assessments.SaveDraft({"", person_.id, "riasec", R"({"q1":2})", "", false});
  ASSERT_OK(draft);
  clock_.Advance(1000);
  auto other = assessments.SaveDraft({"", person_.id, "riasec", R"({"q1":4})", "", false});
  ASSERT_OK(other);
  clock_.Advance(1000);
  auto resumed = *draft;
  resumed.answers = R"({"q1":2,"q2":5})";
  resumed.result = R"({"R":3,"I":1})";
  ASSERT_OK(assessments.SaveDraft(resumed));
  auto latest = assessments.GetLatest(person_.id, "riasec");
  ASSERT_OK(latest);
  ASSERT_TRUE(latest->has_value());
  EXPECT_EQ((*latest)->id, draft->id);  // the most recently changed one
  EXPECT_EQ((*latest)->answers, R"({"q1":2,"q2":5})");
  EXPECT_EQ((*latest)->result, R"({"R":3,"I":1})");
  EXPECT_FALSE(assessments.GetLatest(person_.id, "other")->has_value());
  EXPECT_EQ(assessments.SaveDraft({"", person_.id, "riasec", "{oops", "", false}).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(assessments.SaveDraft({"", person_.id, "", "{}", "", false}).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(assessments.SaveDraft({"no-such", person_.id, "riasec", "{}", "", false}).error().code,
            ErrorCode::kNotFound);
}

TEST_F(PlanRepositoryTest, PlanGoalsAndSteps) {
  ActionPlanRepository plans(*store_);
  auto plan = plans.CreatePlan(person_.id, "coord.rasa");
  ASSERT_OK(plan);
  EXPECT_EQ(plan->status, "draft");
  ASSERT_OK(plans.SetPlanStatus(plan->id, "active"));
  EXPECT_EQ(plans.SetPlanStatus(plan->id, "finished").error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(plans.SetPlanStatus("plan.none", "closed").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(plans.GetPlan(plan->id)->value().status, "active");

  auto goal1 = plans.AddGoal(plan->id, "Find work in a shop");
  auto goal2 = plans.AddGoal(plan->id, "Learn to use e-mail");
  ASSERT_OK(goal1);
  ASSERT_OK(goal2);
  EXPECT_EQ(plans.AddGoal(plan->id, "").error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(plans.AddGoal("plan.none", "x").error().code, ErrorCode::kNotFound);
  ASSERT_OK(plans.SetGoalAchieved(goal2->id, true));

  PlanStep step;
  step.goal_id = goal1->id;
  step.title = "Register at the labour office";
  step.due_on = "2026-12-01";
  step.institution = Institution::kLabourOffice;
  step.notes_sealed = {1, 2, 3};
  auto saved = plans.AddStep(step);
  ASSERT_OK(saved);
  step.title = "CV workshop";
  step.institution = Institution::kNgo;
  step.notes_sealed.clear();
  ASSERT_OK(plans.AddStep(step));
  ASSERT_OK(plans.MarkStepDone(saved->id, true));
  ASSERT_OK(plans.MarkStepDone(saved->id, true));  // no-op

  auto goals = plans.ListGoals(plan->id);
  ASSERT_OK(goals);
  ASSERT_EQ(goals->size(), 2u);
  EXPECT_EQ((*goals)[0].title, "Find work in a shop");
  EXPECT_FALSE((*goals)[0].achieved);
  EXPECT_TRUE((*goals)[1].achieved);
  auto steps = plans.ListSteps(goal1->id);
  ASSERT_OK(steps);
  ASSERT_EQ(steps->size(), 2u);
  EXPECT_TRUE((*steps)[0].done);
  EXPECT_EQ((*steps)[0].institution, Institution::kLabourOffice);
  EXPECT_EQ((*steps)[0].notes_sealed, (std::vector<uint8_t>{1, 2, 3}));
  EXPECT_EQ((*steps)[0].due_on, "2026-12-01");
  EXPECT_FALSE((*steps)[1].done);
  EXPECT_TRUE((*steps)[1].notes_sealed.empty());
  EXPECT_EQ(plans.ListPlansForPerson(person_.id)->size(), 1u);
}

TEST_F(PlanRepositoryTest, AuditEntriesCarryNoValues) {
  AuditLog audit(*store_);
  ASSERT_OK(audit.Append({"", 0, "coord.rasa", "person.view", "person", person_.id}));
  clock_.Advance(5000);
  ASSERT_OK(audit.Append({"", 0, "coord.rasa", "person.update", "person", person_.id}));
  EXPECT_EQ(audit.Append({"", 0, "coord.rasa", "", "person", person_.id}).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(audit.Append({"", 0, "", "person.view", "person", person_.id}).error().code,
            ErrorCode::kInvalidArgument);
  auto entries = audit.ListForRecord("person", person_.id);
  ASSERT_OK(entries);
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ((*entries)[0].action, "person.view");
  EXPECT_EQ((*entries)[0].at_ms, kTestNowMs);
  EXPECT_EQ((*entries)[1].at_ms, kTestNowMs + 5000);
}

}  // namespace
}  // namespace raida::core
