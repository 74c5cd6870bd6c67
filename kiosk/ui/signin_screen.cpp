// Signing in with the code printed on a resident's card, typed on a phone-style number pad (a
// physical keyboard is never assumed), then — for a person who has one — their PIN on the same
// pad. The typed digits are shown in groups of four so a person can compare them with the card
// (a PIN shows as dots); they live in SignInUi only and are wiped on leaving the screen, when
// the step changes and after a refused PIN. A card the kiosk does not know gets a plain message.
// "Ask the coordinator" is always there: remembering a PIN is a memory test some residents
// cannot pass (WCAG 3.3.8), and a coordinator can sign them in instead.
#include <imgui.h>

#include <algorithm>
#include <string>

#include "kiosk/ui/resident_widgets.h"
#include "kiosk/ui/screens.h"

namespace raida::kiosk {
namespace {

// "12345678" -> "1234 5678".
std::string GroupDigits(const std::string& digits) {
  std::string grouped;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && i % 4 == 0) {
      grouped.push_back(' ');
    }
    grouped.push_back(digits[i]);
  }
  return grouped;
}

// Overwrites the typed digits before letting them go.
void WipeDigits(PadState& pad) {
  std::fill(pad.digits.begin(), pad.digits.end(), '\0');
  pad.digits.clear();
}

// A new step, or a refused PIN, starts with an empty pad.
void NoteStep(const AppState& state, SignInUi& ui) {
  const bool refused_pin = state.sign_in_step == SignInStep::kPin &&
                           state.sign_in_error_key != ui.shown_error &&
                           !state.sign_in_error_key.empty();
  if (state.sign_in_step != ui.shown_step || refused_pin) {
    WipeDigits(ui.pad);
  }
  ui.shown_step = state.sign_in_step;
  ui.shown_error = state.sign_in_error_key;
}

void DrawTyped(const AppState& state, const SignInUi& ui, const ScreenContext& ctx) {
  const Palette& p = ctx.theme.palette;
  const bool pin = state.sign_in_step == SignInStep::kPin;
  Paragraph(ctx, "signin.code_label",
            pin ? Tr(ctx, "signin.pin_label") : Tr(ctx, "signin.code_label"), p.text,
            FontRole::kLabel);
  if (ui.pad.digits.empty()) {
    Paragraph(ctx, "signin.code", Tr(ctx, "signin.code_empty"), p.text, FontRole::kBody);
  } else {
    Paragraph(ctx, "signin.code", pin ? Masked(ui.pad.digits) : GroupDigits(ui.pad.digits), p.text,
              FontRole::kHeading);
  }
}

// The explanation beside the pad, wrapped at the list's edge.
void DrawExplanation(const AppState& state, const SignInUi& ui, const ScreenContext& ctx) {
  const Palette& p = ctx.theme.palette;
  const bool pin = state.sign_in_step == SignInStep::kPin;
  Paragraph(ctx, "signin.instructions",
            pin ? Tr(ctx, "signin.pin_instructions") : Tr(ctx, "signin.instructions"), p.text);
  DrawTyped(state, ui, ctx);
  if (state.signing_in) {
    Paragraph(ctx, "signin.checking", Tr(ctx, "signin.checking"), p.text, FontRole::kLabel);
  } else if (!state.sign_in_error_key.empty()) {
    Paragraph(ctx, "signin.error", Tr(ctx, state.sign_in_error_key.c_str()), p.error_text,
              FontRole::kLabel);
  }
  if (!pin) {
    Paragraph(ctx, "signin.no_card", Tr(ctx, "signin.no_card"), p.text);
  }
}

// The pad and, under it, "Ask the coordinator", in a column `width` px wide. True on OK.
bool DrawPadColumn(const AppState& state, SignInUi& ui, const ScreenContext& ctx, float width,
                   const Dispatch& dispatch) {
  const Metrics& m = ctx.theme.metrics;
  ImGui::BeginGroup();
  const bool ok = NumberPad(ctx, ui.pad, state.signing_in);
  ImGui::Dummy(ImVec2(0.0f, m.gap * 0.5f));
  if (BigButton(ctx, Tr(ctx, "signin.ask_coordinator"), "signin.ask_coordinator",
                ButtonKind::kSecondary, ImVec2(width, m.primary))) {
    dispatch(AskCoordinator{});
  }
  ImGui::EndGroup();
  return ok;
}

}  // namespace

void DrawSignInScreen(const AppState& state, SignInUi& ui, const ScreenContext& ctx,
                      const Dispatch& dispatch) {
  const Metrics& m = ctx.theme.metrics;
  NoteStep(state, ui);
  NavBar(ctx, dispatch);
  Heading(ctx, "signin.title",
          state.sign_in_step == SignInStep::kPin ? Tr(ctx, "signin.pin_title")
                                                 : Tr(ctx, "signin.title"));
  const float pad_width =
      std::max(NumberPadWidth(ctx), ButtonWidth(ctx, Tr(ctx, "signin.ask_coordinator")));
  const float text_width =
      std::max(m.target, ImGui::GetContentRegionAvail().x - pad_width - 2.0f * m.gap);
  // The explanation pages beside the pad when the largest text does not fit a small panel.
  BeginPagedList(ctx, "signin.text", ui.explanation, ImGui::GetContentRegionAvail().y, text_width);
  DrawExplanation(state, ui, ctx);
  EndPagedList(ctx, "signin.text", ui.explanation);
  ImGui::SameLine(ImGui::GetContentRegionMax().x - pad_width);
  if (!DrawPadColumn(state, ui, ctx, pad_width, dispatch)) {
    return;
  }
  if (state.sign_in_step == SignInStep::kPin) {
    dispatch(SubmitPin{ui.pad.digits});
    WipeDigits(ui.pad);  // the PIN goes to the check, and nowhere else
  } else {
    dispatch(SubmitCardCode{ui.pad.digits});
  }
}

}  // namespace raida::kiosk
