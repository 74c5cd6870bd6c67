// ReplyApplier: acknowledgement, pulled changes and bookkeeping of one reply, all in one
// transaction (see reply_applier.h for the order and the rules).
//
// Pulled changes are written with SQL built from the synced-table list (core/schema.h): table
// and column names are checked against it before they reach SQL text, values are bound.
#include "raida/sync/reply_applier.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "bind_value.h"
#include "raida/core/hlc.h"
#include "raida/core/schema.h"
#include "raida/core/sync_meta_repository.h"

namespace raida::sync {
namespace {

using core::ErrorCode;
using core::MakeError;
using Json = nlohmann::json;

bool NeedsAttention(ChangeOutcome outcome) {
  return outcome != ChangeOutcome::kApplied && outcome != ChangeOutcome::kSuperseded;
}

// Step 3 (reply_applier.h). Only the issue that names the same change is touched.
core::Status ApplySettled(core::Database& db, const std::vector<SettledChange>& settled,
                          int64_t now_ms) {
  RAIDA_ASSIGN_OR_RETURN(core::Statement accepted,
                         db.Prepare("DELETE FROM sync_issue WHERE seq = ? AND tbl = ? AND pk = ? "
                                    "AND outcome = 'rejected'"));
  RAIDA_ASSIGN_OR_RETURN(
      core::Statement discarded,
      db.Prepare("UPDATE sync_issue SET outcome = 'discarded', at_ms = ? "
                 "WHERE seq = ? AND tbl = ? AND pk = ? AND outcome = 'rejected'"));
  for (const SettledChange& change : settled) {
    core::Statement& stmt = change.accepted ? accepted : discarded;
    stmt.Reset();
    int column = 1;
    if (!change.accepted) {
      stmt.Bind(column++, now_ms);
    }
    stmt.Bind(column, change.seq).Bind(column + 1, change.table).Bind(column + 2, change.pk);
    RAIDA_TRY(stmt.Run());
  }
  return core::Ok();
}

const PushChange* FindChange(const PushBatch& push, int64_t seq) {
  auto it = std::lower_bound(push.changes.begin(), push.changes.end(), seq,
                             [](const PushChange& c, int64_t s) { return c.seq < s; });
  return it != push.changes.end() && it->seq == seq ? &*it : nullptr;
}

core::Result<Json> ParseCols(const std::string& text, const std::string& where) {
  try {
    Json cols = Json::parse(text);
    if (!cols.is_object()) {
      return MakeError(ErrorCode::kCorrupt, where + ": cols is not an object");
    }
    return cols;
  } catch (const Json::exception&) {
    return MakeError(ErrorCode::kCorrupt, where + ": cols is not JSON");
  }
}

// (a_hlc, a_origin) > (b_hlc, b_origin), the order the server merges by.
bool Newer(uint64_t a_hlc, int64_t a_origin, uint64_t b_hlc, int64_t b_origin) {
  return a_hlc != b_hlc ? a_hlc > b_hlc : a_origin > b_origin;
}

const core::SyncedColumn* FindColumn(const core::SyncedTable& table, const std::string& name) {
  for (const core::SyncedColumn& column : table.columns) {
    if (column.name == name) {
      return &column;
    }
  }
  return nullptr;
}

}  // namespace

core::Status ReplyApplier::Fault(std::string_view point) {
  return fault_ ? fault_(point) : core::Ok();
}

core::Result<ApplyOutcome> ReplyApplier::Apply(const std::optional<FrozenBatch>& sent,
                                               const SyncResponse& reply, int64_t server_offset_ms,
                                               int64_t now_ms) {
  if (sent.has_value() != reply.ack.has_value()) {
    return MakeError(ErrorCode::kCorrupt, sent ? "the server did not acknowledge the batch"
                                               : "the server acknowledged a batch never sent");
  }
  ApplyOutcome outcome;
  RAIDA_ASSIGN_OR_RETURN(auto scope, store_->BeginWrite());
  RAIDA_TRY(Fault("begin"));
  if (sent) {
    RAIDA_ASSIGN_OR_RETURN(outcome.issues_added, ApplyAck(*sent, *reply.ack, now_ms));
    RAIDA_TRY(KeepOwnStamps(*sent, *reply.ack, reply.server_time));
    outcome.acked_changes = static_cast<int64_t>(sent->push.changes.size());
  }
  RAIDA_TRY(Fault("acked"));
  RAIDA_ASSIGN_OR_RETURN(core::Statement count,
                         store_->db().Prepare("SELECT count(*) FROM outbox"));
  RAIDA_TRY(count.Step());
  const bool outbox_empty = count.ColumnInt(0) == 0;
  {
    core::Store::ApplyingScope applying(*store_);
    for (const PulledChange& change : reply.changes) {
      RAIDA_TRY(ApplyPulled(change, outbox_empty));
    }
  }
  outcome.pulled_changes = static_cast<int64_t>(reply.changes.size());
  RAIDA_TRY(Fault("pulled"));
  if (!reply.more) {
    // Caught up: every entry logged before the acknowledged changes has been pulled, and later
    // entries are newer than them.
    RAIDA_TRY(store_->db().Exec("DELETE FROM field_clock"));
  }
  RAIDA_TRY(ApplySettled(store_->db(), reply.settled, now_ms));
  RAIDA_TRY(FinishReply(reply, server_offset_ms, now_ms));
  RAIDA_TRY(Fault("commit"));
  RAIDA_TRY(scope.Commit());
  return outcome;
}

core::Result<int64_t> ReplyApplier::ApplyAck(const FrozenBatch& sent, const Ack& ack,
                                             int64_t now_ms) {
  if (ack.batch != sent.push.batch) {
    return MakeError(ErrorCode::kCorrupt, "the server acknowledged batch " +
                                              std::to_string(ack.batch) + ", not " +
                                              std::to_string(sent.push.batch));
  }
  core::Database& db = store_->db();
  RAIDA_ASSIGN_OR_RETURN(core::Statement issue,
                         db.Prepare("INSERT OR REPLACE INTO sync_issue(seq, tbl, pk, outcome, "
                                    "detail, at_ms) VALUES (?, ?, ?, ?, ?, ?)"));
  int64_t issues = 0;
  for (const ChangeResult& result : ack.results) {
    const PushChange* change = FindChange(sent.push, result.seq);
    if (change == nullptr) {
      return MakeError(ErrorCode::kCorrupt, "the server answered for change " +
                                                std::to_string(result.seq) + ", which batch " +
                                                std::to_string(ack.batch) + " does not hold");
    }
    if (!NeedsAttention(result.outcome)) {
      continue;
    }
    issue.Reset();
    issue.Bind(1, result.seq).Bind(2, change->table).Bind(3, change->pk);
    issue.Bind(4, ChangeOutcomeName(result.outcome)).Bind(5, result.detail).Bind(6, now_ms);
    RAIDA_TRY(issue.Run());
    ++issues;
    if (result.outcome == ChangeOutcome::kWaitlisted && change->table == "enrollment") {
      core::Store::ApplyingScope applying(*store_);
      RAIDA_ASSIGN_OR_RETURN(core::Statement waitlist,
                             db.Prepare("UPDATE enrollment SET status = 'waitlisted' "
                                        "WHERE id = ? AND status = 'requested'"));
      RAIDA_TRY(waitlist.Bind(1, change->pk).Run());
    }
  }
  RAIDA_ASSIGN_OR_RETURN(core::Statement drop,
                         db.Prepare("DELETE FROM outbox WHERE seq BETWEEN ? AND ?"));
  RAIDA_TRY(drop.Bind(1, sent.push.first).Bind(2, sent.push.last).Run());
  RAIDA_ASSIGN_OR_RETURN(core::Statement unfreeze,
                         db.Prepare("DELETE FROM outbox_batch WHERE batch_seq = ?"));
  RAIDA_TRY(unfreeze.Bind(1, sent.push.batch).Run());
  core::SyncMetaRepository meta(*store_);
  RAIDA_TRY(meta.SetInt("next_batch_seq", sent.push.batch + 1));
  return issues;
}

core::Status ReplyApplier::KeepOwnStamps(const FrozenBatch& sent, const Ack& ack,
                                         int64_t server_time) {
  RAIDA_ASSIGN_OR_RETURN(
      core::Statement keep,
      store_->db().Prepare("INSERT INTO field_clock(tbl, pk, col, hlc, origin) VALUES (?, ?, ?, "
                           "?, ?) ON CONFLICT(tbl, pk, col) DO UPDATE SET hlc = excluded.hlc, "
                           "origin = excluded.origin WHERE excluded.hlc > hlc"));
  for (const PushChange& change : sent.push.changes) {
    const auto result = std::find_if(ack.results.begin(), ack.results.end(),
                                     [&](const ChangeResult& r) { return r.seq == change.seq; });
    // Refused, erased or redirected: the server did not take the value as it came (and sends
    // the row back as it holds it, under a newer stamp).
    const bool dropped =
        result != ack.results.end() &&
        (result->outcome == ChangeOutcome::kRejected || result->outcome == ChangeOutcome::kErased ||
         result->outcome == ChangeOutcome::kRedirected);
    // A stamp this far ahead of the server's time was replaced by the server's own (clamped),
    // and the server sends that change back: nothing to keep.
    const bool clamped = core::HlcMs(change.hlc) > server_time + core::kHlcMaxForwardDriftMs;
    if (dropped || clamped) {
      continue;
    }
    RAIDA_ASSIGN_OR_RETURN(Json cols, ParseCols(change.cols_json, "acknowledged change"));
    for (const auto& item : cols.items()) {
      keep.Reset();
      keep.Bind(1, change.table).Bind(2, change.pk).Bind(3, item.key());
      RAIDA_TRY(keep.Bind(4, static_cast<int64_t>(change.hlc)).Bind(5, store_->device_id()).Run());
    }
  }
  return core::Ok();
}

core::Status ReplyApplier::AddOwnNewerColumns(const PulledChange& change,
                                              std::set<std::string>& keep) {
  RAIDA_ASSIGN_OR_RETURN(
      core::Statement stmt,
      store_->db().Prepare("SELECT col, hlc, origin FROM field_clock WHERE tbl = ? AND pk = ?"));
  stmt.Bind(1, change.table).Bind(2, change.pk);
  while (true) {
    RAIDA_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) {
      return core::Ok();
    }
    if (Newer(static_cast<uint64_t>(stmt.ColumnInt(1)), stmt.ColumnInt(2), change.hlc,
              change.origin)) {
      keep.insert(stmt.ColumnText(0));
    }
  }
}

