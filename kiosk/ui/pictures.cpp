// PNG decoding (stb_image from Debian's libstb; the implementation is in the shared library,
// so no STB_IMAGE_IMPLEMENTATION here) and the texture cache of the lesson pictures.
#include "kiosk/ui/pictures.h"

#include <spdlog/spdlog.h>
#include <stb/stb_image.h>

#include <algorithm>
#include <cstring>
#include <filesystem>

namespace raida::kiosk {

core::Result<DecodedImage> DecodePng(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return core::MakeError(core::ErrorCode::kNotFound, path + ": no such picture");
  }
  const uintmax_t bytes = std::filesystem::file_size(path, ec);
  if (ec || bytes > kMaxPictureBytes) {
    return core::MakeError(core::ErrorCode::kCorrupt, path + ": picture file too large");
  }
  int width = 0;
  int height = 0;
  int channels = 0;
  if (stbi_info(path.c_str(), &width, &height, &channels) == 0 || width <= 0 || height <= 0 ||
      width > kMaxPictureSide || height > kMaxPictureSide) {
    return core::MakeError(
        core::ErrorCode::kCorrupt,
        path + ": not a picture of at most " + std::to_string(kMaxPictureSide) + " px a side");
  }
  stbi_uc* pixels = stbi_load(path.c_str(), &width, &height, &channels, 4);
  if (pixels == nullptr) {
    return core::MakeError(core::ErrorCode::kCorrupt,
                           path + ": cannot be decoded: " + stbi_failure_reason());
  }
  DecodedImage image;
  image.width = width;
  image.height = height;
  image.rgba.resize(static_cast<size_t>(width) * static_cast<size_t>(height) * 4);
  std::memcpy(image.rgba.data(), pixels, image.rgba.size());
  stbi_image_free(pixels);
  return image;
}

TexturePictures::~TexturePictures() {
  for (const Entry& entry : entries_) {
    if (entry.picture) {
      uploader_->Release(entry.picture->texture);
    }
  }
}

const PictureTexture* TexturePictures::Get(const std::string& path) {
  auto found = std::find_if(entries_.begin(), entries_.end(),
                            [&](const Entry& entry) { return entry.path == path; });
  if (found != entries_.end()) {
    entries_.splice(entries_.begin(), entries_, found);
    return entries_.front().picture ? &*entries_.front().picture : nullptr;
  }
  Entry entry{path, std::nullopt};
  auto image = DecodePng(path);
  if (!image.ok()) {
    spdlog::warn("lesson picture not shown: {}", image.error().message);
  } else if (ImTextureID texture = uploader_->Upload(*image); texture != nullptr) {
    entry.picture = PictureTexture{texture, image->width, image->height};
  } else {
    spdlog::warn("lesson picture {} could not be made a texture", path);
  }
  entries_.push_front(std::move(entry));
  while (entries_.size() > capacity_) {
    if (entries_.back().picture) {
      uploader_->Release(entries_.back().picture->texture);
    }
    entries_.pop_back();
  }
  return entries_.front().picture ? &*entries_.front().picture : nullptr;
}

}  // namespace raida::kiosk
