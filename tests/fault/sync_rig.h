// SyncRig: the real `raida-server` and `raida-sync` binaries with a FaultProxy between them,
// for the fault and kill tests.
//
// The server runs the demo district (assets/demo/rokiskis.json) on 127.0.0.1 and an ephemeral
// port; the kiosk database is provisioned for center.bajorai through the proxy with a one-time
// code from `raida-server issue-code`, so every `raida-sync once` goes through the proxy, whose
// target follows the server across restarts. The test process makes the kiosk's local changes
// with the core repositories (sign-ups, attendance marks, profile edits) and keeps a ledger of
// them; CheckInvariants() then compares the two databases (see its contract).
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "data/temp_dir.h"
#include "fault_proxy.h"
#include "server/subprocess.h"

namespace raida::testing {

struct RunOutcome {
  int code = -1;
  std::string out;
  std::string err;
  int64_t ms = 0;
};

// Every row of `sql` on the SQLite file `path` (opened read-only), cells joined by '|'.
std::vector<std::string> QueryRows(const std::string& path, const std::string& sql);
int64_t QueryInt(const std::string& path, const std::string& sql);

class SyncRig {
 public:
  SyncRig() = default;
  ~SyncRig();
  SyncRig(const SyncRig&) = delete;
  SyncRig& operator=(const SyncRig&) = delete;

  // Starts the server with the demo district and the proxy, provisions the kiosk and runs a
  // first clean sync that pulls the center's catalog and people. Use with ASSERT_NO_FATAL_FAILURE.
  void Start();
  // kill -9 of the server, then waits for it to be gone.
  void KillServer();
  // Starts the server again on the same database (a new port; the proxy follows).
  void RestartServer();

  // `raida-sync once` on the kiosk, through the proxy, waited for.
  RunOutcome Once(int attempts = 1, int64_t max_ms = 20'000);
  // The same, left running for a kill test.
  std::unique_ptr<Subprocess> StartOnce(int attempts, int64_t max_ms);

  // Makes `people` new residents of center.bajorai on the kiosk, each signed up for an offering
  // of the center (half for offering.bajorai.1, capacity 6, so sign-ups pass its capacity) with
  // an attendance mark, and edits the previous round's first resident's phone.
  void MakeChanges(int people);
  // Clean proxy; `raida-sync once` until it succeeds with nothing waiting (at most 4 runs).
  void HealUntilSynced();
  // After a heal: the kiosk's outbox is drained; every change in the ledger is on the server
  // exactly as made (or as the server decided, for sign-ups); nothing applied twice (applied
  // batches gapless and unique, no change-log entry of this kiosk twice, counts equal to the
  // ledger); the kiosk's rows equal the server's in its scope; confirmed <= capacity on both.
  void CheckInvariants();

  FaultProxy& proxy() { return *proxy_; }
  const std::string& kiosk_db() const { return kiosk_db_; }
  const std::string& server_db() const { return server_db_; }
  int64_t changes_made() const { return changes_made_; }

 private:
  void StartServer(bool load_demo);
  std::string IssueCode();
  std::vector<std::string> OnceArgs(int attempts, int64_t max_ms) const;

  TempDir dir_;
  std::string server_db_ = (dir_.path() / "server.db").string();
  std::string kiosk_db_ = (dir_.path() / "kiosk.db").string();
  std::unique_ptr<Subprocess> server_;
  int server_starts_ = 0;
  std::unique_ptr<FaultProxy> proxy_;
  int64_t device_ = 0;
  int round_ = 0;
  int64_t changes_made_ = 0;
  struct PersonMade {
    std::string id;
    std::string given;
    std::string family;
    std::string phone;
  };
  std::vector<PersonMade> people_;
  std::vector<std::string> enrollments_;
  std::vector<std::string> attendance_;  // "id|mark"
};

}  // namespace raida::testing
