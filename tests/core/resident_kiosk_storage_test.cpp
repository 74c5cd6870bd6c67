// Storage for the resident's kiosk (schema v3): the FTS5 course search that ignores case and
// diacritics, resident PINs with their wrong-guess limits, a person cancelling and un-cancelling
// their own sign-up through the outbox, and unfinished sign-ups kept as drafts for 24 hours.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core_test_support.h"
#include "raida/core/catalog_repository.h"
#include "raida/core/enrollment_repository.h"
#include "raida/core/person_repository.h"
#include "raida/core/schema.h"

namespace raida::core {
namespace {

using testing::kTestNowMs;
using testing::QueryInt;
using testing::QueryRows;

constexpr const char* kPepper = "0123456789abcdef0123456789abcdef";

class ResidentStorageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = testing::OpenStore(clock_);
    ASSERT_NE(store_, nullptr);
    catalog_ = testing::SeedCatalog(*store_);
    auto person =
        PersonRepository(*store_).Register(testing::SamplePerson(catalog_.center_id, "Ona"));
    ASSERT_OK(person);
    person_ = *person;
  }

  void PublishCourse(const std::string& id, LocalizedText title, LocalizedText summary = {}) {
    Store::ApplyingScope applying(*store_);
    Course course;
    course.id = id;
    course.category = CourseCategory::kEServices;
    course.title = std::move(title);
    course.summary = std::move(summary);
    ASSERT_OK(CatalogRepository(*store_).UpsertCourse(course));
  }

  std::vector<std::string> Search(const std::string& query, const std::string& lang = "lt") {
    auto found = CatalogRepository(*store_).SearchCourses(query, lang);
    EXPECT_TRUE(found.ok()) << found.error().message;
    std::vector<std::string> ids;
    if (found.ok()) {
      for (const Course& course : *found) {
        if (course.id != catalog_.course_id) {  // the seeded course is not part of these tests
          ids.push_back(course.id);
        }
      }
    }
    return ids;
  }

  ManualClock clock_{kTestNowMs};
  std::unique_ptr<Store> store_;
  testing::SeededCatalog catalog_;
  Person person_;
};

// [SECTION] Search

TEST_F(ResidentStorageTest, SearchIgnoresCaseAndDiacriticsAndMatchesPrefixes) {
  PublishCourse("course.pc", {{"lt", "Kompiuteris ir planšetė"}, {"pl", "Komputer i tablet"}},
                {{"lt", "Pirmieji žingsniai"}});
  PublishCourse("course.turtle", {{"pl", "Żółw na łące"}, {"en", "A turtle in the meadow"}});
  EXPECT_EQ(Search("kompiuteri"), (std::vector<std::string>{"course.pc"}));
  EXPECT_EQ(Search("KOMPIUTERIS"), (std::vector<std::string>{"course.pc"}));
  EXPECT_EQ(Search("planšetė"), (std::vector<std::string>{"course.pc"}));
  EXPECT_EQ(Search("plansete"), (std::vector<std::string>{"course.pc"}));
  EXPECT_EQ(Search("ŽINGS"), (std::vector<std::string>{"course.pc"}));
  EXPECT_EQ(Search("zolw"), (std::vector<std::string>{"course.turtle"}));  // ł has no accent
  EXPECT_EQ(Search("łąkę"), std::vector<std::string>{});                   // not a prefix
  EXPECT_EQ(Search("ŁĄ"), (std::vector<std::string>{"course.turtle"}));
  EXPECT_EQ(Search("komp tab"), (std::vector<std::string>{"course.pc"}));  // every word
  EXPECT_EQ(Search("komp turtle"), std::vector<std::string>{});
  // Searching in one language finds titles written in another (the list shows `lang`'s title).
  EXPECT_EQ(Search("turtle", "lt"), (std::vector<std::string>{"course.turtle"}));
}

TEST_F(ResidentStorageTest, SearchTreatsOperatorsAsTextAndBlankAsEverything) {
  PublishCourse("course.pc", {{"lt", "Kompiuteris"}});
  for (const char* hostile : {"\"", "komp\" OR \"", "NEAR(", "*", "title:komp", "-komp", "'"}) {
    EXPECT_TRUE(CatalogRepository(*store_).SearchCourses(hostile, "lt").ok()) << hostile;
  }
  EXPECT_EQ(Search("title:komp"), std::vector<std::string>{});  // "title" is a word here
  const size_t all = CatalogRepository(*store_).ListCourses("lt")->size() - 1;
  EXPECT_EQ(Search("").size(), all);
  EXPECT_EQ(Search("  ,. ").size(), all);
}

