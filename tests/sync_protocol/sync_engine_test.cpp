// The server's sync engine driven directly: devices, exactly-once batches, every merge rule,
// scoping, quarantine, erasure and person merge.
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "engine_fixture.h"
#include "raida/core/store.h"

namespace raida::server {
namespace {

using sync::ChangeOutcome;

std::string NewPersonCols(const std::string& center, const std::string& name) {
  return R"({"family_name":"Test","given_name":")" + name + R"(","home_center_id":")" + center +
         R"(","language":"lt"})";
}

const sync::ChangeResult* ResultFor(const sync::SyncResponse& response, int64_t seq) {
  for (const auto& result : response.ack->results) {
    if (result.seq == seq) {
      return &result;
    }
  }
  return nullptr;
}

// A kiosk still on an older schema pulls only what it can hold (the server downcasts): no table
// and no column newer than its schema, and its cursor still reaches the head of the log.
TEST_F(EngineTest, PullsAreDowncastToTheKiosksSchema) {
  const int64_t kiosk = NewDevice("center.bajorai");
  // A certificate entry at the head of the log (schema 4 added the table).
  ASSERT_TRUE(store_->db()
                  .Exec("INSERT INTO change_log(scope, tbl, pk, hlc, origin, cols) VALUES "
                        "('center.bajorai', 'certificate', 'cert-1', 1, 0, '{\"hours\":8}')")
                  .ok());
  for (const int schema : {core::LatestSchemaVersion(), 6, 3}) {
    SCOPED_TRACE(schema);
    schema_ = schema;
    std::set<std::string> tables;
    bool person_with_gender = false;
    int64_t cursor = 0;
    const auto changes = PullAll(kiosk, 0, 2048, &cursor);
    EXPECT_EQ(cursor, Int("SELECT max(server_seq) FROM change_log"));
    for (const auto& change : changes) {
      tables.insert(change.table);
      if (change.table == "person") {
        person_with_gender =
            person_with_gender || change.cols_json.find("\"gender\"") != std::string::npos;
      }
    }
    EXPECT_EQ(person_with_gender, schema >= 7);
    EXPECT_EQ(tables.count("certificate"), schema >= 4 ? 1u : 0u);
    EXPECT_TRUE(tables.count("person") && tables.count("course"));
  }
}

TEST_F(EngineTest, ProvisioningCodesAreOneTime) {
  auto code = engine_->IssueProvisioningCode("center.bajorai");
  ASSERT_TRUE(code.ok());
  EXPECT_TRUE(std::regex_match(code->code, std::regex("[0-9]{4}-[0-9]{4}-[0-9]{4}")));
  auto device = engine_->Provision(code->code, "Bajorai kiosk 1");
  ASSERT_TRUE(device.ok()) << device.error().message;
  EXPECT_GE(device->device_no, 1);
  EXPECT_EQ(device->secret.size(), 32u);
  EXPECT_EQ(device->center_id, "center.bajorai");
  EXPECT_EQ(engine_->Provision(code->code, "again").error().code, core::ErrorCode::kUnauthorized);
  EXPECT_EQ(engine_->Provision("1234-5678-9012", "x").error().code, core::ErrorCode::kUnauthorized);
  auto expiring = engine_->IssueProvisioningCode("center.salos", 1000);
  clock_.Advance(2000);
  EXPECT_EQ(engine_->Provision(expiring->code, "late").error().code,
            core::ErrorCode::kUnauthorized);
  EXPECT_EQ(engine_->IssueProvisioningCode("center.nowhere").error().code,
            core::ErrorCode::kNotFound);
  EXPECT_EQ(
      Text("SELECT center_id FROM device WHERE device_no = " + std::to_string(device->device_no)),
      "center.bajorai");
  ASSERT_TRUE(engine_->RevokeDevice(device->device_no).ok());
  EXPECT_EQ(
      Text("SELECT status FROM device WHERE device_no = " + std::to_string(device->device_no)),
      "revoked");
}

