// A person's action plan with the real storage: the reducer drives PlanStorage, PersonStorage and
// CoordinatorStorage on a ":memory:" store seeded with the demo district (plan_test.cpp has the
// reducer alone). Goals and steps round trip, done and achieved toggle, the status changes, bad
// input writes nothing (not even an audit entry), a goal of someone else is refused, the summary
// file holds what the person takes home and no notes, and an accepted self-assessment shows in
// the plan. Every action writes exactly one audit entry, with ids only.
#include "kiosk/state/plan_storage.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "kiosk/state/assessment_storage.h"
#include "kiosk/state/coordinator_storage.h"
#include "kiosk/state/person_storage.h"
#include "kiosk/state/reduce.h"
#include "kiosk/state/reduce_plan.h"
#include "raida/core/action_plan_repository.h"
#include "raida/core/assessment_repository.h"
#include "raida/core/district_data.h"
#include "raida/core/person_repository.h"
#include "raida/core/riasec.h"
#include "raida/core/sealed_notes.h"
#include "raida/core/store.h"

namespace raida::kiosk {
namespace {

constexpr const char* kCoordinator = "coordinator.bajorai.1";
constexpr const char* kOna = "person.demo.01";  // Ona Kazlauskienė, language "lt"

class PlanRigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    setenv("TZ", "UTC", 1);
    tzset();
    dir_ = std::filesystem::temp_directory_path() /
           ("raida-plan-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    core::StoreOptions options;
    options.path = ":memory:";
    options.mode = core::OpenMode::kCreateIfMissing;
    store_ = std::move(core::Store::Open(options, clock_)).value();
    core::DistrictLoadOptions load;
    load.only_center_id = "center.bajorai";
    ASSERT_TRUE(core::LoadDistrictFile(
                    *store_, std::string(RAIDA_SOURCE_DIR) + "/assets/demo/rokiskis.json", load)
                    .ok());
    coordinators_ = std::make_unique<CoordinatorStorage>((dir_ / "kiosk.db.pepper").string(),
                                                         core::PinHashCost::Cheapest());
    PersonStorageOptions people;
    people.data_dir = dir_.string();
    people.print_program = "raida-no-such-printer-program";
    people_ = std::make_unique<PersonStorage>(people);
    UsePrinter("raida-no-such-printer-program");
    state_.center_id = "center.bajorai";
    state_.language = "en";
    state_.today = "2026-11-23";
    state_.screen = Screen::kCoordinator;
    state_.coordinator.view = CoordinatorView::kHome;
    state_.coordinator.signed_in = SignedInCoordinator{kCoordinator, "Rasa"};
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  void UsePrinter(const std::string& program) {
    plans_ = std::make_unique<PlanStorage>(
        PlanStorageOptions{dir_.string(), "", program, center_key_path_});
  }

  // This kiosk gets a center key (as provisioning gives it) and Ona a notes key under it (as the
  // district server gives it).
  void KeepNotes() {
    center_key_path_ = core::CenterKeyPathFor((dir_ / "kiosk.db").string());
    ASSERT_TRUE(core::WriteCenterKeyFile(center_key_path_, core::SecretKey::Random()).ok());
    GiveNotesKey(kOna);
    UsePrinter("raida-no-such-printer-program");
  }
  void GiveNotesKey(const std::string& person_id) {
    auto center = core::ReadCenterKeyFile(center_key_path_);
    ASSERT_TRUE(center.ok());
    ASSERT_TRUE(core::PersonRepository(*store_)
                    .SetNotesKey(person_id,
                                 core::WrapPersonKey(*center, person_id, core::SecretKey::Random()))
                    .ok());
  }

  // Ona's plan with one goal and one step; the step's id.
  std::string PlanWithAStep() {
    OpenOnasPlan();
    AddGoal("Work in a shop");
    AddStep(plan().plan.goals.at(0).id, "Register as a job seeker", "labour_office", "20261201");
    return plan().plan.goals.at(0).steps.at(0).id;
  }
  const PlanStepView& FirstStep() const { return plan().plan.goals.at(0).steps.at(0); }

  // The step's stored notes_sealed, empty when NULL.
  std::vector<uint8_t> Sealed(const std::string& step_id) {
    auto stmt = store_->db().Prepare("SELECT notes_sealed FROM plan_step WHERE id = ?");
    stmt->Bind(1, step_id);
    EXPECT_TRUE(*stmt->Step());
    return stmt->ColumnIsNull(0) ? std::vector<uint8_t>() : stmt->ColumnBlob(0);
  }
  int64_t NoteAudits() {
    auto stmt =
        store_->db().Prepare("SELECT count(*) FROM audit_log WHERE action = 'plan.step_note'");
    EXPECT_TRUE(*stmt->Step());
    return stmt->ColumnInt(0);
  }

  template <typename Storage, typename E>
  std::optional<Action> RunOn(Storage& storage, const E& effect) {
    auto result = storage.Run(*store_, effect);
    EXPECT_TRUE(result.ok()) << result.error().message;
    return result.ok() ? *result : std::nullopt;
  }

  // Reduces `action` and runs what it asks of the storages, feeding the answers back.
  void Drive(const Action& action) {
    for (const Effect& effect : Reduce(state_, action)) {
      std::optional<Action> answer = VisitMessage(
          [&](const auto& e) -> std::optional<Action> {
            using E = std::decay_t<decltype(e)>;
            if constexpr (PlanEffect<E>) {
              return RunOn(*plans_, e);
            } else if constexpr (PersonEffect<E>) {
              return RunOn(*people_, e);
            } else if constexpr (CoordinatorEffect<E>) {
              return RunOn(*coordinators_, e);
            }
            return std::nullopt;
          },
          effect);
      if (answer) {
        Drive(*answer);
      }
    }
  }

  void OpenOnasPlan() {
    Drive(OpenCoordinatorTask{CoordinatorView::kFindPerson});
    Drive(OpenPerson{kOna});
    ASSERT_TRUE(state_.coordinator.person.record);
    Drive(OpenPlan{});
    ASSERT_EQ(state_.coordinator.view, CoordinatorView::kPlan);
    ASSERT_FALSE(plan().loading);
  }

  void AddGoal(const std::string& title) {
    Drive(AddPlanGoal{});
    Drive(SubmitPlanTitle{title});
  }
  void AddStep(const std::string& goal_id, const std::string& title, const std::string& where,
               const std::string& digits) {
    Drive(AddPlanStep{goal_id});
    Drive(SubmitPlanTitle{title});
    Drive(ChoosePlanInstitution{where});
    Drive(SubmitPlanDue{digits});
  }

  const PlanState& plan() const { return state_.coordinator.person.plan; }

  int64_t Count(const std::string& table) {
    auto stmt = store_->db().Prepare("SELECT count(*) FROM " + table);
    EXPECT_TRUE(*stmt->Step());
    return stmt->ColumnInt(0);
  }

  std::vector<std::string> AuditRows() {
    std::vector<std::string> rows;
    auto stmt = store_->db().Prepare(
        "SELECT action || '|' || record_table || '|' || record_id FROM audit_log"
        " ORDER BY at_ms, hlc");
    while (*stmt->Step()) {
      rows.push_back(stmt->ColumnText(0));
    }
    return rows;
  }

  // Every column of every audit row: no name, no goal or step title.
  void ExpectNoPersonalValues() {
    auto stmt = store_->db().Prepare(
        "SELECT id || '|' || actor_id || '|' || action || '|' || record_table || '|' ||"
        " record_id FROM audit_log");
    std::string all;
    while (*stmt->Step()) {
      all += stmt->ColumnText(0) + "\n";
    }
    for (const char* value : {"Ona", "Kazlauskien", "shop", "labour", "Cashier", "2026-12"}) {
      EXPECT_EQ(all.find(value), std::string::npos) << value;
    }
  }

  core::ManualClock clock_{1'790'000'000'000};
  std::filesystem::path dir_;
  std::unique_ptr<core::Store> store_;
  std::unique_ptr<CoordinatorStorage> coordinators_;
  std::unique_ptr<PersonStorage> people_;
  std::unique_ptr<PlanStorage> plans_;
  AppState state_;
  std::string center_key_path_;  // "" until KeepNotes()
};

TEST_F(PlanRigTest, AGoalAndAStepRoundTripThroughTheStoreAndTheOutbox) {
  OpenOnasPlan();
  EXPECT_TRUE(plan().plan.id.empty()) << "no plan until the first goal";
  const int64_t outbox = Count("outbox");
  AddGoal("Work in a shop");
  ASSERT_FALSE(plan().plan.id.empty());
  EXPECT_EQ(plan().plan.status, "draft");
  ASSERT_EQ(plan().plan.goals.size(), 1u);
  const std::string goal_id = plan().plan.goals[0].id;
  EXPECT_EQ(plan().plan.goals[0].title, "Work in a shop");
  AddStep(goal_id, "Register as a job seeker", "labour_office", "20261201");
  AddStep(goal_id, "Cashier course", "training_provider", "20251001");  // past: allowed
  ASSERT_EQ(plan().plan.goals[0].steps.size(), 2u);
  EXPECT_GT(Count("outbox"), outbox) << "captured, so it syncs";

  // What the screen has is what the store has.
  core::ActionPlanRepository plans(*store_);
  auto listed = plans.ListPlansForPerson(kOna);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].coordinator_id, kCoordinator);
  auto steps = plans.ListSteps(goal_id);
  ASSERT_TRUE(steps.ok());
  ASSERT_EQ(steps->size(), 2u);
  EXPECT_EQ((*steps)[0].title, "Register as a job seeker");
  EXPECT_EQ((*steps)[0].institution, core::Institution::kLabourOffice);
  EXPECT_EQ((*steps)[0].due_on, "2026-12-01");
  EXPECT_FALSE((*steps)[0].done);
  EXPECT_EQ((*steps)[1].institution, core::Institution::kTrainingProvider);
  EXPECT_EQ((*steps)[1].due_on, "2025-10-01");

