// The on-screen keyboard: a QWERTY keyboard across the window (centred when the window is wider
// than its keys need) with a dedicated row of national letters, a visible one-shot Shift, a
// Backspace that removes one whole character, Space, a hyphen and a big Done key (UX-4, UX-11,
// UX-13). A physical keyboard is never assumed.
//
// The keyboard does not own the text: the caller passes the current text (from AppState) and,
// when the returned KeyboardEdit says `changed`, dispatches an action carrying `edit.text`; when
// it says `submitted` (Done), the caller acts on the text. Only the Shift state and the
// key-bounce filter live inside, in ImGui's per-window storage (nothing personal).
//
// Every key is a probed target with the stable id "<id>.key.<name>": a character key is named
// by its lower-case code point as "U+0105" (the same id whether Shift is on or not; see
// KeyboardKeyId), the other keys are "<id>.key.shift", "<id>.key.backspace", "<id>.key.space",
// "<id>.key.hyphen" and "<id>.key.done". Keys are at least kKeyboardKeyMm square with kTargetGapMm
// between them, act on release inside the key, and a second hit on the same key within
// kKeyBounceSeconds is ignored.
//
// Layouts (rows top to bottom; the national row on top, Backspace at the right of the top
// letter row and Done where Enter is on a physical keyboard, so the keyboard keeps to four rows):
//   Lithuanian: ą č ę ė į š ų ū ž / q w e r t y u i o p - Backspace /
//               a s d f g h j k l Done / Shift z x c v b n m Space
//   Polish:     ą ć ę ł ń ó ś ź ż / (the same rows below)
//   English:    no national row, otherwise the same.
// Done is a primary action (at least 20 mm high and 50 mm wide); every other key is at least
// kKeyboardKeyMm square.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "kiosk/ui/widgets.h"

namespace raida::kiosk {

// UX-4: keys 18 mm square (72 px on the reference panel), as the number pad's (theme.h).
inline constexpr float kKeyboardKeyMm = kPadKeyMm;

enum class KeyboardLayout { kLithuanian, kPolish, kEnglish };

// The layout for a language code: "lt" → kLithuanian, "pl" → kPolish, anything else kEnglish.
KeyboardLayout LayoutForLanguage(const std::string& language);

struct KeyboardEdit {
  bool changed = false;    // a key changed the text this frame; `text` is the new text
  bool submitted = false;  // Done was tapped this frame; `text` is the text to act on
  std::string text;        // the text after this frame's key (the input text when nothing)
};

// Draws the keyboard at the cursor, as wide as the window's content region, and applies at most
// one key per frame to `text` (never longer than `max_chars` code points; a letter that does not
// fit is ignored). Shift capitalises the next letter only, national letters included. `id` must
// be unique on the screen. Call every frame the keyboard is shown.
KeyboardEdit OnScreenKeyboard(const ScreenContext& ctx, std::string_view id, KeyboardLayout layout,
                              const std::string& text, size_t max_chars);

// Height in px the keyboard takes for `layout` in this frame's theme (to lay out what is above).
float KeyboardHeight(const ScreenContext& ctx, KeyboardLayout layout);

// The probe id of the key that types `lower_codepoint` (e.g. KeyboardKeyId("search", U'ą') is
// "search.key.U+0105").
std::string KeyboardKeyId(std::string_view id, char32_t lower_codepoint);

// A read-only box, full width, showing `text` as typed with a caret at its end, or `placeholder`
// (in the same contrast) when `text` is empty. Long text shows its end. Probed as "<id>" (role
// text). Pair it with OnScreenKeyboard; it is not a target.
void KeyboardField(const ScreenContext& ctx, std::string_view id, const std::string& text,
                   const std::string& placeholder);

}  // namespace raida::kiosk
