// "Lists and export" headless: from the coordinator home to a written participants list by touch
// (the file's place said on screen), the refusal when the file cannot be written, and the audits
// on every view in lt, pl and en at both panel sizes.
#include <gtest/gtest.h>

#include <string>
#include <variant>
#include <vector>

#include "kiosk/state/reduce.h"
#include "kiosk/state/reduce_lists.h"
#include "support/imgui_harness.h"
#include "support/view_audit.h"

namespace raida::kiosk::testing {
namespace {

constexpr const char* kId = "coordinator.bajorai.1";

AppState Home(const std::string& language) {
  AppState state;
  state.language = language;
  state.center_id = "center.bajorai";
  state.today = "2026-11-23";
  state.screen = Screen::kCoordinator;
  state.coordinator.view = CoordinatorView::kHome;
  state.coordinator.signed_in = SignedInCoordinator{kId, "Rasa Vaitkevičienė"};
  return state;
}

ListOfferingsLoaded Offerings() {
  return ListOfferingsLoaded{{{"offering.bajorai.1", "Kompiuteris ir planšetė: pirmieji žingsniai",
                               "2026-11-16", "2026-12-18", "Bajorų bendruomenės namai, salė", 6},
                              {"offering.bajorai.2", "Pasitikėjimas savimi ir bendravimas",
                               "2026-12-11", "2026-12-25", "Bajorų bendruomenės namai, salė", 0},
                              {"offering.bajorai.3", "Darbo paieška ir gyvenimo aprašymas",
                               "2026-09-01", "2026-10-15", "", 11}}};
}

template <typename T>
size_t Count(const std::vector<Effect>& effects) {
  size_t n = 0;
  for (const Effect& effect : effects) {
    n += HoldsMessage<T>(effect) ? 1 : 0;
  }
  return n;
}

TEST(ListsUiTest, AParticipantsListByTouch) {
  KioskDriver kiosk;
  kiosk.state() = Home("en");
  kiosk.Settle();
  std::vector<Action> tapped = kiosk.Tap("coord.home.lists");
  ASSERT_EQ(tapped.size(), 1u);
  EXPECT_EQ(Count<LoadListOfferings>(kiosk.Reduce(tapped[0])), 1u);
  kiosk.Reduce(Offerings());
  kiosk.Settle();
  tapped = kiosk.Tap("lists.open.offering.bajorai.1");
  ASSERT_EQ(tapped.size(), 1u);
  kiosk.Reduce(tapped[0]);
  kiosk.Settle();
  tapped = kiosk.Tap("lists.write.participants");
  ASSERT_EQ(tapped.size(), 1u);
  const std::vector<Effect> effects = kiosk.Reduce(tapped[0]);
  EXPECT_EQ(Count<WriteList>(effects), 1u);
  EXPECT_EQ(Count<WriteAudit>(effects), 1u);
  kiosk.Reduce(ListExported{"offering.bajorai.1", ListKind::kParticipants,
                            "/var/lib/raida/exports/2026-11-23-1000-participants.csv", 6});
  kiosk.Settle();
  const ProbeRecord* written = kiosk.Find("lists.written");
  ASSERT_NE(written, nullptr);
  EXPECT_NE(written->text.find("/var/lib/raida/exports/2026-11-23-1000-participants.csv"),
            std::string::npos)
      << written->text;
  EXPECT_NE(written->text.find("6 people"), std::string::npos) << written->text;
}

TEST(ListsUiTest, AFileThatCannotBeWrittenIsSaidPlainly) {
  KioskDriver kiosk;
  AppState state = Home("en");
  Reduce(state, OpenCoordinatorTask{CoordinatorView::kLists});
  Reduce(state, Offerings());
  Reduce(state, ChooseListOffering{"offering.bajorai.3"});
  Reduce(state, ExportList{ListKind::kAttendance});
  Reduce(state, ListExportFailed{"offering.bajorai.3"});
  kiosk.state() = state;
  kiosk.Settle();
  const ProbeRecord* error = kiosk.Find("lists.error");
  ASSERT_NE(error, nullptr);
  EXPECT_NE(error->text.find("could not be saved"), std::string::npos) << error->text;
  EXPECT_EQ(kiosk.probe().Find("lists.written"), nullptr);
}

std::vector<AppState> Views(const std::string& language) {
  std::vector<AppState> views;
  AppState loading = Home(language);
  Reduce(loading, OpenCoordinatorTask{CoordinatorView::kLists});
  views.push_back(loading);
  AppState none = loading;
  Reduce(none, ListOfferingsLoaded{});
  views.push_back(none);
  AppState offerings = loading;
  Reduce(offerings, Offerings());
  views.push_back(offerings);
  AppState chosen = offerings;
  Reduce(chosen, ChooseListOffering{"offering.bajorai.1"});
  views.push_back(chosen);
  AppState writing = chosen;
  Reduce(writing, ExportList{ListKind::kCompletions});
  views.push_back(writing);
  AppState written = writing;
  Reduce(written, ListExported{"offering.bajorai.1", ListKind::kCompletions,
                               "/var/lib/raida/exports/2026-11-23-1000-completions-"
                               "offering.bajorai.1.csv",
                               4});
  views.push_back(written);
  AppState failed = chosen;
  Reduce(failed, ExportList{ListKind::kAttendance});
  Reduce(failed, ListExportFailed{"offering.bajorai.1"});
  views.push_back(failed);
  return views;
}

TEST(ListsUiTest, EveryViewPassesTheAudits) {
  AuditViewsEverywhere(Views, [](const std::string& language, const AuditStats& stats) {
    EXPECT_GT(stats.targets_checked, 100) << language;
  });
}

}  // namespace
}  // namespace raida::kiosk::testing
