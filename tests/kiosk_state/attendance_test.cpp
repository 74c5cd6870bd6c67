// The coordinator's attendance task below the screens: the reducer alone (who may open it, the
// refusal of a session not started yet, the tap cycle, one audit entry per mark with ids only,
// Back, the sign-out forgetting everything), and the reducer with the real AttendanceStorage on a
// real Store (the sessions listed and their order and counts, the roster of seats and marks,
// marks saved through the outbox and read back on reopening, "Add a person who came").
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <variant>
#include <vector>

#include "attendance_rig.h"
#include "kiosk/state/effect_runner.h"
#include "kiosk/state/reduce.h"
#include "kiosk/state/reduce_attendance.h"
#include "raida/core/attendance_repository.h"
#include "raida/core/audit_log.h"
#include "raida/core/outbox_repository.h"
#include "raida/core/store.h"
#include "tests/kiosk_state/effects_found.h"

namespace raida::kiosk::testing {
namespace {

const AttendanceState& Att(const AppState& state) { return state.coordinator.attendance; }

AttendanceSessionCard Card(const std::string& id, bool started) {
  AttendanceSessionCard card;
  card.session_id = id;
  card.offering_id = "offering.x";
  card.course_title = "Course";
  card.date = "2026-11-23";
  card.start_time = "10:00";
  card.end_time = "12:00";
  card.started = started;
  card.roster = 2;
  return card;
}

// A signed-in coordinator on the sessions step with a started and a future session.
AppState OnSessions() {
  AppState state = OnCoordinatorHome("en");
  Reduce(state, OpenCoordinatorTask{CoordinatorView::kAttendance});
  Reduce(state, AttendanceSessionsLoaded{
                    kAttendCenter, "en", {Card("s.now", true), Card("s.future", false)}});
  return state;
}

AppState OnRoster() {
  AppState state = OnSessions();
  Reduce(state, ChooseAttendanceSession{"s.now"});
  Reduce(state, AttendanceRosterLoaded{"s.now",
                                       {{"p.1", "Ona Kazlauskienė", "Kazlauskienė\x1fOna", {}},
                                        {"p.2", "Jonas Petrauskas", "Petrauskas\x1fJonas", {}}}});
  return state;
}

// [SECTION] The reducer alone

TEST(AttendanceReduceTest, OpensFromTheHomeOnlyAndAsksForTheSessions) {
  AppState state = OnCoordinatorHome("lt");
  const auto effects = Reduce(state, OpenCoordinatorTask{CoordinatorView::kAttendance});
  EXPECT_EQ(state.coordinator.view, CoordinatorView::kAttendance);
  const auto loads = All<LoadAttendanceSessions>(effects);
  ASSERT_EQ(loads.size(), 1u);
  EXPECT_EQ(loads[0].center_id, kAttendCenter);
  EXPECT_EQ(loads[0].language, "lt");
  EXPECT_TRUE(Att(state).loading);

  AppState resident = OnCoordinatorHome("en");
  resident.coordinator.signed_in.reset();
  EXPECT_TRUE(Reduce(resident, OpenCoordinatorTask{CoordinatorView::kAttendance}).empty());
  EXPECT_NE(resident.coordinator.view, CoordinatorView::kAttendance);
  EXPECT_TRUE(Reduce(resident, ChooseAttendanceSession{"s.now"}).empty());
  EXPECT_TRUE(Reduce(resident, TapAttendanceRow{"p.1"}).empty());
}

TEST(AttendanceReduceTest, AFutureSessionIsRefusedInPlainWordsAndChangesNothing) {
  AppState state = OnSessions();
  const AttendanceState before = Att(state);
  EXPECT_TRUE(Reduce(state, ChooseAttendanceSession{"s.future"}).empty());
  EXPECT_EQ(Att(state).step, AttendanceStep::kSessions);
  EXPECT_EQ(Att(state).error_key, "attend.error.not_started");
  EXPECT_TRUE(Att(state).chosen.session_id.empty());
  EXPECT_EQ(Att(state).sessions.size(), before.sessions.size());
  EXPECT_TRUE(Reduce(state, ChooseAttendanceSession{"s.unknown"}).empty());
  EXPECT_EQ(Att(state).step, AttendanceStep::kSessions);
}

TEST(AttendanceReduceTest, ChoosingASessionReadsItsRosterWithOneAuditEntry) {
  AppState state = OnSessions();
  const auto effects = Reduce(state, ChooseAttendanceSession{"s.now"});
  EXPECT_EQ(Att(state).step, AttendanceStep::kRoster);
  EXPECT_TRUE(Att(state).error_key.empty());
  ASSERT_EQ(All<LoadAttendanceRoster>(effects).size(), 1u);
  const auto audits = All<WriteAudit>(effects);
  ASSERT_EQ(audits.size(), 1u);
  EXPECT_EQ(audits[0].actor_id, kAttendCoordinator);
  EXPECT_EQ(audits[0].action, kAuditAttendanceRoster);
  EXPECT_EQ(audits[0].record_table, "course_session");
  EXPECT_EQ(audits[0].record_id, "s.now");
  // A roster for another session is not taken.
  Reduce(state, AttendanceRosterLoaded{"s.future", {{"p.9", "X Y", "Y\x1fX", {}}}});
  EXPECT_TRUE(Att(state).roster.empty());
  EXPECT_TRUE(Att(state).loading);
}

TEST(AttendanceReduceTest, EachTapMovesTheMarkOnAndSavesItWithOneAuditEntry) {
  AppState state = OnRoster();
  const std::vector<RosterMark> expected = {RosterMark::kPresent, RosterMark::kAbsent,
                                            RosterMark::kExcused, RosterMark::kPresent};
  for (const RosterMark mark : expected) {
    const auto effects = Reduce(state, TapAttendanceRow{"p.2"});
    ASSERT_EQ(effects.size(), 2u);
    const auto saves = All<MarkAttendance>(effects);
    ASSERT_EQ(saves.size(), 1u);
    EXPECT_EQ(saves[0].session_id, "s.now");
    EXPECT_EQ(saves[0].offering_id, "offering.x");
    EXPECT_EQ(saves[0].person_id, "p.2");
    EXPECT_EQ(saves[0].mark, mark);
    EXPECT_EQ(saves[0].coordinator_id, kAttendCoordinator);
    const auto audits = All<WriteAudit>(effects);
    ASSERT_EQ(audits.size(), 1u);
    EXPECT_EQ(audits[0].action, "attendance.mark");
    EXPECT_EQ(audits[0].record_table, "attendance");
    EXPECT_EQ(audits[0].record_id, core::DeterministicId("attendance", "s.now", "p.2"));
    EXPECT_TRUE(HoldsMessage<MarkAttendance>(effects[0])) << "saved before audited";
    EXPECT_EQ(Att(state).roster[1].mark, mark);
  }
  EXPECT_EQ(Att(state).roster[0].mark, RosterMark::kNotMarked) << "only the row tapped";
  const RosterCounts counts = CountRoster(Att(state).roster);
  EXPECT_EQ(counts.present, 1);
  EXPECT_EQ(counts.not_marked, 1);
  EXPECT_EQ(counts.total, 2);
  EXPECT_TRUE(Reduce(state, TapAttendanceRow{"p.unknown"}).empty());
}

TEST(AttendanceReduceTest, BackGoesRosterToSessionsWithTheNewCountsThenHome) {
  AppState state = OnRoster();
  Reduce(state, TapAttendanceRow{"p.1"});
  Reduce(state, GoBack{});
  EXPECT_EQ(state.coordinator.view, CoordinatorView::kAttendance);
  EXPECT_EQ(Att(state).step, AttendanceStep::kSessions);
  EXPECT_TRUE(Att(state).roster.empty());
  EXPECT_EQ(Att(state).sessions[0].marked, 1);
  EXPECT_EQ(Att(state).sessions[0].roster, 2);
  Reduce(state, GoBack{});
  EXPECT_EQ(state.coordinator.view, CoordinatorView::kHome);
  EXPECT_TRUE(Att(state).sessions.empty());
}

TEST(AttendanceReduceTest, SigningOutForgetsEveryNameAndMark) {
  AppState state = OnRoster();
  Reduce(state, TapAttendanceRow{"p.1"});
  Reduce(state, GoHome{});
  EXPECT_EQ(state.screen, Screen::kWelcome);
  EXPECT_TRUE(Att(state).roster.empty());
  EXPECT_TRUE(Att(state).sessions.empty());
  EXPECT_TRUE(Att(state).chosen.session_id.empty());
}

TEST(AttendanceReduceTest, AMarkRefusedShowsWhyAndReadsTheRosterAgain) {
  AppState state = OnRoster();
  Reduce(state, TapAttendanceRow{"p.1"});
  const auto effects =
      Reduce(state, AttendanceMarkFailed{"s.now", "p.1", "attend.error.not_started"});
  EXPECT_EQ(Att(state).error_key, "attend.error.not_started");
  EXPECT_EQ(All<LoadAttendanceRoster>(effects).size(), 1u);
  EXPECT_TRUE(Att(state).loading);
  EXPECT_TRUE(Att(state).roster.empty()) << "no unsaved mark stays on screen";
}

TEST(AttendanceReduceTest, NameFilterIgnoresCaseAndDiacritics) {
  EXPECT_TRUE(MatchesAttendanceFilter("Ona Kazlauskienė", ""));
  EXPECT_TRUE(MatchesAttendanceFilter("Ona Kazlauskienė", "kaz"));
  EXPECT_TRUE(MatchesAttendanceFilter("Ona Kazlauskienė", "ON"));
  EXPECT_TRUE(MatchesAttendanceFilter("Vytautas Žemaitis", "zem"));
  EXPECT_TRUE(MatchesAttendanceFilter("Vytautas Zemaitis", "žem"));
  EXPECT_TRUE(MatchesAttendanceFilter("Anna Żółtowska", "zolt"));
  EXPECT_TRUE(MatchesAttendanceFilter("Anna Żółtowska", "ŻÓŁ "));
  EXPECT_FALSE(MatchesAttendanceFilter("Ona Kazlauskienė", "auskien")) << "words start only";
  EXPECT_FALSE(MatchesAttendanceFilter("Ona Kazlauskienė", "petr"));
}

// [SECTION] With the real storage

TEST(AttendanceStorageTest, ListsTodayFirstThenTheLast14DaysWithCounts) {
  AttendanceRig rig(4);
  AppState state = OnCoordinatorHome("en");
  rig.Dispatch(state, OpenCoordinatorTask{CoordinatorView::kAttendance});
  ASSERT_FALSE(Att(state).loading);
  std::vector<std::string> ids;
  for (const AttendanceSessionCard& card : Att(state).sessions) {
    ids.push_back(card.session_id);
  }
  EXPECT_EQ(ids, (std::vector<std::string>{kSessionToday, kSessionLater, kSessionYesterday}))
      << "20 days ago and tomorrow are not listed";
  const AttendanceSessionCard& today = Att(state).sessions[0];
  EXPECT_EQ(today.course_title, "Computer and tablet: first steps");
  EXPECT_TRUE(today.today);
  EXPECT_TRUE(today.started);
  EXPECT_EQ(today.roster, 4) << "confirmed seats only: not the request, not the cancelled";
  EXPECT_EQ(today.marked, 0);
  EXPECT_FALSE(Att(state).sessions[1].started);
  EXPECT_TRUE(Att(state).sessions[2].started);
  EXPECT_FALSE(Att(state).sessions[2].today);

  AppState lithuanian = OnCoordinatorHome("lt");
  rig.Dispatch(lithuanian, OpenCoordinatorTask{CoordinatorView::kAttendance});
  ASSERT_FALSE(Att(lithuanian).sessions.empty());
  EXPECT_EQ(Att(lithuanian).sessions[0].course_title,
            "Kompiuteris ir planšetė: pirmieji žingsniai");
}

TEST(AttendanceStorageTest, MarksAreSavedThroughTheOutboxAndShownOnReopening) {
  AttendanceRig rig(3);
  AppState state = OnCoordinatorHome("en");
  rig.Dispatch(state, OpenCoordinatorTask{CoordinatorView::kAttendance});
  rig.Dispatch(state, ChooseAttendanceSession{kSessionToday});
  ASSERT_EQ(Att(state).step, AttendanceStep::kRoster);
  ASSERT_EQ(Att(state).roster.size(), 3u);
  const int64_t outbox_before = *core::OutboxRepository(rig.store()).CountPending();
  rig.Dispatch(state, TapAttendanceRow{SeatPersonId(0)});  // present
  rig.Dispatch(state, TapAttendanceRow{SeatPersonId(1)});  // present
  rig.Dispatch(state, TapAttendanceRow{SeatPersonId(1)});  // absent
  rig.Dispatch(state, TapAttendanceRow{SeatPersonId(2)});  // present
  rig.Dispatch(state, TapAttendanceRow{SeatPersonId(2)});  // absent
  rig.Dispatch(state, TapAttendanceRow{SeatPersonId(2)});  // excused
  core::AttendanceRepository repository(rig.store());
  const auto saved = repository.ListForSession(kSessionToday);
  ASSERT_TRUE(saved.ok());
  ASSERT_EQ(saved->size(), 3u);
  EXPECT_EQ((*repository.Get(kSessionToday, SeatPersonId(0)))->mark,
            core::AttendanceMark::kPresent);
  EXPECT_EQ((*repository.Get(kSessionToday, SeatPersonId(1)))->mark, core::AttendanceMark::kAbsent);
  EXPECT_EQ((*repository.Get(kSessionToday, SeatPersonId(2)))->mark,
            core::AttendanceMark::kExcused);
  EXPECT_EQ((*repository.Get(kSessionToday, SeatPersonId(2)))->marked_by, kAttendCoordinator);
  EXPECT_GT(rig.Count("SELECT COUNT(*) FROM outbox WHERE tbl = 'attendance'"), 0);
  EXPECT_GT(*core::OutboxRepository(rig.store()).CountPending(), outbox_before);

  // One audit entry per tap, ids only.
  int audits = 0;
  for (int i = 0; i < 3; ++i) {
    const std::string id = core::DeterministicId("attendance", kSessionToday, SeatPersonId(i));
    const auto entries = core::AuditLog(rig.store()).ListForRecord("attendance", id);
    ASSERT_TRUE(entries.ok());
    EXPECT_EQ(static_cast<int>(entries->size()), i + 1) << "one per tap on person " << i;
    for (const core::AuditEntry& entry : *entries) {
      EXPECT_EQ(entry.actor_id, kAttendCoordinator);
      EXPECT_EQ(entry.action, "attendance.mark");
      EXPECT_EQ(entry.record_id, id);
    }
    audits += static_cast<int>(entries->size());
  }
  EXPECT_EQ(audits, 6);
  EXPECT_EQ(rig.Count("SELECT COUNT(*) FROM audit_log WHERE action = 'attendance.mark'"), 6);
  EXPECT_EQ(rig.Count("SELECT COUNT(*) FROM audit_log WHERE action = 'attendance.roster'"), 1);
  EXPECT_EQ(rig.Count("SELECT COUNT(*) FROM audit_log WHERE actor_id LIKE '%Ona%' OR action "
                      "LIKE '%Ona%' OR record_table LIKE '%Ona%' OR record_id LIKE '%Ona%'"),
            0);

  // Back to the sessions: the count moved; reopening the task shows the saved marks.
  rig.Dispatch(state, GoBack{});
  EXPECT_EQ(Att(state).sessions[0].marked, 3);
  rig.Dispatch(state, GoBack{});
  rig.Dispatch(state, OpenCoordinatorTask{CoordinatorView::kAttendance});
  EXPECT_EQ(Att(state).sessions[0].marked, 3) << "counted from the database";
  rig.Dispatch(state, ChooseAttendanceSession{kSessionToday});
  ASSERT_EQ(Att(state).roster.size(), 3u);
  std::vector<RosterMark> marks;
  for (const RosterRow& row : Att(state).roster) {
    marks.push_back(row.mark);
  }
  std::vector<RosterMark> expected = {RosterMark::kPresent, RosterMark::kAbsent,
                                      RosterMark::kExcused};
  std::vector<std::string> order;
  for (const RosterRow& row : Att(state).roster) {
    order.push_back(row.person_id);
  }
  for (size_t i = 0; i < order.size(); ++i) {
    const int person = order[i] == SeatPersonId(0) ? 0 : order[i] == SeatPersonId(1) ? 1 : 2;
    EXPECT_EQ(marks[i], expected[static_cast<size_t>(person)]) << order[i];
  }
  // A correction afterwards: one more tap, saved over the old mark.
  rig.Dispatch(state, TapAttendanceRow{SeatPersonId(1)});
  EXPECT_EQ((*repository.Get(kSessionToday, SeatPersonId(1)))->mark,
            core::AttendanceMark::kExcused);
  EXPECT_EQ(repository.ListForSession(kSessionToday)->size(), 3u);
}

TEST(AttendanceStorageTest, TheRosterIsSeatsAndMarksByFamilyName) {
  AttendanceRig rig(3);
  ASSERT_TRUE(core::AttendanceRepository(rig.store())
                  .Mark(kSessionYesterday, SparePersonId(0), core::AttendanceMark::kPresent,
                        kAttendCoordinator)
                  .ok());
  AppState state = OnCoordinatorHome("en");
  rig.Dispatch(state, OpenCoordinatorTask{CoordinatorView::kAttendance});
  rig.Dispatch(state, ChooseAttendanceSession{kSessionYesterday});
  ASSERT_EQ(Att(state).roster.size(), 4u) << "three seats and one person marked without a seat";
  for (size_t i = 1; i < Att(state).roster.size(); ++i) {
    EXPECT_LE(Att(state).roster[i - 1].sort_key, Att(state).roster[i].sort_key);
  }
  const auto spare =
      std::find_if(Att(state).roster.begin(), Att(state).roster.end(),
                   [](const RosterRow& r) { return r.person_id == SparePersonId(0); });
  ASSERT_NE(spare, Att(state).roster.end());
  EXPECT_EQ(spare->mark, RosterMark::kPresent);
  for (const RosterRow& row : Att(state).roster) {
    EXPECT_NE(row.person_id, kRequestedPerson);
    EXPECT_NE(row.person_id, kCancelledPerson);
    EXPECT_FALSE(row.name.empty());
  }
}

TEST(AttendanceStorageTest, AddAPersonWhoCameMarksThemPresent) {
  AttendanceRig rig(2);
  AppState state = OnCoordinatorHome("en");
  rig.Dispatch(state, OpenCoordinatorTask{CoordinatorView::kAttendance});
  rig.Dispatch(state, ChooseAttendanceSession{kSessionToday});
  const auto opened = rig.Dispatch(state, OpenAddAttendee{});
  ASSERT_EQ(Att(state).step, AttendanceStep::kAddPerson);
  EXPECT_EQ(All<WriteAudit>(opened).size(), 1u);
  std::vector<std::string> ids;
  for (const AttendanceCandidate& c : Att(state).candidates) {
    ids.push_back(c.person_id);
  }
  // The center's people not on the roster: the request, the cancelled and the spares; not the
  // person of another center, not the seats.
  EXPECT_EQ(ids.size(), 2u + kSpares);
  EXPECT_EQ(std::count(ids.begin(), ids.end(), kOtherCenterPerson), 0);
  EXPECT_EQ(std::count(ids.begin(), ids.end(), SeatPersonId(0)), 0);
  EXPECT_EQ(std::count(ids.begin(), ids.end(), kRequestedPerson), 1);

  const auto added = rig.Dispatch(state, AddAttendee{SparePersonId(1)});
  EXPECT_EQ(All<WriteAudit>(added).size(), 1u);
  EXPECT_EQ(Att(state).step, AttendanceStep::kRoster);
  ASSERT_EQ(Att(state).roster.size(), 3u);
  for (size_t i = 1; i < Att(state).roster.size(); ++i) {
    EXPECT_LE(Att(state).roster[i - 1].sort_key, Att(state).roster[i].sort_key) << "in order";
  }
  const auto saved = core::AttendanceRepository(rig.store()).Get(kSessionToday, SparePersonId(1));
  ASSERT_TRUE(saved.ok() && saved->has_value());
  EXPECT_EQ((*saved)->mark, core::AttendanceMark::kPresent);
  EXPECT_TRUE(rig.Dispatch(state, AddAttendee{SparePersonId(2)}).empty()) << "not on that step";
}

TEST(AttendanceStorageTest, TheStorageRefusesAMarkForASessionNotStarted) {
  AttendanceRig rig(2);
  AttendanceStorage storage;
  auto refused =
      storage.Run(rig.store(), MarkAttendance{kSessionLater, kAttendOffering, SeatPersonId(0),
                                              RosterMark::kPresent, kAttendCoordinator});
  ASSERT_TRUE(refused.ok());
  ASSERT_TRUE(refused->has_value());
  ASSERT_TRUE(HoldsMessage<AttendanceMarkFailed>(**refused));
  EXPECT_EQ(GetMessage<AttendanceMarkFailed>(**refused).error_key, "attend.error.not_started");
  auto tomorrow =
      storage.Run(rig.store(), MarkAttendance{kSessionTomorrow, kAttendOffering, SeatPersonId(0),
                                              RosterMark::kPresent, kAttendCoordinator});
  ASSERT_TRUE(tomorrow.ok() && tomorrow->has_value());
  EXPECT_EQ(rig.Count("SELECT COUNT(*) FROM attendance"), 0);
  auto gone =
      storage.Run(rig.store(), MarkAttendance{kSessionToday, kAttendOffering, "person.nobody",
                                              RosterMark::kPresent, kAttendCoordinator});
  ASSERT_TRUE(gone.ok() && gone->has_value());
  EXPECT_EQ(GetMessage<AttendanceMarkFailed>(**gone).error_key, "attend.error.gone");
  EXPECT_EQ(rig.Count("SELECT COUNT(*) FROM attendance"), 0);
}

}  // namespace
}  // namespace raida::kiosk::testing
