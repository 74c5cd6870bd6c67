// Coordinator mode's screen (Screen::kCoordinator): the staff sign-in and the coordinator home.
//
// Sign-in: the center's coordinators as big name buttons; then the passphrase on the on-screen
// keyboard (shown as dots), or, within 12 h of it on the same day, the 6-digit PIN on the number
// pad (with "Use my passphrase" for a forgotten PIN); a kiosk without a PIN for the account asks
// for a new one twice. Every refusal is said in plain words with what to do. The home lists only
// the tasks (register a resident, find a person, sign-up requests, attendance), the sync
// panel and "Sign out". Typed secrets live in CoordinatorUi, go out in
// one action and are overwritten at once.
#include <imgui.h>

#include <algorithm>
#include <string>

#include "kiosk/ui/coordinator_ui.h"
#include "kiosk/ui/keyboard.h"
#include "kiosk/ui/resident_widgets.h"
#include "kiosk/ui/screens.h"

namespace raida::kiosk {
namespace {

constexpr size_t kMaxPassphraseChars = 64;
constexpr size_t kPinDigits = 6;

void Wipe(std::string& text) {
  std::fill(text.begin(), text.end(), '\0');
  text.clear();
}

// A dot per character (code point) of `text`.
std::string Dots(const std::string& text) {
  std::string dots;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      dots += "\u2022";
    }
  }
  return dots;
}

// A new step, or a new refusal, starts with nothing typed.
void NoteView(const CoordinatorState& coordinator, CoordinatorUi& ui) {
  if (coordinator.view != ui.shown_view ||
      (coordinator.error_key != ui.shown_error && !coordinator.error_key.empty())) {
    Wipe(ui.pad.digits);
    Wipe(ui.passphrase);
    Wipe(ui.plan.text);  // a note being typed does not outlive the plan view (or the sign-out)
    ui.text = PagedScroll{};
  }
  ui.shown_view = coordinator.view;
  ui.shown_error = coordinator.error_key;
}

// The checking line or the last problem, in plain words.
void DrawProblem(const CoordinatorState& coordinator, const ScreenContext& ctx) {
  const Palette& p = ctx.theme.palette;
  if (coordinator.checking) {
    Paragraph(ctx, "coord.checking", Tr(ctx, "coord.checking"), p.text, FontRole::kLabel);
  } else if (!coordinator.error_key.empty()) {
    Paragraph(ctx, "coord.error",
              TrFormat(ctx, coordinator.error_key.c_str(),
                       {{"tries", std::to_string(coordinator.tries_left)}}),
              p.error_text, FontRole::kLabel);
  }
}

void DrawNames(const AppState& state, CoordinatorUi& ui, const ScreenContext& ctx,
               const Dispatch& dispatch) {
  const Palette& p = ctx.theme.palette;
  const CoordinatorState& coordinator = state.coordinator;
  Heading(ctx, "coord.title", Tr(ctx, "coord.title"));
  BeginPagedList(ctx, "coord.names", ui.list, ImGui::GetContentRegionAvail().y);
  Paragraph(ctx, "coord.choose_name", Tr(ctx, "coord.choose_name"), p.text);
  if (coordinator.loading) {
    Paragraph(ctx, "coord.loading", Tr(ctx, "coord.loading"), p.text, FontRole::kLabel);
  } else if (coordinator.accounts.empty()) {
    Paragraph(ctx, "coord.no_accounts", Tr(ctx, "coord.no_accounts"), p.text, FontRole::kLabel);
  }
  const ButtonKind kind = coordinator.checking ? ButtonKind::kDisabled : ButtonKind::kSecondary;
  const float width = std::min(ImGui::GetContentRegionAvail().x, 12.0f * ctx.theme.metrics.target);
  for (const CoordinatorCard& card : coordinator.accounts) {
    if (BigButton(ctx, card.display_name, "coord.account." + card.id, kind,
                  ImVec2(width, ctx.theme.metrics.primary))) {
      dispatch(ChooseCoordinator{card.id});
    }
  }
  DrawProblem(coordinator, ctx);
  EndPagedList(ctx, "coord.names", ui.list);
}

