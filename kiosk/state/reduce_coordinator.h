// The reducer's part for coordinator mode: the sign-in (name, passphrase on first use each day, a
// PIN for quick re-entry, a new PIN chosen for this kiosk), the coordinator home, the sync panel
// (the status screen) behind the sign-in, the 5-minute idle sign-out and the audit entries of
// sign-in, sign-out, lockout and "Sync now".
//
// reduce.cpp dispatches the actions of coordinator_actions.h here (see CoordinatorAction), asks
// OpenSyncPanel for OpenStatus and BackOnCoordinatorScreen for GoBack, and runs
// FollowCoordinator after every action. Pure, like the rest of the reducer.
#pragma once

#include <concepts>
#include <cstdint>
#include <vector>

#include "kiosk/state/actions.h"
#include "kiosk/state/app_state.h"
#include "kiosk/state/effects.h"
#include "kiosk/state/reduce_resident.h"

namespace raida::kiosk {

// A signed-in coordinator is signed out after this long without a touch: the resident idle
// machinery's "Are you still there?" comes up 30 s before (UX-16, SEC-12).
inline constexpr int64_t kCoordinatorIdleMs = 5 * 60 * 1000;

// Audit action names (AuditEntry::action); entries carry ids only.
inline constexpr const char* kAuditSignIn = "coordinator.sign_in";
inline constexpr const char* kAuditSignOut = "coordinator.sign_out";
inline constexpr const char* kAuditLockout = "coordinator.lockout";
inline constexpr const char* kAuditSyncNow = "sync.now";
inline constexpr const char* kAuditAssistedStart = "person.assisted_start";  // record: the person
inline constexpr const char* kAuditAssistedEnd = "person.assisted_end";

// [SECTION] Actions handled here

std::vector<Effect> ReduceCoordinator(AppState& state, const OpenStaff& action);
std::vector<Effect> ReduceCoordinator(AppState& state, const CoordinatorsLoaded& action);
std::vector<Effect> ReduceCoordinator(AppState& state, const ChooseCoordinator& action);
std::vector<Effect> ReduceCoordinator(AppState& state, const CoordinatorStepLoaded& action);
std::vector<Effect> ReduceCoordinator(AppState& state, const SubmitPassphrase& action);
std::vector<Effect> ReduceCoordinator(AppState& state, const SubmitCoordinatorPin& action);
std::vector<Effect> ReduceCoordinator(AppState& state, const UsePassphraseInstead& action);
std::vector<Effect> ReduceCoordinator(AppState& state, const CoordinatorChecked& action);
std::vector<Effect> ReduceCoordinator(AppState& state, const CoordinatorPinSet& action);
std::vector<Effect> ReduceCoordinator(AppState& state, const OpenCoordinatorTask& action);

template <typename A>
concept CoordinatorAction = requires(AppState& state, const A& action) {
  { ReduceCoordinator(state, action) } -> std::same_as<std::vector<Effect>>;
};

// [SECTION] Hooks called from reduce.cpp

// OpenStatus: the sync panel opens from the coordinator home only (a signed-in coordinator).
std::vector<Effect> OpenSyncPanel(AppState& state);

// GoBack on a coordinator screen: a sign-in step goes back to the names, the names and the home
// leave coordinator mode (kGoHome), the sync panel goes back to the home.
BackOutcome BackOnCoordinatorScreen(AppState& state);

// After every action: when the screen is no longer a coordinator screen (GoHome, the idle
// timeout, a fault) and no assisted session is under way (reduce.cpp: StartAssistedSession),
// the coordinator is signed out (one sign-out audit entry), the sign-in is
// forgotten and the resident idle limit comes back; "Sync now" by a signed-in coordinator that
// started a sync appends its audit entry.
void FollowCoordinator(AppState& state, const Action& action, std::vector<Effect>& effects);

// True on the screens only a signed-in coordinator reaches (the home and the sync panel).
bool ShowsCoordinatorOnly(const AppState& state);

}  // namespace raida::kiosk
