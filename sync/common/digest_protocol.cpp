// The divergence check's digests and codec (raida/sync/digest_protocol.h). The row hash and the
// canonical row text are here, shared by the kiosk and the server, so both sides hash a row
// exactly the same way.
#include "raida/sync/digest_protocol.h"

#include <sodium.h>

#include <array>
#include <limits>

#include "json_reader.h"
#include "raida/core/hex.h"
#include "raida/sync/protocol.h"

namespace raida::sync {
namespace {

using detail::Json;
using detail::Malformed;

constexpr int64_t kMaxInt = std::numeric_limits<int64_t>::max();
constexpr size_t kMaxNameBytes = 64;
constexpr size_t kMaxPkBytes = 256;
constexpr size_t kMaxEpochBytes = 64;
constexpr size_t kMaxTables = 256;
constexpr const char* kNeverPulled = "audit_log";  // logged to the "server" scope only

using Hash = std::array<unsigned char, kDigestHashBytes>;

Hash HashRow(std::string_view text) {
  Hash hash{};
  crypto_generichash(hash.data(), hash.size(), reinterpret_cast<const unsigned char*>(text.data()),
                     text.size(), nullptr, 0);
  return hash;
}

bool IsHex(const std::string& text) {
  for (const char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
      return false;
    }
  }
  return true;
}

core::Status ReadHead(const Json& root, DigestRequest& request) {
  RAIDA_ASSIGN_OR_RETURN(const Json* v, detail::Member(root, "", "v"));
  RAIDA_ASSIGN_OR_RETURN(const int64_t version, detail::ReadInt(*v, "v", 1, 1 << 20));
  request.v = static_cast<int>(version);
  RAIDA_ASSIGN_OR_RETURN(const Json* device, detail::Member(root, "", "device"));
  RAIDA_ASSIGN_OR_RETURN(request.device, detail::ReadInt(*device, "device", 1, 0xFFFFFFFF));
  RAIDA_ASSIGN_OR_RETURN(const Json* epoch, detail::Member(root, "", "epoch"));
  RAIDA_ASSIGN_OR_RETURN(request.epoch, detail::ReadText(*epoch, "epoch", 1, kMaxEpochBytes));
  if (!IsHex(request.epoch)) {
    return Malformed("epoch", "expected hex digits");
  }
  RAIDA_ASSIGN_OR_RETURN(const Json* schema, detail::Member(root, "", "schema"));
  RAIDA_ASSIGN_OR_RETURN(const int64_t schema_version,
                         detail::ReadInt(*schema, "schema", 1, 1 << 20));
  request.schema = static_cast<int>(schema_version);
  RAIDA_ASSIGN_OR_RETURN(const Json* cursor, detail::Member(root, "", "cursor"));
  RAIDA_ASSIGN_OR_RETURN(request.cursor, detail::ReadInt(*cursor, "cursor", 0, kMaxInt));
  return core::Ok();
}

core::Result<DigestRowsRequest> ReadRowsRequest(const Json& value) {
  RAIDA_TRY(detail::ExpectObject(value, "rows", {"table", "after", "max_bytes"}));
  DigestRowsRequest rows;
  RAIDA_ASSIGN_OR_RETURN(const Json* table, detail::Member(value, "rows", "table"));
  RAIDA_ASSIGN_OR_RETURN(rows.table, detail::ReadText(*table, "rows.table", 1, kMaxNameBytes));
  RAIDA_ASSIGN_OR_RETURN(const Json* after, detail::Member(value, "rows", "after"));
  RAIDA_ASSIGN_OR_RETURN(rows.after, detail::ReadText(*after, "rows.after", 0, kMaxPkBytes));
  RAIDA_ASSIGN_OR_RETURN(const Json* max_bytes, detail::Member(value, "rows", "max_bytes"));
  RAIDA_ASSIGN_OR_RETURN(rows.max_bytes, detail::ReadInt(*max_bytes, "rows.max_bytes",
                                                         kMinDigestPageBytes, kMaxDigestPageBytes));
  return rows;
}

std::string Path(const std::string& base, size_t index) {
  return base + "[" + std::to_string(index) + "]";
}

}  // namespace

std::vector<const core::SyncedTable*> DigestTables(int schema) {
  std::vector<const core::SyncedTable*> tables;
  for (const core::SyncedTable& table : core::SyncedTables()) {
    if (table.since_schema <= schema && table.name != kNeverPulled) {
      tables.push_back(&table);
    }
  }
  return tables;
}

