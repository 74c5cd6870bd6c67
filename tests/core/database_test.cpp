// The SQLite layer: pragmas, error mapping, bad files, statements and transactions.
#include "raida/core/database.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "core_test_support.h"
#include "raida/core/store.h"

namespace raida::core {
namespace {

using testing::TempDir;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void WriteRandomFile(const std::string& path, size_t size) {
  std::mt19937 rng(42);
  std::string bytes(size, '\0');
  for (char& c : bytes) {
    c = static_cast<char>(rng() & 0xff);
  }
  std::ofstream(path, std::ios::binary) << bytes;
}

std::string PragmaText(Database& db, const std::string& pragma) {
  auto stmt = db.Prepare("PRAGMA " + pragma);
  EXPECT_TRUE(stmt.ok());
  auto row = stmt->Step();
  EXPECT_TRUE(row.ok() && *row);
  return stmt->ColumnText(0);
}

TEST(DatabaseTest, FileDatabaseGetsTheRequiredPragmas) {
  TempDir dir;
  auto db = Database::Open(dir.File("kiosk.db"));
  ASSERT_OK(db);
  EXPECT_EQ(PragmaText(*db, "journal_mode"), "wal");
  EXPECT_EQ(PragmaText(*db, "synchronous"), "2");  // FULL
  EXPECT_EQ(PragmaText(*db, "foreign_keys"), "1");
  EXPECT_EQ(PragmaText(*db, "secure_delete"), "1");
  EXPECT_EQ(PragmaText(*db, "busy_timeout"), "5000");
}

TEST(DatabaseTest, MissingFileWithOpenExistingIsNotFoundAndNotCreated) {
  TempDir dir;
  const std::string path = dir.File("missing.db");
  auto db = Database::Open(path, {OpenMode::kOpenExisting});
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.error().code, ErrorCode::kNotFound);
  EXPECT_NE(db.error().message.find(path), std::string::npos) << db.error().message;
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(DatabaseTest, RandomBytesAreCorruptAndLeftUntouched) {
  TempDir dir;
  const std::string path = dir.File("random.db");
  WriteRandomFile(path, 8192);
  const std::string before = ReadFile(path);
  for (OpenMode mode : {OpenMode::kOpenExisting, OpenMode::kCreateIfMissing}) {
    auto db = Database::Open(path, {mode});
    ASSERT_FALSE(db.ok());
    EXPECT_EQ(db.error().code, ErrorCode::kCorrupt) << db.error().message;
    EXPECT_NE(db.error().message.find(path), std::string::npos) << db.error().message;
  }
  EXPECT_EQ(ReadFile(path), before);
  EXPECT_FALSE(std::filesystem::exists(path + "-wal"));
}

TEST(DatabaseTest, DamagedSchemaPageIsCorruptAndLeftUntouched) {
  TempDir dir;
  const std::string path = dir.File("damaged.db");
  {
    ManualClock clock;
    auto store = testing::OpenStore(clock, path);
    ASSERT_NE(store, nullptr);
  }  // closing the last connection checkpoints the WAL into the file
  std::string bytes = ReadFile(path);
  ASSERT_GT(bytes.size(), 4096u);
  // Keep the 100-byte file header, scramble the rest of page 1 (the schema b-tree).
  std::mt19937 rng(7);
  for (size_t i = 100; i < 4096; ++i) {
    bytes[i] = static_cast<char>(rng() & 0xff);
  }
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
  auto db = Database::Open(path, {OpenMode::kOpenExisting});
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.error().code, ErrorCode::kCorrupt) << db.error().message;
  EXPECT_EQ(ReadFile(path), bytes);
}

TEST(DatabaseTest, EmptyFileIsANewDatabase) {
  TempDir dir;
  const std::string path = dir.File("empty.db");
  std::ofstream(path).close();
  auto db = Database::Open(path, {OpenMode::kOpenExisting});
  ASSERT_OK(db);
  EXPECT_EQ(*db->UserVersion(), 0);
}

TEST(DatabaseTest, StatementsBindAndReadEveryType) {
  auto db = Database::Open(":memory:");
  ASSERT_OK(db);
  ASSERT_OK(db->Exec("CREATE TABLE t(i INTEGER, d REAL, s TEXT, b BLOB, n TEXT)"));
  auto insert = db->Prepare("INSERT INTO t VALUES (?, ?, ?, ?, ?)");
  ASSERT_OK(insert);
  const std::vector<uint8_t> blob = {0, 1, 254, 255};
  insert->Bind(1, int64_t{1} << 40).Bind(2, 2.5).Bind(3, "Jūžintai").BindBlob(4, blob);
  ASSERT_OK(insert->Bind(5, std::optional<std::string>()).Run());
  auto select = db->Prepare("SELECT i, d, s, b, n FROM t");
  ASSERT_OK(select);
  ASSERT_TRUE(*select->Step());
  EXPECT_EQ(select->ColumnInt(0), int64_t{1} << 40);
  EXPECT_DOUBLE_EQ(select->ColumnDouble(1), 2.5);
  EXPECT_EQ(select->ColumnText(2), "Jūžintai");
  EXPECT_EQ(select->ColumnBlob(3), blob);
  EXPECT_TRUE(select->ColumnIsNull(4));
  EXPECT_EQ(select->ColumnOptionalText(4), std::nullopt);
  EXPECT_EQ(select->ColumnOptionalInt(0), int64_t{1} << 40);
  EXPECT_FALSE(*select->Step());
}

TEST(DatabaseTest, ErrorsAreMappedToCodes) {
  auto db = Database::Open(":memory:");
  ASSERT_OK(db);
  ASSERT_OK(db->Exec("CREATE TABLE t(id TEXT PRIMARY KEY, n INTEGER CHECK (n > 0))"));
  ASSERT_OK(db->Exec("INSERT INTO t VALUES ('a', 1)"));
  auto duplicate = db->Exec("INSERT INTO t VALUES ('a', 2)");
  ASSERT_FALSE(duplicate.ok());
  EXPECT_EQ(duplicate.error().code, ErrorCode::kConflict);
  auto check = db->Exec("INSERT INTO t VALUES ('b', 0)");
  EXPECT_EQ(check.error().code, ErrorCode::kConflict);
  auto syntax = db->Prepare("SELEC nonsense");
  EXPECT_EQ(syntax.error().code, ErrorCode::kInternal);
  auto two = db->Prepare("SELECT 1; SELECT 2");
  EXPECT_EQ(two.error().code, ErrorCode::kInternal);
  auto bad_bind = db->Prepare("SELECT ?");
  ASSERT_OK(bad_bind);
  bad_bind->Bind(5, 1);
  EXPECT_FALSE(bad_bind->Step().ok());
}

TEST(DatabaseTest, FullDatabaseIsReportedAsFull) {
  TempDir dir;
  auto db = Database::Open(dir.File("small.db"));
  ASSERT_OK(db);
  ASSERT_OK(db->Exec("CREATE TABLE t(x BLOB)"));
  ASSERT_OK(db->Exec("PRAGMA max_page_count = 8"));
  auto insert = db->Prepare("INSERT INTO t VALUES (zeroblob(4096))");
  ASSERT_OK(insert);
  Status status;
  for (int i = 0; i < 32 && status.ok(); ++i) {
    status = insert->Run();
    insert->Reset();
  }
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kFull) << status.error().message;
}