  // A second goal goes into the same plan.
  AddGoal("Keep the garden");
  EXPECT_EQ(plan().plan.goals.size(), 2u);
  EXPECT_EQ(plans.ListPlansForPerson(kOna)->size(), 1u);
  EXPECT_EQ(
      AuditRows(),
      (std::vector<std::string>{
          std::string("person.read|person|") + kOna, std::string("plan.view|person|") + kOna,
          std::string("plan.goal_add|person|") + kOna, "plan.step_add|plan_goal|" + goal_id,
          "plan.step_add|plan_goal|" + goal_id, std::string("plan.goal_add|person|") + kOna}));
  ExpectNoPersonalValues();
}

TEST_F(PlanRigTest, DoneAchievedAndStatusToggleWithOneAuditEntryEach) {
  OpenOnasPlan();
  AddGoal("Work in a shop");
  const std::string goal_id = plan().plan.goals[0].id;
  AddStep(goal_id, "Register", "labour_office", "20261201");
  const std::string step_id = plan().plan.goals[0].steps[0].id;
  const size_t before = AuditRows().size();

  Drive(TapPlanStep{step_id});
  EXPECT_TRUE(plan().plan.goals[0].steps[0].done);
  EXPECT_TRUE((*core::ActionPlanRepository(*store_).ListSteps(goal_id))[0].done);
  Drive(TapPlanStep{step_id});  // asked first
  EXPECT_TRUE((*core::ActionPlanRepository(*store_).ListSteps(goal_id))[0].done);
  Drive(AnswerPlanQuestion{true});
  EXPECT_FALSE((*core::ActionPlanRepository(*store_).ListSteps(goal_id))[0].done);
  EXPECT_FALSE(plan().plan.goals[0].steps[0].done);

  Drive(TapPlanGoal{goal_id});
  EXPECT_TRUE((*core::ActionPlanRepository(*store_).ListGoals(plan().plan.id))[0].achieved);
  Drive(ChangePlanStatus{"active"});
  EXPECT_EQ(plan().plan.status, "active");
  Drive(ChangePlanStatus{"closed"});
  Drive(AnswerPlanQuestion{true});
  EXPECT_EQ(plan().plan.status, "closed");
  EXPECT_EQ((*core::ActionPlanRepository(*store_).GetPlan(plan().plan.id))->status, "closed");

  const std::vector<std::string> rows = AuditRows();
  ASSERT_EQ(rows.size(), before + 5);
  EXPECT_EQ(rows[before], "plan.step_done|plan_step|" + step_id);
  EXPECT_EQ(rows[before + 1], "plan.step_done|plan_step|" + step_id);
  EXPECT_EQ(rows[before + 2], "plan.goal_achieved|plan_goal|" + goal_id);
  EXPECT_EQ(rows[before + 3], "plan.status|action_plan|" + plan().plan.id);
  EXPECT_EQ(rows[before + 4], "plan.status|action_plan|" + plan().plan.id);
  ExpectNoPersonalValues();

  // Opened again (no question: nothing is lost by it).
  Drive(ChangePlanStatus{"active"});
  EXPECT_EQ(plan().plan.status, "active");
}

