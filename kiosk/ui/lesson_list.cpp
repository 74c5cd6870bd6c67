// The course page's "Lessons" section: a card per lesson with its length, the person's mark and
// one big button. A guest is told in plain words that nothing is kept, with a way to sign in;
// a signed-in person gets "My progress".
#include <imgui.h>

#include <algorithm>
#include <string>

#include "kiosk/ui/lesson_screens.h"

namespace raida::kiosk {
namespace {

// Where the person stands in the lesson, in words ("" for a lesson not started).
std::string Mark(const LessonListItem& item, const ScreenContext& ctx) {
  if (item.passed) {
    return TrFormat(ctx, "lesson.item.passed", {{"score", std::to_string(item.best_score)}});
  }
  if (item.completed) {
    return TrFormat(ctx, "lesson.item.not_passed", {{"score", std::to_string(item.best_score)}});
  }
  if (!item.started) {
    return "";
  }
  if (item.resume.in_quiz) {
    return TrFormat(ctx, "lesson.item.at_question",
                    {{"question", std::to_string(item.resume.index + 1)},
                     {"questions", std::to_string(item.questions)}});
  }
  return TrFormat(
      ctx, "lesson.item.at_page",
      {{"page", std::to_string(item.resume.index + 1)}, {"pages", std::to_string(item.pages)}});
}

const char* ButtonKey(const LessonListItem& item) {
  if (item.completed) {
    return "lesson.item.again";
  }
  return item.started ? "lesson.item.continue" : "lesson.item.start";
}

void DrawItem(const LessonListItem& item, const ScreenContext& ctx, const Dispatch& dispatch) {
  const Metrics& m = ctx.theme.metrics;
  const Palette& p = ctx.theme.palette;
  const float button_width =
      std::max({ButtonWidth(ctx, Tr(ctx, "lesson.item.start")),
                ButtonWidth(ctx, Tr(ctx, "lesson.item.continue")),
                ButtonWidth(ctx, Tr(ctx, "lesson.item.again")), m.primary_width});
  BeginCard(ctx);
  const float text_width =
      ImGui::GetContentRegionAvail().x - button_width - 2.0f * m.gap - m.padding;
  const std::string id = "lesson.item." + item.lesson_id;
  ImGui::BeginGroup();
  Paragraph(ctx, id + ".title", item.title, p.text, FontRole::kLabel, text_width);
  Paragraph(ctx, id + ".minutes",
            TrFormat(ctx, "lesson.item.minutes", {{"minutes", std::to_string(item.minutes)}}),
            p.text, FontRole::kBody, text_width);
  const std::string mark = Mark(item, ctx);
  if (!mark.empty()) {
    Paragraph(ctx, id + ".mark", mark, item.passed ? p.good_text : p.text, FontRole::kBody,
              text_width);
  }
  ImGui::EndGroup();
  ImGui::SameLine(ImGui::GetContentRegionMax().x - button_width - m.gap);
  if (BigButton(ctx, Tr(ctx, ButtonKey(item)), "lesson.open." + item.lesson_id,
                ButtonKind::kPrimary, ImVec2(button_width, m.primary))) {
    dispatch(OpenLesson{item.lesson_id});
  }
  EndCard(ctx);
}

}  // namespace

void DrawCourseLessons(const AppState& state, const ScreenContext& ctx, const Dispatch& dispatch) {
  const auto& list = state.lesson.course_lessons;
  if (!list || list->lessons.empty() || list->course_id != state.course_requested_id) {
    return;
  }
  const Palette& p = ctx.theme.palette;
  Paragraph(ctx, "lesson.section.title", Tr(ctx, "lesson.section.title"), p.text,
            FontRole::kHeading);
  if (state.person) {
    if (BigButton(ctx, Tr(ctx, "lesson.section.my_progress"), "lesson.section.my_progress",
                  ButtonKind::kSecondary)) {
      dispatch(OpenProgress{});
    }
  } else {
    Paragraph(ctx, "lesson.section.guest", Tr(ctx, "lesson.section.guest"), p.text);
    if (BigButton(ctx, Tr(ctx, "lesson.section.sign_in"), "lesson.section.sign_in",
                  ButtonKind::kSecondary)) {
      dispatch(SignInToSaveProgress{});
    }
  }
  for (const LessonListItem& item : list->lessons) {
    DrawItem(item, ctx, dispatch);
  }
}

}  // namespace raida::kiosk
