// Uploads decoded lesson pictures into OpenGL textures (see gl_textures.h). Only GL 1.1 calls,
// which every context the platform creates has.
#include "kiosk/platform/gl_textures.h"

#include <GL/gl.h>

#include <cstdint>

namespace raida::kiosk {

ImTextureID GlTextureUploader::Upload(const DecodedImage& image) {
  if (image.width <= 0 || image.height <= 0 || image.rgba.empty()) {
    return nullptr;
  }
  GLuint texture = 0;
  glGenTextures(1, &texture);
  if (texture == 0) {
    return nullptr;
  }
  glBindTexture(GL_TEXTURE_2D, texture);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, image.width, image.height, 0, GL_RGBA, GL_UNSIGNED_BYTE,
               image.rgba.data());
  if (glGetError() != GL_NO_ERROR) {
    glDeleteTextures(1, &texture);
    return nullptr;
  }
  return reinterpret_cast<ImTextureID>(static_cast<intptr_t>(texture));
}

void GlTextureUploader::Release(ImTextureID texture) {
  if (texture == nullptr) {
    return;
  }
  const auto name = static_cast<GLuint>(reinterpret_cast<intptr_t>(texture));
  glDeleteTextures(1, &name);
}

}  // namespace raida::kiosk
