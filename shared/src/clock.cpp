// The machine's clocks behind the Clock interface; tests use ManualClock (clock.h) instead.
#include "raida/core/clock.h"

#include <chrono>

namespace raida::core {

int64_t SystemClock::NowMs() const {
  using std::chrono::duration_cast;
  using std::chrono::milliseconds;
  return duration_cast<milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

int64_t SystemClock::SteadyMs() const {
  using std::chrono::duration_cast;
  using std::chrono::milliseconds;
  return duration_cast<milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace raida::core
