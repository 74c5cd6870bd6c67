// CatalogRepository: the published catalog (districts, centers, courses, offerings, sessions).
// Writes load published data under a Store::ApplyingScope; the schema's guard triggers refuse
// catalog writes outside one, so the check here only gives the clearer message first.
#include "raida/core/catalog_repository.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <tuple>

#include "repository_util.h"

namespace raida::core {
namespace {

using detail::CollectRows;
using detail::FirstRow;

constexpr const char* kCenterColumns = "id, district_id, name, address, phone, opening_hours";
constexpr const char* kCourseColumns = "id, category, title, summary, what_to_bring, hours";
constexpr const char* kOfferingColumns =
    "id, course_id, center_id, starts_on, ends_on, place, capacity, cancelled";
constexpr const char* kSessionColumns = "id, offering_id, date, start_time, end_time";

Result<Center> ReadCenter(Statement& s) {
  Center c{s.ColumnText(0), s.ColumnText(1), s.ColumnText(2), s.ColumnText(3), s.ColumnText(4), {}};
  RAIDA_ASSIGN_OR_RETURN(c.opening_hours,
                         detail::DecodeLocalized(s.ColumnText(5), "center.opening_hours"));
  return c;
}

Result<Course> ReadCourse(Statement& s) {
  Course c;
  c.id = s.ColumnText(0);
  auto category = ParseCourseCategory(s.ColumnText(1));
  if (!category) {
    return MakeError(ErrorCode::kCorrupt, "course " + c.id + " has an unknown category");
  }
  c.category = *category;
  RAIDA_ASSIGN_OR_RETURN(c.title, detail::DecodeLocalized(s.ColumnText(2), "course.title"));
  RAIDA_ASSIGN_OR_RETURN(c.summary, detail::DecodeLocalized(s.ColumnText(3), "course.summary"));
  RAIDA_ASSIGN_OR_RETURN(c.what_to_bring,
                         detail::DecodeLocalized(s.ColumnText(4), "course.what_to_bring"));
  c.hours = static_cast<int>(s.ColumnInt(5));
  return c;
}

Result<Offering> ReadOffering(Statement& s) {
  return Offering{s.ColumnText(0),
                  s.ColumnText(1),
                  s.ColumnText(2),
                  s.ColumnText(3),
                  s.ColumnText(4),
                  s.ColumnText(5),
                  static_cast<int>(s.ColumnInt(6)),
                  s.ColumnInt(7) != 0};
}

Result<Session> ReadSession(Statement& s) {
  return Session{s.ColumnText(0), s.ColumnText(1), s.ColumnText(2), s.ColumnText(3),
                 s.ColumnText(4)};
}

// Select `columns` from `table` for one live row.
template <typename T, typename Read>
Result<std::optional<T>> GetById(Store& store, const char* columns, const char* table,
                                 const std::string& id, Read read) {
  RAIDA_ASSIGN_OR_RETURN(Statement stmt,
                         store.db().Prepare(std::string("SELECT ") + columns + " FROM " + table +
                                            " WHERE id = ? AND deleted = 0"));
  stmt.Bind(1, id);
  return FirstRow<T>(stmt, read);
}

// The words of `query` (runs of letters and digits; any byte of a multi-byte UTF-8 character
// counts as a letter) as an FTS5 query: each word quoted, so nothing in it is an operator, and
// marked as a prefix, all of them required. Polish "ł"/"Ł" become "l"/"L" as in the index
// (schema_v3.cpp). "" when the query has no word.
std::string FtsPrefixQuery(const std::string& query) {
  std::string folded;
  for (size_t i = 0; i < query.size(); ++i) {
    const bool l_stroke = i + 1 < query.size() && query[i] == '\xC5' &&
                          (query[i + 1] == '\x82' || query[i + 1] == '\x81');
    if (l_stroke) {
      folded.push_back(query[i + 1] == '\x82' ? 'l' : 'L');
      ++i;
    } else {
      folded.push_back(query[i]);
    }
  }
  std::string match;
  std::string word;
  auto flush = [&] {
    if (!word.empty()) {
      match += (match.empty() ? "\"" : " \"") + word + "\"*";
      word.clear();
    }
  };
  for (const char c : folded) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x80 || std::isalnum(byte) != 0) {
      word.push_back(c);
    } else {
      flush();
    }
  }
  flush();
  return match;
}

}  // namespace

Status CatalogRepository::UpsertDistrict(const District& district) {
  RAIDA_TRY(detail::RequireApplying(*store_, "UpsertDistrict"));
  RAIDA_TRY(detail::RequireText(district.id, "district id"));
  RAIDA_TRY(detail::RequireText(district.name, "district name"));
  RAIDA_ASSIGN_OR_RETURN(auto scope, store_->BeginWrite());
  RAIDA_ASSIGN_OR_RETURN(Statement stmt,
                         store_->db().Prepare(detail::PublishedUpsertSql("district", {"name"})));
  RAIDA_TRY(stmt.Bind(1, district.id).Bind(2, district.name).Run());
  return scope.Commit();
}

