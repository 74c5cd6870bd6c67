// Pictures of lesson pages: PNG files decoded with stb_image (Debian's libstb) and shown as
// textures through a small interface, so the screens never touch OpenGL.
//
// The lesson screen asks a PictureSource for the texture of a file path; the real kiosk's
// source (TexturePictures) decodes the PNG on first use and hands the pixels to a
// TextureUploader that the platform implements with OpenGL (kiosk/platform/gl_textures.h).
// Headless tests install a fake source. A picture that cannot be loaded is shown as its text
// alternative, which the screen also probes as text whether or not the picture loads.
#pragma once

#include <imgui.h>

#include <cstddef>
#include <cstdint>
#include <list>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "raida/core/result.h"

namespace raida::kiosk {

inline constexpr int kMaxPictureSide = 4096;            // px; pack pictures are ≤ 1200×800
inline constexpr uintmax_t kMaxPictureBytes = 4 << 20;  // bytes of PNG file

struct DecodedImage {
  int width = 0;
  int height = 0;
  std::vector<uint8_t> rgba;  // width * height * 4 bytes, top row first
};

// Decodes the PNG at `path` to RGBA. kNotFound (no file), kCorrupt (not a PNG stb can read, or
// larger than kMaxPictureSide / kMaxPictureBytes).
core::Result<DecodedImage> DecodePng(const std::string& path);

struct PictureTexture {
  ImTextureID texture = nullptr;
  int width = 0;  // px of the image
  int height = 0;
};

class PictureSource {
 public:
  virtual ~PictureSource() = default;
  // The picture at `path`, or nullptr when it cannot be shown (the caller shows its text
  // alternative). Called on the UI thread while drawing; the pointer is valid for this frame.
  virtual const PictureTexture* Get(const std::string& path) = 0;
};

// Turns decoded pixels into a texture ImGui can draw (the platform's OpenGL, or a fake).
class TextureUploader {
 public:
  virtual ~TextureUploader() = default;
  // A texture id for the image, or nullptr when none could be made.
  virtual ImTextureID Upload(const DecodedImage& image) = 0;
  virtual void Release(ImTextureID texture) = 0;
};

// A PictureSource that decodes and uploads each file once and keeps the last `capacity` used
// (a lesson's pictures), releasing older textures. A file that fails to load is remembered as
// failed (and logged once), so a broken picture costs nothing per frame.
class TexturePictures final : public PictureSource {
 public:
  explicit TexturePictures(TextureUploader& uploader, size_t capacity = 8)
      : uploader_(&uploader), capacity_(capacity) {}
  ~TexturePictures() override;
  TexturePictures(const TexturePictures&) = delete;
  TexturePictures& operator=(const TexturePictures&) = delete;

  const PictureTexture* Get(const std::string& path) override;

 private:
  struct Entry {
    std::string path;
    std::optional<PictureTexture> picture;  // nullopt: could not be loaded
  };
  TextureUploader* uploader_;
  size_t capacity_;
  std::list<Entry> entries_;  // most recently used first
};

}  // namespace raida::kiosk
