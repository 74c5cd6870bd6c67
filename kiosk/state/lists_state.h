// ListsState: the coordinator's "Lists and export" task (CoordinatorView::kLists): the center's
// course offerings, and for one of them three CSV files written to the data folder — the
// participants, the attendance sheet and the completions. Part of CoordinatorState, so the
// sign-out wipes it. Only what a list's purpose needs goes into its file (lists_storage.h).
#pragma once

#include <string>
#include <vector>

namespace raida::kiosk {

enum class ListsStep { kOfferings, kOffering };

enum class ListKind { kParticipants, kAttendance, kCompletions };
const char* ListKindName(ListKind kind);  // "participants", "attendance", "completions"

// An offering as the list shows it (course title already in the kiosk's language).
struct ListOffering {
  std::string id;
  std::string title;
  std::string starts_on;  // "2026-11-02"
  std::string ends_on;
  std::string place;
  int people = 0;  // sign-ups that are not cancelled
};

struct ListsState {
  ListsStep step = ListsStep::kOfferings;
  bool loading = false;
  std::vector<ListOffering> offerings;  // running, coming, ended (lists_effects.h)
  std::string chosen_id;                // kOffering: the offering
  bool writing = false;                 // a file is being written: the buttons wait
  // The last file written for the chosen offering ("" none yet), how many people it lists.
  std::string written_path;
  ListKind written_kind = ListKind::kParticipants;
  int written_rows = 0;
  std::string error_key;  // "lists.error.*" or ""
};

}  // namespace raida::kiosk
