// Touch widgets and the UI probe (see widgets.h).
//
// [SECTION] Probe
// [SECTION] Words
// [SECTION] Text
// [SECTION] Buttons and navigation
// [SECTION] Number pad
// [SECTION] Paged list and cards
//
// ImGui::Button already acts on release inside the target and cancels when the finger leaves
// it. What ImGui lacks for touch is added here: dragging a list scrolls it (EndPagedList, which
// also cancels the press the drag started on), a release that ends a swipe on a list is no tap
// even when the swipe's last move and the lift fall into one frame (BigButton), and a bounce —
// a second hit on the same button within 150 ms — acts once (BigButton, timed by ImGui's clock,
// the sum of io.DeltaTime, so tests drive it frame by frame).
// The dialogs are in dialogs.cpp.
#include "kiosk/ui/widgets.h"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <array>
#include <cfloat>
#include <cmath>
#include <cstdint>

#include "kiosk/ui/root_ui.h"

namespace raida::kiosk {

// [SECTION] Probe

const ProbeRecord* UiProbe::Find(std::string_view id) const {
  for (const ProbeRecord& record : items) {
    if (record.id == id) {
      return &record;
    }
  }
  return nullptr;
}

std::vector<std::string> UiProbe::IdsWithPrefix(std::string_view prefix) const {
  std::vector<std::string> ids;
  for (const ProbeRecord& record : items) {
    if (record.id.compare(0, prefix.size(), prefix) == 0) {
      ids.push_back(record.id);
    }
  }
  return ids;
}

void SetUiProbeForTesting(RootUi& ui, UiProbe* probe) { ui.probe = probe; }

void ProbeItem(const ScreenContext& ctx, std::string_view id, std::string_view text,
               ProbeRole role) {
  if (ctx.probe == nullptr) {
    return;
  }
  ProbeRecord record;
  record.id = std::string(id);
  record.role = role;
  record.min = ImGui::GetItemRectMin();
  record.max = ImGui::GetItemRectMax();
  const ImRect clip = ImGui::GetCurrentWindow()->ClipRect;
  record.visible_min = ImMax(record.min, clip.Min);
  record.visible_max = ImMax(record.visible_min, ImMin(record.max, clip.Max));
  record.text = std::string(text);
  record.font = ImGui::GetFont();
  record.font_size = ImGui::GetFontSize();
  // Unrounded (ImGui::CalcTextSize rounds 620.0 up to 621 through float error).
  record.text_size =
      role == ProbeRole::kTarget
          ? record.font->CalcTextSizeA(record.font->FontSize, FLT_MAX, 0.0f, record.text.c_str(),
                                       record.text.c_str() + record.text.size())
          : ImVec2(record.max.x - record.min.x, record.max.y - record.min.y);
  record.text_color = ImGui::GetStyleColorVec4(ImGuiCol_Text);
  const ImVec4 window_bg = BlendOver(ImGui::GetStyleColorVec4(ImGuiCol_ChildBg),
                                     ImGui::GetStyleColorVec4(ImGuiCol_WindowBg));
  if (role == ProbeRole::kTarget) {
    record.bg_normal = BlendOver(ImGui::GetStyleColorVec4(ImGuiCol_Button), window_bg);
    record.bg_hovered = BlendOver(ImGui::GetStyleColorVec4(ImGuiCol_ButtonHovered), window_bg);
    record.bg_active = BlendOver(ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive), window_bg);
  } else {
    record.bg_normal = record.bg_hovered = record.bg_active = window_bg;
  }
  record.enabled = (ImGui::GetCurrentContext()->CurrentItemFlags & ImGuiItemFlags_Disabled) == 0;
  record.in_list = (ImGui::GetCurrentWindow()->Flags & ImGuiWindowFlags_ChildWindow) != 0;
  ctx.probe->items.push_back(std::move(record));
}

// [SECTION] Words

const std::string& Tr(const ScreenContext& ctx, const char* key) {
  return ctx.translations->Get(ctx.language, key);
}

std::string TrId(const ScreenContext& ctx, const char* key, std::string_view id) {
  return Tr(ctx, key) + "###" + std::string(id);
}

