// TaskLane: a deque of tasks under a mutex, one condition variable for both "work arrived" and
// "lane went idle" (waiters re-check their own predicate).
#include "kiosk/state/task_lane.h"

#include <utility>

namespace raida::kiosk {

TaskLane::~TaskLane() { Stop(); }

void TaskLane::Start() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (thread_.joinable() || stopping_) {
    return;
  }
  thread_ = std::thread([this] { Run(); });
}

void TaskLane::Post(std::function<void()> task) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_) {
      return;
    }
    tasks_.push_back(std::move(task));
  }
  changed_.notify_all();
}

bool TaskLane::Busy() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return running_task_ || !tasks_.empty();
}

bool TaskLane::WaitIdle(std::chrono::steady_clock::time_point deadline) const {
  std::unique_lock<std::mutex> lock(mutex_);
  return changed_.wait_until(lock, deadline, [this] { return !running_task_ && tasks_.empty(); });
}

void TaskLane::Stop() {
  std::thread thread;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
    tasks_.clear();
    thread.swap(thread_);
  }
  changed_.notify_all();
  if (thread.joinable()) {
    thread.join();
  }
}

void TaskLane::Run() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (true) {
    changed_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
    if (stopping_) {
      return;
    }
    std::function<void()> task = std::move(tasks_.front());
    tasks_.pop_front();
    running_task_ = true;
    lock.unlock();
    task();
    lock.lock();
    running_task_ = false;
    changed_.notify_all();
  }
}

}  // namespace raida::kiosk
