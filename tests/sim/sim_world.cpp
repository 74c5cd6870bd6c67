// World: setup, the step loop, syncing with faults and crashes, and healing (see sim_world.h).
// The workload's operations are in sim_workload.cpp.
#include "sim/sim_world.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <sstream>

#include "raida/sync/protocol.h"

namespace raida::sim {
namespace {

constexpr const char* kCenters[] = {"center.bajorai", "center.salos", "center.juodupe"};
constexpr int64_t kStartMs = core::testing::kTestNowMs;

std::string OutcomeName(sync::SessionOutcome outcome) { return sync::SessionOutcomeName(outcome); }

}  // namespace

std::vector<std::string> Strings(core::Store& store, const std::string& sql) {
  std::vector<std::string> out;
  auto stmt = store.db().Prepare(sql);
  if (!stmt.ok()) {
    ADD_FAILURE() << sql << ": " << stmt.error().message;
    return out;
  }
  while (true) {
    auto row = stmt->Step();
    if (!row.ok() || !*row) {
      EXPECT_TRUE(row.ok()) << sql << ": " << (row.ok() ? "" : row.error().message);
      return out;
    }
    out.push_back(stmt->ColumnText(0));
  }
}

World::World(uint64_t seed, SimConfig config) : seed_(seed), config_(config), rng_(seed) {}

World::~World() = default;

void World::Note(const std::string& line) {
  trace_.push_back("#" + std::to_string(step_) + " " + line);
  if (trace_.size() > 80) {
    trace_.erase(trace_.begin());
  }
}

std::string World::Trace() const {
  std::string text;
  for (const std::string& line : trace_) {
    text += "  " + line + "\n";
  }
  return text;
}

void World::Setup() {
  server_ = std::make_unique<SimServer>(dir_.File("server.db"), server_clock_);
  auto started = server_->Start();
  ASSERT_TRUE(started.ok()) << started.error().message;
  const int kiosk_count = static_cast<int>(rng_.Range(3, 5));
  const int center_count = kiosk_count == 5 ? 3 : 2;
  for (int i = 0; i < kiosk_count; ++i) {
    auto kiosk = std::make_unique<SimKiosk>();
    kiosk->name = "kiosk" + std::to_string(i);
    kiosk->center = kCenters[i % center_count];
    kiosk->db_path = dir_.File(kiosk->name + ".db");
    kiosk->clock = std::make_unique<core::ManualClock>(kStartMs, 0);
    auto store = core::Store::Open({kiosk->db_path}, *kiosk->clock);
    ASSERT_TRUE(store.ok()) << store.error().message;
    kiosk->store = std::move(store).value();
    kiosk->transport = std::make_unique<SimTransport>(*server_, rng_, ledger_);
    auto code = server_->engine().IssueProvisioningCode(kiosk->center);
    ASSERT_TRUE(code.ok()) << code.error().message;
    auto provisioned =
        sync::Provision(*kiosk->store, *kiosk->transport, sync::SecretPathFor(kiosk->db_path),
                        {"http://127.0.0.1:1", code->code, kiosk->name, "", false});
    ASSERT_TRUE(provisioned.ok()) << provisioned.error().message;
    auto credentials = sync::LoadCredentials(*kiosk->store, sync::SecretPathFor(kiosk->db_path));
    ASSERT_TRUE(credentials.ok()) << credentials.error().message;
    kiosk->credentials = *credentials;
    kiosks_.push_back(std::move(kiosk));
  }
  if (config_.faults) {
    auto rate = [this](double max) { return static_cast<double>(rng_.Range(0, 100)) * max / 100; };
    rates_.drop_request = rate(0.15);
    rates_.delay_request = rate(0.08);
    rates_.drop_reply = rate(0.15);
    rates_.duplicate = rate(0.10);
    rates_.truncate_request = rate(0.05);
    rates_.truncate_reply = rate(0.05);
    rates_.error_before = rate(0.08);
    rates_.error_after = rate(0.08);
    rates_.crash_after_apply = rate(0.06);
  }
  for (const std::string& id : Strings(server_->store(), kOverCapacitySql)) {
    over_capacity_at_start_.insert(id);
  }
}

void World::AdvanceTime() {
  const int64_t dt = rng_.Range(1'000, 10 * 60'000);
  server_clock_.Advance(dt);
  for (auto& kiosk : kiosks_) {
    kiosk->clock->Advance(dt);
  }
}

void World::CheckCapacity() {
  for (const std::string& id : Strings(server_->store(), kOverCapacitySql)) {
    if (over_capacity_at_start_.count(id) == 0) {
      oracle_.capacity_violations.push_back("step " + std::to_string(step_) + ": " + id);
    }
  }
}

void World::Tolerate(const core::Error* error, const std::string& what) {
  if (error == nullptr) {
    oracle_.counts[what] += 1;
    return;
  }
  oracle_.counts[what + " refused"] += 1;
  const bool expected = error->code == core::ErrorCode::kConflict ||
                        error->code == core::ErrorCode::kNotFound ||
                        error->code == core::ErrorCode::kInvalidArgument;
  if (!expected) {
    oracle_.op_errors.push_back("step " + std::to_string(step_) + " " + what + ": " +
                                core::ErrorCodeName(error->code) + " " + error->message);
  }
  Note(what + " refused: " + error->message);
}

void World::Crash(SimKiosk& kiosk) {
  Note(kiosk.name + " crashes and restarts");
  oracle_.counts["kiosk crash"] += 1;
  kiosk.store.reset();
  auto store = core::Store::Open({kiosk.db_path}, *kiosk.clock);
  if (!store.ok()) {
    oracle_.op_errors.push_back(kiosk.name + " does not reopen: " + store.error().message);
    return;
  }
  kiosk.store = std::move(store).value();
  auto credentials = sync::LoadCredentials(*kiosk.store, sync::SecretPathFor(kiosk.db_path));
  if (!credentials.ok()) {
    oracle_.op_errors.push_back(kiosk.name +
                                " lost its credentials: " + credentials.error().message);
    return;
  }
  kiosk.credentials = *credentials;
}

sync::SessionResult World::SyncKiosk(SimKiosk& kiosk, bool with_faults) {
  kiosk.transport->SetFaults(with_faults ? rates_ : FaultRates{});
  sync::SyncClientOptions options;
  options.random = [this] { return rng_.Next(); };
  core::ManualClock* clock = kiosk.clock.get();
  options.sleep = [clock](int64_t ms) { clock->Advance(ms); };
  options.max_attempts = 3;
  options.pull_max_bytes = rng_.Pick(std::vector<int64_t>{1'024, 8'192, 262'144});
  std::string crash_point;
  if (with_faults && rng_.Chance(rates_.crash_after_apply)) {
    crash_point = rng_.Pick(std::vector<std::string>{"begin", "acked", "pulled", "commit"});
  }
  bool crashed = false;
  options.fault = [&crash_point, &crashed](std::string_view point) -> core::Status {
    if (!crashed && point == crash_point) {
      crashed = true;
      return core::MakeError(core::ErrorCode::kIo, "simulated power cut");
    }
    return core::Ok();
  };
  sync::SyncClient client(*kiosk.store, *kiosk.transport, kiosk.credentials, options);
  sync::SessionResult result = client.RunSession();
  Note(kiosk.name + " sync: " + OutcomeName(result.outcome) + " " +
       std::to_string(result.stats.requests) + " req, " +
       std::to_string(result.stats.changes_sent) + " sent, " +
       std::to_string(result.stats.changes_received) + " received" +
       (crash_point.empty() ? "" : ", crash at " + crash_point) +
       (result.message.empty() ? "" : " (" + result.message + ")"));
  oracle_.counts[std::string("sync ") + OutcomeName(result.outcome)] += 1;
  if (crashed || kiosk.transport->dead()) {
    kiosk.transport->Revive();
    Crash(kiosk);
  }
  return result;
}

void World::Backup(SimKiosk& kiosk) {
  Note(kiosk.name + " is backed up");
  std::filesystem::remove(kiosk.db_path + ".backup");
  auto copied = kiosk.store->db().Exec("VACUUM INTO '" + kiosk.db_path + ".backup'");
  if (!copied.ok()) {
    oracle_.op_errors.push_back(kiosk.name + " cannot be backed up: " + copied.error().message);
  }
}

void World::RestoreBackup(SimKiosk& kiosk) {
  Note(kiosk.name + " is restored from its backup");
  oracle_.counts["kiosk restored"] += 1;
  kiosk.store.reset();
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    std::filesystem::remove(kiosk.db_path + suffix);
  }
  std::error_code error;
  std::filesystem::copy_file(kiosk.db_path + ".backup", kiosk.db_path, error);
  if (error) {
    oracle_.op_errors.push_back(kiosk.name + " cannot be restored: " + error.message());
  }
  Crash(kiosk);  // opens it again, as after a restart
  ForgetLostProgress();
}

// Lesson progress saved on the restored kiosk after its backup and not yet sent is gone with it:
// the highest progress that can still arrive is what the server holds or some kiosk has now.
// (Per device counters of lesson time likewise: the restored kiosk's own row goes back.)
void World::ForgetLostProgress() {
  std::vector<core::Store*> holders = {&server_->store()};
  for (auto& kiosk : kiosks_) {
    if (kiosk->store) {
      holders.push_back(kiosk->store.get());
    }
  }
  for (auto& [id, best_seen] : oracle_.max_score) {
    int64_t best = 0;
    bool completed = false;
    for (core::Store* store : holders) {
      for (const std::string& row : Strings(*store,
                                            "SELECT best_score || '|' || completed FROM "
                                            "lesson_progress WHERE id = '" +
                                                id + "'")) {
        const size_t bar = row.find('|');
        best = std::max<int64_t>(best, std::stoll(row.substr(0, bar)));
        completed = completed || row.substr(bar + 1) == "1";
      }
    }
    best_seen = best;
    if (!completed) {
      oracle_.completed.erase(id);
    }
  }
  for (auto& [id, seconds] : oracle_.max_seconds) {
    int64_t most = 0;
    for (core::Store* store : holders) {
      for (const std::string& row :
           Strings(*store, "SELECT seconds FROM progress_counter WHERE id = '" + id + "'")) {
        most = std::max<int64_t>(most, std::stoll(row));
      }
    }
    seconds = most;
  }
}

void World::RunWorkload() {
  // With faults, one kiosk (picked by the seed without a draw, so the rest of the run is what the
  // seed made it before) is backed up a third of the way in and restored two thirds in: changes
  // the server acknowledged in between are gone from it, and its numbering is behind.
  SimKiosk& restored = *kiosks_[seed_ % kiosks_.size()];
  for (step_ = 1; step_ <= config_.steps; ++step_) {
    AdvanceTime();
    if (config_.faults && step_ == config_.steps / 3) {
      Backup(restored);
    }
    if (config_.faults && step_ == 2 * config_.steps / 3) {
      RestoreBackup(restored);
    }
    Step();
    CheckCapacity();
  }
}

int World::Heal(std::string& why) {
  Note("heal");
  for (auto& kiosk : kiosks_) {
    kiosk->transport->Heal();
  }
  CheckCapacity();
  for (int round = 1; round <= config_.max_heal_rounds; ++round) {
    bool moved = false;
    for (auto& kiosk : kiosks_) {
      AdvanceTime();
      const sync::SessionResult result = SyncKiosk(*kiosk, /*with_faults=*/false);
      CheckCapacity();
      if (result.outcome != sync::SessionOutcome::kSynced) {
        why = kiosk->name + " did not sync in heal round " + std::to_string(round) + ": " +
              OutcomeName(result.outcome) + " " + result.message;
        moved = true;
      }
      if (result.stats.changes_sent > 0 || result.stats.changes_received > 0 ||
          result.stats.requests > 1) {
        moved = true;
      }
    }
    if (!moved) {
      return round;
    }
  }
  if (why.empty()) {
    why = "still moving changes after " + std::to_string(config_.max_heal_rounds) + " rounds";
  }
  return 0;
}

std::string World::Summary() const {
  std::ostringstream out;
  out << "seed " << seed_ << ": " << kiosks_.size() << " kiosks, " << config_.steps << " steps;";
  for (const auto& [what, count] : oracle_.counts) {
    out << " " << what << "=" << count;
  }
  int64_t requests = 0;
  int64_t faults = 0;
  int64_t stale = 0;
  for (const auto& kiosk : kiosks_) {
    requests += kiosk->transport->stats().requests;
    faults += kiosk->transport->stats().faults;
    stale += kiosk->transport->stats().stale_delivered;
  }
  std::map<std::string, int> outcomes;
  for (const auto& [key, entry] : ledger_.changes) {
    outcomes[sync::ChangeOutcomeName(entry.outcome)] += 1;
  }
  out << "; network: " << requests << " requests, " << faults << " faults, " << stale
      << " stale deliveries; acknowledged changes:";
  for (const auto& [name, count] : outcomes) {
    out << " " << name << "=" << count;
  }
  return out.str();
}

}  // namespace raida::sim
