// A district server with the demo district and office accounts, served in-process on
// 127.0.0.1 (ephemeral port), and a small browser for the office pages: it keeps cookies, reads
// the CSRF token of the last page and never follows redirects, so tests see every answer.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "data/temp_dir.h"
#include "raida/core/clock.h"
#include "raida/sync/protocol.h"
#include "server_app.h"
#include "web/office_accounts.h"

namespace raida::server::testing_office {

inline constexpr const char* kPassphrase = "correct horse battery staple";

// Cheap Argon2id for tests (the production cost is 0.65 s per hash).
web::OfficePolicy TestPolicy();

class OfficeBrowser {
 public:
  explicit OfficeBrowser(int port) : port_(port) {}

  httplib::Result Get(const std::string& path);
  // Posts a form (application/x-www-form-urlencoded).
  httplib::Result Post(const std::string& path, const httplib::Params& form);
  // Opens the sign-in page and signs in; the answer to the sign-in POST.
  httplib::Result SignIn(const std::string& login, const std::string& passphrase);

  // The value of the last `name="csrf"` field on the last page read ("" when none).
  const std::string& csrf() const { return csrf_; }
  bool HasCookie(const std::string& name) const { return cookies_.count(name) != 0; }
  // The raw Set-Cookie headers of the last answer.
  const std::vector<std::string>& last_set_cookies() const { return last_set_cookies_; }

 private:
  httplib::Client Client() const;
  httplib::Headers CookieHeaders() const;
  void Remember(const httplib::Result& result);

  int port_;
  std::map<std::string, std::string> cookies_;
  std::vector<std::string> last_set_cookies_;
  std::string csrf_;
};

class OfficeServerTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  OfficeBrowser Browser() const { return OfficeBrowser(app_->port()); }
  // Creates an account directly in the server's database (before or between requests).
  void AddUser(const std::string& login, web::OfficeRole role, const std::string& center = "",
               const std::string& display_name = "Test User");
  // Provisions a kiosk at `center` through the API; returns its number and fills `secret`.
  int64_t ProvisionKiosk(const std::string& center, const std::string& label,
                         std::string* secret = nullptr);
  // One signed sync request (no push) of kiosk `device`, reporting `health` if given; the HTTP
  // status.
  int SyncKiosk(int64_t device, const std::string& secret,
                const std::optional<sync::KioskHealth>& health = std::nullopt);
  // One value of a query on the server's database.
  std::string Query(const std::string& sql);

  testing::TempDir dir_;
  core::ManualClock clock_{1'767'225'600'000};  // 2026-01-01
  std::unique_ptr<ServerApp> app_;
  std::thread thread_;
  int nonces_ = 0;
};

}  // namespace raida::server::testing_office
