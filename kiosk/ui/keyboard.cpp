// The on-screen keyboard (see keyboard.h).
//
// Geometry: every letter key has the same width, so the rows line up as on a physical keyboard;
// the width grows with the window (up to 1.5 × the key height: bigger keys mean fewer misses for
// older typists) and never shrinks below 18 mm, the widest capital at the chosen text size, or
// what Done and Space need for their words. Four rows (three without national letters) keep the
// keyboard low enough to leave room above it on a 1366×768 panel at the largest text size. Keys
// are BigButtons, so they act on release inside the key, ignore a drag out and filter bounces
// like every other target.
#include "kiosk/ui/keyboard.h"

#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <string_view>
#include <utility>

#include "kiosk/state/text_edit.h"

namespace raida::kiosk {
namespace {

constexpr std::u32string_view kLithuanianRow =
    U"\u0105\u010D\u0119\u0117\u012F\u0161\u0173\u016B\u017E";
constexpr std::u32string_view kPolishRow =
    U"\u0105\u0107\u0119\u0142\u0144\u00F3\u015B\u017A\u017C";
constexpr std::u32string_view kTopRow = U"qwertyuiop";
constexpr std::u32string_view kHomeRow = U"asdfghjkl";
constexpr std::u32string_view kBottomRow = U"zxcvbnm";
constexpr float kWidestKeyRatio = 1.5f;  // key width at most 1.5 × its height

std::u32string_view NationalRow(KeyboardLayout layout) {
  switch (layout) {
    case KeyboardLayout::kLithuanian: {
      return kLithuanianRow;
    }
    case KeyboardLayout::kPolish: {
      return kPolishRow;
    }
    case KeyboardLayout::kEnglish: {
      return {};
    }
  }
  return {};
}

// The capital of a lower-case letter of these layouts: ASCII, Latin-1 (ó) and Latin Extended-A,
// where each capital directly precedes its small letter.
char32_t Upper(char32_t lower) {
  if (lower >= U'a' && lower <= U'z') {
    return lower - 0x20;
  }
  if (lower >= 0xE0 && lower <= 0xFE && lower != 0xF7) {
    return lower - 0x20;
  }
  if (lower >= 0x100 && lower <= 0x17F) {
    return lower - 1;
  }
  return lower;
}

std::string Utf8(char32_t c) {
  std::string out;
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
  return out;
}

// Keys are laid out on a grid of kUnits equal columns (a unit is a key and the gap after it);
// a wide key spans several units. Rows: national letters; q…p, hyphen, Backspace (2 units); a…l
// and Done (3 units, where Enter is on a physical keyboard, a primary action's height); Shift
// (2 units), z…m and Space (4 units).
constexpr float kUnits = 13.0f;

struct Geometry {
  float key_w = 0.0f;
  float key_h = 0.0f;
  float done_row_h = 0.0f;  // the a…l row is as high as a primary action (Done)
  float gap = 0.0f;
  float left = 0.0f;  // x of the first unit

  float X(float unit) const { return left + unit * (key_w + gap); }
  ImVec2 Span(float units, float height) const {
    return ImVec2(units * (key_w + gap) - gap, height);
  }
  // The narrowest key that lets a `units` wide key hold `need` px.
  float KeyFor(float need, float units) const { return (need - (units - 1.0f) * gap) / units; }
};

float KeyHeight(const ScreenContext& ctx) {
  return std::max(ctx.theme.metrics.key,
                  ctx.Font(FontRole::kLabel)->FontSize + ctx.theme.metrics.padding);
}

Geometry Measure(const ScreenContext& ctx, KeyboardLayout layout, float x, float available) {
  const Metrics& m = ctx.theme.metrics;
  Geometry g;
  g.gap = m.gap;
  g.key_h = KeyHeight(ctx);
  g.done_row_h = std::max(g.key_h, m.primary);
  float min_w = g.key_h;
  for (std::u32string_view row : {NationalRow(layout), kTopRow, kHomeRow, kBottomRow}) {
    for (char32_t c : row) {
      min_w = std::max(min_w, ButtonWidth(ctx, Utf8(Upper(c))));
    }
  }
  const float done_need = std::max(m.primary_width, ButtonWidth(ctx, Tr(ctx, "keyboard.done")));
  min_w = std::max(min_w, std::ceil(g.KeyFor(done_need, 3.0f)));
  min_w = std::max(min_w, std::ceil(g.KeyFor(ButtonWidth(ctx, Tr(ctx, "keyboard.space")), 4.0f)));
  const float fitted = std::floor((available - (kUnits - 1.0f) * g.gap) / kUnits);
  g.key_w = std::clamp(fitted, min_w, std::max(min_w, std::floor(g.key_h * kWidestKeyRatio)));
  const float row_w = kUnits * (g.key_w + g.gap) - g.gap;
  g.left = x + std::max(0.0f, std::floor((available - row_w) * 0.5f));
  return g;
}

// What one frame of the keyboard does with the text.
struct Typing {
  const std::string& before;
  size_t max_chars;
  bool shift;
  KeyboardEdit edit;
  bool shift_toggled = false;
  bool letter_typed = false;

