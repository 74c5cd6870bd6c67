// OfficeAccounts against a real store (sessions, expiry, lockout, audit chain) and the small
// pieces of the office pages that must hold on their own: HTML escaping, safe redirects and
// cookie parsing.
#include "web/office_accounts.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include "data/temp_dir.h"
#include "raida/core/clock.h"
#include "raida/core/store.h"
#include "server/office_test_support.h"
#include "web/html.h"
#include "web/office_site.h"

namespace raida::server::web {
namespace {

class OfficeAccountsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = core::Store::Open({(dir_.path() / "s.db").string()}, clock_);
    ASSERT_TRUE(store.ok());
    store_ = std::move(store).value();
    accounts_ =
        std::make_unique<OfficeAccounts>(*store_, mutex_, clock_, testing_office::TestPolicy());
    ASSERT_TRUE(accounts_->AddUser({"ona", "Ona", OfficeRole::kAdmin, "", kGood}).ok());
  }

  static constexpr const char* kGood = "a long enough passphrase";
  testing::TempDir dir_;
  core::ManualClock clock_;
  std::mutex mutex_;
  std::unique_ptr<core::Store> store_;
  std::unique_ptr<OfficeAccounts> accounts_;
};

TEST_F(OfficeAccountsTest, StoresAnArgon2idHashAndRefusesBadAccounts) {
  auto hash = store_->db().Prepare("SELECT passphrase_hash FROM office_user WHERE login = 'ona'");
  ASSERT_TRUE(hash.ok() && hash->Step().ok());
  EXPECT_EQ(hash->ColumnText(0).rfind("$argon2id$", 0), 0u);
  EXPECT_EQ(hash->ColumnText(0).find(kGood), std::string::npos);
  hash->Reset();
  const auto code = [&](NewOfficeUser user) {
    auto added = accounts_->AddUser(user);
    return added.ok() ? std::optional<core::ErrorCode>() : added.error().code;
  };
  EXPECT_EQ(code({"ona", "Ona", OfficeRole::kAdmin, "", kGood}), core::ErrorCode::kConflict);
  EXPECT_EQ(code({"Bad Login", "X", OfficeRole::kAdmin, "", kGood}),
            core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(code({"x", "X", OfficeRole::kAdmin, "", "short"}), core::ErrorCode::kInvalidArgument);
  // Twelve characters, counted as letters (24 bytes of UTF-8) are enough; eleven are not.
  EXPECT_EQ(code({"lt", "X", OfficeRole::kAnalyst, "", "ąčęėįšųūžąčę"}), std::nullopt);
  EXPECT_EQ(code({"lt2", "X", OfficeRole::kAnalyst, "", "ąčęėįšųūžąč"}),
            core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(code({"c", "X", OfficeRole::kCoordinator, "", kGood}),
            core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(code({"c", "X", OfficeRole::kCoordinator, "center.nowhere", kGood}),
            core::ErrorCode::kNotFound);
  EXPECT_EQ(code({"a", "X", OfficeRole::kAnalyst, "center.nowhere", kGood}),
            core::ErrorCode::kInvalidArgument);
}

TEST_F(OfficeAccountsTest, SessionsEndWhenIdleAndAfterTwelveHours) {
  auto first = accounts_->SignIn("ona", kGood);
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->outcome, SignInOutcome::kSignedIn);
  const std::string token = first->session->token;
  EXPECT_EQ(token.size(), 64u);
  ASSERT_TRUE(accounts_->FindSession(token)->has_value());
  EXPECT_FALSE(accounts_->FindSession(token.substr(1) + "0")->has_value());
  // Used every 20 minutes, it lives until the absolute limit.
  for (int i = 0; i < 35; ++i) {
    clock_.Advance(20 * 60 * 1000);
    ASSERT_TRUE(accounts_->FindSession(token)->has_value()) << i;
  }
  clock_.Advance(20 * 60 * 1000);  // 12 h 0 min since sign-in
  EXPECT_TRUE(accounts_->FindSession(token)->has_value());
  clock_.Advance(20 * 60 * 1000);
  EXPECT_FALSE(accounts_->FindSession(token)->has_value());
  // Idle for more than 30 minutes ends a session too.
  auto second = accounts_->SignIn("ona", kGood);
  ASSERT_TRUE(second.ok() && second->session);
  clock_.Advance(31 * 60 * 1000);
  EXPECT_FALSE(accounts_->FindSession(second->session->token)->has_value());
}

TEST_F(OfficeAccountsTest, UnknownLoginsAndLockedAccountsAreRefused) {
  auto unknown = accounts_->SignIn("nobody", kGood);
  ASSERT_TRUE(unknown.ok());
  EXPECT_EQ(unknown->outcome, SignInOutcome::kWrong);
  EXPECT_EQ(unknown->user_id, 0);
  for (int i = 1; i <= 4; ++i) {
    EXPECT_EQ(accounts_->SignIn("ona", "wrong passphrase!")->outcome, SignInOutcome::kWrong);
  }
  EXPECT_EQ(accounts_->SignIn("ona", "wrong passphrase!")->outcome, SignInOutcome::kLocked);
  EXPECT_EQ(accounts_->SignIn("ona", kGood)->outcome, SignInOutcome::kLocked);
  clock_.Advance(accounts_->policy().lock_ms + 1);
  // After the lock, one more wrong passphrase locks again at once.
  EXPECT_EQ(accounts_->SignIn("ona", "wrong passphrase!")->outcome, SignInOutcome::kLocked);
  clock_.Advance(accounts_->policy().lock_ms + 1);
  EXPECT_EQ(accounts_->SignIn("ona", kGood)->outcome, SignInOutcome::kSignedIn);
  // A right passphrase resets the count.
  EXPECT_EQ(accounts_->SignIn("ona", "wrong passphrase!")->outcome, SignInOutcome::kWrong);
}

TEST_F(OfficeAccountsTest, TheAuditIsAppendOnlyAndChained) {
  ASSERT_TRUE(accounts_->Audit("office_user:1", "office.sign_in", "office_user:1", "ok").ok());
  ASSERT_TRUE(accounts_->Audit("office_user:1", "office.device.revoke", "device:3", "ok").ok());
  ASSERT_TRUE(accounts_->Audit("anonymous", "office.sign_in", "", "wrong").ok());
  EXPECT_EQ(*accounts_->VerifyAuditChain(), std::nullopt);
  EXPECT_FALSE(store_->db().Exec("UPDATE office_audit SET result = 'x' WHERE seq = 2").ok());
  EXPECT_FALSE(store_->db().Exec("DELETE FROM office_audit WHERE seq = 2").ok());
  // A forged entry whose chain does not hold is found.
  ASSERT_TRUE(store_->db()
                  .Exec("INSERT INTO office_audit(at_ms, actor, action, object, result, "
                        "prev_hash) VALUES (1, 'x', 'office.forged', '', 'ok', 'beef')")
                  .ok());
  EXPECT_EQ(*accounts_->VerifyAuditChain(), std::optional<int64_t>(4));
}

TEST(OfficeHtmlTest, EscapesTextAndAttributes) {
  EXPECT_EQ(EscapeHtml("<a href=\"x\">Ą & 'b'</a>"),
            "&lt;a href=&quot;x&quot;&gt;Ą &amp; &#39;b&#39;&lt;/a&gt;");
  HtmlWriter html;
  {
    auto p = html.Scoped("p", {{"title", "\"><script>"}, {"hidden", kBooleanAttr}});
    html.Text("<b>");
  }
  html.Void("input", {{"value", "a\"b"}});
  EXPECT_EQ(html.Take(),
            "<p title=\"&quot;&gt;&lt;script&gt;\" hidden>&lt;b&gt;</p><input value=\"a&quot;b\">");
}

TEST(OfficeHtmlTest, RedirectsStayOnTheOfficePages) {
  EXPECT_EQ(SafeOfficePath("/office/kiosks"), "/office/kiosks");
  EXPECT_EQ(SafeOfficePath("/office"), "/office");
  for (const char* bad : {"https://evil.example/office", "//evil.example/office/", "/api/v1/sync",
                          "/office//evil", "/office/\\evil", "/officex", "", "/office/a\r\nX: y"}) {
    EXPECT_EQ(SafeOfficePath(bad), "/office") << bad;
  }
}

TEST(OfficeHtmlTest, ReadsCookiesAndComparesTokens) {
  httplib::Request request;
  request.headers.emplace("Cookie", "a=1; raida_office=abc;raida_office_pre=def ; b=");
  EXPECT_EQ(CookieValue(request, "raida_office"), "abc");
  EXPECT_EQ(CookieValue(request, "raida_office_pre"), "def");
  EXPECT_EQ(CookieValue(request, "raida"), "");
  EXPECT_TRUE(TokensEqual("abc", "abc"));
  EXPECT_FALSE(TokensEqual("abc", "abd"));
  EXPECT_FALSE(TokensEqual("", ""));
  EXPECT_FALSE(TokensEqual("abc", "abcd"));
}

}  // namespace
}  // namespace raida::server::web
