// "Are you still there?": after two minutes without a touch (UX-15), over whatever screen was up,
// a question, the seconds left before the kiosk signs the person out, and one Continue that
// fills most of the screen, so a person who only glanced away finds it without looking. There
// is nothing else to tap, so a touch beside Continue does nothing at all.
#include <imgui.h>

#include <algorithm>
#include <string>

#include "kiosk/ui/screens.h"

namespace raida::kiosk {

void DrawStillThere(const AppState& state, const ScreenContext& ctx, const Dispatch& dispatch) {
  const Metrics& m = ctx.theme.metrics;
  const Palette& p = ctx.theme.palette;
  Heading(ctx, "session.still_there", Tr(ctx, "session.still_there"));
  Paragraph(ctx, "session.countdown",
            TrFormat(ctx, "session.countdown",
                     {{"seconds", std::to_string(std::max(0, state.session.seconds_left))}}),
            p.text, FontRole::kLabel);
  Paragraph(ctx, "session.kept", Tr(ctx, "session.kept"), p.text);
  ImGui::Dummy(ImVec2(0.0f, m.gap));
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const std::string& label = Tr(ctx, "session.continue");
  const ImVec2 size(std::max(ButtonWidth(ctx, label), avail.x),
                    std::max(2.0f * m.primary, avail.y));
  if (BigButton(ctx, label, "session.continue", ButtonKind::kPrimary, size)) {
    dispatch(ContinueSession{});
  }
}

}  // namespace raida::kiosk
