// SyncClient: the session loop of a kiosk (see sync_client.h for the state machine).
//
// Each request is built fresh from the frozen push part, the current pull cursor and the
// clock, compressed, signed and posted; the reply is sorted by status into continue, done,
// retry (with backoff) and stop. Only the reply applier writes what a reply carries; this file
// writes the attempt bookkeeping (last_attempt_ms, last_error) and the batch budget.
#include "raida/sync/sync_client.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>

#include "raida/core/outbox_repository.h"
#include "raida/core/sync_meta_repository.h"
#include "raida/sync/batch_builder.h"
#include "raida/sync/protocol.h"
#include "raida/sync/signed_post.h"

namespace raida::sync {
namespace {

// What the kiosk tells the office about itself (protocol.h KioskHealth), as it will be once the
// batch ending at `sent_through` is acknowledged (the server keeps it only from a request that
// succeeded); a part it cannot read stays at its "unknown" value rather than failing the sync.
KioskHealth ReadHealth(core::Store& store, int64_t sent_through) {
  KioskHealth health;
  if (auto waiting = core::OutboxRepository(store).SummarizeAfter(sent_through); waiting.ok()) {
    health.pending = waiting->count;
    if (waiting->oldest_hlc) {
      const int64_t now_ms = store.clock().NowMs() + store.hlc().offset_ms();
      health.oldest_age_ms = std::max<int64_t>(0, now_ms - core::HlcMs(*waiting->oldest_hlc));
    }
  }
  std::error_code error;
  const auto folder = std::filesystem::absolute(store.db().path(), error).parent_path();
  const auto space = std::filesystem::space(folder, error);
  if (!error) {
    health.disk_free_bytes = static_cast<int64_t>(space.available);
  }
  return health;
}

bool IsZstd(const HttpReply& reply) {
  auto it = reply.headers.find("content-encoding");
  return it != reply.headers.end() && it->second.find("zstd") != std::string::npos;
}

core::Result<std::string> DecodeBody(const HttpReply& reply) {
  return IsZstd(reply) ? Decompress(reply.body, kMaxInflatedBytes)
                       : core::Result<std::string>(reply.body);
}

struct ServerError {
  std::string code;
  std::string message;
  int64_t expected = 0;  // for 409 gap, batch_conflict, epoch_mismatch
};

ServerError ParseServerError(const HttpReply& reply) {
  ServerError error{"", "HTTP " + std::to_string(reply.status), 0};
  auto body = DecodeBody(reply);
  if (!body.ok()) {
    return error;
  }
  try {
    const auto doc = nlohmann::json::parse(*body);
    const auto& e = doc.at("error");
    error.code = e.value("code", "");
    error.message = e.value("message", error.message);
    error.expected = e.value("expected", int64_t{0});
    if (error.expected == 0 && doc.contains("expected")) {
      error.expected = doc.at("expected").get<int64_t>();
    }
  } catch (const nlohmann::json::exception&) {
    // Not Raida's error JSON (a proxy's page): the HTTP status says enough.
  }
  return error;
}

// The database's epoch as sync_meta holds it now. Store::db_epoch() is read when the Store
// opens; a reconcile changes the epoch while it is open, so requests read it here.
core::Result<std::string> CurrentEpoch(core::Store& store) {
  RAIDA_ASSIGN_OR_RETURN(core::Statement stmt,
                         store.db().Prepare("SELECT v FROM sync_meta WHERE k = 'db_epoch'"));
  RAIDA_ASSIGN_OR_RETURN(const bool found, stmt.Step());
  if (!found) {
    return core::MakeError(core::ErrorCode::kCorrupt, "sync_meta has no db_epoch");
  }
  return stmt.ColumnText(0);
}

// The kiosk's database was restored from a backup or re-created (409 batch_conflict or
// epoch_mismatch): in one transaction it takes a new epoch (the old one may be shared with the
// copy it was restored from), gives its frozen batch the number the server expects (the outbox
// waits behind it, numbered on from there), pulls again from 0 and marks the reconcile, so every
// request says "reconcile":true until the server accepts one (reply_applier.h), a crash or a
// lost reply included. The epoch is Store-owned in sync_meta, written here because no Store call
// moves it once the database exists (the Store reads it only at open: CurrentEpoch). Row ids need
// nothing: each opening of the database tags its own (Store::NewRowId).
core::Status StartReconcile(core::Store& store, int64_t expected) {
  RAIDA_ASSIGN_OR_RETURN(auto scope, store.BeginWrite());
  RAIDA_ASSIGN_OR_RETURN(core::Statement update,
                         store.db().Prepare("UPDATE sync_meta SET v = ? WHERE k = 'db_epoch'"));
  RAIDA_TRY(update.Bind(1, core::Store::NewEpoch()).Run());
  RAIDA_TRY(BatchBuilder(store).Renumber(expected));
  core::SyncMetaRepository meta(store);
  RAIDA_TRY(meta.SetInt("pull_cursor", 0));
  RAIDA_TRY(meta.SetInt(kReconcileKey, 1));
  return scope.Commit();
}

// The changes the server set aside whose end the kiosk has not heard (protocol.h "set_aside"),
// oldest first.
core::Result<std::vector<int64_t>> AwaitingDecision(core::Store& store) {
  RAIDA_ASSIGN_OR_RETURN(core::Statement stmt,
                         store.db().Prepare("SELECT seq FROM sync_issue WHERE outcome = 'rejected' "
                                            "ORDER BY seq LIMIT ?"));
  stmt.Bind(1, kMaxSetAsideAsked);
  std::vector<int64_t> seqs;
  while (true) {
    RAIDA_ASSIGN_OR_RETURN(const bool row, stmt.Step());
    if (!row) {
      return seqs;
    }
    seqs.push_back(stmt.ColumnInt(0));
  }
}

}  // namespace

int64_t RetryAfterMs(const HttpReply& reply) {
  constexpr int64_t kMaxSeconds = 24 * 3600;
  const auto it = reply.headers.find("retry-after");
  if (it == reply.headers.end()) {
    return 0;
  }
  const std::string& text = it->second;
  size_t begin = text.find_first_not_of(" \t");
  const size_t end = text.find_last_not_of(" \t");
  if (begin == std::string::npos) {
    return 0;
  }
  int64_t seconds = 0;
  for (; begin <= end; ++begin) {
    const char c = text[begin];
    if (c < '0' || c > '9') {
      return 0;  // an HTTP-date or junk: the ordinary backoff decides
    }
    seconds = std::min(kMaxSeconds, seconds * 10 + (c - '0'));
  }
  return seconds * 1000;
}

const char* SessionOutcomeName(SessionOutcome outcome) {
  switch (outcome) {
    case SessionOutcome::kSynced:
      return "synced";
    case SessionOutcome::kPartial:
      return "partial";
    case SessionOutcome::kNetwork:
      return "network";
    case SessionOutcome::kRefused:
      return "refused";
    case SessionOutcome::kServerRefused:
      return "server_refused";
    case SessionOutcome::kLocalError:
      return "local_error";
  }
  return "unknown";
}

std::string DescribeNetworkFailure(NetworkFailureKind kind) {
  switch (kind) {
    case NetworkFailureKind::kNoConnection:
      return "no connection to the district office";
    case NetworkFailureKind::kTimeout:
      return "the connection to the district office is too slow (timed out)";
    case NetworkFailureKind::kReset:
      return "the connection to the district office broke off";
    case NetworkFailureKind::kTls:
      return "the district office's server could not be verified (certificate or key pin)";
    case NetworkFailureKind::kRefusedLocally:
      return "the district office's address is not allowed (https is required)";
  }
  return "no connection to the district office";
}

SyncClient::SyncClient(core::Store& store, Transport& transport, Credentials credentials,
                       SyncClientOptions options)
    : store_(&store),
      transport_(&transport),
      credentials_(std::move(credentials)),
      options_(std::move(options)),
      backoff_(options_.random ? options_.random : SystemRandomSource()) {
  if (!options_.sleep) {
    options_.sleep = [](int64_t ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); };
  }
}

