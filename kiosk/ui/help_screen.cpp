// "Get help now", reachable from the welcome screen without signing in: the EU emergency number
// 112, what the coordinator of this center can do in private, and the center's own phone and
// opening hours from the catalog. Only numbers that are certain are printed: 112 everywhere in
// the EU, and this center's phone as the district published it; for anything else the person is
// pointed to the coordinator, who knows the services nearby. Nothing is asked or kept, and the
// screen says so, because for some people (victims of trafficking or violence) being seen
// looking for help is itself a danger.
#include <imgui.h>

#include <string>

#include "kiosk/ui/screens.h"

namespace raida::kiosk {
namespace {

// The center's opening hours in the visit's language, else English, else the first known.
std::string OpeningHours(const AppState& state) {
  std::string fallback;
  for (const auto& [language, hours] : state.center_hours) {
    if (language == state.language) {
      return hours;
    }
    if (language == "en" || fallback.empty()) {
      fallback = hours;
    }
  }
  return fallback;
}

void DrawCenter(const AppState& state, const ScreenContext& ctx) {
  const Palette& p = ctx.theme.palette;
  const std::string center =
      state.center_name.empty() ? Tr(ctx, "help.center.unnamed") : state.center_name;
  Paragraph(ctx, "help.center.title", TrFormat(ctx, "help.center.title", {{"center", center}}),
            p.text, FontRole::kHeading);
  Paragraph(ctx, "help.center.text", Tr(ctx, "help.center.text"), p.text);
  if (!state.center_phone.empty()) {
    Paragraph(ctx, "help.center.phone",
              TrFormat(ctx, "help.center.phone", {{"phone", state.center_phone}}), p.text,
              FontRole::kLabel);
  }
  const std::string hours = OpeningHours(state);
  if (!hours.empty()) {
    Paragraph(ctx, "help.center.hours", TrFormat(ctx, "help.center.hours", {{"hours", hours}}),
              p.text, FontRole::kLabel);
  }
}

}  // namespace

void DrawHelpScreen(const AppState& state, HelpUi& ui, const ScreenContext& ctx,
                    const Dispatch& dispatch) {
  const Palette& p = ctx.theme.palette;
  NavBar(ctx, dispatch);
  Heading(ctx, "help.title", Tr(ctx, "help.title"));
  BeginPagedList(ctx, "help.list", ui.list, ImGui::GetContentRegionAvail().y);
  Paragraph(ctx, "help.emergency.title", Tr(ctx, "help.emergency.title"), p.error_text,
            FontRole::kHeading);
  Paragraph(ctx, "help.emergency.text", Tr(ctx, "help.emergency.text"), p.text);
  ImGui::Dummy(ImVec2(0.0f, ctx.theme.metrics.gap));
  DrawCenter(state, ctx);
  ImGui::Dummy(ImVec2(0.0f, ctx.theme.metrics.gap));
  Paragraph(ctx, "help.other", Tr(ctx, "help.other"), p.text);
  Paragraph(ctx, "help.private", Tr(ctx, "help.private"), p.text, FontRole::kLabel);
  EndPagedList(ctx, "help.list", ui.list);
}

}  // namespace raida::kiosk