void DrawPassphrase(const AppState& state, CoordinatorUi& ui, const ScreenContext& ctx,
                    const Dispatch& dispatch) {
  const Metrics& m = ctx.theme.metrics;
  const CoordinatorState& coordinator = state.coordinator;
  const KeyboardLayout layout = LayoutForLanguage(ctx.language);
  KeyboardField(ctx, "coord.passphrase", Dots(ui.passphrase),
                Tr(ctx, "coord.passphrase_placeholder"));
  const float keyboard = KeyboardHeight(ctx, layout) + m.gap;
  BeginPagedList(ctx, "coord.passphrase_text", ui.text,
                 std::max(m.target, ImGui::GetContentRegionAvail().y - keyboard));
  // The name (a proper name: not translated) in the list, not as a heading: at the largest text
  // on a 1366×768 panel the keyboard leaves no room for one.
  Paragraph(ctx, "coord.name", coordinator.chosen.display_name, ctx.theme.palette.text,
            FontRole::kLabel);
  Paragraph(ctx, "coord.passphrase_instructions", Tr(ctx, "coord.passphrase_instructions"),
            ctx.theme.palette.text);
  DrawProblem(coordinator, ctx);
  EndPagedList(ctx, "coord.passphrase_text", ui.text);
  ImGui::SetCursorPosY(
      std::max(ImGui::GetCursorPosY(), ImGui::GetWindowContentRegionMax().y - keyboard + m.gap));
  const KeyboardEdit edit =
      OnScreenKeyboard(ctx, "coord.keyboard", layout, ui.passphrase, kMaxPassphraseChars);
  if (edit.changed) {
    ui.passphrase = edit.text;
  }
  if (edit.submitted && !coordinator.checking) {
    dispatch(SubmitPassphrase{edit.text});
    Wipe(ui.passphrase);
  }
}

const char* PinTitleKey(CoordinatorView view) {
  switch (view) {
    case CoordinatorView::kChoosePin:
      return "coord.choose_pin_title";
    case CoordinatorView::kConfirmPin:
      return "coord.confirm_pin_title";
    default:
      return "coord.pin_title";
  }
}

const char* PinInstructionsKey(CoordinatorView view) {
  switch (view) {
    case CoordinatorView::kChoosePin:
      return "coord.choose_pin_instructions";
    case CoordinatorView::kConfirmPin:
      return "coord.confirm_pin_instructions";
    default:
      return "coord.pin_instructions";
  }
}

void DrawPinWords(const AppState& state, const CoordinatorUi& ui, const ScreenContext& ctx) {
  const Palette& p = ctx.theme.palette;
  const CoordinatorState& coordinator = state.coordinator;
  Paragraph(ctx, "coord.pin_name", coordinator.chosen.display_name, p.text, FontRole::kLabel);
  Paragraph(ctx, "coord.pin_instructions", Tr(ctx, PinInstructionsKey(coordinator.view)), p.text);
  Paragraph(ctx, "coord.pin",
            ui.pad.digits.empty() ? Tr(ctx, "signin.code_empty") : Masked(ui.pad.digits), p.text,
            ui.pad.digits.empty() ? FontRole::kBody : FontRole::kHeading);
  DrawProblem(coordinator, ctx);
}

void DrawPin(const AppState& state, CoordinatorUi& ui, const ScreenContext& ctx,
             const Dispatch& dispatch) {
  const Metrics& m = ctx.theme.metrics;
  const CoordinatorState& coordinator = state.coordinator;
  Heading(ctx, "coord.pin_title", Tr(ctx, PinTitleKey(coordinator.view)));
  const bool offer_passphrase = coordinator.view == CoordinatorView::kPin;
  const std::string& use_passphrase = Tr(ctx, "coord.use_passphrase");
  const float pad_width =
      std::max(NumberPadWidth(ctx), offer_passphrase ? ButtonWidth(ctx, use_passphrase) : 0.0f);
  const float text_width =
      std::max(m.target, ImGui::GetContentRegionAvail().x - pad_width - 2.0f * m.gap);
  BeginPagedList(ctx, "coord.pin_text", ui.text, ImGui::GetContentRegionAvail().y, text_width);
  DrawPinWords(state, ui, ctx);
  EndPagedList(ctx, "coord.pin_text", ui.text);
  ImGui::SameLine(ImGui::GetContentRegionMax().x - pad_width);
  ImGui::BeginGroup();
  const bool ok = NumberPad(ctx, ui.pad, coordinator.checking);
  if (ui.pad.digits.size() > kPinDigits) {
    ui.pad.digits.resize(kPinDigits);  // a PIN has six digits: the seventh is not taken
  }
  if (offer_passphrase) {
    ImGui::Dummy(ImVec2(0.0f, m.gap * 0.5f));
    if (BigButton(ctx, use_passphrase, "coord.use_passphrase", ButtonKind::kSecondary,
                  ImVec2(pad_width, m.primary))) {
      dispatch(UsePassphraseInstead{});
    }
  }
  ImGui::EndGroup();
  if (ok) {
    dispatch(SubmitCoordinatorPin{ui.pad.digits});
    Wipe(ui.pad.digits);
  }
}