std::string FormatText(std::string text,
                       std::initializer_list<std::pair<const char*, std::string>> values) {
  for (const auto& [name, value] : values) {
    const std::string placeholder = std::string("{") + name + "}";
    for (size_t at = text.find(placeholder); at != std::string::npos;
         at = text.find(placeholder, at + value.size())) {
      text.replace(at, placeholder.size(), value);
    }
  }
  return text;
}

std::string TrFormat(const ScreenContext& ctx, const char* key,
                     std::initializer_list<std::pair<const char*, std::string>> values) {
  return FormatText(Tr(ctx, key), values);
}

const std::vector<std::string>& MonthKeys() {
  static const std::vector<std::string> kKeys = {
      "common.month.1", "common.month.2",  "common.month.3",  "common.month.4",
      "common.month.5", "common.month.6",  "common.month.7",  "common.month.8",
      "common.month.9", "common.month.10", "common.month.11", "common.month.12"};
  return kKeys;
}

const std::vector<std::string>& NeedNames() {
  static const std::vector<std::string> kNeeds = {"transport", "care", "accessibility"};
  return kNeeds;
}

const std::vector<std::pair<std::string, std::string>>& LanguageNames() {
  static const std::vector<std::pair<std::string, std::string>> kNames = {
      {"lt", "Lietuvių"}, {"pl", "Polski"}, {"en", "English"}};
  return kNames;
}

std::string FormatDate(const ScreenContext& ctx, const std::string& iso_date) {
  const bool shaped = iso_date.size() == 10 && iso_date[4] == '-' && iso_date[7] == '-' &&
                      std::all_of(iso_date.begin(), iso_date.end(),
                                  [](char c) { return c == '-' || (c >= '0' && c <= '9'); });
  if (!shaped) {
    return iso_date;
  }
  const int month = std::stoi(iso_date.substr(5, 2));
  const int day = std::stoi(iso_date.substr(8, 2));
  if (month < 1 || month > 12 || day < 1 || day > 31) {
    return iso_date;
  }
  const std::string& month_name = Tr(ctx, MonthKeys()[static_cast<size_t>(month - 1)].c_str());
  return TrFormat(
      ctx, "common.date",
      {{"year", iso_date.substr(0, 4)}, {"month", month_name}, {"day", std::to_string(day)}});
}

// [SECTION] Text

void Heading(const ScreenContext& ctx, std::string_view id, const std::string& text) {
  Paragraph(ctx, id, text, ctx.theme.palette.text, FontRole::kHeading);
}

void Paragraph(const ScreenContext& ctx, std::string_view id, const std::string& text,
               const ImVec4& color, FontRole role, float wrap_width) {
  ImGui::PushFont(ctx.Font(role));
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  ImGui::PushTextWrapPos(wrap_width > 0.0f ? ImGui::GetCursorPosX() + wrap_width : 0.0f);
  ImGui::TextUnformatted(text.c_str(), text.c_str() + text.size());
  ImGui::PopTextWrapPos();
  ProbeItem(ctx, id, text, ProbeRole::kText);
  ImGui::PopStyleColor();
  ImGui::PopFont();
}

// [SECTION] Buttons and navigation

namespace {

// A release that ends a drag on a scrolling list is a scroll, not a tap, even when the finger
// crossed the drag threshold and lifted within one frame (before EndPagedList could cancel it).
bool DraggedInList(const ScreenContext& ctx) {
  const ImGuiWindow* window = ImGui::GetCurrentWindow();
  if ((window->Flags & ImGuiWindowFlags_ChildWindow) == 0 || window->ScrollMax.y <= 0.0f) {
    return false;
  }
  const ImGuiIO& io = ImGui::GetIO();
  const ImVec2 moved(io.MousePos.x - io.MouseClickedPos[0].x,
                     io.MousePos.y - io.MouseClickedPos[0].y);
  // ImGui stops measuring when the button goes up, so the last move counts separately.
  const float distance_sqr =
      std::max(io.MouseDragMaxDistanceSqr[0], moved.x * moved.x + moved.y * moved.y);
  const float threshold = ctx.theme.metrics.drag_threshold;
  return distance_sqr >= threshold * threshold;
}

// UX-11: true when the button `item` already fired less than kKeyBounceSeconds ago, so a
// bouncing finger acts once. Remembers this firing otherwise. The time is ImGui's clock (the sum
// of io.DeltaTime), kept as wrapping milliseconds in the window's storage: only the difference of
// two nearby times matters.
bool IsBounce(ImGuiID item) {
  ImGuiStorage* storage = ImGui::GetStateStorage();
  const ImGuiID time_key = ImHashStr("raida.bounce.time", 0, item);
  const ImGuiID seen_key = ImHashStr("raida.bounce.seen", 0, item);
  const auto now_ms = static_cast<uint32_t>(static_cast<uint64_t>(ImGui::GetTime() * 1000.0));
  const auto elapsed_ms = now_ms - static_cast<uint32_t>(storage->GetInt(time_key, 0));
  if (storage->GetBool(seen_key, false) &&
      elapsed_ms < static_cast<uint32_t>(kKeyBounceSeconds * 1000.0)) {
    return true;
  }
  storage->SetInt(time_key, static_cast<int>(now_ms));
  storage->SetBool(seen_key, true);
  return false;
}

}  // namespace