TEST_F(EngineTest, PersonFieldsAreLastWriterWinsPerField) {
  const int64_t a = NewDevice("center.bajorai");
  const int64_t b = NewDevice("center.bajorai");
  Push(a, {Change(a, "person", "1-1", NewPersonCols("center.bajorai", "Ona"), Stamp(-10000))});
  // Concurrent edits of different fields both survive; an older edit of the same field loses.
  const auto rb = Push(b, {Change(b, "person", "1-1", R"({"phone":"+37060000000"})", Stamp(-5000)),
                           Change(b, "person", "1-1", R"({"given_name":"Old"})", Stamp(-20000))});
  ASSERT_TRUE(rb.ack.has_value());
  ASSERT_NE(ResultFor(rb, seq_[b]), nullptr);
  EXPECT_EQ(ResultFor(rb, seq_[b])->outcome, ChangeOutcome::kSuperseded);
  Push(a, {Change(a, "person", "1-1", R"({"village":"Bajorai"})", Stamp(-1000))});
  EXPECT_EQ(Text("SELECT given_name || '|' || phone || '|' || village FROM person WHERE id='1-1'"),
            "Ona|+37060000000|Bajorai");
  Push(b, {Change(b, "person", "1-1", R"({"given_name":"Onutė","erased":1})", Stamp(1000))});
  EXPECT_EQ(Text("SELECT given_name || erased FROM person WHERE id='1-1'"), "Onutė0");
}

TEST_F(EngineTest, LearningProgressNeverGoesBackwards) {
  const int64_t a = NewDevice("center.bajorai");
  const std::string id = core::DeterministicId("progress", "person.demo.01", "lesson.1");
  Push(
      a,
      {Change(
          a, "lesson_progress", id,
          R"({"best_score":80,"completed":1,"course_id":"course.computer-first-steps",)"
          R"("lesson_id":"lesson.1","page":5,"person_id":"person.demo.01","seconds_spent":300})")});
  const auto reply =
      Push(a, {Change(a, "lesson_progress", id,
                      R"({"best_score":50,"completed":0,"page":7,"seconds_spent":200})")});
  EXPECT_EQ(Text("SELECT best_score || ',' || completed || ',' || page || ',' || seconds_spent "
                 "FROM lesson_progress WHERE id='" +
                 id + "'"),
            "80,1,7,300");
  EXPECT_EQ(Int("SELECT count(*) FROM change_log WHERE tbl='lesson_progress' AND origin=0"), 1);
  (void)reply;
}

TEST_F(EngineTest, SeatsAreDecidedInArrivalOrderAndCancellationPromotes) {
  const std::string offering = "offering.bajorai.1";
  const int64_t capacity = Int("SELECT capacity FROM course_offering WHERE id='" + offering + "'");
  const int64_t a = NewDevice("center.bajorai");
  std::vector<std::string> enrollments;
  sync::SyncResponse last;
  for (int i = 0; i < static_cast<int>(capacity) + 3; ++i) {
    const std::string person = "1-p" + std::to_string(i);
    const std::string enrollment = core::DeterministicId("enrollment", offering, person);
    enrollments.push_back(enrollment);
    last = Push(a, {Change(a, "person", person, NewPersonCols("center.bajorai", "P")),
                    Change(a, "enrollment", enrollment,
                           R"({"offering_id":")" + offering + R"(","person_id":")" + person +
                               R"(","requested_at_ms":1,"status":"requested"})")});
  }
  const std::string held = "SELECT count(*) FROM enrollment WHERE offering_id='" + offering +
                           "' AND deleted=0 AND status IN ('confirmed','attended','completed')";
  EXPECT_EQ(Int(held), capacity);
  ASSERT_EQ(last.ack->results.size(), 1u);
  EXPECT_EQ(last.ack->results[0].outcome, ChangeOutcome::kWaitlisted);
  const int64_t waitlisted =
      Int("SELECT count(*) FROM enrollment WHERE status='waitlisted' AND offering_id='" + offering +
          "'");
  EXPECT_EQ(last.ack->results[0].detail, std::to_string(waitlisted));
  // Cancel a confirmed seat: the first request of ours still waiting is promoted by the server.
  const std::string confirmed = Text(
      "SELECT id FROM enrollment WHERE status='confirmed' AND "
      "offering_id='" +
      offering + "' LIMIT 1");
  const std::string first_waiting = Text(
      "SELECT e.id FROM enrollment e LEFT JOIN seat_request s ON s.enrollment_id=e.id WHERE "
      "e.status='waitlisted' AND e.offering_id='" +
      offering + "' ORDER BY coalesce(s.arrival,0), e.requested_at_ms, e.id LIMIT 1");
  Push(a, {Change(a, "enrollment", confirmed, R"({"status":"cancelled"})")});
  EXPECT_EQ(Text("SELECT status FROM enrollment WHERE id='" + first_waiting + "'"), "confirmed");
  EXPECT_EQ(Int(held), capacity);
  EXPECT_GE(Int("SELECT count(*) FROM change_log WHERE tbl='enrollment' AND origin=0 AND pk='" +
                first_waiting + "'"),
            1);
}

