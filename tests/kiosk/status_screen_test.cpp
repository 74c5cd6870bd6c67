// The "Kiosk status" screen, headless: reached from the coordinator home (behind the sign-in), it
// shows the sync report in plain words in each language, and "Sync now" dispatches SyncNowPressed,
// which the real reducer turns into RunSyncNow; while a session runs, or on a kiosk that is not
// provisioned, the button is shown disabled and dispatches nothing.
#include <gtest/gtest.h>

#include <string>
#include <variant>
#include <vector>

#include "support/demo_state.h"
#include "support/imgui_harness.h"

namespace raida::kiosk::testing {
namespace {

std::string TextOf(KioskDriver& kiosk, const std::string& id) {
  const ProbeRecord* record = kiosk.Find(id);
  return record == nullptr ? "" : record->text;
}

TEST(StatusScreenTest, TheCoordinatorHomeOpensTheStatusScreen) {
  KioskDriver kiosk;
  kiosk.state() = StateShowing(Screen::kWelcome, "en");
  kiosk.state().screen = Screen::kCoordinator;
  kiosk.state().coordinator.view = CoordinatorView::kHome;
  kiosk.state().coordinator.signed_in = SignedInCoordinator{"coordinator.bajorai.1", "Rasa"};
  kiosk.Settle();
  const ProbeRecord* button = kiosk.Find("coord.home.sync");
  ASSERT_NE(button, nullptr);
  EXPECT_EQ(button->text, "Sync with the district office");
  const std::vector<Action> actions = kiosk.Tap("coord.home.sync");
  ASSERT_EQ(actions.size(), 1u);
  ASSERT_TRUE(HoldsMessage<OpenStatus>(actions[0]));
  kiosk.Reduce(actions[0]);
  EXPECT_EQ(kiosk.state().screen, Screen::kStatus);
}

TEST(StatusScreenTest, ShowsTheReportInPlainWords) {
  KioskDriver kiosk;
  kiosk.state() = StateShowing(Screen::kStatus, "en");  // refused, 3 waiting, 3 days ago
  kiosk.Settle();
  EXPECT_EQ(TextOf(kiosk, "status.last_sync.value"), "3 days ago");
  EXPECT_EQ(TextOf(kiosk, "status.waiting.value"), "3 (they are sent at the next sync)");
  EXPECT_EQ(TextOf(kiosk, "status.error.value"),
            "The district office no longer accepts this kiosk (device revoked). Please call the "
            "district office.");
  EXPECT_NE(TextOf(kiosk, "status.issues").find(": 2"), std::string::npos);

  SyncView& sync = *kiosk.state().sync;
  sync.last_success_day = kiosk.state().today;
  sync.waiting = 0;
  sync.issues = 0;
  sync.error_key.clear();
  sync.refused = false;
  kiosk.Settle();
  EXPECT_EQ(TextOf(kiosk, "status.last_sync.value"), "today at 14:05");
  EXPECT_EQ(TextOf(kiosk, "status.waiting.value"), "none, everything has been sent");
  EXPECT_EQ(TextOf(kiosk, "status.error.value"), "none");
  EXPECT_EQ(kiosk.probe().Find("status.issues"), nullptr);

  sync.last_success_ms = 0;
  sync.last_success_day.clear();
  sync.error_key = "status.error.no_connection";
  kiosk.Settle();
  EXPECT_EQ(TextOf(kiosk, "status.last_sync.value"), "never");
  EXPECT_EQ(TextOf(kiosk, "status.error.value"),
            "No connection to the district office. The kiosk keeps working and tries again by "
            "itself.");
}

TEST(StatusScreenTest, SpeaksEachLanguage) {
  const std::pair<const char*, const char*> expected[] = {
      {"lt", "prieš 3 d."}, {"pl", "3 dni temu"}, {"en", "3 days ago"}};
  for (const auto& [language, words] : expected) {
    KioskDriver kiosk;
    kiosk.state() = StateShowing(Screen::kStatus, language);
    kiosk.Settle();
    EXPECT_EQ(TextOf(kiosk, "status.last_sync.value"), words) << language;
    EXPECT_EQ(TextOf(kiosk, "status.error.value"), kiosk.Text("status.error.refused")) << language;
    EXPECT_EQ(TextOf(kiosk, "status.title"), kiosk.Text("status.title")) << language;
  }
}

TEST(StatusScreenTest, SyncNowDispatchesAndIsNotOfferedTwice) {
  KioskDriver kiosk;
  kiosk.state() = StateShowing(Screen::kStatus, "en");
  kiosk.Settle();
  std::vector<Action> actions = kiosk.Tap("status.sync_now");
  ASSERT_EQ(actions.size(), 1u);
  ASSERT_TRUE(HoldsMessage<SyncNowPressed>(actions[0]));
  const std::vector<Effect> effects = kiosk.Reduce(actions[0]);
  ASSERT_EQ(effects.size(), 1u);
  EXPECT_TRUE(HoldsMessage<RunSyncNow>(effects[0]));

  kiosk.Settle();
  const ProbeRecord* button = kiosk.Find("status.sync_now");
  ASSERT_NE(button, nullptr);
  EXPECT_FALSE(button->enabled);
  EXPECT_EQ(button->text, "Syncing…");
  EXPECT_TRUE(kiosk.Tap("status.sync_now").empty());

  SyncView running = *kiosk.state().sync;
  running.running = true;
  kiosk.Reduce(SyncStatusChanged{running, false});
  kiosk.Settle();
  EXPECT_TRUE(kiosk.Tap("status.sync_now").empty()) << "offered while a session runs";

  running.running = false;
  kiosk.Reduce(SyncStatusChanged{running, false});
  kiosk.Settle();
  EXPECT_TRUE(kiosk.Find("status.sync_now")->enabled);
  EXPECT_EQ(kiosk.Tap("status.sync_now").size(), 1u);
}

TEST(StatusScreenTest, AKioskThatIsNotProvisionedSaysSoAndCannotSync) {
  KioskDriver kiosk;
  kiosk.state() = StateShowing(Screen::kStatus, "en");
  kiosk.state().sync_available = false;
  kiosk.state().sync.reset();
  kiosk.Settle();
  EXPECT_EQ(TextOf(kiosk, "status.error.value"), kiosk.Text("status.error.not_provisioned"));
  EXPECT_EQ(TextOf(kiosk, "status.last_sync.value"), "not known yet");
  EXPECT_FALSE(kiosk.Find("status.sync_now")->enabled);
  EXPECT_TRUE(kiosk.Tap("status.sync_now").empty());
}

TEST(StatusScreenTest, ShowsNothingPersonal) {
  KioskDriver kiosk;
  kiosk.state() = StateShowing(Screen::kSignUpDone, "en");  // a person is signed in
  kiosk.state().screen = Screen::kStatus;
  kiosk.state().sync_available = true;
  kiosk.state().sync = DemoSyncView();
  kiosk.Settle();
  const std::string name = kiosk.state().person->given_name;
  for (const ProbeRecord& record : kiosk.probe().items) {
    EXPECT_EQ(record.text.find(name), std::string::npos) << record.id;
  }
}

}  // namespace
}  // namespace raida::kiosk::testing