SyncClient::Step SyncClient::Fail(SessionResult& result, SessionOutcome outcome,
                                  std::string message) {
  result.outcome = outcome;
  result.message = std::move(message);
  return Step::kStop;
}

void SyncClient::RecordAttempt(const std::string& error) {
  core::SyncMetaRepository meta(*store_);
  auto scope = store_->BeginWrite();
  if (!scope.ok()) {
    return;  // the database is busy or broken; the session result still says what happened
  }
  auto a = meta.SetInt("last_attempt_ms", store_->clock().NowMs());
  auto b = error.empty() ? core::Ok() : meta.SetText("last_error", error);
  if (a.ok() && b.ok()) {
    (void)scope->Commit();
  }
}

core::Result<bool> SyncClient::WorkRemains() {
  RAIDA_ASSIGN_OR_RETURN(core::Statement stmt,
                         store_->db().Prepare("SELECT (SELECT count(*) FROM outbox) + "
                                              "(SELECT count(*) FROM outbox_batch)"));
  RAIDA_TRY(stmt.Step());
  return stmt.ColumnInt(0) > 0;
}

SyncClient::Step SyncClient::SendOnce(SessionResult& result, bool& renumbered) {
  BatchBuilder builder(*store_);
  core::SyncMetaRepository meta(*store_);
  auto budget = builder.BudgetBytes();
  auto batch = budget.ok() ? builder.PendingOrFreeze(*budget)
                           : core::Result<std::optional<FrozenBatch>>(budget.error());
  auto cursor = meta.GetInt("pull_cursor");
  auto schema = store_->db().UserVersion();
  auto epoch = CurrentEpoch(*store_);
  auto reconcile = meta.GetInt(kReconcileKey);
  if (!batch.ok() || !cursor.ok() || !schema.ok() || !epoch.ok() || !reconcile.ok()) {
    const core::Error& e = !batch.ok()    ? batch.error()
                           : !cursor.ok() ? cursor.error()
                           : !schema.ok() ? schema.error()
                           : !epoch.ok()  ? epoch.error()
                                          : reconcile.error();
    return Fail(result, SessionOutcome::kLocalError, "the kiosk's database: " + e.message);
  }
  SyncRequest request;
  request.device = credentials_.device;
  request.epoch = *epoch;
  request.reconcile = reconcile->value_or(0) == 1;
  request.schema = *schema;
  request.app = options_.app_version;
  if (*batch) {
    request.push = (*batch)->push;
  } else {
    // Nothing to push: say how many batches it holds as acknowledged, which tells the server
    // when this database is a copy from before some of them (protocol.h "acked").
    auto next_batch = meta.GetInt("next_batch_seq");
    if (!next_batch.ok()) {
      return Fail(result, SessionOutcome::kLocalError,
                  "the kiosk's database: " + next_batch.error().message);
    }
    request.acked = next_batch->value_or(1) - 1;
  }
  request.cursor = cursor->value_or(0);
  request.max_bytes = options_.pull_max_bytes;
  request.local_ms = store_->clock().NowMs();
  request.hlc = store_->hlc().last();
  request.health = ReadHealth(*store_, request.push ? request.push->last : 0);
  auto set_aside = AwaitingDecision(*store_);
  if (!set_aside.ok()) {
    return Fail(result, SessionOutcome::kLocalError,
                "the kiosk's database: " + set_aside.error().message);
  }
  request.set_aside = std::move(*set_aside);
  const std::string json = SerializeRequest(request);
  const HttpRequest http = SignedPost(credentials_, kSyncPath, request.local_ms, json);
  result.stats.requests += 1;
  result.stats.json_bytes_up += static_cast<int64_t>(json.size());
  result.stats.body_bytes_up += static_cast<int64_t>(http.body.size());
  const int64_t sent_wall_ms = store_->clock().NowMs();
  TransportResult sent = transport_->Post(http);
  if (const auto* failure = std::get_if<NetworkFailure>(&sent)) {
    if (failure->kind == NetworkFailureKind::kTimeout ||
        failure->kind == NetworkFailureKind::kReset) {
      (void)builder.ShrinkBudget();
    }
    result.outcome = SessionOutcome::kNetwork;
    result.message = DescribeNetworkFailure(failure->kind);
    return failure->kind == NetworkFailureKind::kRefusedLocally ? Step::kStop : Step::kRetry;
  }
  const HttpReply& reply = std::get<HttpReply>(sent);
  result.stats.wire_bytes_up += reply.wire_bytes_up;
  result.stats.wire_bytes_down += reply.wire_bytes_down;
  result.stats.body_bytes_down += static_cast<int64_t>(reply.body.size());
  return HandleReply(reply, *batch, sent_wall_ms, result, renumbered);
}

