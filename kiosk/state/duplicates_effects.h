// Effects of "Possible duplicates" (answered on the EffectRunner's storage lane by
// DuplicatesStorage, duplicates_storage.h).
#pragma once

#include <string>

#include "kiosk/state/duplicates_actions.h"

namespace raida::kiosk {

// -> DuplicatesLoaded (with `notice_key`): the center's live people paired by the register's
// duplicate rule, leaving out pairs marked as different people on this kiosk.
struct LoadDuplicates {
  std::string center_id;
  std::string notice_key = {};
};
// -> DuplicateMerged, or DuplicateMergeFailed. One transaction: the loser's merged_into set to
// the winner (a merge request the district server carries out at the next sync) and one
// "person.merge" audit entry by `coordinator_id` (record: the loser's id; no personal values).
struct SaveDuplicateMerge {
  std::string center_id;
  std::string loser_id;
  std::string winner_id;
  std::string coordinator_id;
};
// -> DuplicatesLoaded (notice dups.notice.kept_apart): the pair is remembered on this kiosk only
// (local_ui_state, never synced) as two different people.
struct SaveNotDuplicates {
  std::string center_id;
  std::string first_id;
  std::string second_id;
};

}  // namespace raida::kiosk
