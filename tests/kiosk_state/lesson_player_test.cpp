// The lesson player's reducer with its real storage (LessonRig): what each step shows and saves,
// every kind of question, "read more slowly", guests saving nothing, resuming exactly where a
// person stopped (also in a reopened database and after kill -9), and a new pack version.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "kiosk/state/reduce.h"
#include "kiosk/state/reduce_lesson.h"
#include "kiosk_state/lesson_rig.h"
#include "raida/core/lesson_pack.h"
#include "raida/core/lesson_repository.h"

namespace raida::kiosk::testing {
namespace {

namespace fs = std::filesystem;

const LessonView& Player(const AppState& state) {
  EXPECT_TRUE(state.lesson.player.has_value());
  return *state.lesson.player;
}

class LessonPlayerTest : public ::testing::Test {
 protected:
  // Opens `lesson` from the course page.
  AppState Open(const char* lesson, bool signed_in) {
    AppState state = OnCoursePage(rig_, "lt", signed_in);
    const auto effects = rig_.Dispatch(state, OpenLesson{lesson});
    EXPECT_EQ(state.screen, Screen::kLesson);
    EXPECT_NE(FindEffect<LoadLesson>(effects), nullptr);
    EXPECT_TRUE(Player(state).content.has_value());
    return state;
  }

  std::optional<core::LessonProgress> Stored(const char* lesson) {
    auto progress = core::LessonRepository(rig_.store()).Get(kPersonId, lesson);
    EXPECT_TRUE(progress.ok());
    return progress.ok() ? *progress : std::nullopt;
  }

