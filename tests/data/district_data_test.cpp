// LoadDistrictFile: the demo district loads whole, twice without change, filtered to one
// center's people, without a single outbox entry; a malformed file names the JSON path and
// leaves the database exactly as it was.
#include "raida/core/district_data.h"

#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "data/temp_dir.h"
#include "raida/core/catalog_repository.h"
#include "raida/core/clock.h"
#include "raida/core/coordinator_repository.h"
#include "raida/core/database.h"
#include "raida/core/enrollment_repository.h"
#include "raida/core/person_repository.h"
#include "raida/core/store.h"

namespace raida::core {
namespace {

using ::raida::testing::TempDir;

const std::string kDemoPath = std::string(RAIDA_SOURCE_DIR) + "/assets/demo/rokiskis.json";
// Monday 23 November 2026, 12:00 UTC: the same date in every time zone from UTC-11 to UTC+11.
constexpr int64_t kMonday = 1'795'435'200'000;

// The tables a district load writes, and the outbox it must leave alone.
const std::vector<std::string> kTables = {"district", "center",          "coordinator",
                                          "course",   "course_offering", "course_session",
                                          "person",   "enrollment",      "outbox"};

// The demo file with one change applied to its JSON.
std::string SpoiledDemo(const std::function<void(nlohmann::json&)>& spoil) {
  std::ifstream in(kDemoPath);
  std::stringstream text;
  text << in.rdbuf();
  auto doc = nlohmann::json::parse(text.str());
  spoil(doc);
  return doc.dump(2);
}

class DistrictLoadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = Store::Open(StoreOptions{":memory:"}, clock_);
    ASSERT_TRUE(store.ok()) << store.error().message;
    store_ = std::move(store).value();
  }

  int64_t Count(const std::string& table) {
    auto statement = store_->db().Prepare("SELECT COUNT(*) FROM " + table);
    EXPECT_TRUE(statement.ok()) << table;
    auto row = statement->Step();
    EXPECT_TRUE(row.ok() && row.value()) << table;
    return statement->ColumnInt(0);
  }

  // Every row of every table above, every column quoted: equal dumps mean an unchanged database.
  std::string Dump() {
    std::string dump;
    for (const std::string& table : kTables) {
      auto columns = store_->db().Prepare("SELECT name FROM pragma_table_info(?1)");
      EXPECT_TRUE(columns.ok()) << table;
      columns->Bind(1, table);
      std::string row_sql = "'" + table + "'";
      while (columns->Step().value()) {
        row_sql += " || '|' || quote(" + columns->ColumnText(0) + ")";
      }
      auto rows = store_->db().Prepare("SELECT " + row_sql + " FROM " + table + " ORDER BY 1");
      EXPECT_TRUE(rows.ok()) << table;
      while (rows->Step().value()) {
        dump += rows->ColumnText(0) + "\n";
      }
    }
    return dump;
  }

  ManualClock clock_{kMonday};
  std::unique_ptr<Store> store_;
};

TEST_F(DistrictLoadTest, DemoLoadsEverything) {
  auto summary = LoadDistrictFile(*store_, kDemoPath);
  ASSERT_TRUE(summary.ok()) << summary.error().message;
  EXPECT_EQ(summary->centers, 5);
  EXPECT_EQ(summary->coordinators, 8);
  EXPECT_EQ(summary->courses, 13);
  EXPECT_EQ(summary->offerings, 24);
  EXPECT_EQ(summary->people, 37);
  EXPECT_EQ(summary->enrollments, 36);
  EXPECT_GT(summary->sessions, summary->offerings);
  EXPECT_EQ(Count("district"), 1);
  EXPECT_EQ(Count("center"), 5);
  EXPECT_EQ(Count("coordinator"), 8);
  EXPECT_EQ(Count("course"), 13);
  EXPECT_EQ(Count("course_offering"), 24);
  EXPECT_EQ(Count("course_session"), summary->sessions);
  EXPECT_EQ(Count("person"), 37);
  EXPECT_EQ(Count("enrollment"), 36);
}

