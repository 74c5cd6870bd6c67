// The simulated network between the kiosks and the district server: a sync::Transport per
// kiosk that delivers each request to the in-process server, or fails it, as the seed says.
//
// Faults, drawn per request: the request is lost (the server never sees it) or held back and
// delivered later as a stale copy; the reply is lost after the server applied the request; the
// request arrives twice; the request body or the reply body is cut short; a 5xx comes back
// either before or after the server did the work; and the kiosk dies right after the server
// applied its request (the transport goes dead for the rest of the session, and the world
// reopens the kiosk's database). Every 200 reply to a push is written to the Ledger, which the
// invariant checks use: what the server acknowledged must never be lost or applied twice.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "raida/sync/protocol.h"
#include "raida/sync/transport.h"
#include "sim/sim_rng.h"
#include "sim/sim_server.h"

namespace raida::sim {

// Probability of each fault per request (0 = never).
struct FaultRates {
  double drop_request = 0;
  double delay_request = 0;  // held back, delivered later as a stale duplicate
  double drop_reply = 0;
  double duplicate = 0;
  double truncate_request = 0;
  double truncate_reply = 0;
  double error_before = 0;  // 5xx without reaching the engine
  double error_after = 0;   // 5xx after the engine applied the request
  double crash_after_apply = 0;
};

// One pushed change the server acknowledged.
struct LedgerEntry {
  int64_t device = 0;
  int64_t batch = 0;
  sync::PushChange change;
  sync::ChangeOutcome outcome = sync::ChangeOutcome::kApplied;
  std::string detail;
  int64_t server_now_ms = 0;  // the server's clock when it answered
};

struct Ledger {
  // (device, db_epoch, seq): a kiosk restored from a backup numbers its outbox again from where
  // the copy stood, and reconciles under a new epoch (sync_client.h)
  std::map<std::tuple<int64_t, std::string, int64_t>, LedgerEntry> changes;
  std::map<std::pair<int64_t, int64_t>, int> fresh_acks;  // (device, batch): not replayed
  std::set<std::pair<int64_t, int64_t>> acked_batches;
  std::vector<std::string> problems;  // contradictions noticed while recording
};

struct NetworkStats {
  int64_t requests = 0;
  int64_t delivered = 0;
  int64_t faults = 0;
  int64_t stale_delivered = 0;
};

class SimTransport final : public sync::Transport {
 public:
  // `server`, `rng` and `ledger` must outlive the transport.
  SimTransport(SimServer& server, SimRng& rng, Ledger& ledger)
      : server_(&server), rng_(&rng), ledger_(&ledger) {}

  sync::TransportResult Post(const sync::HttpRequest& request) override;

  void SetFaults(const FaultRates& rates) { rates_ = rates; }
  // No more faults; the held-back requests are delivered now (their replies are lost).
  void Heal();
  // The kiosk died mid-session: every later request fails until Revive().
  bool dead() const { return dead_; }
  void Revive() { dead_ = false; }
  const NetworkStats& stats() const { return stats_; }

 private:
  sync::HttpReply Deliver(const sync::HttpRequest& request);
  void Record(const sync::HttpRequest& request, const sync::HttpReply& reply);
  sync::TransportResult Fail(sync::NetworkFailureKind kind);

  SimServer* server_;
  SimRng* rng_;
  Ledger* ledger_;
  FaultRates rates_;
  bool dead_ = false;
  std::vector<sync::HttpRequest> held_;
  NetworkStats stats_;
};

}  // namespace raida::sim