Status CatalogRepository::UpsertCenter(const Center& center) {
  RAIDA_TRY(detail::RequireApplying(*store_, "UpsertCenter"));
  RAIDA_TRY(detail::RequireText(center.id, "center id"));
  RAIDA_TRY(detail::RequireText(center.name, "center name"));
  RAIDA_ASSIGN_OR_RETURN(std::string hours, detail::EncodeLocalized(center.opening_hours));
  RAIDA_ASSIGN_OR_RETURN(auto scope, store_->BeginWrite());
  RAIDA_ASSIGN_OR_RETURN(
      Statement stmt, store_->db().Prepare(detail::PublishedUpsertSql(
                          "center", {"district_id", "name", "address", "phone", "opening_hours"})));
  stmt.Bind(1, center.id).Bind(2, center.district_id).Bind(3, center.name);
  RAIDA_TRY(stmt.Bind(4, center.address).Bind(5, center.phone).Bind(6, hours).Run());
  return scope.Commit();
}

Status CatalogRepository::UpsertCourse(const Course& course) {
  RAIDA_TRY(detail::RequireApplying(*store_, "UpsertCourse"));
  RAIDA_TRY(detail::RequireText(course.id, "course id"));
  RAIDA_TRY(detail::RequireText(Localize(course.title, "en"), "course title"));
  if (course.hours < 0) {
    return MakeError(ErrorCode::kInvalidArgument, "course hours must not be negative");
  }
  RAIDA_ASSIGN_OR_RETURN(std::string title, detail::EncodeLocalized(course.title));
  RAIDA_ASSIGN_OR_RETURN(std::string summary, detail::EncodeLocalized(course.summary));
  RAIDA_ASSIGN_OR_RETURN(std::string bring, detail::EncodeLocalized(course.what_to_bring));
  RAIDA_ASSIGN_OR_RETURN(auto scope, store_->BeginWrite());
  RAIDA_ASSIGN_OR_RETURN(
      Statement stmt, store_->db().Prepare(detail::PublishedUpsertSql(
                          "course", {"category", "title", "summary", "what_to_bring", "hours"})));
  stmt.Bind(1, course.id).Bind(2, CourseCategoryName(course.category)).Bind(3, title);
  RAIDA_TRY(stmt.Bind(4, summary).Bind(5, bring).Bind(6, course.hours).Run());
  return scope.Commit();
}

Status CatalogRepository::UpsertOffering(const Offering& offering) {
  RAIDA_TRY(detail::RequireApplying(*store_, "UpsertOffering"));
  RAIDA_TRY(detail::RequireText(offering.id, "offering id"));
  RAIDA_TRY(detail::RequireText(offering.starts_on, "offering start date"));
  RAIDA_TRY(detail::RequireText(offering.ends_on, "offering end date"));
  if (offering.capacity <= 0) {
    return MakeError(ErrorCode::kInvalidArgument, "offering capacity must be at least 1");
  }
  if (offering.ends_on < offering.starts_on) {
    return MakeError(ErrorCode::kInvalidArgument, "offering ends before it starts");
  }
  RAIDA_ASSIGN_OR_RETURN(auto scope, store_->BeginWrite());
  RAIDA_ASSIGN_OR_RETURN(Statement stmt,
                         store_->db().Prepare(detail::PublishedUpsertSql(
                             "course_offering", {"course_id", "center_id", "starts_on", "ends_on",
                                                 "place", "capacity", "cancelled"})));
  stmt.Bind(1, offering.id).Bind(2, offering.course_id).Bind(3, offering.center_id);
  stmt.Bind(4, offering.starts_on).Bind(5, offering.ends_on).Bind(6, offering.place);
  RAIDA_TRY(stmt.Bind(7, offering.capacity).Bind(8, offering.cancelled ? 1 : 0).Run());
  return scope.Commit();
}

Status CatalogRepository::UpsertSession(const Session& session) {
  RAIDA_TRY(detail::RequireApplying(*store_, "UpsertSession"));
  RAIDA_TRY(detail::RequireText(session.id, "session id"));
  RAIDA_TRY(detail::RequireText(session.date, "session date"));
  RAIDA_ASSIGN_OR_RETURN(auto scope, store_->BeginWrite());
  RAIDA_ASSIGN_OR_RETURN(Statement stmt,
                         store_->db().Prepare(detail::PublishedUpsertSql(
                             "course_session", {"offering_id", "date", "start_time", "end_time"})));
  stmt.Bind(1, session.id).Bind(2, session.offering_id).Bind(3, session.date);
  RAIDA_TRY(stmt.Bind(4, session.start_time).Bind(5, session.end_time).Run());
  return scope.Commit();
}