TEST_F(DistrictLoadTest, DemoIsReadableThroughTheRepositories) {
  ASSERT_TRUE(LoadDistrictFile(*store_, kDemoPath).ok());
  CatalogRepository catalog(*store_);
  auto center = catalog.GetCenter("center.juodupe");
  ASSERT_TRUE(center.ok() && center->has_value());
  EXPECT_EQ((*center)->name, "Juodupė");
  EXPECT_EQ((*center)->district_id, "district.rokiskis");

  auto course = catalog.GetCourse("course.computer-first-steps");
  ASSERT_TRUE(course.ok() && course->has_value());
  EXPECT_EQ((*course)->title.at("lt"), "Kompiuteris ir planšetė: pirmieji žingsniai");
  EXPECT_EQ((*course)->category, CourseCategory::kComputerBasics);

  PersonRepository people(*store_);
  auto bajorai = people.ListByCenter("center.bajorai");
  ASSERT_TRUE(bajorai.ok());
  EXPECT_EQ(bajorai->size(), 8u);
  auto by_card = people.FindByCardCode("410037");
  ASSERT_TRUE(by_card.ok() && by_card->has_value());
  EXPECT_EQ((*by_card)->id, "person.demo.01");
  EXPECT_EQ((*by_card)->family_name, "Kazlauskienė");

  EnrollmentRepository enrollments(*store_);
  auto full = enrollments.ListForOffering("offering.bajorai.1");
  ASSERT_TRUE(full.ok());
  EXPECT_EQ(full->size(), 7u);
  auto seats = catalog.CountSeatsTaken("offering.bajorai.1");
  ASSERT_TRUE(seats.ok());
  EXPECT_EQ(seats.value(), 6);  // full: the seventh is on the waiting list
}

TEST_F(DistrictLoadTest, OfferingDatesFollowTheClock) {
  ASSERT_TRUE(LoadDistrictFile(*store_, kDemoPath).ok());
  CatalogRepository catalog(*store_);
  // offering.bajorai.1: start_week -1, 4 weeks, Tuesday and Thursday.
  auto offering = catalog.GetOffering("offering.bajorai.1");
  ASSERT_TRUE(offering.ok() && offering->has_value());
  EXPECT_EQ((*offering)->starts_on, "2026-11-17");
  EXPECT_EQ((*offering)->ends_on, "2026-12-10");
  auto sessions = catalog.ListSessions("offering.bajorai.1");
  ASSERT_TRUE(sessions.ok());
  ASSERT_EQ(sessions->size(), 8u);
  EXPECT_EQ(sessions->front().date, "2026-11-17");
  EXPECT_EQ(sessions->front().start_time, "10:00");
  EXPECT_EQ((*sessions)[1].date, "2026-11-19");
  // Upcoming offerings of the first course at Juodupė: listed from the clock's today.
  auto upcoming =
      catalog.ListUpcomingOfferings("course.computer-first-steps", "center.juodupe", "2026-11-23");
  ASSERT_TRUE(upcoming.ok());
  ASSERT_EQ(upcoming->size(), 1u);
  EXPECT_EQ(upcoming->front().starts_on, "2026-11-23");
}

