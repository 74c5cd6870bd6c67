// The RAII SQLite layer: connection, prepared statement, transaction, and the one place where
// SQLite result codes become ErrorCodes.
//
// Open() checks the file before touching it: a missing file with kOpenExisting is kNotFound (we
// open without SQLITE_OPEN_CREATE, so SQLite cannot create an empty database behind our back),
// and a file that is not a database is kCorrupt before any pragma could write to it. Only then
// are the pragmas applied, and WAL is verified to have taken effect.
#include "raida/core/database.h"

#include <sqlite3.h>

#include <filesystem>
#include <map>
#include <system_error>
#include <utility>

namespace raida::core {
namespace {

ErrorCode MapSqliteCode(int rc) {
  switch (rc & 0xff) {
    case SQLITE_FULL:
      return ErrorCode::kFull;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return ErrorCode::kCorrupt;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return ErrorCode::kBusy;
    case SQLITE_CONSTRAINT:
      return ErrorCode::kConflict;
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_PERM:
    case SQLITE_READONLY:
    case SQLITE_NOLFS:
    case SQLITE_PROTOCOL:
      return ErrorCode::kIo;
    case SQLITE_NOTFOUND:
      return ErrorCode::kNotFound;
    case SQLITE_TOOBIG:
    case SQLITE_MISMATCH:
      return ErrorCode::kInvalidArgument;
    default:
      return ErrorCode::kInternal;
  }
}

bool IsInMemory(const std::string& path) {
  return path.empty() || path == ":memory:" || path.rfind("file::memory:", 0) == 0;
}

// First characters of a statement, for error context (values are always bound, never inlined,
// so the SQL text carries no personal data).
std::string SqlContext(sqlite3_stmt* stmt) {
  const char* sql = stmt != nullptr ? sqlite3_sql(stmt) : nullptr;
  std::string text = sql != nullptr ? sql : "";
  constexpr size_t kMaxContext = 80;
  if (text.size() > kMaxContext) {
    text = text.substr(0, kMaxContext) + "...";
  }
  return text;
}

}  // namespace

Error SqliteError(sqlite3* db, int rc, std::string_view what) {
  // Prefer the connection's extended code (SQLITE_CONSTRAINT_TRIGGER, SQLITE_IOERR_FSYNC...) when
  // it describes the same failure as `rc`.
  int code = rc;
  if (db != nullptr) {
    const int extended = sqlite3_extended_errcode(db);
    if (rc == SQLITE_OK || (extended & 0xff) == (rc & 0xff)) {
      code = extended;
    }
  }
  std::string message(what);
  message += ": ";
  message += db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  message += " (";
  message += sqlite3_errstr(code);
  message += ")";
  return MakeError(MapSqliteCode(code), std::move(message));
}

// ---------------------------------------------------------------------------------------------
// Statement cache

namespace detail {

// Idle compiled statements of one connection, by SQL text. Shared with the statements handed
// out, so one that outlives its Database finalizes itself instead of coming back.
struct StatementCache {
  static constexpr size_t kMaxIdle = 256;  // SQL texts are fixed strings: a few dozen in practice

  sqlite3_stmt* Take(const std::string& sql) {
    auto it = idle.find(sql);
    if (it == idle.end()) {
      return nullptr;
    }
    sqlite3_stmt* stmt = it->second;
    idle.erase(it);
    return stmt;
  }

  void Give(std::string sql, sqlite3_stmt* stmt) {
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    if (closed || idle.size() >= kMaxIdle || idle.count(sql) != 0) {
      sqlite3_finalize(stmt);
      return;
    }
    idle.emplace(std::move(sql), stmt);
  }

  void Close() {
    closed = true;
    for (auto& [sql, stmt] : idle) {
      sqlite3_finalize(stmt);
    }
    idle.clear();
  }

