// The lesson screens headless, on the real reducer and the real storage (LessonRig with the
// fixture pack): taps walk a lesson — a picture, the tap, drag and type exercises, each kind of
// question — a signed-in person resumes on the same question after signing out, and every
// lesson screen passes the UI audits in each language, panel and text size.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "kiosk/ui/keyboard.h"
#include "kiosk/ui/pictures.h"
#include "kiosk_state/lesson_rig.h"
#include "support/demo_state.h"
#include "support/imgui_harness.h"
#include "support/ui_audit.h"

namespace raida::kiosk::testing {
namespace {

class FakePictures final : public PictureSource {
 public:
  const PictureTexture* Get(const std::string& path) override {
    paths.push_back(path);
    return &texture;
  }
  PictureTexture texture{reinterpret_cast<ImTextureID>(static_cast<intptr_t>(1)), 240, 160};
  std::vector<std::string> paths;
};

class LessonUiTest : public ::testing::Test {
 protected:
  explicit LessonUiTest(ImVec2 display = ImVec2(1920, 1080)) : kiosk_(display) {
    kiosk_.context().pictures = &pictures_;
  }

  // The course page of the fixture course, with its offerings and lessons.
  void OnCourse(const std::string& language, bool signed_in) {
    kiosk_.state() = OnCoursePage(rig_, language, signed_in);
    kiosk_.state().course = DemoCourse(kLessonCourse, language);
    kiosk_.Settle();
  }

  // Taps `id` and runs what it dispatched through the reducer and the storage.
  void Tap(const std::string& id) {
    kiosk_.Settle();
    for (const Action& action : kiosk_.Tap(id)) {
      rig_.Dispatch(kiosk_.state(), action);
    }
    kiosk_.Settle();
  }

  std::string Text(const std::string& id) {
    const ProbeRecord* record = kiosk_.Find(id);
    return record == nullptr ? "" : record->text;
  }

  const LessonView& Player() { return *kiosk_.state().lesson.player; }

  // Drags from the centre of `from` to the centre of `to` in small steps, then lifts.
  void Drag(const std::string& from, const std::string& to) {
    kiosk_.Settle();
    const ProbeRecord* a = kiosk_.Find(from);
    const ProbeRecord* b = kiosk_.Find(to);
    ASSERT_TRUE(a != nullptr && b != nullptr);
    const ImVec2 start = Center(*a);
    const ImVec2 end = Center(*b);
    auto& h = kiosk_.harness();
    kiosk_.actions().clear();
    h.MoveTo(start, kiosk_.draw());
    h.Press(kiosk_.draw());
    for (int i = 1; i <= 10; ++i) {
      const float t = static_cast<float>(i) / 10.0f;
      h.MoveTo(ImVec2(start.x + (end.x - start.x) * t, start.y + (end.y - start.y) * t),
               kiosk_.draw());
    }
    h.Release(kiosk_.draw());
    h.Lift(kiosk_.draw());
    for (const Action& action : std::exchange(kiosk_.actions(), {})) {
      rig_.Dispatch(kiosk_.state(), action);
    }
    kiosk_.Settle();
  }

