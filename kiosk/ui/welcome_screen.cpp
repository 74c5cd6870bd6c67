// The welcome screen: what a person sees first and after every sign-out. It shows the center's
// name, the three languages (each in its own language, so a Polish speaker finds "Polski"
// without reading Lithuanian), one big Start, a line on whether the district office can be
// reached and a smaller "Kiosk status" button for coordinators (the status screen holds no
// personal data). It never shows anything about the last person (UX-17).
#include <imgui.h>

#include <algorithm>

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
  CenterNext(count * width + (count - 1.0f) * m.gap);
  LanguageButtons(ctx, dispatch, ImVec2(width, m.primary));
}

}  // namespace

void DrawWelcomeScreen(const AppState& state, const ScreenContext& ctx, const Dispatch& dispatch) {
  const Metrics& m = ctx.theme.metrics;
  const Palette& p = ctx.theme.palette;
  if (!state.center_name.empty()) {
    Heading(ctx, "welcome.center", state.center_name);  // a proper name: not translated
  }
  Heading(ctx, "welcome.title", Tr(ctx, "welcome.title"));
  Paragraph(ctx, "welcome.subtitle", Tr(ctx, "welcome.subtitle"), p.text);
  ImGui::Dummy(ImVec2(0.0f, m.gap));
  Paragraph(ctx, "welcome.choose_language", Tr(ctx, "welcome.choose_language"), p.text,
            FontRole::kLabel);
  DrawLanguageRow(ctx, dispatch);
  ImGui::Dummy(ImVec2(0.0f, m.gap));

  const std::string& start = Tr(ctx, "welcome.start");
  const ImVec2 start_size(std::max(ButtonWidth(ctx, start), 3.0f * m.primary), 1.25f * m.primary);
  CenterNext(start_size.x);
  if (BigButton(ctx, start, "welcome.start", ButtonKind::kPrimary, start_size)) {
    dispatch(StartPressed{});
  }
  ImGui::Dummy(ImVec2(0.0f, m.gap));
  Paragraph(ctx, "welcome.server", ServerLine(state, ctx), p.text);
  // For coordinators: a secondary button, the minimum target size, out of the way of Start.
  if (BigButton(ctx, Tr(ctx, "welcome.status"), "welcome.status", ButtonKind::kSecondary)) {
    dispatch(OpenStatus{});
  }
}

}  // namespace raida::kiosk
