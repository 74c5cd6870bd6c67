// Confirming a sign-up: which course and when, in plain words, and what help the person needs to
// come (transport, care for a child or relative, accessibility) as big toggles that show a ticked
// or empty box as well as a colour. Nothing is saved until Confirm; Back leaves without a trace.
#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <string>
#include <vector>

#include "kiosk/ui/screens.h"

namespace raida::kiosk {
namespace {

const OfferingView* ChosenOffering(const AppState& state) {
  if (!state.course.has_value() || !state.chosen_offering_id.has_value()) {
    return nullptr;
  }
  for (const OfferingView& offering : state.course->offerings) {
    if (offering.id == *state.chosen_offering_id) {
      return &offering;
    }
  }
  return nullptr;
}

bool HasNeed(const AppState& state, const std::string& need) {
  return std::find(state.chosen_needs.begin(), state.chosen_needs.end(), need) !=
         state.chosen_needs.end();
}

// "Jums reikia: transporto, pritaikytos aplinkos." or "No extra help needed."
std::string NeedsSummary(const AppState& state, const ScreenContext& ctx) {
  std::string list;
  for (const std::string& need : NeedNames()) {
    if (HasNeed(state, need)) {
      const std::string key = "signup.need_short." + need;
      list += (list.empty() ? "" : ", ") + Tr(ctx, key.c_str());
    }
  }
  if (list.empty()) {
    return Tr(ctx, "signup.summary_no_needs");
  }
  return TrFormat(ctx, "signup.summary_needs", {{"needs", list}});
}

void DrawNeedToggles(const AppState& state, const ScreenContext& ctx, const Dispatch& dispatch) {
  std::vector<std::string> labels;
  float width = 0.0f;
  for (const std::string& need : NeedNames()) {
    const std::string key = "signup.need." + need;
    labels.push_back((HasNeed(state, need) ? "\u2611 " : "\u2610 ") + Tr(ctx, key.c_str()));
    width = std::max(width, ButtonWidth(ctx, "\u2611 " + Tr(ctx, key.c_str())));
  }
  for (size_t i = 0; i < NeedNames().size(); ++i) {
    const std::string& need = NeedNames()[i];
    const ButtonKind kind = HasNeed(state, need) ? ButtonKind::kSelected : ButtonKind::kSecondary;
    if (BigButton(ctx, labels[i], "signup.need." + need, kind,
                  ImVec2(width, ctx.theme.metrics.primary))) {
      dispatch(ToggleNeed{need});
    }
  }
}

float ConfirmWidth(const ScreenContext& ctx) {
  return std::max({ButtonWidth(ctx, Tr(ctx, "signup.saving")),
                   ButtonWidth(ctx, Tr(ctx, "signup.confirm")), ctx.theme.metrics.primary_width});
}

void DrawSummary(const AppState& state, const OfferingView& offering, const ScreenContext& ctx) {
  const Palette& p = ctx.theme.palette;
  Paragraph(ctx, "signup.summary",
            TrFormat(ctx, "signup.summary", {{"course", state.course->card.title}}), p.text);
  Paragraph(ctx, "signup.summary_date",
            TrFormat(ctx, "signup.summary_date", {{"date", FormatDate(ctx, offering.starts_on)}}),
            p.text, FontRole::kLabel);
  if (!offering.place.empty()) {
    Paragraph(ctx, "signup.summary_place",
              TrFormat(ctx, "course.offering.place", {{"place", offering.place}}), p.text,
              FontRole::kLabel);
  }
}

// Confirm and, beside it, what the person is asking for in plain words.
void DrawConfirmRow(const AppState& state, const ScreenContext& ctx, const Dispatch& dispatch,
                    const std::string& needs_summary, float summary_width) {
  const Metrics& m = ctx.theme.metrics;
  // While saving, the button says so and cannot be pressed twice.
  const std::string& confirm =
      state.saving_sign_up ? Tr(ctx, "signup.saving") : Tr(ctx, "signup.confirm");
  if (BigButton(ctx, confirm, "signup.confirm",
                state.saving_sign_up ? ButtonKind::kDisabled : ButtonKind::kPrimary,
                ImVec2(ConfirmWidth(ctx), m.primary))) {
    dispatch(ConfirmSignUp{});
  }
  ImGui::SameLine();
  Paragraph(ctx, "signup.needs_summary", needs_summary, ctx.theme.palette.text, FontRole::kLabel,
            summary_width);
}

}  // namespace

void DrawSignUpScreen(const AppState& state, SignUpUi& ui, const ScreenContext& ctx,
                      const Dispatch& dispatch) {
  const Metrics& m = ctx.theme.metrics;
  const Palette& p = ctx.theme.palette;
  NavBar(ctx, dispatch);
  if (state.person.has_value() && !state.person->given_name.empty()) {
    Heading(ctx, "signup.hello",
            TrFormat(ctx, "signup.hello", {{"name", state.person->given_name}}));
  } else {
    Heading(ctx, "signup.title", Tr(ctx, "signup.title"));
  }
  const OfferingView* offering = ChosenOffering(state);
  if (offering == nullptr && state.course_loading) {
    Paragraph(ctx, "signup.loading", Tr(ctx, "common.loading"), p.text);  // a restored draft
    return;
  }
  if (offering == nullptr) {
    Paragraph(ctx, "signup.no_offering", Tr(ctx, "signup.no_offering"), p.text);
    return;
  }
  // The Confirm row is measured first so the list above it leaves room for it.
  const std::string needs_summary = NeedsSummary(state, ctx);
  const float summary_width = ImGui::GetContentRegionAvail().x - ConfirmWidth(ctx) - m.gap;
  ImFont* font = ctx.Font(FontRole::kLabel);
  const float summary_height =
      font->CalcTextSizeA(font->FontSize, FLT_MAX, summary_width, needs_summary.c_str()).y;
  const float row_height = std::max(m.primary, summary_height);
  const float list_height = ImGui::GetContentRegionAvail().y - row_height - m.gap;
  BeginPagedList(ctx, "signup.list", ui.list, std::max(m.target, list_height));
  if (state.draft_restored) {
    Paragraph(ctx, "signup.draft_restored", Tr(ctx, "signup.draft_restored"), p.good_text,
              FontRole::kLabel);
  }
  DrawSummary(state, *offering, ctx);
  Paragraph(ctx, "signup.needs_question", Tr(ctx, "signup.needs_question"), p.text,
            FontRole::kLabel);
  DrawNeedToggles(state, ctx, dispatch);
  EndPagedList(ctx, "signup.list", ui.list);
  DrawConfirmRow(state, ctx, dispatch, needs_summary, summary_width);
}

}  // namespace raida::kiosk
