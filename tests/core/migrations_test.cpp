// Migrations: a fresh database reaches the latest version; a failure at any step leaves the
// database exactly as it was before that step; a newer database is refused, and bad files are
// reported without being touched.
#include "raida/core/migrations.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

#include "core_test_support.h"
#include "raida/core/lesson_repository.h"
#include "raida/core/person_repository.h"
#include "raida/core/schema.h"
#include "raida/core/store.h"

namespace raida::core {
namespace {

using testing::TempDir;

std::vector<std::string> Rows(Database& db, const std::string& sql) {
  std::vector<std::string> rows;
  auto stmt = db.Prepare(sql);
  EXPECT_TRUE(stmt.ok()) << stmt.error().message;
  while (*stmt->Step()) {
    rows.push_back(stmt->ColumnText(0) + "|" + stmt->ColumnText(1) + "|" + stmt->ColumnText(2));
  }
  return rows;
}

std::vector<std::string> SchemaDump(Database& db) {
  return Rows(db, "SELECT type, name, sql FROM sqlite_schema ORDER BY type, name");
}

std::vector<std::string> MetaDump(Database& db) {
  return Rows(db, "SELECT k, v, typeof(v) FROM sync_meta ORDER BY k");
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Raida's migrations plus two more, so that a failure can be injected at a step that has a
// schema (and data) before it.
std::vector<Migration> MigrationsWithExtraSteps() {
  std::vector<Migration> migrations = RaidaMigrations();
  const int next = LatestSchemaVersion() + 1;
  migrations.push_back({next, "test: local notes",
                        "CREATE TABLE test_note(id TEXT PRIMARY KEY, body TEXT NOT NULL);"
                        "INSERT INTO test_note VALUES ('n1', 'first');"});
  migrations.push_back({next + 1, "test: note flags",
                        "ALTER TABLE test_note ADD COLUMN flagged INTEGER NOT NULL DEFAULT 0;"
                        "CREATE INDEX test_note_flagged ON test_note(flagged);"
                        "UPDATE sync_meta SET v = 'x' WHERE k = 'pull_cursor';"});
  return migrations;
}

TEST(MigrationsTest, FreshDatabaseReachesLatestVersion) {
  auto db = Database::Open(":memory:");
  ASSERT_OK(db);
  ASSERT_OK(Migrate(*db, RaidaMigrations()));
  EXPECT_EQ(*db->UserVersion(), LatestSchemaVersion());
  EXPECT_GE(LatestSchemaVersion(), 1);
  const auto tables = Rows(*db, "SELECT name, '', '' FROM sqlite_schema WHERE type = 'table'");
  for (const char* table : {"sync_meta", "outbox", "local_ui_state", "person", "enrollment",
                            "attendance", "audit_log", "course_offering", "plan_step"}) {
    EXPECT_NE(std::find(tables.begin(), tables.end(), std::string(table) + "||"), tables.end())
        << table;
  }
  // Running again changes nothing.
  const auto before = SchemaDump(*db);
  ASSERT_OK(Migrate(*db, RaidaMigrations()));
  EXPECT_EQ(SchemaDump(*db), before);
}

TEST(MigrationsTest, FailureAtEachStepLeavesTheDatabaseAsItWas) {
  const std::vector<Migration> migrations = MigrationsWithExtraSteps();
  for (const Migration& failing : migrations) {
    SCOPED_TRACE("failing step " + std::to_string(failing.version));
    TempDir dir;
    auto db = Database::Open(dir.File("migrate.db"));
    ASSERT_OK(db);
    const std::span<const Migration> before_step(migrations.data(), failing.version - 1);
    ASSERT_OK(Migrate(*db, before_step));
    const auto schema_before = SchemaDump(*db);
    const auto meta_before = failing.version > 1 ? MetaDump(*db) : std::vector<std::string>();

    int hook_calls = 0;
    Status status = Migrate(*db, migrations, [&](const Migration& m) -> Status {
      ++hook_calls;
      if (m.version == failing.version) {
        return MakeError(ErrorCode::kIo, "injected failure");
      }
      return Ok();
    });
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.error().code, ErrorCode::kIo);
    EXPECT_NE(status.error().message.find("injected failure"), std::string::npos);
    EXPECT_EQ(hook_calls, 1);
    EXPECT_EQ(*db->UserVersion(), failing.version - 1);
    EXPECT_EQ(SchemaDump(*db), schema_before);
    if (failing.version > 1) {
      EXPECT_EQ(MetaDump(*db), meta_before);
    }
    EXPECT_FALSE(db->InTransaction());

    // Once the fault is gone, the same database migrates to the end.
    ASSERT_OK(Migrate(*db, migrations));
    EXPECT_EQ(*db->UserVersion(), migrations.back().version);
  }
}

TEST(MigrationsTest, BrokenMigrationSqlLeavesTheDatabaseAsItWas) {
  std::vector<Migration> migrations = RaidaMigrations();
  migrations.push_back(
      {LatestSchemaVersion() + 1, "broken",
       "CREATE TABLE half_done(x INTEGER); INSERT INTO no_such_table VALUES (1);"});
  auto db = Database::Open(":memory:");
  ASSERT_OK(db);
  ASSERT_OK(Migrate(*db, RaidaMigrations()));
  const auto before = SchemaDump(*db);
  Status status = Migrate(*db, migrations);
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().message.find("broken"), std::string::npos) << status.error().message;
  EXPECT_EQ(*db->UserVersion(), LatestSchemaVersion());
  EXPECT_EQ(SchemaDump(*db), before);
}

TEST(MigrationsTest, NewerDatabaseIsRefusedWithAClearMessage) {
  TempDir dir;
  const std::string path = dir.File("newer.db");
  {
    auto db = Database::Open(path);
    ASSERT_OK(db);
    ASSERT_OK(Migrate(*db, RaidaMigrations()));
    ASSERT_OK(db->Exec("PRAGMA user_version = 99"));
  }
  const std::string bytes_before = ReadFile(path);
  ManualClock clock;
  StoreOptions options;
  options.path = path;
  options.mode = OpenMode::kOpenExisting;
  auto store = Store::Open(options, clock);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code, ErrorCode::kTooNew);
  const std::string expected = "database " + path + " has schema version 99 but this Raida " +
                               "understands up to " + std::to_string(LatestSchemaVersion()) +
                               ": install the newer Raida or restore a backup";
  EXPECT_EQ(store.error().message, expected);
  EXPECT_EQ(ReadFile(path), bytes_before);
}

