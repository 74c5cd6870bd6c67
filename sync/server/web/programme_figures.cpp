// Counting the programme figures; see programme_figures.h. Four grouped queries (enrollments,
// attendance, lessons, certificates) merged in memory by (center, course).
//
// Speed (tests/bench/bench_office_render: 50 centers, 2,000 offerings, 100,000 enrollments,
// 444,000 attendance marks, 150,000 lesson records): for the whole district the enrollments
// are counted per offering in one pass over the table before the join (instead of one index
// search per offering and a look-up of every enrollment row), and lessons are scanned once by
// their stamp, compared as integers with the period's bounds, instead of converting every
// record's stamp to a local date with date(..., 'localtime'). For one center the index searches
// from that center's offerings and people stay the cheaper plan.
#include "web/programme_figures.h"

#include <cstdio>
#include <ctime>
#include <map>
#include <nlohmann/json.hpp>
#include <string_view>
#include <utility>

namespace raida::server::web {
namespace {

using Key = std::pair<std::string, std::string>;  // center id, course id
using Rows = std::map<Key, ProgrammeRow>;

// ?1 from, ?2 to (dates), ?3 center id ("" for all); lessons: ?4, ?5 the period's HLC bounds.
constexpr const char* kEnrollmentOneCenterSql =
    "SELECT o.center_id, o.course_id, count(DISTINCT o.id), "
    "coalesce(sum(e.status <> 'cancelled'), 0), "
    "coalesce(sum(e.status IN ('confirmed', 'attended', 'completed')), 0), "
    "coalesce(sum(e.status = 'waitlisted'), 0) "
    "FROM course_offering o LEFT JOIN enrollment e ON e.offering_id = o.id AND e.deleted = 0 "
    "WHERE o.deleted = 0 AND o.starts_on <= ?2 AND o.ends_on >= ?1 AND o.center_id = ?3 "
    "GROUP BY o.center_id, o.course_id";
constexpr const char* kEnrollmentAllSql =
    "SELECT o.center_id, o.course_id, count(*), coalesce(sum(e.signups), 0), "
    "coalesce(sum(e.confirmed), 0), coalesce(sum(e.waitlisted), 0) "
    "FROM course_offering o LEFT JOIN (SELECT offering_id, sum(status <> 'cancelled') AS signups, "
    "sum(status IN ('confirmed', 'attended', 'completed')) AS confirmed, "
    "sum(status = 'waitlisted') AS waitlisted FROM enrollment WHERE deleted = 0 "
    "GROUP BY offering_id) e ON e.offering_id = o.id "
    "WHERE o.deleted = 0 AND o.starts_on <= ?2 AND o.ends_on >= ?1 AND ?3 = '' "
    "GROUP BY o.center_id, o.course_id";
constexpr const char* kAttendanceSql =
    "SELECT o.center_id, o.course_id, count(*), coalesce(sum(a.mark = 'present'), 0) "
    "FROM attendance a JOIN course_session s ON s.id = a.session_id "
    "JOIN course_offering o ON o.id = s.offering_id "
    "WHERE a.deleted = 0 AND s.date BETWEEN ?1 AND ?2 AND (?3 = '' OR o.center_id = ?3) "
    "GROUP BY o.center_id, o.course_id";
constexpr const char* kLessonOneCenterSql =
    "SELECT p.home_center_id, lp.course_id, count(*) FROM person p "
    "JOIN lesson_progress lp ON lp.person_id = p.id WHERE p.home_center_id = ?3 AND "
    "lp.deleted = 0 AND lp.completed = 1 AND lp.hlc >= ?4 AND lp.hlc < ?5 "
    "GROUP BY p.home_center_id, lp.course_id";
constexpr const char* kLessonAllSql =
    "SELECT p.home_center_id, lp.course_id, count(*) FROM lesson_progress lp "
    "CROSS JOIN person p ON p.id = lp.person_id WHERE ?3 = '' AND lp.deleted = 0 AND "
    "lp.completed = 1 AND lp.hlc >= ?4 AND lp.hlc < ?5 GROUP BY p.home_center_id, lp.course_id";
constexpr const char* kCertificateSql =
    "SELECT center_id, course_id, count(*) FROM certificate WHERE deleted = 0 AND issued_on "
    "BETWEEN ?1 AND ?2 AND (?3 = '' OR center_id = ?3) GROUP BY center_id, course_id";

// The first HLC stamp of local midnight of `date` ("2026-01-01") plus `days` days: a stamp's
// top 48 bits are its milliseconds since the epoch (hlc.h), so a record's local date lies in
// [from, to] exactly when its stamp lies in [Bound(from, 0), Bound(to, 1)).
core::Result<int64_t> HlcBound(const std::string& date, int days) {
  std::tm local{};
  if (date.size() != 10 || std::sscanf(date.c_str(), "%4d-%2d-%2d", &local.tm_year, &local.tm_mon,
                                       &local.tm_mday) != 3) {
    return core::MakeError(core::ErrorCode::kInvalidArgument, "not a date: " + date);
  }
  local.tm_year -= 1900;
  local.tm_mon -= 1;
  local.tm_mday += days;
  local.tm_isdst = -1;  // whatever the local rule says for that day
  const std::time_t seconds = std::mktime(&local);
  if (seconds == static_cast<std::time_t>(-1)) {
    return core::MakeError(core::ErrorCode::kInvalidArgument, "not a local date: " + date);
  }
  return static_cast<int64_t>(seconds) * 1000 * 65536;
}

// Runs one grouped query and hands each row (center, course, counts from column 2) to `add`.
template <typename Add>
core::Status Accumulate(core::Store& store, const char* sql, const ProgrammeFilter& filter,
                        Rows& rows, Add add) {
  RAIDA_ASSIGN_OR_RETURN(core::Statement stmt, store.db().Prepare(sql));
  stmt.Bind(1, filter.from).Bind(2, filter.to).Bind(3, filter.center_id);
  if (std::string_view(sql).find("?4") != std::string_view::npos) {
    RAIDA_ASSIGN_OR_RETURN(const int64_t first, HlcBound(filter.from, 0));
    RAIDA_ASSIGN_OR_RETURN(const int64_t after, HlcBound(filter.to, 1));
    stmt.Bind(4, first).Bind(5, after);
  }
  while (true) {
    RAIDA_ASSIGN_OR_RETURN(const bool row, stmt.Step());
    if (!row) {
      return core::Ok();
    }
    ProgrammeRow& entry = rows[{stmt.ColumnText(0), stmt.ColumnText(1)}];
    add(entry, stmt);
  }
}

core::Result<std::map<std::string, core::LocalizedText>> CourseTitles(core::Store& store) {
  RAIDA_ASSIGN_OR_RETURN(core::Statement stmt, store.db().Prepare("SELECT id, title FROM course"));
  std::map<std::string, core::LocalizedText> titles;
  while (true) {
    RAIDA_ASSIGN_OR_RETURN(const bool row, stmt.Step());
    if (!row) {
      return titles;
    }
    const auto json = nlohmann::json::parse(stmt.ColumnText(1), nullptr, false);
    core::LocalizedText& title = titles[stmt.ColumnText(0)];
    if (json.is_object()) {
      for (const auto& item : json.items()) {
        if (item.value().is_string()) {
          title[item.key()] = item.value().get<std::string>();
        }
      }
    }
  }
}

}  // namespace

core::Result<std::vector<CenterChoice>> ListCenterChoices(core::Store& store) {
  RAIDA_ASSIGN_OR_RETURN(
      core::Statement stmt,
      store.db().Prepare("SELECT id, name FROM center WHERE deleted = 0 ORDER BY name, id"));
  std::vector<CenterChoice> centers;
  while (true) {
    RAIDA_ASSIGN_OR_RETURN(const bool row, stmt.Step());
    if (!row) {
      return centers;
    }
    centers.push_back({stmt.ColumnText(0), stmt.ColumnText(1)});
  }
}

core::Result<std::vector<ProgrammeRow>> LoadProgramme(core::Store& store,
                                                      const ProgrammeFilter& filter) {
  Rows rows;
  const bool all = filter.center_id.empty();
  RAIDA_TRY(Accumulate(store, all ? kEnrollmentAllSql : kEnrollmentOneCenterSql, filter, rows,
                       [](ProgrammeRow& r, const core::Statement& s) {
                         r.offerings += s.ColumnInt(2);
                         r.signups += s.ColumnInt(3);
                         r.confirmed += s.ColumnInt(4);
                         r.waitlisted += s.ColumnInt(5);
                       }));
  RAIDA_TRY(Accumulate(store, kAttendanceSql, filter, rows,
                       [](ProgrammeRow& r, const core::Statement& s) {
                         r.marks += s.ColumnInt(2);
                         r.present += s.ColumnInt(3);
                       }));
  RAIDA_TRY(Accumulate(
      store, all ? kLessonAllSql : kLessonOneCenterSql, filter, rows,
      [](ProgrammeRow& r, const core::Statement& s) { r.lessons_completed += s.ColumnInt(2); }));
  RAIDA_TRY(Accumulate(
      store, kCertificateSql, filter, rows,
      [](ProgrammeRow& r, const core::Statement& s) { r.certificates += s.ColumnInt(2); }));
  RAIDA_ASSIGN_OR_RETURN(const std::vector<CenterChoice> centers, ListCenterChoices(store));
  RAIDA_ASSIGN_OR_RETURN(const auto titles, CourseTitles(store));
  std::vector<ProgrammeRow> result;
  for (const CenterChoice& center : centers) {  // by center name
    for (auto it = rows.lower_bound({center.id, ""});
         it != rows.end() && it->first.first == center.id; ++it) {
      ProgrammeRow row = std::move(it->second);
      row.center_id = center.id;
      row.center_name = center.name;
      row.course_id = it->first.second;
      const auto title = titles.find(row.course_id);
      row.course_title = title != titles.end() ? title->second : core::LocalizedText{};
      result.push_back(std::move(row));
    }
  }
  return result;
}

}  // namespace raida::server::web
