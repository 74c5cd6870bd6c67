// The sign-up inbox headless (issue 5 item 3): confirming a request with a reason by touch from
// the coordinator home, the conflict from a sync said first in plain words, the honest seat
// lines, a refusal said on screen; and every inbox view passes the touch, clipping, overlap and
// contrast audits in lt, pl and en at both panels and all text sizes.
#include <gtest/gtest.h>

#include <string>
#include <variant>
#include <vector>

#include "kiosk/state/reduce_inbox.h"
#include "support/demo_state.h"
#include "support/imgui_harness.h"
#include "support/ui_audit.h"
#include "support/view_audit.h"
#include "tests/kiosk_state/effects_found.h"

namespace raida::kiosk::testing {
namespace {

constexpr const char* kId = "coordinator.bajorai.1";

void ReduceAll(KioskDriver& kiosk, const std::vector<Action>& actions) {
  for (const Action& action : actions) {
    kiosk.Reduce(action);
  }
  kiosk.Settle();
}

InboxOffering Offering(const std::string& id, int capacity, int confirmed, int unsent) {
  InboxOffering o;
  o.id = id;
  o.course_id = "course.computer-first-steps";
  o.course_title = {{"lt", "Pirmieji žingsniai su kompiuteriu"},
                    {"pl", "Pierwsze kroki z komputerem"},
                    {"en", "First steps with a computer"}};
  o.starts_on = "2026-11-16";
  o.ends_on = "2026-12-11";
  o.place = "Bajorų bendruomenės namai, 2 kab.";
  o.capacity = capacity;
  o.confirmed_here = confirmed;
  o.unsent = unsent;
  o.district_count = confirmed - unsent;
  return o;
}

InboxRequest Request(const std::string& id, const std::string& offering, const std::string& name,
                     std::vector<std::string> needs, const std::string& status = "requested") {
  InboxRequest r;
  r.enrollment_id = id;
  r.offering_id = offering;
  r.person_id = "person." + id;
  r.person_name = name;
  r.status = status;
  r.needs = std::move(needs);
  return r;
}

InboxLoaded Loaded(bool synced = true) {
  InboxLoaded loaded;
  loaded.center_id = "center.bajorai";
  loaded.offerings = {Offering("o1", 12, 9, 3), Offering("o2", 6, 6, 0), Offering("o3", 8, 0, 0),
                      Offering("o4", 8, 0, 0)};
  loaded.offerings[1].starts_on = "2027-01-11";
  loaded.offerings[1].ends_on = "2027-02-05";
  loaded.offerings[2].starts_on = "2026-09-01";
  loaded.offerings[2].ends_on = "2026-10-01";  // ended
  loaded.offerings[3].cancelled = true;
  InboxRequest conflict = Request("e9", "o2", "Halina Wiśniewska", {"care"}, "waitlisted");
  conflict.conflict = true;
  conflict.waitlist_position = "2";
  loaded.requests = {conflict,
                     Request("e1", "o1", "Ona Petraitienė", {"transport", "accessibility"}),
                     Request("e2", "o1", "Jonas Žukauskas", {}),
                     Request("e3", "o2", "Mindaugas Šimkus", {"care"}, "waitlisted")};
  if (synced) {
    loaded.last_sync_date = "2026-11-22";
    loaded.last_sync_time = "18:05";
  }
  return loaded;
}

AppState Home(const std::string& language) {
  AppState state = StateShowing(Screen::kWelcome, language);
  state.center_id = "center.bajorai";
  state.today = "2026-11-23";
  state.screen = Screen::kCoordinator;
  state.coordinator.view = CoordinatorView::kHome;
  state.coordinator.signed_in = SignedInCoordinator{kId, "Rasa Vaitkevičienė"};
  return state;
}

AppState InboxList(const std::string& language, bool synced = true) {
  AppState state = Home(language);
  Reduce(state, OpenCoordinatorTask{CoordinatorView::kInbox});
  Reduce(state, Loaded(synced));
  return state;
}

TEST(InboxUiTest, ConfirmWithAReasonByTouch) {
  KioskDriver kiosk;
  kiosk.state() = Home("en");
  kiosk.Settle();
  const std::vector<Action> open = kiosk.Tap("coord.home.inbox");
  ASSERT_EQ(open.size(), 1u);
  const std::vector<Effect> effects = kiosk.Reduce(open[0]);
  EXPECT_EQ(All<LoadInbox>(effects).size(), 1u);
  EXPECT_EQ(All<WriteAudit>(effects).size(), 1u);
  kiosk.Reduce(Loaded());
  kiosk.Settle();

  const ProbeRecord* seats = kiosk.Find("inbox.offering.o1.seats_here");
  ASSERT_NE(seats, nullptr);
  EXPECT_EQ(seats->text, "Seats: 12. Confirmed here: 9 (3 not yet sent to the district office).");
  const ProbeRecord* office = kiosk.Find("inbox.offering.o1.seats_office");
  ASSERT_NE(office, nullptr);
  EXPECT_EQ(office->text,
            "District office's last count: 6 (after the sync of 22 November 2026, 18:05).");
  EXPECT_EQ(kiosk.Find("inbox.request.e1.needs")->text, "Needs: transport, an accessible room.");

  ReduceAll(kiosk, kiosk.Tap("inbox.decide.e1"));
  ASSERT_EQ(kiosk.state().coordinator.inbox.step, InboxStep::kRequest);
  EXPECT_EQ(kiosk.Find("inbox.person")->text, "Ona Petraitienė");
  ReduceAll(kiosk, kiosk.Tap("inbox.confirm"));
  ASSERT_EQ(kiosk.state().coordinator.inbox.step, InboxStep::kReason);
  EXPECT_EQ(kiosk.Find("inbox.reason.other")->text, "Other reason");
  const std::vector<Action> reason = kiosk.Tap("inbox.reason.seat_free");
  ASSERT_EQ(reason.size(), 1u);
  ASSERT_TRUE(HoldsMessage<ChooseInboxReason>(reason[0]));
  const auto saves = All<SaveInboxDecision>(kiosk.Reduce(reason[0]));
  ASSERT_EQ(saves.size(), 1u);
  EXPECT_EQ(saves[0].enrollment_id, "e1");
  EXPECT_EQ(saves[0].decision, InboxDecision::kConfirm);
  EXPECT_EQ(saves[0].reason, "confirm.seat_free");
  kiosk.Settle();
  EXPECT_NE(kiosk.Find("inbox.saving"), nullptr);
  EXPECT_FALSE(kiosk.Find("inbox.reason.seat_free")->enabled) << "saved once";

  kiosk.Reduce(InboxSaved{"e1", ""});
  kiosk.Settle();
  EXPECT_EQ(kiosk.state().coordinator.inbox.step, InboxStep::kList);
  EXPECT_EQ(kiosk.Find("inbox.done")->text,
            "Saved. Ona Petraitienė: the seat is confirmed. The district office learns it at the "
            "next sync.");
  ReduceAll(kiosk, kiosk.Tap("common.back"));
  EXPECT_EQ(kiosk.state().coordinator.view, CoordinatorView::kHome);
}

TEST(InboxUiTest, TheConflictFromASyncComesFirstInPlainWords) {
  KioskDriver kiosk;
  kiosk.state() = InboxList("en");
  kiosk.Settle();
  const ProbeRecord* conflict = kiosk.Find("inbox.conflict.e9");
  ASSERT_NE(conflict, nullptr);
  EXPECT_EQ(conflict->text,
            "The district office put Halina Wiśniewska on the waiting list for First steps with "
            "a computer: the course was full.")
      << "(the English wording is checked so a change of it is deliberate)";
  int conflict_at = -1;
  int first_group_at = -1;
  for (size_t i = 0; i < kiosk.probe().items.size(); ++i) {
    const std::string& id = kiosk.probe().items[i].id;
    if (id == "inbox.conflict.e9" && conflict_at < 0) {
      conflict_at = static_cast<int>(i);
    }
    if (id.rfind("inbox.offering.", 0) == 0 && first_group_at < 0) {
      first_group_at = static_cast<int>(i);
    }
  }
  EXPECT_GE(conflict_at, 0);
  EXPECT_LT(conflict_at, first_group_at) << "conflicts come before the groups";
  EXPECT_EQ(kiosk.Find("inbox.conflict.e9.position")->text, "Place on the waiting list: 2.");
  EXPECT_EQ(kiosk.probe().Find("inbox.request.e9"), nullptr) << "shown once, as the conflict";
}

TEST(InboxUiTest, NoSeatLeftIsSaidOnScreenAndNothingIsSent) {
  KioskDriver kiosk;
  kiosk.state() = InboxList("en");
  kiosk.Settle();
  ReduceAll(kiosk, kiosk.Tap("inbox.decide.e3"));
  const std::vector<Action> confirm = kiosk.Tap("inbox.confirm");
  ASSERT_EQ(confirm.size(), 1u);
  EXPECT_TRUE(kiosk.Reduce(confirm[0]).empty());
  kiosk.Settle();
  EXPECT_EQ(kiosk.Find("inbox.error")->text, kiosk.Text("inbox.error.no_seat"));
  EXPECT_EQ(kiosk.state().coordinator.inbox.step, InboxStep::kRequest);
}

TEST(InboxUiTest, MovingToAnEndedTimeIsSaidOnScreen) {
  KioskDriver kiosk;
  kiosk.state() = InboxList("en");
  kiosk.Settle();
  ReduceAll(kiosk, kiosk.Tap("inbox.decide.e1"));
  ReduceAll(kiosk, kiosk.Tap("inbox.move"));
  ASSERT_EQ(kiosk.state().coordinator.inbox.step, InboxStep::kMoveTarget);
  EXPECT_EQ(kiosk.Find("inbox.target.o3.state")->text, "This time has already ended.");
  ReduceAll(kiosk, kiosk.Tap("inbox.move.o3"));
  EXPECT_EQ(kiosk.Find("inbox.error")->text, kiosk.Text("inbox.error.move_ended"));
  ReduceAll(kiosk, kiosk.Tap("inbox.move.o4"));
  EXPECT_EQ(kiosk.Find("inbox.error")->text, kiosk.Text("inbox.error.move_cancelled"));
  EXPECT_EQ(kiosk.state().coordinator.inbox.step, InboxStep::kMoveTarget);
  ReduceAll(kiosk, kiosk.Tap("inbox.move.o2"));
  EXPECT_EQ(kiosk.state().coordinator.inbox.step, InboxStep::kReason);
}

// Every inbox view: the list (with a conflict, a done line and an error; empty; never synced),
// a request, the move targets, the reasons of each decision, and a save on its way.
std::vector<AppState> Views(const std::string& language) {
  std::vector<AppState> views;
  AppState list = InboxList(language);
  views.push_back(list);
  AppState done = list;
  done.coordinator.inbox.done_key = "inbox.done.move";
  done.coordinator.inbox.done_name = "Ona Petraitienė";
  done.coordinator.inbox.error_key = kInboxChangedKey;
  views.push_back(done);
  views.push_back(InboxList(language, false));
  AppState empty = Home(language);
  Reduce(empty, OpenCoordinatorTask{CoordinatorView::kInbox});
  views.push_back(empty);  // loading
  InboxLoaded none;
  none.center_id = "center.bajorai";
  Reduce(empty, none);
  views.push_back(empty);
  AppState request = list;
  Reduce(request, OpenInboxRequest{"e3"});
  views.push_back(request);
  Reduce(request, ChooseInboxDecision{InboxDecision::kConfirm});  // no seat: the error
  views.push_back(request);
  AppState move = list;
  Reduce(move, OpenInboxRequest{"e1"});
  Reduce(move, ChooseInboxDecision{InboxDecision::kMove});
  Reduce(move, ChooseInboxMoveTarget{"o3"});  // ended: the error
  views.push_back(move);
  Reduce(move, ChooseInboxMoveTarget{"o2"});
  views.push_back(move);
  for (const InboxDecision decision :
       {InboxDecision::kConfirm, InboxDecision::kWaitlist, InboxDecision::kCancel}) {
    AppState reason = list;
    Reduce(reason, OpenInboxRequest{"e1"});
    Reduce(reason, ChooseInboxDecision{decision});
    views.push_back(reason);
  }
  AppState saving = list;
  Reduce(saving, OpenInboxRequest{"e9"});
  Reduce(saving, ChooseInboxDecision{InboxDecision::kCancel});
  Reduce(saving, ChooseInboxReason{"person_asked"});
  views.push_back(saving);
  return views;
}

TEST(InboxUiTest, EveryViewPassesTheAudits) {
  AuditViewsEverywhere(Views, [](const std::string& language, const AuditStats& stats) {
    EXPECT_GT(stats.targets_checked, 100) << language;
  });
}

}  // namespace
}  // namespace raida::kiosk::testing
