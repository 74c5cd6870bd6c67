// Counting the participants report; see participants_report.h. One query lists each (center,
// participant) pair once with the person's three categories; the counts are added up in memory,
// so a person is counted once per center and once in the district whatever the number of their
// enrollments.
#include "web/participants_report.h"

#include <set>

namespace raida::server::web {
namespace {

// ?1 from, ?2 to, ?3 center ("" for all), ?4 the year ages are counted in.
constexpr const char* kParticipantsSql =
    "SELECT DISTINCT o.center_id, p.id, "
    "CASE WHEN p.birth_year IS NULL THEN 'not_recorded' "
    "WHEN ?4 - p.birth_year < 30 THEN 'under_30' WHEN ?4 - p.birth_year < 50 THEN '30_49' "
    "WHEN ?4 - p.birth_year < 65 THEN '50_64' ELSE '65_plus' END, "
    "CASE WHEN p.gender IN ('female', 'male', 'other') THEN p.gender ELSE 'not_recorded' END, "
    "CASE WHEN p.employment_status IN ('employed', 'unemployed', 'retired', 'inactive') "
    "THEN p.employment_status ELSE 'not_recorded' END "
    "FROM enrollment e JOIN course_offering o ON o.id = e.offering_id "
    "JOIN person p ON p.id = e.person_id "
    "WHERE e.deleted = 0 AND e.status IN ('confirmed', 'attended', 'completed') "
    "AND o.deleted = 0 AND o.cancelled = 0 AND o.starts_on <= ?2 AND o.ends_on >= ?1 "
    "AND (?3 = '' OR o.center_id = ?3) "
    "AND p.deleted = 0 AND p.erased = 0 AND p.merged_into IS NULL";

std::vector<ReportDimension> EmptyDimensions() {
  std::vector<ReportDimension> dimensions(3);
  dimensions[0].key = "age";
  dimensions[0].categories = {"under_30", "30_49", "50_64", "65_plus", kFiftyPlus, kNotRecorded};
  dimensions[1].key = "gender";
  dimensions[1].categories = {"female", "male", "other", kNotRecorded};
  dimensions[2].key = "employment";
  dimensions[2].categories = {"employed", "unemployed", "retired", "inactive", kNotRecorded};
  return dimensions;
}

// Adds one person's category of one dimension at `center` (and to the district once).
void Count(ReportDimension& dimension, const std::string& center, const std::string& category,
           bool first_time_in_district) {
  ++dimension.by_center[center][category];
  if (first_time_in_district) {
    ++dimension.district[category];
  }
  if (category == "50_64" || category == "65_plus") {
    ++dimension.by_center[center][kFiftyPlus];
    if (first_time_in_district) {
      ++dimension.district[kFiftyPlus];
    }
  }
}

core::Status ListCenters(core::Store& store, ParticipantsReport& report) {
  RAIDA_ASSIGN_OR_RETURN(const std::vector<CenterChoice> all, ListCenterChoices(store));
  for (const CenterChoice& center : all) {
    if (report.center_totals.count(center.id) != 0 || center.id == report.filter.center_id) {
      report.centers.push_back(center);
    }
  }
  return core::Ok();
}

}  // namespace

core::Result<ParticipantsReport> LoadParticipantsReport(core::Store& store,
                                                        const ReportFilter& filter) {
  ParticipantsReport report;
  report.filter = filter;
  report.dimensions = EmptyDimensions();
  RAIDA_ASSIGN_OR_RETURN(core::Statement stmt, store.db().Prepare(kParticipantsSql));
  const int64_t year = std::stoll(filter.to.substr(0, 4));
  stmt.Bind(1, filter.from).Bind(2, filter.to).Bind(3, filter.center_id).Bind(4, year);
  std::set<std::string> people;
  while (true) {
    RAIDA_ASSIGN_OR_RETURN(const bool row, stmt.Step());
    if (!row) {
      break;
    }
    const std::string center = stmt.ColumnText(0);
    const bool first = people.insert(stmt.ColumnText(1)).second;
    ++report.center_totals[center];
    for (size_t i = 0; i < report.dimensions.size(); ++i) {
      Count(report.dimensions[i], center, stmt.ColumnText(static_cast<int>(i) + 2), first);
    }
  }
  report.total = static_cast<int64_t>(people.size());
  RAIDA_TRY(ListCenters(store, report));
  return report;
}

}  // namespace raida::server::web
