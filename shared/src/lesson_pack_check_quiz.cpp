// The lesson-pack validator's quiz checks: each question's kind, texts and options, and whether
// its answer can be given: ids that are options, one right option for single choice, at least
// one for multiple choice, every option once for order-the-steps, "yes" or "no" for yes/no.
#include <algorithm>
#include <set>

#include "lesson_pack_check_internal.h"

namespace raida::core::detail {
namespace {

// The words messages use for a kind ("question 2 (single choice) ...").
const char* KindWords(const std::string& kind) {
  if (kind == "single") {
    return "single choice";
  }
  if (kind == "multiple") {
    return "multiple choice";
  }
  return kind == "order" ? "order the steps" : "yes/no";
}

// The option ids of a question (reported: not 2 to 5 options, bad or duplicate ids).
std::vector<std::string> CheckOptions(const Place& question, const LessonContext& context,
                                      WordCounts& words, FileReport& report) {
  std::vector<std::string> ids;
  const CheckJson* options = ArrayField(question, "options", report);
  if (options == nullptr) {
    return ids;
  }
  if (options->size() < static_cast<size_t>(kMinOptions) ||
      options->size() > static_cast<size_t>(kMaxOptions)) {
    report.Add(question.Member("options"),
               question.label + " has " + std::to_string(options->size()) + " options; it needs " +
                   std::to_string(kMinOptions) + " to " + std::to_string(kMaxOptions));
  }
  std::map<std::string, std::string> seen;
  for (size_t i = 0; i < options->size(); ++i) {
    const Place option{(*options)[i], question.Member("options") + "/" + std::to_string(i),
                       question.label + " option " + std::to_string(i + 1)};
    if (!option.json.is_object()) {
      report.Add(option.pointer, option.label + " must be an object");
      continue;
    }
    CheckKnownFields(option, {"id", "text"}, report);
    const std::string id = UniqueId(option, seen, report);
    if (!id.empty()) {
      ids.push_back(id);
    }
    AddWords(TextField(option, "text", context.languages, report), words);
  }
  return ids;
}

// The answer's ids (reported: not a list of strings).
std::optional<std::vector<std::string>> AnswerIds(const Place& question, FileReport& report) {
  const CheckJson* answer = ArrayField(question, "answer", report);
  if (answer == nullptr) {
    return std::nullopt;
  }
  std::vector<std::string> ids;
  for (const CheckJson& item : *answer) {
    if (!item.is_string()) {
      report.Add(question.Member("answer"), question.label + " answer must list option ids");
      return std::nullopt;
    }
    ids.push_back(item.get<std::string>());
  }
  return ids;
}

// Whether `answer` fits the kind and the options.
void CheckAnswer(const Place& question, const std::string& kind,
                 const std::vector<std::string>& options, const std::vector<std::string>& answer,
                 FileReport& report) {
  const std::string here = question.Member("answer");
  const std::string what = question.label + " (" + KindWords(kind) + ")";
  if (kind == "yesno") {
    if (answer != std::vector<std::string>{"yes"} && answer != std::vector<std::string>{"no"}) {
      report.Add(here, what + " answer must be [\"yes\"] or [\"no\"]");
    }
    return;
  }
  std::set<std::string> named;
  for (const std::string& id : answer) {
    if (std::find(options.begin(), options.end(), id) == options.end()) {
      report.Add(here, question.label + " answer " + Quoted(id) + " is not one of its options");
    } else if (!named.insert(id).second) {
      report.Add(here, question.label + " answer names " + Quoted(id) + " twice");
    }
  }
  if (answer.empty()) {
    report.Add(here, what + " has no right answer");
  } else if (kind == "single" && answer.size() > 1) {
    report.Add(here,
               what + " must have exactly one right answer, has " + std::to_string(answer.size()));
  } else if (kind == "order") {
    for (const std::string& id : options) {
      if (named.count(id) == 0) {
        report.Add(here,
                   what + " answer must put every option in order: " + Quoted(id) + " is missing");
      }
    }
  }
}

void CheckQuestion(const Place& question, const LessonContext& context, WordCounts& words,
                   FileReport& report) {
  CheckKnownFields(question, {"id", "kind", "prompt", "options", "answer", "feedback"}, report);
  std::optional<std::string> kind = StringField(question, "kind", report);
  if (kind && *kind != "single" && *kind != "multiple" && *kind != "order" && *kind != "yesno") {
    report.Add(question.Member("kind"), question.label + " kind " + Quoted(*kind) +
                                            " is not one of single, multiple, order, yesno");
    kind.reset();
  }
  AddWords(TextField(question, "prompt", context.languages, report), words);
  std::vector<std::string> options;
  if (kind == "yesno") {
    const CheckJson* listed = question.Find("options");
    if (listed != nullptr && !(listed->is_array() && listed->empty())) {
      report.Add(question.Member("options"), question.label + " (yes/no) must have no options");
    }
  } else {
    options = CheckOptions(question, context, words, report);
  }
  const std::optional<std::vector<std::string>> answer = AnswerIds(question, report);
  if (kind && answer) {
    CheckAnswer(question, *kind, options, *answer, report);
  }
  AddWords(TextField(question, "feedback", context.languages, report), words);
}

}  // namespace

void CheckQuestions(const Place& lesson, const LessonContext& context, WordCounts& words,
                    int& questions, FileReport& report) {
  const CheckJson* list = ArrayField(lesson, "questions", report, /*required=*/false);
  questions = list == nullptr ? 0 : static_cast<int>(list->size());
  if (list == nullptr) {
    return;
  }
  if (list->size() > static_cast<size_t>(kMaxQuestionsPerLesson)) {
    report.Add(lesson.Member("questions"), "lesson has " + std::to_string(list->size()) +
                                               " questions; at most " +
                                               std::to_string(kMaxQuestionsPerLesson));
  }
  std::map<std::string, std::string> ids;
  for (size_t i = 0; i < list->size(); ++i) {
    const Place question{(*list)[i], lesson.Member("questions") + "/" + std::to_string(i),
                         "question " + std::to_string(i + 1)};
    if (!question.json.is_object()) {
      report.Add(question.pointer, question.label + " must be an object");
      continue;
    }
    UniqueId(question, ids, report);
    CheckQuestion(question, context, words, report);
  }
}

}  // namespace raida::core::detail
