// Sessions against a fake server: a no-op sync is one request, the loop follows "more", the
// refusals stop at once, network trouble retries with bounded full-jitter backoff, only one
// syncer holds the lock, and the status a coordinator sees tells the truth after each outcome.
#include <gtest/gtest.h>

#include <random>
#include <sstream>

#include "fake_transport.h"
#include "kiosk_fixture.h"
#include "raida/sync/backoff.h"
#include "raida/sync/sync_client.h"
#include "raida/sync/sync_lock.h"
#include "raida/sync/sync_status.h"
#include "status_command.h"

namespace raida::sync::testing {
namespace {

SyncClientOptions Quick(std::vector<int64_t>* sleeps = nullptr, int attempts = 3) {
  SyncClientOptions options;
  options.max_attempts = attempts;
  auto engine = std::make_shared<std::mt19937_64>(7);
  options.random = [engine] { return (*engine)(); };
  options.sleep = [sleeps](int64_t ms) {
    if (sleeps != nullptr) {
      sleeps->push_back(ms);
    }
  };
  return options;
}

SessionResult RunClient(Kiosk& kiosk, FakeTransport& transport,
                        SyncClientOptions options = Quick()) {
  return SyncClient(*kiosk.store, transport, kiosk.credentials, std::move(options)).RunSession();
}

std::string StatusText(Kiosk& kiosk) {
  sync_cli::StatusOptions options;
  options.db_path = kiosk.db_path;
  std::ostringstream out;
  std::ostringstream err;
  EXPECT_EQ(sync_cli::RunStatus(options, kiosk.clock, out, err), sync_cli::kExitOk) << err.str();
  return out.str();
}

TEST(SessionTest, NoOpSyncIsOneRequestWithoutPush) {
  Kiosk kiosk;
  FakeTransport transport([](const HttpRequest&, const SyncRequest& request) -> TransportResult {
    return ReplyWith(AckOf(request));
  });
  const SessionResult result = RunClient(kiosk, transport);
  ASSERT_TRUE(result.ok()) << result.message;
  ASSERT_EQ(result.stats.requests, 1);
  EXPECT_FALSE(transport.parsed()[0].push.has_value());
  EXPECT_EQ(transport.parsed()[0].device, 42);
  EXPECT_EQ(transport.parsed()[0].epoch, kiosk.store->db_epoch());
  const auto& headers = transport.requests()[0].headers;
  bool signed_request = false;
  for (const auto& [name, value] : headers) {
    if (name == "Authorization") {
      auto auth = ParseAuthHeader(value);
      ASSERT_TRUE(auth.ok()) << auth.error().message;
      EXPECT_EQ(auth->nonce.size(), 24u);
      signed_request = VerifySignature(kiosk.credentials.secret, "POST", kSyncPath, *auth,
                                       transport.requests()[0].body);
    }
  }
  EXPECT_TRUE(signed_request);
}

TEST(SessionTest, FollowsMoreAndMovesTheCursor) {
  Kiosk kiosk;
  int pages = 0;
  FakeTransport transport([&](const HttpRequest&, const SyncRequest& request) -> TransportResult {
    SyncResponse response = AckOf(request);
    response.next = request.cursor + 100;
    response.more = ++pages < 3;
    return ReplyWith(response);
  });
  ASSERT_TRUE(RunClient(kiosk, transport).ok());
  ASSERT_EQ(transport.parsed().size(), 3u);
  EXPECT_EQ(transport.parsed()[2].cursor, 200);
  EXPECT_EQ(kiosk.Int("SELECT v FROM sync_meta WHERE k = 'pull_cursor'"), 300);
}

TEST(SessionTest, RevokedDeviceStopsAtOnce) {
  Kiosk kiosk;
  kiosk.AddPeople(1);
  FakeTransport transport([](const HttpRequest&, const SyncRequest&) -> TransportResult {
    return ErrorWith(403, "revoked");
  });
  const SessionResult result = RunClient(kiosk, transport);
  EXPECT_EQ(result.outcome, SessionOutcome::kRefused);
  EXPECT_EQ(result.message, "refused: device revoked");
  EXPECT_EQ(transport.requests().size(), 1u);
}

TEST(SessionTest, ServerTroubleRetriesWithJitteredBackoff) {
  Kiosk kiosk;
  std::vector<int64_t> sleeps;
  FakeTransport transport([](const HttpRequest&, const SyncRequest&) -> TransportResult {
    return ErrorWith(503, "unavailable");
  });
  const SessionResult result = RunClient(kiosk, transport, Quick(&sleeps, 4));
  EXPECT_EQ(result.outcome, SessionOutcome::kNetwork);
  EXPECT_NE(result.message.find("HTTP 503"), std::string::npos);
  EXPECT_EQ(transport.requests().size(), 4u);
  ASSERT_EQ(sleeps.size(), 3u);
  for (size_t i = 0; i < sleeps.size(); ++i) {
    EXPECT_GE(sleeps[i], 0);
    EXPECT_LE(sleeps[i], 2'000LL << i);
  }
}

std::string NonceOf(const HttpRequest& request) {
  for (const auto& [name, value] : request.headers) {
    if (name == "Authorization") {
      auto auth = ParseAuthHeader(value);
      return auth.ok() ? auth->nonce : "";
    }
  }
  return "";
}

TEST(SessionTest, ReplayedNonceIsRetriedWithANewNonce) {
  Kiosk kiosk;
  kiosk.AddPeople(2);
  std::vector<int64_t> sleeps;
  int calls = 0;
  FakeTransport transport([&](const HttpRequest&, const SyncRequest& request) -> TransportResult {
    if (++calls == 1) {
      return ErrorWith(401, "replayed_nonce");  // a duplicate of this request got there first
    }
    return ReplyWith(AckOf(request));
  });
  const SessionResult result = RunClient(kiosk, transport, Quick(&sleeps));
  ASSERT_TRUE(result.ok()) << result.message;
  ASSERT_EQ(transport.requests().size(), 2u);
  EXPECT_EQ(sleeps.size(), 1u);
  EXPECT_NE(NonceOf(transport.requests()[0]), NonceOf(transport.requests()[1]));
  ASSERT_TRUE(transport.parsed()[1].push.has_value());
  EXPECT_EQ(transport.parsed()[1].push->batch, transport.parsed()[0].push->batch);
  EXPECT_EQ(kiosk.Int("SELECT count(*) FROM outbox"), 0);
  EXPECT_TRUE(result.message.empty());
}

TEST(SessionTest, ReplayedNonceRetriesAreBounded) {
  Kiosk kiosk;
  FakeTransport transport([](const HttpRequest&, const SyncRequest&) -> TransportResult {
    return ErrorWith(401, "replayed_nonce");
  });
  const SessionResult result = RunClient(kiosk, transport, Quick(nullptr, 3));
  EXPECT_EQ(result.outcome, SessionOutcome::kNetwork);
  EXPECT_EQ(transport.requests().size(), 3u);
  // Any other 401 still stops at once.
  FakeTransport unknown([](const HttpRequest&, const SyncRequest&) -> TransportResult {
    return ErrorWith(401, "unknown_device");
  });
  EXPECT_EQ(RunClient(kiosk, unknown).outcome, SessionOutcome::kRefused);
  EXPECT_EQ(unknown.requests().size(), 1u);
}

TEST(SessionTest, RetryAfterOn429And503SetsTheWaitWithinTheCap) {
  Kiosk kiosk;
  std::vector<int64_t> sleeps;
  const std::vector<std::pair<int, std::string>> replies = {
      {503, "30"}, {429, " 7 "}, {503, "999999"}, {429, "Wed, 21 Oct 2026 07:28:00 GMT"}};
  size_t next = 0;
  FakeTransport transport([&](const HttpRequest&, const SyncRequest& request) -> TransportResult {
    if (next < replies.size()) {
      HttpReply reply = ErrorWith(replies[next].first, "busy");
      reply.headers["retry-after"] = replies[next].second;
      ++next;
      return reply;
    }
    return ReplyWith(AckOf(request));
  });
  SyncClientOptions options = Quick(&sleeps, 6);
  options.max_session_ms = 24LL * 3600'000;  // room for a wait at the cap
  const SessionResult result = RunClient(kiosk, transport, std::move(options));
  ASSERT_TRUE(result.ok()) << result.message;
  ASSERT_EQ(sleeps.size(), 4u);
  EXPECT_EQ(sleeps[0], 30'000);  // the jittered backoff (<= 2 s) is below what the server asked
  EXPECT_EQ(sleeps[1], 7'000);
  EXPECT_EQ(sleeps[2], Backoff(SystemRandomSource()).cap_ms());  // 11.6 days asked: the cap
  EXPECT_LE(sleeps[3], 16'000);  // a date is not understood: the ordinary backoff
  EXPECT_EQ(RetryAfterMs(HttpReply{}), 0);
}

TEST(BackoffTest, FullJitterStaysWithinTheExponentialCeiling) {
  auto engine = std::make_shared<std::mt19937_64>(12345);
  Backoff backoff([engine] { return (*engine)(); });
  EXPECT_EQ(backoff.CeilingMs(1), 2'000);
  EXPECT_EQ(backoff.CeilingMs(2), 4'000);
  EXPECT_EQ(backoff.CeilingMs(10), 15 * 60'000);
  EXPECT_EQ(backoff.CeilingMs(60), 15 * 60'000);
  for (int failures = 1; failures <= 14; ++failures) {
    Backoff single([engine] { return (*engine)(); });
    int64_t low = INT64_MAX;
    int64_t high = 0;
    for (int draw = 0; draw < 400; ++draw) {
      single.Reset();
      int64_t delay = 0;
      for (int i = 0; i < failures; ++i) {
        delay = single.NextDelayMs();
      }
      ASSERT_GE(delay, 0);
      ASSERT_LE(delay, single.CeilingMs(failures));
      low = std::min(low, delay);
      high = std::max(high, delay);
    }
    // Full jitter: the draws spread over the whole range, not around one value.
    EXPECT_LT(low, single.CeilingMs(failures) / 4);
    EXPECT_GT(high, single.CeilingMs(failures) * 3 / 4);
  }
  Backoff extremes([] { return ~uint64_t{0}; });
  extremes.NextDelayMs();
  EXPECT_LE(extremes.NextDelayMs(), 4'000);
}

TEST(SyncLockTest, OnlyOneSyncerPerDatabase) {
  TempDir dir;
  const std::string db = dir.File("kiosk.db");
  auto first = SyncLock::Acquire(db);
  ASSERT_TRUE(first.ok()) << first.error().message;
  auto second = SyncLock::Acquire(db);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, core::ErrorCode::kBusy);
  EXPECT_EQ(second.error().message, "another sync is running");
  EXPECT_TRUE(SyncLock::Acquire(dir.File("other.db")).ok());
  { SyncLock released = std::move(*first); }
  EXPECT_TRUE(SyncLock::Acquire(db).ok());
}

// The truth table: what status says after success, no network, refusal and a rejected change.
TEST(StatusTruthTest, StatusTellsTheTruthAfterEachOutcome) {
  Kiosk kiosk;
  kiosk.AddPeople(2);
  auto status = ReadSyncStatus(*kiosk.store);
  ASSERT_TRUE(status.ok());
  EXPECT_EQ(status->waiting, 2);
  EXPECT_EQ(status->last_success_ms, 0);
  EXPECT_NE(StatusText(kiosk).find("last success:      never\n"), std::string::npos);

  FakeTransport transport([](const HttpRequest&, const SyncRequest&) -> TransportResult {
    return NetworkFailure{NetworkFailureKind::kNoConnection, "down"};
  });
  EXPECT_FALSE(RunClient(kiosk, transport).ok());
  std::string text = StatusText(kiosk);
  EXPECT_NE(text.find("last error:        no connection to the district office\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("changes waiting:   2\n"), std::string::npos) << text;
  EXPECT_NE(text.find("last success:      never\n"), std::string::npos) << text;

  transport.set_handler([](const HttpRequest&, const SyncRequest& request) -> TransportResult {
    return ReplyWith(AckOf(request, {{2, ChangeOutcome::kRejected, "fk_missing"}}));
  });
  kiosk.clock.Advance(60'000);
  ASSERT_TRUE(RunClient(kiosk, transport).ok());
  text = StatusText(kiosk);
  EXPECT_NE(text.find("last error:        none\n"), std::string::npos) << text;
  EXPECT_NE(text.find("changes waiting:   0\n"), std::string::npos) << text;
  EXPECT_NE(text.find("last success:      just now\n"), std::string::npos) << text;
  EXPECT_NE(text.find("needing attention: 1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("  rejected: person "), std::string::npos) << text;
  EXPECT_NE(text.find("(fk_missing)"), std::string::npos) << text;

  kiosk.AddPeople(1);
  transport.set_handler([](const HttpRequest&, const SyncRequest&) -> TransportResult {
    return ErrorWith(403, "revoked");
  });
  kiosk.clock.Advance(120'000);
  EXPECT_FALSE(RunClient(kiosk, transport).ok());
  text = StatusText(kiosk);
  EXPECT_NE(text.find("last error:        refused: device revoked\n"), std::string::npos) << text;
  EXPECT_NE(text.find("last success:      2 min ago\n"), std::string::npos) << text;
  EXPECT_NE(text.find("changes waiting:   1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("device id:         42\n"), std::string::npos) << text;
}

// A change the server set aside stays "needing attention" until the office decides: the kiosk
// asks after it in every request, and the answer settles it (accepted: gone; discarded: said).
TEST(StatusTruthTest, TheOfficesDecisionOnASetAsideChangeReachesTheKiosk) {
  Kiosk kiosk;
  kiosk.AddPeople(3);
  std::vector<std::vector<int64_t>> asked;
  std::vector<SettledChange> decisions;
  FakeTransport transport([&](const HttpRequest&, const SyncRequest& request) -> TransportResult {
    asked.push_back(request.set_aside);
    SyncResponse reply = request.push ? AckOf(request, {{1, ChangeOutcome::kRejected, "fk_missing"},
                                                        {2, ChangeOutcome::kRejected, "fk_missing"},
                                                        {3, ChangeOutcome::kWaitlisted, "1"}})
                                      : AckOf(request);
    reply.settled = decisions;
    return ReplyWith(reply);
  });
  ASSERT_TRUE(RunClient(kiosk, transport).ok());
  ASSERT_EQ(kiosk.Int("SELECT count(*) FROM sync_issue"), 3);
  const std::vector<std::string> pks = core::testing::QueryRows(
      *kiosk.store, "SELECT pk FROM sync_issue WHERE seq < 3 ORDER BY seq");
  ASSERT_EQ(pks.size(), 2u);
  const std::string& first = pks[0];
  const std::string& second = pks[1];

  // Undecided: asked after (the waitlisted one is not the office's to decide), nothing changes.
  ASSERT_TRUE(RunClient(kiosk, transport).ok());
  EXPECT_EQ(asked.back(), (std::vector<int64_t>{1, 2}));
  EXPECT_NE(StatusText(kiosk).find("needing attention: 3\n"), std::string::npos);

  // An answer naming another row is not this change's, and changes nothing.
  decisions = {{1, "person", "someone-else", true}};
  ASSERT_TRUE(RunClient(kiosk, transport).ok());
  EXPECT_EQ(kiosk.Int("SELECT count(*) FROM sync_issue WHERE outcome = 'rejected'"), 2);

  decisions = {{1, "person", first, true}, {2, "person", second, false}};
  kiosk.clock.Advance(60'000);
  ASSERT_TRUE(RunClient(kiosk, transport).ok());
  const std::string text = StatusText(kiosk);
  EXPECT_NE(text.find("needing attention: 2\n"), std::string::npos) << text;
  EXPECT_NE(text.find("  discarded: person " + second), std::string::npos) << text;
  EXPECT_EQ(text.find(first), std::string::npos) << text;
  EXPECT_EQ(kiosk.Int("SELECT at_ms FROM sync_issue WHERE seq = 2"), kiosk.clock.NowMs());

  // Nothing is left to ask after: the requests say nothing more (a no-op sync is as it was).
  ASSERT_TRUE(RunClient(kiosk, transport).ok());
  EXPECT_TRUE(asked.back().empty());
}

}  // namespace
}  // namespace raida::sync::testing
