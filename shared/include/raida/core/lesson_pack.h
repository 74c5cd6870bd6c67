// Lesson packs: the self-paced lessons of a course, as written in assets/lessons/ and as the
// kiosk's lesson player reads them.
//
// On disk a pack is one folder per course (the format is described, with a worked example, in
// assets/lessons/README.md):
//   assets/lessons/<folder>/manifest.json   id, course, version, languages, category, hours,
//                                           prerequisites, passing score, titles, lesson files
//   assets/lessons/<folder>/lesson-NN.json  one lesson: pages and quiz questions
//   assets/lessons/<folder>/pictures/*.png  pictures the pages show (each with a text alternative)
//
// In the database (table lesson_pack, a catalog table the district office publishes and kiosks
// receive through sync) a pack is one row whose `manifest` column holds the whole pack as one
// JSON document: the manifest with every lesson inlined under "lessons" (PackDocument below), and
// whose `checksum` is the SHA-256 of that document. Pictures are not in the document: they are
// files next to it under assets/lessons/<folder>/ on every kiosk.
//
// Lesson, page and question ids are stable across versions, so a person's progress (saved by
// lesson id and page index) survives a new version of the pack.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "raida/core/model.h"
#include "raida/core/result.h"
#include "raida/core/store.h"

namespace raida::core {

// A text in every language of the pack: {"lt": "...", "pl": "...", "en": "..."}.
using LocalizedText = std::map<std::string, std::string>;

// The text in `language`, else English, else Lithuanian, else "".
const std::string& InLanguage(const LocalizedText& text, const std::string& language);

enum class PracticeKind { kNone, kTap, kDrag, kType };  // an exercise on the kiosk itself

struct LessonPage {
  std::string id;             // stable within the lesson ("p1")
  LocalizedText text;         // paragraphs separated by a blank line ("\n\n")
  std::string picture;        // path relative to the pack folder ("pictures/tap.png"), "" if none
  LocalizedText picture_alt;  // required when there is a picture
  PracticeKind practice = PracticeKind::kNone;
  LocalizedText practice_word;  // kType: the word the person types on the on-screen keyboard
};

enum class QuestionKind { kSingle, kMultiple, kOrder, kYesNo };

struct QuizOption {
  std::string id;  // "a", "b", ... ; for kYesNo the options are "yes" and "no" (implicit)
  LocalizedText text;
};

struct QuizQuestion {
  std::string id;  // stable within the lesson ("q1")
  QuestionKind kind = QuestionKind::kSingle;
  LocalizedText prompt;
  std::vector<QuizOption> options;  // in the order written; kOrder shows them shuffled
  // kSingle / kYesNo: exactly one id; kMultiple: every correct id; kOrder: every id, in the
  // correct order.
  std::vector<std::string> answer;
  LocalizedText feedback;  // a gentle explanation shown after the person answers
};

struct Lesson {
  std::string id;  // stable across versions ("computer-first-steps.l1")
  LocalizedText title;
  int minutes = 0;  // the author's estimate of reading time
  std::vector<LessonPage> pages;
  std::vector<QuizQuestion> questions;
};

struct PackDocument {
  std::string id;         // "pack.computer-first-steps"
  std::string course_id;  // "course.computer-first-steps"
  int version = 0;
  std::vector<std::string> languages;  // {"lt", "pl", "en"}
  std::string category;                // as the course's ("computer_basics", ...)
  int hours = 0;
  std::vector<std::string> prerequisites;  // course ids
  int passing_score = 0;                   // percent of a lesson's questions answered right
  LocalizedText title;
  std::string folder;  // the pack folder name under assets/lessons/ (for pictures)
  std::vector<Lesson> lessons;
};

// Reads a pack folder (manifest + lesson files) into a document. Errors name the file and the
// JSON path: kNotFound (no manifest or a listed lesson file missing), kCorrupt (not JSON, a field
// missing or of the wrong type, an unknown kind), kTooNew (a "format" other than 1).
Result<PackDocument> ReadPackFolder(const std::string& folder_path);

// The single JSON document stored in lesson_pack.manifest, and back. ParsePackDocument refuses
// what ReadPackFolder would refuse (kCorrupt / kTooNew).
std::string PackDocumentJson(const PackDocument& pack);
Result<PackDocument> ParsePackDocument(const std::string& json);

// The lesson_pack row for a document: id, course, version, SHA-256 of PackDocumentJson.
LessonPack PackRow(const PackDocument& pack);

// Limits a pack must keep (ReadPackFolder / ParsePackDocument refuse more, with kCorrupt).
inline constexpr int kMaxLessonsPerPack = 60;
inline constexpr int kMaxPagesPerLesson = 100;
inline constexpr int kMaxQuestionsPerLesson = 20;
inline constexpr int kMinOptions = 2;
inline constexpr int kMaxOptions = 5;

// The lesson with `lesson_id`, or nullptr.
const Lesson* FindLesson(const PackDocument& pack, const std::string& lesson_id);

// Whether `chosen` answers `question` right: kSingle/kYesNo the one right id, kMultiple exactly
// the set of right ids (in any order), kOrder every id in the right order.
bool IsRightAnswer(const QuizQuestion& question, const std::vector<std::string>& chosen);

// Where a person is in a lesson, as lesson_progress.page stores it (one integer, resumed
// exactly): on page `index`, or on question `index` of the quiz with the answers to the
// questions before it, so a quiz finished after a break still counts the answers given before.
//   page 0..999                     on page `page`
//   page 1000 + index + 32 * mask   on question `index` (< 32); bit i of `mask` = question i was
//                                   answered right (i < index)
struct LessonPosition {
  bool in_quiz = false;
  int index = 0;            // page index, or question index when in_quiz
  uint32_t right_mask = 0;  // quiz only: questions before `index` answered right
  bool operator==(const LessonPosition&) const = default;
};
inline constexpr int kQuizPositionBase = 1000;
int EncodeLessonPosition(const LessonPosition& position);
// Any non-negative stored value decodes (a garbled one to a position ClampLessonPosition fixes).
LessonPosition DecodeLessonPosition(int page);
// `position` made valid for `lesson` (a new version may have fewer pages or questions): a page
// beyond the last is the last page, a question beyond the last is the last question, answers
// to questions that no longer exist are forgotten; a quiz position in a lesson without
// questions is its last page.
LessonPosition ClampLessonPosition(LessonPosition position, const Lesson& lesson);
// Percent (0..100, rounded down) of `question_count` questions answered right in `right_mask`;
// 100 for a lesson without questions.
int ScorePercent(uint32_t right_mask, int question_count);

// Loads every pack folder under `lessons_dir` (assets/lessons) into the store, as published data
// (needs no scope of its own: it opens a Store::ApplyingScope and one write transaction). A pack
// whose course is not in the catalog is refused (kCorrupt naming the folder); nothing is written
// when any pack is refused, nor when two folders publish the same pack or course. Loading the
// same folders twice changes nothing; a higher version replaces the stored one, a lower one
// never does (a kiosk may already have a newer version through sync). Pictures the pages name
// must exist in the folder (kNotFound otherwise). Errors: kNotFound (no `lessons_dir`), and
// those of ReadPackFolder. Returns how many packs were read.
Result<int> LoadLessonPacks(Store& store, const std::string& lessons_dir);

}  // namespace raida::core
