// The reducer's part for the resident's own screens and the visit around them: help, settings,
// the catalog's category filter and search, sign-in with a PIN, "My courses" with cancel and
// undo, and session hygiene (the idle timer, "Are you still there?", sign-out with a draft).
//
// reduce.cpp dispatches the actions declared here to ReduceResident() (one overload per action;
// see ResidentAction) and calls the hooks below from its own handlers. Everything stays pure:
// time comes in as Tick and UserActivity actions carrying the platform's monotonic clock.
#pragma once

#include <concepts>
#include <cstdint>
#include <vector>

#include "kiosk/state/actions.h"
#include "kiosk/state/app_state.h"
#include "kiosk/state/effects.h"

namespace raida::kiosk {

// How long "Undo" stays after a cancellation (AppState::now_ms's clock).
inline constexpr int64_t kUndoCancelMs = 30'000;
// "I need more time" multiplies the idle limit by this (UX-15: ×5, 10 minutes).
inline constexpr int64_t kMoreTimeFactor = 5;

// Notice keys the resident's reducer shows.
inline constexpr const char* kAskCoordinatorKey = "signin.ask_coordinator.notice";
inline constexpr const char* kWrongPinKey = "signin.error.wrong_pin";
inline constexpr const char* kPinLockedKey = "signin.error.pin_locked";
inline constexpr const char* kPinResetKey = "signin.error.pin_reset";
inline constexpr const char* kCancelFailedKey = "mycourses.error.cancel";
inline constexpr const char* kUndoFailedKey = "mycourses.error.undo";

// [SECTION] Actions handled here (each returns the effects to run)

std::vector<Effect> ReduceResident(AppState& state, const OpenHelp& action);
std::vector<Effect> ReduceResident(AppState& state, const OpenMyCourses& action);
std::vector<Effect> ReduceResident(AppState& state, const OpenSettings& action);
std::vector<Effect> ReduceResident(AppState& state, const AskCoordinator& action);
std::vector<Effect> ReduceResident(AppState& state, const SubmitPin& action);
std::vector<Effect> ReduceResident(AppState& state, const SignInNeedsPin& action);
std::vector<Effect> ReduceResident(AppState& state, const ChooseCategory& action);
std::vector<Effect> ReduceResident(AppState& state, const OpenSearch& action);
std::vector<Effect> ReduceResident(AppState& state, const SearchTextChanged& action);
std::vector<Effect> ReduceResident(AppState& state, const CloseSearch& action);
std::vector<Effect> ReduceResident(AppState& state, const ClearSearch& action);
std::vector<Effect> ReduceResident(AppState& state, const CatalogSearched& action);
std::vector<Effect> ReduceResident(AppState& state, const MyCoursesLoaded& action);
std::vector<Effect> ReduceResident(AppState& state, const AskCancel& action);
std::vector<Effect> ReduceResident(AppState& state, const AnswerCancel& action);
std::vector<Effect> ReduceResident(AppState& state, const CancelDone& action);
std::vector<Effect> ReduceResident(AppState& state, const UndoCancel& action);
std::vector<Effect> ReduceResident(AppState& state, const UndoDone& action);
std::vector<Effect> ReduceResident(AppState& state, const SetTextSize& action);
std::vector<Effect> ReduceResident(AppState& state, const SetHighContrast& action);
std::vector<Effect> ReduceResident(AppState& state, const SetMoreTime& action);
std::vector<Effect> ReduceResident(AppState& state, const ContinueSession& action);
std::vector<Effect> ReduceResident(AppState& state, const WakeUp& action);
std::vector<Effect> ReduceResident(AppState& state, const UserActivity& action);

// The actions above: reduce.cpp forwards each of them here.
template <typename A>
concept ResidentAction = requires(AppState& state, const A& action) {
  { ReduceResident(state, action) } -> std::same_as<std::vector<Effect>>;
};

// [SECTION] Hooks called from reduce.cpp's handlers

// GoHome and FaultOccurred, after the core personal fields are cleared: forgets everything else
// of the visit (sign-in step and card, search, my courses, the idle warning) and puts the
// per-visit settings back (language, text size, contrast, more time). A pending undo offer ends,
// so a provisioned kiosk syncs the cancellation now (RunSyncNow).
std::vector<Effect> EndVisit(AppState& state);

// GoBack on a screen of this file (help, settings, my courses, the PIN step or a sign-in begun
// for "My courses", the catalog's keyboard).
enum class BackOutcome {
  kNotMine,  // reduce.cpp handles it as before
  kHandled,  // done, nothing to run
  kGoHome,   // the visit ends: reduce.cpp runs GoHome
};
BackOutcome BackOnResidentScreen(AppState& state);

// A person signed in (or was refused): the PIN step, errors, the restored draft and where a
// successful sign-in leads (the sign-up, "My courses", or the course).
std::vector<Effect> FinishSignIn(AppState& state, const SignInDone& action);

// Reloads what the resident's screens show after a language change or pulled changes ("My
// courses" statuses may have been decided by the district office).
std::vector<Effect> ReloadResidentData(AppState& state);

// The clock moved: undo offers expire, an idle welcome screen falls asleep (and forgets the
// visit's settings), 120 s without a touch elsewhere bring "Are you still there?", whose 30 s
// countdown ends the visit. `expired` is set when the visit must end now: reduce.cpp then runs
// GoHome and puts the welcome screen to sleep. A half-filled sign-up is saved as a draft.
struct TickResult {
  std::vector<Effect> effects;
  bool expired = false;
};
TickResult ReduceTick(AppState& state, const Tick& action);

// True when a Tick at `now_ms` would change anything (the loop sends only those, so an idle
// kiosk does not redraw every second).
bool TickDue(const AppState& state, int64_t now_ms);

}  // namespace raida::kiosk
