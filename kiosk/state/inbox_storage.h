// InboxStorage: the sign-up inbox's storage work on the EffectRunner's storage lane — reading this
// center's requests, seats and sync conflicts, and saving a coordinator's decision with its one
// audit entry in one transaction. The log gets enrollment ids and outcomes only, never a name or
// a need.
#pragma once

#include <optional>

#include "kiosk/state/actions.h"
#include "kiosk/state/effects.h"
#include "raida/core/result.h"

namespace raida::core {
class Store;
}

namespace raida::kiosk {

class InboxStorage {
 public:
  // The action to post for `effect`, or the storage error (a fault). A refused decision is not
  // an error: it is an InboxSaved with its error key, and nothing was changed.
  core::Result<std::optional<Action>> Run(core::Store& store, const LoadInbox& effect);
  core::Result<std::optional<Action>> Run(core::Store& store, const SaveInboxDecision& effect);
};

}  // namespace raida::kiosk
