// "My progress": the signed-in person's certificates (course, date and code), then for each
// course they have started lessons in: how many lessons they passed of the course's total, the
// time spent, each lesson's best score in words, and either that the course is finished or what
// is still missing before its certificate ("lessons to pass: 2"). Also the notice that tells a
// person their certificate was just issued, with its code.
#include <imgui.h>

#include <string>

#include "kiosk/state/reduce_lesson.h"
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

// "✓ You finished this course", or what is still missing before the certificate (nothing when
// that is not known).
void DrawCourseState(const ProgressCourseView& course, const std::string& id,
                     const ScreenContext& ctx) {
  const Palette& p = ctx.theme.palette;
  if (course.certified) {
    Paragraph(ctx, id + ".certified", Tr(ctx, "progress.course.certified"), p.good_text);
    return;
  }
  if (course.lessons_missing == 0 && course.sessions_missing == 0) {
    return;
  }
  Paragraph(ctx, id + ".missing", Tr(ctx, "progress.missing"), p.text, FontRole::kLabel);
  if (course.lessons_missing > 0) {
    Paragraph(ctx, id + ".missing.lessons",
              "\u2013 " + TrFormat(ctx, "progress.missing.lessons",
                                   {{"count", std::to_string(course.lessons_missing)}}),
              p.text);
  }
  if (course.sessions_missing > 0) {
    Paragraph(ctx, id + ".missing.sessions",
              "\u2013 " + TrFormat(ctx, "progress.missing.sessions",
                                   {{"count", std::to_string(course.sessions_missing)}}),
              p.text);
  }
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
  DrawCourseState(course, id, ctx);
  EndCard(ctx);
}

void DrawCertificate(const CertificateNoticeView& certificate, const ScreenContext& ctx) {
  const Palette& p = ctx.theme.palette;
  const std::string id = "progress.certificate." + certificate.course_id;
  BeginCard(ctx);
  Paragraph(ctx, id + ".course", certificate.course_title, p.text, FontRole::kLabel);
  Paragraph(ctx, id + ".issued",
            TrFormat(ctx, "progress.certificate.issued",
                     {{"date", FormatDate(ctx, certificate.issued_on)}}),
            p.text);
  Paragraph(ctx, id + ".code",
            TrFormat(ctx, "progress.certificate.code", {{"code", certificate.code}}), p.text,
            FontRole::kLabel);
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
  if (progress->courses.empty() && progress->certificates.empty()) {
    Paragraph(ctx, "progress.empty", Tr(ctx, "progress.empty"), p.text);
    return;
  }
  BeginPagedList(ctx, "progress.list", ui.list, ImGui::GetContentRegionAvail().y);
  if (!progress->certificates.empty()) {
    Paragraph(ctx, "progress.certificates.title", Tr(ctx, "progress.certificates.title"), p.text,
              FontRole::kHeading);
    for (const CertificateNoticeView& certificate : progress->certificates) {
      DrawCertificate(certificate, ctx);
    }
    if (!progress->courses.empty()) {
      Paragraph(ctx, "progress.courses.title", Tr(ctx, "progress.courses.title"), p.text,
                FontRole::kHeading);
    }
  }
  for (const ProgressCourseView& course : progress->courses) {
    DrawCourse(course, ctx);
  }
  EndPagedList(ctx, "progress.list", ui.list);
}

bool DrawCertificateNotice(const AppState& state, const ScreenContext& ctx,
                           const Dispatch& dispatch) {
  const auto& certificate = state.lesson.certificate_notice;
  if (state.notice_key != kCertificateIssuedKey || !certificate) {
    return false;
  }
  const Palette& p = ctx.theme.palette;
  Paragraph(ctx, "notice.text",
            TrFormat(ctx, "lesson.certificate.issued",
                     {{"course", certificate->course_title}, {"code", certificate->code}}),
            p.text, FontRole::kHeading);
  ImGui::Dummy(ImVec2(0.0f, ctx.theme.metrics.gap));
  Paragraph(ctx, "notice.code", certificate->code, p.good_text, FontRole::kHeading);
  ImGui::Dummy(ImVec2(0.0f, ctx.theme.metrics.gap));
  if (BigButton(ctx, Tr(ctx, "common.ok"), "notice.ok", ButtonKind::kPrimary)) {
    dispatch(DismissNotice{});
  }
  return true;
}

}  // namespace raida::kiosk
