// Backoff: exponential ceiling, full jitter below it.
#include "raida/sync/backoff.h"

#include <algorithm>
#include <memory>
#include <random>

namespace raida::sync {

RandomSource SystemRandomSource() {
  std::random_device device;
  auto engine = std::make_shared<std::mt19937_64>((static_cast<uint64_t>(device()) << 32) ^
                                                  static_cast<uint64_t>(device()));
  return [engine] { return (*engine)(); };
}

Backoff::Backoff(RandomSource random, int64_t base_ms, int64_t cap_ms)
    : random_(std::move(random)),
      base_ms_(std::max<int64_t>(1, base_ms)),
      cap_ms_(std::max(base_ms_, cap_ms)) {}

int64_t Backoff::CeilingMs(int failures) const {
  int64_t ceiling = base_ms_;
  for (int i = 1; i < failures && ceiling < cap_ms_; ++i) {
    ceiling *= 2;
  }
  return std::min(ceiling, cap_ms_);
}

int64_t Backoff::NextDelayMs() {
  if (failures_ < 1'000) {
    ++failures_;
  }
  const auto ceiling = static_cast<uint64_t>(CeilingMs(failures_));
  return static_cast<int64_t>(random_() % (ceiling + 1));
}

}  // namespace raida::sync
