// The office pages over loopback, as a browser uses them: the sign-in page for anonymous
// requests, roles (the analyst never reaches a page with names, a coordinator sees only their
// center), CSRF (a form without the session's token changes nothing), revoking a kiosk from
// the page (refused at its next sync), security headers on every answer, and HTML escaping of
// hostile names.
#include <gtest/gtest.h>

#include "raida/core/certificate_code.h"
#include "server/office_test_support.h"

namespace raida::server::testing_office {
namespace {

using web::OfficeRole;

void ExpectSecurityHeaders(const httplib::Result& result, const std::string& what) {
  ASSERT_TRUE(result) << what;
  const std::string csp = result->get_header_value("Content-Security-Policy");
  EXPECT_NE(csp.find("default-src 'none'"), std::string::npos) << what;
  EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << what;
  EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << what;
  EXPECT_EQ(csp.find("script-src"), std::string::npos) << what;  // no script at all
  EXPECT_EQ(result->get_header_value("X-Frame-Options"), "DENY") << what;
  EXPECT_EQ(result->get_header_value("X-Content-Type-Options"), "nosniff") << what;
  EXPECT_EQ(result->get_header_value("Referrer-Policy"), "no-referrer") << what;
}

bool Contains(const httplib::Result& result, const std::string& text) {
  return result && result->body.find(text) != std::string::npos;
}

class OfficePagesTest : public OfficeServerTest {};

TEST_F(OfficePagesTest, AnonymousRequestsGetTheSignInPage) {
  OfficeBrowser browser = Browser();
  for (const char* path : {"/office/kiosks", "/office/programme", "/office/certificates"}) {
    auto page = browser.Get(path);
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 303) << path;
    EXPECT_EQ(page->get_header_value("Location").rfind("/office/sign-in?next=", 0), 0u) << path;
  }
  auto home = browser.Get("/office");
  ASSERT_TRUE(home);
  EXPECT_EQ(home->get_header_value("Location"), "/office/sign-in");
  auto sign_in = browser.Get("/office/sign-in");
  ASSERT_TRUE(sign_in);
  EXPECT_EQ(sign_in->status, 200);
  EXPECT_TRUE(Contains(sign_in, "name=\"passphrase\""));
  EXPECT_TRUE(Contains(sign_in, "type=\"password\""));
  // A POST without a session changes nothing and is refused.
  const std::string before = Query("SELECT group_concat(status) FROM server_device");
  auto post = browser.Post("/office/kiosks/revoke", {{"device", "1"}, {"csrf", browser.csrf()}});
  ASSERT_TRUE(post);
  EXPECT_EQ(post->status, 403);
  EXPECT_EQ(Query("SELECT group_concat(status) FROM server_device"), before);
}

TEST_F(OfficePagesTest, SignInSetsAStrictHttpOnlySessionCookieAndSignOutEndsIt) {
  AddUser("ona", OfficeRole::kAdmin);
  OfficeBrowser browser = Browser();
  auto signed_in = browser.SignIn("ona", kPassphrase);
  ASSERT_TRUE(signed_in);
  EXPECT_EQ(signed_in->status, 303);
  EXPECT_EQ(signed_in->get_header_value("Location"), "/office/kiosks");
  bool found = false;
  for (const std::string& cookie : browser.last_set_cookies()) {
    if (cookie.rfind("raida_office=", 0) == 0) {
      found = true;
      EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
      EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
      EXPECT_EQ(cookie.find("Secure"), std::string::npos);  // loopback: plain HTTP
    }
  }
  EXPECT_TRUE(found);
  auto kiosks = browser.Get("/office/kiosks");
  ASSERT_TRUE(kiosks);
  EXPECT_EQ(kiosks->status, 200);
  EXPECT_EQ(Query("SELECT count(*) FROM office_session"), "1");
  auto out = browser.Post("/office/sign-out", {{"csrf", browser.csrf()}});
  ASSERT_TRUE(out);
  EXPECT_EQ(out->status, 303);
  EXPECT_EQ(Query("SELECT count(*) FROM office_session"), "0");
  auto after = browser.Get("/office/kiosks");
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 303);
}

