// The lesson-pack validator's checks of one lesson file: its pages (texts, pictures decoded with
// stb_image as the kiosk decodes them, practice exercises), its quiz questions and answers, its
// ids, and its reading time for a slow reader (lesson_pack_check.h states the rule).
#include <stb/stb_image.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "lesson_pack_check_internal.h"

namespace raida::core::detail {
namespace {

namespace fs = std::filesystem;

// The picture file: a PNG under pictures/ that exists, decodes, and keeps the size limits.
void CheckPictureFile(const Place& page, const std::string& picture, const std::string& folder,
                      FileReport& report) {
  const std::string here = page.Member("picture");
  const std::string what = page.label + " picture " + picture;
  const bool shaped = picture.rfind("pictures/", 0) == 0 && picture.size() > 13 &&
                      picture.compare(picture.size() - 4, 4, ".png") == 0 &&
                      picture.find("..") == std::string::npos &&
                      picture.find('\\') == std::string::npos;
  if (!shaped) {
    report.Add(here, page.label + " picture " + Quoted(picture) + " must be a PNG under pictures/");
    return;
  }
  const fs::path file = fs::path(folder) / picture;
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) {
    report.Add(here, what + " does not exist");
    return;
  }
  const std::uintmax_t bytes = fs::file_size(file, ec);
  if (!ec && bytes > static_cast<std::uintmax_t>(kMaxPictureFileBytes)) {
    report.Add(here, what + " is " + std::to_string(bytes / 1024) + " KB; at most " +
                         std::to_string(kMaxPictureFileBytes / 1024) + " KB");
    return;  // not decoded: a huge file is not worth the memory
  }
  int width = 0;
  int height = 0;
  int channels = 0;
  stbi_uc* pixels = stbi_load(file.string().c_str(), &width, &height, &channels, 4);
  if (pixels == nullptr) {
    report.Add(here, what + " cannot be decoded: " + stbi_failure_reason());
    return;
  }
  stbi_image_free(pixels);
  if (width > kMaxPictureWidth || height > kMaxPictureHeight) {
    report.Add(here, what + " is " + std::to_string(width) + "x" + std::to_string(height) +
                         " px; at most " + std::to_string(kMaxPictureWidth) + "x" +
                         std::to_string(kMaxPictureHeight));
  }
}

void CheckPicture(const Place& page, const LessonContext& context, FileReport& report) {
  const std::optional<std::string> picture = StringField(page, "picture", report, false);
  if (!picture) {
    return;
  }
  CheckPictureFile(page, *picture, context.folder, report);
  if (page.Find("picture_alt") == nullptr) {
    report.Add(page.Member("picture"),
               page.label + " picture has no text alternative (\"picture_alt\")");
    return;
  }
  TextField(page, "picture_alt", context.languages, report);
}

void CheckPractice(const Place& page, const LessonContext& context, FileReport& report) {
  const std::optional<std::string> practice = StringField(page, "practice", report, false);
  if (!practice) {
    return;
  }
  if (*practice != "tap" && *practice != "drag" && *practice != "type") {
    report.Add(page.Member("practice"),
               page.label + " practice " + Quoted(*practice) + " is not one of tap, drag, type");
  } else if (*practice == "type") {
    TextField(page, "practice_word", context.languages, report);
  }
}

void CheckPages(const Place& lesson, const LessonContext& context, WordCounts& words,
                FileReport& report) {
  const CheckJson* pages = ArrayField(lesson, "pages", report);
  if (pages == nullptr) {
    return;
  }
  if (pages->empty() || pages->size() > static_cast<size_t>(kMaxPagesPerLesson)) {
    report.Add(lesson.Member("pages"), "lesson has " + std::to_string(pages->size()) +
                                           " pages; it needs 1 to " +
                                           std::to_string(kMaxPagesPerLesson));
  }
  std::map<std::string, std::string> ids;
  for (size_t i = 0; i < pages->size(); ++i) {
    const Place page{(*pages)[i], lesson.Member("pages") + "/" + std::to_string(i),
                     "page " + std::to_string(i + 1)};
    if (!page.json.is_object()) {
      report.Add(page.pointer, page.label + " must be an object");
      continue;
    }
    CheckKnownFields(page, {"id", "text", "picture", "picture_alt", "practice", "practice_word"},
                     report);
    UniqueId(page, ids, report);
    AddWords(TextField(page, "text", context.languages, report), words);
    CheckPicture(page, context, report);
    CheckPractice(page, context, report);
  }
}

// The reading-time rule of lesson_pack_check.h, on the wordiest language.
void CheckReadingTime(const Place& lesson, const WordCounts& words, int questions,
                      FileReport& report) {
  std::string wordiest;
  int most = 0;
  for (const auto& [lang, count] : words) {
    if (count > most) {
      wordiest = lang;
      most = count;
    }
  }
  // Rounded up: 801 words at 80 a minute are more than 10 minutes.
  const int reading = (most * 60 + kSlowReaderWordsPerMinute - 1) / kSlowReaderWordsPerMinute;
  const int seconds = reading + questions * kSecondsPerQuestion;
  if (seconds > kMaxLessonMinutes * 60) {
    report.Add(lesson.pointer,
               "lesson takes about " + std::to_string((seconds + 59) / 60) +
                   " minutes for a slow reader (" + std::to_string(most) + " words in " + wordiest +
                   " at " + std::to_string(kSlowReaderWordsPerMinute) + " a minute, and " +
                   std::to_string(kSecondsPerQuestion) + " s for each of " +
                   std::to_string(questions) + " questions); at most " +
                   std::to_string(kMaxLessonMinutes) + ": shorten it or split it in two");
  }
}

}  // namespace

std::string CheckLesson(const CheckJson& json, const LessonContext& context, FileReport& report) {
  const Place lesson{json, "", "lesson"};
  if (!json.is_object()) {
    report.Add("", "a lesson file must hold one JSON object");
    return "";
  }
  CheckKnownFields(lesson, {"id", "title", "minutes", "pages", "questions"}, report);
  const std::string id = StringField(lesson, "id", report).value_or("");
  TextField(lesson, "title", context.languages, report);
  const std::optional<int> minutes = IntField(lesson, "minutes", 0, 600, report);
  if (minutes && *minutes > kMaxLessonMinutes) {
    report.Add(lesson.Member("minutes"), "lesson \"minutes\" is " + std::to_string(*minutes) +
                                             "; a lesson should take at most " +
                                             std::to_string(kMaxLessonMinutes) + " minutes");
  }
  WordCounts words;
  int questions = 0;
  CheckPages(lesson, context, words, report);
  CheckQuestions(lesson, context, words, questions, report);
  CheckReadingTime(lesson, words, questions, report);
  return id;
}

}  // namespace raida::core::detail
