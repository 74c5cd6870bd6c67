// Effects of the attendance task, run on the EffectRunner's storage lane by AttendanceStorage
// (attendance_storage.h). Included by effects.h, whose Effect variant lists them. The audit
// entries go out as WriteAudit (coordinator_effects.h).
#pragma once

#include <string>

#include "kiosk/state/attendance_state.h"

namespace raida::kiosk {

// -> AttendanceSessionsLoaded: the sessions of `center_id`'s offerings held today or in the last
// 14 days (store clock, local time), course titles in `language`, with their counts.
struct LoadAttendanceSessions {
  std::string center_id;
  std::string language;
};
// -> AttendanceRosterLoaded: everybody with a seat (confirmed, attended or completed) in the
// offering, and everybody already marked for the session.
struct LoadAttendanceRoster {
  std::string session_id;
  std::string offering_id;
};
// -> AttendanceCandidatesLoaded: `center_id`'s people who are not on the session's roster.
struct LoadAttendanceCandidates {
  std::string center_id;
  std::string session_id;
  std::string offering_id;
};
// Saves one mark (AttendanceRepository::Mark, through the sync outbox); nothing comes back when
// it is saved, AttendanceMarkFailed when the session has not started or a record is gone.
struct MarkAttendance {
  std::string session_id;
  std::string offering_id;
  std::string person_id;
  RosterMark mark = RosterMark::kPresent;  // never kNotMarked
  std::string coordinator_id;
};

}  // namespace raida::kiosk
