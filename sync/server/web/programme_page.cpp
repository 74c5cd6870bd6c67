// The Programme page: sign-ups, confirmed seats, waiting lists, attendance, lessons and
// certificates per center and course for a period (programme_figures.h), with a bar chart drawn
// on the server as SVG (no script, no chart library). Aggregated figures only, so every office
// role may open it; a coordinator's figures are always their own center's.
#include <algorithm>
#include <map>

#include "web/office_format.h"
#include "web/office_site.h"
#include "web/programme_figures.h"

namespace raida::server::web {
namespace {

constexpr int kChartWidth = 760;
constexpr int kChartLabelWidth = 280;
constexpr int kChartBarHeight = 14;
constexpr int kChartRowHeight = 44;
constexpr size_t kChartLabelChars = 26;

struct ChartBar {
  std::string label;
  int64_t signups = 0;
  int64_t confirmed = 0;
};

// At most `chars` code points of `text`, with "…" when cut.
std::string Shorten(const std::string& text, size_t chars) {
  size_t count = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && count++ == chars) {
      return text.substr(0, i) + "\u2026";
    }
  }
  return text;
}

// The legend under the bars, at height `y`.
void ChartLegend(OfficeSite& site, const PageContext& ctx, HtmlWriter& html, int y) {
  const std::pair<const char*, const char*> entries[] = {
      {"bar-signups", "office.programme.col.signups"},
      {"bar-confirmed", "office.programme.col.confirmed"}};
  int x = kChartLabelWidth;
  for (const auto& [css, key] : entries) {
    html.Void("rect", {{"x", std::to_string(x)},
                       {"y", std::to_string(y + 6)},
                       {"width", "14"},
                       {"height", "14"},
                       {"class", css}});
    html.Close("rect");
    html.Element(
        "text", site.T(ctx, key),
        {{"x", std::to_string(x + 20)}, {"y", std::to_string(y + 18)}, {"class", "chart-value"}});
    x += 200;
  }
}

// A horizontal bar chart: one pair of bars (sign-ups, confirmed) per entry.
void Chart(OfficeSite& site, const PageContext& ctx, HtmlWriter& html,
           const std::vector<ChartBar>& bars, const std::string& caption) {
  int64_t most = 1;
  for (const ChartBar& bar : bars) {
    most = std::max({most, bar.signups, bar.confirmed});
  }
  const int height = static_cast<int>(bars.size()) * kChartRowHeight + 40;
  const std::string h = std::to_string(height);
  auto figure = html.Scoped("figure", {{"class", "chart"}});
  html.Element("figcaption", caption);
  auto svg = html.Scoped("svg", {{"xmlns", "http://www.w3.org/2000/svg"},
                                 {"viewBox", "0 0 " + std::to_string(kChartWidth) + " " + h},
                                 {"role", "img"},
                                 {"aria-label", caption}});
  const int bar_space = kChartWidth - kChartLabelWidth - 60;
  int y = 10;
  for (const ChartBar& bar : bars) {
    html.Element("text", Shorten(bar.label, kChartLabelChars),
                 {{"x", "0"}, {"y", std::to_string(y + 19)}, {"class", "chart-label"}});
    const std::pair<int64_t, const char*> values[] = {{bar.signups, "bar-signups"},
                                                      {bar.confirmed, "bar-confirmed"}};
    int bar_y = y + 2;
    for (const auto& [value, css] : values) {
      const int64_t width = value * bar_space / most;
      html.Void("rect", {{"x", std::to_string(kChartLabelWidth)},
                         {"y", std::to_string(bar_y)},
                         {"width", std::to_string(std::max<int64_t>(width, 1))},
                         {"height", std::to_string(kChartBarHeight)},
                         {"class", css}});
      html.Close("rect");
      html.Element("text", std::to_string(value),
                   {{"x", std::to_string(kChartLabelWidth + width + 6)},
                    {"y", std::to_string(bar_y + kChartBarHeight - 2)},
                    {"class", "chart-value"}});
      bar_y += kChartBarHeight + 4;
    }
    y += kChartRowHeight;
  }
  ChartLegend(site, ctx, html, y);
}

