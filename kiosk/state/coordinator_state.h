// CoordinatorState: what the coordinator-mode screens show — the sign-in (name, passphrase, PIN,
// a new PIN chosen for this kiosk) and who is signed in. Part of AppState; changed only by the
// reducer (reduce_coordinator.h). Nothing here is a resident's personal data; the coordinator's
// display name is shown only on coordinator screens and forgotten at sign-out.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/state/attendance_state.h"
#include "kiosk/state/duplicates_state.h"
#include "kiosk/state/inbox_state.h"
#include "kiosk/state/lists_state.h"
#include "kiosk/state/person_state.h"
#include "kiosk/state/register_state.h"

namespace raida::kiosk {

// Coordinator sign-in and home, as steps of the one Screen::kCoordinator.
enum class CoordinatorView {
  kChooseName,  // the center's coordinators, one big button each
  kPassphrase,  // the passphrase on the on-screen keyboard (first use each day)
  kPin,         // the PIN on the number pad (within 12 h of the passphrase, same day)
  kChoosePin,   // no PIN on this kiosk yet: choose 6 digits ...
  kConfirmPin,  // ... and type them again
  kHome,        // signed in: the coordinator's tasks
  // The tasks, opened from the home (OpenCoordinatorTask) by a signed-in coordinator only; each
  // has its own state below and its own reducer, storage and screen files.
  kRegister,    // register a resident: one question per step, consent per purpose (register_*)
  kFindPerson,  // find a person of this center by name, then their record (person_*)
  kPerson,      // one person's record: consents, courses, certificates, self-assessment (person_*)
  kPlan,        // that person's individual action plan: goals, steps, print (plan_*)
  kInbox,       // sign-up requests grouped by course session (inbox_*)
  kAttendance,  // a session's roster with one tap per person (attendance_*)
  kLists,       // lists of an offering written as CSV files (lists_*)
  kDuplicates,  // pairs of this center's people who may be one, and their merge (duplicates_*)
};

// True for the views only a signed-in coordinator reaches (the home and the tasks).
inline bool IsCoordinatorTask(CoordinatorView view) { return view >= CoordinatorView::kHome; }

// An account the sign-in offers (this center's active coordinators).
struct CoordinatorCard {
  std::string id;
  std::string display_name;
};

struct SignedInCoordinator {
  std::string id;
  std::string display_name;
};

struct CoordinatorState {
  CoordinatorView view = CoordinatorView::kChooseName;
  std::vector<CoordinatorCard> accounts;
  bool loading = false;    // the list of accounts is on its way
  CoordinatorCard chosen;  // the account signing in ("" id before a name is picked)
  bool checking = false;   // a passphrase or PIN is being checked: the keys wait
  std::string error_key;   // translation key of the last problem ("coord.error.*"), ""
  int tries_left = 0;      // with coord.error.wrong_*: attempts before the lock
  std::string new_pin;     // kConfirmPin: the first typing of the new PIN (wiped on leaving)
  std::optional<SignedInCoordinator> signed_in;
  RegisterState registration;  // kRegister (reduce_register.h)
  AttendanceState attendance;  // kAttendance (reduce_attendance.h)
  ListsState lists;            // kLists (reduce_lists.h)
  InboxState inbox;            // kInbox (reduce_inbox.h)
  PersonState person;          // kFindPerson, kPerson, kPlan (reduce_person.h, reduce_plan.h)
  DuplicatesState duplicates;  // kDuplicates (reduce_duplicates.h)
};

}  // namespace raida::kiosk
