// The resident's walk through the real kiosk with real X events (xdotool), in each language:
// welcome -> Start -> catalog -> course -> sign-in with a card code on the pad -> sign-up
// (asking for care) -> done. Every screen is saved to <build>/screenshots/<lang>/<screen>.png
// by the kiosk's --screenshot-dir; afterwards the database must hold the enrollment and its
// outbox entry. Also measures the kiosk's CPU use while it sits idle on the welcome screen.
//
// The kiosk writes its settled screen and the rectangles of its widgets to --probe-file; the
// test waits for the screen it expects there and clicks the centre of a widget by its id.
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

const std::string kDemoFile = std::string(RAIDA_SOURCE_DIR) + "/assets/demo/rokiskis.json";
const std::string kCenter = "center.bajorai";

struct ProbeRect {
  std::string id;
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  bool target = false;
  bool enabled = false;
  bool Visible() const { return x1 - x0 >= 4.0f && y1 - y0 >= 4.0f; }
};

struct Probe {
  int serial = 0;
  std::string screen;
  int window_x = 0;
  int window_y = 0;
  std::vector<ProbeRect> items;

  const ProbeRect* Find(const std::string& id) const {
    for (const auto& item : items) {
      if (item.id == id) {
        return &item;
      }
    }
    return nullptr;
  }
  // The first visible, enabled target whose id starts with `prefix`.
  const ProbeRect* FirstTarget(const std::string& prefix) const {
    for (const auto& item : items) {
      if (item.target && item.enabled && item.Visible() && item.id.rfind(prefix, 0) == 0) {
        return &item;
      }
    }
    return nullptr;
  }
};

std::optional<Probe> ReadProbe(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    return std::nullopt;
  }
  try {
    const nlohmann::json json = nlohmann::json::parse(in);
    Probe probe;
    probe.serial = json.at("serial").get<int>();
    probe.screen = json.at("screen").get<std::string>();
    probe.window_x = json.at("window").at(0).get<int>();
    probe.window_y = json.at("window").at(1).get<int>();
    for (const auto& item : json.at("items")) {
      const auto& rect = item.at("rect");
      probe.items.push_back({item.at("id").get<std::string>(), rect.at(0).get<float>(),
                             rect.at(1).get<float>(), rect.at(2).get<float>(),
                             rect.at(3).get<float>(), item.at("target").get<bool>(),
                             item.at("enabled").get<bool>()});
    }
    return probe;
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

// Moves the real pointer to the centre of `rect` and clicks (press and release) there.
void Click(const Probe& probe, const ProbeRect& rect) {
  const int x = probe.window_x + static_cast<int>((rect.x0 + rect.x1) / 2.0f);
  const int y = probe.window_y + static_cast<int>((rect.y0 + rect.y1) / 2.0f);
  const std::string command = "xdotool mousemove --sync " + std::to_string(x) + " " +
                              std::to_string(y) + " sleep 0.15 click 1";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
}

class Walk {
 public:
  Walk(KioskProcess& kiosk, std::string probe_path)
      : kiosk_(kiosk), probe_path_(std::move(probe_path)) {}

  // Waits (bounded) until the kiosk has settled on `screen` with the widget ids all present.
  Probe WaitFor(const std::string& screen, const std::vector<std::string>& prefixes = {}) {
    const auto deadline = std::chrono::steady_clock::now() + 60s;
    std::optional<Probe> last;
    while (std::chrono::steady_clock::now() < deadline && kiosk_.Running()) {
      last = ReadProbe(probe_path_);
      if (last && last->screen == screen && HasAll(*last, prefixes)) {
        return *last;
      }
      std::this_thread::sleep_for(50ms);
    }
    ADD_FAILURE() << "kiosk did not settle on " << screen
                  << " (last: " << (last ? last->screen : "no probe") << ")\n"
                  << kiosk_.Log();
    return last.value_or(Probe{});
  }

  // Clicks the first target starting with `prefix` until the kiosk leaves `screen` for `next`
  // (a click may land while the screen is still waking, so it is retried a few times).
  Probe ClickThrough(const std::string& screen, const std::string& prefix, const std::string& next,
                     const std::vector<std::string>& next_prefixes = {}) {
    for (int attempt = 0; attempt < 3; ++attempt) {
      Probe probe = WaitFor(screen, {prefix});
      const ProbeRect* target = probe.FirstTarget(prefix);
      if (target == nullptr) {
        ADD_FAILURE() << "no visible target " << prefix << " on " << screen;
        return probe;
      }
      clicked_.push_back(target->id);
      Click(probe, *target);
      const auto deadline = std::chrono::steady_clock::now() + 10s;
      while (std::chrono::steady_clock::now() < deadline && kiosk_.Running()) {
        auto now = ReadProbe(probe_path_);
        if (now && now->screen == next && HasAll(*now, next_prefixes)) {
          return *now;
        }
        std::this_thread::sleep_for(50ms);
      }
    }
    ADD_FAILURE() << "clicking " << prefix << " on " << screen << " never led to " << next;
    return Probe{};
  }

  // Pages the list on `screen` down (its ▼ button) until a target in `ids` is visible; returns
  // that id, "" when the list ends first.
  std::string PageTo(Probe probe, const std::string& screen, const std::set<std::string>& ids) {
    for (int page = 0; page < 20; ++page) {
      for (const auto& item : probe.items) {
        if (ids.count(item.id) != 0 && item.target && item.enabled && item.Visible()) {
          return item.id;
        }
      }
      const ProbeRect* down = probe.FirstTarget(screen + ".list.down");
      if (down == nullptr) {
        return "";
      }
      const int serial = probe.serial;
      Click(probe, *down);
      const auto deadline = std::chrono::steady_clock::now() + 5s;
      while (probe.serial == serial && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(50ms);
        probe = ReadProbe(probe_path_).value_or(probe);
      }
      if (probe.serial == serial) {
        return "";  // the list did not move: it ends here
      }
    }
    return "";
  }

  const std::vector<std::string>& clicked() const { return clicked_; }

 private:
  static bool HasAll(const Probe& probe, const std::vector<std::string>& prefixes) {
    for (const auto& prefix : prefixes) {
      if (probe.FirstTarget(prefix) == nullptr) {
        return false;
      }
    }
    return true;
  }

  KioskProcess& kiosk_;
  std::string probe_path_;
  std::vector<std::string> clicked_;
};

// The catalog's "Open" ids of the demo courses that have an offering at Bajorai that has not
// ended (offering weeks are relative to the day the file is loaded).
std::set<std::string> CourseOpenIdsAtCenter() {
  std::ifstream in(kDemoFile);
  const nlohmann::json demo = nlohmann::json::parse(in);
  std::set<std::string> ids;
  for (const auto& offering : demo.at("offerings")) {
    const bool running = offering.at("start_week").get<int>() + offering.at("weeks").get<int>() > 0;
    if (offering.at("center_id") == kCenter && running && !offering.value("cancelled", false)) {
      ids.insert("catalog.open." + offering.at("course_id").get<std::string>());
    }
  }
  return ids;
}

// A Bajorai resident of the demo district with a card and no enrollment in `offering_id`.
struct DemoPerson {
  std::string id;
  std::string card_code;
  std::string family_name;
  bool needs_care = false;  // in the profile: pre-ticked on the sign-up screen
};
DemoPerson PersonFreeFor(const std::string& offering_id) {
  std::ifstream in(kDemoFile);
  const nlohmann::json demo = nlohmann::json::parse(in);
  std::set<std::string> enrolled;
  for (const auto& enrollment : demo.at("enrollments")) {
    if (enrollment.at("offering_id") == offering_id) {
      enrolled.insert(enrollment.at("person_id").get<std::string>());
    }
  }
  for (const auto& person : demo.at("people")) {
    const std::string id = person.at("id").get<std::string>();
    if (person.at("home_center_id") == kCenter && person.contains("card_code") &&
        enrolled.count(id) == 0) {
      const auto& needs = person.value("needs", nlohmann::json::array());
      const bool care = std::find(needs.begin(), needs.end(), "care") != needs.end();
      return {id, person.at("card_code").get<std::string>(),
              person.at("family_name").get<std::string>(), care};
    }
  }
  ADD_FAILURE() << "the demo district has no free Bajorai person with a card";
  return {};
}

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

  static constexpr const char* kScreens[] = {"welcome", "catalog", "course",
                                             "signin",  "signup",  "signup_done"};
  fs::path dir_;
  fs::path shots_;
};

