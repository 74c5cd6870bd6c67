// The office test server and browser; see office_test_support.h.
#include "server/office_test_support.h"

#include <sodium.h>
#include <spdlog/sinks/null_sink.h>

#include <mutex>
#include <nlohmann/json.hpp>
#include <regex>

#include "raida/core/migrations.h"
#include "raida/sync/protocol.h"

namespace raida::server::testing_office {
namespace {

const std::string kDemoPath = std::string(RAIDA_SOURCE_DIR) + "/assets/demo/rokiskis.json";

}  // namespace

web::OfficePolicy TestPolicy() {
  web::OfficePolicy policy;
  policy.hash_opslimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
  policy.hash_memlimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;
  return policy;
}

httplib::Client OfficeBrowser::Client() const {
  httplib::Client client("127.0.0.1", port_);
  client.set_read_timeout(20, 0);
  client.set_connection_timeout(5, 0);
  return client;
}

httplib::Headers OfficeBrowser::CookieHeaders() const {
  std::string cookie;
  for (const auto& [name, value] : cookies_) {
    cookie += (cookie.empty() ? "" : "; ") + name + "=" + value;
  }
  return cookie.empty() ? httplib::Headers{} : httplib::Headers{{"Cookie", cookie}};
}

void OfficeBrowser::Remember(const httplib::Result& result) {
  last_set_cookies_.clear();
  if (!result) {
    return;
  }
  for (const auto& [name, value] : result->headers) {
    if (name != "Set-Cookie") {
      continue;
    }
    last_set_cookies_.push_back(value);
    const size_t equals = value.find('=');
    const size_t semicolon = value.find(';');
    const std::string cookie = value.substr(0, equals);
    const std::string content = value.substr(equals + 1, semicolon - equals - 1);
    if (value.find("Max-Age=0") != std::string::npos) {
      cookies_.erase(cookie);
    } else {
      cookies_[cookie] = content;
    }
  }
  static const std::regex kCsrf(R"re(name="csrf" value="([0-9a-f]+)")re");
  std::smatch match;
  if (std::regex_search(result->body, match, kCsrf)) {
    csrf_ = match[1];
  }
}

httplib::Result OfficeBrowser::Get(const std::string& path) {
  auto result = Client().Get(path.c_str(), CookieHeaders());
  Remember(result);
  return result;
}

httplib::Result OfficeBrowser::Post(const std::string& path, const httplib::Params& form) {
  auto result = Client().Post(path.c_str(), CookieHeaders(), form);
  Remember(result);
  return result;
}

httplib::Result OfficeBrowser::SignIn(const std::string& login, const std::string& passphrase) {
  auto page = Get("/office/sign-in");
  EXPECT_TRUE(page && page->status == 200);
  return Post("/office/sign-in", {{"csrf", csrf_}, {"login", login}, {"passphrase", passphrase}});
}

void OfficeServerTest::SetUp() {
  ServerOptions options;
  options.db_path = (dir_.path() / "server.db").string();
  auto app = ServerApp::Create(
      options, clock_,
      std::make_shared<spdlog::logger>("t", std::make_shared<spdlog::sinks::null_sink_mt>()));
  ASSERT_TRUE(app.ok()) << app.error().message;
  app_ = std::move(app).value();
  ASSERT_TRUE(app_->LoadDistrict(kDemoPath).ok());
  ASSERT_TRUE(app_->Bind().ok());
  thread_ = std::thread([this] { EXPECT_TRUE(app_->Serve().ok()); });
  while (!app_->IsRunning()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

void OfficeServerTest::TearDown() {
  while (thread_.joinable() && app_->IsRunning()) {
    app_->Stop();
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  if (thread_.joinable()) {
    thread_.join();
  }
}

void OfficeServerTest::AddUser(const std::string& login, web::OfficeRole role,
                               const std::string& center, const std::string& display_name) {
  std::mutex mutex;  // nothing else writes these tables while a test sets up
  web::OfficeAccounts accounts(app_->store(), mutex, clock_, TestPolicy());
  auto user = accounts.AddUser({login, display_name, role, center, kPassphrase});
  ASSERT_TRUE(user.ok()) << user.error().message;
}

int64_t OfficeServerTest::ProvisionKiosk(const std::string& center, const std::string& label,
                                         std::string* secret) {
  auto code = app_->engine().IssueProvisioningCode(center);
  EXPECT_TRUE(code.ok());
  const nlohmann::json body = {{"code", code->code}, {"label", label}};
  httplib::Client client("127.0.0.1", app_->port());
  auto result = client.Post(sync::kProvisionPath, body.dump(), "application/json");
  EXPECT_TRUE(result && result->status == 200);
  const auto reply = nlohmann::json::parse(result->body);
  if (secret != nullptr) {
    const std::string hex = reply["secret"].get<std::string>();
    secret->clear();
    for (size_t i = 0; i < hex.size(); i += 2) {
      secret->push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
    }
  }
  return reply["device"].get<int64_t>();
}

int OfficeServerTest::SyncKiosk(int64_t device, const std::string& secret,
                                const std::optional<sync::KioskHealth>& health) {
  sync::SyncRequest request;
  request.health = health;
  request.device = device;
  request.epoch = "0123456789abcdef";
  request.schema = core::LatestSchemaVersion();
  request.app = "test";
  request.local_ms = clock_.NowMs();
  const std::string body = sync::Compress(sync::SerializeRequest(request));
  const std::string nonce = std::string(20, '0') + std::to_string(1000 + ++nonces_);
  sync::AuthHeader header{device, clock_.NowMs(), nonce, ""};
  header.sig = sync::SignRequest(secret, "POST", sync::kSyncPath, header.ts, nonce, body);
  httplib::Client client("127.0.0.1", app_->port());
  client.set_read_timeout(20, 0);
  auto result =
      client.Post(sync::kSyncPath,
                  {{"Authorization", sync::FormatAuthHeader(header)}, {"Content-Encoding", "zstd"}},
                  body, "application/json");
  return result ? result->status : -1;
}

std::string OfficeServerTest::Query(const std::string& sql) {
  auto stmt = app_->store().db().Prepare(sql);
  EXPECT_TRUE(stmt.ok());
  auto row = stmt->Step();
  EXPECT_TRUE(row.ok());
  return row.ok() && *row ? stmt->ColumnText(0) : "";
}

}  // namespace raida::server::testing_office
