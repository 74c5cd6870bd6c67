// The machinery of the xdotool end-to-end tests, shared by the walk test and the sync test:
// reading the kiosk's probe file (its settled screen and the rectangles of its widgets),
// clicking a widget's centre with the real pointer, walking from screen to screen with bounded
// waits, and choosing demo-district data (courses with dates at Bajorai, a person free to sign
// up).
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "kiosk_process.h"

namespace raida::e2e {

inline const std::string kDemoFile = std::string(RAIDA_SOURCE_DIR) + "/assets/demo/rokiskis.json";
inline const std::string kCenter = "center.bajorai";

struct ProbeRect {
  std::string id;
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  bool target = false;
  bool enabled = false;
  std::string text;  // as shown (a label, a paragraph); "" for an older kiosk
  bool Visible() const { return x1 - x0 >= 4.0f && y1 - y0 >= 4.0f; }
};

struct Probe {
  int serial = 0;
  std::string screen;
  std::string view;  // the kiosk's ViewName: the screen, or "still_there", "welcome_asleep", ...
  std::string language;
  int window_x = 0;
  int window_y = 0;
  std::vector<ProbeRect> items;
  // What ImGui holds of typed text: "active_id", "input_chars", "input_buffers", "queued_chars",
  // "clipboard_bytes" (kiosk_app.cpp ImGuiInputSnapshot); empty for an older kiosk.
  std::map<std::string, long long> imgui;

  // The item `id`, or nullptr.
  const ProbeRect* Find(const std::string& id) const;
  // The first visible, enabled target whose id starts with `prefix`.
  const ProbeRect* FirstTarget(const std::string& prefix) const;
};

// Every text on screen in `probe`, one item per line.
std::string ScreenText(const Probe& probe);

// The probe file at `path`; nullopt when it is missing or half-written.
std::optional<Probe> ReadProbe(const std::string& path);

// Moves the real pointer to the centre of `rect` and clicks (press and release) there. Fails the
// test when xdotool fails.
void Click(const Probe& probe, const ProbeRect& rect);

// Saves the kiosk's window (`width`×`height` at the probe's window position) to the PNG `path`
// with ImageMagick's `import`. Fails the test (and returns false) when `import` fails.
bool SaveWindow(const Probe& probe, int width, int height, const std::string& path);

class Walk {
 public:
  Walk(KioskProcess& kiosk, std::string probe_path)
      : kiosk_(kiosk), probe_path_(std::move(probe_path)) {}

  // Waits (bounded: 60 s) until the kiosk has settled on `screen` with a visible, enabled target
  // for each of `prefixes`. Fails the test (with the kiosk's log) when it does not.
  Probe WaitFor(const std::string& screen, const std::vector<std::string>& prefixes = {});
  // Clicks the first target starting with `prefix` until the kiosk leaves `screen` for `next`
  // (a click may land while the screen is still waking, so it is retried a few times).
  Probe ClickThrough(const std::string& screen, const std::string& prefix, const std::string& next,
                     const std::vector<std::string>& next_prefixes = {});
  // Pages the list on `screen` down (its ▼ button) until a target in `ids` is visible; returns
  // that id, "" when the list ends first.
  std::string PageTo(Probe probe, const std::string& screen, const std::set<std::string>& ids);
  // Pages the list on `screen` down until a target whose id starts with `prefix` is visible;
  // returns that id, "" when the list ends first.
  std::string PageToPrefix(Probe probe, const std::string& screen, const std::string& prefix);
  // Clicks the first target starting with `prefix` on the settled screen and waits (bounded)
  // until a new frame's probe satisfies `done`; the click is tried again when the screen did not
  // react (it may still have been settling). Fails the test otherwise.
  Probe ClickUntil(const std::string& prefix, const std::function<bool(const Probe&)>& done);
  // Waits (bounded: `seconds`) until the kiosk's probe shows `view`; fails the test otherwise.
  Probe WaitForView(const std::string& view, int seconds = 60);
  // Types `text` (lower-case letters) on the on-screen keyboard `keyboard_id` of the settled
  // screen, one real click per key, slower than the key-bounce filter.
  void TypeOnKeyboard(const std::string& keyboard_id, const std::u32string& text);
  // The latest probe (or an empty one).
  Probe Current() const;

  const std::vector<std::string>& clicked() const { return clicked_; }

 private:
  static bool HasAll(const Probe& probe, const std::vector<std::string>& prefixes);
  std::string PageUntil(Probe probe, const std::string& screen,
                        const std::function<bool(const ProbeRect&)>& wanted);

  KioskProcess& kiosk_;
  std::string probe_path_;
  std::vector<std::string> clicked_;
};

// The catalog's "Open" ids of the demo courses that have an offering at Bajorai that has not
// ended (offering weeks are relative to the day the file is loaded).
std::set<std::string> CourseOpenIdsAtCenter();

// A Bajorai resident of the demo district with a card and no enrollment in `offering_id`.
struct DemoPerson {
  std::string id;
  std::string card_code;
  std::string family_name;
  bool needs_care = false;  // in the profile: pre-ticked on the sign-up screen
};
DemoPerson PersonFreeFor(const std::string& offering_id);

// From the welcome screen (already settled) to the sign-up done screen as a resident: Start,
// the first course at Bajorai with a free seat, its Sign up, the person's card on the pad, the
// "care" need toggled, Confirm. Returns the offering signed up for ("" after a test failure)
// and sets `person`.
std::string SignUpSomeone(Walk& walk, DemoPerson& person);

}  // namespace raida::e2e
