// The divergence check of the sync protocol (../shared/reference/sync-protocol.md §2.5, §2.10):
// POST /api/v1/digest, signed and zstd-compressed like /api/v1/sync (protocol.h).
//
// A kiosk whose replica silently drifted from the server's (a bug, a hand edit, a half-restored
// file) is found by comparing, per synced table, a digest of the rows it holds with a digest of
// the rows the server has put in its scope's pull feed, and repaired one table at a time:
//
//   digest request  {"v":1,"device":42,"epoch":"<db_epoch hex>","schema":9,"cursor":884004}
//   digest reply    {"v":1,"server_time":<ms>,"cursor":884004,
//                    "tables":[["district",1,"<32 hex>"],["person",120,"<32 hex>"], ...]}
//   rows request    the same, plus "rows":{"table":"person","after":"","max_bytes":262144}
//   rows reply      {"v":1,"server_time":<ms>,"table":"person",
//                    "rows":[["42-5x",<hlc>,<origin>,{"given_name":"..", ...}], ...],
//                    "next":"42-5x","more":true}
//
// What is compared (TableDigest): for each table a kiosk at `schema` holds (every synced table
// but audit_log, which is never pulled), the count of rows and the XOR of a 16-byte BLAKE2b hash
// (crypto_generichash) of each row's id and data columns, as SQL quote() writes them. The stamp
// (hlc, origin) is left out: it is bookkeeping that legitimately differs (the server keeps the
// newest of a person's field clocks, a kiosk the stamp of its own last write; the server clamps
// a stamp far ahead), while a hand edit that keeps the stamp is exactly the drift to catch. So a
// changed value, a missing row and an extra row each change the table's digest; deleted rows
// (tombstones: deleted = 1) and erased people are rows like any other on both sides; columns
// newer than the kiosk's schema are left out on both sides, as the pull leaves them out.
//
// The server's side is the rows whose (table, id) it has logged to the kiosk's pull scopes
// (district and the kiosk's center), with the values it holds now. That equals what the kiosk
// must hold only when the kiosk has pulled everything: the server answers 409 behind when
// entries of the scope after `cursor` wait for the kiosk, and 409 epoch_mismatch when the epoch
// is not the one it holds for the device (the kiosk must sync, and reconcile, first). The
// kiosk's side is every row of the table; it checks only with an empty outbox, so none of its
// own changes is still on its way.
//
// Repair: for a table that differs the kiosk asks for its rows in pages (id order, after the
// last id of the page before, up to max_bytes of values and at most kMaxDigestRowsPerPage rows)
// and replaces its rows of that table with them in one local transaction.
//
// Errors as protocol.h: 400 malformed | unsupported_version | unsupported_schema |
// unknown_table, 401 device_mismatch (and the authentication refusals), 403 revoked,
// 409 behind | epoch_mismatch, 413, 415, 5xx.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "raida/core/result.h"
#include "raida/core/schema.h"
#include "raida/core/store.h"

namespace raida::sync {

constexpr const char* kDigestPath = "/api/v1/digest";
constexpr int kDigestHashBytes = 16;
constexpr int kMaxDigestRowsPerPage = 5000;
constexpr int64_t kMinDigestPageBytes = 4096;
constexpr int64_t kMaxDigestPageBytes = 4 * 1024 * 1024;

// One table's digest: the row count and the XOR of the rows' hashes (32 hex digits).
struct TableDigest {
  std::string table;
  int64_t count = 0;
  std::string xor_hex;
  bool operator==(const TableDigest& other) const {
    return table == other.table && count == other.count && xor_hex == other.xor_hex;
  }
};

struct DigestRowsRequest {
  std::string table;
  std::string after;  // the last id of the page before; "" for the first page
  int64_t max_bytes = 262144;
};

struct DigestRequest {
  int v = 1;
  int64_t device = 0;
  std::string epoch;
  int schema = 0;
  int64_t cursor = 0;                     // the kiosk's pull cursor
  std::optional<DigestRowsRequest> rows;  // absent: the digests; present: a page of rows
};

struct DigestReply {
  int v = 1;
  int64_t server_time = 0;
  int64_t cursor = 0;
  std::vector<TableDigest> tables;
};

// One row as the server holds it: cols has every data column known at the kiosk's schema, in
// the outbox format (core/schema.h: BLOBs as upper-case hex).
struct DigestRow {
  std::string pk;
  uint64_t hlc = 0;
  int64_t origin = 0;
  std::string cols_json;
};

struct DigestRowsReply {
  int v = 1;
  int64_t server_time = 0;
  std::string table;
  std::vector<DigestRow> rows;
  std::string next;  // the last id in this page ("" when empty)
  bool more = false;
};

// The tables a kiosk at `schema` holds and the digest covers: every synced table (SyncedTables(),
// so a new table is covered by itself) added at or before `schema`, but audit_log.
std::vector<const core::SyncedTable*> DigestTables(int schema);
// `name` when DigestTables(schema) holds it, else nullptr.
const core::SyncedTable* FindDigestTable(const std::string& name, int schema);

// "SELECT id, <canonical row text> FROM <table>" for a kiosk at `schema`; the caller appends its
// WHERE clause. The row text is id || '|' || quote(column) || ... over the columns known at
// `schema`, so both sides write a row the same way.
std::string DigestSelectSql(const core::SyncedTable& table, int schema);
// Steps `stmt` (a DigestSelectSql statement, bound) to its end and folds every row into the
// digest of `table`.
core::Result<TableDigest> FoldDigest(core::Statement& stmt, const std::string& table);
// The hash of one row text, as FoldDigest folds it (32 hex digits).
std::string RowHashHex(std::string_view row_text);

// Codec, strict as protocol.h's (unknown members, types, ranges, depth; kInvalidArgument naming
// the field).
std::string SerializeDigestRequest(const DigestRequest& request);
core::Result<DigestRequest> ParseDigestRequest(std::string_view json);
std::string SerializeDigestReply(const DigestReply& reply);
core::Result<DigestReply> ParseDigestReply(std::string_view json);
std::string SerializeDigestRowsReply(const DigestRowsReply& reply);
core::Result<DigestRowsReply> ParseDigestRowsReply(std::string_view json);

}  // namespace raida::sync
