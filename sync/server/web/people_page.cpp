// The People page (administrator; coordinator: own center; never an analyst): search by name,
// likely duplicates with "merge", erasures with the kiosks that have applied them, and the
// review queue of changes the server set aside (people_data.h). Every page that shows names is
// recorded in the office audit with counts and ids only, never a name or the words searched.
//
// The review queue shows what arrived, from which kiosk, and why it was refused; the district
// administrator retries or discards each change (review_actions.cpp). Resolved changes leave the
// queue for a "resolved" list with the decision, who made it and when.
#include "web/office_format.h"
#include "web/office_site.h"
#include "web/people_data.h"

namespace raida::server::web {
namespace {

struct PeopleData {
  std::vector<PersonSummary> found;
  std::vector<DuplicatePair> duplicates;
  std::vector<ErasureStatus> erasures;
  std::vector<SetAsideChange> set_aside;
  std::vector<SetAsideChange> resolved;
  int64_t resolved_count = 0;
};

// A coordinator's own center, or "" for the whole district.
std::string Scope(const PageContext& ctx) {
  return ctx.user().role == OfficeRole::kCoordinator ? ctx.user().center_id : "";
}

std::string FullName(const PersonSummary& person) {
  return person.given_name + " " + person.family_name;
}

std::string PersonHref(const std::string& id) {
  return "/office/people/person?id=" + httplib::detail::encode_query_param(id);
}

core::Result<PeopleData> Load(OfficeSite& site, const std::string& query,
                              const std::string& scope) {
  return site.WithStore([&](core::Store& store, SyncEngine&) -> core::Result<PeopleData> {
    PeopleData data;
    RAIDA_ASSIGN_OR_RETURN(data.found, SearchPeople(store, query, scope));
    RAIDA_ASSIGN_OR_RETURN(data.duplicates, FindDuplicates(store, scope));
    RAIDA_ASSIGN_OR_RETURN(data.erasures, LoadErasures(store, scope));
    RAIDA_ASSIGN_OR_RETURN(data.set_aside, LoadSetAside(store, scope));
    RAIDA_ASSIGN_OR_RETURN(data.resolved, LoadSetAside(store, scope, /*resolved=*/true));
    RAIDA_ASSIGN_OR_RETURN(data.resolved_count, CountResolvedSetAside(store, scope));
    return data;
  });
}

void SearchForm(OfficeSite& site, const PageContext& ctx, HtmlWriter& html,
                const std::string& query) {
  auto form = html.Scoped(
      "form", {{"method", "get"}, {"action", "/office/people"}, {"class", "card inline-form"}});
  html.Element("label", site.T(ctx, "office.people.search"), {{"for", "q"}});
  html.Void("input", {{"id", "q"}, {"name", "q"}, {"type", "text"}, {"value", query}});
  html.Element("button", site.T(ctx, "office.people.search_submit"),
               {{"type", "submit"}, {"class", "primary"}});
}

void PersonCells(OfficeSite& site, const PageContext& ctx, HtmlWriter& html,
                 const PersonSummary& person) {
  auto T = [&](const char* key) { return site.T(ctx, std::string("office.people.") + key); };
  {
    auto cell = html.Scoped("td", {{"data-label", T("col.name")}});
    html.Element("a", FullName(person), {{"href", PersonHref(person.id)}});
  }
  html.Element("td", person.birth_year ? std::to_string(*person.birth_year) : "\u2013",
               {{"data-label", T("col.birth_year")}});
  html.Element("td", person.phone.empty() ? "\u2013" : person.phone,
               {{"data-label", T("col.phone")}});
  html.Element("td", person.home_center_name, {{"data-label", T("col.center")}});
}

void HeadRow(OfficeSite& site, const PageContext& ctx, HtmlWriter& html,
             std::initializer_list<const char*> columns) {
  auto head = html.Scoped("thead");
  auto tr = html.Scoped("tr");
  for (const char* column : columns) {
    html.Element("th", site.T(ctx, std::string("office.people.col.") + column), {{"scope", "col"}});
  }
}

void Results(OfficeSite& site, const PageContext& ctx, HtmlWriter& html,
             const std::vector<PersonSummary>& found) {
  if (found.empty()) {
    html.Element("p", site.T(ctx, "office.people.none_found"), {{"class", "notice"}});
    return;
  }
  auto wrap = html.Scoped("div", {{"class", "table-wrap"}});
  auto table = html.Scoped("table", {{"class", "people"}});
  HeadRow(site, ctx, html, {"name", "birth_year", "phone", "center"});
  auto body = html.Scoped("tbody");
  for (const PersonSummary& person : found) {
    auto tr = html.Scoped("tr");
    PersonCells(site, ctx, html, person);
  }
}

void Duplicates(OfficeSite& site, const PageContext& ctx, HtmlWriter& html,
                const std::vector<DuplicatePair>& pairs) {
  auto section = html.Scoped("section", {{"class", "center"}, {"id", "duplicates"}});
  html.Element("h2", site.T(ctx, "office.people.duplicates"));
  if (pairs.empty()) {
    html.Element("p", site.T(ctx, "office.people.no_duplicates"), {{"class", "muted"}});
    return;
  }
  const bool admin = ctx.user().role == OfficeRole::kAdmin;
  auto wrap = html.Scoped("div", {{"class", "table-wrap"}});
  auto table = html.Scoped("table", {{"class", "people"}});
  HeadRow(site, ctx, html, {"first", "second", "why", "action"});
  auto body = html.Scoped("tbody");
  for (const DuplicatePair& pair : pairs) {
    auto tr = html.Scoped("tr");
    for (const PersonSummary* person : {&pair.first, &pair.second}) {
      auto cell = html.Scoped("td", {{"data-label", site.T(ctx, "office.people.col.name")}});
      html.Element("a", FullName(*person), {{"href", PersonHref(person->id)}});
      html.Element("span", person->home_center_name, {{"class", "muted block"}});
    }
    html.Element("td", site.T(ctx, "office.people.why." + pair.reason),
                 {{"data-label", site.T(ctx, "office.people.col.why")}});
    auto cell = html.Scoped("td", {{"data-label", site.T(ctx, "office.people.col.action")}});
    if (admin) {
      html.Element("a", site.T(ctx, "office.people.merge"),
                   {{"class", "button"},
                    {"href", "/office/people/merge?loser=" +
                                 httplib::detail::encode_query_param(pair.second.id) +
                                 "&winner=" + httplib::detail::encode_query_param(pair.first.id)}});
    }
  }
}

void Erasures(OfficeSite& site, const PageContext& ctx, HtmlWriter& html,
              const std::vector<ErasureStatus>& erasures) {
  auto section = html.Scoped("section", {{"class", "center"}, {"id", "erasures"}});
  html.Element("h2", site.T(ctx, "office.people.erasures"));
  html.Element("p", site.T(ctx, "office.people.erasures_intro"), {{"class", "muted"}});
  if (erasures.empty()) {
    html.Element("p", site.T(ctx, "office.people.no_erasures"), {{"class", "muted"}});
    return;
  }
  auto wrap = html.Scoped("div", {{"class", "table-wrap"}});
  auto table = html.Scoped("table", {{"class", "people"}});
  HeadRow(site, ctx, html, {"person_id", "center", "kiosks_applied"});
  auto body = html.Scoped("tbody");
  for (const ErasureStatus& erasure : erasures) {
    size_t applied = 0;
    for (const ErasureKiosk& kiosk : erasure.kiosks) {
      applied += kiosk.applied ? 1 : 0;
    }
    const bool done = applied == erasure.kiosks.size();
    auto tr = html.Scoped("tr", {{"class", done ? "" : "attention"}});
    html.Element("td", erasure.person_id,
                 {{"data-label", site.T(ctx, "office.people.col.person_id")}});
    html.Element("td", erasure.home_center_name,
                 {{"data-label", site.T(ctx, "office.people.col.center")}});
    auto cell =
        html.Scoped("td", {{"data-label", site.T(ctx, "office.people.col.kiosks_applied")}});
    if (erasure.kiosks.empty()) {
      html.Text(site.T(ctx, "office.people.no_kiosks"));
      continue;
    }
    html.Element("strong", site.T(ctx, "office.people.applied_count",
                                  {{"done", std::to_string(applied)},
                                   {"all", std::to_string(erasure.kiosks.size())}}));
    for (const ErasureKiosk& kiosk : erasure.kiosks) {
      html.Element(
          "span",
          site.T(ctx, kiosk.applied ? "office.people.kiosk_applied" : "office.people.kiosk_waiting",
                 {{"kiosk", kiosk.label + " #" + std::to_string(kiosk.device_no)},
                  {"center", kiosk.center_name}}),
          {{"class", "block"}});
    }
  }
}

std::string KioskCell(const SetAsideChange& change) {
  return change.kiosk_label + " #" + std::to_string(change.device_no) + " · " + change.center_name;
}

// Retry (one click: the rules decide) and Discard (a confirm page first), for the administrator.
void ReviewActions(OfficeSite& site, const PageContext& ctx, HtmlWriter& html,
                   const SetAsideChange& change) {
  auto cell = html.Scoped("td", {{"data-label", site.T(ctx, "office.people.col.action")}});
  {
    auto form = html.Scoped(
        "form",
        {{"method", "post"}, {"action", "/office/people/review/retry"}, {"class", "inline-form"}});
    site.CsrfField(html, ctx);
    html.Void("input", {{"type", "hidden"}, {"name", "id"}, {"value", std::to_string(change.id)}});
    html.Element("button", site.T(ctx, "office.review.retry"), {{"type", "submit"}});
  }
  html.Element("a", site.T(ctx, "office.review.discard"),
               {{"class", "button"},
                {"href", "/office/people/review/discard?id=" + std::to_string(change.id)}});
}

void SetAside(OfficeSite& site, const PageContext& ctx, HtmlWriter& html,
              const std::vector<SetAsideChange>& changes) {
  auto section = html.Scoped("section", {{"class", "center"}, {"id", "review"}});
  html.Element("h2", site.T(ctx, "office.people.review"));
  html.Element("p", site.T(ctx, "office.people.review_intro"), {{"class", "muted"}});
  if (changes.empty()) {
    html.Element("p", site.T(ctx, "office.people.no_review"), {{"class", "muted"}});
    return;
  }
  const bool admin = ctx.user().role == OfficeRole::kAdmin;
  auto wrap = html.Scoped("div", {{"class", "table-wrap"}});
  auto table = html.Scoped("table", {{"class", "people"}});
  if (admin) {
    HeadRow(site, ctx, html, {"when", "kiosk", "record", "reason", "action"});
  } else {
    HeadRow(site, ctx, html, {"when", "kiosk", "record", "reason"});
  }
  auto body = html.Scoped("tbody");
  for (const SetAsideChange& change : changes) {
    auto tr = html.Scoped("tr", {{"id", "set-aside-" + std::to_string(change.id)}});
    html.Element("td", FormatDateTime(change.at_ms),
                 {{"data-label", site.T(ctx, "office.people.col.when")}});
    html.Element("td", KioskCell(change), {{"data-label", site.T(ctx, "office.people.col.kiosk")}});
    html.Element("td", change.table + " " + change.row_id,
                 {{"data-label", site.T(ctx, "office.people.col.record")}});
    {
      auto cell = html.Scoped("td", {{"data-label", site.T(ctx, "office.people.col.reason")}});
      html.Text(change.reason);
      if (change.retries > 0) {
        html.Element(
            "span",
            site.T(ctx, "office.review.retries", {{"count", std::to_string(change.retries)}}),
            {{"class", "muted block"}});
      }
    }
    if (admin) {
      ReviewActions(site, ctx, html, change);
    }
  }
}

// The accepted and discarded changes (the latest 50 of `count`): the decision, who made it and
// when. Nothing while none has been resolved.
void Resolved(OfficeSite& site, const PageContext& ctx, HtmlWriter& html,
              const std::vector<SetAsideChange>& changes, int64_t count) {
  if (changes.empty()) {
    return;
  }
  auto section = html.Scoped("section", {{"class", "center"}, {"id", "review-resolved"}});
  html.Element("h2", site.T(ctx, "office.review.resolved", {{"count", std::to_string(count)}}));
  auto wrap = html.Scoped("div", {{"class", "table-wrap"}});
  auto table = html.Scoped("table", {{"class", "people"}});
  HeadRow(site, ctx, html, {"when", "kiosk", "record", "reason", "decision"});
  auto body = html.Scoped("tbody");
  for (const SetAsideChange& change : changes) {
    auto tr = html.Scoped("tr");
    html.Element("td", FormatDateTime(change.at_ms),
                 {{"data-label", site.T(ctx, "office.people.col.when")}});
    html.Element("td", KioskCell(change), {{"data-label", site.T(ctx, "office.people.col.kiosk")}});
    html.Element("td", change.table + " " + change.row_id,
                 {{"data-label", site.T(ctx, "office.people.col.record")}});
    html.Element("td", change.reason, {{"data-label", site.T(ctx, "office.people.col.reason")}});
    auto cell = html.Scoped("td", {{"data-label", site.T(ctx, "office.people.col.decision")}});
    html.Text(change.status == "accepted"
                  ? site.T(ctx, "office.review.accepted", {{"outcome", change.outcome}})
                  : site.T(ctx, "office.review.discarded"));
    html.Element(
        "span",
        site.T(ctx, "office.review.by",
               {{"who", change.resolved_by}, {"when", FormatDateTime(change.resolved_ms)}}),
        {{"class", "muted block"}});
  }
}

// The plain result of the last action on the page, from the redirect's ?done=.
void DoneNotice(OfficeSite& site, const PageContext& ctx, HtmlWriter& html) {
  const std::string done = ctx.Param("done");
  if (done == "merged" || done == "erased") {
    html.Element("p", site.T(ctx, "office.people.done." + done), {{"class", "notice good"}});
  } else if (done == "accepted" || done == "discarded") {
    html.Element("p", site.T(ctx, "office.review.done." + done), {{"class", "notice good"}});
  } else if (done == "refused") {
    html.Element("p", site.T(ctx, "office.review.done.refused"), {{"class", "notice"}});
  }
}

}  // namespace

void ShowPeople(OfficeSite& site, PageContext& ctx, httplib::Response& response) {
  const std::string query = ctx.Param("q");
  auto data = Load(site, query, Scope(ctx));
  if (!data.ok()) {
    site.SendInternalError(ctx, response, data.error());
    return;
  }
  site.Audit(ctx, "office.people_view",
             "found=" + std::to_string(data->found.size()) +
                 " duplicates=" + std::to_string(data->duplicates.size()),
             "ok");
  HtmlWriter html;
  site.BeginPage(html, ctx, OfficePage::kPeople, site.T(ctx, "office.people.title"));
  DoneNotice(site, ctx, html);
  SearchForm(site, ctx, html, query);
  if (!query.empty()) {
    Results(site, ctx, html, data->found);
  }
  Duplicates(site, ctx, html, data->duplicates);
  Erasures(site, ctx, html, data->erasures);
  SetAside(site, ctx, html, data->set_aside);
  Resolved(site, ctx, html, data->resolved, data->resolved_count);
  site.EndPage(html);
  OfficeSite::SendHtml(response, 200, html.Take());
}

}  // namespace raida::server::web
