// Actions of the coordinator's "Possible duplicates" (reduced by reduce_duplicates.h). Only a
// signed-in coordinator on that view gets anything from them.
#pragma once

#include <string>
#include <vector>

#include "kiosk/state/duplicates_state.h"

namespace raida::kiosk {

// [SECTION] Person-caused

// A pair's big button in the list: the two records side by side.
struct ChooseDuplicatePair {
  std::string first_id;
  std::string second_id;
};
// "Keep this record" under one side of the pair: the question before the merge.
struct KeepDuplicate {
  std::string keep_id;
};
// The answer to "merge?": yes records the merge, no goes back to the pair and changes nothing.
struct AnswerDuplicateMerge {
  bool yes = false;
};
// "These are different people": the pair is not shown again on this kiosk.
struct MarkNotDuplicates {};
struct DismissDuplicatesNotice {};

// [SECTION] Worker results

// The center's pairs (after opening the task, or after a change: `notice_key` then says what).
struct DuplicatesLoaded {
  std::string center_id;
  std::vector<DuplicatePair> pairs;
  std::string notice_key = {};
};
// The merge is recorded on this kiosk: `loser_id` is merged into `winner_id` once the district
// office has it.
struct DuplicateMerged {
  std::string loser_id;
  std::string winner_id;
};
// A merge refused here (one of the two is no longer a live person of this center).
struct DuplicateMergeFailed {
  std::string notice_key;
};

}  // namespace raida::kiosk
