// TA-1, TA-2, TA-3, TA-4 on every screen and every touch widget.
//
// Screens: every value of the Screen enum, found generically (a value is a screen when DrawRoot
// draws something for it that it does not draw for a value no screen has), so screens added
// later are audited without touching this file; each is put into a drawable state by
// StateShowing (support/demo_state.h), plus the variants below (busy, notice, empty). Each is
// audited in Lithuanian, Polish and English, at the reference panel (1920×1080) and the smallest
// supported one (1366×768), at all three text sizes, in the standard and the high-contrast theme,
// every page of every list: no target under 16 mm, primary actions 20 mm high, no two targets
// closer than 3 mm, text contrast 7:1 against every state's background, no label clipped, no
// text below 32 px, a glyph for every character shown.
// Widgets: the on-screen keyboard (each layout, Shift off and on, with its field) and the dialogs
// across the same matrix. The figures (smallest target, gap, lowest contrast) are printed.
#include "support/ui_audit.h"

#include <gtest/gtest.h>

#include <cfloat>
#include <iostream>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "kiosk/ui/keyboard.h"
#include "support/demo_state.h"
#include "support/imgui_harness.h"
#include "support/widget_driver.h"

namespace raida::kiosk::testing {
namespace {

constexpr float kPxPerMm = 4.03f;  // 21.5" 1920×1080; a 15.6" 1366×768 panel is 3.97
constexpr int kNoScreen = 10'000;  // no Screen has this value
constexpr int kMaxScreens = 64;
constexpr int kMaxPages = 60;  // the search results above the keyboard page in small steps

std::set<std::string> IdsDrawnFor(KioskDriver& kiosk, int screen) {
  kiosk.state() = StateShowing(static_cast<Screen>(screen), "en");
  ResetRootUi(kiosk.ui());
  kiosk.Settle(2);
  std::set<std::string> ids;
  for (const ProbeRecord& r : kiosk.probe().items) {
    ids.insert(r.id);
  }
  return ids;
}

// Every Screen value DrawRoot draws, in enum order.
std::vector<Screen> AllScreens() {
  KioskDriver kiosk;
  const std::set<std::string> nothing = IdsDrawnFor(kiosk, kNoScreen);
  std::vector<Screen> screens;
  for (int value = 0; value < kMaxScreens; ++value) {
    if (IdsDrawnFor(kiosk, value) == nothing) {
      break;
    }
    screens.push_back(static_cast<Screen>(value));
  }
  return screens;
}

struct AuditCase {
  std::string name;
  AppState state;
};

std::vector<AuditCase> CasesFor(const std::vector<Screen>& screens, const std::string& language) {
  std::vector<AuditCase> cases;
  for (const Screen screen : screens) {
    cases.push_back(
        {"screen " + std::to_string(static_cast<int>(screen)), StateShowing(screen, language)});
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
  AppState asleep = StateShowing(Screen::kWelcome, language);
  asleep.session.asleep = true;
  cases.push_back({"welcome_asleep", asleep});
  AppState still_there = StateShowing(Screen::kSignUp, language);
  still_there.session.still_there = true;
  still_there.session.seconds_left = 30;
  cases.push_back({"still_there", still_there});
  AppState pin = StateShowing(Screen::kSignIn, language);
  pin.sign_in_step = SignInStep::kPin;
  pin.sign_in_error_key = "signin.error.pin_reset";
  cases.push_back({"signin_pin", pin});
  AppState asking = StateShowing(Screen::kMyCourses, language);
  asking.cancel_asking_id = "enrollment.0";
  cases.push_back({"my_courses_confirm", asking});
  AppState filtered = StateShowing(Screen::kCatalog, language);
  filtered.catalog_category = "computer_basics";
  filtered.catalog_query = "kompiuteris ąčęėįšųūž";
  filtered.catalog_matches = std::vector<std::string>{};
  cases.push_back({"catalog_search_none", filtered});
  AppState typing = StateShowing(Screen::kCatalog, language);
  typing.catalog_keyboard = true;
  typing.catalog_query = "komp";
  cases.push_back({"catalog_keyboard", typing});
  AppState loading = StateShowing(Screen::kCatalog, language);
  loading.catalog.clear();
  loading.catalog_loading = true;
  cases.push_back({"catalog_loading", loading});
  return cases;
}

// A quick tap on `target` for paging: move and press in one frame, release, then one frame with
// the finger lifted 0.2 s later (past the bounce window), which already shows the new page.
void PageTap(KioskDriver& kiosk, const ProbeRecord& target) {
  ImGuiHarness& h = kiosk.harness();
  h.io().MousePos = Center(target);
  h.Press(kiosk.draw());
  h.Release(kiosk.draw());
  h.io().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  h.Wait(0.2f, kiosk.draw());
}

// Audits the current screen, then every further page of its lists (▼ until it is disabled).
void AuditAllPages(KioskDriver& kiosk, const AuditLimits& limits, AuditStats& stats,
                   std::vector<std::string>& failures) {
  kiosk.Settle(3);  // a list measures its content, then makes room for ▲/▼
  for (int page = 0; page < kMaxPages; ++page) {
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
    PageTap(kiosk, target);
  }
  failures.push_back("a list never reached its last page");
}

struct Look {
  TextSize text_size;
  bool high_contrast;
};

std::string Describe(const std::string& language, ImVec2 display, const Look& look) {
  return "[" + language + " " + std::to_string(static_cast<int>(display.x)) + "x" +
         std::to_string(static_cast<int>(display.y)) + " text size " +
         std::to_string(static_cast<int>(look.text_size)) +
         (look.high_contrast ? " high contrast]" : "]");
}

void PrintStats(const char* what, const std::string& language, ImVec2 display,
                const AuditStats& stats) {
  std::cout << "[" << what << " " << language << " " << display.x << "x" << display.y << "] "
            << stats.frames << " frames, " << stats.targets_checked << " targets, "
            << stats.texts_checked << " texts; smallest target width " << stats.min_target_width
            << " px (" << stats.min_width_id << "), height " << stats.min_target_height << " px ("
            << stats.min_height_id << "); smallest gap " << stats.min_gap << " px ("
            << stats.min_gap_ids << "); smallest text " << stats.min_font_px
            << " px; lowest contrast " << stats.min_contrast << ":1 (" << stats.min_contrast_id
            << ")\n";
}

const std::vector<Look>& Looks() {
  static const std::vector<Look> kLooks = {{TextSize::kNormal, false},  {TextSize::kLarge, false},
                                           {TextSize::kLargest, false}, {TextSize::kNormal, true},
                                           {TextSize::kLarge, true},    {TextSize::kLargest, true}};
  return kLooks;
}

using PanelLanguage = std::tuple<std::pair<int, int>, std::string>;

class ScreenAuditTest : public ::testing::TestWithParam<PanelLanguage> {};

TEST_P(ScreenAuditTest, EveryScreenMeetsTouchAndContrastRules) {
  const auto [size, language] = GetParam();
  const ImVec2 display(static_cast<float>(size.first), static_cast<float>(size.second));
  const AuditLimits limits = LimitsFor(kPxPerMm, display);
  const std::vector<Screen> screens = AllScreens();
  ASSERT_GE(screens.size(), 8u) << "the Screen enum was not walked";
  AuditStats stats;
  KioskDriver kiosk(display, kPxPerMm);
  ASSERT_TRUE(kiosk.harness().fonts_ok());
  for (const Look& look : Looks()) {
    for (AuditCase& c : CasesFor(screens, language)) {
      c.state.text_size = look.text_size;
      c.state.high_contrast = look.high_contrast;
      kiosk.state() = c.state;
      ResetRootUi(kiosk.ui());
      std::vector<std::string> failures;
      AuditAllPages(kiosk, limits, stats, failures);
      for (const std::string& failure : failures) {
        ADD_FAILURE() << c.name << " " << Describe(language, display, look) << " " << failure;
      }
    }
  }
  EXPECT_GT(stats.targets_checked, 100);
  std::cout << "[screens] " << screens.size() << " screens walked\n";
  PrintStats("audit", language, display, stats);
}

// The keyboard with its field at the bottom of the screen, Shift off and on, and both dialogs.
TEST_P(ScreenAuditTest, KeyboardAndDialogsMeetTouchAndContrastRules) {
  const auto [size, language] = GetParam();
  const ImVec2 display(static_cast<float>(size.first), static_cast<float>(size.second));
  const AuditLimits limits = LimitsFor(kPxPerMm, display);
  AuditStats stats;
  for (const Look& look : Looks()) {
    WidgetDriver driver(
        WidgetSetup{display, kPxPerMm, language, look.high_contrast, look.text_size});
    int scene = 0;
    const KeyboardLayout layout = LayoutForLanguage(language);
    driver.SetDraw([&scene, layout](const ScreenContext& ctx) {
      if (scene == 0) {
        KeyboardField(ctx, "audit.field", "Jūžintai, Pandėlys – Łódź", "");
        ImGui::SetCursorPosY(ImGui::GetWindowHeight() - KeyboardHeight(ctx, layout) -
                             ctx.theme.metrics.padding);
        OnScreenKeyboard(ctx, "audit.keyboard", layout, "", 40);
      } else if (scene == 1) {
        ConfirmDialog(ctx, "audit.confirm", Tr(ctx, "signup.error.not_saved"),
                      Tr(ctx, "signup.confirm"), Tr(ctx, "common.back"));
      } else {
        NoticeDialog(ctx, "audit.notice", Tr(ctx, "signin.error.unknown_card"),
                     Tr(ctx, "common.ok"));
      }
    });
    std::vector<std::string> failures;
    driver.Settle(2);
    AuditFrame(driver.probe(), limits, stats, failures);
    driver.Tap("audit.keyboard.key.shift");
    AuditFrame(driver.probe(), limits, stats, failures);
    EXPECT_EQ(driver.Find("audit.keyboard.key.U+0071")->text, "Q") << "Shift is on";
    for (scene = 1; scene <= 2; ++scene) {
      driver.Settle(2);
      AuditFrame(driver.probe(), limits, stats, failures);
    }
    for (const std::string& failure : failures) {
      ADD_FAILURE() << Describe(language, display, look) << " " << failure;
    }
  }
  PrintStats("widgets", language, display, stats);
}

std::string PanelName(const ::testing::TestParamInfo<PanelLanguage>& param) {
  return std::get<1>(param.param) + "_" + std::to_string(std::get<0>(param.param).first);
}

INSTANTIATE_TEST_SUITE_P(Panels, ScreenAuditTest,
                         ::testing::Combine(::testing::Values(std::make_pair(1920, 1080),
                                                              std::make_pair(1366, 768)),
                                            ::testing::Values("lt", "pl", "en")),
                         PanelName);

// The audit must be able to fail: a target drawn too small, too close, or in ImGui's own colours
// is reported.
TEST(AuditSelfTest, ReportsSmallCloseAndLowContrastTargets) {
  WidgetDriver driver;
  driver.SetDraw([](const ScreenContext& ctx) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, ImVec4(0.06f, 0.53f, 0.98f, 1.0f));
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(4, 4));
    ImGui::Button("tiny###tiny", ImVec2(40, 40));
    ProbeItem(ctx, "tiny", "tiny", ProbeRole::kTarget);
    ImGui::SameLine();
    ImGui::Button("next###next", ImVec2(100, 100));
    ProbeItem(ctx, "next", "next", ProbeRole::kTarget);
    ImGui::PopStyleVar();
    ImGui::PopStyleColor(2);
    ImGui::PushFont(ImGui::GetIO().Fonts->Fonts[0]);
    ImGui::SetWindowFontScale(0.5f);
    ImGui::TextUnformatted("small");
    ProbeItem(ctx, "small", "small", ProbeRole::kText);
    ImGui::SetWindowFontScale(1.0f);
    ImGui::PopFont();
  });
  driver.Settle(2);
  AuditStats stats;
  std::vector<std::string> failures;
  AuditFrame(driver.probe(), LimitsFor(kPxPerMm, ImVec2(1920, 1080)), stats, failures);
  const auto reported = [&failures](const std::string& part) {
    for (const std::string& f : failures) {
      if (f.find(part) != std::string::npos) {
        return true;
      }
    }
    return false;
  };
  EXPECT_TRUE(reported("tiny: target 40.0x40.0 px is below 16 mm"));
  EXPECT_TRUE(reported("tiny / next: only 4.0 px apart"));
  EXPECT_TRUE(reported("next: contrast"));
  EXPECT_TRUE(reported("small: text"));
}

}  // namespace
}  // namespace raida::kiosk::testing