TEST_F(ResidentStorageTest, SearchIndexFollowsTheCatalog) {
  PublishCourse("course.pc", {{"lt", "Kompiuteris"}});
  EXPECT_EQ(Search("kompiuteris").size(), 1u);
  PublishCourse("course.pc", {{"lt", "Išmanusis telefonas"}});  // republished: the upsert path
  EXPECT_EQ(Search("kompiuteris").size(), 0u);
  EXPECT_EQ(Search("telefon"), (std::vector<std::string>{"course.pc"}));
  {
    Store::ApplyingScope applying(*store_);
    ASSERT_OK(store_->db().Exec("UPDATE course SET deleted = 1 WHERE id = 'course.pc'"));
  }
  EXPECT_EQ(Search("telefon").size(), 0u);  // a tombstone is not shown
  {
    Store::ApplyingScope applying(*store_);
    ASSERT_OK(store_->db().Exec("DELETE FROM course WHERE id = 'course.pc'"));
  }
  EXPECT_EQ(QueryInt(*store_, "SELECT count(*) FROM course_search WHERE course_id = 'course.pc'"),
            0);
}

// [SECTION] PINs

TEST_F(ResidentStorageTest, PinIsStoredAsArgon2idAndChecked) {
  PersonRepository people(*store_);
  EXPECT_FALSE(*people.HasPin(person_.id));
  EXPECT_EQ(people.CheckPin(person_.id, "1234", kPepper)->outcome, PinOutcome::kNoPin);
  ASSERT_OK(people.SetPin(person_.id, "4711", kPepper, PinHashCost::Cheapest()));
  EXPECT_TRUE(*people.HasPin(person_.id));
  const auto rows = QueryRows(*store_, "SELECT pin_hash FROM person_pin");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].rfind("$argon2id$v=19$", 0), 0u) << rows[0];
  EXPECT_EQ(rows[0].find("4711"), std::string::npos);
  EXPECT_EQ(people.CheckPin(person_.id, "4711", kPepper)->outcome, PinOutcome::kOk);
  // The same PIN without this device's pepper is wrong: the hash is worthless elsewhere.
  EXPECT_EQ(people.CheckPin(person_.id, "4711", "")->outcome, PinOutcome::kWrong);
  EXPECT_EQ(people.CheckPin(person_.id, "4711", kPepper)->outcome, PinOutcome::kOk);
  // Not synced: no outbox entry beyond the registration, and person's columns are unchanged.
  EXPECT_EQ(QueryInt(*store_, "SELECT count(*) FROM outbox"), 1);
  EXPECT_EQ(FindSyncedTable("person_pin"), nullptr);
  EXPECT_FALSE(people.SetPin(person_.id, "12", kPepper, PinHashCost::Cheapest()).ok());
  EXPECT_FALSE(people.SetPin(person_.id, "12a4", kPepper, PinHashCost::Cheapest()).ok());
  EXPECT_EQ(people.SetPin("nobody", "1234", kPepper, PinHashCost::Cheapest()).error().code,
            ErrorCode::kNotFound);
}

TEST_F(ResidentStorageTest, ProductionPinCostIsModerate) {
  ASSERT_OK(PersonRepository(*store_).SetPin(person_.id, "135790", kPepper));
  const auto rows = QueryRows(*store_, "SELECT pin_hash FROM person_pin");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].rfind("$argon2id$v=19$m=262144,t=3", 0), 0u) << rows[0];
}

// TC-3: 5 wrong -> locked 5 minutes (even the right PIN is refused), 10 -> coordinator reset.
TEST_F(ResidentStorageTest, WrongPinsLockThenNeedTheCoordinator) {
  PersonRepository people(*store_);
  ASSERT_OK(people.SetPin(person_.id, "2468", kPepper, PinHashCost::Cheapest()));
  for (int i = 1; i < kPinLockAfter; ++i) {
    const PinCheck check = *people.CheckPin(person_.id, "0000", kPepper);
    EXPECT_EQ(check.outcome, PinOutcome::kWrong);
    EXPECT_EQ(check.tries_left, kPinLockAfter - i);
  }
  PinCheck locked = *people.CheckPin(person_.id, "0000", kPepper);
  EXPECT_EQ(locked.outcome, PinOutcome::kLocked);
  EXPECT_EQ(locked.locked_until_ms, kTestNowMs + kPinLockMs);
  EXPECT_EQ(people.CheckPin(person_.id, "2468", kPepper)->outcome, PinOutcome::kLocked);
  clock_.Advance(kPinLockMs - 1);
  EXPECT_EQ(people.CheckPin(person_.id, "2468", kPepper)->outcome, PinOutcome::kLocked);
  clock_.Advance(1);
  for (int i = kPinLockAfter + 1; i < kPinResetAfter; ++i) {
    EXPECT_EQ(people.CheckPin(person_.id, "1111", kPepper)->outcome, PinOutcome::kWrong);
  }
  EXPECT_EQ(people.CheckPin(person_.id, "1111", kPepper)->outcome, PinOutcome::kCoordinatorReset);
  clock_.Advance(24LL * 3600 * 1000);
  EXPECT_EQ(people.CheckPin(person_.id, "2468", kPepper)->outcome, PinOutcome::kCoordinatorReset);
  ASSERT_OK(people.ClearPin(person_.id));
  EXPECT_EQ(people.CheckPin(person_.id, "2468", kPepper)->outcome, PinOutcome::kNoPin);
}

