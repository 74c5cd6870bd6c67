// One course: what it is about, how long it takes, what to bring, and when and where it runs at
// this center, with the free seats as this kiosk knows them and a big Sign up on each offering.
//
// An offering with no free seat says so in words and its button reads "Full" and does nothing:
// being honest beats a sign-up that the district office would have to refuse later.
#include <imgui.h>

#include <algorithm>
#include <string>

#include "kiosk/ui/assessment_ui.h"
#include "kiosk/ui/screens.h"

namespace raida::kiosk {
namespace {

int FreeSeats(const OfferingView& offering) {
  return std::max(0, offering.capacity - offering.seats_taken);
}

void DrawOfferingDetails(const ScreenContext& ctx, const OfferingView& offering,
                         const std::string& id, float width) {
  const Palette& p = ctx.theme.palette;
  const std::string dates =
      offering.ends_on.empty() || offering.ends_on == offering.starts_on
          ? FormatDate(ctx, offering.starts_on)
          : FormatDate(ctx, offering.starts_on) + " \u2013 " + FormatDate(ctx, offering.ends_on);
  Paragraph(ctx, id + ".dates", dates, p.text, FontRole::kLabel, width);
  if (!offering.first_time.empty()) {
    Paragraph(ctx, id + ".time",
              TrFormat(ctx, "course.offering.time", {{"time", offering.first_time}}), p.text,
              FontRole::kBody, width);
  }
  if (offering.sessions > 0) {
    Paragraph(
        ctx, id + ".sessions",
        TrFormat(ctx, "course.offering.sessions", {{"count", std::to_string(offering.sessions)}}),
        p.text, FontRole::kBody, width);
  }
  if (!offering.place.empty()) {
    Paragraph(ctx, id + ".place",
              TrFormat(ctx, "course.offering.place", {{"place", offering.place}}), p.text,
              FontRole::kBody, width);
  }
  const int free = FreeSeats(offering);
  const std::string seats = free > 0 ? TrFormat(ctx, "course.offering.seats",
                                                {{"free", std::to_string(free)},
                                                 {"capacity", std::to_string(offering.capacity)}})
                                     : Tr(ctx, "course.offering.no_seats");
  Paragraph(ctx, id + ".seats", seats, free > 0 ? p.text : p.error_text, FontRole::kLabel, width);
}

void DrawOffering(const ScreenContext& ctx, const OfferingView& offering,
                  const Dispatch& dispatch) {
  const Metrics& m = ctx.theme.metrics;
  const bool full = FreeSeats(offering) == 0;
  const std::string& label = full ? Tr(ctx, "course.full") : Tr(ctx, "course.signup");
  const float button_width =
      std::max({ButtonWidth(ctx, Tr(ctx, "course.full")),
                ButtonWidth(ctx, Tr(ctx, "course.signup")), m.primary_width});
  BeginCard(ctx);
  const float text_width =
      ImGui::GetContentRegionAvail().x - button_width - 2.0f * m.gap - m.padding;
  const std::string id = "course.offering." + offering.id;
  ImGui::BeginGroup();
  DrawOfferingDetails(ctx, offering, id, text_width);
  ImGui::EndGroup();
  ImGui::SameLine(ImGui::GetContentRegionMax().x - button_width - m.gap);
  if (BigButton(ctx, label, "course.signup." + offering.id,
                full ? ButtonKind::kDisabled : ButtonKind::kPrimary,
                ImVec2(button_width, m.primary))) {
    dispatch(ChooseOffering{offering.id});
  }
  EndCard(ctx);
}

}  // namespace

void DrawCourseScreen(const AppState& state, CourseUi& ui, const ScreenContext& ctx,
                      const Dispatch& dispatch) {
  const Palette& p = ctx.theme.palette;
  NavBar(ctx, dispatch);
  if (!state.course.has_value()) {
    Paragraph(ctx, "course.loading", Tr(ctx, "common.loading"), p.text);
    return;
  }
  const CourseDetail& course = *state.course;
  if (ui.course_id != course.card.id) {
    ui.list = PagedScroll{};  // another course starts at its top
    ui.course_id = course.card.id;
  }
  Heading(ctx, "course.title", course.card.title);
  BeginPagedList(ctx, "course.list", ui.list, ImGui::GetContentRegionAvail().y);
  if (!course.card.summary.empty()) {
    Paragraph(ctx, "course.summary", course.card.summary, p.text);
  }
  if (course.card.id == kAssessmentCourseId) {
    DrawAssessmentEntry(ctx, dispatch);  // "What work suits me?" (assessment_ui.h)
  }
  if (course.card.hours > 0) {
    Paragraph(ctx, "course.hours",
              TrFormat(ctx, "course.hours", {{"hours", std::to_string(course.card.hours)}}),
              p.text);
  }
  if (!course.what_to_bring.empty()) {
    Paragraph(ctx, "course.what_to_bring.title", Tr(ctx, "course.what_to_bring"), p.text,
              FontRole::kLabel);
    Paragraph(ctx, "course.what_to_bring", course.what_to_bring, p.text);
  }
  DrawCourseLessons(state, ctx, dispatch);  // the course's lessons (lesson_list.cpp)
  Paragraph(ctx, "course.offerings", Tr(ctx, "course.offerings"), p.text, FontRole::kHeading);
  if (course.offerings.empty()) {
    Paragraph(ctx, "course.no_offerings", Tr(ctx, "course.no_offerings"), p.text);
  }
  for (const OfferingView& offering : course.offerings) {
    DrawOffering(ctx, offering, dispatch);
  }
  EndPagedList(ctx, "course.list", ui.list);
}

}  // namespace raida::kiosk
