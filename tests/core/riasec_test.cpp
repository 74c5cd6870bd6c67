// The self-assessment's scoring rules (riasec.h) worked by hand on small made-up contents — ties,
// the tie margin, unanswered statements, "not enough answers", rounding and the course
// suggestions — then the answers and result JSON, the loader's errors on malformed files (each
// naming the JSON path), and the shipped assets/assessment/riasec.json.
#include "raida/core/riasec.h"

#include <gtest/gtest.h>

#include <array>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "core/core_test_support.h"

namespace raida::core {
namespace {

using Json = nlohmann::json;
using testing::TempDir;

Json Text(const std::string& base) {
  return {{"lt", base + " (lt)"}, {"pl", base + " (pl)"}, {"en", base}};
}

// A valid content with `counts[i]` statements for the i-th area (RIASEC order), ids
// "<area>.<n>" from 1. Each area suggests "course.<area>" then "course.common"; the skill
// "computer" (levels none/some/good) suggests "course.computer" when rated "none"; the constraint
// "care" suggests "course.family" for "yes".
Json ContentJson(const std::array<int, kRiasecAreaCount>& counts) {
  Json json = {{"format", kRiasecFormat}, {"version", 3}};
  json["choices"] = Json::array({
      {{"answer", "yes"}, {"picture", "smile"}, {"label", Text("Yes")}},
      {{"answer", "unsure"}, {"picture", "neutral"}, {"label", Text("Not sure")}},
      {{"answer", "no"}, {"picture", "frown"}, {"label", Text("No")}},
  });
  json["statements"] = Json::array();
  json["areas"] = Json::array();
  for (size_t a = 0; a < kRiasecAreaCount; ++a) {
    const std::string area = RiasecAreaName(RiasecAreasInOrder()[a]);
    for (int n = 1; n <= counts[a]; ++n) {
      const std::string id = area + "." + std::to_string(n);
      json["statements"].push_back({{"id", id}, {"area", area}, {"text", Text("I like " + id)}});
    }
    json["areas"].push_back({{"area", area},
                             {"name", Text(area)},
                             {"description", Text("About " + area)},
                             {"courses", {"course." + area, "course.common"}},
                             {"work", {{{"id", area + ".job"}, {"text", Text(area + " job")}}}}});
  }
  json["skills"] = {
      {"levels",
       {{{"id", "none"}, {"label", Text("Not yet")}},
        {{"id", "some"}, {"label", Text("A little")}},
        {{"id", "good"}, {"label", Text("Well")}}}},
      {"items",
       {{{"id", "computer"}, {"text", Text("Computer")}, {"courses_if_low", {"course.computer"}}},
        {{"id", "hands"}, {"text", Text("Hands")}}}}};
  json["constraints"] = {{{"id", "care"},
                          {"text", Text("Care?")},
                          {"options",
                           {{{"id", "yes"}, {"label", Text("Yes")}, {"courses", {"course.family"}}},
                            {{"id", "no"}, {"label", Text("No")}}}}}};
  json["fallback_courses"] = {"course.fallback"};
  return json;
}

RiasecContent Content(const std::array<int, kRiasecAreaCount>& counts) {
  auto content = ParseRiasecContent(ContentJson(counts).dump());
  EXPECT_TRUE(content.ok()) << content.error().message;
  return content.ok() ? std::move(content).value() : RiasecContent{};
}

// Answers "<area>.1", "<area>.2", ... in turn with `letters`: y = yes, u = unsure, n = no,
// '-' = unanswered.
void Answer(RiasecAnswers& answers, const std::string& area, const std::string& letters) {
  for (size_t i = 0; i < letters.size(); ++i) {
    const std::string id = area + "." + std::to_string(i + 1);
    switch (letters[i]) {
      case 'y': {
        answers.statements[id] = InterestAnswer::kYes;
        break;
      }
      case 'u': {
        answers.statements[id] = InterestAnswer::kUnsure;
        break;
      }
      case 'n': {
        answers.statements[id] = InterestAnswer::kNo;
        break;
      }
      default: {
        break;
      }
    }
  }
}

const RiasecAreaScore& ScoreOf(const RiasecResult& result, RiasecArea area) {
  return result.areas[static_cast<size_t>(area)];
}

// [SECTION] Scoring

TEST(RiasecScoring, PointsAreTwoOneZero) {
  EXPECT_EQ(AnswerPoints(InterestAnswer::kYes), 2);
  EXPECT_EQ(AnswerPoints(InterestAnswer::kUnsure), 1);
  EXPECT_EQ(AnswerPoints(InterestAnswer::kNo), 0);
}

// Four statements per area.
//   R  y y u n  -> 2+2+1+0 = 5 of 8   = 62.5 -> 63 (half up)
//   I  y y y y  -> 8 of 8             = 100
//   A  y y y u  -> 7 of 8             = 87.5 -> 88
//   S  y - - -  -> 1 of 4 answered: fewer than half: not enough answers
//   E  y u - -  -> 2 of 4 answered (exactly half): 3 of 4 = 75
//   C  n n n n  -> 0
// Highest 100 (I); the margin reaches down to 90, so A (88) is out: top = [I].
TEST(RiasecScoring, HandWorkedAreasWithUnansweredStatements) {
  const RiasecContent content = Content({4, 4, 4, 4, 4, 4});
  RiasecAnswers answers;
  Answer(answers, "realistic", "yyun");
  Answer(answers, "investigative", "yyyy");
  Answer(answers, "artistic", "yyyu");
  Answer(answers, "social", "y---");
  Answer(answers, "enterprising", "yu--");
  Answer(answers, "conventional", "nnnn");
  answers.statements["no.such.statement"] = InterestAnswer::kYes;  // ignored

  const RiasecResult result = ScoreRiasec(content, answers);
  EXPECT_EQ(result.content_version, 3);
  const auto& r = ScoreOf(result, RiasecArea::kRealistic);
  EXPECT_EQ(r.statements, 4);
  EXPECT_EQ(r.answered, 4);
  EXPECT_EQ(r.points, 5);
  EXPECT_EQ(r.percent, 63);
  EXPECT_EQ(ScoreOf(result, RiasecArea::kInvestigative).percent, 100);
  EXPECT_EQ(ScoreOf(result, RiasecArea::kArtistic).percent, 88);
  const auto& s = ScoreOf(result, RiasecArea::kSocial);
  EXPECT_EQ(s.answered, 1);
  EXPECT_EQ(s.points, 2);
  EXPECT_FALSE(s.percent.has_value());
  const auto& e = ScoreOf(result, RiasecArea::kEnterprising);
  EXPECT_EQ(e.answered, 2);
  EXPECT_EQ(e.percent, 75);
  EXPECT_EQ(ScoreOf(result, RiasecArea::kConventional).percent, 0);

  EXPECT_EQ(result.status, RiasecStatus::kTopAreas);
  EXPECT_EQ(result.top, std::vector<RiasecArea>{RiasecArea::kInvestigative});
  EXPECT_EQ(result.courses, (std::vector<std::string>{"course.investigative", "course.common"}));
  EXPECT_EQ(result.work, std::vector<std::string>{"investigative.job"});
}

// Five statements per area (percents in steps of 10).
//   A  y y y u u -> 8 of 10 = 80   S  y y u u y -> 8 of 10 = 80   (tied highest)
//   R  y y u n y -> 7 of 10 = 70   (exactly the margin below 80: kept)
//   E  y u y u n -> 6 of 10 = 60   (an interest, but 20 below the highest: out)
//   C  u u u u u -> 5 of 10 = 50   (not an interest)
//   I  y y - - - -> 2 of 5 answered: not enough answers
// Top: A and S at 80 in the fixed order (A before S), then R at 70.
TEST(RiasecScoring, TiesAreKeptInTheFixedOrderAndTheMarginIsInclusive) {
  const RiasecContent content = Content({5, 5, 5, 5, 5, 5});
  RiasecAnswers answers;
  Answer(answers, "artistic", "yyyuu");
  Answer(answers, "social", "yyuuy");
  Answer(answers, "realistic", "yyuny");
  Answer(answers, "enterprising", "yuyun");
  Answer(answers, "conventional", "uuuuu");
  Answer(answers, "investigative", "yy");

  const RiasecResult result = ScoreRiasec(content, answers);
  EXPECT_EQ(ScoreOf(result, RiasecArea::kArtistic).percent, 80);
  EXPECT_EQ(ScoreOf(result, RiasecArea::kSocial).percent, 80);
  EXPECT_EQ(ScoreOf(result, RiasecArea::kRealistic).percent, 70);
  EXPECT_EQ(ScoreOf(result, RiasecArea::kEnterprising).percent, 60);
  EXPECT_EQ(ScoreOf(result, RiasecArea::kConventional).percent, 50);
  EXPECT_FALSE(ScoreOf(result, RiasecArea::kInvestigative).percent.has_value());
  EXPECT_EQ(result.top, (std::vector<RiasecArea>{RiasecArea::kArtistic, RiasecArea::kSocial,
                                                 RiasecArea::kRealistic}));
  // Each top area's courses in top order; "course.common" only once.
  EXPECT_EQ(result.courses, (std::vector<std::string>{"course.artistic", "course.common",
                                                      "course.social", "course.realistic"}));
  EXPECT_EQ(result.work, (std::vector<std::string>{"artistic.job", "social.job", "realistic.job"}));
}

// A full tie: every area at 100 is kept, in R I A S E C order.
TEST(RiasecScoring, AllAreasTiedAreAllTopInRiasecOrder) {
  const RiasecContent content = Content({2, 2, 2, 2, 2, 2});
  RiasecAnswers answers;
  for (RiasecArea area : RiasecAreasInOrder()) {
    Answer(answers, RiasecAreaName(area), "yy");
  }
  const RiasecResult result = ScoreRiasec(content, answers);
  EXPECT_EQ(result.top,
            std::vector<RiasecArea>(RiasecAreasInOrder().begin(), RiasecAreasInOrder().end()));
  EXPECT_EQ(result.courses.size(), static_cast<size_t>(kMaxSuggestedCourses));
  EXPECT_EQ(result.courses.front(), "course.realistic");
}

// 7 statements: y y y u n n n -> 7 of 14 = 50 exactly: not an interest (55 needed), and with
// every area like that nothing stands out: the fallback courses are suggested.
TEST(RiasecScoring, NoAreaReachingTheThresholdIsNoClearInterest) {
  const RiasecContent content = Content({7, 7, 7, 7, 7, 7});
  RiasecAnswers answers;
  for (RiasecArea area : RiasecAreasInOrder()) {
    Answer(answers, RiasecAreaName(area), "yyyunnn");
  }
  const RiasecResult result = ScoreRiasec(content, answers);
  EXPECT_EQ(ScoreOf(result, RiasecArea::kSocial).percent, 50);
  EXPECT_EQ(result.status, RiasecStatus::kNoClearInterest);
  EXPECT_TRUE(result.top.empty());
  EXPECT_TRUE(result.work.empty());
  EXPECT_EQ(result.courses, std::vector<std::string>{"course.fallback"});
}

// 7 statements: y y y y n n n -> 8 of 14 = 57.1 -> 57: an interest.
TEST(RiasecScoring, JustAboveTheThresholdIsAnInterest) {
  const RiasecContent content = Content({7, 7, 7, 7, 7, 7});
  RiasecAnswers answers;
  Answer(answers, "conventional", "yyyynnn");
  const RiasecResult result = ScoreRiasec(content, answers);
  EXPECT_EQ(ScoreOf(result, RiasecArea::kConventional).percent, 57);
  EXPECT_EQ(result.top, std::vector<RiasecArea>{RiasecArea::kConventional});
}

TEST(RiasecScoring, NoAnswersIsNotEnoughAnswers) {
  const RiasecContent content = Content({3, 3, 3, 3, 3, 3});
  RiasecAnswers answers;
  Answer(answers, "realistic", "y");  // 1 of 3: fewer than half
  const RiasecResult result = ScoreRiasec(content, answers);
  EXPECT_EQ(result.status, RiasecStatus::kNotEnoughAnswers);
  for (const RiasecAreaScore& score : result.areas) {
    EXPECT_FALSE(score.percent.has_value()) << RiasecAreaName(score.area);
  }
  EXPECT_TRUE(result.top.empty());
}

// Skills at the lowest level and constraint options add their courses after the areas';
// completed courses are left out wherever they come from.
TEST(RiasecScoring, SkillAndConstraintCoursesFollowAndDoneCoursesAreDropped) {
  const RiasecContent content = Content({2, 2, 2, 2, 2, 2});
  RiasecAnswers answers;
  Answer(answers, "social", "yy");
  answers.skills = {{"computer", "none"}, {"hands", "none"}};
  answers.constraints = {{"care", "yes"}};
  EXPECT_EQ(ScoreRiasec(content, answers).courses,
            (std::vector<std::string>{"course.social", "course.common", "course.computer",
                                      "course.family"}));
  EXPECT_EQ(ScoreRiasec(content, answers, {"course.common", "course.family"}).courses,
            (std::vector<std::string>{"course.social", "course.computer"}));
  answers.skills["computer"] = "some";  // not the lowest level: no course
  answers.constraints["care"] = "no";
  EXPECT_EQ(ScoreRiasec(content, answers).courses,
            (std::vector<std::string>{"course.social", "course.common"}));
}

// [SECTION] Answers and result JSON

TEST(RiasecJson, AnswersRoundTrip) {
  RiasecAnswers answers;
  answers.statements = {
      {"r1", InterestAnswer::kYes}, {"i1", InterestAnswer::kUnsure}, {"a1", InterestAnswer::kNo}};
  answers.skills = {{"computer", "some"}};
  answers.constraints = {{"hours", "10_20"}};
  auto decoded = DecodeRiasecAnswers(EncodeRiasecAnswers(answers));
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_EQ(decoded->statements, answers.statements);
  EXPECT_EQ(decoded->skills, answers.skills);
  EXPECT_EQ(decoded->constraints, answers.constraints);

  auto empty = DecodeRiasecAnswers("{}");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->statements.empty());
}

TEST(RiasecJson, BadAnswersNameThePath) {
  auto word = DecodeRiasecAnswers(R"({"statements":{"r1":"maybe"}})");
  ASSERT_FALSE(word.ok());
  EXPECT_EQ(word.error().code, ErrorCode::kCorrupt);
  EXPECT_NE(word.error().message.find("statements.r1"), std::string::npos) << word.error().message;
  auto shape = DecodeRiasecAnswers(R"({"skills":["computer"]})");
  ASSERT_FALSE(shape.ok());
  EXPECT_NE(shape.error().message.find("skills: expected an object"), std::string::npos);
  auto value = DecodeRiasecAnswers(R"({"constraints":{"hours":3}})");
  ASSERT_FALSE(value.ok());
  EXPECT_NE(value.error().message.find("constraints.hours: expected a string"), std::string::npos);
  EXPECT_FALSE(DecodeRiasecAnswers("{not json").ok());
  EXPECT_FALSE(DecodeRiasecAnswers("[]").ok());
}

TEST(RiasecJson, ResultCarriesScoresTopAndTheRules) {
  const RiasecContent content = Content({4, 4, 4, 4, 4, 4});
  RiasecAnswers answers;
  Answer(answers, "realistic", "yyyy");
  const Json json = Json::parse(EncodeRiasecResult(ScoreRiasec(content, answers)));
  EXPECT_EQ(json["content_version"], 3);
  EXPECT_EQ(json["status"], "top_areas");
  EXPECT_EQ(json["min_interest_percent"], kMinInterestPercent);
  EXPECT_EQ(json["tie_margin_percent"], kTieMarginPercent);
  ASSERT_EQ(json["areas"].size(), 6u);
  EXPECT_EQ(json["areas"][0]["area"], "realistic");
  EXPECT_EQ(json["areas"][0]["percent"], 100);
  EXPECT_TRUE(json["areas"][1]["percent"].is_null());
  EXPECT_EQ(json["top"], Json::array({"realistic"}));
  EXPECT_EQ(json["courses"], Json::array({"course.realistic", "course.common"}));
  EXPECT_EQ(json["work"], Json::array({"realistic.job"}));
}

// [SECTION] Loader errors

// Parses `json` after `change`; returns the error message ("" when it parsed).
template <typename Change>
std::string ErrorAfter(Change change) {
  Json json = ContentJson({2, 2, 2, 2, 2, 2});
  change(json);
  auto content = ParseRiasecContent(json.dump());
  return content.ok() ? "" : content.error().message;
}

TEST(RiasecLoader, ValidContentParses) {
  EXPECT_EQ(ErrorAfter([](Json&) {}), "");
}

TEST(RiasecLoader, MalformedContentNamesTheJsonPath) {
  const std::vector<std::pair<std::string, std::function<void(Json&)>>> cases = {
      {"statements[3].text.pl: missing", [](Json& j) { j["statements"][3]["text"].erase("pl"); }},
      {"statements[1].text.en: must not be empty",
       [](Json& j) { j["statements"][1]["text"]["en"] = ""; }},
      {"statements[0].text.de: unsupported language",
       [](Json& j) { j["statements"][0]["text"]["de"] = "Ich"; }},
      {"statements[2].area: \"cooking\" is not a RIASEC area",
       [](Json& j) { j["statements"][2]["area"] = "cooking"; }},
      {"statements[4].id: \"realistic.1\" is used twice",
       [](Json& j) { j["statements"][4]["id"] = "realistic.1"; }},
      {"statements[5]: expected an object", [](Json& j) { j["statements"][5] = "text"; }},
      {"areas[2].courses[0]: expected a string", [](Json& j) { j["areas"][2]["courses"][0] = 7; }},
      {"areas[1].courses: missing", [](Json& j) { j["areas"][1].erase("courses"); }},
      {"areas[0].work: must have between 1 and 20 entries",
       [](Json& j) { j["areas"][0]["work"] = Json::array(); }},
      {"areas[5].work[0].id: \"realistic.job\" is used twice",
       [](Json& j) { j["areas"][5]["work"][0]["id"] = "realistic.job"; }},
      {"areas: \"social\" is missing", [](Json& j) { j["areas"].erase(3); }},
      {"areas[4].area: \"realistic\" is given twice",
       [](Json& j) { j["areas"][4]["area"] = "realistic"; }},
      {"choices[1].answer: must be \"unsure\"",
       [](Json& j) { std::swap(j["choices"][1], j["choices"][2]); }},
      {"choices[0].picture: \"star\" is not smile, neutral or frown",
       [](Json& j) { j["choices"][0]["picture"] = "star"; }},
      {"choices: must have exactly 3 entries", [](Json& j) { j["choices"].erase(2); }},
      {"skills.levels: must have between 2 and 5 entries",
       [](Json& j) { j["skills"]["levels"] = Json::array({j["skills"]["levels"][0]}); }},
      {"skills.items[1].text: missing", [](Json& j) { j["skills"]["items"][1].erase("text"); }},
      {"constraints[0].options[1].id: \"yes\" is used twice",
       [](Json& j) { j["constraints"][0]["options"][1]["id"] = "yes"; }},
      {"constraints[0].options: must have between 2 and 10 entries",
       [](Json& j) { j["constraints"][0]["options"].erase(1); }},
      {"fallback_courses: missing", [](Json& j) { j.erase("fallback_courses"); }},
      {"version: must be between 1 and 1000000", [](Json& j) { j["version"] = 0; }},
      {"statements: no statement for \"enterprising\"",
       [](Json& j) {
         Json kept = Json::array();
         for (const Json& s : j["statements"]) {
           if (s["area"] != "enterprising") {
             kept.push_back(s);
           }
         }
         j["statements"] = kept;
       }},
  };
  for (const auto& [expected, change] : cases) {
    const std::string message = ErrorAfter(change);
    EXPECT_NE(message.find(expected), std::string::npos)
        << "expected \"" << expected << "\", got \"" << message << "\"";
  }
}

TEST(RiasecLoader, NotJsonAndAnotherFormatAreRefused) {
  auto broken = ParseRiasecContent("{\"format\": ");
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.error().code, ErrorCode::kCorrupt);
  EXPECT_NE(broken.error().message.find("not JSON"), std::string::npos);
  Json json = ContentJson({2, 2, 2, 2, 2, 2});
  json["format"] = "raida.riasec/2";
  auto newer = ParseRiasecContent(json.dump());
  ASSERT_FALSE(newer.ok());
  EXPECT_EQ(newer.error().code, ErrorCode::kTooNew);
}

