// CoordinatorUi: the transient widget state of the coordinator screens — the passphrase as it is
// typed, the number pad's digits and the list's scroll. Wiped when the step changes, after each
// submit and at sign-out (ResetRootUi), so no secret lingers in the UI.
#pragma once

#include <string>

#include "kiosk/state/coordinator_state.h"
#include "kiosk/ui/widgets.h"

namespace raida::kiosk {

struct CoordinatorUi {
  PagedScroll list;        // the names, or the home's tasks
  PagedScroll text;        // the words beside the number pad
  PadState pad;            // a PIN as it is typed
  std::string passphrase;  // the passphrase as it is typed (shown as dots)
  CoordinatorView shown_view = CoordinatorView::kChooseName;
  std::string shown_error;
};

}  // namespace raida::kiosk