TEST_F(EngineTest, CapacityHoldsWithManyDevicesRacing) {
  const std::string offering = "offering.bajorai.2";
  const int64_t capacity = Int("SELECT capacity FROM course_offering WHERE id='" + offering + "'");
  std::vector<int64_t> devices;
  for (int d = 0; d < 5; ++d) {
    devices.push_back(NewDevice("center.bajorai"));
  }
  for (int round = 0; round < 6; ++round) {
    for (const int64_t device : devices) {
      const std::string person = std::to_string(device) + "-r" + std::to_string(round);
      Push(device,
           {Change(device, "person", person, NewPersonCols("center.bajorai", "R")),
            Change(device, "enrollment", core::DeterministicId("enrollment", offering, person),
                   R"({"offering_id":")" + offering + R"(","person_id":")" + person +
                       R"(","requested_at_ms":1,"status":"confirmed"})")});
    }
  }
  EXPECT_EQ(Int("SELECT count(*) FROM enrollment WHERE offering_id='" + offering +
                "' AND deleted=0 AND status IN ('confirmed','attended','completed')"),
            capacity);
  EXPECT_GT(Int("SELECT count(*) FROM enrollment WHERE status='waitlisted' AND offering_id='" +
                offering + "'"),
            0);
}

TEST_F(EngineTest, BatchesAreAppliedExactlyOnce) {
  const int64_t a = NewDevice("center.bajorai");
  const sync::PushChange change = Change(a, "person", "1-x", NewPersonCols("center.bajorai", "X"));
  const sync::SyncRequest request = Request(a, {change});
  const HttpReply first = engine_->HandleSync(a, sync::SerializeRequest(request));
  ASSERT_EQ(first.status, 200) << first.body;
  const int64_t logged = Int("SELECT count(*) FROM change_log");
  const HttpReply again = engine_->HandleSync(a, sync::SerializeRequest(request));
  ASSERT_EQ(again.status, 200);
  auto replayed = sync::ParseResponse(again.body);
  ASSERT_TRUE(replayed.ok());
  EXPECT_TRUE(replayed->ack->replayed);
  auto original = sync::ParseResponse(first.body);
  original->ack->replayed = true;
  EXPECT_EQ(sync::SerializeResponse(*replayed), sync::SerializeResponse(*original));
  EXPECT_EQ(Int("SELECT count(*) FROM change_log"), logged);
  // Same number, other content: refused.
  sync::SyncRequest other = request;
  other.push->changes[0].cols_json = NewPersonCols("center.bajorai", "Y");
  const HttpReply conflict = engine_->HandleSync(a, sync::SerializeRequest(other));
  EXPECT_EQ(conflict.status, 409);
  EXPECT_NE(conflict.body.find("batch_conflict"), std::string::npos);
  // A gap: batch 3 before batch 2.
  sync::SyncRequest gap = request;
  gap.push->batch = 3;
  const HttpReply gapped = engine_->HandleSync(a, sync::SerializeRequest(gap));
  EXPECT_EQ(gapped.status, 409);
  EXPECT_NE(gapped.body.find("\"expected\":2"), std::string::npos) << gapped.body;
  EXPECT_EQ(Int("SELECT count(*) FROM person WHERE id='1-x' AND given_name='X'"), 1);
}

