// Reading the catalog and publishing lesson packs; see catalog_data.h.
#include "web/catalog_data.h"

#include <string_view>

#include "web/office_format.h"

namespace raida::server::web {
namespace {

constexpr const char* kCoursesSql =
    "SELECT c.id, c.title, c.category, c.hours, (SELECT count(*) FROM course_offering o WHERE "
    "o.course_id = c.id AND o.deleted = 0 AND (?1 = '' OR o.center_id = ?1)) FROM course c "
    "WHERE c.deleted = 0 ORDER BY c.id";
constexpr const char* kOfferingsSql =
    "SELECT o.id, c.title, o.center_id, coalesce(x.name, ''), o.starts_on, o.ends_on, o.place, "
    "o.capacity, (SELECT count(*) FROM enrollment e WHERE e.offering_id = o.id AND e.deleted = 0 "
    "AND e.status IN ('confirmed', 'attended', 'completed')), (SELECT count(*) FROM enrollment e "
    "WHERE e.offering_id = o.id AND e.deleted = 0 AND e.status = 'waitlisted'), o.cancelled "
    "FROM course_offering o JOIN course c ON c.id = o.course_id LEFT JOIN center x ON x.id = "
    "o.center_id WHERE o.deleted = 0 AND (?1 = '' OR o.center_id = ?1) "
    "ORDER BY x.name, o.starts_on DESC, o.id";
constexpr const char* kPacksSql =
    "SELECT p.id, p.course_id, coalesce(c.title, '{}'), p.version, (SELECT group_concat(v) FROM "
    "(SELECT DISTINCT CAST(json_extract(l.cols, '$.version') AS INTEGER) AS v FROM change_log l "
    "WHERE l.tbl = 'lesson_pack' AND l.pk = p.id AND json_extract(l.cols, '$.version') IS NOT "
    "NULL ORDER BY v)) FROM lesson_pack p LEFT JOIN course c ON c.id = p.course_id "
    "WHERE p.deleted = 0 ORDER BY p.id";

std::vector<int64_t> ParseVersions(const std::string& list) {
  std::vector<int64_t> versions;
  size_t start = 0;
  while (start < list.size()) {
    size_t end = list.find(',', start);
    end = end == std::string::npos ? list.size() : end;
    versions.push_back(std::stoll(list.substr(start, end - start)));
    start = end + 1;
  }
  return versions;
}

template <typename Add>
core::Status Each(core::Store& store, const char* sql, const std::string& center_id, Add add) {
  RAIDA_ASSIGN_OR_RETURN(core::Statement stmt, store.db().Prepare(sql));
  if (std::string_view(sql).find("?1") != std::string_view::npos) {
    stmt.Bind(1, center_id);
  }
  while (true) {
    RAIDA_ASSIGN_OR_RETURN(const bool row, stmt.Step());
    if (!row) {
      return core::Ok();
    }
    add(stmt);
  }
}

}  // namespace

core::Result<Catalog> LoadCatalog(core::Store& store, const std::string& center_id) {
  Catalog catalog;
  RAIDA_TRY(Each(store, kCoursesSql, center_id, [&](const core::Statement& s) {
    catalog.courses.push_back({s.ColumnText(0), ParseLocalizedJson(s.ColumnText(1)),
                               s.ColumnText(2), s.ColumnInt(3), s.ColumnInt(4)});
  }));
  RAIDA_TRY(Each(store, kOfferingsSql, center_id, [&](const core::Statement& s) {
    catalog.offerings.push_back({s.ColumnText(0), ParseLocalizedJson(s.ColumnText(1)),
                                 s.ColumnText(2), s.ColumnText(3), s.ColumnText(4), s.ColumnText(5),
                                 s.ColumnText(6), s.ColumnInt(7), s.ColumnInt(8), s.ColumnInt(9),
                                 s.ColumnInt(10) != 0});
  }));
  RAIDA_TRY(Each(store, kPacksSql, "", [&](const core::Statement& s) {
    catalog.packs.push_back({s.ColumnText(0), s.ColumnText(1), ParseLocalizedJson(s.ColumnText(2)),
                             s.ColumnInt(3), ParseVersions(s.ColumnText(4))});
  }));
  return catalog;
}

core::Result<PublishOutcome> PublishLessonPacks(core::Store& store, SyncEngine& engine,
                                                const std::string& folder) {
  PublishOutcome outcome;
  core::PackCheckOptions options;
  RAIDA_ASSIGN_OR_RETURN(options.catalog_courses, core::StoreCatalogCourseIds(store));
  RAIDA_ASSIGN_OR_RETURN(outcome.problems, core::CheckPacks({folder}, options));
  if (!outcome.problems.empty()) {
    return outcome;
  }
  RAIDA_ASSIGN_OR_RETURN(outcome.published, core::PublishPackFolders(store, {folder}));
  RAIDA_ASSIGN_OR_RETURN(outcome.feed_entries, engine.PublishAll());
  return outcome;
}

}  // namespace raida::server::web
