// Store: opening, migrating and wiring a Raida database for change capture.
//
// The SQL functions registered here are what the capture triggers and the repositories' SQL
// call: sync_hlc() ticks this connection's HybridClock, sync_origin() is the device id, and
// sync_applying() tells the triggers to stay quiet while changes from elsewhere are written.
// They are per connection (user data = the Store), so the storage and the sync worker, each
// with its own Store on the same file, never see each other's flags.
#include "raida/core/store.h"

#include <sodium.h>
#include <sqlite3.h>

#include <algorithm>
#include <array>

#include "raida/core/hex.h"
#include "raida/core/migrations.h"

namespace raida::core {
namespace {

void SqlHlc(sqlite3_context* context, int /*argc*/, sqlite3_value** /*argv*/) {
  auto* store = static_cast<Store*>(sqlite3_user_data(context));
  sqlite3_result_int64(context, static_cast<sqlite3_int64>(store->hlc().Now()));
}

void SqlOrigin(sqlite3_context* context, int /*argc*/, sqlite3_value** /*argv*/) {
  auto* store = static_cast<Store*>(sqlite3_user_data(context));
  sqlite3_result_int64(context, store->device_id());
}

void SqlApplying(sqlite3_context* context, int /*argc*/, sqlite3_value** /*argv*/) {
  auto* store = static_cast<Store*>(sqlite3_user_data(context));
  sqlite3_result_int(context, store->applying() ? 1 : 0);
}

constexpr std::string_view kBase36Digits = "0123456789abcdefghijklmnopqrstuvwxyz";

// `digits` random base-36 digits.
std::string RandomBase36(int digits) {
  std::string out;
  for (int i = 0; i < digits; ++i) {
    out.push_back(kBase36Digits[randombytes_uniform(static_cast<uint32_t>(kBase36Digits.size()))]);
  }
  return out;
}

std::string Base36(int64_t value) {
  if (value <= 0) {
    return "0";
  }
  std::string out;
  while (value > 0) {
    out.push_back(kBase36Digits[static_cast<size_t>(value % 36)]);
    value /= 36;
  }
  std::reverse(out.begin(), out.end());
  return out;
}

Result<std::optional<int64_t>> ReadMetaInt(Database& db, std::string_view key) {
  RAIDA_ASSIGN_OR_RETURN(Statement stmt, db.Prepare("SELECT v FROM sync_meta WHERE k = ?"));
  stmt.Bind(1, key);
  auto row = stmt.Step();
  RAIDA_TRY(row);
  if (!*row) {
    return std::optional<int64_t>();
  }
  return stmt.ColumnOptionalInt(0);
}

Result<std::string> ReadMetaText(Database& db, std::string_view key) {
  RAIDA_ASSIGN_OR_RETURN(Statement stmt, db.Prepare("SELECT v FROM sync_meta WHERE k = ?"));
  stmt.Bind(1, key);
  auto row = stmt.Step();
  RAIDA_TRY(row);
  return *row ? stmt.ColumnText(0) : std::string();
}

}  // namespace

Store::Store(Database db, const Clock& clock)
    : db_(std::move(db)), clock_(&clock), hlc_(clock, 0) {}

Store::~Store() = default;

Result<std::unique_ptr<Store>> Store::Open(const StoreOptions& options, const Clock& clock) {
  if (sodium_init() < 0) {
    return MakeError(ErrorCode::kInternal, "libsodium could not be initialised");
  }
  DatabaseOptions db_options;
  db_options.mode = options.mode;
  db_options.busy_timeout_ms = options.busy_timeout_ms;
  RAIDA_ASSIGN_OR_RETURN(Database db, Database::Open(options.path, db_options));
  std::unique_ptr<Store> store(new Store(std::move(db), clock));
  RAIDA_TRY(store->RegisterFunctions());
  RAIDA_TRY(Migrate(store->db_, RaidaMigrations()));
  RAIDA_TRY(store->LoadMeta());
  return store;
}

Status Store::RegisterFunctions() {
  struct Function {
    const char* name;
    void (*fn)(sqlite3_context*, int, sqlite3_value**);
    int flags;
  };
  // sync_hlc() has a side effect (it ticks the clock), so it is neither deterministic nor
  // innocuous; the other two only read connection state and may run inside triggers.
  const std::array<Function, 3> functions = {{
      {"sync_hlc", &SqlHlc, SQLITE_UTF8 | SQLITE_DIRECTONLY},
      {"sync_origin", &SqlOrigin, SQLITE_UTF8 | SQLITE_INNOCUOUS},
      {"sync_applying", &SqlApplying, SQLITE_UTF8 | SQLITE_INNOCUOUS},
  }};
  for (const Function& f : functions) {
    const int rc = sqlite3_create_function_v2(db_.handle(), f.name, 0, f.flags, this, f.fn, nullptr,
                                              nullptr, nullptr);
    if (rc != SQLITE_OK) {
      return SqliteError(db_.handle(), rc, std::string("cannot register ") + f.name);
    }
  }
  return Ok();
}

// The random identity of a new database: a provisional id prefix (until the device is
// provisioned) and the epoch that tells the server this is a new database instance.
Status Store::CreateIdentity() {
  RAIDA_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db_));
  RAIDA_ASSIGN_OR_RETURN(Statement stmt,
                         db_.Prepare("INSERT OR IGNORE INTO sync_meta(k, v) VALUES (?, ?)"));
  RAIDA_TRY(stmt.Bind(1, "id_prefix").Bind(2, "p" + RandomHex(4)).Run());
  stmt.Reset();
  RAIDA_TRY(stmt.Bind(1, "db_epoch").Bind(2, NewEpoch()).Run());
  return txn.Commit();
}

