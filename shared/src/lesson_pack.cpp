// Lesson packs: reading a pack folder or the stored document into a PackDocument, writing the
// document back, and the lesson position encoding (see lesson_pack.h).
//
// [SECTION] Parsing   one set of functions reads both forms: a lesson file (paths from the file's
//                     root, "pages[1].text") and the stored document (paths under
//                     "lessons[0]."), so the two can never disagree on what is valid.
// [SECTION] Writing   the document as JSON, with keys in a fixed order (nlohmann's objects are
//                     sorted), so the same pack always gives the same bytes and checksum.
// [SECTION] Positions and answers
//
// Reading files and loading them into a Store is in lesson_pack_load.cpp. nlohmann-json's
// exceptions stop here and become kCorrupt errors that name the JSON path.
#include "raida/core/lesson_pack.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>
#include <set>
#include <utility>

#include "json_fields.h"
#include "lesson_pack_internal.h"
#include "raida/core/hex.h"

namespace raida::core {
namespace {

using json_fields::BadField;
using json_fields::Child;
using json_fields::Item;
using json_fields::Json;
using json_fields::ReadArray;
using json_fields::ReadInt;
using json_fields::ReadLocalized;
using json_fields::ReadString;
using json_fields::ReadStringList;

constexpr int kFormat = 1;
constexpr int kMaxMinutes = 600;
constexpr int kMaxHours = 10000;
constexpr int kMaxPercent = 100;
constexpr int kQuestionIndexSpan = 32;  // positions keep the question index below this

// [SECTION] Parsing

const std::pair<const char*, PracticeKind> kPracticeNames[] = {
    {"tap", PracticeKind::kTap}, {"drag", PracticeKind::kDrag}, {"type", PracticeKind::kType}};
const std::pair<const char*, QuestionKind> kKindNames[] = {{"single", QuestionKind::kSingle},
                                                           {"multiple", QuestionKind::kMultiple},
                                                           {"order", QuestionKind::kOrder},
                                                           {"yesno", QuestionKind::kYesNo}};

const char* PracticeName(PracticeKind kind) {
  for (const auto& [name, value] : kPracticeNames) {
    if (value == kind) {
      return name;
    }
  }
  return "";
}

const char* KindName(QuestionKind kind) {
  for (const auto& [name, value] : kKindNames) {
    if (value == kind) {
      return name;
    }
  }
  return "";
}

// An object member that is optional: nullptr when absent.
const Json* OptionalField(const Json& object, const char* name) {
  const auto it = object.find(name);
  return it == object.end() ? nullptr : &*it;
}

// `parse(item, item_path)` for each element of the array `name` of `object` (each an object),
// with between `min` and `max` elements.
template <typename T, typename Parse>
Result<std::vector<T>> ReadObjects(const Json& object, const std::string& path, const char* name,
                                   size_t min, size_t max, Parse parse) {
  RAIDA_ASSIGN_OR_RETURN(const Json* array, ReadArray(object, path, name));
  const std::string here = Child(path, name);
  if (array->size() < min || array->size() > max) {
    return BadField(here, "must have " + std::to_string(min) + " to " + std::to_string(max) +
                              " entries, has " + std::to_string(array->size()));
  }
  std::vector<T> items;
  for (size_t i = 0; i < array->size(); ++i) {
    if (!(*array)[i].is_object()) {
      return BadField(Item(here, i), "expected an object");
    }
    RAIDA_ASSIGN_OR_RETURN(T item, parse((*array)[i], Item(here, i)));
    items.push_back(std::move(item));
  }
  return items;
}

// kCorrupt naming the second entry of `items` (array `name` under `path`) that repeats an id.
template <typename T>
Status CheckUniqueIds(const std::vector<T>& items, const std::string& path, const char* name) {
  std::set<std::string> seen;
  for (size_t i = 0; i < items.size(); ++i) {
    if (!seen.insert(items[i].id).second) {
      return BadField(Child(Item(Child(path, name), i), "id"),
                      "\"" + items[i].id + "\" is used twice");
    }
  }
  return Ok();
}

// A path inside the pack folder: "pictures/<name>.png", no "..", no backslash.
Status CheckPicturePath(const std::string& picture, const std::string& path) {
  const bool shaped = picture.rfind("pictures/", 0) == 0 && picture.size() > 13 &&
                      picture.compare(picture.size() - 4, 4, ".png") == 0;
  if (!shaped || picture.find("..") != std::string::npos ||
      picture.find('\\') != std::string::npos) {
    return BadField(path, "\"" + picture + "\" is not a PNG under pictures/");
  }
  return Ok();
}

Result<LessonPage> ParsePage(const Json& json, const std::string& path) {
  LessonPage page;
  RAIDA_ASSIGN_OR_RETURN(page.id, ReadString(json, path, "id"));
  RAIDA_ASSIGN_OR_RETURN(page.text, ReadLocalized(json, path, "text"));
  RAIDA_ASSIGN_OR_RETURN(page.picture, ReadString(json, path, "picture", /*required=*/false));
  if (!page.picture.empty()) {
    RAIDA_TRY(CheckPicturePath(page.picture, Child(path, "picture")));
    RAIDA_ASSIGN_OR_RETURN(page.picture_alt, ReadLocalized(json, path, "picture_alt"));
  }
  RAIDA_ASSIGN_OR_RETURN(const std::string practice,
                         ReadString(json, path, "practice", /*required=*/false));
  if (!practice.empty()) {
    const auto* found = std::find_if(std::begin(kPracticeNames), std::end(kPracticeNames),
                                     [&](const auto& entry) { return practice == entry.first; });
    if (found == std::end(kPracticeNames)) {
      return BadField(Child(path, "practice"),
                      "\"" + practice + "\" is not one of tap, drag, type");
    }
    page.practice = found->second;
  }
  if (page.practice == PracticeKind::kType) {
    RAIDA_ASSIGN_OR_RETURN(page.practice_word, ReadLocalized(json, path, "practice_word"));
  }
  return page;
}

Result<QuizOption> ParseOption(const Json& json, const std::string& path) {
  QuizOption option;
  RAIDA_ASSIGN_OR_RETURN(option.id, ReadString(json, path, "id"));
  RAIDA_ASSIGN_OR_RETURN(option.text, ReadLocalized(json, path, "text"));
  return option;
}

bool HasOption(const QuizQuestion& question, const std::string& id) {
  return std::any_of(question.options.begin(), question.options.end(),
                     [&](const QuizOption& option) { return option.id == id; });
}

// The answer fits the kind: existing option ids, as many as the kind needs, none twice.
Status CheckAnswer(const QuizQuestion& question, const std::string& path) {
  const std::string here = Child(path, "answer");
  const auto& answer = question.answer;
  for (size_t i = 0; i < answer.size(); ++i) {
    const bool exists = question.kind == QuestionKind::kYesNo
                            ? answer[i] == "yes" || answer[i] == "no"
                            : HasOption(question, answer[i]);
    if (!exists) {
      return BadField(Item(here, i), "\"" + answer[i] + "\" is not an option");
    }
  }
  if (std::set<std::string>(answer.begin(), answer.end()).size() != answer.size()) {
    return BadField(here, "names an option twice");
  }
  const bool one = question.kind == QuestionKind::kSingle || question.kind == QuestionKind::kYesNo;
  if (one && answer.size() != 1) {
    return BadField(here, "must name exactly one option");
  }
  if (question.kind == QuestionKind::kMultiple && answer.empty()) {
    return BadField(here, "must name at least one option");
  }
  if (question.kind == QuestionKind::kOrder && answer.size() != question.options.size()) {
    return BadField(here, "must list every option, in the right order");
  }
  return Ok();
}

Result<QuizQuestion> ParseQuestion(const Json& json, const std::string& path) {
  QuizQuestion question;
  RAIDA_ASSIGN_OR_RETURN(question.id, ReadString(json, path, "id"));
  RAIDA_ASSIGN_OR_RETURN(const std::string kind, ReadString(json, path, "kind"));
  const auto* found = std::find_if(std::begin(kKindNames), std::end(kKindNames),
                                   [&](const auto& entry) { return kind == entry.first; });
  if (found == std::end(kKindNames)) {
    return BadField(Child(path, "kind"),
                    "\"" + kind + "\" is not one of single, multiple, order, yesno");
  }
  question.kind = found->second;
  RAIDA_ASSIGN_OR_RETURN(question.prompt, ReadLocalized(json, path, "prompt"));
  if (question.kind == QuestionKind::kYesNo) {
    const Json* options = OptionalField(json, "options");
    if (options != nullptr && !(options->is_array() && options->empty())) {
      return BadField(Child(path, "options"), "a yes/no question has no options");
    }
  } else {
    RAIDA_ASSIGN_OR_RETURN(
        question.options,
        ReadObjects<QuizOption>(json, path, "options", kMinOptions, kMaxOptions, ParseOption));
    RAIDA_TRY(CheckUniqueIds(question.options, path, "options"));
  }
  RAIDA_TRY(ReadArray(json, path, "answer"));  // required, unlike most string lists
  RAIDA_ASSIGN_OR_RETURN(question.answer, ReadStringList(json, path, "answer"));
  RAIDA_TRY(CheckAnswer(question, path));
  RAIDA_ASSIGN_OR_RETURN(question.feedback, ReadLocalized(json, path, "feedback"));
  return question;
}

}  // namespace

namespace detail {

Result<Lesson> ParseLesson(const Json& json, const std::string& path) {
  if (!json.is_object()) {
    return BadField(path.empty() ? "(top)" : path, "expected an object");
  }
  Lesson lesson;
  RAIDA_ASSIGN_OR_RETURN(lesson.id, ReadString(json, path, "id"));
  RAIDA_ASSIGN_OR_RETURN(lesson.title, ReadLocalized(json, path, "title"));
  RAIDA_ASSIGN_OR_RETURN(lesson.minutes, ReadInt(json, path, "minutes", 0, kMaxMinutes));
  RAIDA_ASSIGN_OR_RETURN(
      lesson.pages, ReadObjects<LessonPage>(json, path, "pages", 1, kMaxPagesPerLesson, ParsePage));
  RAIDA_TRY(CheckUniqueIds(lesson.pages, path, "pages"));
  if (OptionalField(json, "questions") != nullptr) {
    RAIDA_ASSIGN_OR_RETURN(lesson.questions,
                           ReadObjects<QuizQuestion>(json, path, "questions", 0,
                                                     kMaxQuestionsPerLesson, ParseQuestion));
  }
  RAIDA_TRY(CheckUniqueIds(lesson.questions, path, "questions"));
  return lesson;
}

Result<PackDocument> ParsePackHeader(const Json& json) {
  if (!json.is_object()) {
    return BadField("(top)", "expected an object");
  }
  RAIDA_ASSIGN_OR_RETURN(const int format, ReadInt(json, "", "format", 0, 1 << 30));
  if (format != kFormat) {
    return MakeError(ErrorCode::kTooNew,
                     "format: " + std::to_string(format) + " is not 1 (a newer Raida wrote it)");
  }
  PackDocument pack;
  RAIDA_ASSIGN_OR_RETURN(pack.id, ReadString(json, "", "id"));
  RAIDA_ASSIGN_OR_RETURN(pack.course_id, ReadString(json, "", "course_id"));
  RAIDA_ASSIGN_OR_RETURN(pack.version, ReadInt(json, "", "version", 1, 1 << 30));
  RAIDA_ASSIGN_OR_RETURN(pack.languages, ReadStringList(json, "", "languages"));
  if (std::find(pack.languages.begin(), pack.languages.end(), "lt") == pack.languages.end()) {
    return BadField("languages", "must include \"lt\"");
  }
  RAIDA_ASSIGN_OR_RETURN(pack.category, ReadString(json, "", "category"));
  if (!ParseCourseCategory(pack.category)) {
    return BadField("category", "\"" + pack.category + "\" is not a course category");
  }
  RAIDA_ASSIGN_OR_RETURN(pack.hours, ReadInt(json, "", "hours", 0, kMaxHours));
  RAIDA_ASSIGN_OR_RETURN(pack.prerequisites, ReadStringList(json, "", "prerequisites"));
  RAIDA_ASSIGN_OR_RETURN(pack.passing_score, ReadInt(json, "", "passing_score", 0, kMaxPercent));
  RAIDA_ASSIGN_OR_RETURN(pack.title, ReadLocalized(json, "", "title"));
  return pack;
}

Status CheckLessonIds(const PackDocument& pack) {
  return CheckUniqueIds(pack.lessons, "", "lessons");
}

Result<Json> ParseJsonText(const std::string& text) {
  try {
    return Json::parse(text);
  } catch (const Json::exception& e) {
    return MakeError(ErrorCode::kCorrupt, std::string("not JSON: ") + e.what());
  }
}

}  // namespace detail

const std::string& InLanguage(const LocalizedText& text, const std::string& language) {
  static const std::string kNone;
  for (const std::string& lang : {language, std::string("en"), std::string("lt")}) {
    const auto it = text.find(lang);
    if (it != text.end() && !it->second.empty()) {
      return it->second;
    }
  }
  return kNone;
}

Result<PackDocument> ParsePackDocument(const std::string& json) {
  RAIDA_ASSIGN_OR_RETURN(const Json document, detail::ParseJsonText(json));
  RAIDA_ASSIGN_OR_RETURN(PackDocument pack, detail::ParsePackHeader(document));
  RAIDA_ASSIGN_OR_RETURN(pack.folder, ReadString(document, "", "folder"));
  if (pack.folder.find('/') != std::string::npos || pack.folder.find("..") != std::string::npos) {
    return BadField("folder", "\"" + pack.folder + "\" is not a plain folder name");
  }
  RAIDA_ASSIGN_OR_RETURN(
      pack.lessons,
      ReadObjects<Lesson>(document, "", "lessons", 1, kMaxLessonsPerPack, detail::ParseLesson));
  RAIDA_TRY(detail::CheckLessonIds(pack));
  return pack;
}

// [SECTION] Writing

namespace {

Json LocalizedJson(const LocalizedText& text) {
  Json out = Json::object();
  for (const auto& [lang, value] : text) {
    out[lang] = value;
  }
  return out;
}

Json PageJson(const LessonPage& page) {
  Json out = {{"id", page.id}, {"text", LocalizedJson(page.text)}};
  if (!page.picture.empty()) {
    out["picture"] = page.picture;
    out["picture_alt"] = LocalizedJson(page.picture_alt);
  }
  if (page.practice != PracticeKind::kNone) {
    out["practice"] = PracticeName(page.practice);
  }
  if (page.practice == PracticeKind::kType) {
    out["practice_word"] = LocalizedJson(page.practice_word);
  }
  return out;
}

Json QuestionJson(const QuizQuestion& question) {
  Json out = {{"id", question.id},
              {"kind", KindName(question.kind)},
              {"prompt", LocalizedJson(question.prompt)},
              {"answer", question.answer},
              {"feedback", LocalizedJson(question.feedback)}};
  if (question.kind != QuestionKind::kYesNo) {
    Json options = Json::array();
    for (const QuizOption& option : question.options) {
      options.push_back({{"id", option.id}, {"text", LocalizedJson(option.text)}});
    }
    out["options"] = std::move(options);
  }
  return out;
}

Json LessonJson(const Lesson& lesson) {
  Json pages = Json::array();
  for (const LessonPage& page : lesson.pages) {
    pages.push_back(PageJson(page));
  }
  Json questions = Json::array();
  for (const QuizQuestion& question : lesson.questions) {
    questions.push_back(QuestionJson(question));
  }
  return {{"id", lesson.id},
          {"title", LocalizedJson(lesson.title)},
          {"minutes", lesson.minutes},
          {"pages", std::move(pages)},
          {"questions", std::move(questions)}};
}

std::string Sha256Hex(const std::string& text) {
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(text.data()),
                     text.size());
  return Hex(digest);
}

}  // namespace