  std::map<std::string, sqlite3_stmt*, std::less<>> idle;
  bool closed = false;
};

}  // namespace detail

// ---------------------------------------------------------------------------------------------
// Database

namespace {

Status CheckExists(const std::string& path) {
  std::error_code ec;
  const bool exists = std::filesystem::exists(path, ec);
  if (ec) {
    return MakeError(ErrorCode::kIo, "cannot check database " + path + ": " + ec.message());
  }
  if (!exists) {
    return MakeError(ErrorCode::kNotFound,
                     "database " + path + " does not exist (expected an existing Raida database)");
  }
  return Ok();
}

// Reads the schema: the cheapest statement that makes SQLite parse the file header and the
// schema page, so a file of random bytes is reported here, before anything writes to it.
Status CheckReadable(Database& db) {
  auto stmt = db.Prepare("SELECT count(*) FROM sqlite_schema");
  if (!stmt.ok()) {
    return MakeError(stmt.error().code,
                     "database " + db.path() + " cannot be read: " + stmt.error().message);
  }
  auto step = stmt->Step();
  if (!step.ok()) {
    return MakeError(step.error().code,
                     "database " + db.path() + " cannot be read: " + step.error().message);
  }
  return Ok();
}

Status ApplyPragmas(Database& db, const DatabaseOptions& options) {
  RAIDA_TRY(db.Exec("PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON;"));
  if (options.read_only || IsInMemory(db.path())) {
    return Ok();
  }
  RAIDA_ASSIGN_OR_RETURN(Statement stmt, db.Prepare("PRAGMA journal_mode = WAL"));
  auto row = stmt.Step();
  RAIDA_TRY(row);
  const std::string mode = *row ? stmt.ColumnText(0) : "";
  if (mode != "wal") {
    return MakeError(ErrorCode::kIo, "database " + db.path() +
                                         " could not be switched to WAL (journal mode is '" + mode +
                                         "'); is the file system read-only or remote?");
  }
  // synchronous=FULL: a person's sign-up survives a power cut once the screen says it is saved.
  return db.Exec("PRAGMA synchronous = FULL;");
}

}  // namespace

Result<Database> Database::Open(const std::string& path, const DatabaseOptions& options) {
  const bool in_memory = IsInMemory(path);
  if (options.mode == OpenMode::kOpenExisting && !in_memory) {
    RAIDA_TRY(CheckExists(path));
  }
  int flags = options.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  if (options.mode == OpenMode::kCreateIfMissing && !options.read_only) {
    flags |= SQLITE_OPEN_CREATE;
  }
  flags |= SQLITE_OPEN_URI;
  sqlite3* handle = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &handle, flags, nullptr);
  Database db(handle, path);  // closes the handle on every path below, even a failed open
  if (rc != SQLITE_OK) {
    const Error error = SqliteError(handle, rc, "cannot open database " + path);
    return error;
  }
  sqlite3_extended_result_codes(handle, 1);
  sqlite3_busy_timeout(handle, options.busy_timeout_ms);
  RAIDA_TRY(CheckReadable(db));
  RAIDA_TRY(ApplyPragmas(db, options));
  return db;
}

Database::Database(sqlite3* db, std::string path)
    : db_(db), path_(std::move(path)), cache_(std::make_shared<detail::StatementCache>()) {}

Database::Database(Database&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)),
      path_(std::move(other.path_)),
      cache_(std::move(other.cache_)) {}

Database& Database::operator=(Database&& other) noexcept {
  if (this != &other) {
    Close();
    db_ = std::exchange(other.db_, nullptr);
    path_ = std::move(other.path_);
    cache_ = std::move(other.cache_);
  }
  return *this;
}

Database::~Database() { Close(); }

void Database::Close() {
  if (cache_) {
    cache_->Close();
  }
  // close_v2: a statement still held somewhere keeps the connection until it is finalized.
  sqlite3_close_v2(db_);
  db_ = nullptr;
}

Status Database::Exec(std::string_view sql) {
  std::string text(sql);
  char* message = nullptr;
  const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
  sqlite3_free(message);
  if (rc != SQLITE_OK) {
    return SqliteError(db_, rc, "database " + path_);
  }
  return Ok();
}

Result<Statement> Database::Prepare(std::string_view sql) {
  std::string key(sql);
  if (sqlite3_stmt* cached = cache_->Take(key)) {
    return Statement(db_, cached, cache_, std::move(key));
  }
  sqlite3_stmt* stmt = nullptr;
  const char* tail = nullptr;
  const int rc = sqlite3_prepare_v2(db_, key.c_str(), static_cast<int>(key.size()), &stmt, &tail);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return SqliteError(db_, rc, "cannot prepare '" + key.substr(0, 80) + "'");
  }
  const std::string_view rest(tail, key.size() - static_cast<size_t>(tail - key.c_str()));
  if (stmt == nullptr || rest.find_first_not_of(" \t\r\n;") != std::string_view::npos) {
    sqlite3_finalize(stmt);
    return MakeError(ErrorCode::kInternal,
                     "Prepare takes exactly one statement: '" + key.substr(0, 80) + "'");
  }
  return Statement(db_, stmt, cache_, std::move(key));
}

Result<int> Database::UserVersion() {
  RAIDA_ASSIGN_OR_RETURN(Statement stmt, Prepare("PRAGMA user_version"));
  auto row = stmt.Step();
  RAIDA_TRY(row);
  return static_cast<int>(stmt.ColumnInt(0));
}

int64_t Database::LastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }

int Database::Changes() const { return sqlite3_changes(db_); }

bool Database::InTransaction() const { return sqlite3_get_autocommit(db_) == 0; }

// ---------------------------------------------------------------------------------------------
// Statement

