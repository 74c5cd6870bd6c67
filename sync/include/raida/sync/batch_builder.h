// BatchBuilder: freezing the outbox into numbered upload batches, and the adaptive batch size.
//
// A batch is frozen once (outbox rows in seq order up to the byte budget) and stored in
// outbox_batch until the server acknowledges it, so every retry sends the same changes under the
// same number and the server can recognise a batch it has already applied. What is frozen is
// the push part: the zstd-compressed JSON of a request that carries only the push (the pull
// cursor and the clock, which change between retries, are added when sending). Each send
// re-reads the frozen bytes, so every attempt's push part is byte-identical.
//
// The budget is in compressed bytes (AIMD, §2.5 of the sync reference): it starts at 32 KB,
// doubles after a success up to 256 KB and halves after a timeout or a cut connection down to
// 4 KB; it is kept in sync_meta 'batch_bytes' so a bad link is remembered across sessions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "raida/core/result.h"
#include "raida/core/store.h"
#include "raida/sync/protocol.h"

namespace raida::sync {

constexpr int64_t kMinBatchBytes = 4 * 1024;
constexpr int64_t kStartBatchBytes = 32 * 1024;
constexpr int64_t kMaxBatchBytes = 256 * 1024;

struct FrozenBatch {
  PushBatch push;           // as parsed back from `body`
  std::string body;         // zstd of the push-only request JSON: exactly what was frozen
  std::string body_sha256;  // hex SHA-256 of the uncompressed push-only JSON
};

class BatchBuilder {
 public:
  explicit BatchBuilder(core::Store& store) : store_(&store) {}

  // The frozen batch waiting for its acknowledgement, if any. kCorrupt when the stored bytes no
  // longer parse.
  core::Result<std::optional<FrozenBatch>> Pending();
  // Freezes the next batch from the outbox (numbered sync_meta 'next_batch_seq') within
  // `budget_bytes` of compressed body (at least one change), in one transaction. nullopt when the
  // outbox is empty. kConflict when a batch is already frozen.
  core::Result<std::optional<FrozenBatch>> Freeze(int64_t budget_bytes);
  // The pending batch or, when none, a newly frozen one.
  core::Result<std::optional<FrozenBatch>> PendingOrFreeze(int64_t budget_bytes);
  // The server expects batch number `expected` (409 gap): the frozen batch takes that number and
  // next_batch_seq follows it.
  core::Status Renumber(int64_t expected);
  // Drops the frozen batch without acknowledging its changes (they stay in the outbox): only for
  // a batch the server provably did not apply (413 too large, 400 malformed).
  core::Status Unfreeze();

  // The current budget (sync_meta 'batch_bytes', kStartBatchBytes when unset), and its AIMD
  // steps. `hint` > 0 (the server's batch_bytes) caps the grown budget.
  core::Result<int64_t> BudgetBytes();
  core::Status GrowBudget(int64_t hint);
  core::Status ShrinkBudget();

 private:
  core::Result<std::vector<PushChange>> ReadOutbox(int64_t budget_bytes);
  core::Status StoreBatch(const FrozenBatch& batch);
  core::Status SetBudget(int64_t bytes);
  core::Store* store_;
};

// Serializes `push` as a push-only request (nothing else set) and compresses it.
FrozenBatch MakeFrozenBatch(PushBatch push);

}  // namespace raida::sync
