// The server's part in sealed case notes (see notes_keys.h).
#include "notes_keys.h"

#include <sodium.h>
#include <strings.h>

#include <algorithm>
#include <cctype>
#include <vector>

#include "raida/core/hex.h"
#include "row_store.h"

namespace raida::server::detail {
namespace {

using core::ErrorCode;
using core::MakeError;

// Upper-case hex, as the outbox and ReadRow write BLOBs (so stored and pushed values compare).
std::string UpperHex(const std::vector<uint8_t>& bytes) {
  std::string hex = core::Hex(bytes);
  std::transform(hex.begin(), hex.end(), hex.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return hex;
}

// Live people of `center_id` without a notes key.
core::Result<std::vector<std::string>> PeopleWithoutKey(core::Store& store,
                                                        const std::string& center_id) {
  RAIDA_ASSIGN_OR_RETURN(core::Statement stmt,
                         store.db().Prepare("SELECT id FROM person WHERE home_center_id = ? AND "
                                            "notes_key IS NULL AND erased = 0 AND merged_into IS "
                                            "NULL AND deleted = 0 ORDER BY id"));
  stmt.Bind(1, center_id);
  std::vector<std::string> ids;
  while (true) {
    RAIDA_ASSIGN_OR_RETURN(const bool row, stmt.Step());
    if (!row) {
      return ids;
    }
    ids.push_back(stmt.ColumnText(0));
  }
}

// Gives every other field of the person a field clock of its own, at the row's stamp, when it has
// none: a field without one is judged by the row's stamp, and a server write of notes_key moves
// that stamp to now, which would let it beat a kiosk's edit made (offline) before it.
core::Status KeepFieldStamps(core::Store& store, const core::SyncedTable& table, const Row& row,
                             const std::string& person_id) {
  RAIDA_ASSIGN_OR_RETURN(core::Statement stmt,
                         store.db().Prepare("INSERT OR IGNORE INTO field_clock(tbl, pk, col, hlc, "
                                            "origin) VALUES ('person', ?, ?, ?, ?)"));
  for (const core::SyncedColumn& column : table.columns) {
    stmt.Reset();
    stmt.Bind(1, person_id).Bind(2, column.name).Bind(3, static_cast<int64_t>(row.hlc));
    RAIDA_TRY(stmt.Bind(4, row.origin).Run());
  }
  return core::Ok();
}

// Sets notes_key of `person_id` to `value` (hex or null) as a server change: the row under a
// fresh server stamp (the key's own field clock too; the other fields keep theirs), and one
// change-log entry in each of the person's scopes.
core::Status WriteNotesKey(core::Store& store, const std::string& person_id, const Json& value) {
  const core::SyncedTable& table = *core::FindSyncedTable("person");
  RAIDA_ASSIGN_OR_RETURN(const auto person, ReadPerson(store, person_id));
  RAIDA_ASSIGN_OR_RETURN(const auto row, ReadRow(store, table, person_id));
  RAIDA_CHECK(person.has_value() && row.has_value());
  RAIDA_TRY(KeepFieldStamps(store, table, *row, person_id));
  const Json values = {{"notes_key", value}};
  const uint64_t stamp = store.hlc().Now();
  RAIDA_TRY(UpdateRow(store, table, person_id, values, stamp, 0));
  RAIDA_ASSIGN_OR_RETURN(core::Statement clock,
                         store.db().Prepare("INSERT OR REPLACE INTO field_clock(tbl, pk, col, hlc, "
                                            "origin) VALUES ('person', ?, 'notes_key', ?, 0)"));
  RAIDA_TRY(clock.Bind(1, person_id).Bind(2, static_cast<int64_t>(stamp)).Run());
  return AppendChangeLogTo(store, person->scopes, "person", person_id, stamp, 0, values.dump());
}

// People whose merged_into is `person_id`.
core::Result<std::vector<std::string>> MergedInto(core::Store& store,
                                                  const std::string& person_id) {
  RAIDA_ASSIGN_OR_RETURN(core::Statement stmt,
                         store.db().Prepare("SELECT id FROM person WHERE merged_into = ?"));
  stmt.Bind(1, person_id);
  std::vector<std::string> ids;
  while (true) {
    RAIDA_ASSIGN_OR_RETURN(const bool row, stmt.Step());
    if (!row) {
      return ids;
    }
    ids.push_back(stmt.ColumnText(0));
  }
}

}  // namespace

core::Result<core::SecretKey> CenterKey(core::Store& store, const std::string& center_id,
                                        int64_t now_ms) {
  RAIDA_ASSIGN_OR_RETURN(auto scope, store.BeginWrite());
  RAIDA_ASSIGN_OR_RETURN(core::Statement find,
                         store.db().Prepare("SELECT key FROM center_key WHERE center_id = ?"));
  find.Bind(1, center_id);
  RAIDA_ASSIGN_OR_RETURN(const bool found, find.Step());
  if (found) {
    std::vector<uint8_t> bytes = find.ColumnBlob(0);
    auto key = core::SecretKey::FromBytes(bytes.data(), bytes.size());
    sodium_memzero(bytes.data(), bytes.size());
    RAIDA_TRY(scope.Commit());
    return key;
  }
  RAIDA_ASSIGN_OR_RETURN(const bool center, RowExists(store, "center", center_id));
  if (!center) {
    return MakeError(ErrorCode::kNotFound, "unknown center " + center_id);
  }
  core::SecretKey key = core::SecretKey::Random();
  std::vector<uint8_t> bytes(key.data(), key.data() + key.size());
  RAIDA_ASSIGN_OR_RETURN(core::Statement insert,
                         store.db().Prepare("INSERT INTO center_key(center_id, key, created_ms) "
                                            "VALUES (?, ?, ?)"));
  insert.Bind(1, center_id).BindBlob(2, bytes).Bind(3, now_ms);
  sodium_memzero(bytes.data(), bytes.size());
  RAIDA_TRY(insert.Run());
  RAIDA_TRY(scope.Commit());
  return key;
}

core::Result<int64_t> GiveNotesKeys(core::Store& store, const std::string& center_id,
                                    int64_t now_ms) {
  // Most syncs find nobody (person_without_notes_key makes that a short index look-up): no write
  // transaction for them.
  RAIDA_ASSIGN_OR_RETURN(const auto waiting, PeopleWithoutKey(store, center_id));
  if (waiting.empty()) {
    return int64_t{0};
  }
  core::Store::ApplyingScope applying(store);
  RAIDA_ASSIGN_OR_RETURN(auto scope, store.BeginWrite());
  RAIDA_ASSIGN_OR_RETURN(const auto people, PeopleWithoutKey(store, center_id));  // still so
  RAIDA_ASSIGN_OR_RETURN(const core::SecretKey center, CenterKey(store, center_id, now_ms));
  for (const std::string& id : people) {
    const core::SecretKey person_key = core::SecretKey::Random();
    RAIDA_TRY(WriteNotesKey(store, id, UpperHex(core::WrapPersonKey(center, id, person_key))));
  }
  RAIDA_TRY(scope.Commit());
  return static_cast<int64_t>(people.size());
}

core::Result<std::optional<std::string>> NotesKeyRefusal(core::Store& store,
                                                         const ChangeInput& input) {
  const auto pushed = input.values.find("notes_key");
  if (input.table->name != "person" || pushed == input.values.end()) {
    return std::optional<std::string>();
  }
  RAIDA_ASSIGN_OR_RETURN(const auto row, ReadRow(store, *input.table, input.pk));
  const Json held = row ? row->values.value("notes_key", Json()) : Json();
  const bool same = held.is_string() && pushed->is_string() &&
                    strcasecmp(held.get_ref<const std::string&>().c_str(),
                               pushed->get_ref<const std::string&>().c_str()) == 0;
  if (held.is_null() || pushed->is_null() || same) {
    return std::optional<std::string>();
  }
  return std::optional<std::string>(
      "notes_key_write_once: the person already has another notes key");
}

core::Result<bool> KeepHeldNotesKey(core::Store& store, ChangeInput& input) {
  const auto pushed = input.values.find("notes_key");
  if (input.table->name != "person" || pushed == input.values.end() || !pushed->is_null()) {
    return false;
  }
  RAIDA_ASSIGN_OR_RETURN(const auto row, ReadRow(store, *input.table, input.pk));
  if (!row || row->values.value("notes_key", Json()).is_null()) {
    return false;
  }
  input.values.erase("notes_key");
  input.values_json = {};  // no longer the columns as pushed
  return true;
}

core::Status ShredMergedNotesKeys(core::Store& store, const std::string& person_id) {
  std::vector<std::string> pending = {person_id};
  while (!pending.empty()) {
    const std::string winner = pending.back();
    pending.pop_back();
    RAIDA_ASSIGN_OR_RETURN(const auto losers, MergedInto(store, winner));
    for (const std::string& loser : losers) {
      RAIDA_ASSIGN_OR_RETURN(core::Statement scrub,
                             store.db().Prepare("UPDATE change_log SET cols = json_replace(cols, "
                                                "'$.notes_key', NULL) WHERE tbl = 'person' AND "
                                                "pk = ?"));
      RAIDA_TRY(scrub.Bind(1, loser).Run());
      RAIDA_TRY(WriteNotesKey(store, loser, Json()));
      pending.push_back(loser);
    }
  }
  return core::Ok();
}

}  // namespace raida::server::detail
