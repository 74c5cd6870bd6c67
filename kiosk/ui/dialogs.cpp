// Full-screen confirm and notice dialogs (declared in widgets.h).
//
// Each dialog is a top-level ImGui window the size of the viewport, focused every frame, so it
// stays above the root window (which never comes to the front) and ImGui's own hover rules keep
// a tap from reaching anything it covers. The probe's earlier records are dropped, since what
// they describe can be neither seen nor tapped while the dialog is up.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>

#include "kiosk/ui/widgets.h"

namespace raida::kiosk {
namespace {

constexpr ImGuiWindowFlags kDialogFlags =
    ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
    ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoScrollbar;

// Opens the dialog's full-screen window on top of everything and writes its message; the probe
// forgets the items beneath, which the window covers.
void BeginDialog(const ScreenContext& ctx, std::string_view id, const std::string& message) {
  if (ctx.probe != nullptr) {
    ctx.probe->items.clear();
  }
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->Pos);
  ImGui::SetNextWindowSize(viewport->Size);
  ImGui::SetNextWindowFocus();
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ctx.theme.palette.window_bg);
  ImGui::Begin(("###dialog." + std::string(id)).c_str(), nullptr, kDialogFlags);
  ImGui::PushFont(ctx.Font(FontRole::kBody));
  ImGui::Dummy(ImVec2(0.0f, ctx.theme.metrics.primary));
  Paragraph(ctx, std::string(id) + ".message", message, ctx.theme.palette.text, FontRole::kHeading);
}

void EndDialog() {
  ImGui::PopFont();
  ImGui::End();
  ImGui::PopStyleColor();
}

// The size of a dialog button and where the row of buttons starts, at the bottom of the window.
ImVec2 DialogButtonSize(const ScreenContext& ctx, int count) {
  const float width = ImGui::GetContentRegionAvail().x;
  const float height = std::ceil(kDialogButtonMm * ctx.theme.metrics.px_per_mm);
  const float each =
      count > 1 ? std::floor((width - ctx.theme.metrics.gap) * 0.5f) : std::floor(width * 0.5f);
  ImGui::SetCursorPosY(std::max(ImGui::GetCursorPosY(), ImGui::GetWindowContentRegionMax().y -
                                                            height - ctx.theme.metrics.padding));
  return ImVec2(each, height);
}

}  // namespace

DialogAnswer ConfirmDialog(const ScreenContext& ctx, std::string_view id,
                           const std::string& message, const std::string& yes_label,
                           const std::string& no_label) {
  BeginDialog(ctx, id, message);
  const ImVec2 size = DialogButtonSize(ctx, 2);
  DialogAnswer answer = DialogAnswer::kNone;
  if (BigButton(ctx, no_label, std::string(id) + ".no", ButtonKind::kSecondary, size)) {
    answer = DialogAnswer::kNo;
  }
  ImGui::SameLine();
  if (BigButton(ctx, yes_label, std::string(id) + ".yes", ButtonKind::kPrimary, size)) {
    answer = DialogAnswer::kYes;
  }
  EndDialog();
  return answer;
}

bool NoticeDialog(const ScreenContext& ctx, std::string_view id, const std::string& message,
                  const std::string& ok_label) {
  BeginDialog(ctx, id, message);
  const ImVec2 size = DialogButtonSize(ctx, 1);
  ImGui::SetCursorPosX(std::floor((ImGui::GetWindowWidth() - size.x) * 0.5f));
  const bool ok = BigButton(ctx, ok_label, std::string(id) + ".ok", ButtonKind::kPrimary, size);
  EndDialog();
  return ok;
}

}  // namespace raida::kiosk
