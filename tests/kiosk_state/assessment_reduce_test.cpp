// The self-assessment's reducer on its own (no store): the walk through intro, statements,
// skills and questions to the result; Back changing the last answer; what is saved for a person
// and never for a guest; stale and foreign results dropped; and nothing personal left after
// Home, a timeout or a fault. Uses the shipped content (assets/assessment/riasec.json).
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "kiosk/state/reduce.h"
#include "kiosk/state/reduce_assessment.h"
#include "raida/core/riasec.h"

namespace raida::kiosk {
namespace {

std::shared_ptr<const core::RiasecContent> ShippedContent() {
  static const auto kContent = [] {
    auto content =
        core::LoadRiasecContent(std::string(RAIDA_SOURCE_DIR) + "/assets/assessment/riasec.json");
    EXPECT_TRUE(content.ok()) << content.error().message;
    return std::make_shared<const core::RiasecContent>(content.ok() ? std::move(content).value()
                                                                    : core::RiasecContent{});
  }();
  return kContent;
}

// Copies of the effects of type T in `effects`.
template <typename T>
std::vector<T> All(const std::vector<Effect>& effects) {
  std::vector<T> found;
  for (const Effect& effect : effects) {
    if (const auto* typed = FindMessage<T>(effect)) {
      found.push_back(*typed);
    }
  }
  return found;
}

class AssessmentReduceTest : public ::testing::Test {
 protected:
  // On the catalog, optionally signed in, then "What work suits me?" with the load answered.
  void OpenAs(const std::string& person_id, std::optional<SavedAssessment> saved = std::nullopt,
              std::vector<std::string> done = {}) {
    state_.screen = Screen::kCatalog;
    if (!person_id.empty()) {
      state_.person = SignedInPerson{person_id, "Ona", {}};
    }
    const auto effects = Reduce(state_, OpenAssessment{});
    ASSERT_EQ(state_.screen, Screen::kAssessment);
    const auto loads = All<LoadAssessment>(effects);
    ASSERT_EQ(loads.size(), 1u);
    EXPECT_EQ(loads[0].person_id, person_id);
    EXPECT_TRUE(loads[0].with_content);
    Reduce(state_, AssessmentLoaded{person_id, ShippedContent(), std::move(saved), done});
    ASSERT_EQ(state_.assessment.step, AssessmentStep::kIntro);
  }

  const core::RiasecContent& content() const { return *ShippedContent(); }

  // Answers the statement shown: yes for realistic ones, no otherwise. Returns the effects.
  std::vector<Effect> AnswerShown() {
    const auto& statement = content().statements[static_cast<size_t>(state_.assessment.index)];
    return Reduce(state_,
                  AnswerStatement{statement.id, statement.area == core::RiasecArea::kRealistic
                                                    ? core::InterestAnswer::kYes
                                                    : core::InterestAnswer::kNo});
  }

  // Answers everything from the first statement to the last question.
  std::vector<Effect> AnswerAll() {
    std::vector<Effect> effects;
    Reduce(state_, StartAssessment{});
    while (state_.assessment.step == AssessmentStep::kStatement) {
      for (Effect& e : AnswerShown()) {
        effects.push_back(std::move(e));
      }
    }
    while (state_.assessment.step == AssessmentStep::kSkill) {
      const auto& skill = content().skills[static_cast<size_t>(state_.assessment.index)];
      for (Effect& e :
           Reduce(state_, RateSkill{skill.id, skill.id == "computer" ? "none" : "good"})) {
        effects.push_back(std::move(e));
      }
    }
    while (state_.assessment.step == AssessmentStep::kConstraint) {
      const auto& question = content().constraints[static_cast<size_t>(state_.assessment.index)];
      for (Effect& e : Reduce(state_, AnswerConstraint{question.id, question.options[0].id})) {
        effects.push_back(std::move(e));
      }
    }
    return effects;
  }

