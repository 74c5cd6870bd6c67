// The review queue of changes the server set aside: a change refused for a missing parent is
// retried once the parent has arrived and applies exactly once (logged, pulled by the center's
// other kiosk); a change still refused stays open with the new reason and nothing else changes;
// a discarded change is kept and marked with who and when; a resolved entry refuses a second
// decision; an unknown id is not found.
#include <algorithm>

#include "engine_fixture.h"

namespace raida::server {
namespace {

using sync::ChangeOutcome;

constexpr const char* kSession = "offering.bajorai.1.s1";

std::string PersonCols(const std::string& name) {
  return R"({"family_name":"Test","given_name":")" + name +
         R"(","home_center_id":"center.bajorai","language":"lt"})";
}

std::string AttendanceCols(const std::string& person, const std::string& session = kSession) {
  return R"({"mark":"present","person_id":")" + person + R"(","session_id":")" + session + R"("})";
}

class ReviewQueueTest : public EngineTest {
 protected:
  // The id of the only open entry.
  int64_t OnlyOpenEntry() {
    auto open = engine_->ListSetAside(false);
    EXPECT_TRUE(open.ok());
    EXPECT_EQ(open->size(), 1u);
    return open->empty() ? 0 : open->front().id;
  }
  // Pushes one attendance mark of `person` from `device`, expecting it set aside for `reason`.
  void PushRefused(int64_t device, const std::string& pk, const std::string& cols,
                   const std::string& reason) {
    const auto reply = Push(device, {Change(device, "attendance", pk, cols)});
    ASSERT_EQ(reply.ack->results.size(), 1u);
    EXPECT_EQ(reply.ack->results[0].outcome, ChangeOutcome::kRejected);
    EXPECT_EQ(reply.ack->results[0].detail, reason);
  }
  int64_t LogCount(const std::string& pk) {
    return Int("SELECT count(*) FROM change_log WHERE pk = '" + pk + "'");
  }
};

TEST_F(ReviewQueueTest, TheSameChangeSentAgainInAnotherBatchIsSetAsideOnce) {
  const int64_t a = NewDevice("center.bajorai");
  const std::string mark = core::DeterministicId("attendance", kSession, "3-p");
  const sync::PushChange change = Change(a, "attendance", mark, AttendanceCols("3-p"));
  // As a kiosk restored from a backup sends it again: another batch, another outbox number.
  for (int64_t seq : {change.seq, change.seq + 1}) {
    sync::PushChange again = change;
    again.seq = seq;
    const auto reply = Push(a, {again});
    ASSERT_EQ(reply.ack->results.size(), 1u);
    EXPECT_EQ(reply.ack->results[0].outcome, ChangeOutcome::kRejected);
  }
  OnlyOpenEntry();
  // Another stamp is another change (an edit made meanwhile): it is set aside on its own.
  PushRefused(a, mark, AttendanceCols("3-p"), "missing_parent:person_id");
  EXPECT_EQ(Int("SELECT count(*) FROM quarantine WHERE status = 'open'"), 2);
}

TEST_F(ReviewQueueTest, AChangeWhoseParentArrivedLaterIsRetriedAndAppliesExactlyOnce) {
  const int64_t a = NewDevice("center.bajorai");
  const int64_t b = NewDevice("center.bajorai");
  const std::string mark = core::DeterministicId("attendance", kSession, "2-p");
  PushRefused(a, mark, AttendanceCols("2-p"), "missing_parent:person_id");
  EXPECT_EQ(Int("SELECT count(*) FROM attendance WHERE id = '" + mark + "'"), 0);
  const int64_t id = OnlyOpenEntry();
  const uint64_t stamp = static_cast<uint64_t>(Int("SELECT hlc FROM quarantine"));
  EXPECT_GT(stamp, 0u) << "the pushed stamp is kept for the retry";

  Push(b, {Change(b, "person", "2-p", PersonCols("Pranas"))});  // the parent arrives
  int64_t cursor = 0;
  PullAll(b, 0, 0, &cursor);
  auto retried = engine_->RetrySetAside(id, "office_user:1");
  ASSERT_TRUE(retried.ok()) << retried.error().message;
  EXPECT_TRUE(retried->accepted);
  EXPECT_EQ(retried->detail, "applied");
  EXPECT_EQ(Text("SELECT person_id || ' ' || mark FROM attendance WHERE id = '" + mark + "'"),
            "2-p present");
  EXPECT_EQ(Int("SELECT hlc FROM attendance WHERE id = '" + mark + "'"),
            static_cast<int64_t>(stamp));
  EXPECT_EQ(Int("SELECT origin FROM attendance WHERE id = '" + mark + "'"), a)
      << "judged as the push of its kiosk";
  EXPECT_EQ(LogCount(mark), 1) << "one change_log entry, with its own server_seq";
  EXPECT_EQ(Text("SELECT status || ' ' || outcome || ' ' || resolved_by || ' ' || resolved_ms || "
                 "' ' || retries FROM quarantine WHERE id = " +
                 std::to_string(id)),
            "accepted applied office_user:1 " + std::to_string(clock_.NowMs()) + " 1");

  // The center's other kiosk receives it; the kiosk that made it does not get it back.
  const auto pulled = PullAll(b, cursor);
  EXPECT_EQ(
      std::count_if(pulled.begin(), pulled.end(), [&](const auto& c) { return c.pk == mark; }), 1);
  const auto own = PullAll(a, 0);
  EXPECT_EQ(std::count_if(own.begin(), own.end(), [&](const auto& c) { return c.pk == mark; }), 0);

  // Exactly once: the resolved entry refuses a second retry and nothing is applied again.
  auto again = engine_->RetrySetAside(id, "office_user:1");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, core::ErrorCode::kConflict);
  EXPECT_NE(again.error().message.find("already accepted"), std::string::npos)
      << again.error().message;
  EXPECT_EQ(LogCount(mark), 1);
  EXPECT_TRUE(engine_->ListSetAside(false)->empty()) << "it left the open list";
  ASSERT_EQ(engine_->ListSetAside(true)->size(), 1u);
  EXPECT_EQ(engine_->ListSetAside(true)->front().status, "accepted");
}

