// Formatting for the office pages; see office_format.h.
#include "web/office_format.h"

#include <cstdlib>
#include <ctime>
#include <nlohmann/json.hpp>

namespace raida::server::web {
namespace {

std::string FormatLocal(int64_t unix_ms, const char* format) {
  const time_t seconds = static_cast<time_t>(unix_ms / 1000);
  std::tm local{};
  localtime_r(&seconds, &local);
  char text[32];
  const size_t size = std::strftime(text, sizeof text, format, &local);
  return std::string(text, size);
}

}  // namespace

std::string FormatDateTime(int64_t unix_ms) { return FormatLocal(unix_ms, "%Y-%m-%d %H:%M"); }

std::string FormatDate(int64_t unix_ms) { return FormatLocal(unix_ms, "%Y-%m-%d"); }

std::string FormatAgo(const OfficeSite& site, const PageContext& ctx, int64_t now_ms,
                      int64_t then_ms) {
  const int64_t minutes = (now_ms - then_ms) / 60000;
  if (now_ms < then_ms) {
    return site.T(ctx, "office.time.future");
  }
  if (minutes < 1) {
    return site.T(ctx, "office.time.just_now");
  }
  if (minutes < 60) {
    return site.T(ctx, "office.time.minutes_ago", {{"n", std::to_string(minutes)}});
  }
  if (minutes < 48 * 60) {
    return site.T(ctx, "office.time.hours_ago", {{"n", std::to_string(minutes / 60)}});
  }
  return site.T(ctx, "office.time.days_ago", {{"n", std::to_string(minutes / (24 * 60))}});
}

std::string FormatOffset(int64_t offset_ms) {
  const std::string sign = offset_ms < 0 ? "\u2212" : "+";
  const int64_t seconds = std::llabs(offset_ms) / 1000;
  if (seconds < 120) {
    return sign + std::to_string(seconds) + " s";
  }
  if (seconds < 2 * 3600) {
    return sign + std::to_string(seconds / 60) + " min";
  }
  if (seconds < 2 * 86400) {
    return sign + std::to_string(seconds / 3600) + " h";
  }
  return sign + std::to_string(seconds / 86400) + " d";
}

std::string FormatBytes(int64_t bytes) {
  constexpr int64_t kMb = 1000 * 1000;
  constexpr int64_t kGb = 1000 * kMb;
  if (bytes < kGb) {
    return std::to_string(bytes / kMb) + "\u00a0MB";
  }
  const int64_t tenths = (bytes * 10 + kGb / 2) / kGb;
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + "\u00a0GB";
}

std::string FormatPercent(int64_t part, int64_t total) {
  if (total <= 0) {
    return "\u2013";
  }
  return std::to_string((part * 100 + total / 2) / total) + "\u00a0%";
}

bool IsIsoDate(const std::string& text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return false;
  }
  for (size_t i = 0; i < text.size(); ++i) {
    if (i != 4 && i != 7 && (text[i] < '0' || text[i] > '9')) {
      return false;
    }
  }
  return true;
}

ProgrammeFilter ReadPeriodFilter(const OfficeSite& site, const PageContext& ctx) {
  const std::string today = FormatDate(site.clock().NowMs());
  ProgrammeFilter filter{ctx.Param("from"), ctx.Param("to"), ctx.Param("center")};
  if (!IsIsoDate(filter.from)) {
    filter.from = today.substr(0, 4) + "-01-01";
  }
  if (!IsIsoDate(filter.to)) {
    filter.to = today.substr(0, 4) + "-12-31";
  }
  if (filter.to < filter.from) {
    std::swap(filter.from, filter.to);
  }
  if (ctx.user().role == OfficeRole::kCoordinator) {
    filter.center_id = ctx.user().center_id;
  }
  return filter;
}

void PeriodFilterForm(OfficeSite& site, const PageContext& ctx, HtmlWriter& html,
                      const ProgrammeFilter& filter, const std::vector<CenterChoice>& centers,
                      const std::string& action, const std::string& key_prefix) {
  auto T = [&](const char* key) { return site.T(ctx, key_prefix + key); };
  auto form =
      html.Scoped("form", {{"method", "get"}, {"action", action}, {"class", "card filters"}});
  for (const auto& [name, value] : {std::pair{"from", filter.from}, {"to", filter.to}}) {
    auto field = html.Scoped("div", {{"class", "field"}});
    html.Element("label", T(name), {{"for", name}});
    html.Void("input", {{"id", name}, {"name", name}, {"type", "date"}, {"value", value}});
  }
  if (ctx.user().role != OfficeRole::kCoordinator) {
    auto field = html.Scoped("div", {{"class", "field"}});
    html.Element("label", T("center"), {{"for", "center"}});
    auto select = html.Scoped("select", {{"id", "center"}, {"name", "center"}});
    html.Element("option", T("all_centers"), {{"value", ""}});
    for (const CenterChoice& center : centers) {
      std::vector<HtmlAttr> attrs = {{"value", center.id}};
      if (center.id == filter.center_id) {
        attrs.push_back({"selected", kBooleanAttr});
      }
      html.Open("option", attrs);
      html.Text(center.name);
      html.Close("option");
    }
  }
  html.Element("button", T("show"), {{"type", "submit"}, {"class", "primary"}});
}

core::LocalizedText ParseLocalizedJson(const std::string& text) {
  core::LocalizedText localized;
  const auto json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_object()) {
    for (const auto& item : json.items()) {
      if (item.value().is_string()) {
        localized[item.key()] = item.value().get<std::string>();
      }
    }
  }
  return localized;
}

}  // namespace raida::server::web
