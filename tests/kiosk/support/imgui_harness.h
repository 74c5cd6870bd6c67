// A headless Dear ImGui 1.86 driver for the kiosk's screens (testing-recipes.md §3.1, §3.2).
//
// ImGuiHarness owns one ImGui context with a display size and a fixed 60 Hz time step, loaded
// with the production fonts (LoadFonts), and simulates a finger with the pre-1.87 input API:
// MousePos and MouseDown[0] are sampled once per NewFrame, so a tap is hover, press, release on
// three frames, and "finger lifted" moves the pointer away so nothing stays hovered. An upgrade
// to ImGui ≥ 1.87 changes only this file (io.AddMousePosEvent / AddMouseButtonEvent).
//
// KioskDriver adds the kiosk around it: an AppState, the RootUi with a UiProbe installed, the
// shipped translations, and a dispatch that records actions so a test can assert on them and
// feed them to the real Reduce.
#pragma once

#include <gtest/gtest.h>
#include <imgui.h>

#include <cfloat>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "kiosk/state/actions.h"
#include "kiosk/state/app_state.h"
#include "kiosk/state/effects.h"
#include "kiosk/state/reduce.h"
#include "kiosk/ui/root.h"
#include "kiosk/ui/root_ui.h"
#include "kiosk/ui/widgets.h"
#include "raida/core/i18n.h"

namespace raida::kiosk::testing {

inline constexpr float kFrameSeconds = 1.0f / 60.0f;

// The production font atlas (LoadFonts), built once per test process and shared by every
// harness: building it takes a fifth of a second under ASan and hundreds of harnesses run. It is
// never changed after it is built. nullptr (and a test failure) when the fonts do not load.
inline ImFontAtlas* SharedKioskAtlas() {
  static const std::unique_ptr<ImFontAtlas> kAtlas = [] {
    auto atlas = std::make_unique<ImFontAtlas>();
    ImGuiContext* previous = ImGui::GetCurrentContext();
    ImGuiContext* builder = ImGui::CreateContext(atlas.get());
    ImGui::SetCurrentContext(builder);  // CreateContext keeps another current context current
    const core::Status fonts = LoadFonts(ImGui::GetIO());
    ImGui::DestroyContext(builder);
    ImGui::SetCurrentContext(previous);
    if (!fonts.ok()) {
      ADD_FAILURE() << "LoadFonts: " << fonts.error().message;
      return std::unique_ptr<ImFontAtlas>();
    }
    return atlas;
  }();
  return kAtlas.get();
}

class ImGuiHarness {
 public:
  explicit ImGuiHarness(ImVec2 display) {
    IMGUI_CHECKVERSION();
    ImFontAtlas* atlas = SharedKioskAtlas();
    fonts_ok_ = atlas != nullptr;
    ctx_ = ImGui::CreateContext(atlas);
    ImGui::SetCurrentContext(ctx_);  // also when another harness is alive
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    io.DisplaySize = display;
    io.DeltaTime = kFrameSeconds;
    for (int k = 0; k < ImGuiKey_COUNT; ++k) {
      io.KeyMap[k] = k;
    }
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    if (!fonts_ok_) {
      io.Fonts->AddFontDefault();
      io.Fonts->Build();
    }
  }
  ~ImGuiHarness() { ImGui::DestroyContext(ctx_); }
  ImGuiHarness(const ImGuiHarness&) = delete;
  ImGuiHarness& operator=(const ImGuiHarness&) = delete;

  bool fonts_ok() const { return fonts_ok_; }
  ImGuiIO& io() {
    ImGui::SetCurrentContext(ctx_);
    return ImGui::GetIO();
  }

  void Frame(const std::function<void()>& draw) {
    ImGui::SetCurrentContext(ctx_);
    ImGui::NewFrame();
    draw();
    ImGui::Render();
  }

  // Finger movements, one frame each.
  void MoveTo(ImVec2 pos, const std::function<void()>& draw) {
    io().MousePos = pos;
    Frame(draw);
  }
  void Press(const std::function<void()>& draw) {
    io().MouseDown[0] = true;
    Frame(draw);
  }
  void Release(const std::function<void()>& draw) {
    io().MouseDown[0] = false;
    Frame(draw);
  }
  void Lift(const std::function<void()>& draw) {
    io().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    Frame(draw);
  }
  // One frame `seconds` after the previous one, finger unchanged (ImGui's clock is the sum of
  // io.DeltaTime: this is how a test lets the 150 ms bounce window pass).
  void Wait(float seconds, const std::function<void()>& draw) {
    io().DeltaTime = seconds;
    Frame(draw);
    io().DeltaTime = kFrameSeconds;
  }
  // Hover, press, release at `pos`, then lift the finger.
  void Tap(ImVec2 pos, const std::function<void()>& draw) {
    MoveTo(pos, draw);
    Press(draw);
    Release(draw);
    Lift(draw);
  }

