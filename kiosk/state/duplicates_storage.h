// DuplicatesStorage: the storage work of "Possible duplicates" on the EffectRunner's storage
// lane — the center's pairs of people who may be one (the register's duplicate rule, keyed by
// NameMatchKey and PhoneKey so a center of thousands is paired in one pass), a merge requested,
// and a pair remembered as two different people.
//
// A merge is only requested here: the loser's merged_into is set to the kept person (captured
// into the outbox like any field change) with one "person.merge" audit entry, in one
// transaction; the district server carries the merge out at the next sync (merge_rules.h) and
// sends the moved records back. A person with merged_into is left out of every list, search and
// sign-in on the kiosk. "Different people" is kept on this kiosk only (local_ui_state, never
// synced). Nothing personal is logged: ids and outcomes only.
#pragma once

#include <concepts>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/state/actions.h"
#include "kiosk/state/effects.h"
#include "raida/core/result.h"

namespace raida::core {
class Store;
}

namespace raida::kiosk {

class DuplicatesStorage {
 public:
  core::Result<std::optional<Action>> Run(core::Store& store, const LoadDuplicates& effect);
  core::Result<std::optional<Action>> Run(core::Store& store, const SaveDuplicateMerge& effect);
  core::Result<std::optional<Action>> Run(core::Store& store, const SaveNotDuplicates& effect);
};

// The effects DuplicatesStorage runs (the EffectRunner routes them there).
template <typename E>
concept DuplicatesEffect = requires(DuplicatesStorage& storage, core::Store& store,
                                    const E& effect) {
  { storage.Run(store, effect) } -> std::same_as<core::Result<std::optional<Action>>>;
};

// The live people of `center_id` (not erased, not merged) paired by the register's duplicate
// rule, without the pairs marked as different people here; by the first person's family and
// given name. In each pair the person registered earlier comes first.
core::Result<std::vector<DuplicatePair>> FindDuplicatePairs(core::Store& store,
                                                            const std::string& center_id);

}  // namespace raida::kiosk