TEST(MigrationsTest, StoreRefusesMissingAndCorruptFiles) {
  TempDir dir;
  ManualClock clock;
  StoreOptions missing;
  missing.path = dir.File("nope.db");
  missing.mode = OpenMode::kOpenExisting;
  auto not_found = Store::Open(missing, clock);
  ASSERT_FALSE(not_found.ok());
  EXPECT_EQ(not_found.error().code, ErrorCode::kNotFound);
  EXPECT_NE(not_found.error().message.find(missing.path), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(missing.path));

  StoreOptions corrupt;
  corrupt.path = dir.File("garbage.db");
  std::string garbage;
  for (int i = 0; i < 3000; ++i) {
    garbage += static_cast<char>((i * 7919) % 251);
  }
  std::ofstream(corrupt.path, std::ios::binary) << garbage;
  for (OpenMode mode : {OpenMode::kOpenExisting, OpenMode::kCreateIfMissing}) {
    corrupt.mode = mode;
    auto refused = Store::Open(corrupt, clock);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::kCorrupt) << refused.error().message;
  }
  EXPECT_EQ(ReadFile(corrupt.path), garbage);
}

TEST(MigrationsDeathTest, GapInVersionsIsABug) {
  std::vector<Migration> gap = {{1, "one", "CREATE TABLE a(x);"},
                                {3, "three", "CREATE TABLE b(x);"}};
  EXPECT_DEATH(
      {
        auto db = Database::Open(":memory:");
        (void)Migrate(*db, gap);
      },
      "check failed");
}

// The table list that drives change capture must match the tables migration 1 creates.
// A kiosk that ran schema 6 keeps its people through migration 7 (gender and employment status
// not recorded), and the person's rebuilt capture triggers send the new fields.
TEST(MigrationsTest, Schema7KeepsPeopleAndCapturesTheNewFields) {
  TempDir dir;
  const std::string path = dir.path() + "/kiosk.db";
  {
    auto db = Database::Open(path);
    ASSERT_OK(db);
    std::vector<Migration> up_to_6 = RaidaMigrations();
    up_to_6.resize(6);
    ASSERT_OK(Migrate(*db, up_to_6));
    // As if pulled from the server: the capture triggers ask sync_applying() and stay quiet.
    ASSERT_EQ(sqlite3_create_function_v2(
                  db->handle(), "sync_applying", 0, SQLITE_UTF8, nullptr,
                  [](sqlite3_context* ctx, int, sqlite3_value**) { sqlite3_result_int(ctx, 1); },
                  nullptr, nullptr, nullptr),
              SQLITE_OK);
    ASSERT_OK(db->Exec(
        "INSERT INTO district(id, name, hlc, origin) VALUES ('d', '{\"lt\":\"R\"}', 1, 0);"
        "INSERT INTO center(id, district_id, name, hlc, origin)"
        " VALUES ('c', 'd', '{\"lt\":\"B\"}', 1, 0);"
        "INSERT INTO person(id, home_center_id, given_name, family_name, birth_year, hlc, origin)"
        " VALUES ('p', 'c', 'Ona', 'Petraitienė', 1958, 1, 0);"));
  }
  ManualClock clock(testing::kTestNowMs);
  std::unique_ptr<Store> store = testing::OpenStore(clock, path);
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(*store->db().UserVersion(), LatestSchemaVersion());
  PersonRepository people(*store);
  std::optional<Person> person = people.Get("p").value();
  ASSERT_TRUE(person.has_value());
  EXPECT_EQ(person->family_name, "Petraitienė");
  EXPECT_EQ(person->birth_year, 1958);
  EXPECT_EQ(person->gender, "");
  EXPECT_EQ(person->employment_status, "");
  person->employment_status = "retired";
  ASSERT_OK(people.Update(*person));
  EXPECT_EQ(testing::QueryRows(*store, "SELECT cols || ' ' || schema_version FROM outbox"),
            std::vector<std::string>{R"({"employment_status":"retired"} 9)"});
}

