// AuditLog: appending audit entries. Only ids, action names and times are stored, never the
// values a coordinator saw or changed.
#include "raida/core/audit_log.h"

#include "repository_util.h"

namespace raida::core {

Result<AuditEntry> AuditLog::Append(AuditEntry entry) {
  RAIDA_TRY(detail::RequireText(entry.action, "audit action"));
  RAIDA_TRY(detail::RequireText(entry.actor_id, "audit actor"));
  if (entry.at_ms == 0) {
    entry.at_ms = store_->clock().NowMs();
  }
  RAIDA_ASSIGN_OR_RETURN(auto scope, store_->BeginWrite());
  if (entry.id.empty()) {
    RAIDA_ASSIGN_OR_RETURN(entry.id, store_->NewRowId());
  }
  RAIDA_ASSIGN_OR_RETURN(
      Statement stmt,
      store_->db().Prepare(
          "INSERT INTO audit_log(id, at_ms, actor_id, action, record_table, record_id, hlc, origin)"
          " VALUES (?, ?, ?, ?, ?, ?, sync_hlc(), sync_origin())"));
  stmt.Bind(1, entry.id).Bind(2, entry.at_ms).Bind(3, entry.actor_id).Bind(4, entry.action);
  RAIDA_TRY(stmt.Bind(5, entry.record_table).Bind(6, entry.record_id).Run());
  RAIDA_TRY(scope.Commit());
  return entry;
}

Result<std::vector<AuditEntry>> AuditLog::ListForRecord(const std::string& record_table,
                                                        const std::string& record_id) {
  RAIDA_ASSIGN_OR_RETURN(
      Statement stmt,
      store_->db().Prepare(
          "SELECT id, at_ms, actor_id, action, record_table, record_id FROM audit_log"
          " WHERE record_table = ? AND record_id = ? ORDER BY at_ms, hlc"));
  stmt.Bind(1, record_table).Bind(2, record_id);
  return detail::CollectRows<AuditEntry>(stmt, [](Statement& s) -> Result<AuditEntry> {
    return AuditEntry{s.ColumnText(0), s.ColumnInt(1),  s.ColumnText(2),
                      s.ColumnText(3), s.ColumnText(4), s.ColumnText(5)};
  });
}

}  // namespace raida::core
