// The Kiosks page: every center's kiosks with their sync health (kiosk_health.h), and the two
// actions of the district administrator: revoking a kiosk and issuing a one-time provisioning
// code for a center. Each action is a GET that shows what will happen and a POST form (with
// the session's CSRF token) that does it: no action happens on a single click or a link.
#include <charconv>

#include "web/kiosk_health.h"
#include "web/office_format.h"
#include "web/office_site.h"

namespace raida::server::web {
namespace {

std::optional<int64_t> ParseDeviceNo(const std::string& text) {
  int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value <= 0) {
    return std::nullopt;
  }
  return value;
}

// A cell with the column's name for the narrow (card) layout.
void Cell(HtmlWriter& html, const std::string& label, const std::string& text,
          const char* css_class = "") {
  html.Element("td", text, {{"data-label", label}, {"class", css_class}});
}

void WhenCell(OfficeSite& site, const PageContext& ctx, HtmlWriter& html, const std::string& label,
              int64_t now, const std::optional<int64_t>& when) {
  auto cell = html.Scoped("td", {{"data-label", label}});
  if (!when) {
    html.Text(site.T(ctx, "office.kiosks.never"));
    return;
  }
  html.Text(FormatAgo(site, ctx, now, *when));
  html.Element("span", FormatDateTime(*when), {{"class", "muted block"}});
}

void KioskRow(OfficeSite& site, const PageContext& ctx, HtmlWriter& html, const KioskHealth& k,
              int64_t now) {
  auto T = [&](const char* key) { return site.T(ctx, std::string("office.kiosks.") + key); };
  auto row = html.Scoped(
      "tr", {{"class", !k.active ? "revoked" : (k.needs_attention ? "attention" : "")}});
  {
    auto cell = html.Scoped("td", {{"data-label", T("col.kiosk")}});
    html.Element("strong", k.label.empty() ? T("unnamed") : k.label);
    html.Element("span", "#" + std::to_string(k.device_no), {{"class", "muted block"}});
  }
  {
    auto cell = html.Scoped("td", {{"data-label", T("col.status")}});
    html.Text(T(k.active ? "status.active" : "status.revoked"));
    if (k.needs_attention) {
      html.Element("span", T("attention"), {{"class", "badge bad"}});
    }
  }
  WhenCell(site, ctx, html, T("col.last_sync"), now, k.last_success_ms);
  WhenCell(site, ctx, html, T("col.last_contact"), now, k.last_seen_ms);
  {
    auto cell = html.Scoped("td", {{"data-label", T("col.waiting")}, {"class", "number"}});
    html.Text(k.outbox_pending ? std::to_string(*k.outbox_pending) : "\u2013");
    if (k.outbox_oldest_ms) {
      html.Element("span",
                   site.T(ctx, "office.kiosks.oldest",
                          {{"ago", FormatAgo(site, ctx, now, *k.outbox_oldest_ms)}}),
                   {{"class", "muted block"}});
    }
    if (k.set_aside > 0) {
      html.Element(
          "span",
          site.T(ctx, "office.kiosks.set_aside",
                 {{"count", std::to_string(k.set_aside)},
                  {"ago", FormatAgo(site, ctx, now, k.oldest_set_aside_ms.value_or(now))}}),
          {{"class", "muted block"}});
    }
  }
  Cell(html, T("col.versions"),
       k.app_version.empty()
           ? "\u2013"
           : k.app_version + " / " + std::to_string(k.schema_version.value_or(0)));
  Cell(html, T("col.clock"), k.clock_offset_ms ? FormatOffset(*k.clock_offset_ms) : "\u2013");
  Cell(html, T("col.error"), k.last_error.empty() ? "\u2013" : k.last_error);
  Cell(html, T("col.disk"), k.disk_free_bytes ? FormatBytes(*k.disk_free_bytes) : "\u2013");
  if (ctx.user().role == OfficeRole::kAdmin) {
    auto cell = html.Scoped("td", {{"data-label", T("col.actions")}});
    if (k.active) {
      html.Element("a", T("revoke"),
                   {{"class", "button danger"},
                    {"href", "/office/kiosks/revoke?device=" + std::to_string(k.device_no)}});
    }
  }
}

void CenterSection(OfficeSite& site, const PageContext& ctx, HtmlWriter& html,
                   const CenterKiosks& center, int64_t now) {
  auto T = [&](const char* key) { return site.T(ctx, std::string("office.kiosks.") + key); };
  const bool admin = ctx.user().role == OfficeRole::kAdmin;
  auto section = html.Scoped("section", {{"class", "center"}});
  {
    auto head = html.Scoped("div", {{"class", "section-head"}});
    html.Element("h2", center.center_name);
    if (admin) {
      html.Element("a", T("issue_code"),
                   {{"class", "button"},
                    {"href", "/office/kiosks/code?center=" +
                                 httplib::detail::encode_query_param(center.center_id)}});
    }
  }
  if (center.kiosks.empty()) {
    html.Element("p", T("none_at_center"), {{"class", "muted"}});
    return;
  }
  auto wrap = html.Scoped("div", {{"class", "table-wrap"}});
  auto table = html.Scoped("table", {{"class", "kiosks"}});
  {
    auto head = html.Scoped("thead");
    auto row = html.Scoped("tr");
    for (const char* column :
         {"col.kiosk", "col.status", "col.last_sync", "col.last_contact", "col.waiting",
          "col.versions", "col.clock", "col.error", "col.disk"}) {
      html.Element("th", T(column), {{"scope", "col"}});
    }
    if (admin) {
      html.Element("th", T("col.actions"), {{"scope", "col"}});
    }
  }
  auto body = html.Scoped("tbody");
  for (const KioskHealth& kiosk : center.kiosks) {
    KioskRow(site, ctx, html, kiosk, now);
  }
}

}  // namespace

