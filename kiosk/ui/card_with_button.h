// A card of text lines with one button on its right (a consent with "Withdraw", a plan step with
// "Mark done"): the text wraps in the width the button leaves. Used by the coordinator screens.
#pragma once

#include <imgui.h>

#include <algorithm>
#include <string>
#include <string_view>

#include "kiosk/ui/widgets.h"

namespace raida::kiosk {

// Draws a card: `draw_text(width)` draws the lines (wrapped at `width` px) on the left, and a
// primary-height button labelled `label` (probed `id`, of `kind`) stands on the right. Returns
// true on the frame the button is tapped.
template <typename DrawText>
bool CardWithButton(const ScreenContext& ctx, const std::string& label, std::string_view id,
                    ButtonKind kind, DrawText draw_text) {
  const Metrics& m = ctx.theme.metrics;
  const float button = std::max(ButtonWidth(ctx, label), m.primary_width);
  BeginCard(ctx);
  const float text_width = ImGui::GetContentRegionAvail().x - button - 2.0f * m.gap - m.padding;
  ImGui::BeginGroup();
  draw_text(text_width);
  ImGui::EndGroup();
  // Window-relative, so an indented card (a plan step under its goal) keeps its button inside.
  ImGui::SameLine();
  ImGui::SetCursorPosX(ImGui::GetContentRegionMax().x - button - m.gap);
  const bool tapped = BigButton(ctx, label, id, kind, ImVec2(button, m.primary));
  EndCard(ctx);
  return tapped;
}

}  // namespace raida::kiosk
