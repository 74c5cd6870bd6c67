// Hybrid logical clock: stamps only grow, through bursts, backward wall-clock jumps, remote
// stamps and restarts of the program.
#include "raida/core/hlc.h"

#include <gtest/gtest.h>

#include "core_test_support.h"
#include "raida/core/person_repository.h"
#include "raida/core/store.h"

namespace raida::core {
namespace {

using testing::kTestNowMs;
using testing::TempDir;

constexpr int64_t kYearMs = 365LL * 24 * 60 * 60 * 1000;

TEST(HlcTest, StampsFollowTheWallClock) {
  ManualClock clock(kTestNowMs);
  HybridClock hlc(clock, 0);
  const HlcStamp first = hlc.Now();
  EXPECT_EQ(HlcMs(first), kTestNowMs);
  EXPECT_EQ(HlcCounter(first), 0);
  const HlcStamp second = hlc.Now();
  EXPECT_EQ(HlcMs(second), kTestNowMs);
  EXPECT_EQ(HlcCounter(second), 1);
  clock.Advance(5);
  EXPECT_EQ(hlc.Now(), MakeHlc(kTestNowMs + 5, 0));
}

TEST(HlcTest, MonotonicThroughTenThousandCallsAndABackwardJump) {
  ManualClock clock(kTestNowMs);
  HybridClock hlc(clock, 0);
  HlcStamp previous = 0;
  for (int i = 0; i < 10'000; ++i) {
    if (i == 3'000) {
      clock.SetWallMs(kTestNowMs - kYearMs);  // the RTC battery died
    }
    if (i % 7 == 0) {
      clock.Advance(1);
    }
    const HlcStamp stamp = hlc.Now();
    ASSERT_GT(stamp, previous) << "call " << i;
    previous = stamp;
  }
  // While the wall clock is behind, stamps keep the last physical time and count up.
  EXPECT_GE(HlcMs(previous), kTestNowMs);
}

TEST(HlcTest, CounterOverflowRunsIntoTheNextMillisecond) {
  ManualClock clock(kTestNowMs);
  HybridClock hlc(clock, 0);
  HlcStamp previous = 0;
  for (int i = 0; i < 70'000; ++i) {
    const HlcStamp stamp = hlc.Now();
    ASSERT_GT(stamp, previous);
    previous = stamp;
  }
  EXPECT_EQ(HlcMs(previous), kTestNowMs + 1);
}

TEST(HlcTest, ObserveMovesTheClockButNotTooFar) {
  ManualClock clock(kTestNowMs);
  HybridClock hlc(clock, 0);
  const HlcStamp near_future = MakeHlc(kTestNowMs + 60'000, 3);
  EXPECT_TRUE(hlc.Observe(near_future));
  EXPECT_GT(hlc.Now(), near_future);
  const HlcStamp before = hlc.last();
  const HlcStamp far_future = MakeHlc(kTestNowMs + kHlcMaxForwardDriftMs + 60'000, 0);
  EXPECT_FALSE(hlc.Observe(far_future));
  EXPECT_EQ(hlc.last(), before);
  EXPECT_LT(hlc.Now(), far_future);
  EXPECT_TRUE(hlc.Observe(MakeHlc(kTestNowMs - 1000, 0)));  // an old stamp changes nothing
  EXPECT_GT(hlc.Now(), before);
}

TEST(HlcTest, ServerOffsetCorrectsPhysicalTime) {
  ManualClock clock(kTestNowMs - kYearMs);  // this kiosk thinks it is a year ago
  HybridClock hlc(clock, 0, kYearMs);
  EXPECT_EQ(HlcMs(hlc.Now()), kTestNowMs);
}

TEST(HlcTest, StoreStampsStayMonotonicAcrossRestartWithClockSetBack) {
  TempDir dir;
  const std::string path = dir.File("kiosk.db");
  ManualClock clock(kTestNowMs);
  std::string person_id;
  int64_t last_stamp = 0;
  {
    auto store = testing::OpenStore(clock, path);
    ASSERT_NE(store, nullptr);
    const auto catalog = testing::SeedCatalog(*store);
    PersonRepository people(*store);
    auto person = people.Register(testing::SamplePerson(catalog.center_id));
    ASSERT_OK(person);
    person_id = person->id;
    for (int i = 0; i < 50; ++i) {
      person->phone = "+3706000" + std::to_string(1000 + i);
      ASSERT_OK(people.Update(*person));
    }
    last_stamp = testing::QueryInt(*store, "SELECT hlc FROM person WHERE id = '" + person_id + "'");
    EXPECT_EQ(testing::QueryInt(*store, "SELECT v FROM sync_meta WHERE k = 'hlc_last'"),
              last_stamp);
  }
  clock.SetWallMs(kTestNowMs - kYearMs);
  auto store = testing::OpenStore(clock, path);
  ASSERT_NE(store, nullptr);
  EXPECT_GE(store->hlc().last(), static_cast<HlcStamp>(last_stamp));
  PersonRepository people(*store);
  auto person = people.Get(person_id);
  ASSERT_OK(person);
  ASSERT_TRUE(person->has_value());
  Person changed = **person;
  changed.village = "Kamajai";
  ASSERT_OK(people.Update(changed));  // not refused as "no new stamp"
  const int64_t new_stamp =
      testing::QueryInt(*store, "SELECT hlc FROM person WHERE id = '" + person_id + "'");
  EXPECT_GT(new_stamp, last_stamp);
}

// Two connections to one file (the storage and the sync worker) never issue a stamp below one
// the other has already committed.
TEST(HlcTest, SecondConnectionCatchesUpWithPersistedStamps) {
  TempDir dir;
  const std::string path = dir.File("kiosk.db");
  ManualClock fast_clock(kTestNowMs + 60'000);
  ManualClock slow_clock(kTestNowMs);
  auto fast = testing::OpenStore(fast_clock, path);
  auto slow = testing::OpenStore(slow_clock, path);
  ASSERT_NE(fast, nullptr);
  ASSERT_NE(slow, nullptr);
  const auto catalog = testing::SeedCatalog(*fast);
  PersonRepository fast_people(*fast);
  auto registered = fast_people.Register(testing::SamplePerson(catalog.center_id));
  ASSERT_OK(registered);
  PersonRepository slow_people(*slow);
  Person changed = *registered;
  changed.phone = "+37060000000";
  ASSERT_OK(slow_people.Update(changed));
  EXPECT_GT(HlcMs(slow->hlc().last()), kTestNowMs + 59'000);
}

}  // namespace
}  // namespace raida::core
