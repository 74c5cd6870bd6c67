// LoadFonts: the production fonts load at every size; a missing or broken font file is a clear
// error naming the file, never an ImGui assert.
#include "kiosk/ui/fonts.h"

#include <gtest/gtest.h>
#include <imgui.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "kiosk/ui/root.h"

namespace raida::kiosk {
namespace {

class FontsTest : public ::testing::Test {
 protected:
  void SetUp() override { ctx_ = ImGui::CreateContext(); }
  void TearDown() override { ImGui::DestroyContext(ctx_); }
  ImGuiContext* ctx_ = nullptr;
};

TEST_F(FontsTest, LoadsNineFontsAtTheChosenSizes) {
  ASSERT_TRUE(LoadFonts(ImGui::GetIO()).ok());
  const ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
  ASSERT_EQ(atlas.Fonts.Size, 9);
  EXPECT_TRUE(atlas.IsBuilt());
  EXPECT_EQ(KioskFont(TextSize::kNormal, FontRole::kBody)->FontSize, 36.0f);
  EXPECT_EQ(KioskFont(TextSize::kLarge, FontRole::kLabel)->FontSize, 42.0f);
  EXPECT_EQ(KioskFont(TextSize::kLargest, FontRole::kBody)->FontSize, 48.0f);
  EXPECT_EQ(KioskFont(TextSize::kNormal, FontRole::kHeading)->FontSize, 48.0f);
  EXPECT_EQ(KioskFont(TextSize::kLargest, FontRole::kHeading)->FontSize, 64.0f);
  EXPECT_GE(BodyFontPx(TextSize::kNormal), 32.0f) << "UX-5: never below 32 px";
  std::printf("[fonts] atlas %dx%d px (%d MiB as RGBA32)\n", atlas.TexWidth, atlas.TexHeight,
              atlas.TexWidth * atlas.TexHeight * 4 / (1024 * 1024));
  // Nine fonts with Latin Extended-A fit one 2048×2048 texture: 16 MiB as RGBA32 (the resident
  // memory budget is 100 MB). A new size or range that doubles it should be a decision.
  EXPECT_LE(atlas.TexWidth * atlas.TexHeight, 2048 * 2048);
}

TEST_F(FontsTest, MissingFontIsNotFoundWithThePath) {
  FontOptions options;
  options.bold_path = "/nonexistent/DejaVuSans-Bold.ttf";
  const core::Status status = LoadFonts(ImGui::GetIO(), options);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, core::ErrorCode::kNotFound);
  EXPECT_NE(status.error().message.find("/nonexistent/DejaVuSans-Bold.ttf"), std::string::npos);
}

TEST_F(FontsTest, GarbageFontIsCorruptWithThePath) {
  const std::string path = ::testing::TempDir() + "raida_not_a_font.ttf";
  {
    std::ofstream out(path, std::ios::binary);
    out << "this is not a TrueType font, just text pretending to be one";
  }
  FontOptions options;
  options.regular_path = path;
  const core::Status status = LoadFonts(ImGui::GetIO(), options);
  std::remove(path.c_str());
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, core::ErrorCode::kCorrupt);
  EXPECT_NE(status.error().message.find(path), std::string::npos);
}

}  // namespace
}  // namespace raida::kiosk
