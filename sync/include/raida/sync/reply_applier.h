// ReplyApplier: one sync reply applied to the kiosk's database in ONE local transaction.
//
// In that transaction (Store::WriteScope), in this order:
//   1. the acknowledgement: per-change results other than applied/superseded become rows in
//      sync_issue (what a coordinator must look at); a waitlisted enrollment is set to
//      'waitlisted' locally so the screen tells the truth before the next pull; redirected and
//      erased changes are only recorded (the server sends the row back as it holds it, a
//      tombstone for a record it refused to keep, and the merged or erased person); the
//      acknowledged outbox rows and the frozen batch are deleted and next_batch_seq moves on; the
//      stamps of the acknowledged columns are kept in field_clock (not for changes the server
//      refused or rewrote, nor those whose stamp it clamped: it sends all of those back);
//   2. the pulled changes, under Store::ApplyingScope (nothing is captured): each is an upsert
//      of exactly the given columns into the named synced table, with the change's hlc and
//      origin; a column is left alone when it still has a local change waiting in the outbox
//      (the local edit goes up next and the server merges it), or when the kiosk's own
//      acknowledged change of it is newer than the entry (the server logged the entry before
//      applying that change and never sends a device its own changes, so the entry is stale),
//      except that a person's erasure (erased = 1) overwrites everything: erasure wins; once a
//      reply says no more changes wait, the kept stamps are dropped (nothing older can come);
//   3. the office's decisions on changes it had set aside ("settled", protocol.h): an accepted
//      change's sync_issue row is deleted (nothing is left to look at: the change now stands on
//      the server as it stands here), a discarded one's becomes "discarded" (the coordinator
//      sees that the office will not take it);
//   4. pull_cursor = next, the server offset from its time, the HLC observes the newest pulled
//      stamp, last_success_ms = now, last_error cleared, and a reconcile the kiosk started
//      (sync_meta 'reconcile', sync_client.h) is over: the server has accepted it.
// A failure anywhere rolls all of it back, so the same reply (or the resent batch's stored
// reply) can be applied again from scratch. Every step is idempotent besides.
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "raida/core/result.h"
#include "raida/core/schema.h"
#include "raida/core/store.h"
#include "raida/sync/batch_builder.h"
#include "raida/sync/protocol.h"

namespace raida::sync {

// sync_meta key: 1 while a reconcile started by the kiosk waits for the server to accept it
// (every request says "reconcile":true until then).
constexpr const char* kReconcileKey = "reconcile";

// Crash points for tests and the simulation: called with a point's name ("begin", "acked",
// "pulled", "commit"); a non-ok Status aborts the apply there, as a crash would.
using FaultHook = std::function<core::Status(std::string_view point)>;

struct ApplyOutcome {
  int64_t acked_changes = 0;
  int64_t pulled_changes = 0;
  int64_t issues_added = 0;
};

class ReplyApplier {
 public:
  explicit ReplyApplier(core::Store& store, FaultHook fault = {})
      : store_(&store), fault_(std::move(fault)) {}

  // Applies `reply` to the batch that was sent (nullopt for a pull-only request).
  // `server_offset_ms` is the server's time minus ours; `now_ms` our wall clock.
  // kCorrupt when the reply does not fit what was sent (ack of another batch, a missing ack);
  // storage errors as the Store reports them. Pulled tables and columns this kiosk's schema does
  // not know (a newer server) are skipped with a warning, so an old kiosk keeps syncing.
  core::Result<ApplyOutcome> Apply(const std::optional<FrozenBatch>& sent,
                                   const SyncResponse& reply, int64_t server_offset_ms,
                                   int64_t now_ms);

 private:
  core::Status Fault(std::string_view point);
  core::Result<int64_t> ApplyAck(const FrozenBatch& sent, const Ack& ack, int64_t now_ms);
  // Records the stamps of the columns the acknowledged batch changed (field_clock).
  core::Status KeepOwnStamps(const FrozenBatch& sent, const Ack& ack, int64_t server_time);
  // Adds to `keep` the columns of the pulled row whose kept own stamp is newer than the entry.
  core::Status AddOwnNewerColumns(const PulledChange& change, std::set<std::string>& keep);
  core::Status ApplyPulled(const PulledChange& change, bool outbox_empty);
  // UPDATE of an existing row; false when there is no such row.
  core::Result<bool> UpdateRow(
      const core::SyncedTable& table, const PulledChange& change,
      const std::vector<std::pair<const core::SyncedColumn*, const nlohmann::json*>>& bound,
      const std::set<std::string>& pending, const std::string& where);
  core::Status FinishReply(const SyncResponse& reply, int64_t server_offset_ms, int64_t now_ms);

  core::Store* store_;
  FaultHook fault_;
};

}  // namespace raida::sync
