// GlTextureUploader: lesson pictures as OpenGL textures for the ImGui OpenGL3 backend (an
// ImTextureID is the GL texture name). Create and use it on the thread that owns the window's
// GL context (the UI thread), after GlfwPlatform::Create and before the platform is destroyed.
#pragma once

#include "kiosk/ui/pictures.h"

namespace raida::kiosk {

class GlTextureUploader final : public TextureUploader {
 public:
  // An RGBA8 texture with linear filtering, clamped at the edges; nullptr when GL refuses.
  ImTextureID Upload(const DecodedImage& image) override;
  void Release(ImTextureID texture) override;
};

}  // namespace raida::kiosk
