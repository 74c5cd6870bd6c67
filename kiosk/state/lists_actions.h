// Actions of the coordinator's "Lists and export" task (reduced by reduce_lists.h).
#pragma once

#include <string>
#include <vector>

#include "kiosk/state/lists_state.h"

namespace raida::kiosk {

// [SECTION] Person-caused

struct ChooseListOffering {
  std::string offering_id;
};
struct ExportList {
  ListKind kind = ListKind::kParticipants;
};

// [SECTION] Worker results

struct ListOfferingsLoaded {
  std::vector<ListOffering> offerings;
};
struct ListExported {
  std::string offering_id;
  ListKind kind = ListKind::kParticipants;
  std::string path;  // the file written
  int rows = 0;      // people in it
};
// The file could not be written (the data folder is full or not writable): nothing was left
// half-written.
struct ListExportFailed {
  std::string offering_id;
};

}  // namespace raida::kiosk