TEST(RiasecLoader, FileErrorsStartWithThePath) {
  TempDir dir;
  auto missing = LoadRiasecContent(dir.File("none.json"));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  EXPECT_NE(missing.error().message.find(dir.File("none.json")), std::string::npos);

  Json json = ContentJson({2, 2, 2, 2, 2, 2});
  json["statements"][3]["text"].erase("pl");
  const std::string path = dir.File("riasec.json");
  std::ofstream(path) << json.dump(2);
  auto bad = LoadRiasecContent(path);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message, path + ": statements[3].text.pl: missing");
}

// [SECTION] The shipped content

Json DemoDistrict() {
  std::ifstream in(std::string(RAIDA_SOURCE_DIR) + "/assets/demo/rokiskis.json");
  return Json::parse(in);
}

TEST(RiasecShipped, FortyTwoStatementsSevenPerAreaInterleaved) {
  auto content =
      LoadRiasecContent(std::string(RAIDA_SOURCE_DIR) + "/assets/assessment/riasec.json");
  ASSERT_TRUE(content.ok()) << content.error().message;
  ASSERT_EQ(content->statements.size(), 42u);
  std::map<RiasecArea, int> per_area;
  for (size_t i = 0; i < content->statements.size(); ++i) {
    ++per_area[content->statements[i].area];
    if (i > 0) {
      EXPECT_NE(content->statements[i].area, content->statements[i - 1].area)
          << "two statements of one area in a row at " << i;
    }
  }
  for (RiasecArea area : RiasecAreasInOrder()) {
    EXPECT_EQ(per_area[area], 7) << RiasecAreaName(area);
  }
  EXPECT_EQ(content->skills.size(), 6u);
  EXPECT_EQ(content->skill_levels.size(), 3u);
  std::set<std::string> constraints;
  for (const RiasecConstraint& c : content->constraints) {
    constraints.insert(c.id);
  }
  EXPECT_EQ(constraints, (std::set<std::string>{"hours", "care", "transport", "health"}));
}