void DrawHome(const AppState& state, CoordinatorUi& ui, const ScreenContext& ctx,
              const Dispatch& dispatch) {
  const Metrics& m = ctx.theme.metrics;
  const std::string name =
      state.coordinator.signed_in ? state.coordinator.signed_in->display_name : std::string();
  Heading(ctx, "coord.home.title", Tr(ctx, "coord.home.title"));
  BeginPagedList(ctx, "coord.home", ui.list, ImGui::GetContentRegionAvail().y);
  Paragraph(ctx, "coord.home.signed_in", TrFormat(ctx, "coord.home.signed_in", {{"name", name}}),
            ctx.theme.palette.text);
  struct Task {
    const char* key;
    CoordinatorView view;
  };
  static constexpr Task kTasks[] = {
      {"coord.home.register", CoordinatorView::kRegister},
      {"coord.home.find_person", CoordinatorView::kFindPerson},
      {"coord.home.inbox", CoordinatorView::kInbox},
      {"coord.home.attendance", CoordinatorView::kAttendance},
      {"coord.home.lists", CoordinatorView::kLists},
      {"coord.home.duplicates", CoordinatorView::kDuplicates},
  };
  const std::string& sync = Tr(ctx, "coord.home.sync");
  const std::string& sign_out = Tr(ctx, "coord.home.sign_out");
  float width = std::max({ButtonWidth(ctx, sync), ButtonWidth(ctx, sign_out), 8.0f * m.target});
  for (const Task& task : kTasks) {
    width = std::max(width, ButtonWidth(ctx, Tr(ctx, task.key)));
  }
  width = std::min(ImGui::GetContentRegionAvail().x, width);
  for (const Task& task : kTasks) {
    if (BigButton(ctx, Tr(ctx, task.key), task.key, ButtonKind::kPrimary,
                  ImVec2(width, m.primary))) {
      dispatch(OpenCoordinatorTask{task.view});
    }
    ImGui::Dummy(ImVec2(0.0f, m.gap * 0.5f));
  }
  if (BigButton(ctx, sync, "coord.home.sync", ButtonKind::kSecondary, ImVec2(width, m.primary))) {
    dispatch(OpenStatus{});
  }
  ImGui::Dummy(ImVec2(0.0f, m.gap));
  if (BigButton(ctx, sign_out, "coord.home.sign_out", ButtonKind::kSecondary,
                ImVec2(width, m.primary))) {
    dispatch(GoHome{});
  }
  EndPagedList(ctx, "coord.home", ui.list);
}

}  // namespace

void DrawCoordinatorScreen(const AppState& state, CoordinatorUi& ui, const ScreenContext& ctx,
                           const Dispatch& dispatch) {
  NoteView(state.coordinator, ui);
  NavBar(ctx, dispatch);
  switch (state.coordinator.view) {
    case CoordinatorView::kChooseName:
      DrawNames(state, ui, ctx, dispatch);
      break;
    case CoordinatorView::kPassphrase:
      DrawPassphrase(state, ui, ctx, dispatch);
      break;
    case CoordinatorView::kPin:
    case CoordinatorView::kChoosePin:
    case CoordinatorView::kConfirmPin:
      DrawPin(state, ui, ctx, dispatch);
      break;
    case CoordinatorView::kHome:
      DrawHome(state, ui, ctx, dispatch);
      break;
    // The tasks (each in its own *_screen.cpp, declared in coordinator_ui.h).
    case CoordinatorView::kRegister:
      DrawRegisterScreen(state, ui.registration, ctx, dispatch);
      break;
    case CoordinatorView::kFindPerson:
    case CoordinatorView::kPerson:
      DrawPersonScreen(state, ui.person, ctx, dispatch);
      break;
    case CoordinatorView::kPlan:
      DrawPlanScreen(state, ui.plan, ctx, dispatch);
      break;
    case CoordinatorView::kAttendance:
      DrawAttendanceScreen(state, ui.attendance, ctx, dispatch);
      break;
    case CoordinatorView::kInbox:
      DrawInboxScreen(state, ui.inbox, ctx, dispatch);
      break;
    case CoordinatorView::kLists:
      DrawListsScreen(state, ui.lists, ctx, dispatch);
      break;
    case CoordinatorView::kDuplicates:
      DrawDuplicatesScreen(state, ui.duplicates, ctx, dispatch);
      break;
    default:
      break;
  }
}

}  // namespace raida::kiosk
