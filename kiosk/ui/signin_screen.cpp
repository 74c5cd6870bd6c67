// Signing in with the code printed on a resident's card, typed on a phone-style number pad (a
// physical keyboard is never assumed). The typed digits are shown in groups of four so a person
// can compare them with the card; they live in SignInUi only and are wiped on leaving the
// screen. A card the kiosk does not know gets a plain message and a pointer to the coordinator.
#include <imgui.h>

#include <algorithm>
#include <string>

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

// Width the number pad will take: three keys and two gaps (see NumberPad).
float PadWidth(const ScreenContext& ctx) {
  const Metrics& m = ctx.theme.metrics;
  const float key =
      std::max({m.key, m.primary, m.primary_width, ButtonWidth(ctx, Tr(ctx, "common.delete")),
                ButtonWidth(ctx, Tr(ctx, "common.ok"))});
  return 3.0f * key + 2.0f * m.gap;
}

// `width` 0: wrap at the list's edge.
void DrawExplanation(const AppState& state, const SignInUi& ui, const ScreenContext& ctx,
                     float width) {
  const Palette& p = ctx.theme.palette;
  Paragraph(ctx, "signin.instructions", Tr(ctx, "signin.instructions"), p.text, FontRole::kBody,
            width);
  Paragraph(ctx, "signin.code_label", Tr(ctx, "signin.code_label"), p.text, FontRole::kLabel,
            width);
  if (ui.pad.digits.empty()) {
    Paragraph(ctx, "signin.code", Tr(ctx, "signin.code_empty"), p.text, FontRole::kBody, width);
  } else {
    Paragraph(ctx, "signin.code", GroupDigits(ui.pad.digits), p.text, FontRole::kHeading, width);
  }
  if (state.signing_in) {
    Paragraph(ctx, "signin.checking", Tr(ctx, "signin.checking"), p.text, FontRole::kLabel, width);
  } else if (!state.sign_in_error_key.empty()) {
    Paragraph(ctx, "signin.error", Tr(ctx, state.sign_in_error_key.c_str()), p.error_text,
              FontRole::kLabel, width);
  }
  Paragraph(ctx, "signin.no_card", Tr(ctx, "signin.no_card"), p.text, FontRole::kBody, width);
}

}  // namespace

void DrawSignInScreen(const AppState& state, SignInUi& ui, const ScreenContext& ctx,
                      const Dispatch& dispatch) {
  const Metrics& m = ctx.theme.metrics;
  NavBar(ctx, dispatch);
  Heading(ctx, "signin.title", Tr(ctx, "signin.title"));
  const float pad_width = PadWidth(ctx);
  const float text_width =
      std::max(m.target, ImGui::GetContentRegionAvail().x - pad_width - 2.0f * m.gap);
  // The explanation pages beside the pad when the largest text does not fit a small panel.
  BeginPagedList(ctx, "signin.text", ui.explanation, ImGui::GetContentRegionAvail().y, text_width);
  DrawExplanation(state, ui, ctx, 0.0f);
  EndPagedList(ctx, "signin.text", ui.explanation);
  ImGui::SameLine(ImGui::GetContentRegionMax().x - pad_width);
  if (NumberPad(ctx, ui.pad, state.signing_in)) {
    dispatch(SubmitCardCode{ui.pad.digits});
  }
}

}  // namespace raida::kiosk
