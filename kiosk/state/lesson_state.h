// LessonState: what the lesson screens show — the lessons of the open course with the person's
// marks, the lesson being taken (one page or question at a time) and "My progress".
//
// It is one field of AppState (AppState::lesson), written only by Reduce (reduce_lesson.cpp)
// and cleared with everything else personal on sign-out, a timeout or a fault. Texts are
// already in the person's language: the storage lane reads the pack and hands over only what
// the screens draw. Nothing here includes ImGui, GLFW or SQLite.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "raida/core/lesson_pack.h"

namespace raida::kiosk {

enum class Screen;  // app_state.h

// One lesson in the course page's "Lessons" section.
struct LessonListItem {
  std::string lesson_id;
  std::string title;
  int minutes = 0;
  int pages = 0;
  int questions = 0;
  bool started = false;         // the signed-in person has progress here (never for a guest)
  bool completed = false;       // went through to the end at least once
  int best_score = 0;           // percent
  bool passed = false;          // best_score reached the pack's passing score
  core::LessonPosition resume;  // where "Continue" opens it (clamped to this version)
};

// The lessons of one course, as read for one person (or a guest) in one language.
struct CourseLessons {
  std::string course_id;
  std::string language;
  std::string person_id;  // "" for a guest
  int passing_score = 0;
  std::vector<LessonListItem> lessons;  // empty: the course has no lesson pack
};

struct LessonPageView {
  std::string id;
  std::vector<std::string> paragraphs;  // the page's text split at blank lines
  std::string picture_path;             // absolute PNG path; "" when the page has no picture
  std::string picture_alt;              // what the picture shows, in words
  core::PracticeKind practice = core::PracticeKind::kNone;
  std::string practice_word;  // kType: the word to type
};

struct QuizOptionView {
  std::string id;
  std::string text;  // "" for yes/no: the screen words "Yes" and "No" itself
};

struct QuizQuestionView {
  std::string id;
  core::QuestionKind kind = core::QuestionKind::kSingle;
  std::string prompt;
  std::vector<QuizOptionView> options;  // in the order shown (kOrder: shuffled, stable per id)
  std::vector<std::string> answer;      // the right ids (kOrder: in the right order)
  std::string feedback;
};

// One lesson of a pack, in one language, ready to show.
struct LessonContent {
  std::string pack_id;
  int pack_version = 0;
  std::string course_id;
  std::string lesson_id;
  std::string title;
  int passing_score = 0;
  std::vector<LessonPageView> pages;  // at least one
  std::vector<QuizQuestionView> questions;
};

// The lesson being taken.
struct LessonView {
  std::string course_id;
  std::string lesson_id;
  std::string person_id;                 // "" for a guest: nothing is saved
  std::string language;                  // of `content` (a reload is asked for on a change)
  std::optional<LessonContent> content;  // nullopt while it loads
  bool loading = true;
  core::LessonPosition position;    // the page or question shown; questions answered before it
  int paragraph = 0;                // "read more slowly": the paragraph of the page shown
  bool practice_done = false;       // the page's exercise was done
  std::vector<std::string> choice;  // the current question: ticked (kMultiple) or tapped in
                                    // turn (kOrder) option ids
  bool answered = false;            // the current question is answered: its feedback shows
  bool answered_right = false;
  bool at_end = false;  // the lesson-end screen: score and passed / try again
  int score = 0;        // at_end: percent of the questions answered right
  bool passed = false;  // at_end: score reached the pack's passing score
};

struct ProgressLessonView {
  std::string lesson_id;
  std::string title;
  bool completed = false;
  int best_score = 0;
  bool passed = false;
  int seconds = 0;
};

// One course in "My progress": the lessons the person has started.
struct ProgressCourseView {
  std::string course_id;
  std::string title;
  int lessons_total = 0;   // in the course's pack (0 when the pack is gone)
  int lessons_passed = 0;  // of those started
  int seconds = 0;         // time spent over all its lessons
  std::vector<ProgressLessonView> lessons;
  bool certified = false;  // the person holds the course's certificate (listed apart)
  // What is still missing before the certificate (core::GetCourseCompletion), when not certified:
  // lessons still to pass, and sessions of the course's group still to attend.
  int lessons_missing = 0;
  int sessions_missing = 0;
};

// A certificate of the person, as "My progress" and the notice show it.
struct CertificateNoticeView {
  std::string course_id;
  std::string course_title;  // in the visit's language
  std::string issued_on;     // "2026-11-22"
  std::string code;          // "RKS-7K2M-9QXD"
};

struct ProgressView {
  std::string person_id;
  std::string language;
  std::vector<ProgressCourseView> courses;          // by course title
  std::vector<CertificateNoticeView> certificates;  // newest first
};

struct LessonState {
  std::optional<CourseLessons> course_lessons;  // the lessons of the open course
  // What the last LoadCourseLessons asked for ("course|language|person"); "" = nothing yet.
  std::string course_lessons_key;
  std::optional<LessonView> player;      // the lesson being taken (Screen::kLesson)
  std::optional<ProgressView> progress;  // Screen::kProgress
  std::string progress_key;              // what the last LoadProgress asked for
  Screen progress_return{};              // where Back on "My progress" returns to
  // "Read more slowly": one paragraph per screen in larger type with more space between lines.
  // Kept for the visit (every lesson), forgotten on sign-out.
  bool slow_pace = false;
  // The certificate just issued, until the person taps OK on its notice (kCertificateIssuedKey),
  // which goes up once the lesson's end (or another screen) shows, never over a question's
  // feedback.
  std::optional<CertificateNoticeView> certificate_notice;
  bool certificate_notice_up = false;
};

}  // namespace raida::kiosk
