// InboxState: what the sign-up inbox (CoordinatorView::kInbox) shows — this center's sign-up
// requests grouped by course offering, the conflicts the last syncs brought back (a sign-up the
// district office put on the waiting list), honest seat counts (this kiosk's view and the
// district office's last one), and the decision being taken on one request (confirm, waitlist,
// move to another offering of the same course, cancel — each with a reason).
//
// A member of CoordinatorState, so the sign-out (coordinator = CoordinatorState{}) forgets every
// name and need shown here. Changed only by the reducer (reduce_inbox.h).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "raida/core/model.h"

namespace raida::kiosk {

enum class InboxStep {
  kList,        // the requests, conflicts first, grouped by offering
  kRequest,     // one request: the person's needs and the four decisions
  kMoveTarget,  // "Move": the other offerings of the same course at this center
  kReason,      // the reason for the decision, one big button each (and "Other")
};

enum class InboxDecision { kConfirm, kWaitlist, kMove, kCancel };

// A course offering at this center, with its seats as this kiosk knows them.
struct InboxOffering {
  std::string id;
  std::string course_id;
  core::LocalizedText course_title;  // shown in the screen's language
  std::string starts_on;             // "2026-11-23"
  std::string ends_on;
  std::string place;
  int capacity = 0;
  bool cancelled = false;
  int confirmed_here = 0;  // enrollments holding a seat in this kiosk's database
  int unsent = 0;          // of them, with a change not yet sent to the district office
  int district_count = 0;  // seat holders as the district office last sent them
};

// A sign-up waiting for the coordinator (status requested or waitlisted).
struct InboxRequest {
  std::string enrollment_id;
  std::string offering_id;
  std::string person_id;
  std::string person_name;  // a proper name: shown as is, never logged
  std::string status;       // "requested" or "waitlisted"
  std::vector<std::string> needs;
  bool conflict = false;          // the district office put it on the waiting list at a sync
  std::string waitlist_position;  // with conflict: the position the office gave ("" unknown)
  int64_t requested_at_ms = 0;
};

struct InboxState {
  InboxStep step = InboxStep::kList;
  bool loading = false;                  // LoadInbox is on its way
  bool saving = false;                   // SaveInboxDecision is on its way: the buttons wait
  std::vector<InboxOffering> offerings;  // every offering of this center (moves look here too)
  std::vector<InboxRequest> requests;    // conflicts first, then by offering and request time
  std::string last_sync_date;            // "" when this kiosk has never synced
  std::string last_sync_time;            // "14:05"
  std::string chosen_id;                 // the enrollment being decided ("" on the list)
  InboxDecision decision = InboxDecision::kConfirm;
  std::string move_to;    // kMove: the chosen target offering
  std::string error_key;  // "inbox.error.*": the last refusal, said on screen; "" none
  std::string done_key;   // "inbox.done.*": what the last save did, said on the list; "" none
  std::string done_name;  // the person the done_key is about
};

}  // namespace raida::kiosk