  AppState state_;
};

TEST_F(AssessmentReduceTest, WalksStatementsSkillsAndQuestionsToTheResult) {
  OpenAs("");
  Reduce(state_, StartAssessment{});
  EXPECT_EQ(state_.assessment.step, AssessmentStep::kStatement);
  EXPECT_EQ(state_.assessment.index, 0);
  for (int i = 0; i < 42; ++i) {
    ASSERT_EQ(state_.assessment.step, AssessmentStep::kStatement);
    ASSERT_EQ(state_.assessment.index, i);
    AnswerShown();
  }
  EXPECT_EQ(state_.assessment.step, AssessmentStep::kSkill);
  EXPECT_EQ(state_.assessment.index, 0);
  state_ = AppState{};
  OpenAs("");
  AnswerAll();
  ASSERT_EQ(state_.assessment.step, AssessmentStep::kResult);
  ASSERT_TRUE(state_.assessment.result.has_value());
  const core::RiasecResult& result = *state_.assessment.result;
  EXPECT_EQ(result.top, std::vector<core::RiasecArea>{core::RiasecArea::kRealistic});
  EXPECT_EQ(result.areas[0].percent, 100);
  // The computer skill rated "not yet" and care "every day" add their courses.
  EXPECT_NE(std::find(result.courses.begin(), result.courses.end(), "course.computer-first-steps"),
            result.courses.end());
  EXPECT_NE(std::find(result.courses.begin(), result.courses.end(), "course.work-family"),
            result.courses.end());
}

TEST_F(AssessmentReduceTest, AGuestIsNeverSaved) {
  OpenAs("");
  EXPECT_TRUE(All<SaveAssessment>(AnswerAll()).empty());
  EXPECT_EQ(state_.assessment.step, AssessmentStep::kResult);
}

TEST_F(AssessmentReduceTest, APersonIsSavedAtEveryStepWithTheResultAtTheEnd) {
  OpenAs("person.1");
  const std::vector<Effect> effects = AnswerAll();
  const auto saves = All<SaveAssessment>(effects);
  ASSERT_EQ(saves.size(), 42u + 6u + 4u);
  for (const SaveAssessment& save : saves) {
    EXPECT_EQ(save.person_id, "person.1");
    EXPECT_EQ(save.attempt, saves.front().attempt);
  }
  EXPECT_TRUE(saves.front().result.empty());
  EXPECT_TRUE(saves[saves.size() - 2].result.empty());
  EXPECT_FALSE(saves.back().result.empty());
  auto answers = core::DecodeRiasecAnswers(saves.back().answers);
  ASSERT_TRUE(answers.ok());
  EXPECT_EQ(answers->statements.size(), 42u);
  EXPECT_EQ(answers->skills.size(), 6u);
  EXPECT_EQ(answers->constraints.size(), 4u);
}

TEST_F(AssessmentReduceTest, TheSavedResponseIdIsUsedOnceKnown) {
  OpenAs("person.1");
  Reduce(state_, StartAssessment{});
  const auto first = All<SaveAssessment>(AnswerShown());
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].response_id, "");
  Reduce(state_, AssessmentSaved{"person.1", first[0].attempt, "response.7"});
  const auto second = All<SaveAssessment>(AnswerShown());
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second[0].response_id, "response.7");
  // An answer for another attempt (or person) does not change it.
  Reduce(state_, AssessmentSaved{"person.1", first[0].attempt + 5, "response.9"});
  Reduce(state_, AssessmentSaved{"person.2", first[0].attempt, "response.9"});
  EXPECT_EQ(state_.assessment.response_id, "response.7");
}

TEST_F(AssessmentReduceTest, BackShowsTheLastAnswerToChangeIt) {
  OpenAs("person.1");
  Reduce(state_, StartAssessment{});
  AnswerShown();  // r1: yes
  AnswerShown();  // i1: no
  ASSERT_EQ(state_.assessment.index, 2);
  EXPECT_TRUE(Reduce(state_, GoBack{}).empty());
  EXPECT_EQ(state_.screen, Screen::kAssessment);
  EXPECT_EQ(state_.assessment.index, 1);
  const std::string i1 = content().statements[1].id;
  EXPECT_EQ(state_.assessment.answers.statements.at(i1), core::InterestAnswer::kNo);
  const auto saves =
      All<SaveAssessment>(Reduce(state_, AnswerStatement{i1, core::InterestAnswer::kUnsure}));
  ASSERT_EQ(saves.size(), 1u);
  EXPECT_EQ(state_.assessment.index, 2);
  auto answers = core::DecodeRiasecAnswers(saves[0].answers);
  ASSERT_TRUE(answers.ok());
  EXPECT_EQ(answers->statements.at(i1), core::InterestAnswer::kUnsure);
  EXPECT_EQ(answers->statements.size(), 2u);
}

