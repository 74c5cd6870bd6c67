// The Certificates page: verifying a certificate code, as the district office does when an
// employer or another institution asks whether a certificate is genuine.
//
// The answer names the holder, so it is a page access to personal data: every verification goes
// to the office audit (the certificate's id, never the name). The code is sent in a POST form,
// so it stays out of addresses, browser history and logs. A coordinator verifies only the
// certificates of their own center; for any other code they are told what anyone is told for
// an unknown one.
#include "raida/core/certificate_repository.h"
#include "raida/core/model.h"
#include "web/office_site.h"

namespace raida::server::web {
namespace {

void CodeForm(OfficeSite& site, const PageContext& ctx, HtmlWriter& html,
              const std::string& typed) {
  auto form = html.Scoped(
      "form",
      {{"method", "post"}, {"action", "/office/certificates"}, {"class", "card inline-form"}});
  site.CsrfField(html, ctx);
  html.Element("label", site.T(ctx, "office.certificates.code"), {{"for", "code"}});
  html.Void("input", {{"id", "code"},
                      {"name", "code"},
                      {"type", "text"},
                      {"value", typed},
                      {"maxlength", "40"},
                      {"autocomplete", "off"},
                      {"autocapitalize", "characters"},
                      {"placeholder", "RKS-7K2M-9QXD"},
                      {"required", kBooleanAttr}});
  html.Element("button", site.T(ctx, "office.certificates.submit"),
               {{"type", "submit"}, {"class", "primary"}});
}

void Fact(HtmlWriter& html, const std::string& label, const std::string& value) {
  html.Element("dt", label);
  html.Element("dd", value);
}

void Details(OfficeSite& site, const PageContext& ctx, HtmlWriter& html,
             const core::CertificateDetails& details) {
  auto T = [&](const char* key) { return site.T(ctx, std::string("office.certificates.") + key); };
  const core::Certificate& c = details.certificate;
  auto card = html.Scoped("section", {{"class", "card result good"}, {"role", "status"}});
  html.Element("h2", T("found"));
  auto list = html.Scoped("dl", {{"class", "facts"}});
  Fact(html, T("holder"), details.given_name + " " + details.family_name);
  Fact(html, T("course"), core::Localize(details.course_title, ctx.lang));
  Fact(html, T("hours"), std::to_string(c.hours));
  Fact(html, T("issued_on"), c.issued_on);
  Fact(html, T("studied"),
       c.started_on.empty() ? T("lessons") : c.started_on + " \u2013 " + c.finished_on);
  Fact(html, T("center"), details.center_name);
  Fact(html, T("code_kept"), c.code);
}

}  // namespace

void ShowCertificates(OfficeSite& site, PageContext& ctx, httplib::Response& response) {
  HtmlWriter html;
  site.BeginPage(html, ctx, OfficePage::kCertificates, site.T(ctx, "office.certificates.title"));
  html.Element("p", site.T(ctx, "office.certificates.intro"));
  CodeForm(site, ctx, html, "");
  site.EndPage(html);
  OfficeSite::SendHtml(response, 200, html.Take());
}

void DoVerifyCertificate(OfficeSite& site, PageContext& ctx, httplib::Response& response) {
  const std::string typed = ctx.Param("code").substr(0, 40);
  auto found = site.WithStore([&](core::Store& store, SyncEngine&) {
    return core::CertificateRepository(store).Verify(typed);
  });
  if (!found.ok()) {
    site.SendInternalError(ctx, response, found.error());
    return;
  }
  std::optional<core::CertificateDetails> details = std::move(found).value();
  const bool other_center = details && ctx.user().role == OfficeRole::kCoordinator &&
                            details->certificate.center_id != ctx.user().center_id;
  site.Audit(ctx, "office.certificate.verify",
             details ? "certificate:" + details->certificate.id : "",
             !details ? "not_found" : (other_center ? "other_center" : "found"));
  if (other_center) {
    details.reset();
  }
  HtmlWriter html;
  site.BeginPage(html, ctx, OfficePage::kCertificates, site.T(ctx, "office.certificates.title"));
  CodeForm(site, ctx, html, typed);
  if (details) {
    Details(site, ctx, html, *details);
  } else {
    html.Element("p", site.T(ctx, "office.certificates.not_found"),
                 {{"class", "notice bad"}, {"role", "status"}});
  }
  site.EndPage(html);
  OfficeSite::SendHtml(response, 200, html.Take());
}

}  // namespace raida::server::web
