// TA-6, tap semantics with scripted pointer events: a tap fires once on release inside the
// target; a press that leaves the target fires nothing; a press and release within one frame is
// no tap in ImGui 1.86; a drag on a list scrolls it and fires nothing, also when the finger lifts
// with its last move; a bounce on a pad key or any button acts once; after the finger lifts,
// nothing stays hovered. (The keyboard's own cases are in keyboard_test.cpp.)
#include <gtest/gtest.h>

#include <string>
#include <variant>

#include "support/demo_state.h"
#include "support/imgui_harness.h"

namespace raida::kiosk::testing {
namespace {

TEST(TapTest, TapFiresOnceOnRelease) {
  KioskDriver kiosk;
  kiosk.Settle();
  const ProbeRecord start = *kiosk.Find("welcome.start");
  auto& h = kiosk.harness();
  h.MoveTo(Center(start), kiosk.draw());
  h.Press(kiosk.draw());
  EXPECT_TRUE(kiosk.actions().empty()) << "fired on press";
  h.Release(kiosk.draw());
  ASSERT_EQ(kiosk.actions().size(), 1u);
  EXPECT_TRUE(HoldsMessage<StartPressed>(kiosk.actions()[0]));
  h.Lift(kiosk.draw());
  h.Lift(kiosk.draw());
  EXPECT_EQ(kiosk.actions().size(), 1u);
  EXPECT_FALSE(ImGui::IsAnyItemHovered()) << "an item stays hovered after the finger lifted";
}

TEST(TapTest, PressInsideReleaseOutsideFiresNothing) {
  KioskDriver kiosk;
  kiosk.Settle();
  const ProbeRecord start = *kiosk.Find("welcome.start");
  auto& h = kiosk.harness();
  h.MoveTo(Center(start), kiosk.draw());
  h.Press(kiosk.draw());
  h.MoveTo(ImVec2(start.max.x + 40.0f, start.max.y + 40.0f), kiosk.draw());
  h.Release(kiosk.draw());
  h.Lift(kiosk.draw());
  EXPECT_TRUE(kiosk.actions().empty());
}

TEST(TapTest, PressAndReleaseInOneFrameIsNoTap) {
  KioskDriver kiosk;
  kiosk.Settle();
  auto& h = kiosk.harness();
  h.MoveTo(Center(*kiosk.Find("welcome.start")), kiosk.draw());
  h.io().MouseDown[0] = true;
  h.io().MouseDown[0] = false;
  h.Frame(kiosk.draw());
  h.Frame(kiosk.draw());
  EXPECT_TRUE(kiosk.actions().empty());
}

TEST(TapTest, DragOnTheListScrollsAndDoesNotOpen) {
  KioskDriver kiosk(ImVec2(1366, 768), 3.97f);
  kiosk.state() = StateShowing(Screen::kCatalog, "lt");
  kiosk.Settle();
  ASSERT_NE(kiosk.probe().Find("catalog.list.down"), nullptr) << "the demo catalog should page";
  const float before = kiosk.ui().catalog.list.scroll_y;
  const std::string first_open = kiosk.probe().IdsWithPrefix("catalog.open.").front();
  const ProbeRecord open = *kiosk.Find(first_open);
  auto& h = kiosk.harness();
  ImVec2 pos = Center(open);
  h.MoveTo(pos, kiosk.draw());
  h.Press(kiosk.draw());
  for (int step = 0; step < 6; ++step) {  // 6 × 20 px upwards, finger on the button
    pos.y -= 20.0f;
    h.MoveTo(pos, kiosk.draw());
  }
  h.Release(kiosk.draw());
  h.Lift(kiosk.draw());
  EXPECT_TRUE(kiosk.actions().empty()) << "a drag became a tap";
  EXPECT_GT(kiosk.ui().catalog.list.scroll_y, before + 60.0f);
}

// A quick swipe whose last move and lift fall into one frame: ImGui no longer measures the drag
// on that frame, and the press is still on the button, yet it is a scroll gesture, not a tap.
TEST(TapTest, SwipeLiftedWithItsLastMoveIsNoTap) {
  KioskDriver kiosk(ImVec2(1366, 768), 3.97f);
  kiosk.state() = StateShowing(Screen::kCatalog, "lt");
  kiosk.Settle();
  const std::string first_open = kiosk.probe().IdsWithPrefix("catalog.open.").front();
  kiosk.ScrollIntoView(first_open);
  const ProbeRecord open = *kiosk.Find(first_open);
  ASSERT_TRUE(open.in_list);
  auto& h = kiosk.harness();
  h.MoveTo(Center(open), kiosk.draw());
  h.Press(kiosk.draw());
  h.io().MousePos = ImVec2(Center(open).x - 40.0f, Center(open).y);  // still on the button
  h.Release(kiosk.draw());
  h.Lift(kiosk.draw());
  EXPECT_TRUE(kiosk.actions().empty()) << "a swipe became a tap";
}

// UX-11 on every button, not only keys: a bounce within 150 ms acts once, a later tap acts again.
TEST(TapTest, TwoHitsOnAButtonWithin150MsActOnce) {
  KioskDriver kiosk;
  kiosk.Settle();
  EXPECT_EQ(kiosk.Tap("welcome.start").size(), 1u);
  EXPECT_TRUE(kiosk.Tap("welcome.start").empty()) << "four frames (67 ms) later";
  kiosk.harness().Wait(0.2f, kiosk.draw());
  EXPECT_EQ(kiosk.Tap("welcome.start").size(), 1u);
}

TEST(TapTest, TremblingTapBelowTheDragThresholdStillTaps) {
  KioskDriver kiosk;
  kiosk.Settle();
  const ProbeRecord start = *kiosk.Find("welcome.start");
  auto& h = kiosk.harness();
  ImVec2 pos = Center(start);
  h.MoveTo(pos, kiosk.draw());
  h.Press(kiosk.draw());
  pos.x += 6.0f;  // a trembling finger, well under 5 mm
  h.MoveTo(pos, kiosk.draw());
  h.Release(kiosk.draw());
  EXPECT_EQ(kiosk.actions().size(), 1u);
}

TEST(TapTest, PageButtonsMoveTheList) {
  KioskDriver kiosk(ImVec2(1366, 768), 3.97f);
  kiosk.state() = StateShowing(Screen::kCatalog, "pl");
  kiosk.Settle();
  EXPECT_FALSE(kiosk.Find("catalog.list.up")->enabled) << "at the top ▲ has nowhere to go";
  kiosk.Tap("catalog.list.down");
  kiosk.Settle();
  EXPECT_GT(kiosk.ui().catalog.list.scroll_y, 100.0f);
  EXPECT_TRUE(kiosk.Find("catalog.list.up")->enabled);
  kiosk.Tap("catalog.list.up");
  kiosk.Settle();
  EXPECT_EQ(kiosk.ui().catalog.list.scroll_y, 0.0f);
}

TEST(TapTest, KeyBounceIsOneDigit) {
  KioskDriver kiosk;
  kiosk.state() = StateShowing(Screen::kSignIn, "lt");
  kiosk.Settle();
  kiosk.Tap("pad.5");
  kiosk.Tap("pad.5");  // 4 frames later: 67 ms, inside the 150 ms bounce window
  EXPECT_EQ(kiosk.ui().sign_in.pad.digits, "5");
  kiosk.Settle(10);
  kiosk.Tap("pad.5");
  kiosk.Tap("pad.7");  // a different key is never a bounce
  EXPECT_EQ(kiosk.ui().sign_in.pad.digits, "557");
  kiosk.Settle(10);
  kiosk.Tap("pad.delete");
  EXPECT_EQ(kiosk.ui().sign_in.pad.digits, "55");
}

TEST(TapTest, LeavingTheSignInScreenWipesTheCode) {
  KioskDriver kiosk;
  kiosk.state() = StateShowing(Screen::kSignIn, "lt");
  kiosk.Settle();
  kiosk.Tap("pad.4");
  ASSERT_EQ(kiosk.ui().sign_in.pad.digits, "4");
  kiosk.state().screen = Screen::kCourse;
  kiosk.Settle();
  EXPECT_TRUE(kiosk.ui().sign_in.pad.digits.empty());
}

TEST(TapTest, OkWithoutDigitsDoesNothing) {
  KioskDriver kiosk;
  kiosk.state() = StateShowing(Screen::kSignIn, "lt");
  kiosk.Settle();
  EXPECT_FALSE(kiosk.Find("pad.ok")->enabled);
  EXPECT_TRUE(kiosk.Tap("pad.ok").empty());
}

}  // namespace
}  // namespace raida::kiosk::testing