TEST_F(AssessmentReduceTest, BackCrossesPartsThenLeavesFromTheIntro) {
  OpenAs("");
  Reduce(state_, StartAssessment{});
  for (int i = 0; i < 42; ++i) {
    AnswerShown();
  }
  ASSERT_EQ(state_.assessment.step, AssessmentStep::kSkill);
  Reduce(state_, GoBack{});
  EXPECT_EQ(state_.assessment.step, AssessmentStep::kStatement);
  EXPECT_EQ(state_.assessment.index, 41);
  state_.assessment.index = 0;
  Reduce(state_, GoBack{});
  EXPECT_EQ(state_.assessment.step, AssessmentStep::kIntro);
  const auto effects = Reduce(state_, GoBack{});
  EXPECT_EQ(state_.screen, Screen::kCatalog);       // where it was opened
  EXPECT_EQ(All<LoadCatalog>(effects).size(), 1u);  // no catalog was loaded in this test
  EXPECT_EQ(state_.assessment.answers.statements.size(), 42u);  // kept for "Continue"
}

TEST_F(AssessmentReduceTest, ReopenedItOffersToContinueWhereThePersonStopped) {
  OpenAs("");
  Reduce(state_, StartAssessment{});
  for (int i = 0; i < 5; ++i) {
    AnswerShown();
  }
  Reduce(state_, StopAssessment{});
  EXPECT_EQ(state_.screen, Screen::kCatalog);
  EXPECT_TRUE(All<LoadAssessment>(Reduce(state_, OpenAssessment{})).empty());  // all loaded
  EXPECT_EQ(state_.assessment.step, AssessmentStep::kIntro);
  Reduce(state_, StartAssessment{});
  EXPECT_EQ(state_.assessment.step, AssessmentStep::kStatement);
  EXPECT_EQ(state_.assessment.index, 5);
}

TEST_F(AssessmentReduceTest, ASavedResponseResumesAndAFinishedOneShowsItsResult) {
  SavedAssessment saved;
  saved.response_id = "response.3";
  for (int i = 0; i < 10; ++i) {
    saved.answers.statements[content().statements[static_cast<size_t>(i)].id] =
        core::InterestAnswer::kUnsure;
  }
  OpenAs("person.1", saved);
  EXPECT_EQ(state_.assessment.response_id, "response.3");
  Reduce(state_, StartAssessment{});
  EXPECT_EQ(state_.assessment.index, 10);

  state_ = AppState{};
  for (const auto& statement : content().statements) {
    saved.answers.statements[statement.id] = statement.area == core::RiasecArea::kSocial
                                                 ? core::InterestAnswer::kYes
                                                 : core::InterestAnswer::kNo;
  }
  saved.finished = true;
  state_.screen = Screen::kCatalog;
  state_.person = SignedInPerson{"person.1", "Ona", {}};
  Reduce(state_, OpenAssessment{});
  Reduce(state_, AssessmentLoaded{"person.1", ShippedContent(), saved, {"course.confidence"}});
  ASSERT_EQ(state_.assessment.step, AssessmentStep::kResult);
  const auto& result = *state_.assessment.result;
  EXPECT_EQ(result.top, std::vector<core::RiasecArea>{core::RiasecArea::kSocial});
  EXPECT_EQ(std::find(result.courses.begin(), result.courses.end(), "course.confidence"),
            result.courses.end());  // done
  // "Answer again" starts a new attempt with no response yet: the finished one stays.
  const uint64_t attempt = state_.assessment.attempt;
  Reduce(state_, RestartAssessment{});
  EXPECT_EQ(state_.assessment.step, AssessmentStep::kStatement);
  EXPECT_TRUE(state_.assessment.answers.statements.empty());
  EXPECT_EQ(state_.assessment.response_id, "");
  EXPECT_GT(state_.assessment.attempt, attempt);
}

