// DrawRoot: one full-window ImGui window per frame and a switch over AppState::screen.
//
// Before drawing it builds the frame's ScreenContext (theme for this panel and the person's text
// size and contrast choice, words in their language) and writes the theme into ImGui's style, so
// a language or text-size change shows on the next frame without any state here. It also notices
// screen changes to wipe transient input: leaving the sign-in screen clears the typed card code,
// and returning to the welcome screen (a sign-out) resets every screen's widget state (UX-18).
#include "kiosk/ui/root.h"

#include <imgui.h>

#include <algorithm>
#include <string>

#include "kiosk/ui/assessment_ui.h"
#include "kiosk/ui/resident_widgets.h"
#include "kiosk/ui/screens.h"
#include "kiosk/ui/widgets.h"

namespace raida::kiosk {
namespace {

// Overwrites the bytes before freeing them, so a card code does not linger in freed memory.
void Wipe(std::string& text) {
  volatile char* bytes = text.data();
  for (size_t i = 0; i < text.size(); ++i) {
    bytes[i] = '\0';
  }
  text.clear();
  text.shrink_to_fit();
}

void NoteScreenChange(const AppState& state, RootUi& ui) {
  if (state.screen == ui.last_screen) {
    return;
  }
  if (ui.last_screen == Screen::kSignIn) {
    Wipe(ui.sign_in.pad.digits);
  }
  if (ui.last_screen == Screen::kCoordinator) {
    Wipe(ui.coordinator.pad.digits);
    Wipe(ui.coordinator.passphrase);
  }
  if (state.screen == Screen::kWelcome) {
    ResetRootUi(ui);
    WipeImGuiInputState();  // nothing the last person typed stays in ImGui either (UX-18)
  }
  ui.last_screen = state.screen;
}

void DrawScreen(const AppState& state, RootUi& ui, const ScreenContext& ctx,
                const Dispatch& dispatch) {
  switch (state.screen) {
    case Screen::kWelcome: {
      DrawWelcomeScreen(state, ui.welcome, ctx, dispatch);
      break;
    }
    case Screen::kCatalog: {
      DrawCatalogScreen(state, ui.catalog, ctx, dispatch);
      break;
    }
    case Screen::kCourse: {
      DrawCourseScreen(state, ui.course, ctx, dispatch);
      break;
    }
    case Screen::kSignIn: {
      DrawSignInScreen(state, ui.sign_in, ctx, dispatch);
      break;
    }
    case Screen::kSignUp: {
      DrawSignUpScreen(state, ui.sign_up, ctx, dispatch);
      break;
    }
    case Screen::kSignUpDone: {
      DrawSignUpDoneScreen(state, ui.sign_up_done, ctx, dispatch);
      break;
    }
    case Screen::kFault: {
      DrawFaultScreen(state, ctx, dispatch);
      break;
    }
    case Screen::kStatus: {
      DrawStatusScreen(state, ui.status, ctx, dispatch);
      break;
    }
    case Screen::kHelp: {
      DrawHelpScreen(state, ui.help, ctx, dispatch);
      break;
    }
    case Screen::kMyCourses: {
      DrawMyCoursesScreen(state, ui.my_courses, ctx, dispatch);
      break;
    }
    case Screen::kSettings: {
      DrawSettingsScreen(state, ui.settings, ctx, dispatch);
      break;
    }
    case Screen::kLesson: {
      DrawLessonScreen(state, ui.lesson, ctx, dispatch);
      break;
    }
    case Screen::kProgress: {
      DrawProgressScreen(state, ui.progress, ctx, dispatch);
      break;
    }
    case Screen::kAssessment: {
      DrawAssessmentScreen(state, ui.assessment, ctx, dispatch);
      break;
    }
    case Screen::kCoordinator: {
      DrawCoordinatorScreen(state, ui.coordinator, ctx, dispatch);
      break;
    }
  }
}

constexpr ImGuiWindowFlags kRootFlags =
    ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
    ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse |
    ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoScrollbar;

// A notice ("signup.error.full") in place of the screen until the person taps OK: one message
// and one button, nothing else to tap by mistake.
void DrawNotice(const AppState& state, const ScreenContext& ctx, const Dispatch& dispatch) {
  if (DrawCertificateNotice(state, ctx, dispatch)) {  // lesson_screens.h: with the code
    return;
  }
  Paragraph(ctx, "notice.text", Tr(ctx, state.notice_key.c_str()), ctx.theme.palette.text,
            FontRole::kHeading);
  ImGui::Dummy(ImVec2(0.0f, ctx.theme.metrics.gap));
  if (BigButton(ctx, Tr(ctx, "common.ok"), "notice.ok", ButtonKind::kPrimary)) {
    dispatch(DismissNotice{});
  }
}

// An assisted session's band above every resident screen: whose kiosk this is for now, and the
// way back to their record in coordinator mode.
void DrawAssistedBand(const AppState& state, const ScreenContext& ctx, const Dispatch& dispatch) {
  const Metrics& m = ctx.theme.metrics;
  const float top = ImGui::GetCursorPosY();
  if (BigButton(ctx, Tr(ctx, "assisted.end"), "assisted.end", ButtonKind::kSelected,
                ImVec2(0.0f, m.target))) {
    dispatch(EndAssistedSession{});
  }
  ImGui::SameLine(0.0f, m.gap);
  ImGui::SetCursorPosY(top + 0.5f * (m.target - ImGui::GetFontSize()));
  const std::string name = state.person ? state.person->given_name : std::string();
  Paragraph(ctx, "assisted.band", TrFormat(ctx, "assisted.band", {{"person", name}}),
            ctx.theme.palette.text, FontRole::kLabel);
  ImGui::SetCursorPosY(std::max(ImGui::GetCursorPosY(), top + m.target + m.gap));
}

bool ShowsAssistedBand(const AppState& state) {
  return state.assisted && state.screen != Screen::kCoordinator &&
         state.screen != Screen::kStatus && state.screen != Screen::kFault;
}

}  // namespace

void ResetRootUi(RootUi& ui) {
  Wipe(ui.sign_in.pad.digits);
  UiProbe* probe = ui.probe;
  const Screen last_screen = ui.last_screen;
  ui = RootUi{};
  ui.probe = probe;
  ui.last_screen = last_screen;
}

void DrawRoot(const AppState& state, RootUi& ui, const UiContext& context,
              const Dispatch& dispatch) {
  RAIDA_CHECK(context.translations != nullptr);
  RAIDA_CHECK(context.px_per_mm > 0.0f);
  NoteScreenChange(state, ui);
  ui.lesson.pictures = context.pictures;
  ScreenContext ctx;
  ctx.translations = context.translations;
  ctx.language = state.language;
  ctx.theme = MakeTheme(context.px_per_mm, state.high_contrast, state.text_size);
  ctx.probe = ui.probe;
  if (ctx.probe != nullptr) {
    ctx.probe->items.clear();
  }
  ApplyTheme(ctx.theme, ImGui::GetStyle());
  ImGui::GetIO().MouseDragThreshold = ctx.theme.metrics.drag_threshold;

  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->Pos);
  ImGui::SetNextWindowSize(viewport->Size);
  ImGui::Begin("###raida.root", nullptr, kRootFlags);
  ImGui::PushFont(ctx.Font(FontRole::kBody));
  if (state.session.still_there) {
    DrawStillThere(state, ctx, dispatch);  // over everything, a dialog or notice included
    ImGui::PopFont();
    ImGui::End();
    return;
  }
  if (ShowsAssistedBand(state)) {
    DrawAssistedBand(state, ctx, dispatch);
  }
  if (state.notice_key.empty()) {
    DrawScreen(state, ui, ctx, dispatch);
  } else {
    DrawNotice(state, ctx, dispatch);
  }
  ImGui::PopFont();
  ImGui::End();
}

}  // namespace raida::kiosk