TEST_F(EngineTest, ADeviceReceivesOnlyItsScope) {
  const int64_t bajorai = NewDevice("center.bajorai");
  const int64_t salos = NewDevice("center.salos");
  Push(salos, {Change(salos, "person", "s-1", NewPersonCols("center.salos", "Salos"))});
  std::set<std::string> tables;
  int64_t cursor = 0;
  for (int page = 0; page < 100; ++page) {
    sync::SyncRequest request = Request(bajorai, {}, cursor);
    request.max_bytes = 4096;
    auto reply =
        sync::ParseResponse(engine_->HandleSync(bajorai, sync::SerializeRequest(request)).body);
    ASSERT_TRUE(reply.ok());
    for (const auto& change : reply->changes) {
      tables.insert(change.table);
      if (change.table == "person") {
        EXPECT_EQ(Text("SELECT home_center_id FROM person WHERE id='" + change.pk + "'"),
                  "center.bajorai");
      }
      EXPECT_NE(change.table, "audit_log");
    }
    cursor = reply->next;
    if (!reply->more) {
      break;
    }
  }
  EXPECT_EQ(cursor, Int("SELECT max(server_seq) FROM change_log"));
  EXPECT_TRUE(tables.count("course") && tables.count("person") && tables.count("enrollment"));
}

TEST_F(EngineTest, BadChangesAreQuarantinedAndTheRestApplied) {
  const int64_t a = NewDevice("center.bajorai");
  const auto reply = Push(
      a, {Change(a, "person", "1-q", NewPersonCols("center.bajorai", "Q")),
          Change(a, "no_such_table", "x", "{}"),
          Change(a, "course", "course.english", R"({"hours":1})"),
          Change(a, "attendance", "att-1",
                 R"({"mark":"present","person_id":"nobody","session_id":"offering.bajorai.1.s1"})"),
          Change(a, "person", "1-q", R"({"shoe_size":44})"),
          Change(a, "person", "1-q", R"({"language":"xx"})"),
          Change(a, "person", "1-r", NewPersonCols("center.bajorai", "R"))});
  ASSERT_EQ(reply.ack->results.size(), 5u);
  EXPECT_EQ(reply.ack->results[0].detail, "unknown_table");
  EXPECT_EQ(reply.ack->results[1].detail, "read_only");
  EXPECT_EQ(reply.ack->results[2].detail, "missing_parent:person_id");
  EXPECT_EQ(reply.ack->results[3].detail, "unknown_column:shoe_size");
  EXPECT_EQ(reply.ack->results[4].detail.rfind("constraint", 0), 0u);
  EXPECT_EQ(Int("SELECT count(*) FROM quarantine"), 5);
  EXPECT_EQ(Int("SELECT count(*) FROM person WHERE id IN ('1-q','1-r')"), 2);
}

TEST_F(EngineTest, ErasureWinsAndIsNotResurrected) {
  const int64_t a = NewDevice("center.bajorai");
  ASSERT_TRUE(engine_->ErasePerson("person.demo.01").ok());
  EXPECT_EQ(Text("SELECT given_name || erased FROM person WHERE id='person.demo.01'"), "1");
  const auto reply = Push(
      a,
      {Change(a, "person", "person.demo.01", R"({"given_name":"Back"})", Stamp(60000)),
       Change(
           a, "attendance",
           core::DeterministicId("attendance", "offering.bajorai.1.s1", "person.demo.01"),
           R"({"mark":"present","person_id":"person.demo.01","session_id":"offering.bajorai.1.s1"})")});
  ASSERT_EQ(reply.ack->results.size(), 2u);
  EXPECT_EQ(reply.ack->results[0].outcome, ChangeOutcome::kErased);
  EXPECT_EQ(reply.ack->results[1].outcome, ChangeOutcome::kErased);
  EXPECT_EQ(Text("SELECT given_name || erased FROM person WHERE id='person.demo.01'"), "1");
  EXPECT_EQ(Int("SELECT count(*) FROM change_log WHERE tbl='person' AND pk='person.demo.01' AND "
                "cols LIKE '%\"given_name\":\"%' AND cols NOT LIKE '%\"given_name\":\"\"%'"),
            0);
}