  LessonRig rig_;
  FakePictures pictures_;
  KioskDriver kiosk_;
};

TEST_F(LessonUiTest, WalksALessonWithPictureTapDragAndTwoKindsOfQuestion) {
  OnCourse("lt", /*signed_in=*/true);
  EXPECT_EQ(Text("lesson.section.title"), kiosk_.Text("lesson.section.title"));
  Tap(std::string("lesson.open.") + kLesson1);
  ASSERT_EQ(kiosk_.state().screen, Screen::kLesson);
  EXPECT_EQ(Text("lesson.title"), "Ekrano lietimas");
  EXPECT_EQ(Text("lesson.step"), "Puslapis 1 iš 4");
  EXPECT_EQ(kiosk_.probe().Find("lesson.previous"), nullptr);  // nowhere to go back to
  Tap("lesson.next");
  EXPECT_EQ(Text("lesson.picture"), "Pirštas liečia didelį mėlyną mygtuką ekrano viduryje.");
  ASSERT_FALSE(pictures_.paths.empty());
  EXPECT_NE(pictures_.paths.back().find("fixture-first-steps/pictures/tap.png"), std::string::npos);
  Tap("lesson.next");
  Tap("lesson.practice.tap");
  EXPECT_TRUE(Player().practice_done);
  EXPECT_EQ(Text("lesson.practice.done"), kiosk_.Text("lesson.practice.done"));
  Tap("lesson.next");
  Drag("lesson.practice.marker", "lesson.practice.box");
  EXPECT_TRUE(Player().practice_done);
  Tap("lesson.next");
  EXPECT_EQ(Text("lesson.step"), "Klausimas 1 iš 2");
  Tap("lesson.option.b");
  EXPECT_EQ(Text("lesson.feedback.verdict"), kiosk_.Text("lesson.right"));
  Tap("lesson.next");
  Tap("lesson.option.no");  // wrong: gentle words, the right answer, never red
  EXPECT_EQ(Text("lesson.feedback.verdict"), kiosk_.Text("lesson.not_quite"));
  EXPECT_EQ(kiosk_.Find("lesson.feedback.verdict")->text_color.x,
            kiosk_.Find("lesson.prompt")->text_color.x);
  EXPECT_NE(Text("lesson.feedback.answer").find("Taip"), std::string::npos);
  Tap("lesson.next");
  EXPECT_TRUE(Player().at_end);
  EXPECT_NE(Text("lesson.end.score").find("1 iš 2"), std::string::npos);
  EXPECT_NE(kiosk_.probe().Find("lesson.end.retry"), nullptr);  // 50 % is below the pass mark
  Tap("lesson.end.next_lesson");
  EXPECT_EQ(Player().lesson_id, kLesson2);
}

TEST_F(LessonUiTest, TypingMultipleChoiceAndOrder) {
  OnCourse("pl", /*signed_in=*/false);
  EXPECT_NE(kiosk_.probe().Find("lesson.section.sign_in"), nullptr);
  Tap(std::string("lesson.open.") + kLesson2);
  Tap("lesson.next");
  Tap("lesson.practice.start_typing");
  EXPECT_NE(kiosk_.probe().Find("lesson.practice.field"), nullptr);
  for (char32_t letter : std::u32string(U"cześć")) {
    EXPECT_FALSE(Player().practice_done);
    Tap(KeyboardKeyId("lesson.keyboard", letter));
  }
  EXPECT_TRUE(Player().practice_done);
  Tap("lesson.keyboard.key.done");
  Tap("lesson.next");
  EXPECT_FALSE(kiosk_.Find("lesson.check")->enabled);
  Tap("lesson.option.a");
  Tap("lesson.option.b");
  EXPECT_EQ(Text("lesson.option.a").rfind("\u2611 ", 0), 0u);
  EXPECT_EQ(Text("lesson.option.c").rfind("\u2610 ", 0), 0u);
  Tap("lesson.check");
  EXPECT_EQ(Text("lesson.feedback.verdict"), kiosk_.Text("lesson.right"));
  Tap("lesson.next");
  Tap("lesson.option.c");
  EXPECT_EQ(Text("lesson.option.c").rfind("1. ", 0), 0u);
  Tap("lesson.start_again");
  EXPECT_TRUE(Player().choice.empty());
  for (const char* id : {"lesson.option.a", "lesson.option.b", "lesson.option.c"}) {
    Tap(id);
  }
  Tap("lesson.check");
  EXPECT_EQ(Text("lesson.feedback.verdict"), kiosk_.Text("lesson.right"));
  Tap("lesson.next");
  EXPECT_TRUE(Player().passed);
  EXPECT_NE(kiosk_.probe().Find("lesson.end.guest"), nullptr);
  EXPECT_EQ(rig_.Count("SELECT COUNT(*) FROM lesson_progress"), 0);
}

TEST_F(LessonUiTest, DragHasATapThenTapAlternative) {
  OnCourse("en", /*signed_in=*/false);
  Tap(std::string("lesson.open.") + kLesson1);
  for (int i = 0; i < 3; ++i) {
    Tap("lesson.next");
  }
  Tap("lesson.practice.marker");
  EXPECT_FALSE(Player().practice_done);
  Tap("lesson.practice.box");
  EXPECT_TRUE(Player().practice_done);
}

TEST_F(LessonUiTest, SlowPaceShowsOneParagraphInLargerType) {
  OnCourse("en", /*signed_in=*/false);
  Tap(std::string("lesson.open.") + kLesson1);
  const float normal = kiosk_.Find("lesson.text.0")->font->FontSize;
  EXPECT_NE(kiosk_.probe().Find("lesson.text.1"), nullptr);
  Tap("lesson.slow");
  EXPECT_GT(kiosk_.Find("lesson.text.0")->font->FontSize, normal);
  EXPECT_EQ(kiosk_.probe().Find("lesson.text.1"), nullptr);
  EXPECT_EQ(Text("lesson.step"), "Page 1 of 4 \u2013 part 1 of 2");
  Tap("lesson.next");
  EXPECT_NE(kiosk_.probe().Find("lesson.text.1"), nullptr);
  EXPECT_EQ(kiosk_.probe().Find("lesson.text.0"), nullptr);
}

TEST_F(LessonUiTest, ResumesOnTheSameQuestionAfterSigningOut) {
  OnCourse("lt", /*signed_in=*/true);
  Tap(std::string("lesson.open.") + kLesson1);
  for (int i = 0; i < 4; ++i) {
    Tap("lesson.next");
  }
  Tap("lesson.option.b");
  Tap("lesson.next");
  EXPECT_EQ(Text("lesson.step"), "Klausimas 2 iš 2");
  Tap("common.home");  // walks away: signed out
  EXPECT_EQ(kiosk_.state().screen, Screen::kWelcome);
  EXPECT_FALSE(kiosk_.state().lesson.player.has_value());
  OnCourse("lt", /*signed_in=*/true);  // back with the card
  EXPECT_EQ(Text(std::string("lesson.item.") + kLesson1 + ".mark"),
            "Sustojote ties 2 klausimu iš 2");
  EXPECT_EQ(Text(std::string("lesson.open.") + kLesson1), kiosk_.Text("lesson.item.continue"));
  Tap(std::string("lesson.open.") + kLesson1);
  EXPECT_EQ(Text("lesson.step"), "Klausimas 2 iš 2");
  Tap("lesson.option.yes");
  Tap("lesson.next");
  EXPECT_TRUE(Player().passed);  // the first answer, given before the break, still counts
  EXPECT_NE(Text("lesson.end.score").find("2 iš 2"), std::string::npos);
}

TEST_F(LessonUiTest, MyProgressListsLessonsWithScores) {
  OnCourse("pl", /*signed_in=*/true);
  Tap(std::string("lesson.open.") + kLesson3);
  Tap("lesson.next");
  Tap("lesson.next");
  Tap("common.back");
  Tap("lesson.section.my_progress");
  ASSERT_EQ(kiosk_.state().screen, Screen::kProgress);
  const std::string course = std::string("progress.course.") + kLessonCourse;
  EXPECT_EQ(Text(course + ".passed"), "Zaliczone lekcje: 1 z 3");
  EXPECT_EQ(Text(course + ".lesson." + kLesson3), "\u2713 Przerwa: 100%");
}

// [SECTION] Audits

struct AuditScene {
  std::string name;
  const char* lesson;
  std::vector<Action> steps;  // from the lesson's first page
  bool signed_in = false;
  bool typing = false;  // "Start typing" tapped on the last step's page
};

std::vector<AuditScene> Scenes() {
  return {
      {"page", kLesson1, {}},
      {"picture", kLesson1, {LessonNext{}}},
      {"tap", kLesson1, {LessonNext{}, LessonNext{}}},
      {"tap_done", kLesson1, {LessonNext{}, LessonNext{}, PracticeDone{}}},
      {"drag", kLesson1, {LessonNext{}, LessonNext{}, LessonNext{}}},
      {"slow", kLesson1, {ToggleSlowPace{}}},
      {"single", kLesson1, {LessonNext{}, LessonNext{}, LessonNext{}, LessonNext{}}},
      {"wrong",
       kLesson1,
       {LessonNext{}, LessonNext{}, LessonNext{}, LessonNext{}, ChooseOption{"a"}}},
      {"yesno",
       kLesson1,
       {LessonNext{}, LessonNext{}, LessonNext{}, LessonNext{}, ChooseOption{"b"}, LessonNext{}}},
      {"type", kLesson2, {LessonNext{}}},
      {"typing", kLesson2, {LessonNext{}}, false, true},
      {"multiple", kLesson2, {LessonNext{}, LessonNext{}, ChooseOption{"a"}}},
      {"order",
       kLesson2,
       {LessonNext{}, LessonNext{}, ChooseOption{"a"}, CheckAnswer{}, LessonNext{},
        ChooseOption{"b"}}},
      {"order_wrong",
       kLesson2,
       {LessonNext{}, LessonNext{}, ChooseOption{"a"}, CheckAnswer{}, LessonNext{},
        ChooseOption{"c"}, ChooseOption{"b"}, ChooseOption{"a"}, CheckAnswer{}}},
      {"end", kLesson3, {LessonNext{}, LessonNext{}}, true},
      {"end_failed",
       kLesson1,
       {LessonNext{}, LessonNext{}, LessonNext{}, LessonNext{}, ChooseOption{"a"}, LessonNext{},
        ChooseOption{"no"}, LessonNext{}}},
  };
}

struct AuditCase {
  std::string language;
  ImVec2 display;
  TextSize text_size;
};

class LessonAuditTest : public ::testing::TestWithParam<AuditCase> {};

// Audits the frame, then every further page of the screen's list (▼ until it is disabled).
void AuditPages(KioskDriver& kiosk, const AuditLimits& limits, AuditStats& stats,
                std::vector<std::string>& failures, const std::string& where) {
  for (int page = 0; page < 20; ++page) {
    kiosk.Settle();
    std::vector<std::string> found;
    AuditFrame(kiosk.probe(), limits, stats, found);
    for (const std::string& failure : found) {
      failures.push_back(where + ": " + failure);
    }
    const ProbeRecord* down = nullptr;
    for (const ProbeRecord& r : kiosk.probe().items) {
      if (r.id.size() > 5 && r.id.compare(r.id.size() - 5, 5, ".down") == 0 && r.enabled) {
        down = &r;
      }
    }
    if (down == nullptr) {
      return;
    }
    kiosk.Tap(down->id);
  }
  failures.push_back(where + ": a list never reached its last page");
}

TEST_P(LessonAuditTest, EveryLessonScreenPasses) {
  const AuditCase& c = GetParam();
  const float px_per_mm = c.display.x > 1500 ? 4.03f : 3.97f;
  const AuditLimits limits = LimitsFor(px_per_mm, c.display);
  AuditStats stats;
  std::vector<std::string> failures;
  FakePictures pictures;
  for (const AuditScene& scene : Scenes()) {
    LessonRig rig;
    KioskDriver kiosk(c.display, px_per_mm);
    kiosk.context().pictures = &pictures;
    AppState state = OnCoursePage(rig, c.language, scene.signed_in);
    state.course = DemoCourse(kLessonCourse, c.language);
    state.text_size = c.text_size;
    if (scene.name == "page") {  // the course page with its lessons, once per case
      kiosk.state() = state;
      AuditPages(kiosk, limits, stats, failures, "course");
    }
    rig.Dispatch(state, OpenLesson{scene.lesson});
    for (const Action& step : scene.steps) {
      rig.Dispatch(state, step);
    }
    kiosk.state() = state;
    if (scene.typing) {
      kiosk.Settle();
      kiosk.Tap("lesson.practice.start_typing");
    }
    AuditPages(kiosk, limits, stats, failures, scene.name);
    if (scene.name == "end") {
      rig.Dispatch(state, GoBack{});
      rig.Dispatch(state, OpenProgress{});
      kiosk.state() = state;
      AuditPages(kiosk, limits, stats, failures, "progress");
    }
  }
  for (const std::string& failure : failures) {
    ADD_FAILURE() << failure;
  }
  std::cout << c.language << " " << c.display.x << "x" << c.display.y << ": " << stats.frames
            << " frames, smallest target " << stats.min_target_height << " px ("
            << stats.min_height_id << "), smallest gap " << stats.min_gap << " px, lowest contrast "
            << stats.min_contrast << ":1\n";
}

INSTANTIATE_TEST_SUITE_P(Panels, LessonAuditTest,
                         ::testing::Values(AuditCase{"lt", ImVec2(1920, 1080), TextSize::kNormal},
                                           AuditCase{"pl", ImVec2(1920, 1080), TextSize::kLargest},
                                           AuditCase{"en", ImVec2(1920, 1080), TextSize::kNormal},
                                           AuditCase{"lt", ImVec2(1366, 768), TextSize::kLargest},
                                           AuditCase{"pl", ImVec2(1366, 768), TextSize::kNormal},
                                           AuditCase{"en", ImVec2(1366, 768), TextSize::kLargest}),
                         [](const auto& test_info) {
                           return test_info.param.language + "_" +
                                  std::to_string(static_cast<int>(test_info.param.display.x)) +
                                  (test_info.param.text_size == TextSize::kNormal ? "_normal"
                                                                                  : "_largest");
                         });

}  // namespace
}  // namespace raida::kiosk::testing
