// Lesson time counted per device at the district server (progress_counter, schema_v10.cpp;
// progress_counter_rules.h): two kiosks' time for one person and lesson adds up, a batch sent
// again counts once, a kiosk writes only its own row, erasure removes the rows, a merge adds the
// duplicate's time to the survivor, and an old kiosk's seconds_spent is not counted twice.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "engine_fixture.h"
#include "raida/core/lesson_repository.h"

namespace raida::server {
namespace {

using sync::ChangeOutcome;

constexpr const char* kLesson = "lesson.1";

class LessonTimeTest : public EngineTest {
 protected:
  // A kiosk's whole counter row, as its capture trigger sends it.
  static std::string CounterCols(const std::string& person, int64_t device, int64_t seconds) {
    return R"({"person_id":")" + person + R"(","lesson_id":")" + kLesson + R"(","device_no":)" +
           std::to_string(device) + R"(,"seconds":)" + std::to_string(seconds) + R"(,"deleted":0})";
  }
  sync::PushChange Counter(int64_t device, const std::string& person, int64_t counted_by,
                           int64_t seconds, uint64_t hlc = 0) {
    return Change(device, "progress_counter", core::ProgressCounterId(person, kLesson, counted_by),
                  CounterCols(person, counted_by, seconds), hlc);
  }
  // The lesson's time as the kiosks and the office read it (LessonRepository's sum).
  int64_t Total(const std::string& person) {
    return Int("SELECT coalesce((SELECT seconds_spent FROM lesson_progress WHERE person_id = '" +
               person +
               "' AND lesson_id = 'lesson.1' AND deleted = 0), 0) + (SELECT "
               "coalesce(sum(seconds), 0) FROM progress_counter WHERE person_id = '" +
               person + "' AND lesson_id = 'lesson.1' AND deleted = 0)");
  }
  // The progress_counter entries `device` pulls, as "pk seconds".
  std::vector<std::string> PulledCounters(int64_t device) {
    std::vector<std::string> out;
    for (const sync::PulledChange& change : PullAll(device)) {
      if (change.table == "progress_counter") {
        const auto cols = nlohmann::json::parse(change.cols_json);
        out.push_back(change.pk + " " + std::to_string(cols.value("seconds", int64_t{-1})));
      }
    }
    return out;
  }
};

TEST_F(LessonTimeTest, TimeOnTwoKiosksAddsUpAndABatchSentAgainCountsOnce) {
  const int64_t a = NewDevice("center.bajorai");
  const int64_t b = NewDevice("center.bajorai");
  const std::string person = "person.demo.01";
  const sync::PushChange from_a = Counter(a, person, a, 300);
  const sync::SyncRequest first = Request(a, {from_a});
  ASSERT_EQ(engine_->HandleSync(a, sync::SerializeRequest(first)).status, 200);
  Push(b, {Counter(b, person, b, 200)});
  EXPECT_EQ(Total(person), 500);  // not max(300, 200)

  // The same batch again (a lost reply), and the same change under a new batch number (a kiosk
  // restored from a backup): still 500.
  ASSERT_EQ(engine_->HandleSync(a, sync::SerializeRequest(first)).status, 200);
  next_batch_[a] = 2;
  Push(a, {sync::PushChange{++seq_[a], from_a.table, from_a.pk, from_a.hlc, from_a.cols_json}});
  EXPECT_EQ(Total(person), 500);

  // Kiosk A's next running total; then an older total arriving late changes nothing.
  Push(a, {Change(a, "progress_counter", from_a.pk, R"({"seconds":350})")});
  Push(a, {Change(a, "progress_counter", from_a.pk, R"({"seconds":320})", from_a.hlc + 1)});
  EXPECT_EQ(Total(person), 550);

  // Each kiosk receives the other's row; A gets its own back only as the server's answer to the
  // late lower total (the larger, 350, which A already holds).
  EXPECT_EQ(PulledCounters(a),
            (std::vector<std::string>{core::ProgressCounterId(person, kLesson, b) + " 200",
                                      from_a.pk + " 350"}));
  const std::vector<std::string> to_b = PulledCounters(b);
  ASSERT_FALSE(to_b.empty());
  EXPECT_EQ(to_b.back(), from_a.pk + " 350");
  EXPECT_EQ(Int("SELECT count(*) FROM applied_batch WHERE device_no = " + std::to_string(a)), 4);
}

TEST_F(LessonTimeTest, AKioskAddsOnlyToItsOwnCounter) {
  const int64_t a = NewDevice("center.bajorai");
  const int64_t b = NewDevice("center.bajorai");
  const auto reply =
      Push(a, {Counter(a, "person.demo.01", b, 300), Counter(a, "person.demo.01", 0, 300)});
  ASSERT_EQ(reply.ack->results.size(), 2u);
  for (const sync::ChangeResult& result : reply.ack->results) {
    EXPECT_EQ(result.outcome, ChangeOutcome::kRejected);
    EXPECT_EQ(result.detail, "not_own_counter");
  }
  EXPECT_EQ(Total("person.demo.01"), 0);
}

TEST_F(LessonTimeTest, ErasureRemovesTheCountersAndLaterTimeIsNotKept) {
  const int64_t a = NewDevice("center.bajorai");
  const int64_t b = NewDevice("center.bajorai");
  const std::string person = "person.demo.01";
  Push(a, {Counter(a, person, a, 300)});
  Push(b, {Counter(b, person, b, 200)});
  ASSERT_TRUE(engine_->ErasePerson(person).ok());
  EXPECT_EQ(Total(person), 0);
  EXPECT_EQ(Int("SELECT count(*) FROM progress_counter WHERE person_id = '" + person +
                "' AND deleted = 0"),
            0);
  // Both kiosks of the center are told (a tombstone under a server stamp, origin 0).
  EXPECT_EQ(Int("SELECT count(*) FROM change_log WHERE tbl = 'progress_counter' AND origin = 0 "
                "AND cols = '{\"deleted\":1}' AND scope = 'center.bajorai'"),
            2);
  const auto late =
      Push(a, {Change(a, "progress_counter", core::ProgressCounterId(person, kLesson, a),
                      R"({"seconds":400})", Stamp(1000))});
  ASSERT_EQ(late.ack->results.size(), 1u);
  EXPECT_EQ(late.ack->results[0].outcome, ChangeOutcome::kErased);
  EXPECT_EQ(Total(person), 0);
}

TEST_F(LessonTimeTest, AMergeAddsTheDuplicatesTimeToTheSurvivor) {
  const int64_t a = NewDevice("center.bajorai");
  const std::string loser = "person.demo.02";
  const std::string winner = "person.demo.03";
  // Both have progress in the lesson; the duplicate's includes 100 s counted before schema 10.
  for (const auto& [person, legacy] : {std::pair{loser, 100}, std::pair{winner, 0}}) {
    Push(a, {Change(a, "lesson_progress", core::DeterministicId("progress", person, kLesson),
                    R"({"best_score":0,"completed":0,"course_id":"course.computer-first-steps",)"
                    R"("lesson_id":"lesson.1","page":1,"person_id":")" +
                        person + R"(","seconds_spent":)" + std::to_string(legacy) + "}")});
  }
  const sync::PushChange loser_row = Counter(a, loser, a, 300);
  Push(a, {loser_row, Counter(a, winner, a, 200)});
  ASSERT_TRUE(engine_->MergePeople(loser, winner).ok());
  EXPECT_EQ(Total(winner), 100 + 300 + 200);  // two people's time: added, not the larger
  EXPECT_EQ(Total(loser), 0);                 // the duplicate's rows are tombstones now
  EXPECT_EQ(Int("SELECT seconds FROM progress_counter WHERE id = '" +
                core::ProgressCounterId(winner, kLesson, 0) + "'"),
            400);

  // A kiosk that had not pulled the merge yet sends the duplicate's running total: only what it
  // grew by is added to the survivor, and the same total again adds nothing.
  for (int round = 0; round < 2; ++round) {
    const auto reply =
        Push(a, {Change(a, "progress_counter", loser_row.pk, R"({"seconds":350})", Stamp(1000))});
    ASSERT_EQ(reply.ack->results.size(), 1u);
    EXPECT_EQ(reply.ack->results[0].outcome, ChangeOutcome::kRedirected);
    EXPECT_EQ(reply.ack->results[0].detail, winner);
    EXPECT_EQ(Total(winner), 650);
  }
  EXPECT_EQ(Text("SELECT seconds || ' ' || deleted FROM progress_counter WHERE id = '" +
                 loser_row.pk + "'"),
            "350 1");
}

TEST_F(LessonTimeTest, AnOldKiosksSecondsSpentIsNotCountedTwice) {
  const int64_t old_kiosk = NewDevice("center.bajorai");
  const int64_t a = NewDevice("center.bajorai");
  const std::string person = "person.demo.01";
  const std::string id = core::DeterministicId("progress", person, kLesson);
  Push(old_kiosk,
       {Change(old_kiosk, "lesson_progress", id,
               R"({"best_score":0,"completed":0,"course_id":"course.computer-first-steps",)"
               R"("lesson_id":"lesson.1","page":1,"person_id":")" +
                   person + R"(","seconds_spent":100})")});
  Push(a, {Counter(a, person, a, 200)});
  // The old kiosk's running total never included the new rows: merged by max as before.
  Push(old_kiosk, {Change(old_kiosk, "lesson_progress", id, R"({"seconds_spent":150})")});
  Push(old_kiosk, {Change(old_kiosk, "lesson_progress", id, R"({"seconds_spent":150})")});
  EXPECT_EQ(Total(person), 150 + 200);
}

}  // namespace
}  // namespace raida::server