TEST_F(EngineTest, PushesForAMergedPersonAreRedirected) {
  const int64_t a = NewDevice("center.bajorai");
  ASSERT_TRUE(engine_->MergePeople("person.demo.02", "person.demo.03").ok());
  EXPECT_EQ(Text("SELECT merged_into FROM person WHERE id='person.demo.02'"), "person.demo.03");
  const std::string session = "offering.bajorai.1.s1";
  const auto reply = Push(
      a, {Change(a, "attendance", core::DeterministicId("attendance", session, "person.demo.02"),
                 R"({"mark":"present","person_id":"person.demo.02","session_id":")" + session +
                     "\"}")});
  ASSERT_EQ(reply.ack->results.size(), 1u);
  EXPECT_EQ(reply.ack->results[0].outcome, ChangeOutcome::kRedirected);
  EXPECT_EQ(reply.ack->results[0].detail, "person.demo.03");
  EXPECT_EQ(Text("SELECT person_id FROM attendance WHERE id='" +
                 core::DeterministicId("attendance", session, "person.demo.03") + "'"),
            "person.demo.03");
  EXPECT_EQ(Int("SELECT count(*) FROM enrollment WHERE person_id='person.demo.02' AND deleted=0"),
            0);
}

// A kiosk sends a merged person's whole row again (a restored copy: its merged_into, still
// empty, waiting in its outbox while the merge came down, so the merge was not taken). The reply
// sends the row back with merged_into as the server holds it, or the kiosk would keep the
// merged person as a live one.
TEST_F(EngineTest, AMergedPersonsRowSentAgainComesBackMerged) {
  const int64_t a = NewDevice("center.bajorai");
  const std::string loser = std::to_string(a) + "-l";
  Push(a, {Change(a, "person", loser, NewPersonCols("center.bajorai", "L"))});
  ASSERT_TRUE(engine_->MergePeople(loser, "person.demo.03").ok());
  int64_t cursor = 0;
  PullAll(a, 0, 0, &cursor);
  std::string cols = NewPersonCols("center.bajorai", "L");
  cols.insert(cols.size() - 1, R"(,"merged_into":null)");
  const auto reply = Push(a, {Change(a, "person", loser, cols)});
  ASSERT_EQ(reply.ack->results.size(), 1u);
  EXPECT_EQ(reply.ack->results[0].outcome, ChangeOutcome::kRedirected);
  std::string told = "<none>";
  for (const sync::PulledChange& change : PullAll(a, cursor)) {
    const auto values = nlohmann::json::parse(change.cols_json);
    if (change.pk == loser && values.contains("merged_into")) {
      told = values["merged_into"].is_null() ? "null" : values["merged_into"].get<std::string>();
    }
  }
  EXPECT_EQ(told, "person.demo.03");
  EXPECT_EQ(Text("SELECT merged_into FROM person WHERE id='" + loser + "'"), "person.demo.03");
}

TEST_F(EngineTest, StampsFarAheadAreClamped) {
  const int64_t a = NewDevice("center.bajorai");
  Push(a, {Change(a, "person", "1-f", NewPersonCols("center.bajorai", "F"),
                  Stamp(10LL * 365 * 24 * 3600 * 1000))});
  EXPECT_LE(core::HlcMs(static_cast<uint64_t>(Int("SELECT hlc FROM person WHERE id='1-f'"))),
            clock_.NowMs() + 5 * 60 * 1000);
  EXPECT_EQ(Int("SELECT clock_skew_count FROM server_device WHERE device_no=" + std::to_string(a)),
            1);
}

