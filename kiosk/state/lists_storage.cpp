// The coordinator's lists as CSV files; see lists_storage.h.
#include "kiosk/state/lists_storage.h"

#include <spdlog/spdlog.h>

#include <ctime>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <vector>

#include "raida/core/catalog_repository.h"
#include "raida/core/csv.h"
#include "raida/core/private_file.h"
#include "raida/core/store.h"

namespace raida::kiosk {
namespace {

namespace fs = std::filesystem;

// Rows of `sql` with `binds` parameters, each `offering_id`, as the text of `columns` columns.
core::Result<std::vector<std::vector<std::string>>> Rows(core::Store& store, const char* sql,
                                                         const std::string& offering_id, int binds,
                                                         int columns) {
  RAIDA_ASSIGN_OR_RETURN(core::Statement stmt, store.db().Prepare(sql));
  for (int i = 1; i <= binds; ++i) {
    stmt.Bind(i, offering_id);
  }
  std::vector<std::vector<std::string>> rows;
  while (true) {
    RAIDA_ASSIGN_OR_RETURN(const bool row, stmt.Step());
    if (!row) {
      return rows;
    }
    std::vector<std::string> cells;
    for (int col = 0; col < columns; ++col) {
      cells.push_back(stmt.ColumnText(col));
    }
    rows.push_back(std::move(cells));
  }
}

// "transport; care" from the JSON array of needs.
std::string Needs(const std::string& json) {
  const auto needs = nlohmann::json::parse(json, nullptr, false);
  std::string out;
  if (needs.is_array()) {
    for (const auto& need : needs) {
      if (need.is_string()) {
        out += (out.empty() ? "" : "; ") + need.get<std::string>();
      }
    }
  }
  return out;
}

// A person of the offering: live, not erased, not merged away.
constexpr const char* kLivePerson = "p.deleted = 0 AND p.erased = 0 AND p.merged_into IS NULL";

core::Result<std::pair<std::string, int>> Participants(core::Store& store,
                                                       const std::string& offering_id) {
  const std::string sql =
      "SELECT p.family_name, p.given_name, e.status, e.needs FROM enrollment e "
      "JOIN person p ON p.id = e.person_id WHERE e.offering_id = ? AND e.deleted = 0 AND "
      "e.status <> 'cancelled' AND " +
      std::string(kLivePerson) +
      " ORDER BY CASE e.status WHEN 'requested' THEN 1 WHEN 'waitlisted' THEN 2 ELSE 0 END, "
      "p.family_name, p.given_name, p.id";
  RAIDA_ASSIGN_OR_RETURN(auto rows, Rows(store, sql.c_str(), offering_id, 1, 4));
  std::string csv = core::kCsvBom + core::CsvLine({"family_name", "given_name", "status", "needs"});
  for (auto& row : rows) {
    row[3] = Needs(row[3]);
    csv += core::CsvLine(row);
  }
  return std::make_pair(csv, static_cast<int>(rows.size()));
}

core::Result<std::pair<std::string, int>> AttendanceSheet(core::Store& store,
                                                          const std::string& offering_id) {
  RAIDA_ASSIGN_OR_RETURN(
      const auto sessions,
      Rows(store,
           "SELECT id, date || ' ' || start_time FROM course_session WHERE offering_id = ? AND "
           "deleted = 0 ORDER BY date, start_time, id",
           offering_id, 1, 2));
  const std::string people_sql =
      "SELECT p.id, p.family_name, p.given_name FROM person p WHERE " + std::string(kLivePerson) +
      " AND (p.id IN (SELECT person_id FROM enrollment WHERE offering_id = ? AND deleted = 0 AND "
      "status IN ('confirmed', 'attended', 'completed')) OR p.id IN (SELECT a.person_id FROM "
      "attendance a JOIN course_session s ON s.id = a.session_id WHERE s.offering_id = ? AND "
      "a.deleted = 0)) ORDER BY p.family_name, p.given_name, p.id";
  RAIDA_ASSIGN_OR_RETURN(const auto people, Rows(store, people_sql.c_str(), offering_id, 2, 3));
  RAIDA_ASSIGN_OR_RETURN(
      const auto marks,
      Rows(store,
           "SELECT a.person_id, a.session_id, a.mark FROM attendance a JOIN course_session s ON "
           "s.id = a.session_id WHERE s.offering_id = ? AND a.deleted = 0",
           offering_id, 1, 3));
  std::map<std::pair<std::string, std::string>, std::string> mark_of;
  for (const auto& mark : marks) {
    mark_of[{mark[0], mark[1]}] = mark[2];
  }
  std::vector<std::string> header = {"family_name", "given_name"};
  for (const auto& session : sessions) {
    header.push_back(session[1]);
  }
  std::string csv = core::kCsvBom + core::CsvLine(header);
  for (const auto& person : people) {
    std::vector<std::string> line = {person[1], person[2]};
    for (const auto& session : sessions) {
      const auto mark = mark_of.find({person[0], session[0]});
      line.push_back(mark == mark_of.end() ? std::string() : mark->second);
    }
    csv += core::CsvLine(line);
  }
  return std::make_pair(csv, static_cast<int>(people.size()));
}

core::Result<std::pair<std::string, int>> Completions(core::Store& store,
                                                      const std::string& offering_id) {
  const std::string sql =
      "SELECT p.family_name, p.given_name, c.code, c.issued_on, c.hours FROM certificate c "
      "JOIN person p ON p.id = c.person_id JOIN course_offering o ON o.id = ? "
      "WHERE c.deleted = 0 AND " +
      std::string(kLivePerson) +
      " AND (c.offering_id = o.id OR (c.course_id = o.course_id AND c.person_id IN (SELECT "
      "person_id FROM enrollment WHERE offering_id = o.id AND deleted = 0 AND status <> "
      "'cancelled'))) ORDER BY p.family_name, p.given_name, c.issued_on, c.code";
  RAIDA_ASSIGN_OR_RETURN(const auto rows, Rows(store, sql.c_str(), offering_id, 1, 5));
  std::string csv = core::kCsvBom + core::CsvLine({"family_name", "given_name", "certificate_code",
                                                   "issued_on", "hours"});
  for (const auto& row : rows) {
    csv += core::CsvLine(row);
  }
  return std::make_pair(csv, static_cast<int>(rows.size()));
}

// "2026-11-23-1405" in local time.
std::string Stamp(int64_t now_ms) {
  const std::time_t seconds = static_cast<std::time_t>(now_ms / 1000);
  std::tm local{};
  localtime_r(&seconds, &local);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d-%H%M", &local);
  return text;
}

}  // namespace

const char* ListKindName(ListKind kind) {
  switch (kind) {
    case ListKind::kParticipants:
      return "participants";
    case ListKind::kAttendance:
      return "attendance";
    case ListKind::kCompletions:
      return "completions";
  }
  return "participants";
}

core::Result<std::optional<Action>> ListsStorage::Run(core::Store& store,
                                                      const LoadListOfferings& effect) {
  RAIDA_ASSIGN_OR_RETURN(
      core::Statement stmt,
      store.db().Prepare(
          "SELECT o.id, o.course_id, o.starts_on, o.ends_on, o.place, (SELECT count(*) FROM "
          "enrollment e WHERE e.offering_id = o.id AND e.deleted = 0 AND e.status <> "
          "'cancelled') FROM course_offering o WHERE o.center_id = ?1 AND o.deleted = 0 AND "
          "o.cancelled = 0 ORDER BY CASE WHEN o.ends_on < ?2 THEN 2 WHEN o.starts_on > ?2 THEN 1 "
          "ELSE 0 "
          "END, CASE WHEN o.starts_on > ?2 THEN o.starts_on END, o.ends_on DESC, o.id"));
  stmt.Bind(1, effect.center_id).Bind(2, effect.today);
  core::CatalogRepository catalog(store);
  ListOfferingsLoaded loaded;
  while (true) {
    RAIDA_ASSIGN_OR_RETURN(const bool row, stmt.Step());
    if (!row) {
      break;
    }
    ListOffering offering{stmt.ColumnText(0), "",
                          stmt.ColumnText(2), stmt.ColumnText(3),
                          stmt.ColumnText(4), static_cast<int>(stmt.ColumnInt(5))};
    RAIDA_ASSIGN_OR_RETURN(const auto course, catalog.GetCourse(stmt.ColumnText(1)));
    offering.title = course ? core::InLanguage(course->title, effect.language) : stmt.ColumnText(1);
    loaded.offerings.push_back(std::move(offering));
  }
  return std::optional<Action>(std::move(loaded));
}

core::Result<std::optional<Action>> ListsStorage::Run(core::Store& store, const WriteList& effect) {
  core::Result<std::pair<std::string, int>> list = core::MakeError(core::ErrorCode::kInternal, "");
  switch (effect.kind) {
    case ListKind::kParticipants:
      list = Participants(store, effect.offering_id);
      break;
    case ListKind::kAttendance:
      list = AttendanceSheet(store, effect.offering_id);
      break;
    case ListKind::kCompletions:
      list = Completions(store, effect.offering_id);
      break;
  }
  if (!list.ok()) {
    return list.error();
  }
  const fs::path dir(exports_dir_);
  const fs::path path = dir / (Stamp(store.clock().NowMs()) + "-" + ListKindName(effect.kind) +
                               "-" + effect.offering_id + ".csv");
  if (const core::Status written = core::WritePrivateFile(path.string(), list->first);
      !written.ok()) {
    spdlog::warn("coordinator lists: a {} list could not be written into {}: {}",
                 ListKindName(effect.kind), exports_dir_, written.error().message);
    return std::optional<Action>(ListExportFailed{effect.offering_id});
  }
  spdlog::info("coordinator lists: {} list of {} written ({} rows)", ListKindName(effect.kind),
               effect.offering_id, list->second);
  return std::optional<Action>(
      ListExported{effect.offering_id, effect.kind, path.string(), list->second});
}

}  // namespace raida::kiosk
