// A lesson's questions and its end.
//
// Single choice and yes/no answer on the tap (one tap, one answer). Multiple choice ticks
// options (☐/☑, never colour alone) until "Check my answer". Order questions are tapped step by
// step: each tapped step shows its number, "Start again" forgets them, and "Check my answer"
// comes once every step has a number. Feedback is gentle: "That's right!" in the calm green of
// the palette, or "Not quite." in ordinary text with the right answer in words — never red,
// never a cross. The lesson end says the score in words and, below the pass mark, invites the
// person to read again or try the questions again without hurry.
#include <imgui.h>

#include <algorithm>
#include <string>
#include <vector>

#include "kiosk/ui/lesson_widgets.h"

namespace raida::kiosk {
namespace {

const std::string& OptionText(const QuizQuestionView& question, const std::string& id,
                              const ScreenContext& ctx) {
  if (question.kind == core::QuestionKind::kYesNo) {
    return Tr(ctx, id == "yes" ? "lesson.yes" : "lesson.no");
  }
  for (const QuizOptionView& option : question.options) {
    if (option.id == id) {
      return option.text;
    }
  }
  return id;
}

// The right answer in words: "b", "a, c" or "1. x  2. y  3. z".
std::string RightAnswer(const QuizQuestionView& question, const ScreenContext& ctx) {
  std::string text;
  for (size_t i = 0; i < question.answer.size(); ++i) {
    if (question.kind == core::QuestionKind::kOrder) {
      text += (i > 0 ? "   " : "") + std::to_string(i + 1) + ". ";
    } else if (i > 0) {
      text += "; ";
    }
    text += OptionText(question, question.answer[i], ctx);
  }
  return text;
}

void DrawFeedback(const LessonView& player, const QuizQuestionView& question,
                  const ScreenContext& ctx) {
  const Palette& p = ctx.theme.palette;
  BeginCard(ctx);
  if (player.answered_right) {
    Paragraph(ctx, "lesson.feedback.verdict", Tr(ctx, "lesson.right"), p.good_text,
              FontRole::kHeading);
  } else {
    Paragraph(ctx, "lesson.feedback.verdict", Tr(ctx, "lesson.not_quite"), p.text,
              FontRole::kHeading);
    Paragraph(ctx, "lesson.feedback.answer",
              TrFormat(ctx, "lesson.right_answer", {{"answer", RightAnswer(question, ctx)}}),
              p.text, FontRole::kLabel);
  }
  if (!question.feedback.empty()) {
    SpacedParagraph(ctx, "lesson.feedback.text", question.feedback, ctx.Font(FontRole::kBody),
                    kLessonLinePitch, ImGui::GetContentRegionAvail().x, p.text);
  }
  EndCard(ctx);
}

// The label of an option: ticked or not (multiple), its place in the order (order).
std::string OptionLabel(const LessonView& player, const QuizQuestionView& question,
                        const QuizOptionView& option) {
  const auto& choice = player.choice;
  const auto found = std::find(choice.begin(), choice.end(), option.id);
  if (question.kind == core::QuestionKind::kMultiple) {
    return (found != choice.end() ? "\u2611 " : "\u2610 ") + option.text;
  }
  if (question.kind == core::QuestionKind::kOrder && found != choice.end()) {
    return std::to_string(found - choice.begin() + 1) + ". " + option.text;
  }
  return option.text;
}

void DrawYesNo(const ScreenContext& ctx, const Dispatch& dispatch) {
  const Metrics& m = ctx.theme.metrics;
  const float width = (ImGui::GetContentRegionAvail().x - m.gap * 3.0f) * 0.5f;
  if (BigButton(ctx, Tr(ctx, "lesson.yes"), "lesson.option.yes", ButtonKind::kSecondary,
                ImVec2(width, m.primary * 1.5f))) {
    dispatch(ChooseOption{"yes"});
  }
  ImGui::SameLine(0.0f, m.gap * 3.0f);
  if (BigButton(ctx, Tr(ctx, "lesson.no"), "lesson.option.no", ButtonKind::kSecondary,
                ImVec2(width, m.primary * 1.5f))) {
    dispatch(ChooseOption{"no"});
  }
}

void DrawOptions(const LessonView& player, const QuizQuestionView& question,
                 const ScreenContext& ctx, const Dispatch& dispatch) {
  const float width = ImGui::GetContentRegionAvail().x;
  for (const QuizOptionView& option : question.options) {
    const bool chosen =
        std::find(player.choice.begin(), player.choice.end(), option.id) != player.choice.end();
    ButtonKind kind = chosen ? ButtonKind::kSelected : ButtonKind::kSecondary;
    if (question.kind == core::QuestionKind::kOrder && chosen) {
      kind = ButtonKind::kSelected;  // tapped already: its number shows; tapping again is a no-op
    }
    if (ChoiceButton(ctx, "lesson.option." + option.id, OptionLabel(player, question, option), kind,
                     width)) {
      dispatch(ChooseOption{option.id});
    }
  }
}

void DrawCheckRow(const LessonView& player, const QuizQuestionView& question,
                  const ScreenContext& ctx, const Dispatch& dispatch) {
  const Metrics& m = ctx.theme.metrics;
  if (question.kind == core::QuestionKind::kOrder) {
    if (BigButton(ctx, Tr(ctx, "lesson.start_again"), "lesson.start_again",
                  player.choice.empty() ? ButtonKind::kDisabled : ButtonKind::kSecondary,
                  ImVec2(0.0f, m.primary))) {
      dispatch(ClearChoice{});
    }
    ImGui::SameLine(0.0f, m.gap * 2.0f);
  }
  const bool ready = question.kind == core::QuestionKind::kMultiple
                         ? !player.choice.empty()
                         : player.choice.size() == question.options.size();
  if (BigButton(ctx, Tr(ctx, "lesson.check"), "lesson.check",
                ready ? ButtonKind::kPrimary : ButtonKind::kDisabled)) {
    dispatch(CheckAnswer{});
  }
}

int RightCount(uint32_t mask, size_t questions) {
  int right = 0;
  for (size_t i = 0; i < questions && i < 32; ++i) {
    right += (mask >> i) & 1u ? 1 : 0;
  }
  return right;
}

// The lesson that follows `lesson_id` in the course's list, or nullptr.
const LessonListItem* NextLesson(const AppState& state, const std::string& lesson_id) {
  const auto& list = state.lesson.course_lessons;
  if (!list) {
    return nullptr;
  }
  for (size_t i = 0; i + 1 < list->lessons.size(); ++i) {
    if (list->lessons[i].lesson_id == lesson_id) {
      return &list->lessons[i + 1];
    }
  }
  return nullptr;
}

}  // namespace

void DrawQuestion(const LessonView& player, const QuizQuestionView& question, bool slow,
                  const ScreenContext& ctx, const Dispatch& dispatch) {
  const Palette& p = ctx.theme.palette;
  const float width = ImGui::GetContentRegionAvail().x;
  ImFont* font =
      slow ? KioskFont(TextSize::kLargest, FontRole::kLabel) : ctx.Font(FontRole::kLabel);
  SpacedParagraph(ctx, "lesson.prompt", question.prompt, font,
                  slow ? kSlowLinePitch : kLessonLinePitch, width, p.text);
  if (player.answered) {
    DrawFeedback(player, question, ctx);
    return;
  }
  if (question.kind == core::QuestionKind::kMultiple) {
    Paragraph(ctx, "lesson.hint", Tr(ctx, "lesson.choose_many"), p.text);
  } else if (question.kind == core::QuestionKind::kOrder) {
    Paragraph(ctx, "lesson.hint", Tr(ctx, "lesson.choose_order"), p.text);
  }
  if (question.kind == core::QuestionKind::kYesNo) {
    DrawYesNo(ctx, dispatch);
    return;
  }
  DrawOptions(player, question, ctx, dispatch);
  if (question.kind == core::QuestionKind::kMultiple ||
      question.kind == core::QuestionKind::kOrder) {
    DrawCheckRow(player, question, ctx, dispatch);
  }
}

void DrawLessonEnd(const AppState& state, const LessonView& player, const ScreenContext& ctx,
                   const Dispatch& dispatch) {
  const Palette& p = ctx.theme.palette;
  const Metrics& m = ctx.theme.metrics;
  const size_t questions = player.content->questions.size();
  Paragraph(ctx, "lesson.end.title", Tr(ctx, "lesson.end.title"), p.text, FontRole::kHeading);
  if (questions > 0) {
    Paragraph(
        ctx, "lesson.end.score",
        TrFormat(ctx, "lesson.end.score",
                 {{"right", std::to_string(RightCount(player.position.right_mask, questions))},
                  {"total", std::to_string(questions)},
                  {"score", std::to_string(player.score)}}),
        p.text);
  }
  if (player.passed) {
    Paragraph(ctx, "lesson.end.verdict", Tr(ctx, "lesson.end.passed"), p.good_text,
              FontRole::kLabel);
  } else {
    Paragraph(ctx, "lesson.end.verdict",
              TrFormat(ctx, "lesson.end.try_again",
                       {{"passing", std::to_string(player.content->passing_score)}}),
              p.text);
  }
  if (player.person_id.empty()) {
    Paragraph(ctx, "lesson.end.guest", Tr(ctx, "lesson.end.guest"), p.text);
  }
  ImGui::Dummy(ImVec2(0.0f, m.gap));
  if (!player.passed && questions > 0) {
    if (BigButton(ctx, Tr(ctx, "lesson.end.retry"), "lesson.end.retry", ButtonKind::kPrimary)) {
      dispatch(RetryQuiz{});
    }
    ImGui::SameLine(0.0f, m.gap * 2.0f);
  }
  if (BigButton(ctx, Tr(ctx, "lesson.end.reread"), "lesson.end.reread", ButtonKind::kSecondary,
                ImVec2(0.0f, m.primary))) {
    dispatch(RereadLesson{});
  }
  if (const LessonListItem* next = NextLesson(state, player.lesson_id)) {
    if (BigButton(ctx, Tr(ctx, "lesson.end.next_lesson"), "lesson.end.next_lesson",
                  player.passed ? ButtonKind::kPrimary : ButtonKind::kSecondary)) {
      dispatch(OpenLesson{next->lesson_id});
    }
    ImGui::SameLine(0.0f, m.gap * 2.0f);
  }
  if (BigButton(ctx, Tr(ctx, "lesson.end.to_list"), "lesson.end.to_list", ButtonKind::kSecondary,
                ImVec2(0.0f, m.primary))) {
    dispatch(GoBack{});
  }
}

}  // namespace raida::kiosk
