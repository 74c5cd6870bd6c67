// Actions of coordinator mode (reduced by reduce_coordinator.h). The sign-out is GoHome (the
// home's "Sign out" dispatches it, and a timeout or a fault runs it too); the sync panel is the
// status screen, opened with OpenStatus by a signed-in coordinator only.
#pragma once

#include <string>
#include <vector>

#include "kiosk/state/coordinator_state.h"

namespace raida::kiosk {

// [SECTION] Person-caused

struct OpenStaff {};  // welcome: "Staff" -> the coordinator sign-in
struct ChooseCoordinator {
  std::string coordinator_id;
};
struct SubmitPassphrase {
  std::string passphrase;
};
// Digits from the number pad: the PIN, a new PIN or its confirmation, as the view asks.
struct SubmitCoordinatorPin {
  std::string pin;
};
struct UsePassphraseInstead {};  // the PIN step: "Use my passphrase"
// The home: a task's big button (view is one of the tasks, IsCoordinatorTask and not kHome).
struct OpenCoordinatorTask {
  CoordinatorView view = CoordinatorView::kHome;
};
// A person's record: "Open the kiosk for this person" opens the resident's own screens for that
// person, with the coordinator beside them (an assisted session, SEC-9), until "Finish helping"
// (EndAssistedSession) brings the coordinator back to the record. Both are audited with the
// person's id.
struct StartAssistedSession {};
struct EndAssistedSession {};  // the assisted session's banner, on every resident screen

// [SECTION] Worker results

struct CoordinatorsLoaded {
  std::string center_id;
  std::vector<CoordinatorCard> accounts;
};
// What the chosen account is asked for on this kiosk now.
struct CoordinatorStepLoaded {
  std::string coordinator_id;
  bool pin = false;  // true: the PIN (a passphrase was accepted here today, < 12 h ago)
};

enum class CoordinatorCheck { kOk, kWrong, kLocked, kResetNeeded, kNotSetUp, kPassphraseNeeded };

// A passphrase or PIN check finished.
struct CoordinatorChecked {
  std::string coordinator_id;
  bool by_pin = false;
  CoordinatorCheck outcome = CoordinatorCheck::kNotSetUp;
  int tries_left = 0;
  bool locked_now = false;  // this attempt locked the account (audit: one lockout entry)
  bool has_pin = false;     // a passphrase was accepted and the account has a PIN here
};
// A new PIN was saved (ok) or refused (the passphrase window closed meanwhile).
struct CoordinatorPinSet {
  std::string coordinator_id;
  bool ok = false;
};

}  // namespace raida::kiosk
