// The People page's two actions, for the district administrator only: merging a likely
// duplicate into the person who stays (SyncEngine::MergePeople) and carrying out an erasure
// request (SyncEngine::ErasePerson). Each is a GET that shows what will happen and a POST form
// with the session's CSRF token that does it; both go to the office audit with ids only.
#include "web/office_site.h"
#include "web/people_data.h"

namespace raida::server::web {
namespace {

core::Result<std::optional<PersonRecord>> Find(OfficeSite& site, const std::string& id) {
  return site.WithStore(
      [&](core::Store& store, SyncEngine&) { return LoadPersonRecord(store, id); });
}

void Describe(OfficeSite& site, const PageContext& ctx, HtmlWriter& html, const char* role_key,
              const PersonRecord& person) {
  auto card = html.Scoped("div", {{"class", "card"}});
  html.Element("h2", site.T(ctx, role_key));
  auto facts = html.Scoped("dl", {{"class", "facts"}});
  html.Element("dt", site.T(ctx, "office.people.col.name"));
  html.Element("dd", person.summary.given_name + " " + person.summary.family_name);
  html.Element("dt", site.T(ctx, "office.people.col.birth_year"));
  html.Element("dd",
               person.summary.birth_year ? std::to_string(*person.summary.birth_year) : "\u2013");
  html.Element("dt", site.T(ctx, "office.people.col.center"));
  html.Element("dd", person.summary.home_center_name);
  html.Element("dt", site.T(ctx, "office.person.enrollments"));
  html.Element("dd", std::to_string(person.enrollments.size()));
}

void ConfirmForm(OfficeSite& site, const PageContext& ctx, HtmlWriter& html, const char* action,
                 const std::vector<std::pair<const char*, std::string>>& fields,
                 const char* button_key) {
  auto form = html.Scoped("form", {{"method", "post"}, {"action", action}, {"class", "card"}});
  site.CsrfField(html, ctx);
  for (const auto& [name, value] : fields) {
    html.Void("input", {{"type", "hidden"}, {"name", name}, {"value", value}});
  }
  auto actions = html.Scoped("div", {{"class", "actions"}});
  html.Element("button", site.T(ctx, button_key), {{"type", "submit"}, {"class", "danger"}});
  html.Element("a", site.T(ctx, "office.cancel"),
               {{"href", "/office/people"}, {"class", "button"}});
}

// The answer to a failed merge or erasure: 404 for an unknown person, 409 for one the engine
// refuses (already merged or erased), 500 otherwise.
void SendRefusal(OfficeSite& site, PageContext& ctx, httplib::Response& response,
                 const core::Error& error) {
  if (error.code == core::ErrorCode::kNotFound) {
    site.SendError(ctx, response, 404, "office.error.no_person");
  } else if (error.code == core::ErrorCode::kInvalidArgument) {
    site.SendError(ctx, response, 409, "office.error.person_refused");
  } else {
    site.SendInternalError(ctx, response, error);
  }
}

}  // namespace

void ShowMergeConfirm(OfficeSite& site, PageContext& ctx, httplib::Response& response) {
  const std::string loser_id = ctx.Param("loser");
  const std::string winner_id = ctx.Param("winner");
  auto loser = Find(site, loser_id);
  auto winner = Find(site, winner_id);
  if (!loser.ok() || !winner.ok()) {
    site.SendInternalError(ctx, response, loser.ok() ? winner.error() : loser.error());
    return;
  }
  if (!loser.value() || !winner.value() || loser_id == winner_id) {
    site.SendError(ctx, response, 404, "office.error.no_person");
    return;
  }
  site.Audit(ctx, "office.person_view", "merge loser:" + loser_id + " winner:" + winner_id, "ok");
  HtmlWriter html;
  site.BeginPage(html, ctx, OfficePage::kPeople, site.T(ctx, "office.merge.title"));
  html.Element("p", site.T(ctx, "office.merge.text"));
  Describe(site, ctx, html, "office.merge.stays", **winner);
  Describe(site, ctx, html, "office.merge.goes", **loser);
  ConfirmForm(site, ctx, html, "/office/people/merge", {{"loser", loser_id}, {"winner", winner_id}},
              "office.merge.confirm");
  site.EndPage(html);
  OfficeSite::SendHtml(response, 200, html.Take());
}

void DoMerge(OfficeSite& site, PageContext& ctx, httplib::Response& response) {
  const std::string loser = ctx.Param("loser");
  const std::string winner = ctx.Param("winner");
  const core::Status merged = site.WithStore(
      [&](core::Store&, SyncEngine& engine) { return engine.MergePeople(loser, winner); });
  const std::string object = "loser:" + loser + " winner:" + winner;
  if (!merged.ok()) {
    site.Audit(ctx, "office.person_merge", object, "refused");
    SendRefusal(site, ctx, response, merged.error());
    return;
  }
  site.Audit(ctx, "office.person_merge", object, "ok");
  OfficeSite::Redirect(response, "/office/people?done=merged");
}

void ShowEraseConfirm(OfficeSite& site, PageContext& ctx, httplib::Response& response) {
  const std::string id = ctx.Param("id");
  auto person = Find(site, id);
  if (!person.ok()) {
    site.SendInternalError(ctx, response, person.error());
    return;
  }
  if (!person.value() || person.value()->summary.erased) {
    site.SendError(ctx, response, 404, "office.error.no_person");
    return;
  }
  site.Audit(ctx, "office.person_view", "erase person:" + id, "ok");
  HtmlWriter html;
  site.BeginPage(html, ctx, OfficePage::kPeople, site.T(ctx, "office.erase.title"));
  html.Element("p", site.T(ctx, "office.erase.text"));
  Describe(site, ctx, html, "office.erase.who", **person);
  ConfirmForm(site, ctx, html, "/office/people/erase", {{"id", id}}, "office.erase.confirm");
  site.EndPage(html);
  OfficeSite::SendHtml(response, 200, html.Take());
}

void DoErase(OfficeSite& site, PageContext& ctx, httplib::Response& response) {
  const std::string id = ctx.Param("id");
  const core::Status erased =
      site.WithStore([&](core::Store&, SyncEngine& engine) { return engine.ErasePerson(id); });
  if (!erased.ok()) {
    site.Audit(ctx, "office.person_erase", "person:" + id, "refused");
    SendRefusal(site, ctx, response, erased.error());
    return;
  }
  site.Audit(ctx, "office.person_erase", "person:" + id, "ok");
  OfficeSite::Redirect(response, "/office/people?done=erased#erasures");
}

}  // namespace raida::server::web
