// DigestCheck: the divergence check and the per-table repair on a kiosk (digest_check.h).
//
// Requests are built, compressed and signed as SyncClient's are (protocol.h "Authentication"),
// with the path /api/v1/digest. Repair SQL is built from the synced-table list only: table and
// column names come from core/schema.h, values are bound.
#include "raida/sync/digest_check.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "bind_value.h"
#include "raida/core/sync_meta_repository.h"
#include "raida/sync/protocol.h"
#include "raida/sync/reply_applier.h"
#include "raida/sync/signed_post.h"

namespace raida::sync {
namespace {

using core::ErrorCode;
using core::MakeError;
using Json = nlohmann::json;

core::Result<int64_t> Count(core::Store& store, const std::string& sql) {
  RAIDA_ASSIGN_OR_RETURN(core::Statement stmt, store.db().Prepare(sql));
  RAIDA_TRY(stmt.Step());
  return stmt.ColumnInt(0);
}

core::Result<std::string> MetaText(core::Store& store, const char* key) {
  RAIDA_ASSIGN_OR_RETURN(core::Statement stmt,
                         store.db().Prepare("SELECT v FROM sync_meta WHERE k = ?"));
  stmt.Bind(1, std::string(key));
  RAIDA_ASSIGN_OR_RETURN(const bool found, stmt.Step());
  return found ? stmt.ColumnText(0) : std::string();
}

// The error code and words of a refusal ({"error":{"code","message"}}), or the HTTP status.
std::pair<std::string, std::string> ServerWords(const HttpReply& reply) {
  std::string body = reply.body;
  const auto encoding = reply.headers.find("content-encoding");
  if (encoding != reply.headers.end() && encoding->second.find("zstd") != std::string::npos) {
    auto inflated = Decompress(reply.body, kMaxInflatedBytes);
    body = inflated.ok() ? *inflated : "";
  }
  const Json doc = Json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (doc.is_object() && doc.contains("error") && doc["error"].is_object()) {
    const Json& error = doc["error"];
    return {error.value("code", ""),
            error.value("message", "HTTP " + std::to_string(reply.status))};
  }
  return {"", "HTTP " + std::to_string(reply.status)};
}

// id -> hash of the row's canonical text, for every row of `table` (what a repair changed).
core::Result<std::map<std::string, std::string>> RowHashes(core::Store& store,
                                                           const core::SyncedTable& table,
                                                           int schema) {
  RAIDA_ASSIGN_OR_RETURN(core::Statement stmt, store.db().Prepare(DigestSelectSql(table, schema)));
  std::map<std::string, std::string> hashes;
  while (true) {
    RAIDA_ASSIGN_OR_RETURN(const bool row, stmt.Step());
    if (!row) {
      return hashes;
    }
    hashes.emplace(stmt.ColumnText(0), RowHashHex(stmt.ColumnText(1)));
  }
}

core::Result<std::set<std::string>> PendingIds(core::Store& store, const std::string& table) {
  RAIDA_ASSIGN_OR_RETURN(core::Statement stmt,
                         store.db().Prepare("SELECT DISTINCT pk FROM outbox WHERE tbl = ?"));
  stmt.Bind(1, table);
  std::set<std::string> ids;
  while (true) {
    RAIDA_ASSIGN_OR_RETURN(const bool row, stmt.Step());
    if (!row) {
      return ids;
    }
    ids.insert(stmt.ColumnText(0));
  }
}

// Writes the office's `row` over the kiosk's (UPDATE of every column it names, else INSERT).
core::Status WriteRow(core::Store& store, const core::SyncedTable& table, const DigestRow& row) {
  const Json cols = Json::parse(row.cols_json, nullptr, /*allow_exceptions=*/false);
  if (!cols.is_object()) {
    return MakeError(ErrorCode::kCorrupt, table.name + ": a row's values are not an object");
  }
  std::vector<std::pair<const core::SyncedColumn*, const Json*>> bound;
  for (const auto& item : cols.items()) {
    const auto column =
        std::find_if(table.columns.begin(), table.columns.end(),
                     [&](const core::SyncedColumn& c) { return c.name == item.key(); });
    if (column == table.columns.end()) {
      return MakeError(ErrorCode::kCorrupt, table.name + "." + item.key() + " is not a column");
    }
    bound.emplace_back(&*column, &item.value());
  }
  // ?1 hlc, ?2 origin, ?3 id, the columns from ?4.
  std::string sets;
  std::string names = "hlc, origin, id";
  std::string params = "?1, ?2, ?3";
  for (size_t i = 0; i < bound.size(); ++i) {
    const std::string param = "?" + std::to_string(i + 4);
    sets += bound[i].first->name + " = " + param + ", ";
    names += ", " + bound[i].first->name;
    params += ", " + param;
  }
  for (const bool update : {true, false}) {
    RAIDA_ASSIGN_OR_RETURN(
        core::Statement stmt,
        store.db().Prepare(
            update ? "UPDATE " + table.name + " SET " + sets + "hlc = ?1, origin = ?2 WHERE id = ?3"
                   : "INSERT INTO " + table.name + "(" + names + ") VALUES (" + params + ")"));
    stmt.Bind(1, static_cast<int64_t>(row.hlc)).Bind(2, row.origin).Bind(3, row.pk);
    for (size_t i = 0; i < bound.size(); ++i) {
      RAIDA_TRY(detail::BindValue(stmt, static_cast<int>(i) + 4, *bound[i].second, *bound[i].first,
                                  "repair of " + table.name));
    }
    RAIDA_TRY(stmt.Run());
    if (!update || store.db().Changes() > 0) {
      return core::Ok();
    }
  }
  return core::Ok();
}

// Replaces the kiosk's rows of `table` with the office's `rows` (but those with a change waiting
// in the outbox) and counts what changed; the caller's transaction and ApplyingScope hold.
core::Status ReplaceRows(core::Store& store, const core::SyncedTable& table, int schema,
                         const std::vector<DigestRow>& rows, TableCheck& check) {
  RAIDA_ASSIGN_OR_RETURN(const auto before, RowHashes(store, table, schema));
  RAIDA_ASSIGN_OR_RETURN(const auto pending, PendingIds(store, table.name));
  std::set<std::string> office;
  for (const DigestRow& row : rows) {
    office.insert(row.pk);
  }
  // Rows the office does not have go first, so a row that took another's unique values (a
  // lesson's progress under another id) does not block the office's row.
  RAIDA_ASSIGN_OR_RETURN(core::Statement drop,
                         store.db().Prepare("DELETE FROM " + table.name + " WHERE id = ?"));
  for (const auto& [pk, hash] : before) {
    if (office.count(pk) == 0 && pending.count(pk) == 0) {
      drop.Reset();
      RAIDA_TRY(drop.Bind(1, pk).Run());
    }
  }
  uint64_t newest = 0;
  for (const DigestRow& row : rows) {
    if (pending.count(row.pk) != 0) {
      continue;
    }
    RAIDA_TRY(WriteRow(store, table, row));
    newest = std::max(newest, row.hlc);
  }
  if (newest > 0) {
    RAIDA_TRY(store.ObserveRemoteStamp(newest));
  }
  RAIDA_ASSIGN_OR_RETURN(const auto after, RowHashes(store, table, schema));
  for (const auto& [pk, hash] : after) {
    const auto it = before.find(pk);
    if (it == before.end()) {
      ++check.added;
    } else if (it->second != hash) {
      ++check.changed;
    }
  }
  for (const auto& [pk, hash] : before) {
    if (after.count(pk) == 0) {
      ++check.removed;
    }
  }
  for (const std::string& pk : pending) {
    check.kept_waiting += before.count(pk) != 0 || office.count(pk) != 0 ? 1 : 0;
  }
  return core::Ok();
}

}  // namespace

const char* DigestOutcomeName(DigestOutcome outcome) {
  switch (outcome) {
    case DigestOutcome::kMatched:
      return "matched";
    case DigestOutcome::kRepaired:
      return "repaired";
    case DigestOutcome::kStillDiffers:
      return "still_differs";
    case DigestOutcome::kNotReady:
      return "not_ready";
    case DigestOutcome::kNetwork:
      return "network";
    case DigestOutcome::kRefused:
      return "refused";
    case DigestOutcome::kLocalError:
      return "local_error";
  }
  return "unknown";
}

// What one request came back with: the reply's JSON, or the outcome that ends the check.
struct DigestCheck::Answer {
  bool ok = false;
  std::string json;
  DigestOutcome failure = DigestOutcome::kNetwork;
  std::string message;
};

// What every request of the check says about the kiosk.
struct DigestCheck::Head {
  std::string epoch;
  int schema = 0;
  int64_t cursor = 0;
};

DigestCheck::DigestCheck(core::Store& store, Transport& transport, Credentials credentials,
                         DigestCheckOptions options)
    : store_(&store),
      transport_(&transport),
      credentials_(std::move(credentials)),
      options_(options) {}

DigestCheck::Answer DigestCheck::Send(const std::string& json, DigestResult& result) {
  const HttpRequest http = SignedPost(credentials_, kDigestPath, store_->clock().NowMs(), json);
  result.stats.requests += 1;
  result.stats.json_bytes_up += static_cast<int64_t>(json.size());
  result.stats.body_bytes_up += static_cast<int64_t>(http.body.size());
  const TransportResult sent = transport_->Post(http);
  if (const auto* failure = std::get_if<NetworkFailure>(&sent)) {
    return Answer{false, "", DigestOutcome::kNetwork, DescribeNetworkFailure(failure->kind)};
  }
  const HttpReply& reply = std::get<HttpReply>(sent);
  result.stats.wire_bytes_up += reply.wire_bytes_up;
  result.stats.wire_bytes_down += reply.wire_bytes_down;
  result.stats.body_bytes_down += static_cast<int64_t>(reply.body.size());
  if (reply.status == 200) {
    auto body = Decompress(reply.body, kMaxInflatedBytes);
    if (!body.ok()) {
      return Answer{false, "", DigestOutcome::kLocalError,
                    "the district office's reply could not be read: " + body.error().message};
    }
    result.stats.json_bytes_down += static_cast<int64_t>(body->size());
    return Answer{true, std::move(*body), DigestOutcome::kMatched, ""};
  }
  const auto [code, words] = ServerWords(reply);
  if (reply.status == 409 && (code == "behind" || code == "epoch_mismatch")) {
    return Answer{
        false, "", DigestOutcome::kNotReady,
        "the district office has changes this kiosk has not pulled yet; sync first (" + code + ")"};
  }
  if (reply.status == 429 || reply.status >= 500) {
    return Answer{false, "", DigestOutcome::kNetwork,
                  "the district office's server is busy or failing (HTTP " +
                      std::to_string(reply.status) + "); will try again"};
  }
  return Answer{false, "", DigestOutcome::kRefused,
                "refused: the district office did not accept the check (" +
                    (code.empty() ? "" : code + ": ") + words + ")"};
}

core::Result<std::vector<TableDigest>> DigestCheck::LocalDigests(int schema) {
  std::vector<TableDigest> digests;
  for (const core::SyncedTable* table : DigestTables(schema)) {
    RAIDA_ASSIGN_OR_RETURN(core::Statement stmt,
                           store_->db().Prepare(DigestSelectSql(*table, schema)));
    RAIDA_ASSIGN_OR_RETURN(TableDigest digest, FoldDigest(stmt, table->name));
    digests.push_back(std::move(digest));
  }
  return digests;
}

// Fetches the office's rows of the table page by page, then replaces the kiosk's in one
// transaction. False when the check must stop (result says why).
bool DigestCheck::Repair(const Head& head, const TableDigest& office, TableCheck& check,
                         DigestResult& result) {
  const core::SyncedTable* table = FindDigestTable(office.table, head.schema);
  std::vector<DigestRow> rows;
  DigestRequest request;
  request.device = credentials_.device;
  request.epoch = head.epoch;
  request.schema = head.schema;
  request.cursor = head.cursor;
  request.rows = DigestRowsRequest{office.table, "", options_.page_max_bytes};
  for (int page = 0;; ++page) {
    if (page >= options_.max_pages_per_table) {
      result.outcome = DigestOutcome::kLocalError;
      result.message = "the district office sent more pages of " + office.table + " than allowed";
      return false;
    }
    Answer answer = Send(SerializeDigestRequest(request), result);
    if (!answer.ok) {
      result.outcome = answer.failure;
      result.message = answer.message;
      return false;
    }
    auto reply = ParseDigestRowsReply(answer.json);
    const bool fits = reply.ok() && reply->table == office.table &&
                      (reply->rows.empty() || reply->rows.front().pk > request.rows->after);
    if (!fits) {
      result.outcome = DigestOutcome::kLocalError;
      result.message = "the district office's rows of " + office.table + " could not be read" +
                       (reply.ok() ? "" : ": " + reply.error().message);
      return false;
    }
    for (DigestRow& row : reply->rows) {
      rows.push_back(std::move(row));
    }
    if (!reply->more || reply->next.empty()) {
      break;
    }
    request.rows->after = reply->next;
  }
  auto applied = [&]() -> core::Result<bool> {
    RAIDA_ASSIGN_OR_RETURN(auto scope, store_->BeginWrite());
    {
      core::Store::ApplyingScope applying(*store_);
      RAIDA_TRY(ReplaceRows(*store_, *table, head.schema, rows, check));
    }
    RAIDA_ASSIGN_OR_RETURN(core::Statement stmt,
                           store_->db().Prepare(DigestSelectSql(*table, head.schema)));
    RAIDA_ASSIGN_OR_RETURN(const TableDigest now, FoldDigest(stmt, table->name));
    RAIDA_TRY(scope.Commit());
    return now == office;
  }();
  if (!applied.ok()) {
    result.outcome = DigestOutcome::kLocalError;
    result.message = "the repair of " + office.table +
                     " could not be saved (nothing was changed): " + applied.error().message;
    return false;
  }
  check.repaired = *applied;
  spdlog::info(
      "digest check: {} repaired from {} office rows: {} changed, {} added, {} removed, {} left "
      "with changes waiting; {}",
      office.table, rows.size(), check.changed, check.added, check.removed, check.kept_waiting,
      check.repaired ? "now matches" : "still differs");
  return true;
}

DigestResult DigestCheck::Finish(DigestResult result, int64_t start_ms) {
  result.stats.duration_ms = store_->clock().SteadyMs() - start_ms;
  if (result.outcome != DigestOutcome::kMatched && result.outcome != DigestOutcome::kRepaired &&
      result.outcome != DigestOutcome::kStillDiffers) {
    spdlog::warn("digest check: {} ({})", DigestOutcomeName(result.outcome), result.message);
    return result;
  }
  std::string line;
  for (const TableCheck& check : result.tables) {
    if (!check.matched) {
      line += (line.empty() ? "" : ", ") + check.table +
              (check.repaired ? " repaired" : " still differs");
    }
  }
  if (line.empty()) {
    line = "all tables matched";
  }
  core::SyncMetaRepository meta(*store_);
  auto recorded = [&]() -> core::Status {
    RAIDA_ASSIGN_OR_RETURN(auto scope, store_->BeginWrite());
    RAIDA_TRY(meta.SetInt(kLastDigestCheckKey, store_->clock().NowMs()));
    RAIDA_TRY(meta.SetText(kLastDigestResultKey, line));
    return scope.Commit();
  }();
  if (!recorded.ok()) {
    spdlog::warn("digest check: its time could not be recorded: {}", recorded.error().message);
  }
  return result;
}

DigestResult DigestCheck::Run() {
  DigestResult result;
  const int64_t start = store_->clock().SteadyMs();
  auto waiting = Count(*store_,
                       "SELECT (SELECT count(*) FROM outbox) + (SELECT count(*) FROM "
                       "outbox_batch) + (SELECT count(*) FROM sync_meta WHERE k = '" +
                           std::string(kReconcileKey) + "' AND v = 1)");
  auto cursor = core::SyncMetaRepository(*store_).GetInt("pull_cursor");
  auto schema = store_->db().UserVersion();
  auto epoch = MetaText(*store_, "db_epoch");
  if (!waiting.ok() || !cursor.ok() || !schema.ok() || !epoch.ok()) {
    const core::Error& e = !waiting.ok()  ? waiting.error()
                           : !cursor.ok() ? cursor.error()
                           : !schema.ok() ? schema.error()
                                          : epoch.error();
    result.outcome = DigestOutcome::kLocalError;
    result.message = "the kiosk's database: " + e.message;
    return Finish(std::move(result), start);
  }
  if (*waiting > 0) {
    result.outcome = DigestOutcome::kNotReady;
    result.message = "changes of this kiosk wait to be sent; sync first";
    return Finish(std::move(result), start);
  }
  const Head head{*epoch, *schema, cursor->value_or(0)};
  auto local = LocalDigests(head.schema);
  if (!local.ok()) {
    result.outcome = DigestOutcome::kLocalError;
    result.message = "the kiosk's database: " + local.error().message;
    return Finish(std::move(result), start);
  }
  DigestRequest request{kProtocolVersion, credentials_.device, head.epoch,
                        head.schema,      head.cursor,         std::nullopt};
  Answer answer = Send(SerializeDigestRequest(request), result);
  if (!answer.ok) {
    result.outcome = answer.failure;
    result.message = answer.message;
    return Finish(std::move(result), start);
  }
  auto office = ParseDigestReply(answer.json);
  if (!office.ok()) {
    result.outcome = DigestOutcome::kLocalError;
    result.message = "the district office's digests could not be read: " + office.error().message;
    return Finish(std::move(result), start);
  }
  std::vector<const TableDigest*> differing;
  for (const TableDigest& mine : *local) {
    const auto theirs = std::find_if(office->tables.begin(), office->tables.end(),
                                     [&](const TableDigest& d) { return d.table == mine.table; });
    if (theirs == office->tables.end()) {
      continue;  // an older office without the table: nothing to compare it with
    }
    TableCheck check;
    check.table = mine.table;
    check.kiosk_rows = mine.count;
    check.office_rows = theirs->count;
    check.matched = mine == *theirs;
    if (check.matched) {
      spdlog::info("digest check: {} matched ({} rows)", mine.table, mine.count);
    } else {
      spdlog::warn("digest check: {} differs (kiosk {} rows, office {} rows)", mine.table,
                   mine.count, theirs->count);
      differing.push_back(&*theirs);
    }
    result.tables.push_back(std::move(check));
  }
  if (differing.empty()) {
    result.outcome = DigestOutcome::kMatched;
    return Finish(std::move(result), start);
  }
  if (!options_.repair) {
    result.outcome = DigestOutcome::kStillDiffers;
    result.message = std::to_string(differing.size()) + " table(s) differ; not repaired";
    return Finish(std::move(result), start);
  }
  bool all_repaired = true;
  for (const TableDigest* theirs : differing) {
    TableCheck& check =
        *std::find_if(result.tables.begin(), result.tables.end(),
                      [&](const TableCheck& c) { return c.table == theirs->table; });
    if (!Repair(head, *theirs, check, result)) {
      return Finish(std::move(result), start);
    }
    all_repaired = all_repaired && check.repaired;
  }
  result.outcome = all_repaired ? DigestOutcome::kRepaired : DigestOutcome::kStillDiffers;
  if (!all_repaired) {
    result.message = "a repaired table still differs: rows with changes waiting were left alone";
  }
  return Finish(std::move(result), start);
}

}  // namespace raida::sync
