// OfficeSite: what every office page shares (internal to the web module): the request context,
// translations, accounts, the page frame, answers (page, redirect, error) and the checks that
// run before a page (session, role, CSRF).
//
// Page handlers are free functions in their own files (kiosks_page.cpp, certificates_page.cpp,
// programme_page.cpp) with the signature of PageHandler; office_routes.cpp registers them.
#pragma once

#include <httplib.h>

#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "raida/core/i18n.h"
#include "web/html.h"
#include "web/office_accounts.h"
#include "web/office_routes.h"

namespace raida::server::web {

// The pages in the navigation bar.
enum class OfficePage { kNone, kKiosks, kProgramme, kCertificates, kReport, kPeople, kCatalog };

// One request as a page sees it.
struct PageContext {
  const httplib::Request& request;
  std::string lang;                      // "lt", "pl" or "en"
  std::optional<OfficeSession> session;  // nullopt: not signed in
  bool secure_cookies = false;           // mark cookies Secure (not plain loopback)

  const OfficeUser& user() const { return session->user; }
  // The form field or query parameter `name` ("" when absent).
  std::string Param(const char* name) const { return request.get_param_value(name); }
};

// The role check of a page: which roles may open it.
struct PageRoles {
  bool admin = true;
  bool analyst = false;
  bool coordinator = false;
  bool Allows(OfficeRole role) const;
};

using PageHandler = std::function<void(PageContext&, httplib::Response&)>;

class OfficeSite {
 public:
  explicit OfficeSite(OfficeDeps deps);

  // The translated text of `key` in the request's language; {name} placeholders replaced.
  std::string T(const PageContext& ctx, const std::string& key,
                const std::vector<std::pair<std::string, std::string>>& values = {}) const;

  OfficeAccounts& accounts() { return accounts_; }
  const core::Clock& clock() const { return *deps_.clock; }
  spdlog::logger& logger() const { return *deps_.logger; }
  // Runs `body(store, engine)` under the store mutex and returns what it returns.
  template <typename F>
  auto WithStore(F&& body) {
    std::lock_guard<std::mutex> lock(*deps_.store_mutex);
    return body(*deps_.store, *deps_.engine);
  }

  // <!DOCTYPE html> … <main>: head, navigation (the pages the role may open, `current` marked),
  // language links, the signed-in person and the sign-out form.
  void BeginPage(HtmlWriter& html, const PageContext& ctx, OfficePage current,
                 const std::string& title) const;
  // </main> … </html>
  void EndPage(HtmlWriter& html) const;
  // A hidden input with the session's CSRF token; every form of a signed-in page has one.
  void CsrfField(HtmlWriter& html, const PageContext& ctx) const;

  // Answers: an HTML page, a 303 redirect, or an error page with a title and a text key.
  static void SendHtml(httplib::Response& response, int status, std::string body);
  static void Redirect(httplib::Response& response, const std::string& location);
  void SendError(const PageContext& ctx, httplib::Response& response, int status,
                 const std::string& key) const;
  // Logs `error` (no personal data in it) and answers 500.
  void SendInternalError(const PageContext& ctx, httplib::Response& response,
                         const core::Error& error) const;

  // The request context: language (cookie, then Accept-Language, then Lithuanian) and session.
  PageContext MakeContext(const httplib::Request& request);
  // Audit with the signed-in person (or "anonymous") as the actor; a failure is logged.
  void Audit(const PageContext& ctx, std::string_view action, std::string_view object,
             std::string_view result);

  // Sign-in throttling per client address (besides the per-account lockout): true when the
  // address has failed too often recently; RecordFailure counts one more failure.
  bool AddressThrottled(const std::string& address);
  void RecordFailure(const std::string& address);

  // Wraps a page: security headers always; then, unless `roles` is nullopt (public pages), a
  // session (GET without one: redirect to sign-in; POST: 403), the role (403) and, for POST,
  // the CSRF token (403, nothing changes).
  httplib::Server::Handler Wrap(std::optional<PageRoles> roles, PageHandler handler);

 private:
  // The navigation links of the pages the signed-in role may open.
  void PageLinks(HtmlWriter& html, const PageContext& ctx, OfficePage current) const;