const core::SyncedTable* FindDigestTable(const std::string& name, int schema) {
  for (const core::SyncedTable* table : DigestTables(schema)) {
    if (table->name == name) {
      return table;
    }
  }
  return nullptr;
}

std::string DigestSelectSql(const core::SyncedTable& table, int schema) {
  std::string sql = "SELECT id, id";
  for (const core::SyncedColumn& column : table.columns) {
    if (column.since_schema <= schema) {
      sql += " || '|' || quote(" + column.name + ")";
    }
  }
  return sql + " FROM " + table.name;
}

std::string RowHashHex(std::string_view row_text) {
  const Hash hash = HashRow(row_text);
  return core::Hex(hash);
}

core::Result<TableDigest> FoldDigest(core::Statement& stmt, const std::string& table) {
  Hash folded{};
  TableDigest digest;
  digest.table = table;
  while (true) {
    RAIDA_ASSIGN_OR_RETURN(const bool row, stmt.Step());
    if (!row) {
      break;
    }
    const Hash hash = HashRow(stmt.ColumnText(1));
    for (size_t i = 0; i < folded.size(); ++i) {
      folded[i] ^= hash[i];
    }
    ++digest.count;
  }
  digest.xor_hex = core::Hex(folded);
  return digest;
}

std::string SerializeDigestRequest(const DigestRequest& request) {
  Json root = {{"v", request.v},
               {"device", request.device},
               {"epoch", request.epoch},
               {"schema", request.schema},
               {"cursor", request.cursor}};
  if (request.rows) {
    root["rows"] = {{"table", request.rows->table},
                    {"after", request.rows->after},
                    {"max_bytes", request.rows->max_bytes}};
  }
  return root.dump();
}

core::Result<DigestRequest> ParseDigestRequest(std::string_view json) {
  RAIDA_ASSIGN_OR_RETURN(const Json root, detail::ParseStrict(json, kMaxJsonDepth));
  RAIDA_TRY(detail::ExpectObject(root, "", {"v", "device", "epoch", "schema", "cursor", "rows"}));
  DigestRequest request;
  RAIDA_TRY(ReadHead(root, request));
  if (root.contains("rows")) {
    RAIDA_ASSIGN_OR_RETURN(request.rows, ReadRowsRequest(root["rows"]));
  }
  return request;
}

std::string SerializeDigestReply(const DigestReply& reply) {
  Json tables = Json::array();
  for (const TableDigest& digest : reply.tables) {
    tables.push_back(Json::array({digest.table, digest.count, digest.xor_hex}));
  }
  return Json{{"v", reply.v},
              {"server_time", reply.server_time},
              {"cursor", reply.cursor},
              {"tables", tables}}
      .dump();
}

core::Result<DigestReply> ParseDigestReply(std::string_view json) {
  RAIDA_ASSIGN_OR_RETURN(const Json root, detail::ParseStrict(json, kMaxJsonDepth));
  RAIDA_TRY(detail::ExpectObject(root, "", {"v", "server_time", "cursor", "tables"}));
  DigestReply reply;
  RAIDA_ASSIGN_OR_RETURN(const Json* v, detail::Member(root, "", "v"));
  RAIDA_ASSIGN_OR_RETURN(const int64_t version, detail::ReadInt(*v, "v", 1, 1 << 20));
  reply.v = static_cast<int>(version);
  RAIDA_ASSIGN_OR_RETURN(const Json* time, detail::Member(root, "", "server_time"));
  RAIDA_ASSIGN_OR_RETURN(reply.server_time, detail::ReadInt(*time, "server_time", 0, kMaxInt));
  RAIDA_ASSIGN_OR_RETURN(const Json* cursor, detail::Member(root, "", "cursor"));
  RAIDA_ASSIGN_OR_RETURN(reply.cursor, detail::ReadInt(*cursor, "cursor", 0, kMaxInt));
  RAIDA_ASSIGN_OR_RETURN(const Json* tables, detail::Member(root, "", "tables"));
  RAIDA_TRY(detail::ExpectArray(*tables, "tables", 0, kMaxTables));
  for (size_t i = 0; i < tables->size(); ++i) {
    const std::string path = Path("tables", i);
    const Json& item = (*tables)[i];
    RAIDA_TRY(detail::ExpectArray(item, path, 3, 3));
    TableDigest digest;
    RAIDA_ASSIGN_OR_RETURN(digest.table,
                           detail::ReadText(item[0], Path(path, 0), 1, kMaxNameBytes));
    RAIDA_ASSIGN_OR_RETURN(digest.count, detail::ReadInt(item[1], Path(path, 1), 0, kMaxInt));
    RAIDA_ASSIGN_OR_RETURN(
        digest.xor_hex,
        detail::ReadText(item[2], Path(path, 2), kDigestHashBytes * 2, kDigestHashBytes * 2));
    if (!IsHex(digest.xor_hex)) {
      return Malformed(Path(path, 2), "expected hex digits");
    }
    reply.tables.push_back(std::move(digest));
  }
  return reply;
}

