// Confirm dialogs and notices: full-screen, two huge buttons (or one OK) that answer on release,
// nothing beneath them can be tapped, and the probe sees only the dialog.
#include <gtest/gtest.h>

#include <string>

#include "kiosk/ui/widgets.h"
#include "support/widget_driver.h"

namespace raida::kiosk::testing {
namespace {

struct DialogScene {
  bool asking = false;
  bool noticing = false;
  int beneath_taps = 0;
  DialogAnswer answer = DialogAnswer::kNone;
  int answers = 0;
  int oks = 0;
};

WidgetDriver::Draw SceneDraw(DialogScene& scene) {
  return [&scene](const ScreenContext& ctx) {
    if (BigButton(ctx, "Cancel my sign-up", "beneath", ButtonKind::kSecondary)) {
      ++scene.beneath_taps;
    }
    if (scene.asking) {
      const DialogAnswer answer =
          ConfirmDialog(ctx, "cancel", "Do you want to cancel?", "Yes, cancel", "No, keep it");
      if (answer != DialogAnswer::kNone) {
        scene.answer = answer;
        ++scene.answers;
        scene.asking = false;
      }
    }
    if (scene.noticing && NoticeDialog(ctx, "saved", "Your sign-up is saved.", "OK")) {
      ++scene.oks;
      scene.noticing = false;
    }
  };
}

TEST(DialogTest, ConfirmAnswersYesOrNoOnRelease) {
  for (const bool yes : {true, false}) {
    DialogScene scene;
    WidgetDriver driver;
    driver.SetDraw(SceneDraw(scene));
    scene.asking = true;
    driver.Settle(3);
    const std::string id = yes ? "cancel.yes" : "cancel.no";
    const ProbeRecord button = *driver.Find(id);
    EXPECT_GE(button.max.y - button.min.y, kDialogButtonMm * 4.03f - 1.0f);
    EXPECT_GE(button.max.x - button.min.x, 1920.0f * 0.4f) << "half the screen each";
    ImGuiHarness& h = driver.harness();
    h.MoveTo(Center(button), driver.frame());
    h.Press(driver.frame());
    EXPECT_EQ(scene.answers, 0) << "answered on press";
    h.Release(driver.frame());
    h.Lift(driver.frame());
    EXPECT_EQ(scene.answers, 1);
    EXPECT_EQ(scene.answer, yes ? DialogAnswer::kYes : DialogAnswer::kNo);
  }
}

TEST(DialogTest, NothingBeneathCanBeTappedAndTheProbeSeesOnlyTheDialog) {
  DialogScene scene;
  WidgetDriver driver;
  driver.SetDraw(SceneDraw(scene));
  driver.Settle(3);
  const ProbeRecord beneath = *driver.Find("beneath");
  driver.Tap("beneath");
  ASSERT_EQ(scene.beneath_taps, 1);
  driver.Wait(0.3f);
  scene.asking = true;
  driver.Settle(3);
  EXPECT_EQ(driver.probe().Find("beneath"), nullptr) << "covered items are not on screen";
  EXPECT_NE(driver.probe().Find("cancel.message"), nullptr);
  driver.harness().Tap(Center(beneath), driver.frame());
  EXPECT_EQ(scene.beneath_taps, 1) << "a tap went through the dialog";
  EXPECT_EQ(scene.answers, 0);
  EXPECT_TRUE(scene.asking);
}

TEST(DialogTest, PressOnAnAnswerAndDragOffAnswersNothing) {
  DialogScene scene;
  WidgetDriver driver;
  driver.SetDraw(SceneDraw(scene));
  scene.asking = true;
  driver.Settle(3);
  const ProbeRecord yes = *driver.Find("cancel.yes");
  ImGuiHarness& h = driver.harness();
  h.MoveTo(Center(yes), driver.frame());
  h.Press(driver.frame());
  h.MoveTo(ImVec2(Center(yes).x, yes.min.y - 150.0f), driver.frame());
  h.Release(driver.frame());
  h.Lift(driver.frame());
  EXPECT_EQ(scene.answers, 0);
}

TEST(DialogTest, NoticeHasOneHugeOk) {
  DialogScene scene;
  WidgetDriver driver;
  driver.SetDraw(SceneDraw(scene));
  scene.noticing = true;
  driver.Settle(3);
  EXPECT_EQ(driver.probe().IdsWithPrefix("saved.").size(), 2u) << "the message and OK";
  const ProbeRecord ok = *driver.Find("saved.ok");
  EXPECT_GE(ok.max.y - ok.min.y, kDialogButtonMm * 4.03f - 1.0f);
  EXPECT_LE(ok.max.y, 1080.0f);
  driver.Tap("saved.ok");
  EXPECT_EQ(scene.oks, 1);
  EXPECT_FALSE(scene.noticing);
}

}  // namespace
}  // namespace raida::kiosk::testing