TEST_F(DistrictLoadTest, SecondLoadChangesNothing) {
  ASSERT_TRUE(LoadDistrictFile(*store_, kDemoPath).ok());
  const std::string first = Dump();
  clock_.Advance(60'000);
  auto again = LoadDistrictFile(*store_, kDemoPath);
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(Dump(), first);
}

TEST_F(DistrictLoadTest, LoadingLeavesTheOutboxEmpty) {
  ASSERT_TRUE(LoadDistrictFile(*store_, kDemoPath).ok());
  EXPECT_EQ(Count("outbox"), 0);
  EXPECT_FALSE(store_->applying());
}

TEST_F(DistrictLoadTest, ReloadKeepsCoordinatorSecretsSetSince) {
  ASSERT_TRUE(LoadDistrictFile(*store_, kDemoPath).ok());
  CoordinatorRepository coordinators(*store_);
  auto account = coordinators.Get("coordinator.salos.1");
  ASSERT_TRUE(account.ok() && account->has_value());
  EXPECT_EQ((*account)->login, "ausra.k");
  EXPECT_EQ((*account)->pin_hash, "");
  Coordinator with_pin = **account;
  with_pin.pin_hash = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$aGFzaA";
  {
    Store::ApplyingScope applying(*store_);
    ASSERT_TRUE(coordinators.UpsertFromRemote(with_pin).ok());
  }
  ASSERT_TRUE(LoadDistrictFile(*store_, kDemoPath).ok());
  account = coordinators.Get("coordinator.salos.1");
  ASSERT_TRUE(account.ok() && account->has_value());
  EXPECT_EQ((*account)->pin_hash, with_pin.pin_hash);
}

// A reload (run-demo.sh loads the file at every start) must not undo what happened since:
// a profile edit, an erasure, or the server's decision on a sign-up.
TEST_F(DistrictLoadTest, ReloadNeverOverwritesPeopleOrSignUps) {
  ASSERT_TRUE(LoadDistrictFile(*store_, kDemoPath).ok());
  PersonRepository people(*store_);
  auto listed = people.ListByCenter("center.salos");
  ASSERT_TRUE(listed.ok() && listed->size() >= 2);
  Person edited = (*listed)[0];
  edited.phone = "+370 600 99999";
  ASSERT_TRUE(people.Update(edited).ok());
  Person erased = (*listed)[1];
  erased.given_name = "";
  erased.family_name = "";
  erased.erased = true;
  {
    Store::ApplyingScope applying(*store_);
    ASSERT_TRUE(people.UpsertFromRemote(erased).ok());
  }
  EnrollmentRepository enrollments(*store_);
  auto signed_up = enrollments.ListForPerson(edited.id);
  ASSERT_TRUE(signed_up.ok());
  for (const Enrollment& enrollment : *signed_up) {
    ASSERT_TRUE(
        enrollments.SetStatus(enrollment.id, EnrollmentStatus::kCancelled, "moved away").ok());
  }
  const std::string before = Dump();

  ASSERT_TRUE(LoadDistrictFile(*store_, kDemoPath).ok());
  EXPECT_EQ(Dump(), before);
  auto again = people.Get(erased.id);
  ASSERT_TRUE(again.ok() && again->has_value());
  EXPECT_TRUE((*again)->erased);
  EXPECT_EQ((*again)->given_name, "");
}

TEST_F(DistrictLoadTest, CatalogOnlyFileLoadsWithoutPeople) {
  TempDir dir;
  const std::string file = dir.Write("catalog.json", SpoiledDemo([](nlohmann::json& d) {
                                       d.erase("people");
                                       d.erase("enrollments");
                                       d.erase("coordinators");
                                     }));
  auto summary = LoadDistrictFile(*store_, file);
  ASSERT_TRUE(summary.ok()) << summary.error().message;
  EXPECT_EQ(summary->courses, 13);
  EXPECT_EQ(summary->people, 0);
  EXPECT_EQ(Count("person"), 0);
}

TEST_F(DistrictLoadTest, OnlyCenterKeepsOtherCentersPeopleOut) {
  DistrictLoadOptions options;
  options.only_center_id = "center.salos";
  auto summary = LoadDistrictFile(*store_, kDemoPath, options);
  ASSERT_TRUE(summary.ok()) << summary.error().message;
  EXPECT_EQ(summary->centers, 5);  // the catalog is always whole
  EXPECT_EQ(summary->offerings, 24);
  EXPECT_EQ(summary->people, 7);
  EXPECT_EQ(Count("person"), 7);
  PersonRepository people(*store_);
  auto bajorai = people.ListByCenter("center.bajorai");
  ASSERT_TRUE(bajorai.ok());
  EXPECT_TRUE(bajorai->empty());
  auto salos = people.ListByCenter("center.salos");
  ASSERT_TRUE(salos.ok());
  EXPECT_EQ(salos->size(), 7u);
  EXPECT_EQ(Count("enrollment"), summary->enrollments);
  EXPECT_EQ(summary->enrollments, 7);
}

TEST_F(DistrictLoadTest, UnknownOnlyCenterIsRefused) {
  DistrictLoadOptions options;
  options.only_center_id = "center.nowhere";
  auto summary = LoadDistrictFile(*store_, kDemoPath, options);
  ASSERT_FALSE(summary.ok());
  EXPECT_EQ(summary.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(Count("center"), 0);
}

TEST_F(DistrictLoadTest, MissingFileIsNotFound) {
  auto summary = LoadDistrictFile(*store_, "/nonexistent/district.json");
  ASSERT_FALSE(summary.ok());
  EXPECT_EQ(summary.error().code, ErrorCode::kNotFound);
  EXPECT_NE(summary.error().message.find("/nonexistent/district.json"), std::string::npos);
}

class MalformedDistrictTest : public DistrictLoadTest {
 protected:
  // Loads the good demo, then `bytes`; expects `code`, a message naming the file and `path`,
  // and the database exactly as the good load left it.
  void ExpectRefused(const std::string& bytes, ErrorCode code, const std::string& path) {
    ASSERT_TRUE(LoadDistrictFile(*store_, kDemoPath).ok());
    const std::string before = Dump();
    const std::string file = dir_.Write("district.json", bytes);
    auto summary = LoadDistrictFile(*store_, file);
    ASSERT_FALSE(summary.ok());
    EXPECT_EQ(summary.error().code, code) << summary.error().message;
    EXPECT_NE(summary.error().message.find(file), std::string::npos) << summary.error().message;
    EXPECT_NE(summary.error().message.find(path), std::string::npos) << summary.error().message;
    EXPECT_EQ(Dump(), before);
    EXPECT_FALSE(store_->applying());
  }
  TempDir dir_;
};

TEST_F(MalformedDistrictTest, MissingFieldNamesItsPath) {
  ExpectRefused(SpoiledDemo([](nlohmann::json& d) { d["centers"][2].erase("name"); }),
                ErrorCode::kCorrupt, "centers[2].name: missing");
}

TEST_F(MalformedDistrictTest, WrongTypeNamesItsPath) {
  ExpectRefused(SpoiledDemo([](nlohmann::json& d) { d["offerings"][3]["capacity"] = "ten"; }),
                ErrorCode::kCorrupt, "offerings[3].capacity: expected an integer");
}

TEST_F(MalformedDistrictTest, NestedWrongTypeNamesItsPath) {
  ExpectRefused(SpoiledDemo([](nlohmann::json& d) { d["courses"][1]["title"]["pl"] = 7; }),
                ErrorCode::kCorrupt, "courses[1].title.pl: expected a string");
}

TEST_F(MalformedDistrictTest, BadSessionPatternNamesItsPath) {
  ExpectRefused(SpoiledDemo([](nlohmann::json& d) {
                  d["offerings"][0]["sessions"][1]["weekday"] = "someday";
                }),
                ErrorCode::kCorrupt, "offerings[0].sessions[1].weekday");
}

TEST_F(MalformedDistrictTest, DanglingReferenceNamesItsPath) {
  // The last person, written after everything else: a late error must roll back the whole load.
  ExpectRefused(SpoiledDemo([](nlohmann::json& d) {
                  d["enrollments"].back()["person_id"] = "person.nobody";
                }),
                ErrorCode::kCorrupt, "enrollments[35].person_id");
}

TEST_F(MalformedDistrictTest, DuplicateIdIsRefused) {
  ExpectRefused(SpoiledDemo([](nlohmann::json& d) { d["people"][5]["id"] = "person.demo.01"; }),
                ErrorCode::kCorrupt, "people[5].id: duplicate");
}

TEST_F(MalformedDistrictTest, BrokenJsonIsCorrupt) {
  ExpectRefused("{\"format\": \"raida-district/1\", \"centers\": [", ErrorCode::kCorrupt,
                "not valid JSON");
}

TEST_F(MalformedDistrictTest, UnknownFormatIsTooNew) {
  ExpectRefused(SpoiledDemo([](nlohmann::json& d) { d["format"] = "raida-district/9"; }),
                ErrorCode::kTooNew, "raida-district/9");
}

}  // namespace
}  // namespace raida::core
