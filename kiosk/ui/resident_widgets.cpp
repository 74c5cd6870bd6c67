// FlowRow and the end-of-visit wipe of ImGui's input state (see resident_widgets.h).
#include "kiosk/ui/resident_widgets.h"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cstring>

namespace raida::kiosk {
namespace {

template <typename T>
void ZeroAndFree(ImVector<T>& buffer) {
  if (!buffer.empty()) {
    std::memset(static_cast<void*>(buffer.Data), 0, static_cast<size_t>(buffer.size_in_bytes()));
  }
  buffer.clear();
}

}  // namespace

bool FlowRow::Button(const std::string& label, std::string_view id, ButtonKind kind, float height) {
  const Metrics& m = ctx_->theme.metrics;
  const float min_width = kind == ButtonKind::kPrimary ? m.primary_width : m.target;
  const float width = std::max(ButtonWidth(*ctx_, label), min_width);
  if (!first_) {
    const float next_x = ImGui::GetItemRectMax().x + m.gap;
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    if (next_x + width <= right) {
      ImGui::SameLine();
    }
  }
  first_ = false;
  return BigButton(*ctx_, label, id, kind, ImVec2(width, height));
}

void WipeImGuiInputState() {
  ImGuiContext* context = ImGui::GetCurrentContext();
  if (context == nullptr) {
    return;
  }
  ImGui::ClearActiveID();
  ImGui::SetHoveredID(0);
  ImGuiIO& io = ImGui::GetIO();
  io.ClearInputCharacters();
  ImGuiInputTextState& input = context->InputTextState;
  ZeroAndFree(input.TextW);
  ZeroAndFree(input.TextA);
  ZeroAndFree(input.InitialTextA);
  input.CurLenW = 0;
  input.CurLenA = 0;
  input.ID = 0;
  std::memset(static_cast<void*>(&input.Stb), 0, sizeof(input.Stb));  // its undo text too
  if (io.SetClipboardTextFn != nullptr) {
    io.SetClipboardTextFn(io.ClipboardUserData, "");  // ImGui's own handler writes into ...
  }
  ZeroAndFree(context->ClipboardHandlerData);  // ... this buffer: empty it afterwards
}

std::string Masked(const std::string& text) {
  std::string masked;
  for (size_t i = 0; i < text.size(); ++i) {
    masked += i == 0 ? "\u2022" : " \u2022";
  }
  return masked;
}

}  // namespace raida::kiosk