TEST_F(EngineTest, WhatAKioskReportsOfItselfIsKeptFromSuccessfulRequests) {
  const int64_t a = NewDevice("center.bajorai");
  const std::string device = " FROM server_device WHERE device_no=" + std::to_string(a);
  EXPECT_EQ(Text("SELECT coalesce(outbox_pending, 'none')" + device), "none");

  sync::SyncRequest request = Request(a, {});
  request.health = sync::KioskHealth{4, 3 * 24 * 3600 * 1000LL, 5'000'000'000};
  ASSERT_EQ(engine_->HandleSync(a, sync::SerializeRequest(request)).status, 200);
  EXPECT_EQ(Int("SELECT outbox_pending" + device), 4);
  // Since when, on the server's clock: the kiosk measured the age on its own.
  EXPECT_EQ(Int("SELECT outbox_oldest_ms" + device), clock_.NowMs() - 3 * 24 * 3600 * 1000LL);
  EXPECT_EQ(Int("SELECT disk_free_bytes" + device), 5'000'000'000);

  // A refused request (here: another database) does not overwrite what was last known.
  request.epoch = "ffff";
  request.health = sync::KioskHealth{0, 0, -1};
  EXPECT_EQ(engine_->HandleSync(a, sync::SerializeRequest(request)).status, 409);
  EXPECT_EQ(Int("SELECT outbox_pending" + device), 4);

  // An empty outbox has no oldest change; an unknown disk keeps the last known figure.
  request = Request(a, {});
  request.health = sync::KioskHealth{0, 0, -1};
  ASSERT_EQ(engine_->HandleSync(a, sync::SerializeRequest(request)).status, 200);
  EXPECT_EQ(Int("SELECT outbox_pending" + device), 0);
  EXPECT_EQ(Text("SELECT coalesce(outbox_oldest_ms, 'none')" + device), "none");
  EXPECT_EQ(Int("SELECT disk_free_bytes" + device), 5'000'000'000);
}

TEST_F(EngineTest, ARecreatedDatabaseIsRefused) {
  const int64_t a = NewDevice("center.bajorai");
  Push(a, {Change(a, "person", "1-e", NewPersonCols("center.bajorai", "E"))});
  sync::SyncRequest request =
      Request(a, {Change(a, "person", "1-e2", NewPersonCols("center.bajorai", "E"))});
  request.epoch = "ffff";
  request.push->batch = 1;
  const HttpReply reply = engine_->HandleSync(a, sync::SerializeRequest(request));
  EXPECT_EQ(reply.status, 409);
  EXPECT_NE(reply.body.find("epoch_mismatch"), std::string::npos);
}

// A copy from before some of its batches, with nothing to push, would otherwise pull on and
// never get back what it lost (nor the rows that refer to it): its "acked" gives it away.
TEST_F(EngineTest, ARestoredDatabaseWithNothingToPushIsToldToReconcile) {
  const int64_t a = NewDevice("center.bajorai");
  Push(a, {Change(a, "person", std::to_string(a) + "-k", NewPersonCols("center.bajorai", "K"))});
  sync::SyncRequest request = Request(a, {});
  request.acked = 0;  // the backup was taken before batch 1 was acknowledged
  HttpReply reply = engine_->HandleSync(a, sync::SerializeRequest(request));
  EXPECT_EQ(reply.status, 409);
  EXPECT_NE(reply.body.find("\"batch_conflict\""), std::string::npos) << reply.body;
  EXPECT_NE(reply.body.find("\"expected\":2"), std::string::npos) << reply.body;
  for (const int64_t acked : {int64_t{1}, int64_t{-1}}) {  // up to date, or an older kiosk
    request.acked = acked;
    reply = engine_->HandleSync(a, sync::SerializeRequest(request));
    EXPECT_EQ(reply.status, 200) << acked << " " << reply.body;
  }
}

// The same bytes as an earlier batch, after a later one: a restored copy whose frozen batch
// was sent before the backup was put back. Replaying it would let the copy pull on without the
// rows of the later batches; it must reconcile. The last batch alone is still replayed.
TEST_F(EngineTest, AnEarlierBatchSentAgainAfterALaterOneIsToldToReconcile) {
  const int64_t a = NewDevice("center.bajorai");
  const std::string id = std::to_string(a) + "-";
  const std::vector<sync::PushChange> first = {
      Change(a, "person", id + "f", NewPersonCols("center.bajorai", "F"))};
  const std::vector<sync::PushChange> second = {
      Change(a, "person", id + "s", NewPersonCols("center.bajorai", "S"))};
  Push(a, first);
  Push(a, second);
  sync::SyncRequest again = Request(a, first);
  again.push->batch = 1;
  HttpReply reply = engine_->HandleSync(a, sync::SerializeRequest(again));
  EXPECT_EQ(reply.status, 409);
  EXPECT_NE(reply.body.find("\"batch_conflict\""), std::string::npos) << reply.body;
  EXPECT_NE(reply.body.find("\"expected\":3"), std::string::npos) << reply.body;
  again = Request(a, second);
  again.push->batch = 2;
  reply = engine_->HandleSync(a, sync::SerializeRequest(again));
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_TRUE(sync::ParseResponse(reply.body)->ack->replayed);
}

TEST_F(EngineTest, ARestoredDatabaseReconcilesUnderANewEpochAndGetsItsOwnChangesBack) {
  const int64_t a = NewDevice("center.bajorai");
  const int64_t b = NewDevice("center.bajorai");
  const std::string id = std::to_string(a) + "-";
  Push(a, {Change(a, "person", id + "e", NewPersonCols("center.bajorai", "E"))});
  Push(a, {Change(a, "person", id + "z", NewPersonCols("center.bajorai", "Z"))});
  Push(b, {Change(b, "person", std::to_string(b) + "-b", NewPersonCols("center.bajorai", "B"))});
  const std::string device = " FROM server_device WHERE device_no = " + std::to_string(a);
  const std::string old_epoch = Text("SELECT db_epoch" + device);

  // Another epoch without "reconcile" is refused, with the batch expected.
  sync::SyncRequest request =
      Request(a, {Change(a, "person", id + "y", NewPersonCols("center.bajorai", "Y"))});
  request.epoch = "ffff";
  request.push->batch = 1;
  HttpReply reply = engine_->HandleSync(a, sync::SerializeRequest(request));
  EXPECT_EQ(reply.status, 409);
  EXPECT_NE(reply.body.find("\"expected\":3"), std::string::npos) << reply.body;
  // "reconcile" with a batch that does not go on from there changes nothing.
  request.reconcile = true;
  reply = engine_->HandleSync(a, sync::SerializeRequest(request));
  EXPECT_EQ(reply.status, 409);
  EXPECT_NE(reply.body.find("\"expected\":3"), std::string::npos) << reply.body;
  EXPECT_EQ(Text("SELECT db_epoch" + device), old_epoch);

  // The reconcile: the new epoch is recorded, the batch applied, and the pull from 0 holds the
  // device's own earlier changes (not the one it just sent, nor another kiosk's own to it).
  request.push->batch = 3;
  reply = engine_->HandleSync(a, sync::SerializeRequest(request));
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(Text("SELECT db_epoch" + device), "ffff");
  EXPECT_EQ(Int("SELECT last_batch" + device), 3);
  auto kiosk_people = [&](const std::vector<sync::PulledChange>& changes) {
    std::vector<std::string> pks;
    for (const sync::PulledChange& change : changes) {
      if (change.table == "person" && change.origin != 0) {
        pks.push_back(change.pk);
      }
    }
    return pks;
  };
  auto response = sync::ParseResponse(reply.body);
  ASSERT_TRUE(response.ok());
  std::vector<sync::PulledChange> pulled = response->changes;
  if (response->more) {
    request = Request(a, {}, response->next);
    request.epoch = "ffff";
    const auto rest =
        sync::ParseResponse(engine_->HandleSync(a, sync::SerializeRequest(request)).body);
    ASSERT_TRUE(rest.ok());
    pulled.insert(pulled.end(), rest->changes.begin(), rest->changes.end());
  }
  EXPECT_EQ(kiosk_people(pulled),
            (std::vector<std::string>{id + "e", id + "z", std::to_string(b) + "-b"}));
  // Device b was never restored: it still never receives its own changes.
  std::vector<std::string> b_pulled = kiosk_people(PullAll(b));
  EXPECT_EQ(b_pulled, (std::vector<std::string>{id + "e", id + "z", id + "y"}));
  // The copy under the old epoch is refused from now on.
  request = Request(a, {});
  request.epoch = old_epoch;
  EXPECT_EQ(engine_->HandleSync(a, sync::SerializeRequest(request)).status, 409);
}

TEST_F(EngineTest, TooOldToPullStillPushes) {
  SyncEngineOptions options;
  options.min_pull_schema = 3;
  engine_ = std::make_unique<SyncEngine>(*store_, clock_, options);
  schema_ = 2;
  const int64_t a = NewDevice("center.bajorai");
  const HttpReply reply = engine_->HandleSync(
      a, sync::SerializeRequest(
             Request(a, {Change(a, "person", "1-o", NewPersonCols("center.bajorai", "O"))})));
  EXPECT_EQ(reply.status, 426);
  EXPECT_NE(reply.body.find("\"ack\":{\"batch\":1"), std::string::npos) << reply.body;
  EXPECT_EQ(Int("SELECT count(*) FROM person WHERE id='1-o'"), 1);
}

}  // namespace
}  // namespace raida::server
