// The convergence simulation (issue 3, item 6): seeded runs of the real kiosk sync client and
// the real district server engine with several kiosks, a faulty network, crashes, clock skew
// and a mixed workload; after healing every kiosk must hold exactly the server's data in its
// scope, with nothing acknowledged lost or applied twice (sim_checks.h).
//
// By default a fixed list of seeds runs, one test each. RAIDA_SIM_SEED=<n> runs seed n alone
// (SimReplay.Seed; the fixed list is skipped), which is what a failing seed prints:
//   RAIDA_SIM_SEED=1234 ctest --test-dir build/sim -R Sim --output-on-failure
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>

#include "sim/sim_checks.h"
#include "sim/sim_world.h"

namespace raida::sim {
namespace {

std::optional<uint64_t> SeedFromEnv() {
  const char* text = std::getenv("RAIDA_SIM_SEED");
  if (text == nullptr || *text == '\0') {
    return std::nullopt;
  }
  return std::strtoull(text, nullptr, 10);
}

std::string Replay(uint64_t seed) {
  return "replay: RAIDA_SIM_SEED=" + std::to_string(seed) +
         " ctest --test-dir build/sim -R Sim --output-on-failure";
}

std::string Join(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) {
    text += "  " + line + "\n";
  }
  return text;
}

// Runs one seed to the end and reports every violated invariant.
void RunSeed(uint64_t seed, const SimConfig& config) {
  World world(seed, config);
  ASSERT_NO_FATAL_FAILURE(world.Setup()) << Replay(seed);
  world.RunWorkload();
  std::string why;
  const int quiet_round = world.Heal(why);
  std::printf("[ sim      ] %s; quiet in heal round %d\n", world.Summary().c_str(), quiet_round);
  std::vector<std::string> failures;
  if (quiet_round == 0) {
    failures.push_back("not quiescent: " + why);
  }
  for (const auto& part : {CheckConvergence(world), CheckAcknowledged(world), CheckDomain(world)}) {
    failures.insert(failures.end(), part.begin(), part.end());
  }
  EXPECT_TRUE(failures.empty()) << "seed " << seed << " violates " << failures.size()
                                << " invariant(s):\n"
                                << Join(failures) << "last operations:\n"
                                << world.Trace() << Replay(seed);
}

// The workload presets. "full" is what issue 3 asks for; the others isolate one known engine
// bug each (see the SimKnownBug tests and the report in sim_checks.h's users).
SimConfig Preset(const std::string& name) {
  SimConfig config;
  if (name == "plain") {
    config.erasures = false;
    config.merges = false;
    config.faults = false;
  } else if (name == "no_erasure_no_merge") {
    config.erasures = false;
    config.merges = false;
  } else if (name == "erase_unpulled") {
    config.merges = false;
    config.faults = false;
    config.erase_unpulled = true;
  } else if (name == "cross_center_merge") {
    config.erasures = false;
    config.faults = false;
    config.cross_center_twins = true;
  } else if (name == "erasure_only") {
    config.merges = false;
    config.faults = false;
  } else if (name == "merge_only") {
    config.erasures = false;
    config.faults = false;
  }
  return config;
}

std::string PresetFromEnv() {
  const char* text = std::getenv("RAIDA_SIM_CONFIG");
  return text == nullptr ? "full" : text;
}

class SimSeeds : public ::testing::TestWithParam<uint64_t> {};

TEST_P(SimSeeds, HealsAndConverges) {
  if (SeedFromEnv()) {
    GTEST_SKIP() << "RAIDA_SIM_SEED is set: only SimReplay runs";
  }
  RunSeed(GetParam(), Preset("full"));
}

INSTANTIATE_TEST_SUITE_P(Sim, SimSeeds, ::testing::Range<uint64_t>(1, 31),
                         [](const ::testing::TestParamInfo<uint64_t>& param) {
                           return "seed" + std::to_string(param.param);
                         });

// RAIDA_SIM_SEED=<n> [RAIDA_SIM_CONFIG=<preset>] replays one run.
TEST(SimReplay, Seed) {
  const auto seed = SeedFromEnv();
  if (!seed) {
    GTEST_SKIP() << "set RAIDA_SIM_SEED to replay one seed";
  }
  RunSeed(*seed, Preset(PresetFromEnv()));
}

// Known bugs in the sync engines, each pinned to the seed and preset that shows it (the
// engines' files belong to others; these fail until the bugs are fixed):
//
// The kiosk applies a pulled change older than its own write that the same reply acknowledges:
// ReplyApplier::Apply deletes the acknowledged outbox rows, then pulls entries made before that
// write (a seat decision, another kiosk's mark) over it, and the server never sends the
// device's own change back. No network fault is needed.
TEST(SimKnownBug, StalePullOverwritesAcknowledgedWrite) { RunSeed(1, Preset("plain")); }

// ErasePerson rewrites every change_log entry of the person to {"erased":1}, including the one
// that created the row: a kiosk of that center which has not pulled the person yet gets an
// INSERT without home_center_id, fails NOT NULL and can never sync again.
TEST(SimKnownBug, ErasureScrubStallsLaggingKiosk) { RunSeed(5, Preset("erase_unpulled")); }

// MergePeople logs {"merged_into"} for the loser (and the moved rows) in the winner's center
// too, where kiosks never had the loser or the winner: NOT NULL or FOREIGN KEY failure, and
// those kiosks can never sync again.
TEST(SimKnownBug, CrossCenterMergeStallsKiosks) { RunSeed(1, Preset("cross_center_merge")); }

// A write for a person the server has erased is answered "erased", but the kiosk keeps its
// local row (an attendance mark, a sign-up) forever.
TEST(SimKnownBug, OfflineWriteForErasedPersonStaysOnKiosk) { RunSeed(3, Preset("erasure_only")); }

// A write naming a merged (loser) person is stored under the winner's id with the kiosk's own
// origin, so the kiosk never receives it, and keeps its row under the loser's id.
TEST(SimKnownBug, RedirectedWriteNeverReachesKiosk) { RunSeed(6, Preset("merge_only")); }

}  // namespace
}  // namespace raida::sim
