// The sign-up inbox in the reducer (see reduce_inbox.h).
//
// Every handler first checks that a signed-in coordinator is on the inbox at the step the action
// belongs to, and that nothing is being saved; a result is taken only when it answers what is
// still being asked. The seat check here uses the counts the list shows; the storage checks
// again against the database when saving.
#include "kiosk/state/reduce_inbox.h"

#include <algorithm>

namespace raida::kiosk {
namespace {

bool OnInbox(const AppState& state) {
  return state.screen == Screen::kCoordinator && state.coordinator.signed_in &&
         state.coordinator.view == CoordinatorView::kInbox;
}

bool AtStep(const AppState& state, InboxStep step) {
  return OnInbox(state) && state.coordinator.inbox.step == step && !state.coordinator.inbox.saving;
}

Effect Load(AppState& state) {
  state.coordinator.inbox.loading = true;
  return LoadInbox{state.center_id, state.today};
}

const char* DoneKey(InboxDecision decision) {
  switch (decision) {
    case InboxDecision::kConfirm:
      return "inbox.done.confirm";
    case InboxDecision::kWaitlist:
      return "inbox.done.waitlist";
    case InboxDecision::kMove:
      return "inbox.done.move";
    case InboxDecision::kCancel:
      return "inbox.done.cancel";
  }
  return "inbox.done.confirm";
}

}  // namespace

const char* InboxAuditAction(InboxDecision decision) {
  switch (decision) {
    case InboxDecision::kConfirm:
      return kAuditEnrollmentConfirm;
    case InboxDecision::kWaitlist:
      return kAuditEnrollmentWaitlist;
    case InboxDecision::kMove:
      return kAuditEnrollmentMove;
    case InboxDecision::kCancel:
      return kAuditEnrollmentCancel;
  }
  return kAuditEnrollmentConfirm;
}

const char* InboxDecisionName(InboxDecision decision) {
  switch (decision) {
    case InboxDecision::kConfirm:
      return "confirm";
    case InboxDecision::kWaitlist:
      return "waitlist";
    case InboxDecision::kMove:
      return "move";
    case InboxDecision::kCancel:
      return "cancel";
  }
  return "confirm";
}

const std::vector<std::string>& InboxReasons(InboxDecision decision) {
  static const std::vector<std::string> kConfirm = {"seat_free", "needs_met", "other"};
  static const std::vector<std::string> kWaitlist = {"course_full", "needs_not_met", "other"};
  static const std::vector<std::string> kMove = {"better_time", "course_full", "other"};
  static const std::vector<std::string> kCancel = {"person_asked", "cannot_come", "twice", "other"};
  switch (decision) {
    case InboxDecision::kConfirm:
      return kConfirm;
    case InboxDecision::kWaitlist:
      return kWaitlist;
    case InboxDecision::kMove:
      return kMove;
    case InboxDecision::kCancel:
      return kCancel;
  }
  return kConfirm;
}

const InboxRequest* ChosenInboxRequest(const InboxState& inbox) {
  if (inbox.chosen_id.empty()) {
    return nullptr;
  }
  const auto found =
      std::find_if(inbox.requests.begin(), inbox.requests.end(),
                   [&](const InboxRequest& r) { return r.enrollment_id == inbox.chosen_id; });
  return found == inbox.requests.end() ? nullptr : &*found;
}

const InboxOffering* FindInboxOffering(const InboxState& inbox, const std::string& id) {
  const auto found = std::find_if(inbox.offerings.begin(), inbox.offerings.end(),
                                  [&](const InboxOffering& o) { return o.id == id; });
  return found == inbox.offerings.end() ? nullptr : &*found;
}

std::vector<Effect> OpenInbox(AppState& state) {
  if (!OnInbox(state)) {
    return {};
  }
  state.coordinator.inbox = InboxState{};
  const std::string& actor = state.coordinator.signed_in->id;
  return {Load(state), WriteAudit{actor, kAuditInboxView, "center", state.center_id}};
}

bool BackInInbox(AppState& state) {
  InboxState& inbox = state.coordinator.inbox;
  if (!OnInbox(state)) {
    return false;
  }
  if (inbox.saving) {
    return true;  // the answer comes in a moment; it decides the step
  }
  inbox.error_key.clear();
  switch (inbox.step) {
    case InboxStep::kList:
      return false;
    case InboxStep::kRequest:
      inbox.step = InboxStep::kList;
      inbox.chosen_id.clear();
      return true;
    case InboxStep::kMoveTarget:
      inbox.step = InboxStep::kRequest;
      inbox.move_to.clear();
      return true;
    case InboxStep::kReason:
      inbox.step =
          inbox.decision == InboxDecision::kMove ? InboxStep::kMoveTarget : InboxStep::kRequest;
      return true;
  }
  return false;
}

std::vector<Effect> ReduceInbox(AppState& state, const OpenInboxRequest& action) {
  InboxState& inbox = state.coordinator.inbox;
  if (!AtStep(state, InboxStep::kList)) {
    return {};
  }
  const auto found =
      std::find_if(inbox.requests.begin(), inbox.requests.end(),
                   [&](const InboxRequest& r) { return r.enrollment_id == action.enrollment_id; });
  if (found == inbox.requests.end()) {
    return {};
  }
  inbox.chosen_id = action.enrollment_id;
  inbox.step = InboxStep::kRequest;
  inbox.move_to.clear();
  inbox.error_key.clear();
  inbox.done_key.clear();
  inbox.done_name.clear();
  return {};
}

std::vector<Effect> ReduceInbox(AppState& state, const ChooseInboxDecision& action) {
  InboxState& inbox = state.coordinator.inbox;
  const InboxRequest* request = ChosenInboxRequest(inbox);
  if (!AtStep(state, InboxStep::kRequest) || request == nullptr) {
    return {};
  }
  const InboxOffering* offering = FindInboxOffering(inbox, request->offering_id);
  inbox.error_key.clear();
  switch (action.decision) {
    case InboxDecision::kConfirm:
      if (offering == nullptr || offering->capacity <= 0) {
        inbox.error_key = kInboxNoCapacityKey;
        return {};
      }
      if (offering->confirmed_here >= offering->capacity) {
        inbox.error_key = kInboxNoSeatKey;
        return {};
      }
      break;
    case InboxDecision::kWaitlist:
      if (request->status == "waitlisted") {
        inbox.error_key = kInboxAlreadyWaitlistedKey;
        return {};
      }
      break;
    case InboxDecision::kMove: {
      const bool other =
          std::any_of(inbox.offerings.begin(), inbox.offerings.end(), [&](const InboxOffering& o) {
            return offering != nullptr && o.course_id == offering->course_id &&
                   o.id != offering->id;
          });
      if (!other) {
        inbox.error_key = kInboxNoOtherOfferingKey;
        return {};
      }
      inbox.decision = action.decision;
      inbox.move_to.clear();
      inbox.step = InboxStep::kMoveTarget;
      return {};
    }
    case InboxDecision::kCancel:
      break;
  }
  inbox.decision = action.decision;
  inbox.move_to.clear();
  inbox.step = InboxStep::kReason;
  return {};
}

std::vector<Effect> ReduceInbox(AppState& state, const ChooseInboxMoveTarget& action) {
  InboxState& inbox = state.coordinator.inbox;
  const InboxRequest* request = ChosenInboxRequest(inbox);
  if (!AtStep(state, InboxStep::kMoveTarget) || request == nullptr) {
    return {};
  }
  const InboxOffering* from = FindInboxOffering(inbox, request->offering_id);
  const InboxOffering* target = FindInboxOffering(inbox, action.offering_id);
  if (from == nullptr || target == nullptr || target->id == from->id ||
      target->course_id != from->course_id) {
    return {};  // not a choice the screen offers
  }
  if (target->cancelled) {
    inbox.error_key = kInboxMoveCancelledKey;
    return {};
  }
  if (!state.today.empty() && target->ends_on < state.today) {
    inbox.error_key = kInboxMoveEndedKey;
    return {};
  }
  inbox.error_key.clear();
  inbox.move_to = target->id;
  inbox.step = InboxStep::kReason;
  return {};
}

std::vector<Effect> ReduceInbox(AppState& state, const ChooseInboxReason& action) {
  InboxState& inbox = state.coordinator.inbox;
  const InboxRequest* request = ChosenInboxRequest(inbox);
  if (!AtStep(state, InboxStep::kReason) || request == nullptr) {
    return {};
  }
  const std::vector<std::string>& reasons = InboxReasons(inbox.decision);
  if (std::find(reasons.begin(), reasons.end(), action.reason) == reasons.end()) {
    return {};
  }
  inbox.saving = true;
  inbox.error_key.clear();
  SaveInboxDecision save;
  save.actor_id = state.coordinator.signed_in->id;
  save.center_id = state.center_id;
  save.enrollment_id = request->enrollment_id;
  save.decision = inbox.decision;
  save.reason = std::string(InboxDecisionName(inbox.decision)) + "." + action.reason;
  save.move_to = inbox.decision == InboxDecision::kMove ? inbox.move_to : std::string();
  save.today = state.today;
  return {std::move(save)};
}

std::vector<Effect> ReduceInbox(AppState& state, const InboxLoaded& action) {
  InboxState& inbox = state.coordinator.inbox;
  if (!OnInbox(state) || !inbox.loading || action.center_id != state.center_id) {
    return {};
  }
  inbox.loading = false;
  inbox.offerings = action.offerings;
  inbox.requests = action.requests;
  inbox.last_sync_date = action.last_sync_date;
  inbox.last_sync_time = action.last_sync_time;
  if (inbox.step != InboxStep::kList && !inbox.saving && ChosenInboxRequest(inbox) == nullptr) {
    // The request was decided elsewhere (another kiosk, the district office) meanwhile.
    inbox.step = InboxStep::kList;
    inbox.chosen_id.clear();
    inbox.move_to.clear();
    inbox.error_key = kInboxChangedKey;
  }
  return {};
}

std::vector<Effect> ReduceInbox(AppState& state, const InboxSaved& action) {
  InboxState& inbox = state.coordinator.inbox;
  if (!OnInbox(state) || !inbox.saving || action.enrollment_id != inbox.chosen_id) {
    return {};
  }
  inbox.saving = false;
  if (!action.error_key.empty()) {
    inbox.error_key = action.error_key;  // nothing was changed: the request stays chosen
    inbox.step = InboxStep::kRequest;
    inbox.move_to.clear();
    return {Load(state)};
  }
  const InboxRequest* request = ChosenInboxRequest(inbox);
  inbox.done_name = request != nullptr ? request->person_name : std::string();
  inbox.done_key = DoneKey(inbox.decision);
  inbox.error_key.clear();
  inbox.step = InboxStep::kList;
  inbox.chosen_id.clear();
  inbox.move_to.clear();
  return {Load(state)};
}

}  // namespace raida::kiosk
