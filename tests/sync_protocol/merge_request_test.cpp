// A kiosk's merge request: a coordinator's "these two are one person" reaches the server as
// merged_into = winner pushed on the loser's row. Accepted, it merges exactly as the office's
// MergePeople does (the same rows end up with the same values, and later pushes naming the loser
// are redirected); refused (unknown winner, an erased person, a person of another center, the
// same person twice, a winner merged into someone else), it is set aside with its reason and the
// kiosk receives the person back as the server holds it; a resent batch or a second request
// does not merge twice.
#include <algorithm>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engine_fixture.h"

namespace raida::server {
namespace {

using sync::ChangeOutcome;

constexpr const char* kLoser = "person.demo.04";   // Bajorai: offering.bajorai.1 and .3
constexpr const char* kWinner = "person.demo.02";  // Bajorai: offering.bajorai.1

std::string MergeCols(const std::string& winner) {
  return R"({"merged_into":")" + winner + R"("})";
}

// What a merge leaves behind that a kiosk could see: each person's merged_into, and every
// enrollment, attendance mark and consent with its person, status and deletion.
std::string MergedState(core::Store& store) {
  std::string out;
  const char* queries[] = {
      "SELECT id || ' ' || coalesce(merged_into, '-') FROM person ORDER BY id",
      "SELECT id || ' ' || person_id || ' ' || status || ' ' || deleted FROM enrollment ORDER BY "
      "id",
      "SELECT id || ' ' || person_id || ' ' || deleted FROM attendance ORDER BY id",
      "SELECT id || ' ' || person_id || ' ' || deleted FROM consent ORDER BY id",
  };
  for (const char* sql : queries) {
    auto stmt = store.db().Prepare(sql);
    EXPECT_TRUE(stmt.ok()) << sql;
    while (stmt->Step().value()) {
      out += stmt->ColumnText(0) + "\n";
    }
  }
  return out;
}

class MergeRequestTest : public EngineTest {
 protected:
  // Pushes `loser`'s merged_into = `winner` from `device`; returns the outcome (kApplied when the
  // ack names no result for it) and, through `detail`, the reason or redirect.
  ChangeOutcome AskMerge(int64_t device, const std::string& loser, const std::string& winner,
                         std::string* detail = nullptr) {
    const auto reply = Push(device, {Change(device, "person", loser, MergeCols(winner))});
    if (!reply.ack || reply.ack->results.empty()) {
      return ChangeOutcome::kApplied;
    }
    if (detail != nullptr) {
      *detail = reply.ack->results[0].detail;
    }
    return reply.ack->results[0].outcome;
  }

