// The reducer's part for the coordinator's "Possible duplicates" (CoordinatorView::kDuplicates):
// the center's pairs loaded, one pair opened side by side, the record to keep chosen, the merge
// asked first in plain words and then recorded (DuplicatesStorage writes the merge request and
// its one "person.merge" audit entry in one transaction, so no WriteAudit goes from here), and a
// pair marked as two different people. Pure, like the rest of the reducer.
//
// The kiosk only asks for the merge: the district server carries it out at the next sync (moving
// the sign-ups, attendance and lessons to the kept record) and sends the result back. Pairs
// across centers are not found here (a kiosk holds only its own center's people): the district
// office's People page lists those.
//
// reduce_coordinator.cpp calls OpenDuplicates from OpenCoordinatorTask and BackInDuplicates from
// BackOnCoordinatorScreen; reduce.cpp dispatches the actions of duplicates_actions.h here.
#pragma once

#include <concepts>
#include <string>
#include <vector>

#include "kiosk/state/actions.h"
#include "kiosk/state/app_state.h"
#include "kiosk/state/effects.h"

namespace raida::kiosk {

// Audit action names (AuditEntry::action): a merge (record: the merged person's id), and a pair
// opened side by side (one entry per person shown, since each entry names one record).
inline constexpr const char* kAuditPersonMerge = "person.merge";
inline constexpr const char* kAuditPersonCompare = "person.compare";

// [SECTION] Actions handled here

std::vector<Effect> ReduceDuplicates(AppState& state, const ChooseDuplicatePair& action);
std::vector<Effect> ReduceDuplicates(AppState& state, const KeepDuplicate& action);
std::vector<Effect> ReduceDuplicates(AppState& state, const AnswerDuplicateMerge& action);
std::vector<Effect> ReduceDuplicates(AppState& state, const MarkNotDuplicates& action);
std::vector<Effect> ReduceDuplicates(AppState& state, const DismissDuplicatesNotice& action);
std::vector<Effect> ReduceDuplicates(AppState& state, const DuplicatesLoaded& action);
std::vector<Effect> ReduceDuplicates(AppState& state, const DuplicateMerged& action);
std::vector<Effect> ReduceDuplicates(AppState& state, const DuplicateMergeFailed& action);

template <typename A>
concept DuplicatesAction = requires(AppState& state, const A& action) {
  { ReduceDuplicates(state, action) } -> std::same_as<std::vector<Effect>>;
};

// [SECTION] Hooks called from reduce_coordinator.cpp

// OpenCoordinatorTask{kDuplicates}: the task starts afresh and loads the center's pairs.
std::vector<Effect> OpenDuplicates(AppState& state);
// GoBack on kDuplicates: the question goes back to the pair, the pair to the list, the "merge
// recorded" page to the list without the merged pair. False on the list (back to the home).
bool BackInDuplicates(AppState& state);

// The pair's other person than `keep_id` (the one merged away); nullptr when `keep_id` is neither.
const DuplicatePerson* OtherOfPair(const DuplicatePair& pair, const std::string& keep_id);
const DuplicatePerson* PersonOfPair(const DuplicatePair& pair, const std::string& id);

}  // namespace raida::kiosk
