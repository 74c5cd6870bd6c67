// AttendanceState: what the coordinator's attendance task (CoordinatorView::kAttendance) shows —
// this center's recent course sessions, the roster of the session chosen with each person's mark,
// and the center's other people for "Add a person who came". Part of CoordinatorState, so the
// sign-out (which resets CoordinatorState) forgets every name and mark. Changed only by the
// reducer (reduce_attendance.h); nothing here includes ImGui or SQLite.
#pragma once

#include <string>
#include <vector>

namespace raida::kiosk {

enum class AttendanceStep {
  kSessions,   // this center's sessions: today's first, then the last 14 days, newest first
  kRoster,     // one session's people, one tap each to mark them
  kAddPerson,  // "Add a person who came": the center's people not on the roster
};

// A roster row's mark. A tap cycles kNotMarked -> kPresent -> kAbsent -> kExcused -> kPresent.
enum class RosterMark { kNotMarked, kPresent, kAbsent, kExcused };

// The mark after one tap on a row showing `mark`.
inline RosterMark NextRosterMark(RosterMark mark) {
  switch (mark) {
    case RosterMark::kPresent:
      return RosterMark::kAbsent;
    case RosterMark::kAbsent:
      return RosterMark::kExcused;
    case RosterMark::kNotMarked:
    case RosterMark::kExcused:
      break;
  }
  return RosterMark::kPresent;
}

// One session on the first step.
struct AttendanceSessionCard {
  std::string session_id;
  std::string offering_id;
  std::string course_title;  // in the language it was loaded in
  std::string date;          // "2026-11-23"
  std::string start_time;    // "10:00"
  std::string end_time;      // "12:00"
  bool today = false;
  bool started = false;  // false: it has not started yet and cannot be marked
  int marked = 0;        // people with a mark
  int roster = 0;        // people on the roster (a seat, or a mark)
};

struct RosterRow {
  std::string person_id;
  std::string name;      // "Given Family"
  std::string sort_key;  // family name, then given name: the roster's order
  RosterMark mark = RosterMark::kNotMarked;
};

// A person of this center who is not on the roster (for "Add a person who came").
struct AttendanceCandidate {
  std::string person_id;
  std::string name;      // "Given Family"
  std::string sort_key;  // as RosterRow::sort_key
};

struct AttendanceState {
  AttendanceStep step = AttendanceStep::kSessions;
  bool loading = false;  // the step's list is on its way
  std::string language;  // the language the sessions were asked in
  std::vector<AttendanceSessionCard> sessions;
  AttendanceSessionCard chosen;   // the session whose roster is shown ("" id before)
  std::vector<RosterRow> roster;  // by family name, then given name
  std::vector<AttendanceCandidate> candidates;
  std::string filter;     // kAddPerson: the name filter as typed ("" = everybody)
  std::string error_key;  // translation key of the last problem ("attend.error.*"), ""
};

}  // namespace raida::kiosk
