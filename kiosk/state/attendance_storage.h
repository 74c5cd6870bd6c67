// AttendanceStorage: the attendance task's work on the EffectRunner's storage lane — this
// center's recent sessions with their counts, a session's roster, the center's other people, and
// one mark at a time through core::AttendanceRepository (which writes the sync outbox).
//
// Each Run answers one effect with the action to post (or none). An Error means the storage
// itself failed (the runner shows the fault screen); a mark refused for a reason the coordinator
// can act on (the session has not started yet, a record is gone) is AttendanceMarkFailed. The log
// gets ids and counts only, never a name or a mark.
#pragma once

#include <concepts>
#include <optional>

#include "kiosk/state/actions.h"
#include "kiosk/state/effects.h"
#include "raida/core/result.h"

namespace raida::core {
class Store;
}

namespace raida::kiosk {

// How far back the first step lists sessions (days before today).
inline constexpr int kAttendanceDaysBack = 14;

class AttendanceStorage {
 public:
  core::Result<std::optional<Action>> Run(core::Store& store, const LoadAttendanceSessions& effect);
  core::Result<std::optional<Action>> Run(core::Store& store, const LoadAttendanceRoster& effect);
  core::Result<std::optional<Action>> Run(core::Store& store,
                                          const LoadAttendanceCandidates& effect);
  core::Result<std::optional<Action>> Run(core::Store& store, const MarkAttendance& effect);
};

// The effects AttendanceStorage runs (the EffectRunner routes them there).
template <typename E>
concept AttendanceEffect = requires(AttendanceStorage& storage, core::Store& store,
                                    const E& effect) {
  { storage.Run(store, effect) } -> std::same_as<core::Result<std::optional<Action>>>;
};

}  // namespace raida::kiosk
