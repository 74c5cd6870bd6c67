// The coordinator's attendance task headless, on the real screens with the real fonts and the
// real AttendanceStorage on a real store (tests/kiosk_state/attendance_rig.h): the issue's
// acceptance walk (a 20-person session marked all present in at most 25 taps from the coordinator
// home on a 1366×768 panel, every page tap counted, rows never below the target size), the marks
// shown again on reopening, a session not started refused in plain words, "Add a person who
// came" by touch, and every attendance view through the touch, contrast, clipping and glyph
// audits in lt, pl and en at both panels, all text sizes and both contrasts.
#include <gtest/gtest.h>

#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include "../kiosk_state/attendance_rig.h"
#include "kiosk/state/reduce_attendance.h"
#include "kiosk/ui/keyboard.h"
#include "raida/core/attendance_repository.h"
#include "raida/core/audit_log.h"
#include "support/imgui_harness.h"
#include "support/ui_audit.h"
#include "support/view_audit.h"

namespace raida::kiosk::testing {
namespace {

constexpr float kPxPerMm = 4.03f;

// A touch driver that counts every tap a person makes, the ▼ page taps included, and runs what
// each tap dispatched through the rig (reducer and real storage).
class Walk {
 public:
  Walk(KioskDriver& kiosk, AttendanceRig& rig) : kiosk_(kiosk), rig_(rig) {}

  void Tap(const std::string& id) {
    for (int page = 0; page < 30; ++page) {
      const ProbeRecord* record = kiosk_.probe().Find(id);
      if (record == nullptr || WhollyVisible(*record)) {
        break;
      }
      const ProbeRecord* down = nullptr;
      for (const ProbeRecord& r : kiosk_.probe().items) {
        const bool is_down = r.id.size() > 5 && r.id.compare(r.id.size() - 5, 5, ".down") == 0;
        if (is_down && r.enabled && r.role == ProbeRole::kTarget) {
          down = &r;
        }
      }
      if (down == nullptr) {
        break;
      }
      kiosk_.harness().Tap(Center(*down), kiosk_.draw());
      kiosk_.harness().Wait(0.2f, kiosk_.draw());
      ++taps_;
      ++page_taps_;
    }
    const ProbeRecord* record = kiosk_.Find(id);
    ASSERT_NE(record, nullptr) << id;
    kiosk_.actions().clear();
    kiosk_.harness().Tap(Center(*record), kiosk_.draw());
    ++taps_;
    const std::vector<Action> actions = std::exchange(kiosk_.actions(), {});
    for (const Action& action : actions) {
      rig_.Dispatch(kiosk_.state(), action);
    }
    kiosk_.harness().Wait(0.2f, kiosk_.draw());
    kiosk_.Settle();
  }

  int taps() const { return taps_; }
  int page_taps() const { return page_taps_; }

