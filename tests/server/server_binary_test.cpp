// The real `raida-server` binary, run the way deploy scripts and systemd run it: it prints the
// port it listens on, answers health, stops cleanly on SIGTERM, and refuses bad input (corrupt
// database, missing or malformed district file) with exit code 2 and a message that says what.
#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>

#include "data/temp_dir.h"
#include "raida/core/catalog_repository.h"
#include "raida/core/clock.h"
#include "raida/core/store.h"
#include "raida/sync/health_client.h"
#include "server_app.h"
#include "subprocess.h"

namespace raida::server {
namespace {

using ::raida::testing::ReadFile;
using ::raida::testing::Subprocess;
using ::raida::testing::TempDir;

const std::string kServer = RAIDA_SERVER_BIN;
const std::string kDemoPath = std::string(RAIDA_SOURCE_DIR) + "/assets/demo/rokiskis.json";
constexpr int kStartMs = 20'000;  // generous: sanitizer builds start slowly on a busy CI box
constexpr int kExitMs = 20'000;

class ServerBinaryTest : public ::testing::Test {
 protected:
  std::unique_ptr<Subprocess> Run(std::vector<std::string> args) {
    args.insert(args.begin(), kServer);
    auto process = Subprocess::Start(args, stderr_path_);
    EXPECT_NE(process, nullptr) << "cannot start " << kServer;
    return process;
  }
  std::string Stderr() const { return ReadFile(stderr_path_); }
  std::string DbPath() const { return (dir_.path() / "server.db").string(); }

