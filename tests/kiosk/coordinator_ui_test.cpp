// Coordinator mode headless: "Staff" on the welcome screen, the sign-in by touch (a name, the
// passphrase on the on-screen keyboard shown as dots, a new PIN on the number pad), the home and
// its sync panel; every coordinator view passes the touch, contrast and glyph audits in lt, pl
// and en at both panels and all text sizes; and no target on any resident screen leads to the
// coordinator home or the sync panel.
#include <gtest/gtest.h>

#include <string>
#include <variant>
#include <vector>

#include "kiosk/state/reduce_coordinator.h"
#include "kiosk/ui/keyboard.h"
#include "support/demo_state.h"
#include "support/imgui_harness.h"
#include "support/ui_audit.h"
#include "support/view_audit.h"

namespace raida::kiosk::testing {
namespace {

constexpr const char* kId = "coordinator.bajorai.1";
constexpr float kPxPerMm = 4.03f;

CoordinatorsLoaded Accounts() {
  return CoordinatorsLoaded{
      "center.bajorai", {{kId, "Rasa Vaitkevičienė"}, {"coordinator.bajorai.2", "Mindaugas Ž."}}};
}

// Reduces every action the last tap dispatched.
void ReduceAll(KioskDriver& kiosk, const std::vector<Action>& actions) {
  for (const Action& action : actions) {
    kiosk.Reduce(action);
  }
  kiosk.Settle();
}

AppState CoordinatorState(const std::string& language, CoordinatorView view) {
  AppState state = StateShowing(Screen::kWelcome, language);
  state.center_id = "center.bajorai";
  state.screen = Screen::kCoordinator;
  state.coordinator.accounts = Accounts().accounts;
  state.coordinator.view = view;
  state.coordinator.chosen = state.coordinator.accounts[0];
  if (view == CoordinatorView::kHome) {
    state.coordinator.signed_in = SignedInCoordinator{kId, "Rasa Vaitkevičienė"};
  }
  return state;
}

TEST(CoordinatorUiTest, StaffOnTheWelcomeScreenIsSmallButAFullTarget) {
  for (const auto& [language, label] : std::vector<std::pair<std::string, std::string>>{
           {"lt", "Personalas"}, {"pl", "Personel"}, {"en", "Staff"}}) {
    KioskDriver kiosk;
    kiosk.state() = StateShowing(Screen::kWelcome, language);
    kiosk.Settle();
    const ProbeRecord* staff = kiosk.Find("welcome.staff");
    const ProbeRecord* start = kiosk.Find("welcome.start");
    ASSERT_NE(staff, nullptr);
    ASSERT_NE(start, nullptr);
    EXPECT_EQ(staff->text, label);
    EXPECT_GE(staff->max.y - staff->min.y, kMinTargetMm * kPxPerMm - 1.0f);
    EXPECT_LT(staff->max.y - staff->min.y, start->max.y - start->min.y) << "visually secondary";
    EXPECT_EQ(kiosk.probe().Find("welcome.status"), nullptr) << "the status is behind sign-in";
    const std::vector<Action> actions = kiosk.Tap("welcome.staff");
    ASSERT_EQ(actions.size(), 1u);
    EXPECT_TRUE(HoldsMessage<OpenStaff>(actions[0]));
  }
}

TEST(CoordinatorUiTest, SignInByTouch) {
  KioskDriver kiosk;
  kiosk.state() = StateShowing(Screen::kWelcome, "en");
  kiosk.state().center_id = "center.bajorai";
  kiosk.Settle();
  ReduceAll(kiosk, kiosk.Tap("welcome.staff"));
  ASSERT_EQ(kiosk.state().screen, Screen::kCoordinator);
  kiosk.Reduce(Accounts());
  kiosk.Settle();
  ReduceAll(kiosk, kiosk.Tap(std::string("coord.account.") + kId));
  kiosk.Reduce(CoordinatorStepLoaded{kId, false});
  kiosk.Settle();
  ASSERT_EQ(kiosk.state().coordinator.view, CoordinatorView::kPassphrase);

  const std::string passphrase = "ruduo prie";
  for (const char c : passphrase) {
    const std::string key = c == ' ' ? std::string("coord.keyboard.key.space")
                                     : KeyboardKeyId("coord.keyboard", static_cast<char32_t>(c));
    EXPECT_TRUE(kiosk.Tap(key).empty()) << "typing stays in the screen";
    kiosk.harness().Wait(0.2f, kiosk.draw());
  }
  const ProbeRecord* field = kiosk.Find("coord.passphrase");
  ASSERT_NE(field, nullptr);
  EXPECT_EQ(field->text.find("ruduo"), std::string::npos) << "the passphrase shows as dots";
  const std::vector<Action> done = kiosk.Tap("coord.keyboard.key.done");
  ASSERT_EQ(done.size(), 1u);
  ASSERT_TRUE(HoldsMessage<SubmitPassphrase>(done[0]));
  EXPECT_EQ(GetMessage<SubmitPassphrase>(done[0]).passphrase, passphrase);
  EXPECT_TRUE(kiosk.ui().coordinator.passphrase.empty()) << "wiped once sent";
  ReduceAll(kiosk, done);
  kiosk.Reduce(CoordinatorChecked{kId, false, CoordinatorCheck::kOk, 0, false, false});
  kiosk.Settle();
  ASSERT_EQ(kiosk.state().coordinator.view, CoordinatorView::kChoosePin);

  for (int round = 0; round < 2; ++round) {
    for (const char* digit : {"pad.2", "pad.4", "pad.6", "pad.8", "pad.1", "pad.0"}) {
      kiosk.Tap(digit);
      kiosk.harness().Wait(0.2f, kiosk.draw());
    }
    EXPECT_EQ(kiosk.Find("coord.pin")->text.find('2'), std::string::npos) << "dots only";
    ReduceAll(kiosk, kiosk.Tap("pad.ok"));
    kiosk.harness().Wait(0.2f, kiosk.draw());
  }
  ASSERT_TRUE(kiosk.state().coordinator.checking);
  kiosk.Reduce(CoordinatorPinSet{kId, true});
  kiosk.Settle();
  EXPECT_NE(kiosk.Find("coord.home.signed_in")->text.find("Rasa"), std::string::npos);
  ReduceAll(kiosk, kiosk.Tap("coord.home.sync"));
  EXPECT_EQ(kiosk.state().screen, Screen::kStatus);
  EXPECT_NE(kiosk.probe().Find("status.sync_now"), nullptr);
  ReduceAll(kiosk, kiosk.Tap("common.back"));
  EXPECT_EQ(kiosk.state().screen, Screen::kCoordinator);
  ReduceAll(kiosk, kiosk.Tap("coord.home.sign_out"));
  EXPECT_EQ(kiosk.state().screen, Screen::kWelcome);
  EXPECT_FALSE(kiosk.state().coordinator.signed_in);
}

TEST(CoordinatorUiTest, AWrongPinLengthIsSaidOnScreen) {
  KioskDriver kiosk;
  kiosk.state() = CoordinatorState("en", CoordinatorView::kPin);
  kiosk.Settle();
  for (const char* digit : {"pad.1", "pad.2", "pad.3"}) {
    kiosk.Tap(digit);
    kiosk.harness().Wait(0.2f, kiosk.draw());
  }
  ReduceAll(kiosk, kiosk.Tap("pad.ok"));
  EXPECT_EQ(kiosk.Find("coord.error")->text, kiosk.Text("coord.error.pin_length"));
  EXPECT_FALSE(kiosk.state().coordinator.checking) << "nothing was sent to be checked";
}

// Every coordinator view, with and without a problem shown, in every look.
std::vector<AppState> Views(const std::string& language) {
  std::vector<AppState> views;
  for (const CoordinatorView view :
       {CoordinatorView::kChooseName, CoordinatorView::kPassphrase, CoordinatorView::kPin,
        CoordinatorView::kChoosePin, CoordinatorView::kConfirmPin, CoordinatorView::kHome}) {
    AppState state = CoordinatorState(language, view);
    views.push_back(state);
    state.coordinator.error_key = "coord.error.wrong_passphrase";
    state.coordinator.tries_left = 3;
    views.push_back(state);
  }
  AppState reset = CoordinatorState(language, CoordinatorView::kPin);
  reset.coordinator.error_key = "coord.error.reset";
  views.push_back(reset);
  AppState empty = CoordinatorState(language, CoordinatorView::kChooseName);
  empty.coordinator.accounts.clear();
  views.push_back(empty);
  return views;
}

TEST(CoordinatorUiTest, EveryViewPassesTheAudits) {
  AuditViewsEverywhere(Views, [](const std::string& language, const AuditStats& stats) {
    EXPECT_GT(stats.targets_checked, 100) << language;
  });
}

// Every target of every resident screen, tapped once from a fresh state: none of them leads to
// the coordinator home or the sync panel (the Staff button leads to the sign-in only).
TEST(CoordinatorUiTest, NoResidentTargetLeadsToACoordinatorScreen) {
  KioskDriver kiosk;
  int tapped = 0;
  for (int value = 0; value <= static_cast<int>(Screen::kCoordinator); ++value) {
    const Screen screen = static_cast<Screen>(value);
    if (screen == Screen::kStatus || screen == Screen::kCoordinator) {
      continue;
    }
    kiosk.state() = StateShowing(screen, "en");
    ResetRootUi(kiosk.ui());
    kiosk.Settle();
    std::vector<std::string> targets;
    for (const ProbeRecord& r : kiosk.probe().items) {
      if (r.role == ProbeRole::kTarget && r.enabled) {
        targets.push_back(r.id);
      }
    }
    for (const std::string& id : targets) {
      kiosk.state() = StateShowing(screen, "en");
      ResetRootUi(kiosk.ui());
      kiosk.Settle();
      if (kiosk.probe().Find(id) == nullptr) {
        continue;
      }
      ReduceAll(kiosk, kiosk.Tap(id));
      ++tapped;
      EXPECT_FALSE(ShowsCoordinatorOnly(kiosk.state())) << "screen " << value << " target " << id;
      EXPECT_FALSE(kiosk.state().coordinator.signed_in) << id;
      kiosk.harness().Wait(0.2f, kiosk.draw());
    }
  }
  EXPECT_GT(tapped, 50);
}

}  // namespace
}  // namespace raida::kiosk::testing
