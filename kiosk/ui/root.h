// The kiosk's UI entry points: fonts, theme and the root draw function that routes to one
// screen per AppState::screen. Only ImGui is used here: no GLFW, no OpenGL, no SQLite, so the
// same code runs in the real window and in the headless test driver.
#pragma once

#include <string>

#include "kiosk/state/actions.h"
#include "kiosk/state/app_state.h"
#include "kiosk/ui/root_ui.h"
#include "raida/core/i18n.h"
#include "raida/core/result.h"

struct ImGuiIO;

namespace raida::kiosk {
class PictureSource;
}

namespace raida::kiosk {

struct FontOptions {
  // DejaVu Sans from Debian's fonts-dejavu-core. The atlas always holds Basic Latin, Latin-1,
  // Latin Extended-A (Lithuanian and Polish letters) and the punctuation the catalogs use.
  std::string regular_path = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
  std::string bold_path = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
};

// Loads the kiosk's fonts into io.Fonts and builds the atlas. kNotFound/kCorrupt with the
// path when a font file is missing or unreadable: the kiosk cannot draw a word without it.
core::Status LoadFonts(ImGuiIO& io, const FontOptions& options = {});

// Everything the screens need besides the state: translations and the panel's pixel density.
struct UiContext {
  const core::Translations* translations = nullptr;
  float px_per_mm = 4.0f;             // reference panel: 21.5" 1920x1080 is about 4 px/mm
  PictureSource* pictures = nullptr;  // lesson pictures (kiosk/ui/pictures.h); null: alt text
};

// RootUi (kiosk/ui/root_ui.h) holds the transient widget state of every screen (pad input,
// scroll offsets). Cleared on sign-out so no personal input lingers.
void ResetRootUi(RootUi& ui);

// Draws the current screen full-window and dispatches what the person taps. Call between
// ImGui::NewFrame() and ImGui::Render().
void DrawRoot(const AppState& state, RootUi& ui, const UiContext& context,
              const Dispatch& dispatch);

}  // namespace raida::kiosk