// One chart bar per center, or per course when the figures are of one center.
std::vector<ChartBar> ChartBars(const PageContext& ctx, const std::vector<ProgrammeRow>& rows,
                                bool per_course) {
  std::vector<ChartBar> bars;
  std::map<std::string, size_t> index;
  for (const ProgrammeRow& row : rows) {
    const std::string label =
        per_course ? core::Localize(row.course_title, ctx.lang) : row.center_name;
    const std::string key = per_course ? row.course_id : row.center_id;
    auto [it, added] = index.emplace(key, bars.size());
    if (added) {
      bars.push_back({label, 0, 0});
    }
    bars[it->second].signups += row.signups;
    bars[it->second].confirmed += row.confirmed;
  }
  return bars;
}

void FiguresTable(OfficeSite& site, const PageContext& ctx, HtmlWriter& html,
                  const std::vector<ProgrammeRow>& rows) {
  auto T = [&](const std::string& key) { return site.T(ctx, "office.programme." + key); };
  static constexpr const char* kColumns[] = {"center",     "course",    "offerings",
                                             "signups",    "confirmed", "waitlisted",
                                             "attendance", "lessons",   "certificates"};
  auto wrap = html.Scoped("div", {{"class", "table-wrap"}});
  auto table = html.Scoped("table", {{"class", "figures"}});
  {
    auto head = html.Scoped("thead");
    auto tr = html.Scoped("tr");
    for (const char* column : kColumns) {
      html.Element("th", T(std::string("col.") + column), {{"scope", "col"}});
    }
  }
  auto body = html.Scoped("tbody");
  for (const ProgrammeRow& r : rows) {
    auto tr = html.Scoped("tr");
    const std::string values[] = {r.center_name,
                                  core::Localize(r.course_title, ctx.lang),
                                  std::to_string(r.offerings),
                                  std::to_string(r.signups),
                                  std::to_string(r.confirmed),
                                  std::to_string(r.waitlisted),
                                  FormatPercent(r.present, r.marks),
                                  std::to_string(r.lessons_completed),
                                  std::to_string(r.certificates)};
    for (size_t i = 0; i < std::size(values); ++i) {
      html.Element("td", values[i],
                   {{"data-label", T(std::string("col.") + kColumns[i])},
                    {"class", i >= 2 ? "number" : ""}});
    }
  }
}

}  // namespace

void ShowProgramme(OfficeSite& site, PageContext& ctx, httplib::Response& response) {
  const ProgrammeFilter filter = ReadPeriodFilter(site, ctx);
  std::vector<CenterChoice> centers;
  auto rows = site.WithStore([&](core::Store& store, SyncEngine&) {
    auto listed = ListCenterChoices(store);
    if (!listed.ok()) {
      return core::Result<std::vector<ProgrammeRow>>(listed.error());
    }
    centers = std::move(listed).value();
    return LoadProgramme(store, filter);
  });
  if (!rows.ok()) {
    site.SendInternalError(ctx, response, rows.error());
    return;
  }
  HtmlWriter html;
  site.BeginPage(html, ctx, OfficePage::kProgramme, site.T(ctx, "office.programme.title"));
  PeriodFilterForm(site, ctx, html, filter, centers, "/office/programme", "office.programme.");
  if (rows->empty()) {
    html.Element("p", site.T(ctx, "office.programme.empty"), {{"class", "notice"}});
  } else {
    const bool per_course = !filter.center_id.empty();
    Chart(site, ctx, html, ChartBars(ctx, *rows, per_course),
          site.T(ctx,
                 per_course ? "office.programme.chart_courses" : "office.programme.chart_centers",
                 {{"from", filter.from}, {"to", filter.to}}));
    FiguresTable(site, ctx, html, *rows);
    html.Element("p", site.T(ctx, "office.programme.definitions"), {{"class", "muted"}});
  }
  site.EndPage(html);
  OfficeSite::SendHtml(response, 200, html.Take());
}

}  // namespace raida::server::web