std::string Store::NewEpoch() { return RandomHex(8); }

Status Store::LoadMeta() {
  open_tag_ = RandomBase36(6);
  RAIDA_ASSIGN_OR_RETURN(id_prefix_, ReadMetaText(db_, "id_prefix"));
  if (id_prefix_.empty()) {
    RAIDA_TRY(CreateIdentity());
    RAIDA_ASSIGN_OR_RETURN(id_prefix_, ReadMetaText(db_, "id_prefix"));
  }
  RAIDA_ASSIGN_OR_RETURN(db_epoch_, ReadMetaText(db_, "db_epoch"));
  RAIDA_ASSIGN_OR_RETURN(auto offset, ReadMetaInt(db_, "server_offset_ms"));
  hlc_.set_offset_ms(offset.value_or(0));
  return CatchUpWithMeta();
}

// Another connection to the same file may have issued stamps or learned the device id since
// we last looked: never issue a stamp below what sync_meta has persisted.
Status Store::CatchUpWithMeta() {
  RAIDA_ASSIGN_OR_RETURN(auto persisted, ReadMetaInt(db_, "hlc_last"));
  const auto last = static_cast<HlcStamp>(std::max<int64_t>(persisted.value_or(0), 0));
  if (last > hlc_.last()) {
    hlc_ = HybridClock(*clock_, last, hlc_.offset_ms());
  }
  RAIDA_ASSIGN_OR_RETURN(auto device, ReadMetaInt(db_, "device_id"));
  device_id_ = device.value_or(0);
  return Ok();
}

Status Store::SetDeviceId(int64_t device_id) {
  if (device_id <= 0) {
    return MakeError(ErrorCode::kInvalidArgument, "a device id must be positive");
  }
  RAIDA_ASSIGN_OR_RETURN(WriteScope scope, BeginWrite());
  RAIDA_ASSIGN_OR_RETURN(Statement stmt,
                         db_.Prepare("UPDATE sync_meta SET v = ? WHERE k = 'device_id'"));
  RAIDA_TRY(stmt.Bind(1, device_id).Run());
  RAIDA_TRY(scope.Commit());
  device_id_ = device_id;
  return Ok();
}

Result<std::string> Store::NewRowId() {
  if (!db_.InTransaction()) {
    return MakeError(ErrorCode::kInternal, "NewRowId must be called inside a write transaction");
  }
  RAIDA_ASSIGN_OR_RETURN(
      Statement stmt,
      db_.Prepare("UPDATE sync_meta SET v = v + 1 WHERE k = 'id_counter' RETURNING v"));
  auto row = stmt.Step();
  RAIDA_TRY(row);
  if (!*row) {
    return MakeError(ErrorCode::kCorrupt, "sync_meta has no id_counter in " + db_.path());
  }
  const int64_t counter = stmt.ColumnInt(0);
  RAIDA_TRY(stmt.Run());  // finish the statement so the UPDATE is complete
  const std::string prefix = device_id_ > 0 ? std::to_string(device_id_) : id_prefix_;
  return prefix + "-" + open_tag_ + "-" + Base36(counter);
}

Result<Store::WriteScope> Store::BeginWrite() {
  if (db_.InTransaction()) {
    return WriteScope(std::nullopt);
  }
  RAIDA_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db_));
  RAIDA_TRY(CatchUpWithMeta());
  return WriteScope(std::move(txn));
}

Status Store::WriteScope::Commit() {
  if (!txn_) {
    return Ok();
  }
  return txn_->Commit();
}

Result<bool> Store::ObserveRemoteStamp(HlcStamp remote) {
  if (!db_.InTransaction()) {
    return MakeError(ErrorCode::kInternal, "ObserveRemoteStamp needs a write transaction");
  }
  if (!hlc_.Observe(remote)) {
    return false;
  }
  RAIDA_ASSIGN_OR_RETURN(
      Statement stmt, db_.Prepare("UPDATE sync_meta SET v = ?1 WHERE k = 'hlc_last' AND v < ?1"));
  RAIDA_TRY(stmt.Bind(1, static_cast<int64_t>(hlc_.last())).Run());
  return true;
}

Status Store::SetServerOffsetMs(int64_t offset_ms) {
  RAIDA_ASSIGN_OR_RETURN(WriteScope scope, BeginWrite());
  RAIDA_ASSIGN_OR_RETURN(Statement stmt,
                         db_.Prepare("UPDATE sync_meta SET v = ? WHERE k = 'server_offset_ms'"));
  RAIDA_TRY(stmt.Bind(1, offset_ms).Run());
  RAIDA_TRY(scope.Commit());
  hlc_.set_offset_ms(offset_ms);
  return Ok();
}

std::string DeterministicId(std::string_view kind, std::string_view a, std::string_view b) {
  std::string input;
  input.reserve(kind.size() + a.size() + b.size() + 2);
  input.append(kind).append(1, '\x1f').append(a).append(1, '\x1f').append(b);
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(input.data()),
                     input.size());
  constexpr size_t kIdBytes = 8;  // 16 hex digits
  return Hex(std::span(digest).first(kIdBytes));
}

}  // namespace raida::core
