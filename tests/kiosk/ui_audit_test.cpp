// TA-1, TA-2, TA-3, TA-4 on every screen: each screen in Lithuanian, Polish and English, at the
// reference panel (1920×1080) and the smallest supported one (1366×768), at all three text sizes,
// in the standard and the high-contrast theme, every page of every list. The figures (smallest
// target, smallest gap, lowest contrast) are printed for the report.
#include "support/ui_audit.h"

#include <gtest/gtest.h>

#include <iostream>
#include <string>
#include <tuple>
#include <vector>

#include "support/demo_state.h"
#include "support/imgui_harness.h"

namespace raida::kiosk::testing {
namespace {

constexpr float kPxPerMm = 4.03f;  // 21.5" 1920×1080; a 15.6" 1366×768 panel is 3.97

struct AuditCase {
  std::string name;
  AppState state;
};

std::vector<AuditCase> CasesFor(const std::string& language) {
  std::vector<AuditCase> cases;
  const std::pair<const char*, Screen> screens[] = {
      {"welcome", Screen::kWelcome}, {"catalog", Screen::kCatalog},
      {"course", Screen::kCourse},   {"signin", Screen::kSignIn},
      {"signup", Screen::kSignUp},   {"signup_done", Screen::kSignUpDone},
      {"fault", Screen::kFault},     {"status", Screen::kStatus}};
  for (const auto& [name, screen] : screens) {
    cases.push_back({name, StateShowing(screen, language)});
  }
  AppState checking = StateShowing(Screen::kSignIn, language);
  checking.signing_in = true;
  checking.sign_in_error_key.clear();
  cases.push_back({"signin_checking", checking});
  AppState saving = StateShowing(Screen::kSignUp, language);
  saving.saving_sign_up = true;
  cases.push_back({"signup_saving", saving});
  AppState notice = StateShowing(Screen::kSignUp, language);
  notice.notice_key = "signup.error.not_saved";
  cases.push_back({"notice", notice});
  AppState syncing = StateShowing(Screen::kStatus, language);
  syncing.sync->running = true;
  cases.push_back({"status_syncing", syncing});
  AppState unprovisioned = StateShowing(Screen::kStatus, language);
  unprovisioned.sync_available = false;
  unprovisioned.sync.reset();
  cases.push_back({"status_not_provisioned", unprovisioned});
  AppState loading = StateShowing(Screen::kCatalog, language);
  loading.catalog.clear();
  loading.catalog_loading = true;
  cases.push_back({"catalog_loading", loading});
  return cases;
}

// Audits the current screen, then every further page of its list (▼ until it is disabled).
void AuditAllPages(KioskDriver& kiosk, const AuditLimits& limits, AuditStats& stats,
                   std::vector<std::string>& failures) {
  for (int page = 0; page < 30; ++page) {
    kiosk.Settle();
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
    kiosk.Tap(down->id);
  }
  failures.push_back("a list never reached its last page");
}

class ScreenAuditTest
    : public ::testing::TestWithParam<std::tuple<std::pair<int, int>, std::string>> {};

TEST_P(ScreenAuditTest, EveryScreenMeetsTouchAndContrastRules) {
  const auto [size, language] = GetParam();
  const ImVec2 display(static_cast<float>(size.first), static_cast<float>(size.second));
  const AuditLimits limits = LimitsFor(kPxPerMm, display);
  AuditStats stats;
  for (const TextSize text_size : {TextSize::kNormal, TextSize::kLarge, TextSize::kLargest}) {
    for (const bool high_contrast : {false, true}) {
      for (AuditCase& c : CasesFor(language)) {
        KioskDriver kiosk(display, kPxPerMm);
        ASSERT_TRUE(kiosk.harness().fonts_ok());
        c.state.text_size = text_size;
        c.state.high_contrast = high_contrast;
        kiosk.state() = c.state;
        std::vector<std::string> failures;
        AuditAllPages(kiosk, limits, stats, failures);
        for (const std::string& failure : failures) {
          ADD_FAILURE() << c.name << " [" << language << " " << size.first << "x" << size.second
                        << " text size " << static_cast<int>(text_size)
                        << (high_contrast ? " high contrast" : "") << "] " << failure;
        }
      }
    }
  }
  EXPECT_GT(stats.targets_checked, 100);
  std::cout << "[audit " << language << " " << size.first << "x" << size.second << "] "
            << stats.frames << " frames, " << stats.targets_checked << " targets, "
            << stats.texts_checked << " texts; smallest target width " << stats.min_target_width
            << " px (" << stats.min_width_id << "), height " << stats.min_target_height << " px ("
            << stats.min_height_id << "); smallest gap " << stats.min_gap << " px ("
            << stats.min_gap_ids << "); lowest contrast " << stats.min_contrast << ":1 ("
            << stats.min_contrast_id << ")\n";
}

std::string PanelName(
    const ::testing::TestParamInfo<std::tuple<std::pair<int, int>, std::string>>& param) {
  return std::get<1>(param.param) + "_" + std::to_string(std::get<0>(param.param).first);
}

INSTANTIATE_TEST_SUITE_P(Panels, ScreenAuditTest,
                         ::testing::Combine(::testing::Values(std::make_pair(1920, 1080),
                                                              std::make_pair(1366, 768)),
                                            ::testing::Values("lt", "pl", "en")),
                         PanelName);

}  // namespace
}  // namespace raida::kiosk::testing
