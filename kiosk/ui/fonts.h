// The kiosk's font atlas: DejaVu Sans regular and bold at the three text sizes a person can
// choose, with the glyph ranges Lithuanian, Polish and the screens' symbols need.
//
// LoadFonts (declared in root.h) adds the fonts in a fixed order, so a screen finds the font for
// a text size and role by index in the current ImGui context's atlas; nothing is kept in
// globals. ImGui's default range stops at U+00FF, which would drop ą č ę ė į š ų ū ž and ć ł ń
// ś ź ż, so the ranges here are explicit and a test checks every translated string against them.
#pragma once

#include <imgui.h>

#include "kiosk/state/app_state.h"

namespace raida::kiosk {

enum class FontRole {
  kBody,     // regular, body size: paragraphs
  kLabel,    // bold, body size: buttons and card titles
  kHeading,  // bold, heading size: screen titles
};

// Body text in px: 36, 42, 48 (never below 32, UX-5).
float BodyFontPx(TextSize size);
// Headings in px: 48, 56, 64.
float HeadingFontPx(TextSize size);

// Zero-terminated ImWchar pairs: Basic Latin, Latin-1, Latin Extended-A, dashes, quotes, bullet,
// ellipsis, euro, arrows, Shift ⇧, house, Backspace ⌫, triangles, check marks and ballot
// boxes.
const ImWchar* KioskGlyphRanges();

// The font for `size` and `role` from the current context's atlas. Falls back to the atlas's
// first font when LoadFonts has not run (the fallback has no Lithuanian letters; tests that
// check glyphs always load the real fonts).
ImFont* KioskFont(TextSize size, FontRole role);

}  // namespace raida::kiosk