TEST_F(OfficePagesTest, WrongPassphrasesLockTheAccount) {
  AddUser("ona", OfficeRole::kAdmin);
  OfficeBrowser browser = Browser();
  for (int attempt = 1; attempt <= 5; ++attempt) {
    auto result = browser.SignIn("ona", "not the passphrase");
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 403) << attempt;
    EXPECT_FALSE(browser.HasCookie("raida_office")) << attempt;
    // The fifth wrong passphrase locks; the page says so ("Paskyra užrakinta 15 minučių").
    EXPECT_EQ(Contains(result, "užrakinta"), attempt == 5) << attempt;
  }
  auto locked = browser.SignIn("ona", kPassphrase);  // right, but locked
  ASSERT_TRUE(locked);
  EXPECT_EQ(locked->status, 403);
  EXPECT_FALSE(browser.HasCookie("raida_office"));
  EXPECT_EQ(Query("SELECT count(*) FROM office_audit WHERE action = 'office.sign_in' AND "
                  "result = 'locked'"),
            "2");
  clock_.Advance(15 * 60 * 1000 + 1);
  auto unlocked = browser.SignIn("ona", kPassphrase);
  ASSERT_TRUE(unlocked);
  EXPECT_EQ(unlocked->status, 303);
  EXPECT_TRUE(browser.HasCookie("raida_office"));
}

TEST_F(OfficePagesTest, AnalystCannotReachAPageWithNames) {
  AddUser("ana", OfficeRole::kAnalyst);
  OfficeBrowser browser = Browser();
  auto signed_in = browser.SignIn("ana", kPassphrase);
  ASSERT_TRUE(signed_in);
  EXPECT_EQ(signed_in->get_header_value("Location"), "/office/programme");
  auto programme = browser.Get("/office/programme");
  ASSERT_TRUE(programme);
  EXPECT_EQ(programme->status, 200);
  EXPECT_FALSE(Contains(programme, "href=\"/office/certificates\""));
  const std::string family_name = Query("SELECT family_name FROM person LIMIT 1");
  ASSERT_FALSE(family_name.empty());
  EXPECT_FALSE(Contains(programme, family_name));
  for (const char* path :
       {"/office/certificates", "/office/kiosks", "/office/kiosks/revoke?device=1"}) {
    auto page = browser.Get(path);
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 403) << path;
  }
  auto verify = browser.Post("/office/certificates", {{"csrf", browser.csrf()}, {"code", "x"}});
  ASSERT_TRUE(verify);
  EXPECT_EQ(verify->status, 403);
  EXPECT_EQ(Query("SELECT count(*) FROM office_audit WHERE action = 'office.certificate.verify'"),
            "0");
}

TEST_F(OfficePagesTest, CoordinatorSeesOnlyTheirCenter) {
  AddUser("rita", OfficeRole::kCoordinator, "center.bajorai");
  ProvisionKiosk("center.bajorai", "Bajorai kiosk one");
  ProvisionKiosk("center.salos", "Salos kiosk one");
  OfficeBrowser browser = Browser();
  auto signed_in = browser.SignIn("rita", kPassphrase);
  ASSERT_TRUE(signed_in && signed_in->status == 303);
  auto kiosks = browser.Get("/office/kiosks");
  ASSERT_TRUE(kiosks);
  EXPECT_EQ(kiosks->status, 200);
  EXPECT_TRUE(Contains(kiosks, "Bajorai kiosk one"));
  EXPECT_FALSE(Contains(kiosks, "Salos"));
  EXPECT_FALSE(Contains(kiosks, "/office/kiosks/revoke"));  // actions are the administrator's
  auto programme =
      browser.Get("/office/programme?center=center.salos&from=2025-01-01&to=2027-12-31");
  ASSERT_TRUE(programme);
  EXPECT_EQ(programme->status, 200);
  EXPECT_TRUE(Contains(programme, "<td data-label=\"Centras\" class=\"\">Bajorai</td>"));
  EXPECT_FALSE(Contains(programme, ">Salos<"));
  EXPECT_FALSE(Contains(programme, ">Juodupė<"));
  auto revoke = browser.Get("/office/kiosks/revoke?device=1");
  ASSERT_TRUE(revoke);
  EXPECT_EQ(revoke->status, 403);
}

TEST_F(OfficePagesTest, AFormWithoutAValidCsrfTokenChangesNothing) {
  AddUser("ona", OfficeRole::kAdmin);
  const int64_t device = ProvisionKiosk("center.bajorai", "Bajorai kiosk one");
  OfficeBrowser browser = Browser();
  ASSERT_TRUE(browser.SignIn("ona", kPassphrase));
  ASSERT_TRUE(browser.Get("/office/kiosks"));
  const std::string good = browser.csrf();
  ASSERT_EQ(good.size(), 64u);
  const std::string codes = Query("SELECT count(*) FROM provisioning_code");
  std::string wrong = good;
  wrong[0] = wrong[0] == 'a' ? 'b' : 'a';
  for (const std::string& token : {std::string(), wrong, good.substr(0, 63)}) {
    auto revoke = browser.Post("/office/kiosks/revoke",
                               {{"device", std::to_string(device)}, {"csrf", token}});
    ASSERT_TRUE(revoke);
    EXPECT_EQ(revoke->status, 403);
    auto code =
        browser.Post("/office/kiosks/code", {{"center", "center.bajorai"}, {"csrf", token}});
    ASSERT_TRUE(code);
    EXPECT_EQ(code->status, 403);
  }
  EXPECT_EQ(Query("SELECT status FROM server_device WHERE device_no = " + std::to_string(device)),
            "active");
  EXPECT_EQ(Query("SELECT count(*) FROM provisioning_code"), codes);
  // The sign-in form's own token: a sign-in POST without it opens no session.
  OfficeBrowser other = Browser();
  auto forged = other.Post("/office/sign-in", {{"login", "ona"}, {"passphrase", kPassphrase}});
  ASSERT_TRUE(forged);
  EXPECT_EQ(forged->status, 403);
  EXPECT_FALSE(other.HasCookie("raida_office"));
  // With the right token the same form works.
  ASSERT_TRUE(browser.Get("/office/kiosks"));
  auto issued = browser.Post("/office/kiosks/code", {{"center", "center.bajorai"}, {"csrf", good}});
  ASSERT_TRUE(issued);
  EXPECT_EQ(issued->status, 200);
  EXPECT_EQ(std::stoi(Query("SELECT count(*) FROM provisioning_code")), std::stoi(codes) + 1);
}

