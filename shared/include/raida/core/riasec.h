// The vocational-interest self-assessment (Holland's RIASEC model): its content, a person's
// answers, and the scoring that turns them into a result with suggested courses and kinds of work.
//
// The content is our own file, assets/assessment/riasec.json (format in
// assets/assessment/README.md): short statements, each belonging to one of six interest areas,
// answered "Yes, I like it" / "Not sure" / "No"; a short self-rating of skills; questions about
// the person's situation (hours, care duties, transport, health); and per area a plain-words
// description, suggested catalog courses and kinds of work, all in Lithuanian, Polish and English.
//
// Everything here is pure except LoadRiasecContent, which reads one file.
//
// SCORING RULES (ScoreRiasec; the tests in tests/core/riasec_test.cpp work them by hand):
//  1. Points per statement: Yes = 2, Not sure = 1, No = 0 (AnswerPoints). Answers to statement
//     ids the content does not have are ignored; statements without an answer are left out.
//  2. An area's score is the percent of the maximum of its ANSWERED statements:
//       percent = round(100 * points / (2 * answered)), halves rounded up.
//     An area with fewer than half of its statements answered (2 * answered < statements) has
//     "not enough answers": no percent, and it is never a top area.
//  3. An area counts as an interest when its percent is at least kMinInterestPercent (55: the
//     person liked more of it than not). The TOP AREAS are the interests whose percent is within
//     kTieMarginPercent (10 points) of the highest percent of any area, so near-ties are all
//     kept. They are ordered by percent, highest first; equal percents in the fixed RIASEC order
//     Realistic, Investigative, Artistic, Social, Enterprising, Conventional (RiasecAreasInOrder).
//  4. The status: kNotEnoughAnswers when no area has a percent; kNoClearInterest when some do but
//     none is an interest; kTopAreas otherwise.
//  5. Suggested courses, in this order, duplicates dropped (first kept), courses in `done`
//     dropped, at most kMaxSuggestedCourses:
//       a. each top area's courses, in top order and in the file's order within an area
//          (with no top area: the content's fallback courses);
//       b. each skill rated at the lowest level, in the file's order: its `courses_if_low`;
//       c. each constraint question, in the file's order: the courses of the option chosen.
//  6. Kinds of work: every kind of work of each top area, in top order and file order.
// The skill ratings and constraint answers are not scored: they go with the result to the
// coordinator, who drafts the action plan with the person.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "raida/core/model.h"
#include "raida/core/result.h"

