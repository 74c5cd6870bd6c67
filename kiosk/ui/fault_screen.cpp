// The kiosk cannot do its work (its database or files are broken). A person is told in plain
// words to ask the coordinator; the detail is in the log, never on screen. There is no Back or
// Home here: only a restart, after the coordinator fixed the cause, leaves this screen, so the
// screen offers only the languages (to read the message) rather than buttons that do nothing.
#include <imgui.h>

#include "kiosk/ui/screens.h"

namespace raida::kiosk {

void DrawFaultScreen(const AppState& state, const ScreenContext& ctx, const Dispatch& dispatch) {
  const Palette& p = ctx.theme.palette;
  NavBar(ctx, dispatch, /*show_back_home=*/false);
  Paragraph(ctx, "fault.title", Tr(ctx, "fault.title"), p.error_text, FontRole::kHeading);
  if (!state.fault_key.empty()) {
    Paragraph(ctx, "fault.reason", Tr(ctx, state.fault_key.c_str()), p.text, FontRole::kLabel);
  }
  Paragraph(ctx, "fault.ask", Tr(ctx, "fault.ask"), p.text);
}

}  // namespace raida::kiosk
