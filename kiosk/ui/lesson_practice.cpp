// The exercises on the kiosk itself that a page may end with: tap a big target, drag a marker
// into a box, type a word on the on-screen keyboard.
//
// Dragging is hard for shaky hands (and WCAG 2.5.7 asks for a single-pointer way), so the drag
// exercise also accepts "tap the marker, then tap the box". The marker follows the finger from
// where the press began (ImGui's drag delta), so it does not jump by the drag threshold. Nothing
// here is saved: an exercise is practice, and Next is always allowed.
#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <string>

#include "kiosk/ui/keyboard.h"
#include "kiosk/ui/lesson_widgets.h"

namespace raida::kiosk {
namespace {

constexpr float kTapTargetMm[2] = {60.0f, 30.0f};
constexpr float kDragAreaMm = 36.0f;
constexpr float kMarkerMm[2] = {40.0f, 20.0f};
constexpr float kBoxMm[2] = {70.0f, 32.0f};
constexpr size_t kMaxTypedChars = 40;

ImVec2 Mm(const ScreenContext& ctx, const float (&mm)[2]) {
  return ImVec2(mm[0] * ctx.theme.metrics.px_per_mm, mm[1] * ctx.theme.metrics.px_per_mm);
}

void DoneLine(const ScreenContext& ctx) {
  Paragraph(ctx, "lesson.practice.done", Tr(ctx, "lesson.practice.done"),
            ctx.theme.palette.good_text, FontRole::kLabel);
}

void DrawTap(const LessonView& player, const ScreenContext& ctx, const Dispatch& dispatch) {
  if (player.practice_done) {
    DoneLine(ctx);
    return;
  }
  if (BigButton(ctx, Tr(ctx, "lesson.practice.tap"), "lesson.practice.tap", ButtonKind::kPrimary,
                Mm(ctx, kTapTargetMm))) {
    dispatch(PracticeDone{});
  }
}

// The box: drawn first (under the marker), tappable through an invisible button drawn last.
void DrawBox(const ScreenContext& ctx, const LessonUi& ui) {
  const ButtonColors& colors = ctx.theme.palette.secondary;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(ui.box_min, ui.box_max, ImGui::ColorConvertFloat4ToU32(colors.normal));
  draw->AddRect(ui.box_min, ui.box_max, ImGui::ColorConvertFloat4ToU32(colors.text), 0.0f, 0,
                ctx.theme.metrics.border * 2.0f);
  ImFont* font = ctx.Font(FontRole::kLabel);
  const std::string& label = Tr(ctx, "lesson.practice.box");
  const ImVec2 size = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, label.c_str());
  const ImVec2 at((ui.box_min.x + ui.box_max.x - size.x) * 0.5f,
                  ui.box_max.y - size.y - ctx.theme.metrics.padding);
  draw->AddText(font, font->FontSize, at, ImGui::ColorConvertFloat4ToU32(colors.text),
                label.c_str());
}

bool BoxTapped(const ScreenContext& ctx, const LessonUi& ui) {
  const ButtonColors& colors = ctx.theme.palette.secondary;
  ImGui::SetCursorScreenPos(ui.box_min);
  const bool pressed = ImGui::InvisibleButton(
      "###lesson.practice.box", ImVec2(ui.box_max.x - ui.box_min.x, ui.box_max.y - ui.box_min.y));
  ImGui::PushFont(ctx.Font(FontRole::kLabel));
  ImGui::PushStyleColor(ImGuiCol_Text, colors.text);
  ImGui::PushStyleColor(ImGuiCol_Button, colors.normal);
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, colors.normal);
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, colors.normal);
  ProbeItem(ctx, "lesson.practice.box", Tr(ctx, "lesson.practice.box"), ProbeRole::kTarget);
  ImGui::PopStyleColor(4);
  ImGui::PopFont();
  return pressed;
}

// The marker: a drag moves it, a tap chooses it; dropped inside the box, the exercise is done.
bool MoveMarker(const ScreenContext& ctx, LessonUi& ui, ImVec2 origin, float width) {
  ImVec2 marker = Mm(ctx, kMarkerMm);
  marker.x = std::max(marker.x, ButtonWidth(ctx, Tr(ctx, "lesson.practice.marker")));
  const float area = kDragAreaMm * ctx.theme.metrics.px_per_mm;
  const float rise = (area - marker.y) * 0.5f;
  ImGui::SetCursorScreenPos(
      ImVec2(origin.x + ui.marker_offset.x, origin.y + rise + ui.marker_offset.y));
  BigButton(ctx, Tr(ctx, "lesson.practice.marker"), "lesson.practice.marker",
            ui.marker_chosen ? ButtonKind::kSelected : ButtonKind::kPrimary, marker);
  if (ImGui::IsItemActivated()) {
    ui.drag_start = ui.marker_offset;
    ui.dragging = false;
  }
  if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left)) {
    ui.dragging = true;
    const ImVec2 delta = ImGui::GetMouseDragDelta(ImGuiMouseButton_Left);
    ui.marker_offset.x = std::clamp(ui.drag_start.x + delta.x, 0.0f, width - marker.x);
    ui.marker_offset.y = std::clamp(ui.drag_start.y + delta.y, -rise, rise);
  }
  if (!ImGui::IsItemDeactivated()) {
    return false;
  }
  const bool was_drag = ui.dragging;
  ui.dragging = false;
  if (!was_drag) {
    ui.marker_chosen = !ui.marker_chosen;
    return false;
  }
  const ImVec2 centre(origin.x + ui.marker_offset.x + marker.x * 0.5f,
                      origin.y + rise + ui.marker_offset.y + marker.y * 0.5f);
  return centre.x >= ui.box_min.x && centre.x <= ui.box_max.x && centre.y >= ui.box_min.y &&
         centre.y <= ui.box_max.y;
}