 private:
  KioskDriver& kiosk_;
  AttendanceRig& rig_;
  int taps_ = 0;
  int page_taps_ = 0;
};

const AttendanceState& Att(KioskDriver& kiosk) { return kiosk.state().coordinator.attendance; }

TEST(AttendanceUiTest, TwentyPeopleMarkedPresentInAtMost25TapsFromTheHome) {
  AttendanceRig rig(20);
  KioskDriver kiosk(ImVec2(1366, 768), kPxPerMm);
  kiosk.state() = OnCoordinatorHome("en");
  ASSERT_EQ(kiosk.state().text_size, TextSize::kNormal);
  kiosk.Settle();
  Walk walk(kiosk, rig);
  walk.Tap("coord.home.attendance");
  ASSERT_EQ(kiosk.state().coordinator.view, CoordinatorView::kAttendance);
  walk.Tap(std::string("attend.session.") + kSessionToday);
  ASSERT_EQ(Att(kiosk).step, AttendanceStep::kRoster);
  ASSERT_EQ(Att(kiosk).roster.size(), 20u);
  const float target = MakeTheme(kPxPerMm, false, TextSize::kNormal).metrics.target;
  const std::vector<RosterRow> rows = Att(kiosk).roster;
  for (const RosterRow& row : rows) {
    const std::string id = "attend.row." + row.person_id;
    walk.Tap(id);
    const ProbeRecord* shown = kiosk.Find(id);
    ASSERT_NE(shown, nullptr);
    EXPECT_GE(shown->max.y - shown->min.y, target - 0.5f) << id;
    EXPECT_GE(shown->max.x - shown->min.x, target - 0.5f) << id;
    EXPECT_NE(shown->text.find("Present"), std::string::npos) << "the mark in words";
    EXPECT_NE(shown->text.find("\u2713"), std::string::npos) << "and by symbol";
  }
  EXPECT_EQ(kiosk.Find("attend.counts")->text,
            "Present 20 \u00B7 Absent 0 \u00B7 Excused 0 \u00B7 Not marked 0 (of 20)");
  walk.Tap("common.back");
  EXPECT_EQ(Att(kiosk).step, AttendanceStep::kSessions);
  EXPECT_LE(walk.taps(), 25) << walk.page_taps() << " page taps";
  RecordProperty("taps", walk.taps());
  std::cout << "acceptance walk: " << walk.taps() << " taps (" << walk.page_taps()
            << " page taps)\n";

  // Saved: 20 present marks, and exactly one audit entry per mark with ids only.
  const auto saved = core::AttendanceRepository(rig.store()).ListForSession(kSessionToday);
  ASSERT_TRUE(saved.ok());
  ASSERT_EQ(saved->size(), 20u);
  for (const core::Attendance& a : *saved) {
    EXPECT_EQ(a.mark, core::AttendanceMark::kPresent);
    const auto entries = core::AuditLog(rig.store()).ListForRecord("attendance", a.id);
    ASSERT_TRUE(entries.ok());
    ASSERT_EQ(entries->size(), 1u);
    EXPECT_EQ((*entries)[0].action, "attendance.mark");
    EXPECT_EQ((*entries)[0].actor_id, kAttendCoordinator);
  }
  EXPECT_EQ(rig.Count("SELECT COUNT(*) FROM audit_log WHERE action = 'attendance.mark'"), 20);
  for (const RosterRow& row : rows) {
    const std::string given = row.name.substr(0, row.name.find(' '));
    EXPECT_EQ(rig.Count("SELECT COUNT(*) FROM audit_log WHERE instr(actor_id || action || "
                        "record_table || record_id, '" + given + "') > 0"),
              0)
        << "no names in the audit log";
  }
  EXPECT_NE(kiosk.Find(std::string("attend.session.") + kSessionToday)->text.find("20 of 20"),
            std::string::npos);

  // Reopening from the home shows the saved marks.
  walk.Tap("common.back");
  ASSERT_EQ(kiosk.state().coordinator.view, CoordinatorView::kHome);
  walk.Tap("coord.home.attendance");
  walk.Tap(std::string("attend.session.") + kSessionToday);
  ASSERT_EQ(Att(kiosk).roster.size(), 20u);
  for (const RosterRow& row : Att(kiosk).roster) {
    EXPECT_EQ(row.mark, RosterMark::kPresent);
  }
  EXPECT_NE(kiosk.Find("attend.counts")->text.find("Present 20"), std::string::npos);
}

TEST(AttendanceUiTest, ASessionNotStartedIsRefusedInPlainWords) {
  AttendanceRig rig(3);
  KioskDriver kiosk(ImVec2(1366, 768), kPxPerMm);
  kiosk.state() = OnCoordinatorHome("en");
  kiosk.Settle();
  Walk walk(kiosk, rig);
  walk.Tap("coord.home.attendance");
  const std::string later = std::string("attend.session.") + kSessionLater;
  EXPECT_NE(kiosk.Find(later)->text.find("Not started yet"), std::string::npos);
  walk.Tap(later);
  EXPECT_EQ(Att(kiosk).step, AttendanceStep::kSessions);
  EXPECT_EQ(kiosk.Find("attend.error")->text,
            "This session has not started yet; attendance can be taken from its start.");
  EXPECT_EQ(rig.Count("SELECT COUNT(*) FROM attendance"), 0);
  EXPECT_EQ(rig.Count("SELECT COUNT(*) FROM audit_log"), 0);
}

TEST(AttendanceUiTest, AddAPersonWhoCameByTouch) {
  AttendanceRig rig(3);
  KioskDriver kiosk(ImVec2(1366, 768), kPxPerMm);
  kiosk.state() = OnCoordinatorHome("lt");
  kiosk.Settle();
  Walk walk(kiosk, rig);
  walk.Tap("coord.home.attendance");
  walk.Tap(std::string("attend.session.") + kSessionToday);
  walk.Tap("attend.add");
  ASSERT_EQ(Att(kiosk).step, AttendanceStep::kAddPerson);
  EXPECT_EQ(Att(kiosk).candidates.size(), 2u + kSpares);
  // A filter nobody matches says so; deleting it shows everybody again.
  walk.Tap(KeyboardKeyId("attend.keyboard", U'q'));
  EXPECT_EQ(Att(kiosk).filter, "q");
  EXPECT_EQ(kiosk.Find("attend.add.no_match")->text, kiosk.Text("attend.add.no_match"));
  EXPECT_EQ(kiosk.probe().Find("attend.person." + SparePersonId(1)), nullptr);
  walk.Tap("attend.keyboard.key.backspace");
  EXPECT_EQ(Att(kiosk).filter, "");
  walk.Tap("attend.person." + SparePersonId(1));
  EXPECT_EQ(Att(kiosk).step, AttendanceStep::kRoster);
  EXPECT_EQ(Att(kiosk).roster.size(), 4u);
  EXPECT_NE(kiosk.Find("attend.row." + SparePersonId(1))->text.find(kiosk.Text("attend.mark.present")),
            std::string::npos);
  const auto saved = core::AttendanceRepository(rig.store()).Get(kSessionToday, SparePersonId(1));
  ASSERT_TRUE(saved.ok() && saved->has_value());
  EXPECT_EQ((*saved)->mark, core::AttendanceMark::kPresent);
}

// [SECTION] Audits

// Every attendance view with real data in `language`.
std::vector<AppState> Views(AttendanceRig& rig, const std::string& language) {
  std::vector<AppState> views;
  AppState state = OnCoordinatorHome(language);
  Reduce(state, OpenCoordinatorTask{CoordinatorView::kAttendance});
  views.push_back(state);  // loading
  state = OnCoordinatorHome(language);
  rig.Dispatch(state, OpenCoordinatorTask{CoordinatorView::kAttendance});
  views.push_back(state);
  AppState refused = state;
  Reduce(refused, ChooseAttendanceSession{kSessionLater});
  views.push_back(refused);
  AppState empty = state;
  empty.coordinator.attendance.sessions.clear();
  views.push_back(empty);
  rig.Dispatch(state, ChooseAttendanceSession{kSessionToday});
  AppState roster = state;
  const auto& rows = roster.coordinator.attendance.roster;
  for (size_t i = 0; i < rows.size(); ++i) {
    for (size_t k = 0; k < i % 4; ++k) {
      Reduce(roster, TapAttendanceRow{rows[i].person_id});  // every mark on screen
    }
  }
  views.push_back(roster);
  AppState roster_error = roster;
  roster_error.coordinator.attendance.error_key = "attend.error.gone";
  views.push_back(roster_error);
  AppState no_one = roster;
  no_one.coordinator.attendance.roster.clear();
  views.push_back(no_one);
  rig.Dispatch(state, OpenAddAttendee{});
  views.push_back(state);
  AppState no_match = state;
  no_match.coordinator.attendance.filter = "qqq";
  views.push_back(no_match);
  AppState nobody = state;
  nobody.coordinator.attendance.candidates.clear();
  views.push_back(nobody);
  return views;
}

TEST(AttendanceUiTest, EveryViewPassesTheAudits) {
  AttendanceRig rig(20);
  AuditViewsEverywhere(
      [&](const std::string& language) {
        std::vector<AppState> views = Views(rig, language);
        EXPECT_EQ(views.size(), 10u);
        return views;
      },
      [](const std::string& language, const AuditStats& stats) {
        EXPECT_GT(stats.targets_checked, 200) << language;
      });
}

}  // namespace
}  // namespace raida::kiosk::testing
