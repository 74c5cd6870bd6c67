// The resident's own screens driven headlessly through taps on the real screens and the real
// reducer (the test plays the storage lane by feeding back result actions): the sleeping welcome
// screen, help and settings, the catalog search typed on the on-screen keyboard, sign-in with a
// PIN, "My courses" with cancel and undo, and the idle timeout with a driven clock. After a
// sign-out and after a timeout nothing personal is left on screen (UiProbe texts), in AppState,
// in ImGui's input state or in its clipboard (TC-8).
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <string>
#include <variant>
#include <vector>

#include "kiosk/state/reduce_resident.h"
#include "kiosk/ui/keyboard.h"
#include "support/demo_state.h"
#include "support/imgui_harness.h"

namespace raida::kiosk::testing {
namespace {

constexpr int64_t kT0 = 5'000'000;
constexpr const char* kPin = "2580";

// Taps `id`, feeds what it dispatched to the reducer and returns the effects.
std::vector<Effect> TapReduce(KioskDriver& kiosk, const std::string& id) {
  kiosk.Settle();
  std::vector<Effect> effects;
  for (const Action& action : kiosk.Tap(id)) {
    for (Effect& effect : kiosk.Reduce(action)) {
      effects.push_back(std::move(effect));
    }
  }
  kiosk.Settle();
  return effects;
}

template <typename T>
const T* FindEffect(const std::vector<Effect>& effects) {
  for (const Effect& effect : effects) {
    if (const T* found = FindMessage<T>(effect)) {
      return found;
    }
  }
  return nullptr;
}

bool OnScreen(KioskDriver& kiosk, const std::string& id) {
  kiosk.Settle();
  return kiosk.probe().Find(id) != nullptr;
}

// Every text and label on screen, joined.
std::string ScreenText(KioskDriver& kiosk) {
  kiosk.Settle();
  std::string all;
  for (const ProbeRecord& record : kiosk.probe().items) {
    all += record.text + "\n";
  }
  return all;
}

class ResidentFlowTest : public ::testing::Test {
 protected:
  void SetUp() override {
    AppState& state = kiosk_.state();
    state.center_id = kDemoCenterId;
    state.center_name = kDemoCenterName;
    state.center_phone = "+370 600 00001";
    state.center_hours = {{"lt", "Pr.–Pn. 9:00–17:00"}, {"en", "Mon–Fri 9:00–17:00"}};
    state.default_language = "lt";
    state.language = "lt";
    state.server_reachable = true;
    kiosk_.Reduce(Tick{kT0});
  }

  // Types `digits` on the number pad and presses OK.
  void TypeOnPad(const std::string& digits) {
    for (char digit : digits) {
      kiosk_.Settle(12);  // past the pad's bounce filter
      kiosk_.Tap(std::string("pad.") + digit);
    }
    kiosk_.Settle(12);
  }

  // Welcome -> My courses: the card (with a PIN) on the pad, as a person would.
  void SignInForMyCourses() {
    TapReduce(kiosk_, "welcome.my_courses");
    ASSERT_EQ(kiosk_.state().screen, Screen::kSignIn);
    TypeOnPad(kDemoCardCode);
    auto effects = TapReduce(kiosk_, "pad.ok");
    const SignInWithCard* card = FindEffect<SignInWithCard>(effects);
    ASSERT_NE(card, nullptr);
    EXPECT_EQ(card->card_code, kDemoCardCode);
    kiosk_.Reduce(SignInNeedsPin{card->card_code});
    kiosk_.Settle();
    EXPECT_EQ(TextOf("signin.code"), kiosk_.Text("signin.code_empty")) << "the pad starts empty";
    TypeOnPad(kPin);
    EXPECT_EQ(TextOf("signin.code"), "\u2022 \u2022 \u2022 \u2022") << "a PIN shows as dots";
    effects = TapReduce(kiosk_, "pad.ok");
    const SignInWithPin* pin = FindEffect<SignInWithPin>(effects);
    ASSERT_NE(pin, nullptr);
    EXPECT_EQ(pin->pin, kPin);
    EXPECT_TRUE(kiosk_.ui().sign_in.pad.digits.empty()) << "the PIN leaves the pad at once";
    effects = kiosk_.Reduce(SignInDone{DemoPerson()});
    ASSERT_EQ(kiosk_.state().screen, Screen::kMyCourses);
    ASSERT_NE(FindEffect<LoadMyCourses>(effects), nullptr);
    kiosk_.Reduce(MyCoursesLoaded{
        DemoPerson().id,
        "lt",
        {{"e1", "Kompiuteris ir planšetė", "2026-11-23", "Bajorų biblioteka", "requested"},
         {"e2", "Anglų kalba", "2026-12-01", "Mokykla", "confirmed"}}});
  }

