// Screenshots for issue 6's "Done means": three lessons of the shipped "Computer and tablet:
// first steps" course and the self-assessment's result, in the real raida-kiosk under Xvfb,
// walked to with real clicks (xdotool), in Lithuanian, Polish and English:
//   <build>/screenshots/<lang>/lesson_picture.png        lesson 2, its first page (a picture)
//   <build>/screenshots/<lang>/lesson_practice.png       lesson 3, page 3: the drag exercise
//   <build>/screenshots/<lang>/lesson_quiz_feedback.png  lesson 4, its first question answered,
//                                                        with the feedback
//   <build>/screenshots/<lang>/assessment_result.png     "What work suits me?" answered to the end
// and a certificate earned on the kiosk: Laima (a demo resident with no group for the course)
// has passed lessons 2-5 (written into the kiosk's database while it runs), signs in with her
// card and answers lesson 1 right by clicks; the real EffectRunner issues the certificate:
//   <build>/screenshots/<lang>/certificate_notice.png    "You finished the course ... code …"
//   <build>/screenshots/<lang>/my_progress.png           "My progress" with the certificate
// The kiosk runs with the demo district and the shipped packs; each screen is checked through
// the probe (the widgets it must show) before ImageMagick's `import` saves the window. The walk
// machinery (probe, clicks) is kiosk_walk.h's.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "kiosk_process.h"
#include "kiosk_walk.h"
#include "raida/core/certificate_code.h"
#include "raida/core/certificate_repository.h"
#include "raida/core/clock.h"
#include "raida/core/lesson_repository.h"
#include "raida/core/store.h"

namespace raida::e2e {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr int kWidth = 1920;
constexpr int kHeight = 1080;
constexpr const char* kCourseOpen = "catalog.open.course.computer-first-steps";
constexpr const char* kPictureLesson = "lesson.open.computer-first-steps.l2";
constexpr const char* kPracticeLesson = "lesson.open.computer-first-steps.l3";
constexpr const char* kQuizLesson = "lesson.open.computer-first-steps.l4";
constexpr const char* kCourse = "course.computer-first-steps";
constexpr const char* kPackDir = RAIDA_SOURCE_DIR "/assets/lessons/computer-first-steps";
constexpr const char* kLaima = "person.demo.05";  // no group for the course: lessons complete it
constexpr const char* kLaimaCard = "410185";

nlohmann::json ReadJson(const std::string& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in);
}

// The answer to statement `index` of the self-assessment (its statements cycle through the six
// areas in the order realistic, investigative, artistic, social, enterprising, conventional): a
// clear "social" profile with "conventional" second, so the result names areas and courses.
std::string StatementAnswer(int index) {
  switch (index % 6) {
    case 3:
      return "yes";
    case 5:
      return index < 24 ? "yes" : "unsure";
    case 2:
      return "unsure";
    default:
      return "no";
  }
}

class LessonShotsTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("raida_lesson_shots_" + std::to_string(::getpid()) + "_" + GetParam());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    shots_ = fs::path(RAIDA_SCREENSHOT_DIR) / GetParam();
    fs::create_directories(shots_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // The text of item `id` in `probe` ("" when it is not there).
  static std::string TextOf(const Probe& probe, const std::string& id) {
    const ProbeRect* item = probe.Find(id);
    return item == nullptr ? "" : item->text;
  }

  // Saves the kiosk's window to <screenshots>/<lang>/<name>.png.
  void Shot(const Probe& probe, const std::string& name) {
    const std::string path = (shots_ / (name + ".png")).string();
    fs::remove(path);
    ASSERT_TRUE(SaveWindow(probe, kWidth, kHeight, path));
    EXPECT_GT(fs::file_size(path), 10'000u) << path;
    std::printf("[ shot     ] %s\n", path.c_str());
  }

  // From the course page: opens the lesson behind `open_id` (paging the course page down to it).
  void OpenLesson(Walk& walk, const std::string& open_id) {
    const Probe course = walk.WaitFor("course", {"common.back"});
    ASSERT_EQ(walk.PageTo(course, "course", {open_id}), open_id);
    walk.ClickThrough("course", open_id, "lesson", {"lesson.next"});
  }
  // "Next" until the probe shows `wanted` (at most `pages` times).
  Probe NextUntil(Walk& walk, const std::string& wanted, int pages) {
    Probe probe = walk.Current();
    for (int i = 0; i < pages && probe.Find(wanted) == nullptr; ++i) {
      const std::string step = TextOf(probe, "lesson.step");
      probe = walk.ClickUntil("lesson.next",
                              [&](const Probe& now) { return TextOf(now, "lesson.step") != step; });
    }
    EXPECT_NE(probe.Find(wanted), nullptr) << wanted << "\n" << ScreenText(probe);
    return probe;
  }

  void Lessons(Walk& walk) {
    walk.ClickThrough("welcome", "welcome.start", "catalog", {"catalog.assessment"});
    const Probe catalog = walk.WaitFor("catalog", {"catalog.assessment"});
    ASSERT_EQ(walk.PageTo(catalog, "catalog", {kCourseOpen}), kCourseOpen);
    walk.ClickThrough("catalog", kCourseOpen, "course", {"common.back"});

    OpenLesson(walk, kPictureLesson);
    Probe probe = walk.WaitFor("lesson", {"lesson.next"});
    ASSERT_NE(probe.Find("lesson.picture"), nullptr) << ScreenText(probe);
    ASSERT_NE(probe.Find("lesson.text.0"), nullptr);
    Shot(probe, "lesson_picture");
    walk.ClickThrough("lesson", "common.back", "course", {"common.back"});

    OpenLesson(walk, kPracticeLesson);
    probe = NextUntil(walk, "lesson.practice.marker", 2);
    ASSERT_NE(probe.Find("lesson.practice.box"), nullptr) << ScreenText(probe);
    Shot(probe, "lesson_practice");
    walk.ClickThrough("lesson", "common.back", "course", {"common.back"});

    OpenLesson(walk, kQuizLesson);
    probe = NextUntil(walk, "lesson.prompt", 3);
    probe = walk.ClickUntil("lesson.option.", [](const Probe& now) {
      return now.Find("lesson.feedback.verdict") != nullptr;
    });
    ASSERT_NE(probe.Find("lesson.feedback.verdict"), nullptr) << ScreenText(probe);
    Shot(probe, "lesson_quiz_feedback");
    walk.ClickThrough("lesson", "common.back", "course", {"common.back"});
    walk.ClickThrough("course", "common.back", "catalog", {"catalog.assessment"});
  }

  // One answer on the assessment's current question; waits until the next one shows.
  Probe Answer(Walk& walk, const std::string& prefix) {
    const Probe before = walk.Current();
    const std::string progress = before.view + TextOf(before, "assessment.progress");
    return walk.ClickUntil(prefix, [&](const Probe& now) {
      return now.view + TextOf(now, "assessment.progress") != progress;
    });
  }

  void Assessment(Walk& walk) {
    walk.ClickThrough("catalog", "catalog.assessment", "assessment", {"assessment.start"});
    walk.ClickThrough("assessment", "assessment.start", "assessment", {"assessment.answer."});
    Probe probe = walk.Current();
    for (int i = 0; i < 100 && probe.view == "assessment_statement"; ++i) {
      probe = Answer(walk, "assessment.answer." + StatementAnswer(i));
    }
    for (int i = 0; i < 100 && probe.view == "assessment_skill"; ++i) {
      probe = Answer(walk, i % 2 == 0 ? "assessment.level.some" : "assessment.level.good");
    }
    for (int i = 0; i < 100 && probe.view == "assessment_constraint"; ++i) {
      probe = Answer(walk, "assessment.option.");
    }
    probe = walk.WaitForView("assessment_result", 30);
    ASSERT_NE(probe.Find("assessment.result.title"), nullptr) << ScreenText(probe);
    EXPECT_EQ(probe.Find("assessment.result.no_clear"), nullptr) << ScreenText(probe);
    Shot(probe, "assessment_result");
  }

  // The kiosk's command line: a fresh database seeded with the demo district, a guest visit.
  std::vector<std::string> KioskArgs(const std::string& probe_path) const {
    return {"--db",
            (dir_ / "kiosk.db").string(),
            "--seed-demo",
            kDemoFile,
            "--center",
            kCenter,
            "--language",
            GetParam(),
            "--width",
            std::to_string(kWidth),
            "--height",
            std::to_string(kHeight),
            "--idle-timeout-s",
            "600",
            "--probe-file",
            probe_path};
  }

  // Laima has passed every lesson of the course but the first, as if on earlier visits: written
  // into the running kiosk's database (another connection, as the sync worker's is).
  void PassEveryLessonButTheFirst() {
    core::SystemClock clock;
    auto store =
        core::Store::Open({(dir_ / "kiosk.db").string(), core::OpenMode::kOpenExisting}, clock);
    ASSERT_TRUE(store.ok()) << store.error().message;
    const nlohmann::json manifest = ReadJson(std::string(kPackDir) + "/manifest.json");
    core::LessonRepository lessons(**store);
    for (size_t i = 1; i < manifest.at("lessons").size(); ++i) {
      const nlohmann::json lesson =
          ReadJson(std::string(kPackDir) + "/" + manifest.at("lessons")[i].get<std::string>());
      auto done =
          lessons.RecordCompletion(kLaima, kCourse, lesson.at("id").get<std::string>(), 100, 420);
      ASSERT_TRUE(done.ok()) << done.error().message;
    }
  }

  // The card on the sign-in pad, then OK: back on the course page, signed in.
  void SignInOnTheCoursePage(Walk& walk) {
    Probe pad = walk.ClickThrough("course", "lesson.section.sign_in", "signin", {"pad.1"});
    for (const char digit : std::string(kLaimaCard)) {
      const ProbeRect* key = pad.Find(std::string("pad.") + digit);
      ASSERT_NE(key, nullptr) << digit;
      Click(pad, *key);
      std::this_thread::sleep_for(350ms);  // beyond the pad's key-bounce filter
    }
    walk.ClickThrough("signin", "pad.ok", "course", {"lesson.section.my_progress"});
  }

  // Lesson 1 by clicks, every answer right (read from the pack): its pages, then each question
  // (single and yes/no answer at once; multiple and order are ticked or tapped in turn, then
  // checked) and its feedback, up to the lesson's end.
  void TakeTheFirstLessonRight(Walk& walk) {
    const nlohmann::json manifest = ReadJson(std::string(kPackDir) + "/manifest.json");
    const nlohmann::json lesson =
        ReadJson(std::string(kPackDir) + "/" + manifest.at("lessons")[0].get<std::string>());
    OpenLesson(walk, "lesson.open." + lesson.at("id").get<std::string>());
    NextUntil(walk, "lesson.prompt", static_cast<int>(lesson.at("pages").size()));
    const auto changed = [](const Probe&) { return true; };
    const auto feedback = [](const Probe& now) {
      return now.Find("lesson.feedback.verdict") != nullptr;
    };
    for (const nlohmann::json& question : lesson.at("questions")) {
      const std::string kind = question.at("kind").get<std::string>();
      const std::vector<std::string> answer = question.at("answer");
      if (kind == "single" || kind == "yesno") {
        walk.ClickUntil("lesson.option." + answer[0], feedback);
      } else {
        for (const std::string& id : answer) {
          walk.ClickUntil("lesson.option." + id, changed);
          std::this_thread::sleep_for(200ms);  // beyond the key-bounce filter
        }
        walk.ClickUntil("lesson.check", feedback);
      }
      const Probe answered = walk.Current();
      const std::string step = TextOf(answered, "lesson.step");
      walk.ClickUntil("lesson.next",
                      [&](const Probe& now) { return TextOf(now, "lesson.step") != step; });
    }
  }

  fs::path dir_;
  fs::path shots_;
};

TEST_P(LessonShotsTest, ThreeLessonsAndTheAssessmentResult) {
  const std::string probe_path = (dir_ / "probe.json").string();
  KioskProcess kiosk(RAIDA_KIOSK_BIN, KioskArgs(probe_path), (dir_ / "kiosk.log").string());
  ASSERT_TRUE(kiosk.started());
  Walk walk(kiosk, probe_path);
  walk.WaitFor("welcome", {"welcome.start"});
  Lessons(walk);
  if (::testing::Test::HasFatalFailure()) {
    return;
  }
  Assessment(walk);
  kiosk.Signal(SIGTERM);
  const auto code = kiosk.Wait(20s);
  ASSERT_TRUE(code.has_value()) << "the kiosk did not stop on SIGTERM";
  EXPECT_EQ(*code, 0) << kiosk.Log();
}

TEST_P(LessonShotsTest, ACertificateEarnedOnTheKiosk) {
  const std::string probe_path = (dir_ / "probe.json").string();
  KioskProcess kiosk(RAIDA_KIOSK_BIN, KioskArgs(probe_path), (dir_ / "kiosk.log").string());
  ASSERT_TRUE(kiosk.started());
  Walk walk(kiosk, probe_path);
  walk.WaitFor("welcome", {"welcome.start"});
  PassEveryLessonButTheFirst();
  walk.ClickThrough("welcome", "welcome.start", "catalog", {"catalog.assessment"});
  const Probe catalog = walk.WaitFor("catalog", {"catalog.assessment"});
  ASSERT_EQ(walk.PageTo(catalog, "catalog", {kCourseOpen}), kCourseOpen);
  walk.ClickThrough("catalog", kCourseOpen, "course", {"common.back"});
  SignInOnTheCoursePage(walk);
  TakeTheFirstLessonRight(walk);

  Probe notice = walk.WaitFor("lesson", {"notice.ok"});
  const std::string code = TextOf(notice, "notice.code");
  EXPECT_EQ(core::CanonicalCertificateCode(code), code) << ScreenText(notice);
  EXPECT_NE(TextOf(notice, "notice.text").find(code), std::string::npos);
  Shot(notice, "certificate_notice");
  walk.ClickThrough("lesson", "notice.ok", "lesson", {"lesson.end."});
  walk.ClickThrough("lesson", "common.back", "course", {"lesson.section.my_progress"});
  walk.ClickThrough("course", "lesson.section.my_progress", "progress", {"common.back"});
  const std::string certificate = std::string("progress.certificate.") + kCourse + ".code";
  Probe progress = walk.Current();
  for (int i = 0; i < 100 && progress.Find(certificate) == nullptr; ++i) {
    std::this_thread::sleep_for(50ms);  // "My progress" loads
    progress = walk.Current();
  }
  EXPECT_NE(TextOf(progress, certificate).find(code), std::string::npos) << ScreenText(progress);
  Shot(progress, "my_progress");

  kiosk.Signal(SIGTERM);
  const auto exit_code = kiosk.Wait(20s);
  ASSERT_TRUE(exit_code.has_value()) << "the kiosk did not stop on SIGTERM";
  EXPECT_EQ(*exit_code, 0) << kiosk.Log();
  // The certificate is in the kiosk's database, once, with the code the person was told.
  core::SystemClock clock;
  auto store =
      core::Store::Open({(dir_ / "kiosk.db").string(), core::OpenMode::kOpenExisting}, clock);
  ASSERT_TRUE(store.ok()) << store.error().message;
  auto held = core::CertificateRepository(**store).ListForPerson(kLaima);
  ASSERT_TRUE(held.ok()) << held.error().message;
  ASSERT_EQ(held->size(), 1u);
  EXPECT_EQ((*held)[0].code, code);
  EXPECT_EQ((*held)[0].course_id, kCourse);
}

INSTANTIATE_TEST_SUITE_P(Languages, LessonShotsTest, ::testing::Values("lt", "pl", "en"),
                         [](const auto& test_info) { return test_info.param; });

}  // namespace
}  // namespace raida::e2e