Result<std::vector<Center>> CatalogRepository::ListCenters() {
  RAIDA_ASSIGN_OR_RETURN(Statement stmt,
                         store_->db().Prepare(std::string("SELECT ") + kCenterColumns +
                                              " FROM center WHERE deleted = 0 ORDER BY name, id"));
  return CollectRows<Center>(stmt, ReadCenter);
}

Result<std::optional<Center>> CatalogRepository::GetCenter(const std::string& id) {
  return GetById<Center>(*store_, kCenterColumns, "center", id, ReadCenter);
}

Result<std::vector<Course>> CatalogRepository::ListCourses(const std::string& lang) {
  RAIDA_ASSIGN_OR_RETURN(Statement stmt,
                         store_->db().Prepare(std::string("SELECT ") + kCourseColumns +
                                              " FROM course WHERE deleted = 0"));
  RAIDA_ASSIGN_OR_RETURN(std::vector<Course> courses, CollectRows<Course>(stmt, ReadCourse));
  // Titles are JSON, so the order by title in `lang` is done here rather than in SQL.
  std::vector<std::tuple<int, std::string, std::string, size_t>> keys;
  keys.reserve(courses.size());
  for (size_t i = 0; i < courses.size(); ++i) {
    keys.emplace_back(static_cast<int>(courses[i].category), Localize(courses[i].title, lang),
                      courses[i].id, i);
  }
  std::sort(keys.begin(), keys.end());
  std::vector<Course> sorted;
  sorted.reserve(courses.size());
  for (const auto& key : keys) {
    sorted.push_back(std::move(courses[std::get<3>(key)]));
  }
  return sorted;
}

Result<std::vector<Course>> CatalogRepository::SearchCourses(const std::string& query,
                                                             const std::string& lang) {
  const std::string match = FtsPrefixQuery(query);
  RAIDA_ASSIGN_OR_RETURN(std::vector<Course> all, ListCourses(lang));
  if (match.empty()) {
    return all;
  }
  RAIDA_ASSIGN_OR_RETURN(
      Statement stmt,
      store_->db().Prepare("SELECT course_id FROM course_search WHERE course_search MATCH ?"));
  stmt.Bind(1, match);
  std::set<std::string> found;
  while (true) {
    RAIDA_ASSIGN_OR_RETURN(const bool row, stmt.Step());
    if (!row) {
      break;
    }
    found.insert(stmt.ColumnText(0));
  }
  std::vector<Course> matching;
  for (Course& course : all) {
    if (found.count(course.id) != 0) {
      matching.push_back(std::move(course));
    }
  }
  return matching;
}

Result<std::optional<Course>> CatalogRepository::GetCourse(const std::string& id) {
  return GetById<Course>(*store_, kCourseColumns, "course", id, ReadCourse);
}

Result<std::vector<Offering>> CatalogRepository::ListUpcomingOfferings(const std::string& course_id,
                                                                       const std::string& center_id,
                                                                       const std::string& today) {
  RAIDA_ASSIGN_OR_RETURN(
      Statement stmt,
      store_->db().Prepare(
          std::string("SELECT ") + kOfferingColumns +
          " FROM course_offering WHERE course_id = ? AND center_id = ? AND ends_on >= ?"
          " AND cancelled = 0 AND deleted = 0 ORDER BY starts_on, id"));
  stmt.Bind(1, course_id).Bind(2, center_id).Bind(3, today);
  return CollectRows<Offering>(stmt, ReadOffering);
}

Result<std::optional<Offering>> CatalogRepository::GetOffering(const std::string& id) {
  return GetById<Offering>(*store_, kOfferingColumns, "course_offering", id, ReadOffering);
}

Result<std::vector<Session>> CatalogRepository::ListSessions(const std::string& offering_id) {
  RAIDA_ASSIGN_OR_RETURN(Statement stmt,
                         store_->db().Prepare(std::string("SELECT ") + kSessionColumns +
                                              " FROM course_session WHERE offering_id = ? AND "
                                              "deleted = 0 ORDER BY date, start_time, id"));
  stmt.Bind(1, offering_id);
  return CollectRows<Session>(stmt, ReadSession);
}

Result<int> CatalogRepository::CountSeatsTaken(const std::string& offering_id) {
  RAIDA_ASSIGN_OR_RETURN(
      Statement stmt,
      store_->db().Prepare("SELECT count(*) FROM enrollment WHERE offering_id = ? AND deleted = 0"
                           " AND status IN ('requested', 'confirmed', 'attended', 'completed')"));
  stmt.Bind(1, offering_id);
  auto row = stmt.Step();
  RAIDA_TRY(row);
  return static_cast<int>(stmt.ColumnInt(0));
}

}  // namespace raida::core