void ShowKiosks(OfficeSite& site, PageContext& ctx, httplib::Response& response) {
  const std::string center =
      ctx.user().role == OfficeRole::kCoordinator ? ctx.user().center_id : "";
  const int64_t now = site.clock().NowMs();
  auto centers = site.WithStore(
      [&](core::Store& store, SyncEngine&) { return LoadKioskHealth(store, center, now); });
  if (!centers.ok()) {
    site.SendInternalError(ctx, response, centers.error());
    return;
  }
  int total = 0;
  int attention = 0;
  for (const CenterKiosks& c : *centers) {
    for (const KioskHealth& k : c.kiosks) {
      total += k.active ? 1 : 0;
      attention += k.needs_attention ? 1 : 0;
    }
  }
  HtmlWriter html;
  site.BeginPage(html, ctx, OfficePage::kKiosks, site.T(ctx, "office.kiosks.title"));
  if (const auto revoked = ParseDeviceNo(ctx.Param("revoked"))) {
    html.Element(
        "p", site.T(ctx, "office.kiosks.revoked_notice", {{"device", std::to_string(*revoked)}}),
        {{"class", "notice good"}, {"role", "status"}});
  }
  html.Element("p",
               site.T(ctx, "office.kiosks.summary",
                      {{"count", std::to_string(total)}, {"attention", std::to_string(attention)}}),
               {{"class", attention > 0 ? "summary bad" : "summary"}});
  html.Element("p", site.T(ctx, "office.kiosks.legend"), {{"class", "muted"}});
  for (const CenterKiosks& c : *centers) {
    CenterSection(site, ctx, html, c, now);
  }
  site.EndPage(html);
  OfficeSite::SendHtml(response, 200, html.Take());
}

void ShowRevokeConfirm(OfficeSite& site, PageContext& ctx, httplib::Response& response) {
  const auto device_no = ParseDeviceNo(ctx.Param("device"));
  auto kiosk = site.WithStore([&](core::Store& store, SyncEngine&) {
    return device_no ? FindKiosk(store, *device_no) : std::optional<KioskRef>();
  });
  if (!kiosk.ok()) {
    site.SendInternalError(ctx, response, kiosk.error());
    return;
  }
  if (!kiosk.value() || !kiosk.value()->active) {
    site.SendError(ctx, response, 404, "office.error.no_kiosk");
    return;
  }
  const KioskRef& k = **kiosk;
  HtmlWriter html;
  site.BeginPage(html, ctx, OfficePage::kKiosks, site.T(ctx, "office.kiosks.revoke.title"));
  html.Element("p", site.T(ctx, "office.kiosks.revoke.text",
                           {{"kiosk", k.label + " (#" + std::to_string(k.device_no) + ")"},
                            {"center", k.center_name}}));
  {
    auto form = html.Scoped(
        "form",
        {{"method", "post"}, {"action", "/office/kiosks/revoke"}, {"class", "card actions"}});
    site.CsrfField(html, ctx);
    html.Void("input",
              {{"type", "hidden"}, {"name", "device"}, {"value", std::to_string(k.device_no)}});
    html.Element("button", site.T(ctx, "office.kiosks.revoke.confirm"),
                 {{"type", "submit"}, {"class", "danger"}});
    html.Element("a", site.T(ctx, "office.cancel"),
                 {{"href", "/office/kiosks"}, {"class", "button"}});
  }
  site.EndPage(html);
  OfficeSite::SendHtml(response, 200, html.Take());
}

