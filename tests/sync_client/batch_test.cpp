// Frozen batches: outbox rows in seq order within the byte budget, stored until acknowledged,
// byte-identical on every retry; the budget shrinks on a bad link and grows on success; a gap
// renumbers the batch and a 413 refreezes it smaller.
#include <gtest/gtest.h>

#include "fake_transport.h"
#include "kiosk_fixture.h"
#include "raida/sync/batch_builder.h"
#include "raida/sync/sync_client.h"

namespace raida::sync::testing {
namespace {

SyncClientOptions NoWaiting(int attempts = 4) {
  SyncClientOptions options;
  options.max_attempts = attempts;
  options.random = [] { return uint64_t{0}; };
  options.sleep = [](int64_t) {};
  return options;
}

TEST(BatchBuilderTest, FreezesOutboxRowsInOrderWithinTheBudget) {
  Kiosk kiosk;
  kiosk.AddPeople(300);
  BatchBuilder builder(*kiosk.store);
  auto frozen = builder.Freeze(kMinBatchBytes);
  ASSERT_TRUE(frozen.ok()) << frozen.error().message;
  ASSERT_TRUE(frozen->has_value());
  const FrozenBatch& batch = **frozen;
  EXPECT_EQ(batch.push.batch, 1);
  EXPECT_EQ(batch.push.first, 1);
  EXPECT_LT(batch.push.last, 300);  // 300 people do not fit in 4 KB
  EXPECT_EQ(static_cast<int64_t>(batch.push.changes.size()), batch.push.last);
  EXPECT_LE(static_cast<int64_t>(batch.body.size()), kMinBatchBytes + kMinBatchBytes / 4);
  for (size_t i = 0; i < batch.push.changes.size(); ++i) {
    EXPECT_EQ(batch.push.changes[i].seq, static_cast<int64_t>(i) + 1);
  }
  auto pending = builder.Pending();
  ASSERT_TRUE(pending.ok() && pending->has_value());
  EXPECT_EQ((*pending)->body, batch.body);
  EXPECT_EQ(builder.Freeze(kMinBatchBytes).error().code, core::ErrorCode::kConflict);
}

TEST(BatchBuilderTest, EmptyOutboxFreezesNothing) {
  Kiosk kiosk;
  auto frozen = BatchBuilder(*kiosk.store).Freeze(kStartBatchBytes);
  ASSERT_TRUE(frozen.ok());
  EXPECT_FALSE(frozen->has_value());
}

TEST(SessionBatchTest, RetriesSendByteIdenticalBodies) {
  Kiosk kiosk;
  kiosk.AddPeople(5);
  int calls = 0;
  FakeTransport transport([&](const HttpRequest&, const SyncRequest& request) -> TransportResult {
    if (++calls < 3) {
      return NetworkFailure{NetworkFailureKind::kReset, "cut by the test"};
    }
    return ReplyWith(AckOf(request));
  });
  SyncClient client(*kiosk.store, transport, kiosk.credentials, NoWaiting());
  const SessionResult result = client.RunSession();
  ASSERT_TRUE(result.ok()) << result.message;
  ASSERT_EQ(transport.requests().size(), 3u);
  // Every attempt carries the same frozen batch, byte for byte; only the kiosk's report on itself
  // may differ (its free disk space changes between attempts).
  const auto without_health = [](const HttpRequest& http) {
    auto request = ParseRequest(*Decompress(http.body, kMaxInflatedBytes));
    EXPECT_TRUE(request.ok());
    request->health.reset();
    return SerializeRequest(*request);
  };
  EXPECT_EQ(without_health(transport.requests()[0]), without_health(transport.requests()[1]));
  EXPECT_EQ(without_health(transport.requests()[1]), without_health(transport.requests()[2]));
  // Every attempt is signed afresh: a new nonce each time.
  EXPECT_NE(transport.requests()[0].headers.back().second,
            transport.requests()[1].headers.back().second);
  EXPECT_EQ(result.stats.changes_sent, 5);
  EXPECT_EQ(kiosk.Int("SELECT count(*) FROM outbox"), 0);
  EXPECT_EQ(kiosk.Int("SELECT count(*) FROM outbox_batch"), 0);
  EXPECT_EQ(kiosk.Int("SELECT v FROM sync_meta WHERE k = 'next_batch_seq'"), 2);
}

TEST(SessionBatchTest, ChangesMadeAfterFreezingWaitForTheNextBatch) {
  Kiosk kiosk;
  kiosk.AddPeople(3);
  FakeTransport transport([](const HttpRequest&, const SyncRequest&) -> TransportResult {
    return NetworkFailure{NetworkFailureKind::kNoConnection, "down"};
  });
  SyncClient(*kiosk.store, transport, kiosk.credentials, NoWaiting(1)).RunSession();
  kiosk.AddPeople(2);
  transport.set_handler([](const HttpRequest&, const SyncRequest& request) -> TransportResult {
    return ReplyWith(AckOf(request));
  });
  const SessionResult result =
      SyncClient(*kiosk.store, transport, kiosk.credentials, NoWaiting()).RunSession();
  ASSERT_TRUE(result.ok()) << result.message;
  const auto& sent = transport.parsed();
  ASSERT_EQ(sent.size(), 3u);
  EXPECT_EQ(sent[0].push->last, 3);
  EXPECT_EQ(sent[1].push->batch, 1);
  EXPECT_EQ(sent[1].push->last, 3);  // the frozen batch, unchanged
  // The clock part moved on with the new changes; the push part did not.
  EXPECT_EQ(MakeFrozenBatch(*sent[0].push).body, MakeFrozenBatch(*sent[1].push).body);
  EXPECT_EQ(sent[2].push->batch, 2);
  EXPECT_EQ(sent[2].push->first, 4);
  EXPECT_EQ(sent[2].push->last, 5);
}

TEST(SessionBatchTest, BudgetHalvesOnTimeoutsAndDoublesOnSuccess) {
  Kiosk kiosk;
  kiosk.AddPeople(1);
  BatchBuilder builder(*kiosk.store);
  EXPECT_EQ(*builder.BudgetBytes(), kStartBatchBytes);
  int failures = 2;
  FakeTransport transport([&](const HttpRequest&, const SyncRequest& request) -> TransportResult {
    if (failures-- > 0) {
      return NetworkFailure{NetworkFailureKind::kTimeout, "slow"};
    }
    return ReplyWith(AckOf(request));
  });
  SyncClient(*kiosk.store, transport, kiosk.credentials, NoWaiting(1)).RunSession();
  EXPECT_EQ(*builder.BudgetBytes(), kStartBatchBytes / 2);
  SyncClient(*kiosk.store, transport, kiosk.credentials, NoWaiting(1)).RunSession();
  EXPECT_EQ(*builder.BudgetBytes(), kStartBatchBytes / 4);
  ASSERT_TRUE(
      SyncClient(*kiosk.store, transport, kiosk.credentials, NoWaiting(1)).RunSession().ok());
  EXPECT_EQ(*builder.BudgetBytes(), kStartBatchBytes / 2);
  for (int i = 0; i < 8; ++i) {
    ASSERT_TRUE(builder.GrowBudget(0).ok());
  }
  EXPECT_EQ(*builder.BudgetBytes(), kMaxBatchBytes);
  for (int i = 0; i < 10; ++i) {
    ASSERT_TRUE(builder.ShrinkBudget().ok());
  }
  EXPECT_EQ(*builder.BudgetBytes(), kMinBatchBytes);
  ASSERT_TRUE(builder.GrowBudget(6000).ok());  // the server's hint caps the growth
  EXPECT_EQ(*builder.BudgetBytes(), 6000);
}

TEST(SessionBatchTest, ConnectionRefusedDoesNotShrinkTheBudget) {
  Kiosk kiosk;
  kiosk.AddPeople(1);
  FakeTransport transport([](const HttpRequest&, const SyncRequest&) -> TransportResult {
    return NetworkFailure{NetworkFailureKind::kNoConnection, "refused"};
  });
  SyncClient(*kiosk.store, transport, kiosk.credentials, NoWaiting(3)).RunSession();
  EXPECT_EQ(*BatchBuilder(*kiosk.store).BudgetBytes(), kStartBatchBytes);
}

TEST(SessionBatchTest, GapRenumbersTheFrozenBatch) {
  Kiosk kiosk;
  kiosk.AddPeople(2);
  FakeTransport transport([](const HttpRequest&, const SyncRequest& request) -> TransportResult {
    if (request.push && request.push->batch != 5) {
      return ErrorWith(409, "gap", "\"expected\":5");
    }
    return ReplyWith(AckOf(request));
  });
  const SessionResult result =
      SyncClient(*kiosk.store, transport, kiosk.credentials, NoWaiting()).RunSession();
  ASSERT_TRUE(result.ok()) << result.message;
  ASSERT_EQ(transport.parsed().size(), 2u);
  EXPECT_EQ(transport.parsed()[1].push->batch, 5);
  EXPECT_EQ(transport.parsed()[1].push->changes.size(), 2u);
  EXPECT_EQ(kiosk.Int("SELECT v FROM sync_meta WHERE k = 'next_batch_seq'"), 6);
}

TEST(SessionBatchTest, TooLargeRefreezesSmaller) {
  Kiosk kiosk;
  kiosk.AddPeople(40);
  FakeTransport transport([](const HttpRequest&, const SyncRequest& request) -> TransportResult {
    if (request.push && request.push->changes.size() > 10) {
      return ErrorWith(413, "too_large");
    }
    return ReplyWith(AckOf(request));
  });
  ASSERT_TRUE(BatchBuilder(*kiosk.store).ShrinkBudget().ok());
  const SessionResult result =
      SyncClient(*kiosk.store, transport, kiosk.credentials, NoWaiting()).RunSession();
  ASSERT_TRUE(result.ok()) << result.message;
  EXPECT_EQ(result.stats.changes_sent, 40);
  EXPECT_EQ(kiosk.Int("SELECT count(*) FROM outbox"), 0);
}

}  // namespace
}  // namespace raida::sync::testing
