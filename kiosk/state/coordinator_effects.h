// Effects of coordinator mode (answered on the EffectRunner's storage lane by CoordinatorStorage,
// coordinator_storage.h). Secrets travel only inside the check effects.
#pragma once

#include <concepts>
#include <string>

#include "kiosk/state/coordinator_actions.h"

namespace raida::kiosk {

// -> CoordinatorsLoaded with the center's active accounts, by name.
struct LoadCoordinators {
  std::string center_id;
};
// -> CoordinatorStepLoaded.
struct LoadCoordinatorStep {
  std::string coordinator_id;
};
// -> CoordinatorChecked (by_pin = false).
struct CheckCoordinatorPassphrase {
  std::string coordinator_id;
  std::string passphrase;
};
// -> CoordinatorChecked (by_pin = true).
struct CheckCoordinatorPin {
  std::string coordinator_id;
  std::string pin;
};
// -> CoordinatorPinSet.
struct SetCoordinatorPin {
  std::string coordinator_id;
  std::string pin;
};
// Appends one audit entry (ids and an action name only; no result action).
struct WriteAudit {
  std::string actor_id;
  std::string action;  // "coordinator.sign_in", "coordinator.sign_out", "coordinator.lockout", ...
  std::string record_table;
  std::string record_id;
};

template <typename E>
concept CoordinatorEffect =
    std::same_as<E, LoadCoordinators> || std::same_as<E, LoadCoordinatorStep> ||
    std::same_as<E, CheckCoordinatorPassphrase> || std::same_as<E, CheckCoordinatorPin> ||
    std::same_as<E, SetCoordinatorPin> || std::same_as<E, WriteAudit>;

}  // namespace raida::kiosk
