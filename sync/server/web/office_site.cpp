// OfficeSite: the request context, the page frame and the checks every office page shares; see
// office_site.h.
#include "web/office_site.h"

#include <sodium.h>

#include <exception>

namespace raida::server::web {
namespace {

constexpr int kThrottleFailures = 20;                  // failed sign-ins per address ...
constexpr int64_t kThrottleWindowMs = 15 * 60 * 1000;  // ... within this window

bool IsLoopback(const std::string& address) {
  return address == "127.0.0.1" || address == "::1" || address == "localhost" ||
         address.rfind("127.", 0) == 0;
}

std::string LanguageFromHeader(const std::string& accept) {
  for (const std::string& lang : core::SupportedLanguages()) {
    if (accept.rfind(lang, 0) == 0) {
      return lang;
    }
  }
  return "lt";
}

std::string Trim(std::string_view text) {
  const size_t begin = text.find_first_not_of(' ');
  if (begin == std::string_view::npos) {
    return "";
  }
  const size_t end = text.find_last_not_of(' ');
  return std::string(text.substr(begin, end - begin + 1));
}

// The language links: each language named in itself.
void LanguageLinks(HtmlWriter& html, const PageContext& ctx) {
  static constexpr std::pair<const char*, const char*> kNames[] = {
      {"lt", "Lietuvių"}, {"pl", "Polski"}, {"en", "English"}};
  auto nav = html.Scoped("nav", {{"class", "langs"}, {"aria-label", "Language / Kalba / Język"}});
  for (const auto& [code, name] : kNames) {
    const std::string href = "/office/lang?to=" + std::string(code) +
                             "&back=" + httplib::detail::encode_query_param(ctx.request.path);
    if (ctx.lang == code) {
      html.Element("a", name,
                   {{"href", href}, {"lang", code}, {"aria-current", "true"}, {"class", "on"}});
    } else {
      html.Element("a", name, {{"href", href}, {"lang", code}});
    }
  }
}

}  // namespace

bool PageRoles::Allows(OfficeRole role) const {
  switch (role) {
    case OfficeRole::kAdmin:
      return admin;
    case OfficeRole::kAnalyst:
      return analyst;
    case OfficeRole::kCoordinator:
      return coordinator;
  }
  return false;
}

std::string HomePath(const OfficeUser& user) {
  return user.role == OfficeRole::kAnalyst ? "/office/programme" : "/office/kiosks";
}

void SetSecurityHeaders(httplib::Response& response) {
  response.set_header("Content-Security-Policy",
                      "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
                      "frame-ancestors 'none'; base-uri 'none'");
  response.set_header("X-Frame-Options", "DENY");
  response.set_header("X-Content-Type-Options", "nosniff");
  response.set_header("Referrer-Policy", "no-referrer");
  response.set_header("Cache-Control", "no-store");
}

std::string CookieValue(const httplib::Request& request, std::string_view name) {
  const std::string header = request.get_header_value("Cookie");
  size_t start = 0;
  while (start < header.size()) {
    size_t end = header.find(';', start);
    if (end == std::string::npos) {
      end = header.size();
    }
    const std::string part = Trim(std::string_view(header).substr(start, end - start));
    const size_t equals = part.find('=');
    if (equals != std::string::npos && std::string_view(part).substr(0, equals) == name) {
      return part.substr(equals + 1);
    }
    start = end + 1;
  }
  return "";
}

std::string CookieHeader(std::string_view name, std::string_view value, bool secure,
                         int64_t max_age_s) {
  std::string cookie =
      std::string(name) + "=" + std::string(value) + "; Path=/office; HttpOnly; SameSite=Strict";
  if (max_age_s >= 0) {
    cookie += "; Max-Age=" + std::to_string(max_age_s);
  }
  if (secure) {
    cookie += "; Secure";
  }
  return cookie;
}

std::string SafeOfficePath(const std::string& path) {
  const bool office = path == "/office" || path.rfind("/office/", 0) == 0;
  const bool tricky = path.find("//") != std::string::npos ||
                      path.find('\\') != std::string::npos ||
                      path.find_first_of("\r\n") != std::string::npos;
  return office && !tricky ? path : "/office";
}

bool TokensEqual(const std::string& a, const std::string& b) {
  return !a.empty() && a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

OfficeSite::OfficeSite(OfficeDeps deps)
    : deps_(std::move(deps)),
      accounts_(*deps_.store, *deps_.store_mutex, *deps_.clock, deps_.policy) {
  auto loaded = core::Translations::LoadDir(deps_.i18n_dir);
  if (loaded.ok()) {
    translations_ = std::move(loaded).value();
  } else {
    deps_.logger->error("office pages: {}; pages show translation keys", loaded.error().message);
  }
}

std::string OfficeSite::T(const PageContext& ctx, const std::string& key,
                          const std::vector<std::pair<std::string, std::string>>& values) const {
  std::string text = translations_.Get(ctx.lang, key);
  for (const auto& [name, value] : values) {
    const std::string placeholder = "{" + name + "}";
    for (size_t at = text.find(placeholder); at != std::string::npos;
         at = text.find(placeholder, at + value.size())) {
      text.replace(at, placeholder.size(), value);
    }
  }
  return text;
}

void OfficeSite::PageLinks(HtmlWriter& html, const PageContext& ctx, OfficePage current) const {
  auto nav = html.Scoped("nav", {{"class", "pages"}, {"aria-label", T(ctx, "office.nav")}});
  const std::pair<OfficePage, const char*> pages[] = {
      {OfficePage::kKiosks, "kiosks"},   {OfficePage::kProgramme, "programme"},
      {OfficePage::kReport, "report"},   {OfficePage::kPeople, "people"},
      {OfficePage::kCatalog, "catalog"}, {OfficePage::kCertificates, "certificates"}};
  for (const auto& [page, name] : pages) {
    // An analyst sees aggregated figures only.
    const bool aggregated = page == OfficePage::kProgramme || page == OfficePage::kReport ||
                            page == OfficePage::kCatalog;
    if (ctx.user().role == OfficeRole::kAnalyst && !aggregated) {
      continue;
    }
    const std::string href = "/office/" + std::string(name);
    const std::string label = T(ctx, "office.nav." + std::string(name));
    if (page == current) {
      html.Element("a", label, {{"href", href}, {"aria-current", "page"}, {"class", "on"}});
    } else {
      html.Element("a", label, {{"href", href}});
    }
  }
}

void OfficeSite::BeginPage(HtmlWriter& html, const PageContext& ctx, OfficePage current,
                           const std::string& title) const {
  html.Doctype();
  html.Open("html", {{"lang", ctx.lang}});
  {
    auto head = html.Scoped("head");
    html.Void("meta", {{"charset", "utf-8"}});
    html.Void("meta", {{"name", "viewport"}, {"content", "width=device-width, initial-scale=1"}});
    html.Element("title", title + " · " + T(ctx, "office.title"));
    html.Void("link", {{"rel", "stylesheet"}, {"href", "/office/static/office.css"}});
  }
  html.Open("body");
  {
    auto header = html.Scoped("header", {{"class", "top"}});
    html.Element("p", T(ctx, "office.title"), {{"class", "brand"}});
    if (ctx.session) {
      PageLinks(html, ctx, current);
    }
    LanguageLinks(html, ctx);
    if (ctx.session) {
      auto account = html.Scoped(
          "form", {{"class", "account"}, {"method", "post"}, {"action", "/office/sign-out"}});
      html.Element(
          "span",
          T(ctx, "office.signed_in_as",
            {{"name", ctx.user().display_name},
             {"role", T(ctx, std::string("office.role.") + OfficeRoleName(ctx.user().role))}}));
      CsrfField(html, ctx);
      html.Element("button", T(ctx, "office.sign_out"), {{"type", "submit"}});
    }
  }
  html.Open("main");
  html.Element("h1", title);
}

void OfficeSite::EndPage(HtmlWriter& html) const {
  html.Close("main");
  html.Close("body");
  html.Close("html");
}

void OfficeSite::CsrfField(HtmlWriter& html, const PageContext& ctx) const {
  html.Void("input", {{"type", "hidden"}, {"name", "csrf"}, {"value", ctx.session->csrf_token}});
}

void OfficeSite::SendHtml(httplib::Response& response, int status, std::string body) {
  response.status = status;
  response.set_content(std::move(body), "text/html; charset=utf-8");
}

void OfficeSite::Redirect(httplib::Response& response, const std::string& location) {
  response.status = 303;
  response.set_header("Location", location);
  response.set_content("", "text/plain");
}

void OfficeSite::SendError(const PageContext& ctx, httplib::Response& response, int status,
                           const std::string& key) const {
  HtmlWriter html;
  BeginPage(html, ctx, OfficePage::kNone, T(ctx, key + ".title"));
  html.Element("p", T(ctx, key + ".text"));
  html.Element("a", T(ctx, "office.back_home"), {{"href", "/office"}, {"class", "button"}});
  EndPage(html);
  SendHtml(response, status, html.Take());
}

void OfficeSite::SendInternalError(const PageContext& ctx, httplib::Response& response,
                                   const core::Error& error) const {
  deps_.logger->error("office page {} failed: {}", ctx.request.path, error.message);
  SendError(ctx, response, 500, "office.error.internal");
}

PageContext OfficeSite::MakeContext(const httplib::Request& request) {
  PageContext ctx{request, "lt", std::nullopt, false};
  const std::string chosen = CookieValue(request, kLangCookie);
  bool known = false;
  for (const std::string& lang : core::SupportedLanguages()) {
    known = known || chosen == lang;
  }
  ctx.lang = known ? chosen : LanguageFromHeader(request.get_header_value("Accept-Language"));
  ctx.secure_cookies =
      !IsLoopback(deps_.listen_address) || request.get_header_value("X-Forwarded-Proto") == "https";
  const std::string token = CookieValue(request, kSessionCookie);
  if (!token.empty()) {
    auto session = accounts_.FindSession(token);
    if (session.ok()) {
      ctx.session = std::move(session).value();
    } else {
      deps_.logger->error("office session lookup failed: {}", session.error().message);
    }
  }
  return ctx;
}

void OfficeSite::Audit(const PageContext& ctx, std::string_view action, std::string_view object,
                       std::string_view result) {
  const std::string actor = ctx.session ? OfficeActor(ctx.user()) : "anonymous";
  const core::Status written = accounts_.Audit(actor, action, object, result);
  if (!written.ok()) {
    deps_.logger->error("office audit entry {} not written: {}", action, written.error().message);
  }
}

bool OfficeSite::AddressThrottled(const std::string& address) {
  std::lock_guard<std::mutex> lock(failures_mutex_);
  const auto found = failures_.find(address);
  return found != failures_.end() && found->second.count >= kThrottleFailures &&
         deps_.clock->SteadyMs() - found->second.window_start_ms < kThrottleWindowMs;
}

void OfficeSite::RecordFailure(const std::string& address) {
  std::lock_guard<std::mutex> lock(failures_mutex_);
  const int64_t now = deps_.clock->SteadyMs();
  for (auto it = failures_.begin(); it != failures_.end();) {  // forget old windows
    it = now - it->second.window_start_ms >= kThrottleWindowMs ? failures_.erase(it) : ++it;
  }
  Failures& entry = failures_[address];
  if (entry.count == 0) {
    entry.window_start_ms = now;
  }
  ++entry.count;
}

httplib::Server::Handler OfficeSite::Wrap(std::optional<PageRoles> roles, PageHandler handler) {
  return [this, roles, handler = std::move(handler)](const httplib::Request& request,
                                                     httplib::Response& response) {
    SetSecurityHeaders(response);
    PageContext ctx = MakeContext(request);
    const bool post = request.method == "POST";
    if (roles && !ctx.session) {
      if (post) {
        SendError(ctx, response, 403, "office.error.signed_out");
      } else {
        Redirect(response, "/office/sign-in?next=" +
                               httplib::detail::encode_query_param(SafeOfficePath(request.path)));
      }
      return;
    }
    if (roles && !roles->Allows(ctx.user().role)) {
      Audit(ctx, "office.page_refused", request.path, "role");
      SendError(ctx, response, 403, "office.error.forbidden");
      return;
    }
    if (roles && post && !TokensEqual(ctx.Param("csrf"), ctx.session->csrf_token)) {
      Audit(ctx, "office.csrf_refused", request.path, "refused");
      SendError(ctx, response, 403, "office.error.csrf");
      return;
    }
    try {
      handler(ctx, response);
    } catch (const std::exception& e) {
      SendInternalError(ctx, response, core::MakeError(core::ErrorCode::kInternal, e.what()));
    }
  };
}

}  // namespace raida::server::web
