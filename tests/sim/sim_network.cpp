// SimTransport: see sim_network.h.
#include "sim/sim_network.h"

namespace raida::sim {
namespace {

std::string Cut(const std::string& body, SimRng& rng) {
  return body.empty()
             ? body
             : body.substr(
                   0, static_cast<size_t>(rng.Range(0, static_cast<int64_t>(body.size()) - 1)));
}

sync::HttpReply ServerError(int status) {
  sync::HttpReply reply;
  reply.status = status;
  reply.body = "<html>gateway trouble</html>";
  return reply;
}

}  // namespace

sync::TransportResult SimTransport::Fail(sync::NetworkFailureKind kind) {
  ++stats_.faults;
  return sync::NetworkFailure{kind, "simulated"};
}

sync::HttpReply SimTransport::Deliver(const sync::HttpRequest& request) {
  ++stats_.delivered;
  sync::HttpReply reply = server_->Handle(request);
  Record(request, reply);
  return reply;
}

void SimTransport::Record(const sync::HttpRequest& request, const sync::HttpReply& reply) {
  if (reply.status != 200 || request.path != sync::kSyncPath) {
    return;
  }
  auto json = sync::Decompress(request.body, sync::kMaxInflatedBytes);
  auto parsed =
      json.ok() ? sync::ParseRequest(*json) : core::Result<sync::SyncRequest>(json.error());
  auto body = sync::Decompress(reply.body, sync::kMaxInflatedBytes);
  auto response =
      body.ok() ? sync::ParseResponse(*body) : core::Result<sync::SyncResponse>(body.error());
  if (!parsed.ok() || !response.ok()) {
    ledger_->problems.push_back(
        "the server accepted a request or sent a reply that does not parse");
    return;
  }
  if (!parsed->push) {
    return;
  }
  if (!response->ack || response->ack->batch != parsed->push->batch) {
    ledger_->problems.push_back("a push got no acknowledgement of its batch");
    return;
  }
  const int64_t device = parsed->device;
  const auto key = std::make_pair(device, parsed->push->batch);
  ledger_->acked_batches.insert(key);
  if (!response->ack->replayed) {
    ledger_->fresh_acks[key] += 1;
  }
  std::map<int64_t, const sync::ChangeResult*> results;
  for (const sync::ChangeResult& result : response->ack->results) {
    results[result.seq] = &result;
  }
  for (const sync::PushChange& change : parsed->push->changes) {
    LedgerEntry entry{device, parsed->push->batch,     change, sync::ChangeOutcome::kApplied,
                      "",     server_->clock().NowMs()};
    const auto it = results.find(change.seq);
    if (it != results.end()) {
      entry.outcome = it->second->outcome;
      entry.detail = it->second->detail;
    }
    const auto [slot, inserted] =
        ledger_->changes.emplace(std::make_tuple(device, parsed->epoch, change.seq), entry);
    if (!inserted &&
        (slot->second.change.pk != change.pk || slot->second.change.hlc != change.hlc ||
         slot->second.outcome != entry.outcome)) {
      ledger_->problems.push_back("device " + std::to_string(device) + " seq " +
                                  std::to_string(change.seq) +
                                  " was acknowledged twice with different content or outcome");
    }
  }
}

void SimTransport::Heal() {
  rates_ = FaultRates{};
  for (const sync::HttpRequest& stale : held_) {
    ++stats_.stale_delivered;
    (void)Deliver(stale);
  }
  held_.clear();
}

sync::TransportResult SimTransport::Post(const sync::HttpRequest& request) {
  ++stats_.requests;
  if (dead_) {
    return Fail(sync::NetworkFailureKind::kNoConnection);
  }
  if (!held_.empty() && rng_->Chance(0.3)) {
    ++stats_.stale_delivered;
    (void)Deliver(held_.front());  // a stale copy arrives late; nobody waits for its reply
    held_.erase(held_.begin());
  }
  if (rng_->Chance(rates_.drop_request)) {
    return Fail(sync::NetworkFailureKind::kTimeout);
  }
  if (rng_->Chance(rates_.delay_request)) {
    held_.push_back(request);
    return Fail(sync::NetworkFailureKind::kTimeout);
  }
  if (rng_->Chance(rates_.error_before)) {
    ++stats_.faults;
    return ServerError(503);
  }
  if (rng_->Chance(rates_.truncate_request)) {
    sync::HttpRequest cut = request;
    cut.body = Cut(request.body, *rng_);
    ++stats_.faults;
    return Deliver(cut);
  }
  sync::HttpReply reply = Deliver(request);
  if (rng_->Chance(rates_.duplicate)) {
    ++stats_.faults;
    sync::HttpReply second = Deliver(request);
    if (rng_->Chance(0.5)) {
      reply = second;  // the client sees the duplicate's answer
    }
  }
  if (rng_->Chance(rates_.crash_after_apply)) {
    dead_ = true;
    return Fail(sync::NetworkFailureKind::kReset);
  }
  if (rng_->Chance(rates_.drop_reply)) {
    return Fail(sync::NetworkFailureKind::kReset);
  }
  if (rng_->Chance(rates_.error_after)) {
    ++stats_.faults;
    return ServerError(502);
  }
  if (rng_->Chance(rates_.truncate_reply)) {
    ++stats_.faults;
    reply.body = Cut(reply.body, *rng_);
  }
  return reply;
}

}  // namespace raida::sim
