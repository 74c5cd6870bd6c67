// CatalogRepository: districts, centers, devices, courses, offerings and sessions.
//
// The catalog is published by the district office; kiosks only read it. Its Upsert functions
// are for loading published data (demo district, sync pulls) and must run inside a
// Store::ApplyingScope and a transaction: catalog tables are not captured into the outbox.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "raida/core/model.h"
#include "raida/core/result.h"
#include "raida/core/store.h"

namespace raida::core {

class CatalogRepository {
 public:
  explicit CatalogRepository(Store& store) : store_(&store) {}

  Status UpsertDistrict(const District& district);
  Status UpsertCenter(const Center& center);
  Status UpsertCourse(const Course& course);
  Status UpsertOffering(const Offering& offering);
  Status UpsertSession(const Session& session);

  Result<std::vector<Center>> ListCenters();
  Result<std::optional<Center>> GetCenter(const std::string& id);
  // Every course in the catalog, ordered by category then by title in `lang`.
  Result<std::vector<Course>> ListCourses(const std::string& lang);
  Result<std::optional<Course>> GetCourse(const std::string& id);
  // Courses whose title or summary, in any language, has a word starting with each word of
  // `query`, ignoring case and diacritics ("kompiuteri" finds "Kompiuteris", "zolw" finds
  // "Żółw"), through the FTS5 index course_search (schema v3); ordered like ListCourses(lang).
  // A query without any letter or digit matches every course. Punctuation and FTS5 syntax in
  // `query` are plain text, never operators.
  Result<std::vector<Course>> SearchCourses(const std::string& query, const std::string& lang);
  // Offerings of a course at a center that have not ended before `today` ("YYYY-MM-DD"),
  // earliest first; cancelled offerings excluded.
  Result<std::vector<Offering>> ListUpcomingOfferings(const std::string& course_id,
                                                      const std::string& center_id,
                                                      const std::string& today);
  Result<std::optional<Offering>> GetOffering(const std::string& id);
  Result<std::vector<Session>> ListSessions(const std::string& offering_id);
  // Seats taken as this device knows it: enrollments requested, confirmed, attended or completed.
  Result<int> CountSeatsTaken(const std::string& offering_id);

 private:
  Store* store_;
};

}  // namespace raida::core