TEST_F(ReviewQueueTest, AChangeStillRefusedStaysOpenWithTheNewReasonAndChangesNothingElse) {
  const int64_t a = NewDevice("center.bajorai");
  const std::string mark = core::DeterministicId("attendance", "session.gone", "3-p");
  PushRefused(a, mark, AttendanceCols("3-p", "session.gone"), "missing_parent:person_id");
  const int64_t id = OnlyOpenEntry();
  auto refused = engine_->RetrySetAside(id, "office_user:1");
  ASSERT_TRUE(refused.ok()) << refused.error().message;
  EXPECT_FALSE(refused->accepted);
  EXPECT_EQ(refused->detail, "missing_parent:person_id");

  Push(a, {Change(a, "person", "3-p", PersonCols("Petras"))});
  const int64_t head = Int("SELECT max(server_seq) FROM change_log");
  const int64_t entries = Int("SELECT count(*) FROM quarantine");
  refused = engine_->RetrySetAside(id, "office_user:1");
  ASSERT_TRUE(refused.ok()) << refused.error().message;
  EXPECT_FALSE(refused->accepted);
  EXPECT_EQ(refused->detail, "missing_parent:session_id") << "the new reason";
  EXPECT_EQ(Text("SELECT status || ' ' || reason || ' ' || retries || ' ' || resolved_by FROM "
                 "quarantine WHERE id = " +
                 std::to_string(id)),
            "open missing_parent:session_id 2 ");
  EXPECT_EQ(Int("SELECT max(server_seq) FROM change_log"), head) << "nothing logged";
  EXPECT_EQ(Int("SELECT count(*) FROM quarantine"), entries) << "no second entry";
  EXPECT_EQ(Int("SELECT count(*) FROM attendance WHERE id = '" + mark + "'"), 0);
  EXPECT_EQ(OnlyOpenEntry(), id);
}

TEST_F(ReviewQueueTest, ADiscardedChangeIsKeptAndMarkedAndRefusesASecondDecision) {
  const int64_t a = NewDevice("center.bajorai");
  const std::string mark = core::DeterministicId("attendance", kSession, "4-p");
  PushRefused(a, mark, AttendanceCols("4-p"), "missing_parent:person_id");
  const int64_t id = OnlyOpenEntry();
  clock_.Advance(60'000);
  ASSERT_TRUE(engine_->DiscardSetAside(id, "cli:ona").ok());
  EXPECT_EQ(Text("SELECT status || ' ' || resolved_by || ' ' || resolved_ms || ' ' || reason || "
                 "' ' || tbl || ' ' || pk FROM quarantine WHERE id = " +
                 std::to_string(id)),
            "discarded cli:ona " + std::to_string(clock_.NowMs()) +
                " missing_parent:person_id attendance " + mark);
  EXPECT_NE(Text("SELECT payload FROM quarantine WHERE id = " + std::to_string(id)), "")
      << "kept as it arrived";
  EXPECT_TRUE(engine_->ListSetAside(false)->empty());
  EXPECT_EQ(engine_->ListSetAside(true)->size(), 1u);

  const core::Status twice = engine_->DiscardSetAside(id, "cli:ona");
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, core::ErrorCode::kConflict);
  EXPECT_NE(twice.error().message.find("already discarded"), std::string::npos);
  Push(a, {Change(a, "person", "4-p", PersonCols("Paulius"))});
  auto retried = engine_->RetrySetAside(id, "cli:ona");
  ASSERT_FALSE(retried.ok()) << "a discarded change is never applied";
  EXPECT_EQ(retried.error().code, core::ErrorCode::kConflict);
  EXPECT_EQ(Int("SELECT count(*) FROM attendance WHERE id = '" + mark + "'"), 0);
  EXPECT_EQ(Text("SELECT resolved_by FROM quarantine WHERE id = " + std::to_string(id)), "cli:ona");
}

