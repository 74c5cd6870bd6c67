// GlfwPlatform: GLFW window + OpenGL 3.3 core context + Dear ImGui's GLFW and OpenGL3 backends
// (prebuilt into Debian's libimgui.a).
//
// Input callbacks are our own: each forwards to the ImGui backend's callback and notes that
// input arrived, which is how the frame loop knows an event (not just a timeout) woke it. The
// backend is therefore initialised with install_callbacks = false. ImGui 1.86 has no cursor
// position callback of its own (it polls the cursor each frame), so ours only marks the input.
#include "kiosk/platform/glfw_platform.h"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui/backends/imgui_impl_glfw.h>
#include <imgui/backends/imgui_impl_opengl3.h>
#include <spdlog/spdlog.h>
#include <stb/stb_image_write.h>

#include <cstring>
#include <string>

namespace raida::kiosk {
namespace {

// GLFW's description of its last error, "" when there is none.
std::string LastGlfwError() {
  const char* description = nullptr;
  glfwGetError(&description);
  return description ? description : "";
}

void LogGlfwError(int code, const char* description) {
  spdlog::warn("GLFW error {:#x}: {}", code, description ? description : "");
}

GlfwPlatform* Self(GLFWwindow* window) {
  return static_cast<GlfwPlatform*>(glfwGetWindowUserPointer(window));
}

}  // namespace

core::Result<std::unique_ptr<GlfwPlatform>> GlfwPlatform::Create(const WindowOptions& options) {
  glfwSetErrorCallback(LogGlfwError);
  if (glfwInit() != GLFW_TRUE) {
    return core::MakeError(
        core::ErrorCode::kNotFound,
        "no display to open the kiosk window on (is DISPLAY set? " + LastGlfwError() + ")");
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  GLFWmonitor* monitor = options.fullscreen ? glfwGetPrimaryMonitor() : nullptr;
  int width = options.width;
  int height = options.height;
  const GLFWvidmode* mode = monitor != nullptr ? glfwGetVideoMode(monitor) : nullptr;
  if (mode != nullptr) {
    width = mode->width;
    height = mode->height;
  }
  GLFWwindow* window = glfwCreateWindow(width, height, options.title.c_str(), monitor, nullptr);
  if (window == nullptr) {
    std::string error = LastGlfwError();
    glfwTerminate();
    return core::MakeError(core::ErrorCode::kInternal,
                           "cannot create an OpenGL 3.3 window: " + error);
  }
  glfwMakeContextCurrent(window);
  glfwSwapInterval(1);
  std::unique_ptr<GlfwPlatform> platform(new GlfwPlatform(window));
  glfwSetWindowUserPointer(window, platform.get());

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // a kiosk keeps no window layout between runs
  io.LogFilename = nullptr;
  platform->imgui_glfw_ready_ = ImGui_ImplGlfw_InitForOpenGL(window, false);
  platform->imgui_gl_ready_ = ImGui_ImplOpenGL3_Init("#version 330");
  if (!platform->imgui_glfw_ready_ || !platform->imgui_gl_ready_) {
    return core::MakeError(core::ErrorCode::kInternal, "cannot start the ImGui backends");
  }
  // Never hand typed text to the system clipboard; ImGui keeps its own in-context copy.
  io.SetClipboardTextFn = nullptr;
  io.GetClipboardTextFn = nullptr;
  platform->InstallCallbacks();
  spdlog::info("window {}x{} open; GL_RENDERER={}", width, height,
               reinterpret_cast<const char*>(glGetString(GL_RENDERER)));
  return platform;
}

GlfwPlatform::~GlfwPlatform() {
  if (imgui_gl_ready_) {
    ImGui_ImplOpenGL3_Shutdown();
  }
  if (imgui_glfw_ready_) {
    ImGui_ImplGlfw_Shutdown();
  }
  if (ImGui::GetCurrentContext() != nullptr) {
    ImGui::DestroyContext();
  }
  glfwDestroyWindow(window_);
  glfwTerminate();
}

void GlfwPlatform::InstallCallbacks() {
  glfwSetWindowFocusCallback(window_, [](GLFWwindow* w, int focused) {
    ImGui_ImplGlfw_WindowFocusCallback(w, focused);
    Self(w)->input_seen_ = true;
  });
  glfwSetCursorEnterCallback(window_, [](GLFWwindow* w, int entered) {
    ImGui_ImplGlfw_CursorEnterCallback(w, entered);
    Self(w)->input_seen_ = true;
  });
  glfwSetCursorPosCallback(window_,
                           [](GLFWwindow* w, double, double) { Self(w)->input_seen_ = true; });
  glfwSetMouseButtonCallback(window_, [](GLFWwindow* w, int button, int action, int mods) {
    ImGui_ImplGlfw_MouseButtonCallback(w, button, action, mods);
    Self(w)->input_seen_ = true;
  });
  glfwSetScrollCallback(window_, [](GLFWwindow* w, double x, double y) {
    ImGui_ImplGlfw_ScrollCallback(w, x, y);
    Self(w)->input_seen_ = true;
  });
  glfwSetKeyCallback(window_, [](GLFWwindow* w, int key, int scancode, int action, int mods) {
    ImGui_ImplGlfw_KeyCallback(w, key, scancode, action, mods);
    Self(w)->input_seen_ = true;
  });
  glfwSetCharCallback(window_, [](GLFWwindow* w, unsigned int c) {
    ImGui_ImplGlfw_CharCallback(w, c);
    Self(w)->input_seen_ = true;
  });
  glfwSetFramebufferSizeCallback(window_,
                                 [](GLFWwindow* w, int, int) { Self(w)->input_seen_ = true; });
  glfwSetWindowRefreshCallback(window_, [](GLFWwindow* w) { Self(w)->input_seen_ = true; });
}

std::function<void()> GlfwPlatform::WakeFunction() const {
  return [] { glfwPostEmptyEvent(); };
}

bool GlfwPlatform::WaitEvents(double timeout_s) {
  if (timeout_s > 0.0) {
    glfwWaitEventsTimeout(timeout_s);
  } else {
    glfwPollEvents();
  }
  const bool input = input_seen_;
  input_seen_ = false;
  return input;
}

bool GlfwPlatform::ShouldClose() const { return glfwWindowShouldClose(window_) != 0; }

void GlfwPlatform::RequestClose() { glfwSetWindowShouldClose(window_, GLFW_TRUE); }

void GlfwPlatform::NewFrame() {
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
}

void GlfwPlatform::Render(const ImVec4& clear) {
  ImGui::Render();
  int width = 0;
  int height = 0;
  glfwGetFramebufferSize(window_, &width, &height);
  glViewport(0, 0, width, height);
  glClearColor(clear.x, clear.y, clear.z, clear.w);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  // The font atlas is in GPU memory since the first NewFrame: its CPU copy (several MiB of RGBA
  // for three text sizes of two faces) is not needed again, unless the atlas is rebuilt.
  ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
  if (atlas.TexPixelsAlpha8 != nullptr || atlas.TexPixelsRGBA32 != nullptr) {
    atlas.ClearTexData();
  }
}

FrameImage GlfwPlatform::ReadFrame() const {
  FrameImage image;
  glfwGetFramebufferSize(window_, &image.width, &image.height);
  const size_t row = static_cast<size_t>(image.width) * 4;
  std::vector<uint8_t> bottom_up(row * static_cast<size_t>(image.height));
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, image.width, image.height, GL_RGBA, GL_UNSIGNED_BYTE, bottom_up.data());
  // OpenGL's first row is the bottom one; images start at the top.
  image.rgba.resize(bottom_up.size());
  for (int y = 0; y < image.height; ++y) {
    std::memcpy(image.rgba.data() + row * static_cast<size_t>(y),
                bottom_up.data() + row * static_cast<size_t>(image.height - 1 - y), row);
  }
  // Blending leaves the framebuffer's alpha below 1 in places; the screen shows it opaque.
  for (size_t i = 3; i < image.rgba.size(); i += 4) {
    image.rgba[i] = 255;
  }
  return image;
}

void GlfwPlatform::Present() { glfwSwapBuffers(window_); }

void GlfwPlatform::WindowPosition(int& x, int& y) const { glfwGetWindowPos(window_, &x, &y); }

core::Status WritePng(const FrameImage& image, const std::string& path) {
  if (image.width <= 0 || image.height <= 0 ||
      stbi_write_png(path.c_str(), image.width, image.height, 4, image.rgba.data(),
                     image.width * 4) == 0) {
    return core::MakeError(core::ErrorCode::kIo, "cannot write the screenshot " + path);
  }
  return core::Ok();
}

}  // namespace raida::kiosk
