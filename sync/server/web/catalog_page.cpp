// The Catalog page: courses, offerings per center with capacity and seats taken, lesson packs
// with their published versions (catalog_data.h) — no person, so every role may open it, a
// coordinator seeing their own center's offerings — and, for the district administrator, a form
// that publishes a new lesson-pack version from a folder on the server. The content check must
// pass first: every problem is listed with its file and line and nothing is published.
#include <filesystem>

#include "web/catalog_data.h"
#include "web/office_site.h"

namespace raida::server::web {
namespace {

std::string Scope(const PageContext& ctx) {
  return ctx.user().role == OfficeRole::kCoordinator ? ctx.user().center_id : "";
}

void Head(HtmlWriter& html, const std::vector<std::string>& columns) {
  auto head = html.Scoped("thead");
  auto tr = html.Scoped("tr");
  for (const std::string& column : columns) {
    html.Element("th", column, {{"scope", "col"}});
  }
}

void Row(HtmlWriter& html, const std::vector<std::string>& columns,
         const std::vector<std::string>& values, size_t first_number) {
  auto tr = html.Scoped("tr");
  for (size_t i = 0; i < values.size(); ++i) {
    html.Element("td", values[i],
                 {{"data-label", columns[i]}, {"class", i >= first_number ? "number" : ""}});
  }
}

void Courses(OfficeSite& site, const PageContext& ctx, HtmlWriter& html, const Catalog& catalog) {
  auto T = [&](const std::string& key) { return site.T(ctx, "office.catalog." + key); };
  auto section = html.Scoped("section", {{"class", "center"}, {"id", "courses"}});
  html.Element("h2", T("courses"));
  auto wrap = html.Scoped("div", {{"class", "table-wrap"}});
  auto table = html.Scoped("table", {{"class", "figures"}});
  const std::vector<std::string> columns = {T("col.course"), T("col.category"), T("col.hours"),
                                            T("col.offerings")};
  Head(html, columns);
  auto body = html.Scoped("tbody");
  for (const CatalogCourse& c : catalog.courses) {
    Row(html, columns,
        {core::Localize(c.title, ctx.lang), T("category." + c.category), std::to_string(c.hours),
         std::to_string(c.offerings)},
        2);
  }
}

void Offerings(OfficeSite& site, const PageContext& ctx, HtmlWriter& html, const Catalog& catalog) {
  auto T = [&](const std::string& key) { return site.T(ctx, "office.catalog." + key); };
  auto section = html.Scoped("section", {{"class", "center"}, {"id", "offerings"}});
  html.Element("h2", T("offerings"));
  if (catalog.offerings.empty()) {
    html.Element("p", T("no_offerings"), {{"class", "muted"}});
    return;
  }
  auto wrap = html.Scoped("div", {{"class", "table-wrap"}});
  auto table = html.Scoped("table", {{"class", "figures"}});
  const std::vector<std::string> columns = {T("col.center"),    T("col.course"),   T("col.dates"),
                                            T("col.place"),     T("col.capacity"), T("col.taken"),
                                            T("col.waitlisted")};
  Head(html, columns);
  auto body = html.Scoped("tbody");
  for (const CatalogOffering& o : catalog.offerings) {
    std::string course = core::Localize(o.course_title, ctx.lang);
    if (o.cancelled) {
      course += " (" + T("cancelled") + ")";
    }
    Row(html, columns,
        {o.center_name, course, o.starts_on + " \u2013 " + o.ends_on, o.place,
         std::to_string(o.capacity), std::to_string(o.seats_taken), std::to_string(o.waitlisted)},
        4);
  }
}

void Packs(OfficeSite& site, const PageContext& ctx, HtmlWriter& html, const Catalog& catalog) {
  auto T = [&](const std::string& key) { return site.T(ctx, "office.catalog." + key); };
  auto section = html.Scoped("section", {{"class", "center"}, {"id", "packs"}});
  html.Element("h2", T("packs"));
  if (catalog.packs.empty()) {
    html.Element("p", T("no_packs"), {{"class", "muted"}});
    return;
  }
  auto wrap = html.Scoped("div", {{"class", "table-wrap"}});
  auto table = html.Scoped("table", {{"class", "figures"}});
  const std::vector<std::string> columns = {T("col.pack"), T("col.course"), T("col.version"),
                                            T("col.published")};
  Head(html, columns);
  auto body = html.Scoped("tbody");
  for (const CatalogPack& p : catalog.packs) {
    std::string versions;
    for (const int64_t version : p.published) {
      versions += (versions.empty() ? "" : ", ") + std::to_string(version);
    }
    Row(html, columns,
        {p.id, core::Localize(p.course_title, ctx.lang), std::to_string(p.version), versions}, 2);
  }
}

void PublishForm(OfficeSite& site, const PageContext& ctx, HtmlWriter& html,
                 const std::string& folder) {
  auto form = html.Scoped(
      "form", {{"method", "post"}, {"action", "/office/catalog/publish"}, {"class", "card"}});
  html.Element("h2", site.T(ctx, "office.catalog.publish.title"));
  html.Element("p", site.T(ctx, "office.catalog.publish.intro"), {{"class", "muted"}});
  site.CsrfField(html, ctx);
  html.Element("label", site.T(ctx, "office.catalog.publish.folder"), {{"for", "folder"}});
  html.Void("input", {{"id", "folder"},
                      {"name", "folder"},
                      {"type", "text"},
                      {"value", folder},
                      {"required", kBooleanAttr}});
  html.Element("button", site.T(ctx, "office.catalog.publish.submit"),
               {{"type", "submit"}, {"class", "primary"}});
}

// The page, with `result` (the outcome of a publish, already rendered) above the tables.
void Render(OfficeSite& site, PageContext& ctx, httplib::Response& response, int status,
            const std::string& folder, const std::function<void(HtmlWriter&)>& result) {
  auto catalog = site.WithStore(
      [&](core::Store& store, SyncEngine&) { return LoadCatalog(store, Scope(ctx)); });
  if (!catalog.ok()) {
    site.SendInternalError(ctx, response, catalog.error());
    return;
  }
  HtmlWriter html;
  site.BeginPage(html, ctx, OfficePage::kCatalog, site.T(ctx, "office.catalog.title"));
  if (result) {
    result(html);
  }
  if (ctx.user().role == OfficeRole::kAdmin) {
    PublishForm(site, ctx, html, folder);
  }
  Courses(site, ctx, html, *catalog);
  Offerings(site, ctx, html, *catalog);
  Packs(site, ctx, html, *catalog);
  site.EndPage(html);
  OfficeSite::SendHtml(response, status, html.Take());
}

void ShowProblems(OfficeSite& site, const PageContext& ctx, HtmlWriter& html,
                  const std::vector<core::PackProblem>& problems) {
  auto box = html.Scoped("div", {{"class", "notice bad"}, {"role", "alert"}});
  html.Element(
      "p",
      site.T(ctx, "office.catalog.publish.problems", {{"count", std::to_string(problems.size())}}),
      {{"class", "summary bad"}});
  auto list = html.Scoped("ul", {{"class", "problems"}});
  for (const core::PackProblem& problem : problems) {
    html.Element("li", core::FormatProblem(problem));
  }
}

void ShowPublished(OfficeSite& site, const PageContext& ctx, HtmlWriter& html,
                   const PublishOutcome& outcome) {
  auto box = html.Scoped("div", {{"class", "notice good"}, {"role", "status"}});
  for (const core::PublishedPack& pack : outcome.published) {
    html.Element("p", site.T(ctx, "office.catalog.publish.done",
                             {{"pack", pack.pack_id},
                              {"version", std::to_string(pack.version)},
                              {"previous", std::to_string(pack.replaced_version)}}));
  }
  html.Element(
      "p",
      site.T(ctx, "office.catalog.publish.feed", {{"count", std::to_string(outcome.feed_entries)}}),
      {{"class", "muted"}});
}

}  // namespace

void ShowCatalog(OfficeSite& site, PageContext& ctx, httplib::Response& response) {
  Render(site, ctx, response, 200, "", nullptr);
}

void DoPublishPack(OfficeSite& site, PageContext& ctx, httplib::Response& response) {
  const std::string folder = ctx.Param("folder");
  std::error_code ignored;
  if (folder.empty() || !std::filesystem::path(folder).is_absolute() ||
      !std::filesystem::is_directory(folder, ignored)) {
    site.Audit(ctx, "office.pack_publish", "folder", "not_a_folder");
    Render(site, ctx, response, 400, folder, [&](HtmlWriter& html) {
      html.Element("p", site.T(ctx, "office.catalog.publish.bad_folder"),
                   {{"class", "notice bad"}, {"role", "alert"}});
    });
    return;
  }
  auto outcome = site.WithStore([&](core::Store& store, SyncEngine& engine) {
    return PublishLessonPacks(store, engine, folder);
  });
  if (!outcome.ok()) {
    site.Audit(ctx, "office.pack_publish", "folder", "refused");
    const std::string message = outcome.error().message;
    Render(site, ctx, response, 409, folder, [&](HtmlWriter& html) {
      html.Element("p", message, {{"class", "notice bad"}, {"role", "alert"}});
    });
    return;
  }
  if (!outcome->problems.empty()) {
    site.Audit(ctx, "office.pack_publish", "folder", "problems");
    Render(site, ctx, response, 422, folder,
           [&](HtmlWriter& html) { ShowProblems(site, ctx, html, outcome->problems); });
    return;
  }
  std::string packs;
  for (const core::PublishedPack& pack : outcome->published) {
    packs += (packs.empty() ? "" : ",") + pack.pack_id + "@" + std::to_string(pack.version);
  }
  site.Audit(ctx, "office.pack_publish", packs, "ok");
  Render(site, ctx, response, 200, "",
         [&](HtmlWriter& html) { ShowPublished(site, ctx, html, *outcome); });
}

}  // namespace raida::server::web
