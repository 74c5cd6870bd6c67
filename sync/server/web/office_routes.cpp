// InstallOfficeRoutes: the office pages' route table, the language switch, the stylesheet and
// the pages without a file of their own (home, not found); see office_routes.h.
#include "web/office_routes.h"

#include "web/office_css.h"
#include "web/office_site.h"

namespace raida::server::web {
namespace {

void ChooseLanguage(OfficeSite&, PageContext& ctx, httplib::Response& response) {
  const std::string to = ctx.Param("to");
  bool known = false;
  for (const std::string& lang : core::SupportedLanguages()) {
    known = known || to == lang;
  }
  if (known) {
    response.set_header("Set-Cookie",
                        CookieHeader(kLangCookie, to, ctx.secure_cookies, 365LL * 24 * 3600));
  }
  OfficeSite::Redirect(response, SafeOfficePath(ctx.Param("back")));
}

void Home(OfficeSite&, PageContext& ctx, httplib::Response& response) {
  OfficeSite::Redirect(response, ctx.session ? HomePath(ctx.user()) : "/office/sign-in");
}

void Stylesheet(OfficeSite&, PageContext&, httplib::Response& response) {
  response.status = 200;
  response.set_header("Cache-Control", "max-age=3600");
  response.set_content(OfficeCss(), "text/css; charset=utf-8");
}

void NotFound(OfficeSite& site, PageContext& ctx, httplib::Response& response) {
  site.SendError(ctx, response, 404, "office.error.not_found");
}

}  // namespace

void InstallOfficeRoutes(httplib::Server& http, OfficeDeps deps) {
  auto site = std::make_shared<OfficeSite>(std::move(deps));
  const PageRoles admin{true, false, false};
  const PageRoles admin_coordinator{true, false, true};
  const PageRoles everyone{true, true, true};
  using Page = void (*)(OfficeSite&, PageContext&, httplib::Response&);
  // Each route keeps the site alive through its own copy of the pointer.
  auto route = [site](std::optional<PageRoles> roles, Page page) -> httplib::Server::Handler {
    OfficeSite* raw = site.get();
    return [site,
            handler = raw->Wrap(roles, [raw, page](PageContext& ctx, httplib::Response& response) {
              page(*raw, ctx, response);
            })](const httplib::Request& request, httplib::Response& response) {
      handler(request, response);
    };
  };
  http.Get("/office", route(std::nullopt, Home));
  http.Get("/office/", route(std::nullopt, Home));
  http.Get("/office/static/office.css", route(std::nullopt, Stylesheet));
  http.Get("/office/lang", route(std::nullopt, ChooseLanguage));
  http.Get("/office/sign-in", route(std::nullopt, ShowSignIn));
  http.Post("/office/sign-in", route(std::nullopt, DoSignIn));
  http.Post("/office/sign-out", route(everyone, DoSignOut));
  http.Get("/office/kiosks", route(admin_coordinator, ShowKiosks));
  http.Get("/office/kiosks/revoke", route(admin, ShowRevokeConfirm));
  http.Post("/office/kiosks/revoke", route(admin, DoRevoke));
  http.Get("/office/kiosks/code", route(admin, ShowCodeConfirm));
  http.Post("/office/kiosks/code", route(admin, DoIssueCode));
  http.Get("/office/certificates", route(admin_coordinator, ShowCertificates));
  http.Post("/office/certificates", route(admin_coordinator, DoVerifyCertificate));
  http.Get("/office/programme", route(everyone, ShowProgramme));
  http.Get("/office/report", route(everyone, ShowReport));
  http.Get("/office/report.csv", route(everyone, DownloadReportCsv));
  http.Get("/office/report.xlsx", route(everyone, DownloadReportXlsx));
  http.Get("/office/people", route(admin_coordinator, ShowPeople));
  http.Get("/office/people/person", route(admin_coordinator, ShowPerson));
  http.Get("/office/people/merge", route(admin, ShowMergeConfirm));
  http.Post("/office/people/merge", route(admin, DoMerge));
  http.Get("/office/people/erase", route(admin, ShowEraseConfirm));
  http.Post("/office/people/erase", route(admin, DoErase));
  http.Post("/office/people/review/retry", route(admin, DoRetrySetAside));
  http.Get("/office/people/review/discard", route(admin, ShowDiscardConfirm));
  http.Post("/office/people/review/discard", route(admin, DoDiscardSetAside));
  http.Get("/office/catalog", route(everyone, ShowCatalog));
  http.Post("/office/catalog/publish", route(admin, DoPublishPack));
  http.Get(R"(/office/.*)", route(std::nullopt, NotFound));
  http.Post(R"(/office/.*)", route(std::nullopt, NotFound));
}

void InstallOfficeRoutes(httplib::Server& http, core::Store& store, std::mutex& store_mutex,
                         SyncEngine& engine, const core::Clock& clock,
                         std::shared_ptr<spdlog::logger> logger,
                         const std::string& listen_address) {
  OfficeDeps deps;
  deps.store = &store;
  deps.store_mutex = &store_mutex;
  deps.engine = &engine;
  deps.clock = &clock;
  deps.logger = std::move(logger);
  deps.listen_address = listen_address;
  InstallOfficeRoutes(http, std::move(deps));
}

}  // namespace raida::server::web