// The kiosk that made a set-aside change asks after it in its requests ("set_aside") and hears
// the office's decision once there is one: accepted or discarded, with the change's table and pk.
TEST_F(ReviewQueueTest, TheKioskThatMadeASetAsideChangeHearsTheDecision) {
  const int64_t a = NewDevice("center.bajorai");
  const int64_t b = NewDevice("center.bajorai");
  const std::string kept = core::DeterministicId("attendance", kSession, "5-p");
  const std::string dropped = core::DeterministicId("attendance", kSession, "6-p");
  PushRefused(a, kept, AttendanceCols("5-p"), "missing_parent:person_id");
  PushRefused(a, dropped, AttendanceCols("6-p"), "missing_parent:person_id");
  auto Seq = [&](const std::string& pk) {
    return Int("SELECT seq FROM quarantine WHERE pk = '" + pk + "'");
  };
  auto Ask = [&](int64_t device, std::vector<int64_t> seqs) {
    sync::SyncRequest request = Request(device, {});
    request.set_aside = std::move(seqs);
    const HttpReply reply = engine_->HandleSync(device, sync::SerializeRequest(request));
    EXPECT_EQ(reply.status, 200) << reply.body;
    auto response = sync::ParseResponse(reply.body);
    EXPECT_TRUE(response.ok()) << reply.body;
    return response.ok() ? response->settled : std::vector<sync::SettledChange>{};
  };
  EXPECT_TRUE(Ask(a, {Seq(kept), Seq(dropped)}).empty()) << "both still open";

  Push(b, {Change(b, "person", "5-p", PersonCols("Saulius"))});
  ASSERT_TRUE(engine_
                  ->RetrySetAside(Int("SELECT id FROM quarantine WHERE pk = '" + kept + "'"),
                                  "office_user:1")
                  .ok());
  ASSERT_TRUE(engine_
                  ->DiscardSetAside(Int("SELECT id FROM quarantine WHERE pk = '" + dropped + "'"),
                                    "office_user:1")
                  .ok());
  const auto settled = Ask(a, {Seq(kept), Seq(dropped), 999});
  ASSERT_EQ(settled.size(), 2u) << "an unknown number is left out";
  EXPECT_EQ(settled[0].seq, Seq(kept));
  EXPECT_EQ(settled[0].table + " " + settled[0].pk, "attendance " + kept);
  EXPECT_TRUE(settled[0].accepted);
  EXPECT_EQ(settled[1].pk, dropped);
  EXPECT_FALSE(settled[1].accepted);
  EXPECT_TRUE(Ask(b, {Seq(kept), Seq(dropped)}).empty()) << "another kiosk's changes are not its";
}

TEST_F(ReviewQueueTest, AnUnknownEntryIsNotFound) {
  auto retried = engine_->RetrySetAside(999, "cli:ona");
  ASSERT_FALSE(retried.ok());
  EXPECT_EQ(retried.error().code, core::ErrorCode::kNotFound);
  const core::Status discarded = engine_->DiscardSetAside(999, "cli:ona");
  ASSERT_FALSE(discarded.ok());
  EXPECT_EQ(discarded.error().code, core::ErrorCode::kNotFound);
}

TEST_F(ReviewQueueTest, AnEntryKeptWithoutItsStampCanOnlyBeDiscarded) {
  const int64_t a = NewDevice("center.bajorai");
  // As schema 7 stored it: no stamp.
  ASSERT_TRUE(store_->db()
                  .Exec("INSERT INTO quarantine(device_no, batch, seq, tbl, pk, reason, payload, "
                        "at_ms) VALUES (" +
                        std::to_string(a) +
                        ", 1, 1, 'attendance', 'att.old', 'missing_parent:person_id', '{}', 1)")
                  .ok());
  const int64_t id = OnlyOpenEntry();
  auto retried = engine_->RetrySetAside(id, "cli:ona");
  ASSERT_FALSE(retried.ok());
  EXPECT_EQ(retried.error().code, core::ErrorCode::kConflict);
  EXPECT_EQ(Text("SELECT status FROM quarantine WHERE id = " + std::to_string(id)), "open");
  EXPECT_TRUE(engine_->DiscardSetAside(id, "cli:ona").ok());
}

}  // namespace
}  // namespace raida::server