  // Expects the request refused for `why`, set aside, nothing merged, and the kiosk told the
  // person's merged_into as the server holds it (by a server entry it receives).
  // `held`: the pushing kiosk's center holds the loser (else it has nothing to be told).
  void ExpectRefused(int64_t device, const std::string& loser, const std::string& winner,
                     const std::string& why, bool held = true) {
    int64_t cursor = 0;
    PullAll(device, 0, 0, &cursor);
    const int64_t set_aside = Int("SELECT count(*) FROM quarantine");
    const std::string before = MergedState(*store_);
    std::string detail;
    EXPECT_EQ(AskMerge(device, loser, winner, &detail), ChangeOutcome::kRejected) << why;
    EXPECT_EQ(detail, "merge_refused:" + why);
    EXPECT_EQ(Int("SELECT count(*) FROM quarantine"), set_aside + 1) << why;
    EXPECT_EQ(Text("SELECT reason FROM quarantine ORDER BY id DESC LIMIT 1"),
              "merge_refused:" + why);
    EXPECT_EQ(MergedState(*store_), before) << why << ": nothing merged";
    const auto pulled = PullAll(device, cursor);
    const auto back = std::find_if(pulled.begin(), pulled.end(), [&](const auto& c) {
      return c.table == "person" && c.pk == loser &&
             c.cols_json.find("merged_into") != std::string::npos;
    });
    if (!held) {
      EXPECT_EQ(back, pulled.end()) << why << ": nothing of the person's to send back";
      return;
    }
    ASSERT_NE(back, pulled.end()) << why << ": the kiosk gets the person back";
    EXPECT_EQ(back->origin, 0);
    const nlohmann::json stored =
        nlohmann::json::parse(Text("SELECT json_object('merged_into', merged_into) FROM "
                                   "person WHERE id = '" +
                                   loser + "'"));
    EXPECT_EQ(nlohmann::json::parse(back->cols_json)["merged_into"], stored["merged_into"]) << why;
  }
};

TEST_F(MergeRequestTest, ARequestMergesExactlyAsTheOfficeDoesAndLaterPushesAreRedirected) {
  // The office's merge on a twin server loaded the same way.
  core::ManualClock twin_clock{clock_.NowMs()};
  auto twin_store = core::Store::Open({":memory:"}, twin_clock);
  ASSERT_TRUE(twin_store.ok());
  ASSERT_TRUE(core::LoadDistrictFile(**twin_store,
                                     std::string(RAIDA_SOURCE_DIR) + "/assets/demo/rokiskis.json")
                  .ok());
  SyncEngine twin(**twin_store, twin_clock);
  ASSERT_TRUE(twin.PublishAll().ok());
  ASSERT_TRUE(twin.MergePeople(kLoser, kWinner).ok());

  const int64_t a = NewDevice("center.bajorai");
  const int64_t b = NewDevice("center.bajorai");
  int64_t cursor = 0;
  PullAll(b, 0, 0, &cursor);
  EXPECT_EQ(AskMerge(a, kLoser, kWinner), ChangeOutcome::kApplied);
  EXPECT_EQ(MergedState(*store_), MergedState(**twin_store));
  EXPECT_EQ(Text(std::string("SELECT merged_into FROM person WHERE id = '") + kLoser + "'"),
            kWinner);
  EXPECT_EQ(Int(std::string("SELECT count(*) FROM enrollment WHERE deleted = 0 AND person_id = '") +
                kWinner + "'"),
            2)
      << "the loser's other course moved to the winner";
  EXPECT_EQ(Int("SELECT count(*) FROM quarantine"), 0);

  // The center's kiosks (the requesting one too: these are server changes) learn the merge.
  for (const int64_t device : {a, b}) {
    const auto pulled = PullAll(device, device == b ? cursor : 0);
    EXPECT_TRUE(std::any_of(pulled.begin(), pulled.end(),
                            [](const auto& c) {
                              return c.pk == kLoser && c.origin == 0 &&
                                     c.cols_json ==
                                         std::string(R"({"merged_into":")") + kWinner + "\"}";
                            }))
        << "device " << device;
  }

  // A later push naming the loser is redirected to the winner.
  const std::string session = "offering.bajorai.1.s1";
  const auto reply =
      Push(a, {Change(a, "attendance", core::DeterministicId("attendance", session, kLoser),
                      std::string(R"({"mark":"present","person_id":")") + kLoser +
                          R"(","session_id":")" + session + "\"}")});
  ASSERT_EQ(reply.ack->results.size(), 1u);
  EXPECT_EQ(reply.ack->results[0].outcome, ChangeOutcome::kRedirected);
  EXPECT_EQ(reply.ack->results[0].detail, kWinner);
}

TEST_F(MergeRequestTest, TheRowsOtherColumnsApplyToTheLoserBeforeTheMerge) {
  const int64_t a = NewDevice("center.bajorai");
  const auto reply =
      Push(a, {Change(a, "person", kLoser,
                      R"({"village":"Bajorai II","merged_into":")" + std::string(kWinner) + "\"}",
                      Stamp(1000))});
  EXPECT_TRUE(reply.ack->results.empty());
  EXPECT_EQ(Text(std::string("SELECT village || ' ' || merged_into FROM person WHERE id = '") +
                 kLoser + "'"),
            std::string("Bajorai II ") + kWinner);
}

TEST_F(MergeRequestTest, RefusedRequestsAreSetAsideAndTheKioskGetsThePersonBack) {
  const int64_t a = NewDevice("center.bajorai");
  ExpectRefused(a, kLoser, "person.nobody", "unknown_winner");
  ExpectRefused(a, "person.nobody", kWinner, "unknown_person", /*held=*/false);
  ExpectRefused(a, kLoser, kLoser, "same_person");
  ExpectRefused(a, kLoser, "person.demo.09", "other_center");  // Salos
  const int64_t salos = NewDevice("center.salos");
  ExpectRefused(salos, kLoser, kWinner, "other_center", /*held=*/false);  // both Bajorai's

  ASSERT_TRUE(engine_->ErasePerson("person.demo.05").ok());
  ExpectRefused(a, "person.demo.05", kWinner, "erased");
  ExpectRefused(a, kLoser, "person.demo.05", "erased");

  ASSERT_TRUE(engine_->MergePeople("person.demo.03", "person.demo.01").ok());
  ExpectRefused(a, kLoser, "person.demo.03", "winner_merged");
  ExpectRefused(a, "person.demo.03", kWinner, "already_merged");
  const auto bad = Push(a, {Change(a, "person", kLoser, R"({"merged_into":7})")});
  ASSERT_EQ(bad.ack->results.size(), 1u);
  EXPECT_EQ(bad.ack->results[0].detail, "merge_refused:bad_value");
  EXPECT_EQ(Text(std::string("SELECT coalesce(merged_into, '-') FROM person WHERE id = '") +
                 kLoser + "'"),
            "-");
}

TEST_F(MergeRequestTest, AResentBatchOrASecondRequestDoesNotMergeTwice) {
  const int64_t a = NewDevice("center.bajorai");
  const sync::SyncRequest request = Request(a, {Change(a, "person", kLoser, MergeCols(kWinner))});
  ASSERT_EQ(engine_->HandleSync(a, sync::SerializeRequest(request)).status, 200);
  const int64_t logged = Int("SELECT count(*) FROM change_log");
  const std::string merged = MergedState(*store_);

  const HttpReply again = engine_->HandleSync(a, sync::SerializeRequest(request));
  ASSERT_EQ(again.status, 200);
  EXPECT_TRUE(sync::ParseResponse(again.body)->ack->replayed);
  ++next_batch_[a];
  EXPECT_EQ(AskMerge(a, kLoser, kWinner), ChangeOutcome::kApplied) << "already done: applied";
  EXPECT_EQ(Int("SELECT count(*) FROM change_log"), logged) << "nothing merged or logged again";
  EXPECT_EQ(MergedState(*store_), merged);
  EXPECT_EQ(Int("SELECT count(*) FROM quarantine"), 0);
}

}  // namespace
}  // namespace raida::server
