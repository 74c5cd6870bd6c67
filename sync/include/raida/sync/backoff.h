// Backoff: how long to wait before the next attempt after a failed sync.
//
// Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And
// Jitter"): after the n-th consecutive failure the wait is uniform in [0, min(cap, base * 2^n)],
// so a district's kiosks that lost the link together do not all come back at the same instant.
// The random source is injected so tests and the simulation are deterministic.
#pragma once

#include <cstdint>
#include <functional>

namespace raida::sync {

// Returns uniformly distributed 64-bit values.
using RandomSource = std::function<uint64_t()>;
// A RandomSource seeded from the operating system (std::random_device).
RandomSource SystemRandomSource();

class Backoff {
 public:
  // Defaults: base 2 s, cap 15 min.
  explicit Backoff(RandomSource random, int64_t base_ms = 2'000, int64_t cap_ms = 15 * 60'000);

  // Records one more failure and returns the wait before the next attempt, in
  // [0, min(cap, base * 2^(failures-1))].
  int64_t NextDelayMs();
  // The upper bound NextDelayMs() draws from after `failures` consecutive failures (>= 1).
  int64_t CeilingMs(int failures) const;
  // Success: the next failure starts from the base again.
  void Reset() { failures_ = 0; }
  int failures() const { return failures_; }
  // The longest wait this backoff ever asks for.
  int64_t cap_ms() const { return cap_ms_; }

 private:
  RandomSource random_;
  int64_t base_ms_;
  int64_t cap_ms_;
  int failures_ = 0;
};

}  // namespace raida::sync