  std::string TextOf(const std::string& id) {
    kiosk_.Settle();
    const ProbeRecord* record = kiosk_.Find(id);
    return record == nullptr ? "" : record->text;
  }

  // Nothing of Ona is anywhere: screen, state, ImGui's input state and clipboard.
  void ExpectNothingPersonal() {
    const std::string screen = ScreenText(kiosk_);
    for (const char* personal :
         {"Ona", kDemoCardCode, kPin, "Kompiuteris ir planšetė", "Bajorų biblioteka", "komp"}) {
      EXPECT_EQ(screen.find(personal), std::string::npos) << personal << " on screen";
    }
    const AppState& state = kiosk_.state();
    EXPECT_FALSE(state.person.has_value());
    EXPECT_TRUE(state.my_courses.empty());
    EXPECT_TRUE(state.sign_in_card.empty());
    EXPECT_TRUE(state.catalog_query.empty());
    EXPECT_FALSE(state.catalog_matches.has_value());
    EXPECT_FALSE(state.undo.has_value());
    EXPECT_TRUE(state.chosen_needs.empty());
    EXPECT_FALSE(state.chosen_offering_id.has_value());
    EXPECT_TRUE(kiosk_.ui().sign_in.pad.digits.empty());
    ImGuiContext& g = *ImGui::GetCurrentContext();
    EXPECT_EQ(g.ActiveId, 0u);
    EXPECT_TRUE(g.IO.InputQueueCharacters.empty());
    EXPECT_EQ(g.InputTextState.CurLenA, 0);
    EXPECT_TRUE(g.InputTextState.TextW.empty());
    EXPECT_TRUE(g.InputTextState.InitialTextA.empty());
    EXPECT_TRUE(g.ClipboardHandlerData.empty());
    const char* clipboard = ImGui::GetClipboardText();
    EXPECT_TRUE(clipboard == nullptr || std::string(clipboard).empty());
  }