core::Status ReplyApplier::ApplyPulled(const PulledChange& change, bool outbox_empty) {
  const std::string where = "pulled change " + std::to_string(change.server_seq);
  const core::SyncedTable* table = core::FindSyncedTable(change.table);
  if (table == nullptr) {
    // A newer server's table this kiosk's schema does not have yet: nothing here can hold it.
    spdlog::warn("{}: table {} is newer than this kiosk; skipped", where, change.table);
    return core::Ok();
  }
  RAIDA_ASSIGN_OR_RETURN(Json cols, ParseCols(change.cols_json, where));
  // Columns the kiosk keeps: those with a local change still waiting to go up, and those whose
  // acknowledged local change is newer than this entry (the server applied that change after
  // logging this entry, and does not send a device its own changes back).
  std::set<std::string> pending;
  // An erasure wins over everything, local edits waiting to go up included.
  const bool erasure = change.table == "person" && cols.contains("erased") &&
                       cols["erased"].is_number_integer() && cols["erased"].get<int64_t>() == 1;
  if (!erasure) {
    RAIDA_TRY(AddOwnNewerColumns(change, pending));
  }
  if (!outbox_empty && !erasure) {
    RAIDA_ASSIGN_OR_RETURN(
        core::Statement stmt,
        store_->db().Prepare("SELECT cols FROM outbox WHERE tbl = ? AND pk = ?"));
    stmt.Bind(1, change.table).Bind(2, change.pk);
    while (true) {
      RAIDA_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) {
        break;
      }
      RAIDA_ASSIGN_OR_RETURN(Json local, ParseCols(stmt.ColumnText(0), "outbox"));
      for (const auto& item : local.items()) {
        pending.insert(item.key());
      }
    }
  }
  // UPDATE the row when it exists (only the given columns, minus those waiting to go up), else
  // INSERT it. (An upsert would check NOT NULL on the insert row first, and a pulled update
  // carries only the columns that changed.)
  std::vector<std::pair<const core::SyncedColumn*, const Json*>> bound;
  for (const auto& item : cols.items()) {
    const core::SyncedColumn* column = FindColumn(*table, item.key());
    if (column == nullptr) {
      // A column a newer server has and this kiosk's schema not yet (schema 7 added
      // person.gender): kept at the server, skipped here. The kiosk never writes it, so it
      // cannot overwrite the server's value either.
      spdlog::warn("{}: column {}.{} is newer than this kiosk; skipped", where, change.table,
                   item.key());
      continue;
    }
    bound.emplace_back(column, &item.value());
  }
  if (bound.empty() && !cols.empty()) {
    return core::Ok();  // only columns this kiosk does not have
  }
  RAIDA_ASSIGN_OR_RETURN(bool updated, UpdateRow(*table, change, bound, pending, where));
  if (updated) {
    return core::Ok();
  }
  std::string names = "id";
  std::string values = "?";
  for (const auto& entry : bound) {
    names += ", " + entry.first->name;
    values += ", ?";
  }
  RAIDA_ASSIGN_OR_RETURN(core::Statement insert,
                         store_->db().Prepare("INSERT INTO " + table->name + "(" + names +
                                              ", hlc, origin) VALUES (" + values + ", ?, ?)"));
  insert.Bind(1, change.pk);
  int index = 2;
  for (const auto& [column, value] : bound) {
    RAIDA_TRY(detail::BindValue(insert, index++, *value, *column, where));
  }
  insert.Bind(index, static_cast<int64_t>(change.hlc)).Bind(index + 1, change.origin);
  return insert.Run();
}