const ButtonColors& ColorsFor(const ScreenContext& ctx, ButtonKind kind) {
  switch (kind) {
    case ButtonKind::kPrimary: {
      return ctx.theme.palette.primary;
    }
    case ButtonKind::kSelected: {
      return ctx.theme.palette.selected;
    }
    case ButtonKind::kDisabled: {
      return ctx.theme.palette.disabled;
    }
    case ButtonKind::kSecondary: {
      return ctx.theme.palette.secondary;
    }
  }
  return ctx.theme.palette.secondary;
}

float ButtonWidth(const ScreenContext& ctx, const std::string& label) {
  ImFont* font = ctx.Font(FontRole::kLabel);
  const ImVec2 text = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, label.c_str(),
                                          label.c_str() + label.size());
  return std::max(std::ceil(text.x + 2.0f * ctx.theme.metrics.padding), ctx.theme.metrics.target);
}

bool BigButton(const ScreenContext& ctx, const std::string& label, std::string_view id,
               ButtonKind kind, ImVec2 size) {
  const Metrics& m = ctx.theme.metrics;
  const ButtonColors& colors = ColorsFor(ctx, kind);
  ImGui::PushFont(ctx.Font(FontRole::kLabel));
  ImGui::PushStyleColor(ImGuiCol_Text, colors.text);
  ImGui::PushStyleColor(ImGuiCol_Button, colors.normal);
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, colors.hovered);
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, colors.active);
  ImGui::PushStyleColor(ImGuiCol_Border, colors.border);
  const bool primary = kind == ButtonKind::kPrimary;
  const float min_height = primary ? m.primary : m.target;
  const float width =
      std::max({size.x, ButtonWidth(ctx, label), primary ? m.primary_width : m.target});
  const float height = std::max({size.y, min_height, ImGui::GetFontSize() + m.padding});
  const std::string imgui_label = label + "###" + std::string(id);
  const bool disabled = kind == ButtonKind::kDisabled;
  ImGui::BeginDisabled(disabled);
  bool pressed = ImGui::Button(imgui_label.c_str(), ImVec2(width, height));
  ProbeItem(ctx, id, label, ProbeRole::kTarget);
  ImGui::EndDisabled();
  ImGui::PopStyleColor(5);
  ImGui::PopFont();
  pressed = pressed && !disabled && !DraggedInList(ctx);
  return pressed && !IsBounce(ImGui::GetItemID());
}

void LanguageButtons(const ScreenContext& ctx, const Dispatch& dispatch, ImVec2 size) {
  bool first = true;
  for (const auto& [code, name] : LanguageNames()) {
    if (!first) {
      ImGui::SameLine();
    }
    first = false;
    const bool current = code == ctx.language;
    // The current language is marked by a tick as well as by colour (never colour alone).
    const std::string label = current ? "\u2713 " + name : name;
    if (BigButton(ctx, label, "common.language." + code,
                  current ? ButtonKind::kSelected : ButtonKind::kSecondary, size)) {
      dispatch(ChooseLanguage{code});
    }
  }
}

