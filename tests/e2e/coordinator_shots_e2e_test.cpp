// Screenshots for issue 5's "Done means": each coordinator screen of the real raida-kiosk under
// Xvfb, walked to with real clicks (xdotool), in Lithuanian and Polish:
//   <build>/screenshots/<lang>/coordinator_home.png         the tasks after the sign-in
//   <build>/screenshots/<lang>/coordinator_register.png     "Register a resident", its first step
//   <build>/screenshots/<lang>/coordinator_find_person.png  "Find a person": the center's people
//   <build>/screenshots/<lang>/coordinator_person.png       one person's record
//   <build>/screenshots/<lang>/coordinator_plan_date.png    their action plan: a step's due date
//   <build>/screenshots/<lang>/coordinator_plan.png         the plan with a goal and a step
//   <build>/screenshots/<lang>/coordinator_plan_note_editor.png a note on the step, typed
//   <build>/screenshots/<lang>/coordinator_plan_note.png    the note shown in the step's card
//   <build>/screenshots/<lang>/coordinator_plan_printed.png the summary printed: where it went
//   <build>/screenshots/<lang>/coordinator_assisted.png     the kiosk opened for that person
//   <build>/screenshots/<lang>/coordinator_inbox.png        the sign-up requests
//   <build>/screenshots/<lang>/coordinator_attendance.png   the sessions to take attendance for
//   <build>/screenshots/<lang>/coordinator_roster.png       one session's roster
//   <build>/screenshots/<lang>/coordinator_duplicates.png   "Possible duplicates" (none in the
//   demo) <build>/screenshots/<lang>/coordinator_lists.png        "Lists and export": the offerings
//   <build>/screenshots/<lang>/coordinator_list_written.png an offering's participants written
// The kiosk runs with the demo district (--seed-demo); the coordinator signs in by touch with the
// demo passphrase and chooses a PIN, as in the sync e2e test. Each screen is checked through the
// probe (its view, and a target it must show) before ImageMagick's `import` saves the window.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "kiosk_process.h"
#include "kiosk_walk.h"