void DrawDrag(const LessonView& player, LessonUi& ui, const ScreenContext& ctx,
              const Dispatch& dispatch) {
  if (player.practice_done) {
    DoneLine(ctx);
    return;
  }
  const float width = ImGui::GetContentRegionAvail().x;
  const float area = kDragAreaMm * ctx.theme.metrics.px_per_mm;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImVec2 box = Mm(ctx, kBoxMm);
  box.x = std::max(
      box.x, ButtonWidth(ctx, Tr(ctx, "lesson.practice.box")) + 2.0f * ctx.theme.metrics.padding);
  ui.box_min = ImVec2(origin.x + width - box.x, origin.y + (area - box.y) * 0.5f);
  ui.box_max = ImVec2(ui.box_min.x + box.x, ui.box_min.y + box.y);
  DrawBox(ctx, ui);
  bool done = MoveMarker(ctx, ui, origin, width);
  const bool box_tapped = BoxTapped(ctx, ui);
  if (box_tapped && ui.marker_chosen) {
    done = true;  // the single-pointer way: marker, then box
  }
  ImGui::SetCursorScreenPos(origin);
  ImGui::Dummy(ImVec2(width, area));
  Paragraph(ctx, "lesson.practice.drag_help", Tr(ctx, "lesson.practice.drag_help"),
            ctx.theme.palette.text);
  if (done) {
    ui.marker_chosen = false;
    dispatch(PracticeDone{});
  }
}

void DrawType(const LessonView& player, const LessonPageView& page, LessonUi& ui,
              const ScreenContext& ctx, const Dispatch& dispatch) {
  if (!ui.typing) {
    if (player.practice_done) {
      DoneLine(ctx);
      ImGui::SameLine();
    }
    if (BigButton(ctx, Tr(ctx, "lesson.practice.start_typing"), "lesson.practice.start_typing",
                  player.practice_done ? ButtonKind::kSecondary : ButtonKind::kPrimary)) {
      ui.typing = true;
    }
    return;
  }
  Paragraph(ctx, "lesson.practice.word",
            TrFormat(ctx, "lesson.practice.type_word", {{"word", page.practice_word}}),
            ctx.theme.palette.text, FontRole::kHeading);
  KeyboardField(ctx, "lesson.practice.field", ui.typed, Tr(ctx, "lesson.practice.placeholder"));
  if (player.practice_done) {
    DoneLine(ctx);
  }
  const KeyboardEdit edit = OnScreenKeyboard(
      ctx, "lesson.keyboard", LayoutForLanguage(ctx.language), ui.typed, kMaxTypedChars);
  if (edit.changed) {
    ui.typed = edit.text;
  }
  if ((edit.changed || edit.submitted) && !player.practice_done &&
      SameWord(ui.typed, page.practice_word)) {
    dispatch(PracticeDone{});
  }
  if (edit.submitted) {
    ui.typing = false;
  }
}

}  // namespace

float PracticeHeight(const ScreenContext& ctx, const LessonPageView& page, const LessonUi& ui) {
  const Metrics& m = ctx.theme.metrics;
  switch (page.practice) {
    case core::PracticeKind::kNone:
      return 0.0f;
    case core::PracticeKind::kTap:
      return kTapTargetMm[1] * m.px_per_mm + m.gap;
    case core::PracticeKind::kDrag:
      return kDragAreaMm * m.px_per_mm + ctx.Font(FontRole::kBody)->FontSize * 3.0f + 2.0f * m.gap;
    case core::PracticeKind::kType:
      return ui.typing ? 0.0f : m.primary + m.gap;
  }
  return 0.0f;
}

void DrawPractice(const LessonView& player, const LessonPageView& page, LessonUi& ui,
                  const ScreenContext& ctx, const Dispatch& dispatch) {
  switch (page.practice) {
    case core::PracticeKind::kNone:
      return;
    case core::PracticeKind::kTap:
      DrawTap(player, ctx, dispatch);
      return;
    case core::PracticeKind::kDrag:
      DrawDrag(player, ui, ctx, dispatch);
      return;
    case core::PracticeKind::kType:
      DrawType(player, page, ui, ctx, dispatch);
      return;
  }
}

}  // namespace raida::kiosk