void NavBar(const ScreenContext& ctx, const Dispatch& dispatch, bool show_back_home) {
  const Metrics& m = ctx.theme.metrics;
  if (show_back_home) {
    if (BigButton(ctx, Tr(ctx, "common.back"), "common.back", ButtonKind::kSecondary,
                  ImVec2(0.0f, m.primary))) {
      dispatch(GoBack{});
    }
    ImGui::SameLine();
    if (BigButton(ctx, Tr(ctx, "common.home"), "common.home", ButtonKind::kSecondary,
                  ImVec2(0.0f, m.primary))) {
      dispatch(GoHome{});
    }
    ImGui::SameLine();
  }
  // Equal widths, wide enough for the ticked label, so the bar does not shift on a change.
  float width = 0.0f;
  for (const auto& [code, name] : LanguageNames()) {
    width = std::max(width, ButtonWidth(ctx, "\u2713 " + name));
  }
  const float count = static_cast<float>(LanguageNames().size());
  const float languages_width = count * width + (count - 1.0f) * m.gap;
  const float right = ImGui::GetWindowContentRegionMax().x;
  if (right - languages_width >= ImGui::GetCursorPosX()) {
    ImGui::SetCursorPosX(right - languages_width);
  } else {
    ImGui::NewLine();
  }
  LanguageButtons(ctx, dispatch, ImVec2(width, m.primary));
}

// [SECTION] Number pad

namespace {

constexpr int kDeleteKey = 10;
constexpr int kOkKey = 11;

// Applies one accepted key press; returns true for OK with digits.
bool ApplyPadKey(PadState& pad, int key) {
  if (key == kOkKey) {
    return !pad.digits.empty();
  }
  if (key == kDeleteKey) {
    if (!pad.digits.empty()) {
      pad.digits.pop_back();
    }
    return false;
  }
  if (pad.digits.size() < kMaxCardDigits) {
    pad.digits.push_back(static_cast<char>('0' + key));
  }
  return false;
}

}  // namespace

namespace {

// OK is a primary action, so every key of the pad takes its width and the grid stays even.
float PadKeyWidth(const ScreenContext& ctx) {
  const Metrics& m = ctx.theme.metrics;
  return std::max({m.key, m.primary, m.primary_width, ButtonWidth(ctx, Tr(ctx, "common.delete")),
                   ButtonWidth(ctx, Tr(ctx, "common.ok"))});
}

}  // namespace

float NumberPadWidth(const ScreenContext& ctx) {
  return 3.0f * PadKeyWidth(ctx) + 2.0f * ctx.theme.metrics.gap;
}

bool NumberPad(const ScreenContext& ctx, PadState& pad, bool busy) {
  const Metrics& m = ctx.theme.metrics;
  // Row by row as on a phone; 10 = Delete, 11 = OK.
  static constexpr std::array<int, 12> kLayout = {1, 2, 3, 4, 5, 6, 7, 8, 9, kDeleteKey, 0, kOkKey};
  const std::string& delete_label = Tr(ctx, "common.delete");
  const std::string& ok_label = Tr(ctx, "common.ok");
  const float side = std::max(m.key, m.primary);
  const float width = PadKeyWidth(ctx);
  bool submitted = false;
  ImGui::BeginGroup();
  for (size_t i = 0; i < kLayout.size(); ++i) {
    const int key = kLayout[i];
    if (i % 3 != 0) {
      ImGui::SameLine();
    }
    std::string label = key == kDeleteKey ? delete_label
                        : key == kOkKey   ? ok_label
                                          : std::string(1, static_cast<char>('0' + key));
    ButtonKind kind = ButtonKind::kSecondary;
    if (key == kOkKey) {
      kind = pad.digits.empty() || busy ? ButtonKind::kDisabled : ButtonKind::kPrimary;
    }
    const std::string id = key == kDeleteKey ? "pad.delete"
                           : key == kOkKey   ? "pad.ok"
                                             : "pad." + std::to_string(key);
    // BigButton already ignores a bounce of the same key (UX-11).
    if (BigButton(ctx, label, id, kind, ImVec2(width, side))) {
      submitted = ApplyPadKey(pad, key) || submitted;
    }
  }
  ImGui::EndGroup();
  return submitted;
}

// [SECTION] Paged list and cards

