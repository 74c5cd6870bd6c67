// The theme's arithmetic: WCAG contrast against known values, every palette pair at 7:1 or more,
// and millimetre sizes that never round below their minimum.
#include "kiosk/ui/theme.h"

#include <gtest/gtest.h>

#include <cmath>

namespace raida::kiosk {
namespace {

ImVec4 Rgb(unsigned hex) {
  return ImVec4(static_cast<float>((hex >> 16) & 0xFF) / 255.0f,
                static_cast<float>((hex >> 8) & 0xFF) / 255.0f,
                static_cast<float>(hex & 0xFF) / 255.0f, 1.0f);
}

TEST(ThemeTest, ContrastRatioMatchesWcag) {
  EXPECT_NEAR(ContrastRatio(Rgb(0x000000), Rgb(0xFFFFFF)), 21.0f, 0.01f);
  EXPECT_NEAR(ContrastRatio(Rgb(0xFFFFFF), Rgb(0xFFFFFF)), 1.0f, 0.001f);
  EXPECT_NEAR(ContrastRatio(Rgb(0xFFFFFF), Rgb(0x003A80)), 10.96f, 0.02f);  // UX-7
  EXPECT_NEAR(ContrastRatio(Rgb(0x777777), Rgb(0xFFFFFF)), 4.48f, 0.02f);
  // Symmetric, and a translucent foreground is judged blended.
  EXPECT_FLOAT_EQ(ContrastRatio(Rgb(0x003A80), Rgb(0xFFFFFF)),
                  ContrastRatio(Rgb(0xFFFFFF), Rgb(0x003A80)));
  EXPECT_NEAR(ContrastRatio(ImVec4(0, 0, 0, 0.0f), Rgb(0xFFFFFF)), 1.0f, 0.001f);
}

// ImGui's own dark style fails when pressed: the reason this theme exists.
TEST(ThemeTest, ImGuiDefaultFailsWhenPressed) {
  ImGuiStyle style;
  ImGui::StyleColorsDark(&style);
  const ImVec4 bg = BlendOver(style.Colors[ImGuiCol_ButtonActive], style.Colors[ImGuiCol_WindowBg]);
  EXPECT_LT(ContrastRatio(style.Colors[ImGuiCol_Text], bg), kMinContrast);
}

void ExpectPalette(const Palette& p) {
  for (const ImVec4& text : {p.text, p.error_text, p.good_text}) {
    EXPECT_GE(ContrastRatio(text, p.window_bg), kMinContrast);
  }
  EXPECT_GE(ContrastRatio(p.card_border, p.window_bg), 3.0f);
  for (const ButtonColors* b : {&p.secondary, &p.primary, &p.selected, &p.disabled}) {
    for (const ImVec4& bg : {b->normal, b->hovered, b->active}) {
      EXPECT_GE(ContrastRatio(b->text, bg), kMinContrast);
    }
    // The button's edge is visible against the window (non-text contrast 3:1).
    EXPECT_GE(
        std::max(ContrastRatio(b->border, p.window_bg), ContrastRatio(b->normal, p.window_bg)),
        3.0f);
  }
}

TEST(ThemeTest, StandardPaletteKeepsSevenToOneInEveryState) { ExpectPalette(StandardPalette()); }
TEST(ThemeTest, HighContrastPaletteKeepsSevenToOneInEveryState) {
  ExpectPalette(HighContrastPalette());
}

TEST(ThemeTest, SizesComeFromMillimetres) {
  for (const float ppm : {3.5f, 3.97f, 4.03f, 5.2f}) {
    const Metrics m = MakeTheme(ppm, false, TextSize::kNormal).metrics;
    EXPECT_GE(m.target, kMinTargetMm * ppm);
    EXPECT_GE(m.primary, kPrimaryTargetMm * ppm);
    EXPECT_GE(m.gap, kTargetGapMm * ppm);
    EXPECT_GE(m.key, kPadKeyMm * ppm);
    EXPECT_GE(m.drag_threshold, kDragThresholdMm * ppm);
    EXPECT_LT(m.target, kMinTargetMm * ppm + 1.0f);
  }
  const Metrics reference = MakeTheme(4.03f, false, TextSize::kNormal).metrics;
  EXPECT_EQ(reference.target, 65.0f);
  EXPECT_EQ(reference.primary, 81.0f);
  EXPECT_EQ(reference.gap, 13.0f);
}

TEST(ThemeTest, ApplyThemeKeepsTouchPaddingZeroAndDisabledOpaque) {
  ImGuiStyle style;
  ApplyTheme(MakeTheme(4.03f, true, TextSize::kLargest), style);
  EXPECT_EQ(style.TouchExtraPadding.x, 0.0f);
  EXPECT_EQ(style.DisabledAlpha, 1.0f);
  EXPECT_EQ(style.ItemSpacing.x, 13.0f);
}

}  // namespace
}  // namespace raida::kiosk