 private:
  ImGuiContext* ctx_ = nullptr;
  bool fonts_ok_ = false;
};

// The shipped catalogs from assets/i18n (the kiosk's own loader).
inline core::Translations LoadShippedTranslations() {
  auto loaded = core::Translations::LoadDir(std::string(RAIDA_ASSETS_DIR) + "/i18n");
  if (!loaded.ok()) {
    ADD_FAILURE() << "Translations::LoadDir: " << loaded.error().message;
    return core::Translations::FromMaps({});
  }
  return std::move(loaded).value();
}

// The shipped catalogs, loaded once per test process (they are only read).
inline const core::Translations& ShippedTranslations() {
  static const core::Translations kTranslations = LoadShippedTranslations();
  return kTranslations;
}

inline bool WhollyVisible(const ProbeRecord& r) {
  return r.visible_max.x - r.visible_min.x >= r.max.x - r.min.x - 0.5f &&
         r.visible_max.y - r.visible_min.y >= r.max.y - r.min.y - 0.5f;
}

inline ImVec2 Center(const ProbeRecord& record) {
  return ImVec2((record.visible_min.x + record.visible_max.x) * 0.5f,
                (record.visible_min.y + record.visible_max.y) * 0.5f);
}

class KioskDriver {
 public:
  explicit KioskDriver(ImVec2 display = ImVec2(1920, 1080), float px_per_mm = 4.03f)
      : harness_(display), translations_(&ShippedTranslations()) {
    context_.translations = translations_;
    context_.px_per_mm = px_per_mm;
    SetUiProbeForTesting(ui_, &probe_);
    draw_ = [this] {
      DrawRoot(state_, ui_, context_, [this](Action action) { actions_.push_back(action); });
    };
  }

  AppState& state() { return state_; }
  RootUi& ui() { return ui_; }
  const UiProbe& probe() const { return probe_; }
  ImGuiHarness& harness() { return harness_; }
  const core::Translations& translations() const { return *translations_; }
  const std::function<void()>& draw() const { return draw_; }
  UiContext& context() { return context_; }  // e.g. to install a fake PictureSource
  std::vector<Action>& actions() { return actions_; }

  // Draws `frames` frames with no finger on the glass (layouts settle over two frames).
  void Settle(int frames = 3) {
    for (int i = 0; i < frames; ++i) {
      harness_.Frame(draw_);
    }
  }

  // The probe record `id` from the last frame; fails the test when it is not on screen.
  const ProbeRecord* Find(const std::string& id) {
    const ProbeRecord* record = probe_.Find(id);
    if (record == nullptr) {
      ADD_FAILURE() << "no item '" << id << "' on screen";
    }
    return record;
  }

  // Taps the centre of item `id`, first paging its list with ▼ (as a person would) while the
  // item is not wholly in view; returns the actions the tap dispatched.
  std::vector<Action> Tap(const std::string& id) {
    ScrollIntoView(id);
    actions_.clear();
    const ProbeRecord* record = Find(id);
    if (record == nullptr) {
      return {};
    }
    harness_.Tap(Center(*record), draw_);
    return std::exchange(actions_, {});
  }

  // Pages down (every enabled ▼ on screen, past the bounce window) until item `id` is wholly
  // visible or no list can move; the actions of those taps are dropped.
  void ScrollIntoView(const std::string& id) {
    for (int page = 0; page < 30; ++page) {
      const ProbeRecord* record = probe_.Find(id);
      if (record == nullptr || WhollyVisible(*record)) {
        return;
      }
      std::vector<ImVec2> downs;
      for (const ProbeRecord& r : probe_.items) {
        const bool down = r.id.size() > 5 && r.id.compare(r.id.size() - 5, 5, ".down") == 0;
        if (down && r.enabled && r.role == ProbeRole::kTarget) {
          downs.push_back(Center(r));
        }
      }
      if (downs.empty()) {
        return;
      }
      for (const ImVec2& at : downs) {
        harness_.Tap(at, draw_);
        harness_.Wait(0.2f, draw_);
      }
      actions_.clear();
    }
  }

  // Feeds `action` to the real reducer; returns its effects.
  std::vector<Effect> Reduce(const Action& action) { return raida::kiosk::Reduce(state_, action); }

  std::string Text(const char* key) const { return translations_->Get(state_.language, key); }

 private:
  ImGuiHarness harness_;
  const core::Translations* translations_;
  AppState state_;
  RootUi ui_;
  UiProbe probe_;
  UiContext context_;
  std::vector<Action> actions_;
  std::function<void()> draw_;
};

}  // namespace raida::kiosk::testing
