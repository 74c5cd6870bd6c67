// TaskLane: one worker thread running queued tasks in order. The EffectRunner's storage and
// network lanes are each one of these. Tasks must not throw (effects turn every failure into a
// result action); a task that does throw ends the process, as any escaped exception would.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace raida::kiosk {

class TaskLane {
 public:
  TaskLane() = default;
  // Stops the lane (see Stop()).
  ~TaskLane();
  TaskLane(const TaskLane&) = delete;
  TaskLane& operator=(const TaskLane&) = delete;

  // Starts the worker thread. Tasks posted before Start() run once it has started.
  void Start();
  // Queues `task`. Ignored after Stop(). Callable from any thread.
  void Post(std::function<void()> task);
  // True while a task is queued or running.
  bool Busy() const;
  // Blocks until the lane is idle or `deadline` passes; true when idle.
  bool WaitIdle(std::chrono::steady_clock::time_point deadline) const;
  // Lets the running task finish, drops the queued ones and joins the thread. Idempotent.
  void Stop();

 private:
  void Run();

  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;  // wakes the worker and WaitIdle callers
  std::deque<std::function<void()>> tasks_;
  bool running_task_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace raida::kiosk
