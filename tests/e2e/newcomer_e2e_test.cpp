// The newcomer's first visit on the real raida-kiosk, with real X clicks (xdotool) under Xvfb:
// choose the language on the welcome screen, Start, search "kompiuteri" and then "kompiuteris"
// key by key on the on-screen keyboard (both find the computer course), open the course, sign up
// for its session at this center with a card code on the number pad and the transport need, read
// the plain-words confirmation, start the course's first lesson, read on, answer a quiz question
// and walk away. "Are you still there?" comes, then the welcome screen: nothing personal is left
// on screen, in ImGui's input state or in the X clipboard. The person comes back, signs in with
// the same card code and the lesson opens exactly where it was left (probe and lesson_progress).
//
// Each step is saved as <build>/screenshots/newcomer/newcomer-<lang>[-<w>x<h>]-NN-<step>.png for
// a human to look at. The kiosk runs with short idle times (--idle-timeout-s 15,
// --idle-warning-s 5) and a Juodupė kiosk (the demo's Bajorai computer course is full).
#include <GLFW/glfw3.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <cctype>
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
#include "raida/core/clock.h"
#include "raida/core/enrollment_repository.h"
#include "raida/core/lesson_pack.h"
#include "raida/core/model.h"
#include "raida/core/store.h"

namespace raida::e2e {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr const char* kNewcomerCenter = "center.juodupe";
constexpr const char* kOffering = "offering.juodupe.1";
constexpr const char* kCourseOpen = "catalog.open.course.computer-first-steps";
constexpr const char* kLesson = "computer-first-steps.l1";
constexpr int kLessonPages = 4;  // assets/lessons/computer-first-steps/lesson-01.json

struct NewcomerCase {
  std::string language;        // chosen on the welcome screen
  std::string start_language;  // the kiosk's own (another one, so choosing is a real step)
  int width = 1920;
  int height = 1080;
  int person_index = 0;  // which free Juodupė person walks in
  std::string Name() const {
    return language +
           (width == 1920 ? "" : "-" + std::to_string(width) + "x" + std::to_string(height));
  }
};

struct Newcomer {
  std::string id;
  std::string given_name;
  std::string family_name;
  std::string card_code;
};

// The `index`-th Juodupė resident with a card, no transport need in the profile (so the tap
// turns it on) and no sign-up for kOffering yet.
Newcomer FreeNewcomer(int index) {
  std::ifstream in(kDemoFile);
  const nlohmann::json demo = nlohmann::json::parse(in);
  std::vector<std::string> enrolled;
  for (const auto& enrollment : demo.at("enrollments")) {
    if (enrollment.at("offering_id") == kOffering) {
      enrolled.push_back(enrollment.at("person_id").get<std::string>());
    }
  }
  for (const auto& person : demo.at("people")) {
    const std::string id = person.at("id").get<std::string>();
    const auto needs = person.value("needs", nlohmann::json::array());
    const bool transport = std::find(needs.begin(), needs.end(), "transport") != needs.end();
    if (person.at("home_center_id") != kNewcomerCenter || !person.contains("card_code") ||
        transport || std::find(enrolled.begin(), enrolled.end(), id) != enrolled.end()) {
      continue;
    }
    if (index-- == 0) {
      return {id, person.at("given_name").get<std::string>(),
              person.at("family_name").get<std::string>(),
              person.at("card_code").get<std::string>()};
    }
  }
  ADD_FAILURE() << "the demo district has too few free Juodupe residents";
  return {};
}

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::string TextOf(const Probe& probe, const std::string& id) {
  const ProbeRect* item = probe.Find(id);
  return item == nullptr ? "" : item->text;
}

// What the X server's CLIPBOARD selection holds ("" when nobody owns it), read with GLFW as any
// X client would.
std::string SystemClipboard() {
  if (glfwInit() != GLFW_TRUE) {
    ADD_FAILURE() << "GLFW cannot reach the X display";
    return "";
  }
  glfwSetErrorCallback(nullptr);
  const char* text = glfwGetClipboardString(nullptr);  // NULL (and an error) when empty
  std::string copy = text == nullptr ? "" : text;
  glfwTerminate();
  return copy;
}

class NewcomerTest : public ::testing::TestWithParam<NewcomerCase> {
 protected:
  void SetUp() override {
    const NewcomerCase& c = GetParam();
    dir_ = fs::temp_directory_path() /
           ("raida_newcomer_" + std::to_string(::getpid()) + "_" + c.Name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    shots_ = fs::path(RAIDA_SCREENSHOT_DIR) / "newcomer";
    fs::create_directories(shots_);
    const std::string prefix = "newcomer-" + c.Name() + "-";  // then "NN-<step>.png"
    for (const auto& entry : fs::directory_iterator(shots_)) {
      const std::string name = entry.path().filename().string();
      if (name.rfind(prefix, 0) == 0 && name.size() > prefix.size() + 3 &&
          std::isdigit(static_cast<unsigned char>(name[prefix.size()])) != 0 &&
          name[prefix.size() + 2] == '-') {
        fs::remove(entry.path());
      }
    }
    person_ = FreeNewcomer(c.person_index);
    probe_path_ = (dir_ / "probe.json").string();
    db_ = (dir_ / "kiosk.db").string();
    kiosk_ = std::make_unique<KioskProcess>(RAIDA_KIOSK_BIN,
                                            std::vector<std::string>{"--db",
                                                                     db_,
                                                                     "--seed-demo",
                                                                     kDemoFile,
                                                                     "--center",
                                                                     kNewcomerCenter,
                                                                     "--language",
                                                                     c.start_language,
                                                                     "--width",
                                                                     std::to_string(c.width),
                                                                     "--height",
                                                                     std::to_string(c.height),
                                                                     "--idle-timeout-s",
                                                                     "15",
                                                                     "--idle-warning-s",
                                                                     "5",
                                                                     "--probe-file",
                                                                     probe_path_,
                                                                     "--log-dir",
                                                                     (dir_ / "logs").string()},
                                            (dir_ / "kiosk.log").string());
    walk_ = std::make_unique<Walk>(*kiosk_, probe_path_);
  }
  void TearDown() override {
    walk_.reset();
    kiosk_.reset();
    fs::remove_all(dir_);
  }

  // Saves the kiosk's window as newcomer-<case>-NN-<step>.png (ImageMagick's `import`).
  void Shot(const std::string& step) {
    const Probe probe = walk_->Current();
    char number[8];
    std::snprintf(number, sizeof(number), "%02d", ++shot_count_);
    const fs::path path =
        shots_ / ("newcomer-" + GetParam().Name() + "-" + number + "-" + step + ".png");
    SaveWindow(probe, GetParam().width, GetParam().height, path.string());
    shot_paths_.push_back(path);
  }

  // Waits (bounded) until `ok` holds for the kiosk's settled screen.
  Probe WaitUntil(const std::string& what, const std::function<bool(const Probe&)>& ok,
                  int seconds = 30) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    Probe probe;
    while (std::chrono::steady_clock::now() < deadline && kiosk_->Running()) {
      probe = walk_->Current();
      if (ok(probe)) {
        return probe;
      }
      std::this_thread::sleep_for(50ms);
    }
    const auto exit_code = kiosk_->Wait(0ms);
    ADD_FAILURE() << "never saw " << what << " (last view " << probe.view << ")"
                  << (exit_code ? ", the kiosk exited with " + std::to_string(*exit_code) : "")
                  << "\n"
                  << kiosk_->Log();
    return probe;
  }

