// The participants report for programme reporting (internal to the web module): how many people
// took part, by age band, gender, employment status and center, for a period — counts only,
// never a name, so every office role may see it (a coordinator only their own center).
//
// Definitions (a period is [from, to], both dates included):
//   participant  a person (not erased, not merged into another) with an enrollment that holds a
//                seat (confirmed, attended or completed) in an offering that is not cancelled and
//                overlaps the period
//   center       the center of that offering; a person who took part at two centers counts at
//                each, and once in the district's total
//   age band     age = the year of the period's end minus the birth year: under 30, 30–49,
//                50–64, 65 and over, with a 50+ subtotal (50–64 plus 65 and over); no birth year
//                is "not recorded"
//   gender, employment status  as recorded on the person (schema 7); "" is "not recorded"
// Removed rows (tombstones) never count.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "raida/core/result.h"
#include "raida/core/store.h"
#include "web/programme_figures.h"

namespace raida::server::web {

inline constexpr const char* kNotRecorded = "not_recorded";
inline constexpr const char* kFiftyPlus = "50_plus";  // the subtotal of the two oldest bands

// The period and center of a report (the same filter as the Programme page's).
using ReportFilter = ProgrammeFilter;

// One breakdown of the participants: its categories in display order and the count of each per
// center. A subtotal category (kFiftyPlus) is the sum of others and is not a category of its own
// when the counts are added up.
struct ReportDimension {
  std::string key;                                                  // "age", "gender", "employment"
  std::vector<std::string> categories;                              // "under_30", ..., kNotRecorded
  std::map<std::string, std::map<std::string, int64_t>> by_center;  // center id -> category
  std::map<std::string, int64_t> district;                          // category -> distinct people
  bool IsSubtotal(const std::string& category) const { return category == kFiftyPlus; }
};

struct ParticipantsReport {
  ReportFilter filter;
  std::vector<CenterChoice> centers;             // the centers reported, by name
  std::map<std::string, int64_t> center_totals;  // center id -> participants there
  int64_t total = 0;                             // distinct participants of the whole report
  std::vector<ReportDimension> dimensions;       // age, gender, employment
};

// Counts the report for `filter`. Only centers with participants are listed, unless
// filter.center_id names one, which is then always listed.
core::Result<ParticipantsReport> LoadParticipantsReport(core::Store& store,
                                                        const ReportFilter& filter);

}  // namespace raida::server::web
