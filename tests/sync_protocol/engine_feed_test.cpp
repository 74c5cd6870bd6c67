// What the server's pull feed tells kiosks after erasures, merges, redirects and superseded
// writes: every entry must be one the kiosks of its scope can apply, and every change a kiosk
// pushed that the server rewrote must come back to that kiosk. (Found by the convergence
// simulation, tests/sim; these pin each case down without it.)
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engine_fixture.h"

namespace raida::server {
namespace {

using sync::ChangeOutcome;

std::string PersonCols(const std::string& center, const std::string& name) {
  return R"({"family_name":"Test","given_name":")" + name + R"(","home_center_id":")" + center +
         R"(","language":"lt"})";
}

std::string MarkCols(const std::string& session, const std::string& person,
                     const std::string& mark) {
  return R"({"mark":")" + mark + R"(","person_id":")" + person + R"(","session_id":")" + session +
         R"(","marked_by":"k","deleted":0})";
}

class FeedTest : public EngineTest {
 protected:
  static std::vector<sync::PulledChange> Of(const std::vector<sync::PulledChange>& changes,
                                            const std::string& pk) {
    std::vector<sync::PulledChange> out;
    for (const auto& change : changes) {
      if (change.pk == pk) {
        out.push_back(change);
      }
    }
    return out;
  }

  int64_t Head() { return Int("SELECT coalesce(max(server_seq), 0) FROM change_log"); }
};

// The scrub of an erased person's earlier entries keeps what a kiosk needs to insert the row.
TEST_F(FeedTest, AnErasedPersonsFirstEntryStillCreatesTheRow) {
  const int64_t a = NewDevice("center.bajorai");
  Push(a, {Change(a, "person", "1-e", PersonCols("center.bajorai", "Ona"))});
  ASSERT_TRUE(engine_->ErasePerson("1-e").ok());
  const auto entries = Of(PullAll(NewDevice("center.bajorai")), "1-e");
  ASSERT_FALSE(entries.empty());
  const auto first = nlohmann::json::parse(entries.front().cols_json);
  EXPECT_EQ(first.value("home_center_id", ""), "center.bajorai") << entries.front().cols_json;
  EXPECT_EQ(first.value("given_name", "?"), "") << entries.front().cols_json;
  EXPECT_EQ(first.value("family_name", "?"), "") << entries.front().cols_json;
}

// The same resident registered at Salos (loser) and Bajorai (winner): Salos kiosks get the
// winner in full before the redirect, and from then on the winner's changes; Bajorai kiosks get
// nothing of the loser they never had.
TEST_F(FeedTest, AMergeAcrossCentersPublishesTheWinnerToTheLosersCenter) {
  const int64_t salos = NewDevice("center.salos");
  const int64_t bajorai = NewDevice("center.bajorai");
  Push(salos, {Change(salos, "person", "s-1", PersonCols("center.salos", "Ona"))});
  Push(bajorai, {Change(bajorai, "person", "b-1", PersonCols("center.bajorai", "Ona"))});
  const std::string session = "offering.bajorai.1.s1";
  const std::string mark = core::DeterministicId("attendance", session, "b-1");
  Push(bajorai, {Change(bajorai, "attendance", mark, MarkCols(session, "b-1", "present"))});
  const int64_t before = Head();
  ASSERT_TRUE(engine_->MergePeople("s-1", "b-1").ok());

  const auto at_salos = PullAll(salos, before);
  const auto winner = Of(at_salos, "b-1");
  ASSERT_FALSE(winner.empty());
  EXPECT_NE(winner.front().cols_json.find("\"home_center_id\":\"center.bajorai\""),
            std::string::npos);
  ASSERT_FALSE(Of(at_salos, mark).empty());
  EXPECT_NE(Of(at_salos, mark).front().cols_json.find("session_id"), std::string::npos);
  EXPECT_TRUE(Of(PullAll(bajorai, before), "s-1").empty());

  const int64_t merged = Head();
  Push(bajorai, {Change(bajorai, "person", "b-1", R"({"phone":"+37060000001"})")});
  EXPECT_EQ(Of(PullAll(salos, merged), "b-1").size(), 1u);
}

// A kiosk that has not heard of a merge marks the merged (loser) person: the mark lands on the
// surviving person's record, and that record comes back to the kiosk that made it.
TEST_F(FeedTest, ARedirectedChangeComesBackToItsKiosk) {
  const int64_t a = NewDevice("center.bajorai");
  ASSERT_TRUE(engine_->MergePeople("person.demo.02", "person.demo.03").ok());
  const int64_t head = Head();
  const std::string session = "offering.bajorai.1.s1";
  const std::string pushed = core::DeterministicId("attendance", session, "person.demo.02");
  const auto reply = Push(
      a, {Change(a, "attendance", pushed, MarkCols(session, "person.demo.02", "excused"))}, head);
  ASSERT_EQ(reply.ack->results.size(), 1u);
  EXPECT_EQ(reply.ack->results[0].outcome, ChangeOutcome::kRedirected);
  const auto moved =
      Of(reply.changes, core::DeterministicId("attendance", session, "person.demo.03"));
  ASSERT_EQ(moved.size(), 1u);
  EXPECT_NE(moved.front().cols_json.find("excused"), std::string::npos);
}