namespace raida::core {

inline constexpr int kMinInterestPercent = 55;
inline constexpr int kTieMarginPercent = 10;
inline constexpr int kMaxSuggestedCourses = 6;
// The "format" value of the content file this code reads.
inline constexpr const char* kRiasecFormat = "raida.riasec/1";
// AssessmentResponse::kind of these responses.
inline constexpr const char* kRiasecKind = "riasec";

// [SECTION] Areas and answers

enum class RiasecArea {
  kRealistic,
  kInvestigative,
  kArtistic,
  kSocial,
  kEnterprising,
  kConventional
};
inline constexpr int kRiasecAreaCount = 6;

// R, I, A, S, E, C: the fixed order of areas everywhere (ties, the result, the file).
const std::array<RiasecArea, kRiasecAreaCount>& RiasecAreasInOrder();
const char* RiasecAreaName(RiasecArea area);  // "realistic", ..., "conventional"
std::optional<RiasecArea> ParseRiasecArea(const std::string& name);

enum class InterestAnswer { kYes, kUnsure, kNo };
const char* InterestAnswerName(InterestAnswer answer);  // "yes", "unsure", "no"
std::optional<InterestAnswer> ParseInterestAnswer(const std::string& name);
// 2, 1, 0.
int AnswerPoints(InterestAnswer answer);

// [SECTION] Content

// The three answer buttons: `picture` names a drawing the kiosk makes ("smile", "neutral",
// "frown"), `label` is the word under it.
struct RiasecChoice {
  InterestAnswer answer = InterestAnswer::kYes;
  std::string picture;
  LocalizedText label;
};

struct RiasecStatement {
  std::string id;  // stable across versions: saved answers refer to it ("r1")
  RiasecArea area = RiasecArea::kRealistic;
  LocalizedText text;
};

struct RiasecWork {
  std::string id;  // "realistic.farm"
  LocalizedText text;
};

struct RiasecAreaInfo {
  RiasecArea area = RiasecArea::kRealistic;
  LocalizedText name;                // plain words: "Practical work with your hands"
  LocalizedText description;         // two or three sentences
  std::vector<std::string> courses;  // catalog course ids, best first
  std::vector<RiasecWork> work;
};

struct RiasecLevel {
  std::string id;  // "none", "some", "good"
  LocalizedText label;
};

struct RiasecSkill {
  std::string id;  // "computer"
  LocalizedText text;
  std::vector<std::string> courses_if_low;  // suggested when rated at the lowest level
};

struct RiasecOption {
  std::string id;
  LocalizedText label;
  std::vector<std::string> courses;  // suggested when this option is chosen
};

// A question about the person's situation ("How many hours a week could you work?").
struct RiasecConstraint {
  std::string id;  // "hours", "care", "transport", "health"
  LocalizedText text;
  std::vector<RiasecOption> options;  // at least two
};

struct RiasecContent {
  int version = 0;
  std::vector<RiasecChoice> choices;          // yes, unsure, no: in this order
  std::vector<RiasecStatement> statements;    // in the order they are asked
  std::vector<RiasecAreaInfo> areas;          // all six, in RiasecAreasInOrder()
  std::vector<RiasecLevel> skill_levels;      // lowest first; at least two
  std::vector<RiasecSkill> skills;            // in the order they are asked
  std::vector<RiasecConstraint> constraints;  // in the order they are asked
  std::vector<std::string> fallback_courses;  // when no area stands out
};

// Parses the content file's text. Every text must be given, non-empty, in every supported
// language; ids are unique in their list; each area appears once and has at least one statement.
// kCorrupt with the JSON path of the first problem ("statements[3].text.pl: missing");
// kTooNew for another "format".
Result<RiasecContent> ParseRiasecContent(const std::string& json_text);
// Reads and parses the file at `path`; errors start with the path. kNotFound when it is missing.
Result<RiasecContent> LoadRiasecContent(const std::string& path);

// The content's entry for `area` (the parser guarantees there is one).
const RiasecAreaInfo& AreaInfo(const RiasecContent& content, RiasecArea area);

// [SECTION] Answers

struct RiasecAnswers {
  std::map<std::string, InterestAnswer> statements;  // statement id -> answer
  std::map<std::string, std::string> skills;         // skill id -> level id
  std::map<std::string, std::string> constraints;    // question id -> option id
};

// The answers as JSON for AssessmentResponse::answers:
// {"statements":{"r1":"yes",...},"skills":{"computer":"some"},"constraints":{"hours":"10_20"}}.
std::string EncodeRiasecAnswers(const RiasecAnswers& answers);
// The reverse; kCorrupt with the JSON path of the first problem. Missing members read as empty.
Result<RiasecAnswers> DecodeRiasecAnswers(const std::string& json_text);

// [SECTION] Result

struct RiasecAreaScore {
  RiasecArea area = RiasecArea::kRealistic;
  int statements = 0;  // the area's statements in the content
  int answered = 0;
  int points = 0;
  std::optional<int> percent;  // nullopt: not enough answers (rule 2)
};

enum class RiasecStatus { kTopAreas, kNoClearInterest, kNotEnoughAnswers };
const char* RiasecStatusName(RiasecStatus status);  // "top_areas", "no_clear_interest", ...

struct RiasecResult {
  int content_version = 0;
  RiasecStatus status = RiasecStatus::kNotEnoughAnswers;
  std::vector<RiasecAreaScore> areas;  // all six, in RiasecAreasInOrder()
  std::vector<RiasecArea> top;         // rule 3
  std::vector<std::string> courses;    // rule 5
  std::vector<std::string> work;       // rule 6: work ids
};

// Scores `answers` by the rules at the top of this file. `done` lists course ids the person has
// already completed (may be empty).
RiasecResult ScoreRiasec(const RiasecContent& content, const RiasecAnswers& answers,
                         const std::vector<std::string>& done = {});

// The result as JSON for AssessmentResponse::result, with the rule constants it was scored by:
// {"content_version":1,"status":"top_areas","min_interest_percent":55,"tie_margin_percent":10,
//  "areas":[{"area":"realistic","statements":7,"answered":7,"points":10,"percent":71},...],
//  "top":["realistic"],"courses":[...],"work":[...]}  ("percent":null: not enough answers).
std::string EncodeRiasecResult(const RiasecResult& result);

}  // namespace raida::core