  KioskDriver kiosk_;
};

TEST_F(ResidentFlowTest, AsleepWelcomeOnlyWakesOnTheFirstTouch) {
  kiosk_.state().session.asleep = true;
  kiosk_.Settle();
  EXPECT_EQ(TextOf("welcome.touch"), kiosk_.Text("welcome.touch_to_wake"));
  // The finger lands on Start, but only wakes the screen.
  std::vector<Action> actions = kiosk_.Tap("welcome.start");
  ASSERT_EQ(actions.size(), 1u);
  EXPECT_TRUE(HoldsMessage<WakeUp>(actions[0]));
  kiosk_.Reduce(actions[0]);
  EXPECT_EQ(kiosk_.state().screen, Screen::kWelcome);
  kiosk_.Settle();
  actions = kiosk_.Tap("welcome.start");
  ASSERT_EQ(actions.size(), 1u);
  EXPECT_TRUE(HoldsMessage<StartPressed>(actions[0]));
}

TEST_F(ResidentFlowTest, HelpIsAnonymousAndShowsTheCentersPhoneAndHours) {
  TapReduce(kiosk_, "welcome.help");
  ASSERT_EQ(kiosk_.state().screen, Screen::kHelp);
  const std::string screen = ScreenText(kiosk_);
  EXPECT_NE(screen.find("112"), std::string::npos);
  EXPECT_NE(screen.find("+370 600 00001"), std::string::npos);
  EXPECT_NE(screen.find("Pr.–Pn. 9:00–17:00"), std::string::npos);
  TapReduce(kiosk_, "common.language.en");
  EXPECT_NE(ScreenText(kiosk_).find("Mon–Fri 9:00–17:00"), std::string::npos);
  TapReduce(kiosk_, "common.back");
  EXPECT_EQ(kiosk_.state().screen, Screen::kWelcome);
}

TEST_F(ResidentFlowTest, SettingsChangeTheWholeScreenForThisVisitOnly) {
  TapReduce(kiosk_, "welcome.settings");
  ASSERT_EQ(kiosk_.state().screen, Screen::kSettings);
  const float normal = kiosk_.Find("settings.title")->font->FontSize;
  TapReduce(kiosk_, "settings.size.largest");
  TapReduce(kiosk_, "settings.contrast.high");
  EXPECT_EQ(kiosk_.state().text_size, TextSize::kLargest);
  EXPECT_TRUE(kiosk_.state().high_contrast);
  EXPECT_GT(kiosk_.Find("settings.title")->font->FontSize, normal);
  TapReduce(kiosk_, "common.home");
  EXPECT_EQ(kiosk_.state().text_size, TextSize::kNormal);
  EXPECT_FALSE(kiosk_.state().high_contrast);
}

TEST_F(ResidentFlowTest, SearchTypedOnTheKeyboardFiltersTheCatalog) {
  TapReduce(kiosk_, "welcome.start");
  kiosk_.Reduce(CatalogLoaded{DemoCatalog("lt"), "lt"});
  TapReduce(kiosk_, "catalog.search");
  ASSERT_TRUE(kiosk_.state().catalog_keyboard);
  std::vector<Effect> effects;
  for (char32_t letter : {U'k', U'o', U'm', U'p'}) {
    kiosk_.Settle(12);
    effects = TapReduce(kiosk_, KeyboardKeyId("catalog.keyboard", letter));
  }
  EXPECT_EQ(kiosk_.state().catalog_query, "komp");
  const SearchCatalog* search = FindEffect<SearchCatalog>(effects);
  ASSERT_NE(search, nullptr);
  EXPECT_EQ(search->query, "komp");
  const std::string match = DemoCatalog("lt").front().id;
  kiosk_.Reduce(CatalogSearched{"komp", "lt", {match}});
  kiosk_.Settle();
  EXPECT_EQ(kiosk_.probe().IdsWithPrefix("catalog.open.").size(), 1u);
  EXPECT_TRUE(OnScreen(kiosk_, "catalog.open." + match));
  TapReduce(kiosk_, "catalog.keyboard.key.done");
  EXPECT_FALSE(kiosk_.state().catalog_keyboard);
  EXPECT_TRUE(OnScreen(kiosk_, "catalog.results"));
  TapReduce(kiosk_, "catalog.search.clear");
  EXPECT_GT(kiosk_.probe().IdsWithPrefix("catalog.open.").size(), 1u);
  TapReduce(kiosk_, "catalog.filter.english");
  EXPECT_EQ(kiosk_.state().catalog_category, "english");
  for (const std::string& id : kiosk_.probe().IdsWithPrefix("catalog.open.")) {
    EXPECT_NE(id.find("english"), std::string::npos) << id;
  }
}

TEST_F(ResidentFlowTest, MyCoursesCancelIsConfirmedAndUndone) {
  SignInForMyCourses();
  EXPECT_NE(TextOf("mycourses.course.e1.status").find(kiosk_.Text("mycourses.status.requested")),
            std::string::npos);
  TapReduce(kiosk_, "mycourses.cancel.e1");
  EXPECT_EQ(kiosk_.state().cancel_asking_id, "e1");
  ASSERT_TRUE(OnScreen(kiosk_, "mycourses.confirm.no"));
  TapReduce(kiosk_, "mycourses.confirm.no");
  EXPECT_TRUE(kiosk_.state().cancel_asking_id.empty());
  TapReduce(kiosk_, "mycourses.cancel.e1");
  auto effects = TapReduce(kiosk_, "mycourses.confirm.yes");
  ASSERT_NE(FindEffect<CancelSignUp>(effects), nullptr);
  kiosk_.Reduce(CancelDone{"e1", ""});
  ASSERT_TRUE(OnScreen(kiosk_, "mycourses.undo"));
  effects = TapReduce(kiosk_, "mycourses.undo");
  const UndoCancelSignUp* undo = FindEffect<UndoCancelSignUp>(effects);
  ASSERT_NE(undo, nullptr);
  EXPECT_EQ(undo->enrollment_id, "e1");
  EXPECT_FALSE(OnScreen(kiosk_, "mycourses.undo"));
}

TEST_F(ResidentFlowTest, SignOutLeavesNothingPersonal) {
  SignInForMyCourses();
  kiosk_.state().catalog_query = "komp";
  kiosk_.Settle();
  ImGui::SetClipboardText("Ona 410037");
  kiosk_.harness().io().AddInputCharactersUTF8("Ona");
  TapReduce(kiosk_, "common.home");
  ASSERT_EQ(kiosk_.state().screen, Screen::kWelcome);
  ExpectNothingPersonal();
}

TEST_F(ResidentFlowTest, TimeoutWarnsThenSignsOutAndKeepsTheDraft) {
  TapReduce(kiosk_, "welcome.start");
  kiosk_.Reduce(CatalogLoaded{DemoCatalog("lt"), "lt"});
  const std::string course_id = DemoCourseWithOffering();
  TapReduce(kiosk_, "catalog.open." + course_id);
  kiosk_.Reduce(CourseLoaded{DemoCourse(course_id, "lt"), "lt"});
  const std::string offering = FirstFreeOffering(*kiosk_.state().course).id;
  TapReduce(kiosk_, "course.signup." + offering);
  TypeOnPad(kDemoCardCode);
  TapReduce(kiosk_, "pad.ok");
  kiosk_.Reduce(SignInDone{DemoPerson()});
  ASSERT_EQ(kiosk_.state().screen, Screen::kSignUp);
  TapReduce(kiosk_, "signup.need.care");
  const int64_t touched = kiosk_.state().session.last_activity_ms;

  kiosk_.Reduce(Tick{touched + 120'000});
  EXPECT_TRUE(OnScreen(kiosk_, "session.continue"));
  EXPECT_FALSE(OnScreen(kiosk_, "signup.confirm")) << "the question covers the screen";
  EXPECT_NE(TextOf("session.countdown").find("30"), std::string::npos);
  kiosk_.Reduce(Tick{touched + 130'000});
  EXPECT_NE(TextOf("session.countdown").find("20"), std::string::npos);
  TapReduce(kiosk_, "session.continue");
  EXPECT_EQ(kiosk_.state().screen, Screen::kSignUp);
  EXPECT_TRUE(OnScreen(kiosk_, "signup.confirm"));

  const int64_t resumed = kiosk_.state().session.last_activity_ms;
  kiosk_.Reduce(Tick{resumed + 120'000});
  const auto effects = kiosk_.Reduce(Tick{resumed + 150'000});
  EXPECT_EQ(kiosk_.state().screen, Screen::kWelcome);
  const SaveSignUpDraft* draft = FindEffect<SaveSignUpDraft>(effects);
  ASSERT_NE(draft, nullptr);
  EXPECT_EQ(draft->draft.offering_id, offering);
  ExpectNothingPersonal();
  EXPECT_TRUE(kiosk_.state().session.asleep);
}

}  // namespace
}  // namespace raida::kiosk::testing
