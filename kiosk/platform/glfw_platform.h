// GlfwPlatform: the kiosk's window, OpenGL context and Dear ImGui backends.
//
// This is the only part of Raida that includes GLFW, OpenGL or the ImGui backends (the header
// does not: callers see only this class). It owns the ImGui context too, so the order of
// creation and destruction (GLFW, window, context, backends) lives in one place.
//
// Rendering is driven by the caller: WaitEvents() sleeps in glfwWaitEventsTimeout until
// input, a Wake() from another thread or the timeout, and reports whether input arrived, so an
// idle kiosk draws nothing and uses no CPU. The system clipboard is disconnected: nothing a
// person types can linger there for the next person.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "raida/core/result.h"

struct GLFWwindow;
struct ImVec4;

namespace raida::kiosk {

struct WindowOptions {
  int width = 1920;  // px; the reference panel is 1920x1080
  int height = 1080;
  bool fullscreen = false;  // on the primary monitor, at its current video mode
  std::string title = "Raida";
};

// An RGBA frame read back from the framebuffer, top row first.
struct FrameImage {
  int width = 0;
  int height = 0;
  std::vector<uint8_t> rgba;
};

class GlfwPlatform {
 public:
  // Initialises GLFW, opens the window with an OpenGL 3.3 core context, creates the ImGui
  // context and starts the GLFW and OpenGL3 backends. kNotFound when there is no display
  // (GLFW cannot initialise, e.g. DISPLAY unset), kInternal when the window or context cannot be
  // created; the message says which and carries GLFW's own description.
  static core::Result<std::unique_ptr<GlfwPlatform>> Create(const WindowOptions& options);
  // Shuts the backends down, destroys the ImGui context and the window, terminates GLFW.
  ~GlfwPlatform();
  GlfwPlatform(const GlfwPlatform&) = delete;
  GlfwPlatform& operator=(const GlfwPlatform&) = delete;

  // A thread-safe function that wakes WaitEvents() (glfwPostEmptyEvent); valid while this lives.
  std::function<void()> WakeFunction() const;
  // Processes pending events, sleeping up to `timeout_s` (0: do not sleep) when there are none.
  // True when input (pointer, touch, keys, focus, resize, expose) arrived since the last call.
  bool WaitEvents(double timeout_s);
  // True once the window was asked to close (window manager, Alt+F4).
  bool ShouldClose() const;
  void RequestClose();

  // Starts an ImGui frame: backends first, then ImGui::NewFrame().
  void NewFrame();
  // Ends the frame (ImGui::Render()) and draws it into the back buffer over `clear`.
  void Render(const ImVec4& clear);
  // Reads the back buffer as drawn by the last Render(), before Present().
  FrameImage ReadFrame() const;
  // Shows the back buffer (swap).
  void Present();

  // The window's top-left corner on the screen, in screen pixels.
  void WindowPosition(int& x, int& y) const;

 private:
  explicit GlfwPlatform(GLFWwindow* window) : window_(window) {}
  void InstallCallbacks();

  GLFWwindow* window_;
  bool input_seen_ = false;
  bool imgui_glfw_ready_ = false;
  bool imgui_gl_ready_ = false;
};

// Writes `image` as a PNG (stb_image_write). kIo with the path when it cannot be written.
core::Status WritePng(const FrameImage& image, const std::string& path);

}  // namespace raida::kiosk
