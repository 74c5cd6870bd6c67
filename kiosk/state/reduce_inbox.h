// The reducer's part for the sign-up inbox (CoordinatorView::kInbox), a coordinator task:
//   OpenCoordinatorTask{kInbox} -> OpenInbox: loads the list (LoadInbox) and writes one audit
//       entry "inbox.view" (the list shows people's names and needs)
//   OpenInboxRequest            -> one request: its person, needs and the four decisions
//   ChooseInboxDecision         -> Confirm (refused on screen when no seat is left, or the
//       offering has no seats at all), Waitlist (refused when already waitlisted), Move (the
//       other offerings of the same course at this center), Cancel
//   ChooseInboxMoveTarget       -> the reasons (refused on screen for an offering that has
//       ended or is cancelled)
//   ChooseInboxReason           -> SaveInboxDecision (saved with its one audit entry in one
//       transaction on the storage lane); InboxSaved -> the list again, reloaded, saying what was
//       done, or the request again with the refusal in plain words (nothing changed)
//   GoBack                      -> one step back; from the list to the coordinator home
// Every refusal leaves the database and the choice as they were. Pure, like the whole reducer.
#pragma once

#include <concepts>
#include <string>
#include <vector>

#include "kiosk/state/actions.h"
#include "kiosk/state/app_state.h"
#include "kiosk/state/effects.h"

namespace raida::kiosk {

// Audit action names (AuditEntry::action); table "enrollment" with the enrollment id, or
// "center" with the center id for the list.
inline constexpr const char* kAuditInboxView = "inbox.view";
inline constexpr const char* kAuditEnrollmentConfirm = "enrollment.confirm";
inline constexpr const char* kAuditEnrollmentWaitlist = "enrollment.waitlist";
inline constexpr const char* kAuditEnrollmentMove = "enrollment.move";
inline constexpr const char* kAuditEnrollmentCancel = "enrollment.cancel";

// Refusals (InboxState::error_key), each said on screen with what to do.
inline constexpr const char* kInboxNoSeatKey = "inbox.error.no_seat";
inline constexpr const char* kInboxNoCapacityKey = "inbox.error.no_capacity";
inline constexpr const char* kInboxAlreadyWaitlistedKey = "inbox.error.already_waitlisted";
inline constexpr const char* kInboxNoOtherOfferingKey = "inbox.error.no_other_offering";
inline constexpr const char* kInboxMoveEndedKey = "inbox.error.move_ended";
inline constexpr const char* kInboxMoveCancelledKey = "inbox.error.move_cancelled";
inline constexpr const char* kInboxMoveAlreadyKey = "inbox.error.move_already";
inline constexpr const char* kInboxChangedKey = "inbox.error.changed";

// The audit action of a decision ("enrollment.confirm", ...).
const char* InboxAuditAction(InboxDecision decision);
// The reason codes offered for a decision, "other" last; the saved reason is
// "<decision>.<code>" (InboxReasonText), the screen's words "inbox.reason.<decision>.<code>".
const std::vector<std::string>& InboxReasons(InboxDecision decision);
// "confirm", "waitlist", "move", "cancel".
const char* InboxDecisionName(InboxDecision decision);

// [SECTION] Actions handled here

std::vector<Effect> ReduceInbox(AppState& state, const OpenInboxRequest& action);
std::vector<Effect> ReduceInbox(AppState& state, const ChooseInboxDecision& action);
std::vector<Effect> ReduceInbox(AppState& state, const ChooseInboxMoveTarget& action);
std::vector<Effect> ReduceInbox(AppState& state, const ChooseInboxReason& action);
std::vector<Effect> ReduceInbox(AppState& state, const InboxLoaded& action);
std::vector<Effect> ReduceInbox(AppState& state, const InboxSaved& action);

template <typename A>
concept InboxAction = requires(AppState& state, const A& action) {
  { ReduceInbox(state, action) } -> std::same_as<std::vector<Effect>>;
};

// [SECTION] Hooks called from reduce_coordinator.cpp

// OpenCoordinatorTask{kInbox} (the view is already kInbox): a fresh inbox, loading.
std::vector<Effect> OpenInbox(AppState& state);
// GoBack on the inbox: true when it went back a step within it (false on the list).
bool BackInInbox(AppState& state);

// The request being decided, or nullptr.
const InboxRequest* ChosenInboxRequest(const InboxState& inbox);
// The offering `id` of the loaded list, or nullptr.
const InboxOffering* FindInboxOffering(const InboxState& inbox, const std::string& id);

}  // namespace raida::kiosk
