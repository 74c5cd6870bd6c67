// The lesson player's reducer (see reduce_lesson.h for what is saved when).
//
// [SECTION] Helpers    moving between pages and questions, and the save effects
// [SECTION] Player     Next/Back, slow pace, practice, answers, the lesson end
// [SECTION] Lists      the course's lessons, "My progress", signing in to keep progress
// [SECTION] Hooks      GoBack and FollowLessons
//
// A lesson moves through one position at a time: page 0 … last page, then question 0 … last
// question, then the lesson end. The position kept in state is the one shown; what is saved
// after an answer is the next question, so a person who walks away while reading the feedback
// comes back to the question after it, with the answers given so far still counted.
#include "kiosk/state/reduce_lesson.h"

#include <algorithm>
#include <set>
#include <string>
#include <utility>

namespace raida::kiosk {
namespace {

// [SECTION] Helpers

std::string PersonId(const AppState& state) { return state.person ? state.person->id : ""; }

// The player when a lesson is shown with its content; nullptr otherwise.
LessonView* ActivePlayer(AppState& state) {
  auto& player = state.lesson.player;
  if (state.screen != Screen::kLesson || !player || !player->content) {
    return nullptr;
  }
  return &*player;
}

const QuizQuestionView* CurrentQuestion(const LessonView& player) {
  if (!player.position.in_quiz || player.at_end) {
    return nullptr;
  }
  const auto& questions = player.content->questions;
  const auto index = static_cast<size_t>(player.position.index);
  return index < questions.size() ? &questions[index] : nullptr;
}

const LessonPageView* CurrentPage(const LessonView& player) {
  if (player.position.in_quiz || player.at_end) {
    return nullptr;
  }
  const auto& pages = player.content->pages;
  const auto index = static_cast<size_t>(player.position.index);
  return index < pages.size() ? &pages[index] : nullptr;
}

int LastParagraph(const LessonView& player, int page) {
  const auto& paragraphs = player.content->pages[static_cast<size_t>(page)].paragraphs;
  return std::max(static_cast<int>(paragraphs.size()) - 1, 0);
}

// Shows `position`, with nothing chosen or answered yet.
void ShowPosition(LessonView& player, const core::LessonPosition& position, int paragraph = 0) {
  player.position = position;
  player.paragraph = paragraph;
  player.practice_done = false;
  player.choice.clear();
  player.answered = false;
  player.answered_right = false;
  player.at_end = false;
}

// SaveLessonStep for a signed-in person; nothing for a guest.
std::vector<Effect> SaveStep(const LessonView& player, const core::LessonPosition& position) {
  if (player.person_id.empty()) {
    return {};
  }
  return {SaveLessonStep{player.person_id, player.course_id, player.lesson_id,
                         core::EncodeLessonPosition(position)}};
}

// The lesson was gone through: the end screen's score, CompleteLesson (opening it again starts
// from the first page) and IssueCertificate (this may have been the course's last lesson).
std::vector<Effect> Complete(LessonView& player, int score) {
  player.score = score;
  player.passed = score >= player.content->passing_score;
  if (player.person_id.empty()) {
    return {};
  }
  return {CompleteLesson{player.person_id, player.course_id, player.lesson_id, score,
                         core::EncodeLessonPosition({})},
          IssueCertificate{player.person_id, player.course_id, player.language}};
}

bool IsRight(const QuizQuestionView& question, const std::vector<std::string>& chosen) {
  if (question.kind != core::QuestionKind::kMultiple) {
    return chosen == question.answer;
  }
  const std::set<std::string> given(chosen.begin(), chosen.end());
  return given.size() == chosen.size() &&
         given == std::set<std::string>(question.answer.begin(), question.answer.end());
}

bool HasOption(const QuizQuestionView& question, const std::string& id) {
  if (question.kind == core::QuestionKind::kYesNo) {
    return id == "yes" || id == "no";
  }
  return std::any_of(question.options.begin(), question.options.end(),
                     [&](const QuizOptionView& option) { return option.id == id; });
}

// Answers the current question with player.choice: feedback now, and the step saved.
std::vector<Effect> Answer(LessonView& player, const QuizQuestionView& question) {
  player.answered = true;
  player.answered_right = IsRight(question, player.choice);
  core::LessonPosition& position = player.position;
  if (player.answered_right) {
    position.right_mask |= 1u << position.index;
  }
  const int count = static_cast<int>(player.content->questions.size());
  if (position.index + 1 < count) {
    return SaveStep(player, {true, position.index + 1, position.right_mask});
  }
  return Complete(player, core::ScorePercent(position.right_mask, count));
}

// "Continue" opens a lesson here: the stored position made valid for this version's lengths.
core::LessonPosition ClampToCounts(const core::LessonPosition& position, int pages, int questions) {
  core::Lesson shape;
  shape.pages.resize(static_cast<size_t>(std::max(pages, 1)));
  shape.questions.resize(static_cast<size_t>(std::max(questions, 0)));
  return core::ClampLessonPosition(position, shape);
}

std::string CourseLessonsKey(const AppState& state) {
  return state.course_requested_id + "|" + state.language + "|" + PersonId(state);
}

std::string ProgressKey(const AppState& state) { return PersonId(state) + "|" + state.language; }

}  // namespace

// [SECTION] Player

std::vector<Effect> ReduceLesson(AppState& state, const OpenLesson& action) {
  const bool from_course = state.screen == Screen::kCourse;
  const bool from_end =
      state.screen == Screen::kLesson && state.lesson.player && state.lesson.player->at_end;
  const auto& list = state.lesson.course_lessons;
  if ((!from_course && !from_end) || !list || list->course_id != state.course_requested_id ||
      std::none_of(list->lessons.begin(), list->lessons.end(), [&](const LessonListItem& item) {
        return item.lesson_id == action.lesson_id;
      })) {
    return {};
  }
  LessonView player;
  player.course_id = list->course_id;
  player.lesson_id = action.lesson_id;
  player.person_id = PersonId(state);
  player.language = state.language;
  state.lesson.player = std::move(player);
  state.screen = Screen::kLesson;
  state.notice_key.clear();
  return {LoadLesson{list->course_id, action.lesson_id, state.language, PersonId(state)}};
}

std::vector<Effect> ReduceLesson(AppState& state, const LessonLoaded& action) {
  auto& player = state.lesson.player;
  if (state.screen != Screen::kLesson || !player || player->lesson_id != action.content.lesson_id ||
      player->language != action.language || player->person_id != action.person_id) {
    return {};  // a lesson, language or person no longer on screen
  }
  const bool first_load = !player->content.has_value();
  player->content = action.content;
  player->loading = false;
  const auto& content = *player->content;
  const int pages = static_cast<int>(content.pages.size());
  const int questions = static_cast<int>(content.questions.size());
  if (first_load) {
    ShowPosition(*player,
                 ClampToCounts(action.resume.value_or(core::LessonPosition{}), pages, questions));
  } else if (!player->at_end) {
    // The same lesson in another language: stay where the person is, with the answer just given
    // (its bit is not "before the question shown", which is all a clamp keeps). Only when that
    // place is gone (a newer version's text) does the person start afresh at the clamped one.
    const core::LessonPosition before = player->position;
    const core::LessonPosition after = ClampToCounts(before, pages, questions);
    if (after.in_quiz != before.in_quiz || after.index != before.index) {
      ShowPosition(*player, after);
    }
    player->paragraph =
        std::min(player->paragraph,
                 player->position.in_quiz ? 0 : LastParagraph(*player, player->position.index));
  }
  return {};
}

std::vector<Effect> ReduceLesson(AppState& state, const LessonUnavailable& action) {
  if (state.screen != Screen::kLesson || !state.lesson.player ||
      state.lesson.player->lesson_id != action.lesson_id) {
    return {};
  }
  state.lesson.player.reset();
  state.screen = Screen::kCourse;
  state.notice_key = kLessonUnavailableKey;
  state.lesson.course_lessons_key.clear();  // the list is read again: the pack may be gone
  return {};
}

std::vector<Effect> ReduceLesson(AppState& state, const LessonNext&) {
  LessonView* player = ActivePlayer(state);
  if (player == nullptr || player->at_end) {
    return {};
  }
  const auto& content = *player->content;
  if (CurrentQuestion(*player) != nullptr) {
    if (!player->answered) {
      return {};
    }
    const int next = player->position.index + 1;
    if (next < static_cast<int>(content.questions.size())) {
      ShowPosition(*player, {true, next, player->position.right_mask});
    } else {
      player->at_end = true;  // CompleteLesson went out with the answer
    }
    return {};
  }
  const int page = player->position.index;
  if (state.lesson.slow_pace && player->paragraph < LastParagraph(*player, page)) {
    ++player->paragraph;  // paragraphs are not positions: nothing to save
    return {};
  }
  if (page + 1 < static_cast<int>(content.pages.size())) {
    ShowPosition(*player, {false, page + 1, 0});
  } else if (!content.questions.empty()) {
    ShowPosition(*player, {true, 0, 0});
  } else {
    ShowPosition(*player, {false, page, 0});
    player->at_end = true;
    return Complete(*player, core::ScorePercent(0, 0));
  }
  return SaveStep(*player, player->position);
}

std::vector<Effect> ReduceLesson(AppState& state, const LessonBack&) {
  LessonView* player = ActivePlayer(state);
  if (player == nullptr || player->at_end) {
    return {};
  }
  const int last_page = static_cast<int>(player->content->pages.size()) - 1;
  const bool slow = state.lesson.slow_pace;
  if (player->position.in_quiz) {
    // Only the first question leads back to the pages; answered questions stay answered.
    if (player->position.index != 0 || player->answered) {
      return {};
    }
    ShowPosition(*player, {false, last_page, 0}, slow ? LastParagraph(*player, last_page) : 0);
    return SaveStep(*player, player->position);
  }
  if (slow && player->paragraph > 0) {
    --player->paragraph;
    return {};
  }
  const int page = player->position.index;
  if (page == 0) {
    return {};
  }
  ShowPosition(*player, {false, page - 1, 0}, slow ? LastParagraph(*player, page - 1) : 0);
  return SaveStep(*player, player->position);
}

std::vector<Effect> ReduceLesson(AppState& state, const ToggleSlowPace&) {
  if (state.screen != Screen::kLesson) {
    return {};
  }
  state.lesson.slow_pace = !state.lesson.slow_pace;
  if (state.lesson.player) {
    state.lesson.player->paragraph = 0;
  }
  return {};
}

std::vector<Effect> ReduceLesson(AppState& state, const PracticeDone&) {
  LessonView* player = ActivePlayer(state);
  const LessonPageView* page = player == nullptr ? nullptr : CurrentPage(*player);
  if (page != nullptr && page->practice != core::PracticeKind::kNone) {
    player->practice_done = true;
  }
  return {};
}

std::vector<Effect> ReduceLesson(AppState& state, const ChooseOption& action) {
  LessonView* player = ActivePlayer(state);
  const QuizQuestionView* question = player == nullptr ? nullptr : CurrentQuestion(*player);
  if (question == nullptr || player->answered || !HasOption(*question, action.option_id)) {
    return {};
  }
  auto& choice = player->choice;
  const auto found = std::find(choice.begin(), choice.end(), action.option_id);
  switch (question->kind) {
    case core::QuestionKind::kSingle:
    case core::QuestionKind::kYesNo:
      choice = {action.option_id};
      return Answer(*player, *question);
    case core::QuestionKind::kMultiple:
      if (found != choice.end()) {
        choice.erase(found);
      } else {
        choice.push_back(action.option_id);
      }
      return {};
    case core::QuestionKind::kOrder:
      if (found == choice.end()) {
        choice.push_back(action.option_id);
      }
      return {};
  }
  return {};
}

std::vector<Effect> ReduceLesson(AppState& state, const ClearChoice&) {
  LessonView* player = ActivePlayer(state);
  if (player != nullptr && CurrentQuestion(*player) != nullptr && !player->answered) {
    player->choice.clear();
  }
  return {};
}

std::vector<Effect> ReduceLesson(AppState& state, const CheckAnswer&) {
  LessonView* player = ActivePlayer(state);
  const QuizQuestionView* question = player == nullptr ? nullptr : CurrentQuestion(*player);
  if (question == nullptr || player->answered || player->choice.empty()) {
    return {};
  }
  const bool ready = question->kind == core::QuestionKind::kMultiple ||
                     (question->kind == core::QuestionKind::kOrder &&
                      player->choice.size() == question->options.size());
  return ready ? Answer(*player, *question) : std::vector<Effect>{};
}

std::vector<Effect> ReduceLesson(AppState& state, const RetryQuiz&) {
  LessonView* player = ActivePlayer(state);
  if (player == nullptr || !player->at_end || player->content->questions.empty()) {
    return {};
  }
  ShowPosition(*player, {true, 0, 0});
  return SaveStep(*player, player->position);
}

std::vector<Effect> ReduceLesson(AppState& state, const RereadLesson&) {
  LessonView* player = ActivePlayer(state);
  if (player == nullptr || !player->at_end) {
    return {};
  }
  ShowPosition(*player, {false, 0, 0});
  return SaveStep(*player, player->position);
}

// [SECTION] Lists

std::vector<Effect> ReduceLesson(AppState& state, const OpenProgress&) {
  if (!state.person || state.screen == Screen::kProgress || state.screen == Screen::kLesson) {
    return {};
  }
  state.lesson.progress_return = state.screen;
  state.lesson.progress.reset();
  state.lesson.progress_key.clear();  // FollowLessons asks for it
  state.screen = Screen::kProgress;
  state.notice_key.clear();
  return {};
}

std::vector<Effect> ReduceLesson(AppState& state, const SignInToSaveProgress&) {
  if (state.screen != Screen::kCourse || state.person) {
    return {};
  }
  state.screen = Screen::kSignIn;
  state.chosen_offering_id.reset();
  state.sign_in_error_key.clear();
  state.signing_in = false;
  state.sign_in_step = SignInStep::kCard;
  state.after_sign_in = Screen::kCourse;  // back to the course, whose lessons then show marks
  state.notice_key.clear();
  return {};
}

std::vector<Effect> ReduceLesson(AppState& state, const CourseLessonsLoaded& action) {
  const CourseLessons& lessons = action.lessons;
  const std::string key = lessons.course_id + "|" + lessons.language + "|" + lessons.person_id;
  if (key != state.lesson.course_lessons_key || key != CourseLessonsKey(state)) {
    return {};  // another course, language or person by now
  }
  state.lesson.course_lessons = lessons;
  return {};
}

std::vector<Effect> ReduceLesson(AppState& state, const LessonProgressSaved& action) {
  auto& list = state.lesson.course_lessons;
  if (!list || action.person_id.empty() || action.person_id != PersonId(state)) {
    return {};
  }
  for (LessonListItem& item : list->lessons) {
    if (item.lesson_id == action.lesson_id) {
      item.started = true;
      item.completed = action.completed;
      item.best_score = action.best_score;
      item.passed = action.completed && action.best_score >= list->passing_score;
      item.resume =
          ClampToCounts(core::DecodeLessonPosition(action.page), item.pages, item.questions);
    }
  }
  return {};
}

std::vector<Effect> ReduceLesson(AppState& state, const LessonSaveFailed& action) {
  if (state.person) {
    state.notice_key = action.notice_key;
  }
  return {};
}

std::vector<Effect> ReduceLesson(AppState& state, const ProgressLoaded& action) {
  const ProgressView& progress = action.progress;
  if (state.screen != Screen::kProgress ||
      progress.person_id + "|" + progress.language != state.lesson.progress_key ||
      state.lesson.progress_key != ProgressKey(state)) {
    return {};
  }
  state.lesson.progress = progress;
  return {};
}

// [SECTION] Hooks

std::optional<std::vector<Effect>> BackOnLessonScreen(AppState& state) {
  if (state.screen == Screen::kLesson) {
    state.lesson.player.reset();
    state.lesson.course_lessons_key.clear();  // marks changed: the list is read again
    state.screen = Screen::kCourse;
    if (state.course_requested_id.empty()) {
      return std::vector<Effect>{};
    }
    state.course_loading = true;  // seats and the language may have changed meanwhile
    return std::vector<Effect>{LoadCourse{state.course_requested_id, state.language}};
  }
  if (state.screen == Screen::kProgress) {
    state.lesson.progress.reset();
    state.lesson.progress_key.clear();
    const Screen back = state.lesson.progress_return;
    const bool course_gone = back == Screen::kCourse && state.course_requested_id.empty();
    state.screen = course_gone ? Screen::kCatalog : back;
    if (state.screen == Screen::kCatalog && state.catalog.empty() && !state.catalog_loading) {
      state.catalog_loading = true;
      return std::vector<Effect>{LoadCatalog{state.language}};
    }
    return std::vector<Effect>{};
  }
  return std::nullopt;
}

void FollowLessons(AppState& state, const Action& action, std::vector<Effect>& effects) {
  LessonState& lesson = state.lesson;
  FollowCertificateNotice(state);
  if (const auto* sync = FindMessage<SyncStatusChanged>(action); sync && sync->data_changed) {
    lesson.course_lessons_key.clear();
    lesson.progress_key.clear();
  }
  if (lesson.course_lessons && lesson.course_lessons->course_id != state.course_requested_id) {
    lesson.course_lessons.reset();
    lesson.course_lessons_key.clear();
  }
  if (state.screen == Screen::kCourse && !state.course_requested_id.empty() &&
      lesson.course_lessons_key != CourseLessonsKey(state)) {
    lesson.course_lessons_key = CourseLessonsKey(state);
    effects.push_back(
        LoadCourseLessons{state.course_requested_id, state.language, PersonId(state)});
  }
  if (state.screen == Screen::kLesson && lesson.player &&
      lesson.player->language != state.language) {
    lesson.player->language = state.language;
    const int version = lesson.player->content ? lesson.player->content->pack_version : 0;
    effects.push_back(LoadLesson{lesson.player->course_id, lesson.player->lesson_id, state.language,
                                 lesson.player->person_id, version});
  }
  if (state.screen == Screen::kProgress && state.person &&
      lesson.progress_key != ProgressKey(state)) {
    lesson.progress_key = ProgressKey(state);
    effects.push_back(LoadProgress{state.person->id, state.language});
  }
}

}  // namespace raida::kiosk