  // Clicks the visible target `id` once and waits until `ok` holds.
  Probe ClickAndWait(const std::string& id, const std::string& what,
                     const std::function<bool(const Probe&)>& ok) {
    const Probe probe = WaitUntil(id, [&](const Probe& p) { return p.FirstTarget(id) != nullptr; });
    const ProbeRect* target = probe.FirstTarget(id);
    if (target == nullptr) {
      return probe;
    }
    Click(probe, *target);
    return WaitUntil(what, ok);
  }

  void ChooseLanguage(const std::string& language) {
    ClickAndWait("common.language." + language, "language " + language,
                 [&](const Probe& p) { return p.language == language; });
  }

  // Types the card code on the pad of the settled sign-in screen and presses OK.
  void TypeCardCode() {
    const Probe pad = walk_->WaitFor("signin", {"pad.1"});
    for (char digit : person_.card_code) {
      const ProbeRect* key = pad.Find(std::string("pad.") + digit);
      ASSERT_NE(key, nullptr) << "no pad key " << digit;
      Click(pad, *key);
      std::this_thread::sleep_for(350ms);  // beyond the pad's key-bounce filter
    }
    WaitUntil("the card code on the pad", [&](const Probe& p) {
      std::string digits = TextOf(p, "signin.code");  // grouped: "410 629"
      digits.erase(std::remove(digits.begin(), digits.end(), ' '), digits.end());
      return digits == person_.card_code;
    });
  }

