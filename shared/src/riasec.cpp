// The vocational-interest self-assessment (see riasec.h): names, the answers and result JSON, and
// the scoring rules. Reading the content file is in riasec_content.cpp.
//
// [SECTION] Names
// [SECTION] Answers
// [SECTION] Scoring
#include "raida/core/riasec.h"

#include <algorithm>
#include <set>
#include <utility>

#include "json_fields.h"
#include "raida/core/i18n.h"

namespace raida::core {

// [SECTION] Names

namespace {

constexpr std::array<const char*, kRiasecAreaCount> kAreaNames = {
    "realistic", "investigative", "artistic", "social", "enterprising", "conventional"};
constexpr std::array<const char*, 3> kAnswerNames = {"yes", "unsure", "no"};

}  // namespace

const std::array<RiasecArea, kRiasecAreaCount>& RiasecAreasInOrder() {
  static constexpr std::array<RiasecArea, kRiasecAreaCount> kOrder = {
      RiasecArea::kRealistic, RiasecArea::kInvestigative, RiasecArea::kArtistic,
      RiasecArea::kSocial,    RiasecArea::kEnterprising,  RiasecArea::kConventional};
  return kOrder;
}

const char* RiasecAreaName(RiasecArea area) { return kAreaNames[static_cast<size_t>(area)]; }

std::optional<RiasecArea> ParseRiasecArea(const std::string& name) {
  for (RiasecArea area : RiasecAreasInOrder()) {
    if (name == RiasecAreaName(area)) {
      return area;
    }
  }
  return std::nullopt;
}

const char* InterestAnswerName(InterestAnswer answer) {
  return kAnswerNames[static_cast<size_t>(answer)];
}

std::optional<InterestAnswer> ParseInterestAnswer(const std::string& name) {
  for (InterestAnswer answer :
       {InterestAnswer::kYes, InterestAnswer::kUnsure, InterestAnswer::kNo}) {
    if (name == InterestAnswerName(answer)) {
      return answer;
    }
  }
  return std::nullopt;
}

int AnswerPoints(InterestAnswer answer) {
  switch (answer) {
    case InterestAnswer::kYes: {
      return 2;
    }
    case InterestAnswer::kUnsure: {
      return 1;
    }
    case InterestAnswer::kNo: {
      return 0;
    }
  }
  return 0;
}

const char* RiasecStatusName(RiasecStatus status) {
  switch (status) {
    case RiasecStatus::kTopAreas: {
      return "top_areas";
    }
    case RiasecStatus::kNoClearInterest: {
      return "no_clear_interest";
    }
    case RiasecStatus::kNotEnoughAnswers: {
      return "not_enough_answers";
    }
  }
  return "not_enough_answers";
}

const RiasecAreaInfo& AreaInfo(const RiasecContent& content, RiasecArea area) {
  const auto found = std::find_if(content.areas.begin(), content.areas.end(),
                                  [&](const RiasecAreaInfo& info) { return info.area == area; });
  RAIDA_CHECK(found != content.areas.end());
  return *found;
}

// [SECTION] Answers

namespace {

using json_fields::BadField;
using json_fields::Child;
using json_fields::Json;

Result<Json> ParseJson(const std::string& text) {
  try {
    return Json::parse(text);
  } catch (const Json::exception& e) {
    return MakeError(ErrorCode::kCorrupt, std::string("not JSON: ") + e.what());
  }
}

}  // namespace

std::string EncodeRiasecAnswers(const RiasecAnswers& answers) {
  Json statements = Json::object();
  for (const auto& [id, answer] : answers.statements) {
    statements[id] = InterestAnswerName(answer);
  }
  Json json = Json::object();
  json["statements"] = std::move(statements);
  json["skills"] = answers.skills;
  json["constraints"] = answers.constraints;
  return json.dump(-1, ' ', false, Json::error_handler_t::replace);
}

namespace {

// The object member `name` as a map of string -> string (empty when absent).
Result<std::map<std::string, std::string>> ReadStringMap(const Json& json, const char* name) {
  std::map<std::string, std::string> map;
  if (!json.contains(name)) {
    return map;
  }
  const Json& object = json.at(name);
  if (!object.is_object()) {
    return BadField(name, "expected an object");
  }
  for (const auto& [key, value] : object.items()) {
    if (!value.is_string()) {
      return BadField(Child(name, key), "expected a string");
    }
    map[key] = value.get<std::string>();
  }
  return map;
}

}  // namespace

Result<RiasecAnswers> DecodeRiasecAnswers(const std::string& json_text) {
  RAIDA_ASSIGN_OR_RETURN(const Json json, ParseJson(json_text));
  if (!json.is_object()) {
    return MakeError(ErrorCode::kCorrupt, "answers: expected a JSON object");
  }
  RiasecAnswers answers;
  RAIDA_ASSIGN_OR_RETURN(const auto statements, ReadStringMap(json, "statements"));
  for (const auto& [id, word] : statements) {
    const auto answer = ParseInterestAnswer(word);
    if (!answer) {
      return BadField(Child("statements", id), "\"" + word + "\" is not yes, unsure or no");
    }
    answers.statements[id] = *answer;
  }
  RAIDA_ASSIGN_OR_RETURN(answers.skills, ReadStringMap(json, "skills"));
  RAIDA_ASSIGN_OR_RETURN(answers.constraints, ReadStringMap(json, "constraints"));
  return answers;
}

// [SECTION] Scoring

namespace {

// Rule 2: percent of the answered maximum, halves up; nullopt below half answered.
RiasecAreaScore ScoreArea(const RiasecContent& content, const RiasecAnswers& answers,
                          RiasecArea area) {
  RiasecAreaScore score;
  score.area = area;
  for (const RiasecStatement& statement : content.statements) {
    if (statement.area != area) {
      continue;
    }
    ++score.statements;
    const auto answer = answers.statements.find(statement.id);
    if (answer != answers.statements.end()) {
      ++score.answered;
      score.points += AnswerPoints(answer->second);
    }
  }
  if (score.answered > 0 && 2 * score.answered >= score.statements) {
    const int max = 2 * score.answered;
    score.percent = (200 * score.points + max) / (2 * max);
  }
  return score;
}

// Rule 3.
std::vector<RiasecArea> TopAreas(const std::vector<RiasecAreaScore>& scores) {
  int highest = -1;
  for (const RiasecAreaScore& score : scores) {
    highest = std::max(highest, score.percent.value_or(-1));
  }
  std::vector<const RiasecAreaScore*> top;
  for (const RiasecAreaScore& score : scores) {
    if (score.percent && *score.percent >= kMinInterestPercent &&
        *score.percent >= highest - kTieMarginPercent) {
      top.push_back(&score);
    }
  }
  // `scores` is in RIASEC order, so a stable sort keeps that order among equal percents.
  std::stable_sort(top.begin(), top.end(),
                   [](const auto* a, const auto* b) { return *a->percent > *b->percent; });
  std::vector<RiasecArea> areas;
  for (const RiasecAreaScore* score : top) {
    areas.push_back(score->area);
  }
  return areas;
}

// Appends `courses` to `out` (rule 5's filters: no duplicates, nothing done, at most the cap).
void AddCourses(const std::vector<std::string>& courses, const std::vector<std::string>& done,
                std::vector<std::string>& out) {
  for (const std::string& course : courses) {
    if (out.size() >= static_cast<size_t>(kMaxSuggestedCourses)) {
      return;
    }
    const bool known = std::find(out.begin(), out.end(), course) != out.end() ||
                       std::find(done.begin(), done.end(), course) != done.end();
    if (!known) {
      out.push_back(course);
    }
  }
}

// Rule 5.
std::vector<std::string> SuggestedCourses(const RiasecContent& content,
                                          const RiasecAnswers& answers,
                                          const std::vector<RiasecArea>& top,
                                          const std::vector<std::string>& done) {
  std::vector<std::string> courses;
  if (top.empty()) {
    AddCourses(content.fallback_courses, done, courses);
  }
  for (RiasecArea area : top) {
    AddCourses(AreaInfo(content, area).courses, done, courses);
  }
  const std::string& lowest = content.skill_levels.front().id;
  for (const RiasecSkill& skill : content.skills) {
    const auto rated = answers.skills.find(skill.id);
    if (rated != answers.skills.end() && rated->second == lowest) {
      AddCourses(skill.courses_if_low, done, courses);
    }
  }
  for (const RiasecConstraint& constraint : content.constraints) {
    const auto chosen = answers.constraints.find(constraint.id);
    if (chosen == answers.constraints.end()) {
      continue;
    }
    for (const RiasecOption& option : constraint.options) {
      if (option.id == chosen->second) {
        AddCourses(option.courses, done, courses);
      }
    }
  }
  return courses;
}

}  // namespace

RiasecResult ScoreRiasec(const RiasecContent& content, const RiasecAnswers& answers,
                         const std::vector<std::string>& done) {
  RAIDA_CHECK(!content.skill_levels.empty() && content.areas.size() == kRiasecAreaCount);
  RiasecResult result;
  result.content_version = content.version;
  for (RiasecArea area : RiasecAreasInOrder()) {
    result.areas.push_back(ScoreArea(content, answers, area));
  }
  result.top = TopAreas(result.areas);
  const bool any_scored =
      std::any_of(result.areas.begin(), result.areas.end(),
                  [](const RiasecAreaScore& s) { return s.percent.has_value(); });
  result.status = !any_scored          ? RiasecStatus::kNotEnoughAnswers
                  : result.top.empty() ? RiasecStatus::kNoClearInterest
                                       : RiasecStatus::kTopAreas;
  result.courses = SuggestedCourses(content, answers, result.top, done);
  for (RiasecArea area : result.top) {
    for (const RiasecWork& work : AreaInfo(content, area).work) {
      result.work.push_back(work.id);
    }
  }
  return result;
}

std::string EncodeRiasecResult(const RiasecResult& result) {
  Json areas = Json::array();
  for (const RiasecAreaScore& score : result.areas) {
    areas.push_back({{"area", RiasecAreaName(score.area)},
                     {"statements", score.statements},
                     {"answered", score.answered},
                     {"points", score.points},
                     {"percent", score.percent ? Json(*score.percent) : Json(nullptr)}});
  }
  Json top = Json::array();
  for (RiasecArea area : result.top) {
    top.push_back(RiasecAreaName(area));
  }
  Json json = {{"content_version", result.content_version},
               {"status", RiasecStatusName(result.status)},
               {"min_interest_percent", kMinInterestPercent},
               {"tie_margin_percent", kTieMarginPercent},
               {"areas", std::move(areas)},
               {"top", std::move(top)},
               {"courses", result.courses},
               {"work", result.work}};
  return json.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace raida::core
