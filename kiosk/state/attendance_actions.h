// Actions of the coordinator's attendance task (reduced in reduce_attendance.cpp). Included by
// actions.h, whose Action variant lists them.
#pragma once

#include <string>
#include <vector>

#include "kiosk/state/attendance_state.h"

namespace raida::kiosk {

// [SECTION] Person-caused

// A session's big button on the first step.
struct ChooseAttendanceSession {
  std::string session_id;
};
// One tap on a roster row: the person's mark moves on one (NextRosterMark) and is saved at once.
struct TapAttendanceRow {
  std::string person_id;
};
// The roster's "Add a person who came".
struct OpenAddAttendee {};
// The name filter of "Add a person who came" after a key (the whole text).
struct AttendanceFilterChanged {
  std::string text;
};
// A person chosen on "Add a person who came": marked present and put on the roster.
struct AddAttendee {
  std::string person_id;
};

// [SECTION] Worker results

struct AttendanceSessionsLoaded {
  std::string center_id;
  std::string language;
  std::vector<AttendanceSessionCard> sessions;
};
struct AttendanceRosterLoaded {
  std::string session_id;
  std::vector<RosterRow> rows;
};
struct AttendanceCandidatesLoaded {
  std::string session_id;
  std::vector<AttendanceCandidate> people;
};
// A MarkAttendance was refused (`error_key` says why in plain words); the roster is read again.
struct AttendanceMarkFailed {
  std::string session_id;
  std::string person_id;
  std::string error_key;
};

}  // namespace raida::kiosk
