// The assisted session headless, with the real fonts and reducer: from a person's record the
// coordinator taps "Open the kiosk for this person", and the resident's welcome screen comes up
// with a band naming the person and "Finish helping" (and no "Staff"); "My courses" opens without
// a card code, Home stays inside the help, and "Finish helping" returns to the record. Every
// resident screen with the band passes the touch, contrast and glyph audits in lt, pl and en at
// both panels and all text sizes.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/demo_state.h"
#include "support/imgui_harness.h"
#include "support/ui_audit.h"
#include "support/view_audit.h"

namespace raida::kiosk::testing {
namespace {

constexpr const char* kCoordinator = "coordinator.bajorai.1";
constexpr const char* kOna = "person.demo.01";

void ReduceAll(KioskDriver& kiosk, const std::vector<Action>& actions) {
  for (const Action& action : actions) {
    kiosk.Reduce(action);
  }
  kiosk.Settle();
}

PersonRecord OnaRecord() {
  PersonRecord record;
  record.id = kOna;
  record.given_name = "Ona";
  record.family_name = "Kazlauskienė";
  record.birth_year = 1951;
  record.language = "lt";
  record.needs = {"transport"};
  return record;
}

TEST(AssistedUiTest, OpenTheKioskForAPersonThenFinishHelping) {
  KioskDriver kiosk;
  AppState& state = kiosk.state();
  state = StateShowing(Screen::kWelcome, "en");
  state.screen = Screen::kCoordinator;
  state.coordinator.signed_in = SignedInCoordinator{kCoordinator, "Rasa Vaitkevičienė"};
  state.coordinator.view = CoordinatorView::kPerson;
  state.coordinator.person.record = OnaRecord();
  kiosk.Settle();

  const std::vector<Action> open = kiosk.Tap("person.assisted.open");
  ASSERT_EQ(open.size(), 1u);
  ASSERT_TRUE(HoldsMessage<StartAssistedSession>(open[0]));
  ReduceAll(kiosk, open);
  ASSERT_EQ(state.screen, Screen::kWelcome);
  EXPECT_EQ(state.language, "lt") << "the person's language";
  const ProbeRecord* band = kiosk.Find("assisted.band");
  ASSERT_NE(band, nullptr);
  EXPECT_NE(band->text.find("Ona"), std::string::npos);
  EXPECT_EQ(band->text.find("Kazlauskienė"), std::string::npos) << "the given name is enough";
  EXPECT_EQ(kiosk.probe().Find("welcome.staff"), nullptr);

  ReduceAll(kiosk, kiosk.Tap("welcome.my_courses"));
  EXPECT_EQ(state.screen, Screen::kMyCourses) << "no card code: the coordinator vouched";
  EXPECT_NE(kiosk.probe().Find("assisted.end"), nullptr);
  ReduceAll(kiosk, kiosk.Tap("common.home"));
  EXPECT_EQ(state.screen, Screen::kWelcome);
  ASSERT_TRUE(state.person);

  const std::vector<Action> end = kiosk.Tap("assisted.end");
  ASSERT_EQ(end.size(), 1u);
  ASSERT_TRUE(HoldsMessage<EndAssistedSession>(end[0]));
  ReduceAll(kiosk, end);
  EXPECT_EQ(state.screen, Screen::kCoordinator);
  EXPECT_EQ(state.coordinator.view, CoordinatorView::kPerson);
  EXPECT_FALSE(state.person);
  EXPECT_EQ(kiosk.probe().Find("assisted.band"), nullptr);
}

// The resident's screens as an assisted session shows them, each with the band.
std::vector<AppState> Views(const std::string& language) {
  std::vector<AppState> views;
  for (const Screen screen :
       {Screen::kWelcome, Screen::kCatalog, Screen::kCourse, Screen::kSignUp, Screen::kSignUpDone,
        Screen::kMyCourses, Screen::kSettings, Screen::kHelp}) {
    AppState state = StateShowing(screen, language);
    state.coordinator.signed_in = SignedInCoordinator{kCoordinator, "Rasa Vaitkevičienė"};
    state.person = DemoPerson();
    state.person->given_name = "Marija Aleksandravičiūtė-Żółkiewska";  // a long name, every glyph
    state.assisted = AssistedSession{kCoordinator, state.person->id, language};
    views.push_back(state);
  }
  return views;
}

TEST(AssistedUiTest, EveryScreenWithTheBandPassesTheAudits) {
  AuditViewsEverywhere(Views, [](const std::string& language, const AuditStats& stats) {
    EXPECT_GT(stats.targets_checked, 50) << language;
  });
}

}  // namespace
}  // namespace raida::kiosk::testing
