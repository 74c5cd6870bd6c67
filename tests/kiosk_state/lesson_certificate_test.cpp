// Certificates from the lesson player, with the real reducer and the real storage (LessonRig,
// the fixture pack of course.computer-first-steps): the certificate is issued through the effect
// runner's storage work when the person's last lesson completes the course, and the person is
// told its code in a notice; a guest never gets one; someone who also signed up for a group with
// sessions still has to attend them; "My progress" says what is missing, then shows the
// certificate with its course, date and code.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "kiosk/state/effect_runner.h"
#include "kiosk/state/reduce.h"
#include "kiosk/state/reduce_lesson.h"
#include "kiosk_state/lesson_rig.h"
#include "raida/core/certificate_repository.h"

namespace raida::kiosk::testing {
namespace {

constexpr const char* kCourseTitleLt = "Kompiuteris ir planšetė: pirmieji žingsniai";

// The actions that take the open lesson from its first page to its end with every answer right.
std::vector<Action> RightThrough(const std::string& lesson) {
  if (lesson == kLesson1) {  // 4 pages; single (b), yes/no (yes)
    return {LessonNext{},      LessonNext{}, LessonNext{},        LessonNext{},
            ChooseOption{"b"}, LessonNext{}, ChooseOption{"yes"}, LessonNext{}};
  }
  if (lesson == kLesson2) {  // 2 pages; multiple (a, b), order (a, b, c)
    return {LessonNext{},      LessonNext{},  ChooseOption{"a"}, ChooseOption{"b"},
            CheckAnswer{},     LessonNext{},  ChooseOption{"a"}, ChooseOption{"b"},
            ChooseOption{"c"}, CheckAnswer{}, LessonNext{}};
  }
  return {LessonNext{}, LessonNext{}};  // kLesson3: 2 pages, no questions
}

class LessonCertificateTest : public ::testing::Test {
 protected:
  // From the course page: opens `lesson`, goes through it with every answer right and comes
  // back to the course page. Returns every effect on the way.
  std::vector<Effect> Finish(AppState& state, const std::string& lesson) {
    std::vector<Effect> all = rig_.Dispatch(state, OpenLesson{lesson});
    EXPECT_EQ(state.screen, Screen::kLesson);
    for (const Action& action : RightThrough(lesson)) {
      for (Effect& effect : rig_.Dispatch(state, action)) {
        all.push_back(std::move(effect));
      }
    }
    EXPECT_TRUE(state.lesson.player && state.lesson.player->at_end && state.lesson.player->passed)
        << lesson;
    return all;
  }
  void BackToCourse(AppState& state) {
    if (!state.notice_key.empty()) {
      rig_.Dispatch(state, DismissNotice{});
    }
    rig_.Dispatch(state, GoBack{});
    EXPECT_EQ(state.screen, Screen::kCourse);
  }
  const ProgressView& OpenMyProgress(AppState& state) {
    rig_.Dispatch(state, OpenProgress{});
    EXPECT_EQ(state.screen, Screen::kProgress);
    EXPECT_TRUE(state.lesson.progress.has_value());
    return *state.lesson.progress;
  }
  std::optional<core::Certificate> Held(const std::string& person_id) {
    auto held = core::CertificateRepository(rig_.store()).GetForCourse(person_id, kLessonCourse);
    EXPECT_TRUE(held.ok());
    return held.ok() ? *held : std::nullopt;
  }

