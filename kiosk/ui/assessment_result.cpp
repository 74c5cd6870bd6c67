// The self-assessment's result in plain words: what the person likes most (each top area's name,
// description and kinds of work), or that nothing stands out yet; the suggested courses, each a
// card with its title, summary and a big Open; whether the answers are kept for the coordinator;
// and "Answer again". The page scrolls with ▲/▼ when it is taller than the screen.
#include <imgui.h>

#include <algorithm>
#include <string>

#include "kiosk/ui/assessment_ui.h"
#include "raida/core/riasec.h"

namespace raida::kiosk {
namespace {

void DrawArea(const ScreenContext& ctx, const core::RiasecContent& content,
              const core::RiasecResult& result, core::RiasecArea area) {
  const Palette& p = ctx.theme.palette;
  const core::RiasecAreaInfo& info = core::AreaInfo(content, area);
  const std::string id = std::string("assessment.area.") + core::RiasecAreaName(area);
  BeginCard(ctx);
  Paragraph(ctx, id + ".name", core::Localize(info.name, ctx.language), p.text, FontRole::kLabel);
  Paragraph(ctx, id + ".description", core::Localize(info.description, ctx.language), p.text);
  Paragraph(ctx, id + ".work_title", Tr(ctx, "assessment.result.work"), p.text, FontRole::kLabel);
  for (const core::RiasecWork& work : info.work) {
    if (std::find(result.work.begin(), result.work.end(), work.id) != result.work.end()) {
      Paragraph(ctx, "assessment.work." + work.id,
                "\u2022 " + core::Localize(work.text, ctx.language), p.text);
    }
  }
  EndCard(ctx);
}

void DrawAreas(const AppState& state, const ScreenContext& ctx) {
  const Palette& p = ctx.theme.palette;
  const core::RiasecResult& result = *state.assessment.result;
  switch (result.status) {
    case core::RiasecStatus::kTopAreas: {
      Paragraph(ctx, "assessment.result.top", Tr(ctx, "assessment.result.top"), p.text,
                FontRole::kHeading);
      for (core::RiasecArea area : result.top) {
        DrawArea(ctx, *state.assessment.content, result, area);
      }
      break;
    }
    case core::RiasecStatus::kNoClearInterest: {
      Paragraph(ctx, "assessment.result.no_clear", Tr(ctx, "assessment.result.no_clear"), p.text);
      break;
    }
    case core::RiasecStatus::kNotEnoughAnswers: {
      Paragraph(ctx, "assessment.result.not_enough", Tr(ctx, "assessment.result.not_enough"),
                p.text);
      break;
    }
  }
}

// A suggested course as the catalog shows it, with a big Open.
void DrawCourse(const ScreenContext& ctx, const CourseCard& course, const Dispatch& dispatch) {
  const Metrics& m = ctx.theme.metrics;
  const Palette& p = ctx.theme.palette;
  const std::string& open = Tr(ctx, "catalog.open");
  const float open_width = std::max(ButtonWidth(ctx, open), m.primary_width);
  BeginCard(ctx);
  const float text_width = ImGui::GetContentRegionAvail().x - open_width - 2.0f * m.gap - m.padding;
  const std::string id = "assessment.course." + course.id;
  ImGui::BeginGroup();
  Paragraph(ctx, id + ".title", course.title, p.text, FontRole::kLabel, text_width);
  if (!course.summary.empty()) {
    Paragraph(ctx, id + ".summary", course.summary, p.text, FontRole::kBody, text_width);
  }
  ImGui::EndGroup();
  ImGui::SameLine(ImGui::GetContentRegionMax().x - open_width - m.gap);
  if (BigButton(ctx, open, "assessment.open." + course.id, ButtonKind::kPrimary,
                ImVec2(open_width, m.primary))) {
    dispatch(OpenSuggestedCourse{course.id});
  }
  EndCard(ctx);
}

// The suggested courses this kiosk's catalog has (in the result's order).
void DrawCourses(const AppState& state, const ScreenContext& ctx, const Dispatch& dispatch) {
  const Palette& p = ctx.theme.palette;
  Paragraph(ctx, "assessment.result.courses", Tr(ctx, "assessment.result.courses"), p.text,
            FontRole::kHeading);
  int shown = 0;
  for (const std::string& course_id : state.assessment.result->courses) {
    const auto card =
        std::find_if(state.catalog.begin(), state.catalog.end(),
                     [&](const CourseCard& course) { return course.id == course_id; });
    if (card != state.catalog.end()) {
      DrawCourse(ctx, *card, dispatch);
      ++shown;
    }
  }
  if (shown == 0) {
    Paragraph(ctx, "assessment.result.no_courses", Tr(ctx, "assessment.result.no_courses"), p.text);
  }
}

void DrawKeeping(const AppState& state, const ScreenContext& ctx, const Dispatch& dispatch) {
  const Palette& p = ctx.theme.palette;
  const Metrics& m = ctx.theme.metrics;
  ImGui::Dummy(ImVec2(0.0f, m.gap));
  if (state.person) {
    Paragraph(ctx, "assessment.result.saved", Tr(ctx, "assessment.result.saved"), p.text,
              FontRole::kLabel);
  } else {
    Paragraph(ctx, "assessment.result.guest", Tr(ctx, "assessment.result.guest"), p.text,
              FontRole::kLabel);
    if (BigButton(ctx, Tr(ctx, "assessment.sign_in"), "assessment.sign_in", ButtonKind::kSecondary,
                  ImVec2(0.0f, m.primary))) {
      dispatch(SignInToKeepAssessment{});
    }
  }
  if (BigButton(ctx, Tr(ctx, "assessment.result.again"), "assessment.again", ButtonKind::kSecondary,
                ImVec2(0.0f, m.primary))) {
    dispatch(RestartAssessment{});
  }
}

}  // namespace

void DrawAssessmentResult(const AppState& state, AssessmentUi& ui, const ScreenContext& ctx,
                          const Dispatch& dispatch) {
  if (!state.assessment.result) {
    return;
  }
  Heading(ctx, "assessment.result.title", Tr(ctx, "assessment.result.title"));
  BeginPagedList(ctx, "assessment.page", ui.page, ImGui::GetContentRegionAvail().y);
  DrawAreas(state, ctx);
  DrawCourses(state, ctx, dispatch);
  DrawKeeping(state, ctx, dispatch);
  EndPagedList(ctx, "assessment.page", ui.page);
}

}  // namespace raida::kiosk
