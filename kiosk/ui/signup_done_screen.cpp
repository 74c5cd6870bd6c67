// After Confirm: the sign-up is saved on this kiosk as *requested*. The screen says so honestly —
// the district office confirms the seat the next time the kiosk connects — repeats what was
// asked for, and tells the person where to cancel ("My courses"). Finish signs out and returns to
// the welcome screen.
#include <imgui.h>

#include <string>

#include "kiosk/ui/screens.h"

namespace raida::kiosk {
namespace {

// "Computer basics, 23 November 2026, Bajorai library" for the offering signed up for, or "".
std::string Details(const AppState& state, const ScreenContext& ctx) {
  if (!state.course.has_value() || !state.last_sign_up.has_value()) {
    return "";
  }
  for (const OfferingView& offering : state.course->offerings) {
    if (offering.id == state.last_sign_up->offering_id) {
      return TrFormat(ctx, "signup.done.details",
                      {{"course", state.course->card.title},
                       {"date", FormatDate(ctx, offering.starts_on)},
                       {"place", offering.place}});
    }
  }
  return "";
}

}  // namespace

void DrawSignUpDoneScreen(const AppState& state, SignUpDoneUi& ui, const ScreenContext& ctx,
                          const Dispatch& dispatch) {
  const Palette& p = ctx.theme.palette;
  NavBar(ctx, dispatch);
  BeginPagedList(ctx, "signup.done.list", ui.list, ImGui::GetContentRegionAvail().y);
  Paragraph(ctx, "signup.done.title", "\u2713 " + Tr(ctx, "signup.done.title"), p.good_text,
            FontRole::kHeading);
  Paragraph(ctx, "signup.done.pending", Tr(ctx, "signup.done.pending"), p.text);
  const std::string details = Details(state, ctx);
  if (!details.empty()) {
    Paragraph(ctx, "signup.done.details", details, p.text, FontRole::kLabel);
  }
  Paragraph(ctx, "signup.done.cancel", Tr(ctx, "signup.done.cancel_mine"), p.text);
  ImGui::Dummy(ImVec2(0.0f, ctx.theme.metrics.gap));
  if (BigButton(ctx, Tr(ctx, "signup.done.finish"), "signup.done.finish", ButtonKind::kPrimary)) {
    dispatch(GoHome{});
  }
  ImGui::SameLine();
  if (BigButton(ctx, Tr(ctx, "signup.done.my_courses"), "signup.done.my_courses",
                ButtonKind::kSecondary, ImVec2(0.0f, ctx.theme.metrics.primary))) {
    dispatch(OpenMyCourses{});
  }
  EndPagedList(ctx, "signup.done.list", ui.list);
}

}  // namespace raida::kiosk