namespace {

// The ▲/▼ buttons of a list `height` px high: one above the other, or side by side when the list
// is too low for two targets and a gap.
struct PageButtons {
  ImVec2 size;
  bool side_by_side = false;
  float column_width = 0.0f;  // with the gap before it
};

PageButtons PageButtonsFor(const Metrics& m, float height) {
  PageButtons b;
  b.side_by_side = height < 2.0f * m.target + m.gap;
  if (b.side_by_side) {
    b.size = ImVec2(m.primary, std::max(m.target, std::floor(height)));
    b.column_width = 2.0f * (m.primary + m.gap);
  } else {
    b.size = ImVec2(m.primary, std::max(m.target, std::floor((height - m.gap) * 0.5f)));
    b.column_width = m.primary + m.gap;
  }
  return b;
}

}  // namespace

void BeginPagedList(const ScreenContext& ctx, std::string_view id, const PagedScroll& scroll,
                    float height, float width) {
  if (width <= 0.0f) {
    width = ImGui::GetContentRegionAvail().x;
  }
  if (scroll.max_y > 0.5f) {
    width -= PageButtonsFor(ctx.theme.metrics, height).column_width;  // room for ▲/▼
  }
  ImGui::SetNextWindowScroll(ImVec2(-1.0f, scroll.scroll_y));
  ImGui::BeginChild(std::string(id).c_str(), ImVec2(width, height), false,
                    ImGuiWindowFlags_NoScrollbar);
}

void EndPagedList(const ScreenContext& ctx, std::string_view id, PagedScroll& scroll) {
  const ImGuiIO& io = ImGui::GetIO();
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  const float max_y = ImGui::GetScrollMaxY();
  float y = ImGui::GetScrollY();
  const bool began_here = window->Rect().Contains(io.MouseClickedPos[0]);
  if (max_y > 0.0f && began_here && ImGui::IsMouseDragging(ImGuiMouseButton_Left)) {
    y = std::clamp(y - io.MouseDelta.y, 0.0f, max_y);
    ImGui::ClearActiveID();  // the press became a scroll: its release must not tap
  }
  const float height = window->Size.y;
  ImGui::EndChild();
  // ▲/▼ only where BeginPagedList made room for them: a list that has just grown gets them on
  // the next frame rather than over its neighbours now.
  const bool room = scroll.max_y > 0.5f;
  scroll.scroll_y = y;
  scroll.max_y = max_y;
  scroll.page_y = height;
  if (max_y <= 0.0f || !room) {
    return;
  }
  const PageButtons buttons = PageButtonsFor(ctx.theme.metrics, height);
  const float step = std::max(ctx.theme.metrics.target, height * 0.8f);
  ImGui::SameLine();
  ImGui::BeginGroup();
  if (BigButton(ctx, "\u25B2", std::string(id) + ".up",
                y > 0.5f ? ButtonKind::kSecondary : ButtonKind::kDisabled, buttons.size)) {
    scroll.scroll_y = std::max(0.0f, y - step);
  }
  if (buttons.side_by_side) {
    ImGui::SameLine();
  }
  if (BigButton(ctx, "\u25BC", std::string(id) + ".down",
                y < max_y - 0.5f ? ButtonKind::kSecondary : ButtonKind::kDisabled, buttons.size)) {
    scroll.scroll_y = std::min(max_y, y + step);
  }
  ImGui::EndGroup();
}

void BeginCard(const ScreenContext& ctx) {
  ImGui::BeginGroup();
  ImGui::Indent(ctx.theme.metrics.padding);
}

void EndCard(const ScreenContext& ctx) {
  const Metrics& m = ctx.theme.metrics;
  ImGui::Unindent(m.padding);
  ImGui::EndGroup();
  const ImVec2 min = ImGui::GetItemRectMin();
  const ImVec2 max = ImGui::GetItemRectMax();
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  const float half_gap = std::floor(m.gap * 0.5f);
  ImGui::GetWindowDrawList()->AddRect(
      ImVec2(min.x, min.y - half_gap), ImVec2(right - 1.0f, max.y + half_gap),
      ImGui::GetColorU32(ctx.theme.palette.card_border), m.padding * 0.5f, 0, m.border);
}

}  // namespace raida::kiosk
