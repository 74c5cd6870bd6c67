// The real `raida-sync status` binary: on a fresh database it reports nothing waiting, with a
// sign-up it reports one change and its age, it says in plain words whether the server answers,
// and a missing or corrupt database is a clear error with a non-zero exit.
#include <gtest/gtest.h>
#include <spdlog/sinks/null_sink.h>

#include <filesystem>
#include <thread>

#include "data/temp_dir.h"
#include "raida/core/clock.h"
#include "raida/core/district_data.h"
#include "raida/core/enrollment_repository.h"
#include "raida/core/store.h"
#include "server_app.h"
#include "subprocess.h"

namespace raida::server {
namespace {

using ::raida::testing::ReadFile;
using ::raida::testing::Subprocess;
using ::raida::testing::TempDir;

const std::string kSync = RAIDA_SYNC_BIN;
const std::string kDemoPath = std::string(RAIDA_SOURCE_DIR) + "/assets/demo/rokiskis.json";
constexpr int kRunMs = 20'000;

struct Outcome {
  int code = -1;
  std::string out;
  std::string err;
};

class SyncCliTest : public ::testing::Test {
 protected:
  Outcome RunSync(std::vector<std::string> args) {
    args.insert(args.begin(), kSync);
    const std::string err_path = (dir_.path() / "stderr.txt").string();
    auto process = Subprocess::Start(args, err_path);
    Outcome outcome;
    if (process == nullptr) {
      ADD_FAILURE() << "cannot start " << kSync;
      return outcome;
    }
    outcome.out = process->ReadRest(kRunMs);
    const auto code = process->Wait(kRunMs);
    outcome.code = code.value_or(-1);
    outcome.err = ReadFile(err_path);
    return outcome;
  }
  // A kiosk database as a fresh install leaves it: created and migrated, nothing written.
  std::string FreshDb() {
    const std::string path = (dir_.path() / "kiosk.db").string();
    core::SystemClock clock;
    auto store = core::Store::Open({path}, clock);
    EXPECT_TRUE(store.ok()) << store.error().message;
    return path;
  }