TEST_F(AssessmentReduceTest, AnswersForAStatementNotShownAreIgnored) {
  OpenAs("person.1");
  Reduce(state_, StartAssessment{});
  EXPECT_TRUE(
      Reduce(state_, AnswerStatement{content().statements[3].id, core::InterestAnswer::kYes})
          .empty());
  EXPECT_TRUE(Reduce(state_, RateSkill{"computer", "good"}).empty());  // not on a skill
  EXPECT_EQ(state_.assessment.index, 0);
  EXPECT_TRUE(state_.assessment.answers.statements.empty());
}

TEST_F(AssessmentReduceTest, HomeATimeoutAndAFaultForgetEverythingPersonal) {
  OpenAs("person.1");
  AnswerAll();
  ASSERT_TRUE(state_.assessment.result.has_value());
  const uint64_t attempts = state_.assessment.attempts_started;
  Reduce(state_, GoHome{});
  EXPECT_EQ(state_.screen, Screen::kWelcome);
  EXPECT_TRUE(state_.assessment.answers.statements.empty());
  EXPECT_FALSE(state_.assessment.result.has_value());
  EXPECT_EQ(state_.assessment.person_id, "");
  EXPECT_EQ(state_.assessment.response_id, "");
  EXPECT_FALSE(state_.assessment.loaded);
  EXPECT_NE(state_.assessment.content, nullptr);  // not personal: kept
  EXPECT_EQ(state_.assessment.attempts_started, attempts);

  // The idle timeout: "Are you still there?" then sign-out.
  state_ = AppState{};
  OpenAs("");
  Reduce(state_, StartAssessment{});
  AnswerShown();
  Reduce(state_, Tick{1});
  Reduce(state_, Tick{1 + state_.session.idle_limit_ms});
  ASSERT_TRUE(state_.session.still_there);
  Reduce(state_, Tick{1 + state_.session.idle_limit_ms + state_.session.warning_ms});
  EXPECT_EQ(state_.screen, Screen::kWelcome);
  EXPECT_TRUE(state_.assessment.answers.statements.empty());

  state_ = AppState{};
  OpenAs("");
  Reduce(state_, StartAssessment{});
  AnswerShown();
  Reduce(state_, FaultOccurred{"fault.database"});
  EXPECT_TRUE(state_.assessment.answers.statements.empty());
}

TEST_F(AssessmentReduceTest, ALoadForSomeoneElseIsDroppedButItsContentKept) {
  state_.screen = Screen::kCatalog;
  state_.person = SignedInPerson{"person.1", "Ona", {}};
  Reduce(state_, OpenAssessment{});
  SavedAssessment saved;
  saved.answers.statements["r1"] = core::InterestAnswer::kYes;
  Reduce(state_, AssessmentLoaded{"person.2", ShippedContent(), saved, {}});
  EXPECT_TRUE(state_.assessment.loading);
  EXPECT_NE(state_.assessment.content, nullptr);
  EXPECT_TRUE(state_.assessment.answers.statements.empty());
}

TEST_F(AssessmentReduceTest, SignInToKeepAnswersAdoptsTheGuestsAnswers) {
  OpenAs("");
  Reduce(state_, StartAssessment{});
  AnswerShown();
  AnswerShown();
  Reduce(state_, SignInToKeepAssessment{});
  EXPECT_EQ(state_.screen, Screen::kSignIn);
  // Back on the card pad returns to the questions.
  Reduce(state_, GoBack{});
  EXPECT_EQ(state_.screen, Screen::kAssessment);
  EXPECT_EQ(state_.assessment.index, 2);
  state_.assessment.step = AssessmentStep::kIntro;
  Reduce(state_, SignInToKeepAssessment{});
  Reduce(state_, SubmitCardCode{"410037"});
  ASSERT_TRUE(state_.signing_in);
  const auto effects = Reduce(state_, SignInDone{SignedInPerson{"person.1", "Ona", {}}});
  EXPECT_EQ(state_.screen, Screen::kAssessment);
  EXPECT_EQ(state_.assessment.person_id, "person.1");
  const auto saves = All<SaveAssessment>(effects);
  ASSERT_EQ(saves.size(), 1u);
  EXPECT_EQ(saves[0].person_id, "person.1");
  EXPECT_EQ(saves[0].response_id, "");
  auto answers = core::DecodeRiasecAnswers(saves[0].answers);
  ASSERT_TRUE(answers.ok());
  EXPECT_EQ(answers->statements.size(), 2u);
}

