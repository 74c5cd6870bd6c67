// "Register a resident" (reduce_register.h, register_storage.h): the reducer alone through every
// step, each bad input (empty names, impossible years of birth, a short phone, the registration
// consent refused) said and changing nothing, Back and "Change", the duplicate warning and the
// card code; then RegisterStorage on a real store with the demo district: the person, three
// consents with their text version, method and language, one audit entry with ids only, the
// card code, and the duplicate check (names ignoring case and diacritics, year, phone).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "kiosk/state/reduce.h"
#include "kiosk/state/reduce_register.h"
#include "kiosk/state/register_storage.h"
#include "raida/core/district_data.h"
#include "raida/core/person_repository.h"
#include "raida/core/sealed_notes.h"
#include "raida/core/store.h"
#include "tests/kiosk_state/effects_found.h"

namespace raida::kiosk {
namespace {

constexpr const char* kCoordinatorId = "coordinator.bajorai.1";
constexpr const char* kCenter = "center.bajorai";

// A signed-in coordinator on the home, today 2026-11-23.
AppState Home() {
  AppState state;
  state.center_id = kCenter;
  state.today = "2026-11-23";
  state.screen = Screen::kCoordinator;
  state.coordinator.signed_in = SignedInCoordinator{kCoordinatorId, "Rasa V."};
  state.coordinator.view = CoordinatorView::kHome;
  return state;
}

AppState Opened() {
  AppState state = Home();
  EXPECT_TRUE(Reduce(state, OpenCoordinatorTask{CoordinatorView::kRegister}).empty());
  EXPECT_EQ(state.coordinator.view, CoordinatorView::kRegister);
  return state;
}

const RegisterState& Reg(const AppState& state) { return state.coordinator.registration; }

// Answers every question up to the review: Ąžuolaitė Žemaitė, 1958, a phone, Kavoliškis, Polish,
// transport and care, witnessed; registration and reporting agreed, contact refused.
AppState AtReview() {
  AppState state = Opened();
  Reduce(state, SubmitRegisterAnswer{RegisterStep::kGivenName, "  Žemaitė "});
  Reduce(state, SubmitRegisterAnswer{RegisterStep::kFamilyName, "Ąžuolaitė"});
  Reduce(state, SubmitRegisterAnswer{RegisterStep::kBirthYear, "1958"});
  Reduce(state, SubmitRegisterAnswer{RegisterStep::kPhone, "861234567"});
  Reduce(state, SubmitRegisterAnswer{RegisterStep::kVillage, "Kavoliškis"});
  Reduce(state, ChooseRegisterLanguage{"pl"});
  Reduce(state, ToggleRegisterNeed{"care"});
  Reduce(state, ToggleRegisterNeed{"transport"});
  Reduce(state, ConfirmRegisterNeeds{});
  Reduce(state, ChooseConsentMethod{core::ConsentMethod::kWitnessed});
  Reduce(state, AnswerRegisterConsent{kPurposeRegistration, true});
  Reduce(state, AnswerRegisterConsent{kPurposeContact, false});
  Reduce(state, AnswerRegisterConsent{kPurposeReporting, true});
  Reduce(state, ChooseRegisterReportingAnswer{RegisterStep::kGender, "female"});
  Reduce(state, ChooseRegisterReportingAnswer{RegisterStep::kEmployment, "retired"});
  EXPECT_EQ(Reg(state).step, RegisterStep::kReview);
  return state;
}

// [SECTION] The reducer

TEST(RegisterReduceTest, OnlyASignedInCoordinatorOnTheHomeOpensIt) {
  AppState resident;
  resident.screen = Screen::kCatalog;
  Reduce(resident, OpenCoordinatorTask{CoordinatorView::kRegister});
  EXPECT_NE(resident.coordinator.view, CoordinatorView::kRegister);
  AppState state = Home();
  state.coordinator.signed_in.reset();
  Reduce(state, OpenCoordinatorTask{CoordinatorView::kRegister});
  EXPECT_NE(state.coordinator.view, CoordinatorView::kRegister);
  AppState opened = Opened();
  EXPECT_EQ(Reg(opened).step, RegisterStep::kGivenName);
}

TEST(RegisterReduceTest, EveryStepInOrderThenSaveSendsOneEffect) {
  AppState state = Opened();
  const auto expect_step = [&](RegisterStep step) {
    EXPECT_EQ(Reg(state).step, step);
    EXPECT_TRUE(Reg(state).error_key.empty()) << Reg(state).error_key;
  };
  Reduce(state, SubmitRegisterAnswer{RegisterStep::kGivenName, "  Žemaitė "});
  expect_step(RegisterStep::kFamilyName);
  EXPECT_EQ(Reg(state).answers.given_name, "Žemaitė") << "spaces trimmed";
  Reduce(state, SubmitRegisterAnswer{RegisterStep::kFamilyName, "Ąžuolaitė"});
  expect_step(RegisterStep::kBirthYear);
  Reduce(state, SubmitRegisterAnswer{RegisterStep::kBirthYear, "1958"});
  expect_step(RegisterStep::kPhone);
  EXPECT_EQ(Reg(state).answers.birth_year, 1958);
  Reduce(state, SkipRegisterStep{RegisterStep::kPhone});
  expect_step(RegisterStep::kVillage);
  EXPECT_TRUE(Reg(state).answers.phone.empty());
  Reduce(state, SkipRegisterStep{RegisterStep::kVillage});
  expect_step(RegisterStep::kLanguage);
  Reduce(state, ChooseRegisterLanguage{"de"});
  expect_step(RegisterStep::kLanguage);
  Reduce(state, ChooseRegisterLanguage{"lt"});
  expect_step(RegisterStep::kNeeds);
  Reduce(state, ToggleRegisterNeed{"accessibility"});
  Reduce(state, ToggleRegisterNeed{"transport"});
  Reduce(state, ToggleRegisterNeed{"flying"});
  Reduce(state, ToggleRegisterNeed{"accessibility"});
  EXPECT_EQ(Reg(state).answers.needs, std::vector<std::string>{"transport"});
  Reduce(state, ConfirmRegisterNeeds{});
  expect_step(RegisterStep::kConsentMethod);
  Reduce(state, ChooseConsentMethod{core::ConsentMethod::kTap});
  expect_step(RegisterStep::kConsentRegistration);
  Reduce(state, AnswerRegisterConsent{kPurposeContact, true});  // not the step shown
  expect_step(RegisterStep::kConsentRegistration);
  Reduce(state, AnswerRegisterConsent{kPurposeRegistration, true});
  expect_step(RegisterStep::kConsentContact);
  Reduce(state, AnswerRegisterConsent{kPurposeContact, true});
  expect_step(RegisterStep::kConsentReporting);
  EXPECT_EQ(RegisterSteps(Reg(state).answers).size(), 12u);
  Reduce(state, AnswerRegisterConsent{kPurposeReporting, true});
  EXPECT_EQ(RegisterSteps(Reg(state).answers).size(), 14u) << "two more questions";
  expect_step(RegisterStep::kGender);
  Reduce(state, ChooseRegisterReportingAnswer{RegisterStep::kGender, "robot"});
  expect_step(RegisterStep::kGender);
  Reduce(state, SkipRegisterStep{RegisterStep::kGender});
  expect_step(RegisterStep::kEmployment);
  Reduce(state, ChooseRegisterReportingAnswer{RegisterStep::kEmployment, "unemployed"});
  expect_step(RegisterStep::kReview);

  const std::vector<Effect> effects = Reduce(state, SaveRegisterPressed{});
  const auto saves = All<SaveRegistration>(effects);
  ASSERT_EQ(saves.size(), 1u);
  EXPECT_EQ(effects.size(), 1u) << "the audit entry is written with the person, not apart";
  EXPECT_EQ(saves[0].coordinator_id, kCoordinatorId);
  EXPECT_EQ(saves[0].center_id, kCenter);
  EXPECT_FALSE(saves[0].anyway);
  EXPECT_EQ(saves[0].answers.family_name, "Ąžuolaitė");
  EXPECT_EQ(saves[0].answers.language, "lt");
  EXPECT_EQ(saves[0].answers.method, core::ConsentMethod::kTap);
  EXPECT_EQ(saves[0].answers.gender, "");
  EXPECT_EQ(saves[0].answers.employment_status, "unemployed");
  EXPECT_TRUE(Reg(state).saving);
  EXPECT_TRUE(Reduce(state, SaveRegisterPressed{}).empty()) << "one save at a time";
  Reduce(state, GoBack{});
  EXPECT_EQ(Reg(state).step, RegisterStep::kReview) << "Back waits for the save";
  EXPECT_EQ(state.coordinator.view, CoordinatorView::kRegister);
}

TEST(RegisterReduceTest, EmptyNamesAreRefusedAndChangeNothing) {
  AppState state = Opened();
  Reduce(state, SubmitRegisterAnswer{RegisterStep::kGivenName, "   "});
  EXPECT_EQ(Reg(state).step, RegisterStep::kGivenName);
  EXPECT_EQ(Reg(state).error_key, kRegisterEmptyGivenKey);
  EXPECT_TRUE(Reg(state).answers.given_name.empty());
  Reduce(state, SubmitRegisterAnswer{RegisterStep::kGivenName, "Ona"});
  EXPECT_TRUE(Reg(state).error_key.empty());
  Reduce(state, SubmitRegisterAnswer{RegisterStep::kFamilyName, ""});
  EXPECT_EQ(Reg(state).step, RegisterStep::kFamilyName);
  EXPECT_EQ(Reg(state).error_key, kRegisterEmptyFamilyKey);
  EXPECT_EQ(Reg(state).answers.given_name, "Ona");
  // An answer for another step than the one shown is dropped.
  Reduce(state, SubmitRegisterAnswer{RegisterStep::kGivenName, "Petras"});
  EXPECT_EQ(Reg(state).answers.given_name, "Ona");
  EXPECT_EQ(Reg(state).step, RegisterStep::kFamilyName);
}

TEST(RegisterReduceTest, ImpossibleYearsOfBirthAreRefused) {
  AppState state = Opened();
  Reduce(state, SubmitRegisterAnswer{RegisterStep::kGivenName, "Ona"});
  Reduce(state, SubmitRegisterAnswer{RegisterStep::kFamilyName, "Ona"});
  for (const char* year : {"1899", "2011", "2026", "", "19580", "0", "99"}) {
    Reduce(state, SubmitRegisterAnswer{RegisterStep::kBirthYear, year});
    EXPECT_EQ(Reg(state).step, RegisterStep::kBirthYear) << year;
    EXPECT_EQ(Reg(state).error_key, kRegisterBirthYearKey) << year;
    EXPECT_FALSE(Reg(state).answers.birth_year) << year;
  }
  Reduce(state, SubmitRegisterAnswer{RegisterStep::kBirthYear, "2010"});  // 16 this year
  EXPECT_EQ(Reg(state).answers.birth_year, 2010);
  EXPECT_EQ(Reg(state).step, RegisterStep::kPhone);
  // The limit moves with the state's date.
  AppState later = Opened();
  later.today = "2030-01-02";
  Reduce(later, SubmitRegisterAnswer{RegisterStep::kGivenName, "A"});
  Reduce(later, SubmitRegisterAnswer{RegisterStep::kFamilyName, "B"});
  Reduce(later, SubmitRegisterAnswer{RegisterStep::kBirthYear, "2014"});
  EXPECT_EQ(later.coordinator.registration.answers.birth_year, 2014);
  EXPECT_EQ(RegisterLastBirthYear("2026-11-23"), 2010);
  EXPECT_FALSE(RegisterLastBirthYear(""));
}

TEST(RegisterReduceTest, APhoneWithTooFewDigitsIsRefused) {
  AppState state = Opened();
  Reduce(state, SubmitRegisterAnswer{RegisterStep::kGivenName, "Ona"});
  Reduce(state, SubmitRegisterAnswer{RegisterStep::kFamilyName, "Ona"});
  Reduce(state, SubmitRegisterAnswer{RegisterStep::kBirthYear, "1950"});
  for (const char* phone : {"1234567", "", "1234567890123456", "8612x4567"}) {
    Reduce(state, SubmitRegisterAnswer{RegisterStep::kPhone, phone});
    EXPECT_EQ(Reg(state).step, RegisterStep::kPhone) << phone;
    EXPECT_EQ(Reg(state).error_key, kRegisterPhoneKey) << phone;
    EXPECT_TRUE(Reg(state).answers.phone.empty());
  }
  Reduce(state, SubmitRegisterAnswer{RegisterStep::kPhone, "61234567"});
  EXPECT_EQ(Reg(state).answers.phone, "61234567");
  EXPECT_EQ(Reg(state).step, RegisterStep::kVillage);
}

TEST(RegisterReduceTest, RefusingTheRegistrationConsentSavesNothing) {
  AppState state = Opened();
  Reduce(state, SubmitRegisterAnswer{RegisterStep::kGivenName, "Ona"});
  Reduce(state, SubmitRegisterAnswer{RegisterStep::kFamilyName, "Ona"});
  Reduce(state, SubmitRegisterAnswer{RegisterStep::kBirthYear, "1950"});
  Reduce(state, SkipRegisterStep{RegisterStep::kPhone});
  Reduce(state, SkipRegisterStep{RegisterStep::kVillage});
  Reduce(state, ChooseRegisterLanguage{"lt"});
  Reduce(state, ConfirmRegisterNeeds{});
  Reduce(state, ChooseConsentMethod{core::ConsentMethod::kWitnessed});
  const std::vector<Effect> effects =
      Reduce(state, AnswerRegisterConsent{kPurposeRegistration, false});
  EXPECT_TRUE(effects.empty());
  EXPECT_EQ(Reg(state).step, RegisterStep::kConsentRegistration);
  EXPECT_EQ(Reg(state).error_key, kRegisterConsentRequiredKey);
  EXPECT_FALSE(Reg(state).answers.registration);
  // Save is not offered from here, and a Save pressed anyway is not on the review: nothing.
  EXPECT_TRUE(Reduce(state, SaveRegisterPressed{}).empty());
  Reduce(state, AnswerRegisterConsent{kPurposeRegistration, true});
  EXPECT_EQ(Reg(state).step, RegisterStep::kConsentContact);
  EXPECT_TRUE(Reg(state).error_key.empty());
}

TEST(RegisterReduceTest, RefusingReportingSkipsAndForgetsItsQuestions) {
  AppState state = AtReview();
  EXPECT_EQ(Reg(state).answers.gender, "female");
  Reduce(state, ChangeRegisterAnswer{RegisterStep::kConsentReporting});
  EXPECT_EQ(Reg(state).step, RegisterStep::kConsentReporting);
  Reduce(state, AnswerRegisterConsent{kPurposeReporting, false});
  EXPECT_EQ(Reg(state).step, RegisterStep::kReview);
  EXPECT_TRUE(Reg(state).answers.gender.empty());
  EXPECT_TRUE(Reg(state).answers.employment_status.empty());
  EXPECT_EQ(RegisterSteps(Reg(state).answers).size(), 12u);
  // Agreeing again from the review asks both questions, then the review.
  Reduce(state, ChangeRegisterAnswer{RegisterStep::kConsentReporting});
  Reduce(state, AnswerRegisterConsent{kPurposeReporting, true});
  EXPECT_EQ(Reg(state).step, RegisterStep::kGender);
  Reduce(state, ChooseRegisterReportingAnswer{RegisterStep::kGender, "male"});
  EXPECT_EQ(Reg(state).step, RegisterStep::kEmployment);
  Reduce(state, SkipRegisterStep{RegisterStep::kEmployment});
  EXPECT_EQ(Reg(state).step, RegisterStep::kReview);
}

TEST(RegisterReduceTest, ChangeGoesToTheStepAndBackToTheReview) {
  AppState state = AtReview();
  Reduce(state, ChangeRegisterAnswer{RegisterStep::kBirthYear});
  EXPECT_EQ(Reg(state).step, RegisterStep::kBirthYear);
  Reduce(state, SubmitRegisterAnswer{RegisterStep::kBirthYear, "1800"});
  EXPECT_EQ(Reg(state).answers.birth_year, 1958) << "a refused change keeps the old answer";
  Reduce(state, SubmitRegisterAnswer{RegisterStep::kBirthYear, "1959"});
  EXPECT_EQ(Reg(state).step, RegisterStep::kReview);
  EXPECT_EQ(Reg(state).answers.birth_year, 1959);
  // Back from a "Change" is the review, the answer unchanged.
  Reduce(state, ChangeRegisterAnswer{RegisterStep::kGivenName});
  Reduce(state, GoBack{});
  EXPECT_EQ(Reg(state).step, RegisterStep::kReview);
  EXPECT_EQ(Reg(state).answers.given_name, "Žemaitė");
  // A step not in the flow cannot be "changed" into.
  Reduce(state, ChangeRegisterAnswer{RegisterStep::kCardCode});
  EXPECT_EQ(Reg(state).step, RegisterStep::kReview);
}

TEST(RegisterReduceTest, AnotherLanguageAsksTheConsentsAgain) {
  AppState state = AtReview();
  Reduce(state, ChangeRegisterAnswer{RegisterStep::kLanguage});
  Reduce(state, ChooseRegisterLanguage{"pl"});  // the same: back to the review
  EXPECT_EQ(Reg(state).step, RegisterStep::kReview);
  Reduce(state, ChangeRegisterAnswer{RegisterStep::kLanguage});
  Reduce(state, ChooseRegisterLanguage{"lt"});
  EXPECT_EQ(Reg(state).step, RegisterStep::kConsentRegistration);
  EXPECT_FALSE(Reg(state).answers.registration);
  EXPECT_FALSE(Reg(state).answers.contact);
  EXPECT_FALSE(Reg(state).answers.reporting);
  EXPECT_TRUE(Reduce(state, SaveRegisterPressed{}).empty());
}

TEST(RegisterReduceTest, BackWalksEveryStepToTheHomeAndForgetsTheAnswers) {
  AppState state = AtReview();
  const std::vector<RegisterStep> steps = RegisterSteps(Reg(state).answers);
  ASSERT_EQ(steps.size(), 14u);
  for (size_t i = steps.size() - 1; i > 0; --i) {
    ASSERT_EQ(Reg(state).step, steps[i]);
    Reduce(state, GoBack{});
    EXPECT_EQ(state.coordinator.view, CoordinatorView::kRegister);
    EXPECT_EQ(Reg(state).step, steps[i - 1]);
  }
  EXPECT_EQ(Reg(state).answers.family_name, "Ąžuolaitė") << "Back keeps the answers";
  Reduce(state, GoBack{});
  EXPECT_EQ(state.coordinator.view, CoordinatorView::kHome);
  EXPECT_TRUE(Reg(state).answers.given_name.empty());
  EXPECT_FALSE(Reg(state).answers.birth_year);
  EXPECT_TRUE(state.coordinator.signed_in);
}

TEST(RegisterReduceTest, DuplicatesWarnThenRegisterAnywayOrGoBack) {
  AppState state = AtReview();
  Reduce(state, SaveRegisterPressed{});
  RegisterDuplicate ona;
  ona.person_id = "person.demo.01";
  ona.given_name = "Ona";
  ona.family_name = "Kazlauskienė";
  ona.birth_year = 1951;
  ona.village = "Bajorai";
  ona.same_phone = true;
  Reduce(state, RegistrationDuplicates{{ona}});
  EXPECT_EQ(Reg(state).step, RegisterStep::kDuplicates);
  EXPECT_FALSE(Reg(state).saving);
  ASSERT_EQ(Reg(state).duplicates.size(), 1u);
  Reduce(state, GoBack{});
  EXPECT_EQ(Reg(state).step, RegisterStep::kReview);
  EXPECT_TRUE(Reg(state).duplicates.empty());
  Reduce(state, SaveRegisterPressed{});
  Reduce(state, RegistrationDuplicates{{ona}});
  const auto saves = All<SaveRegistration>(Reduce(state, RegisterAnyway{}));
  ASSERT_EQ(saves.size(), 1u);
  EXPECT_TRUE(saves[0].anyway);
  EXPECT_TRUE(Reg(state).saving);
}

TEST(RegisterReduceTest, SavedShowsTheCardCodeThenDoneGoesHome) {
  AppState state = AtReview();
  EXPECT_TRUE(Reduce(state, RegistrationSaved{"p-1", "48271930"}).empty());
  EXPECT_EQ(Reg(state).step, RegisterStep::kReview) << "a result nobody waits for is dropped";
  Reduce(state, SaveRegisterPressed{});
  EXPECT_TRUE(Reduce(state, RegistrationSaved{"p-1", "48271930"}).empty());
  EXPECT_EQ(Reg(state).step, RegisterStep::kCardCode);
  EXPECT_EQ(Reg(state).card_code, "48271930");
  EXPECT_TRUE(Reg(state).answers.given_name.empty()) << "the answers are saved, not kept";
  EXPECT_EQ(GroupCardCode("48271930"), "4827 1930");
  Reduce(state, FinishRegistration{});
  EXPECT_EQ(state.coordinator.view, CoordinatorView::kHome);
  EXPECT_TRUE(Reg(state).card_code.empty());
}

TEST(RegisterReduceTest, ARefusedSaveIsSaidOnTheReview) {
  AppState state = AtReview();
  Reduce(state, SaveRegisterPressed{});
  Reduce(state, RegistrationFailed{kRegisterNotSavedKey});
  EXPECT_EQ(Reg(state).step, RegisterStep::kReview);
  EXPECT_FALSE(Reg(state).saving);
  EXPECT_EQ(Reg(state).error_key, kRegisterNotSavedKey);
  EXPECT_EQ(Reg(state).answers.given_name, "Žemaitė");
}

TEST(RegisterReduceTest, SigningOutForgetsEverything) {
  AppState state = AtReview();
  Reduce(state, GoHome{});
  EXPECT_EQ(state.screen, Screen::kWelcome);
  EXPECT_TRUE(Reg(state).answers.given_name.empty());
  EXPECT_FALSE(Reg(state).answers.birth_year);
  // A late answer after the sign-out changes nothing.
  EXPECT_TRUE(Reduce(state, RegistrationSaved{"p-1", "48271930"}).empty());
  EXPECT_TRUE(Reg(state).card_code.empty());
}

TEST(RegisterReduceTest, NamesCompareWithoutCaseAndDiacritics) {
  EXPECT_EQ(FoldForMatch("  Žemaitė   ĄŽUOLAITĖ "), "zemaite azuolaite");
  EXPECT_EQ(FoldForMatch("Łucja Źdźbło-Śliwińska"), "lucja zdzblo-sliwinska");
  EXPECT_EQ(FoldForMatch("Genovaitė"), FoldForMatch("GENOVAITE"));
  EXPECT_EQ(FoldForMatch("Jürgen Müller"), "jurgen muller");
  EXPECT_NE(FoldForMatch("Ona"), FoldForMatch("Onė "));
  EXPECT_TRUE(SamePhone("+370 600 10001", "860010001"));
  EXPECT_TRUE(SamePhone("60010001", "+370 600 10001"));
  EXPECT_FALSE(SamePhone("+370 600 10001", "+370 600 10002"));
  EXPECT_FALSE(SamePhone("", ""));
  EXPECT_FALSE(SamePhone("1234", "91234"));
}

// [SECTION] With the real storage

class RegisterStorageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("raida-register-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    core::StoreOptions options;
    options.path = (dir_ / "kiosk.db").string();
    store_ = std::move(core::Store::Open(options, clock_)).value();
    core::DistrictLoadOptions load;
    load.only_center_id = kCenter;
    ASSERT_TRUE(core::LoadDistrictFile(
                    *store_, std::string(RAIDA_SOURCE_DIR) + "/assets/demo/rokiskis.json", load)
                    .ok());
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  // Reduces `action`, runs its SaveRegistration on `storage` and reduces the answer.
  void Drive(AppState& state, const Action& action, RegisterStorage& storage) {
    for (const Effect& effect : Reduce(state, action)) {
      if (const auto* save = FindMessage<SaveRegistration>(effect)) {
        auto answer = storage.Run(*store_, *save);
        ASSERT_TRUE(answer.ok()) << answer.error().message;
        ASSERT_TRUE(answer->has_value());
        Reduce(state, **answer);
      }
    }
  }

  std::vector<std::string> Rows(const std::string& sql) {
    std::vector<std::string> rows;
    auto stmt = store_->db().Prepare(sql);
    EXPECT_TRUE(stmt.ok());
    while (*stmt->Step()) {
      rows.push_back(stmt->ColumnText(0));
    }
    return rows;
  }

  size_t People() {
    auto people = core::PersonRepository(*store_).ListByCenter(kCenter);
    EXPECT_TRUE(people.ok());
    return people.ok() ? people->size() : 0;
  }

  std::filesystem::path dir_;
  core::ManualClock clock_{1'795'428'000'000};  // 2026-11-23 10:00 UTC
  std::unique_ptr<core::Store> store_;
};

TEST_F(RegisterStorageTest, SavesThePersonThreeConsentsAndOneAuditEntry) {
  RegisterStorage storage;
  AppState state = AtReview();
  const size_t before = People();
  const size_t audits_before = Rows("SELECT id FROM audit_log").size();
  Drive(state, SaveRegisterPressed{}, storage);
  ASSERT_EQ(Reg(state).step, RegisterStep::kCardCode);
  const std::string id = Reg(state).person_id;
  const std::string code = Reg(state).card_code;
  EXPECT_EQ(People(), before + 1);
  ASSERT_EQ(code.size(), kCardCodeDigits);
  EXPECT_NE(code[0], '0');
  for (const char c : code) {
    EXPECT_TRUE(c >= '0' && c <= '9') << code;
  }

  core::PersonRepository people(*store_);
  auto person = people.Get(id);
  ASSERT_TRUE(person.ok() && person->has_value());
  EXPECT_EQ((*person)->given_name, "Žemaitė");
  EXPECT_EQ((*person)->family_name, "Ąžuolaitė");
  EXPECT_EQ((*person)->birth_year, 1958);
  EXPECT_EQ((*person)->phone, "861234567");
  EXPECT_EQ((*person)->village, "Kavoliškis");
  EXPECT_EQ((*person)->language, "pl");
  EXPECT_EQ((*person)->needs, (std::vector<std::string>{"transport", "care"}));
  EXPECT_EQ((*person)->home_center_id, kCenter);
  EXPECT_EQ((*person)->card_code, code);
  EXPECT_EQ((*person)->gender, "female");
  EXPECT_EQ((*person)->employment_status, "retired");
  auto by_card = people.FindByCardCode(code);
  ASSERT_TRUE(by_card.ok() && by_card->has_value()) << "the resident signs in with the code";
  EXPECT_EQ((*by_card)->id, id);

  auto consents = people.ListConsents(id);
  ASSERT_TRUE(consents.ok());
  ASSERT_EQ(consents->size(), 3u);
  std::map<std::string, core::Consent> by_purpose;
  for (const core::Consent& consent : *consents) {
    by_purpose[consent.purpose] = consent;
    EXPECT_EQ(consent.text_version, consent.purpose + "/" + kRegisterConsentVersion);
    EXPECT_EQ(consent.language, "pl");
    EXPECT_EQ(consent.method, core::ConsentMethod::kWitnessed);
    EXPECT_EQ(consent.recorded_by, kCoordinatorId);
    EXPECT_GT(consent.recorded_at_ms, 0);
  }
  EXPECT_TRUE(by_purpose.at("registration").granted);
  EXPECT_FALSE(by_purpose.at("contact").granted);
  EXPECT_TRUE(by_purpose.at("reporting").granted);
  EXPECT_EQ(std::string(kRegisterConsentVersion), "2026-1");

  const std::vector<std::string> audits = Rows(
      "SELECT actor_id || '|' || action || '|' || record_table || '|' || record_id"
      " FROM audit_log");
  ASSERT_EQ(audits.size(), audits_before + 1) << "exactly one audit entry";
  EXPECT_EQ(audits.back(), std::string(kCoordinatorId) + "|person.register|person|" + id);
  const std::vector<std::string> all_columns = Rows(
      "SELECT coalesce(id,'') || '|' || coalesce(actor_id,'') || '|' || coalesce(action,'') ||"
      " '|' || coalesce(record_table,'') || '|' || coalesce(record_id,'') FROM audit_log");
  for (const std::string& row : all_columns) {
    for (const char* personal : {"Žemaitė", "Ąžuolaitė", "1958", "861234567", "Kavoliškis",
                                 "female", "retired", code.c_str()}) {
      EXPECT_EQ(row.find(personal), std::string::npos) << row;
    }
  }
  // Everything reaches the outbox, to be synced.
  EXPECT_EQ(Rows("SELECT DISTINCT tbl FROM outbox WHERE pk = '" + id + "'").size(), 1u);
  EXPECT_GE(Rows("SELECT tbl FROM outbox WHERE tbl IN ('consent', 'audit_log')").size(), 4u);
}

TEST_F(RegisterStorageTest, ReportingAnswersAreNotKeptWithoutItsConsent) {
  RegisterStorage storage;
  AppState state = AtReview();
  SaveRegistration save;
  save.coordinator_id = kCoordinatorId;
  save.center_id = kCenter;
  save.answers = Reg(state).answers;
  save.answers.reporting = false;  // gender and employment still set: never stored
  auto answer = storage.Run(*store_, save);
  ASSERT_TRUE(answer.ok() && answer->has_value());
  const auto* saved = FindMessage<RegistrationSaved>(**answer);
  ASSERT_NE(saved, nullptr);
  auto person = core::PersonRepository(*store_).Get(saved->person_id);
  ASSERT_TRUE(person.ok() && person->has_value());
  EXPECT_TRUE((*person)->gender.empty());
  EXPECT_TRUE((*person)->employment_status.empty());
}

TEST_F(RegisterStorageTest, TheNewPersonGetsANotesKeyWithTheRowWhenTheKioskHasACenterKey) {
  const std::string key_path = core::CenterKeyPathFor((dir_ / "kiosk.db").string());
  ASSERT_TRUE(core::WriteCenterKeyFile(key_path, core::SecretKey::Random()).ok());
  RegisterStorage storage({}, key_path);
  AppState state = AtReview();
  Drive(state, SaveRegisterPressed{}, storage);
  const std::string id = Reg(state).person_id;
  ASSERT_FALSE(id.empty());
  const std::vector<uint8_t> wrapped = core::PersonRepository(*store_).NotesKey(id).value();
  ASSERT_FALSE(wrapped.empty());
  EXPECT_TRUE(core::UnwrapPersonKey(*core::ReadCenterKeyFile(key_path), id, wrapped).ok());
  // In the person's one insert in the outbox: no second change for the key.
  EXPECT_EQ(Rows("SELECT count(*) FROM outbox WHERE tbl = 'person' AND pk = '" + id + "'"),
            std::vector<std::string>{"1"});

  // A kiosk without a center key registers the person without one (the server gives it).
  RegisterStorage keyless({}, (dir_ / "no-such.center-key").string());
  AppState other = AtReview();
  other.coordinator.registration.answers.given_name = "Ona";
  other.coordinator.registration.answers.family_name = "Other";
  other.coordinator.registration.answers.phone = "";
  Drive(other, SaveRegisterPressed{}, keyless);
  ASSERT_FALSE(Reg(other).person_id.empty());
  EXPECT_TRUE(core::PersonRepository(*store_).NotesKey(Reg(other).person_id).value().empty());
}

TEST_F(RegisterStorageTest, ATakenCardCodeIsNeverGivenAgain) {
  std::vector<std::string> codes = {"410037", "410037", "20000001"};  // 410037 is Ona's
  size_t next = 0;
  RegisterStorage storage([&] { return codes.at(next++); });
  AppState state = AtReview();
  Drive(state, SaveRegisterPressed{}, storage);
  EXPECT_EQ(Reg(state).card_code, "20000001");
  EXPECT_EQ(next, 3u);
}

TEST_F(RegisterStorageTest, DuplicatesByNameAndYearOrPhoneSaveNothing) {
  RegisterStorage storage;
  // Ona Kazlauskienė, 1951, +370 600 10001, Bajorai is in the demo district.
  AppState state = AtReview();
  Reduce(state, ChangeRegisterAnswer{RegisterStep::kGivenName});
  Reduce(state, SubmitRegisterAnswer{RegisterStep::kGivenName, "ONA"});
  Reduce(state, ChangeRegisterAnswer{RegisterStep::kFamilyName});
  Reduce(state, SubmitRegisterAnswer{RegisterStep::kFamilyName, "kazlauskiene"});
  Reduce(state, ChangeRegisterAnswer{RegisterStep::kBirthYear});
  Reduce(state, SubmitRegisterAnswer{RegisterStep::kBirthYear, "1951"});
  const size_t before = People();
  Drive(state, SaveRegisterPressed{}, storage);
  ASSERT_EQ(Reg(state).step, RegisterStep::kDuplicates);
  ASSERT_EQ(Reg(state).duplicates.size(), 1u);
  const RegisterDuplicate& ona = Reg(state).duplicates[0];
  EXPECT_EQ(ona.person_id, "person.demo.01");
  EXPECT_EQ(ona.given_name, "Ona");
  EXPECT_EQ(ona.family_name, "Kazlauskienė");
  EXPECT_EQ(ona.birth_year, 1951);
  EXPECT_EQ(ona.village, "Bajorai");
  EXPECT_TRUE(ona.same_name);
  EXPECT_FALSE(ona.same_phone);
  EXPECT_EQ(People(), before) << "nothing saved";

  // Another year: not the same person by name.
  Reduce(state, GoBack{});
  Reduce(state, ChangeRegisterAnswer{RegisterStep::kBirthYear});
  Reduce(state, SubmitRegisterAnswer{RegisterStep::kBirthYear, "1952"});
  // ... but the same phone as Genovaitė, written the national way.
  Reduce(state, ChangeRegisterAnswer{RegisterStep::kPhone});
  Reduce(state, SubmitRegisterAnswer{RegisterStep::kPhone, "860010003"});
  Drive(state, SaveRegisterPressed{}, storage);
  ASSERT_EQ(Reg(state).step, RegisterStep::kDuplicates);
  ASSERT_EQ(Reg(state).duplicates.size(), 1u);
  EXPECT_EQ(Reg(state).duplicates[0].given_name, "Genovaitė");
  EXPECT_TRUE(Reg(state).duplicates[0].same_phone);
  EXPECT_FALSE(Reg(state).duplicates[0].same_name);
  EXPECT_EQ(People(), before);

  Drive(state, RegisterAnyway{}, storage);
  EXPECT_EQ(Reg(state).step, RegisterStep::kCardCode);
  EXPECT_EQ(People(), before + 1);

  // No match at all: saved at once.
  AppState fresh = AtReview();
  Drive(fresh, SaveRegisterPressed{}, storage);
  EXPECT_EQ(Reg(fresh).step, RegisterStep::kCardCode);
}

}  // namespace
}  // namespace raida::kiosk
