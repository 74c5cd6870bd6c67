// BatchBuilder: outbox rows -> a frozen, numbered, compressed push part, within a byte budget.
//
// Sizing works on an estimate first (raw bytes of each change over a typical zstd ratio), then
// checks the real compressed size once and trims the batch if the estimate was too hopeful, so
// a batch is rarely more than the budget and never needs a second compression pass in the
// common case.
#include "raida/sync/batch_builder.h"

#include <algorithm>

#include "raida/core/sync_meta_repository.h"

namespace raida::sync {
namespace {

using core::ErrorCode;
using core::MakeError;

constexpr int64_t kEstimatedRatio = 4;   // zstd-3 on outbox JSON is 5-6x; stay careful
constexpr int64_t kChangeOverhead = 32;  // brackets, quotes, seq and stamp digits
constexpr int kOutboxChunk = 512;

int64_t RawSize(const PushChange& change) {
  return static_cast<int64_t>(change.table.size() + change.pk.size() + change.cols_json.size()) +
         kChangeOverhead;
}

PushBatch NumberedBatch(int64_t batch_seq, std::vector<PushChange> changes) {
  PushBatch push;
  push.batch = batch_seq;
  push.first = changes.front().seq;
  push.last = changes.back().seq;
  push.changes = std::move(changes);
  return push;
}

}  // namespace

FrozenBatch MakeFrozenBatch(PushBatch push) {
  // Only the push part of this request is ever used; the envelope is fixed so the frozen bytes
  // depend on the batch alone and parse back with the strict codec.
  SyncRequest request;
  request.device = 1;
  request.epoch = "0";
  request.schema = 1;
  request.push = std::move(push);
  const std::string json = SerializeRequest(request);
  FrozenBatch frozen;
  frozen.body = Compress(json);
  frozen.body_sha256 = Sha256Hex(json);
  frozen.push = std::move(*request.push);
  return frozen;
}

core::Result<std::optional<FrozenBatch>> BatchBuilder::Pending() {
  RAIDA_ASSIGN_OR_RETURN(
      core::Statement stmt,
      store_->db().Prepare("SELECT batch_seq, body, body_sha256 FROM outbox_batch "
                           "ORDER BY batch_seq LIMIT 1"));
  RAIDA_ASSIGN_OR_RETURN(bool found, stmt.Step());
  if (!found) {
    return std::optional<FrozenBatch>();
  }
  const std::vector<uint8_t> blob = stmt.ColumnBlob(1);
  FrozenBatch frozen;
  frozen.body.assign(blob.begin(), blob.end());
  frozen.body_sha256 = stmt.ColumnText(2);
  const int64_t batch_seq = stmt.ColumnInt(0);
  auto json = Decompress(frozen.body, kMaxInflatedBytes);
  if (!json.ok()) {
    return MakeError(ErrorCode::kCorrupt, "frozen batch " + std::to_string(batch_seq) +
                                              " cannot be read: " + json.error().message);
  }
  auto request = ParseRequest(*json);
  if (!request.ok() || !request->push || request->push->batch != batch_seq) {
    return MakeError(ErrorCode::kCorrupt,
                     "frozen batch " + std::to_string(batch_seq) + " does not parse back");
  }
  frozen.push = std::move(*request->push);
  return std::optional<FrozenBatch>(std::move(frozen));
}

core::Result<std::vector<PushChange>> BatchBuilder::ReadOutbox(int64_t budget_bytes) {
  std::vector<PushChange> changes;
  int64_t estimate = 0;
  int64_t after = 0;
  RAIDA_ASSIGN_OR_RETURN(core::Statement stmt,
                         store_->db().Prepare("SELECT seq, tbl, pk, hlc, cols FROM outbox "
                                              "WHERE seq > ? ORDER BY seq LIMIT ?"));
  while (true) {
    stmt.Reset();
    stmt.Bind(1, after).Bind(2, kOutboxChunk);
    int rows = 0;
    while (true) {
      RAIDA_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) {
        break;
      }
      ++rows;
      PushChange change{stmt.ColumnInt(0), stmt.ColumnText(1), stmt.ColumnText(2),
                        static_cast<uint64_t>(stmt.ColumnInt(3)), stmt.ColumnText(4)};
      const int64_t size = RawSize(change) / kEstimatedRatio;
      if (!changes.empty() && (estimate + size > budget_bytes ||
                               changes.size() >= static_cast<size_t>(kMaxChangesPerBatch))) {
        return changes;
      }
      estimate += size;
      after = change.seq;
      changes.push_back(std::move(change));
    }
    if (rows < kOutboxChunk) {
      return changes;
    }
  }
}

