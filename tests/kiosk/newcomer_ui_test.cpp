// What a newcomer would trip over, found by walking the real kiosk (tests/e2e/newcomer_e2e_test)
// and kept fixed here headless: two buttons on one screen that read the same but do different
// things. The lesson's bottom bar said "← Atgal" / "← Wstecz" for the previous page right below
// the navigation bar's "← Atgal" / "← Wstecz" back to the course; now it says "previous page".
//
// Also: the catalog search's results above the on-screen keyboard on a 1366x768 panel.
//
// The rule, on every lesson screen (pages, a question, its feedback, the end) in each language:
// visible targets with the same label must belong to one family (the first two parts of their
// ids: "lesson.open" for each lesson's Start, "catalog.open" for each course's Open).
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "kiosk/ui/pictures.h"
#include "kiosk_state/lesson_rig.h"
#include "support/demo_state.h"
#include "support/imgui_harness.h"

namespace raida::kiosk::testing {
namespace {

// "lesson.open" for "lesson.open.fixture-first-steps.l1", "common.back" for "common.back".
std::string Family(const std::string& id) {
  const size_t first = id.find('.');
  if (first == std::string::npos) {
    return id;
  }
  return id.substr(0, id.find('.', first + 1));
}

// One message per pair of visible targets of different families that read the same.
std::vector<std::string> SameLabelDifferentAction(const UiProbe& probe) {
  std::map<std::string, std::string> family_of_label;
  std::map<std::string, std::string> id_of_label;
  std::vector<std::string> failures;
  for (const ProbeRecord& record : probe.items) {
    const bool visible = record.visible_max.x - record.visible_min.x > 0.0f &&
                         record.visible_max.y - record.visible_min.y > 0.0f;
    if (record.role != ProbeRole::kTarget || !visible || record.text.empty()) {
      continue;
    }
    const auto [it, inserted] = family_of_label.emplace(record.text, Family(record.id));
    if (inserted) {
      id_of_label[record.text] = record.id;
    } else if (it->second != Family(record.id)) {
      failures.push_back("\"" + record.text + "\" on both " + id_of_label[record.text] + " and " +
                         record.id);
    }
  }
  return failures;
}

class NoPictures final : public PictureSource {
 public:
  const PictureTexture* Get(const std::string&) override { return nullptr; }
};

class SameLabelTest : public ::testing::TestWithParam<std::string> {
 protected:
  // Draws `state` and reports any label shared by different actions, as seen at `where`.
  void Check(const AppState& state, const std::string& where) {
    kiosk_.state() = state;
    kiosk_.Settle();
    for (const std::string& failure : SameLabelDifferentAction(kiosk_.probe())) {
      ADD_FAILURE() << GetParam() << ", " << where << ": " << failure;
    }
  }

