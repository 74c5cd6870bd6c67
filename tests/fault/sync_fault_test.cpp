// Fault schedules against the real `raida-server` and `raida-sync once`, through FaultProxy:
// a cut at every phase of a request and its reply (by RST and by an orderly close), a stall
// past the client's low-speed timeout, a request delivered twice, and a 3G-shaped link. After
// each faulty attempt the link is healed and the kiosk syncs again; then the invariants of
// SyncRig::CheckInvariants must hold (nothing lost, nothing applied twice, outbox drained,
// replicas equal in scope, confirmed <= capacity).
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "sync_rig.h"

namespace raida::testing {
namespace {

// Phase lengths of a typical small sync request and its reply, measured on a clean run.
struct Phases {
  int64_t request_headers = 0;
  int64_t request_body = 0;
  int64_t reply_headers = 0;
  int64_t reply_body = 0;
};

struct CutCase {
  std::string phase;
  BytePoint point;
};

int64_t SteadyNowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// The record of the first connection made after `before` records existed.
ConnectionRecord FirstNew(FaultProxy& proxy, size_t before) {
  const auto records = proxy.Connections();
  return records.size() > before ? records[before] : ConnectionRecord{};
}

class SyncFaultTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_NO_FATAL_FAILURE(rig_.Start()); }

  // One round of changes synced over a clean link, measuring the phases of its first request.
  Phases Probe() {
    rig_.MakeChanges(1);
    const size_t before = rig_.proxy().Connections().size();
    const RunOutcome run = rig_.Once();
    EXPECT_EQ(run.code, 0) << run.out << run.err;
    const ConnectionRecord r = FirstNew(rig_.proxy(), before);
    Phases p{r.header_end[0], r.message_end[0] - r.header_end[0], r.header_end[1],
             r.message_end[1] - r.header_end[1]};
    std::printf("[ phases   ] request %lld + %lld B, reply %lld + %lld B\n",
                static_cast<long long>(p.request_headers), static_cast<long long>(p.request_body),
                static_cast<long long>(p.reply_headers), static_cast<long long>(p.reply_body));
    return p;
  }

  SyncRig rig_;
};

std::vector<CutCase> CutCases(const Phases& p) {
  using D = Direction;
  using A = Anchor;
  std::vector<CutCase> cases;
  for (int64_t at : {int64_t{0}, int64_t{1}, p.request_headers / 2, p.request_headers - 2}) {
    cases.push_back({"request headers", {D::kUp, A::kStart, at}});
  }
  for (int64_t at : {int64_t{0}, int64_t{1}, p.request_body / 2, p.request_body * 4 / 5}) {
    cases.push_back({"request body", {D::kUp, A::kBody, at}});
  }
  cases.push_back({"after the request, before any reply", {D::kDown, A::kStart, 0}});
  for (int64_t at : {int64_t{1}, p.reply_headers / 2, p.reply_headers - 2}) {
    cases.push_back({"reply headers", {D::kDown, A::kStart, at}});
  }
  for (int64_t at : {int64_t{0}, int64_t{1}, p.reply_body / 2, p.reply_body * 4 / 5}) {
    cases.push_back({"reply body", {D::kDown, A::kBody, at}});
  }
  return cases;
}

TEST_F(SyncFaultTest, CutAtEveryPhaseOfRequestAndReply) {
  const Phases p = Probe();
  ASSERT_GT(p.request_headers, 10);
  ASSERT_GT(p.request_body, 10);
  ASSERT_GT(p.reply_headers, 10);
  ASSERT_GT(p.reply_body, 10);
  int round = 0;
  for (const CutCase& c : CutCases(p)) {
    const bool reset = round++ % 2 == 0;
    SCOPED_TRACE(c.phase + " at " + std::to_string(c.point.bytes) + (reset ? ", RST" : ", FIN"));
    rig_.MakeChanges(2);
    ConnectionPlan plan;
    plan.cut = c.point;
    plan.cut_with_reset = reset;
    const size_t before = rig_.proxy().Connections().size();
    rig_.proxy().SetPlans({plan}, {});
    const RunOutcome faulty = rig_.Once(1);
    const ConnectionRecord r = FirstNew(rig_.proxy(), before);
    EXPECT_TRUE(r.cut) << "the cut did not fire; the phase is shorter than the probe's";
    EXPECT_EQ(faulty.code, 1) << faulty.out << faulty.err;
    ASSERT_NO_FATAL_FAILURE(rig_.HealUntilSynced());
    ASSERT_NO_FATAL_FAILURE(rig_.CheckInvariants());
  }
  EXPECT_GE(rig_.proxy().Stats().cuts, 16);
}

