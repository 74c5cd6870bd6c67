// The resident's walk through the real kiosk with real X events (xdotool), in each language:
// welcome -> Start -> catalog -> course -> sign-in with a card code on the pad -> sign-up
// (asking for care) -> done. Every screen is saved to <build>/screenshots/<lang>/<screen>.png
// by the kiosk's --screenshot-dir; afterwards the database must hold the enrollment and its
// outbox entry. Also measures the kiosk's CPU use while it sits idle on the welcome screen.
//
// The kiosk writes its settled screen and the rectangles of its widgets to --probe-file; the
// test waits for the screen it expects there and clicks the centre of a widget by its id.
#include "kiosk_walk.h"

#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "kiosk_process.h"
#include "raida/core/clock.h"
#include "raida/core/database.h"
#include "raida/core/enrollment_repository.h"
#include "raida/core/model.h"
#include "raida/core/store.h"

namespace raida::e2e {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

class KioskWalkTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    dir_ =
        fs::temp_directory_path() / ("raida_walk_" + std::to_string(::getpid()) + "_" + GetParam());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    shots_ = fs::path(RAIDA_SCREENSHOT_DIR) / GetParam();
    fs::create_directories(shots_);
    for (const char* screen : kScreens) {
      fs::remove(shots_ / (std::string(screen) + ".png"));
    }
  }
  void TearDown() override { fs::remove_all(dir_); }

  static constexpr const char* kScreens[] = {
      "welcome",    "catalog", "course",   "signin",         "signup",      "signup_done",
      "my_courses", "help",    "settings", "catalog_search", "still_there", "welcome_asleep"};

  // The resident's other screens after a sign-up: "My courses" (signed in), then as a new visit
  // help, settings and the catalog search typed on the on-screen keyboard ("kompiuteri" must
  // find the demo's "Kompiuteris ir planšetė" course, its Open button the proof).
  static void VisitResidentScreens(Walk& walk) {
    walk.ClickThrough("signup_done", "signup.done.my_courses", "my_courses", {"mycourses.cancel."});
    walk.ClickThrough("my_courses", "common.back", "welcome", {"welcome.help"});
    walk.ClickThrough("welcome", "welcome.help", "help", {"common.back"});
    walk.ClickThrough("help", "common.back", "welcome", {"welcome.settings"});
    walk.ClickThrough("welcome", "welcome.settings", "settings", {"settings.size.large"});
    walk.ClickThrough("settings", "common.back", "welcome", {"welcome.start"});
    walk.ClickThrough("welcome", "welcome.start", "catalog", {"catalog.search"});
    walk.ClickThrough("catalog", "catalog.search", "catalog", {"catalog.keyboard.key.done"});
    walk.TypeOnKeyboard("catalog.keyboard", U"kompiuteri");
    walk.WaitFor("catalog", {"catalog.open.course.computer-first-steps"});
    walk.ClickThrough("catalog", "catalog.keyboard.key.done", "catalog", {"catalog.search.clear"});
  }
  fs::path dir_;
  fs::path shots_;
};

TEST_P(KioskWalkTest, SignUpWithRealClicks) {
  const std::string db = (dir_ / "kiosk.db").string();
  const std::string probe_path = (dir_ / "probe.json").string();
  KioskProcess kiosk(RAIDA_KIOSK_BIN,
                     {"--db", db, "--seed-demo", kDemoFile, "--center", kCenter, "--language",
                      GetParam(), "--idle-timeout-s", "20", "--idle-warning-s", "5", "--probe-file",
                      probe_path, "--screenshot-dir", std::string(RAIDA_SCREENSHOT_DIR),
                      "--log-dir", (dir_ / "logs").string()},
                     (dir_ / "kiosk.log").string());
  ASSERT_TRUE(kiosk.started());
  Walk walk(kiosk, probe_path);

  // Idle on the welcome screen: the kiosk must sleep, not spin.
  walk.WaitFor("welcome", {"welcome.start"});
  std::this_thread::sleep_for(1s);
  const double cpu_before = ProcessCpuSeconds(kiosk.pid());
  std::this_thread::sleep_for(3s);
  const double idle_share = (ProcessCpuSeconds(kiosk.pid()) - cpu_before) / 3.0;
  std::printf("[ figures  ] idle CPU on the welcome screen (%s): %.1f %%\n", GetParam().c_str(),
              100.0 * idle_share);
  EXPECT_LT(idle_share, 0.05);

  DemoPerson person;
  const std::string offering_id = SignUpSomeone(walk, person);
  ASSERT_FALSE(offering_id.empty());
  VisitResidentScreens(walk);

  // Walking away: "Are you still there?" and, after its countdown, the sleeping welcome screen
  // (the kiosk was started with short idle times for this).
  walk.ClickThrough("catalog", "common.home", "welcome", {"welcome.start"});
  walk.ClickThrough("welcome", "welcome.start", "catalog", {"catalog.search"});
  walk.WaitForView("still_there", 30);
  walk.WaitForView("welcome_asleep", 30);

  kiosk.Signal(SIGTERM);
  auto code = kiosk.Wait(20s);
  ASSERT_TRUE(code.has_value()) << "the kiosk did not stop on SIGTERM";
  EXPECT_EQ(*code, 0) << kiosk.Log();

  for (const char* screen : kScreens) {
    EXPECT_TRUE(fs::exists(shots_ / (std::string(screen) + ".png")))
        << "no screenshot of " << screen;
  }

  // The sign-up is in the database, with its outbox entry, as a request.
  core::ManualClock clock;
  auto store = core::Store::Open({db, core::OpenMode::kOpenExisting}, clock);
  ASSERT_TRUE(store.ok()) << store.error().message;
  const std::string enrollment_id = core::DeterministicId("enrollment", offering_id, person.id);
  auto enrollment = core::EnrollmentRepository(**store).Get(enrollment_id);
  ASSERT_TRUE(enrollment.ok() && enrollment->has_value()) << "no enrollment row";
  EXPECT_EQ((*enrollment)->status, core::EnrollmentStatus::kRequested);
  const auto& needs = (*enrollment)->needs;
  EXPECT_EQ(std::find(needs.begin(), needs.end(), "care") != needs.end(), !person.needs_care)
      << "the tapped need did not reach the enrollment";
  auto outbox = (*store)->db().Prepare("SELECT count(*) FROM outbox WHERE tbl = ? AND pk = ?");
  ASSERT_TRUE(outbox.ok());
  outbox->Bind(1, "enrollment").Bind(2, enrollment_id);
  ASSERT_TRUE(outbox->Step().ok());
  EXPECT_EQ(outbox->ColumnInt(0), 1) << "the enrollment has no outbox entry";
  // Nothing personal in the kiosk's log file.
  std::ifstream log_file(dir_ / "logs" / "raida-kiosk.log");
  const std::string log((std::istreambuf_iterator<char>(log_file)), {});
  EXPECT_FALSE(log.empty());
  EXPECT_EQ(log.find(person.card_code), std::string::npos) << "card code in the log";
  EXPECT_EQ(log.find(person.family_name), std::string::npos) << "a name in the log";
}

INSTANTIATE_TEST_SUITE_P(Languages, KioskWalkTest, ::testing::Values("lt", "pl", "en"));

}  // namespace
}  // namespace raida::e2e
