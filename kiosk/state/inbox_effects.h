// Effects of the sign-up inbox, answered on the EffectRunner's storage lane by InboxStorage
// (inbox_storage.h).
#pragma once

#include <concepts>
#include <string>

#include "kiosk/state/inbox_actions.h"

namespace raida::kiosk {

// -> InboxLoaded: this center's offerings with their seats, the requests (requested or
// waitlisted, at offerings that have not ended and are not cancelled) and the conflicts of the
// last syncs.
struct LoadInbox {
  std::string center_id;
  std::string today;  // "2026-11-23"
};
// Saves one decision in ONE transaction with its audit entry (actor, "enrollment.<decision>",
// table enrollment, the enrollment id): Confirm/Waitlist/Cancel set the status with the reason;
// Move cancels here and requests the same needs at `move_to`. Checked again against the
// database first (a seat left, the target still open, the sign-up not changed meanwhile): a
// refusal changes nothing. -> InboxSaved.
struct SaveInboxDecision {
  std::string actor_id;  // the signed-in coordinator
  std::string center_id;
  std::string enrollment_id;
  InboxDecision decision = InboxDecision::kConfirm;
  std::string reason;   // "<decision>.<code>", e.g. "confirm.seat_free"
  std::string move_to;  // kMove only
  std::string today;
};

template <typename E>
concept InboxEffect = std::same_as<E, LoadInbox> || std::same_as<E, SaveInboxDecision>;

}  // namespace raida::kiosk
