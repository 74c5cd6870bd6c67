// Widgets of the lesson screens: text with room between the lines, answer buttons whose text
// wraps, a page's picture, and the word check of the typing exercise. Internal to kiosk/ui.
#pragma once

#include <imgui.h>

#include <string>
#include <string_view>

#include "kiosk/state/actions.h"
#include "kiosk/state/lesson_state.h"
#include "kiosk/ui/lesson_ui.h"
#include "kiosk/ui/widgets.h"

namespace raida::kiosk {

// Line pitch (baseline to baseline, in font sizes) of lesson text. Reading guidance for older
// readers asks for at least 1.5; "read more slowly" adds more air, so the eye finds the start of
// the next line again without help.
inline constexpr float kLessonLinePitch = 1.5f;
inline constexpr float kSlowLinePitch = 1.8f;

// `text` in `font`, wrapped at `width` px, lines `pitch` font sizes apart. Probed as text `id`.
void SpacedParagraph(const ScreenContext& ctx, std::string_view id, const std::string& text,
                     ImFont* font, float pitch, float width, const ImVec4& color);

// A button `width` px wide whose label wraps onto as many lines as it needs (an answer is often
// a sentence); otherwise like BigButton: fires on release inside, kDisabled never fires.
bool ChoiceButton(const ScreenContext& ctx, std::string_view id, const std::string& text,
                  ButtonKind kind, float width);

// The picture at `path`, scaled to fit `max_size` (never enlarged more than twice), probed as
// text `id` with its text alternative; when it cannot be loaded the alternative is shown in
// words instead.
void LessonPicture(const ScreenContext& ctx, const LessonUi& ui, std::string_view id,
                   const std::string& path, const std::string& alt, ImVec2 max_size);

// [SECTION] Parts of the lesson screen (lesson_practice.cpp, lesson_quiz.cpp)

// Height in px the page's exercise takes below its text (0 when it has none).
float PracticeHeight(const ScreenContext& ctx, const LessonPageView& page, const LessonUi& ui);
// The page's exercise (tap the target, drag the marker into the box, type the word), or "Well
// done" once it is done. Drawn outside any scrolling list, so a drag is never a scroll.
void DrawPractice(const LessonView& player, const LessonPageView& page, LessonUi& ui,
                  const ScreenContext& ctx, const Dispatch& dispatch);
// The current question: its prompt and options (or the feedback once answered).
void DrawQuestion(const LessonView& player, const QuizQuestionView& question, bool slow,
                  const ScreenContext& ctx, const Dispatch& dispatch);
// The lesson end: score, passed or "try again", and where to go next.
void DrawLessonEnd(const AppState& state, const LessonView& player, const ScreenContext& ctx,
                   const Dispatch& dispatch);

// Whether `typed` is `word`, ignoring case (Lithuanian and Polish letters included) and spaces
// at either end.
bool SameWord(const std::string& typed, const std::string& word);

}  // namespace raida::kiosk
