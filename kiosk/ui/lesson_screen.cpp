// The lesson screen: one page (or question, or the lesson end) at a time, in large text, with
// big ← Previous / Next → buttons and "Read more slowly" in a bar at the bottom.
//
// The normal pace shows a whole page (60–90 words) with lines 1.5 font sizes apart. "Read more
// slowly" is for a reader who loses the line or tires on a full page: one paragraph per screen,
// in the next larger type, with lines 1.8 font sizes apart, and Next walks through the
// paragraphs before it turns the page. Pictures stand to the right of the text. The page's
// exercise sits below the text and outside the scrolling part, so dragging the marker never
// scrolls the page.
#include <imgui.h>

#include <algorithm>
#include <string>

#include "kiosk/ui/lesson_screens.h"
#include "kiosk/ui/lesson_widgets.h"
#include "kiosk/ui/widgets.h"

namespace raida::kiosk {
namespace {

constexpr float kPictureShare = 0.4f;  // of the width, when a page has a picture

// What the scrolling body shows: another page, paragraph or question starts at its top.
std::string BodyKey(const LessonView& player) {
  return player.lesson_id + (player.position.in_quiz ? "|q" : "|p") +
         std::to_string(player.position.index) + "|" + std::to_string(player.paragraph) +
         (player.answered ? "|a" : "") + (player.at_end ? "|end" : "");
}

// The next larger body font: "read more slowly" reads in bigger type.
ImFont* SlowFont(const ScreenContext& ctx) {
  const TextSize bigger =
      ctx.theme.text_size == TextSize::kNormal ? TextSize::kLarge : TextSize::kLargest;
  return KioskFont(bigger, FontRole::kBody);
}

std::string StepLine(const LessonView& player, bool slow, const ScreenContext& ctx) {
  const LessonContent& content = *player.content;
  if (player.at_end) {
    return "";
  }
  const int index = player.position.index + 1;
  if (player.position.in_quiz) {
    return TrFormat(ctx, "lesson.step.question",
                    {{"question", std::to_string(index)},
                     {"questions", std::to_string(content.questions.size())}});
  }
  std::string line =
      TrFormat(ctx, "lesson.step.page",
               {{"page", std::to_string(index)}, {"pages", std::to_string(content.pages.size())}});
  const auto& paragraphs = content.pages[static_cast<size_t>(player.position.index)].paragraphs;
  if (slow && paragraphs.size() > 1) {
    line += " \u2013 " + TrFormat(ctx, "lesson.step.part",
                                  {{"part", std::to_string(player.paragraph + 1)},
                                   {"parts", std::to_string(paragraphs.size())}});
  }
  return line;
}

void DrawPageText(const LessonView& player, const LessonPageView& page, bool slow,
                  const LessonUi& ui, const ScreenContext& ctx) {
  const Metrics& m = ctx.theme.metrics;
  const float width = ImGui::GetContentRegionAvail().x;
  const bool picture = !page.picture_path.empty();
  const float text_width = picture ? width * (1.0f - kPictureShare) - m.gap : width;
  ImFont* font = slow ? SlowFont(ctx) : ctx.Font(FontRole::kBody);
  const float pitch = slow ? kSlowLinePitch : kLessonLinePitch;
  ImGui::BeginGroup();
  for (size_t i = 0; i < page.paragraphs.size(); ++i) {
    if (slow && static_cast<int>(i) != player.paragraph) {
      continue;
    }
    SpacedParagraph(ctx, "lesson.text." + std::to_string(i), page.paragraphs[i], font, pitch,
                    text_width, ctx.theme.palette.text);
    ImGui::Dummy(ImVec2(0.0f, font->FontSize * 0.5f));  // a paragraph break
  }
  ImGui::EndGroup();
  if (picture) {
    ImGui::SameLine(0.0f, m.gap);
    const float height = std::max(ImGui::GetContentRegionAvail().y, m.target);
    LessonPicture(ctx, ui, "lesson.picture", page.picture_path, page.picture_alt,
                  ImVec2(width * kPictureShare, height));
  }
}

// ← Previous (only where it leads somewhere), "Read more slowly", Next → (waits for an answer).
void DrawBottomBar(const AppState& state, const LessonView& player, const ScreenContext& ctx,
                   const Dispatch& dispatch) {
  const Metrics& m = ctx.theme.metrics;
  const bool slow = state.lesson.slow_pace;
  const bool in_quiz = player.position.in_quiz;
  const bool can_go_back = in_quiz ? player.position.index == 0 && !player.answered
                                   : player.position.index > 0 || (slow && player.paragraph > 0);
  // "Previous page", never a second "Back": the bar above has Back to the course already.
  const std::string& previous = Tr(ctx, "lesson.previous_page");
  if (can_go_back) {
    if (BigButton(ctx, previous, "lesson.previous", ButtonKind::kSecondary,
                  ImVec2(0.0f, m.primary))) {
      dispatch(LessonBack{});
    }
  } else {
    ImGui::Dummy(ImVec2(ButtonWidth(ctx, previous), m.primary));
  }
  ImGui::SameLine(0.0f, m.gap * 2.0f);
  const std::string slow_label = slow ? "\u2713 " + Tr(ctx, "lesson.slow") : Tr(ctx, "lesson.slow");
  if (BigButton(ctx, slow_label, "lesson.slow",
                slow ? ButtonKind::kSelected : ButtonKind::kSecondary, ImVec2(0.0f, m.primary))) {
    dispatch(ToggleSlowPace{});
  }
  const std::string& next = Tr(ctx, "lesson.next");
  const float next_width = std::max(ButtonWidth(ctx, next), m.primary_width);
  ImGui::SameLine(
      std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - next_width));
  const bool ready = !in_quiz || player.answered;
  if (BigButton(ctx, next, "lesson.next", ready ? ButtonKind::kPrimary : ButtonKind::kDisabled,
                ImVec2(next_width, m.primary))) {
    dispatch(LessonNext{});
  }
}

// Forgets the exercises' widget state when another page shows.
void FollowBody(const LessonView& player, LessonUi& ui) {
  const std::string key = BodyKey(player);
  if (key == ui.body_key) {
    return;
  }
  const bool same_page =
      ui.body_key.rfind(player.lesson_id + "|p" + std::to_string(player.position.index) + "|", 0) ==
          0 &&
      !player.position.in_quiz;
  ui.body = PagedScroll{};
  ui.body_key = key;
  if (!same_page) {
    ui.typing = false;
    ui.typed.assign(ui.typed.size(), '\0');
    ui.typed.clear();
    ui.marker_offset = ImVec2(0.0f, 0.0f);
    ui.dragging = false;
    ui.marker_chosen = false;
  }
}

}  // namespace

