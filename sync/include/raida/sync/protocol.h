// The sync wire protocol between a kiosk and the district server (version 1).
//
// One endpoint does the work: POST /api/v1/sync carries a frozen, numbered upload batch and the
// pull cursor; the reply carries the acknowledgement with per-change results, a page of changes
// from elsewhere in the kiosk's scope and the server's time. The reasons are in
// ../shared/reference/sync-protocol.md §2.5; what follows is what we built.
//
// Bodies are compact JSON, compressed with zstd (`Content-Encoding: zstd`) in both directions.
// Changes are arrays, not objects, to keep a small change under 40 bytes on the wire:
//
//   request  {"v":1,"device":42,"epoch":"<db_epoch hex>","schema":1,"app":"0.1.0",
//             "push":{"batch":7,"first":501,"last":600,
//                     "changes":[[501,"attendance","42-5x",<hlc>,{"mark":"present"}], ...]},
//             "pull":{"cursor":883120,"max_bytes":262144},
//             "clock":{"local_ms":<kiosk wall clock>,"hlc":<kiosk last stamp>}}
//   reply    {"v":1,"server_time":<ms>,
//             "ack":{"batch":7,"replayed":false,"results":[[512,"waitlisted","3"], ...]},
//             "pull":{"changes":[[884001,"course","course.english",<hlc>,<origin>,{...}], ...],
//                     "next":884004,"more":false},
//             "hints":{"batch_bytes":131072}}
//
// "push" is absent when the outbox is empty (a no-op sync is one request); "ack" is absent when
// there was no push. Only results other than "applied" are listed. A change's cols object holds
// the changed columns with their SQL values, as the outbox stores them (core/schema.h).
// "pull" may also say "digest_due":true (absent otherwise): the kiosk is caught up and has not
// run the divergence check (POST /api/v1/digest, digest_protocol.h) for a day, so it runs one.
//
// A change the server set aside ("rejected") waits on the district office's review queue, which
// may later accept it (a retry that goes through the rules) or discard it. Until the kiosk hears
// which, its requests ask after it: "set_aside":[512, ...] (the changes' seq numbers, at most
// kMaxSetAsideAsked, absent when there are none), and the reply answers for those the office has
// decided: "settled":[[512,"person","42-x9k2ab-5","accepted"], ...] ("accepted" or "discarded";
// the table and pk let the kiosk check it is the change it means).
//
// Errors are HTTP 4xx/5xx with {"error":{"code":"<code>","message":"<plain words>", ...}}:
//   400 malformed (bad JSON, invalid UTF-8, nesting, unknown fields, wrong types, limits)
//   401 unauthorized (unknown device, bad signature, replayed nonce)   403 revoked
//   409 gap | batch_conflict (same number, other bytes) | epoch_mismatch, each with
//       {"expected":N}, the batch number the server expects next
//   413 too_large   415 unsupported encoding   426 upgrade_required (schema too old to pull;
//   the push part is still applied and acknowledged)   5xx: retry later.
//
// Reconcile (§2.10, a kiosk restored from a backup or whose database was re-created): a restored
// database shows itself by a batch number the server has already applied with other bytes, by
// the same bytes as a batch older than the device's last, or, when it has nothing to push, by an
// "acked" below the server's last batch from the device (all 409 batch_conflict). On 409
// batch_conflict or epoch_mismatch the kiosk takes a new db_epoch, renumbers its frozen batch to
// "expected", resets its pull cursor to 0 and sends "reconcile":true with the new epoch. Only
// such a request may change the epoch the server holds for the device (unless it carries on the
// batch numbering); the server then records the epoch, notes the head of its change log, and
// sends the device its own changes up to that head in the pulls that follow (normally a device
// never receives its own changes), so changes acknowledged after the backup come back. The
// re-pushed changes are deduplicated by the merge rules (deterministic ids, idempotent merges).
//
// Authentication: every request but provisioning carries
//   Authorization: Raida-HMAC device=<n>,ts=<ms>,nonce=<24 hex>,sig=<64 hex>
// where sig = hex(HMAC-SHA256(device secret, METHOD "\n" PATH "\n" ts "\n" nonce "\n"
// hex(SHA-256(body bytes as sent)))). The server refuses a nonce it has seen from that device;
// it does not trust the kiosk's clock for freshness (batch numbers make a replay harmless).
//
// Provisioning: POST /api/v1/provision {"code":"<one-time code>","label":"Bajorai kiosk 1"}
//   -> {"device":42,"secret":"<64 hex>","center":"center.bajorai","district":"district.rokiskis"}
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "raida/core/result.h"

