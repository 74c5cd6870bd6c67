// POST /api/v1/sync and /api/v1/provision over loopback: a real provision and sync, then every
// kind of bad input, each answered with the right 4xx and changing no data (the server's tables
// are dumped before and after).
#include <gtest/gtest.h>
#include <httplib.h>
#include <spdlog/sinks/null_sink.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "data/temp_dir.h"
#include "raida/core/clock.h"
#include "raida/core/migrations.h"
#include "raida/sync/protocol.h"
#include "server_app.h"

namespace raida::server {
namespace {

const std::string kDemoPath = std::string(RAIDA_SOURCE_DIR) + "/assets/demo/rokiskis.json";

class SyncHttpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ServerOptions options;
    options.db_path = (dir_.path() / "server.db").string();
    auto app = ServerApp::Create(
        options, clock_,
        std::make_shared<spdlog::logger>("t", std::make_shared<spdlog::sinks::null_sink_mt>()));
    ASSERT_TRUE(app.ok());
    app_ = std::move(app).value();
    ASSERT_TRUE(app_->LoadDistrict(kDemoPath).ok());
    code_ = app_->engine().IssueProvisioningCode("center.bajorai")->code;
    ASSERT_TRUE(app_->Bind().ok());
    thread_ = std::thread([this] { EXPECT_TRUE(app_->Serve().ok()); });
    while (!app_->IsRunning()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }
  void TearDown() override {
    app_->Stop();
    thread_.join();
  }
  httplib::Client Client() {
    httplib::Client client("127.0.0.1", app_->port());
    client.set_read_timeout(10, 0);
    return client;
  }

  void Provision() {
    const nlohmann::json body = {{"code", code_}, {"label", "Bajorai kiosk"}};
    auto result = Client().Post(sync::kProvisionPath, body.dump(), "application/json");
    ASSERT_TRUE(result);
    ASSERT_EQ(result->status, 200) << result->body;
    const auto reply = nlohmann::json::parse(result->body);
    device_ = reply["device"].get<int64_t>();
    // The center's key for sealed notes comes with it (64 hex digits), not the secret again.
    ASSERT_TRUE(reply.contains("center_key"));
    EXPECT_EQ(reply["center_key"].get<std::string>().size(), 64u);
    EXPECT_NE(reply["center_key"], reply["secret"]);
    const std::string hex = reply["secret"].get<std::string>();
    for (size_t i = 0; i < hex.size(); i += 2) {
      secret_.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
    }
  }

  // Posts `body` (already compressed) signed with a fresh nonce unless `nonce` is given.
  httplib::Result Post(const std::string& body, std::string nonce = "",
                       const std::string& encoding = "zstd", std::string secret = "") {
    if (nonce.empty()) {
      nonce = std::string(20, '0') + std::to_string(1000 + ++nonces_);
    }
    sync::AuthHeader header{device_, clock_.NowMs(), nonce, ""};
    header.sig = sync::SignRequest(secret.empty() ? secret_ : secret, "POST", sync::kSyncPath,
                                   header.ts, nonce, body);
    httplib::Headers headers = {{"Authorization", sync::FormatAuthHeader(header)}};
    if (!encoding.empty()) {
      headers.emplace("Content-Encoding", encoding);
    }
    return Client().Post(sync::kSyncPath, headers, body, "application/json");
  }

  std::string RequestJson(int64_t batch, const std::string& given_name) {
    sync::SyncRequest request;
    request.device = device_;
    request.epoch = "0123456789abcdef";
    request.schema = core::LatestSchemaVersion();
    request.app = "test";
    request.local_ms = clock_.NowMs();
    sync::PushBatch push{batch, batch, batch, {}};
    push.changes.push_back({batch, "person", "k-" + std::to_string(batch),
                            core::MakeHlc(clock_.NowMs(), 0),
                            R"({"family_name":"T","given_name":")" + given_name +
                                R"(","home_center_id":"center.bajorai"})"});
    request.push = push;
    return sync::SerializeRequest(request);
  }

  // Every data table and the sync bookkeeping that data depends on.
  std::string Dump() {
    std::string dump;
    for (const char* sql :
         {"SELECT group_concat(id || given_name || erased, ';') FROM person",
          "SELECT group_concat(id || status, ';') FROM enrollment",
          "SELECT count(*) || '/' || coalesce(max(server_seq), 0) FROM change_log",
          "SELECT group_concat(device_no || ':' || batch, ';') FROM applied_batch",
          "SELECT count(*) FROM quarantine",
          "SELECT group_concat(device_no || status || last_batch || coalesce(db_epoch, ''), ';') "
          "FROM server_device"}) {
      auto stmt = app_->store().db().Prepare(sql);
      EXPECT_TRUE(stmt.ok());
      EXPECT_TRUE(stmt->Step().ok());
      dump += stmt->ColumnText(0) + "\n";
    }
    return dump;
  }

