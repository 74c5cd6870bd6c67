// The reducer's part for the coordinator's "Lists and export" task (CoordinatorView::kLists):
// the center's offerings, then for one of them the participants, the attendance sheet or the
// completions written as a CSV file (one "export.<kind>" audit entry per file asked for).
//
// reduce.cpp dispatches the actions of lists_actions.h here (see ListsAction);
// reduce_coordinator.cpp calls OpenLists when the home opens the task and BackInLists for GoBack
// on it. Only a signed-in coordinator on the task reaches any of it. Pure.
#pragma once

#include <concepts>
#include <vector>

#include "kiosk/state/actions.h"
#include "kiosk/state/app_state.h"
#include "kiosk/state/effects.h"

namespace raida::kiosk {

// Audit action names: "export.participants", "export.attendance", "export.completions".
std::string ListAuditAction(ListKind kind);

std::vector<Effect> ReduceLists(AppState& state, const ChooseListOffering& action);
std::vector<Effect> ReduceLists(AppState& state, const ExportList& action);
std::vector<Effect> ReduceLists(AppState& state, const ListOfferingsLoaded& action);
std::vector<Effect> ReduceLists(AppState& state, const ListExported& action);
std::vector<Effect> ReduceLists(AppState& state, const ListExportFailed& action);

template <typename A>
concept ListsAction = requires(AppState& state, const A& action) {
  { ReduceLists(state, action) } -> std::same_as<std::vector<Effect>>;
};

// The home's "Lists and export": starts the task afresh and asks for this center's offerings.
std::vector<Effect> OpenLists(AppState& state);

// GoBack on the task: an offering -> the offerings; false on the offerings (the home).
bool BackInLists(AppState& state);

}  // namespace raida::kiosk
