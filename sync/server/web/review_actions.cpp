// The review queue's two actions, for the district administrator only (people_page.cpp lists the
// queue): retrying a change the server set aside (SyncEngine::RetrySetAside: the merge rules
// decide, so it is one POST from the list) and discarding one (SyncEngine::DiscardSetAside:
// a GET that shows the change and a POST form that does it). Both forms carry the session's CSRF
// token. Each goes to the office audit with the entry's id and the outcome or reason, never the
// pushed values, and answers with a redirect to the People page and a plain result message.
#include <charconv>

#include "web/office_format.h"
#include "web/office_site.h"
#include "web/people_data.h"

namespace raida::server::web {
namespace {

constexpr const char* kReviewPath = "/office/people";

// The form or query field "id" as an entry id, or nullopt.
std::optional<int64_t> EntryId(const PageContext& ctx) {
  const std::string text = ctx.Param("id");
  int64_t id = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() || id <= 0) {
    return std::nullopt;
  }
  return id;
}

// The answer to a refused retry or discard: 404 for an unknown entry, 409 for one already
// resolved (or kept without its stamp), 500 otherwise.
void SendRefusal(OfficeSite& site, PageContext& ctx, httplib::Response& response,
                 const core::Error& error) {
  if (error.code == core::ErrorCode::kNotFound) {
    site.SendError(ctx, response, 404, "office.error.no_set_aside");
  } else if (error.code == core::ErrorCode::kConflict) {
    site.SendError(ctx, response, 409, "office.error.review_refused");
  } else {
    site.SendInternalError(ctx, response, error);
  }
}

std::string Object(int64_t id) { return "set_aside:" + std::to_string(id); }

}  // namespace

void DoRetrySetAside(OfficeSite& site, PageContext& ctx, httplib::Response& response) {
  const auto id = EntryId(ctx);
  if (!id) {
    site.SendError(ctx, response, 404, "office.error.no_set_aside");
    return;
  }
  const std::string by = OfficeActor(ctx.user());
  auto retried = site.WithStore(
      [&](core::Store&, SyncEngine& engine) { return engine.RetrySetAside(*id, by); });
  if (!retried.ok()) {
    site.Audit(ctx, "office.review_retry", Object(*id), "refused");
    SendRefusal(site, ctx, response, retried.error());
    return;
  }
  if (!retried->accepted) {
    site.Audit(ctx, "office.review_retry", Object(*id), "rejected_again:" + retried->detail);
    OfficeSite::Redirect(response, std::string(kReviewPath) + "?done=refused#review");
    return;
  }
  site.Audit(ctx, "office.review_retry", Object(*id), "accepted:" + retried->detail);
  OfficeSite::Redirect(response, std::string(kReviewPath) + "?done=accepted#review");
}

void ShowDiscardConfirm(OfficeSite& site, PageContext& ctx, httplib::Response& response) {
  const auto id = EntryId(ctx);
  if (!id) {
    site.SendError(ctx, response, 404, "office.error.no_set_aside");
    return;
  }
  auto entry = site.WithStore(
      [&](core::Store& store, SyncEngine&) { return LoadSetAsideEntry(store, *id); });
  if (!entry.ok()) {
    site.SendInternalError(ctx, response, entry.error());
    return;
  }
  if (!entry.value()) {
    site.SendError(ctx, response, 404, "office.error.no_set_aside");
    return;
  }
  const SetAsideChange& change = **entry;
  if (change.status != "open") {
    site.SendError(ctx, response, 409, "office.error.review_refused");
    return;
  }
  HtmlWriter html;
  site.BeginPage(html, ctx, OfficePage::kPeople, site.T(ctx, "office.review.discard.title"));
  html.Element("p", site.T(ctx, "office.review.discard.text"));
  {
    auto card = html.Scoped("div", {{"class", "card"}});
    auto facts = html.Scoped("dl", {{"class", "facts"}});
    html.Element("dt", site.T(ctx, "office.people.col.when"));
    html.Element("dd", FormatDateTime(change.at_ms));
    html.Element("dt", site.T(ctx, "office.people.col.kiosk"));
    html.Element("dd", change.kiosk_label + " #" + std::to_string(change.device_no) + " · " +
                           change.center_name);
    html.Element("dt", site.T(ctx, "office.people.col.record"));
    html.Element("dd", change.table + " " + change.row_id);
    html.Element("dt", site.T(ctx, "office.people.col.reason"));
    html.Element("dd", change.reason);
  }
  auto form = html.Scoped(
      "form", {{"method", "post"}, {"action", "/office/people/review/discard"}, {"class", "card"}});
  site.CsrfField(html, ctx);
  html.Void("input", {{"type", "hidden"}, {"name", "id"}, {"value", std::to_string(change.id)}});
  auto actions = html.Scoped("div", {{"class", "actions"}});
  html.Element("button", site.T(ctx, "office.review.discard.confirm"),
               {{"type", "submit"}, {"class", "danger"}});
  html.Element("a", site.T(ctx, "office.cancel"),
               {{"href", std::string(kReviewPath) + "#review"}, {"class", "button"}});
  site.EndPage(html);
  OfficeSite::SendHtml(response, 200, html.Take());
}

void DoDiscardSetAside(OfficeSite& site, PageContext& ctx, httplib::Response& response) {
  const auto id = EntryId(ctx);
  if (!id) {
    site.SendError(ctx, response, 404, "office.error.no_set_aside");
    return;
  }
  const std::string by = OfficeActor(ctx.user());
  const core::Status discarded = site.WithStore(
      [&](core::Store&, SyncEngine& engine) { return engine.DiscardSetAside(*id, by); });
  if (!discarded.ok()) {
    site.Audit(ctx, "office.review_discard", Object(*id), "refused");
    SendRefusal(site, ctx, response, discarded.error());
    return;
  }
  site.Audit(ctx, "office.review_discard", Object(*id), "ok");
  OfficeSite::Redirect(response, std::string(kReviewPath) + "?done=discarded#review-resolved");
}

}  // namespace raida::server::web
