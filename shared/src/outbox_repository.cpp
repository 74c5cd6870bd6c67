// OutboxRepository: reading and trimming the outbox the capture triggers fill.
#include "raida/core/outbox_repository.h"

#include "repository_util.h"

namespace raida::core {
namespace {

constexpr const char* kSelectOutbox =
    "SELECT seq, hlc, tbl, pk, op, cols, schema_version FROM outbox";

Result<OutboxEntry> ReadEntry(Statement& s) {
  return OutboxEntry{s.ColumnInt(0),
                     static_cast<uint64_t>(s.ColumnInt(1)),
                     s.ColumnText(2),
                     s.ColumnText(3),
                     static_cast<int>(s.ColumnInt(4)),
                     s.ColumnText(5),
                     static_cast<int>(s.ColumnInt(6))};
}

}  // namespace

Result<int64_t> OutboxRepository::CountPending() {
  RAIDA_ASSIGN_OR_RETURN(Statement stmt, store_->db().Prepare("SELECT count(*) FROM outbox"));
  RAIDA_TRY(stmt.Step());
  return stmt.ColumnInt(0);
}

Result<OutboxSummary> OutboxRepository::SummarizeAfter(int64_t seq) {
  RAIDA_ASSIGN_OR_RETURN(Statement stmt, store_->db().Prepare("SELECT count(*), min(hlc) FROM "
                                                              "outbox WHERE seq > ?"));
  stmt.Bind(1, seq);
  RAIDA_TRY(stmt.Step());
  OutboxSummary summary;
  summary.count = stmt.ColumnInt(0);
  if (summary.count > 0) {
    summary.oldest_hlc = static_cast<uint64_t>(stmt.ColumnInt(1));
  }
  return summary;
}

Result<std::vector<OutboxEntry>> OutboxRepository::ListPending(int limit) {
  RAIDA_ASSIGN_OR_RETURN(
      Statement stmt, store_->db().Prepare(std::string(kSelectOutbox) + " ORDER BY seq LIMIT ?"));
  stmt.Bind(1, limit);
  return detail::CollectRows<OutboxEntry>(stmt, ReadEntry);
}

Result<std::vector<OutboxEntry>> OutboxRepository::ListAll() {
  RAIDA_ASSIGN_OR_RETURN(Statement stmt,
                         store_->db().Prepare(std::string(kSelectOutbox) + " ORDER BY seq"));
  return detail::CollectRows<OutboxEntry>(stmt, ReadEntry);
}

Result<int64_t> OutboxRepository::LastSeq() {
  RAIDA_ASSIGN_OR_RETURN(Statement stmt,
                         store_->db().Prepare("SELECT v FROM sync_meta WHERE k = 'outbox_seq'"));
  RAIDA_ASSIGN_OR_RETURN(bool found, stmt.Step());
  return found ? stmt.ColumnInt(0) : 0;
}

Status OutboxRepository::RemoveThrough(int64_t seq) {
  RAIDA_ASSIGN_OR_RETURN(auto scope, store_->BeginWrite());
  RAIDA_ASSIGN_OR_RETURN(Statement stmt, store_->db().Prepare("DELETE FROM outbox WHERE seq <= ?"));
  RAIDA_TRY(stmt.Bind(1, seq).Run());
  return scope.Commit();
}

}  // namespace raida::core
