// AttendanceRig: a kiosk database (in memory) with one center, one course offering and its
// sessions — today (started), later today (not started), yesterday, 20 days ago and tomorrow —
// `seats` people with a confirmed seat, one with a sign-up request only, one cancelled, three
// more of the center with no sign-up and one of another center; and the attendance task's real
// storage work (AttendanceStorage, and CoordinatorStorage for the audit entries) run in line: an
// action is reduced, the attendance and audit effects it returns run against the store, and their
// results are reduced in turn. Used by the reducer/storage tests and the headless UI tests.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "kiosk/state/actions.h"
#include "kiosk/state/app_state.h"
#include "kiosk/state/attendance_storage.h"
#include "kiosk/state/coordinator_storage.h"
#include "kiosk/state/effects.h"
#include "raida/core/clock.h"
#include "raida/core/store.h"

namespace raida::kiosk::testing {

inline constexpr const char* kAttendCenter = "center.test";
inline constexpr const char* kAttendOffering = "offering.test";
inline constexpr const char* kAttendCoordinator = "coordinator.test.1";
inline constexpr const char* kSessionToday = "offering.test.today";        // today, started
inline constexpr const char* kSessionLater = "offering.test.later";        // today, not started
inline constexpr const char* kSessionYesterday = "offering.test.yesterday";
inline constexpr const char* kSessionOld = "offering.test.old";            // 20 days ago
inline constexpr const char* kSessionTomorrow = "offering.test.tomorrow";
inline constexpr const char* kRequestedPerson = "person.test.requested";
inline constexpr const char* kCancelledPerson = "person.test.cancelled";
inline constexpr const char* kOtherCenterPerson = "person.test.elsewhere";

// The id of the i-th person with a seat (0-based) and of the i-th without a sign-up.
std::string SeatPersonId(int i);
std::string SparePersonId(int i);
inline constexpr int kSpares = 3;

class AttendanceRig {
 public:
  explicit AttendanceRig(int seats = 20);

  core::Store& store() { return *store_; }
  core::ManualClock& clock() { return clock_; }

  // Reduces `action`, runs the attendance and audit effects it returns and reduces their
  // results, until nothing is left. Returns every effect returned on the way.
  std::vector<Effect> Dispatch(AppState& state, const Action& action);
  // Runs the effects (as the EffectRunner would) and reduces their results into `state`.
  void RunAll(AppState& state, const std::vector<Effect>& effects);

  int64_t Count(const std::string& sql);

 private:
  void Seed(int seats);
  std::vector<Action> Run(const Effect& effect);

  core::ManualClock clock_{1'795'435'200'000, 1'000'000};  // 2026-11-23 (about noon)
  std::unique_ptr<core::Store> store_;
  AttendanceStorage attendance_;
  CoordinatorStorage coordinators_{"/nonexistent/pepper"};  // audit entries only
};

// A state on the coordinator home of kAttendCenter in `language`, signed in as
// kAttendCoordinator.
AppState OnCoordinatorHome(const std::string& language);

}  // namespace raida::kiosk::testing
