// End to end over loopback: the real district server (ServerApp, in-process on 127.0.0.1 with
// an ephemeral port) and the real client (CurlTransport, SyncClient). A kiosk is provisioned
// with a one-time code, pulls its catalog, signs a resident up, syncs, and learns the server's
// decision; a second kiosk of the same center then pulls that resident and the sign-up.
#include <gtest/gtest.h>
#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <thread>

#include "core/core_test_support.h"
#include "raida/core/enrollment_repository.h"
#include "raida/core/person_repository.h"
#include "raida/sync/credentials.h"
#include "raida/sync/curl_transport.h"
#include "raida/sync/sync_client.h"
#include "raida/sync/sync_status.h"
#include "server_app.h"

namespace raida::sync::testing {
namespace {

using core::testing::TempDir;

CurlOptions Curl(const std::string& url) {
  CurlOptions options;
  options.base_url = url;
  options.connect_timeout_ms = 5'000;
  options.total_timeout_ms = 30'000;
  return options;
}

class LoopbackTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server::ServerOptions options;
    options.db_path = dir_.File("server.db");
    auto logger = std::make_shared<spdlog::logger>("loopback",
                                                   std::make_shared<spdlog::sinks::null_sink_mt>());
    auto app = server::ServerApp::Create(options, clock_, logger);
    ASSERT_TRUE(app.ok()) << app.error().message;
    app_ = std::move(app).value();
    auto loaded = app_->LoadDistrict(std::string(RAIDA_SOURCE_DIR) + "/assets/demo/rokiskis.json");
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    ASSERT_TRUE(app_->Bind().ok());
    thread_ = std::thread([this] { EXPECT_TRUE(app_->Serve().ok()); });
    while (!app_->IsRunning()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }
  void TearDown() override {
    if (thread_.joinable()) {
      while (app_->IsRunning()) {
        app_->Stop();
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
      }
      thread_.join();
    }
  }
  std::string Url() const { return "http://127.0.0.1:" + std::to_string(app_->port()); }

  // A new kiosk database provisioned for `center` through the real HTTP endpoint.
  std::unique_ptr<core::Store> NewKiosk(const std::string& name, const std::string& center) {
    auto code = app_->engine().IssueProvisioningCode(center);
    EXPECT_TRUE(code.ok()) << code.error().message;
    auto store = core::testing::OpenStore(clock_, dir_.File(name));
    auto transport = CurlTransport::Create(Curl(Url()));
    EXPECT_TRUE(transport.ok());
    auto provisioned = Provision(*store, **transport, SecretPathFor(dir_.File(name)),
                                 {Url(), code->code, name, "", false});
    EXPECT_TRUE(provisioned.ok()) << provisioned.error().message;
    return store;
  }

  SessionResult SyncOnce(core::Store& store, const std::string& name) {
    auto credentials = LoadCredentials(store, SecretPathFor(dir_.File(name)));
    EXPECT_TRUE(credentials.ok()) << credentials.error().message;
    auto transport = CurlTransport::Create(Curl(Url()));
    EXPECT_TRUE(transport.ok());
    SyncClientOptions options;
    options.max_attempts = 1;
    return SyncClient(store, **transport, *credentials, options).RunSession();
  }

