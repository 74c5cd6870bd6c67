// The coordinator's "Lists and export" task; see reduce_lists.h.
#include "kiosk/state/reduce_lists.h"

#include <algorithm>
#include <string>

namespace raida::kiosk {
namespace {

// The task's state when a signed-in coordinator is on it, else nullptr.
ListsState* OnLists(AppState& state) {
  CoordinatorState& coordinator = state.coordinator;
  if (state.screen != Screen::kCoordinator || !coordinator.signed_in ||
      coordinator.view != CoordinatorView::kLists) {
    return nullptr;
  }
  return &coordinator.lists;
}

}  // namespace

std::string ListAuditAction(ListKind kind) { return std::string("export.") + ListKindName(kind); }

std::vector<Effect> OpenLists(AppState& state) {
  ListsState& lists = state.coordinator.lists;
  lists = ListsState{};
  lists.loading = true;
  return {LoadListOfferings{state.center_id, state.language, state.today}};
}

bool BackInLists(AppState& state) {
  ListsState* lists = OnLists(state);
  if (lists == nullptr || lists->step == ListsStep::kOfferings) {
    return false;
  }
  lists->step = ListsStep::kOfferings;
  lists->chosen_id.clear();
  lists->written_path.clear();
  lists->error_key.clear();
  return true;
}

std::vector<Effect> ReduceLists(AppState& state, const ListOfferingsLoaded& action) {
  if (ListsState* lists = OnLists(state)) {
    lists->offerings = action.offerings;
    lists->loading = false;
  }
  return {};
}

std::vector<Effect> ReduceLists(AppState& state, const ChooseListOffering& action) {
  ListsState* lists = OnLists(state);
  if (lists == nullptr || lists->step != ListsStep::kOfferings ||
      std::none_of(lists->offerings.begin(), lists->offerings.end(),
                   [&](const ListOffering& o) { return o.id == action.offering_id; })) {
    return {};
  }
  lists->step = ListsStep::kOffering;
  lists->chosen_id = action.offering_id;
  lists->written_path.clear();
  lists->error_key.clear();
  return {};
}

std::vector<Effect> ReduceLists(AppState& state, const ExportList& action) {
  ListsState* lists = OnLists(state);
  if (lists == nullptr || lists->step != ListsStep::kOffering || lists->writing) {
    return {};
  }
  lists->writing = true;
  lists->error_key.clear();
  return {WriteList{lists->chosen_id, action.kind},
          WriteAudit{state.coordinator.signed_in->id, ListAuditAction(action.kind),
                     "course_offering", lists->chosen_id}};
}

std::vector<Effect> ReduceLists(AppState& state, const ListExported& action) {
  ListsState* lists = OnLists(state);
  if (lists == nullptr || lists->chosen_id != action.offering_id) {
    return {};
  }
  lists->writing = false;
  lists->written_path = action.path;
  lists->written_kind = action.kind;
  lists->written_rows = action.rows;
  return {};
}

std::vector<Effect> ReduceLists(AppState& state, const ListExportFailed& action) {
  ListsState* lists = OnLists(state);
  if (lists == nullptr || lists->chosen_id != action.offering_id) {
    return {};
  }
  lists->writing = false;
  lists->written_path.clear();
  lists->error_key = "lists.error.not_written";
  return {};
}

}  // namespace raida::kiosk
