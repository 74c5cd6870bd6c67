// A small RAII layer over SQLite: a connection, prepared statements and transactions.
//
// Every Raida database is opened through Database::Open, which applies the pragmas the design
// requires: WAL journal, synchronous=FULL (a person's sign-up survives a power cut the moment
// the screen says it is saved), foreign keys on, a busy timeout so the storage and sync workers
// can share the file, and secure_delete so erased personal data does not linger in free pages.
// SQLite's error codes are mapped to ErrorCode at this boundary (SQLITE_FULL -> kFull,
// SQLITE_CORRUPT/SQLITE_NOTADB -> kCorrupt, SQLITE_BUSY -> kBusy, ...).
//
// Only storage and repository code includes this header; screens never see SQL.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "raida/core/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace raida::core {

enum class OpenMode {
  kOpenExisting,    // the file must exist: a missing database is an error, never silently empty
  kCreateIfMissing  // create the file if it does not exist
};

struct DatabaseOptions {
  OpenMode mode = OpenMode::kCreateIfMissing;
  int busy_timeout_ms = 5000;
  bool read_only = false;
};

class Statement;
namespace detail {
struct StatementCache;
}  // namespace detail

// One connection. Prepare() keeps compiled statements for reuse (a statement on a captured table
// compiles its triggers too, which costs far more than running it), so repeating the same SQL
// text is cheap; SQL text must therefore never carry values, only parameters.
class Database {
 public:
  // Opens (or creates) the database at `path` (":memory:" for tests) and applies the pragmas.
  // Fails with kNotFound when the file is missing and mode is kOpenExisting, with kCorrupt when
  // the file is not a SQLite database or fails its header check.
  static Result<Database> Open(const std::string& path, const DatabaseOptions& options = {});

  Database(Database&&) noexcept;
  Database& operator=(Database&&) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  // Runs one or more statements that return no rows (schema, pragmas).
  Status Exec(std::string_view sql);
  // Compiles one statement.
  Result<Statement> Prepare(std::string_view sql);

  // PRAGMA user_version: the schema version the migrations have reached.
  Result<int> UserVersion();
  int64_t LastInsertRowId() const;
  int Changes() const;
  const std::string& path() const { return path_; }
  sqlite3* handle() const { return db_; }
  // Whether a transaction is open on this connection.
  bool InTransaction() const;

 private:
  Database(sqlite3* db, std::string path);
  void Close();
  sqlite3* db_ = nullptr;
  std::string path_;
  std::shared_ptr<detail::StatementCache> cache_;
};

// Maps the last error of `db` (or `rc` when db is null) to an Error, with `what` as context.
Error SqliteError(sqlite3* db, int rc, std::string_view what);

// A prepared statement. Bind parameters are 1-based, as in SQLite; columns are 0-based.
class Statement {
 public:
  Statement(Statement&&) noexcept;
  Statement& operator=(Statement&&) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  Statement& Bind(int index, int64_t value);
  Statement& Bind(int index, int value) { return Bind(index, static_cast<int64_t>(value)); }
  Statement& Bind(int index, double value);
  Statement& Bind(int index, std::string_view text);
  Statement& Bind(int index, const char* text) { return Bind(index, std::string_view(text)); }
  Statement& Bind(int index, const std::string& text) {
    return Bind(index, std::string_view(text));
  }
  Statement& BindBlob(int index, const std::vector<uint8_t>& blob);
  Statement& BindNull(int index);
  template <typename T>
  Statement& Bind(int index, const std::optional<T>& value) {
    return value ? Bind(index, *value) : BindNull(index);
  }

  // Advances: true when a row is ready, false when done. A bind error is reported here.
  Result<bool> Step();
  // Steps to completion, for statements that return no rows.
  Status Run();
  // Makes the statement ready to run again with new bindings.
  void Reset();

  int64_t ColumnInt(int col) const;
  double ColumnDouble(int col) const;
  std::string ColumnText(int col) const;  // "" for NULL
  std::optional<std::string> ColumnOptionalText(int col) const;
  std::optional<int64_t> ColumnOptionalInt(int col) const;
  std::vector<uint8_t> ColumnBlob(int col) const;
  bool ColumnIsNull(int col) const;

 private:
  friend class Database;
  Statement(sqlite3* db, sqlite3_stmt* stmt, std::shared_ptr<detail::StatementCache> cache,
            std::string key);
  void Release();
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
  std::optional<Error> bind_error_;
  std::shared_ptr<detail::StatementCache> cache_;  // where the statement goes back when done
  std::string key_;                                // its SQL text in the cache
};

// BEGIN IMMEDIATE ... COMMIT. Rolls back in the destructor unless Commit() succeeded, so an
// early return or an error leaves the database exactly as it was.
class Transaction {
 public:
  static Result<Transaction> Begin(Database& db);
  Transaction(Transaction&&) noexcept;
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  ~Transaction();

  Status Commit();
  Database& db() { return *db_; }

 private:
  explicit Transaction(Database* db) : db_(db) {}
  Database* db_;
  bool open_ = true;
};

}  // namespace raida::core
