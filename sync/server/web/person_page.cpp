// One person's record across centers (administrator; coordinator: a person of their center):
// profile, the centers whose kiosks hold the person, enrollments, attendance and certificates.
// Each view is recorded in the office audit as "person:<id>", never with the values shown.
#include "web/office_format.h"
#include "web/office_site.h"
#include "web/people_data.h"

namespace raida::server::web {
namespace {

void Fact(HtmlWriter& html, const std::string& term, const std::string& value) {
  html.Element("dt", term);
  html.Element("dd", value.empty() ? "\u2013" : value);
}

void Profile(OfficeSite& site, const PageContext& ctx, HtmlWriter& html, const PersonRecord& r) {
  auto T = [&](const std::string& key) { return site.T(ctx, "office.person." + key); };
  auto card = html.Scoped("div", {{"class", "card"}});
  auto facts = html.Scoped("dl", {{"class", "facts"}});
  Fact(html, T("birth_year"), r.summary.birth_year ? std::to_string(*r.summary.birth_year) : "");
  Fact(html, T("phone"), r.summary.phone);
  Fact(html, T("email"), r.email);
  Fact(html, T("village"), r.village);
  Fact(html, T("home_center"), r.summary.home_center_name);
  Fact(html, T("language"), r.language);
  Fact(html, T("gender"),
       site.T(ctx, "office.report.cat." + (r.gender.empty() ? "not_recorded" : r.gender)));
  Fact(html, T("employment"),
       site.T(ctx, "office.report.cat." +
                       (r.employment_status.empty() ? "not_recorded" : r.employment_status)));
  std::string centers;
  for (const std::string& center : r.centers) {
    centers += (centers.empty() ? "" : ", ") + center;
  }
  Fact(html, T("held_at"), centers);
  Fact(html, T("id"), r.summary.id);
}

// A table of record lines with the fourth column translated by `status_prefix` ("" = as is).
void LinesTable(OfficeSite& site, const PageContext& ctx, HtmlWriter& html, const char* heading,
                const std::vector<RecordLine>& lines, const char* last_column,
                const std::string& status_prefix) {
  auto T = [&](const std::string& key) { return site.T(ctx, "office.person." + key); };
  auto section = html.Scoped("section", {{"class", "center"}});
  html.Element("h2", T(heading));
  if (lines.empty()) {
    html.Element("p", T("none"), {{"class", "muted"}});
    return;
  }
  auto wrap = html.Scoped("div", {{"class", "table-wrap"}});
  auto table = html.Scoped("table", {{"class", "people"}});
  const std::string columns[] = {T("col.center"), T("col.course"), T("col.date"),
                                 T(std::string("col.") + last_column)};
  {
    auto head = html.Scoped("thead");
    auto tr = html.Scoped("tr");
    for (const std::string& column : columns) {
      html.Element("th", column, {{"scope", "col"}});
    }
  }
  auto body = html.Scoped("tbody");
  for (const RecordLine& line : lines) {
    auto tr = html.Scoped("tr");
    const std::string values[] = {
        line.center_name, core::Localize(line.course_title, ctx.lang), line.date,
        status_prefix.empty() ? line.status : site.T(ctx, status_prefix + line.status)};
    for (size_t i = 0; i < std::size(values); ++i) {
      html.Element("td", values[i], {{"data-label", columns[i]}});
    }
  }
}

void StateNotices(OfficeSite& site, const PageContext& ctx, HtmlWriter& html,
                  const PersonRecord& record) {
  if (record.summary.erased) {
    html.Element("p", site.T(ctx, "office.person.erased"), {{"class", "notice bad"}});
  }
  if (record.summary.merged_into) {
    auto p = html.Scoped("p", {{"class", "notice"}});
    html.Text(site.T(ctx, "office.person.merged") + " ");
    html.Element("a", site.T(ctx, "office.person.open_survivor"),
                 {{"href", "/office/people/person?id=" +
                               httplib::detail::encode_query_param(*record.summary.merged_into)}});
  }
}

}  // namespace

void ShowPerson(OfficeSite& site, PageContext& ctx, httplib::Response& response) {
  const std::string id = ctx.Param("id");
  const std::string scope = ctx.user().role == OfficeRole::kCoordinator ? ctx.user().center_id : "";
  auto record = site.WithStore(
      [&](core::Store& store, SyncEngine&) -> core::Result<std::optional<PersonRecord>> {
        RAIDA_ASSIGN_OR_RETURN(const bool in_scope, PersonInScope(store, id, scope));
        if (!in_scope) {
          return std::optional<PersonRecord>();
        }
        return LoadPersonRecord(store, id);
      });
  if (!record.ok()) {
    site.SendInternalError(ctx, response, record.error());
    return;
  }
  if (!record.value()) {
    site.Audit(ctx, "office.person_view", "person:" + id, "not_found");
    site.SendError(ctx, response, 404, "office.error.no_person");
    return;
  }
  const PersonRecord& r = **record;
  site.Audit(ctx, "office.person_view", "person:" + r.summary.id, "ok");
  HtmlWriter html;
  const std::string name = r.summary.erased ? site.T(ctx, "office.person.erased_title")
                                            : r.summary.given_name + " " + r.summary.family_name;
  site.BeginPage(html, ctx, OfficePage::kPeople, name);
  StateNotices(site, ctx, html, r);
  Profile(site, ctx, html, r);
  if (ctx.user().role == OfficeRole::kAdmin && !r.summary.erased) {
    auto actions = html.Scoped("div", {{"class", "actions"}});
    html.Element(
        "a", site.T(ctx, "office.person.erase"),
        {{"class", "button danger"},
         {"href", "/office/people/erase?id=" + httplib::detail::encode_query_param(r.summary.id)}});
  }
  LinesTable(site, ctx, html, "enrollments", r.enrollments, "status", "office.person.status.");
  LinesTable(site, ctx, html, "attendance", r.attendance, "mark", "office.person.mark.");
  LinesTable(site, ctx, html, "certificates", r.certificates, "code", "");
  site.EndPage(html);
  OfficeSite::SendHtml(response, 200, html.Take());
}

}  // namespace raida::server::web
