// The server's rules for lesson time counted per device (progress_counter, schema_v10.cpp;
// internal to raida_server_lib).
//
//   a kiosk's row     only device N writes the row of device N (any other is set aside,
//                     "not_own_counter"), and its seconds only grow: two copies merge by the
//                     larger seconds (ApplyProgress), which is exact, so a batch sent again, or
//                     late, never counts anything twice
//   the server's row  device_no 0, written by the server alone: the time of duplicate people
//                     merged into this person. A merge tombstones the loser's rows (keeping their
//                     seconds) and adds their time to the winner's row: two people's time, so a
//                     sum, not a max. A loser's row pushed after the merge (a kiosk that had not
//                     pulled it yet) stays the loser's tombstone, and what it grew by is added
//                     to the surviving person's row
//   erasure           tombstones every row of the erased person
// A lesson's time is lesson_progress.seconds_spent plus the person's live rows of the lesson.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "merge_rules.h"
#include "raida/core/result.h"
#include "raida/core/store.h"

namespace raida::server::detail {

// Why a pushed progress_counter change must be set aside: it is another device's row
// ("not_own_counter"). nullopt for every other change.
core::Result<std::optional<std::string>> CounterRefusal(ApplyContext& context,
                                                        const ChangeInput& input);

// Applies a pushed progress_counter change (after the common checks): the larger seconds, or,
// for a row of a person merged into `input.absorb_into`, the loser's tombstone raised and the
// growth added to the surviving person's server row (the caller sends the row back).
core::Result<sync::ChangeResult> ApplyCounter(ApplyContext& context, const ChangeInput& input,
                                              const std::optional<Row>& existing);

// Adds `seconds` to `person_id`'s server row (device 0) of `lesson_id`, under a server stamp,
// logged in full to `scopes`. Nothing for seconds <= 0.
core::Status AddMergedSeconds(core::Store& store, const std::string& person_id,
                              const std::string& lesson_id, int64_t seconds, const Scopes& scopes);

// A merge: tombstones every live row of `loser_id` (logged to `loser_scopes`) and adds its
// seconds to `winner_id`'s server row of the lesson (logged to `winner_scopes`).
core::Status MoveCounters(core::Store& store, const std::string& loser_id,
                          const std::string& winner_id, const Scopes& loser_scopes,
                          const Scopes& winner_scopes);

// An erasure: tombstones every live row of `person_id`, logged to `scopes`.
core::Status EraseCounters(core::Store& store, const std::string& person_id, const Scopes& scopes);

}  // namespace raida::server::detail
