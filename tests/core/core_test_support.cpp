// Fixtures shared by the core unit tests.
#include "core_test_support.h"

#include <sqlite3.h>
#include <stdlib.h>

#include <filesystem>

#include "raida/core/catalog_repository.h"
#include "raida/core/database.h"

namespace raida::core::testing {

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "raida-core-XXXXXX").string();
  char* made = mkdtemp(pattern.data());
  if (made == nullptr) {
    ADD_FAILURE() << "mkdtemp failed";
  }
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::unique_ptr<Store> OpenStore(const Clock& clock, const std::string& path) {
  StoreOptions options;
  options.path = path;
  auto store = Store::Open(options, clock);
  if (!store.ok()) {
    ADD_FAILURE() << "Store::Open(" << path << "): " << store.error().message;
    return nullptr;
  }
  return std::move(store).value();
}

SeededCatalog SeedCatalog(Store& store) {
  SeededCatalog ids;
  CatalogRepository catalog(store);
  Store::ApplyingScope applying(store);
  auto scope = store.BeginWrite();
  EXPECT_TRUE(scope.ok());
  EXPECT_OK(catalog.UpsertDistrict({ids.district_id, "Rokiškio rajonas"}));
  EXPECT_OK(catalog.UpsertCenter({ids.center_id,
                                  ids.district_id,
                                  "Bajorai",
                                  "Bajorų g. 1",
                                  "+37000000001",
                                  {{"lt", "I–V 9–17"}, {"en", "Mon–Fri 9–17"}}}));
  EXPECT_OK(catalog.UpsertCenter({ids.other_center_id, ids.district_id, "Salos", "", "", {}}));
  Course course;
  course.id = ids.course_id;
  course.category = CourseCategory::kComputerBasics;
  course.title = {{"lt", "Kompiuterio pradmenys"}, {"en", "Computer basics"}};
  course.summary = {{"en", "Mouse, keyboard, e-mail."}};
  course.hours = 12;
  EXPECT_OK(catalog.UpsertCourse(course));
  EXPECT_OK(catalog.UpsertOffering({ids.offering_id, ids.course_id, ids.center_id, "2026-11-23",
                                    "2026-12-14", "Bajorai library", 8, false}));
  EXPECT_OK(
      catalog.UpsertSession({ids.session_id, ids.offering_id, "2026-11-23", "10:00", "12:00"}));
  EXPECT_OK(
      catalog.UpsertSession({ids.session2_id, ids.offering_id, "2026-11-30", "10:00", "12:00"}));
  EXPECT_OK(scope->Commit());
  return ids;
}

Person SamplePerson(const std::string& center_id, const std::string& given,
                    const std::string& family) {
  Person person;
  person.home_center_id = center_id;
  person.given_name = given;
  person.family_name = family;
  person.birth_year = 1958;
  person.village = "Bajorai";
  person.language = "lt";
  person.needs = {"transport"};
  return person;
}

std::vector<std::string> QueryRows(Store& store, const std::string& sql) {
  std::vector<std::string> rows;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(store.db().handle(), sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << sql << ": " << sqlite3_errmsg(store.db().handle());
    return rows;
  }
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    std::string row;
    for (int c = 0; c < sqlite3_column_count(stmt); ++c) {
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
      row += (c == 0 ? "" : "|") + std::string(text != nullptr ? text : "NULL");
    }
    rows.push_back(row);
  }
  sqlite3_finalize(stmt);
  return rows;
}

int64_t QueryInt(Store& store, const std::string& sql) {
  auto rows = QueryRows(store, sql);
  if (rows.size() != 1) {
    ADD_FAILURE() << sql << " returned " << rows.size() << " rows";
    return -1;
  }
  return std::stoll(rows[0]);
}

}  // namespace raida::core::testing
