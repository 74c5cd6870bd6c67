// ReadSyncStatus: sync_meta, the outbox and sync_issue, in one read transaction so the figures
// agree with each other.
#include "raida/sync/sync_status.h"

#include "raida/core/outbox_repository.h"
#include "raida/core/sync_meta_repository.h"

namespace raida::sync {
namespace {

core::Result<int64_t> Count(core::Store& store, const char* sql) {
  RAIDA_ASSIGN_OR_RETURN(core::Statement stmt, store.db().Prepare(sql));
  RAIDA_TRY(stmt.Step());
  return stmt.ColumnInt(0);
}

}  // namespace

core::Result<SyncStatus> ReadSyncStatus(core::Store& store) {
  core::SyncMetaRepository meta(store);
  SyncStatus status;
  RAIDA_ASSIGN_OR_RETURN(auto device, meta.GetInt("device_id"));
  status.device = device.value_or(0);
  RAIDA_ASSIGN_OR_RETURN(auto center, meta.GetText("center_id"));
  status.center_id = center.value_or("");
  RAIDA_ASSIGN_OR_RETURN(auto url, meta.GetText("server_url"));
  status.server_url = url.value_or("");
  RAIDA_ASSIGN_OR_RETURN(auto success, meta.GetInt("last_success_ms"));
  status.last_success_ms = success.value_or(0);
  RAIDA_ASSIGN_OR_RETURN(auto attempt, meta.GetInt("last_attempt_ms"));
  status.last_attempt_ms = attempt.value_or(0);
  RAIDA_ASSIGN_OR_RETURN(auto error, meta.GetText("last_error"));
  status.last_error = error.value_or("");
  RAIDA_ASSIGN_OR_RETURN(status.waiting, core::OutboxRepository(store).CountPending());
  RAIDA_ASSIGN_OR_RETURN(status.issues, Count(store, "SELECT count(*) FROM sync_issue"));
  return status;
}

core::Result<std::vector<SyncIssue>> ListSyncIssues(core::Store& store, int limit) {
  RAIDA_ASSIGN_OR_RETURN(
      core::Statement stmt,
      store.db().Prepare("SELECT seq, tbl, pk, outcome, detail, at_ms FROM sync_issue "
                         "ORDER BY at_ms DESC, seq DESC LIMIT ?"));
  stmt.Bind(1, limit);
  std::vector<SyncIssue> issues;
  while (true) {
    RAIDA_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) {
      return issues;
    }
    issues.push_back(SyncIssue{stmt.ColumnInt(0), stmt.ColumnText(1), stmt.ColumnText(2),
                               stmt.ColumnText(3), stmt.ColumnText(4), stmt.ColumnInt(5)});
  }
}

}  // namespace raida::sync
