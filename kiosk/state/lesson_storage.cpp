// LessonStorage (see lesson_storage.h): packs read from the lesson_pack table, progress written
// through LessonRepository, one committed transaction per step.
#include "kiosk/state/lesson_storage.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <utility>
#include <vector>

#include "kiosk/state/reduce_lesson.h"
#include "raida/core/catalog_repository.h"
#include "raida/core/lesson_repository.h"
#include "raida/core/model.h"
#include "raida/core/store.h"

namespace raida::kiosk {
namespace {

using MaybeAction = std::optional<Action>;

// Paragraphs of a page's text: split at blank lines, trimmed, empty ones dropped.
std::vector<std::string> Paragraphs(const std::string& text) {
  std::vector<std::string> paragraphs;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find("\n\n", start);
    if (end == std::string::npos) {
      end = text.size();
    }
    std::string paragraph = text.substr(start, end - start);
    const size_t first = paragraph.find_first_not_of(" \t\r\n");
    const size_t last = paragraph.find_last_not_of(" \t\r\n");
    if (first != std::string::npos) {
      paragraphs.push_back(paragraph.substr(first, last - first + 1));
    }
    start = end + 2;
  }
  return paragraphs;
}

// The options of an order question in a stable shuffled order that is never the right one.
std::vector<QuizOptionView> Shuffled(std::vector<QuizOptionView> options,
                                     const std::string& question_id,
                                     const std::vector<std::string>& answer) {
  const auto rank = [&](const QuizOptionView& option) {
    return std::hash<std::string>{}(question_id + "/" + option.id);
  };
  std::sort(options.begin(), options.end(),
            [&](const QuizOptionView& a, const QuizOptionView& b) { return rank(a) < rank(b); });
  std::vector<std::string> shown;
  for (const QuizOptionView& option : options) {
    shown.push_back(option.id);
  }
  if (shown == answer && options.size() > 1) {
    std::rotate(options.begin(), options.begin() + 1, options.end());
  }
  return options;
}

QuizQuestionView QuestionView(const core::QuizQuestion& question, const std::string& language) {
  QuizQuestionView view;
  view.id = question.id;
  view.kind = question.kind;
  view.prompt = core::InLanguage(question.prompt, language);
  view.answer = question.answer;
  view.feedback = core::InLanguage(question.feedback, language);
  if (question.kind == core::QuestionKind::kYesNo) {
    view.options = {{"yes", ""}, {"no", ""}};
    return view;
  }
  for (const core::QuizOption& option : question.options) {
    view.options.push_back({option.id, core::InLanguage(option.text, language)});
  }
  if (question.kind == core::QuestionKind::kOrder) {
    view.options = Shuffled(std::move(view.options), question.id, question.answer);
  }
  return view;
}

// LessonSaveFailed for errors the person can live with, the error itself for broken storage.
core::Result<MaybeAction> SaveProblem(const core::Error& error) {
  switch (error.code) {
    case core::ErrorCode::kNotFound:
    case core::ErrorCode::kInvalidArgument:
    case core::ErrorCode::kBusy:
    case core::ErrorCode::kFull:
    case core::ErrorCode::kIo:
      spdlog::warn("lesson step not saved: {}: {}", core::ErrorCodeName(error.code), error.message);
      return MaybeAction(LessonSaveFailed{kLessonNotSavedKey});
    default:
      return error;
  }
}

MaybeAction Saved(const core::LessonProgress& progress) {
  return LessonProgressSaved{progress.person_id, progress.lesson_id, progress.completed,
                             progress.best_score, progress.page};
}

LessonListItem ListItem(const core::Lesson& lesson, const std::string& language,
                        const std::optional<core::LessonProgress>& progress, int passing_score) {
  LessonListItem item;
  item.lesson_id = lesson.id;
  item.title = core::InLanguage(lesson.title, language);
  item.minutes = lesson.minutes;
  item.pages = static_cast<int>(lesson.pages.size());
  item.questions = static_cast<int>(lesson.questions.size());
  if (progress) {
    item.started = true;
    item.completed = progress->completed;
    item.best_score = progress->best_score;
    item.passed = progress->completed && progress->best_score >= passing_score;
    item.resume = core::ClampLessonPosition(core::DecodeLessonPosition(progress->page), lesson);
  }
  return item;
}

}  // namespace