TEST_F(PlanRigTest, AnEmptyTitleOrAnImpossibleDateWritesNothing) {
  OpenOnasPlan();
  AddGoal("Work in a shop");
  const std::string goal_id = plan().plan.goals[0].id;
  const int64_t outbox = Count("outbox");
  const int64_t steps = Count("plan_step");
  const int64_t goals = Count("plan_goal");
  const size_t audits = AuditRows().size();

  AddGoal("   ");
  EXPECT_EQ(plan().error_key, "plan.error.empty_title");
  Drive(GoBack{});
  AddStep(goal_id, "Interview", "ngo", "20260230");
  EXPECT_EQ(plan().error_key, "plan.error.impossible_date");
  Drive(SubmitPlanDue{"2026123"});
  EXPECT_EQ(plan().error_key, "plan.error.date_digits");
  Drive(GoBack{});
  Drive(GoBack{});
  Drive(GoBack{});
  EXPECT_EQ(plan().edit, PlanEdit::kNone);

  // Even straight to the storage (a reducer bypassed): refused, nothing written.
  auto refused =
      plans_->Run(*store_, SavePlanStep{kOna, goal_id, "Interview", "ngo", "2026-02-30"});
  ASSERT_TRUE(refused.ok());
  ASSERT_TRUE(*refused && HoldsMessage<PlanChangeFailed>(**refused));
  refused = plans_->Run(*store_, SavePlanGoal{kOna, " ", kCoordinator});
  ASSERT_TRUE(refused.ok());
  ASSERT_TRUE(*refused && HoldsMessage<PlanChangeFailed>(**refused));
  // Someone else's goal, or a goal that does not exist, is not Ona's.
  refused = plans_->Run(*store_, SavePlanStep{"person.demo.02", goal_id, "X", "ngo", ""});
  ASSERT_TRUE(refused.ok());
  ASSERT_TRUE(*refused && HoldsMessage<PlanChangeFailed>(**refused));
  EXPECT_EQ(GetMessage<PlanChangeFailed>(**refused).notice_key, "plan.notice.not_found");

  EXPECT_EQ(Count("outbox"), outbox);
  EXPECT_EQ(Count("plan_step"), steps);
  EXPECT_EQ(Count("plan_goal"), goals);
  EXPECT_EQ(AuditRows().size(), audits) << "nothing changed, nothing audited";
}

