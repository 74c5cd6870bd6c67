// The self-assessment end to end below the screens: the real reducer driving the real
// EffectRunner on a real Store (the demo district in a temporary file). Checks what reaches the
// database — one assessment_response per attempt, saved at every step with its outbox entries,
// the result kept as an unreviewed draft, nothing at all for a guest — that a person who walks
// away resumes where they stopped after signing in again, that answers given before the first
// save answered still make one row, and that a broken content file is a notice, not a fault.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "kiosk/state/action_queue.h"
#include "kiosk/state/effect_runner.h"
#include "kiosk/state/reduce.h"
#include "kiosk/state/reduce_assessment.h"
#include "raida/core/assessment_repository.h"
#include "raida/core/catalog_repository.h"
#include "raida/core/clock.h"
#include "raida/core/database.h"
#include "raida/core/district_data.h"
#include "raida/core/enrollment_repository.h"
#include "raida/core/riasec.h"
#include "raida/core/store.h"

namespace raida::kiosk {
namespace {

namespace fs = std::filesystem;

constexpr int64_t kNowMs = 1795348800000;  // 2026-11-22 12:00 UTC
constexpr int kWaitMs = 20000;
constexpr const char* kOna = "person.demo.01";  // card 410037 at Bajorai

class AssessmentStorageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("raida_assessment_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_path_ = (dir_ / "kiosk.db").string();
    SeedDemo();
  }
  void TearDown() override {
    runner_.reset();
    fs::remove_all(dir_);
  }

  // The demo district for Bajorai, and Ona having completed the crafts course.
  void SeedDemo() {
    auto store = core::Store::Open({db_path_}, clock_);
    ASSERT_TRUE(store.ok()) << store.error().message;
    core::DistrictLoadOptions options;
    options.only_center_id = "center.bajorai";
    auto loaded = core::LoadDistrictFile(
        **store, std::string(RAIDA_SOURCE_DIR) + "/assets/demo/rokiskis.json", options);
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    core::Store::ApplyingScope applying(**store);
    auto tx = core::Transaction::Begin((*store)->db());
    ASSERT_TRUE(tx.ok());
    core::Offering offering;
    offering.id = "offering.test.crafts";
    offering.course_id = "course.rural-crafts";
    offering.center_id = "center.bajorai";
    offering.starts_on = "2026-09-01";
    offering.ends_on = "2026-10-01";
    offering.place = "Library";
    offering.capacity = 8;
    ASSERT_TRUE(core::CatalogRepository(**store).UpsertOffering(offering).ok());
    core::Enrollment done;
    done.id = core::DeterministicId("enrollment", offering.id, kOna);
    done.offering_id = offering.id;
    done.person_id = kOna;
    done.status = core::EnrollmentStatus::kCompleted;
    ASSERT_TRUE(core::EnrollmentRepository(**store).UpsertFromRemote(done).ok());
    ASSERT_TRUE(tx->Commit().ok());
  }

  void StartRunner(const std::string& content_file = "") {
    EffectRunnerOptions options;
    options.db_path = db_path_;
    options.center_id = "center.bajorai";
    options.assessment_file = content_file;
    runner_ = std::make_unique<EffectRunner>(options, clock_, queue_);
    runner_->Start();
  }

  // Runs what was posted and every result it brings (reduced in turn), until nothing is left.
  void Settle() {
    for (int round = 0; round < 100; ++round) {
      ASSERT_TRUE(runner_->WaitIdle(kWaitMs));
      std::vector<Action> results = queue_.Drain();
      if (results.empty()) {
        return;
      }
      for (const Action& result : results) {
        runner_->Post(Reduce(state_, result));
      }
    }
    FAIL() << "the effects never settled";
  }

  void Do(const Action& action) {
    runner_->Post(Reduce(state_, action));
    Settle();
  }

  void SignIn() { state_.person = SignedInPerson{kOna, "Ona", {"transport"}}; }

  void Open() {
    state_.screen = Screen::kCatalog;
    Do(OpenAssessment{});
    ASSERT_EQ(state_.screen, Screen::kAssessment);
    ASSERT_TRUE(state_.assessment.loaded);
  }