void DrawLessonScreen(const AppState& state, LessonUi& ui, const ScreenContext& ctx,
                      const Dispatch& dispatch) {
  const Metrics& m = ctx.theme.metrics;
  NavBar(ctx, dispatch);
  const auto& maybe_player = state.lesson.player;
  if (!maybe_player || !maybe_player->content) {
    Paragraph(ctx, "lesson.loading", Tr(ctx, "common.loading"), ctx.theme.palette.text);
    return;
  }
  const LessonView& player = *maybe_player;
  FollowBody(player, ui);
  const bool slow = state.lesson.slow_pace;
  const LessonPageView* page =
      player.position.in_quiz || player.at_end
          ? nullptr
          : &player.content->pages[static_cast<size_t>(player.position.index)];
  const bool typing = page != nullptr && page->practice == core::PracticeKind::kType && ui.typing;
  if (!typing) {  // the keyboard needs the room
    Heading(ctx, "lesson.title", player.content->title);
    const std::string step = StepLine(player, slow, ctx);
    if (!step.empty()) {
      Paragraph(ctx, "lesson.step", step, ctx.theme.palette.text, FontRole::kLabel);
    }
  }
  const float bar = player.at_end || typing ? 0.0f : m.primary + m.gap;
  const float practice = page != nullptr ? PracticeHeight(ctx, *page, ui) : 0.0f;
  const float body = ImGui::GetContentRegionAvail().y - bar - practice;
  if (!typing) {
    BeginPagedList(ctx, "lesson.body", ui.body, std::max(body, m.target));
    if (player.at_end) {
      DrawLessonEnd(state, player, ctx, dispatch);
    } else if (page == nullptr) {
      DrawQuestion(player, player.content->questions[static_cast<size_t>(player.position.index)],
                   slow, ctx, dispatch);
    } else {
      DrawPageText(player, *page, slow, ui, ctx);
    }
    EndPagedList(ctx, "lesson.body", ui.body);
  }
  if (page != nullptr && page->practice != core::PracticeKind::kNone) {
    DrawPractice(player, *page, ui, ctx, dispatch);
  }
  if (!player.at_end && !typing) {  // while typing, the keyboard's Done comes first
    ImGui::SetCursorPosY(
        std::max(ImGui::GetCursorPosY(), ImGui::GetWindowContentRegionMax().y - m.primary));
    DrawBottomBar(state, player, ctx, dispatch);
  }
}

}  // namespace raida::kiosk