TEST_F(PlanRigTest, TheSummaryHoldsGoalsStepsInstitutionsDatesAndDoneButNoNotes) {
  OpenOnasPlan();
  AddGoal("Work in a shop");
  const std::string goal_id = plan().plan.goals[0].id;
  AddStep(goal_id, "Register as a job seeker", "labour_office", "20261201");
  AddStep(goal_id, "Cashier course", "training_provider", "20270115");
  Drive(TapPlanStep{plan().plan.goals[0].steps[0].id});
  ASSERT_TRUE(core::ActionPlanRepository(*store_)
                  .SetStepNotes(plan().plan.goals[0].steps[1].id, {'S', 'E', 'C', 'R', 'E', 'T'})
                  .ok());

  Drive(PrintPlanSummary{});
  EXPECT_EQ(plan().notice_key, "plan.notice.saved") << "no printer here";
  const std::filesystem::path expected = dir_ / "plans" / ("plan-" + plan().plan.id + ".txt");
  EXPECT_EQ(plan().printed_path, expected.string());
  std::ifstream in(expected);
  std::stringstream text;
  text << in.rdbuf();
  const std::string summary = text.str();
  // In Ona's language (Lithuanian), as she takes it home.
  for (const char* part :
       {"Individualus veiksmų planas", "Ona Kazlauskienė", "Išspausdinta 2026 m. lapkričio 23 d.",
        "Plano juodraštis", "Atlikta žingsnių: 1 iš 2", "1. Work in a shop",
        "[x] Register as a job seeker", "Užimtumo tarnyba", "iki 2026 m. gruodžio 1 d.",
        "[ ] Cashier course", "Mokymų teikėjas", "iki 2027 m. sausio 15 d.", "dar neatlikta"}) {
    EXPECT_NE(summary.find(part), std::string::npos) << part << "\n" << summary;
  }
  EXPECT_EQ(summary.find("SECRET"), std::string::npos);
  EXPECT_EQ(summary.find(goal_id), std::string::npos) << "no ids";
  // Only the kiosk's user can read it while it waits in the data folder.
  const auto others = std::filesystem::perms::group_all | std::filesystem::perms::others_all;
  EXPECT_EQ(std::filesystem::status(expected).permissions() & others, std::filesystem::perms::none);
  EXPECT_EQ(std::filesystem::status(dir_ / "plans").permissions() & others,
            std::filesystem::perms::none);
  EXPECT_EQ(AuditRows().back(), "plan.print|action_plan|" + plan().plan.id);

  // With a printer (`true` stands in for lp), the notice says it was sent.
  UsePrinter("true");
  Drive(DismissPlanNotice{});
  Drive(PrintPlanSummary{});
  EXPECT_EQ(plan().notice_key, "plan.notice.printed");
  ExpectNoPersonalValues();
}

