// The coordinator's attendance task in the reducer (see reduce_attendance.h).
//
// A mark is shown at once and saved at once: each tap emits MarkAttendance and its one audit
// entry, in that order, on the storage lane; a refusal comes back as AttendanceMarkFailed and the
// roster is read again, so the screen never shows a mark that is not saved for long. Every step
// checks it is still the step shown; results for a session no longer shown are dropped.
#include "kiosk/state/reduce_attendance.h"

#include <algorithm>
#include <string>
#include <utility>

#include "kiosk/state/text_edit.h"
#include "raida/core/store.h"

namespace raida::kiosk {
namespace {

constexpr const char* kNotStartedKey = "attend.error.not_started";
constexpr const char* kSessionTable = "course_session";
constexpr const char* kAttendanceTable = "attendance";

AttendanceState& Attendance(AppState& state) { return state.coordinator.attendance; }

bool OnTask(const AppState& state) {
  return state.screen == Screen::kCoordinator && state.coordinator.signed_in &&
         state.coordinator.view == CoordinatorView::kAttendance;
}

bool OnStep(const AppState& state, AttendanceStep step) {
  return OnTask(state) && state.coordinator.attendance.step == step;
}

const std::string& CoordinatorId(const AppState& state) { return state.coordinator.signed_in->id; }

// Saves `mark` for `person_id` in the session shown, with its audit entry.
std::vector<Effect> SaveMark(const AppState& state, const std::string& person_id, RosterMark mark) {
  const AttendanceSessionCard& session = state.coordinator.attendance.chosen;
  return {MarkAttendance{session.session_id, session.offering_id, person_id, mark,
                         CoordinatorId(state)},
          WriteAudit{CoordinatorId(state), kAuditAttendanceMark, kAttendanceTable,
                     core::DeterministicId("attendance", session.session_id, person_id)}};
}

bool IsSeparator(char c) { return c == ' ' || c == '-' || c == '\''; }

// Puts the session's counts from the roster shown back on its card (leaving the roster).
void UpdateCard(AttendanceState& attendance) {
  const RosterCounts counts = CountRoster(attendance.roster);
  for (AttendanceSessionCard& card : attendance.sessions) {
    if (card.session_id == attendance.chosen.session_id) {
      card.roster = counts.total;
      card.marked = counts.total - counts.not_marked;
    }
  }
}

}  // namespace

// [SECTION] Helpers

bool MatchesAttendanceFilter(const std::string& name, const std::string& filter) {
  // Folded names are UTF-8 and the separators ASCII, so a byte comparison at a word start is a
  // comparison of whole letters.
  std::string wanted = FoldForSearch(filter);
  while (!wanted.empty() && IsSeparator(wanted.back())) {
    wanted.pop_back();
  }
  while (!wanted.empty() && IsSeparator(wanted.front())) {
    wanted.erase(wanted.begin());
  }
  if (wanted.empty()) {
    return true;
  }
  const std::string folded = FoldForSearch(name);
  for (size_t at = 0; at < folded.size(); ++at) {
    const bool word_start = at == 0 || IsSeparator(folded[at - 1]);
    if (word_start && folded.compare(at, wanted.size(), wanted) == 0) {
      return true;
    }
  }
  return false;
}

RosterCounts CountRoster(const std::vector<RosterRow>& roster) {
  RosterCounts counts;
  for (const RosterRow& row : roster) {
    switch (row.mark) {
      case RosterMark::kPresent:
        ++counts.present;
        break;
      case RosterMark::kAbsent:
        ++counts.absent;
        break;
      case RosterMark::kExcused:
        ++counts.excused;
        break;
      case RosterMark::kNotMarked:
        ++counts.not_marked;
        break;
    }
  }
  counts.total = static_cast<int>(roster.size());
  return counts;
}

// [SECTION] Hooks

std::vector<Effect> OpenAttendance(AppState& state) {
  AttendanceState& attendance = Attendance(state);
  attendance = AttendanceState{};
  attendance.loading = true;
  attendance.language = state.language;
  return {LoadAttendanceSessions{state.center_id, state.language}};
}

bool BackInAttendance(AppState& state) {
  AttendanceState& attendance = Attendance(state);
  switch (attendance.step) {
    case AttendanceStep::kAddPerson:
      attendance.step = AttendanceStep::kRoster;
      attendance.candidates.clear();
      attendance.filter.clear();
      attendance.loading = false;
      attendance.error_key.clear();
      return true;
    case AttendanceStep::kRoster:
      UpdateCard(attendance);
      attendance.step = AttendanceStep::kSessions;
      attendance.roster.clear();
      attendance.chosen = AttendanceSessionCard{};
      attendance.loading = false;
      attendance.error_key.clear();
      return true;
    case AttendanceStep::kSessions:
      break;
  }
  attendance = AttendanceState{};
  return false;
}

// [SECTION] The sessions

std::vector<Effect> ReduceAttendance(AppState& state, const AttendanceSessionsLoaded& action) {
  AttendanceState& attendance = Attendance(state);
  if (!OnStep(state, AttendanceStep::kSessions) || !attendance.loading ||
      action.center_id != state.center_id || action.language != attendance.language) {
    return {};
  }
  attendance.sessions = action.sessions;
  attendance.loading = false;
  return {};
}

std::vector<Effect> ReduceAttendance(AppState& state, const ChooseAttendanceSession& action) {
  AttendanceState& attendance = Attendance(state);
  if (!OnStep(state, AttendanceStep::kSessions) || attendance.loading) {
    return {};
  }
  const auto found = std::find_if(
      attendance.sessions.begin(), attendance.sessions.end(),
      [&](const AttendanceSessionCard& card) { return card.session_id == action.session_id; });
  if (found == attendance.sessions.end()) {
    return {};
  }
  if (!found->started) {
    attendance.error_key = kNotStartedKey;  // a session in the future: nothing changes
    return {};
  }
  attendance.chosen = *found;
  attendance.step = AttendanceStep::kRoster;
  attendance.roster.clear();
  attendance.loading = true;
  attendance.error_key.clear();
  return {
      LoadAttendanceRoster{found->session_id, found->offering_id},
      WriteAudit{CoordinatorId(state), kAuditAttendanceRoster, kSessionTable, found->session_id}};
}

// [SECTION] The roster

std::vector<Effect> ReduceAttendance(AppState& state, const AttendanceRosterLoaded& action) {
  AttendanceState& attendance = Attendance(state);
  if (!OnStep(state, AttendanceStep::kRoster) || !attendance.loading ||
      action.session_id != attendance.chosen.session_id) {
    return {};
  }
  attendance.roster = action.rows;
  attendance.loading = false;
  return {};
}

std::vector<Effect> ReduceAttendance(AppState& state, const TapAttendanceRow& action) {
  AttendanceState& attendance = Attendance(state);
  if (!OnStep(state, AttendanceStep::kRoster) || attendance.loading) {
    return {};
  }
  const auto row =
      std::find_if(attendance.roster.begin(), attendance.roster.end(),
                   [&](const RosterRow& r) { return r.person_id == action.person_id; });
  if (row == attendance.roster.end()) {
    return {};
  }
  row->mark = NextRosterMark(row->mark);
  attendance.error_key.clear();
  return SaveMark(state, row->person_id, row->mark);
}

std::vector<Effect> ReduceAttendance(AppState& state, const AttendanceMarkFailed& action) {
  AttendanceState& attendance = Attendance(state);
  if (!OnTask(state) || attendance.step == AttendanceStep::kSessions ||
      action.session_id != attendance.chosen.session_id) {
    return {};
  }
  // Show what is saved, not what was tapped.
  attendance.step = AttendanceStep::kRoster;
  attendance.candidates.clear();
  attendance.filter.clear();
  attendance.roster.clear();
  attendance.loading = true;
  attendance.error_key = action.error_key;
  return {LoadAttendanceRoster{attendance.chosen.session_id, attendance.chosen.offering_id}};
}

// [SECTION] Add a person who came

std::vector<Effect> ReduceAttendance(AppState& state, const OpenAddAttendee&) {
  AttendanceState& attendance = Attendance(state);
  if (!OnStep(state, AttendanceStep::kRoster) || attendance.loading) {
    return {};
  }
  attendance.step = AttendanceStep::kAddPerson;
  attendance.candidates.clear();
  attendance.filter.clear();
  attendance.loading = true;
  attendance.error_key.clear();
  const AttendanceSessionCard& session = attendance.chosen;
  return {
      LoadAttendanceCandidates{state.center_id, session.session_id, session.offering_id},
      WriteAudit{CoordinatorId(state), kAuditAttendancePeople, kSessionTable, session.session_id}};
}

std::vector<Effect> ReduceAttendance(AppState& state, const AttendanceCandidatesLoaded& action) {
  AttendanceState& attendance = Attendance(state);
  if (!OnStep(state, AttendanceStep::kAddPerson) || !attendance.loading ||
      action.session_id != attendance.chosen.session_id) {
    return {};
  }
  attendance.candidates = action.people;
  attendance.loading = false;
  return {};
}

std::vector<Effect> ReduceAttendance(AppState& state, const AttendanceFilterChanged& action) {
  if (OnStep(state, AttendanceStep::kAddPerson) &&
      action.text.size() <= kMaxAttendanceFilterBytes) {
    Attendance(state).filter = action.text;
  }
  return {};
}

std::vector<Effect> ReduceAttendance(AppState& state, const AddAttendee& action) {
  AttendanceState& attendance = Attendance(state);
  if (!OnStep(state, AttendanceStep::kAddPerson) || attendance.loading) {
    return {};
  }
  const auto found =
      std::find_if(attendance.candidates.begin(), attendance.candidates.end(),
                   [&](const AttendanceCandidate& c) { return c.person_id == action.person_id; });
  if (found == attendance.candidates.end()) {
    return {};
  }
  RosterRow row{found->person_id, found->name, found->sort_key, RosterMark::kPresent};
  const auto at = std::lower_bound(
      attendance.roster.begin(), attendance.roster.end(), row,
      [](const RosterRow& a, const RosterRow& b) { return a.sort_key < b.sort_key; });
  attendance.roster.insert(at, row);
  attendance.step = AttendanceStep::kRoster;
  attendance.candidates.clear();
  attendance.filter.clear();
  attendance.error_key.clear();
  return SaveMark(state, row.person_id, row.mark);
}

}  // namespace raida::kiosk
