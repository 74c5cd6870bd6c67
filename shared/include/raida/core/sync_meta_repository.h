// SyncMetaRepository: the small key/value table of sync state (sync_meta).
//
// Keys the Store owns (device_id, id_prefix, id_counter, hlc_last, outbox_seq, db_epoch,
// server_offset_ms) are readable here but written only through the Store, which keeps its
// in-memory copy in step; Set refuses them. Everything else (pull_cursor, next_batch_seq,
// last_sync_ms, ...) belongs to the sync code.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "raida/core/result.h"
#include "raida/core/store.h"

namespace raida::core {

class SyncMetaRepository {
 public:
  explicit SyncMetaRepository(Store& store) : store_(&store) {}

  // nullopt when the key is missing or holds another type.
  Result<std::optional<int64_t>> GetInt(const std::string& key);
  Result<std::optional<std::string>> GetText(const std::string& key);
  // kInvalidArgument for a key the Store owns or an empty key.
  Status SetInt(const std::string& key, int64_t value);
  Status SetText(const std::string& key, const std::string& value);

 private:
  Store* store_;
};

}  // namespace raida::core
