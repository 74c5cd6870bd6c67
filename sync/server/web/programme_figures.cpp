// Counting the programme figures; see programme_figures.h. Four grouped queries (enrollments,
// attendance, lessons, certificates), each indexed by the foreign keys it joins on, merged in
// memory by (center, course).
#include "web/programme_figures.h"

#include <map>
#include <nlohmann/json.hpp>
#include <utility>

namespace raida::server::web {
namespace {

using Key = std::pair<std::string, std::string>;  // center id, course id
using Rows = std::map<Key, ProgrammeRow>;

constexpr const char* kEnrollmentSql =
    "SELECT o.center_id, o.course_id, count(DISTINCT o.id), "
    "coalesce(sum(e.status <> 'cancelled'), 0), "
    "coalesce(sum(e.status IN ('confirmed', 'attended', 'completed')), 0), "
    "coalesce(sum(e.status = 'waitlisted'), 0) "
    "FROM course_offering o LEFT JOIN enrollment e ON e.offering_id = o.id AND e.deleted = 0 "
    "WHERE o.deleted = 0 AND o.starts_on <= ?2 AND o.ends_on >= ?1 AND (?3 = '' OR "
    "o.center_id = ?3) GROUP BY o.center_id, o.course_id";
constexpr const char* kAttendanceSql =
    "SELECT o.center_id, o.course_id, count(*), coalesce(sum(a.mark = 'present'), 0) "
    "FROM attendance a JOIN course_session s ON s.id = a.session_id "
    "JOIN course_offering o ON o.id = s.offering_id "
    "WHERE a.deleted = 0 AND s.date BETWEEN ?1 AND ?2 AND (?3 = '' OR o.center_id = ?3) "
    "GROUP BY o.center_id, o.course_id";
constexpr const char* kLessonSql =
    "SELECT p.home_center_id, lp.course_id, count(*) FROM lesson_progress lp "
    "JOIN person p ON p.id = lp.person_id WHERE lp.deleted = 0 AND lp.completed = 1 AND "
    "date((lp.hlc >> 16) / 1000, 'unixepoch', 'localtime') BETWEEN ?1 AND ?2 AND "
    "(?3 = '' OR p.home_center_id = ?3) GROUP BY p.home_center_id, lp.course_id";
constexpr const char* kCertificateSql =
    "SELECT center_id, course_id, count(*) FROM certificate WHERE deleted = 0 AND issued_on "
    "BETWEEN ?1 AND ?2 AND (?3 = '' OR center_id = ?3) GROUP BY center_id, course_id";

// Runs one grouped query and hands each row (center, course, counts from column 2) to `add`.
template <typename Add>
core::Status Accumulate(core::Store& store, const char* sql, const ProgrammeFilter& filter,
                        Rows& rows, Add add) {
  RAIDA_ASSIGN_OR_RETURN(core::Statement stmt, store.db().Prepare(sql));
  stmt.Bind(1, filter.from).Bind(2, filter.to).Bind(3, filter.center_id);
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
  RAIDA_TRY(Accumulate(store, kEnrollmentSql, filter, rows,
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
      store, kLessonSql, filter, rows,
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
