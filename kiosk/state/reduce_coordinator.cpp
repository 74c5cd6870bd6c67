// Coordinator mode in the reducer (see reduce_coordinator.h).
//
// A resident cannot get past the sign-in: every step checks the screen and view it belongs to,
// the home is entered only from a CoordinatorChecked or CoordinatorPinSet answering the account
// being signed in, and the sync panel only from the home. Typed secrets go to the storage lane in
// an effect and are never kept in the state, except a new PIN between its two typings.
#include "kiosk/state/reduce_coordinator.h"

#include <algorithm>
#include <string>
#include <variant>

#include "kiosk/state/reduce_attendance.h"
#include "kiosk/state/reduce_duplicates.h"
#include "kiosk/state/reduce_inbox.h"
#include "kiosk/state/reduce_lists.h"
#include "kiosk/state/reduce_person.h"
#include "kiosk/state/reduce_plan.h"
#include "kiosk/state/reduce_register.h"

namespace raida::kiosk {
namespace {

constexpr const char* kWrongPassphraseKey = "coord.error.wrong_passphrase";
constexpr const char* kWrongPinKey = "coord.error.wrong_pin";
constexpr const char* kLockedKey = "coord.error.locked";
constexpr const char* kResetKey = "coord.error.reset";
constexpr const char* kNotSetUpKey = "coord.error.not_set_up";
constexpr const char* kPassphraseNeededKey = "coord.error.passphrase_needed";
constexpr const char* kPassphraseEmptyKey = "coord.error.passphrase_empty";
constexpr const char* kPinLengthKey = "coord.error.pin_length";
constexpr const char* kPinMismatchKey = "coord.error.pin_mismatch";
constexpr size_t kPinDigits = 6;

void Wipe(std::string& text) {
  std::fill(text.begin(), text.end(), '\0');
  text.clear();
}

bool IsSixDigits(const std::string& pin) {
  return pin.size() == kPinDigits &&
         std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool OnView(const AppState& state, CoordinatorView view) {
  return state.screen == Screen::kCoordinator && state.coordinator.view == view &&
         !state.coordinator.signed_in;
}

// Leaves the sign-in steps for the list of names.
void BackToNames(CoordinatorState& coordinator) {
  Wipe(coordinator.new_pin);
  coordinator.view = CoordinatorView::kChooseName;
  coordinator.chosen = CoordinatorCard{};
  coordinator.checking = false;
  coordinator.error_key.clear();
  coordinator.tries_left = 0;
}

std::vector<Effect> SignIn(AppState& state) {
  CoordinatorState& coordinator = state.coordinator;
  Wipe(coordinator.new_pin);
  coordinator.signed_in =
      SignedInCoordinator{coordinator.chosen.id, coordinator.chosen.display_name};
  coordinator.view = CoordinatorView::kHome;
  coordinator.error_key.clear();
  coordinator.tries_left = 0;
  state.session.idle_limit_ms = kCoordinatorIdleMs - state.session.warning_ms;
  const std::string& id = coordinator.chosen.id;
  return {WriteAudit{id, kAuditSignIn, "coordinator", id}};
}

const char* RefusalKey(const CoordinatorChecked& action) {
  switch (action.outcome) {
    case CoordinatorCheck::kWrong:
      return action.by_pin ? kWrongPinKey : kWrongPassphraseKey;
    case CoordinatorCheck::kLocked:
      return kLockedKey;
    case CoordinatorCheck::kResetNeeded:
      return kResetKey;
    case CoordinatorCheck::kPassphraseNeeded:
      return kPassphraseNeededKey;
    case CoordinatorCheck::kNotSetUp:
    case CoordinatorCheck::kOk:
      break;
  }
  return kNotSetUpKey;
}

}  // namespace

// [SECTION] Choosing the account

std::vector<Effect> ReduceCoordinator(AppState& state, const OpenStaff&) {
  if (state.screen != Screen::kWelcome || state.session.asleep || state.assisted) {
    return {};
  }
  state.screen = Screen::kCoordinator;
  state.notice_key.clear();
  state.coordinator = CoordinatorState{};
  state.coordinator.loading = true;
  return {LoadCoordinators{state.center_id}};
}

std::vector<Effect> ReduceCoordinator(AppState& state, const CoordinatorsLoaded& action) {
  if (state.screen != Screen::kCoordinator || action.center_id != state.center_id) {
    return {};
  }
  state.coordinator.accounts = action.accounts;
  state.coordinator.loading = false;
  return {};
}

std::vector<Effect> ReduceCoordinator(AppState& state, const ChooseCoordinator& action) {
  CoordinatorState& coordinator = state.coordinator;
  if (!OnView(state, CoordinatorView::kChooseName) || coordinator.checking) {
    return {};
  }
  const auto found =
      std::find_if(coordinator.accounts.begin(), coordinator.accounts.end(),
                   [&](const CoordinatorCard& card) { return card.id == action.coordinator_id; });
  if (found == coordinator.accounts.end()) {
    return {};
  }
  coordinator.chosen = *found;
  coordinator.checking = true;
  coordinator.error_key.clear();
  return {LoadCoordinatorStep{found->id}};
}

std::vector<Effect> ReduceCoordinator(AppState& state, const CoordinatorStepLoaded& action) {
  CoordinatorState& coordinator = state.coordinator;
  if (!OnView(state, CoordinatorView::kChooseName) || !coordinator.checking ||
      action.coordinator_id != coordinator.chosen.id) {
    return {};
  }
  coordinator.checking = false;
  coordinator.view = action.pin ? CoordinatorView::kPin : CoordinatorView::kPassphrase;
  return {};
}

// [SECTION] Passphrase and PIN

std::vector<Effect> ReduceCoordinator(AppState& state, const SubmitPassphrase& action) {
  CoordinatorState& coordinator = state.coordinator;
  if (!OnView(state, CoordinatorView::kPassphrase) || coordinator.checking) {
    return {};
  }
  if (action.passphrase.empty()) {
    coordinator.error_key = kPassphraseEmptyKey;
    return {};
  }
  coordinator.checking = true;
  coordinator.error_key.clear();
  return {CheckCoordinatorPassphrase{coordinator.chosen.id, action.passphrase}};
}

std::vector<Effect> ReduceCoordinator(AppState& state, const SubmitCoordinatorPin& action) {
  CoordinatorState& coordinator = state.coordinator;
  const bool pin_view = OnView(state, CoordinatorView::kPin) ||
                        OnView(state, CoordinatorView::kChoosePin) ||
                        OnView(state, CoordinatorView::kConfirmPin);
  if (!pin_view || coordinator.checking) {
    return {};
  }
  if (!IsSixDigits(action.pin)) {
    coordinator.error_key = kPinLengthKey;  // nothing is counted or changed
    return {};
  }
  coordinator.error_key.clear();
  switch (coordinator.view) {
    case CoordinatorView::kChoosePin:
      coordinator.new_pin = action.pin;
      coordinator.view = CoordinatorView::kConfirmPin;
      return {};
    case CoordinatorView::kConfirmPin:
      if (action.pin != coordinator.new_pin) {
        Wipe(coordinator.new_pin);
        coordinator.view = CoordinatorView::kChoosePin;
        coordinator.error_key = kPinMismatchKey;
        return {};
      }
      Wipe(coordinator.new_pin);
      coordinator.checking = true;
      return {SetCoordinatorPin{coordinator.chosen.id, action.pin}};
    default:
      coordinator.checking = true;
      return {CheckCoordinatorPin{coordinator.chosen.id, action.pin}};
  }
}

std::vector<Effect> ReduceCoordinator(AppState& state, const UsePassphraseInstead&) {
  if (OnView(state, CoordinatorView::kPin) && !state.coordinator.checking) {
    state.coordinator.view = CoordinatorView::kPassphrase;
    state.coordinator.error_key.clear();
  }
  return {};
}

std::vector<Effect> ReduceCoordinator(AppState& state, const CoordinatorChecked& action) {
  CoordinatorState& coordinator = state.coordinator;
  const CoordinatorView expected =
      action.by_pin ? CoordinatorView::kPin : CoordinatorView::kPassphrase;
  if (!OnView(state, expected) || !coordinator.checking ||
      action.coordinator_id != coordinator.chosen.id) {
    return {};  // the person left the sign-in: never sign anyone in behind their back
  }
  coordinator.checking = false;
  std::vector<Effect> effects;
  if (action.locked_now) {
    effects.push_back(WriteAudit{"system", kAuditLockout, "coordinator", action.coordinator_id});
  }
  if (action.outcome == CoordinatorCheck::kOk) {
    if (!action.by_pin && !action.has_pin) {
      coordinator.view = CoordinatorView::kChoosePin;  // this kiosk has no PIN for them yet
      coordinator.error_key.clear();
      return effects;
    }
    return SignIn(state);
  }
  coordinator.error_key = RefusalKey(action);
  coordinator.tries_left = action.outcome == CoordinatorCheck::kWrong ? action.tries_left : 0;
  if (action.outcome == CoordinatorCheck::kPassphraseNeeded) {
    coordinator.view = CoordinatorView::kPassphrase;
  }
  return effects;
}

std::vector<Effect> ReduceCoordinator(AppState& state, const CoordinatorPinSet& action) {
  CoordinatorState& coordinator = state.coordinator;
  if (!OnView(state, CoordinatorView::kConfirmPin) || !coordinator.checking ||
      action.coordinator_id != coordinator.chosen.id) {
    return {};
  }
  coordinator.checking = false;
  if (!action.ok) {
    coordinator.view = CoordinatorView::kPassphrase;
    coordinator.error_key = kPassphraseNeededKey;
    return {};
  }
  return SignIn(state);
}

std::vector<Effect> ReduceCoordinator(AppState& state, const OpenCoordinatorTask& action) {
  CoordinatorState& coordinator = state.coordinator;
  if (state.screen != Screen::kCoordinator || !coordinator.signed_in ||
      coordinator.view != CoordinatorView::kHome || !IsCoordinatorTask(action.view) ||
      action.view == CoordinatorView::kHome) {
    return {};
  }
  coordinator.view = action.view;
  coordinator.error_key.clear();
  // Each task starts fresh and loads what it shows (its reducer's Open* function).
  switch (action.view) {
    case CoordinatorView::kRegister:
      return OpenRegister(state);
    case CoordinatorView::kFindPerson:
    case CoordinatorView::kPerson:
    case CoordinatorView::kPlan:
      return OpenFindPerson(state);
    case CoordinatorView::kAttendance:
      return OpenAttendance(state);
    case CoordinatorView::kInbox:
      return OpenInbox(state);
    case CoordinatorView::kLists:
      return OpenLists(state);
    case CoordinatorView::kDuplicates:
      return OpenDuplicates(state);
    default:
      return {};
  }
}

// [SECTION] Hooks

std::vector<Effect> OpenSyncPanel(AppState& state) {
  if (state.screen == Screen::kCoordinator && state.coordinator.signed_in &&
      state.coordinator.view == CoordinatorView::kHome) {
    state.screen = Screen::kStatus;
    state.notice_key.clear();
  }
  return {};
}

BackOutcome BackOnCoordinatorScreen(AppState& state) {
  CoordinatorState& coordinator = state.coordinator;
  if (state.screen == Screen::kStatus) {
    if (!coordinator.signed_in) {
      return BackOutcome::kGoHome;
    }
    state.screen = Screen::kCoordinator;
    coordinator.view = CoordinatorView::kHome;
    return BackOutcome::kHandled;
  }
  if (state.screen != Screen::kCoordinator) {
    return BackOutcome::kNotMine;
  }
  if (coordinator.signed_in && coordinator.view != CoordinatorView::kHome) {
    // A task's inner steps go back within the task (its reducer's Back* function, true when it
    // did); its first step goes back to the home.
    bool handled = false;
    switch (coordinator.view) {
      case CoordinatorView::kRegister:
        handled = BackInRegister(state);
        break;
      case CoordinatorView::kFindPerson:
      case CoordinatorView::kPerson:
        handled = BackInPerson(state);
        break;
      case CoordinatorView::kPlan:
        handled = BackInPlan(state);
        break;
      case CoordinatorView::kAttendance:
        handled = BackInAttendance(state);
        break;
      case CoordinatorView::kInbox:
        handled = BackInInbox(state);
        break;
      case CoordinatorView::kLists:
        handled = BackInLists(state);
        break;
      case CoordinatorView::kDuplicates:
        handled = BackInDuplicates(state);
        break;
      default:
        break;
    }
    if (!handled) {
      coordinator.view = CoordinatorView::kHome;
    }
    return BackOutcome::kHandled;
  }
  if (coordinator.signed_in || coordinator.view == CoordinatorView::kChooseName) {
    return BackOutcome::kGoHome;
  }
  BackToNames(coordinator);
  return BackOutcome::kHandled;
}

bool ShowsCoordinatorOnly(const AppState& state) {
  return state.screen == Screen::kStatus ||
         (state.screen == Screen::kCoordinator && IsCoordinatorTask(state.coordinator.view));
}

void FollowCoordinator(AppState& state, const Action& action, std::vector<Effect>& effects) {
  CoordinatorState& coordinator = state.coordinator;
  const bool on_coordinator_screen = state.screen == Screen::kCoordinator ||
                                     (state.screen == Screen::kStatus && coordinator.signed_in);
  if (coordinator.signed_in && HoldsMessage<SyncNowPressed>(action) &&
      std::any_of(effects.begin(), effects.end(),
                  [](const Effect& e) { return HoldsMessage<RunSyncNow>(e); })) {
    effects.push_back(WriteAudit{coordinator.signed_in->id, kAuditSyncNow, "", ""});
  }
  if (on_coordinator_screen || state.assisted) {
    return;
  }
  if (coordinator.signed_in) {
    const std::string id = coordinator.signed_in->id;
    effects.push_back(WriteAudit{id, kAuditSignOut, "coordinator", id});
    state.session.idle_limit_ms = SessionState{}.idle_limit_ms;
  }
  if (coordinator.signed_in || !coordinator.chosen.id.empty() || !coordinator.accounts.empty() ||
      coordinator.loading) {
    Wipe(coordinator.new_pin);
    WipePlanNotes(coordinator.person.plan);
    coordinator = CoordinatorState{};
  }
}

}  // namespace raida::kiosk
