// ServerApp in-process on 127.0.0.1 with an ephemeral port: health through the real sync client,
// JSON errors for unknown paths and oversized bodies, and a request log without query values.
#include "server_app.h"

#include <gtest/gtest.h>
#include <httplib.h>
#include <spdlog/sinks/ostream_sink.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "data/temp_dir.h"
#include "raida/core/clock.h"
#include "raida/core/migrations.h"
#include "raida/sync/health_client.h"

namespace raida::server {
namespace {

using ::raida::testing::TempDir;

const std::string kDemoPath = std::string(RAIDA_SOURCE_DIR) + "/assets/demo/rokiskis.json";
constexpr int64_t kNow = 1'795'435'200'000;

class ServerAppTest : public ::testing::Test {
 protected:
  void SetUp() override {
    logger_ = std::make_shared<spdlog::logger>(
        "test", std::make_shared<spdlog::sinks::ostream_sink_mt>(log_));
    options_.db_path = (dir_.path() / "server.db").string();
  }
  void TearDown() override {
    if (thread_.joinable()) {
      app_->Stop();
      thread_.join();
    }
  }

  // Creates the app (with the demo district when asked), binds and serves on a thread.
  void Start(bool load_demo) {
    auto app = ServerApp::Create(options_, clock_, logger_);
    ASSERT_TRUE(app.ok()) << app.error().message;
    app_ = std::move(app).value();
    if (load_demo) {
      auto loaded = app_->LoadDistrict(kDemoPath);
      ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    }
    auto port = app_->Bind();
    ASSERT_TRUE(port.ok()) << port.error().message;
    ASSERT_GT(port.value(), 0);
    thread_ = std::thread([this] { EXPECT_TRUE(app_->Serve().ok()); });
    while (!app_->IsRunning()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }
  std::string Url() const { return "http://127.0.0.1:" + std::to_string(app_->port()); }
  httplib::Client Client() const { return httplib::Client("127.0.0.1", app_->port()); }

  TempDir dir_;
  core::ManualClock clock_{kNow};
  std::ostringstream log_;
  std::shared_ptr<spdlog::logger> logger_;
  ServerOptions options_;
  std::unique_ptr<ServerApp> app_;
  std::thread thread_;
};

TEST_F(ServerAppTest, HealthNamesVersionsTimeAndTheLoadedDistrict) {
  Start(/*load_demo=*/true);
  auto health = sync::CheckHealth(Url());
  ASSERT_TRUE(health.ok()) << health.error().message;
  EXPECT_EQ(health->server_version, ServerVersion());
  EXPECT_EQ(health->schema_version, core::LatestSchemaVersion());
  EXPECT_EQ(health->server_time_ms, kNow);
  EXPECT_EQ(health->district_id, "district.rokiskis");
}

TEST_F(ServerAppTest, HealthBeforeAnyDistrictHasAnEmptyDistrictId) {
  Start(/*load_demo=*/false);
  auto health = sync::CheckHealth(Url());
  ASSERT_TRUE(health.ok()) << health.error().message;
  EXPECT_EQ(health->district_id, "");
}

TEST_F(ServerAppTest, DistrictSurvivesARestart) {
  Start(/*load_demo=*/true);
  app_->Stop();
  thread_.join();
  app_.reset();
  Start(/*load_demo=*/false);
  EXPECT_EQ(app_->district_id(), "district.rokiskis");
}

TEST_F(ServerAppTest, UnknownPathIsAJson404) {
  Start(/*load_demo=*/false);
  auto client = Client();
  auto response = client.Get("/api/v1/nothing-here");
  ASSERT_TRUE(response) << httplib::to_string(response.error());
  EXPECT_EQ(response->status, 404);
  EXPECT_EQ(response->get_header_value("Content-Type"), "application/json");
  const auto body = nlohmann::json::parse(response->body);
  EXPECT_EQ(body.at("error").at("code"), "not_found");
  EXPECT_FALSE(body.at("error").at("message").get<std::string>().empty());
}

TEST_F(ServerAppTest, OversizedBodyIsAJson413) {
  options_.payload_max_bytes = 1024;
  Start(/*load_demo=*/false);
  auto client = Client();
  auto response = client.Post("/api/v1/health", std::string(4096, 'x'), "application/json");
  ASSERT_TRUE(response) << httplib::to_string(response.error());
  EXPECT_EQ(response->status, 413);
  const auto body = nlohmann::json::parse(response->body);
  EXPECT_EQ(body.at("error").at("code"), "payload_too_large");
}

TEST_F(ServerAppTest, RequestLogHasMethodPathStatusButNoQueryValues) {
  Start(/*load_demo=*/false);
  auto client = Client();
  ASSERT_TRUE(client.Get("/api/v1/health?name=Kazlauskiene"));
  ASSERT_TRUE(client.Get("/missing"));
  app_->Stop();
  thread_.join();
  const std::string log = log_.str();
  EXPECT_NE(log.find("GET /api/v1/health 200"), std::string::npos) << log;
  EXPECT_NE(log.find("GET /missing 404"), std::string::npos) << log;
  EXPECT_EQ(log.find("Kazlauskiene"), std::string::npos) << log;
}

TEST_F(ServerAppTest, MalformedDistrictIsRefusedAndServingGoesOn) {
  Start(/*load_demo=*/true);
  const std::string bad = dir_.Write("bad.json", R"({"format": "raida-district/1"})");
  auto loaded = app_->LoadDistrict(bad);
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.error().message.find("district: missing"), std::string::npos)
      << loaded.error().message;
  auto health = sync::CheckHealth(Url());
  ASSERT_TRUE(health.ok());
  EXPECT_EQ(health->district_id, "district.rokiskis");
}

TEST_F(ServerAppTest, CorruptDatabaseIsRefused) {
  dir_.Write("server.db", std::string(8192, 'z'));
  auto app = ServerApp::Create(options_, clock_, logger_);
  ASSERT_FALSE(app.ok());
  EXPECT_EQ(app.error().code, core::ErrorCode::kCorrupt);
  EXPECT_NE(app.error().message.find(options_.db_path), std::string::npos);
}

}  // namespace
}  // namespace raida::server