  TempDir dir_;
  std::string stderr_path_ = (dir_.path() / "stderr.txt").string();
};

TEST_F(ServerBinaryTest, ServesHealthAndStopsCleanlyOnSigterm) {
  auto server = Run({"--db", DbPath(), "--port", "0", "--load-demo", kDemoPath, "--log-dir",
                     (dir_.path() / "logs").string()});
  ASSERT_NE(server, nullptr);
  const auto line = server->ReadLine(kStartMs);
  ASSERT_TRUE(line.has_value()) << Stderr();
  // The first line on stdout: nothing else (logs go to stderr) may come before it.
  const std::string prefix = "listening on http://127.0.0.1:";
  ASSERT_EQ(line->rfind(prefix, 0), 0u) << *line;
  const std::string url = line->substr(std::string("listening on ").size());

  auto health = sync::CheckHealth(url, 5000);
  ASSERT_TRUE(health.ok()) << health.error().message;
  EXPECT_EQ(health->district_id, "district.rokiskis");

  server->Signal(SIGTERM);
  const auto code = server->Wait(kExitMs);
  ASSERT_TRUE(code.has_value()) << "still running after SIGTERM";
  EXPECT_EQ(*code, 0) << Stderr();
  EXPECT_NE(Stderr().find("stopping on SIGTERM"), std::string::npos) << Stderr();
  const std::string log = ReadFile((dir_.path() / "logs" / "raida-server.log").string());
  EXPECT_NE(log.find("GET /api/v1/health 200"), std::string::npos) << log;
}

TEST_F(ServerBinaryTest, SigintStopsItToo) {
  auto server = Run({"--db", DbPath(), "--port", "0"});
  ASSERT_NE(server, nullptr);
  ASSERT_TRUE(server->ReadLine(kStartMs).has_value()) << Stderr();
  server->Signal(SIGINT);
  const auto code = server->Wait(kExitMs);
  ASSERT_TRUE(code.has_value());
  EXPECT_EQ(*code, 0) << Stderr();
}

TEST_F(ServerBinaryTest, CorruptDatabaseExitsWithTwoAndNamesThePath) {
  dir_.Write("server.db", std::string(16384, '\x5a'));
  auto server = Run({"--db", DbPath(), "--port", "0"});
  ASSERT_NE(server, nullptr);
  const auto code = server->Wait(kExitMs);
  ASSERT_TRUE(code.has_value());
  EXPECT_EQ(*code, 2);
  EXPECT_NE(Stderr().find(DbPath()), std::string::npos) << Stderr();
  EXPECT_EQ(server->ReadRest(1000).find("listening"), std::string::npos);
}

TEST_F(ServerBinaryTest, MissingDistrictFileExitsWithTwoAndCreatesNoDatabase) {
  auto server = Run({"--db", DbPath(), "--load-demo", "/nonexistent/district.json"});
  ASSERT_NE(server, nullptr);
  const auto code = server->Wait(kExitMs);
  ASSERT_TRUE(code.has_value());
  EXPECT_EQ(*code, 2);
  EXPECT_NE(Stderr().find("/nonexistent/district.json"), std::string::npos) << Stderr();
  EXPECT_FALSE(std::filesystem::exists(DbPath()));
}

TEST_F(ServerBinaryTest, MalformedDistrictFileLeavesTheDatabaseAsItWas) {
  auto first = Run({"--db", DbPath(), "--load-demo", kDemoPath, "--exit-after-load"});
  ASSERT_NE(first, nullptr);
  const auto loaded = first->Wait(kExitMs);
  ASSERT_TRUE(loaded.has_value());
  ASSERT_EQ(*loaded, 0) << Stderr();

  const std::string bad = dir_.Write(
      "bad.json", R"({"format": "raida-district/1", "district": {"id": "district.other", )"
                  R"("name": "Other"}, "centers": [{"id": "center.x"}]})");
  auto second = Run({"--db", DbPath(), "--load-demo", bad, "--exit-after-load"});
  ASSERT_NE(second, nullptr);
  const auto refused = second->Wait(kExitMs);
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ(*refused, 2);
  EXPECT_NE(Stderr().find("centers[0].name: missing"), std::string::npos) << Stderr();

  core::ManualClock clock;
  auto store = core::Store::Open({DbPath(), core::OpenMode::kOpenExisting}, clock);
  ASSERT_TRUE(store.ok()) << store.error().message;
  core::CatalogRepository catalog(*store.value());
  auto centers = catalog.ListCenters();
  ASSERT_TRUE(centers.ok());
  EXPECT_EQ(centers->size(), 5u);
  EXPECT_EQ(centers->front().district_id, "district.rokiskis");
}

TEST_F(ServerBinaryTest, MissingDbOptionIsAUsageError) {
  auto server = Run({"--port", "0"});
  ASSERT_NE(server, nullptr);
  const auto code = server->Wait(kExitMs);
  ASSERT_TRUE(code.has_value());
  EXPECT_EQ(*code, 2);
  EXPECT_NE(Stderr().find("--db"), std::string::npos) << Stderr();
}

TEST_F(ServerBinaryTest, SettingsFileIsReadAndCommandLineWins) {
  const std::string config =
      dir_.Write("server.toml", "db = \"" + DbPath() + "\"\nport = 1\nlisten = \"127.0.0.1\"\n");
  auto server = Run({"--config", config, "--port", "0"});
  ASSERT_NE(server, nullptr);
  const auto line = server->ReadLine(kStartMs);
  ASSERT_TRUE(line.has_value()) << Stderr();
  EXPECT_EQ(line->rfind("listening on http://127.0.0.1:", 0), 0u) << *line;
  server->Signal(SIGTERM);
  const auto code = server->Wait(kExitMs);
  ASSERT_TRUE(code.has_value());
  EXPECT_EQ(*code, 0);
  EXPECT_TRUE(std::filesystem::exists(DbPath()));
}

TEST_F(ServerBinaryTest, MalformedSettingsFileExitsWithTwoAndSaysWhy) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"port = \"eighty\"\n", "port"},    // a value of the wrong type
      {"colour = \"blue\"\n", "colour"},  // a key the server does not know
  };
  for (const auto& [text, named] : cases) {
    const std::string config = dir_.Write("bad.toml", "db = \"" + DbPath() + "\"\n" + text);
    auto server = Run({"--config", config});
    ASSERT_NE(server, nullptr);
    const auto code = server->Wait(kExitMs);
    ASSERT_TRUE(code.has_value());
    EXPECT_EQ(*code, 2) << text;
    EXPECT_NE(Stderr().find(named), std::string::npos) << Stderr();
    EXPECT_FALSE(std::filesystem::exists(DbPath())) << text;
  }
  auto missing = Run({"--config", (dir_.path() / "none.toml").string()});
  ASSERT_NE(missing, nullptr);
  const auto code = missing->Wait(kExitMs);
  ASSERT_TRUE(code.has_value());
  EXPECT_EQ(*code, 2);
  EXPECT_NE(Stderr().find("none.toml"), std::string::npos) << Stderr();
}

TEST_F(ServerBinaryTest, VersionPrintsTheVersion) {
  auto server = Run({"--version"});
  ASSERT_NE(server, nullptr);
  const auto line = server->ReadLine(kStartMs);
  ASSERT_TRUE(line.has_value());
  EXPECT_EQ(*line, ServerVersion());
  const auto code = server->Wait(kExitMs);
  ASSERT_TRUE(code.has_value());
  EXPECT_EQ(*code, 0);
}

}  // namespace
}  // namespace raida::server
