// SyncEngine::HandleSync: the one round trip of sync on the server (sync_engine.h). Checks run
// before anything is written, so a refused request changes no data; a batch is applied in one
// transaction with its stored acknowledgement; the pull page is read after the commit.
#include "sync_engine.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <variant>

#include "digest.h"
#include "merge_rules.h"
#include "notes_keys.h"
#include "pull.h"
#include "raida/core/migrations.h"
#include "raida/core/schema.h"
#include "raida/core/sync_meta_repository.h"

namespace raida::server {
namespace {

core::Result<DeviceSyncState> LoadDevice(core::Store& store, int64_t device_no) {
  RAIDA_ASSIGN_OR_RETURN(core::Statement stmt,
                         store.db().Prepare("SELECT center_id, last_batch, db_epoch FROM "
                                            "server_device WHERE device_no = ?"));
  stmt.Bind(1, device_no);
  RAIDA_ASSIGN_OR_RETURN(const bool found, stmt.Step());
  if (!found) {
    return core::MakeError(core::ErrorCode::kNotFound, "unknown device");
  }
  return DeviceSyncState{stmt.ColumnText(0), stmt.ColumnInt(1), stmt.ColumnOptionalText(2)};
}

struct StoredBatch {
  std::string digest;
  std::string response;
};

core::Result<std::optional<StoredBatch>> FindBatch(core::Store& store, int64_t device_no,
                                                   int64_t batch) {
  RAIDA_ASSIGN_OR_RETURN(core::Statement stmt,
                         store.db().Prepare("SELECT body_sha256, response FROM applied_batch "
                                            "WHERE device_no = ? AND batch = ?"));
  stmt.Bind(1, device_no).Bind(2, batch);
  RAIDA_ASSIGN_OR_RETURN(const bool found, stmt.Step());
  if (!found) {
    return std::optional<StoredBatch>();
  }
  const std::vector<uint8_t> response = stmt.ColumnBlob(1);
  return std::optional<StoredBatch>(
      StoredBatch{stmt.ColumnText(0), std::string(response.begin(), response.end())});
}

std::string ExpectedMember(int64_t expected) { return "\"expected\":" + std::to_string(expected); }

// A reconciling device's own changes up to the head of the change log at its epoch change are
// sent back to it (its restored or re-created database may have lost them); the head is kept in
// the server's sync_meta under this key.
std::string ReconcileKey(int64_t device_no) { return "reconcile_seq." + std::to_string(device_no); }

core::Result<int64_t> OwnChangesThrough(core::Store& store, int64_t device_no) {
  RAIDA_ASSIGN_OR_RETURN(const auto seq,
                         core::SyncMetaRepository(store).GetInt(ReconcileKey(device_no)));
  return seq.value_or(0);
}

// Accepts `epoch` as the device's database from now on and notes the log head, in one
// transaction. Returns the head.
core::Result<int64_t> StartReconcile(core::Store& store, int64_t device_no,
                                     const std::string& epoch) {
  RAIDA_ASSIGN_OR_RETURN(auto scope, store.BeginWrite());
  RAIDA_ASSIGN_OR_RETURN(core::Statement head,
                         store.db().Prepare("SELECT coalesce(max(server_seq), 0) FROM change_log"));
  RAIDA_TRY(head.Step());
  const int64_t through = head.ColumnInt(0);
  head.Reset();
  RAIDA_ASSIGN_OR_RETURN(
      core::Statement update,
      store.db().Prepare("UPDATE server_device SET db_epoch = ? WHERE device_no = ?"));
  RAIDA_TRY(update.Bind(1, epoch).Bind(2, device_no).Run());
  RAIDA_TRY(core::SyncMetaRepository(store).SetInt(ReconcileKey(device_no), through));
  RAIDA_TRY(scope.Commit());
  return through;
}

// Records what the server learned about the device on this request (never data).
void NoteDevice(core::Store& store, int64_t device_no, int64_t now,
                const sync::SyncRequest* request, const std::string& error) {
  auto scope = store.BeginWrite();
  auto stmt = store.db().Prepare(
      "UPDATE server_device SET last_seen_ms = ?1, last_error = ?2, last_success_ms = CASE WHEN "
      "?2 = '' THEN ?1 ELSE last_success_ms END, schema_version = coalesce(?3, schema_version), "
      "app_version = coalesce(?4, app_version), clock_offset_ms = coalesce(?5, clock_offset_ms), "
      "db_epoch = coalesce(db_epoch, ?7), outbox_pending = coalesce(?8, outbox_pending), "
      "outbox_oldest_ms = CASE WHEN ?8 IS NULL THEN outbox_oldest_ms WHEN ?8 = 0 THEN NULL "
      "ELSE ?1 - ?9 END, disk_free_bytes = coalesce(?10, disk_free_bytes), pulled_seq = CASE "
      "WHEN ?2 = '' AND ?11 IS NOT NULL THEN max(coalesce(pulled_seq, 0), ?11) ELSE pulled_seq "
      "END WHERE device_no = ?6");
  if (!scope.ok() || !stmt.ok()) {
    return;
  }
  stmt->Bind(1, now).Bind(2, error);
  if (request != nullptr) {
    stmt->Bind(3, request->schema).Bind(4, request->app).Bind(5, now - request->local_ms);
    stmt->Bind(7, request->epoch);
    stmt->Bind(11, request->cursor);  // the kiosk has applied the change log up to here
  } else {
    stmt->BindNull(3).BindNull(4).BindNull(5).BindNull(7).BindNull(11);
  }
  // The kiosk's outbox and disk, as they stand once this request's batch is acknowledged: kept
  // only from a request that succeeded.
  const sync::KioskHealth* health =
      request != nullptr && request->health && error.empty() ? &*request->health : nullptr;
  if (health != nullptr) {
    stmt->Bind(8, health->pending).Bind(9, health->oldest_age_ms);
    if (health->disk_free_bytes >= 0) {
      stmt->Bind(10, health->disk_free_bytes);
    } else {
      stmt->BindNull(10);
    }
  } else {
    stmt->BindNull(8).BindNull(9).BindNull(10);
  }
  if (stmt->Bind(6, device_no).Run().ok()) {
    (void)scope->Commit();
  }
}

}  // namespace

std::string BatchDigest(const sync::PushBatch& push) {
  sync::SyncRequest canonical;
  canonical.push = push;
  return sync::Sha256Hex(sync::SerializeRequest(canonical));
}

HttpReply SyncEngine::HandleSync(int64_t device_no, std::string_view request_json) {
  const int64_t now = clock_.NowMs();
  auto request = sync::ParseRequest(request_json);
  HttpReply refusal;
  if (!request.ok()) {
    refusal = ErrorReply(400, "malformed", request.error().message);
  } else if (request->device != device_no) {
    refusal = ErrorReply(401, "device_mismatch", "the body names another device");
  } else if (request->v != sync::kProtocolVersion) {
    refusal = ErrorReply(400, "unsupported_version",
                         "protocol version " + std::to_string(request->v) + " is not supported");
  } else if (request->schema > core::LatestSchemaVersion()) {
    refusal = ErrorReply(400, "unsupported_schema",
                         "schema " + std::to_string(request->schema) + " is newer than the server");
  } else {
    HttpReply reply = Sync(device_no, *request, now);
    NoteDevice(store_, device_no, now, &*request,
               reply.status == 200 ? "" : "HTTP " + std::to_string(reply.status));
    return reply;
  }
  NoteDevice(store_, device_no, now, nullptr, "HTTP " + std::to_string(refusal.status));
  return refusal;
}

HttpReply SyncEngine::Sync(int64_t device_no, const sync::SyncRequest& request, int64_t now) {
  auto device = LoadDevice(store_, device_no);
  if (!device.ok()) {
    return ErrorReply(401, "unknown_device", "this device is not registered here");
  }
  const int64_t expected = device->last_batch + 1;
  const bool continues = request.push && request.push->batch == expected;
  const bool other_epoch = device->epoch && *device->epoch != request.epoch;
  if (other_epoch && request.reconcile) {
    // A restored or re-created kiosk database (protocol.h "Reconcile"): its batches go on from
    // `expected`, and its own changes so far come back in its pulls from 0.
    if (request.push && !continues) {
      return ErrorReply(409, "gap", "expected batch " + std::to_string(expected),
                        ExpectedMember(expected));
    }
    auto through = StartReconcile(store_, device_no, request.epoch);
    if (!through.ok()) {
      return ErrorReply(503, "busy", "the reconcile could not be stored; retry later");
    }
    spdlog::info(
        "sync: device {} reconciled (a new database epoch): batches go on from {}, its own "
        "changes up to {} are sent back to it",
        device_no, expected, *through);
  } else if (other_epoch && !continues) {
    return ErrorReply(409, "epoch_mismatch",
                      "this kiosk's database was restored or re-created; it must reconcile",
                      ExpectedMember(expected));
  } else if (!request.push && request.acked >= 0 && request.acked < device->last_batch) {
    // Nothing to push, but it knows fewer batches than it sent: a copy from before some of them.
    return ErrorReply(409, "batch_conflict",
                      "this kiosk's database is older than what the district office has from it "
                      "(restored from a backup); it must reconcile",
                      ExpectedMember(expected));
  }
  std::optional<sync::Ack> ack;
  if (request.push) {
    auto pushed = Push(device_no, *device, request, now);
    if (!pushed.ok()) {
      return ErrorReply(503, "busy", "the batch could not be stored; retry later");
    }
    if (std::holds_alternative<HttpReply>(pushed.value())) {
      return std::get<HttpReply>(pushed.value());
    }
    ack = std::get<sync::Ack>(pushed.value());
  }
  sync::SyncResponse response;
  response.server_time = clock_.NowMs();
  response.ack = ack;
  if (request.schema < options_.min_pull_schema) {
    std::string extra;
    if (ack) {
      const std::string reply = sync::SerializeResponse(response);
      const size_t at = reply.find("\"ack\":");
      extra = reply.substr(at, reply.find(",\"pull\":") - at);
    }
    return ErrorReply(426, "upgrade_required",
                      "this kiosk is too old to receive changes; its changes were kept", extra);
  }
  // People of the center still without a notes key get one now, so this pull brings it.
  if (auto given = detail::GiveNotesKeys(store_, device->center_id, now); !given.ok()) {
    return ErrorReply(503, "busy", "the changes could not be read; retry later");
  }
  auto own_through = OwnChangesThrough(store_, device_no);
  auto page = own_through.ok()
                  ? detail::ReadPullPage(store_, device->center_id, device_no, request.cursor,
                                         request.max_bytes, request.schema, *own_through)
                  : core::Result<detail::PullPage>(own_through.error());
  if (!page.ok()) {
    return ErrorReply(503, "busy", "the changes could not be read; retry later");
  }
  response.changes = std::move(page->changes);
  response.next = page->next;
  response.more = page->more;
  // Caught up: the moment for a divergence check, when the kiosk has not made one for a day.
  response.digest_due = !page->more && DigestDue(store_, device_no, now);
  if (!request.set_aside.empty()) {
    auto settled = SettledSetAside(device_no, request.set_aside);
    if (!settled.ok()) {
      return ErrorReply(503, "busy", "the changes could not be read; retry later");
    }
    response.settled = std::move(*settled);
  }
  return HttpReply{200, sync::SerializeResponse(response)};
}

core::Result<std::variant<sync::Ack, HttpReply>> SyncEngine::Push(int64_t device_no,
                                                                  const DeviceSyncState& device,
                                                                  const sync::SyncRequest& request,
                                                                  int64_t now) {
  const sync::PushBatch& push = *request.push;
  const std::string digest = BatchDigest(push);
  RAIDA_ASSIGN_OR_RETURN(const auto stored, FindBatch(store_, device_no, push.batch));
  if (stored) {
    if (stored->digest != digest) {
      return std::variant<sync::Ack, HttpReply>(ErrorReply(
          409, "batch_conflict",
          "batch " + std::to_string(push.batch) + " was already received with other content",
          ExpectedMember(device.last_batch + 1)));
    }
    if (push.batch < device.last_batch) {
      // The same bytes as a batch from before the device's last: only a copy of its database
      // from before the later ones still sends it (a kiosk resends only its last, unanswered).
      return std::variant<sync::Ack, HttpReply>(ErrorReply(
          409, "batch_conflict",
          "batch " + std::to_string(push.batch) +
              " came before others this kiosk has sent (restored from a backup); it must "
              "reconcile",
          ExpectedMember(device.last_batch + 1)));
    }
    RAIDA_ASSIGN_OR_RETURN(sync::SyncResponse previous, sync::ParseResponse(stored->response));
    RAIDA_CHECK(previous.ack.has_value());
    previous.ack->replayed = true;
    return std::variant<sync::Ack, HttpReply>(*previous.ack);
  }
  if (push.batch != device.last_batch + 1) {
    const int64_t expected = device.last_batch + 1;
    return std::variant<sync::Ack, HttpReply>(
        ErrorReply(409, "gap", "expected batch " + std::to_string(expected),
                   "\"expected\":" + std::to_string(expected)));
  }
  RAIDA_ASSIGN_OR_RETURN(sync::Ack ack, ApplyBatch(device_no, request, digest, now));
  return std::variant<sync::Ack, HttpReply>(ack);
}

core::Result<sync::Ack> SyncEngine::ApplyBatch(int64_t device_no, const sync::SyncRequest& request,
                                               const std::string& digest, int64_t now) {
  const sync::PushBatch& push = *request.push;
  core::Store::ApplyingScope applying(store_);
  RAIDA_ASSIGN_OR_RETURN(auto scope, store_.BeginWrite());
  detail::ApplyContext context;
  context.store = &store_;
  context.device_no = device_no;
  context.batch = push.batch;
  context.now_ms = now;
  context.max_clock_ahead_ms = options_.max_clock_ahead_ms;
  sync::Ack ack;
  ack.batch = push.batch;
  for (const sync::PushChange& change : push.changes) {
    RAIDA_ASSIGN_OR_RETURN(sync::ChangeResult result, detail::ApplyChange(context, change));
    if (result.outcome != sync::ChangeOutcome::kApplied) {
      ack.results.push_back(std::move(result));
    }
  }
  sync::SyncResponse stored;
  stored.ack = ack;
  const std::string response = sync::SerializeResponse(stored);
  RAIDA_ASSIGN_OR_RETURN(core::Statement insert,
                         store_.db().Prepare("INSERT INTO applied_batch(device_no, batch, "
                                             "body_sha256, response, applied_ms) VALUES (?, ?, ?, "
                                             "?, ?)"));
  insert.Bind(1, device_no).Bind(2, push.batch).Bind(3, digest);
  insert.BindBlob(4, std::vector<uint8_t>(response.begin(), response.end()));
  RAIDA_TRY(insert.Bind(5, now).Run());
  RAIDA_ASSIGN_OR_RETURN(
      core::Statement advance,
      store_.db().Prepare(
          "UPDATE server_device SET last_batch = ?, db_epoch = ?, clock_skew_count = "
          "clock_skew_count + ? WHERE device_no = ?"));
  advance.Bind(1, push.batch).Bind(2, request.epoch).Bind(3, context.clamped);
  RAIDA_TRY(advance.Bind(4, device_no).Run());
  RAIDA_TRY(scope.Commit());
  return ack;
}

}  // namespace raida::server
