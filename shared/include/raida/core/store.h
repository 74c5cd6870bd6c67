// Store: a Raida database opened, migrated and wired for change capture.
//
// Every write to a synced table that a person or coordinator makes on this device is captured
// by triggers (generated from the table list in schema.cpp) into the outbox, in the same
// transaction: a gapless per-device sequence number (sync_meta 'outbox_seq'), the row's HLC
// stamp and only the columns that changed. Repositories stamp each local write with the SQL
// functions this class registers on the connection:
//   sync_hlc()      the next HLC stamp of this device (persisted as sync_meta 'hlc_last' by the
//                   capture trigger in the same transaction)
//   sync_origin()   this device's id (0 on the district server)
//   sync_applying() 1 while changes that came from elsewhere (sync, demo or catalog load) are
//                   being written: the capture triggers stay quiet, since those changes are not
//                   this device's to send
// A local UPDATE that does not carry a new stamp is refused by a trigger, so no repository can
// change a synced row without it reaching the outbox.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "raida/core/clock.h"
#include "raida/core/database.h"
#include "raida/core/hlc.h"
#include "raida/core/result.h"

namespace raida::core {

struct StoreOptions {
  std::string path;  // database file, or ":memory:" in tests
  OpenMode mode = OpenMode::kCreateIfMissing;
  int busy_timeout_ms = 5000;
};

// A Store is used by one thread at a time; each worker (storage, sync) opens its own.
class Store {
 public:
  // Opens the database, applies pending migrations and loads the HLC and device identity from
  // sync_meta. Errors: kNotFound (missing file with kOpenExisting), kCorrupt (not a database),
  // kTooNew (written by a newer Raida), kFull, kIo.
  static Result<std::unique_ptr<Store>> Open(const StoreOptions& options, const Clock& clock);

  Database& db() { return db_; }
  const Clock& clock() const { return *clock_; }
  HybridClock& hlc() { return hlc_; }

  // This device's id (0 until the device is provisioned, and always 0 on the server).
  int64_t device_id() const { return device_id_; }
  // Records the device id in sync_meta; row ids created afterwards use it as their prefix.
  Status SetDeviceId(int64_t device_id);

  // A new row id unique across the district: "<prefix>-<open tag>-<counter in base 36>", where
  // the prefix is the device id once provisioned, or a random provisional prefix ("p" + 8 hex
  // digits) chosen when the database was created, and the open tag is 6 random base-36 digits
  // chosen each time the database is opened. The counter (sync_meta 'id_counter') makes ids unique
  // within one copy of the database; the tag keeps them apart across copies: a kiosk restored
  // from a backup counts again from where the backup stood, and its rows made before it next
  // reaches the server must not take the ids of rows the server already has from it. Must be
  // called inside a write transaction, so a rolled-back id is reused rather than skipped.
  Result<std::string> NewRowId();

  // A write transaction for repository code. Begins one (BEGIN IMMEDIATE) when the connection
  // has none, or joins the one the caller already holds; either way the HLC and device id are
  // current: when it begins a transaction it first catches up with sync_meta, which another
  // connection to the same file (the sync worker's) may have moved on.
  // Pattern: every repository write is
  //     RAIDA_ASSIGN_OR_RETURN(auto scope, store.BeginWrite());  ... SQL ...  return
  //     scope.Commit();
  // and a caller that groups several writes into one transaction opens its own scope around
  // them the same way (not a bare Transaction::Begin, which would skip the catch-up).
  class WriteScope {
   public:
    // Commits the transaction this scope began; a joined scope commits nothing (the outer
    // transaction decides). A scope left uncommitted rolls back what it began.
    Status Commit();
    bool owns_transaction() const { return txn_.has_value(); }

   private:
    friend class Store;
    explicit WriteScope(std::optional<Transaction> txn) : txn_(std::move(txn)) {}
    std::optional<Transaction> txn_;
  };
  Result<WriteScope> BeginWrite();

  // Takes a stamp that came from elsewhere (sync pull) into account and persists the advanced
  // clock in sync_meta 'hlc_last'. Call inside a write transaction. Returns false (and changes
  // nothing) when the stamp is too far in the future (HybridClock::Observe).
  Result<bool> ObserveRemoteStamp(HlcStamp remote);
  // Records the correction learned from the server's time (sync_meta 'server_offset_ms') and
  // applies it to the HLC's physical time.
  Status SetServerOffsetMs(int64_t offset_ms);
  // This database instance's random epoch (16 hex digits) as it was when the database was
  // opened; a new database, and a reconcile after a restore, take a new one (NewEpoch).
  const std::string& db_epoch() const { return db_epoch_; }
  static std::string NewEpoch();
  // The provisional id prefix chosen when the database was created ("p" + 8 hex digits).
  const std::string& id_prefix() const { return id_prefix_; }

  // While an ApplyingScope is alive, writes on this connection are not captured: used when
  // applying changes that came from the server or loading published data.
  class ApplyingScope {
   public:
    explicit ApplyingScope(Store& store) : store_(&store) { store_->applying_ = true; }
    ~ApplyingScope() { store_->applying_ = false; }
    ApplyingScope(const ApplyingScope&) = delete;
    ApplyingScope& operator=(const ApplyingScope&) = delete;

   private:
    Store* store_;
  };
  bool applying() const { return applying_; }

  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;
  ~Store();

 private:
  Store(Database db, const Clock& clock);
  Status RegisterFunctions();
  Status LoadMeta();
  Status CreateIdentity();
  Status CatchUpWithMeta();

  Database db_;
  const Clock* clock_;
  HybridClock hlc_;
  int64_t device_id_ = 0;
  std::string id_prefix_;
  std::string open_tag_;  // see NewRowId
  std::string db_epoch_;
  bool applying_ = false;
};

// Deterministic ids for records two devices may create for the same thing:
// the first 16 hex digits of SHA-256 over the parts joined by '\x1f'.
std::string DeterministicId(std::string_view kind, std::string_view a, std::string_view b);

}  // namespace raida::core