LessonContent BuildLessonContent(const core::PackDocument& pack, const core::Lesson& lesson,
                                 const std::string& language, const std::string& lessons_dir) {
  LessonContent content;
  content.pack_id = pack.id;
  content.pack_version = pack.version;
  content.course_id = pack.course_id;
  content.lesson_id = lesson.id;
  content.title = core::InLanguage(lesson.title, language);
  content.passing_score = pack.passing_score;
  for (const core::LessonPage& page : lesson.pages) {
    LessonPageView view;
    view.id = page.id;
    view.paragraphs = Paragraphs(core::InLanguage(page.text, language));
    if (!page.picture.empty()) {
      view.picture_path = (std::filesystem::path(lessons_dir) / pack.folder / page.picture)
                              .lexically_normal()
                              .string();
      view.picture_alt = core::InLanguage(page.picture_alt, language);
    }
    view.practice = page.practice;
    view.practice_word = core::InLanguage(page.practice_word, language);
    content.pages.push_back(std::move(view));
  }
  for (const core::QuizQuestion& question : lesson.questions) {
    content.questions.push_back(QuestionView(question, language));
  }
  return content;
}

core::Result<std::optional<core::PackDocument>> LessonStorage::PackFor(
    core::Store& store, const std::string& course_id) {
  RAIDA_ASSIGN_OR_RETURN(const std::optional<core::LessonPack> row,
                         core::LessonRepository(store).GetPackForCourse(course_id));
  const auto cached = packs_.find(course_id);
  if (row && cached != packs_.end() && cached->second.checksum == row->checksum) {
    return std::optional<core::PackDocument>(cached->second.document);
  }
  if (cached != packs_.end()) {  // replaced or removed: a lesson in use may still be of it
    superseded_[course_id] = std::move(cached->second.document);
    packs_.erase(cached);
  }
  if (!row) {
    return std::optional<core::PackDocument>();
  }
  auto document = core::ParsePackDocument(row->manifest);
  if (!document.ok()) {
    spdlog::error("lesson pack {} version {} cannot be read: {}", row->id, row->version,
                  document.error().message);
    return std::optional<core::PackDocument>();
  }
  packs_[course_id] = CachedPack{row->checksum, *document};
  return std::optional<core::PackDocument>(std::move(document).value());
}

int LessonStorage::TakeSeconds(const std::string& person_id, const std::string& lesson_id) {
  const int64_t now = clock_->SteadyMs();
  const auto [it, first] = last_step_ms_.try_emplace(person_id + "|" + lesson_id, now);
  const int64_t elapsed_ms = first ? 0 : now - it->second;
  it->second = now;
  return static_cast<int>(std::clamp<int64_t>(elapsed_ms / 1000, 0, kMaxStepSeconds));
}

core::Result<MaybeAction> LessonStorage::Run(core::Store& store, const LoadCourseLessons& effect) {
  CourseLessons lessons;
  lessons.course_id = effect.course_id;
  lessons.language = effect.language;
  lessons.person_id = effect.person_id;
  RAIDA_ASSIGN_OR_RETURN(const std::optional<core::PackDocument> pack,
                         PackFor(store, effect.course_id));
  if (pack) {
    lessons.passing_score = pack->passing_score;
    core::LessonRepository repository(store);
    for (const core::Lesson& lesson : pack->lessons) {
      std::optional<core::LessonProgress> progress;
      if (!effect.person_id.empty()) {
        RAIDA_ASSIGN_OR_RETURN(progress, repository.Get(effect.person_id, lesson.id));
      }
      lessons.lessons.push_back(ListItem(lesson, effect.language, progress, pack->passing_score));
    }
  }
  return MaybeAction(CourseLessonsLoaded{std::move(lessons)});
}

core::Result<MaybeAction> LessonStorage::Run(core::Store& store, const LoadLesson& effect) {
  RAIDA_ASSIGN_OR_RETURN(const std::optional<core::PackDocument> newest,
                         PackFor(store, effect.course_id));
  const core::PackDocument* pack = newest ? &*newest : nullptr;
  const auto old = superseded_.find(effect.course_id);
  if (effect.pack_version != 0 && (pack == nullptr || pack->version != effect.pack_version) &&
      old != superseded_.end() && old->second.version == effect.pack_version) {
    pack = &old->second;  // the version the person is taking, though a newer one arrived
  }
  const core::Lesson* lesson = pack ? core::FindLesson(*pack, effect.lesson_id) : nullptr;
  if (lesson == nullptr) {
    spdlog::warn("lesson {} of {} is not in a readable pack", effect.lesson_id, effect.course_id);
    return MaybeAction(LessonUnavailable{effect.lesson_id});
  }
  LessonLoaded loaded;
  loaded.content = BuildLessonContent(*pack, *lesson, effect.language, lessons_dir_);
  loaded.language = effect.language;
  loaded.person_id = effect.person_id;
  if (!effect.person_id.empty()) {
    RAIDA_ASSIGN_OR_RETURN(const std::optional<core::LessonProgress> progress,
                           core::LessonRepository(store).Get(effect.person_id, lesson->id));
    if (progress) {
      loaded.resume =
          core::ClampLessonPosition(core::DecodeLessonPosition(progress->page), *lesson);
    }
    last_step_ms_[effect.person_id + "|" + lesson->id] = clock_->SteadyMs();
  }
  return MaybeAction(std::move(loaded));
}