  testing::TempDir dir_;
  core::ManualClock clock_{1'767'225'600'000};
  std::unique_ptr<ServerApp> app_;
  std::thread thread_;
  std::string code_;
  int64_t device_ = 0;
  std::string secret_;
  int nonces_ = 0;
};

void ExpectError(const httplib::Result& result, int status, const std::string& code) {
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, status) << result->body;
  EXPECT_NE(result->body.find("\"code\":\"" + code + "\""), std::string::npos) << result->body;
}

TEST_F(SyncHttpTest, ProvisionSyncAndRefuseBadInputChangingNothing) {
  Provision();
  auto ok = Post(sync::Compress(RequestJson(1, "Ona")));
  ASSERT_TRUE(ok);
  ASSERT_EQ(ok->status, 200) << ok->body;
  EXPECT_EQ(ok->get_header_value("Content-Encoding"), "zstd");
  auto reply = sync::ParseResponse(*sync::Decompress(ok->body, sync::kMaxInflatedBytes));
  ASSERT_TRUE(reply.ok());
  EXPECT_EQ(reply->ack->batch, 1);
  EXPECT_FALSE(reply->changes.empty());  // the catalog and the center's people

  const std::string before = Dump();
  const std::string good2 = RequestJson(2, "Jonas");
  ExpectError(Post("{not json"), 400, "malformed");  // not zstd at all
  ExpectError(Post(sync::Compress("{\"v\":1,")), 400, "malformed");
  ExpectError(Post(sync::Compress(good2).substr(0, 20)), 400, "malformed");
  ExpectError(Post(std::string(sync::kMaxBodyBytes + 1, 'x')), 413, "too_large");
  ExpectError(Post(sync::Compress(std::string(20 * 1024 * 1024, ' '))), 413, "too_large");
  std::string bad_utf8 = good2;
  bad_utf8.replace(bad_utf8.find("Jonas"), 5, "J\xC3\x28s");
  ExpectError(Post(sync::Compress(bad_utf8)), 400, "malformed");
  ExpectError(Post(sync::Compress(std::string(5000, '[') + std::string(5000, ']'))), 400,
              "malformed");
  std::string unknown = good2;
  unknown.insert(1, "\"surprise\":1,");
  ExpectError(Post(sync::Compress(unknown)), 400, "malformed");
  std::string version = good2;
  version.replace(version.find("\"v\":1"), 5, "\"v\":2");
  ExpectError(Post(sync::Compress(version)), 400, "unsupported_version");
  ExpectError(Post(sync::Compress(good2), "", ""), 415, "unsupported_encoding");
  ExpectError(Post(sync::Compress(good2), "", "zstd", std::string(32, 'k')), 401, "bad_signature");
  ExpectError(Post(sync::Compress(RequestJson(3, "Gap"))), 409, "gap");
  ExpectError(Post(sync::Compress(RequestJson(1, "Other"))), 409, "batch_conflict");
  EXPECT_EQ(Dump(), before);

  // A nonce is good once.
  auto first = Post(sync::Compress(good2), "aaaaaaaaaaaaaaaaaaaaaaaa");
  ASSERT_EQ(first->status, 200);
  const std::string after_good = Dump();
  ExpectError(Post(sync::Compress(good2), "aaaaaaaaaaaaaaaaaaaaaaaa"), 401, "replayed_nonce");
  const int64_t real_device = device_;
  device_ = 999;
  ExpectError(Post(sync::Compress(good2)), 401, "unknown_device");
  device_ = real_device;
  ASSERT_TRUE(app_->engine().RevokeDevice(device_).ok());
  const std::string revoked = Dump();
  ExpectError(Post(sync::Compress(RequestJson(3, "Late"))), 403, "revoked");
  EXPECT_EQ(Dump(), revoked);
  EXPECT_NE(after_good, before);
}

TEST_F(SyncHttpTest, ProvisioningRefusesBadCodes) {
  auto result = Client().Post(sync::kProvisionPath, R"({"code":"0000-0000-0000","label":"x"})",
                              "application/json");
  ExpectError(result, 401, "invalid_code");
  ExpectError(Client().Post(sync::kProvisionPath, "[]", "application/json"), 400, "malformed");
  Provision();
  ExpectError(
      Client().Post(sync::kProvisionPath,
                    nlohmann::json{{"code", code_}, {"label", "again"}}.dump(), "application/json"),
      401, "invalid_code");
}

}  // namespace
}  // namespace raida::server
