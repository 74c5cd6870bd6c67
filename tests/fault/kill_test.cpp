// kill -9 during a sync, against the real binaries: the server (at a random byte of the
// request passing the proxy, or after a random delay) and restarted on the same database; and
// `raida-sync once` after a random delay. After a clean sync the invariants of
// SyncRig::CheckInvariants hold. Seeds come from a fixed list; a failure names its seed, and
// RAIDA_FAULT_SEED=<n> runs only that seed.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <random>
#include <thread>

#include "sync_rig.h"

namespace raida::testing {
namespace {

constexpr int kSeeds = 10;

std::vector<uint32_t> Seeds() {
  if (const char* one = std::getenv("RAIDA_FAULT_SEED")) {
    return {static_cast<uint32_t>(std::strtoul(one, nullptr, 10))};
  }
  std::vector<uint32_t> seeds;
  for (uint32_t s = 1; s <= kSeeds; ++s) {
    seeds.push_back(s);
  }
  return seeds;
}

std::string Replay(uint32_t seed, const char* test) {
  return "seed " + std::to_string(seed) + "; replay: RAIDA_FAULT_SEED=" + std::to_string(seed) +
         " fault_tests --gtest_filter=KillTest." + test;
}

int64_t UpBytesSince(FaultProxy& proxy, size_t before) {
  int64_t bytes = 0;
  const auto records = proxy.Connections();
  for (size_t i = before; i < records.size(); ++i) {
    bytes += records[i].forwarded[0];
  }
  return bytes;
}

// Waits until the process exits or `ready` holds; returns its exit code if it exited.
std::optional<int> WaitOrUntil(Subprocess& process, const std::function<bool()>& ready,
                               int timeout_ms) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (std::chrono::steady_clock::now() < deadline && !ready()) {
    if (auto code = process.Wait(0)) {
      return code;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return std::nullopt;
}

class KillTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_NO_FATAL_FAILURE(rig_.Start()); }
  SyncRig rig_;
};

TEST_F(KillTest, ServerKilledDuringSyncAndRestarted) {
  for (const uint32_t seed : Seeds()) {
    SCOPED_TRACE(Replay(seed, "ServerKilledDuringSyncAndRestarted"));
    std::mt19937 random(seed);
    rig_.MakeChanges(static_cast<int>(3 + random() % 10));
    ConnectionPlan slow;
    slow.up = {static_cast<int64_t>(random() % 20), 0};
    slow.down = slow.up;
    rig_.proxy().SetPlan(slow);
    const size_t before = rig_.proxy().Connections().size();
    auto client = rig_.StartOnce(3, 10'000);
    ASSERT_NE(client, nullptr);
    std::optional<int> exited;
    if (random() % 2 == 0) {
      const int64_t at = static_cast<int64_t>(random() % 1200);  // a small request is ~1 KB
      exited = WaitOrUntil(
          *client, [&] { return UpBytesSince(rig_.proxy(), before) >= at; }, 10'000);
      std::printf("[ kill     ] seed %u: server killed at %lld bytes up\n", seed,
                  static_cast<long long>(UpBytesSince(rig_.proxy(), before)));
    } else {
      const auto delay = std::chrono::milliseconds(random() % 400);
      exited = WaitOrUntil(
          *client,
          [&, until = std::chrono::steady_clock::now() + delay] {
            return std::chrono::steady_clock::now() >= until;
          },
          10'000);
      std::printf("[ kill     ] seed %u: server killed after %lld ms\n", seed,
                  static_cast<long long>(delay.count()));
    }
    ASSERT_NO_FATAL_FAILURE(rig_.KillServer());
    ASSERT_NO_FATAL_FAILURE(rig_.RestartServer());
    const int code = exited ? *exited : client->Wait(60'000).value_or(-1);
    std::printf("[ kill     ] seed %u: raida-sync once exited %d\n", seed, code);
    ASSERT_NO_FATAL_FAILURE(rig_.HealUntilSynced());
    ASSERT_NO_FATAL_FAILURE(rig_.CheckInvariants());
  }
}

TEST_F(KillTest, ClientKilledDuringSync) {
  for (const uint32_t seed : Seeds()) {
    SCOPED_TRACE(Replay(seed, "ClientKilledDuringSync"));
    std::mt19937 random(seed);
    rig_.MakeChanges(static_cast<int>(3 + random() % 12));
    ConnectionPlan slow;
    slow.up = {static_cast<int64_t>(random() % 30), 0};
    slow.down = slow.up;
    rig_.proxy().SetPlan(slow);
    auto client = rig_.StartOnce(3, 10'000);
    ASSERT_NE(client, nullptr);
    const auto delay = std::chrono::milliseconds(random() % 600);
    std::this_thread::sleep_for(delay);
    client->Signal(SIGKILL);
    const int code = client->Wait(30'000).value_or(-1);
    std::printf("[ kill     ] seed %u: raida-sync once killed after %lld ms (exit %d)\n", seed,
                static_cast<long long>(delay.count()), code);
    ASSERT_NO_FATAL_FAILURE(rig_.HealUntilSynced());
    ASSERT_NO_FATAL_FAILURE(rig_.CheckInvariants());
  }
}

}  // namespace
}  // namespace raida::testing