std::string PackDocumentJson(const PackDocument& pack) {
  Json lessons = Json::array();
  for (const Lesson& lesson : pack.lessons) {
    lessons.push_back(LessonJson(lesson));
  }
  const Json document = {{"format", kFormat},
                         {"id", pack.id},
                         {"course_id", pack.course_id},
                         {"version", pack.version},
                         {"languages", pack.languages},
                         {"category", pack.category},
                         {"hours", pack.hours},
                         {"prerequisites", pack.prerequisites},
                         {"passing_score", pack.passing_score},
                         {"title", LocalizedJson(pack.title)},
                         {"folder", pack.folder},
                         {"lessons", std::move(lessons)}};
  // Texts were checked as UTF-8 when they were read; replace rather than throw all the same.
  return document.dump(-1, ' ', false, Json::error_handler_t::replace);
}

LessonPack PackRow(const PackDocument& pack) {
  LessonPack row;
  row.id = pack.id;
  row.course_id = pack.course_id;
  row.version = pack.version;
  row.manifest = PackDocumentJson(pack);
  row.checksum = Sha256Hex(row.manifest);
  return row;
}

// [SECTION] Positions and answers

const Lesson* FindLesson(const PackDocument& pack, const std::string& lesson_id) {
  for (const Lesson& lesson : pack.lessons) {
    if (lesson.id == lesson_id) {
      return &lesson;
    }
  }
  return nullptr;
}

