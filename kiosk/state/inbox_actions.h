// Actions of the sign-up inbox (reduced by reduce_inbox.h). Opening it is
// OpenCoordinatorTask{CoordinatorView::kInbox}; going back is GoBack.
#pragma once

#include <string>
#include <vector>

#include "kiosk/state/inbox_state.h"

namespace raida::kiosk {

// [SECTION] Person-caused

// The list: "Decide" on one request.
struct OpenInboxRequest {
  std::string enrollment_id;
};
// The request: Confirm, Waitlist, Move or Cancel.
struct ChooseInboxDecision {
  InboxDecision decision = InboxDecision::kConfirm;
};
// Move: the offering to move the person to.
struct ChooseInboxMoveTarget {
  std::string offering_id;
};
// The reason (a code from InboxReasons(decision), "other" included): saves the decision.
struct ChooseInboxReason {
  std::string reason;
};

// [SECTION] Worker results

struct InboxLoaded {
  std::string center_id;
  std::vector<InboxOffering> offerings;
  std::vector<InboxRequest> requests;
  std::string last_sync_date;
  std::string last_sync_time;
};
// A decision was saved (error_key "") or refused with nothing changed ("inbox.error.*").
struct InboxSaved {
  std::string enrollment_id;
  std::string error_key;
};

}  // namespace raida::kiosk
