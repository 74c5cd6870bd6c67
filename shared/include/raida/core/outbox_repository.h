// OutboxRepository: reading this device's captured changes, oldest first, and dropping them once
// the server has acknowledged them. The capture itself is done by the schema's triggers.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "raida/core/model.h"
#include "raida/core/result.h"
#include "raida/core/store.h"

namespace raida::core {

struct OutboxSummary {
  int64_t count = 0;
  std::optional<uint64_t> oldest_hlc;  // the earliest stamp among them; nullopt when none
};

class OutboxRepository {
 public:
  explicit OutboxRepository(Store& store) : store_(&store) {}

  // Changes waiting to be sent (what a coordinator sees as "changes waiting").
  Result<int64_t> CountPending();
  // The changes with seq > `seq` (those still waiting once a batch ending at `seq` is
  // acknowledged; 0 for all): how many, and the stamp of the oldest.
  Result<OutboxSummary> SummarizeAfter(int64_t seq);
  // The oldest `limit` changes in sequence order.
  Result<std::vector<OutboxEntry>> ListPending(int limit);
  // Every change in the outbox, in sequence order (tests and diagnostics).
  Result<std::vector<OutboxEntry>> ListAll();
  // The last sequence number ever allocated (sync_meta 'outbox_seq'); 0 before the first change.
  Result<int64_t> LastSeq();
  // Drops every change with seq <= `seq` (acknowledged by the server).
  Status RemoveThrough(int64_t seq);

 private:
  Store* store_;
};

}  // namespace raida::core
