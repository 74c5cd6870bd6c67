// The characters the kiosk's font atlas holds: the single list both the kiosk (kiosk/ui/fonts.cpp
// builds ImGui's glyph-range table from it) and the lesson-pack validator (which refuses text
// the kiosk could not show) read, so the two can never disagree.
//
// Each range is inclusive. DejaVu Sans has every character listed; a character outside them is
// drawn by ImGui as "?", so a text that needs one must be reworded (or the range added here, and
// the font checked for it).
#pragma once

#include <array>
#include <cstddef>

namespace raida::core {

struct GlyphRange {
  char32_t first;
  char32_t last;
};

inline constexpr std::array<GlyphRange, 15> kKioskGlyphRanges = {{
    {0x0020, 0x00FF},  // Basic Latin + Latin-1 (ó, ö, ü, «», €-less Western text)
    {0x0100, 0x017F},  // Latin Extended-A: ą č ę ė į š ų ū ž, ć ł ń ś ź ż
    {0x2013, 0x2014},  // – —
    {0x2018, 0x201E},  // ‘ ’ ‚ “ ” „
    {0x2022, 0x2022},  // •
    {0x2026, 0x2026},  // …
    {0x20AC, 0x20AC},  // €
    {0x2190, 0x2193},  // ← ↑ → ↓
    {0x21E7, 0x21E7},  // ⇧ (Shift on the on-screen keyboard)
    {0x2302, 0x2302},  // ⌂
    {0x232B, 0x232B},  // ⌫ (Backspace)
    {0x25B2, 0x25B2},  // ▲
    {0x25BC, 0x25BC},  // ▼
    {0x2610, 0x2611},  // ☐ ☑
    {0x2713, 0x2713},  // ✓
}};

// Whether the kiosk's font shows `code_point`. The line break that separates paragraphs
// ("\n") counts as shown; other control characters do not.
constexpr bool KioskFontShows(char32_t code_point) {
  if (code_point == U'\n') {
    return true;
  }
  for (const GlyphRange& range : kKioskGlyphRanges) {
    if (code_point >= range.first && code_point <= range.last) {
      return true;
    }
  }
  return false;
}

// The ranges as the flat, zero-terminated table ImGui's AddFont* wants
// ({first, last, first, last, ..., 0}), in the character type `Char` (ImWchar on the kiosk).
template <typename Char>
constexpr std::array<Char, kKioskGlyphRanges.size() * 2 + 1> GlyphRangeTable() {
  std::array<Char, kKioskGlyphRanges.size() * 2 + 1> table{};
  size_t next = 0;
  for (const GlyphRange& range : kKioskGlyphRanges) {
    table[next++] = static_cast<Char>(range.first);
    table[next++] = static_cast<Char>(range.last);
  }
  return table;  // the last entry stays 0: the terminator
}

}  // namespace raida::core
