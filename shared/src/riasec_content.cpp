// Reading the self-assessment's content file (see riasec.h and assets/assessment/README.md):
// every problem is a kCorrupt naming the JSON path of the first thing wrong, and nothing throws.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <utility>

#include "json_fields.h"
#include "raida/core/i18n.h"
#include "raida/core/riasec.h"

namespace raida::core {

namespace {

using json_fields::BadField;
using json_fields::Child;
using json_fields::Item;
using json_fields::Json;

constexpr std::array<const char*, 3> kAnswerNames = {"yes", "unsure", "no"};
constexpr std::array<const char*, 3> kPictureNames = {"smile", "neutral", "frown"};

// A text in every supported language, each a non-empty string, and no other language.
Result<LocalizedText> ReadText(const Json& object, const std::string& path, const char* name) {
  RAIDA_ASSIGN_OR_RETURN(const Json* value, json_fields::Field(object, path, name));
  const std::string here = Child(path, name);
  if (!value->is_object()) {
    return BadField(here, "expected an object of language -> text");
  }
  const auto& languages = SupportedLanguages();
  for (const auto& [language, item] : value->items()) {
    if (std::find(languages.begin(), languages.end(), language) == languages.end()) {
      return BadField(Child(here, language), "unsupported language");
    }
  }
  LocalizedText text;
  for (const std::string& language : languages) {
    RAIDA_ASSIGN_OR_RETURN(text[language], json_fields::ReadString(*value, here, language.c_str()));
  }
  return text;
}

// The array member `name` (optional: empty when absent), each element an object, parsed by
// `parse(element, element_path)`.
template <typename T, typename Parse>
Result<std::vector<T>> ReadObjects(const Json& object, const std::string& path, const char* name,
                                   Parse parse, bool required = true) {
  std::vector<T> items;
  if (!required && !object.contains(name)) {
    return items;
  }
  RAIDA_ASSIGN_OR_RETURN(const Json* array, json_fields::ReadArray(object, path, name));
  for (size_t i = 0; i < array->size(); ++i) {
    const std::string here = Item(Child(path, name), i);
    if (!(*array)[i].is_object()) {
      return BadField(here, "expected an object");
    }
    RAIDA_ASSIGN_OR_RETURN(T item, parse((*array)[i], here));
    items.push_back(std::move(item));
  }
  return items;
}

// kCorrupt at `<path>.<name>` unless `count` is within [min, max].
Status CheckCount(size_t count, const std::string& path, const char* name, size_t min, size_t max) {
  if (count < min || count > max) {
    const std::string range =
        min == max ? "exactly " + std::to_string(min)
                   : "between " + std::to_string(min) + " and " + std::to_string(max);
    return BadField(Child(path, name), "must have " + range + " entries");
  }
  return Ok();
}

// kCorrupt at `<list>[i].id` for the first id seen twice (ids are unique in `seen`).
template <typename T, typename GetId>
Status CheckUnique(const std::vector<T>& items, const std::string& list, GetId get_id,
                   std::set<std::string>& seen) {
  for (size_t i = 0; i < items.size(); ++i) {
    if (!seen.insert(get_id(items[i])).second) {
      return BadField(Child(Item(list, i), "id"), "\"" + get_id(items[i]) + "\" is used twice");
    }
  }
  return Ok();
}

Result<RiasecChoice> ParseChoice(const Json& json, const std::string& path) {
  RiasecChoice choice;
  RAIDA_ASSIGN_OR_RETURN(const std::string answer, json_fields::ReadString(json, path, "answer"));
  const auto parsed = ParseInterestAnswer(answer);
  if (!parsed) {
    return BadField(Child(path, "answer"), "\"" + answer + "\" is not yes, unsure or no");
  }
  choice.answer = *parsed;
  RAIDA_ASSIGN_OR_RETURN(choice.picture, json_fields::ReadString(json, path, "picture"));
  if (std::find(kPictureNames.begin(), kPictureNames.end(), choice.picture) ==
      kPictureNames.end()) {
    return BadField(Child(path, "picture"),
                    "\"" + choice.picture + "\" is not smile, neutral or frown");
  }
  RAIDA_ASSIGN_OR_RETURN(choice.label, ReadText(json, path, "label"));
  return choice;
}

Result<RiasecArea> ReadArea(const Json& json, const std::string& path, const char* name) {
  RAIDA_ASSIGN_OR_RETURN(const std::string text, json_fields::ReadString(json, path, name));
  const auto area = ParseRiasecArea(text);
  if (!area) {
    return BadField(Child(path, name), "\"" + text + "\" is not a RIASEC area");
  }
  return *area;
}

Result<RiasecStatement> ParseStatement(const Json& json, const std::string& path) {
  RiasecStatement statement;
  RAIDA_ASSIGN_OR_RETURN(statement.id, json_fields::ReadString(json, path, "id"));
  RAIDA_ASSIGN_OR_RETURN(statement.area, ReadArea(json, path, "area"));
  RAIDA_ASSIGN_OR_RETURN(statement.text, ReadText(json, path, "text"));
  return statement;
}

Result<RiasecWork> ParseWork(const Json& json, const std::string& path) {
  RiasecWork work;
  RAIDA_ASSIGN_OR_RETURN(work.id, json_fields::ReadString(json, path, "id"));
  RAIDA_ASSIGN_OR_RETURN(work.text, ReadText(json, path, "text"));
  return work;
}

// A list of course ids: strings, each non-empty.
Result<std::vector<std::string>> ReadCourses(const Json& json, const std::string& path,
                                             const char* name) {
  RAIDA_ASSIGN_OR_RETURN(std::vector<std::string> courses,
                         json_fields::ReadStringList(json, path, name));
  for (size_t i = 0; i < courses.size(); ++i) {
    if (courses[i].empty()) {
      return BadField(Item(Child(path, name), i), "must not be empty");
    }
  }
  return courses;
}

Result<RiasecAreaInfo> ParseAreaInfo(const Json& json, const std::string& path) {
  RiasecAreaInfo info;
  RAIDA_ASSIGN_OR_RETURN(info.area, ReadArea(json, path, "area"));
  RAIDA_ASSIGN_OR_RETURN(info.name, ReadText(json, path, "name"));
  RAIDA_ASSIGN_OR_RETURN(info.description, ReadText(json, path, "description"));
  RAIDA_TRY(json_fields::ReadArray(json, path, "courses"));  // required here
  RAIDA_ASSIGN_OR_RETURN(info.courses, ReadCourses(json, path, "courses"));
  RAIDA_TRY(CheckCount(info.courses.size(), path, "courses", 1, 20));
  RAIDA_ASSIGN_OR_RETURN(info.work, ReadObjects<RiasecWork>(json, path, "work", ParseWork));
  RAIDA_TRY(CheckCount(info.work.size(), path, "work", 1, 20));
  return info;
}

Result<RiasecLevel> ParseLevel(const Json& json, const std::string& path) {
  RiasecLevel level;
  RAIDA_ASSIGN_OR_RETURN(level.id, json_fields::ReadString(json, path, "id"));
  RAIDA_ASSIGN_OR_RETURN(level.label, ReadText(json, path, "label"));
  return level;
}

Result<RiasecSkill> ParseSkill(const Json& json, const std::string& path) {
  RiasecSkill skill;
  RAIDA_ASSIGN_OR_RETURN(skill.id, json_fields::ReadString(json, path, "id"));
  RAIDA_ASSIGN_OR_RETURN(skill.text, ReadText(json, path, "text"));
  RAIDA_ASSIGN_OR_RETURN(skill.courses_if_low, ReadCourses(json, path, "courses_if_low"));
  return skill;
}

Result<RiasecOption> ParseOption(const Json& json, const std::string& path) {
  RiasecOption option;
  RAIDA_ASSIGN_OR_RETURN(option.id, json_fields::ReadString(json, path, "id"));
  RAIDA_ASSIGN_OR_RETURN(option.label, ReadText(json, path, "label"));
  RAIDA_ASSIGN_OR_RETURN(option.courses, ReadCourses(json, path, "courses"));
  return option;
}

Result<RiasecConstraint> ParseConstraint(const Json& json, const std::string& path) {
  RiasecConstraint constraint;
  RAIDA_ASSIGN_OR_RETURN(constraint.id, json_fields::ReadString(json, path, "id"));
  RAIDA_ASSIGN_OR_RETURN(constraint.text, ReadText(json, path, "text"));
  RAIDA_ASSIGN_OR_RETURN(constraint.options,
                         ReadObjects<RiasecOption>(json, path, "options", ParseOption));
  RAIDA_TRY(CheckCount(constraint.options.size(), path, "options", 2, 10));
  std::set<std::string> seen;
  RAIDA_TRY(CheckUnique(
      constraint.options, Child(path, "options"),
      [](const RiasecOption& option) { return option.id; }, seen));
  return constraint;
}

Status ParseChoices(const Json& json, RiasecContent& content) {
  RAIDA_ASSIGN_OR_RETURN(content.choices,
                         ReadObjects<RiasecChoice>(json, "", "choices", ParseChoice));
  RAIDA_TRY(CheckCount(content.choices.size(), "", "choices", 3, 3));
  for (size_t i = 0; i < content.choices.size(); ++i) {
    if (content.choices[i].answer != static_cast<InterestAnswer>(i)) {
      return BadField(
          Child(Item("choices", i), "answer"),
          std::string("must be \"") + kAnswerNames[i] + "\" (yes, unsure, no in order)");
    }
  }
  return Ok();
}

// The six areas, each once, kept in RIASEC order; every area has a statement.
Status ParseAreas(const Json& json, RiasecContent& content) {
  RAIDA_ASSIGN_OR_RETURN(std::vector<RiasecAreaInfo> areas,
                         ReadObjects<RiasecAreaInfo>(json, "", "areas", ParseAreaInfo));
  std::set<std::string> work;  // kinds of work: unique over every area
  for (size_t i = 0; i < areas.size(); ++i) {
    RAIDA_TRY(CheckUnique(
        areas[i].work, Child(Item("areas", i), "work"), [](const RiasecWork& w) { return w.id; },
        work));
  }
  std::set<RiasecArea> seen;
  for (size_t i = 0; i < areas.size(); ++i) {
    if (!seen.insert(areas[i].area).second) {
      return BadField(Child(Item("areas", i), "area"),
                      std::string("\"") + RiasecAreaName(areas[i].area) + "\" is given twice");
    }
  }
  for (RiasecArea area : RiasecAreasInOrder()) {
    const auto found = std::find_if(areas.begin(), areas.end(),
                                    [&](const RiasecAreaInfo& info) { return info.area == area; });
    if (found == areas.end()) {
      return BadField("areas", std::string("\"") + RiasecAreaName(area) + "\" is missing");
    }
    const bool asked = std::any_of(content.statements.begin(), content.statements.end(),
                                   [&](const RiasecStatement& s) { return s.area == area; });
    if (!asked) {
      return BadField("statements",
                      std::string("no statement for \"") + RiasecAreaName(area) + "\"");
    }
    content.areas.push_back(*found);
  }
  return Ok();
}

Status ParseSkills(const Json& json, RiasecContent& content) {
  RAIDA_ASSIGN_OR_RETURN(const Json* skills, json_fields::Field(json, "", "skills"));
  if (!skills->is_object()) {
    return BadField("skills", "expected an object");
  }
  RAIDA_ASSIGN_OR_RETURN(content.skill_levels,
                         ReadObjects<RiasecLevel>(*skills, "skills", "levels", ParseLevel));
  RAIDA_TRY(CheckCount(content.skill_levels.size(), "skills", "levels", 2, 5));
  RAIDA_ASSIGN_OR_RETURN(content.skills,
                         ReadObjects<RiasecSkill>(*skills, "skills", "items", ParseSkill));
  std::set<std::string> levels;
  RAIDA_TRY(CheckUnique(
      content.skill_levels, "skills.levels", [](const RiasecLevel& l) { return l.id; }, levels));
  std::set<std::string> items;
  return CheckUnique(
      content.skills, "skills.items", [](const RiasecSkill& s) { return s.id; }, items);
}

// Unique ids of statements and of constraint questions.
Status CheckIds(const RiasecContent& content) {
  std::set<std::string> statements;
  RAIDA_TRY(CheckUnique(
      content.statements, "statements", [](const RiasecStatement& s) { return s.id; }, statements));
  std::set<std::string> constraints;
  return CheckUnique(
      content.constraints, "constraints", [](const RiasecConstraint& c) { return c.id; },
      constraints);
}

Result<Json> ParseJson(const std::string& text) {
  try {
    return Json::parse(text);
  } catch (const Json::exception& e) {
    return MakeError(ErrorCode::kCorrupt, std::string("not JSON: ") + e.what());
  }
}

}  // namespace

Result<RiasecContent> ParseRiasecContent(const std::string& json_text) {
  RAIDA_ASSIGN_OR_RETURN(const Json json, ParseJson(json_text));
  if (!json.is_object()) {
    return MakeError(ErrorCode::kCorrupt, "expected a JSON object");
  }
  RAIDA_ASSIGN_OR_RETURN(const std::string format, json_fields::ReadString(json, "", "format"));
  if (format != kRiasecFormat) {
    return MakeError(ErrorCode::kTooNew, "format: \"" + format + "\" is not " + kRiasecFormat);
  }
  RiasecContent content;
  RAIDA_ASSIGN_OR_RETURN(content.version, json_fields::ReadInt(json, "", "version", 1, 1000000));
  RAIDA_TRY(ParseChoices(json, content));
  RAIDA_ASSIGN_OR_RETURN(content.statements,
                         ReadObjects<RiasecStatement>(json, "", "statements", ParseStatement));
  RAIDA_TRY(ParseAreas(json, content));
  RAIDA_TRY(ParseSkills(json, content));
  RAIDA_ASSIGN_OR_RETURN(content.constraints,
                         ReadObjects<RiasecConstraint>(json, "", "constraints", ParseConstraint));
  RAIDA_TRY(json_fields::ReadArray(json, "", "fallback_courses"));  // required
  RAIDA_ASSIGN_OR_RETURN(content.fallback_courses, ReadCourses(json, "", "fallback_courses"));
  RAIDA_TRY(CheckIds(content));
  return content;
}

Result<RiasecContent> LoadRiasecContent(const std::string& path) {
  constexpr std::uintmax_t kMaxBytes = 1024 * 1024;  // the shipped file is about 30 KB
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return MakeError(ErrorCode::kNotFound, path + ": does not exist");
  }
  const std::uintmax_t size = std::filesystem::file_size(path, ec);
  if (ec || size > kMaxBytes) {
    return MakeError(ec ? ErrorCode::kIo : ErrorCode::kCorrupt,
                     path + (ec ? ": cannot be read: " + ec.message() : ": too large"));
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in.good() && !in.eof()) {
    return MakeError(ErrorCode::kIo, path + ": cannot be read");
  }
  auto content = ParseRiasecContent(text.str());
  if (!content.ok()) {
    return MakeError(content.error().code, path + ": " + content.error().message);
  }
  return content;
}

}  // namespace raida::core