TEST_P(KioskWalkTest, SignUpWithRealClicks) {
  const std::string db = (dir_ / "kiosk.db").string();
  const std::string probe_path = (dir_ / "probe.json").string();
  KioskProcess kiosk(RAIDA_KIOSK_BIN,
                     {"--db", db, "--seed-demo", kDemoFile, "--center", kCenter, "--language",
                      GetParam(), "--probe-file", probe_path, "--screenshot-dir",
                      std::string(RAIDA_SCREENSHOT_DIR), "--log-dir", (dir_ / "logs").string()},
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

  // Open courses that have dates here until one has a seat left (a full one is Back again).
  Probe catalog = walk.ClickThrough("welcome", "welcome.start", "catalog", {"catalog.open."});
  std::set<std::string> candidates = CourseOpenIdsAtCenter();
  std::string offering_id;
  while (offering_id.empty()) {
    const std::string open_id = walk.PageTo(catalog, "catalog", candidates);
    ASSERT_FALSE(open_id.empty()) << "no course with a free seat at " << kCenter;
    candidates.erase(open_id);
    Probe course = walk.ClickThrough("catalog", open_id, "course", {"common.back"});
    if (const ProbeRect* sign_up = course.FirstTarget("course.signup.")) {
      offering_id = sign_up->id.substr(std::string("course.signup.").size());
    } else {
      catalog = walk.ClickThrough("course", "common.back", "catalog", {"catalog.open."});
    }
  }
  const DemoPerson person = PersonFreeFor(offering_id);
  Probe pad = walk.ClickThrough("course", "course.signup.", "signin", {"pad.1"});

  for (char digit : person.card_code) {
    const ProbeRect* key = pad.Find(std::string("pad.") + digit);
    ASSERT_NE(key, nullptr) << "no pad key " << digit;
    Click(pad, *key);
    std::this_thread::sleep_for(350ms);  // beyond the pad's key-bounce filter for "00"
  }
  Probe sign_up = walk.ClickThrough("signin", "pad.ok", "signup", {"signup.need.care"});
  const ProbeRect* care = sign_up.FirstTarget("signup.need.care");
  ASSERT_NE(care, nullptr);
  Click(sign_up, *care);  // toggles the profile's choice
  std::this_thread::sleep_for(500ms);
  walk.ClickThrough("signup", "signup.confirm", "signup_done", {"signup.done.finish"});

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
