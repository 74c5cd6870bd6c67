// Settings for this visit: text size (three sizes), contrast (the standard or the high-contrast
// theme), "I need more time" (the idle warning comes after 10 minutes instead of 2) and the
// language. The screen says plainly that they go back to the usual ones when the person
// finishes, so the next person finds the kiosk as expected. Each choice shows at once: the whole
// screen is redrawn in the new size or theme on the next frame.
#include <imgui.h>

#include <string>

#include "kiosk/ui/resident_widgets.h"
#include "kiosk/ui/screens.h"

namespace raida::kiosk {
namespace {

ButtonKind Chosen(bool chosen) { return chosen ? ButtonKind::kSelected : ButtonKind::kSecondary; }

// The current choice carries a tick as well as the colour (never colour alone).
std::string Ticked(const ScreenContext& ctx, const char* key, bool chosen) {
  return chosen ? "\u2713 " + Tr(ctx, key) : Tr(ctx, key);
}

void DrawTextSize(const AppState& state, const ScreenContext& ctx, const Dispatch& dispatch) {
  const Palette& p = ctx.theme.palette;
  Paragraph(ctx, "settings.text_size", Tr(ctx, "settings.text_size"), p.text, FontRole::kLabel);
  const std::pair<TextSize, const char*> sizes[] = {{TextSize::kNormal, "settings.size.normal"},
                                                    {TextSize::kLarge, "settings.size.large"},
                                                    {TextSize::kLargest, "settings.size.largest"}};
  FlowRow row(ctx);
  for (const auto& [size, key] : sizes) {
    const bool chosen = state.text_size == size;
    if (row.Button(Ticked(ctx, key, chosen), key, Chosen(chosen), ctx.theme.metrics.primary)) {
      dispatch(SetTextSize{size});
    }
  }
}

void DrawContrast(const AppState& state, const ScreenContext& ctx, const Dispatch& dispatch) {
  const Palette& p = ctx.theme.palette;
  Paragraph(ctx, "settings.contrast", Tr(ctx, "settings.contrast"), p.text, FontRole::kLabel);
  FlowRow row(ctx);
  const float height = ctx.theme.metrics.primary;
  if (row.Button(Ticked(ctx, "settings.contrast.standard", !state.high_contrast),
                 "settings.contrast.standard", Chosen(!state.high_contrast), height)) {
    dispatch(SetHighContrast{false});
  }
  if (row.Button(Ticked(ctx, "settings.contrast.high", state.high_contrast),
                 "settings.contrast.high", Chosen(state.high_contrast), height)) {
    dispatch(SetHighContrast{true});
  }
}

void DrawMoreTime(const AppState& state, const ScreenContext& ctx, const Dispatch& dispatch) {
  const Palette& p = ctx.theme.palette;
  const bool on = state.session.more_time;
  Paragraph(ctx, "settings.time", Tr(ctx, "settings.time"), p.text, FontRole::kLabel);
  const std::string label = (on ? "\u2611 " : "\u2610 ") + Tr(ctx, "settings.time.more");
  FlowRow row(ctx);
  if (row.Button(label, "settings.time.more", Chosen(on), ctx.theme.metrics.primary)) {
    dispatch(SetMoreTime{!on});
  }
}

}  // namespace

void DrawSettingsScreen(const AppState& state, SettingsUi& ui, const ScreenContext& ctx,
                        const Dispatch& dispatch) {
  const Palette& p = ctx.theme.palette;
  NavBar(ctx, dispatch);
  Heading(ctx, "settings.title", Tr(ctx, "settings.title"));
  BeginPagedList(ctx, "settings.list", ui.list, ImGui::GetContentRegionAvail().y);
  Paragraph(ctx, "settings.for_this_visit", Tr(ctx, "settings.for_this_visit"), p.text);
  DrawTextSize(state, ctx, dispatch);
  DrawContrast(state, ctx, dispatch);
  DrawMoreTime(state, ctx, dispatch);
  EndPagedList(ctx, "settings.list", ui.list);
}

}  // namespace raida::kiosk