Statement::Statement(sqlite3* db, sqlite3_stmt* stmt, std::shared_ptr<detail::StatementCache> cache,
                     std::string key)
    : db_(db), stmt_(stmt), cache_(std::move(cache)), key_(std::move(key)) {}

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_),
      stmt_(std::exchange(other.stmt_, nullptr)),
      bind_error_(std::move(other.bind_error_)),
      cache_(std::move(other.cache_)),
      key_(std::move(other.key_)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    Release();
    db_ = other.db_;
    stmt_ = std::exchange(other.stmt_, nullptr);
    bind_error_ = std::move(other.bind_error_);
    cache_ = std::move(other.cache_);
    key_ = std::move(other.key_);
  }
  return *this;
}

Statement::~Statement() { Release(); }

// Hands the compiled statement back to the connection's cache (reset, bindings cleared), or
// finalizes it when there is no cache to go back to.
void Statement::Release() {
  if (stmt_ == nullptr) {
    return;
  }
  if (cache_) {
    cache_->Give(std::move(key_), stmt_);
  } else {
    sqlite3_finalize(stmt_);
  }
  stmt_ = nullptr;
}

namespace {

void NoteBind(int rc, sqlite3* db, sqlite3_stmt* stmt, int index, std::optional<Error>& slot) {
  if (rc != SQLITE_OK && !slot) {
    slot = SqliteError(
        db, rc,
        "cannot bind parameter " + std::to_string(index) + " of '" + SqlContext(stmt) + "'");
  }
}

}  // namespace

Statement& Statement::Bind(int index, int64_t value) {
  NoteBind(sqlite3_bind_int64(stmt_, index, value), db_, stmt_, index, bind_error_);
  return *this;
}

Statement& Statement::Bind(int index, double value) {
  NoteBind(sqlite3_bind_double(stmt_, index, value), db_, stmt_, index, bind_error_);
  return *this;
}

Statement& Statement::Bind(int index, std::string_view text) {
  NoteBind(
      sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8),
      db_, stmt_, index, bind_error_);
  return *this;
}

Statement& Statement::BindBlob(int index, const std::vector<uint8_t>& blob) {
  NoteBind(sqlite3_bind_blob64(stmt_, index, blob.data(), blob.size(), SQLITE_TRANSIENT), db_,
           stmt_, index, bind_error_);
  return *this;
}

Statement& Statement::BindNull(int index) {
  NoteBind(sqlite3_bind_null(stmt_, index), db_, stmt_, index, bind_error_);
  return *this;
}

Result<bool> Statement::Step() {
  if (bind_error_) {
    return *bind_error_;
  }
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) {
    return true;
  }
  if (rc == SQLITE_DONE) {
    return false;
  }
  // Appended rather than `"'" + ... + "'"`: GCC 12 at -O3 reports a false -Wrestrict on the
  // concatenation (GCC bug 105329), which -Werror would turn into a failed Release build.
  std::string context = "'";
  context += SqlContext(stmt_);
  context += "'";
  return SqliteError(db_, rc, context);
}

Status Statement::Run() {
  while (true) {
    auto row = Step();
    RAIDA_TRY(row);
    if (!*row) {
      return Ok();
    }
  }
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  bind_error_.reset();
}

int64_t Statement::ColumnInt(int col) const { return sqlite3_column_int64(stmt_, col); }

double Statement::ColumnDouble(int col) const { return sqlite3_column_double(stmt_, col); }

std::string Statement::ColumnText(int col) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
  if (text == nullptr) {
    return "";
  }
  return std::string(text, static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}

std::optional<std::string> Statement::ColumnOptionalText(int col) const {
  if (ColumnIsNull(col)) {
    return std::nullopt;
  }
  return ColumnText(col);
}

std::optional<int64_t> Statement::ColumnOptionalInt(int col) const {
  if (ColumnIsNull(col)) {
    return std::nullopt;
  }
  return ColumnInt(col);
}

std::vector<uint8_t> Statement::ColumnBlob(int col) const {
  const auto* data = static_cast<const uint8_t*>(sqlite3_column_blob(stmt_, col));
  const int size = sqlite3_column_bytes(stmt_, col);
  if (data == nullptr || size <= 0) {
    return {};
  }
  return std::vector<uint8_t>(data, data + size);
}

bool Statement::ColumnIsNull(int col) const {
  return sqlite3_column_type(stmt_, col) == SQLITE_NULL;
}

// ---------------------------------------------------------------------------------------------
// Transaction

Result<Transaction> Transaction::Begin(Database& db) {
  RAIDA_TRY(db.Exec("BEGIN IMMEDIATE"));
  return Transaction(&db);
}

Transaction::Transaction(Transaction&& other) noexcept
    : db_(other.db_), open_(std::exchange(other.open_, false)) {}

Transaction::~Transaction() {
  // SQLite rolls back by itself after some errors (SQLITE_FULL, SQLITE_IOERR); only roll back
  // what is still open, and never throw or abort from a destructor.
  if (open_ && db_->InTransaction()) {
    (void)db_->Exec("ROLLBACK");
  }
}

Status Transaction::Commit() {
  RAIDA_CHECK(open_);
  RAIDA_TRY(db_->Exec("COMMIT"));
  open_ = false;
  return Ok();
}

}  // namespace raida::core