bool IsRightAnswer(const QuizQuestion& question, const std::vector<std::string>& chosen) {
  if (question.kind != QuestionKind::kMultiple) {
    return chosen == question.answer;
  }
  const std::set<std::string> right(question.answer.begin(), question.answer.end());
  const std::set<std::string> given(chosen.begin(), chosen.end());
  return given.size() == chosen.size() && given == right;
}

int EncodeLessonPosition(const LessonPosition& position) {
  if (!position.in_quiz) {
    return std::clamp(position.index, 0, kQuizPositionBase - 1);
  }
  const int index = std::clamp(position.index, 0, kMaxQuestionsPerLesson - 1);
  const uint32_t mask = position.right_mask & ((1u << index) - 1u);
  return kQuizPositionBase + index + kQuestionIndexSpan * static_cast<int>(mask);
}

LessonPosition DecodeLessonPosition(int page) {
  LessonPosition position;
  if (page < kQuizPositionBase) {
    position.index = std::max(page, 0);
    return position;
  }
  const int value = page - kQuizPositionBase;
  position.in_quiz = true;
  position.index = value % kQuestionIndexSpan;
  position.right_mask = static_cast<uint32_t>(value / kQuestionIndexSpan);
  return position;
}

LessonPosition ClampLessonPosition(LessonPosition position, const Lesson& lesson) {
  const int pages = static_cast<int>(lesson.pages.size());
  const int questions = static_cast<int>(lesson.questions.size());
  if (position.in_quiz && questions == 0) {
    return LessonPosition{false, std::max(pages - 1, 0), 0};
  }
  if (!position.in_quiz) {
    position.index = std::clamp(position.index, 0, std::max(pages - 1, 0));
    position.right_mask = 0;
    return position;
  }
  position.index = std::clamp(position.index, 0, questions - 1);
  position.right_mask &= (1u << position.index) - 1u;
  return position;
}

int ScorePercent(uint32_t right_mask, int question_count) {
  if (question_count <= 0) {
    return kMaxPercent;
  }
  int right = 0;
  for (int i = 0; i < question_count && i < kQuestionIndexSpan; ++i) {
    right += (right_mask >> i) & 1u ? 1 : 0;
  }
  return right * kMaxPercent / question_count;
}

}  // namespace raida::core
