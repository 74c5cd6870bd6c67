// Small layout helpers of the resident's screens, and the wipe of ImGui's own input state at the
// end of a visit.
//
// FlowRow lays big buttons out left to right and starts a new row when the next one would not
// fit, so a row of categories or choices never runs off a 1366 px panel at the largest text.
#pragma once

#include <string>
#include <string_view>

#include "kiosk/ui/widgets.h"

namespace raida::kiosk {

class FlowRow {
 public:
  explicit FlowRow(const ScreenContext& ctx) : ctx_(&ctx) {}

  // A BigButton (`height` 0: the kind's own height) placed after the previous one on this row,
  // or at the start of the next row when it does not fit. Returns true when tapped.
  bool Button(const std::string& label, std::string_view id, ButtonKind kind, float height = 0.0f);

 private:
  const ScreenContext* ctx_;
  bool first_ = true;
};

// Forgets everything ImGui itself may hold of what the last person typed or tapped: the active
// and focused item, queued characters, the text-input widget's buffers (overwritten, then
// freed) and ImGui's own clipboard copy (the platform never hands text to the system clipboard).
// Call between frames or inside one, on every sign-out and timeout (UX-18).
void WipeImGuiInputState();

// "•" once per character of `text` (a PIN as it is typed).
std::string Masked(const std::string& text);

}  // namespace raida::kiosk
