// Server ingest: how many pushed changes per second the district server's sync engine applies
// on one core (100 batches of 1,000 attendance marks through HandleSync, each batch one
// transaction with its change-log entries and stored acknowledgement). Target >= 50,000/s in a
// release build. Prints the figure; not a pass/fail test.
#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>
#include <vector>

#include "raida/core/clock.h"
#include "raida/core/district_data.h"
#include "raida/core/hlc.h"
#include "raida/core/migrations.h"
#include "raida/core/store.h"
#include "raida/sync/protocol.h"
#include "sync_engine.h"

namespace {

constexpr int kBatches = 100;
constexpr int kChangesPerBatch = 1000;

}  // namespace

int main() {
  using namespace raida;
  core::ManualClock clock(1'767'225'600'000);
  const std::string path = "/tmp/raida_bench_server_ingest.db";
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::remove((path + suffix).c_str());
  }
  auto store = core::Store::Open({path}, clock);
  if (!store.ok() ||
      !core::LoadDistrictFile(**store, std::string(RAIDA_SOURCE_DIR) + "/assets/demo/rokiskis.json")
           .ok()) {
    std::fprintf(stderr, "cannot set up the server store\n");
    return 1;
  }
  server::SyncEngine engine(**store, clock);
  const auto code = engine.IssueProvisioningCode("center.bajorai");
  const auto device = engine.Provision(code->code, "bench");
  std::vector<std::string> sessions;
  {
    auto stmt = (*store)->db().Prepare("SELECT id FROM course_session ORDER BY id");
    while (stmt.ok() && stmt->Step().value()) {
      sessions.push_back(stmt->ColumnText(0));
    }
  }
  int64_t seq = 0;
  // The request body a kiosk would send (its serialization is the kiosk's work, not timed).
  auto body = [&](int64_t batch, std::vector<sync::PushChange> changes) {
    sync::SyncRequest request;
    request.device = device->device_no;
    request.epoch = "0123456789abcdef";
    request.schema = core::LatestSchemaVersion();
    request.app = "bench";
    request.local_ms = clock.NowMs();
    request.cursor = 1LL << 40;  // pull nothing: measure ingest only
    request.push = sync::PushBatch{batch, changes.front().seq, changes.back().seq, changes};
    return sync::SerializeRequest(request);
  };
  // Setup (not timed): the people whose attendance is marked.
  std::vector<sync::PushChange> people;
  for (int i = 0; i < kChangesPerBatch; ++i) {
    people.push_back({++seq, "person", "b-" + std::to_string(i), core::MakeHlc(clock.NowMs(), 0),
                      R"({"family_name":"B","given_name":"P","home_center_id":"center.bajorai"})"});
  }
  clock.Advance(1);
  if (engine.HandleSync(device->device_no, body(1, people)).status != 200) {
    std::fprintf(stderr, "setup batch refused\n");
    return 1;
  }
  double seconds = 0;
  double cpu_seconds = 0;  // this process's CPU time: steadier than wall time on a busy machine
  for (int batch = 2; batch <= kBatches + 1; ++batch) {
    // One session's marks for everyone: new rows at first, last-writer-wins updates later.
    const std::string& session = sessions[static_cast<size_t>(batch) % sessions.size()];
    std::vector<sync::PushChange> marks;
    for (int i = 0; i < kChangesPerBatch; ++i) {
      const std::string person = "b-" + std::to_string(i);
      marks.push_back({++seq, "attendance", core::DeterministicId("attendance", session, person),
                       core::MakeHlc(clock.NowMs(), static_cast<uint16_t>(i)),
                       R"({"mark":"present","person_id":")" + person + R"(","session_id":")" +
                           session + "\"}"});
    }
    const std::string request = body(batch, marks);
    clock.Advance(1);
    const auto start = std::chrono::steady_clock::now();
    const std::clock_t cpu_start = std::clock();
    const server::HttpReply reply = engine.HandleSync(device->device_no, request);
    cpu_seconds += static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
    seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (reply.status != 200) {
      std::fprintf(stderr, "batch %d: HTTP %d %s\n", batch, reply.status, reply.body.c_str());
      return 1;
    }
  }
  const double changes = static_cast<double>(kBatches) * kChangesPerBatch;
  std::printf("server ingest: %.0f changes in %.3f s = %.0f changes/s (target >= 50000)\n", changes,
              seconds, changes / seconds);
  std::printf("  cpu time: %.3f s = %.0f changes per CPU second\n", cpu_seconds,
              changes / cpu_seconds);
  return 0;
}
