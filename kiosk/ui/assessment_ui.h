// The "What work suits me?" screens (Screen::kAssessment) and their transient widget state.
//
// DrawAssessmentScreen draws the step AssessmentState says: the intro; one statement in large
// text with three big picture buttons (a smiling, a straight and a sad face over "Yes, I like it",
// "Not sure", "No") and a progress count ("5 of 42"); one skill to rate or one question about the
// person's situation with big option buttons; or the result in plain words with the suggested
// courses, each with a big Open. The navigation bar's Back goes one question back. Pictures are
// drawn with ImGui's own shapes, sharp at every panel density and text size; the answer's word is
// always under its picture, so nothing depends on the picture or its colour alone.
#pragma once

#include "kiosk/state/actions.h"
#include "kiosk/state/app_state.h"
#include "kiosk/ui/widgets.h"

namespace raida::kiosk {

// Part of RootUi (wiped with it on sign-out). Nothing here is a source of truth.
struct AssessmentUi {
  PagedScroll page;     // the page shown, when it is taller than the screen
  int shown_step = -1;  // the step and index `page` scrolls; another one starts at the top
  int shown_index = -1;
};

void DrawAssessmentScreen(const AppState& state, AssessmentUi& ui, const ScreenContext& ctx,
                          const Dispatch& dispatch);

// "What work suits me?" with one line on what it is and a big button dispatching
// OpenAssessment: on the vocational-interests course page (probed "assessment.entry.*").
void DrawAssessmentEntry(const ScreenContext& ctx, const Dispatch& dispatch);

// [SECTION] Shared by the assessment's screen files

// The result step (assessment_result.cpp).
void DrawAssessmentResult(const AppState& state, AssessmentUi& ui, const ScreenContext& ctx,
                          const Dispatch& dispatch);

// A face for an answer ("smile", "neutral", "frown"), centred in `center` with `radius` px,
// drawn in `color` on the current window.
void DrawAnswerFace(const std::string& picture, ImVec2 center, float radius, const ImVec4& color);

}  // namespace raida::kiosk
