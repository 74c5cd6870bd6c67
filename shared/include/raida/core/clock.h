// Clock: the one place Raida reads the time, so that timeouts, HLC stamps and schedules can
// be tested with a clock the test moves by hand.
#pragma once

#include <atomic>
#include <cstdint>

namespace raida::core {

class Clock {
 public:
  virtual ~Clock() = default;
  // Wall-clock time in milliseconds since the Unix epoch. May jump (a kiosk's RTC battery dies,
  // NTP corrects it): never use it to measure durations.
  virtual int64_t NowMs() const = 0;
  // A monotonic millisecond counter for durations (idle timeouts, backoff). Never jumps.
  virtual int64_t SteadyMs() const = 0;
};

// The real clocks of the machine.
class SystemClock final : public Clock {
 public:
  int64_t NowMs() const override;
  int64_t SteadyMs() const override;
};

// A clock for tests: starts where it is told and moves only when the test says so.
// Thread-safe, so a test can move it while a worker reads it.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(int64_t now_ms = 1'700'000'000'000, int64_t steady_ms = 0)
      : now_ms_(now_ms), steady_ms_(steady_ms) {}
  int64_t NowMs() const override { return now_ms_.load(); }
  int64_t SteadyMs() const override { return steady_ms_.load(); }
  // Moves both clocks forward by `ms`.
  void Advance(int64_t ms) {
    now_ms_ += ms;
    steady_ms_ += ms;
  }
  // Sets the wall clock only (it may go backwards, as a broken RTC does).
  void SetWallMs(int64_t now_ms) { now_ms_ = now_ms; }

 private:
  std::atomic<int64_t> now_ms_;
  std::atomic<int64_t> steady_ms_;
};

}  // namespace raida::core