TEST_F(PlanRigTest, AnAcceptedSelfAssessmentIsInThePlan) {
  // Ona's scored self-assessment, accepted on her record ("Add to the action plan").
  auto content = core::LoadRiasecContent(DefaultAssessmentFile());
  ASSERT_TRUE(content.ok());
  core::RiasecResult result;
  result.content_version = content->version;
  result.status = core::RiasecStatus::kTopAreas;
  for (const core::RiasecArea area : core::RiasecAreasInOrder()) {
    result.areas.push_back(core::RiasecAreaScore{area, 4, 4, 8, 100});
  }
  result.top = {core::RiasecArea::kRealistic};
  result.courses = core::AreaInfo(*content, core::RiasecArea::kRealistic).courses;
  core::AssessmentResponse response;
  response.person_id = kOna;
  response.kind = core::kRiasecKind;
  response.answers = "{}";
  response.result = core::EncodeRiasecResult(result);
  ASSERT_TRUE(core::AssessmentRepository(*store_).SaveDraft(response).ok());
  Drive(OpenCoordinatorTask{CoordinatorView::kFindPerson});
  Drive(OpenPerson{kOna});
  Drive(AskAssessmentDraft{true});
  Drive(AnswerPersonQuestion{true});
  ASSERT_EQ(state_.coordinator.person.notice_key, "person.notice.draft_accepted");
  Drive(DismissPersonNotice{});

  Drive(OpenPlan{});
  ASSERT_FALSE(plan().plan.id.empty());
  ASSERT_EQ(plan().plan.goals.size(), 1u);
  EXPECT_EQ(plan().plan.goals[0].title,
            core::Localize(core::AreaInfo(*content, core::RiasecArea::kRealistic).name, "lt"));
  ASSERT_FALSE(plan().plan.goals[0].steps.empty());
  for (const PlanStepView& step : plan().plan.goals[0].steps) {
    EXPECT_EQ(step.institution, "training_provider");
  }
  // New goals go into the same plan.
  const std::string plan_id = plan().plan.id;
  AddGoal("Work in a shop");
  EXPECT_EQ(plan().plan.id, plan_id);
  EXPECT_EQ(plan().plan.goals.size(), 2u);
}

// [SECTION] Sealed notes