namespace raida::e2e {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr int kWidth = 1920;
constexpr int kHeight = 1080;

class CoordinatorShotsTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("raida_coordinator_shots_" + std::to_string(::getpid()) + "_" + GetParam());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    shots_ = fs::path(RAIDA_SCREENSHOT_DIR) / GetParam();
    fs::create_directories(shots_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Saves the kiosk's window to <screenshots>/<lang>/<name>.png.
  void Shot(const Probe& probe, const std::string& name) {
    const std::string path = (shots_ / (name + ".png")).string();
    fs::remove(path);
    ASSERT_TRUE(SaveWindow(probe, kWidth, kHeight, path));
    EXPECT_GT(fs::file_size(path), 10'000u) << path;
    std::printf("[ shot     ] %s\n", path.c_str());
  }

  // Clicks the first target starting with `prefix` until the probe shows `view` with, for each of
  // `prefixes`, a target starting with it or an item with that id (bounded; a click may land
  // while the screen still settles).
  Probe ClickToView(Walk& walk, const std::string& prefix, const std::string& view,
                    const std::vector<std::string>& prefixes = {}) {
    walk.ClickUntil(prefix, [&](const Probe& now) {
      bool all = now.view == view;
      for (const std::string& wanted : prefixes) {
        all = all && (now.FirstTarget(wanted) != nullptr || now.Find(wanted) != nullptr);
      }
      return all;
    });
    std::this_thread::sleep_for(300ms);  // beyond the bounce filter; the screen settles
    return walk.Current();
  }

  // Taps the key `id` of the settled coordinator screen once, and waits beyond the bounce filter.
  static void Tap(Walk& walk, const std::string& id) {
    const Probe probe = walk.WaitFor("coordinator", {id});
    const ProbeRect* key = probe.Find(id);
    ASSERT_NE(key, nullptr) << id;
    Click(probe, *key);
    std::this_thread::sleep_for(300ms);
  }

  // Staff, the first coordinator, the demo passphrase, a new PIN twice: the home.
  static void SignIn(Walk& walk) {
    walk.ClickThrough("welcome", "welcome.staff", "coordinator", {"coord.account."});
    walk.ClickThrough("coordinator", "coord.account.", "coordinator", {"coord.keyboard.key.space"});
    walk.TypeOnKeyboard("coord.keyboard", U"ruduo");
    Tap(walk, "coord.keyboard.key.space");
    walk.TypeOnKeyboard("coord.keyboard", U"prie");
    Tap(walk, "coord.keyboard.key.space");
    walk.TypeOnKeyboard("coord.keyboard", U"ezero");
    walk.ClickThrough("coordinator", "coord.keyboard.key.done", "coordinator", {"pad.1"});
    for (int round = 0; round < 2; ++round) {  // choose the PIN, then confirm it
      for (const char digit : std::string("246810")) {
        Tap(walk, std::string("pad.") + digit);
      }
      walk.ClickThrough("coordinator", "pad.ok", "coordinator",
                        {round == 0 ? "pad.1" : "coord.home.register"});
    }
  }

  // The record's "Action plan": a goal and a step (labour office, 2026-12-01) typed by touch,
  // then the summary printed (saved in the data folder: no printer here).
  void WalkThePlan(Walk& walk, const std::string& language) {
    const bool lt = language == "lt";
    ClickToView(walk, "person.plan.open", "coordinator_plan", {"plan.goal.add"});
    ClickToView(walk, "plan.goal.add", "coordinator_plan", {"plan.keyboard.key.done"});
    walk.TypeOnKeyboard("plan.keyboard", lt ? U"darbas" : U"praca");
    ClickToView(walk, "plan.keyboard.key.done", "coordinator_plan", {"plan.step.add."});
    ClickToView(walk, "plan.step.add.", "coordinator_plan", {"plan.keyboard.key.done"});
    walk.TypeOnKeyboard("plan.keyboard", lt ? U"užsiregistruoti" : U"rejestracja");
    ClickToView(walk, "plan.keyboard.key.done", "coordinator_plan",
                {"plan.institution.labour_office"});
    ClickToView(walk, "plan.institution.labour_office", "coordinator_plan", {"pad.1"});
    for (const char digit : std::string("20261201")) {
      Tap(walk, std::string("pad.") + digit);
    }
    Shot(walk.WaitFor("coordinator", {"pad.ok"}), "coordinator_plan_date");
    Probe probe = ClickToView(walk, "pad.ok", "coordinator_plan", {"plan.step.add.", "plan.print"});
    Shot(probe, "coordinator_plan");
    // A note on the step (the demo kiosk keeps its own keys): typed, then shown in the card.
    ClickToView(walk, "plan.note.", "coordinator_plan", {"plan.keyboard.key.done"});
    walk.TypeOnKeyboard("plan.keyboard", lt ? U"autobusas" : U"autobus");
    Shot(walk.WaitFor("coordinator", {"plan.keyboard.key.done"}), "coordinator_plan_note_editor");
    probe = ClickToView(walk, "plan.keyboard.key.done", "coordinator_plan",
                        {"plan.note.", "plan.print"});
    Shot(probe, "coordinator_plan_note");
    EXPECT_EQ(fs::status(dir_ / "kiosk.db.center-key").permissions() &
                  (fs::perms::group_all | fs::perms::others_all),
              fs::perms::none);
    probe = ClickToView(walk, "plan.print", "coordinator_plan", {"plan.notice.ok"});
    Shot(probe, "coordinator_plan_printed");
    bool written = false;
    for (const auto& entry : fs::directory_iterator(dir_ / "plans")) {
      written = written || entry.path().extension() == ".txt";
    }
    EXPECT_TRUE(written);
    ClickToView(walk, "plan.notice.ok", "coordinator_plan", {"plan.print"});
  }

  fs::path dir_;
  fs::path shots_;
};

TEST_P(CoordinatorShotsTest, EachCoordinatorScreen) {
  const std::string probe_path = (dir_ / "probe.json").string();
  KioskProcess kiosk(
      RAIDA_KIOSK_BIN,
      {"--db", (dir_ / "kiosk.db").string(), "--seed-demo", kDemoFile, "--center", kCenter,
       "--language", GetParam(), "--width", std::to_string(kWidth), "--height",
       std::to_string(kHeight), "--probe-file", probe_path, "--log-dir", (dir_ / "logs").string()},
      (dir_ / "kiosk.log").string());
  ASSERT_TRUE(kiosk.started());
  Walk walk(kiosk, probe_path);
  walk.WaitFor("welcome", {"welcome.staff"});
  SignIn(walk);
  ASSERT_FALSE(::testing::Test::HasFailure()) << kiosk.Log();
  Probe probe = walk.WaitFor("coordinator", {"coord.home.register"});
  EXPECT_EQ(probe.view, "coordinator_home");
  Shot(probe, "coordinator_home");

  // "Possible duplicates": the demo center has none, and the list says so.
  probe = ClickToView(walk, "coord.home.duplicates", "coordinator_duplicates", {"common.back"});
  EXPECT_NE(probe.Find("dups.none"), nullptr);
  Shot(probe, "coordinator_duplicates");
  ClickToView(walk, "common.back", "coordinator_home", {"coord.home.register"});

  probe = ClickToView(walk, "coord.home.register", "coordinator_register", {"common.back"});
  Shot(probe, "coordinator_register");
  ClickToView(walk, "common.back", "coordinator_home", {"coord.home.find_person"});

  probe = ClickToView(walk, "coord.home.find_person", "coordinator_find_person", {"person.open."});
  Shot(probe, "coordinator_find_person");
  probe = ClickToView(walk, "person.open.", "coordinator_person", {"common.back"});
  Shot(probe, "coordinator_person");
  WalkThePlan(walk, GetParam());
  ClickToView(walk, "common.back", "coordinator_person", {"person.plan.open"});
  // "Open the kiosk for this person": the resident's welcome screen with the band, then back.
  probe = ClickToView(walk, "person.assisted.open", "welcome", {"assisted.end", "welcome.start"});
  Shot(probe, "coordinator_assisted");
  ClickToView(walk, "assisted.end", "coordinator_person", {"person.plan.open"});
  ClickToView(walk, "common.back", "coordinator_find_person", {"person.open."});
  ClickToView(walk, "common.back", "coordinator_home", {"coord.home.inbox"});

  probe = ClickToView(walk, "coord.home.inbox", "coordinator_inbox", {"common.back"});
  Shot(probe, "coordinator_inbox");
  ClickToView(walk, "common.back", "coordinator_home", {"coord.home.attendance"});

  probe = ClickToView(walk, "coord.home.attendance", "coordinator_attendance", {"attend.session."});
  Shot(probe, "coordinator_attendance");
  // The oldest session listed: today's has not started before 10:00, and marks open at the start.
  std::string oldest = "attend.session.";
  for (const ProbeRect& item : probe.items) {
    if (item.target && item.Visible() && item.id.rfind("attend.session.", 0) == 0) {
      oldest = item.id;
    }
  }
  probe = ClickToView(walk, oldest, "coordinator_attendance", {"attend.row."});
  Shot(probe, "coordinator_roster");
  ClickToView(walk, "common.back", "coordinator_attendance", {"attend.session."});
  ClickToView(walk, "common.back", "coordinator_home", {"coord.home.lists"});

  probe = ClickToView(walk, "coord.home.lists", "coordinator_lists", {"lists.open."});
  Shot(probe, "coordinator_lists");
  ClickToView(walk, "lists.open.", "coordinator_lists", {"lists.write.participants"});
  probe = ClickToView(walk, "lists.write.participants", "coordinator_lists", {"lists.written"});
  Shot(probe, "coordinator_list_written");
  // The file is in the data folder's exports, and holds no phone number.
  bool written = false;
  for (const auto& entry : fs::directory_iterator(dir_ / "exports")) {
    written = written || entry.path().string().find("participants") != std::string::npos;
  }
  EXPECT_TRUE(written);

  kiosk.Signal(SIGTERM);
  const auto code = kiosk.Wait(30s);
  ASSERT_TRUE(code.has_value()) << "the kiosk did not stop on SIGTERM";
  EXPECT_EQ(*code, 0) << kiosk.Log();
  // No name reaches the kiosk's log (the coordinator's included).
  EXPECT_EQ(kiosk.Log().find("Vaitkevi"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Languages, CoordinatorShotsTest, ::testing::Values("lt", "pl"),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace raida::e2e