core::Result<bool> ReplyApplier::UpdateRow(
    const core::SyncedTable& table, const PulledChange& change,
    const std::vector<std::pair<const core::SyncedColumn*, const Json*>>& bound,
    const std::set<std::string>& pending, const std::string& where) {
  // ?1 and ?2 are the change's hlc and origin, the columns follow from ?3, then the id.
  std::string sets;
  int next = 3;
  for (const auto& entry : bound) {
    if (pending.count(entry.first->name) == 0) {
      sets += entry.first->name + " = ?" + std::to_string(next++) + ", ";
    }
  }
  sets += pending.empty() ? "hlc = ?1, origin = ?2"
                          : "origin = CASE WHEN ?1 > hlc THEN ?2 ELSE origin END, "
                            "hlc = max(hlc, ?1)";
  const std::string numbered = sets;
  RAIDA_ASSIGN_OR_RETURN(core::Statement update,
                         store_->db().Prepare("UPDATE " + table.name + " SET " + numbered +
                                              " WHERE id = ?" + std::to_string(next)));
  update.Bind(1, static_cast<int64_t>(change.hlc)).Bind(2, change.origin);
  int index = 3;
  for (const auto& [column, value] : bound) {
    if (pending.count(column->name) == 0) {
      RAIDA_TRY(detail::BindValue(update, index++, *value, *column, where));
    }
  }
  update.Bind(next, change.pk);
  RAIDA_TRY(update.Run());
  return store_->db().Changes() > 0;
}

core::Status ReplyApplier::FinishReply(const SyncResponse& reply, int64_t server_offset_ms,
                                       int64_t now_ms) {
  core::SyncMetaRepository meta(*store_);
  RAIDA_TRY(meta.SetInt("pull_cursor", reply.next));
  RAIDA_TRY(store_->SetServerOffsetMs(server_offset_ms));
  uint64_t newest = 0;
  for (const PulledChange& change : reply.changes) {
    newest = std::max(newest, change.hlc);
  }
  if (newest > 0) {
    RAIDA_TRY(store_->ObserveRemoteStamp(newest));
  }
  RAIDA_TRY(meta.SetInt("last_success_ms", now_ms));
  // A reconcile the kiosk started is done once the server has accepted a request of it: the
  // server now holds the new epoch and sends the kiosk's own changes back (sync_client.h).
  RAIDA_TRY(meta.SetInt(kReconcileKey, 0));
  return meta.SetText("last_error", "");
}

}  // namespace raida::sync
