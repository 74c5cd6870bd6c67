// ActionQueue: how result actions travel from worker threads to the UI thread.
//
// Workers Push() result actions; the UI thread Drain()s them before each frame and reduces them
// in order, so AppState keeps a single writer. Push() calls the wake function (the platform
// passes glfwPostEmptyEvent) so a loop sleeping in glfwWaitEventsTimeout draws the result at
// once instead of at its next timeout. Thread-safe; no ImGui, no GLFW.
#pragma once

#include <functional>
#include <mutex>
#include <vector>

#include "kiosk/state/actions.h"

namespace raida::kiosk {

class ActionQueue {
 public:
  ActionQueue() = default;
  ActionQueue(const ActionQueue&) = delete;
  ActionQueue& operator=(const ActionQueue&) = delete;

  // Sets the function Push() calls after queueing (may be empty). It is called on the pushing
  // thread, so it must be thread-safe; glfwPostEmptyEvent is.
  void SetWake(std::function<void()> wake);
  // Queues `action` and wakes the UI loop. Callable from any thread.
  void Push(Action action);
  // Every queued action, oldest first; the queue is empty afterwards.
  std::vector<Action> Drain();
  bool Empty() const;

 private:
  mutable std::mutex mutex_;
  std::vector<Action> actions_;
  std::function<void()> wake_;
};

}  // namespace raida::kiosk
