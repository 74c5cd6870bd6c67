// The kiosk and the district office together, all real binaries: raida-server with the demo
// district, a kiosk database provisioned with a one-time code (`raida-server issue-code`,
// `raida-sync provision`) and filled by `raida-sync once`, then raida-kiosk under Xvfb started
// with only --db (center and server come from the provisioning). A resident signs up with real
// xdotool clicks; the kiosk's background sync sends the sign-up at once, and the SERVER's
// database must hold the enrollment decided (confirmed or waitlisted), the kiosk's outbox must be
// empty and its copy must carry the server's decision. The coordinator's "Kiosk status" screen is
// opened from the welcome screen, "Sync now" is tapped, and the screen is saved in each language
// to <build>/screenshots/<lang>/status.png.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "kiosk_process.h"
#include "kiosk_walk.h"
#include "raida/core/clock.h"
#include "raida/core/database.h"
#include "raida/core/enrollment_repository.h"
#include "raida/core/model.h"
#include "raida/core/store.h"

namespace raida::e2e {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// Runs `command` in a shell; returns its exit code and puts its stdout in `out`.
int RunCommand(const std::string& command, std::string& out) {
  out.clear();
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) {
    return -1;
  }
  std::array<char, 4096> buffer{};
  size_t read = 0;
  while ((read = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) {
    out.append(buffer.data(), read);
  }
  const int status = ::pclose(pipe);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// The last non-empty line of `text`.
std::string LastLine(const std::string& text) {
  std::string last;
  size_t begin = 0;
  while (begin < text.size()) {
    size_t end = text.find('\n', begin);
    end = end == std::string::npos ? text.size() : end;
    if (end > begin) {
      last = text.substr(begin, end - begin);
    }
    begin = end + 1;
  }
  return last;
}

size_t Count(const std::string& text, const std::string& part) {
  size_t count = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) {
    ++count;
  }
  return count;
}

// The enrollment's status in the database at `db`, or nullopt when it is not there (yet).
std::optional<core::EnrollmentStatus> EnrollmentStatusIn(const std::string& db,
                                                         const std::string& enrollment_id) {
  core::ManualClock clock;
  auto store = core::Store::Open({db, core::OpenMode::kOpenExisting}, clock);
  if (!store.ok()) {
    return std::nullopt;
  }
  auto enrollment = core::EnrollmentRepository(**store).Get(enrollment_id);
  if (!enrollment.ok() || !enrollment->has_value()) {
    return std::nullopt;
  }
  return (*enrollment)->status;
}

// Changes in the kiosk's outbox (sent but not acknowledged, or not sent yet), -1 on error.
int64_t OutboxCount(const std::string& db) {
  core::ManualClock clock;
  auto store = core::Store::Open({db, core::OpenMode::kOpenExisting}, clock);
  if (!store.ok()) {
    return -1;
  }
  auto count = (*store)->db().Prepare("SELECT count(*) FROM outbox");
  if (!count.ok() || !count->Step().ok()) {
    return -1;
  }
  return count->ColumnInt(0);
}

bool Decided(std::optional<core::EnrollmentStatus> status) {
  return status == core::EnrollmentStatus::kConfirmed ||
         status == core::EnrollmentStatus::kWaitlisted;
}

class KioskSyncE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("raida_sync_e2e_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "logs");
    server_db_ = (dir_ / "server.db").string();
    kiosk_db_ = (dir_ / "kiosk.db").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Starts raida-server on an ephemeral loopback port; returns its URL ("" after a failure).
  std::string StartServer() {
    server_ = std::make_unique<KioskProcess>(
        RAIDA_SERVER_BIN,
        std::vector<std::string>{"--db", server_db_, "--load-demo", kDemoFile, "--listen",
                                 "127.0.0.1", "--port", "0"},
        (dir_ / "server.log").string());
    const std::string marker = "listening on http://127.0.0.1:";
    const auto deadline = std::chrono::steady_clock::now() + 60s;
    while (std::chrono::steady_clock::now() < deadline && server_->Running()) {
      const std::string log = server_->Log();
      const size_t at = log.find(marker);
      if (at != std::string::npos && log.find('\n', at) != std::string::npos) {
        const size_t begin = at + marker.size();
        return "http://127.0.0.1:" + log.substr(begin, log.find('\n', at) - begin);
      }
      std::this_thread::sleep_for(50ms);
    }
    ADD_FAILURE() << "raida-server did not start:\n" << server_->Log();
    return "";
  }

  // issue-code, provision and a first sync, as deploy/run-demo.sh does.
  void ProvisionKiosk(const std::string& url) {
    std::string out;
    ASSERT_EQ(RunCommand(std::string(RAIDA_SERVER_BIN) + " issue-code --db " + server_db_ +
                             " --center " + kCenter + " 2>/dev/null",
                         out),
              0);
    const std::string code = LastLine(out);
    ASSERT_FALSE(code.empty());
    ASSERT_EQ(RunCommand(std::string(RAIDA_SYNC_BIN) + " provision --db " + kiosk_db_ +
                             " --server " + url + " --code " + code + " --label 'e2e kiosk' 2>&1",
                         out),
              0)
        << out;
    ASSERT_EQ(RunCommand(std::string(RAIDA_SYNC_BIN) + " once --db " + kiosk_db_ + " 2>&1", out), 0)
        << out;
  }

  fs::path dir_;
  std::string server_db_;
  std::string kiosk_db_;
  std::unique_ptr<KioskProcess> server_;
};

// Taps the key `id` of the settled coordinator screen once, and waits beyond the bounce filter.
void Tap(Walk& walk, const std::string& id) {
  const Probe probe = walk.WaitFor("coordinator", {id});
  const ProbeRect* key = probe.Find(id);
  ASSERT_NE(key, nullptr) << id;
  Click(probe, *key);
  std::this_thread::sleep_for(300ms);
}

TEST_F(KioskSyncE2eTest, SignUpReachesTheDistrictOfficeAndIsDecided) {
  const std::string url = StartServer();
  ASSERT_FALSE(url.empty());
  ProvisionKiosk(url);
  ASSERT_FALSE(::testing::Test::HasFatalFailure());

  const std::string probe_path = (dir_ / "probe.json").string();
  const fs::path shots = dir_ / "screenshots";
  // Only --db: the center and the district office come from the provisioning.
  KioskProcess kiosk(RAIDA_KIOSK_BIN,
                     {"--db", kiosk_db_, "--language", "en", "--probe-file", probe_path,
                      "--screenshot-dir", shots.string(), "--log-dir", (dir_ / "logs").string()},
                     (dir_ / "kiosk.log").string());
  ASSERT_TRUE(kiosk.started());
  Walk walk(kiosk, probe_path);
  walk.WaitFor("welcome", {"welcome.start", "welcome.staff"});

  DemoPerson person;
  const std::string offering_id = SignUpSomeone(walk, person);
  ASSERT_FALSE(offering_id.empty());
  const std::string enrollment_id = core::DeterministicId("enrollment", offering_id, person.id);
  walk.ClickThrough("signup_done", "signup.done.finish", "welcome", {"welcome.staff"});

  // Confirm asked the background sync to send the sign-up at once: wait for the decision.
  const auto deadline = std::chrono::steady_clock::now() + 90s;
  while (std::chrono::steady_clock::now() < deadline &&
         !(Decided(EnrollmentStatusIn(server_db_, enrollment_id)) && OutboxCount(kiosk_db_) == 0)) {
    std::this_thread::sleep_for(200ms);
  }
  const auto on_server = EnrollmentStatusIn(server_db_, enrollment_id);
  ASSERT_TRUE(on_server.has_value()) << "the sign-up never reached the server\n" << kiosk.Log();
  EXPECT_TRUE(Decided(on_server)) << core::EnrollmentStatusName(*on_server);
  EXPECT_EQ(OutboxCount(kiosk_db_), 0) << "the kiosk's outbox was not drained";

  // The coordinator signs in (Staff, their name, the demo passphrase on the keyboard, a new PIN
  // for this kiosk twice) and opens the sync panel, then taps Sync now on it.
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
                      {round == 0 ? "pad.1" : "coord.home.sync"});
  }
  Probe status = walk.ClickThrough("coordinator", "coord.home.sync", "status", {"status.sync_now"});
  const size_t reports_before = Count(kiosk.Log(), "sync status:");
  const ProbeRect* sync_now = status.FirstTarget("status.sync_now");
  ASSERT_NE(sync_now, nullptr);
  Click(status, *sync_now);
  const auto sync_deadline = std::chrono::steady_clock::now() + 60s;
  while (std::chrono::steady_clock::now() < sync_deadline &&
         Count(kiosk.Log(), "sync status:") <= reports_before) {
    std::this_thread::sleep_for(100ms);
  }
  EXPECT_GT(Count(kiosk.Log(), "sync status:"), reports_before) << "Sync now ran no session";
  EXPECT_NE(kiosk.Log().find("sync now requested"), std::string::npos);
  status = walk.WaitFor("status", {"status.sync_now"});  // enabled again: the session is over

  for (const char* language : {"pl", "lt"}) {
    const ProbeRect* button = status.FirstTarget(std::string("common.language.") + language);
    ASSERT_NE(button, nullptr) << language;
    Click(status, *button);
    const auto language_deadline = std::chrono::steady_clock::now() + 20s;
    while (std::chrono::steady_clock::now() < language_deadline &&
           walk.Current().language != language) {
      std::this_thread::sleep_for(50ms);
    }
    status = walk.WaitFor("status", {"status.sync_now"});
    EXPECT_EQ(status.language, language);
  }

  kiosk.Signal(SIGTERM);
  auto code = kiosk.Wait(30s);
  ASSERT_TRUE(code.has_value()) << "the kiosk did not stop on SIGTERM";
  EXPECT_EQ(*code, 0) << kiosk.Log();

  // The kiosk's copy carries the district office's decision; nothing is left to send.
  EXPECT_EQ(EnrollmentStatusIn(kiosk_db_, enrollment_id), on_server);
  EXPECT_EQ(OutboxCount(kiosk_db_), 0);
  EXPECT_NE(kiosk.Log().find("background sync started"), std::string::npos);
  EXPECT_NE(kiosk.Log().find("background sync stopped"), std::string::npos);

  for (const char* language : {"en", "pl", "lt"}) {
    const fs::path shot = shots / language / "status.png";
    ASSERT_TRUE(fs::exists(shot)) << "no screenshot of the status screen in " << language;
    const fs::path keep = fs::path(RAIDA_SCREENSHOT_DIR) / language / "status.png";
    fs::create_directories(keep.parent_path());
    fs::copy_file(shot, keep, fs::copy_options::overwrite_existing);
  }
  std::ifstream log_file(dir_ / "logs" / "raida-kiosk.log");
  const std::string log((std::istreambuf_iterator<char>(log_file)), {});
  EXPECT_EQ(log.find(person.card_code), std::string::npos) << "card code in the log";
  EXPECT_EQ(log.find(person.family_name), std::string::npos) << "a name in the log";
}

}  // namespace
}  // namespace raida::e2e