  TempDir dir_;
};

TEST_F(SyncCliTest, FreshDatabaseHasNothingWaiting) {
  const Outcome status = RunSync({"status", "--db", FreshDb()});
  EXPECT_EQ(status.code, 0) << status.err;
  EXPECT_NE(status.out.find("changes waiting:   0\n"), std::string::npos) << status.out;
  EXPECT_NE(status.out.find("oldest waiting:    none"), std::string::npos) << status.out;
  EXPECT_NE(status.out.find("schema version:"), std::string::npos) << status.out;
  EXPECT_NE(status.out.find("device id:         0 (not provisioned yet)"), std::string::npos)
      << status.out;
}

TEST_F(SyncCliTest, ASignUpIsOneChangeWaiting) {
  const std::string path = FreshDb();
  {
    core::SystemClock clock;
    auto store = core::Store::Open({path}, clock);
    ASSERT_TRUE(store.ok());
    core::DistrictLoadOptions options;
    options.only_center_id = "center.salos";
    ASSERT_TRUE(core::LoadDistrictFile(*store.value(), kDemoPath, options).ok());
    core::EnrollmentRepository enrollments(*store.value());
    // person.demo.10 lives in Salos and has no sign-up for offering.salos.3 in the demo.
    auto signed_up = enrollments.RequestSignUp("person.demo.10", "offering.salos.3", {});
    ASSERT_TRUE(signed_up.ok()) << signed_up.error().message;
  }
  const Outcome status = RunSync({"status", "--db", path});
  EXPECT_EQ(status.code, 0) << status.err;
  EXPECT_NE(status.out.find("changes waiting:   1\n"), std::string::npos) << status.out;
  EXPECT_NE(status.out.find("oldest waiting:    "), std::string::npos) << status.out;
  EXPECT_EQ(status.out.find("oldest waiting:    none"), std::string::npos) << status.out;
  EXPECT_NE(status.out.find(" ago"), std::string::npos) << status.out;
}

TEST_F(SyncCliTest, ReportsWhetherTheServerAnswers) {
  core::ManualClock clock;
  ServerOptions options;
  options.db_path = (dir_.path() / "server.db").string();
  auto logger =
      std::make_shared<spdlog::logger>("test", std::make_shared<spdlog::sinks::null_sink_mt>());
  auto app = ServerApp::Create(options, clock, logger);
  ASSERT_TRUE(app.ok()) << app.error().message;
  auto port = app.value()->Bind();
  ASSERT_TRUE(port.ok());
  std::thread serving([&] { EXPECT_TRUE(app.value()->Serve().ok()); });
  const std::string url = "http://127.0.0.1:" + std::to_string(port.value());
  const std::string db = FreshDb();

  const Outcome up = RunSync({"status", "--db", db, "--server", url});
  app.value()->Stop();
  serving.join();
  EXPECT_EQ(up.code, 0) << up.err;
  EXPECT_NE(up.out.find(url + " answers (version"), std::string::npos) << up.out;

  const Outcome down = RunSync({"status", "--db", db, "--server", url, "--timeout-ms", "2000"});
  EXPECT_EQ(down.code, 0) << down.err;
  EXPECT_NE(down.out.find(url + " does not answer: cannot reach"), std::string::npos) << down.out;
}

TEST_F(SyncCliTest, MissingDatabaseIsAnErrorAndIsNotCreated) {
  const std::string path = (dir_.path() / "missing.db").string();
  const Outcome status = RunSync({"status", "--db", path});
  EXPECT_EQ(status.code, 2);
  EXPECT_NE(status.err.find(path), std::string::npos) << status.err;
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST_F(SyncCliTest, CorruptDatabaseIsAnError) {
  const std::string path = dir_.Write("corrupt.db", std::string(16384, 'q'));
  const Outcome status = RunSync({"status", "--db", path});
  EXPECT_EQ(status.code, 2);
  EXPECT_NE(status.err.find(path), std::string::npos) << status.err;
}

TEST_F(SyncCliTest, NoSubcommandIsAUsageError) {
  const Outcome outcome = RunSync({});
  EXPECT_EQ(outcome.code, 2);
}

// `raida-sync check` against a real server: a synced kiosk matches table by table; after a
// hand edit of a resident's village (same stamp, nothing in the outbox) the check names the
// person table, repairs it and says so; `status` shows when the last check ran and what it found.
// No personal value is printed.
TEST_F(SyncCliTest, CheckMatchesRepairsAHandEditAndStatusShowsIt) {
  core::SystemClock clock;
  ServerOptions options;
  options.db_path = (dir_.path() / "server.db").string();
  auto logger =
      std::make_shared<spdlog::logger>("test", std::make_shared<spdlog::sinks::null_sink_mt>());
  auto app = ServerApp::Create(options, clock, logger);
  ASSERT_TRUE(app.ok()) << app.error().message;
  ASSERT_TRUE(app.value()->LoadDistrict(kDemoPath).ok());
  auto code = app.value()->engine().IssueProvisioningCode("center.bajorai");
  ASSERT_TRUE(code.ok());
  auto port = app.value()->Bind();
  ASSERT_TRUE(port.ok());
  std::thread serving([&] { EXPECT_TRUE(app.value()->Serve().ok()); });
  const std::string url = "http://127.0.0.1:" + std::to_string(port.value());
  const std::string db = (dir_.path() / "kiosk.db").string();
  const Outcome provisioned =
      RunSync({"provision", "--db", db, "--server", url, "--code", code->code});
  const Outcome matched = RunSync({"check", "--db", db});
  {
    auto store = core::Store::Open({db}, clock);
    ASSERT_TRUE(store.ok());
    core::Store::ApplyingScope applying(**store);
    ASSERT_TRUE((*store)
                    ->db()
                    .Exec("UPDATE person SET village = 'Kitur' WHERE id = 'person.demo.01'")
                    .ok());
  }
  const Outcome repaired = RunSync({"check", "--db", db});
  const Outcome status = RunSync({"status", "--db", db});
  app.value()->Stop();
  serving.join();
  ASSERT_EQ(provisioned.code, 0) << provisioned.err;
  EXPECT_EQ(matched.code, 0) << matched.err;
  EXPECT_NE(matched.out.find("person:             matched ("), std::string::npos) << matched.out;
  EXPECT_NE(matched.out.find("result:            matched\n"), std::string::npos) << matched.out;
  EXPECT_NE(matched.out.find("requests:          1\n"), std::string::npos) << matched.out;
  EXPECT_EQ(repaired.code, 0) << repaired.err;
  EXPECT_NE(repaired.out.find("repaired: 1 changed, 0 added, 0 removed"), std::string::npos)
      << repaired.out;
  EXPECT_NE(repaired.out.find("course:             matched ("), std::string::npos) << repaired.out;
  EXPECT_NE(repaired.out.find("result:            repaired\n"), std::string::npos) << repaired.out;
  EXPECT_EQ(repaired.out.find("Kitur"), std::string::npos) << repaired.out;
  EXPECT_EQ(status.code, 0) << status.err;
  EXPECT_NE(status.out.find("last data check:   just now (person repaired)"), std::string::npos)
      << status.out;
}

}  // namespace
}  // namespace raida::server
