// The merge rules of the district server, one per kind of synced record (DESIGN.md "Sync",
// sync-protocol.md §2.7), applied to one pushed change at a time inside the batch transaction
// (internal to raida_server_lib).
//
//   person            field-level last-writer-wins by (hlc, origin), clocks in field_clock;
//                     erased is the server's alone and is ignored in pushes. A pushed
//                     merged_into = W on person L is a kiosk's merge request (a coordinator's
//                     "these two are one person"): carried out exactly as
//                     SyncEngine::MergePeople(L, W) (MergePerson), after the row's other columns,
//                     when both people exist, differ, are neither erased nor merged, and are held
//                     by the pushing kiosk's center; a request already done (L merged into W) is
//                     answered "applied" again; any other is refused ("merge_refused:<why>", set
//                     aside) and the row is sent back as the server holds it. A pushed null
//                     merged_into is ignored (a kiosk cannot undo a merge)
//   lesson_progress   monotonic: completed is an OR, best_score, page and seconds_spent take the
//                     maximum (progress never goes backwards; seconds_spent is the time counted
//                     before schema 10, which kiosks not yet upgraded still send as running totals)
//   progress_counter  lesson time per device: one writer per row, merged by the larger seconds;
//                     a merged person's rows are added to the survivor (progress_counter_rules.h)
//   enrollment        the server decides seats, in arrival order: a request is confirmed while
//                     confirmed < capacity, else waitlisted with its position; a cancellation
//                     frees the seat and promotes the first waitlisted request (origin 0)
//   attendance, consent, assessment_response, action_plan, plan_goal, plan_step
//                     last-writer-wins per row by (hlc, origin)
//   audit_log         insert once; never changed
//   certificate       written once per (person, course): of two issued offline, the earliest
//                     (issued_hlc, code) is kept and the other code becomes its alias
//                     (certificate_rules.cpp)
//   catalog tables    read-only for kiosks: rejected "read_only"
// Before any rule: unknown tables or columns and missing parents are rejected (the change is
// stored in quarantine with its stamp and the batch goes on; SyncEngine::RetrySetAside later
// runs it through ApplyChange again); a change touching an erased person is answered
// "erased" and dropped; one naming a merged (loser) person is rewritten to the surviving person
// (origin 0, so the pushing kiosk receives it) and answered "redirected" with that id; a stamp
// more than max_clock_ahead_ms ahead of the server's time is replaced by the server's stamp.
// After "erased" or "redirected" the row the kiosk pushed is sent again as the server holds it.
//
// The stamps in change_log: a kiosk keeps a value it wrote itself against any pulled entry with
// an older stamp (the server never sends a device its own changes, so entries logged before that
// change reach it afterwards; sync/client/reply_applier.cpp). So every entry carries the stamp
// the server holds for what it says: a value that lost is told with the stamp of the value that
// won, and whatever the server decides itself (a seat, a merged progress row, a restamped
// cancellation, a resent row) gets a fresh server stamp and origin 0, on the row and the entry.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "raida/core/result.h"
#include "raida/core/store.h"
#include "raida/sync/protocol.h"
#include "row_store.h"

namespace raida::server::detail {

// What one batch has already learned of the database, so 1,000 changes naming the same people
// and sessions do not look them up 1,000 times. Valid only inside the batch's transaction: rows
// are never deleted while a batch applies, and a person's entry is dropped when a pushed person
// change is written.
struct BatchCache {
  std::unordered_set<std::string> existing;            // "table\x1fid" of rows known to exist
  std::unordered_map<std::string, PersonInfo> people;  // person id -> what ReadPerson said
  std::unordered_map<std::string, std::vector<std::string>> required;  // RequiredColumns()
};

struct ApplyContext {
  core::Store* store = nullptr;
  int64_t device_no = 0;
  int64_t batch = 0;
  int64_t now_ms = 0;
  int64_t max_clock_ahead_ms = 0;
  int clamped = 0;  // changes whose stamp was replaced by the server's
  BatchCache cache;
};

// Applies one pushed change and appends what changed to change_log. Errors are failures of the
// database (the caller rolls the whole batch back); a refused change is a result, not an error.
core::Result<sync::ChangeResult> ApplyChange(ApplyContext& context, const sync::PushChange& change);

// What a rule works with once the common checks have passed.
struct ChangeInput {
  const core::SyncedTable* table = nullptr;
  std::string pk;
  Json values;  // pushed columns (already redirected to the surviving person)
  // The pushed text of `values` while they are as pushed, else empty: the codec's cols_json is
  // already the dump() of these columns, so logging them needs no second serialization.
  std::string_view values_json;
  uint64_t hlc = 0;
  int64_t origin = 0;  // the pushing device, or 0 when the server replaced the stamp or the id
  Scopes scopes;       // change_log scopes of the row
  // A person's accepted merge request: the winner the kiosk asked for (taken out of `values`).
  std::optional<std::string> merge_into;
  // A progress_counter row of a person merged into this one: kept as the merged person's
  // tombstone, its growth added to this person's (progress_counter_rules.h); else empty.
  std::string absorb_into;
};

// Per-table rules (merge_rules.cpp, enrollment_rules.cpp). Each writes the row and its change_log
// entries and returns the outcome (kApplied, kSuperseded or kWaitlisted).
core::Result<sync::ChangeResult> ApplyPerson(ApplyContext& context, const ChangeInput& input,
                                             const std::optional<Row>& existing);
core::Result<sync::ChangeResult> ApplyProgress(ApplyContext& context, const ChangeInput& input,
                                               const std::optional<Row>& existing);
core::Result<sync::ChangeResult> ApplyEnrollment(ApplyContext& context, const ChangeInput& input,
                                                 const std::optional<Row>& existing);
core::Result<sync::ChangeResult> ApplyRowLww(ApplyContext& context, const ChangeInput& input,
                                             const std::optional<Row>& existing);
core::Result<sync::ChangeResult> ApplyCertificate(ApplyContext& context, const ChangeInput& input,
                                                  const std::optional<Row>& existing);
// Withdraws every live certificate of `person_id` (erasure): tombstones under server stamps,
// logged in `scopes`, and their code aliases dropped.
core::Status WithdrawCertificates(core::Store& store, const std::string& person_id,
                                  const Scopes& scopes);
// Merges `loser_id` into `winner_id` inside the caller's transaction, as SyncEngine::MergePeople
// and a kiosk's merge request both do (admin_ops.cpp): the winner (and its records) published in
// full to the loser's centers that never had it, the loser's merged_into set, its records moved
// to the winner, each under a fresh server stamp (origin 0). The caller has checked that both
// exist, differ and are neither erased nor merged.
core::Status MergePerson(core::Store& store, const std::string& loser_id, const PersonInfo& loser,
                         const std::string& winner_id, const PersonInfo& winner);
// ApplyRowLww without reading the row first: one upsert, and a read only when the stored row
// wins (to tell the kiosk the server's values).
core::Result<sync::ChangeResult> UpsertRowLww(ApplyContext& context, const ChangeInput& input);

// Confirms waitlisted requests of `offering_id`, first come first served, while seats are free;
// each promotion is a server change (origin 0) in change_log.
core::Status PromoteWaitlist(core::Store& store, const std::string& offering_id);

// (a_hlc, a_origin) > (b_hlc, b_origin).
inline bool Newer(uint64_t a_hlc, int64_t a_origin, uint64_t b_hlc, int64_t b_origin) {
  return a_hlc != b_hlc ? a_hlc > b_hlc : a_origin > b_origin;
}

}  // namespace raida::server::detail