  LessonRig rig_;
};

TEST_F(LessonCertificateTest, TheLastLessonIssuesTheCertificateAndTellsTheCode) {
  AppState state = OnCoursePage(rig_, "lt", /*signed_in=*/true, kLessonsOnlyPersonId);
  for (const char* lesson : {kLesson3, kLesson2}) {
    const auto finished = Finish(state, lesson);
    EXPECT_EQ(CountEffects<IssueCertificate>(finished), 1) << "asked after every completion";
    EXPECT_TRUE(state.notice_key.empty()) << "the course is not complete yet";
    EXPECT_FALSE(Held(kLessonsOnlyPersonId).has_value());
    BackToCourse(state);
  }
  // The last lesson, up to its last answer: the certificate is issued with that answer, while
  // the person still reads its feedback (the notice waits for the lesson's end).
  rig_.Dispatch(state, OpenLesson{kLesson1});
  std::vector<Action> steps = RightThrough(kLesson1);
  const Action last_next = steps.back();
  steps.pop_back();
  std::vector<Effect> effects;
  for (const Action& action : steps) {
    for (Effect& effect : rig_.Dispatch(state, action)) {
      effects.push_back(std::move(effect));
    }
  }
  const IssueCertificate* issue = FindEffect<IssueCertificate>(effects);
  ASSERT_NE(issue, nullptr);
  EXPECT_EQ(issue->person_id, kLessonsOnlyPersonId);
  EXPECT_EQ(issue->course_id, kLessonCourse);
  const std::optional<core::Certificate> held = Held(kLessonsOnlyPersonId);
  ASSERT_TRUE(held.has_value());
  EXPECT_EQ(held->issued_on, LocalIsoDate(rig_.clock().NowMs()));
  EXPECT_TRUE(state.lesson.player->answered);
  EXPECT_TRUE(state.notice_key.empty()) << "not over the feedback";
  rig_.Dispatch(state, last_next);
  EXPECT_TRUE(state.lesson.player->at_end);
  EXPECT_EQ(state.notice_key, kCertificateIssuedKey);
  ASSERT_TRUE(state.lesson.certificate_notice.has_value());
  EXPECT_EQ(state.lesson.certificate_notice->code, held->code);
  EXPECT_EQ(state.lesson.certificate_notice->course_title, kCourseTitleLt);
  EXPECT_EQ(rig_.Count("SELECT COUNT(*) FROM outbox WHERE tbl = 'certificate'"), 1);
  // OK: the notice and its code are gone from the state; the lesson end shows again.
  rig_.Dispatch(state, DismissNotice{});
  EXPECT_TRUE(state.notice_key.empty());
  EXPECT_FALSE(state.lesson.certificate_notice.has_value());
  EXPECT_TRUE(state.lesson.player->at_end);
  // The lesson again: the certificate exists, nothing new is issued or told.
  rig_.Dispatch(state, RetryQuiz{});
  for (const Action& action :
       std::vector<Action>{ChooseOption{"b"}, LessonNext{}, ChooseOption{"yes"}, LessonNext{}}) {
    rig_.Dispatch(state, action);
  }
  EXPECT_TRUE(state.notice_key.empty());
  EXPECT_EQ(Held(kLessonsOnlyPersonId)->code, held->code);
  EXPECT_EQ(rig_.Count("SELECT COUNT(*) FROM certificate"), 1);
}

TEST_F(LessonCertificateTest, AGuestNeverGetsACertificate) {
  AppState state = OnCoursePage(rig_, "en", /*signed_in=*/false);
  std::vector<Effect> all;
  for (const char* lesson : {kLesson1, kLesson2, kLesson3}) {
    for (Effect& effect : Finish(state, lesson)) {
      all.push_back(std::move(effect));
    }
    BackToCourse(state);
  }
  EXPECT_EQ(CountEffects<IssueCertificate>(all), 0);
  EXPECT_EQ(CountEffects<CompleteLesson>(all), 0);
  EXPECT_TRUE(state.notice_key.empty());
  EXPECT_EQ(rig_.Count("SELECT COUNT(*) FROM certificate"), 0);
}

TEST_F(LessonCertificateTest, MyProgressSaysWhatIsMissingThenShowsTheCertificate) {
  AppState state = OnCoursePage(rig_, "lt", /*signed_in=*/true, kLessonsOnlyPersonId);
  Finish(state, kLesson3);
  BackToCourse(state);
  const ProgressView& before = OpenMyProgress(state);
  ASSERT_EQ(before.courses.size(), 1u);
  EXPECT_TRUE(before.certificates.empty());
  EXPECT_FALSE(before.courses[0].certified);
  EXPECT_EQ(before.courses[0].lessons_missing, 2);
  EXPECT_EQ(before.courses[0].sessions_missing, 0);  // no group sign-up: lessons alone
  rig_.Dispatch(state, GoBack{});
  ASSERT_EQ(state.screen, Screen::kCourse);
  Finish(state, kLesson2);
  BackToCourse(state);
  Finish(state, kLesson1);
  BackToCourse(state);
  const ProgressView& after = OpenMyProgress(state);
  ASSERT_EQ(after.certificates.size(), 1u);
  const CertificateNoticeView& certificate = after.certificates[0];
  EXPECT_EQ(certificate.course_id, kLessonCourse);
  EXPECT_EQ(certificate.course_title, kCourseTitleLt);
  EXPECT_EQ(certificate.code, Held(kLessonsOnlyPersonId)->code);
  EXPECT_EQ(certificate.issued_on, LocalIsoDate(rig_.clock().NowMs()));
  ASSERT_EQ(after.courses.size(), 1u);
  EXPECT_TRUE(after.courses[0].certified);
  EXPECT_EQ(after.courses[0].lessons_passed, 3);
}

// Ona also holds a confirmed seat in the course's group at Bajorai, whose sessions nobody has
// marked yet: her lessons alone do not complete the course.
TEST_F(LessonCertificateTest, ASignedUpPersonStillHasToAttendTheSessions) {
  AppState state = OnCoursePage(rig_, "pl", /*signed_in=*/true, kPersonId);
  for (const char* lesson : {kLesson1, kLesson2, kLesson3}) {
    Finish(state, lesson);
    BackToCourse(state);
  }
  EXPECT_FALSE(Held(kPersonId).has_value());
  auto completion =
      core::CertificateRepository(rig_.store()).GetCourseCompletion(kPersonId, kLessonCourse);
  ASSERT_TRUE(completion.ok());
  ASSERT_TRUE(completion->attendance_required);
  const ProgressView& progress = OpenMyProgress(state);
  ASSERT_EQ(progress.courses.size(), 1u);
  EXPECT_FALSE(progress.courses[0].certified);
  EXPECT_EQ(progress.courses[0].lessons_missing, 0);
  EXPECT_GT(progress.courses[0].sessions_missing, 0);
  EXPECT_EQ(progress.courses[0].sessions_missing,
            completion->sessions_total - completion->sessions_present);
}

TEST_F(LessonCertificateTest, ACertificateForSomeoneElseIsNotShown) {
  AppState state = OnCoursePage(rig_, "lt", /*signed_in=*/true, kPersonId);
  Reduce(state, CertificateIssued{kLessonsOnlyPersonId,
                                  {kLessonCourse, kCourseTitleLt, "2026-11-23", "RKS-0000-0000"}});
  EXPECT_TRUE(state.notice_key.empty());
  EXPECT_FALSE(state.lesson.certificate_notice.has_value());
}

TEST_F(LessonCertificateTest, TheNoticeWaitsUntilNoLessonPageShows) {
  AppState state = OnCoursePage(rig_, "lt", /*signed_in=*/true, kLessonsOnlyPersonId);
  rig_.Dispatch(state, OpenLesson{kLesson2});
  rig_.Dispatch(state,
                CertificateIssued{kLessonsOnlyPersonId,
                                  {kLessonCourse, kCourseTitleLt, "2026-11-23", "RKS-7K2M-9QXD"}});
  rig_.Dispatch(state, LessonNext{});
  EXPECT_TRUE(state.notice_key.empty()) << "not over a page of a lesson";
  rig_.Dispatch(state, GoBack{});  // the person leaves the lesson: the course page gets it
  EXPECT_EQ(state.screen, Screen::kCourse);
  EXPECT_EQ(state.notice_key, kCertificateIssuedKey);
  EXPECT_EQ(state.lesson.certificate_notice->code, "RKS-7K2M-9QXD");
  rig_.Dispatch(state, DismissNotice{});
  EXPECT_FALSE(state.lesson.certificate_notice.has_value());
  EXPECT_TRUE(state.notice_key.empty());
}

TEST_F(LessonCertificateTest, AnUnknownPersonIsLoggedNotAFault) {
  const auto results = rig_.Run(IssueCertificate{"person.nobody", kLessonCourse, "lt"});
  EXPECT_TRUE(results.empty());  // rig_.Run fails the test on an error (the fault screen)
  EXPECT_EQ(rig_.Count("SELECT COUNT(*) FROM certificate"), 0);
}

}  // namespace
}  // namespace raida::kiosk::testing