  void Set(std::string after) {
    edit.changed = after != before;
    edit.text = std::move(after);
  }
};

void DrawLetters(const ScreenContext& ctx, std::string_view id, std::u32string_view row,
                 float first_unit, float y, float height, const Geometry& g, Typing& typing) {
  float unit = first_unit;
  for (char32_t lower : row) {
    ImGui::SetCursorScreenPos(ImVec2(g.X(unit), y));
    const char32_t shown = typing.shift ? Upper(lower) : lower;
    if (BigButton(ctx, Utf8(shown), KeyboardKeyId(id, lower), ButtonKind::kSecondary,
                  g.Span(1.0f, height))) {
      typing.Set(AppendText(typing.before, Utf8(shown), typing.max_chars));
      typing.letter_typed = true;
    }
    unit += 1.0f;
  }
}

// One named key spanning `units` from `unit`; returns true when tapped.
bool NamedKey(const ScreenContext& ctx, std::string_view id, const char* name,
              const std::string& label, ButtonKind kind, const Geometry& g, float unit, float y,
              float units, float height) {
  ImGui::SetCursorScreenPos(ImVec2(g.X(unit), y));
  return BigButton(ctx, label, std::string(id) + ".key." + name, kind, g.Span(units, height));
}

// q…p, hyphen, Backspace.
void DrawTopRow(const ScreenContext& ctx, std::string_view id, float y, const Geometry& g,
                Typing& typing) {
  DrawLetters(ctx, id, kTopRow, 0.0f, y, g.key_h, g, typing);
  if (NamedKey(ctx, id, "hyphen", "-", ButtonKind::kSecondary, g, 10.0f, y, 1.0f, g.key_h)) {
    typing.Set(AppendText(typing.before, "-", typing.max_chars));
  }
  if (NamedKey(ctx, id, "backspace", "\u232B", ButtonKind::kSecondary, g, 11.0f, y, 2.0f,
               g.key_h)) {
    typing.Set(RemoveLastCharacter(typing.before));
  }
}

// a…l (staggered half a key, as on a physical keyboard) and Done.
void DrawHomeRow(const ScreenContext& ctx, std::string_view id, float y, const Geometry& g,
                 Typing& typing) {
  DrawLetters(ctx, id, kHomeRow, 0.5f, y, g.done_row_h, g, typing);
  if (NamedKey(ctx, id, "done", Tr(ctx, "keyboard.done"), ButtonKind::kPrimary, g, 10.0f, y, 3.0f,
               g.done_row_h)) {
    typing.edit.submitted = true;
  }
}

// Shift, z…m, Space.
void DrawBottomRow(const ScreenContext& ctx, std::string_view id, float y, const Geometry& g,
                   Typing& typing) {
  if (NamedKey(ctx, id, "shift", "\u21E7",
               typing.shift ? ButtonKind::kSelected : ButtonKind::kSecondary, g, 0.0f, y, 2.0f,
               g.key_h)) {
    typing.shift_toggled = true;
  }
  DrawLetters(ctx, id, kBottomRow, 2.0f, y, g.key_h, g, typing);
  if (NamedKey(ctx, id, "space", Tr(ctx, "keyboard.space"), ButtonKind::kSecondary, g, 9.0f, y,
               4.0f, g.key_h)) {
    typing.Set(AppendText(typing.before, " ", typing.max_chars));
  }
}

}  // namespace

KeyboardLayout LayoutForLanguage(const std::string& language) {
  if (language == "lt") {
    return KeyboardLayout::kLithuanian;
  }
  if (language == "pl") {
    return KeyboardLayout::kPolish;
  }
  return KeyboardLayout::kEnglish;
}

std::string KeyboardKeyId(std::string_view id, char32_t lower_codepoint) {
  char name[16];
  std::snprintf(name, sizeof(name), "U+%04X", static_cast<unsigned>(lower_codepoint));
  return std::string(id) + ".key." + name;
}

float KeyboardHeight(const ScreenContext& ctx, KeyboardLayout layout) {
  const Metrics& m = ctx.theme.metrics;
  const float key_h = KeyHeight(ctx);
  const float done_row_h = std::max(key_h, m.primary);
  const float height = 2.0f * key_h + done_row_h + 2.0f * m.gap;
  return NationalRow(layout).empty() ? height : height + key_h + m.gap;
}

KeyboardEdit OnScreenKeyboard(const ScreenContext& ctx, std::string_view id, KeyboardLayout layout,
                              const std::string& text, size_t max_chars) {
  ImGuiStorage* storage = ImGui::GetStateStorage();
  const ImGuiID shift_key = ImGui::GetID((std::string(id) + ".shift_on").c_str());
  Typing typing{text, max_chars, storage->GetBool(shift_key, false), KeyboardEdit{}};
  typing.edit.text = text;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const Geometry g = Measure(ctx, layout, origin.x, ImGui::GetContentRegionAvail().x);
  float y = origin.y;
  ImGui::BeginGroup();
  if (!NationalRow(layout).empty()) {
    DrawLetters(ctx, id, NationalRow(layout), 0.5f, y, g.key_h, g, typing);
    y += g.key_h + g.gap;
  }
  DrawTopRow(ctx, id, y, g, typing);
  y += g.key_h + g.gap;
  DrawHomeRow(ctx, id, y, g, typing);
  y += g.done_row_h + g.gap;
  DrawBottomRow(ctx, id, y, g, typing);
  ImGui::EndGroup();
  if (typing.shift_toggled) {
    storage->SetBool(shift_key, !typing.shift);
  } else if (typing.letter_typed) {
    storage->SetBool(shift_key, false);  // one-shot: the next letter is small again
  }
  return typing.edit;
}

void KeyboardField(const ScreenContext& ctx, std::string_view id, const std::string& text,
                   const std::string& placeholder) {
  const Metrics& m = ctx.theme.metrics;
  const Palette& p = ctx.theme.palette;
  ImFont* font = ctx.Font(FontRole::kBody);
  const std::string& shown = text.empty() ? placeholder : text;
  const ImVec2 text_size = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, shown.c_str(),
                                               shown.c_str() + shown.size());
  const float width = ImGui::GetContentRegionAvail().x;
  const ImVec2 min = ImGui::GetCursorScreenPos();
  const ImVec2 max(min.x + width, min.y + font->FontSize + 2.0f * m.padding);
  ImGui::Dummy(ImVec2(width, max.y - min.y));
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRect(min, max, ImGui::GetColorU32(p.card_border), m.padding * 0.5f, 0, m.border);
  const float inner = width - 2.0f * m.padding - m.border * 2.0f;
  // Long text shows its end, where the person is typing.
  const float shift = std::max(0.0f, text_size.x - inner);
  const ImVec2 text_at(min.x + m.padding - shift, min.y + m.padding);
  draw->PushClipRect(ImVec2(min.x + m.padding, min.y), ImVec2(max.x - m.padding, max.y), true);
  draw->AddText(font, font->FontSize, text_at, ImGui::GetColorU32(p.text), shown.c_str(),
                shown.c_str() + shown.size());
  if (!text.empty()) {
    const float caret_x = text_at.x + text_size.x + m.border;
    draw->AddLine(ImVec2(caret_x, min.y + m.padding * 0.5f),
                  ImVec2(caret_x, max.y - m.padding * 0.5f), ImGui::GetColorU32(p.text), m.border);
  }
  draw->PopClipRect();
  ImGui::PushFont(font);
  ImGui::PushStyleColor(ImGuiCol_Text, p.text);
  ProbeItem(ctx, id, shown, ProbeRole::kText);
  ImGui::PopStyleColor();
  ImGui::PopFont();
}

}  // namespace raida::kiosk
