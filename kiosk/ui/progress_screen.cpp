// "My progress": for each course the signed-in person has started lessons in, how many lessons
// they passed of the course's total, the time spent, and each lesson's best score in words.
// Certificates come with their own issue; this screen shows only what exists.
#include <imgui.h>

#include <string>

#include "kiosk/ui/lesson_screens.h"

namespace raida::kiosk {
namespace {

std::string Minutes(int seconds) { return std::to_string((seconds + 59) / 60); }

std::string LessonLine(const ProgressLessonView& lesson, const ScreenContext& ctx) {
  const std::string score = std::to_string(lesson.best_score);
  if (lesson.passed) {
    return TrFormat(ctx, "progress.lesson.passed", {{"title", lesson.title}, {"score", score}});
  }
  if (lesson.completed) {
    return TrFormat(ctx, "progress.lesson.not_passed", {{"title", lesson.title}, {"score", score}});
  }
  return TrFormat(ctx, "progress.lesson.started", {{"title", lesson.title}});
}

void DrawCourse(const ProgressCourseView& course, const ScreenContext& ctx) {
  const Palette& p = ctx.theme.palette;
  const std::string id = "progress.course." + course.course_id;
  BeginCard(ctx);
  Paragraph(ctx, id + ".title", course.title, p.text, FontRole::kLabel);
  Paragraph(ctx, id + ".passed",
            TrFormat(ctx, "progress.course.passed",
                     {{"passed", std::to_string(course.lessons_passed)},
                      {"total", std::to_string(course.lessons_total)}}),
            p.text);
  Paragraph(ctx, id + ".time",
            TrFormat(ctx, "progress.course.time", {{"minutes", Minutes(course.seconds)}}), p.text);
  for (const ProgressLessonView& lesson : course.lessons) {
    Paragraph(ctx, id + ".lesson." + lesson.lesson_id, LessonLine(lesson, ctx),
              lesson.passed ? p.good_text : p.text);
  }
  EndCard(ctx);
}

}  // namespace

void DrawProgressScreen(const AppState& state, ProgressUi& ui, const ScreenContext& ctx,
                        const Dispatch& dispatch) {
  const Palette& p = ctx.theme.palette;
  NavBar(ctx, dispatch);
  Heading(ctx, "progress.title", Tr(ctx, "progress.title"));
  const auto& progress = state.lesson.progress;
  if (!progress) {
    Paragraph(ctx, "progress.loading", Tr(ctx, "common.loading"), p.text);
    return;
  }
  if (progress->courses.empty()) {
    Paragraph(ctx, "progress.empty", Tr(ctx, "progress.empty"), p.text);
    return;
  }
  BeginPagedList(ctx, "progress.list", ui.list, ImGui::GetContentRegionAvail().y);
  for (const ProgressCourseView& course : progress->courses) {
    DrawCourse(course, ctx);
  }
  EndPagedList(ctx, "progress.list", ui.list);
}

}  // namespace raida::kiosk