TEST_F(AssessmentReduceTest, SignInWithNoAnswersLoadsThePersonsSavedOnes) {
  OpenAs("");
  Reduce(state_, SignInToKeepAssessment{});
  Reduce(state_, SubmitCardCode{"410037"});
  const auto effects = Reduce(state_, SignInDone{SignedInPerson{"person.1", "Ona", {}}});
  EXPECT_EQ(state_.screen, Screen::kAssessment);
  const auto loads = All<LoadAssessment>(effects);
  ASSERT_EQ(loads.size(), 1u);
  EXPECT_EQ(loads[0].person_id, "person.1");
  EXPECT_FALSE(loads[0].with_content);  // already here
}

TEST_F(AssessmentReduceTest, SuggestedCoursesOpenTheirCoursePage) {
  OpenAs("");
  AnswerAll();
  const std::string suggested = state_.assessment.result->courses.front();
  EXPECT_TRUE(Reduce(state_, OpenSuggestedCourse{"course.english-everyday"}).empty());
  const auto effects = Reduce(state_, OpenSuggestedCourse{suggested});
  EXPECT_EQ(state_.screen, Screen::kCourse);
  ASSERT_EQ(All<LoadCourse>(effects).size(), 1u);
  EXPECT_EQ(All<LoadCourse>(effects)[0].course_id, suggested);
  // The result is still there when the person comes back to it.
  state_.screen = Screen::kCatalog;
  Reduce(state_, OpenAssessment{});
  EXPECT_EQ(state_.assessment.step, AssessmentStep::kResult);
}

TEST_F(AssessmentReduceTest, FromTheCoursePageBackReturnsToTheCourse) {
  state_.screen = Screen::kCourse;
  state_.course_requested_id = kAssessmentCourseId;
  Reduce(state_, OpenAssessment{});
  Reduce(state_, AssessmentLoaded{"", ShippedContent(), std::nullopt, {}});
  const auto effects = Reduce(state_, GoBack{});
  EXPECT_EQ(state_.screen, Screen::kCourse);
  ASSERT_EQ(All<LoadCourse>(effects).size(), 1u);  // read again, in today's language
}

TEST_F(AssessmentReduceTest, UnavailableContentLeavesWithANotice) {
  state_.screen = Screen::kCatalog;
  Reduce(state_, OpenAssessment{});
  Reduce(state_, AssessmentUnavailable{});
  EXPECT_EQ(state_.screen, Screen::kCatalog);
  EXPECT_EQ(state_.notice_key, kAssessmentUnavailableKey);
}

TEST_F(AssessmentReduceTest, FirstOpenStepFindsTheFirstGap) {
  core::RiasecAnswers answers;
  EXPECT_EQ(FirstOpenStep(content(), answers), std::make_pair(AssessmentStep::kStatement, 0));
  for (const auto& statement : content().statements) {
    answers.statements[statement.id] = core::InterestAnswer::kNo;
  }
  answers.statements.erase(content().statements[17].id);
  EXPECT_EQ(FirstOpenStep(content(), answers), std::make_pair(AssessmentStep::kStatement, 17));
  answers.statements[content().statements[17].id] = core::InterestAnswer::kNo;
  answers.skills["computer"] = "good";
  EXPECT_EQ(FirstOpenStep(content(), answers), std::make_pair(AssessmentStep::kSkill, 1));
}

}  // namespace
}  // namespace raida::kiosk