std::string SerializeDigestRowsReply(const DigestRowsReply& reply) {
  // The rows' cols are compact JSON already: spliced in, as protocol.cpp does with changes.
  std::string out = "{\"v\":" + std::to_string(reply.v) +
                    ",\"server_time\":" + std::to_string(reply.server_time) + ",\"table\":";
  detail::AppendJsonString(out, reply.table);
  out += ",\"rows\":[";
  for (size_t i = 0; i < reply.rows.size(); ++i) {
    const DigestRow& row = reply.rows[i];
    out += i == 0 ? "[" : ",[";
    detail::AppendJsonString(out, row.pk);
    out += "," + std::to_string(row.hlc) + "," + std::to_string(row.origin) + ",";
    out += row.cols_json.empty() ? "{}" : row.cols_json;
    out.push_back(']');
  }
  out += "],\"next\":";
  detail::AppendJsonString(out, reply.next);
  out += reply.more ? ",\"more\":true}" : ",\"more\":false}";
  return out;
}

core::Result<DigestRowsReply> ParseDigestRowsReply(std::string_view json) {
  RAIDA_ASSIGN_OR_RETURN(const Json root, detail::ParseStrict(json, kMaxJsonDepth));
  RAIDA_TRY(detail::ExpectObject(root, "", {"v", "server_time", "table", "rows", "next", "more"}));
  DigestRowsReply reply;
  RAIDA_ASSIGN_OR_RETURN(const Json* v, detail::Member(root, "", "v"));
  RAIDA_ASSIGN_OR_RETURN(const int64_t version, detail::ReadInt(*v, "v", 1, 1 << 20));
  reply.v = static_cast<int>(version);
  RAIDA_ASSIGN_OR_RETURN(const Json* time, detail::Member(root, "", "server_time"));
  RAIDA_ASSIGN_OR_RETURN(reply.server_time, detail::ReadInt(*time, "server_time", 0, kMaxInt));
  RAIDA_ASSIGN_OR_RETURN(const Json* table, detail::Member(root, "", "table"));
  RAIDA_ASSIGN_OR_RETURN(reply.table, detail::ReadText(*table, "table", 1, kMaxNameBytes));
  RAIDA_ASSIGN_OR_RETURN(const Json* rows, detail::Member(root, "", "rows"));
  RAIDA_TRY(detail::ExpectArray(*rows, "rows", 0, kMaxDigestRowsPerPage));
  std::string previous;
  for (size_t i = 0; i < rows->size(); ++i) {
    const std::string path = Path("rows", i);
    const Json& item = (*rows)[i];
    RAIDA_TRY(detail::ExpectArray(item, path, 4, 4));
    DigestRow row;
    RAIDA_ASSIGN_OR_RETURN(row.pk, detail::ReadText(item[0], Path(path, 0), 1, kMaxPkBytes));
    if (i > 0 && row.pk <= previous) {
      return Malformed(Path(path, 0), "ids must be in ascending order");
    }
    previous = row.pk;
    RAIDA_ASSIGN_OR_RETURN(row.hlc, detail::ReadUint(item[1], Path(path, 1)));
    RAIDA_ASSIGN_OR_RETURN(row.origin, detail::ReadInt(item[2], Path(path, 2), 0, 0xFFFFFFFF));
    RAIDA_ASSIGN_OR_RETURN(row.cols_json, detail::ReadCols(item[3], Path(path, 3)));
    reply.rows.push_back(std::move(row));
  }
  RAIDA_ASSIGN_OR_RETURN(const Json* next, detail::Member(root, "", "next"));
  RAIDA_ASSIGN_OR_RETURN(reply.next, detail::ReadText(*next, "next", 0, kMaxPkBytes));
  RAIDA_ASSIGN_OR_RETURN(const Json* more, detail::Member(root, "", "more"));
  RAIDA_ASSIGN_OR_RETURN(reply.more, detail::ReadBool(*more, "more"));
  return reply;
}

}  // namespace raida::sync