core::Result<std::optional<FrozenBatch>> BatchBuilder::Freeze(int64_t budget_bytes) {
  RAIDA_ASSIGN_OR_RETURN(auto scope, store_->BeginWrite());
  RAIDA_ASSIGN_OR_RETURN(auto pending, Pending());
  if (pending) {
    return MakeError(ErrorCode::kConflict, "a batch is already frozen");
  }
  RAIDA_ASSIGN_OR_RETURN(std::vector<PushChange> changes, ReadOutbox(budget_bytes));
  if (changes.empty()) {
    return std::optional<FrozenBatch>();
  }
  core::SyncMetaRepository meta(*store_);
  RAIDA_ASSIGN_OR_RETURN(auto next, meta.GetInt("next_batch_seq"));
  const int64_t batch_seq = std::max<int64_t>(1, next.value_or(1));
  FrozenBatch frozen = MakeFrozenBatch(NumberedBatch(batch_seq, changes));
  // The estimate was too hopeful: keep the share of changes that fits (at least one).
  const auto compressed = static_cast<int64_t>(frozen.body.size());
  if (compressed > budget_bytes + budget_bytes / 4 && changes.size() > 1) {
    const auto keep = std::max<size_t>(1, static_cast<size_t>(static_cast<double>(changes.size()) *
                                                              static_cast<double>(budget_bytes) /
                                                              static_cast<double>(compressed)));
    changes.resize(keep);
    frozen = MakeFrozenBatch(NumberedBatch(batch_seq, std::move(changes)));
  }
  RAIDA_TRY(StoreBatch(frozen));
  // What is sent is always what parses back from the stored bytes, the first time included.
  RAIDA_ASSIGN_OR_RETURN(auto stored, Pending());
  RAIDA_TRY(scope.Commit());
  return stored;
}

core::Result<std::optional<FrozenBatch>> BatchBuilder::PendingOrFreeze(int64_t budget_bytes) {
  RAIDA_ASSIGN_OR_RETURN(auto pending, Pending());
  if (pending) {
    return pending;
  }
  return Freeze(budget_bytes);
}

core::Status BatchBuilder::StoreBatch(const FrozenBatch& batch) {
  RAIDA_ASSIGN_OR_RETURN(
      core::Statement stmt,
      store_->db().Prepare("INSERT INTO outbox_batch(batch_seq, first_seq, last_seq, body, "
                           "body_sha256, created_ms) VALUES (?, ?, ?, ?, ?, ?)"));
  const std::vector<uint8_t> body(batch.body.begin(), batch.body.end());
  stmt.Bind(1, batch.push.batch).Bind(2, batch.push.first).Bind(3, batch.push.last);
  stmt.BindBlob(4, body).Bind(5, batch.body_sha256).Bind(6, store_->clock().NowMs());
  return stmt.Run();
}

core::Status BatchBuilder::Renumber(int64_t expected) {
  if (expected < 1) {
    return MakeError(ErrorCode::kInvalidArgument, "batch numbers start at 1");
  }
  RAIDA_ASSIGN_OR_RETURN(auto scope, store_->BeginWrite());
  RAIDA_ASSIGN_OR_RETURN(auto pending, Pending());
  if (pending) {
    PushBatch push = std::move(pending->push);
    push.batch = expected;
    RAIDA_TRY(store_->db().Exec("DELETE FROM outbox_batch"));
    RAIDA_TRY(StoreBatch(MakeFrozenBatch(std::move(push))));
  }
  core::SyncMetaRepository meta(*store_);
  RAIDA_TRY(meta.SetInt("next_batch_seq", pending ? expected + 1 : expected));
  return scope.Commit();
}

core::Status BatchBuilder::Unfreeze() {
  RAIDA_ASSIGN_OR_RETURN(auto scope, store_->BeginWrite());
  RAIDA_TRY(store_->db().Exec("DELETE FROM outbox_batch"));
  return scope.Commit();
}

core::Result<int64_t> BatchBuilder::BudgetBytes() {
  core::SyncMetaRepository meta(*store_);
  RAIDA_ASSIGN_OR_RETURN(auto bytes, meta.GetInt("batch_bytes"));
  return std::clamp(bytes.value_or(kStartBatchBytes), kMinBatchBytes, kMaxBatchBytes);
}

core::Status BatchBuilder::SetBudget(int64_t bytes) {
  core::SyncMetaRepository meta(*store_);
  return meta.SetInt("batch_bytes", std::clamp(bytes, kMinBatchBytes, kMaxBatchBytes));
}

core::Status BatchBuilder::GrowBudget(int64_t hint) {
  RAIDA_ASSIGN_OR_RETURN(int64_t bytes, BudgetBytes());
  int64_t grown = bytes * 2;
  if (hint > 0) {
    grown = std::min(grown, hint);
  }
  return SetBudget(grown);
}

core::Status BatchBuilder::ShrinkBudget() {
  RAIDA_ASSIGN_OR_RETURN(int64_t bytes, BudgetBytes());
  return SetBudget(bytes / 2);
}

}  // namespace raida::sync
