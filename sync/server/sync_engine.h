// SyncEngine: the district server's side of sync, without HTTP.
//
// It owns no connection of its own: it works on the server's core::Store and reads time from a
// Clock, so tests drive it directly and ServerApp wraps it in routes. One writer at a time: the
// caller serializes calls (ServerApp holds a mutex), which makes server_seq follow commit order.
//
// What it does (../shared/reference/sync-protocol.md §2, DESIGN.md "Sync"):
// - devices: one-time provisioning codes for a center, device numbers and secrets, revocation;
//   every device is also published in the catalog `device` table (and so reaches the kiosks);
// - authentication of signed requests (unknown device, revoked, bad signature, replayed nonce);
// - HandleSync: version and epoch checks, exactly-once batches (a resent batch gets its stored
//   acknowledgement), the merge rules per table (merge_rules.cpp) applied in one transaction with
//   every resulting row change appended to change_log, then a pull page for the device's scope;
// - admin operations: erasure, duplicate-person merge, publishing loaded district data, and the
//   review queue of changes set aside (retry or discard; review_ops.cpp).
//
// Pull entries carry the server's merged values and the stamp the server holds for them.
// Entries with origin 0 are decisions of the server (a seat given or refused, a waitlist
// promotion, a progress row raised by a merge rule, a clamped clock, a redirected or resent row,
// an erasure or person merge), under a fresh server stamp, so they are newer than anything a
// kiosk wrote before. Entries a device made itself (origin = its number) are not sent back to
// it (but after a reconcile, see Epochs); a value of its own that lost comes back under the stamp
// of the value that won. A kiosk keeps its own acknowledged values against older entries
// (merge_rules.h says why).
//
// Scopes: a person's records are logged to every center whose kiosks hold the person (the home
// center, and a merged duplicate's center once the merge has published the survivor there).
//
// Epochs: the first sync records the kiosk database's db_epoch. A different epoch is accepted
// when batch numbering carries on (the next batch is last + 1), or in a reconcile request
// ("reconcile":true, protocol.h): a database restored from a backup or re-created gets 409
// batch_conflict or epoch_mismatch with the batch number expected, takes a new epoch and sends
// its unacknowledged changes again from there; the server records the epoch, logs that the
// device reconciled, and notes the change log's head (sync_meta 'reconcile_seq.<device>'): the
// device's own changes up to that head are sent back to it in its pulls, so what the server
// acknowledged after the backup returns to the kiosk.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "raida/core/clock.h"
#include "raida/core/result.h"
#include "raida/core/store.h"
#include "raida/sync/protocol.h"

namespace raida::server {

struct SyncEngineOptions {
  int min_pull_schema = 1;                     // older kiosks may push but get 426 for pulls
  int64_t max_clock_ahead_ms = 5 * 60 * 1000;  // pushed stamps further ahead are clamped
  int64_t nonce_ttl_ms = 7LL * 24 * 3600 * 1000;
  int64_t default_code_ttl_ms = 24LL * 3600 * 1000;
};

// An HTTP answer: the status and its JSON body (uncompressed).
struct HttpReply {
  int status = 200;
  std::string body;
};
// {"error":{"code":..,"message":..}} plus optional extra members (e.g. "expected").
HttpReply ErrorReply(int status, const std::string& code, const std::string& message,
                     const std::string& extra_members = "");

struct ProvisioningCode {
  std::string code;  // "4821-0937-5521": shown once to the administrator, stored only hashed
  std::string center_id;
  int64_t expires_ms = 0;
};

struct ProvisionedDevice {
  int64_t device_no = 0;
  std::string secret;      // 32 raw bytes
  std::string center_key;  // 32 raw bytes: the center's key for sealed notes (notes_keys.h)
  std::string center_id;
  std::string district_id;
};

struct ServerDevice {
  int64_t device_no = 0;
  std::string center_id;
  std::string label;
  bool active = true;
  int64_t last_batch = 0;
  std::optional<int64_t> last_seen_ms;
  std::optional<int64_t> last_success_ms;
  std::optional<int64_t> clock_offset_ms;
  std::string last_error;
};

// The outcome of authenticating a request: the device, or the refusal to send.
// What HandleSync needs to know of a device.
struct DeviceSyncState {
  std::string center_id;
  int64_t last_batch = 0;
  std::optional<std::string> epoch;
};

// A change the server set aside for review (quarantine): ids, reasons and the decision, never
// the pushed values.
struct SetAsideEntry {
  int64_t id = 0;
  int64_t device_no = 0;
  int64_t batch = 0;
  int64_t seq = 0;  // the device's outbox sequence number of the change
  std::string table;
  std::string pk;
  std::string reason;   // why it was refused, the last time it was tried
  int64_t at_ms = 0;    // when it was first set aside
  std::string status;   // "open", "accepted" or "discarded"
  std::string outcome;  // for "accepted": applied, superseded, waitlisted, redirected or erased
  int64_t retries = 0;
  std::string resolved_by;  // "" while open
  std::optional<int64_t> resolved_ms;
};

// What a retry did: accepted (the rules took the change; `detail` is their outcome) or refused
// again (`detail` is the new reason; the entry stays open).
struct RetryResult {
  bool accepted = false;
  std::string detail;
};

struct AuthOutcome {
  int64_t device_no = 0;
  std::optional<HttpReply> refusal;
};

class SyncEngine {
 public:
  SyncEngine(core::Store& store, const core::Clock& clock, SyncEngineOptions options = {});

