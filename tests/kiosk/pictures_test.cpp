// Lesson pictures: PNG decoding with stb_image (the fixture pack's picture, a missing and a broken
// file), the texture cache (one upload per picture, failures remembered, old textures released)
// and the typing exercise's word check.
#include "kiosk/ui/pictures.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "kiosk/ui/lesson_widgets.h"

namespace raida::kiosk {
namespace {

const std::string kPicture =
    std::string(RAIDA_SOURCE_DIR) + "/tests/data/lessons/fixture-first-steps/pictures/tap.png";

class CountingUploader final : public TextureUploader {
 public:
  ImTextureID Upload(const DecodedImage& image) override {
    ++uploads;
    last_width = image.width;
    return reinterpret_cast<ImTextureID>(static_cast<intptr_t>(++next));
  }
  void Release(ImTextureID texture) override { released.push_back(texture); }
  int uploads = 0;
  int last_width = 0;
  int next = 0;
  std::vector<ImTextureID> released;
};

std::string BrokenFile(const std::string& name, const std::string& bytes) {
  const auto path = std::filesystem::temp_directory_path() / name;
  std::ofstream(path, std::ios::binary) << bytes;
  return path.string();
}

TEST(PicturesTest, DecodesTheFixturePicture) {
  auto image = DecodePng(kPicture);
  ASSERT_TRUE(image.ok()) << image.error().message;
  EXPECT_EQ(image->width, 240);
  EXPECT_EQ(image->height, 160);
  EXPECT_EQ(image->rgba.size(), 240u * 160u * 4u);
}

TEST(PicturesTest, MissingAndBrokenFilesAreErrors) {
  auto missing = DecodePng("/nonexistent/picture.png");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, core::ErrorCode::kNotFound);
  const std::string broken = BrokenFile("raida_broken_picture.png", "\x89PNG\r\n\x1a\nnot really");
  auto corrupt = DecodePng(broken);
  ASSERT_FALSE(corrupt.ok());
  EXPECT_EQ(corrupt.error().code, core::ErrorCode::kCorrupt);
  std::filesystem::remove(broken);
}

TEST(PicturesTest, UploadsOnceRemembersFailuresAndReleasesOldTextures) {
  CountingUploader uploader;
  {
    TexturePictures pictures(uploader, /*capacity=*/2);
    const PictureTexture* first = pictures.Get(kPicture);
    ASSERT_NE(first, nullptr);
    EXPECT_EQ(first->width, 240);
    EXPECT_EQ(pictures.Get(kPicture)->texture, first->texture);
    EXPECT_EQ(uploader.uploads, 1);
    EXPECT_EQ(pictures.Get("/nonexistent/a.png"), nullptr);
    EXPECT_EQ(pictures.Get("/nonexistent/a.png"), nullptr);
    EXPECT_EQ(uploader.uploads, 1);  // the failure is remembered, not retried every frame
    EXPECT_EQ(pictures.Get("/nonexistent/b.png"), nullptr);  // pushes the picture out
    EXPECT_EQ(uploader.released.size(), 1u);
    ASSERT_NE(pictures.Get(kPicture), nullptr);  // decoded and uploaded again
    EXPECT_EQ(uploader.uploads, 2);
  }
  EXPECT_EQ(uploader.released.size(), 2u);  // the cache let go of every texture it held
}

TEST(PracticeWordTest, IgnoresCaseAndSpacesAtTheEnds) {
  EXPECT_TRUE(SameWord("labas", "labas"));
  EXPECT_TRUE(SameWord(" Labas ", "labas"));
  EXPECT_TRUE(SameWord("CZEŚĆ", "cześć"));
  EXPECT_TRUE(SameWord("Žąsis", "žąsis"));
  EXPECT_TRUE(SameWord("ŁÓDŹ", "łódź"));
  EXPECT_FALSE(SameWord("czesc", "cześć"));
  EXPECT_FALSE(SameWord("", ""));
  EXPECT_FALSE(SameWord("laba", "labas"));
}

}  // namespace
}  // namespace raida::kiosk
