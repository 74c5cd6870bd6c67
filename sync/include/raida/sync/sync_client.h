// SyncClient: one sync session of a kiosk database with the district server.
//
// A session (../shared/reference/sync-protocol.md §2.6): freeze a batch if none is waiting,
// send it with the pull cursor (POST /api/v1/sync, zstd body, signed), apply the reply in one
// local transaction (ReplyApplier), and loop while the server has more or the outbox is not
// empty, within the session's request and time budget. A no-op sync is one request.
//   network failure, 5xx, 429  -> retried after a full-jitter backoff while the session budget
//                                 allows; a timeout or a cut connection also halves the next
//                                 batch's budget; a Retry-After (seconds) on 429/503 makes the
//                                 wait at least that long, never longer than the backoff's cap
//   401 replayed_nonce         -> retried like a network failure, with a new nonce (a copy of
//                                 the request reached the server first; the batch is safe to
//                                 resend: the server answers it from its stored reply)
//   401 / 403                  -> stop: the device is unknown or revoked
//   409 gap                    -> the frozen batch takes the number the server expects, resent
//   409 batch_conflict / epoch_mismatch -> the database was restored from a backup or
//                                 re-created: reconcile (protocol.h) once per session: a new
//                                 db_epoch, the frozen batch renumbered to the server's
//                                 "expected" with the outbox behind it, the pull cursor back to
//                                 0, and "reconcile":true on every request until the server
//                                 accepts one (sync_meta 'reconcile', kept across sessions); it
//                                 then sends this kiosk's own acknowledged changes back too. A
//                                 second refusal stops the session with kReconcileFailedError
//   426, other 4xx             -> stop with the server's words
// After every session sync_meta holds the truth a coordinator sees: last_attempt_ms, and either
// last_success_ms (last_error cleared) or last_error in plain words ("no connection to the
// district office", "refused: device revoked", ...). The caller holds the SyncLock.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "raida/core/store.h"
#include "raida/sync/backoff.h"
#include "raida/sync/credentials.h"
#include "raida/sync/reply_applier.h"
#include "raida/sync/transport.h"

namespace raida::sync {

// How a refused device is worded in sync_meta 'last_error' (and so in `raida-sync status`).
// The kiosk reads these to tell a coordinator the district office no longer accepts it.
constexpr const char* kRevokedError = "refused: device revoked";
constexpr const char* kNotAcceptedError = "refused: the district office does not accept this kiosk";
// A restored or re-created kiosk database that the district office still refuses after one
// reconcile in the session ("refused:" as the server's other refusals, which the kiosk words as
// "the district office did not accept the last sync"; not a refusal of the device itself).
constexpr const char* kReconcileFailedError =
    "refused: after this kiosk's database was restored or re-created, the district office still "
    "does not take its changes; please call the district office";
// Whether `last_error` says the district office refuses this device (unknown or revoked).
bool IsRefusedError(const std::string& last_error);

enum class SessionOutcome {
  kSynced,         // everything sent and everything pulled
  kPartial,        // progress made but the session budget ran out; more waits
  kNetwork,        // no answer (or 5xx/429) after the retries the budget allowed
  kRefused,        // 401/403: unknown or revoked device; needs provisioning again
  kServerRefused,  // another 4xx the client cannot fix by retrying (conflict, epoch, too old)
  kLocalError,     // the local database or a reply that does not fit
};
const char* SessionOutcomeName(SessionOutcome outcome);

struct SessionStats {
  int requests = 0;
  int64_t wire_bytes_up = 0;  // headers and bodies as sent
  int64_t wire_bytes_down = 0;
  int64_t body_bytes_up = 0;  // compressed bodies
  int64_t body_bytes_down = 0;
  int64_t json_bytes_up = 0;  // uncompressed
  int64_t json_bytes_down = 0;
  int64_t changes_sent = 0;  // acknowledged by the server
  int64_t changes_received = 0;
  int64_t issues = 0;  // results that need a coordinator (sync_issue rows added)
  int64_t duration_ms = 0;
};

struct SessionResult {
  SessionOutcome outcome = SessionOutcome::kSynced;
  std::string message;  // plain words; "" on success
  SessionStats stats;
  bool digest_due = false;  // the last reply asked for a divergence check (protocol.h)
  bool ok() const {
    return outcome == SessionOutcome::kSynced || outcome == SessionOutcome::kPartial;
  }
};

struct SyncClientOptions {
  std::string app_version = "0.1.0";
  int max_requests = 500;  // per session
  int64_t max_session_ms = 10 * 60'000;
  int max_attempts = 4;  // tries per request before the session gives up
  int64_t pull_max_bytes = 262'144;
  RandomSource random;                    // backoff jitter; SystemRandomSource() when empty
  std::function<void(int64_t ms)> sleep;  // how to wait; a real sleep when empty
  FaultHook fault;                        // crash points inside the reply's transaction
};

class SyncClient {
 public:
  // `store`, `transport` must outlive the client.
  SyncClient(core::Store& store, Transport& transport, Credentials credentials,
             SyncClientOptions options = {});

  // Runs one session now. Never throws; every failure is in the result and in sync_meta.
  SessionResult RunSession();

 private:
  enum class Step { kContinue, kDone, kRetry, kStop };
  Step SendOnce(SessionResult& result, bool& renumbered);
  Step HandleReply(const HttpReply& reply, const std::optional<FrozenBatch>& batch,
                   int64_t sent_wall_ms, SessionResult& result, bool& renumbered);
  Step Fail(SessionResult& result, SessionOutcome outcome, std::string message);
  core::Result<bool> WorkRemains();
  void RecordAttempt(const std::string& error);

  core::Store* store_;
  Transport* transport_;
  Credentials credentials_;
  SyncClientOptions options_;
  Backoff backoff_;
  int64_t retry_after_ms_ = 0;  // the server's Retry-After for the next wait; 0: none
  bool reconciled_ = false;     // this session has reconciled once (409 batch_conflict/epoch)
};

// The wait a Retry-After header asks for, in ms: delta-seconds only ("120"); 0 when absent,
// not a plain number, or negative. Values are capped at one day.
int64_t RetryAfterMs(const HttpReply& reply);

// The plain words for a network failure ("no connection to the district office", ...).
std::string DescribeNetworkFailure(NetworkFailureKind kind);

}  // namespace raida::sync