SyncClient::Step SyncClient::HandleReply(const HttpReply& reply,
                                         const std::optional<FrozenBatch>& batch,
                                         int64_t sent_wall_ms, SessionResult& result,
                                         bool& renumbered) {
  const int status = reply.status;
  if (status >= 200 && status < 300) {
    auto body = DecodeBody(reply);
    auto response = body.ok() ? ParseResponse(*body) : core::Result<SyncResponse>(body.error());
    if (!response.ok()) {
      return Fail(result, SessionOutcome::kLocalError,
                  "the district office's reply could not be read: " + response.error().message);
    }
    result.stats.json_bytes_down += static_cast<int64_t>(body->size());
    const int64_t now_ms = store_->clock().NowMs();
    const int64_t offset = response->server_time - (sent_wall_ms + now_ms) / 2;
    ReplyApplier applier(*store_, options_.fault);
    auto applied = applier.Apply(batch, *response, offset, now_ms);
    if (!applied.ok()) {
      return Fail(result, SessionOutcome::kLocalError,
                  "the reply could not be saved: " + applied.error().message);
    }
    result.stats.changes_sent += applied->acked_changes;
    result.stats.changes_received += applied->pulled_changes;
    result.stats.issues += applied->issues_added;
    if (batch) {
      (void)BatchBuilder(*store_).GrowBudget(response->batch_bytes);
    }
    auto remains = WorkRemains();
    result.outcome = SessionOutcome::kSynced;
    result.message.clear();
    result.digest_due = response->digest_due;
    return response->more || (remains.ok() && *remains) ? Step::kContinue : Step::kDone;
  }
  const ServerError error = ParseServerError(reply);
  if (status == 401 && error.code == "replayed_nonce") {
    // A copy of this request (a proxy or the link sent it twice) reached the server first. The
    // next attempt signs with a new nonce; the attempt limit bounds the retries.
    result.outcome = SessionOutcome::kNetwork;
    result.message = "the district office received this request twice; will try again";
    return Step::kRetry;
  }
  if (status == 401) {
    return Fail(result, SessionOutcome::kRefused,
                std::string(kNotAcceptedError) + " (" + error.message + ")");
  }
  if (status == 403) {
    return Fail(result, SessionOutcome::kRefused, kRevokedError);
  }
  if (status == 409 && error.code == "gap" && error.expected > 0 && !renumbered) {
    renumbered = true;
    auto renumber = BatchBuilder(*store_).Renumber(error.expected);
    return renumber.ok() ? Step::kContinue
                         : Fail(result, SessionOutcome::kLocalError, renumber.error().message);
  }
  if (status == 409 && (error.code == "batch_conflict" || error.code == "epoch_mismatch")) {
    // The server holds batches or an epoch this database does not: it was restored from a
    // backup or re-created. Reconcile once (protocol.h); a second refusal is for people to see.
    if (reconciled_ || error.expected <= 0) {
      return Fail(
          result, SessionOutcome::kServerRefused,
          std::string(kReconcileFailedError) + " (" + error.code + ": " + error.message + ")");
    }
    reconciled_ = true;
    auto started = StartReconcile(*store_, error.expected);
    return started.ok() ? Step::kContinue
                        : Fail(result, SessionOutcome::kLocalError,
                               "the kiosk could not start over with the district office after "
                               "its database was restored: " +
                                   started.error().message);
  }
  if (status == 413 && batch && batch->push.changes.size() > 1) {
    // The server refused the batch before applying it: refreeze half of it under the same
    // number, and remember that this link (or server) wants smaller batches.
    BatchBuilder builder(*store_);
    (void)builder.ShrinkBudget();
    auto unfrozen = builder.Unfreeze();
    auto refrozen = unfrozen.ok() ? builder.Freeze(static_cast<int64_t>(batch->body.size()) / 2)
                                  : core::Result<std::optional<FrozenBatch>>(unfrozen.error());
    return refrozen.ok() ? Step::kContinue
                         : Fail(result, SessionOutcome::kLocalError, refrozen.error().message);
  }
  if (status == 426) {
    return Fail(result, SessionOutcome::kServerRefused,
                "this kiosk's Raida is too old for the district office; please update it (" +
                    error.message + ")");
  }
  if (status == 429 || status >= 500) {
    retry_after_ms_ = status == 429 || status == 503 ? RetryAfterMs(reply) : 0;
    result.outcome = SessionOutcome::kNetwork;
    result.message = "the district office's server is busy or failing (HTTP " +
                     std::to_string(status) + "); will try again";
    return Step::kRetry;
  }
  return Fail(result, SessionOutcome::kServerRefused,
              "refused: the district office did not accept the sync (" +
                  (error.code.empty() ? "" : error.code + ": ") + error.message + ")");
}

