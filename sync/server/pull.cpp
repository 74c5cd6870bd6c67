// Pull pages and publishing; see pull.h.
#include "pull.h"

#include <set>
#include <utility>

#include "raida/core/migrations.h"
#include "raida/core/schema.h"
#include "row_store.h"

namespace raida::server::detail {
namespace {

constexpr int kPageRows = 5000;
constexpr int64_t kEntryOverheadBytes = 40;  // brackets, numbers and quotes around an entry

core::Result<int64_t> LogHead(core::Store& store) {
  RAIDA_ASSIGN_OR_RETURN(core::Statement stmt,
                         store.db().Prepare("SELECT coalesce(max(server_seq), 0) FROM change_log"));
  RAIDA_TRY(stmt.Step());
  const int64_t head = stmt.ColumnInt(0);
  stmt.Reset();
  return head;
}

// The (pk, hlc) pairs of `table` already in change_log: one scan per table, not one lookup
// per row (change_log is indexed by row for people only).
core::Result<std::set<std::pair<std::string, int64_t>>> LoggedStamps(core::Store& store,
                                                                     const std::string& table) {
  RAIDA_ASSIGN_OR_RETURN(core::Statement stmt,
                         store.db().Prepare("SELECT pk, hlc FROM change_log WHERE tbl = ?"));
  stmt.Bind(1, table);
  std::set<std::pair<std::string, int64_t>> stamps;
  while (true) {
    RAIDA_ASSIGN_OR_RETURN(const bool row, stmt.Step());
    if (!row) {
      return stamps;
    }
    stamps.emplace(stmt.ColumnText(0), stmt.ColumnInt(1));
  }
}

core::Result<int64_t> PublishTable(core::Store& store, const core::SyncedTable& table) {
  RAIDA_ASSIGN_OR_RETURN(core::Statement ids,
                         store.db().Prepare("SELECT id FROM " + table.name + " ORDER BY rowid"));
  std::vector<std::string> pks;
  while (true) {
    RAIDA_ASSIGN_OR_RETURN(const bool row, ids.Step());
    if (!row) {
      break;
    }
    pks.push_back(ids.ColumnText(0));
  }
  ids.Reset();
  RAIDA_ASSIGN_OR_RETURN(const auto logged, LoggedStamps(store, table.name));
  int64_t added = 0;
  for (const std::string& pk : pks) {
    RAIDA_ASSIGN_OR_RETURN(const auto row, ReadRow(store, table, pk));
    RAIDA_CHECK(row.has_value());
    if (logged.count({pk, static_cast<int64_t>(row->hlc)}) != 0) {
      continue;
    }
    RAIDA_ASSIGN_OR_RETURN(const Scopes scopes, ScopesOfRow(store, table, pk, row->values));
    RAIDA_TRY(AppendChangeLogTo(store, scopes, table.name, pk, row->hlc, row->origin,
                                row->values.dump()));
    ++added;
  }
  return added;
}

// `change` as a kiosk at `client_schema` may see it: false when its table is newer than that
// schema (leave the entry out); columns newer than it are removed from cols_json.
bool Downcast(sync::PulledChange& change, int client_schema) {
  const core::SyncedTable* table = core::FindSyncedTable(change.table);
  if (table == nullptr || client_schema >= core::LatestSchemaVersion()) {
    return true;
  }
  if (table->since_schema > client_schema) {
    return false;
  }
  bool newer_columns = false;
  for (const core::SyncedColumn& column : table->columns) {
    newer_columns = newer_columns || column.since_schema > client_schema;
  }
  if (!newer_columns) {
    return true;
  }
  Json cols = Json::parse(change.cols_json, nullptr, /*allow_exceptions=*/false);
  if (!cols.is_object()) {
    return true;  // written by this server; the kiosk's strict parser reports it
  }
  for (const core::SyncedColumn& column : table->columns) {
    if (column.since_schema > client_schema) {
      cols.erase(column.name);
    }
  }
  change.cols_json = cols.dump();
  return true;
}

}  // namespace

std::string InPullScopeSql(int center_param) {
  return "scope IN ('" + std::string(kDistrictScope) + "', ?" + std::to_string(center_param) + ")";
}

core::Result<PullPage> ReadPullPage(core::Store& store, const std::string& center_id,
                                    int64_t device_no, int64_t cursor, int64_t max_bytes,
                                    int client_schema, int64_t own_through) {
  RAIDA_ASSIGN_OR_RETURN(const int64_t head, LogHead(store));
  RAIDA_ASSIGN_OR_RETURN(
      core::Statement stmt,
      store.db().Prepare("SELECT server_seq, tbl, pk, hlc, origin, cols FROM change_log WHERE "
                         "server_seq > ? AND " +
                         InPullScopeSql(2) +
                         " AND (origin <> ? OR server_seq <= ?) ORDER BY server_seq LIMIT ?"));
  stmt.Bind(1, cursor).Bind(2, center_id).Bind(3, device_no).Bind(4, own_through);
  stmt.Bind(5, kPageRows);
  PullPage page;
  int64_t bytes = 0;
  int rows = 0;
  int64_t last_read = cursor;  // the last entry read, sent or left out by the downcast
  while (true) {
    RAIDA_ASSIGN_OR_RETURN(const bool row, stmt.Step());
    if (!row) {
      break;
    }
    sync::PulledChange change{stmt.ColumnInt(0),  stmt.ColumnText(1),
                              stmt.ColumnText(2), static_cast<uint64_t>(stmt.ColumnInt(3)),
                              stmt.ColumnInt(4),  stmt.ColumnText(5)};
    if (!Downcast(change, client_schema)) {
      ++rows;
      last_read = change.server_seq;
      continue;
    }
    const int64_t size =
        static_cast<int64_t>(change.table.size() + change.pk.size() + change.cols_json.size()) +
        kEntryOverheadBytes;
    if (!page.changes.empty() && bytes + size > max_bytes) {
      page.more = true;
      break;
    }
    ++rows;
    last_read = change.server_seq;
    bytes += size;
    page.changes.push_back(std::move(change));
  }
  stmt.Reset();
  if (!page.more && rows == kPageRows) {
    page.more = last_read < head;
  }
  page.next = page.more ? last_read : std::max(cursor, head);
  return page;
}

core::Result<int64_t> PublishRows(core::Store& store) {
  core::Store::ApplyingScope applying(store);
  RAIDA_ASSIGN_OR_RETURN(auto scope, store.BeginWrite());
  int64_t added = 0;
  for (const core::SyncedTable& table : core::SyncedTables()) {
    RAIDA_ASSIGN_OR_RETURN(const int64_t count, PublishTable(store, table));
    added += count;
  }
  RAIDA_TRY(scope.Commit());
  return added;
}

}  // namespace raida::server::detail
