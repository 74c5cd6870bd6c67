// Drives single touch widgets (keyboard, dialogs, buttons) without a screen around them.
//
// WidgetDriver draws one full-screen window per frame, as DrawRoot does (theme applied to ImGui's
// style, the 5 mm drag threshold, the body font pushed, the probe cleared), and calls the test's
// draw function inside it with a ScreenContext for the chosen panel, language, theme and text
// size. Taps go through ImGuiHarness, so they are real pointer events on real item rectangles.
#pragma once

#include <imgui.h>

#include <functional>
#include <string>
#include <utility>

#include "kiosk/ui/theme.h"
#include "kiosk/ui/widgets.h"
#include "support/imgui_harness.h"

namespace raida::kiosk::testing {

struct WidgetSetup {
  ImVec2 display = ImVec2(1920, 1080);
  float px_per_mm = 4.03f;
  std::string language = "lt";
  bool high_contrast = false;
  TextSize text_size = TextSize::kNormal;
};

class WidgetDriver {
 public:
  using Draw = std::function<void(const ScreenContext&)>;

  explicit WidgetDriver(const WidgetSetup& setup = {}) : harness_(setup.display) {
    ctx_.translations = &ShippedTranslations();
    ctx_.language = setup.language;
    ctx_.theme = MakeTheme(setup.px_per_mm, setup.high_contrast, setup.text_size);
    ctx_.probe = &probe_;
    frame_ = [this] {
      probe_.items.clear();
      ApplyTheme(ctx_.theme, ImGui::GetStyle());
      ImGui::GetIO().MouseDragThreshold = ctx_.theme.metrics.drag_threshold;
      const ImGuiViewport* viewport = ImGui::GetMainViewport();
      ImGui::SetNextWindowPos(viewport->Pos);
      ImGui::SetNextWindowSize(viewport->Size);
      ImGui::Begin("###test.root", nullptr,
                   ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                       ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                       ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoNav);
      ImGui::PushFont(ctx_.Font(FontRole::kBody));
      if (draw_) {
        draw_(ctx_);
      }
      ImGui::PopFont();
      ImGui::End();
    };
  }

  void SetDraw(Draw draw) { draw_ = std::move(draw); }
  const ScreenContext& ctx() const { return ctx_; }
  const UiProbe& probe() const { return probe_; }
  ImGuiHarness& harness() { return harness_; }
  const std::function<void()>& frame() const { return frame_; }

  // Frames with no finger on the glass.
  void Settle(int frames = 2) {
    for (int i = 0; i < frames; ++i) {
      harness_.Frame(frame_);
    }
  }

  // One frame, `seconds` after the previous one (ImGui's clock is the sum of io.DeltaTime).
  void Wait(float seconds) { harness_.Wait(seconds, frame_); }

  // The probe record `id` from the last frame; fails the test when it is not on screen.
  const ProbeRecord* Find(const std::string& id) const {
    const ProbeRecord* record = probe_.Find(id);
    if (record == nullptr) {
      ADD_FAILURE() << "no item '" << id << "' on screen";
    }
    return record;
  }

  // Hover, press, release on the centre of `id`, then lift the finger (four frames, 67 ms).
  bool Tap(const std::string& id) {
    const ProbeRecord* record = Find(id);
    if (record == nullptr) {
      return false;
    }
    harness_.Tap(Center(*record), frame_);
    return true;
  }

 private:
  ImGuiHarness harness_;
  ScreenContext ctx_;
  UiProbe probe_;
  Draw draw_;
  std::function<void()> frame_;
};

}  // namespace raida::kiosk::testing
