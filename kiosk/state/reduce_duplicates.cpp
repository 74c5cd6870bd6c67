// "Possible duplicates" in the reducer (see reduce_duplicates.h).
//
// Every action checks that a signed-in coordinator is on the view and step it belongs to, so a
// resident (or a late worker result after a sign-out) changes nothing.
#include "kiosk/state/reduce_duplicates.h"

#include <algorithm>

namespace raida::kiosk {
namespace {

constexpr const char* kNoticeGone = "dups.notice.gone";

bool OnDuplicates(const AppState& state) {
  return state.screen == Screen::kCoordinator && state.coordinator.signed_in &&
         state.coordinator.view == CoordinatorView::kDuplicates;
}

// The task's state when the coordinator is on `step` and nothing is on its way.
DuplicatesState* Idle(AppState& state, DuplicatesStep step) {
  DuplicatesState& dups = state.coordinator.duplicates;
  if (!OnDuplicates(state) || dups.step != step || dups.loading || dups.busy) {
    return nullptr;
  }
  return &dups;
}

bool Names(const DuplicatePair& pair, const std::string& id) {
  return pair.first.id == id || pair.second.id == id;
}

// Back to the list, forgetting the pair.
void ToList(DuplicatesState& dups) {
  dups.step = DuplicatesStep::kList;
  dups.chosen.reset();
  dups.keep_id.clear();
  dups.busy = false;
}

}  // namespace

const DuplicatePerson* PersonOfPair(const DuplicatePair& pair, const std::string& id) {
  return pair.first.id == id ? &pair.first : pair.second.id == id ? &pair.second : nullptr;
}

const DuplicatePerson* OtherOfPair(const DuplicatePair& pair, const std::string& keep_id) {
  return pair.first.id == keep_id    ? &pair.second
         : pair.second.id == keep_id ? &pair.first
                                     : nullptr;
}

// [SECTION] Hooks

std::vector<Effect> OpenDuplicates(AppState& state) {
  if (!state.coordinator.signed_in) {
    return {};
  }
  state.coordinator.view = CoordinatorView::kDuplicates;
  state.coordinator.duplicates = DuplicatesState{};
  state.coordinator.duplicates.loading = true;
  return {LoadDuplicates{state.center_id}};
}

bool BackInDuplicates(AppState& state) {
  DuplicatesState& dups = state.coordinator.duplicates;
  if (state.coordinator.view != CoordinatorView::kDuplicates) {
    return false;
  }
  if (dups.busy) {
    return true;  // a change on its way: stay until it has been answered
  }
  switch (dups.step) {
    case DuplicatesStep::kConfirm:
      dups.step = DuplicatesStep::kPair;
      dups.keep_id.clear();
      return true;
    case DuplicatesStep::kDone: {
      // The merged person is no longer live here: every pair naming them goes.
      const DuplicatePerson* merged =
          dups.chosen ? OtherOfPair(*dups.chosen, dups.keep_id) : nullptr;
      const std::string merged_id = merged ? merged->id : "";
      std::erase_if(dups.pairs, [&](const DuplicatePair& pair) { return Names(pair, merged_id); });
      ToList(dups);
      return true;
    }
    case DuplicatesStep::kPair:
      ToList(dups);
      return true;
    case DuplicatesStep::kList:
      return false;
  }
  return false;
}

// [SECTION] The coordinator's choices

std::vector<Effect> ReduceDuplicates(AppState& state, const ChooseDuplicatePair& action) {
  DuplicatesState* dups = Idle(state, DuplicatesStep::kList);
  if (!dups) {
    return {};
  }
  const auto found = std::find_if(dups->pairs.begin(), dups->pairs.end(), [&](const auto& pair) {
    return pair.first.id == action.first_id && pair.second.id == action.second_id;
  });
  if (found == dups->pairs.end()) {
    return {};
  }
  dups->chosen = *found;
  dups->step = DuplicatesStep::kPair;
  dups->notice_key.clear();
  const std::string& coordinator = state.coordinator.signed_in->id;
  return {WriteAudit{coordinator, kAuditPersonCompare, "person", found->first.id},
          WriteAudit{coordinator, kAuditPersonCompare, "person", found->second.id}};
}

std::vector<Effect> ReduceDuplicates(AppState& state, const KeepDuplicate& action) {
  DuplicatesState* dups = Idle(state, DuplicatesStep::kPair);
  if (!dups || !dups->chosen || !OtherOfPair(*dups->chosen, action.keep_id)) {
    return {};
  }
  dups->keep_id = action.keep_id;
  dups->step = DuplicatesStep::kConfirm;
  return {};
}

std::vector<Effect> ReduceDuplicates(AppState& state, const AnswerDuplicateMerge& action) {
  DuplicatesState* dups = Idle(state, DuplicatesStep::kConfirm);
  if (!dups || !dups->chosen) {
    return {};
  }
  if (!action.yes) {
    dups->step = DuplicatesStep::kPair;  // nothing changes
    dups->keep_id.clear();
    return {};
  }
  const DuplicatePerson* loser = OtherOfPair(*dups->chosen, dups->keep_id);
  if (!loser) {
    return {};
  }
  dups->busy = true;
  return {SaveDuplicateMerge{state.center_id, loser->id, dups->keep_id,
                             state.coordinator.signed_in->id}};
}

std::vector<Effect> ReduceDuplicates(AppState& state, const MarkNotDuplicates&) {
  DuplicatesState* dups = Idle(state, DuplicatesStep::kPair);
  if (!dups || !dups->chosen) {
    return {};
  }
  dups->busy = true;
  return {SaveNotDuplicates{state.center_id, dups->chosen->first.id, dups->chosen->second.id}};
}

std::vector<Effect> ReduceDuplicates(AppState& state, const DismissDuplicatesNotice&) {
  if (OnDuplicates(state)) {
    state.coordinator.duplicates.notice_key.clear();
  }
  return {};
}

// [SECTION] Worker results

std::vector<Effect> ReduceDuplicates(AppState& state, const DuplicatesLoaded& action) {
  if (!OnDuplicates(state) || action.center_id != state.center_id) {
    return {};
  }
  DuplicatesState& dups = state.coordinator.duplicates;
  dups.pairs = action.pairs;
  dups.loading = false;
  dups.notice_key = action.notice_key;
  ToList(dups);
  return {};
}

std::vector<Effect> ReduceDuplicates(AppState& state, const DuplicateMerged& action) {
  DuplicatesState& dups = state.coordinator.duplicates;
  if (!OnDuplicates(state) || !dups.busy || dups.step != DuplicatesStep::kConfirm || !dups.chosen ||
      dups.keep_id != action.winner_id || !PersonOfPair(*dups.chosen, action.loser_id)) {
    return {};
  }
  dups.busy = false;
  dups.step = DuplicatesStep::kDone;
  return {};
}

std::vector<Effect> ReduceDuplicates(AppState& state, const DuplicateMergeFailed& action) {
  DuplicatesState& dups = state.coordinator.duplicates;
  if (!OnDuplicates(state) || !dups.busy) {
    return {};
  }
  ToList(dups);
  dups.loading = true;  // the list is read again: one of the two is no longer what it was
  return {
      LoadDuplicates{state.center_id, action.notice_key.empty() ? kNoticeGone : action.notice_key}};
}

}  // namespace raida::kiosk
