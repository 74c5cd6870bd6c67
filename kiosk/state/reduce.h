// Reduce: the only place that changes AppState. Pure: no I/O, no clock, no globals; work that
// touches storage or the network is returned as effects for the EffectRunner.
#pragma once

#include <vector>

#include "kiosk/state/actions.h"
#include "kiosk/state/app_state.h"
#include "kiosk/state/effects.h"

namespace raida::kiosk {

std::vector<Effect> Reduce(AppState& state, const Action& action);

}  // namespace raida::kiosk