TEST(RiasecShipped, EverySuggestedCourseIsInTheDistrictCatalog) {
  auto content =
      LoadRiasecContent(std::string(RAIDA_SOURCE_DIR) + "/assets/assessment/riasec.json");
  ASSERT_TRUE(content.ok()) << content.error().message;
  std::set<std::string> catalog;
  const Json district = DemoDistrict();
  for (const Json& course : district["courses"]) {
    catalog.insert(course["id"].get<std::string>());
  }
  std::vector<std::string> named = content->fallback_courses;
  for (const RiasecAreaInfo& area : content->areas) {
    named.insert(named.end(), area.courses.begin(), area.courses.end());
  }
  for (const RiasecSkill& skill : content->skills) {
    named.insert(named.end(), skill.courses_if_low.begin(), skill.courses_if_low.end());
  }
  for (const RiasecConstraint& constraint : content->constraints) {
    for (const RiasecOption& option : constraint.options) {
      named.insert(named.end(), option.courses.begin(), option.courses.end());
    }
  }
  for (const std::string& course : named) {
    EXPECT_EQ(catalog.count(course), 1u) << course << " is not in the catalog";
    EXPECT_NE(course, "course.vocational-interests");  // the assessment's own course
  }
}

// Someone who likes everything practical and nothing else gets the practical area and its
// courses; the ones they have done are left out.
TEST(RiasecShipped, APracticalPersonGetsPracticalSuggestions) {
  auto content =
      LoadRiasecContent(std::string(RAIDA_SOURCE_DIR) + "/assets/assessment/riasec.json");
  ASSERT_TRUE(content.ok()) << content.error().message;
  RiasecAnswers answers;
  for (const RiasecStatement& statement : content->statements) {
    answers.statements[statement.id] =
        statement.area == RiasecArea::kRealistic ? InterestAnswer::kYes : InterestAnswer::kNo;
  }
  const RiasecResult result = ScoreRiasec(*content, answers, {"course.rural-crafts"});
  EXPECT_EQ(result.top, std::vector<RiasecArea>{RiasecArea::kRealistic});
  ASSERT_FALSE(result.courses.empty());
  EXPECT_EQ(result.courses.front(), "course.job-interview");
  EXPECT_EQ(result.work.size(), AreaInfo(*content, RiasecArea::kRealistic).work.size());
}

}  // namespace
}  // namespace raida::core