TEST_F(PlanRigTest, ANoteIsWrittenChangedAndClearedSealedWithOneAuditEntryEach) {
  KeepNotes();
  const std::string step_id = PlanWithAStep();
  EXPECT_TRUE(plan().plan.notes_kept);
  EXPECT_EQ(FirstStep().note_state, PlanNote::kNone);

  Drive(OpenPlanNote{step_id});
  ASSERT_EQ(plan().edit, PlanEdit::kStepNote);
  Drive(SubmitPlanNote{"  Needs a lift on Tuesdays  "});
  EXPECT_EQ(plan().edit, PlanEdit::kNone);
  ASSERT_EQ(FirstStep().note_state, PlanNote::kShown);
  EXPECT_EQ(FirstStep().note, "Needs a lift on Tuesdays");
  EXPECT_EQ(NoteAudits(), 1);
  EXPECT_EQ(AuditRows().back(), "plan.step_note|plan_step|" + step_id);

  // Stored sealed: neither the row nor the outbox (hex) holds the text.
  const std::vector<uint8_t> sealed = Sealed(step_id);
  ASSERT_FALSE(sealed.empty());
  const std::string lift = "lift on";
  EXPECT_EQ(std::search(sealed.begin(), sealed.end(), lift.begin(), lift.end()), sealed.end());
  auto outbox = store_->db().Prepare(
      "SELECT count(*) FROM outbox WHERE tbl = 'plan_step' AND json_extract(cols, "
      "'$.notes_sealed') IS NOT NULL AND instr(cols, hex('lift on')) = 0 AND instr(cols, "
      "'lift') = 0");
  ASSERT_TRUE(*outbox->Step());
  EXPECT_EQ(outbox->ColumnInt(0), 1) << "the note syncs, sealed";
  // Read afresh from the store, it opens again.
  auto read = ReadCurrentPlan(*store_, kOna, center_key_path_);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->goals.at(0).steps.at(0).note, "Needs a lift on Tuesdays");

  // Changed: the keyboard starts from the note; a new sealing, a second entry.
  Drive(OpenPlanNote{step_id});
  Drive(SubmitPlanNote{"Needs a lift on Mondays"});
  EXPECT_EQ(FirstStep().note, "Needs a lift on Mondays");
  EXPECT_NE(Sealed(step_id), sealed);
  EXPECT_EQ(NoteAudits(), 2);
  // The same text again changes nothing and is not audited.
  Drive(OpenPlanNote{step_id});
  Drive(SubmitPlanNote{"Needs a lift on Mondays"});
  EXPECT_EQ(NoteAudits(), 2);

  // Never in the summary the person takes home.
  Drive(PrintPlanSummary{});
  std::ifstream in(dir_ / "plans" / ("plan-" + plan().plan.id + ".txt"));
  std::stringstream summary;
  summary << in.rdbuf();
  EXPECT_NE(summary.str().find("Register as a job seeker"), std::string::npos);
  EXPECT_EQ(summary.str().find("lift"), std::string::npos);
  Drive(DismissPlanNotice{});

  // An empty note clears it.
  Drive(OpenPlanNote{step_id});
  Drive(SubmitPlanNote{"   "});
  EXPECT_EQ(FirstStep().note_state, PlanNote::kNone);
  EXPECT_TRUE(Sealed(step_id).empty());
  EXPECT_EQ(NoteAudits(), 3);

  // No audit entry carries any of it.
  ExpectNoPersonalValues();
  auto audit = store_->db().Prepare(
      "SELECT count(*) FROM audit_log WHERE instr(id || actor_id || action || record_table || "
      "record_id, 'lift') > 0");
  ASSERT_TRUE(*audit->Step());
  EXPECT_EQ(audit->ColumnInt(0), 0);
}

TEST_F(PlanRigTest, TheSignOutLeavesNoNoteInTheState) {
  KeepNotes();
  const std::string step_id = PlanWithAStep();
  Drive(OpenPlanNote{step_id});
  Drive(SubmitPlanNote{"Needs a lift on Tuesdays"});
  ASSERT_EQ(FirstStep().note_state, PlanNote::kShown);
  // What the sign-out does to the notes before the state goes: overwritten and emptied.
  PlanState copy = plan();
  WipePlanNotes(copy);
  EXPECT_TRUE(copy.plan.goals.at(0).steps.at(0).note.empty());
  EXPECT_EQ(FirstStep().note, "Needs a lift on Tuesdays");
  Drive(GoHome{});  // leaving coordinator mode signs out
  EXPECT_FALSE(state_.coordinator.signed_in);
  EXPECT_TRUE(plan().plan.goals.empty());
  EXPECT_EQ(plan().step_id, "");
}