TEST(DatabaseTest, SecondWriterGetsBusy) {
  TempDir dir;
  const std::string path = dir.File("busy.db");
  auto first = Database::Open(path);
  ASSERT_OK(first);
  DatabaseOptions impatient;
  impatient.busy_timeout_ms = 0;
  auto second = Database::Open(path, impatient);
  ASSERT_OK(second);
  auto held = Transaction::Begin(*first);
  ASSERT_OK(held);
  auto blocked = Transaction::Begin(*second);
  ASSERT_FALSE(blocked.ok());
  EXPECT_EQ(blocked.error().code, ErrorCode::kBusy) << blocked.error().message;
}

TEST(DatabaseTest, TransactionRollsBackUnlessCommitted) {
  auto db = Database::Open(":memory:");
  ASSERT_OK(db);
  ASSERT_OK(db->Exec("CREATE TABLE t(x INTEGER)"));
  {
    auto txn = Transaction::Begin(*db);
    ASSERT_OK(txn);
    EXPECT_TRUE(db->InTransaction());
    ASSERT_OK(db->Exec("INSERT INTO t VALUES (1)"));
  }
  EXPECT_FALSE(db->InTransaction());
  {
    auto txn = Transaction::Begin(*db);
    ASSERT_OK(txn);
    ASSERT_OK(db->Exec("INSERT INTO t VALUES (2)"));
    ASSERT_OK(txn->Commit());
  }
  auto count = db->Prepare("SELECT group_concat(x) FROM t");
  ASSERT_OK(count);
  ASSERT_TRUE(*count->Step());
  EXPECT_EQ(count->ColumnText(0), "2");
}

TEST(DatabaseTest, ReusedStatementsStartFresh) {
  auto db = Database::Open(":memory:");
  ASSERT_OK(db);
  {
    auto stmt = db->Prepare("SELECT ?");
    ASSERT_OK(stmt);
    stmt->Bind(1, "left over");
    ASSERT_TRUE(*stmt->Step());  // abandoned mid-result
  }
  auto again = db->Prepare("SELECT ?");
  ASSERT_OK(again);
  ASSERT_TRUE(*again->Step());
  EXPECT_TRUE(again->ColumnIsNull(0));  // no binding carried over
  // The same SQL twice at once gets two independent statements.
  auto twin = db->Prepare("SELECT ?");
  ASSERT_OK(twin);
  twin->Bind(1, 2);
  ASSERT_TRUE(*twin->Step());
  EXPECT_EQ(twin->ColumnInt(0), 2);
}

TEST(DatabaseTest, StatementMayOutliveItsDatabase) {
  std::optional<Statement> stmt;
  {
    auto db = Database::Open(":memory:");
    ASSERT_OK(db);
    auto prepared = db->Prepare("SELECT 1");
    ASSERT_OK(prepared);
    stmt.emplace(std::move(prepared).value());
  }
  stmt.reset();  // finalized, not handed back to a cache that is gone (ASan would see it)
}

}  // namespace
}  // namespace raida::core
