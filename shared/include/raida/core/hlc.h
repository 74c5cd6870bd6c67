// Hybrid logical clock: the stamp on every synced change.
//
// A stamp is 64 bits: the high 48 are milliseconds since the Unix epoch, the low 16 a counter
// for changes within the same millisecond. Stamps from one clock only ever grow, even when the
// wall clock jumps backwards or the process restarts (the last stamp is persisted in
// sync_meta.hlc_last in the same transaction as the change that used it, and restored from
// there). Stamps order concurrent edits of the same field; they never decide what is
// downloaded (the server's sequence number does).
#pragma once

#include <cstdint>

#include "raida/core/clock.h"

namespace raida::core {

using HlcStamp = uint64_t;

constexpr HlcStamp MakeHlc(int64_t ms, uint16_t counter) {
  return (static_cast<uint64_t>(ms) << 16) | counter;
}
constexpr int64_t HlcMs(HlcStamp stamp) { return static_cast<int64_t>(stamp >> 16); }
constexpr uint16_t HlcCounter(HlcStamp stamp) { return static_cast<uint16_t>(stamp & 0xFFFF); }

// How far ahead of our physical time a remote stamp may be and still move our clock.
constexpr int64_t kHlcMaxForwardDriftMs = 5 * 60 * 1000;

class HybridClock {
 public:
  // `last` is the highest stamp this database has ever issued or observed (0 for a new one);
  // `offset_ms` is added to the wall clock (the correction learned from the server's time).
  HybridClock(const Clock& clock, HlcStamp last, int64_t offset_ms = 0)
      : clock_(&clock), last_(last), offset_ms_(offset_ms) {}

  // Returns a stamp greater than every stamp issued or observed before.
  HlcStamp Now();
  // Takes a stamp from another device into account, so that our next stamp is greater.
  // Ignored (returns false) when it is more than kHlcMaxForwardDriftMs ahead of our physical
  // time: a kiosk with a clock years in the future must not drag everyone along.
  bool Observe(HlcStamp remote);

  HlcStamp last() const { return last_; }
  int64_t offset_ms() const { return offset_ms_; }
  void set_offset_ms(int64_t offset_ms) { offset_ms_ = offset_ms; }

 private:
  int64_t PhysicalMs() const { return clock_->NowMs() + offset_ms_; }

  const Clock* clock_;
  HlcStamp last_;
  int64_t offset_ms_;
};

}  // namespace raida::core
