// SimRng: the one source of randomness of the convergence simulation (splitmix64), so a seed
// replays the same workload, fault schedule and crash points on every machine.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace raida::sim {

class SimRng {
 public:
  // The seed goes through the mixer first, so nearby seeds give unrelated streams (not the
  // same stream shifted by a few draws).
  explicit SimRng(uint64_t seed) : state_(seed) { state_ = Next(); }

  // The next 64 uniformly distributed bits.
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Uniform in [lo, hi] (hi >= lo).
  int64_t Range(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(Next() % static_cast<uint64_t>(hi - lo + 1));
  }
  // True with probability `p` (0..1), in steps of one in a million.
  bool Chance(double p) { return static_cast<double>(Next() % 1'000'000) < p * 1'000'000.0; }
  // A uniformly chosen element of a non-empty vector.
  template <typename T>
  const T& Pick(const std::vector<T>& items) {
    return items[static_cast<size_t>(Next() % items.size())];
  }

 private:
  uint64_t state_;
};

}  // namespace raida::sim