  Action AnswerShown() {
    const auto& statement =
        state_.assessment.content->statements[static_cast<size_t>(state_.assessment.index)];
    return AnswerStatement{statement.id, statement.area == core::RiasecArea::kRealistic
                                             ? core::InterestAnswer::kYes
                                             : core::InterestAnswer::kNo};
  }

  void AnswerTheRest() {
    while (state_.assessment.step == AssessmentStep::kStatement) {
      Do(AnswerShown());
    }
    while (state_.assessment.step == AssessmentStep::kSkill) {
      const auto& skill =
          state_.assessment.content->skills[static_cast<size_t>(state_.assessment.index)];
      Do(RateSkill{skill.id, "some"});
    }
    while (state_.assessment.step == AssessmentStep::kConstraint) {
      const auto& question =
          state_.assessment.content->constraints[static_cast<size_t>(state_.assessment.index)];
      Do(AnswerConstraint{question.id, question.options.back().id});
    }
  }

  std::unique_ptr<core::Store> OpenStore() {
    auto store = core::Store::Open({db_path_, core::OpenMode::kOpenExisting}, clock_);
    EXPECT_TRUE(store.ok());
    return store.ok() ? std::move(store).value() : nullptr;
  }

  int64_t Count(const std::string& sql) {
    auto store = OpenStore();
    auto stmt = store->db().Prepare(sql);
    EXPECT_TRUE(stmt.ok());
    auto row = stmt->Step();
    EXPECT_TRUE(row.ok() && *row);
    return stmt->ColumnInt(0);
  }

  std::optional<core::AssessmentResponse> Latest() {
    auto store = OpenStore();
    auto latest = core::AssessmentRepository(*store).GetLatest(kOna, core::kRiasecKind);
    EXPECT_TRUE(latest.ok());
    return latest.ok() ? *latest : std::nullopt;
  }

  fs::path dir_;
  std::string db_path_;
  core::ManualClock clock_{kNowMs};
  ActionQueue queue_;
  std::unique_ptr<EffectRunner> runner_;
  AppState state_;
};

TEST_F(AssessmentStorageTest, APersonsAnswersAreSavedAtEveryStepAndTheResultAsADraft) {
  StartRunner();
  SignIn();
  Open();
  Do(StartAssessment{});
  for (int i = 1; i <= 3; ++i) {
    Do(AnswerShown());
    auto saved = Latest();
    ASSERT_TRUE(saved.has_value());
    auto answers = core::DecodeRiasecAnswers(saved->answers);
    ASSERT_TRUE(answers.ok());
    EXPECT_EQ(answers->statements.size(), static_cast<size_t>(i));
    EXPECT_TRUE(saved->result.empty());
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM assessment_response"), 1);
  EXPECT_GE(Count("SELECT COUNT(*) FROM outbox WHERE tbl = 'assessment_response'"), 3);

  AnswerTheRest();
  ASSERT_EQ(state_.assessment.step, AssessmentStep::kResult);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM assessment_response"), 1);
  auto saved = Latest();
  ASSERT_TRUE(saved.has_value());
  EXPECT_FALSE(saved->reviewed);
  EXPECT_EQ(saved->kind, "riasec");
  const auto result = nlohmann::json::parse(saved->result);
  EXPECT_EQ(result["status"], "top_areas");
  EXPECT_EQ(result["top"], nlohmann::json::array({"realistic"}));
  // Ona completed the crafts course: it is not suggested again.
  for (const auto& course : result["courses"]) {
    EXPECT_NE(course, "course.rural-crafts");
  }
  auto answers = core::DecodeRiasecAnswers(saved->answers);
  ASSERT_TRUE(answers.ok());
  EXPECT_EQ(answers->skills.size(), 6u);
  EXPECT_EQ(answers->constraints.at("health"), "a_lot");
}

TEST_F(AssessmentStorageTest, AGuestLeavesNothingInTheDatabase) {
  StartRunner();
  Open();
  Do(StartAssessment{});
  AnswerTheRest();
  ASSERT_EQ(state_.assessment.step, AssessmentStep::kResult);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM assessment_response"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE tbl = 'assessment_response'"), 0);
  Do(GoHome{});
  EXPECT_TRUE(state_.assessment.answers.statements.empty());
}

