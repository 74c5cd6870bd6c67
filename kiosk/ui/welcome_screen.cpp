// The welcome screen: what a person sees first and after every sign-out. It shows the center's
// name, the three languages (each in its own language, so a Polish speaker finds "Polski"
// without reading Lithuanian), one big Start that uses the panel's width, then "Get help now"
// (anonymous), "My courses" and the settings, a line on whether the district office can be
// reached and a smaller "Staff" button that opens the coordinator sign-in. It
// never shows anything about the last person (UX-17).
//
// Asleep (after a timeout, or two idle minutes), a button the size of the screen lies over
// everything in a window of its own: the first tap only wakes the screen, and the buttons beneath
// are drawn disabled (they look the same: the theme keeps disabled colours).
#include <imgui.h>

#include <algorithm>

#include "kiosk/ui/resident_widgets.h"
#include "kiosk/ui/screens.h"

namespace raida::kiosk {
namespace {

// Moves the cursor so an item `width` px wide is centred in the window.
void CenterNext(float width) {
  const float avail = ImGui::GetContentRegionAvail().x;
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, (avail - width) * 0.5f));
}

const std::string& ServerLine(const AppState& state, const ScreenContext& ctx) {
  if (!state.server_reachable.has_value()) {
    return Tr(ctx, "welcome.server.checking");
  }
  return *state.server_reachable ? Tr(ctx, "welcome.server.online")
                                 : Tr(ctx, "welcome.server.offline");
}

void DrawLanguageRow(const ScreenContext& ctx, const Dispatch& dispatch) {
  const Metrics& m = ctx.theme.metrics;
  float width = 0.0f;
  for (const auto& [code, name] : LanguageNames()) {
    width = std::max(width, ButtonWidth(ctx, "\u2713 " + name));
  }
  width = std::max(width, m.primary_width);
  const float count = static_cast<float>(LanguageNames().size());
  const float row = count * width + (count - 1.0f) * m.gap;
  if (row <= ImGui::GetContentRegionAvail().x) {
    CenterNext(row);
  }
  LanguageButtons(ctx, dispatch, ImVec2(width, m.primary));
}

// Start: half the window wide (never narrower than its label), one and a half primaries high.
void DrawStart(const ScreenContext& ctx, const Dispatch& dispatch) {
  const Metrics& m = ctx.theme.metrics;
  const std::string& start = Tr(ctx, "welcome.start");
  const float avail = ImGui::GetContentRegionAvail().x;
  const ImVec2 size(
      std::min(avail, std::max({ButtonWidth(ctx, start), 0.5f * avail, 3.0f * m.primary})),
      1.5f * m.primary);
  CenterNext(size.x);
  if (BigButton(ctx, start, "welcome.start", ButtonKind::kPrimary, size)) {
    dispatch(StartPressed{});
  }
}

void DrawMoreRow(const ScreenContext& ctx, const Dispatch& dispatch) {
  const float height = ctx.theme.metrics.primary;
  FlowRow row(ctx);
  if (row.Button(Tr(ctx, "welcome.help"), "welcome.help", ButtonKind::kSelected, height)) {
    dispatch(OpenHelp{});
  }
  if (row.Button(Tr(ctx, "welcome.my_courses"), "welcome.my_courses", ButtonKind::kSecondary,
                 height)) {
    dispatch(OpenMyCourses{});
  }
  if (row.Button(Tr(ctx, "welcome.settings"), "welcome.settings", ButtonKind::kSecondary, height)) {
    dispatch(OpenSettings{});
  }
}

// The asleep screen's catcher: an invisible button the size of the screen in a window of its own
// kept in front of the welcome screen (the paged list beneath is a window too), so a touch lands
// on it and on nothing else.
void DrawWakeCatcher(const Dispatch& dispatch) {
  constexpr ImGuiWindowFlags kFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                      ImGuiWindowFlags_NoSavedSettings |
                                      ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoNav;
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->Pos);
  ImGui::SetNextWindowSize(viewport->Size);
  ImGui::SetNextWindowFocus();
  ImGui::Begin("###welcome.wake_layer", nullptr, kFlags);
  ImGui::SetCursorScreenPos(viewport->Pos);
  if (ImGui::InvisibleButton("###welcome.wake", viewport->Size)) {
    dispatch(WakeUp{});
  }
  ImGui::End();
}

void DrawContent(const AppState& state, const ScreenContext& ctx, const Dispatch& dispatch) {
  const Metrics& m = ctx.theme.metrics;
  const Palette& p = ctx.theme.palette;
  if (!state.center_name.empty()) {
    Heading(ctx, "welcome.center", state.center_name);  // a proper name: not translated
  }
  Heading(ctx, "welcome.title", Tr(ctx, "welcome.title"));
  if (state.session.asleep) {
    Paragraph(ctx, "welcome.touch", Tr(ctx, "welcome.touch_to_wake"), p.text, FontRole::kLabel);
  } else {
    Paragraph(ctx, "welcome.subtitle", Tr(ctx, "welcome.subtitle"), p.text);
  }
  DrawLanguageRow(ctx, dispatch);
  ImGui::Dummy(ImVec2(0.0f, m.gap));
  DrawStart(ctx, dispatch);
  ImGui::Dummy(ImVec2(0.0f, m.gap));
  DrawMoreRow(ctx, dispatch);
  Paragraph(ctx, "welcome.server", ServerLine(state, ctx), p.text);
  // For coordinators: "Staff", a secondary button of the minimum target size, out of the way of
  // Start. It opens the coordinator sign-in (the kiosk status is behind it). Not during an
  // assisted session: its band leads back to coordinator mode.
  if (!state.assisted &&
      BigButton(ctx, Tr(ctx, "coord.staff"), "welcome.staff", ButtonKind::kSecondary)) {
    dispatch(OpenStaff{});
  }
}

}  // namespace

void DrawWelcomeScreen(const AppState& state, WelcomeUi& ui, const ScreenContext& ctx,
                       const Dispatch& dispatch) {
  const bool asleep = state.session.asleep;
  ImGui::BeginDisabled(asleep);  // the page buttons too: the catcher lies over them
  BeginPagedList(ctx, "welcome.list", ui.list, ImGui::GetContentRegionAvail().y);
  DrawContent(state, ctx, dispatch);
  EndPagedList(ctx, "welcome.list", ui.list);
  ImGui::EndDisabled();
  if (asleep) {
    DrawWakeCatcher(dispatch);
  }
}

}  // namespace raida::kiosk
