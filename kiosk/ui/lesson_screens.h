// The lesson screens (lesson_screen.cpp, lesson_quiz.cpp, lesson_practice.cpp) and "My
// progress" (progress_screen.cpp), routed by DrawRoot like every screen, and the "Lessons"
// section the course page draws (lesson_list.cpp). They read AppState::lesson and dispatch the
// actions of lesson_actions.h.
#pragma once

#include "kiosk/state/actions.h"
#include "kiosk/state/app_state.h"
#include "kiosk/ui/lesson_ui.h"
#include "kiosk/ui/widgets.h"

namespace raida::kiosk {

// One page (large text, its picture, its exercise), one question with gentle feedback, or the
// lesson end (score, passed or try again), with big ← Previous / Next → buttons and "Read more
// slowly" at the bottom. The navigation bar's Back leaves the lesson for the course page.
void DrawLessonScreen(const AppState& state, LessonUi& ui, const ScreenContext& ctx,
                      const Dispatch& dispatch);

// The signed-in person's certificates (course, date, code), then their lessons per course:
// passed of total, best scores, time spent, and what is still missing before the certificate.
void DrawProgressScreen(const AppState& state, ProgressUi& ui, const ScreenContext& ctx,
                        const Dispatch& dispatch);

// The course page's "Lessons": each lesson as a card with its length, the person's mark
// (passed, finished with a score, where they stopped) and one big Start / Continue / Again;
// for a guest a line that nothing is kept and "Sign in to keep your progress", for a signed-in
// person "My progress". Draws nothing while the list loads or when the course has no lessons.
void DrawCourseLessons(const AppState& state, const ScreenContext& ctx, const Dispatch& dispatch);

// The notice "You finished the course … Your certificate code is RKS-…; the coordinator can print
// it for you", with the code again in large type and OK (dispatches DismissNotice). Draws it and
// returns true when AppState::notice_key is kCertificateIssuedKey; otherwise draws nothing and
// returns false (DrawRoot then draws the notice itself).
bool DrawCertificateNotice(const AppState& state, const ScreenContext& ctx,
                           const Dispatch& dispatch);

}  // namespace raida::kiosk