core::Result<MaybeAction> LessonStorage::Run(core::Store& store, const SaveLessonStep& effect) {
  const int seconds = TakeSeconds(effect.person_id, effect.lesson_id);
  auto saved = core::LessonRepository(store).SavePosition(effect.person_id, effect.course_id,
                                                          effect.lesson_id, effect.page, seconds);
  if (!saved.ok()) {
    return SaveProblem(saved.error());
  }
  return Saved(*saved);
}

core::Result<MaybeAction> LessonStorage::Run(core::Store& store, const CompleteLesson& effect) {
  const int seconds = TakeSeconds(effect.person_id, effect.lesson_id);
  core::LessonRepository repository(store);
  // Completion and the position to open it at next time: one transaction, so a power cut
  // leaves either both or neither.
  auto saved = [&]() -> core::Result<core::LessonProgress> {
    RAIDA_ASSIGN_OR_RETURN(auto scope, store.BeginWrite());
    RAIDA_TRY(repository.RecordCompletion(effect.person_id, effect.course_id, effect.lesson_id,
                                          effect.score, seconds));
    RAIDA_ASSIGN_OR_RETURN(core::LessonProgress progress,
                           repository.SavePosition(effect.person_id, effect.course_id,
                                                   effect.lesson_id, effect.page, 0));
    RAIDA_TRY(scope.Commit());
    return progress;
  }();
  if (!saved.ok()) {
    return SaveProblem(saved.error());
  }
  spdlog::info("lesson {} completed with {}%", effect.lesson_id, effect.score);
  return Saved(*saved);
}

core::Result<MaybeAction> LessonStorage::Run(core::Store& store, const LoadProgress& effect) {
  ProgressView view;
  view.person_id = effect.person_id;
  view.language = effect.language;
  RAIDA_ASSIGN_OR_RETURN(const std::vector<core::LessonProgress> rows,
                         core::LessonRepository(store).ListForPerson(effect.person_id));
  core::CatalogRepository catalog(store);
  for (size_t i = 0; i < rows.size();) {
    const std::string& course_id = rows[i].course_id;
    ProgressCourseView course;
    course.course_id = course_id;
    RAIDA_ASSIGN_OR_RETURN(const std::optional<core::Course> known, catalog.GetCourse(course_id));
    course.title = known ? core::Localize(known->title, effect.language) : course_id;
    RAIDA_ASSIGN_OR_RETURN(const std::optional<core::PackDocument> pack, PackFor(store, course_id));
    course.lessons_total = pack ? static_cast<int>(pack->lessons.size()) : 0;
    for (; i < rows.size() && rows[i].course_id == course_id; ++i) {
      const core::Lesson* lesson = pack ? core::FindLesson(*pack, rows[i].lesson_id) : nullptr;
      ProgressLessonView item;
      item.lesson_id = rows[i].lesson_id;
      item.title = lesson ? core::InLanguage(lesson->title, effect.language) : rows[i].lesson_id;
      item.completed = rows[i].completed;
      item.best_score = rows[i].best_score;
      item.passed = item.completed && pack && item.best_score >= pack->passing_score;
      item.seconds = rows[i].seconds_spent;
      course.lessons_passed += item.passed ? 1 : 0;
      course.seconds += item.seconds;
      course.lessons.push_back(std::move(item));
    }
    view.courses.push_back(std::move(course));
  }
  std::sort(view.courses.begin(), view.courses.end(),
            [](const auto& a, const auto& b) { return a.title < b.title; });
  RAIDA_TRY(AddCertificates(store, view));
  return MaybeAction(ProgressLoaded{std::move(view)});
}

core::Status SeedLessonPacks(core::Store& store, const std::string& lessons_dir) {
  std::error_code ec;
  if (lessons_dir.empty() || !std::filesystem::is_directory(lessons_dir, ec)) {
    spdlog::info("no lesson packs at '{}': the kiosk runs without lessons", lessons_dir);
    return core::Ok();
  }
  RAIDA_ASSIGN_OR_RETURN(const int packs, core::LoadLessonPacks(store, lessons_dir));
  spdlog::info("lesson packs loaded with the seed: {}", packs);
  return core::Ok();
}

}  // namespace raida::kiosk
