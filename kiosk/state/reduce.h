// Reduce: the only place that changes AppState. Pure: no I/O, no clock, no globals; work that
// touches storage or the network is returned as effects for the EffectRunner.
#pragma once

#include <vector>

#include "kiosk/state/actions.h"
#include "kiosk/state/app_state.h"
#include "kiosk/state/effects.h"

namespace raida::kiosk {

// Applies `action` to `state` and returns the effects to run, in order (often none).
// Actions that make no sense on the current screen, and worker results that no longer answer
// what is shown (another screen, course or language), leave the state unchanged.
// GoHome and FaultOccurred clear everything personal: person, card error, chosen offering and
// needs, last sign-up, open course and notice.
// SyncStatusChanged with data_changed reloads what the current screen shows from the database
// (LoadCatalog when a catalog was loaded, LoadCourse for the open course); SyncNowPressed and a
// saved sign-up on a provisioned kiosk return RunSyncNow.
std::vector<Effect> Reduce(AppState& state, const Action& action);

}  // namespace raida::kiosk