  struct Failures {
    int count = 0;
    int64_t window_start_ms = 0;
  };

  OfficeDeps deps_;
  core::Translations translations_;
  OfficeAccounts accounts_;
  std::mutex failures_mutex_;
  std::map<std::string, Failures> failures_;  // per client address
};

// Cookie names and paths.
inline constexpr const char* kSessionCookie = "raida_office";
inline constexpr const char* kPreSessionCookie = "raida_office_pre";  // sign-in form CSRF
inline constexpr const char* kLangCookie = "raida_office_lang";

// Sets the headers every office answer carries.
void SetSecurityHeaders(httplib::Response& response);
// The value of cookie `name` in the request ("" when absent).
std::string CookieValue(const httplib::Request& request, std::string_view name);
// A Set-Cookie header value: Path=/office, HttpOnly, SameSite=Strict, Secure when asked;
// `max_age_s` < 0 for a session cookie, 0 to delete.
std::string CookieHeader(std::string_view name, std::string_view value, bool secure,
                         int64_t max_age_s);
// `path` when it is a path of the office pages ("/office…", no scheme, host or "//"); else
// "/office". Keeps redirects on this site.
std::string SafeOfficePath(const std::string& path);
// Constant-time comparison of two tokens (false when either is empty).
bool TokensEqual(const std::string& a, const std::string& b);

// Page handlers.
void ShowSignIn(OfficeSite& site, PageContext& ctx, httplib::Response& response);
void DoSignIn(OfficeSite& site, PageContext& ctx, httplib::Response& response);
void DoSignOut(OfficeSite& site, PageContext& ctx, httplib::Response& response);
void ShowKiosks(OfficeSite& site, PageContext& ctx, httplib::Response& response);
void ShowRevokeConfirm(OfficeSite& site, PageContext& ctx, httplib::Response& response);
void DoRevoke(OfficeSite& site, PageContext& ctx, httplib::Response& response);
void ShowCodeConfirm(OfficeSite& site, PageContext& ctx, httplib::Response& response);
void DoIssueCode(OfficeSite& site, PageContext& ctx, httplib::Response& response);
void ShowCertificates(OfficeSite& site, PageContext& ctx, httplib::Response& response);
void DoVerifyCertificate(OfficeSite& site, PageContext& ctx, httplib::Response& response);
void ShowProgramme(OfficeSite& site, PageContext& ctx, httplib::Response& response);
// The participants report (report_page.cpp).
void ShowReport(OfficeSite& site, PageContext& ctx, httplib::Response& response);
void DownloadReportCsv(OfficeSite& site, PageContext& ctx, httplib::Response& response);
void DownloadReportXlsx(OfficeSite& site, PageContext& ctx, httplib::Response& response);
// People (people_page.cpp, person_page.cpp, people_actions.cpp).
void ShowPeople(OfficeSite& site, PageContext& ctx, httplib::Response& response);
void ShowPerson(OfficeSite& site, PageContext& ctx, httplib::Response& response);
void ShowMergeConfirm(OfficeSite& site, PageContext& ctx, httplib::Response& response);
void DoMerge(OfficeSite& site, PageContext& ctx, httplib::Response& response);
void ShowEraseConfirm(OfficeSite& site, PageContext& ctx, httplib::Response& response);
void DoErase(OfficeSite& site, PageContext& ctx, httplib::Response& response);
// The review queue's actions (review_actions.cpp).
void DoRetrySetAside(OfficeSite& site, PageContext& ctx, httplib::Response& response);
void ShowDiscardConfirm(OfficeSite& site, PageContext& ctx, httplib::Response& response);
void DoDiscardSetAside(OfficeSite& site, PageContext& ctx, httplib::Response& response);
// The catalog (catalog_page.cpp).
void ShowCatalog(OfficeSite& site, PageContext& ctx, httplib::Response& response);
void DoPublishPack(OfficeSite& site, PageContext& ctx, httplib::Response& response);

// The first page of a role: kiosks for administrators and coordinators, programme for analysts.
std::string HomePath(const OfficeUser& user);

}  // namespace raida::server::web
