// ActionQueue: a mutex-guarded vector; the wake call happens outside the lock so a wake
// function that takes its own locks (GLFW's) can never deadlock against Drain().
#include "kiosk/state/action_queue.h"

#include <utility>

namespace raida::kiosk {

void ActionQueue::SetWake(std::function<void()> wake) {
  std::lock_guard<std::mutex> lock(mutex_);
  wake_ = std::move(wake);
}

void ActionQueue::Push(Action action) {
  std::function<void()> wake;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    actions_.push_back(std::move(action));
    wake = wake_;
  }
  if (wake) {
    wake();
  }
}

std::vector<Action> ActionQueue::Drain() {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<Action> drained;
  drained.swap(actions_);
  return drained;
}

bool ActionQueue::Empty() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return actions_.empty();
}

}  // namespace raida::kiosk