  LessonRig rig_;
};

TEST_F(LessonPlayerTest, CoursePageListsTheLessonsWithMarks) {
  AppState state = OnCoursePage(rig_, "pl", /*signed_in=*/true);
  const auto& list = *state.lesson.course_lessons;
  ASSERT_EQ(list.lessons.size(), 3u);
  EXPECT_EQ(list.lessons[0].title, "Dotykanie ekranu");
  EXPECT_EQ(list.lessons[0].pages, 4);
  EXPECT_EQ(list.lessons[0].questions, 2);
  EXPECT_FALSE(list.lessons[0].started);
  EXPECT_EQ(list.passing_score, 60);
  // Going back to the catalog forgets the list; another language reads it again.
  rig_.Dispatch(state, GoBack{});
  EXPECT_FALSE(state.lesson.course_lessons.has_value());
}

TEST_F(LessonPlayerTest, EveryPageTurnAndAnswerIsSavedAndTheEndScores) {
  AppState state = Open(kLesson1, /*signed_in=*/true);
  EXPECT_EQ(Player(state).position, (core::LessonPosition{false, 0, 0}));
  EXPECT_FALSE(Stored(kLesson1).has_value());  // opening saves nothing
  rig_.clock().Advance(40'000);
  auto effects = rig_.Dispatch(state, LessonNext{});
  ASSERT_NE(FindEffect<SaveLessonStep>(effects), nullptr);
  EXPECT_EQ(Stored(kLesson1)->page, 1);
  EXPECT_EQ(Stored(kLesson1)->seconds_spent, 40);
  rig_.Dispatch(state, LessonNext{});
  rig_.Dispatch(state, PracticeDone{});
  EXPECT_TRUE(Player(state).practice_done);
  rig_.Dispatch(state, LessonNext{});
  rig_.Dispatch(state, LessonNext{});  // page 4 -> the first question
  EXPECT_EQ(Player(state).position, (core::LessonPosition{true, 0, 0}));
  EXPECT_EQ(Stored(kLesson1)->page, core::EncodeLessonPosition({true, 0, 0}));
  // Next waits for an answer.
  EXPECT_TRUE(rig_.Dispatch(state, LessonNext{}).empty());
  rig_.Dispatch(state, ChooseOption{"a"});  // wrong
  EXPECT_TRUE(Player(state).answered);
  EXPECT_FALSE(Player(state).answered_right);
  EXPECT_EQ(Stored(kLesson1)->page, core::EncodeLessonPosition({true, 1, 0}));
  rig_.Dispatch(state, ChooseOption{"b"});  // answered already: ignored
  EXPECT_FALSE(Player(state).answered_right);
  rig_.Dispatch(state, LessonNext{});
  effects = rig_.Dispatch(state, ChooseOption{"yes"});  // right; the last question
  const CompleteLesson* complete = FindEffect<CompleteLesson>(effects);
  ASSERT_NE(complete, nullptr);
  EXPECT_EQ(complete->score, 50);
  EXPECT_TRUE(Stored(kLesson1)->completed);
  EXPECT_EQ(Stored(kLesson1)->best_score, 50);
  EXPECT_EQ(Stored(kLesson1)->page, 0);  // opened again, it starts from the first page
  rig_.Dispatch(state, LessonNext{});
  EXPECT_TRUE(Player(state).at_end);
  EXPECT_FALSE(Player(state).passed);  // 50 % < 60 %
  // The course page's marks followed the saves.
  const LessonListItem& item = state.lesson.course_lessons->lessons[0];
  EXPECT_TRUE(item.completed);
  EXPECT_EQ(item.best_score, 50);
  EXPECT_FALSE(item.passed);
  // Trying again starts at the first question; a better score is kept.
  rig_.Dispatch(state, RetryQuiz{});
  EXPECT_EQ(Player(state).position, (core::LessonPosition{true, 0, 0}));
  rig_.Dispatch(state, ChooseOption{"b"});
  rig_.Dispatch(state, LessonNext{});
  rig_.Dispatch(state, ChooseOption{"yes"});
  rig_.Dispatch(state, LessonNext{});
  EXPECT_TRUE(Player(state).passed);
  EXPECT_EQ(Stored(kLesson1)->best_score, 100);
  EXPECT_TRUE(state.lesson.course_lessons->lessons[0].passed);
}

TEST_F(LessonPlayerTest, MultipleAndOrderQuestions) {
  AppState state = Open(kLesson2, /*signed_in=*/true);
  rig_.Dispatch(state, LessonNext{});
  rig_.Dispatch(state, LessonNext{});
  ASSERT_TRUE(Player(state).position.in_quiz);
  EXPECT_TRUE(rig_.Dispatch(state, CheckAnswer{}).empty());  // nothing ticked
  rig_.Dispatch(state, ChooseOption{"a"});
  rig_.Dispatch(state, ChooseOption{"c"});
  rig_.Dispatch(state, ChooseOption{"c"});  // unticked again
  rig_.Dispatch(state, ChooseOption{"b"});
  EXPECT_EQ(Player(state).choice, (std::vector<std::string>{"a", "b"}));
  EXPECT_FALSE(Player(state).answered);
  rig_.Dispatch(state, CheckAnswer{});
  EXPECT_TRUE(Player(state).answered_right);
  rig_.Dispatch(state, LessonNext{});
  // Order: shown shuffled, never already in order.
  const QuizQuestionView& order = Player(state).content->questions[1];
  std::vector<std::string> shown;
  for (const auto& option : order.options) {
    shown.push_back(option.id);
  }
  EXPECT_NE(shown, order.answer);
  rig_.Dispatch(state, ChooseOption{"b"});
  rig_.Dispatch(state, ChooseOption{"a"});
  EXPECT_TRUE(rig_.Dispatch(state, CheckAnswer{}).empty());  // not every step yet
  rig_.Dispatch(state, ClearChoice{});                       // "Start again"
  EXPECT_TRUE(Player(state).choice.empty());
  for (const char* id : {"a", "b", "a", "c"}) {  // a second tap on a step changes nothing
    rig_.Dispatch(state, ChooseOption{id});
  }
  EXPECT_EQ(Player(state).choice, (std::vector<std::string>{"a", "b", "c"}));
  const auto effects = rig_.Dispatch(state, CheckAnswer{});
  ASSERT_NE(FindEffect<CompleteLesson>(effects), nullptr);
  EXPECT_EQ(FindEffect<CompleteLesson>(effects)->score, 100);
  rig_.Dispatch(state, LessonNext{});
  EXPECT_TRUE(Player(state).passed);
}

TEST_F(LessonPlayerTest, ALessonWithoutQuestionsCompletesOnItsLastPage) {
  AppState state = Open(kLesson3, /*signed_in=*/true);
  rig_.Dispatch(state, LessonNext{});
  const auto effects = rig_.Dispatch(state, LessonNext{});
  ASSERT_NE(FindEffect<CompleteLesson>(effects), nullptr);
  EXPECT_TRUE(Player(state).at_end);
  EXPECT_TRUE(Player(state).passed);
  EXPECT_EQ(Stored(kLesson3)->best_score, 100);
}

TEST_F(LessonPlayerTest, SlowPaceWalksParagraphsAndSavesOnlyPages) {
  AppState state = Open(kLesson1, /*signed_in=*/true);
  rig_.Dispatch(state, ToggleSlowPace{});
  ASSERT_EQ(Player(state).content->pages[0].paragraphs.size(), 2u);
  EXPECT_TRUE(rig_.Dispatch(state, LessonNext{}).empty());  // the second paragraph
  EXPECT_EQ(Player(state).paragraph, 1);
  EXPECT_NE(FindEffect<SaveLessonStep>(rig_.Dispatch(state, LessonNext{})), nullptr);
  EXPECT_EQ(Player(state).position.index, 1);
  EXPECT_EQ(Player(state).paragraph, 0);
  rig_.Dispatch(state, LessonBack{});  // back to page 1, its last paragraph
  EXPECT_EQ(Player(state).position.index, 0);
  EXPECT_EQ(Player(state).paragraph, 1);
  EXPECT_TRUE(rig_.Dispatch(state, LessonBack{}).empty());
  EXPECT_EQ(Player(state).paragraph, 0);
  EXPECT_TRUE(rig_.Dispatch(state, LessonBack{}).empty());  // the first page: nowhere to go
  EXPECT_TRUE(state.lesson.slow_pace);
  rig_.Dispatch(state, GoHome{});
  EXPECT_FALSE(state.lesson.slow_pace);  // the next person starts at the normal pace
}

TEST_F(LessonPlayerTest, BackFromTheFirstQuestionReturnsToTheLastPage) {
  AppState state = Open(kLesson1, /*signed_in=*/true);
  for (int i = 0; i < 4; ++i) {
    rig_.Dispatch(state, LessonNext{});
  }
  ASSERT_TRUE(Player(state).position.in_quiz);
  const auto effects = rig_.Dispatch(state, LessonBack{});
  EXPECT_NE(FindEffect<SaveLessonStep>(effects), nullptr);
  EXPECT_EQ(Player(state).position, (core::LessonPosition{false, 3, 0}));
  EXPECT_EQ(Stored(kLesson1)->page, 3);
}

TEST_F(LessonPlayerTest, AGuestTakesTheWholeLessonAndNothingIsWritten) {
  const int64_t outbox = rig_.Count("SELECT COUNT(*) FROM outbox");
  AppState state = Open(kLesson1, /*signed_in=*/false);
  std::vector<Effect> all;
  for (const Action& action :
       std::vector<Action>{LessonNext{}, LessonNext{}, PracticeDone{}, LessonNext{}, LessonBack{},
                           LessonNext{}, LessonNext{}, ChooseOption{"b"}, LessonNext{},
                           ChooseOption{"yes"}, LessonNext{}, RetryQuiz{}, ChooseOption{"c"},
                           LessonNext{}, ChooseOption{"no"}, LessonNext{}, RereadLesson{}}) {
    for (Effect& effect : rig_.Dispatch(state, action)) {
      all.push_back(effect);
    }
  }
  EXPECT_EQ(CountEffects<SaveLessonStep>(all), 0);
  EXPECT_EQ(CountEffects<CompleteLesson>(all), 0);
  EXPECT_EQ(rig_.Count("SELECT COUNT(*) FROM lesson_progress"), 0);
  EXPECT_EQ(rig_.Count("SELECT COUNT(*) FROM outbox"), outbox);
  EXPECT_EQ(Player(state).position, (core::LessonPosition{false, 0, 0}));
}

TEST_F(LessonPlayerTest, ResumesOnTheSameQuestionWithEarlierAnswersCounted) {
  AppState state = Open(kLesson1, /*signed_in=*/true);
  for (int i = 0; i < 4; ++i) {
    rig_.Dispatch(state, LessonNext{});
  }
  rig_.Dispatch(state, ChooseOption{"b"});  // right; the person walks away at the feedback
  rig_.Dispatch(state, GoHome{});
  EXPECT_FALSE(state.lesson.player.has_value());
  EXPECT_FALSE(state.lesson.course_lessons.has_value());
  // Back with the card: the list says where they stopped, Continue opens it there.
  state = OnCoursePage(rig_, "lt", /*signed_in=*/true);
  const LessonListItem& item = state.lesson.course_lessons->lessons[0];
  EXPECT_TRUE(item.started);
  EXPECT_EQ(item.resume, (core::LessonPosition{true, 1, 0b1}));
  rig_.Dispatch(state, OpenLesson{kLesson1});
  EXPECT_EQ(Player(state).position, (core::LessonPosition{true, 1, 0b1}));
  const auto effects = rig_.Dispatch(state, ChooseOption{"yes"});
  ASSERT_NE(FindEffect<CompleteLesson>(effects), nullptr);
  EXPECT_EQ(FindEffect<CompleteLesson>(effects)->score, 100);
}

TEST_F(LessonPlayerTest, LanguageChangeKeepsThePlace) {
  AppState state = Open(kLesson1, /*signed_in=*/false);
  rig_.Dispatch(state, LessonNext{});
  rig_.Dispatch(state, LessonNext{});
  const auto effects = rig_.Dispatch(state, ChooseLanguage{"en"});
  const LoadLesson* load = FindEffect<LoadLesson>(effects);
  ASSERT_NE(load, nullptr);
  EXPECT_EQ(load->language, "en");
  EXPECT_EQ(Player(state).position.index, 2);
  EXPECT_EQ(Player(state).content->title, "Touching the screen");
}

// The answer just given counts after the lesson is read again in another language (its bit is
// not yet "before the question shown", which is all ClampLessonPosition keeps).
TEST_F(LessonPlayerTest, LanguageChangeOnTheFeedbackKeepsTheAnswer) {
  AppState state = Open(kLesson1, /*signed_in=*/true);
  for (int i = 0; i < 4; ++i) {
    rig_.Dispatch(state, LessonNext{});
  }
  rig_.Dispatch(state, ChooseOption{"b"});  // right
  rig_.Dispatch(state, ChooseLanguage{"pl"});
  EXPECT_EQ(Player(state).content->title, "Dotykanie ekranu");
  EXPECT_EQ(Player(state).position, (core::LessonPosition{true, 0, 0b1}));
  EXPECT_TRUE(Player(state).answered);
  rig_.Dispatch(state, LessonNext{});
  rig_.Dispatch(state, ChooseOption{"yes"});
  rig_.Dispatch(state, LessonNext{});
  EXPECT_EQ(Player(state).score, 100);
  EXPECT_EQ(Stored(kLesson1)->best_score, 100);
}

TEST_F(LessonPlayerTest, StaleResultsAreDropped) {
  AppState state = Open(kLesson1, /*signed_in=*/true);
  LessonContent other = Player(state).content.value();
  other.lesson_id = kLesson2;
  other.title = "other";
  Reduce(state, LessonLoaded{other, "lt", kPersonId, std::nullopt});
  EXPECT_EQ(Player(state).content->lesson_id, kLesson1);
  Reduce(state, LessonLoaded{Player(state).content.value(), "en", kPersonId, std::nullopt});
  EXPECT_NE(Player(state).content->title, "Touching the screen");
  CourseLessons list = *state.lesson.course_lessons;
  list.person_id = "person.someone-else";
  list.lessons.clear();
  Reduce(state, CourseLessonsLoaded{list});
  EXPECT_EQ(state.lesson.course_lessons->lessons.size(), 3u);
}

TEST_F(LessonPlayerTest, BackLeavesTheLessonForAFreshCoursePage) {
  AppState state = Open(kLesson1, /*signed_in=*/true);
  rig_.Dispatch(state, LessonNext{});
  const auto effects = rig_.Dispatch(state, GoBack{});
  EXPECT_EQ(state.screen, Screen::kCourse);
  EXPECT_FALSE(state.lesson.player.has_value());
  EXPECT_NE(FindEffect<LoadCourse>(effects), nullptr);
  EXPECT_NE(FindEffect<LoadCourseLessons>(effects), nullptr);
  EXPECT_EQ(state.lesson.course_lessons->lessons[0].resume, (core::LessonPosition{false, 1, 0}));
}

TEST_F(LessonPlayerTest, MyProgressShowsScoresAndTime) {
  AppState state = Open(kLesson3, /*signed_in=*/true);
  rig_.clock().Advance(1000 * 1000);  // longer than a step may count
  rig_.Dispatch(state, LessonNext{});
  rig_.Dispatch(state, LessonNext{});
  rig_.Dispatch(state, GoBack{});
  auto effects = rig_.Dispatch(state, OpenProgress{});
  EXPECT_EQ(state.screen, Screen::kProgress);
  ASSERT_NE(FindEffect<LoadProgress>(effects), nullptr);
  ASSERT_TRUE(state.lesson.progress.has_value());
  ASSERT_EQ(state.lesson.progress->courses.size(), 1u);
  const ProgressCourseView& course = state.lesson.progress->courses[0];
  EXPECT_EQ(course.lessons_total, 3);
  EXPECT_EQ(course.lessons_passed, 1);
  EXPECT_EQ(course.seconds, kMaxStepSeconds);
  ASSERT_EQ(course.lessons.size(), 1u);
  EXPECT_EQ(course.lessons[0].title, "Pertrauka");
  EXPECT_TRUE(course.lessons[0].passed);
  rig_.Dispatch(state, GoBack{});
  EXPECT_EQ(state.screen, Screen::kCourse);
}

TEST_F(LessonPlayerTest, AGuestIsOfferedSignInAndNotProgress) {
  AppState state = OnCoursePage(rig_, "lt", /*signed_in=*/false);
  EXPECT_TRUE(Reduce(state, OpenProgress{}).empty());
  EXPECT_EQ(state.screen, Screen::kCourse);
  Reduce(state, SignInToSaveProgress{});
  EXPECT_EQ(state.screen, Screen::kSignIn);
  EXPECT_EQ(state.after_sign_in, Screen::kCourse);
  EXPECT_FALSE(state.chosen_offering_id.has_value());
}

// [SECTION] Storage

TEST_F(LessonPlayerTest, AnUnknownPersonsStepIsANoticeNotAFault) {
  auto results = rig_.Run(SaveLessonStep{"person.nobody", kLessonCourse, kLesson1, 2});
  ASSERT_EQ(results.size(), 1u);
  ASSERT_TRUE(HoldsMessage<LessonSaveFailed>(results[0]));
  EXPECT_EQ(GetMessage<LessonSaveFailed>(results[0]).notice_key, kLessonNotSavedKey);
}

TEST_F(LessonPlayerTest, AMissingLessonIsUnavailable) {
  auto results = rig_.Run(LoadLesson{kLessonCourse, "fixture-first-steps.l9", "lt", ""});
  ASSERT_EQ(results.size(), 1u);
  EXPECT_TRUE(HoldsMessage<LessonUnavailable>(results[0]));
  results = rig_.Run(LoadCourseLessons{"course.e-banking", "lt", kPersonId});
  ASSERT_EQ(results.size(), 1u);
  EXPECT_TRUE(GetMessage<CourseLessonsLoaded>(results[0]).lessons.lessons.empty());
}

TEST_F(LessonPlayerTest, CompletionWritesOneTransaction) {
  const int64_t outbox = rig_.Count("SELECT COUNT(*) FROM outbox");
  auto results = rig_.Run(CompleteLesson{kPersonId, kLessonCourse, kLesson1, 75, 0});
  ASSERT_EQ(results.size(), 1u);
  const auto& saved = GetMessage<LessonProgressSaved>(results[0]);
  EXPECT_TRUE(saved.completed);
  EXPECT_EQ(saved.best_score, 75);
  EXPECT_GT(rig_.Count("SELECT COUNT(*) FROM outbox"), outbox);
  rig_.Run(CompleteLesson{kPersonId, kLessonCourse, kLesson1, 25, 0});
  EXPECT_EQ(Stored(kLesson1)->best_score, 75);  // the best is kept
}

// A database on disk for the tests that reopen it.
class LessonFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("raida_lessons_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = (dir_ / "kiosk.db").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path dir_;
  std::string db_;
};

TEST_F(LessonFileTest, ResumesAfterTheStoreIsReopened) {
  {
    LessonRig rig(db_);
    AppState state = OnCoursePage(rig, "lt", /*signed_in=*/true);
    rig.Dispatch(state, OpenLesson{kLesson2});
    rig.Dispatch(state, LessonNext{});
    rig.Dispatch(state, LessonNext{});
    rig.Dispatch(state, ChooseOption{"a"});
    rig.Dispatch(state, ChooseOption{"b"});
    rig.Dispatch(state, CheckAnswer{});  // right: saved at question 2 with it counted
  }                                      // the kiosk is gone; nothing else was written
  LessonRig reopened(db_, /*load=*/false);
  AppState state = OnCoursePage(reopened, "lt", /*signed_in=*/true);
  reopened.Dispatch(state, OpenLesson{kLesson2});
  EXPECT_EQ(Player(state).position, (core::LessonPosition{true, 1, 0b1}));
}

// The kill -9 oracle of the durability plan (TB): a child saves steps and reports each after it
// returned (committed); the parent kills it at a random moment. The stored position is the last
// reported one or, when the kill fell between commit and report, the one after it.
TEST_F(LessonFileTest, SurvivesKillNine) {
  { LessonRig seed(db_); }
  int pipe_fds[2];
  ASSERT_EQ(::pipe(pipe_fds), 0);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::close(pipe_fds[0]);
    LessonRig rig(db_, /*load=*/false);
    for (int page = 1;; page = page % 90 + 1) {
      auto result =
          rig.storage().Run(rig.store(), SaveLessonStep{kPersonId, kLessonCourse, kLesson1, page});
      if (!result.ok()) {
        ::_exit(3);
      }
      const std::string ack = std::to_string(page) + "\n";
      if (::write(pipe_fds[1], ack.data(), ack.size()) < 0) {
        ::_exit(4);
      }
    }
  }
  ::close(pipe_fds[1]);
  FILE* acks = ::fdopen(pipe_fds[0], "r");
  int last_ack = 0;
  for (int i = 0; i < 25 && std::fscanf(acks, "%d", &last_ack) == 1; ++i) {
  }
  ::kill(child, SIGKILL);
  int status = 0;
  ::waitpid(child, &status, 0);
  std::fclose(acks);
  EXPECT_TRUE(WIFSIGNALED(status));
  ASSERT_GT(last_ack, 0);
  LessonRig reopened(db_, /*load=*/false);
  auto progress = core::LessonRepository(reopened.store()).Get(kPersonId, kLesson1);
  ASSERT_TRUE(progress.ok() && progress->has_value());
  const int stored = (*progress)->page;
  EXPECT_TRUE(stored == last_ack || stored == last_ack % 90 + 1)
      << "stored " << stored << ", last acknowledged " << last_ack;
}

TEST_F(LessonFileTest, ANewPackVersionKeepsProgressAndClampsThePage) {
  LessonRig rig(db_);
  AppState state = OnCoursePage(rig, "lt", /*signed_in=*/true);
  rig.Dispatch(state, OpenLesson{kLesson1});
  for (int i = 0; i < 3; ++i) {
    rig.Dispatch(state, LessonNext{});  // on page 4 of 4
  }
  rig.Dispatch(state, GoBack{});
  // Version 2: lesson 1 has two pages now (stable ids), lesson 3 is unchanged.
  const fs::path v2 = dir_ / "lessons" / "fixture-first-steps";
  fs::create_directories(v2.parent_path());
  fs::copy(FixtureLessonsDir() + "/fixture-first-steps", v2, fs::copy_options::recursive);
  nlohmann::json manifest = nlohmann::json::parse(std::ifstream(v2 / "manifest.json"));
  manifest["version"] = 2;
  std::ofstream(v2 / "manifest.json", std::ios::trunc) << manifest.dump();
  nlohmann::json lesson = nlohmann::json::parse(std::ifstream(v2 / "lesson-01.json"));
  lesson["pages"].erase(3);
  lesson["pages"].erase(2);
  std::ofstream(v2 / "lesson-01.json", std::ios::trunc) << lesson.dump();
  auto loaded = core::LoadLessonPacks(rig.store(), (dir_ / "lessons").string());
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  rig.Dispatch(state, ChooseLanguage{"pl"});  // the list is read again
  const LessonListItem& item = state.lesson.course_lessons->lessons[0];
  EXPECT_EQ(item.pages, 2);
  EXPECT_EQ(item.resume, (core::LessonPosition{false, 1, 0}));
  rig.Dispatch(state, OpenLesson{kLesson1});
  EXPECT_EQ(Player(state).content->pages.size(), 2u);
  EXPECT_EQ(Player(state).position, (core::LessonPosition{false, 1, 0}));
  EXPECT_EQ(Player(state).content->pack_version, 2);
}

}  // namespace
}  // namespace raida::kiosk::testing
