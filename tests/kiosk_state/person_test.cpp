// "Find a person" and a person's record: the reducer alone (the name filter, guards, Back), and
// the reducer with the real PersonStorage and CoordinatorStorage on a store seeded with the demo
// district (opening a record, consent withdrawn and given, a certificate shown and printed to a
// real PDF, a self-assessment result accepted into the action plan or discarded), each action
// writing exactly one audit entry with ids only.
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
#include "kiosk/state/reduce_person.h"
#include "kiosk/state/text_edit.h"
#include "raida/core/action_plan_repository.h"
#include "raida/core/assessment_repository.h"
#include "raida/core/attendance_repository.h"
#include "raida/core/catalog_repository.h"
#include "raida/core/certificate_repository.h"
#include "raida/core/district_data.h"
#include "raida/core/enrollment_repository.h"
#include "raida/core/person_repository.h"
#include "raida/core/riasec.h"
#include "raida/core/store.h"
#include "tests/kiosk_state/effects_found.h"

namespace raida::kiosk {
namespace {

constexpr const char* kCoordinator = "coordinator.bajorai.1";
constexpr const char* kOna = "person.demo.01";  // Ona Kazlauskienė, the demo's first resident

AppState SignedInHome() {
  AppState state;
  state.center_id = "center.bajorai";
  state.language = "en";
  state.screen = Screen::kCoordinator;
  state.coordinator.view = CoordinatorView::kHome;
  state.coordinator.signed_in = SignedInCoordinator{kCoordinator, "Rasa"};
  return state;
}

PersonRecord Record(bool consent_given) {
  PersonRecord record;
  record.id = kOna;
  record.given_name = "Ona";
  record.family_name = "Kazlauskienė";
  record.consents = {PersonConsentView{"registration", consent_given, true, "registration/2025-3"},
                     PersonConsentView{"contact", false, false, ""}};
  PersonCertificateView certificate;
  certificate.id = "certificate.1";
  certificate.code = "RKS-7K2M-9QXD";
  record.certificates.push_back(certificate);
  record.draft = PersonDraftView{"response.1", "top_areas", {}, {}};
  return record;
}

// [SECTION] The reducer alone

TEST(PersonReduceTest, TheFilterIgnoresCaseAndDiacritics) {
  EXPECT_EQ(FoldForSearch("Žemaitė ŁUKASZ Ąžuolas"), "zemaite lukasz azuolas");
  const PersonCard ona{kOna, "Ona", "Kazlauskienė", 1951, "Bajorai"};
  EXPECT_TRUE(PersonMatches(ona, ""));
  EXPECT_TRUE(PersonMatches(ona, "kazlausk"));
  EXPECT_TRUE(PersonMatches(ona, "KAZLAUSKIENE"));
  EXPECT_TRUE(PersonMatches(ona, "ona kazl"));
  EXPECT_TRUE(PersonMatches(ona, "  ONA  "));
  EXPECT_FALSE(PersonMatches(ona, "petras"));
  EXPECT_FALSE(PersonMatches(ona, "ona petr"));
}

TEST(PersonReduceTest, OpeningTheTaskLoadsThePeopleAndOpeningARecordAuditsOnce) {
  AppState state = SignedInHome();
  std::vector<Effect> effects = Reduce(state, OpenCoordinatorTask{CoordinatorView::kFindPerson});
  ASSERT_EQ(All<LoadPeople>(effects).size(), 1u);
  EXPECT_TRUE(state.coordinator.person.loading);
  EXPECT_TRUE(Reduce(state, OpenPerson{kOna}).empty()) << "nothing opens while loading";
  Reduce(state, PeopleLoaded{"center.bajorai", {{kOna, "Ona", "Kazlauskienė", 1951, "Bajorai"}}});
  EXPECT_TRUE(Reduce(state, OpenPerson{"person.not.listed"}).empty());
  effects = Reduce(state, OpenPerson{kOna});
  ASSERT_EQ(All<LoadPersonRecord>(effects).size(), 1u);
  const auto audits = All<WriteAudit>(effects);
  ASSERT_EQ(audits.size(), 1u);
  EXPECT_EQ(audits[0].actor_id, kCoordinator);
  EXPECT_EQ(audits[0].action, "person.read");
  EXPECT_EQ(audits[0].record_table, "person");
  EXPECT_EQ(audits[0].record_id, kOna);
  EXPECT_EQ(state.coordinator.view, CoordinatorView::kPerson);
  Reduce(state, PersonRecordLoaded{Record(true)});
  ASSERT_TRUE(state.coordinator.person.record);

  // Back: the certificate closes first, then the record goes back to the list, then home.
  Reduce(state, ShowPersonCertificate{"certificate.1"});
  EXPECT_EQ(state.coordinator.person.shown_certificate, "certificate.1");
  Reduce(state, GoBack{});
  EXPECT_TRUE(state.coordinator.person.shown_certificate.empty());
  EXPECT_EQ(state.coordinator.view, CoordinatorView::kPerson);
  Reduce(state, GoBack{});
  EXPECT_EQ(state.coordinator.view, CoordinatorView::kFindPerson);
  EXPECT_FALSE(state.coordinator.person.record);
  Reduce(state, GoBack{});
  EXPECT_EQ(state.coordinator.view, CoordinatorView::kHome);
}

TEST(PersonReduceTest, ChangesAreConfirmedAndBadRequestsChangeNothing) {
  AppState state = SignedInHome();
  Reduce(state, OpenCoordinatorTask{CoordinatorView::kFindPerson});
  Reduce(state, PeopleLoaded{"center.bajorai", {{kOna, "Ona", "Kazlauskienė", 1951, "Bajorai"}}});
  Reduce(state, OpenPerson{kOna});
  Reduce(state, PersonRecordLoaded{Record(true)});
  PersonState& person = state.coordinator.person;

  EXPECT_TRUE(Reduce(state, AskPersonConsent{"registration", true}).empty());
  EXPECT_EQ(person.question, PersonQuestion::kNone) << "giving what is given asks nothing";
  Reduce(state, AskPersonConsent{"nonsense", false});
  EXPECT_EQ(person.question, PersonQuestion::kNone);
  Reduce(state, AskPersonConsent{"registration", false});
  ASSERT_EQ(person.question, PersonQuestion::kConsent);
  EXPECT_TRUE(Reduce(state, AnswerPersonQuestion{false}).empty()) << "No changes nothing";
  EXPECT_EQ(person.question, PersonQuestion::kNone);
  Reduce(state, AskPersonConsent{"registration", false});
  std::vector<Effect> effects = Reduce(state, AnswerPersonQuestion{true});
  const auto saves = All<SavePersonConsent>(effects);
  ASSERT_EQ(saves.size(), 1u);
  EXPECT_FALSE(saves[0].granted);
  EXPECT_EQ(saves[0].text_version, "registration/2025-3") << "the version the person saw";
  EXPECT_EQ(saves[0].coordinator_id, kCoordinator);
  ASSERT_EQ(All<WriteAudit>(effects).size(), 1u);
  EXPECT_EQ(All<WriteAudit>(effects)[0].action, "consent.withdraw");
  EXPECT_TRUE(person.busy);
  EXPECT_TRUE(Reduce(state, PrintPersonCertificate{"certificate.1"}).empty()) << "busy";
  Reduce(state, PersonRecordLoaded{Record(false), "person.notice.consent_withdrawn"});
  EXPECT_FALSE(person.busy);
  EXPECT_EQ(person.notice_key, "person.notice.consent_withdrawn");
  Reduce(state, DismissPersonNotice{});

  // A purpose never recorded is given with the current text version.
  Reduce(state, AskPersonConsent{"contact", true});
  effects = Reduce(state, AnswerPersonQuestion{true});
  ASSERT_EQ(All<SavePersonConsent>(effects).size(), 1u);
  EXPECT_EQ(All<SavePersonConsent>(effects)[0].text_version, "contact/2026-1");
  EXPECT_EQ(All<WriteAudit>(effects)[0].action, "consent.give");
  Reduce(state, PersonRecordLoaded{Record(false), "person.notice.consent_given"});

  // Certificates: unknown ids change nothing; print audits once.
  EXPECT_TRUE(Reduce(state, ShowPersonCertificate{"certificate.other"}).empty());
  effects = Reduce(state, PrintPersonCertificate{"certificate.1"});
  ASSERT_EQ(All<PrintCertificate>(effects).size(), 1u);
  ASSERT_EQ(All<WriteAudit>(effects).size(), 1u);
  EXPECT_EQ(All<WriteAudit>(effects)[0].action, "certificate.print");
  Reduce(state, CertificatePrinted{"certificate.1", "/data/certificates/RKS.pdf", false});
  EXPECT_EQ(person.notice_key, "person.notice.saved_pdf");
  EXPECT_EQ(person.printed_path, "/data/certificates/RKS.pdf");
  Reduce(state, DismissPersonNotice{});

  // The draft.
  Reduce(state, AskAssessmentDraft{false});
  ASSERT_EQ(person.question, PersonQuestion::kDiscardDraft);
  effects = Reduce(state, AnswerPersonQuestion{true});
  ASSERT_EQ(All<DecideAssessmentDraft>(effects).size(), 1u);
  EXPECT_FALSE(All<DecideAssessmentDraft>(effects)[0].accept);
  ASSERT_EQ(All<WriteAudit>(effects).size(), 1u);
  EXPECT_EQ(All<WriteAudit>(effects)[0].action, "assessment.discard");
  EXPECT_EQ(All<WriteAudit>(effects)[0].record_id, "response.1");
}

TEST(PersonReduceTest, NothingWithoutASignedInCoordinatorAndSignOutForgetsEverything) {
  AppState state = SignedInHome();
  state.coordinator.signed_in.reset();
  state.coordinator.view = CoordinatorView::kFindPerson;
  EXPECT_TRUE(
      Reduce(state, PeopleLoaded{"center.bajorai", {{kOna, "Ona", "K", 1951, ""}}}).empty());
  EXPECT_TRUE(state.coordinator.person.people.empty());

  state = SignedInHome();
  Reduce(state, OpenCoordinatorTask{CoordinatorView::kFindPerson});
  Reduce(state, PeopleLoaded{"center.bajorai", {{kOna, "Ona", "Kazlauskienė", 1951, "Bajorai"}}});
  Reduce(state, PersonQueryChanged{"kazl"});
  Reduce(state, OpenPerson{kOna});
  Reduce(state, PersonRecordLoaded{Record(true)});
  Reduce(state, GoHome{});
  EXPECT_TRUE(state.coordinator.person.people.empty());
  EXPECT_TRUE(state.coordinator.person.query.empty());
  EXPECT_FALSE(state.coordinator.person.record);
  // A late answer after the sign-out is dropped.
  Reduce(state, PersonRecordLoaded{Record(true)});
  EXPECT_FALSE(state.coordinator.person.record);
}

// [SECTION] With the real storage

class PersonRigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    setenv("TZ", "UTC", 1);
    tzset();
    dir_ = std::filesystem::temp_directory_path() /
           ("raida-person-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    core::StoreOptions options;
    options.path = (dir_ / "kiosk.db").string();
    options.mode = core::OpenMode::kCreateIfMissing;
    store_ = std::move(core::Store::Open(options, clock_)).value();
    core::DistrictLoadOptions load;
    load.only_center_id = "center.bajorai";
    ASSERT_TRUE(core::LoadDistrictFile(
                    *store_, std::string(RAIDA_SOURCE_DIR) + "/assets/demo/rokiskis.json", load)
                    .ok());
    coordinators_ = std::make_unique<CoordinatorStorage>((dir_ / "kiosk.db.pepper").string(),
                                                         core::PinHashCost::Cheapest());
    UsePrinter("raida-no-such-printer-program");
    state_ = SignedInHome();
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  void UsePrinter(const std::string& program) {
    PersonStorageOptions options;
    options.data_dir = dir_.string();
    options.print_program = program;
    people_ = std::make_unique<PersonStorage>(options);
  }

  // Reduces `action` and runs what it asks of the storages, feeding the answers back.
  void Drive(const Action& action) {
    for (const Effect& effect : Reduce(state_, action)) {
      std::optional<Action> answer = VisitMessage(
          [&](const auto& e) -> std::optional<Action> {
            using E = std::decay_t<decltype(e)>;
            if constexpr (PersonEffect<E>) {
              auto result = people_->Run(*store_, e);
              EXPECT_TRUE(result.ok()) << result.error().message;
              return result.ok() ? *result : std::nullopt;
            } else if constexpr (CoordinatorEffect<E>) {
              auto result = coordinators_->Run(*store_, e);
              EXPECT_TRUE(result.ok()) << result.error().message;
              return result.ok() ? *result : std::nullopt;
            }
            return std::nullopt;
          },
          effect);
      if (answer) {
        Drive(*answer);
      }
    }
  }

  void OpenOna() {
    Drive(OpenCoordinatorTask{CoordinatorView::kFindPerson});
    ASSERT_FALSE(state_.coordinator.person.loading);
    ASSERT_FALSE(state_.coordinator.person.people.empty());
    Drive(OpenPerson{kOna});
    ASSERT_TRUE(state_.coordinator.person.record);
  }

  std::vector<std::string> AuditRows() {
    std::vector<std::string> rows;
    auto stmt = store_->db().Prepare(
        "SELECT actor_id || '|' || action || '|' || record_table || '|' || record_id"
        " FROM audit_log ORDER BY at_ms, hlc");
    while (*stmt->Step()) {
      rows.push_back(stmt->ColumnText(0));
    }
    return rows;
  }

  // Every column of every audit row: no name, phone or card code of Ona in any of them.
  void ExpectNoPersonalValues() {
    auto stmt = store_->db().Prepare(
        "SELECT id || '|' || actor_id || '|' || action || '|' || record_table || '|' ||"
        " record_id FROM audit_log");
    std::string all;
    while (*stmt->Step()) {
      all += stmt->ColumnText(0) + "\n";
    }
    for (const char* value : {"Ona", "Kazlauskien", "600 10001", "410037", "Bajorai"}) {
      EXPECT_EQ(all.find(value), std::string::npos) << value;
    }
  }

  // Ona completes her first course (every session present): one certificate.
  core::Certificate IssueCertificate() {
    core::CatalogRepository catalog(*store_);
    auto offering = catalog.GetOffering("offering.bajorai.1");
    EXPECT_TRUE(offering.ok() && offering->has_value());
    auto sessions = catalog.ListSessions("offering.bajorai.1");
    EXPECT_TRUE(sessions.ok() && !sessions->empty());
    for (const core::Session& session : *sessions) {
      EXPECT_TRUE(core::AttendanceRepository(*store_)
                      .Mark(session.id, kOna, core::AttendanceMark::kPresent, kCoordinator)
                      .ok());
    }
    auto issued = core::CertificateRepository(*store_).IssueCertificateIfComplete(
        kOna, (*offering)->course_id, "2027-06-30");
    EXPECT_TRUE(issued.ok() && issued->has_value())
        << (issued.ok() ? "not complete" : issued.error().message);
    return issued.ok() && issued->has_value() ? **issued : core::Certificate{};
  }

  // A scored self-assessment of Ona with the realistic area on top.
  std::string SaveDraft() {
    auto content = core::LoadRiasecContent(DefaultAssessmentFile());
    EXPECT_TRUE(content.ok());
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
    auto saved = core::AssessmentRepository(*store_).SaveDraft(response);
    EXPECT_TRUE(saved.ok());
    return saved.ok() ? saved->id : std::string();
  }

  core::ManualClock clock_{1'790'000'000'000};
  std::filesystem::path dir_;
  std::unique_ptr<core::Store> store_;
  std::unique_ptr<CoordinatorStorage> coordinators_;
  std::unique_ptr<PersonStorage> people_;
  AppState state_;
};

TEST_F(PersonRigTest, FindsThisCentersPeopleAndOpensARecordWithOneAuditEntry) {
  Drive(OpenCoordinatorTask{CoordinatorView::kFindPerson});
  const auto& people = state_.coordinator.person.people;
  ASSERT_FALSE(people.empty());
  const auto ona = std::find_if(people.begin(), people.end(),
                                [](const PersonCard& card) { return card.id == kOna; });
  ASSERT_NE(ona, people.end());
  EXPECT_EQ(ona->birth_year, 1951);
  EXPECT_EQ(ona->village, "Bajorai");
  EXPECT_TRUE(AuditRows().empty()) << "the list alone reads no record";
  Drive(OpenPerson{kOna});
  const PersonRecord& record = *state_.coordinator.person.record;
  EXPECT_EQ(record.family_name, "Kazlauskienė");
  EXPECT_EQ(record.phone, "+370 600 10001");
  EXPECT_EQ(record.card_code, "410037");
  EXPECT_FALSE(record.courses.empty());
  EXPECT_GE(record.consents.size(), 3u);
  EXPECT_EQ(AuditRows(),
            std::vector<std::string>{std::string(kCoordinator) + "|person.read|person|" + kOna});
  ExpectNoPersonalValues();
}

TEST_F(PersonRigTest, ConsentIsGivenAndWithdrawnAsWitnessedWithOneEntryEach) {
  OpenOna();
  Drive(AskPersonConsent{"contact", true});
  Drive(AnswerPersonQuestion{true});
  Drive(AskPersonConsent{"contact", false});
  Drive(AnswerPersonQuestion{true});
  auto consents = core::PersonRepository(*store_).ListConsents(kOna);
  ASSERT_TRUE(consents.ok());
  std::vector<core::Consent> contact;
  for (const core::Consent& consent : *consents) {
    if (consent.purpose == "contact") {
      contact.push_back(consent);
    }
  }
  ASSERT_EQ(contact.size(), 2u);
  EXPECT_TRUE(contact[0].granted);
  EXPECT_FALSE(contact[1].granted);
  EXPECT_EQ(contact[1].text_version, "contact/2026-1");
  EXPECT_EQ(contact[1].method, core::ConsentMethod::kWitnessed);
  EXPECT_EQ(contact[1].recorded_by, kCoordinator);
  EXPECT_EQ(state_.coordinator.person.notice_key, "person.notice.consent_withdrawn");
  const auto shown =
      std::find_if(state_.coordinator.person.record->consents.begin(),
                   state_.coordinator.person.record->consents.end(),
                   [](const PersonConsentView& c) { return c.purpose == "contact"; });
  EXPECT_TRUE(shown->recorded);
  EXPECT_FALSE(shown->granted);
  const std::string who = std::string(kCoordinator) + "|";
  EXPECT_EQ(AuditRows(), (std::vector<std::string>{who + "person.read|person|" + kOna,
                                                   who + "consent.give|person|" + kOna,
                                                   who + "consent.withdraw|person|" + kOna}));
  ExpectNoPersonalValues();
}

TEST_F(PersonRigTest, ACertificateIsShownAndPrintedToARealPdf) {
  const core::Certificate certificate = IssueCertificate();
  ASSERT_FALSE(certificate.id.empty());
  // A stand-in for CUPS's lp: records what it was given.
  const std::filesystem::path fake_lp = dir_ / "fake-lp";
  const std::filesystem::path handed = dir_ / "handed.txt";
  {
    std::ofstream script(fake_lp);
    script << "#!/bin/sh\necho \"$1\" > '" << handed.string() << "'\n";
  }
  std::filesystem::permissions(fake_lp, std::filesystem::perms::owner_all);
  UsePrinter(fake_lp.string());
  OpenOna();
  const PersonRecord& record = *state_.coordinator.person.record;
  ASSERT_EQ(record.certificates.size(), 1u);
  EXPECT_EQ(record.certificates[0].code, certificate.code);
  EXPECT_FALSE(record.certificates[0].center_name.empty());
  EXPECT_GT(record.attendance.present, 0);
  Drive(ShowPersonCertificate{certificate.id});
  EXPECT_EQ(state_.coordinator.person.shown_certificate, certificate.id);
  Drive(PrintPersonCertificate{certificate.id});
  const std::string pdf = (dir_ / "certificates" / (certificate.code + ".pdf")).string();
  EXPECT_EQ(state_.coordinator.person.printed_path, pdf);
  EXPECT_EQ(state_.coordinator.person.notice_key, "person.notice.printed");
  std::ifstream file(pdf, std::ios::binary);
  std::string head(4, '\0');
  file.read(head.data(), 4);
  EXPECT_EQ(head, "%PDF");
  std::ifstream given(handed);
  std::string line;
  std::getline(given, line);
  EXPECT_EQ(line, pdf) << "lp got the file";

  // No printer program: the file is still written and the screen says so.
  Drive(DismissPersonNotice{});
  UsePrinter("raida-no-such-printer-program");
  Drive(PrintPersonCertificate{certificate.id});
  EXPECT_EQ(state_.coordinator.person.notice_key, "person.notice.saved_pdf");
  const std::string who = std::string(kCoordinator) + "|";
  EXPECT_EQ(AuditRows(),
            (std::vector<std::string>{who + "person.read|person|" + kOna,
                                      who + "certificate.show|certificate|" + certificate.id,
                                      who + "certificate.print|certificate|" + certificate.id,
                                      who + "certificate.print|certificate|" + certificate.id}));
  ExpectNoPersonalValues();
}

TEST_F(PersonRigTest, AnAcceptedDraftBecomesGoalsAndSteps) {
  const std::string response_id = SaveDraft();
  OpenOna();
  ASSERT_TRUE(state_.coordinator.person.record->draft);
  EXPECT_EQ(state_.coordinator.person.record->draft->top_areas.size(), 1u);
  EXPECT_FALSE(state_.coordinator.person.record->draft->courses.empty());
  Drive(AskAssessmentDraft{true});
  Drive(AnswerPersonQuestion{true});
  EXPECT_EQ(state_.coordinator.person.notice_key, "person.notice.draft_accepted");
  EXPECT_FALSE(state_.coordinator.person.record->draft) << "no longer waiting";

  core::ActionPlanRepository plans(*store_);
  auto listed = plans.ListPlansForPerson(kOna);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  auto goals = plans.ListGoals((*listed)[0].id);
  ASSERT_TRUE(goals.ok());
  ASSERT_EQ(goals->size(), 1u);
  auto content = core::LoadRiasecContent(DefaultAssessmentFile());
  ASSERT_TRUE(content.ok());
  EXPECT_EQ((*goals)[0].title,
            core::Localize(core::AreaInfo(*content, core::RiasecArea::kRealistic).name, "lt"));
  auto steps = plans.ListSteps((*goals)[0].id);
  ASSERT_TRUE(steps.ok());
  ASSERT_FALSE(steps->empty());
  for (const core::PlanStep& step : *steps) {
    EXPECT_EQ(step.institution, core::Institution::kTrainingProvider);
    EXPECT_FALSE(step.title.empty());
  }
  auto response = core::AssessmentRepository(*store_).Get(response_id);
  ASSERT_TRUE(response.ok() && response->has_value());
  EXPECT_TRUE((*response)->reviewed);
  const std::string who = std::string(kCoordinator) + "|";
  EXPECT_EQ(AuditRows(), (std::vector<std::string>{
                             who + "person.read|person|" + kOna,
                             who + "assessment.accept|assessment_response|" + response_id}));
  ExpectNoPersonalValues();
}

TEST_F(PersonRigTest, ADiscardedDraftMakesNoPlan) {
  const std::string response_id = SaveDraft();
  OpenOna();
  Drive(AskAssessmentDraft{false});
  Drive(AnswerPersonQuestion{true});
  EXPECT_EQ(state_.coordinator.person.notice_key, "person.notice.draft_discarded");
  EXPECT_FALSE(state_.coordinator.person.record->draft);
  auto listed = core::ActionPlanRepository(*store_).ListPlansForPerson(kOna);
  ASSERT_TRUE(listed.ok());
  EXPECT_TRUE(listed->empty());
  auto response = core::AssessmentRepository(*store_).Get(response_id);
  ASSERT_TRUE(response.ok() && response->has_value());
  EXPECT_TRUE((*response)->reviewed);
  const std::string who = std::string(kCoordinator) + "|";
  EXPECT_EQ(AuditRows(), (std::vector<std::string>{
                             who + "person.read|person|" + kOna,
                             who + "assessment.discard|assessment_response|" + response_id}));
}

}  // namespace
}  // namespace raida::kiosk
