// "Possible duplicates" headless, with the real fonts and reducer: from the coordinator's home,
// open the pairs, compare one, keep a record, read the question in plain words, cancel (nothing
// asked of the storage), keep again and confirm (one merge request), and read that the district
// office finishes it at the next sync; and every view (loading, no pairs, the list, a pair, the
// question, saving, done, each notice) passes the touch, contrast and glyph audits on every page
// in lt, pl and en at both panels.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "kiosk/state/reduce_duplicates.h"
#include "support/demo_state.h"
#include "support/imgui_harness.h"
#include "support/ui_audit.h"
#include "support/view_audit.h"

namespace raida::kiosk::testing {
namespace {

constexpr const char* kCoordinator = "coordinator.bajorai.1";

void ReduceAll(KioskDriver& kiosk, const std::vector<Action>& actions) {
  for (const Action& action : actions) {
    kiosk.Reduce(action);
  }
  kiosk.Settle();
}

std::vector<Effect> ReduceOne(KioskDriver& kiosk, const std::vector<Action>& tapped) {
  EXPECT_EQ(tapped.size(), 1u);
  std::vector<Effect> effects;
  for (const Action& action : tapped) {
    effects = kiosk.Reduce(action);
  }
  kiosk.Settle();
  return effects;
}

DuplicatePerson Side(const std::string& id, const std::string& given, const std::string& family,
                     const std::string& registered, int signups) {
  DuplicatePerson person;
  person.id = id;
  person.given_name = given;
  person.family_name = family;
  person.birth_year = 1951;
  person.village = "Bajorų kaimas prie Rokiškio";
  person.phone_end = "001";
  person.card_end = "037";
  person.registered_on = registered;
  person.signups = signups;
  return person;
}

std::vector<DuplicatePair> Pairs() {
  DuplicatePair ona{Side("person.demo.01", "Ona", "Kazlauskienė", "2024-03-05", 2),
                    Side("p1-7", "ONA", "Kazlauskiene", "2026-11-02", 0), true, false};
  ona.second.phone_end = "";
  DuplicatePair halina{Side("person.demo.06", "Halina", "Wasilewska-Żółkiewska", "", 1),
                       Side("p1-9", "Halina", "Wasilewska", "2026-10-12", 3), false, true};
  halina.first.birth_year.reset();
  halina.second.card_end = "";
  DuplicatePair both{Side("person.demo.04", "Algirdas", "Šimkus", "2025-01-20", 1),
                     Side("p1-12", "Algirdas", "Šimkus", "2026-11-20", 1), true, true};
  return {ona, halina, both};
}

AppState OnDuplicates(const std::string& language, DuplicatesStep step = DuplicatesStep::kList) {
  AppState state = StateShowing(Screen::kWelcome, language);
  state.center_id = "center.bajorai";
  state.today = "2026-11-23";
  state.screen = Screen::kCoordinator;
  state.coordinator.signed_in = SignedInCoordinator{kCoordinator, "Rasa Vaitkevičienė"};
  state.coordinator.view = CoordinatorView::kDuplicates;
  DuplicatesState& dups = state.coordinator.duplicates;
  dups.pairs = Pairs();
  dups.step = step;
  if (step != DuplicatesStep::kList) {
    dups.chosen = dups.pairs[0];
  }
  if (step == DuplicatesStep::kConfirm || step == DuplicatesStep::kDone) {
    dups.keep_id = "person.demo.01";
  }
  return state;
}

TEST(DuplicatesUiTest, CompareKeepCancelThenConfirmByTouch) {
  KioskDriver kiosk(ImVec2(1366, 768));
  AppState home = OnDuplicates("en");
  home.coordinator.view = CoordinatorView::kHome;
  home.coordinator.duplicates = DuplicatesState{};
  kiosk.state() = home;
  kiosk.Settle();
  std::vector<Effect> effects = ReduceOne(kiosk, kiosk.Tap("coord.home.duplicates"));
  ASSERT_EQ(effects.size(), 1u);
  EXPECT_TRUE(HoldsMessage<LoadDuplicates>(effects[0]));
  EXPECT_EQ(kiosk.Find("dups.loading")->text, kiosk.Text("dups.loading"));
  kiosk.Reduce(DuplicatesLoaded{"center.bajorai", Pairs()});
  kiosk.Settle();
  EXPECT_EQ(kiosk.Find("dups.pair.person.demo.01.p1-7.first")->text, "Ona Kazlauskienė (1951)");
  EXPECT_EQ(kiosk.Find("dups.pair.person.demo.01.p1-7.why")->text, "Same name and year of birth.");
  EXPECT_EQ(kiosk.Find("dups.office")->text, kiosk.Text("dups.office"));

  ReduceAll(kiosk, kiosk.Tap("dups.open.person.demo.01.p1-7"));
  ASSERT_EQ(kiosk.state().coordinator.duplicates.step, DuplicatesStep::kPair);
  EXPECT_EQ(kiosk.Find("dups.first.phone")->text, "Phone number ends in 001");
  EXPECT_EQ(kiosk.Find("dups.second.phone")->text, kiosk.Text("dups.no_phone"));
  EXPECT_EQ(kiosk.Find("dups.first.card")->text, "Card number ends in 037");
  EXPECT_EQ(kiosk.Find("dups.first.registered")->text, "Registered on 5 March 2024");
  EXPECT_EQ(kiosk.Find("dups.first.signups")->text, "Course sign-ups: 2");

  // Keep Ona's first record: the question says what will happen; "Cancel" asks nothing.
  ReduceAll(kiosk, kiosk.Tap("dups.keep.first"));
  ASSERT_EQ(kiosk.state().coordinator.duplicates.step, DuplicatesStep::kConfirm);
  EXPECT_EQ(kiosk.Find("dups.ask.message")->text,
            "The sign-ups and lessons of ONA Kazlauskiene (1951) will move to Ona Kazlauskienė "
            "(1951), and ONA Kazlauskiene (1951) will no longer be shown on this kiosk. This "
            "cannot be undone here.");
  EXPECT_TRUE(ReduceOne(kiosk, kiosk.Tap("dups.ask.no")).empty());
  EXPECT_EQ(kiosk.state().coordinator.duplicates.step, DuplicatesStep::kPair);

  ReduceAll(kiosk, kiosk.Tap("dups.keep.first"));
  effects = ReduceOne(kiosk, kiosk.Tap("dups.ask.yes"));
  ASSERT_EQ(effects.size(), 1u);
  const auto* merge = FindMessage<SaveDuplicateMerge>(effects[0]);
  ASSERT_NE(merge, nullptr);
  EXPECT_EQ(merge->loser_id, "p1-7");
  EXPECT_EQ(merge->winner_id, "person.demo.01");
  EXPECT_EQ(merge->coordinator_id, kCoordinator);
  kiosk.Reduce(DuplicateMerged{"p1-7", "person.demo.01"});
  kiosk.Settle();
  EXPECT_EQ(kiosk.Find("dups.done.sync")->text, kiosk.Text("dups.done.sync"));
  ReduceAll(kiosk, kiosk.Tap("dups.done.back"));
  EXPECT_EQ(kiosk.state().coordinator.duplicates.step, DuplicatesStep::kList);
  EXPECT_EQ(kiosk.probe().Find("dups.open.person.demo.01.p1-7"), nullptr) << "the pair is gone";
  EXPECT_NE(kiosk.probe().Find("dups.open.person.demo.06.p1-9"), nullptr);
}

// Every view of the task, in every look.
std::vector<AppState> Views(const std::string& language) {
  std::vector<AppState> views;
  views.push_back(OnDuplicates(language));
  AppState loading = OnDuplicates(language);
  loading.coordinator.duplicates.pairs.clear();
  loading.coordinator.duplicates.loading = true;
  views.push_back(loading);
  AppState none = OnDuplicates(language);
  none.coordinator.duplicates.pairs.clear();
  views.push_back(none);
  for (const char* notice : {"dups.notice.kept_apart", "dups.notice.gone"}) {
    AppState noticed = OnDuplicates(language);
    noticed.coordinator.duplicates.notice_key = notice;
    views.push_back(noticed);
  }
  views.push_back(OnDuplicates(language, DuplicatesStep::kPair));
  AppState second = OnDuplicates(language, DuplicatesStep::kPair);
  second.coordinator.duplicates.chosen = second.coordinator.duplicates.pairs[1];
  views.push_back(second);
  AppState busy = OnDuplicates(language, DuplicatesStep::kPair);
  busy.coordinator.duplicates.busy = true;
  views.push_back(busy);
  views.push_back(OnDuplicates(language, DuplicatesStep::kConfirm));
  AppState saving = OnDuplicates(language, DuplicatesStep::kConfirm);
  saving.coordinator.duplicates.busy = true;
  views.push_back(saving);
  views.push_back(OnDuplicates(language, DuplicatesStep::kDone));
  AppState home = OnDuplicates(language);
  home.coordinator.view = CoordinatorView::kHome;  // the home with its new task
  views.push_back(home);
  return views;
}

TEST(DuplicatesUiTest, EveryViewPassesTheAudits) {
  AuditViewsEverywhere(Views, [](const std::string& language, const AuditStats& stats) {
    EXPECT_GT(stats.targets_checked, 50) << language;
  });
}

}  // namespace
}  // namespace raida::kiosk::testing