  LessonRig rig_;
  NoPictures pictures_;
  KioskDriver kiosk_;
};

TEST_P(SameLabelTest, LessonScreensNeverShowTwoButtonsThatReadTheSame) {
  kiosk_.context().pictures = &pictures_;
  AppState state = OnCoursePage(rig_, GetParam(), /*signed_in=*/true);
  state.course = DemoCourse(kLessonCourse, GetParam());
  Check(state, "the course page");
  rig_.Dispatch(state, OpenLesson{kLesson1});
  Check(state, "page 1");
  rig_.Dispatch(state, LessonNext{});
  Check(state, "page 2");
  const ProbeRecord* previous = kiosk_.Find("lesson.previous");
  const ProbeRecord* back = kiosk_.Find("common.back");
  ASSERT_TRUE(previous != nullptr && back != nullptr);
  EXPECT_NE(previous->text, back->text);
  EXPECT_EQ(previous->text, kiosk_.Text("lesson.previous_page"));
  for (int page = 2; page < 4; ++page) {
    rig_.Dispatch(state, LessonNext{});
  }
  Check(state, "page 4");
  rig_.Dispatch(state, LessonNext{});
  Check(state, "question 1");
  rig_.Dispatch(state, ChooseOption{"a"});
  Check(state, "question 1 answered");
  rig_.Dispatch(state, LessonNext{});
  Check(state, "question 2");
}

INSTANTIATE_TEST_SUITE_P(Languages, SameLabelTest, ::testing::Values("lt", "pl", "en"));

// Searching on a 1366x768 panel: the keyboard leaves little room above it. The results there
// are compact rows (title and Open), and the first two are whole and above the keyboard; before,
// one card's summary was cut off mid-line and the second result was out of sight.
struct PanelCase {
  std::string language;
  ImVec2 display;
};

class SearchRoomTest : public ::testing::TestWithParam<PanelCase> {};

TEST_P(SearchRoomTest, TheFirstTwoResultsShowWholeAboveTheKeyboard) {
  const PanelCase& c = GetParam();
  KioskDriver kiosk(c.display, c.display.x > 1500 ? 4.03f : 3.97f);
  AppState state = StateShowing(Screen::kCatalog, c.language);
  state.catalog = DemoCatalog(c.language);
  ASSERT_GE(state.catalog.size(), 3u);
  state.catalog_keyboard = true;
  state.catalog_query = "kompiuteri";
  state.catalog_matches = std::vector<std::string>{state.catalog[0].id, state.catalog[1].id};
  kiosk.state() = state;
  kiosk.Settle();
  float keyboard_top = 1e9f;
  for (const ProbeRecord& record : kiosk.probe().items) {
    if (record.id.rfind("catalog.keyboard.key.", 0) == 0) {
      keyboard_top = std::min(keyboard_top, record.min.y);
    }
  }
  ASSERT_LT(keyboard_top, c.display.y);
  for (size_t i = 0; i < 2; ++i) {
    const ProbeRecord* open = kiosk.Find("catalog.open." + state.catalog[i].id);
    ASSERT_NE(open, nullptr);
    EXPECT_EQ(open->visible_max.y - open->visible_min.y, open->max.y - open->min.y)
        << open->id << " is cut off";
    EXPECT_LE(open->max.y, keyboard_top) << open->id << " is behind the keyboard";
    const ProbeRecord* title = kiosk.Find("catalog.course." + state.catalog[i].id + ".title");
    ASSERT_NE(title, nullptr);
    EXPECT_EQ(title->visible_max.y - title->visible_min.y, title->max.y - title->min.y)
        << title->id << " is cut off";
  }
  EXPECT_EQ(kiosk.probe().Find("catalog.open." + state.catalog[2].id), nullptr)
      << "a course the search did not find";
}

INSTANTIATE_TEST_SUITE_P(Panels, SearchRoomTest,
                         ::testing::Values(PanelCase{"lt", ImVec2(1366, 768)},
                                           PanelCase{"pl", ImVec2(1366, 768)},
                                           PanelCase{"en", ImVec2(1366, 768)},
                                           PanelCase{"lt", ImVec2(1920, 1080)}),
                         [](const auto& param_info) {
                           return param_info.param.language + "_" +
                                  std::to_string(static_cast<int>(param_info.param.display.x));
                         });

TEST(SameLabelSelfTest, ReportsTheSameLabelOnTwoFamiliesOnly) {
  UiProbe probe;
  auto add = [&](const std::string& id, const std::string& text) {
    ProbeRecord record;
    record.id = id;
    record.text = text;
    record.role = ProbeRole::kTarget;
    record.visible_max = ImVec2(100, 100);
    probe.items.push_back(record);
  };
  add("catalog.open.course.a", "Open");
  add("catalog.open.course.b", "Open");
  EXPECT_TRUE(SameLabelDifferentAction(probe).empty());
  add("common.back", "← Back");
  add("lesson.previous", "← Back");
  ASSERT_EQ(SameLabelDifferentAction(probe).size(), 1u);
  EXPECT_EQ(SameLabelDifferentAction(probe)[0],
            "\"← Back\" on both common.back and lesson.previous");
}

}  // namespace
}  // namespace raida::kiosk::testing
