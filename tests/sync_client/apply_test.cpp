// One local transaction per reply: a failure at any point of applying a reply leaves nothing
// half-applied and the same reply then applies cleanly; per-change results reach sync_issue
// and the local enrollment; pulled changes never overwrite a column still waiting to go up, nor
// one whose acknowledged local change is newer.
#include <gtest/gtest.h>

#include "fake_transport.h"
#include "kiosk_fixture.h"
#include "raida/core/attendance_repository.h"
#include "raida/core/enrollment_repository.h"
#include "raida/sync/batch_builder.h"
#include "raida/sync/reply_applier.h"

namespace raida::sync::testing {
using core::testing::kTestNowMs;
namespace {

// A person row from another kiosk of the same center, as the server sends it.
PulledChange PulledPerson(int64_t server_seq, const std::string& id, const std::string& center) {
  return PulledChange{server_seq,
                      "person",
                      id,
                      core::MakeHlc(core::testing::kTestNowMs, 7),
                      43,
                      "{\"home_center_id\":\"" + center +
                          "\",\"given_name\":\"Jonas\",\"family_name\":\"Kazlauskas\","
                          "\"birth_year\":1961,\"phone\":\"\",\"email\":\"\",\"village\":\"\","
                          "\"language\":\"lt\",\"needs\":\"[]\",\"card_code\":null,"
                          "\"merged_into\":null,\"erased\":0,\"deleted\":0}"};
}

class ApplyTest : public ::testing::TestWithParam<const char*> {};

TEST_P(ApplyTest, AFailureAtAnyPointLeavesNothingHalfApplied) {
  Kiosk kiosk;
  kiosk.AddPeople(3);
  auto frozen = BatchBuilder(*kiosk.store).Freeze(kStartBatchBytes);
  ASSERT_TRUE(frozen.ok() && frozen->has_value());
  SyncRequest sent;
  sent.push = (*frozen)->push;
  SyncResponse reply = AckOf(sent, {{2, ChangeOutcome::kRejected, "bad_value"}});
  reply.changes = {PulledPerson(11, "43-1", kiosk.catalog.center_id),
                   PulledPerson(12, "43-2", kiosk.catalog.center_id)};
  reply.next = 12;
  const std::string point = GetParam();
  bool fail = true;
  ReplyApplier failing(*kiosk.store, [&](std::string_view at) -> core::Status {
    if (fail && at == point) {
      return core::MakeError(core::ErrorCode::kIo, "power cut at " + point);
    }
    return core::Ok();
  });
  auto first = failing.Apply(*frozen, reply, 1234, kiosk.clock.NowMs());
  ASSERT_FALSE(first.ok());
  EXPECT_EQ(kiosk.Int("SELECT count(*) FROM outbox"), 3);
  EXPECT_EQ(kiosk.Int("SELECT count(*) FROM outbox_batch"), 1);
  EXPECT_EQ(kiosk.Int("SELECT count(*) FROM person WHERE id LIKE '43-%'"), 0);
  EXPECT_EQ(kiosk.Int("SELECT count(*) FROM sync_issue"), 0);
  EXPECT_EQ(kiosk.Int("SELECT v FROM sync_meta WHERE k = 'pull_cursor'"), 0);
  EXPECT_EQ(kiosk.Int("SELECT v FROM sync_meta WHERE k = 'next_batch_seq'"), 1);
  EXPECT_EQ(kiosk.Int("SELECT v FROM sync_meta WHERE k = 'last_success_ms'"), 0);

  fail = false;
  auto second = failing.Apply(*frozen, reply, 1234, kiosk.clock.NowMs());
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(second->acked_changes, 3);
  EXPECT_EQ(second->pulled_changes, 2);
  EXPECT_EQ(second->issues_added, 1);
  EXPECT_EQ(kiosk.Int("SELECT count(*) FROM outbox"), 0);
  EXPECT_EQ(kiosk.Int("SELECT count(*) FROM outbox_batch"), 0);
  EXPECT_EQ(kiosk.Int("SELECT count(*) FROM person WHERE id LIKE '43-%' AND origin = 43"), 2);
  EXPECT_EQ(kiosk.Int("SELECT count(*) FROM sync_issue WHERE seq = 2 AND outcome = 'rejected'"), 1);
  EXPECT_EQ(kiosk.Int("SELECT v FROM sync_meta WHERE k = 'pull_cursor'"), 12);
  EXPECT_EQ(kiosk.Int("SELECT v FROM sync_meta WHERE k = 'next_batch_seq'"), 2);
  EXPECT_EQ(kiosk.Int("SELECT v FROM sync_meta WHERE k = 'server_offset_ms'"), 1234);
  // Pulled rows are not this kiosk's to send.
  EXPECT_EQ(kiosk.Int("SELECT count(*) FROM outbox"), 0);
}

INSTANTIATE_TEST_SUITE_P(EveryPoint, ApplyTest,
                         ::testing::Values("begin", "acked", "pulled", "commit"));

TEST(ApplyResultsTest, WaitlistedSetsTheLocalEnrollmentAndRecordsAnIssue) {
  Kiosk kiosk;
  const std::string person = kiosk.AddPeople(1);
  core::EnrollmentRepository enrollments(*kiosk.store);
  auto enrollment = enrollments.RequestSignUp(person, kiosk.catalog.offering_id, {"transport"});
  ASSERT_TRUE(enrollment.ok()) << enrollment.error().message;
  auto frozen = BatchBuilder(*kiosk.store).Freeze(kStartBatchBytes);
  ASSERT_TRUE(frozen.ok() && frozen->has_value());
  int64_t enrollment_seq = 0;
  for (const PushChange& change : (*frozen)->push.changes) {
    if (change.table == "enrollment") {
      enrollment_seq = change.seq;
    }
  }
  ASSERT_GT(enrollment_seq, 0);
  SyncRequest sent;
  sent.push = (*frozen)->push;
  const SyncResponse reply = AckOf(sent, {{enrollment_seq, ChangeOutcome::kWaitlisted, "3"}});
  ASSERT_TRUE(ReplyApplier(*kiosk.store).Apply(*frozen, reply, 0, kiosk.clock.NowMs()).ok());
  auto now = enrollments.Get(enrollment->id);
  ASSERT_TRUE(now.ok() && now->has_value());
  EXPECT_EQ((*now)->status, core::EnrollmentStatus::kWaitlisted);
  EXPECT_EQ(kiosk.Int("SELECT count(*) FROM sync_issue WHERE outcome = 'waitlisted' AND "
                      "detail = '3' AND tbl = 'enrollment'"),
            1);
  EXPECT_EQ(kiosk.Int("SELECT count(*) FROM outbox"), 0);  // applying is not captured
}

TEST(ApplyPullTest, ColumnsWaitingToGoUpAreNotOverwritten) {
  Kiosk kiosk;
  ReplyApplier applier(*kiosk.store);
  SyncResponse first;
  first.changes = {PulledPerson(1, "43-1", kiosk.catalog.center_id)};
  first.next = 1;
  ASSERT_TRUE(applier.Apply(std::nullopt, first, 0, kiosk.clock.NowMs()).ok());
  // A coordinator here corrects the family name; the change waits in the outbox.
  ASSERT_OK(kiosk.store->db().Exec(
      "UPDATE person SET family_name = 'Kazlauskienė', hlc = sync_hlc() WHERE id = '43-1'"));
  ASSERT_EQ(kiosk.Int("SELECT count(*) FROM outbox"), 1);
  SyncResponse second;
  PulledChange edit{2,      "person",
                    "43-1", core::MakeHlc(core::testing::kTestNowMs + 5, 0),
                    43,     "{\"family_name\":\"Kazlauskas-Old\",\"phone\":\"+37060000000\"}"};
  second.changes = {edit};
  second.next = 2;
  ASSERT_TRUE(applier.Apply(std::nullopt, second, 0, kiosk.clock.NowMs()).ok());
  EXPECT_EQ(core::testing::QueryRows(*kiosk.store,
                                     "SELECT family_name || '|' || phone FROM person "
                                     "WHERE id = '43-1'"),
            std::vector<std::string>{"Kazlauskienė|+37060000000"});
}

TEST(ApplyPullTest, AnErasureOverwritesEvenPendingColumns) {
  Kiosk kiosk;
  ReplyApplier applier(*kiosk.store);
  SyncResponse first;
  first.changes = {PulledPerson(1, "43-1", kiosk.catalog.center_id)};
  first.next = 1;
  ASSERT_TRUE(applier.Apply(std::nullopt, first, 0, kiosk.clock.NowMs()).ok());
  ASSERT_OK(kiosk.store->db().Exec(
      "UPDATE person SET given_name = 'Jonukas', hlc = sync_hlc() WHERE id = '43-1'"));
  SyncResponse erased;
  erased.changes = {{2, "person", "43-1", core::MakeHlc(core::testing::kTestNowMs + 9, 0), 0,
                     "{\"given_name\":\"\",\"family_name\":\"\",\"erased\":1}"}};
  erased.next = 2;
  ASSERT_TRUE(applier.Apply(std::nullopt, erased, 0, kiosk.clock.NowMs()).ok());
  EXPECT_EQ(core::testing::QueryRows(*kiosk.store,
                                     "SELECT given_name || '|' || erased FROM person "
                                     "WHERE id = '43-1'"),
            std::vector<std::string>{"|1"});
}

// A newer server may send a table or a column this kiosk's schema does not have yet: the kiosk
// keeps what it can hold and goes on syncing (an older kiosk must not be stuck until updated).
TEST(ApplyPullTest, AnUnknownTableOrColumnFromANewerServerIsSkipped) {
  Kiosk kiosk;
  ReplyApplier applier(*kiosk.store);
  SyncResponse reply;
  reply.changes = {
      PulledPerson(1, "43-1", kiosk.catalog.center_id),
      {2, "person", "43-1", core::MakeHlc(core::testing::kTestNowMs, 8), 43,
       "{\"village\":\"Salos\",\"shoe_size\":41}"},
      {3, "person", "43-2", core::MakeHlc(core::testing::kTestNowMs, 8), 43, "{\"shoe_size\":41}"},
      {4, "protection_flag", "x", 1, 0, "{}"}};
  reply.next = 4;
  ASSERT_OK(applier.Apply(std::nullopt, reply, 0, kiosk.clock.NowMs()));
  EXPECT_EQ(core::testing::QueryRows(*kiosk.store, "SELECT village FROM person WHERE id = '43-1'"),
            std::vector<std::string>{"Salos"});
  EXPECT_EQ(kiosk.Int("SELECT count(*) FROM person WHERE id = '43-2'"), 0);
}

// The kiosk marks a resident present and syncs; the same reply acknowledges the mark and brings
// another kiosk's older mark of the same session, logged on the server before this one. The
// server kept this kiosk's mark (it is newer) and never sends a device its own changes back, so
// the kiosk must keep it too. A newer mark from elsewhere is taken.
TEST(ApplyPullTest, AnOlderEntryDoesNotOverwriteAnAcknowledgedChange) {
  Kiosk kiosk;
  const std::string person = kiosk.AddPeople(1);
  auto mark = core::AttendanceRepository(*kiosk.store)
                  .Mark(kiosk.catalog.session_id, person, core::AttendanceMark::kPresent, "here");
  ASSERT_TRUE(mark.ok()) << mark.error().message;
  const std::string id = core::DeterministicId("attendance", kiosk.catalog.session_id, person);
  const uint64_t own =
      static_cast<uint64_t>(kiosk.Int("SELECT hlc FROM attendance WHERE id = '" + id + "'"));
  auto frozen = BatchBuilder(*kiosk.store).Freeze(kStartBatchBytes);
  ASSERT_TRUE(frozen.ok() && frozen->has_value());
  SyncRequest sent;
  sent.push = (*frozen)->push;
  SyncResponse reply = AckOf(sent, {}, kTestNowMs);
  const std::string older = R"({"mark":"absent","marked_by":"there"})";
  reply.changes = {{11, "attendance", id, own - 5, 43, older}};
  reply.next = 11;
  ASSERT_TRUE(ReplyApplier(*kiosk.store).Apply(*frozen, reply, 0, kiosk.clock.NowMs()).ok());
  EXPECT_EQ(
      core::testing::QueryRows(*kiosk.store, "SELECT mark || '|' || marked_by FROM attendance"),
      std::vector<std::string>{"present|here"});

  SyncResponse later;
  later.changes = {{12, "attendance", id, own + 5, 43, older}};
  later.next = 12;
  ASSERT_TRUE(ReplyApplier(*kiosk.store).Apply(std::nullopt, later, 0, kiosk.clock.NowMs()).ok());
  EXPECT_EQ(
      core::testing::QueryRows(*kiosk.store, "SELECT mark || '|' || marked_by FROM attendance"),
      std::vector<std::string>{"absent|there"});
  EXPECT_EQ(kiosk.Int("SELECT count(*) FROM field_clock"), 0);  // caught up: nothing kept
}

// A kiosk whose clock ran years ahead stamps its changes in the future; the server replaces such
// stamps with its own and sends the change back, so a future stamp protects nothing.
TEST(ApplyPullTest, AClampedStampDoesNotProtectTheChange) {
  Kiosk kiosk;
  kiosk.clock.SetWallMs(kTestNowMs + 3LL * 365 * 24 * 3600 * 1000);
  const std::string person = kiosk.AddPeople(1);
  auto frozen = BatchBuilder(*kiosk.store).Freeze(kStartBatchBytes);
  ASSERT_TRUE(frozen.ok() && frozen->has_value());
  SyncRequest sent;
  sent.push = (*frozen)->push;
  SyncResponse reply = AckOf(sent, {}, kTestNowMs);
  reply.changes = {{11, "person", person, core::MakeHlc(kTestNowMs, 1), 0,
                    R"({"given_name":"Ona0","family_name":"Petraitienė-Server"})"}};
  reply.next = 11;
  reply.more = true;  // the kept stamps would survive this reply
  ASSERT_TRUE(ReplyApplier(*kiosk.store).Apply(*frozen, reply, 0, kiosk.clock.NowMs()).ok());
  EXPECT_EQ(core::testing::QueryRows(*kiosk.store, "SELECT family_name FROM person"),
            std::vector<std::string>{"Petraitienė-Server"});
}

TEST(ApplyPullTest, AnAckForAnotherBatchIsRefused) {
  Kiosk kiosk;
  kiosk.AddPeople(1);
  auto frozen = BatchBuilder(*kiosk.store).Freeze(kStartBatchBytes);
  ASSERT_TRUE(frozen.ok() && frozen->has_value());
  SyncResponse reply;
  reply.ack = Ack{7, false, {}};
  EXPECT_FALSE(ReplyApplier(*kiosk.store).Apply(*frozen, reply, 0, 0).ok());
  EXPECT_EQ(kiosk.Int("SELECT count(*) FROM outbox"), 1);
}

}  // namespace
}  // namespace raida::sync::testing