namespace raida::sync {

constexpr int kProtocolVersion = 1;
constexpr const char* kSyncPath = "/api/v1/sync";
constexpr const char* kProvisionPath = "/api/v1/provision";
constexpr const char* kAuthScheme = "Raida-HMAC";
constexpr size_t kMaxBodyBytes = 4 * 1024 * 1024;       // compressed, as received
constexpr size_t kMaxInflatedBytes = 16 * 1024 * 1024;  // after zstd
constexpr int kMaxJsonDepth = 8;
constexpr int kMaxChangesPerBatch = 20000;
constexpr int kMaxSetAsideAsked = 100;

// One local change going up: the outbox row.
struct PushChange {
  int64_t seq = 0;  // the device's gapless outbox sequence number
  std::string table;
  std::string pk;
  uint64_t hlc = 0;
  std::string cols_json;  // a JSON object, compact
};

struct PushBatch {
  int64_t batch = 0;  // 1, 2, 3, ... per device, without gaps
  int64_t first = 0;  // first and last outbox seq in the batch
  int64_t last = 0;
  std::vector<PushChange> changes;
};

// What a kiosk says about itself on every request, for the district office's Kiosks page (never
// personal data): its unsent changes and the free space where its database lives. The age is
// measured on the kiosk's own clock, so a wrong clock does not make a change look older.
struct KioskHealth {
  int64_t pending = 0;           // changes in the kiosk's outbox
  int64_t oldest_age_ms = 0;     // how long the oldest of them has waited (0 when none)
  int64_t disk_free_bytes = -1;  // -1 when unknown
};

struct SyncRequest {
  int v = kProtocolVersion;
  int64_t device = 0;
  std::string epoch;  // the kiosk database's db_epoch
  int schema = 0;
  std::string app;
  std::optional<PushBatch> push;
  int64_t cursor = 0;          // highest server_seq already applied locally
  int64_t max_bytes = 262144;  // pull page budget, uncompressed
  int64_t local_ms = 0;
  uint64_t hlc = 0;
  std::optional<KioskHealth> health;  // "health"; absent from older kiosks
  // "reconcile":true (absent otherwise): this kiosk's database was restored or re-created and
  // `epoch` is the new one it took (sync_client.h); see the header comment.
  bool reconcile = false;
  std::vector<int64_t> set_aside;  // "set_aside": see the header comment
  // "acked":N, sent when there is no push: the last batch this kiosk holds as acknowledged (0 for
  // none; -1 = not sent, as by older kiosks). Fewer than the server has applied from the device
  // means the database was restored from a backup (see "Reconcile" above).
  int64_t acked = -1;
};

// What happened to one pushed change on the server.
enum class ChangeOutcome {
  kApplied,     // merged (not listed in replies)
  kSuperseded,  // older than what the server has for every column it touched
  kWaitlisted,  // an enrollment request that found no free seat; detail = waitlist position
  kRedirected,  // the person was merged; detail = the canonical person id
  kRejected,    // invalid (unknown table, read-only table, bad column, missing parent): set aside
  kErased,      // the person was erased; the kiosk drops the change
};
const char* ChangeOutcomeName(ChangeOutcome outcome);
std::optional<ChangeOutcome> ParseChangeOutcome(std::string_view name);

struct ChangeResult {
  int64_t seq = 0;
  ChangeOutcome outcome = ChangeOutcome::kApplied;
  std::string detail;
};

struct Ack {
  int64_t batch = 0;
  bool replayed = false;  // the batch was applied before; this is the stored answer
  std::vector<ChangeResult> results;
};

// One change coming down: a row as the server has it after merging.
struct PulledChange {
  int64_t server_seq = 0;
  std::string table;
  std::string pk;
  uint64_t hlc = 0;
  int64_t origin = 0;  // device that made the change; 0 = the server
  std::string cols_json;
};

// The district office's decision on a change it had set aside ("settled").
struct SettledChange {
  int64_t seq = 0;
  std::string table;
  std::string pk;
  bool accepted = false;  // "accepted", else "discarded"
};

struct SyncResponse {
  int v = kProtocolVersion;
  int64_t server_time = 0;
  std::optional<Ack> ack;
  std::vector<SettledChange> settled;
  std::vector<PulledChange> changes;
  int64_t next = 0;   // the new pull cursor
  bool more = false;  // another page is waiting
  // "digest_due":true (absent otherwise; only with more=false): the office has not seen this
  // kiosk's divergence check for a day, so it should run one now (digest_check.h).
  bool digest_due = false;
  int64_t batch_bytes = 0;  // hint for the next upload batch size; 0 = no hint
};

// Codec. Parsing is strict: unknown fields, wrong types, depth over kMaxJsonDepth, invalid
// UTF-8, negative numbers where counts are expected, more than kMaxChangesPerBatch changes, or
// seq numbers outside [first, last] are kInvalidArgument with a message naming the field.
std::string SerializeRequest(const SyncRequest& request);
core::Result<SyncRequest> ParseRequest(std::string_view json);
std::string SerializeResponse(const SyncResponse& response);
core::Result<SyncResponse> ParseResponse(std::string_view json);

// zstd level 3. Decompression refuses output over `max_bytes` (kInvalidArgument) and corrupt
// input (kCorrupt).
std::string Compress(std::string_view data);
core::Result<std::string> Decompress(std::string_view data, size_t max_bytes);

// Request signing (see the header comment). `secret` is the 32-byte device secret.
std::string Sha256Hex(std::string_view data);
std::string SignRequest(std::string_view secret, std::string_view method, std::string_view path,
                        int64_t ts, std::string_view nonce, std::string_view body);
struct AuthHeader {
  int64_t device = 0;
  int64_t ts = 0;
  std::string nonce;
  std::string sig;
};
std::string FormatAuthHeader(const AuthHeader& header);
core::Result<AuthHeader> ParseAuthHeader(std::string_view value);
// Constant-time comparison of the expected and given signatures.
bool VerifySignature(std::string_view secret, std::string_view method, std::string_view path,
                     const AuthHeader& header, std::string_view body);

}  // namespace raida::sync
