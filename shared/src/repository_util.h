// Helpers shared by the repositories (internal to raida::core): JSON columns, argument checks
// and reading rows into structs. Not installed; only repository .cpp files include it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "raida/core/database.h"
#include "raida/core/model.h"
#include "raida/core/result.h"
#include "raida/core/store.h"

namespace raida::core::detail {

// JSON array of strings for list columns ("needs"). kInvalidArgument for invalid UTF-8.
Result<std::string> EncodeStringList(const std::vector<std::string>& values);
// kCorrupt when the stored text is not a JSON array of strings.
Result<std::vector<std::string>> DecodeStringList(const std::string& json, std::string_view what);
// JSON object {"lt": ..., "pl": ..., "en": ...} for localized catalog text.
Result<std::string> EncodeLocalized(const LocalizedText& text);
Result<LocalizedText> DecodeLocalized(const std::string& json, std::string_view what);
// Whether `text` is valid JSON (any value).
bool IsJson(const std::string& text);

// kInvalidArgument naming `field` when `value` is empty or only spaces.
Status RequireText(const std::string& value, std::string_view field);
// kInternal when the store is not applying published data: catalog writes need an ApplyingScope.
Status RequireApplying(const Store& store, std::string_view what);
// Whether a row with this id exists in `table` and is not a tombstone. `table` is one of the
// schema's table names, never input.
Result<bool> RowExists(Database& db, std::string_view table, const std::string& id);
// kNotFound "<what> <id> does not exist" when RowExists is false.
Status RequireRow(Database& db, std::string_view table, const std::string& id,
                  std::string_view what);

// SQL that loads one published row (catalog, or a row from the server): inserts it, or updates
// the existing row only when some column differs (so loading the same data twice changes
// nothing, not even the stamp). Parameters: ?1 id, then `columns` in order from ?2. The row is
// stamped with sync_hlc(), origin 0 (the district office), and undeleted.
std::string PublishedUpsertSql(std::string_view table, const std::vector<std::string>& columns);

// Binds a value of any column type (BLOBs included).
template <typename T>
Statement& BindValue(Statement& stmt, int index, const T& value) {
  return stmt.Bind(index, value);
}
inline Statement& BindValue(Statement& stmt, int index, const std::vector<uint8_t>& value) {
  return value.empty() ? stmt.BindNull(index) : stmt.BindBlob(index, value);
}

// A local change of one column of one live row of a captured table, stamped and captured; a
// no-op when the value is already `value`. kNotFound ("<what> <id> does not exist") otherwise.
template <typename T>
Status SetColumn(Store& store, std::string_view table, std::string_view column,
                 const std::string& id, const T& value, std::string_view what) {
  RAIDA_ASSIGN_OR_RETURN(auto scope, store.BeginWrite());
  const std::string t(table);
  const std::string c(column);
  RAIDA_ASSIGN_OR_RETURN(Statement stmt,
                         store.db().Prepare("UPDATE " + t + " SET " + c +
                                            " = ?1, hlc = sync_hlc(), origin = sync_origin()"
                                            " WHERE id = ?2 AND deleted = 0 AND " +
                                            c + " IS NOT ?1"));
  BindValue(stmt, 1, value).Bind(2, id);
  RAIDA_TRY(stmt.Run());
  if (store.db().Changes() == 0) {
    RAIDA_TRY(RequireRow(store.db(), table, id, what));
  }
  return scope.Commit();
}

// Reads every row of `stmt` with `read(stmt) -> Result<T>`.
template <typename T, typename Read>
Result<std::vector<T>> CollectRows(Statement& stmt, Read read) {
  std::vector<T> rows;
  while (true) {
    auto step = stmt.Step();
    RAIDA_TRY(step);
    if (!*step) {
      return rows;
    }
    auto row = read(stmt);
    RAIDA_TRY(row);
    rows.push_back(std::move(row).value());
  }
}

// Reads the first row of `stmt`, or nullopt when there is none.
template <typename T, typename Read>
Result<std::optional<T>> FirstRow(Statement& stmt, Read read) {
  auto step = stmt.Step();
  RAIDA_TRY(step);
  if (!*step) {
    return std::optional<T>();
  }
  auto row = read(stmt);
  RAIDA_TRY(row);
  return std::optional<T>(std::move(row).value());
}

// What Argon2id hashes for a PIN (residents' and coordinators'): hex of the PIN keyed with the
// device's pepper (a 32-byte BLAKE2b), or the PIN itself without a pepper. kInvalidArgument for
// a pepper shorter than libsodium's minimum key.
Result<std::string> PepperedPin(const std::string& pin, const std::string& pepper);

}  // namespace raida::core::detail
