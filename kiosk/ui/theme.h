// The kiosk's look: sizes in millimetres converted once to pixels, and colour palettes whose
// text contrast is at least 7:1 in every widget state (normal, hovered, active, disabled).
//
// ImGui's stock styles fail this when a button is pressed (white on ButtonActive is 3.6:1), so
// every colour a screen uses comes from a Palette here and the audit tests read the same values
// back through the UI probe. Sizes follow reference/ux-reliability-security.md §A.2: targets
// ≥ 16 mm, primary actions ≥ 20 mm high, ≥ 3 mm between targets, number-pad keys 18 mm, a 5 mm
// drag threshold so a trembling tap is not a scroll.
#pragma once

#include <imgui.h>

#include "kiosk/state/app_state.h"

namespace raida::kiosk {

inline constexpr float kMinTargetMm = 16.0f;      // any touch target, both directions
inline constexpr float kPrimaryTargetMm = 20.0f;  // Start, Sign up, Confirm, language buttons
inline constexpr float kPrimaryWidthMm = 50.0f;   // primary actions are at least this wide
inline constexpr float kTargetGapMm = 3.0f;       // visual gap between adjacent targets
inline constexpr float kPadKeyMm = 18.0f;         // number-pad keys
inline constexpr float kDragThresholdMm = 5.0f;   // movement before a press becomes a scroll
inline constexpr float kMinContrast = 7.0f;       // WCAG 1.4.6 AAA, for text in every state

// Colours of one kind of button in each state; text is the same in all of them.
struct ButtonColors {
  ImVec4 text;
  ImVec4 normal;
  ImVec4 hovered;
  ImVec4 active;
  ImVec4 border;
};

struct Palette {
  ImVec4 window_bg;
  ImVec4 text;        // body text on window_bg
  ImVec4 error_text;  // on window_bg
  ImVec4 good_text;   // on window_bg ("You are signed up")
  ImVec4 card_border;
  ButtonColors secondary;  // Back, Home, Open, pad keys
  ButtonColors primary;    // Start, Sign up, Confirm, OK
  ButtonColors selected;   // the current language, a chosen need
  ButtonColors disabled;   // "Full": still readable, never faded
};

// Pixel sizes for one panel, from the millimetre constants above and the panel's px per mm.
struct Metrics {
  float target = 64.0f;          // minimum side of any target
  float primary = 80.0f;         // height of primary actions and the navigation bar
  float primary_width = 200.0f;  // minimum width of primary actions
  float gap = 12.0f;             // spacing between targets (ImGui ItemSpacing)
  float key = 72.0f;             // number-pad key side
  float drag_threshold = 20.0f;
  float padding = 16.0f;  // inside buttons and the screen's edge
  float border = 2.0f;    // button outline, for non-text contrast on a white window
  float px_per_mm = 4.0f;
};

struct Theme {
  Palette palette;
  Metrics metrics;
  TextSize text_size = TextSize::kNormal;
};

// The theme for a panel with `px_per_mm` pixels per millimetre (> 0). Pixel sizes are rounded
// up, so a 16 mm target is never a fraction of a pixel short.
Theme MakeTheme(float px_per_mm, bool high_contrast, TextSize text_size);

// The default palette (dark text on white, UX-7) and the high-contrast one (light on black).
Palette StandardPalette();
Palette HighContrastPalette();

// Writes the theme's sizes and base colours into an ImGui style. DisabledAlpha is 1 so a
// disabled button keeps the contrast its palette gives it.
void ApplyTheme(const Theme& theme, ImGuiStyle& style);

// WCAG 2.x contrast ratio (1..21) of `foreground` drawn over `background`. A translucent
// foreground is first blended over the background, so it is judged as it is seen; the background
// is taken as opaque.
float ContrastRatio(const ImVec4& foreground, const ImVec4& background);
// `top` composited over opaque `bottom` (alpha of the result is 1).
ImVec4 BlendOver(const ImVec4& top, const ImVec4& bottom);

}  // namespace raida::kiosk
