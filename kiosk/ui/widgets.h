// Touch widgets for the kiosk's screens: big buttons, headings and paragraphs, the navigation
// bar (Back, Home, languages), a phone-style number pad, a paged list with ▲/▼ buttons and
// drag-to-scroll, cards, and full-screen confirm and notice dialogs. The on-screen keyboard is in
// keyboard.h.
//
// Tap semantics, the same for every target (UX-8, UX-11): a target acts on release inside it; a
// press that leaves it acts on nothing; a drag that began on a scrolling list scrolls it and never
// taps; a second hit on the same target within kKeyBounceSeconds acts once.
//
// Every widget takes its sizes and colours from the frame's Theme (millimetres converted once)
// and its words from the translations through Tr(ctx, "welcome.start"); string literals given to a
// Tr* helper are the translation keys a test checks against every catalog. ImGui IDs are
// "Translated label###stable.id", so a label changes with the language and the ID does not.
//
// The UI probe: a test installs a UiProbe (SetUiProbeForTesting) and every widget records what it
// drew — stable id, rectangle, the text shown, its font and the text/background colours of each
// state — so tests can tap by id and audit sizes, gaps, contrast and glyphs without pixels. In
// production no probe is installed and recording is a pointer check.
#pragma once

#include <imgui.h>

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kiosk/state/actions.h"
#include "kiosk/ui/fonts.h"
#include "kiosk/ui/theme.h"
#include "raida/core/i18n.h"

namespace raida::kiosk {

struct RootUi;

// [SECTION] Probe

enum class ProbeRole {
  kTarget,  // something to tap
  kText,    // text a person reads
};

struct ProbeRecord {
  std::string id;  // stable id ("welcome.start", "catalog.open.course.english-a1")
  ProbeRole role = ProbeRole::kText;
  ImVec2 min, max;                  // the item's rectangle in screen px
  ImVec2 visible_min, visible_max;  // clipped to its window; zero-sized when scrolled away
  std::string text;                 // as shown, without the ###id
  ImVec2 text_size;                 // single-line size of `text` in `font` (wrapped: the box)
  ImFont* font = nullptr;
  float font_size = 0.0f;  // px, as drawn (ImGui::GetFontSize())
  ImVec4 text_color;
  ImVec4 bg_normal, bg_hovered, bg_active;  // opaque; text items: the window's background
  bool enabled = true;
  bool in_list = false;  // inside a scrolling list (may be partly scrolled out of view)
};

struct UiProbe {
  std::vector<ProbeRecord> items;  // this frame's items, in drawing order

  // The record with `id`, or nullptr.
  const ProbeRecord* Find(std::string_view id) const;
  // Ids of records whose id starts with `prefix`, in drawing order.
  std::vector<std::string> IdsWithPrefix(std::string_view prefix) const;
};

// Installs `probe` (nullptr to remove) for the screens drawn with `ui`. Tests only.
void SetUiProbeForTesting(RootUi& ui, UiProbe* probe);

// [SECTION] Frame context

// What one frame's widgets need besides the state: the words, the theme and the probe.
struct ScreenContext {
  const core::Translations* translations = nullptr;  // never null while drawing
  std::string language = "lt";
  Theme theme;
  UiProbe* probe = nullptr;

