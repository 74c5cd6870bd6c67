// The reducer's part for the coordinator's attendance task (CoordinatorView::kAttendance): the
// center's recent sessions, a session's roster with one tap per person (each tap saved at once
// with one "attendance.mark" audit entry), and "Add a person who came".
//
// reduce.cpp dispatches the actions of attendance_actions.h here (see AttendanceAction);
// reduce_coordinator.cpp calls OpenAttendance when the home opens the task and BackInAttendance
// for GoBack on it. Only a signed-in coordinator on the task reaches any of it. Pure.
#pragma once

#include <concepts>
#include <string>
#include <vector>

#include "kiosk/state/actions.h"
#include "kiosk/state/app_state.h"
#include "kiosk/state/effects.h"

namespace raida::kiosk {

// Audit action names (AuditEntry::action); entries carry ids only.
inline constexpr const char* kAuditAttendanceRoster = "attendance.roster";  // a roster was read
inline constexpr const char* kAuditAttendancePeople = "attendance.people";  // "Add a person" list
inline constexpr const char* kAuditAttendanceMark = "attendance.mark";      // one mark saved

// Longest name filter kept (code points are not counted: bytes, generous for any name).
inline constexpr size_t kMaxAttendanceFilterBytes = 120;

// [SECTION] Actions handled here

std::vector<Effect> ReduceAttendance(AppState& state, const ChooseAttendanceSession& action);
std::vector<Effect> ReduceAttendance(AppState& state, const TapAttendanceRow& action);
std::vector<Effect> ReduceAttendance(AppState& state, const OpenAddAttendee& action);
std::vector<Effect> ReduceAttendance(AppState& state, const AttendanceFilterChanged& action);
std::vector<Effect> ReduceAttendance(AppState& state, const AddAttendee& action);
std::vector<Effect> ReduceAttendance(AppState& state, const AttendanceSessionsLoaded& action);
std::vector<Effect> ReduceAttendance(AppState& state, const AttendanceRosterLoaded& action);
std::vector<Effect> ReduceAttendance(AppState& state, const AttendanceCandidatesLoaded& action);
std::vector<Effect> ReduceAttendance(AppState& state, const AttendanceMarkFailed& action);

template <typename A>
concept AttendanceAction = requires(AppState& state, const A& action) {
  { ReduceAttendance(state, action) } -> std::same_as<std::vector<Effect>>;
};

// [SECTION] Hooks called from reduce_coordinator.cpp

// The home's "Attendance": starts the task afresh and asks for this center's sessions.
std::vector<Effect> OpenAttendance(AppState& state);

// GoBack on the task: "Add a person" -> the roster -> the sessions (with the counts of the roster
// just left); false on the sessions (the coordinator home).
bool BackInAttendance(AppState& state);

// [SECTION] Helpers

// True when a word of `name` starts with `filter`, ignoring case and the Lithuanian and Polish
// diacritics ("zolt" finds "Żółtowska"); an empty filter matches everybody.
bool MatchesAttendanceFilter(const std::string& name, const std::string& filter);

// "Present 12 · Absent 3 · Excused 1 · Not marked 4 (of 20)" counts of a roster.
struct RosterCounts {
  int present = 0;
  int absent = 0;
  int excused = 0;
  int not_marked = 0;
  int total = 0;
};
RosterCounts CountRoster(const std::vector<RosterRow>& roster);

}  // namespace raida::kiosk