TEST_F(OfficePagesTest, RevokedFromThePageTheKioskIsRefusedAtItsNextSync) {
  AddUser("ona", OfficeRole::kAdmin);
  std::string secret;
  const int64_t device = ProvisionKiosk("center.bajorai", "Bajorai kiosk one", &secret);
  EXPECT_EQ(SyncKiosk(device, secret), 200);
  OfficeBrowser browser = Browser();
  ASSERT_TRUE(browser.SignIn("ona", kPassphrase));
  auto kiosks = browser.Get("/office/kiosks");
  ASSERT_TRUE(kiosks);
  EXPECT_TRUE(Contains(kiosks, "/office/kiosks/revoke?device=" + std::to_string(device)));
  auto confirm = browser.Get("/office/kiosks/revoke?device=" + std::to_string(device));
  ASSERT_TRUE(confirm);
  EXPECT_EQ(confirm->status, 200);
  EXPECT_TRUE(Contains(confirm, "action=\"/office/kiosks/revoke\""));
  EXPECT_EQ(SyncKiosk(device, secret), 200);  // showing the confirmation revokes nothing
  auto revoked = browser.Post("/office/kiosks/revoke",
                              {{"device", std::to_string(device)}, {"csrf", browser.csrf()}});
  ASSERT_TRUE(revoked);
  EXPECT_EQ(revoked->status, 303);
  EXPECT_EQ(SyncKiosk(device, secret), 403);
  EXPECT_EQ(Query("SELECT object || ' ' || result FROM office_audit WHERE action = "
                  "'office.device.revoke'"),
            "device:" + std::to_string(device) + " ok");
}

