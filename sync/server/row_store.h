// Generic reads and writes of synced rows on the server, for the merge rules and admin
// operations (internal to raida_server_lib).
//
// A row's data columns travel as a JSON object in the outbox format (core/schema.h): integers as
// numbers, text as strings, BLOBs as upper-case hex, NULL as null. Column names always come from
// the schema's table list, never from the request, so no SQL is built from input. Every write
// runs inside the caller's transaction and Store::ApplyingScope.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "raida/core/result.h"
#include "raida/core/schema.h"
#include "raida/core/store.h"

namespace raida::server::detail {

using Json = nlohmann::json;

constexpr const char* kDistrictScope = "district";
constexpr const char* kServerScope = "server";  // never pulled (audit log)

// The change-log scopes an entry is appended to (each kiosk pulls "district" and its center).
using Scopes = std::vector<std::string>;

struct Row {
  uint64_t hlc = 0;
  int64_t origin = 0;
  Json values;  // every data column
};

// The row `pk` of `table`, or nullopt.
core::Result<std::optional<Row>> ReadRow(core::Store& store, const core::SyncedTable& table,
                                         const std::string& pk);
// Inserts a row with `values` (a subset of the data columns; the rest take their defaults).
core::Status InsertRow(core::Store& store, const core::SyncedTable& table, const std::string& pk,
                       const Json& values, uint64_t hlc, int64_t origin);
// Sets `values` (a subset of the data columns) and the row's stamp.
core::Status UpdateRow(core::Store& store, const core::SyncedTable& table, const std::string& pk,
                       const Json& values, uint64_t hlc, int64_t origin);
// Writes a last-writer-wins row: inserts it, or sets `values` and the stamp when the stored
// row's (hlc, origin) is older. `insertable`: `values` names every RequiredColumns() column, so
// one upsert does it (SQLite checks an upsert's insert row for NOT NULL even when the row
// exists); else an update, and an insert only when there is no such row (which fails NOT NULL
// as it should: a patch of a row the server never had). Append-only tables are never updated.
// Returns whether the row was written (false: an existing row is as new or newer, or
// append-only).
core::Result<bool> UpsertRowIfNewer(core::Store& store, const core::SyncedTable& table,
                                    const std::string& pk, const Json& values, uint64_t hlc,
                                    int64_t origin, bool insertable);
// The data columns of `table` an INSERT must name (NOT NULL without a default; not the id, nor
// the stamp, which every write gives).
core::Result<std::vector<std::string>> RequiredColumns(core::Store& store,
                                                       const std::string& table);
// Appends one entry to the pull feed; returns its server_seq.
core::Result<int64_t> AppendChangeLog(core::Store& store, const std::string& scope,
                                      const std::string& table, const std::string& pk, uint64_t hlc,
                                      int64_t origin, const std::string& cols_json);
// The same entry appended once in each of `scopes`.
core::Status AppendChangeLogTo(core::Store& store, const Scopes& scopes, const std::string& table,
                               const std::string& pk, uint64_t hlc, int64_t origin,
                               const std::string& cols_json);

struct PersonInfo {
  std::string home_center_id;
  bool erased = false;
  std::optional<std::string> merged_into;
  // Every scope whose kiosks hold the person: the home center first, then each other scope the
  // person's row was published to (a merge across centers publishes the surviving person, with
  // its records, to the merged person's center). The person's records go to all of them.
  Scopes scopes;
};
core::Result<std::optional<PersonInfo>> ReadPerson(core::Store& store, const std::string& id);
// The person `id` ends up as after following merged_into links (itself when not merged).
core::Result<std::string> CanonicalPerson(core::Store& store, const std::string& id);
// Whether `table` (a schema table name) has a row `id`.
core::Result<bool> RowExists(core::Store& store, const std::string& table, const std::string& id);

// The change-log scopes of a person's rows (PersonInfo::scopes). kNotFound when the person
// cannot be found.
core::Result<Scopes> ScopesOfPerson(core::Store& store, const std::string& person_id);

// The person a person-related row belongs to, from its values (person_id, or the plan/goal it
// hangs under); nullopt for tables not tied to a person. kNotFound for a missing parent.
core::Result<std::optional<std::string>> OwnerPerson(core::Store& store,
                                                     const core::SyncedTable& table,
                                                     const std::string& pk, const Json& values);

// The change-log scopes of a row with `values` (a subset of its columns; the stored row fills in
// the rest): "district" for catalog tables, "server" for the audit log, the person's scopes for
// a person's rows. kNotFound for a missing parent.
core::Result<Scopes> ScopesOfRow(core::Store& store, const core::SyncedTable& table,
                                 const std::string& pk, const Json& values);

}  // namespace raida::server::detail