TEST_F(PlanRigTest, ANoteIsRefusedWithoutAKeyAndNothingIsWritten) {
  // A kiosk provisioned before notes were sealed: no center key.
  const std::string step_id = PlanWithAStep();
  EXPECT_FALSE(plan().plan.notes_kept);
  Drive(OpenPlanNote{step_id});
  EXPECT_EQ(plan().edit, PlanEdit::kNone) << "no note entry without a center key";
  const int64_t outbox = Count("outbox");
  auto refused = plans_->Run(*store_, SavePlanStepNote{kOna, step_id, "Needs a lift"});
  ASSERT_TRUE(refused.ok());
  ASSERT_TRUE(*refused && HoldsMessage<PlanChangeFailed>(**refused));
  EXPECT_EQ(GetMessage<PlanChangeFailed>(**refused).notice_key, "plan.notice.notes_unavailable");

  // A center key, but Ona's notes key has not arrived yet.
  center_key_path_ = core::CenterKeyPathFor((dir_ / "kiosk.db").string());
  ASSERT_TRUE(core::WriteCenterKeyFile(center_key_path_, core::SecretKey::Random()).ok());
  UsePrinter("raida-no-such-printer-program");
  refused = plans_->Run(*store_, SavePlanStepNote{kOna, step_id, "Needs a lift"});
  ASSERT_TRUE(refused.ok());
  ASSERT_TRUE(*refused && HoldsMessage<PlanChangeFailed>(**refused));
  EXPECT_EQ(GetMessage<PlanChangeFailed>(**refused).notice_key, "plan.notice.note_key_missing");
  EXPECT_TRUE(Sealed(step_id).empty());
  EXPECT_EQ(Count("outbox"), outbox);
  EXPECT_EQ(NoteAudits(), 0);
}

TEST_F(PlanRigTest, ANoteThatDoesNotOpenHereIsSaidPlainlyAndNotReplaced) {
  KeepNotes();
  const std::string step_id = PlanWithAStep();
  Drive(OpenPlanNote{step_id});
  Drive(SubmitPlanNote{"Needs a lift on Tuesdays"});
  // Erasure reaches the kiosk: the person's key is gone (crypto-shredding); the ciphertext stays.
  {
    core::Store::ApplyingScope applying(*store_);
    ASSERT_TRUE(
        store_->db()
            .Exec("UPDATE person SET notes_key = NULL WHERE id = '" + std::string(kOna) + "'")
            .ok());
  }
  auto read = ReadCurrentPlan(*store_, kOna, center_key_path_);
  ASSERT_TRUE(read.ok());
  const PlanStepView& step = read->goals.at(0).steps.at(0);
  EXPECT_EQ(step.note_state, PlanNote::kUnreadable);
  EXPECT_TRUE(step.note.empty());
  Drive(PlanLoaded{kOna, *read});
  Drive(OpenPlanNote{step_id});
  EXPECT_EQ(plan().edit, PlanEdit::kNone) << "an unreadable note is not overwritten blind";
  EXPECT_FALSE(Sealed(step_id).empty());
}

TEST_F(PlanRigTest, AMergedPersonsNoteOpensWithTheKeyOfWhoSealedIt) {
  KeepNotes();
  const std::string step_id = PlanWithAStep();
  // The server merged Petras into Ona and moved his plan to her: his note stays sealed under his
  // key, which his (merged) row keeps.
  constexpr const char* kPetras = "person.demo.02";
  GiveNotesKey(kPetras);
  auto center = core::ReadCenterKeyFile(center_key_path_);
  ASSERT_TRUE(center.ok());
  auto petras_key = core::UnwrapPersonKey(
      *center, kPetras, core::PersonRepository(*store_).NotesKey(kPetras).value());
  ASSERT_TRUE(petras_key.ok());
  auto sealed = core::SealNote(*petras_key, kPetras, step_id, "Written at Petras's record");
  ASSERT_TRUE(sealed.ok());
  ASSERT_TRUE(core::ActionPlanRepository(*store_).SetStepNotes(step_id, *sealed).ok());
  auto read = ReadCurrentPlan(*store_, kOna, center_key_path_);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->goals.at(0).steps.at(0).note_state, PlanNote::kShown);
  EXPECT_EQ(read->goals.at(0).steps.at(0).note, "Written at Petras's record");
  // The same ciphertext on another step does not open (bound to its row).
  AddStep(plan().plan.goals.at(0).id, "Cashier course", "training_provider", "20270115");
  const std::string other = plan().plan.goals.at(0).steps.at(1).id;
  ASSERT_TRUE(core::ActionPlanRepository(*store_).SetStepNotes(other, *sealed).ok());
  read = ReadCurrentPlan(*store_, kOna, center_key_path_);
  EXPECT_EQ(read->goals.at(0).steps.at(1).note_state, PlanNote::kUnreadable);
}

}  // namespace
}  // namespace raida::kiosk