// A kiosk changed a mark of a resident who was erased meanwhile: the change is refused, and the
// kiosk is sent the record as the server keeps it.
TEST_F(FeedTest, AnErasedChangeOfAStoredRecordSendsTheRecordBack) {
  const int64_t a = NewDevice("center.bajorai");
  const std::string session = "offering.bajorai.1.s1";
  const std::string mark = core::DeterministicId("attendance", session, "person.demo.01");
  Push(a, {Change(a, "attendance", mark, MarkCols(session, "person.demo.01", "present"))});
  ASSERT_TRUE(engine_->ErasePerson("person.demo.01").ok());
  const auto reply = Push(a, {Change(a, "attendance", mark, R"({"mark":"absent"})")}, Head());
  ASSERT_EQ(reply.ack->results.size(), 1u);
  EXPECT_EQ(reply.ack->results[0].outcome, ChangeOutcome::kErased);
  const auto back = Of(reply.changes, mark);
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(back.front().origin, 0);
  EXPECT_NE(back.front().cols_json.find("\"mark\":\"present\""), std::string::npos);
  EXPECT_NE(back.front().cols_json.find("session_id"), std::string::npos);
}

// An offline sign-up for a resident the district office erased meanwhile: the server keeps it
// as a tombstone, and the kiosk that made it is sent that, so its copy ends deleted too.
TEST_F(FeedTest, AnErasedPersonsNewRecordComesBackAsATombstone) {
  const int64_t a = NewDevice("center.bajorai");
  Push(a, {Change(a, "person", "1-e", PersonCols("center.bajorai", "Ona"))});
  ASSERT_TRUE(engine_->ErasePerson("1-e").ok());
  const std::string id = core::DeterministicId("enrollment", "offering.bajorai.1", "1-e");
  const auto reply = Push(
      a,
      {Change(a, "enrollment", id,
              R"({"deleted":0,"needs":"[]","offering_id":"offering.bajorai.1","person_id":"1-e",)"
              R"("reason":"","requested_at_ms":1,"status":"requested"})")},
      Head());
  ASSERT_EQ(reply.ack->results.size(), 1u);
  EXPECT_EQ(reply.ack->results[0].outcome, ChangeOutcome::kErased);
  const auto back = Of(reply.changes, id);
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(back.front().origin, 0);
  EXPECT_NE(back.front().cols_json.find("\"deleted\":1"), std::string::npos);
  EXPECT_NE(back.front().cols_json.find("offering_id"), std::string::npos);
  EXPECT_EQ(Int("SELECT count(*) FROM enrollment WHERE id = '" + id + "' AND deleted = 0"), 0);
}

// A patch (some columns) of a stored last-writer-wins row is applied, not refused.
TEST_F(FeedTest, APatchOfAStoredRowIsApplied) {
  const int64_t a = NewDevice("center.bajorai");
  const std::string session = "offering.bajorai.1.s1";
  const std::string mark = core::DeterministicId("attendance", session, "person.demo.01");
  Push(a, {Change(a, "attendance", mark, MarkCols(session, "person.demo.01", "present"))});
  const auto reply = Push(a, {Change(a, "attendance", mark, R"({"mark":"absent"})")});
  EXPECT_TRUE(reply.ack->results.empty());
  EXPECT_EQ(Text("SELECT mark FROM attendance WHERE id = '" + mark + "'"), "absent");
}

// A superseded write is answered with the server's value under the stamp of the write that won,
// so a kiosk compares it with its own writes as the server did.
TEST_F(FeedTest, ASupersededWriteIsToldWithTheWinningStamp) {
  const int64_t a = NewDevice("center.bajorai");
  const int64_t b = NewDevice("center.bajorai");
  const std::string session = "offering.bajorai.1.s1";
  const std::string mark = core::DeterministicId("attendance", session, "person.demo.01");
  const uint64_t older = Stamp();
  const uint64_t newer = Stamp();
  Push(a, {Change(a, "attendance", mark, MarkCols(session, "person.demo.01", "present"), newer)});
  const int64_t head = Head();
  const auto reply =
      Push(b, {Change(b, "attendance", mark, MarkCols(session, "person.demo.01", "absent"), older)},
           head);
  ASSERT_EQ(reply.ack->results.size(), 1u);
  EXPECT_EQ(reply.ack->results[0].outcome, ChangeOutcome::kSuperseded);
  const auto told = Of(reply.changes, mark);
  ASSERT_EQ(told.size(), 1u);
  EXPECT_EQ(told.front().hlc, newer);
  EXPECT_EQ(told.front().origin, a);
}

}  // namespace
}  // namespace raida::server