TEST_F(SyncFaultTest, StallPastTheLowSpeedTimeoutThenRetry) {
  rig_.MakeChanges(2);
  // The server answers; the reply is held forever. The client gives up on the connection after
  // its low-speed limit (64 B/s for 5 s here; 60 s by default) and retries on a new, clean one.
  ConnectionPlan stall;
  stall.stall = BytePoint{Direction::kDown, Anchor::kStart, 0};
  stall.stall_ms = -1;
  const size_t before = rig_.proxy().Connections().size();
  rig_.proxy().SetPlans({stall}, {});
  const std::string err = rig_.kiosk_db() + ".once.err";
  const int64_t started = SteadyNowMs();
  auto once = Subprocess::Start({RAIDA_SYNC_BIN, "once", "--db", rig_.kiosk_db(), "--attempts", "2",
                                 "--max-ms", "60000", "--low-speed-time-s", "5"},
                                err);
  ASSERT_NE(once, nullptr);
  const std::string out = once->ReadRest(90'000);
  const int code = once->Wait(90'000).value_or(-1);
  const int64_t ms = SteadyNowMs() - started;
  EXPECT_TRUE(FirstNew(rig_.proxy(), before).stalled);
  EXPECT_EQ(code, 0) << out << ReadFile(err);
  EXPECT_GE(ms, 4'500) << "the stalled connection was not waited out";
  EXPECT_LT(ms, 50'000) << "--low-speed-time-s was not used";
  rig_.proxy().ResetAll();
  ASSERT_NO_FATAL_FAILURE(rig_.HealUntilSynced());
  ASSERT_NO_FATAL_FAILURE(rig_.CheckInvariants());
}

TEST_F(SyncFaultTest, ShortStallsAndAThreeGLinkStillSync) {
  rig_.MakeChanges(20);
  ConnectionPlan three_g;
  three_g.up = {150, 48'000};
  three_g.down = {150, 48'000};
  rig_.proxy().SetPlan(three_g);
  const RunOutcome shaped = rig_.Once(1);
  EXPECT_EQ(shaped.code, 0) << shaped.out << shaped.err;
  EXPECT_GE(shaped.ms, 300) << "one round trip on the shaped link takes at least 300 ms";
  ASSERT_NO_FATAL_FAILURE(rig_.CheckInvariants());

  rig_.MakeChanges(3);
  ConnectionPlan stall = three_g;
  stall.stall = BytePoint{Direction::kDown, Anchor::kBody, 5};
  stall.stall_ms = 2'000;
  const size_t before = rig_.proxy().Connections().size();
  rig_.proxy().SetPlans({stall}, {});
  const RunOutcome stalled = rig_.Once(1);
  EXPECT_TRUE(FirstNew(rig_.proxy(), before).stalled);
  EXPECT_EQ(stalled.code, 0) << stalled.out << stalled.err;
  EXPECT_GE(stalled.ms, 2'000);
  ASSERT_NO_FATAL_FAILURE(rig_.CheckInvariants());
}

TEST_F(SyncFaultTest, ARequestDeliveredTwiceIsAppliedOnce) {
  // The copy arrives after the original was answered: the server refuses its nonce.
  rig_.MakeChanges(3);
  ConnectionPlan after_reply;
  after_reply.duplicate = Duplicate::kAfterReply;
  size_t before = rig_.proxy().Connections().size();
  rig_.proxy().SetPlans({after_reply}, {});
  const RunOutcome run = rig_.Once(1);
  EXPECT_EQ(run.code, 0) << run.out << run.err;
  ConnectionRecord r = FirstNew(rig_.proxy(), before);
  EXPECT_TRUE(r.duplicated);
  EXPECT_NE(r.duplicate_status.find(" 401"), std::string::npos) << r.duplicate_status;
  ASSERT_NO_FATAL_FAILURE(rig_.HealUntilSynced());
  ASSERT_NO_FATAL_FAILURE(rig_.CheckInvariants());

  // The server gets the request twice and the client gets no reply at all: the retry is a
  // replay of an applied batch.
  rig_.MakeChanges(3);
  ConnectionPlan lost_reply;
  lost_reply.duplicate = Duplicate::kAfterRequest;
  lost_reply.cut = BytePoint{Direction::kDown, Anchor::kStart, 0};
  before = rig_.proxy().Connections().size();
  rig_.proxy().SetPlans({lost_reply}, {});
  const RunOutcome cut = rig_.Once(1);
  EXPECT_EQ(cut.code, 1) << cut.out << cut.err;
  ASSERT_TRUE(rig_.proxy().WaitUntil(
      [&](const std::vector<ConnectionRecord>& all) {
        return all.size() > before && !all[before].duplicate_status.empty();
      },
      10'000));
  ASSERT_NO_FATAL_FAILURE(rig_.HealUntilSynced());
  ASSERT_NO_FATAL_FAILURE(rig_.CheckInvariants());

  // The copy races the original; whichever the server takes first, the other is refused.
  for (int i = 0; i < 3; ++i) {
    rig_.MakeChanges(2);
    ConnectionPlan racing;
    racing.duplicate = Duplicate::kAfterRequest;
    rig_.proxy().SetPlans({racing}, {});
    const RunOutcome raced = rig_.Once(1);
    std::printf("[ race     ] raida-sync once exited %d\n", raced.code);
    ASSERT_NO_FATAL_FAILURE(rig_.HealUntilSynced());
    ASSERT_NO_FATAL_FAILURE(rig_.CheckInvariants());
  }
  EXPECT_GE(rig_.proxy().Stats().duplicates, 5);
}

}  // namespace
}  // namespace raida::testing
