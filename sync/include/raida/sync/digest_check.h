// DigestCheck: the kiosk's side of the divergence check (digest_protocol.h; sync-protocol.md
// §2.10 "Divergence detection").
//
// Run() compares, table by table, the digest of the rows this kiosk holds with the digest of
// what the district office has put in its scope (one request), and for each table that differs
// fetches the office's rows of that table (paged) and replaces the kiosk's rows of the table
// with them in ONE local transaction:
//   - under Store::ApplyingScope, as ReplyApplier applies a pull: no outbox rows, the catalog
//     guards let the office's rows in;
//   - a row with a change still waiting in the outbox is left as it is (its change goes up next
//     and the server merges it);
//   - rows the office does not have are deleted, the others take the office's values and stamp;
//   - afterwards the table's digest is taken again in the same transaction: "repaired" means
//     it now equals the office's.
// Only synced tables are touched (local tables such as local_ui_state never), and only the
// tables that differ.
//
// The check needs a kiosk that has sent everything and pulled everything: it does not start
// while the outbox holds changes or a reconcile waits (kNotReady), and the office answers
// 409 behind when entries wait to be pulled; the caller syncs first (SyncWorker's nightly
// session, `raida-sync check`). A completed check (matched or repaired) records its time in
// sync_meta 'last_digest_check' and a line of table names in 'last_digest_result'.
// The log gets table names and counts only, never values. The caller holds the SyncLock.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "raida/core/store.h"
#include "raida/sync/credentials.h"
#include "raida/sync/digest_protocol.h"
#include "raida/sync/sync_client.h"
#include "raida/sync/transport.h"

namespace raida::sync {

constexpr const char* kLastDigestCheckKey = "last_digest_check";    // wall-clock ms
constexpr const char* kLastDigestResultKey = "last_digest_result";  // "all tables matched", ...

// One table's outcome: the row counts both sides had, and what a repair did.
struct TableCheck {
  std::string table;
  int64_t kiosk_rows = 0;
  int64_t office_rows = 0;
  bool matched = false;      // the digests were equal
  bool repaired = false;     // differed, and equals the office's after the repair
  int64_t changed = 0;       // rows whose values the repair replaced
  int64_t added = 0;         // rows the kiosk lacked
  int64_t removed = 0;       // rows the office does not have
  int64_t kept_waiting = 0;  // rows left alone: a change of them waits in the outbox
};

enum class DigestOutcome {
  kMatched,       // every table matched
  kRepaired,      // some differed; every one of them matches now
  kStillDiffers,  // a table still differs after its repair (rows kept waiting), or repair off
  kNotReady,      // changes wait to be sent or pulled: sync first
  kNetwork,       // no answer, or 5xx/429
  kRefused,       // the office refused the request (4xx)
  kLocalError,    // the kiosk's database, or a reply that does not fit
};
const char* DigestOutcomeName(DigestOutcome outcome);

struct DigestResult {
  DigestOutcome outcome = DigestOutcome::kMatched;
  std::string message;  // plain words; "" when matched or repaired
  std::vector<TableCheck> tables;
  SessionStats stats;  // requests, bytes and duration (the change counts stay 0)
  bool ok() const {
    return outcome == DigestOutcome::kMatched || outcome == DigestOutcome::kRepaired;
  }
};

struct DigestCheckOptions {
  bool repair = true;                 // false: only report the tables that differ
  int64_t page_max_bytes = 262'144;   // a repair page's budget of row values
  int max_pages_per_table = 100'000;  // a bound against a server that never says "no more"
};

class DigestCheck {
 public:
  // `store` and `transport` must outlive the check.
  DigestCheck(core::Store& store, Transport& transport, Credentials credentials,
              DigestCheckOptions options = {});

  // Runs the check (and the repairs) now. Never throws; every failure is in the result.
  DigestResult Run();

 private:
  struct Answer;
  struct Head;
  Answer Send(const std::string& json, DigestResult& result);
  core::Result<std::vector<TableDigest>> LocalDigests(int schema);
  bool Repair(const Head& head, const TableDigest& office, TableCheck& check, DigestResult& result);
  DigestResult Finish(DigestResult result, int64_t start_ms);

  core::Store* store_;
  Transport* transport_;
  Credentials credentials_;
  DigestCheckOptions options_;
};

}  // namespace raida::sync