// A kiosk (or the server) that ran schema 9 keeps the lesson time it had counted: it stays in
// lesson_progress.seconds_spent, and time counted afterwards goes to this device's counter only.
TEST(MigrationsTest, Schema10KeepsTheLessonTimeCountedBefore) {
  TempDir dir;
  const std::string path = dir.path() + "/kiosk.db";
  {
    auto db = Database::Open(path);
    ASSERT_OK(db);
    std::vector<Migration> up_to_9 = RaidaMigrations();
    up_to_9.resize(9);
    ASSERT_OK(Migrate(*db, up_to_9));
    ASSERT_EQ(sqlite3_create_function_v2(
                  db->handle(), "sync_applying", 0, SQLITE_UTF8, nullptr,
                  [](sqlite3_context* ctx, int, sqlite3_value**) { sqlite3_result_int(ctx, 1); },
                  nullptr, nullptr, nullptr),
              SQLITE_OK);
    ASSERT_OK(db->Exec(
        "INSERT INTO district(id, name, hlc, origin) VALUES ('d', '{\"lt\":\"R\"}', 1, 0);"
        "INSERT INTO center(id, district_id, name, hlc, origin)"
        " VALUES ('c', 'd', '{\"lt\":\"B\"}', 1, 0);"
        "INSERT INTO course(id, category, title, hours, hlc, origin)"
        " VALUES ('k', 'computer_basics', '{\"lt\":\"K\"}', 4, 1, 0);"
        "INSERT INTO person(id, home_center_id, given_name, family_name, hlc, origin)"
        " VALUES ('p', 'c', 'Ona', 'Petraitienė', 1, 0);"
        "INSERT INTO lesson_progress(id, person_id, course_id, lesson_id, page, seconds_spent,"
        " hlc, origin) VALUES ('" +
        DeterministicId("progress", "p", "l") + "', 'p', 'k', 'l', 3, 300, 1, 0);"));
  }
  ManualClock clock(testing::kTestNowMs);
  std::unique_ptr<Store> store = testing::OpenStore(clock, path);
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(*store->db().UserVersion(), LatestSchemaVersion());
  ASSERT_OK(store->SetDeviceId(4));
  LessonRepository lessons(*store);
  EXPECT_EQ(lessons.ListForPerson("p")->at(0).seconds_spent, 300);
  auto saved = lessons.SavePosition("p", "k", "l", 3, 40);
  ASSERT_OK(saved);
  EXPECT_EQ(saved->seconds_spent, 340);
  EXPECT_EQ(testing::QueryInt(*store, "SELECT seconds_spent FROM lesson_progress"), 300);
  EXPECT_EQ(testing::QueryRows(*store,
                               "SELECT tbl || ' ' || cols || ' ' || schema_version FROM "
                               "outbox"),
            std::vector<std::string>{
                R"(progress_counter {"person_id":"p","lesson_id":"l","device_no":4,"seconds":40,)"
                R"("deleted":0} 10)"});
}

TEST(SchemaTest, SyncedTableListMatchesTheSchema) {
  auto db = Database::Open(":memory:");
  ASSERT_OK(db);
  ASSERT_OK(Migrate(*db, RaidaMigrations()));
  for (const SyncedTable& table : SyncedTables()) {
    SCOPED_TRACE(table.name);
    auto info = db->Prepare("SELECT name, type FROM pragma_table_info(?) ORDER BY cid");
    ASSERT_OK(info);
    info->Bind(1, table.name);
    std::vector<SyncedColumn> columns;
    std::vector<std::string> meta;
    while (*info->Step()) {
      const std::string name = info->ColumnText(0);
      if (name == "id" || name == "hlc" || name == "origin") {
        meta.push_back(name);
        continue;
      }
      columns.push_back({name, info->ColumnText(1) == "BLOB"});
    }
    EXPECT_EQ(meta, (std::vector<std::string>{"id", "hlc", "origin"}));
    ASSERT_EQ(columns.size(), table.columns.size());
    for (size_t i = 0; i < columns.size(); ++i) {
      EXPECT_EQ(columns[i].name, table.columns[i].name);
      EXPECT_EQ(columns[i].is_blob, table.columns[i].is_blob) << columns[i].name;
    }
  }
  EXPECT_NE(FindSyncedTable("person"), nullptr);
  EXPECT_EQ(FindSyncedTable("outbox"), nullptr);
}

}  // namespace
}  // namespace raida::core
