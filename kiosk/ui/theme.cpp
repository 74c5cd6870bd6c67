// The kiosk's palettes and sizes, and the WCAG contrast arithmetic the audits use.
//
// The colours were chosen so that text stays at 7:1 or more on every state of every button:
// pressing a button makes its background darker in the standard palette (dark text would lose
// contrast, so dark-text buttons start light and white-text buttons start dark) and lighter in
// the high-contrast palette. tests/kiosk/theme_test.cpp checks every pair.
#include "kiosk/ui/theme.h"

#include <algorithm>
#include <cmath>

namespace raida::kiosk {
namespace {

ImVec4 Rgb(unsigned int hex) {
  return ImVec4(static_cast<float>((hex >> 16) & 0xFF) / 255.0f,
                static_cast<float>((hex >> 8) & 0xFF) / 255.0f,
                static_cast<float>(hex & 0xFF) / 255.0f, 1.0f);
}

// sRGB channel (0..1) to linear light, as WCAG defines relative luminance.
float Linear(float channel) {
  if (channel <= 0.04045f) {
    return channel / 12.92f;
  }
  return std::pow((channel + 0.055f) / 1.055f, 2.4f);
}

float RelativeLuminance(const ImVec4& c) {
  return 0.2126f * Linear(c.x) + 0.7152f * Linear(c.y) + 0.0722f * Linear(c.z);
}

float Px(float mm, float px_per_mm) { return std::ceil(mm * px_per_mm); }

}  // namespace

Palette StandardPalette() {
  Palette p;
  p.window_bg = Rgb(0xFFFFFF);
  p.text = Rgb(0x000000);
  p.error_text = Rgb(0xA4000F);
  p.good_text = Rgb(0x0B5D1E);
  p.card_border = Rgb(0x595959);
  p.secondary = {Rgb(0x000000), Rgb(0xE6E6E6), Rgb(0xD4D4D4), Rgb(0xBDBDBD), Rgb(0x000000)};
  p.primary = {Rgb(0xFFFFFF), Rgb(0x003A80), Rgb(0x002F6B), Rgb(0x00234F), Rgb(0x000000)};
  p.selected = {Rgb(0x000000), Rgb(0xFFD200), Rgb(0xF2C500), Rgb(0xE0B600), Rgb(0x000000)};
  p.disabled = {Rgb(0x1F1F1F), Rgb(0xD0D0D0), Rgb(0xD0D0D0), Rgb(0xD0D0D0), Rgb(0x595959)};
  return p;
}

Palette HighContrastPalette() {
  Palette p;
  p.window_bg = Rgb(0x000000);
  p.text = Rgb(0xFFFFFF);
  p.error_text = Rgb(0xFF9E9E);
  p.good_text = Rgb(0x7CFC7C);
  p.card_border = Rgb(0xFFFFFF);
  p.secondary = {Rgb(0xFFFF00), Rgb(0x000000), Rgb(0x1F1F1F), Rgb(0x333333), Rgb(0xFFFF00)};
  p.primary = {Rgb(0x000000), Rgb(0xFFFF00), Rgb(0xE6E600), Rgb(0xCCCC00), Rgb(0xFFFFFF)};
  p.selected = {Rgb(0x000000), Rgb(0x00FFFF), Rgb(0x00E6E6), Rgb(0x00CCCC), Rgb(0xFFFFFF)};
  p.disabled = {Rgb(0xFFFFFF), Rgb(0x3A3A3A), Rgb(0x3A3A3A), Rgb(0x3A3A3A), Rgb(0xBFBFBF)};
  return p;
}

Theme MakeTheme(float px_per_mm, bool high_contrast, TextSize text_size) {
  Theme theme;
  theme.palette = high_contrast ? HighContrastPalette() : StandardPalette();
  theme.text_size = text_size;
  Metrics& m = theme.metrics;
  m.target = Px(kMinTargetMm, px_per_mm);
  m.primary = Px(kPrimaryTargetMm, px_per_mm);
  m.primary_width = Px(kPrimaryWidthMm, px_per_mm);
  m.gap = Px(kTargetGapMm, px_per_mm);
  m.key = Px(kPadKeyMm, px_per_mm);
  m.drag_threshold = Px(kDragThresholdMm, px_per_mm);
  m.padding = Px(4.0f, px_per_mm);
  m.border = std::max(2.0f, std::round(0.5f * px_per_mm));
  m.px_per_mm = px_per_mm;
  return theme;
}

void ApplyTheme(const Theme& theme, ImGuiStyle& style) {
  const Metrics& m = theme.metrics;
  const Palette& p = theme.palette;
  style.WindowPadding = ImVec2(m.padding, m.padding);
  style.FramePadding = ImVec2(m.padding, m.padding * 0.5f);
  style.ItemSpacing = ImVec2(m.gap, m.gap);
  style.ItemInnerSpacing = ImVec2(m.gap, m.gap);
  style.TouchExtraPadding = ImVec2(0.0f, 0.0f);  // hit boxes must not overlap (UX-3)
  style.WindowBorderSize = 0.0f;
  style.ChildBorderSize = 0.0f;
  style.FrameBorderSize = m.border;
  style.FrameRounding = m.padding * 0.5f;
  style.WindowRounding = 0.0f;
  style.DisabledAlpha = 1.0f;
  style.ButtonTextAlign = ImVec2(0.5f, 0.5f);
  style.Colors[ImGuiCol_Text] = p.text;
  style.Colors[ImGuiCol_TextDisabled] = p.text;
  style.Colors[ImGuiCol_WindowBg] = p.window_bg;
  style.Colors[ImGuiCol_ChildBg] = p.window_bg;
  style.Colors[ImGuiCol_PopupBg] = p.window_bg;
  style.Colors[ImGuiCol_Border] = p.secondary.border;
  style.Colors[ImGuiCol_Separator] = p.card_border;
  style.Colors[ImGuiCol_Button] = p.secondary.normal;
  style.Colors[ImGuiCol_ButtonHovered] = p.secondary.hovered;
  style.Colors[ImGuiCol_ButtonActive] = p.secondary.active;
  style.Colors[ImGuiCol_NavHighlight] = ImVec4(0.0f, 0.0f, 0.0f, 0.0f);
}

ImVec4 BlendOver(const ImVec4& top, const ImVec4& bottom) {
  const float a = top.w;
  return ImVec4(top.x * a + bottom.x * (1.0f - a), top.y * a + bottom.y * (1.0f - a),
                top.z * a + bottom.z * (1.0f - a), 1.0f);
}

float ContrastRatio(const ImVec4& foreground, const ImVec4& background) {
  const ImVec4 bg = ImVec4(background.x, background.y, background.z, 1.0f);
  const float l1 = RelativeLuminance(BlendOver(foreground, bg));
  const float l2 = RelativeLuminance(bg);
  const float hi = std::max(l1, l2);
  const float lo = std::min(l1, l2);
  return (hi + 0.05f) / (lo + 0.05f);
}

}  // namespace raida::kiosk
