// HandleDigest: the divergence check on the server (digest.h). What a kiosk holds is defined by
// the pull (pull.h InPullScopeSql): every row whose (table, id) the server has logged to the
// district's or the kiosk's center's scope; the digests and the repair pages read exactly those
// rows, with the values the server holds now. That is what the kiosk must hold only when it has
// pulled everything, so a kiosk with entries still to pull is told to sync first.
#include "digest.h"

#include <spdlog/spdlog.h>

#include "pull.h"
#include "raida/core/migrations.h"
#include "raida/core/sync_meta_repository.h"
#include "raida/sync/digest_protocol.h"

namespace raida::server {
namespace {

constexpr int64_t kRowOverheadBytes = 40;  // brackets, stamp and quotes around a row

std::string DigestTimeKey(int64_t device_no) { return "digest_ms." + std::to_string(device_no); }

struct DeviceScope {
  std::string center_id;
  std::optional<std::string> epoch;
};

core::Result<std::optional<DeviceScope>> LoadScope(core::Store& store, int64_t device_no) {
  RAIDA_ASSIGN_OR_RETURN(
      core::Statement stmt,
      store.db().Prepare("SELECT center_id, db_epoch FROM server_device WHERE device_no = ?"));
  stmt.Bind(1, device_no);
  RAIDA_ASSIGN_OR_RETURN(const bool found, stmt.Step());
  if (!found) {
    return std::optional<DeviceScope>();
  }
  return std::optional<DeviceScope>(DeviceScope{stmt.ColumnText(0), stmt.ColumnOptionalText(1)});
}

// Whether the pull feed holds an entry for the device after `cursor`: the same question a pull
// from `cursor` answers (its own changes are not sent back to it, except those a reconcile
// returns: sync_engine.cpp keeps their bound in sync_meta 'reconcile_seq.<device>').
core::Result<bool> EntriesWaiting(core::Store& store, const DeviceScope& device, int64_t device_no,
                                  const sync::DigestRequest& request) {
  RAIDA_ASSIGN_OR_RETURN(const auto own_through, core::SyncMetaRepository(store).GetInt(
                                                     "reconcile_seq." + std::to_string(device_no)));
  RAIDA_ASSIGN_OR_RETURN(
      const detail::PullPage page,
      detail::ReadPullPage(store, device.center_id, device_no, request.cursor,
                           /*max_bytes=*/1, request.schema, own_through.value_or(0)));
  return !page.changes.empty();
}

// " WHERE id IN (<ids of the table logged to the device's scopes>)", ?1 the table, ?2 the center.
std::string InScopeWhere() {
  return " WHERE id IN (SELECT pk FROM change_log WHERE tbl = ?1 AND " + detail::InPullScopeSql(2) +
         ")";
}

// The digests of every table. The (table, id) pairs of the device's scopes are gathered first
// into a temporary table, in one pass over the scopes' change_log entries: the log holds an
// entry per change, many per row, and one pass instead of one per table is about 3x faster at a
// million entries (2.5 s -> 0.9 s), time every other kiosk waits for the store mutex.
core::Result<sync::DigestReply> Digests(core::Store& store, const DeviceScope& device,
                                        const sync::DigestRequest& request, int64_t now_ms) {
  RAIDA_TRY(store.db().Exec(
      "CREATE TEMP TABLE IF NOT EXISTS digest_scope(tbl TEXT NOT NULL, pk TEXT NOT NULL, "
      "PRIMARY KEY (tbl, pk)) WITHOUT ROWID; DELETE FROM temp.digest_scope;"));
  RAIDA_ASSIGN_OR_RETURN(core::Statement gather,
                         store.db().Prepare("INSERT OR IGNORE INTO temp.digest_scope SELECT tbl, "
                                            "pk FROM change_log WHERE " +
                                            detail::InPullScopeSql(1)));
  RAIDA_TRY(gather.Bind(1, device.center_id).Run());
  sync::DigestReply reply;
  reply.server_time = now_ms;
  reply.cursor = request.cursor;
  for (const core::SyncedTable* table : sync::DigestTables(request.schema)) {
    RAIDA_ASSIGN_OR_RETURN(
        core::Statement stmt,
        store.db().Prepare(sync::DigestSelectSql(*table, request.schema) +
                           " WHERE id IN (SELECT pk FROM temp.digest_scope WHERE tbl = ?1)"));
    stmt.Bind(1, table->name);
    RAIDA_ASSIGN_OR_RETURN(sync::TableDigest digest, sync::FoldDigest(stmt, table->name));
    reply.tables.push_back(std::move(digest));
  }
  RAIDA_TRY(store.db().Exec("DELETE FROM temp.digest_scope"));
  return reply;
}

// The row's data columns known at `schema` as a JSON object in the outbox format (row_store.h).
std::string ValuesSql(const core::SyncedTable& table, int schema) {
  std::string sql = "json_object(";
  bool first = true;
  for (const core::SyncedColumn& c : table.columns) {
    if (c.since_schema > schema) {
      continue;
    }
    sql += (first ? "'" : ", '") + c.name + "', ";
    sql += c.is_blob ? "CASE WHEN " + c.name + " IS NULL THEN NULL ELSE hex(" + c.name + ") END"
                     : c.name;
    first = false;
  }
  return sql + ")";
}

core::Result<sync::DigestRowsReply> RowsPage(core::Store& store, const DeviceScope& device,
                                             const core::SyncedTable& table,
                                             const sync::DigestRequest& request, int64_t now_ms) {
  const sync::DigestRowsRequest& wanted = *request.rows;
  RAIDA_ASSIGN_OR_RETURN(
      core::Statement stmt,
      store.db().Prepare("SELECT id, hlc, origin, " + ValuesSql(table, request.schema) + " FROM " +
                         table.name + InScopeWhere() + " AND id > ?3 ORDER BY id LIMIT ?4"));
  // One row more than a page holds tells whether another page follows.
  stmt.Bind(1, table.name).Bind(2, device.center_id).Bind(3, wanted.after);
  stmt.Bind(4, sync::kMaxDigestRowsPerPage + 1);
  sync::DigestRowsReply reply;
  reply.server_time = now_ms;
  reply.table = table.name;
  int64_t bytes = 0;
  while (true) {
    RAIDA_ASSIGN_OR_RETURN(const bool found, stmt.Step());
    if (!found) {
      break;
    }
    sync::DigestRow row{stmt.ColumnText(0), static_cast<uint64_t>(stmt.ColumnInt(1)),
                        stmt.ColumnInt(2), stmt.ColumnText(3)};
    const int64_t size =
        static_cast<int64_t>(row.pk.size() + row.cols_json.size()) + kRowOverheadBytes;
    if (!reply.rows.empty() &&
        (bytes + size > wanted.max_bytes ||
         reply.rows.size() == static_cast<size_t>(sync::kMaxDigestRowsPerPage))) {
      reply.more = true;
      break;
    }
    bytes += size;
    reply.rows.push_back(std::move(row));
  }
  stmt.Reset();
  reply.next = reply.rows.empty() ? "" : reply.rows.back().pk;
  return reply;
}

}  // namespace

HttpReply HandleDigest(core::Store& store, int64_t device_no, std::string_view request_json,
                       int64_t now_ms) {
  auto request = sync::ParseDigestRequest(request_json);
  if (!request.ok()) {
    return ErrorReply(400, "malformed", request.error().message);
  }
  if (request->device != device_no) {
    return ErrorReply(401, "device_mismatch", "the body names another device");
  }
  if (request->v != sync::kProtocolVersion) {
    return ErrorReply(400, "unsupported_version",
                      "protocol version " + std::to_string(request->v) + " is not supported");
  }
  if (request->schema > core::LatestSchemaVersion()) {
    return ErrorReply(400, "unsupported_schema",
                      "schema " + std::to_string(request->schema) + " is newer than the server");
  }
  const core::SyncedTable* table = nullptr;
  if (request->rows) {
    table = sync::FindDigestTable(request->rows->table, request->schema);
    if (table == nullptr) {
      return ErrorReply(400, "unknown_table",
                        "rows.table: \"" + request->rows->table +
                            "\" is not a synced table a kiosk at schema " +
                            std::to_string(request->schema) + " holds");
    }
  }
  // The caller holds the store mutex (every write to the server's store is made under it), so
  // the check that nothing waits for the kiosk and the digests (or the page) see the same state.
  auto device = LoadScope(store, device_no);
  if (!device.ok()) {
    return ErrorReply(503, "busy", "the digests could not be read; retry later");
  }
  if (!device->has_value()) {
    return ErrorReply(401, "unknown_device", "this device is not registered here");
  }
  if ((*device)->epoch && *(*device)->epoch != request->epoch) {
    return ErrorReply(409, "epoch_mismatch",
                      "this kiosk's database is not the one the district office knows; sync "
                      "first (it reconciles)");
  }
  auto waiting = EntriesWaiting(store, **device, device_no, *request);
  if (!waiting.ok()) {
    return ErrorReply(503, "busy", "the digests could not be read; retry later");
  }
  if (*waiting) {
    return ErrorReply(409, "behind",
                      "changes after cursor " + std::to_string(request->cursor) +
                          " wait for this kiosk; sync first, then check again");
  }
  if (table != nullptr) {
    auto page = RowsPage(store, **device, *table, *request, now_ms);
    if (!page.ok()) {
      return ErrorReply(503, "busy", "the rows could not be read; retry later");
    }
    spdlog::info("digest: device {} fetched {} rows of {} for a repair", device_no,
                 page->rows.size(), table->name);
    return HttpReply{200, sync::SerializeDigestRowsReply(*page)};
  }
  auto digests = Digests(store, **device, *request, now_ms);
  if (!digests.ok()) {
    return ErrorReply(503, "busy", "the digests could not be read; retry later");
  }
  if (auto noted = core::SyncMetaRepository(store).SetInt(DigestTimeKey(device_no), now_ms);
      !noted.ok()) {
    spdlog::warn("digest: the time of device {}'s check could not be noted: {}", device_no,
                 noted.error().message);
  }
  spdlog::info("digest: device {} checked {} tables at cursor {}", device_no,
               digests->tables.size(), request->cursor);
  return HttpReply{200, sync::SerializeDigestReply(*digests)};
}

bool DigestDue(core::Store& store, int64_t device_no, int64_t now_ms) {
  auto last = core::SyncMetaRepository(store).GetInt(DigestTimeKey(device_no));
  return last.ok() && (!last->has_value() || now_ms - **last >= kDigestIntervalMs);
}

}  // namespace raida::server
