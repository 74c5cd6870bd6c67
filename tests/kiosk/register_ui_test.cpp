// "Register a resident" headless: the whole registration by touch from the coordinator home
// (keyboard with Lithuanian letters, number pad, choices, the consents in the resident's
// language, the review with "Change", Save, the card code, Done), the bad input said on screen,
// and every step passing the touch, contrast, clipping and glyph audits in lt, pl and en on both
// panels, with every text translated.
#include <gtest/gtest.h>

#include <string>
#include <variant>
#include <vector>

#include "kiosk/state/reduce_register.h"
#include "kiosk/ui/keyboard.h"
#include "support/demo_state.h"
#include "support/imgui_harness.h"
#include "support/ui_audit.h"
#include "support/view_audit.h"

namespace raida::kiosk::testing {
namespace {

constexpr const char* kId = "coordinator.bajorai.1";

// Reduces every action the last tap dispatched; returns their effects.
std::vector<Effect> ReduceAll(KioskDriver& kiosk, const std::vector<Action>& actions) {
  std::vector<Effect> effects;
  for (const Action& action : actions) {
    for (Effect& effect : kiosk.Reduce(action)) {
      effects.push_back(std::move(effect));
    }
  }
  kiosk.Settle();
  return effects;
}

void TapAndReduce(KioskDriver& kiosk, const std::string& id) {
  ReduceAll(kiosk, kiosk.Tap(id));
  kiosk.harness().Wait(0.2f, kiosk.draw());
}

AppState Home(const std::string& language) {
  AppState state = StateShowing(Screen::kWelcome, language);
  state.center_id = "center.bajorai";
  state.today = "2026-11-23";
  state.screen = Screen::kCoordinator;
  state.coordinator.signed_in = SignedInCoordinator{kId, "Rasa Vaitkevičienė"};
  state.coordinator.view = CoordinatorView::kHome;
  return state;
}

void Type(KioskDriver& kiosk, const std::u32string& text) {
  for (const char32_t c : text) {
    EXPECT_TRUE(kiosk.Tap(KeyboardKeyId("register.keyboard", c)).empty()) << "typing stays";
    kiosk.harness().Wait(0.2f, kiosk.draw());
  }
}

void Pad(KioskDriver& kiosk, const std::string& digits) {
  for (const char d : digits) {
    kiosk.Tap(std::string("pad.") + d);
    kiosk.harness().Wait(0.2f, kiosk.draw());
  }
}

RegisterStep Step(KioskDriver& kiosk) { return kiosk.state().coordinator.registration.step; }

TEST(RegisterUiTest, TheWholeRegistrationByTouch) {
  KioskDriver kiosk;
  kiosk.state() = Home("lt");
  kiosk.Settle();
  TapAndReduce(kiosk, "coord.home.register");
  ASSERT_EQ(kiosk.state().coordinator.view, CoordinatorView::kRegister);
  EXPECT_EQ(kiosk.Find("register.progress")->text, "Gyventojo registracija: 1 žingsnis iš 12");
  EXPECT_NE(kiosk.probe().Find("common.back"), nullptr) << "Back on every step";

  Type(kiosk, U"ona");
  EXPECT_NE(kiosk.Find("register.field")->text.find("ona"), std::string::npos);
  TapAndReduce(kiosk, "register.keyboard.key.done");
  ASSERT_EQ(Step(kiosk), RegisterStep::kFamilyName);
  EXPECT_EQ(kiosk.Find("register.progress")->text, "Gyventojo registracija: 2 žingsnis iš 12");
  Type(kiosk, U"žemaitė");
  TapAndReduce(kiosk, "register.keyboard.key.done");
  ASSERT_EQ(Step(kiosk), RegisterStep::kBirthYear);
  EXPECT_EQ(kiosk.state().coordinator.registration.answers.family_name, "žemaitė");
  Pad(kiosk, "1958");
  EXPECT_EQ(kiosk.Find("register.digits")->text, "1958");
  TapAndReduce(kiosk, "pad.ok");
  ASSERT_EQ(Step(kiosk), RegisterStep::kPhone);
  TapAndReduce(kiosk, "register.skip");
  ASSERT_EQ(Step(kiosk), RegisterStep::kVillage);
  Type(kiosk, U"kavoliškis");
  TapAndReduce(kiosk, "register.keyboard.key.done");
  ASSERT_EQ(Step(kiosk), RegisterStep::kLanguage);
  EXPECT_EQ(kiosk.Find("register.language.pl")->text, "Polski");
  TapAndReduce(kiosk, "register.language.pl");
  ASSERT_EQ(Step(kiosk), RegisterStep::kNeeds);
  TapAndReduce(kiosk, "register.need.transport");
  EXPECT_EQ(kiosk.Find("register.need.transport")->text.rfind("\u2611", 0), 0u);
  TapAndReduce(kiosk, "register.next");
  ASSERT_EQ(Step(kiosk), RegisterStep::kConsentMethod);
  TapAndReduce(kiosk, "register.method.tap");
  ASSERT_EQ(Step(kiosk), RegisterStep::kConsentRegistration);
  // The resident reads and answers in their own language.
  EXPECT_EQ(kiosk.Find("register.consent_text")->text,
            kiosk.translations().Get("pl", "register.consent.registration"));
  EXPECT_EQ(kiosk.Find("register.consent.agree")->text, "Zgadzam się");
  EXPECT_EQ(kiosk.Find("register.question")->text, kiosk.Text("register.q.consent_registration"))
      << "the question in the kiosk's";
  TapAndReduce(kiosk, "register.consent.agree");
  ASSERT_EQ(Step(kiosk), RegisterStep::kConsentContact);
  EXPECT_EQ(kiosk.Find("register.consent_text")->text,
            kiosk.translations().Get("pl", "register.consent.contact"));
  TapAndReduce(kiosk, "register.consent.refuse");
  ASSERT_EQ(Step(kiosk), RegisterStep::kConsentReporting);
  TapAndReduce(kiosk, "register.consent.agree");
  ASSERT_EQ(Step(kiosk), RegisterStep::kGender);
  EXPECT_EQ(kiosk.Find("register.progress")->text, "Gyventojo registracija: 12 žingsnis iš 14");
  TapAndReduce(kiosk, "register.choice.female");
  ASSERT_EQ(Step(kiosk), RegisterStep::kEmployment);
  TapAndReduce(kiosk, "register.prefer_not");
  ASSERT_EQ(Step(kiosk), RegisterStep::kReview);

  EXPECT_NE(kiosk.Find("register.review.family_name")->text.find("žemaitė"), std::string::npos);
  EXPECT_NE(kiosk.Find("register.review.consent_contact")->text.find("Nesutiko"),
            std::string::npos);
  // "Change" opens the step with the answer shown; Back returns to the review unchanged.
  TapAndReduce(kiosk, "register.change.birth_year");
  ASSERT_EQ(Step(kiosk), RegisterStep::kBirthYear);
  EXPECT_EQ(kiosk.Find("register.digits")->text, "1958");
  TapAndReduce(kiosk, "pad.delete");
  Pad(kiosk, "9");
  TapAndReduce(kiosk, "pad.ok");
  ASSERT_EQ(Step(kiosk), RegisterStep::kReview);
  EXPECT_EQ(kiosk.state().coordinator.registration.answers.birth_year, 1959);

  const std::vector<Action> save = kiosk.Tap("register.save");
  ASSERT_EQ(save.size(), 1u);
  ASSERT_TRUE(HoldsMessage<SaveRegisterPressed>(save[0]));
  const std::vector<Effect> effects = ReduceAll(kiosk, save);
  ASSERT_EQ(effects.size(), 1u);
  ASSERT_TRUE(HoldsMessage<SaveRegistration>(effects[0]));
  const SaveRegistration& request = GetMessage<SaveRegistration>(effects[0]);
  EXPECT_EQ(request.answers.given_name, "ona");
  EXPECT_EQ(request.answers.village, "kavoliškis");
  EXPECT_EQ(request.answers.language, "pl");
  EXPECT_EQ(request.answers.method, core::ConsentMethod::kTap);
  EXPECT_EQ(kiosk.Find("register.save")->enabled, false) << "one save at a time";

  kiosk.Reduce(RegistrationSaved{"p-1", "48271930"});
  kiosk.Settle();
  EXPECT_EQ(kiosk.Find("register.card_code")->text, "Kortelės kodas: 4827 1930");
  EXPECT_GE(kiosk.Find("register.card_code")->font_size, 40.0f) << "big and clear";
  TapAndReduce(kiosk, "register.finish");
  EXPECT_EQ(kiosk.state().coordinator.view, CoordinatorView::kHome);
  EXPECT_TRUE(kiosk.ui().coordinator.registration.text.empty());
}

TEST(RegisterUiTest, BadInputIsSaidOnScreenAndChangesNothing) {
  KioskDriver kiosk;
  kiosk.state() = Home("en");
  kiosk.Settle();
  TapAndReduce(kiosk, "coord.home.register");
  TapAndReduce(kiosk, "register.keyboard.key.done");
  EXPECT_EQ(kiosk.Find("register.error")->text, kiosk.Text("register.error.empty_given_name"));
  EXPECT_EQ(Step(kiosk), RegisterStep::kGivenName);
  Type(kiosk, U"ona");
  TapAndReduce(kiosk, "register.keyboard.key.done");
  Type(kiosk, U"ona");
  TapAndReduce(kiosk, "register.keyboard.key.done");
  Pad(kiosk, "2015");
  TapAndReduce(kiosk, "pad.ok");
  EXPECT_EQ(kiosk.Find("register.error")->text,
            "This year of birth is not possible. Type a year from 1900 to 2010.");
  EXPECT_FALSE(kiosk.state().coordinator.registration.answers.birth_year);
  Pad(kiosk, "99999");
  EXPECT_EQ(kiosk.Find("register.digits")->text.size(), 4u) << "a year has four digits";
  for (int i = 0; i < 4; ++i) {
    TapAndReduce(kiosk, "pad.delete");
  }
  Pad(kiosk, "1950");
  TapAndReduce(kiosk, "pad.ok");
  Pad(kiosk, "6123");
  TapAndReduce(kiosk, "pad.ok");
  EXPECT_EQ(kiosk.Find("register.error")->text,
            "A phone number has 8 to 15 digits. Type it again, or tap Skip.");
  EXPECT_EQ(Step(kiosk), RegisterStep::kPhone);
  TapAndReduce(kiosk, "register.skip");
  TapAndReduce(kiosk, "register.skip");
  TapAndReduce(kiosk, "register.language.lt");
  TapAndReduce(kiosk, "register.next");
  TapAndReduce(kiosk, "register.method.witnessed");
  EXPECT_EQ(kiosk.Find("register.consent.refuse")->text, "I do not agree")
      << "witnessed: the answers in the kiosk's language";
  TapAndReduce(kiosk, "register.consent.refuse");
  EXPECT_EQ(kiosk.Find("register.error")->text, kiosk.Text("register.error.consent_required"));
  EXPECT_NE(kiosk.Find("register.error")->text.find("cannot register"), std::string::npos);
  EXPECT_EQ(Step(kiosk), RegisterStep::kConsentRegistration);
  EXPECT_EQ(kiosk.probe().Find("register.save"), nullptr);
}

// Every step with everything it can show: answers, each problem, the warning with two people,
// the card code, the review while saving.
std::vector<AppState> Views(const std::string& language) {
  AppState base = Home(language);
  base.coordinator.view = CoordinatorView::kRegister;
  RegisterState& r = base.coordinator.registration;
  r.answers.given_name = "Genovaitė Ąžuolė";
  r.answers.family_name = "Jurgelionienė-Wasilewska";
  r.answers.birth_year = 1947;
  r.answers.phone = "370600100031";
  r.answers.village = "Kavoliškis";
  r.answers.language = language == "lt" ? "pl" : "lt";
  r.answers.needs = {"transport", "care", "accessibility"};
  r.answers.method = core::ConsentMethod::kTap;
  r.answers.registration = true;
  r.answers.contact = false;
  r.answers.reporting = true;
  r.answers.gender = "female";
  r.answers.employment_status = "inactive";
  std::vector<AppState> views;
  for (const RegisterStep step : RegisterSteps(r.answers)) {
    AppState state = base;
    state.coordinator.registration.step = step;
    views.push_back(state);
  }
  const std::pair<RegisterStep, const char*> problems[] = {
      {RegisterStep::kGivenName, kRegisterEmptyGivenKey},
      {RegisterStep::kBirthYear, kRegisterBirthYearKey},
      {RegisterStep::kPhone, kRegisterPhoneKey},
      {RegisterStep::kConsentRegistration, kRegisterConsentRequiredKey},
      {RegisterStep::kReview, kRegisterNotSavedKey},
  };
  for (const auto& [step, key] : problems) {
    AppState state = base;
    state.coordinator.registration.step = step;
    state.coordinator.registration.error_key = key;
    views.push_back(state);
  }
  AppState saving = base;
  saving.coordinator.registration.step = RegisterStep::kReview;
  saving.coordinator.registration.saving = true;
  views.push_back(saving);
  AppState duplicates = base;
  duplicates.coordinator.registration.step = RegisterStep::kDuplicates;
  duplicates.coordinator.registration.duplicates = {
      {"person.demo.03", "Genovaitė", "Jurgelionienė", 1947, "Kavoliškis", true, true},
      {"person.demo.06", "Halina", "Wasilewska", 1958, "", false, true}};
  views.push_back(duplicates);
  AppState card = base;
  card.coordinator.registration = RegisterState{};
  card.coordinator.registration.step = RegisterStep::kCardCode;
  card.coordinator.registration.card_code = "48271930";
  views.push_back(card);
  return views;
}

TEST(RegisterUiTest, EveryStepPassesTheAudits) {
  // The high-contrast palette at the smallest and largest text suffices.
  AuditViewsEverywhere(
      Views,
      [](const std::string& language, const AuditStats& stats) {
        EXPECT_GT(stats.targets_checked, 200) << language;
        EXPECT_GT(stats.texts_checked, 300) << language;
        EXPECT_GE(stats.frames, 100) << language;
      },
      /*every_contrast_size=*/false);
}

}  // namespace
}  // namespace raida::kiosk::testing
