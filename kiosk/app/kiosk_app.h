// RunKiosk: the kiosk's frame loop, between the command line (main.cpp) and everything else.
//
// It owns the one AppState and is its only writer: actions the screens dispatch during a frame
// and result actions the EffectRunner posts are reduced here, after the frame, and the effects
// they return go to the runner. It draws only when something happened (input, a result, a
// timer on a screen where a person may be), so an idle kiosk sleeps in the platform's wait.
//
// Test and review hooks (all off by default): a single screenshot once the first screen shows
// its data, a screenshot of each screen per language as it settles, and a probe file with the
// rectangles of the tappable widgets, written each time the screen settles, for the xdotool
// end-to-end test. No GLFW here: the platform is behind kiosk/platform/glfw_platform.h.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "kiosk/platform/glfw_platform.h"
#include "kiosk/ui/root.h"
#include "raida/core/clock.h"

namespace raida::kiosk {

struct KioskOptions {
  std::string db_path = "raida-kiosk.db";
  std::string assets_dir;                  // holds i18n/<lang>.json
  std::string center_id;                   // "center.bajorai"
  std::optional<std::string> seed_file;    // district file for a kiosk that has no catalog yet
  std::string server_url;                  // "" = no district server: never checked
  int server_check_interval_ms = 60000;    // CheckServer at start and then this often
  bool background_sync = false;            // run the SyncWorker (the database is provisioned)
  int64_t sync_interval_ms = 15 * 60'000;  // opportunistic sync while the kiosk runs
  WindowOptions window;
  std::string language = "lt";       // the language the welcome screen starts in (and each visit)
  int64_t idle_limit_ms = 120'000;   // UX-15: no touch for this long brings "Are you still there?"
  int64_t idle_warning_ms = 30'000;  // ... whose countdown then signs the person out
  const core::Clock* clock = nullptr;  // time for the loop and the storage; nullptr: the system's
  float px_per_mm = 4.0f;              // reference panel: 21.5" 1920x1080
  FontOptions fonts;
  bool start_on_catalog = false;  // press Start at once (screenshots of the catalog)

  std::string screenshot_path;     // save one PNG when the first screen shows its data, exit 0
  int screenshot_after_ms = 1500;  // ... or after this much wall time, whichever comes first
  std::string screenshot_dir;      // save <dir>/<language>/<screen>.png as each screen settles
  std::string probe_file;          // JSON of the settled screen's widgets, rewritten on change
  std::function<bool()> stop_requested;  // polled each wake (SIGTERM); may be empty
};

// Exit codes of RunKiosk.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;   // a screenshot could not be written
inline constexpr int kExitBadSetup = 2;  // no display, missing font or translations

// Runs the kiosk until its window is closed, a stop is requested or the screenshot is saved.
// Setup problems are printed to stderr (and logged) and return kExitBadSetup; a broken
// database is not a setup problem: the kiosk shows its fault screen and keeps running.
int RunKiosk(const KioskOptions& options);

// The stable name of a screen, for file names, the probe and the log ("signup_done").
const char* ScreenName(Screen screen);
// What is on screen, for screenshot file names and the probe's "view": the screen's name, or a
// variant of it that looks different ("still_there" over any screen, "welcome_asleep",
// "catalog_search" with the keyboard up, "signin_pin").
std::string ViewName(const AppState& state);

}  // namespace raida::kiosk