  core::SystemClock clock_;
  TempDir dir_;
  std::unique_ptr<server::ServerApp> app_;
  std::thread thread_;
};

TEST_F(LoopbackTest, ProvisionSignUpSyncAndASecondKioskPulls) {
  auto kiosk = NewKiosk("a.db", "center.bajorai");
  ASSERT_GT(kiosk->device_id(), 0);
  SessionResult first = SyncOnce(*kiosk, "a.db");
  ASSERT_TRUE(first.ok()) << first.message;
  EXPECT_GT(first.stats.changes_received, 0);
  EXPECT_EQ(core::testing::QueryInt(*kiosk,
                                    "SELECT count(*) FROM course_offering WHERE id = "
                                    "'offering.bajorai.1'"),
            1);
  // A no-op sync is one request.
  SessionResult noop = SyncOnce(*kiosk, "a.db");
  ASSERT_TRUE(noop.ok()) << noop.message;
  EXPECT_EQ(noop.stats.requests, 1);

  auto person = core::PersonRepository(*kiosk).Register(
      core::testing::SamplePerson("center.bajorai", "Aldona", "Jonaitienė"));
  ASSERT_TRUE(person.ok()) << person.error().message;
  auto enrollment = core::EnrollmentRepository(*kiosk).RequestSignUp(
      person->id, "offering.bajorai.1", {"transport"});
  ASSERT_TRUE(enrollment.ok()) << enrollment.error().message;
  SessionResult push = SyncOnce(*kiosk, "a.db");
  ASSERT_TRUE(push.ok()) << push.message;
  EXPECT_GE(push.stats.changes_sent, 2);
  for (const SessionResult* r : {&first, &noop, &push}) {
    std::printf(
        "[ sample   ] %lld sent, %lld received: %d request(s), wire %lld B up / %lld B "
        "down, bodies %lld / %lld B, JSON %lld / %lld B\n",
        static_cast<long long>(r->stats.changes_sent),
        static_cast<long long>(r->stats.changes_received), r->stats.requests,
        static_cast<long long>(r->stats.wire_bytes_up),
        static_cast<long long>(r->stats.wire_bytes_down),
        static_cast<long long>(r->stats.body_bytes_up),
        static_cast<long long>(r->stats.body_bytes_down),
        static_cast<long long>(r->stats.json_bytes_up),
        static_cast<long long>(r->stats.json_bytes_down));
  }
  auto status = ReadSyncStatus(*kiosk);
  ASSERT_TRUE(status.ok());
  EXPECT_EQ(status->waiting, 0);
  EXPECT_EQ(status->last_error, "");
  // The kiosk told the server about itself: nothing left waiting once the batch was taken, and
  // the free space on its disk (for the office's Kiosks page).
  const std::string device =
      " FROM server_device WHERE device_no = " + std::to_string(kiosk->device_id());
  EXPECT_EQ(core::testing::QueryInt(app_->store(), "SELECT outbox_pending" + device), 0);
  EXPECT_GT(core::testing::QueryInt(app_->store(), "SELECT disk_free_bytes" + device), 0);
  auto decided = core::EnrollmentRepository(*kiosk).Get(enrollment->id);
  ASSERT_TRUE(decided.ok() && decided->has_value());
  EXPECT_NE((*decided)->status, core::EnrollmentStatus::kRequested)
      << "the server's decision reaches the kiosk in the same session";

  auto second = NewKiosk("b.db", "center.bajorai");
  SessionResult pulled = SyncOnce(*second, "b.db");
  ASSERT_TRUE(pulled.ok()) << pulled.message;
  EXPECT_EQ(core::testing::QueryInt(*second,
                                    "SELECT count(*) FROM person WHERE id = '" + person->id + "'"),
            1);
  auto copy = core::EnrollmentRepository(*second).Get(enrollment->id);
  ASSERT_TRUE(copy.ok() && copy->has_value());
  EXPECT_EQ((*copy)->status, (*decided)->status);
  EXPECT_EQ(core::testing::QueryInt(*second, "SELECT count(*) FROM outbox"), 0);
}

TEST_F(LoopbackTest, ARevokedKioskIsRefusedAndSaysSo) {
  auto kiosk = NewKiosk("a.db", "center.bajorai");
  ASSERT_TRUE(app_->engine().RevokeDevice(kiosk->device_id()).ok());
  SessionResult result = SyncOnce(*kiosk, "a.db");
  EXPECT_EQ(result.outcome, SessionOutcome::kRefused);
  EXPECT_EQ(ReadSyncStatus(*kiosk)->last_error, "refused: device revoked");
}

TEST_F(LoopbackTest, ACodeWorksOnlyOnce) {
  auto code = app_->engine().IssueProvisioningCode("center.bajorai");
  ASSERT_TRUE(code.ok());
  auto transport = CurlTransport::Create(Curl(Url()));
  ASSERT_TRUE(transport.ok());
  auto a = core::testing::OpenStore(clock_, dir_.File("a.db"));
  auto b = core::testing::OpenStore(clock_, dir_.File("b.db"));
  ASSERT_TRUE(Provision(*a, **transport, SecretPathFor(dir_.File("a.db")),
                        {Url(), code->code, "", "", false})
                  .ok());
  auto again = Provision(*b, **transport, SecretPathFor(dir_.File("b.db")),
                         {Url(), code->code, "", "", false});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, core::ErrorCode::kUnauthorized);
  EXPECT_EQ(b->device_id(), 0);
}

TEST(CurlTransportTest, PlainHttpOnlyOnLoopback) {
  EXPECT_TRUE(IsLoopbackUrl("http://127.0.0.1:8080"));
  EXPECT_TRUE(IsLoopbackUrl("http://localhost/"));
  EXPECT_TRUE(IsLoopbackUrl("http://[::1]:80"));
  EXPECT_FALSE(IsLoopbackUrl("http://10.0.0.5"));
  EXPECT_FALSE(CurlTransport::Create(Curl("http://raida.example.lt")).ok());
  EXPECT_TRUE(CurlTransport::Create(Curl("https://raida.example.lt")).ok());
  EXPECT_FALSE(CurlTransport::Create(Curl("ftp://127.0.0.1")).ok());
}

TEST(CurlTransportTest, NoServerIsNoConnection) {
  auto transport = CurlTransport::Create(Curl("http://127.0.0.1:1"));
  ASSERT_TRUE(transport.ok());
  TransportResult result = (*transport)->Post(HttpRequest{kSyncPath, {}, "x"});
  ASSERT_TRUE(std::holds_alternative<NetworkFailure>(result));
  EXPECT_EQ(std::get<NetworkFailure>(result).kind, NetworkFailureKind::kNoConnection);
}

}  // namespace
}  // namespace raida::sync::testing
