// The whole-view audit; see view_audit.h.
#include "support/view_audit.h"

#include <gtest/gtest.h>

#include <cfloat>

#include "kiosk/ui/root.h"

namespace raida::kiosk::testing {

void AuditEveryPage(KioskDriver& kiosk, const AuditLimits& limits, AuditStats& stats,
                    std::vector<std::string>& failures, int max_pages) {
  kiosk.Settle(3);
  for (int page = 0; page < max_pages; ++page) {
    AuditFrame(kiosk.probe(), limits, stats, failures);
    const ProbeRecord* down = nullptr;
    for (const ProbeRecord& r : kiosk.probe().items) {
      if (r.id.size() > 5 && r.id.compare(r.id.size() - 5, 5, ".down") == 0 && r.enabled) {
        down = &r;
      }
    }
    if (down == nullptr) {
      return;
    }
    const ProbeRecord target = *down;
    ImGuiHarness& h = kiosk.harness();
    h.io().MousePos = Center(target);
    h.Press(kiosk.draw());
    h.Release(kiosk.draw());
    h.io().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    h.Wait(0.2f, kiosk.draw());
  }
  failures.push_back("a list never reached its last page");
}

void AuditViewsEverywhere(
    const std::function<std::vector<AppState>(const std::string& language)>& views,
    const std::function<void(const std::string& language, const AuditStats& stats)>& check,
    bool every_contrast_size, float px_per_mm) {
  for (const ImVec2 display : {ImVec2(1920, 1080), ImVec2(1366, 768)}) {
    KioskDriver kiosk(display, px_per_mm);
    const AuditLimits limits = LimitsFor(px_per_mm, display);
    for (const std::string language : {"lt", "pl", "en"}) {
      AuditStats stats;
      const std::vector<AppState> states = views(language);
      for (const TextSize size : {TextSize::kNormal, TextSize::kLarge, TextSize::kLargest}) {
        for (const bool contrast : {false, true}) {
          if (contrast && size == TextSize::kLarge && !every_contrast_size) {
            continue;
          }
          int index = 0;
          for (AppState state : states) {
            state.text_size = size;
            state.high_contrast = contrast;
            kiosk.state() = state;
            ResetRootUi(kiosk.ui());
            std::vector<std::string> failures;
            AuditEveryPage(kiosk, limits, stats, failures);
            for (const std::string& failure : failures) {
              ADD_FAILURE() << language << " " << display.x << " size " << static_cast<int>(size)
                            << " contrast " << contrast << " view " << index << ": " << failure;
            }
            ++index;
          }
        }
      }
      check(language, stats);
    }
  }
}

}  // namespace raida::kiosk::testing
