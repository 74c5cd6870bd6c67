// Effects of the "Lists and export" task, answered on the EffectRunner's storage lane by
// ListsStorage (lists_storage.h).
#pragma once

#include <concepts>
#include <string>

#include "kiosk/state/lists_actions.h"

namespace raida::kiosk {

// -> ListOfferingsLoaded: `center_id`'s offerings (not cancelled), course titles in `language`:
// those running on `today` first, then the coming ones (soonest first), then the ended ones
// (latest first).
struct LoadListOfferings {
  std::string center_id;
  std::string language;
  std::string today;  // "2026-11-23"
};
// -> ListExported, or ListExportFailed.
struct WriteList {
  std::string offering_id;
  ListKind kind = ListKind::kParticipants;
};

template <typename E>
concept ListsEffect = std::same_as<E, LoadListOfferings> || std::same_as<E, WriteList>;

}  // namespace raida::kiosk
