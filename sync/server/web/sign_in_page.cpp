// The sign-in page, signing in and signing out.
//
// The sign-in form has a CSRF token of its own before there is a session: a random value set in
// a cookie when the form is shown and repeated in the form (double submit), so another site
// cannot sign a browser in to an account of its choosing. Failed attempts are counted per
// account (OfficeAccounts' lockout) and per client address (OfficeSite's throttle); the page
// says the same for an unknown login and a wrong passphrase.

#include "raida/core/hex.h"
#include "web/office_site.h"

namespace raida::server::web {
namespace {

std::string NewFormToken() { return core::RandomHex(32); }

// The form; `message_key` (when not empty) explains why the last attempt failed.
void RenderSignIn(OfficeSite& site, PageContext& ctx, httplib::Response& response, int status,
                  const std::string& message_key) {
  const std::string token = NewFormToken();
  response.set_header("Set-Cookie", CookieHeader(kPreSessionCookie, token, ctx.secure_cookies,
                                                 /*max_age_s=*/3600));
  HtmlWriter html;
  site.BeginPage(html, ctx, OfficePage::kNone, site.T(ctx, "office.sign_in.title"));
  html.Element("p", site.T(ctx, "office.sign_in.intro"));
  if (!message_key.empty()) {
    html.Element("p", site.T(ctx, message_key), {{"class", "notice bad"}, {"role", "alert"}});
  }
  {
    auto form =
        html.Scoped("form", {{"method", "post"}, {"action", "/office/sign-in"}, {"class", "card"}});
    html.Void("input", {{"type", "hidden"}, {"name", "csrf"}, {"value", token}});
    html.Void("input",
              {{"type", "hidden"}, {"name", "next"}, {"value", SafeOfficePath(ctx.Param("next"))}});
    html.Element("label", site.T(ctx, "office.sign_in.login"), {{"for", "login"}});
    html.Void("input", {{"id", "login"},
                        {"name", "login"},
                        {"type", "text"},
                        {"autocomplete", "username"},
                        {"autocapitalize", "none"},
                        {"required", kBooleanAttr}});
    html.Element("label", site.T(ctx, "office.sign_in.passphrase"), {{"for", "passphrase"}});
    html.Void("input", {{"id", "passphrase"},
                        {"name", "passphrase"},
                        {"type", "password"},
                        {"autocomplete", "current-password"},
                        {"required", kBooleanAttr}});
    html.Element("button", site.T(ctx, "office.sign_in.submit"),
                 {{"type", "submit"}, {"class", "primary"}});
  }
  site.EndPage(html);
  OfficeSite::SendHtml(response, status, html.Take());
}

}  // namespace

void ShowSignIn(OfficeSite& site, PageContext& ctx, httplib::Response& response) {
  if (ctx.session) {
    OfficeSite::Redirect(response, HomePath(ctx.user()));
    return;
  }
  RenderSignIn(site, ctx, response, 200, "");
}

void DoSignIn(OfficeSite& site, PageContext& ctx, httplib::Response& response) {
  if (!TokensEqual(ctx.Param("csrf"), CookieValue(ctx.request, kPreSessionCookie))) {
    site.Audit(ctx, "office.csrf_refused", ctx.request.path, "refused");
    RenderSignIn(site, ctx, response, 403, "office.sign_in.expired");
    return;
  }
  const std::string& address = ctx.request.remote_addr;
  if (site.AddressThrottled(address)) {
    site.Audit(ctx, "office.sign_in", "", "throttled");
    RenderSignIn(site, ctx, response, 429, "office.sign_in.throttled");
    return;
  }
  auto result = site.accounts().SignIn(ctx.Param("login"), ctx.Param("passphrase"));
  if (!result.ok()) {
    site.SendInternalError(ctx, response, result.error());
    return;
  }
  const std::string object =
      result->user_id != 0 ? "office_user:" + std::to_string(result->user_id) : "";
  switch (result->outcome) {
    case SignInOutcome::kSignedIn: {
      ctx.session = result->session;
      site.Audit(ctx, "office.sign_in", object, "ok");
      response.set_header("Set-Cookie", CookieHeader(kSessionCookie, result->session->token,
                                                     ctx.secure_cookies, /*max_age_s=*/-1));
      const std::string next = SafeOfficePath(ctx.Param("next"));
      OfficeSite::Redirect(response, next == "/office" ? HomePath(ctx.user()) : next);
      return;
    }
    case SignInOutcome::kLocked:
      site.RecordFailure(address);
      site.Audit(ctx, "office.sign_in", object, "locked");
      RenderSignIn(site, ctx, response, 403, "office.sign_in.locked");
      return;
    case SignInOutcome::kWrong:
      site.RecordFailure(address);
      site.Audit(ctx, "office.sign_in", object, "wrong");
      RenderSignIn(site, ctx, response, 403, "office.sign_in.wrong");
      return;
  }
}

void DoSignOut(OfficeSite& site, PageContext& ctx, httplib::Response& response) {
  const core::Status ended = site.accounts().SignOut(CookieValue(ctx.request, kSessionCookie));
  if (!ended.ok()) {
    site.SendInternalError(ctx, response, ended.error());
    return;
  }
  site.Audit(ctx, "office.sign_out", OfficeActor(ctx.user()), "ok");
  response.set_header("Set-Cookie", CookieHeader(kSessionCookie, "", ctx.secure_cookies, 0));
  OfficeSite::Redirect(response, "/office/sign-in");
}

}  // namespace raida::server::web