SessionResult SyncClient::RunSession() {
  SessionResult result;
  const int64_t start = store_->clock().SteadyMs();
  RecordAttempt("");
  reconciled_ = false;
  bool renumbered = false;
  int attempts = 0;
  while (true) {
    const int64_t elapsed = store_->clock().SteadyMs() - start;
    if (result.stats.requests >= options_.max_requests || elapsed >= options_.max_session_ms) {
      if (result.ok()) {
        result.outcome = SessionOutcome::kPartial;
        result.message = "the session's budget ran out; more changes wait";
      }
      break;
    }
    const Step step = SendOnce(result, renumbered);
    if (step == Step::kDone || step == Step::kStop) {
      break;
    }
    if (step == Step::kContinue) {
      attempts = 0;
      backoff_.Reset();
      continue;
    }
    attempts += 1;
    const int64_t delay =
        std::max(backoff_.NextDelayMs(), std::min(retry_after_ms_, backoff_.cap_ms()));
    retry_after_ms_ = 0;
    const int64_t spent = store_->clock().SteadyMs() - start;
    if (attempts >= options_.max_attempts || spent + delay >= options_.max_session_ms) {
      break;
    }
    options_.sleep(delay);
  }
  result.stats.duration_ms = store_->clock().SteadyMs() - start;
  if (!result.ok()) {
    RecordAttempt(result.message);
  }
  return result;
}

bool IsRefusedError(const std::string& last_error) {
  return last_error.rfind(kRevokedError, 0) == 0 || last_error.rfind(kNotAcceptedError, 0) == 0;
}

}  // namespace raida::sync