void DoRevoke(OfficeSite& site, PageContext& ctx, httplib::Response& response) {
  const auto device_no = ParseDeviceNo(ctx.Param("device"));
  if (!device_no) {
    site.SendError(ctx, response, 404, "office.error.no_kiosk");
    return;
  }
  const core::Status revoked = site.WithStore(
      [&](core::Store&, SyncEngine& engine) { return engine.RevokeDevice(*device_no); });
  const std::string object = "device:" + std::to_string(*device_no);
  if (!revoked.ok()) {
    const bool unknown = revoked.error().code == core::ErrorCode::kNotFound;
    site.Audit(ctx, "office.device.revoke", object, unknown ? "not_found" : "failed");
    if (unknown) {
      site.SendError(ctx, response, 404, "office.error.no_kiosk");
    } else {
      site.SendInternalError(ctx, response, revoked.error());
    }
    return;
  }
  site.Audit(ctx, "office.device.revoke", object, "ok");
  site.logger().info("office: device {} revoked by {}", *device_no, OfficeActor(ctx.user()));
  OfficeSite::Redirect(response, "/office/kiosks?revoked=" + std::to_string(*device_no));
}

void ShowCodeConfirm(OfficeSite& site, PageContext& ctx, httplib::Response& response) {
  const std::string center_id = ctx.Param("center");
  auto name = site.WithStore(
      [&](core::Store& store, SyncEngine&) { return FindCenterName(store, center_id); });
  if (!name.ok()) {
    site.SendInternalError(ctx, response, name.error());
    return;
  }
  if (!name.value()) {
    site.SendError(ctx, response, 404, "office.error.no_center");
    return;
  }
  HtmlWriter html;
  site.BeginPage(html, ctx, OfficePage::kKiosks, site.T(ctx, "office.kiosks.code.title"));
  html.Element("p", site.T(ctx, "office.kiosks.code.text", {{"center", **name}}));
  {
    auto form = html.Scoped(
        "form", {{"method", "post"}, {"action", "/office/kiosks/code"}, {"class", "card actions"}});
    site.CsrfField(html, ctx);
    html.Void("input", {{"type", "hidden"}, {"name", "center"}, {"value", center_id}});
    html.Element("button", site.T(ctx, "office.kiosks.code.confirm"),
                 {{"type", "submit"}, {"class", "primary"}});
    html.Element("a", site.T(ctx, "office.cancel"),
                 {{"href", "/office/kiosks"}, {"class", "button"}});
  }
  site.EndPage(html);
  OfficeSite::SendHtml(response, 200, html.Take());
}

void DoIssueCode(OfficeSite& site, PageContext& ctx, httplib::Response& response) {
  const std::string center_id = ctx.Param("center");
  std::optional<std::string> center_name;
  auto code =
      site.WithStore([&](core::Store& store, SyncEngine& engine) -> core::Result<ProvisioningCode> {
        RAIDA_ASSIGN_OR_RETURN(center_name, FindCenterName(store, center_id));
        if (!center_name) {
          return core::MakeError(core::ErrorCode::kNotFound, "unknown center");
        }
        return engine.IssueProvisioningCode(center_id);
      });
  const std::string object = "center:" + center_id;
  if (!code.ok()) {
    const bool unknown = code.error().code == core::ErrorCode::kNotFound;
    site.Audit(ctx, "office.provisioning_code.issue", unknown ? "" : object,
               unknown ? "not_found" : "failed");
    if (unknown) {
      site.SendError(ctx, response, 404, "office.error.no_center");
    } else {
      site.SendInternalError(ctx, response, code.error());
    }
    return;
  }
  site.Audit(ctx, "office.provisioning_code.issue", object, "ok");
  HtmlWriter html;
  site.BeginPage(html, ctx, OfficePage::kKiosks, site.T(ctx, "office.kiosks.code.shown_title"));
  html.Element("p", site.T(ctx, "office.kiosks.code.for", {{"center", *center_name}}));
  html.Element("p", code->code, {{"class", "code"}});
  html.Element("p", site.T(ctx, "office.kiosks.code.valid_until",
                           {{"time", FormatDateTime(code->expires_ms)}}));
  html.Element("p", site.T(ctx, "office.kiosks.code.how"), {{"class", "muted"}});
  html.Element("a", site.T(ctx, "office.kiosks.back"),
               {{"href", "/office/kiosks"}, {"class", "button"}});
  site.EndPage(html);
  OfficeSite::SendHtml(response, 200, html.Take());
}

}  // namespace raida::server::web