  // A one-time code for a new kiosk at `center_id` (kNotFound for an unknown center), valid for
  // `ttl_ms` (<= 0: the default 24 h).
  core::Result<ProvisioningCode> IssueProvisioningCode(const std::string& center_id,
                                                       int64_t ttl_ms = 0);
  // Exchanges a code (dashes and spaces ignored) for a new device and its center's key (made
  // when the center has none yet). kUnauthorized for a code that is unknown, used or expired; the
  // code is spent on success.
  core::Result<ProvisionedDevice> Provision(std::string_view code, const std::string& label);
  // Refuses every later request of the device (403 revoked). kNotFound for an unknown number.
  core::Status RevokeDevice(int64_t device_no);
  core::Result<std::vector<ServerDevice>> ListDevices();

  // Checks the Authorization header of a request against the device's secret and records the
  // nonce. Refusals: 401 bad_auth_header | unknown_device | bad_signature | replayed_nonce,
  // 403 revoked.
  AuthOutcome Authenticate(std::string_view method, std::string_view path,
                           std::string_view auth_header, std::string_view body);

  // Handles one sync request (already authenticated as `device_no`, already decompressed).
  // 200 with a SyncResponse body, or an error reply as in protocol.h; a refused request changes
  // no data.
  HttpReply HandleSync(int64_t device_no, std::string_view request_json);

  // Erases a person: personal fields blanked, erased = 1, the personal fields of earlier
  // change-log payloads blanked (the other columns stay, so a kiosk that has not pulled the
  // person yet can still insert the row), their certificates withdrawn and their lesson time
  // counters tombstoned; later pushes touching the person are answered "erased". kNotFound for
  // an unknown person.
  core::Status ErasePerson(const std::string& person_id);
  // Merges a duplicate: the loser gets merged_into = winner, its records move to the winner, and
  // later pushes naming the loser are redirected. When the loser is held at a center the winner
  // is not, the winner and its records are first published there in full. kInvalidArgument for
  // the same person twice or an erased one, kNotFound for an unknown one.
  core::Status MergePeople(const std::string& loser_id, const std::string& winner_id);
  // A coordinator account for the kiosks of `center_id` (id "coordinator.<login>"), published to
  // them at their next sync. `passphrase_hash` is a core::CoordinatorAuth::HashPassphrase string.
  // kInvalidArgument for an empty login or name or a login with other than a-z 0-9 . _ -,
  // kNotFound for an unknown center, kConflict for a login in use.
  core::Result<std::string> AddCoordinator(const std::string& center_id, const std::string& login,
                                           const std::string& display_name,
                                           const std::string& passphrase_hash);
  // A new passphrase for the account with `login` (active or not), published to its center's
  // kiosks; a kiosk that sees another published hash starts the account afresh there: no wrong
  // tries, no lock, no PIN (the district office's reset of a locked account). kNotFound for an
  // unknown login.
  core::Status SetCoordinatorPassphrase(const std::string& login,
                                        const std::string& passphrase_hash);
  // The review queue (review_ops.cpp). Open entries (`resolved` false) oldest first, or
  // resolved ones newest first; at most `limit`.
  core::Result<std::vector<SetAsideEntry>> ListSetAside(bool resolved, int64_t limit = 200);
  // Runs set-aside change `id` through the merge rules again, exactly as a push of its device
  // would (its stamp and origin), in one transaction. Accepted: it is applied like any pushed
  // change (its row and change_log entries written) and the entry becomes "accepted" by `by`.
  // Refused again: nothing changes but the entry's reason and retry count; it stays open.
  // kNotFound for an unknown id; kConflict for an entry already resolved, or one set aside before
  // schema 8 (no stamp kept: it can only be discarded).
  core::Result<RetryResult> RetrySetAside(int64_t id, const std::string& by);
  // Marks set-aside change `id` "discarded" by `by`, now; the entry is kept. kNotFound for an
  // unknown id, kConflict for one already resolved.
  core::Status DiscardSetAside(int64_t id, const std::string& by);
  // What the office decided on device `device_no`'s set-aside changes `seqs` (a sync request's
  // "set_aside"): one answer per change whose newest entry is resolved; open ones are left out.
  core::Result<std::vector<sync::SettledChange>> SettledSetAside(int64_t device_no,
                                                                 const std::vector<int64_t>& seqs);

  // Appends every catalog and person row (and their dependants) not yet in change_log, so a new
  // kiosk pulling from 0 receives its scope. Idempotent. Returns the number of entries added.
  core::Result<int64_t> PublishAll();

  const SyncEngineOptions& options() const { return options_; }

 private:
  HttpReply Sync(int64_t device_no, const sync::SyncRequest& request, int64_t now);
  core::Result<std::variant<sync::Ack, HttpReply>> Push(int64_t device_no,
                                                        const DeviceSyncState& device,
                                                        const sync::SyncRequest& request,
                                                        int64_t now);
  core::Result<sync::Ack> ApplyBatch(int64_t device_no, const sync::SyncRequest& request,
                                     const std::string& digest, int64_t now);

  core::Store& store_;
  const core::Clock& clock_;
  SyncEngineOptions options_;
  int64_t last_nonce_prune_ms_ = 0;
};

// The digest that identifies a batch's content: SHA-256 of its canonical serialization (so the
// same batch with a different pull cursor or clock is still the same batch).
std::string BatchDigest(const sync::PushBatch& push);

}  // namespace raida::server
