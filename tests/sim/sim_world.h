// World: one run of the convergence simulation. A district server and several kiosks at two or
// more centers, each kiosk with its own database file, ManualClock, credentials and simulated
// network; a workload, a fault schedule, crash points and clock skew all drawn from one seed.
//
// The kiosks use the real repositories (PersonRepository, EnrollmentRepository, ...) and the
// real SyncClient; the server is the real SyncEngine (SimServer), whose admin operations
// (ErasePerson, MergePeople) are part of the workload. After the workload, Heal() turns the
// faults off and syncs every kiosk round-robin until a whole round moves nothing; then
// sim_checks.h compares every replica with the server.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/core_test_support.h"
#include "raida/core/clock.h"
#include "raida/core/store.h"
#include "raida/sync/credentials.h"
#include "raida/sync/sync_client.h"
#include "sim/sim_network.h"
#include "sim/sim_rng.h"
#include "sim/sim_server.h"

namespace raida::sim {

// Offerings whose seat-holding enrollments exceed their capacity (on any replica).
constexpr const char* kOverCapacitySql =
    "SELECT o.id FROM course_offering o WHERE (SELECT count(*) FROM enrollment e WHERE "
    "e.offering_id = o.id AND e.deleted = 0 AND e.status IN ('confirmed', 'attended', "
    "'completed')) > o.capacity ORDER BY o.id";

struct SimConfig {
  int steps = 120;          // workload operations before healing
  int max_heal_rounds = 4;  // a quiet round must come within this many
  bool erasures = true;     // admin erasures in the workload
  bool merges = true;       // admin duplicate merges in the workload
  // Twins (the same resident registered twice, later merged) at one center, or across two:
  // always across with cross_center_twins, drawn per twin with mixed_twins.
  bool cross_center_twins = false;
  bool mixed_twins = false;
  bool erase_unpulled = false;  // may erase people some kiosk of their center has not pulled
  bool faults = true;           // network faults and crashes
  bool clock_skew = true;       // kiosk clocks years off, jumping back
};

struct SimKiosk {
  std::string name;
  std::string center;
  std::string db_path;
  std::unique_ptr<core::ManualClock> clock;
  std::unique_ptr<core::Store> store;
  std::unique_ptr<SimTransport> transport;
  sync::Credentials credentials;
  bool synced_once = false;
};

// What the workload did that the checks must find reflected at the end.
struct Oracle {
  std::set<std::string> erased;                             // person ids erased on the server
  std::vector<std::pair<std::string, std::string>> merged;  // (loser, winner) done on the server
  std::vector<std::pair<std::string, std::string>> twins;   // same resident at two centers
  std::map<std::string, int64_t> max_seconds;               // counter id -> its device's total
  std::map<std::string, int64_t> max_score;                 // progress id -> best score seen
  std::set<std::string> completed;                          // progress ids completed somewhere
  std::set<std::string> merged_people;                      // every loser and winner
  std::vector<std::string> capacity_violations;             // seen on the server mid-run
  std::vector<std::string> op_errors;                       // unexpected failures
  std::map<std::string, int> counts;                        // operations done, by kind
};

class World {
 public:
  World(uint64_t seed, SimConfig config);
  ~World();

  // Starts the server, creates and provisions the kiosks. Fails the test on error.
  void Setup();
  // Runs config.steps operations.
  void RunWorkload();
  // Heals the network and syncs round-robin; returns the round that moved nothing (1-based),
  // or 0 when none did within config.max_heal_rounds (the reason in `why`).
  int Heal(std::string& why);

  SimServer& server() { return *server_; }
  std::vector<std::unique_ptr<SimKiosk>>& kiosks() { return kiosks_; }
  const Oracle& oracle() const { return oracle_; }
  const Ledger& ledger() const { return ledger_; }
  // The last operations, one per line, for a failure message.
  std::string Trace() const;
  std::string Summary() const;

 private:
  void Step();
  void Note(const std::string& line);
  void Crash(SimKiosk& kiosk);
  // A copy of the kiosk's database file, as a backup would take it, and the kiosk restored from
  // that copy later (its batch numbers, outbox, pull cursor and id counter go back with it).
  void Backup(SimKiosk& kiosk);
  void RestoreBackup(SimKiosk& kiosk);
  void ForgetLostProgress();
  void Register(SimKiosk& kiosk);
  void RegisterTwin();
  void EditProfile(SimKiosk& kiosk);
  void SignUp(SimKiosk& kiosk);
  void Cancel(SimKiosk& kiosk);
  void MarkAttendance(SimKiosk& kiosk);
  void Progress(SimKiosk& kiosk);
  void SkewClock(SimKiosk& kiosk);
  void Erase();
  // Whether every kiosk of the person's center has the person's row.
  bool HeldByEveryKiosk(const std::string& person_id);
  void Merge();
  void AdvanceTime();
  void CheckCapacity();
  // Records an operation's failure unless it is one the workload may meet (a conflict, a row
  // not there yet, a profile the repository refuses).
  void Tolerate(const core::Error* error, const std::string& what);
  sync::SessionResult SyncKiosk(SimKiosk& kiosk, bool with_faults);
  std::vector<std::string> LivePeople(SimKiosk& kiosk);

  uint64_t seed_;
  SimConfig config_;
  SimRng rng_;
  core::testing::TempDir dir_;
  core::ManualClock server_clock_{core::testing::kTestNowMs};
  std::unique_ptr<SimServer> server_;
  std::vector<std::unique_ptr<SimKiosk>> kiosks_;
  FaultRates rates_;
  Ledger ledger_;
  Oracle oracle_;
  std::vector<std::string> trace_;
  std::set<std::string> over_capacity_at_start_;
  int step_ = 0;
  int name_counter_ = 0;
};

// Text of column 0 of every row of `sql` on `store`.
std::vector<std::string> Strings(core::Store& store, const std::string& sql);

}  // namespace raida::sim