  ImFont* Font(FontRole role) const { return KioskFont(theme.text_size, role); }
};

// Records the last ImGui item into the probe, if one is installed.
void ProbeItem(const ScreenContext& ctx, std::string_view id, std::string_view text,
               ProbeRole role);

// [SECTION] Words

// The text for `key` in the frame's language (the key itself when no catalog has it).
const std::string& Tr(const ScreenContext& ctx, const char* key);
// "Translated text###id": a translated label with a stable ImGui ID.
std::string TrId(const ScreenContext& ctx, const char* key, std::string_view id);
// The text for `key` with each "{name}" replaced by its value.
std::string TrFormat(const ScreenContext& ctx, const char* key,
                     std::initializer_list<std::pair<const char*, std::string>> values);
// `text` with each "{name}" replaced by its value (for text that is not a key).
std::string FormatText(std::string text,
                       std::initializer_list<std::pair<const char*, std::string>> values);
// An ISO date ("2026-11-23") in the frame's language ("2026 m. lapkričio 23 d.",
// "23 listopada 2026", "23 November 2026"); other text is returned unchanged.
std::string FormatDate(const ScreenContext& ctx, const std::string& iso_date);

// The twelve month keys, "common.month.1" … "common.month.12" (genitive where the language
// needs it after a day number).
const std::vector<std::string>& MonthKeys();
// The need names a person can ask for, in the order the sign-up screen shows them.
const std::vector<std::string>& NeedNames();  // {"transport", "care", "accessibility"}
// Each supported language's own name: {"lt","Lietuvių"}, {"pl","Polski"}, {"en","English"}.
const std::vector<std::pair<std::string, std::string>>& LanguageNames();

// [SECTION] Text

// A heading in the heading font.
void Heading(const ScreenContext& ctx, std::string_view id, const std::string& text);
// Text in `role`'s font, wrapped `wrap_width` px from the cursor (0: at the window's edge).
void Paragraph(const ScreenContext& ctx, std::string_view id, const std::string& text,
               const ImVec4& color, FontRole role = FontRole::kBody, float wrap_width = 0.0f);

// [SECTION] Buttons

enum class ButtonKind { kSecondary, kPrimary, kSelected, kDisabled };

// Colours for a kind of button in the frame's palette.
const ButtonColors& ColorsFor(const ScreenContext& ctx, ButtonKind kind);

// Width a button needs for `label` (never below the minimum target).
float ButtonWidth(const ScreenContext& ctx, const std::string& label);

// UX-11: a second hit on the same target within this time acts once (ImGui's clock, the sum of
// io.DeltaTime, so tests drive it by frames).
inline constexpr double kKeyBounceSeconds = 0.15;

// A touch button: fires once, on release inside it (a press that leaves the button fires
// nothing; a release that ends a drag beyond the drag threshold on a scrolling list fires
// nothing; a second firing within kKeyBounceSeconds of the last is ignored). At least
// kMinTargetMm in both directions; kPrimary is kPrimaryTargetMm high and kPrimaryWidthMm wide;
// `size` may ask for more (0 = automatic). kDisabled draws it readable but never fires.
bool BigButton(const ScreenContext& ctx, const std::string& label, std::string_view id,
               ButtonKind kind, ImVec2 size = ImVec2(0.0f, 0.0f));

// [SECTION] Navigation

// Back and Home (unless `show_back_home` is false: the fault screen has nowhere to go), then a
// button per language, each labelled in its own language, right-aligned (on a second row when one
// row is too narrow); all kPrimaryTargetMm high. Dispatches GoBack, GoHome and ChooseLanguage.
void NavBar(const ScreenContext& ctx, const Dispatch& dispatch, bool show_back_home = true);
// The language buttons alone, each `size` (0 = automatic); the current language is kSelected.
void LanguageButtons(const ScreenContext& ctx, const Dispatch& dispatch, ImVec2 size);

// [SECTION] Number pad

struct PadState {
  std::string digits;  // what the person typed; cleared on sign-out
};

inline constexpr size_t kMaxCardDigits = 16;

// A 3×4 phone-style pad (1–9, Delete, 0, OK) with keys of at least kPadKeyMm. Digits go into
// `pad.digits` (at most kMaxCardDigits); a second tap on the same key within kKeyBounceSeconds
// is ignored (as on every BigButton). Returns true on the frame OK is tapped with at least one
// digit. While `busy` (a code is being looked up) OK is shown disabled.
bool NumberPad(const ScreenContext& ctx, PadState& pad, bool busy);
// The width NumberPad takes: three keys and two gaps (for laying text out beside it).
float NumberPadWidth(const ScreenContext& ctx);

// [SECTION] Paged list

struct PagedScroll {
  float scroll_y = 0.0f;  // px from the top; applied at the next BeginPagedList
  float max_y = 0.0f;     // largest scroll_y, measured last frame
  float page_y = 0.0f;    // visible height, measured last frame
};

// A list `height` px tall and `width` px wide (0: the rest of the line), ▲/▼ included. When its
// content is taller, ▲/▼ page buttons stand beside it (one above the other, or side by side when
// the list is lower than two targets and a gap; they appear from the frame after the content
// outgrew the list, so they never cover a neighbour), and a drag (beyond the 5 mm threshold) that
// began on the list scrolls it and cancels the press. Always pair with EndPagedList.
void BeginPagedList(const ScreenContext& ctx, std::string_view id, const PagedScroll& scroll,
                    float height, float width = 0.0f);
void EndPagedList(const ScreenContext& ctx, std::string_view id, PagedScroll& scroll);

// A card: the items between BeginCard and EndCard, with a border around them that spans the
// window's width.
void BeginCard(const ScreenContext& ctx);
void EndCard(const ScreenContext& ctx);

// [SECTION] Dialogs
//
// Full-screen modals drawn in their own top-level window over the screen: nothing beneath them
// can be tapped, and the probe forgets the items drawn beneath (they are covered). Call one
// after the screen's own widgets (or instead of them), every frame while the question stands;
// the answer comes back on the frame the person taps, and the caller dispatches from it and
// stops showing the dialog. The message (probed "<id>.message") is wrapped in the heading font;
// the buttons stand at the bottom, at least kDialogButtonMm high and half the screen wide each
// (a notice's OK is centred). While a dialog is up, every other target is covered.

inline constexpr float kDialogButtonMm = 25.0f;

enum class DialogAnswer { kNone, kYes, kNo };

// "Do you want to cancel this sign-up?" with two huge buttons: `yes_label` (primary, probed
// "<id>.yes") and `no_label` (secondary, probed "<id>.no", on the left, so the safe answer comes
// first). Returns kYes or kNo on the frame one is tapped, kNone otherwise.
DialogAnswer ConfirmDialog(const ScreenContext& ctx, std::string_view id,
                           const std::string& message, const std::string& yes_label,
                           const std::string& no_label);

// A message with one huge OK button (`ok_label`, probed "<id>.ok"). Returns true on the frame OK
// is tapped.
bool NoticeDialog(const ScreenContext& ctx, std::string_view id, const std::string& message,
                  const std::string& ok_label);

}  // namespace raida::kiosk