TEST_F(OfficePagesTest, KiosksShowWhatTheyReportedOfTheirOutboxAndDisk) {
  AddUser("ona", OfficeRole::kAdmin);
  std::string secret;
  const int64_t device = ProvisionKiosk("center.bajorai", "Bajorai kiosk one", &secret);
  constexpr int64_t kDayMs = 24LL * 3600 * 1000;
  // Synced just now, but a change has waited on the kiosk for 8 days: it needs attention.
  ASSERT_EQ(SyncKiosk(device, secret, sync::KioskHealth{3, 8 * kDayMs, 2'450'000'000}), 200);
  OfficeBrowser browser = Browser();
  ASSERT_TRUE(browser.SignIn("ona", kPassphrase));
  auto kiosks = browser.Get("/office/kiosks");
  ASSERT_TRUE(kiosks);
  EXPECT_TRUE(Contains(kiosks, "2.5\u00a0GB")) << kiosks->body;
  EXPECT_TRUE(Contains(kiosks, "class=\"number\">3<")) << kiosks->body;
  EXPECT_TRUE(Contains(kiosks, "<tr class=\"attention\">"));
  // Once the kiosk has sent everything, it is fine again.
  ASSERT_EQ(SyncKiosk(device, secret, sync::KioskHealth{0, 0, 2'450'000'000}), 200);
  kiosks = browser.Get("/office/kiosks");
  ASSERT_TRUE(kiosks);
  EXPECT_TRUE(Contains(kiosks, "class=\"number\">0<")) << kiosks->body;
  EXPECT_FALSE(Contains(kiosks, "<tr class=\"attention\">"));
}

TEST_F(OfficePagesTest, EveryAnswerCarriesTheSecurityHeaders) {
  AddUser("ona", OfficeRole::kAdmin);
  AddUser("ana", OfficeRole::kAnalyst);
  OfficeBrowser anonymous = Browser();
  ExpectSecurityHeaders(anonymous.Get("/office"), "home");
  ExpectSecurityHeaders(anonymous.Get("/office/sign-in"), "sign-in");
  ExpectSecurityHeaders(anonymous.Get("/office/kiosks"), "redirect");
  ExpectSecurityHeaders(anonymous.Get("/office/static/office.css"), "stylesheet");
  ExpectSecurityHeaders(anonymous.Get("/office/no-such-page"), "not found");
  ExpectSecurityHeaders(anonymous.Get("/office/lang?to=pl&back=/office"), "language");
  ExpectSecurityHeaders(anonymous.Post("/office/sign-in", {{"login", "x"}}), "forged sign-in");
  OfficeBrowser admin = Browser();
  ExpectSecurityHeaders(admin.SignIn("ona", kPassphrase), "signed in");
  for (const char* path :
       {"/office/kiosks", "/office/programme", "/office/certificates",
        "/office/kiosks/code?center=center.bajorai", "/office/kiosks/revoke?device=99"}) {
    ExpectSecurityHeaders(admin.Get(path), path);
  }
  ExpectSecurityHeaders(admin.Post("/office/certificates", {{"csrf", "bad"}}), "csrf refused");
  ExpectSecurityHeaders(admin.Post("/office/certificates", {{"csrf", admin.csrf()}, {"code", "x"}}),
                        "verify");
  OfficeBrowser analyst = Browser();
  ASSERT_TRUE(analyst.SignIn("ana", kPassphrase));
  ExpectSecurityHeaders(analyst.Get("/office/kiosks"), "forbidden");
  auto css = anonymous.Get("/office/static/office.css");
  ASSERT_TRUE(css);
  EXPECT_EQ(css->get_header_value("Content-Type"), "text/css; charset=utf-8");
}

TEST_F(OfficePagesTest, HostileNamesAreEscaped) {
  const std::string hostile = "<script>alert(1)</script>\"'&";
  const std::string escaped = "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;";
  {
    auto stmt = app_->store().db().Prepare("UPDATE center SET name = ? WHERE id = 'center.salos'");
    ASSERT_TRUE(stmt.ok());
    core::Store::ApplyingScope applying(app_->store());
    ASSERT_TRUE(stmt->Bind(1, hostile).Run().ok());
  }
  AddUser("ona", OfficeRole::kAdmin, "", "Ona " + hostile);
  ProvisionKiosk("center.salos", "Kiosk " + hostile);
  // A certificate whose holder has a hostile name.
  const std::string code = core::NewCertificateCode();
  {
    core::Store::ApplyingScope applying(app_->store());
    auto rename = app_->store().db().Prepare(
        "UPDATE person SET given_name = ? WHERE id = (SELECT min(id) FROM person)");
    ASSERT_TRUE(rename.ok());
    ASSERT_TRUE(rename->Bind(1, hostile).Run().ok());
    auto insert = app_->store().db().Prepare(
        "INSERT INTO certificate(id, person_id, course_id, center_id, issued_on, hours, language, "
        "code, issued_hlc, hlc, origin) SELECT 'c-1', min(id), (SELECT min(id) FROM course), "
        "'center.salos', '2026-01-01', 12, 'lt', ?, 1, 1, 0 FROM person");
    ASSERT_TRUE(insert.ok());
    ASSERT_TRUE(insert->Bind(1, code).Run().ok());
  }
  OfficeBrowser browser = Browser();
  ASSERT_TRUE(browser.SignIn("ona", kPassphrase));
  auto kiosks = browser.Get("/office/kiosks");
  ASSERT_TRUE(kiosks);
  EXPECT_FALSE(Contains(kiosks, hostile));
  EXPECT_FALSE(Contains(kiosks, "<script"));
  EXPECT_TRUE(Contains(kiosks, "<h2>" + escaped + "</h2>"));
  EXPECT_TRUE(Contains(kiosks, "Kiosk " + escaped));
  EXPECT_TRUE(Contains(kiosks, "Ona " + escaped));
  auto programme = browser.Get("/office/programme?from=2025-01-01&to=2027-12-31");
  ASSERT_TRUE(programme);
  EXPECT_FALSE(Contains(programme, "<script"));
  auto verified = browser.Post("/office/certificates", {{"csrf", browser.csrf()}, {"code", code}});
  ASSERT_TRUE(verified);
  EXPECT_EQ(verified->status, 200);
  EXPECT_FALSE(Contains(verified, "<script"));
  EXPECT_TRUE(Contains(verified, escaped));
  // The access to a name is audited, without the name.
  EXPECT_EQ(Query("SELECT object || ' ' || result FROM office_audit WHERE action = "
                  "'office.certificate.verify'"),
            "certificate:c-1 found");
  EXPECT_EQ(Query("SELECT count(*) FROM office_audit WHERE instr(object, 'script') > 0"), "0");
}

}  // namespace
}  // namespace raida::server::testing_office
