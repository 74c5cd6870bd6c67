// Hybrid logical clock (Kulkarni et al., 2014), packed into 48 bits of milliseconds and a 16-bit
// counter. Now() never returns a stamp at or below one it has issued or observed, whatever the
// wall clock does; when the counter of a millisecond is exhausted the stamp simply runs into the
// next millisecond, which keeps it strictly increasing.
#include "raida/core/hlc.h"

#include <algorithm>

namespace raida::core {

HlcStamp HybridClock::Now() {
  const int64_t physical = std::max<int64_t>(PhysicalMs(), 0);
  const HlcStamp from_wall = MakeHlc(physical, 0);
  last_ = std::max(from_wall, last_ + 1);
  return last_;
}

bool HybridClock::Observe(HlcStamp remote) {
  const int64_t physical = PhysicalMs();
  if (HlcMs(remote) > physical + kHlcMaxForwardDriftMs) {
    return false;
  }
  last_ = std::max(last_, remote);
  return true;
}

}  // namespace raida::core
