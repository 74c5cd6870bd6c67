// The Participants report page: how many people took part, by age band (with 50+), gender,
// employment status and center, for a period and optionally one center (participants_report.h),
// with the same figures to download as CSV or XLSX (report_export.h). Counts only, so every
// office role may open it; a coordinator's report is always their own center's.
#include <filesystem>

#include "web/office_format.h"
#include "web/office_site.h"
#include "web/participants_report.h"
#include "web/report_export.h"

namespace raida::server::web {
namespace {

// The report, with the centers for the filter form in `centers`.
core::Result<ParticipantsReport> Load(OfficeSite& site, const ReportFilter& filter,
                                      std::vector<CenterChoice>* centers) {
  return site.WithStore([&](core::Store& store, SyncEngine&) {
    if (centers != nullptr) {
      auto listed = ListCenterChoices(store);
      if (!listed.ok()) {
        return core::Result<ParticipantsReport>(listed.error());
      }
      *centers = std::move(listed).value();
    }
    return LoadParticipantsReport(store, filter);
  });
}

std::string Query(const ReportFilter& filter) {
  return "?from=" + filter.from + "&to=" + filter.to +
         "&center=" + httplib::detail::encode_query_param(filter.center_id);
}

// One breakdown: a row per center and one for the whole report; a column per category.
void DimensionTable(OfficeSite& site, const PageContext& ctx, HtmlWriter& html,
                    const ParticipantsReport& report, const ReportDimension& dimension) {
  auto T = [&](const std::string& key) { return site.T(ctx, "office.report." + key); };
  auto section = html.Scoped("section", {{"class", "center"}});
  html.Element("h2", T("section." + dimension.key));
  auto wrap = html.Scoped("div", {{"class", "table-wrap"}});
  auto table = html.Scoped("table", {{"class", "figures"}, {"data-dimension", dimension.key}});
  {
    auto head = html.Scoped("thead");
    auto tr = html.Scoped("tr");
    html.Element("th", T("center"), {{"scope", "col"}});
    for (const std::string& category : dimension.categories) {
      html.Element("th", T("cat." + category), {{"scope", "col"}});
    }
    html.Element("th", T("total"), {{"scope", "col"}});
  }
  auto body = html.Scoped("tbody");
  auto row = [&](const std::string& name, const std::string& center_id, int64_t total) {
    auto tr = html.Scoped("tr");
    html.Element("th", name, {{"scope", "row"}});
    for (const std::string& category : dimension.categories) {
      const int64_t count =
          center_id.empty()
              ? (dimension.district.count(category) != 0 ? dimension.district.at(category) : 0)
              : CountAt(dimension.by_center, center_id, category);
      html.Element("td", std::to_string(count),
                   {{"class", "number"}, {"data-label", T("cat." + category)}});
    }
    html.Element("td", std::to_string(total), {{"class", "number"}, {"data-label", T("total")}});
  };
  for (const CenterChoice& center : report.centers) {
    const auto total = report.center_totals.find(center.id);
    row(center.name, center.id, total == report.center_totals.end() ? 0 : total->second);
  }
  if (report.filter.center_id.empty()) {  // one center's report: its row is the total
    row(T("all_centers"), "", report.total);
  }
}

ExportTable Table(OfficeSite& site, const PageContext& ctx, const ParticipantsReport& report) {
  return BuildExportTable(report, [&](const std::string& key) { return site.T(ctx, key); });
}

std::string FileName(const ReportFilter& filter, const char* extension) {
  return "attachment; filename=\"participants-" + filter.from + "-" + filter.to + extension + "\"";
}

}  // namespace

void ShowReport(OfficeSite& site, PageContext& ctx, httplib::Response& response) {
  const ReportFilter filter = ReadPeriodFilter(site, ctx);
  std::vector<CenterChoice> centers;
  auto report = Load(site, filter, &centers);
  if (!report.ok()) {
    site.SendInternalError(ctx, response, report.error());
    return;
  }
  HtmlWriter html;
  site.BeginPage(html, ctx, OfficePage::kReport, site.T(ctx, "office.report.title"));
  html.Element("p", site.T(ctx, "office.report.intro"), {{"class", "muted"}});
  PeriodFilterForm(site, ctx, html, filter, centers, "/office/report", "office.report.");
  html.Element(
      "p",
      site.T(ctx, "office.report.summary",
             {{"count", std::to_string(report->total)}, {"from", filter.from}, {"to", filter.to}}),
      {{"class", "summary"}});
  {
    auto actions = html.Scoped("div", {{"class", "actions"}});
    html.Element("a", site.T(ctx, "office.report.csv"),
                 {{"href", "/office/report.csv" + Query(filter)}, {"class", "button"}});
    html.Element("a", site.T(ctx, "office.report.xlsx"),
                 {{"href", "/office/report.xlsx" + Query(filter)}, {"class", "button"}});
  }
  for (const ReportDimension& dimension : report->dimensions) {
    DimensionTable(site, ctx, html, *report, dimension);
  }
  html.Element("p", site.T(ctx, "office.report.definitions"), {{"class", "muted"}});
  site.EndPage(html);
  OfficeSite::SendHtml(response, 200, html.Take());
}

void DownloadReportCsv(OfficeSite& site, PageContext& ctx, httplib::Response& response) {
  const ReportFilter filter = ReadPeriodFilter(site, ctx);
  auto report = Load(site, filter, nullptr);
  if (!report.ok()) {
    site.SendInternalError(ctx, response, report.error());
    return;
  }
  site.Audit(ctx, "office.report_export", "csv center=" + filter.center_id, "ok");
  response.status = 200;
  response.set_header("Content-Disposition", FileName(filter, ".csv"));
  response.set_content(ExportCsv(Table(site, ctx, *report)), "text/csv; charset=utf-8");
}

void DownloadReportXlsx(OfficeSite& site, PageContext& ctx, httplib::Response& response) {
  const ReportFilter filter = ReadPeriodFilter(site, ctx);
  auto report = Load(site, filter, nullptr);
  if (!report.ok()) {
    site.SendInternalError(ctx, response, report.error());
    return;
  }
  auto bytes = ExportXlsx(Table(site, ctx, *report), site.T(ctx, "office.report.sheet"),
                          std::filesystem::temp_directory_path().string());
  if (!bytes.ok()) {
    site.SendInternalError(ctx, response, bytes.error());
    return;
  }
  site.Audit(ctx, "office.report_export", "xlsx center=" + filter.center_id, "ok");
  response.status = 200;
  response.set_header("Content-Disposition", FileName(filter, ".xlsx"));
  response.set_content(std::move(bytes).value(),
                       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
}

}  // namespace raida::server::web
