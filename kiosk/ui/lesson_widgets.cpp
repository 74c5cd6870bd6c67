// Lesson widgets (see lesson_widgets.h).
#include "kiosk/ui/lesson_widgets.h"

#include <imgui_internal.h>

#include <algorithm>
#include <cfloat>
#include <vector>

#include "kiosk/ui/pictures.h"

namespace raida::kiosk {
namespace {

// The lower-case form of a letter of Latin-1 or Latin Extended-A (the kiosk's languages).
unsigned int LowerCase(unsigned int c) {
  if ((c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7)) {
    return c + 32;
  }
  const bool even_upper = (c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177);
  const bool odd_upper = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E);
  if ((even_upper && c % 2 == 0) || (odd_upper && c % 2 == 1)) {
    return c + 1;
  }
  return c;
}

std::vector<unsigned int> Folded(const std::string& text) {
  std::vector<unsigned int> out;
  const char* p = text.c_str();
  const char* end = p + text.size();
  while (p < end) {
    unsigned int c = 0;
    const int length = ImTextCharFromUtf8(&c, p, end);
    p += std::max(length, 1);
    out.push_back(LowerCase(c));
  }
  while (!out.empty() && out.back() == ' ') {
    out.pop_back();
  }
  const auto first = std::find_if(out.begin(), out.end(), [](unsigned int c) { return c != ' '; });
  out.erase(out.begin(), first);
  return out;
}

}  // namespace

void SpacedParagraph(const ScreenContext& ctx, std::string_view id, const std::string& text,
                     ImFont* font, float pitch, float width, const ImVec4& color) {
  ImGui::PushFont(font);
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  const ImVec2 spacing = ImGui::GetStyle().ItemSpacing;
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing,
                      ImVec2(spacing.x, std::max(0.0f, (pitch - 1.0f) * font->FontSize)));
  ImGui::BeginGroup();
  const char* p = text.c_str();
  const char* end = p + text.size();
  while (p < end) {
    const char* wrap = font->CalcWordWrapPositionA(1.0f, p, end, width);
    if (wrap <= p) {  // a word wider than the line: break it rather than loop
      unsigned int c = 0;
      wrap = p + std::max(ImTextCharFromUtf8(&c, p, end), 1);
    }
    ImGui::TextUnformatted(p, wrap);
    p = wrap;
    while (p < end && (*p == ' ' || *p == '\n')) {
      ++p;
    }
  }
  ImGui::EndGroup();
  ImGui::PopStyleVar();
  ProbeItem(ctx, id, text, ProbeRole::kText);
  ImGui::PopStyleColor();
  ImGui::PopFont();
}

bool ChoiceButton(const ScreenContext& ctx, std::string_view id, const std::string& text,
                  ButtonKind kind, float width) {
  const Metrics& m = ctx.theme.metrics;
  const ButtonColors& colors = ColorsFor(ctx, kind);
  ImFont* font = ctx.Font(FontRole::kLabel);
  const float wrap = std::max(width - 2.0f * m.padding, 1.0f);
  const ImVec2 text_size =
      font->CalcTextSizeA(font->FontSize, FLT_MAX, wrap, text.c_str(), text.c_str() + text.size());
  const float height = std::max({m.target, text_size.y + 2.0f * m.padding});
  ImGui::PushFont(font);
  ImGui::PushStyleColor(ImGuiCol_Text, colors.text);
  ImGui::PushStyleColor(ImGuiCol_Button, colors.normal);
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, colors.hovered);
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, colors.active);
  ImGui::PushStyleColor(ImGuiCol_Border, colors.border);
  const bool disabled = kind == ButtonKind::kDisabled;
  ImGui::BeginDisabled(disabled);
  const std::string imgui_id = "###" + std::string(id);
  const bool pressed = ImGui::Button(imgui_id.c_str(), ImVec2(width, height));
  const ImVec2 min = ImGui::GetItemRectMin();
  const float top = min.y + (height - text_size.y) * 0.5f;
  ImGui::GetWindowDrawList()->AddText(font, font->FontSize, ImVec2(min.x + m.padding, top),
                                      ImGui::ColorConvertFloat4ToU32(colors.text), text.c_str(),
                                      text.c_str() + text.size(), wrap);
  ProbeItem(ctx, id, text, ProbeRole::kTarget);
  if (ctx.probe != nullptr && !ctx.probe->items.empty()) {
    ctx.probe->items.back().text_size = ImVec2(std::min(text_size.x, wrap), text_size.y);
  }
  ImGui::EndDisabled();
  ImGui::PopStyleColor(5);
  ImGui::PopFont();
  return pressed && !disabled;
}

void LessonPicture(const ScreenContext& ctx, const LessonUi& ui, std::string_view id,
                   const std::string& path, const std::string& alt, ImVec2 max_size) {
  const PictureTexture* picture = ui.pictures != nullptr ? ui.pictures->Get(path) : nullptr;
  if (picture == nullptr || picture->width <= 0 || picture->height <= 0) {
    Paragraph(ctx, id, alt, ctx.theme.palette.text, FontRole::kBody, max_size.x);
    return;
  }
  const float scale = std::min({max_size.x / static_cast<float>(picture->width),
                                max_size.y / static_cast<float>(picture->height), 2.0f});
  const ImVec2 size(static_cast<float>(picture->width) * scale,
                    static_cast<float>(picture->height) * scale);
  ImGui::Image(picture->texture, size);
  ProbeItem(ctx, id, alt, ProbeRole::kText);
}

bool SameWord(const std::string& typed, const std::string& word) {
  const std::vector<unsigned int> a = Folded(typed);
  return !a.empty() && a == Folded(word);
}

}  // namespace raida::kiosk