TEST_F(ResidentStorageTest, RightPinForgivesEarlierWrongOnes) {
  PersonRepository people(*store_);
  ASSERT_OK(people.SetPin(person_.id, "2468", kPepper, PinHashCost::Cheapest()));
  for (int round = 0; round < 3; ++round) {
    for (int i = 1; i < kPinLockAfter; ++i) {
      EXPECT_EQ(people.CheckPin(person_.id, "9999", kPepper)->outcome, PinOutcome::kWrong);
    }
    EXPECT_EQ(people.CheckPin(person_.id, "2468", kPepper)->outcome, PinOutcome::kOk);
  }
}

TEST_F(ResidentStorageTest, ErasureFromTheServerRemovesThePin) {
  PersonRepository people(*store_);
  ASSERT_OK(people.SetPin(person_.id, "2468", kPepper, PinHashCost::Cheapest()));
  {
    Store::ApplyingScope applying(*store_);
    Person erased = person_;
    erased.erased = true;
    ASSERT_OK(people.UpsertFromRemote(erased));
  }
  EXPECT_EQ(QueryInt(*store_, "SELECT count(*) FROM person_pin"), 0);
}

// [SECTION] Cancelling, undoing, drafts

TEST_F(ResidentStorageTest, PersonCancelsAndUndoesThroughTheOutbox) {
  EnrollmentRepository enrollments(*store_);
  auto signed_up = enrollments.RequestSignUp(person_.id, catalog_.offering_id, {"transport"});
  ASSERT_OK(signed_up);
  const int64_t before = QueryInt(*store_, "SELECT count(*) FROM outbox");
  EXPECT_EQ(enrollments.CancelByPerson(signed_up->id, "someone-else").error().code,
            ErrorCode::kNotFound);
  ASSERT_OK(enrollments.CancelByPerson(signed_up->id, person_.id));
  EXPECT_EQ((*enrollments.Get(signed_up->id))->status, EnrollmentStatus::kCancelled);
  EXPECT_EQ(QueryInt(*store_, "SELECT count(*) FROM outbox"), before + 1);
  EXPECT_EQ(QueryRows(*store_,
                      "SELECT json_extract(cols, '$.status') FROM outbox ORDER BY seq "
                      "DESC LIMIT 1"),
            (std::vector<std::string>{"cancelled"}));
  EXPECT_EQ(enrollments.CancelByPerson(signed_up->id, person_.id).error().code,
            ErrorCode::kConflict);

  auto again = enrollments.UndoCancelByPerson(signed_up->id, person_.id);
  ASSERT_OK(again);
  EXPECT_EQ(again->status, EnrollmentStatus::kRequested);
  EXPECT_EQ(again->needs, (std::vector<std::string>{"transport"}));
  EXPECT_EQ(QueryInt(*store_, "SELECT count(*) FROM outbox"), before + 2);
  EXPECT_EQ(enrollments.UndoCancelByPerson(signed_up->id, person_.id).error().code,
            ErrorCode::kConflict);
}

TEST_F(ResidentStorageTest, DraftIsKeptForADayAndTakenOnce) {
  EnrollmentRepository enrollments(*store_);
  ASSERT_OK(enrollments.SaveDraft(
      {person_.id, catalog_.course_id, catalog_.offering_id, {"care", "transport"}, 0}));
  EXPECT_EQ(QueryInt(*store_, "SELECT count(*) FROM outbox"), 1);  // never synced
  clock_.Advance(kSignUpDraftMaxAgeMs);
  auto draft = enrollments.TakeDraft(person_.id);
  ASSERT_OK(draft);
  ASSERT_TRUE(draft->has_value());
  EXPECT_EQ((*draft)->offering_id, catalog_.offering_id);
  EXPECT_EQ((*draft)->course_id, catalog_.course_id);
  EXPECT_EQ((*draft)->needs, (std::vector<std::string>{"care", "transport"}));
  EXPECT_FALSE(enrollments.TakeDraft(person_.id)->has_value());  // taken

  ASSERT_OK(enrollments.SaveDraft({person_.id, catalog_.course_id, catalog_.offering_id, {}, 0}));
  clock_.Advance(kSignUpDraftMaxAgeMs + 1);
  EXPECT_FALSE(enrollments.TakeDraft(person_.id)->has_value());  // too old
  ASSERT_OK(enrollments.SaveDraft({person_.id, catalog_.course_id, catalog_.offering_id, {}, 0}));
  EXPECT_EQ(*enrollments.DropExpiredDrafts(), 0);
  clock_.Advance(kSignUpDraftMaxAgeMs + 1);
  EXPECT_EQ(*enrollments.DropExpiredDrafts(), 1);
  EXPECT_EQ(QueryInt(*store_, "SELECT count(*) FROM local_ui_state"), 0);
}

}  // namespace
}  // namespace raida::core
