// CoordinatorStorage: the storage work of coordinator mode on the EffectRunner's storage lane —
// the center's accounts, the sign-in checks (core::CoordinatorAuth with this kiosk's pepper), a
// new PIN, and audit entries. Secrets are overwritten after use; nothing is logged but ids and
// outcomes.
#pragma once

#include <optional>
#include <string>
#include <utility>

#include "kiosk/state/actions.h"
#include "kiosk/state/effects.h"
#include "raida/core/person_repository.h"
#include "raida/core/result.h"

namespace raida::core {
class Store;
}

namespace raida::kiosk {

class CoordinatorStorage {
 public:
  // `pepper_path` is the kiosk's pepper file (the resident PINs' one, resident_effects.h; read
  // or created on first need); `cost` is the Argon2id cost of a new PIN.
  explicit CoordinatorStorage(std::string pepper_path,
                              core::PinHashCost cost = core::PinHashCost::Moderate())
      : pepper_path_(std::move(pepper_path)), cost_(cost) {}

  // The action to post for `effect` (none for WriteAudit), or the storage error (a fault).
  core::Result<std::optional<Action>> Run(core::Store& store, const LoadCoordinators& effect);
  core::Result<std::optional<Action>> Run(core::Store& store, const LoadCoordinatorStep& effect);
  core::Result<std::optional<Action>> Run(core::Store& store,
                                          const CheckCoordinatorPassphrase& effect);
  core::Result<std::optional<Action>> Run(core::Store& store, const CheckCoordinatorPin& effect);
  core::Result<std::optional<Action>> Run(core::Store& store, const SetCoordinatorPin& effect);
  core::Result<std::optional<Action>> Run(core::Store& store, const WriteAudit& effect);

 private:
  core::Result<std::string> Pepper();

  std::string pepper_path_;
  core::PinHashCost cost_;
  std::optional<std::string> pepper_;
};

}  // namespace raida::kiosk
