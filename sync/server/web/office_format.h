// Formatting numbers and times for the office pages (internal to the web module).
#pragma once

#include <cstdint>
#include <string>

#include "raida/core/model.h"
#include "web/office_site.h"
#include "web/programme_figures.h"

namespace raida::server::web {

// "2026-05-12 03:14" in the server's local time zone (the district's).
std::string FormatDateTime(int64_t unix_ms);
// "2026-05-12" in the server's local time zone.
std::string FormatDate(int64_t unix_ms);
// How long ago `then_ms` was, in words of the page's language ("3 h ago"); "just now" under a
// minute, and "in the future" for a time after `now_ms`.
std::string FormatAgo(const OfficeSite& site, const PageContext& ctx, int64_t now_ms,
                      int64_t then_ms);
// A clock offset in words: "+12 s", "−3 min", "+2 d" (the kiosk's clock behind or ahead).
std::string FormatOffset(int64_t offset_ms);
// A size in bytes for people: "850 MB", "12.4 GB" (decimal units, as disks are sold).
std::string FormatBytes(int64_t bytes);
// A whole-number percentage "73 %"; "–" when `total` is 0.
std::string FormatPercent(int64_t part, int64_t total);
// Whether `text` is a date "YYYY-MM-DD" (digits in the right places; not a calendar check).
bool IsIsoDate(const std::string& text);
// The period and center a page asks for (from, to, center): the current calendar year by
// default, the two dates swapped when given backwards; a coordinator's center is always their own.
ProgrammeFilter ReadPeriodFilter(const OfficeSite& site, const PageContext& ctx);
// The GET form that asks for that period and center (`action` is the page's path): two dates, the
// center (not for a coordinator) and a Show button, labelled with `<key_prefix>from`, `to`,
// `center`, `all_centers` and `show`.
void PeriodFilterForm(OfficeSite& site, const PageContext& ctx, HtmlWriter& html,
                      const ProgrammeFilter& filter, const std::vector<CenterChoice>& centers,
                      const std::string& action, const std::string& key_prefix);
// A localized text stored as a JSON object {"lt": "...", ...}; empty for anything else.
core::LocalizedText ParseLocalizedJson(const std::string& text);

}  // namespace raida::server::web
