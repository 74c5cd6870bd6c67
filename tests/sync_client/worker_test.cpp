// SyncWorker: the nightly window spread per device, and the worker thread running sessions on
// request, on its interval and in the nightly window, reporting status through its callback.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>

#include "fake_transport.h"
#include "kiosk_fixture.h"
#include "raida/sync/digest_protocol.h"
#include "raida/sync/sync_lock.h"
#include "raida/sync/sync_worker.h"

namespace raida::sync::testing {
namespace {

constexpr int64_t kDay = 24LL * 3600 * 1000;
constexpr int64_t kMidnight = 1'795'392'000'000;  // 2026-11-23 00:00 UTC

TEST(NightlyTest, DevicesSpreadOverTheWindow) {
  SyncSchedule schedule;
  std::set<int> minutes;
  for (int64_t device = 1; device <= 200; ++device) {
    const int offset = NightlyOffsetMin(device, schedule);
    ASSERT_GE(offset, 0);
    ASSERT_LT(offset, 240);
    minutes.insert(offset);
  }
  EXPECT_GT(minutes.size(), 100u);
}

TEST(NightlyTest, NextRunIsTonightInTheWindowOrTomorrow) {
  SyncSchedule schedule;
  const int64_t device = 42;
  const int64_t planned = kMidnight + (60 + NightlyOffsetMin(device, schedule)) * 60'000LL;
  EXPECT_EQ(NextNightlyMs(kMidnight + 30 * 60'000, 0, schedule, device), planned);
  EXPECT_EQ(NextNightlyMs(planned, 0, schedule, device), planned + kDay);
  EXPECT_EQ(NextNightlyMs(planned - 1, 0, schedule, device), planned);
  // Vilnius in winter is UTC+2: the local window starts at 23:00 UTC the day before.
  const int64_t two_hours = 2 * 3600 * 1000;
  EXPECT_EQ(NextNightlyMs(kMidnight - 3 * 3600 * 1000, two_hours, schedule, device),
            planned - two_hours);
}

// A transport that forwards to a FakeTransport the test keeps.
class Forward final : public Transport {
 public:
  explicit Forward(FakeTransport* fake) : fake_(fake) {}
  TransportResult Post(const HttpRequest& request) override { return fake_->Post(request); }

 private:
  FakeTransport* fake_;
};

bool WaitFor(const std::function<bool()>& done) {
  for (int i = 0; i < 500; ++i) {
    if (done()) {
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

struct WorkerRig {
  Kiosk kiosk;
  std::mutex mutex;
  std::vector<SyncStatus> reports;
  std::atomic<bool> online{true};
  FakeTransport fake{[this](const HttpRequest&, const SyncRequest& request) -> TransportResult {
    if (!online) {
      return NetworkFailure{NetworkFailureKind::kNoConnection, "down"};
    }
    return ReplyWith(AckOf(request));
  }};

  SyncWorkerOptions Options() {
    SyncWorkerOptions options;
    options.db_path = kiosk.db_path;
    options.schedule.interval_ms = 3'600'000;
    options.session.max_attempts = 1;
    options.session.random = [] { return ~uint64_t{0}; };  // backoff waits its full ceiling
    options.session.sleep = [](int64_t) {};
    options.make_transport =
        [this](const std::string&, const std::string&) -> core::Result<std::unique_ptr<Transport>> {
      return std::unique_ptr<Transport>(new Forward(&fake));
    };
    options.on_status = [this](const SyncStatus& status) {
      std::lock_guard<std::mutex> lock(mutex);
      reports.push_back(status);
    };
    options.local_offset_ms = [](int64_t) { return int64_t{0}; };
    options.poll_ms = 5;
    return options;
  }
};

TEST(SyncWorkerTest, SyncsAtStartOnRequestAndReportsStatus) {
  WorkerRig rig;
  rig.kiosk.AddPeople(3);
  SyncWorker worker(rig.kiosk.clock, rig.Options());
  worker.Start();
  ASSERT_TRUE(WaitFor([&] { return worker.sessions() >= 1; }));
  ASSERT_TRUE(WaitFor([&] { return !worker.Snapshot().running; }));
  SyncStatus status = worker.Snapshot();
  EXPECT_EQ(status.waiting, 0);
  EXPECT_GT(status.last_success_ms, 0);
  EXPECT_EQ(status.last_error, "");
  {
    std::lock_guard<std::mutex> lock(rig.mutex);
    bool saw_running = false;
    for (const SyncStatus& report : rig.reports) {
      saw_running = saw_running || report.running;
    }
    EXPECT_TRUE(saw_running);
  }
  rig.online = false;
  worker.SyncNow();
  ASSERT_TRUE(WaitFor([&] { return worker.sessions() >= 2 && !worker.Snapshot().running; }));
  EXPECT_EQ(worker.Snapshot().last_error, "no connection to the district office");
  worker.Stop();
  EXPECT_EQ(rig.fake.requests().size(), 2u);
}

TEST(SyncWorkerTest, RunsInTheNightlyWindowWithoutBeingAsked) {
  WorkerRig rig;
  rig.kiosk.clock.SetWallMs(kMidnight);  // 00:00; the window opens at 01:00 + offset
  SyncWorker worker(rig.kiosk.clock, rig.Options());
  worker.Start();
  ASSERT_TRUE(WaitFor([&] { return worker.sessions() == 1; }));  // the first one, at start
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(worker.sessions(), 1);  // the hourly interval has not passed on the manual clock
  rig.kiosk.clock.SetWallMs(kMidnight + 5 * 3600 * 1000);
  ASSERT_TRUE(WaitFor([&] { return worker.sessions() == 2; }));
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(worker.sessions(), 2);  // once a night
  worker.Stop();
}

// The nightly session, once it has sent and pulled everything, runs the divergence check
// (digest_check.h) and records it; the sessions of the day do not.
TEST(SyncWorkerTest, TheNightlySessionChecksTheDataAfterward) {
  WorkerRig rig;
  // The office's digests, equal to the kiosk's (the fake pulls nothing, so they stay equal).
  DigestReply office;
  const int schema = static_cast<int>(rig.kiosk.store->db().UserVersion().value());
  for (const core::SyncedTable* table : DigestTables(schema)) {
    auto stmt = rig.kiosk.store->db().Prepare(DigestSelectSql(*table, schema));
    ASSERT_TRUE(stmt.ok());
    auto digest = FoldDigest(*stmt, table->name);
    ASSERT_TRUE(digest.ok());
    office.tables.push_back(*digest);
  }
  std::atomic<int> digest_requests{0};
  rig.fake.set_handler([&](const HttpRequest& http, const SyncRequest& request) -> TransportResult {
    if (http.path != kDigestPath) {
      return ReplyWith(AckOf(request));
    }
    ++digest_requests;
    HttpReply reply;
    reply.status = 200;
    reply.headers["content-encoding"] = "zstd";
    reply.body = Compress(SerializeDigestReply(office));
    return reply;
  });
  rig.kiosk.clock.SetWallMs(kMidnight);
  SyncWorker worker(rig.kiosk.clock, rig.Options());
  worker.Start();
  ASSERT_TRUE(WaitFor([&] { return worker.sessions() == 1; }));
  EXPECT_EQ(digest_requests, 0);  // the session at start is not the nightly one
  rig.kiosk.clock.SetWallMs(kMidnight + 5 * 3600 * 1000);
  ASSERT_TRUE(WaitFor([&] { return worker.sessions() == 2; }));
  worker.Stop();
  EXPECT_EQ(digest_requests, 1);
  EXPECT_EQ(core::testing::QueryInt(*rig.kiosk.store,
                                    "SELECT v FROM sync_meta WHERE k = 'last_digest_check'"),
            kMidnight + 5 * 3600 * 1000);
}

// A kiosk switched off at night still checks: a session of the day whose reply says
// "digest_due" runs the check after it.
TEST(SyncWorkerTest, ASessionToldTheCheckIsDueRunsIt) {
  WorkerRig rig;
  std::atomic<int> digest_requests{0};
  rig.fake.set_handler([&](const HttpRequest& http, const SyncRequest& request) -> TransportResult {
    if (http.path == kDigestPath) {
      ++digest_requests;
      return ErrorWith(503, "busy");
    }
    SyncResponse reply = AckOf(request);
    reply.digest_due = true;
    return ReplyWith(reply);
  });
  rig.kiosk.clock.SetWallMs(kMidnight + 12 * 3600 * 1000);  // noon: far from the nightly window
  SyncWorker worker(rig.kiosk.clock, rig.Options());
  worker.Start();
  ASSERT_TRUE(WaitFor([&] { return worker.sessions() == 1; }));
  worker.Stop();
  EXPECT_EQ(digest_requests, 1);
}

TEST(SyncWorkerTest, AnotherSyncerHoldingTheLockIsReported) {
  WorkerRig rig;
  auto lock = SyncLock::Acquire(rig.kiosk.db_path);
  ASSERT_TRUE(lock.ok());
  SyncWorker worker(rig.kiosk.clock, rig.Options());
  worker.Start();
  ASSERT_TRUE(WaitFor([&] { return worker.Snapshot().last_error == "another sync is running"; }));
  worker.Stop();
  EXPECT_TRUE(rig.fake.requests().empty());
}

}  // namespace
}  // namespace raida::sync::testing
