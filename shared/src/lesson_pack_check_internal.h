// Pieces of the lesson-pack validator shared by lesson_pack_check.cpp (folders and manifests),
// lesson_pack_check_fields.cpp (fields and texts) and lesson_pack_check_lesson.cpp (lessons,
// pictures, quizzes). Internal to raida::core.
//
// Every check reads the parsed JSON without throwing (find / is_* only) and adds what is wrong
// to a FileReport, which turns the value's JSON pointer into a line of the file.
#pragma once

#include <initializer_list>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "json_line_map.h"
#include "raida/core/lesson_pack.h"
#include "raida/core/lesson_pack_check.h"

namespace raida::core::detail {

using CheckJson = nlohmann::json;

// The problems of one file.
class FileReport {
 public:
  // `text` is the file's content (already parsed as JSON by the caller).
  FileReport(std::string file, std::string_view text, std::vector<PackProblem>* out)
      : file_(std::move(file)), lines_(text), out_(out) {}

  // A problem at the line of the value at `pointer` (of its nearest ancestor when missing).
  void Add(const std::string& pointer, const std::string& message) {
    out_->push_back(PackProblem{file_, lines_.LineOf(pointer), message});
  }

 private:
  std::string file_;
  JsonLineMap lines_;
  std::vector<PackProblem>* out_;
};

// A JSON object under check: where it is and what messages call it ("page 2", "manifest").
struct Place {
  const CheckJson& json;
  std::string pointer;
  std::string label;

  std::string Member(std::string_view name) const { return pointer + "/" + PointerToken(name); }
  const CheckJson* Find(const char* name) const {
    const auto it = json.find(name);
    return it == json.end() ? nullptr : &*it;
  }
};

// `text` in double quotes, as messages name ids, fields and languages.
inline std::string Quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

// Reports each member of `place` whose name is not in `known` (a misspelt field is otherwise
// silently ignored).
void CheckKnownFields(const Place& place, std::initializer_list<const char*> known,
                      FileReport& report);
// A string member; a required one must be present and non-empty. nullopt when absent or bad.
std::optional<std::string> StringField(const Place& place, const char* name, FileReport& report,
                                       bool required = true);
// An integer member within [min, max]. nullopt when absent or bad.
std::optional<int> IntField(const Place& place, const char* name, int min, int max,
                            FileReport& report);
// An array member (nullptr when absent or not an array; reported when required or not an array).
const CheckJson* ArrayField(const Place& place, const char* name, FileReport& report,
                            bool required = true);
// A text in the pack's languages ({"lt": ..., "pl": ..., "en": ...}): reports a missing text, a
// missing or empty translation for each of `languages`, a language Raida does not support and
// characters the kiosk's font cannot show. Returns the translations that are strings.
LocalizedText TextField(const Place& place, const char* name,
                        const std::vector<std::string>& languages, FileReport& report);
// The characters of `text` (UTF-8) the kiosk's font cannot show, each once, as
// "\"ő\" (U+0151)", joined by ", "; "" when it can show all of them.
std::string UnshownCharacters(std::string_view text);
// How many words (runs of non-space characters) `text` has.
int CountWords(std::string_view text);

using WordCounts = std::map<std::string, int>;  // language -> words
// Adds the words of each translation of `text` to `words`.
void AddWords(const LocalizedText& text, WordCounts& words);

// The id of `place` (required); reports an id an earlier sibling has, naming it by the label
// `seen` remembers for it ("page 2"). "" when the id is absent or bad.
std::string UniqueId(const Place& place, std::map<std::string, std::string>& seen,
                     FileReport& report);

// What a lesson check needs from its pack.
struct LessonContext {
  std::string folder;                  // the pack folder (pictures are relative to it)
  std::vector<std::string> languages;  // the manifest's, or lt/pl/en when it has none
};

// Checks the "questions" of a lesson (lesson_pack_check_quiz.cpp): adds their words to
// `words` (language -> words) and sets `questions` to how many there are.
void CheckQuestions(const Place& lesson, const LessonContext& context, WordCounts& words,
                    int& questions, FileReport& report);

// Checks one parsed lesson file; returns its id ("" when it has none).
std::string CheckLesson(const CheckJson& lesson, const LessonContext& context, FileReport& report);

}  // namespace raida::core::detail
