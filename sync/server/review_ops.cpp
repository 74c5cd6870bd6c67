// The review queue of changes the server set aside (sync_engine.h): listing, retry and discard.
//
// A pushed change the merge rules refused (an unknown column, a parent that had not arrived yet)
// is stored in quarantine with its stamp and the batch goes on (merge_rules.cpp Reject). The
// district office decides later. A retry runs the stored change through ApplyChange as its
// device's push would, so an accepted retry is indistinguishable from a change that applied the
// first time: same stamp and origin, same change_log entries. A retry that is refused again is
// rolled back whole (the rules would have set the change aside a second time) and only the
// entry's reason and retry count change. Entries are never deleted; a decision is recorded with
// who made it and when. Log lines carry ids, tables and reasons, never the pushed values.
#include <spdlog/spdlog.h>

#include "merge_rules.h"
#include "sync_engine.h"

namespace raida::server {
namespace {

using core::ErrorCode;
using core::MakeError;

constexpr const char* kEntryColumns =
    "id, device_no, batch, seq, tbl, pk, reason, at_ms, status, outcome, retries, resolved_by, "
    "resolved_ms, hlc, payload";

struct StoredEntry {
  SetAsideEntry entry;
  std::optional<int64_t> hlc;
  std::string payload;
};

StoredEntry ReadEntry(const core::Statement& stmt) {
  StoredEntry stored;
  SetAsideEntry& e = stored.entry;
  e.id = stmt.ColumnInt(0);
  e.device_no = stmt.ColumnInt(1);
  e.batch = stmt.ColumnInt(2);
  e.seq = stmt.ColumnInt(3);
  e.table = stmt.ColumnText(4);
  e.pk = stmt.ColumnText(5);
  e.reason = stmt.ColumnText(6);
  e.at_ms = stmt.ColumnInt(7);
  e.status = stmt.ColumnText(8);
  e.outcome = stmt.ColumnText(9);
  e.retries = stmt.ColumnInt(10);
  e.resolved_by = stmt.ColumnText(11);
  e.resolved_ms = stmt.ColumnOptionalInt(12);
  stored.hlc = stmt.ColumnOptionalInt(13);
  stored.payload = stmt.ColumnText(14);
  return stored;
}

// The open entry `id`: kNotFound for an unknown one, kConflict for one already resolved.
core::Result<StoredEntry> OpenEntry(core::Store& store, int64_t id) {
  RAIDA_ASSIGN_OR_RETURN(
      core::Statement stmt,
      store.db().Prepare(std::string("SELECT ") + kEntryColumns + " FROM quarantine WHERE id = ?"));
  stmt.Bind(1, id);
  RAIDA_ASSIGN_OR_RETURN(const bool found, stmt.Step());
  if (!found) {
    return MakeError(ErrorCode::kNotFound, "no set-aside change " + std::to_string(id));
  }
  StoredEntry stored = ReadEntry(stmt);
  if (stored.entry.status != "open") {
    return MakeError(ErrorCode::kConflict, "set-aside change " + std::to_string(id) +
                                               " was already " + stored.entry.status + " by " +
                                               stored.entry.resolved_by);
  }
  return stored;
}

core::Status Resolve(core::Store& store, int64_t id, const char* status, const std::string& outcome,
                     const std::string& by, int64_t now, int retried) {
  RAIDA_ASSIGN_OR_RETURN(core::Statement stmt,
                         store.db().Prepare("UPDATE quarantine SET status = ?, outcome = ?, "
                                            "resolved_by = ?, resolved_ms = ?, retries = retries "
                                            "+ ? WHERE id = ? AND status = 'open'"));
  stmt.Bind(1, status).Bind(2, outcome).Bind(3, by).Bind(4, now).Bind(5, retried).Bind(6, id);
  RAIDA_TRY(stmt.Run());
  RAIDA_CHECK(store.db().Changes() == 1);
  return core::Ok();
}

// Records a retry the rules refused again: the new reason, one more retry, still open.
core::Status NoteRefusedAgain(core::Store& store, int64_t id, const std::string& reason) {
  RAIDA_ASSIGN_OR_RETURN(auto scope, store.BeginWrite());
  RAIDA_ASSIGN_OR_RETURN(const StoredEntry stored, OpenEntry(store, id));
  RAIDA_ASSIGN_OR_RETURN(core::Statement stmt,
                         store.db().Prepare("UPDATE quarantine SET reason = ?, retries = retries "
                                            "+ 1 WHERE id = ?"));
  RAIDA_TRY(stmt.Bind(1, reason).Bind(2, stored.entry.id).Run());
  return scope.Commit();
}

}  // namespace

core::Result<std::vector<SetAsideEntry>> SyncEngine::ListSetAside(bool resolved, int64_t limit) {
  RAIDA_ASSIGN_OR_RETURN(
      core::Statement stmt,
      store_.db().Prepare(std::string("SELECT ") + kEntryColumns + " FROM quarantine WHERE " +
                          (resolved ? "status <> 'open' ORDER BY resolved_ms DESC, id DESC"
                                    : "status = 'open' ORDER BY id") +
                          " LIMIT ?"));
  stmt.Bind(1, limit);
  std::vector<SetAsideEntry> entries;
  while (true) {
    RAIDA_ASSIGN_OR_RETURN(const bool row, stmt.Step());
    if (!row) {
      return entries;
    }
    entries.push_back(ReadEntry(stmt).entry);
  }
}

core::Result<RetryResult> SyncEngine::RetrySetAside(int64_t id, const std::string& by) {
  const int64_t now = clock_.NowMs();
  sync::ChangeResult result;
  {
    core::Store::ApplyingScope applying(store_);
    RAIDA_ASSIGN_OR_RETURN(auto scope, store_.BeginWrite());
    RAIDA_ASSIGN_OR_RETURN(const StoredEntry stored, OpenEntry(store_, id));
    if (!stored.hlc) {
      return MakeError(ErrorCode::kConflict, "set-aside change " + std::to_string(id) +
                                                 " was kept without its stamp (before schema 8) "
                                                 "and cannot be retried; discard it instead");
    }
    const SetAsideEntry& entry = stored.entry;
    detail::ApplyContext context;
    context.store = &store_;
    context.device_no = entry.device_no;
    context.batch = entry.batch;
    context.now_ms = now;
    context.max_clock_ahead_ms = options_.max_clock_ahead_ms;
    const sync::PushChange change{entry.seq, entry.table, entry.pk,
                                  static_cast<uint64_t>(*stored.hlc), stored.payload};
    RAIDA_ASSIGN_OR_RETURN(result, detail::ApplyChange(context, change));
    if (result.outcome != sync::ChangeOutcome::kRejected) {
      const std::string outcome = sync::ChangeOutcomeName(result.outcome);
      RAIDA_TRY(Resolve(store_, id, "accepted", outcome, by, now, 1));
      RAIDA_TRY(scope.Commit());
      spdlog::info("review: set-aside change {} ({} {} from device {}) retried by {}: accepted, {}",
                   id, entry.table, entry.pk, entry.device_no, by, outcome);
      return RetryResult{true, outcome};
    }
    // `scope` rolls back here: the rules set the change aside again, which must not add an entry.
  }
  RAIDA_TRY(NoteRefusedAgain(store_, id, result.detail));
  spdlog::info("review: set-aside change {} retried by {}: refused again, {}", id, by,
               result.detail);
  return RetryResult{false, result.detail};
}

core::Status SyncEngine::DiscardSetAside(int64_t id, const std::string& by) {
  RAIDA_ASSIGN_OR_RETURN(auto scope, store_.BeginWrite());
  RAIDA_ASSIGN_OR_RETURN(const StoredEntry stored, OpenEntry(store_, id));
  RAIDA_TRY(Resolve(store_, id, "discarded", "", by, clock_.NowMs(), 0));
  RAIDA_TRY(scope.Commit());
  spdlog::info("review: set-aside change {} ({} {} from device {}, {}) discarded by {}", id,
               stored.entry.table, stored.entry.pk, stored.entry.device_no, stored.entry.reason,
               by);
  return core::Ok();
}

core::Result<std::vector<sync::SettledChange>> SyncEngine::SettledSetAside(
    int64_t device_no, const std::vector<int64_t>& seqs) {
  RAIDA_ASSIGN_OR_RETURN(
      core::Statement stmt,
      store_.db().Prepare("SELECT tbl, pk, status FROM quarantine WHERE device_no = ? AND seq = ? "
                          "ORDER BY id DESC LIMIT 1"));
  std::vector<sync::SettledChange> settled;
  for (const int64_t seq : seqs) {
    stmt.Reset();
    stmt.Bind(1, device_no).Bind(2, seq);
    RAIDA_ASSIGN_OR_RETURN(const bool found, stmt.Step());
    if (found && stmt.ColumnText(2) != "open") {
      settled.push_back(
          {seq, stmt.ColumnText(0), stmt.ColumnText(1), stmt.ColumnText(2) == "accepted"});
    }
  }
  return settled;
}

}  // namespace raida::server
