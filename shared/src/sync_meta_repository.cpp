// SyncMetaRepository: typed access to sync_meta for the keys the sync code owns.
#include "raida/core/sync_meta_repository.h"

#include <array>
#include <string_view>

#include "repository_util.h"

namespace raida::core {
namespace {

Status RequireSyncKey(const std::string& key) {
  constexpr std::array<std::string_view, 7> kStoreKeys = {
      "device_id",  "id_prefix", "id_counter",      "hlc_last",
      "outbox_seq", "db_epoch",  "server_offset_ms"};
  RAIDA_TRY(detail::RequireText(key, "sync_meta key"));
  for (std::string_view owned : kStoreKeys) {
    if (key == owned) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "sync_meta '" + key + "' is written only through the Store");
    }
  }
  return Ok();
}

template <typename T>
Status SetValue(Store& store, const std::string& key, const T& value) {
  RAIDA_TRY(RequireSyncKey(key));
  RAIDA_ASSIGN_OR_RETURN(auto scope, store.BeginWrite());
  RAIDA_ASSIGN_OR_RETURN(
      Statement stmt,
      store.db().Prepare(
          "INSERT INTO sync_meta(k, v) VALUES (?, ?) ON CONFLICT(k) DO UPDATE SET v = excluded.v"));
  RAIDA_TRY(stmt.Bind(1, key).Bind(2, value).Run());
  return scope.Commit();
}

// The value of `key` when it has SQLite type `type` (typeof() name).
Result<std::optional<Statement>> Lookup(Store& store, const std::string& key, const char* type) {
  RAIDA_ASSIGN_OR_RETURN(
      Statement stmt, store.db().Prepare("SELECT v FROM sync_meta WHERE k = ? AND typeof(v) = ?"));
  stmt.Bind(1, key).Bind(2, type);
  RAIDA_ASSIGN_OR_RETURN(bool found, stmt.Step());
  if (!found) {
    return std::optional<Statement>();
  }
  return std::optional<Statement>(std::move(stmt));
}

}  // namespace

Result<std::optional<int64_t>> SyncMetaRepository::GetInt(const std::string& key) {
  RAIDA_ASSIGN_OR_RETURN(auto row, Lookup(*store_, key, "integer"));
  return row ? std::optional<int64_t>(row->ColumnInt(0)) : std::nullopt;
}

Result<std::optional<std::string>> SyncMetaRepository::GetText(const std::string& key) {
  RAIDA_ASSIGN_OR_RETURN(auto row, Lookup(*store_, key, "text"));
  return row ? std::optional<std::string>(row->ColumnText(0)) : std::nullopt;
}

Status SyncMetaRepository::SetInt(const std::string& key, int64_t value) {
  return SetValue(*store_, key, value);
}

Status SyncMetaRepository::SetText(const std::string& key, const std::string& value) {
  return SetValue(*store_, key, value);
}

}  // namespace raida::core
