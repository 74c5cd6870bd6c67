// "My courses": the signed-in person's sign-ups, newest first, each with the course, the date and
// place, and its status in plain words. A request is honestly called a request: the district
// office decides the seat when this kiosk next connects. Cancel asks first ("Do you want to
// cancel ...?" with the safe answer on the left); afterwards a banner offers Undo for a while.
#include <imgui.h>

#include <algorithm>
#include <string>

#include "kiosk/ui/screens.h"

namespace raida::kiosk {
namespace {

bool Cancellable(const std::string& status) {
  return status == "requested" || status == "confirmed" || status == "waitlisted";
}

// "mycourses.status.requested" etc.; unknown statuses read as a request.
std::string StatusKey(const std::string& status) {
  for (const char* known :
       {"requested", "confirmed", "waitlisted", "cancelled", "attended", "completed"}) {
    if (status == known) {
      return std::string("mycourses.status.") + known;
    }
  }
  return "mycourses.status.requested";
}

const MyCourseView* Find(const AppState& state, const std::string& enrollment_id) {
  for (const MyCourseView& course : state.my_courses) {
    if (course.enrollment_id == enrollment_id) {
      return &course;
    }
  }
  return nullptr;
}

std::string Title(const ScreenContext& ctx, const MyCourseView* course) {
  return course == nullptr || course->course_title.empty() ? Tr(ctx, "mycourses.unknown_course")
                                                           : course->course_title;
}

void DrawUndoBanner(const AppState& state, const ScreenContext& ctx, const Dispatch& dispatch) {
  const Metrics& m = ctx.theme.metrics;
  const std::string& undo = Tr(ctx, "mycourses.undo");
  const float button = std::max(ButtonWidth(ctx, undo), m.primary_width);
  const std::string text =
      TrFormat(ctx, "mycourses.cancelled_banner",
               {{"course", Title(ctx, Find(state, state.undo->enrollment_id))}});
  BeginCard(ctx);
  Paragraph(ctx, "mycourses.cancelled_banner", text, ctx.theme.palette.text, FontRole::kLabel,
            ImGui::GetContentRegionAvail().x - button - 2.0f * m.gap - m.padding);
  ImGui::SameLine(ImGui::GetContentRegionMax().x - button - m.gap);
  if (BigButton(ctx, undo, "mycourses.undo", ButtonKind::kPrimary, ImVec2(button, m.primary))) {
    dispatch(UndoCancel{});
  }
  EndCard(ctx);
}

void DrawCourse(const AppState& state, const ScreenContext& ctx, const MyCourseView& course,
                const Dispatch& dispatch) {
  const Metrics& m = ctx.theme.metrics;
  const Palette& p = ctx.theme.palette;
  const std::string& cancel = Tr(ctx, "mycourses.cancel");
  const float button = std::max(ButtonWidth(ctx, cancel), m.target);
  const std::string id = "mycourses.course." + course.enrollment_id;
  BeginCard(ctx);
  const float width = ImGui::GetContentRegionAvail().x - button - 2.0f * m.gap - m.padding;
  ImGui::BeginGroup();
  Paragraph(ctx, id + ".title", Title(ctx, &course), p.text, FontRole::kLabel, width);
  std::string when = FormatDate(ctx, course.starts_on);
  if (!course.place.empty()) {
    when += when.empty() ? course.place : ", " + course.place;
  }
  if (!when.empty()) {
    Paragraph(ctx, id + ".when", when, p.text, FontRole::kBody, width);
  }
  const bool good =
      course.status == "confirmed" || course.status == "attended" || course.status == "completed";
  Paragraph(ctx, id + ".status", Tr(ctx, StatusKey(course.status).c_str()),
            good ? p.good_text : p.text, FontRole::kBody, width);
  ImGui::EndGroup();
  if (Cancellable(course.status)) {
    ImGui::SameLine(ImGui::GetContentRegionMax().x - button - m.gap);
    const bool busy = !state.cancelling_id.empty();
    if (BigButton(ctx, cancel, "mycourses.cancel." + course.enrollment_id,
                  busy ? ButtonKind::kDisabled : ButtonKind::kSecondary, ImVec2(button, 0.0f))) {
      dispatch(AskCancel{course.enrollment_id});
    }
  }
  EndCard(ctx);
}

void DrawConfirm(const AppState& state, const ScreenContext& ctx, const Dispatch& dispatch) {
  const std::string message = TrFormat(
      ctx, "mycourses.confirm", {{"course", Title(ctx, Find(state, state.cancel_asking_id))}});
  const DialogAnswer answer =
      ConfirmDialog(ctx, "mycourses.confirm", message, Tr(ctx, "mycourses.confirm.yes"),
                    Tr(ctx, "mycourses.confirm.no"));
  if (answer != DialogAnswer::kNone) {
    dispatch(AnswerCancel{answer == DialogAnswer::kYes});
  }
}

}  // namespace

void DrawMyCoursesScreen(const AppState& state, MyCoursesUi& ui, const ScreenContext& ctx,
                         const Dispatch& dispatch) {
  const Palette& p = ctx.theme.palette;
  NavBar(ctx, dispatch);
  if (state.person && !state.person->given_name.empty()) {
    Heading(ctx, "mycourses.title",
            TrFormat(ctx, "mycourses.title_named", {{"name", state.person->given_name}}));
  } else {
    Heading(ctx, "mycourses.title", Tr(ctx, "mycourses.title"));
  }
  if (state.undo) {
    DrawUndoBanner(state, ctx, dispatch);
  }
  if (state.my_courses_loading && state.my_courses.empty()) {
    Paragraph(ctx, "mycourses.loading", Tr(ctx, "common.loading"), p.text);
  } else if (state.my_courses.empty()) {
    Paragraph(ctx, "mycourses.empty", Tr(ctx, "mycourses.empty"), p.text);
  } else {
    BeginPagedList(ctx, "mycourses.list", ui.list, ImGui::GetContentRegionAvail().y);
    Paragraph(ctx, "mycourses.pending_note", Tr(ctx, "mycourses.pending_note"), p.text);
    for (const MyCourseView& course : state.my_courses) {
      DrawCourse(state, ctx, course, dispatch);
    }
    EndPagedList(ctx, "mycourses.list", ui.list);
  }
  if (!state.cancel_asking_id.empty()) {
    DrawConfirm(state, ctx, dispatch);
  }
}

}  // namespace raida::kiosk
