// AttendanceStorage: the attendance task's storage work (see attendance_storage.h).
//
// "Today" and "now" are the store clock in local time, as the demo district's dates are; a session
// has started from its start time on its date. The session list goes through the catalog (every
// course's offerings at the center that had not ended 14 days ago) since the catalog is small.
#include "kiosk/state/attendance_storage.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "kiosk/state/effect_runner.h"
#include "raida/core/attendance_repository.h"
#include "raida/core/catalog_repository.h"
#include "raida/core/enrollment_repository.h"
#include "raida/core/model.h"
#include "raida/core/person_repository.h"
#include "raida/core/store.h"

namespace raida::kiosk {
namespace {

constexpr const char* kNotStartedKey = "attend.error.not_started";
constexpr const char* kGoneKey = "attend.error.gone";
constexpr int64_t kDayMs = 24LL * 60 * 60 * 1000;

struct Now {
  std::string today;  // "2026-11-23"
  std::string time;   // "10:05"
};

Now LocalNow(const core::Store& store) {
  const int64_t now_ms = store.clock().NowMs();
  return Now{LocalIsoDate(now_ms), LocalClockTime(now_ms)};
}

bool Started(const core::Session& session, const Now& now) {
  return session.date < now.today || (session.date == now.today && session.start_time <= now.time);
}

bool HoldsSeat(core::EnrollmentStatus status) {
  return status == core::EnrollmentStatus::kConfirmed ||
         status == core::EnrollmentStatus::kAttended ||
         status == core::EnrollmentStatus::kCompleted;
}

RosterMark ToRosterMark(core::AttendanceMark mark) {
  switch (mark) {
    case core::AttendanceMark::kPresent:
      return RosterMark::kPresent;
    case core::AttendanceMark::kAbsent:
      return RosterMark::kAbsent;
    case core::AttendanceMark::kExcused:
      return RosterMark::kExcused;
  }
  return RosterMark::kPresent;
}

std::optional<core::AttendanceMark> ToCoreMark(RosterMark mark) {
  switch (mark) {
    case RosterMark::kPresent:
      return core::AttendanceMark::kPresent;
    case RosterMark::kAbsent:
      return core::AttendanceMark::kAbsent;
    case RosterMark::kExcused:
      return core::AttendanceMark::kExcused;
    case RosterMark::kNotMarked:
      break;
  }
  return std::nullopt;
}

std::string FullName(const core::Person& person) {
  return person.given_name + " " + person.family_name;
}

std::string SortKey(const core::Person& person) {
  return person.family_name + '\x1f' + person.given_name + '\x1f' + person.id;
}

// Family name, then given name, then id (as PersonRepository::ListByCenter orders).
bool ByName(const core::Person& a, const core::Person& b) {
  return std::tie(a.family_name, a.given_name, a.id) < std::tie(b.family_name, b.given_name, b.id);
}

// The roster's people: seat holders of `offering_id` and everybody marked for `session_id`,
// each once, by name, with their mark. People this kiosk does not hold (or erased) are left out.
core::Result<std::vector<std::pair<core::Person, RosterMark>>> Roster(
    core::Store& store, const std::string& session_id, const std::string& offering_id) {
  RAIDA_ASSIGN_OR_RETURN(auto enrollments,
                         core::EnrollmentRepository(store).ListForOffering(offering_id));
  RAIDA_ASSIGN_OR_RETURN(auto marks, core::AttendanceRepository(store).ListForSession(session_id));
  std::map<std::string, RosterMark> ids;
  for (const core::Enrollment& enrollment : enrollments) {
    if (HoldsSeat(enrollment.status)) {
      ids.emplace(enrollment.person_id, RosterMark::kNotMarked);
    }
  }
  for (const core::Attendance& attendance : marks) {
    ids[attendance.person_id] = ToRosterMark(attendance.mark);
  }
  std::vector<std::pair<core::Person, RosterMark>> roster;
  core::PersonRepository people(store);
  for (const auto& [id, mark] : ids) {
    RAIDA_ASSIGN_OR_RETURN(auto person, people.Get(id));
    if (person && !person->erased) {
      roster.emplace_back(std::move(*person), mark);
    }
  }
  std::sort(roster.begin(), roster.end(),
            [](const auto& a, const auto& b) { return ByName(a.first, b.first); });
  return roster;
}

// The session `session_id` of `offering_id`, or nullopt.
core::Result<std::optional<core::Session>> FindSession(core::Store& store,
                                                       const std::string& session_id,
                                                       const std::string& offering_id) {
  RAIDA_ASSIGN_OR_RETURN(auto sessions, core::CatalogRepository(store).ListSessions(offering_id));
  for (core::Session& session : sessions) {
    if (session.id == session_id) {
      return std::optional<core::Session>(std::move(session));
    }
  }
  return std::optional<core::Session>();
}

}  // namespace

core::Result<std::optional<Action>> AttendanceStorage::Run(core::Store& store,
                                                           const LoadAttendanceSessions& effect) {
  const Now now = LocalNow(store);
  const std::string from = LocalIsoDate(store.clock().NowMs() - kAttendanceDaysBack * kDayMs);
  core::CatalogRepository catalog(store);
  RAIDA_ASSIGN_OR_RETURN(auto courses, catalog.ListCourses(effect.language));
  AttendanceSessionsLoaded loaded;
  loaded.center_id = effect.center_id;
  loaded.language = effect.language;
  for (const core::Course& course : courses) {
    RAIDA_ASSIGN_OR_RETURN(auto offerings,
                           catalog.ListUpcomingOfferings(course.id, effect.center_id, from));
    for (const core::Offering& offering : offerings) {
      RAIDA_ASSIGN_OR_RETURN(auto sessions, catalog.ListSessions(offering.id));
      for (const core::Session& session : sessions) {
        if (session.date < from || session.date > now.today) {
          continue;
        }
        AttendanceSessionCard card;
        card.session_id = session.id;
        card.offering_id = offering.id;
        card.course_title = core::Localize(course.title, effect.language);
        card.date = session.date;
        card.start_time = session.start_time;
        card.end_time = session.end_time;
        card.today = session.date == now.today;
        card.started = Started(session, now);
        RAIDA_ASSIGN_OR_RETURN(auto roster, Roster(store, session.id, offering.id));
        card.roster = static_cast<int>(roster.size());
        card.marked =
            static_cast<int>(std::count_if(roster.begin(), roster.end(), [](const auto& row) {
              return row.second != RosterMark::kNotMarked;
            }));
        loaded.sessions.push_back(std::move(card));
      }
    }
  }
  // Today's first (earliest first), then the days before, newest first.
  std::sort(loaded.sessions.begin(), loaded.sessions.end(),
            [](const AttendanceSessionCard& a, const AttendanceSessionCard& b) {
              if (a.date != b.date) {
                return a.date > b.date;
              }
              return std::tie(a.start_time, a.session_id) < std::tie(b.start_time, b.session_id);
            });
  spdlog::info("attendance: {} sessions at {}", loaded.sessions.size(), effect.center_id);
  return std::optional<Action>(std::move(loaded));
}

core::Result<std::optional<Action>> AttendanceStorage::Run(core::Store& store,
                                                           const LoadAttendanceRoster& effect) {
  RAIDA_ASSIGN_OR_RETURN(auto roster, Roster(store, effect.session_id, effect.offering_id));
  AttendanceRosterLoaded loaded;
  loaded.session_id = effect.session_id;
  for (auto& [person, mark] : roster) {
    loaded.rows.push_back(RosterRow{person.id, FullName(person), SortKey(person), mark});
  }
  return std::optional<Action>(std::move(loaded));
}

core::Result<std::optional<Action>> AttendanceStorage::Run(core::Store& store,
                                                           const LoadAttendanceCandidates& effect) {
  RAIDA_ASSIGN_OR_RETURN(auto roster, Roster(store, effect.session_id, effect.offering_id));
  std::set<std::string> on_roster;
  for (const auto& row : roster) {
    on_roster.insert(row.first.id);
  }
  RAIDA_ASSIGN_OR_RETURN(auto people, core::PersonRepository(store).ListByCenter(effect.center_id));
  AttendanceCandidatesLoaded loaded;
  loaded.session_id = effect.session_id;
  for (const core::Person& person : people) {
    if (!on_roster.contains(person.id) && !person.merged_into) {
      loaded.people.push_back(AttendanceCandidate{person.id, FullName(person), SortKey(person)});
    }
  }
  return std::optional<Action>(std::move(loaded));
}

core::Result<std::optional<Action>> AttendanceStorage::Run(core::Store& store,
                                                           const MarkAttendance& effect) {
  const auto mark = ToCoreMark(effect.mark);
  if (!mark) {
    return core::MakeError(core::ErrorCode::kInvalidArgument, "attendance: no mark to save");
  }
  // The session must exist and have started: the reducer refuses before, this is the last word.
  const auto refuse = [&](const char* key) {
    spdlog::info("attendance: a mark for session {} refused ({})", effect.session_id, key);
    return std::optional<Action>(AttendanceMarkFailed{effect.session_id, effect.person_id, key});
  };
  RAIDA_ASSIGN_OR_RETURN(auto session, FindSession(store, effect.session_id, effect.offering_id));
  if (!session) {
    return refuse(kGoneKey);
  }
  if (!Started(*session, LocalNow(store))) {
    return refuse(kNotStartedKey);
  }
  auto marked = core::AttendanceRepository(store).Mark(effect.session_id, effect.person_id, *mark,
                                                       effect.coordinator_id);
  if (!marked.ok()) {
    if (marked.error().code == core::ErrorCode::kNotFound) {
      return refuse(kGoneKey);
    }
    return marked.error();
  }
  spdlog::info("attendance: {} marked", marked->id);
  return std::optional<Action>();
}

}  // namespace raida::kiosk