TEST_F(AssessmentStorageTest, APersonWhoWalksAwayResumesWhereTheyStopped) {
  StartRunner();
  SignIn();
  Open();
  Do(StartAssessment{});
  for (int i = 0; i < 7; ++i) {
    Do(AnswerShown());
  }
  Do(GoHome{});  // as after the idle timeout
  EXPECT_EQ(state_.assessment.person_id, "");
  EXPECT_TRUE(state_.assessment.answers.statements.empty());

  // A new kiosk process: nothing in memory, everything from the database.
  runner_.reset();
  state_ = AppState{};
  StartRunner();
  SignIn();
  Open();
  EXPECT_EQ(state_.assessment.step, AssessmentStep::kIntro);
  EXPECT_EQ(state_.assessment.answers.statements.size(), 7u);
  Do(StartAssessment{});
  EXPECT_EQ(state_.assessment.step, AssessmentStep::kStatement);
  EXPECT_EQ(state_.assessment.index, 7);
  Do(AnswerShown());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM assessment_response"), 1);  // the same response
  auto answers = core::DecodeRiasecAnswers(Latest()->answers);
  ASSERT_TRUE(answers.ok());
  EXPECT_EQ(answers->statements.size(), 8u);
}

TEST_F(AssessmentStorageTest, AnswersFasterThanTheFirstSaveStillMakeOneResponse) {
  StartRunner();
  SignIn();
  Open();
  Do(StartAssessment{});
  // Five taps reduced before any save has run: none of them knows the response id yet.
  std::vector<Effect> saves;
  for (int i = 0; i < 5; ++i) {
    for (Effect& effect : Reduce(state_, AnswerShown())) {
      saves.push_back(std::move(effect));
    }
  }
  ASSERT_EQ(saves.size(), 5u);
  for (const Effect& save : saves) {
    ASSERT_EQ(GetMessage<SaveAssessment>(save).response_id, "");
  }
  runner_->Post(std::move(saves));
  Settle();
  EXPECT_EQ(Count("SELECT COUNT(*) FROM assessment_response"), 1);
  auto answers = core::DecodeRiasecAnswers(Latest()->answers);
  ASSERT_TRUE(answers.ok());
  EXPECT_EQ(answers->statements.size(), 5u);
}

TEST_F(AssessmentStorageTest, AnsweringAgainKeepsTheFinishedResponse) {
  StartRunner();
  SignIn();
  Open();
  Do(StartAssessment{});
  AnswerTheRest();
  ASSERT_EQ(state_.assessment.step, AssessmentStep::kResult);
  Do(RestartAssessment{});
  Do(AnswerShown());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM assessment_response"), 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM assessment_response WHERE result IS NOT NULL"), 1);
}

TEST_F(AssessmentStorageTest, SigningInFromTheQuestionsKeepsTheGuestsAnswers) {
  StartRunner();
  Open();
  Do(StartAssessment{});
  Do(AnswerShown());
  Do(AnswerShown());
  Do(SignInToKeepAssessment{});
  ASSERT_EQ(state_.screen, Screen::kSignIn);
  Do(SubmitCardCode{"410037"});
  ASSERT_TRUE(state_.person.has_value());
  EXPECT_EQ(state_.screen, Screen::kAssessment);
  EXPECT_EQ(state_.assessment.index, 2);
  auto saved = Latest();
  ASSERT_TRUE(saved.has_value());
  auto answers = core::DecodeRiasecAnswers(saved->answers);
  ASSERT_TRUE(answers.ok());
  EXPECT_EQ(answers->statements.size(), 2u);
}

TEST_F(AssessmentStorageTest, ABrokenContentFileIsANoticeNotAFault) {
  const std::string broken = (dir_ / "riasec.json").string();
  std::ofstream(broken) << R"({"format": "raida.riasec/1", "version": 1})";
  StartRunner(broken);
  state_.screen = Screen::kCatalog;
  Do(OpenAssessment{});
  EXPECT_EQ(state_.screen, Screen::kCatalog);
  EXPECT_EQ(state_.notice_key, kAssessmentUnavailableKey);
  EXPECT_TRUE(state_.fault_key.empty());
}

}  // namespace
}  // namespace raida::kiosk