  // Pages the list on `screen` up (its ▲) until ▲ is disabled or gone; the settled probe.
  Probe PageToTop(const std::string& screen) {
    Probe probe = walk_->WaitFor(screen);
    for (int page = 0; page < 20; ++page) {
      const ProbeRect* up = probe.FirstTarget(screen + ".list.up");
      if (up == nullptr) {
        break;
      }
      const int serial = probe.serial;
      Click(probe, *up);
      const auto deadline = std::chrono::steady_clock::now() + 5s;
      while (probe.serial == serial && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(50ms);
        probe = walk_->Current();
      }
      if (probe.serial == serial) {
        break;  // the list did not move: it is at its top
      }
    }
    return probe;
  }

  void SearchAndCheck(const std::u32string& letters, const std::string& query, int step);
  void SignUpWithTransport();
  std::string ReadToFirstQuestion();
  void ExpectNothingPersonal(const std::string& when);
  void ComeBackToTheLesson(const std::string& step_before);
  void CheckDatabase();

  fs::path dir_;
  fs::path shots_;
  std::string db_;
  std::string probe_path_;
  Newcomer person_;
  std::unique_ptr<KioskProcess> kiosk_;
  std::unique_ptr<Walk> walk_;
  int shot_count_ = 0;
  std::vector<fs::path> shot_paths_;
};

// Types `letters` on the catalog keyboard; the catalog must then show the computer course's
// Open button whole and above the keyboard, with "query" in the search field.
void NewcomerTest::SearchAndCheck(const std::u32string& letters, const std::string& query,
                                  int step) {
  walk_->TypeOnKeyboard("catalog.keyboard", letters);
  const Probe probe = WaitUntil("results for " + query, [&](const Probe& p) {
    return p.FirstTarget(kCourseOpen) != nullptr &&
           TextOf(p, "catalog.search.field").find(query) != std::string::npos;
  });
  Shot("search-" + query);
  const ProbeRect* open = probe.FirstTarget(kCourseOpen);
  ASSERT_NE(open, nullptr) << "\"" << query << "\" does not show the computer course";
  EXPECT_GE(open->y1 - open->y0, 60.0f) << "the Open button is cut off (step " << step << ")";
  for (const auto& item : probe.items) {
    if (item.id.rfind("catalog.keyboard.key.", 0) == 0) {
      EXPECT_LE(open->y1, item.y0) << "the result is behind the keyboard key " << item.id;
    }
  }
}

// Course page -> the Juodupė session's Sign up -> card code -> transport -> Confirm -> done.
void NewcomerTest::SignUpWithTransport() {
  Probe course = walk_->WaitFor("course", {"common.back"});
  const std::string sign_up =
      walk_->PageToPrefix(course, "course", "course.signup." + std::string(kOffering));
  ASSERT_FALSE(sign_up.empty()) << "no Sign up for " << kOffering;
  Shot("course-session");
  walk_->ClickThrough("course", sign_up, "signin", {"pad.1"});
  Shot("signin");
  TypeCardCode();
  Shot("signin-code");
  walk_->ClickThrough("signin", "pad.ok", "signup", {"signup.need.transport"});
  const std::string before = TextOf(walk_->Current(), "signup.needs_summary");
  ClickAndWait("signup.need.transport", "the transport need chosen",
               [&](const Probe& p) { return TextOf(p, "signup.needs_summary") != before; });
  Shot("signup-transport");
  const Probe done =
      walk_->ClickThrough("signup", "signup.confirm", "signup_done", {"signup.done.finish"});
  Shot("signup-done");
  EXPECT_FALSE(TextOf(done, "signup.done.pending").empty()) << "no plain-words confirmation";
  EXPECT_FALSE(TextOf(done, "signup.done.details").empty()) << "the confirmation names nothing";
}

// From the signed-up course page: the first lesson, Next through its pages to question 1, the
// right answer tapped. Returns the step line shown with the answer's feedback.
std::string NewcomerTest::ReadToFirstQuestion() {
  Probe course = walk_->ClickThrough("signup_done", "common.back", "course", {"common.back"});
  course = PageToTop("course");  // the page is still where the session's Sign up was
  const std::string open = walk_->PageTo(course, "course", {std::string("lesson.open.") + kLesson});
  EXPECT_FALSE(open.empty()) << "no first lesson on the course page";
  if (open.empty()) {
    return "";
  }
  Shot("course-lessons");
  Probe lesson = walk_->ClickThrough("course", open, "lesson", {"lesson.next"});
  Shot("lesson-page-1");
  for (int page = 1; page <= kLessonPages; ++page) {
    const std::string step = TextOf(lesson, "lesson.step");
    lesson = ClickAndWait("lesson.next", "the next page", [&](const Probe& p) {
      return !TextOf(p, "lesson.step").empty() && TextOf(p, "lesson.step") != step;
    });
    if (page < 2) {
      Shot("lesson-page-" + std::to_string(page + 1));
    }
  }
  lesson = WaitUntil("question 1",
                     [](const Probe& p) { return p.FirstTarget("lesson.option.b") != nullptr; });
  Shot("quiz-question-1");
  const std::string question_step = TextOf(lesson, "lesson.step");
  ClickAndWait("lesson.option.b", "the answer's feedback",
               [](const Probe& p) { return p.Find("lesson.feedback.verdict") != nullptr; });
  Shot("quiz-answered");
  return question_step;
}

void NewcomerTest::ExpectNothingPersonal(const std::string& when) {
  const Probe probe = walk_->Current();
  const std::string screen = Lower(ScreenText(probe));
  EXPECT_FALSE(screen.empty()) << "the probe has no texts " << when;
  for (const std::string& personal :
       {person_.given_name, person_.family_name, person_.card_code, std::string("kompiuteri")}) {
    EXPECT_EQ(screen.find(Lower(personal)), std::string::npos) << personal << " on screen " << when;
  }
  ASSERT_FALSE(probe.imgui.empty()) << "the kiosk's probe has no ImGui input state";
  for (const auto& [name, value] : probe.imgui) {
    EXPECT_EQ(value, 0) << "ImGui's " << name << " is not empty " << when;
  }
  EXPECT_EQ(SystemClipboard(), "") << "the X clipboard holds text " << when;
}

// Back after the timeout: the first touch wakes, the language, Start, the course, "Sign in to
// keep your progress", the card code, and the lesson's Continue opens the question after the
// one answered: the step saved with the answer.
void NewcomerTest::ComeBackToTheLesson(const std::string& step_before) {
  const NewcomerCase& c = GetParam();
  // The first touch (on Start, drawn disabled beneath the catcher) only wakes the screen.
  const Probe asleep = walk_->Current();
  const ProbeRect* start = asleep.Find("welcome.start");
  ASSERT_NE(start, nullptr);
  Click(asleep, *start);
  WaitUntil("the welcome screen awake", [](const Probe& p) {
    return p.view == "welcome" && p.FirstTarget("welcome.start") != nullptr;
  });
  EXPECT_EQ(walk_->Current().screen, "welcome") << "the waking touch pressed Start";
  ChooseLanguage(c.language);
  Probe catalog = walk_->ClickThrough("welcome", "welcome.start", "catalog", {"catalog.open."});
  const std::string open = walk_->PageTo(catalog, "catalog", {kCourseOpen});
  ASSERT_FALSE(open.empty());
  Probe course = walk_->ClickThrough("catalog", open, "course", {"common.back"});
  const std::string sign_in = walk_->PageTo(course, "course", {"lesson.section.sign_in"});
  ASSERT_FALSE(sign_in.empty()) << "no \"sign in to keep progress\" for a guest";
  Shot("back-course-guest");
  walk_->ClickThrough("course", sign_in, "signin", {"pad.1"});
  TypeCardCode();
  course = walk_->ClickThrough("signin", "pad.ok", "course", {"common.back"});
  const std::string item = std::string("lesson.item.") + kLesson + ".mark";
  course = WaitUntil("the lesson's mark", [&](const Probe& p) { return p.Find(item) != nullptr; });
  const std::string resume =
      walk_->PageTo(course, "course", {std::string("lesson.open.") + kLesson});
  ASSERT_FALSE(resume.empty());
  Shot("back-course-signed-in");
  const Probe lesson = walk_->ClickThrough("course", resume, "lesson", {"lesson.option.yes"});
  Shot("back-in-the-lesson");
  const std::string step = TextOf(lesson, "lesson.step");
  EXPECT_FALSE(step.empty());
  EXPECT_NE(step, step_before) << "the lesson did not move past the answered question";
  EXPECT_NE(step.find('2'), std::string::npos) << "not question 2: " << step;
  EXPECT_EQ(lesson.Find("lesson.feedback.verdict"), nullptr) << "question 2 is not answered";
}

// The sign-up (requested, with transport, in the outbox) and the lesson's saved step.
void NewcomerTest::CheckDatabase() {
  core::ManualClock clock;
  auto store = core::Store::Open({db_, core::OpenMode::kOpenExisting}, clock);
  ASSERT_TRUE(store.ok()) << store.error().message;
  const std::string enrollment_id = core::DeterministicId("enrollment", kOffering, person_.id);
  auto enrollment = core::EnrollmentRepository(**store).Get(enrollment_id);
  ASSERT_TRUE(enrollment.ok() && enrollment->has_value()) << "no enrollment row";
  EXPECT_EQ((*enrollment)->status, core::EnrollmentStatus::kRequested);
  const auto& needs = (*enrollment)->needs;
  EXPECT_NE(std::find(needs.begin(), needs.end(), "transport"), needs.end());
  auto progress = (*store)->db().Prepare(
      "SELECT page, completed FROM lesson_progress WHERE person_id = ? AND lesson_id = ?");
  ASSERT_TRUE(progress.ok());
  progress->Bind(1, person_.id).Bind(2, kLesson);
  auto row = progress->Step();
  ASSERT_TRUE(row.ok() && *row) << "no lesson_progress row";
  const core::LessonPosition saved =
      core::DecodeLessonPosition(static_cast<int>(progress->ColumnInt(0)));
  EXPECT_TRUE(saved.in_quiz);
  EXPECT_EQ(saved.index, 1) << "the step after question 1 is question 2";
  EXPECT_EQ(saved.right_mask, 1u) << "question 1 was answered right";
  EXPECT_EQ(progress->ColumnInt(1), 0);
}

TEST_P(NewcomerTest, FirstVisitTimeoutAndResume) {
  const NewcomerCase& c = GetParam();
  ASSERT_TRUE(kiosk_->started());
  walk_->WaitFor("welcome", {"welcome.start"});
  Shot("welcome");
  ChooseLanguage(c.language);
  Shot("welcome-" + c.language);
  walk_->ClickThrough("welcome", "welcome.start", "catalog", {"catalog.search"});
  Shot("catalog");
  walk_->ClickThrough("catalog", "catalog.search", "catalog", {"catalog.keyboard.key.done"});
  Shot("search-keyboard");
  SearchAndCheck(U"kompiuteri", "kompiuteri", 1);
  SearchAndCheck(U"s", "kompiuteris", 2);
  walk_->ClickThrough("catalog", kCourseOpen, "course", {"common.back"});
  Shot("course");
  SignUpWithTransport();
  const std::string answered_step = ReadToFirstQuestion();
  ASSERT_FALSE(answered_step.empty());

  // Walking away: the question, its countdown, then the sleeping welcome screen.
  walk_->WaitForView("still_there", 40);
  Shot("still-there");
  walk_->WaitForView("welcome_asleep", 30);
  Shot("timed-out");
  ExpectNothingPersonal("after the timeout");

  ComeBackToTheLesson(answered_step);
  walk_->ClickThrough("lesson", "common.home", "welcome", {"welcome.start"});
  Shot("signed-out");
  ExpectNothingPersonal("after signing out");

  kiosk_->Signal(SIGTERM);
  const auto code = kiosk_->Wait(20s);
  ASSERT_TRUE(code.has_value()) << "the kiosk did not stop on SIGTERM";
  EXPECT_EQ(*code, 0) << kiosk_->Log();
  for (const auto& path : shot_paths_) {
    EXPECT_TRUE(fs::exists(path)) << path;
  }
  CheckDatabase();
}

INSTANTIATE_TEST_SUITE_P(Newcomer, NewcomerTest,
                         ::testing::Values(NewcomerCase{"lt", "en", 1920, 1080, 0},
                                           NewcomerCase{"pl", "lt", 1920, 1080, 1},
                                           NewcomerCase{"en", "lt", 1920, 1080, 2},
                                           NewcomerCase{"lt", "en", 1366, 768, 3}),
                         [](const ::testing::TestParamInfo<NewcomerCase>& param_info) {
                           std::string name = param_info.param.Name();
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

}  // namespace
}  // namespace raida::e2e
