// Repositories: round trips, validation and the rules each one enforces.
#include <gtest/gtest.h>

#include "core_test_support.h"
#include "raida/core/attendance_repository.h"
#include "raida/core/catalog_repository.h"
#include "raida/core/coordinator_repository.h"
#include "raida/core/device_repository.h"
#include "raida/core/enrollment_repository.h"
#include "raida/core/lesson_repository.h"
#include "raida/core/person_repository.h"
#include "raida/core/sync_meta_repository.h"

namespace raida::core {
namespace {

using testing::kTestNowMs;

class RepositoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = testing::OpenStore(clock_);
    ASSERT_NE(store_, nullptr);
    catalog_ = testing::SeedCatalog(*store_);
  }

  Person Register(const std::string& given, const std::string& family) {
    auto person = PersonRepository(*store_).Register(
        testing::SamplePerson(catalog_.center_id, given, family));
    EXPECT_TRUE(person.ok()) << person.error().message;
    return person.ok() ? *person : Person{};
  }

  ManualClock clock_{kTestNowMs};
  std::unique_ptr<Store> store_;
  testing::SeededCatalog catalog_;
};

TEST_F(RepositoryTest, CatalogRoundTrip) {
  CatalogRepository catalog(*store_);
  auto centers = catalog.ListCenters();
  ASSERT_OK(centers);
  ASSERT_EQ(centers->size(), 2u);
  EXPECT_EQ(centers->front().name, "Bajorai");
  EXPECT_EQ(centers->front().opening_hours.at("en"), "Mon–Fri 9–17");
  auto course = catalog.GetCourse(catalog_.course_id);
  ASSERT_OK(course);
  ASSERT_TRUE(course->has_value());
  EXPECT_EQ(Localize((*course)->title, "pl"), "Computer basics");  // falls back to English
  EXPECT_EQ((*course)->hours, 12);
  auto upcoming =
      catalog.ListUpcomingOfferings(catalog_.course_id, catalog_.center_id, "2026-12-01");
  ASSERT_OK(upcoming);
  ASSERT_EQ(upcoming->size(), 1u);
  EXPECT_EQ(upcoming->front().capacity, 8);
  EXPECT_TRUE(
      catalog.ListUpcomingOfferings(catalog_.course_id, catalog_.center_id, "2027-01-01")->empty());
  auto sessions = catalog.ListSessions(catalog_.offering_id);
  ASSERT_OK(sessions);
  ASSERT_EQ(sessions->size(), 2u);
  EXPECT_EQ(sessions->front().id, catalog_.session_id);
  EXPECT_EQ(*catalog.CountSeatsTaken(catalog_.offering_id), 0);
  EXPECT_FALSE(catalog.GetCenter("center.nowhere")->has_value());
}

TEST_F(RepositoryTest, CoursesAreOrderedByCategoryThenLocalizedTitle) {
  CatalogRepository catalog(*store_);
  {
    Store::ApplyingScope applying(*store_);
    Course english;
    english.id = "course.english";
    english.category = CourseCategory::kEnglish;
    english.title = {{"en", "English for travel"}, {"lt", "Anglų kalba kelionėms"}};
    ASSERT_OK(catalog.UpsertCourse(english));
    Course internet;
    internet.id = "course.internet";
    internet.category = CourseCategory::kComputerBasics;
    internet.title = {{"en", "Internet safety"}, {"lt", "Saugus internetas"}};
    ASSERT_OK(catalog.UpsertCourse(internet));
  }
  auto courses = catalog.ListCourses("lt");
  ASSERT_OK(courses);
  ASSERT_EQ(courses->size(), 3u);
  EXPECT_EQ((*courses)[0].id, "course.computer-basics");  // "Kompiuterio ..." < "Saugus ..."
  EXPECT_EQ((*courses)[1].id, "course.internet");
  EXPECT_EQ((*courses)[2].id, "course.english");
}

TEST_F(RepositoryTest, CatalogValidation) {
  CatalogRepository catalog(*store_);
  Store::ApplyingScope applying(*store_);
  Offering offering{
      "offering.bad", catalog_.course_id, catalog_.center_id, "2026-11-23", "2026-12-14", "", 0,
      false};
  EXPECT_EQ(catalog.UpsertOffering(offering).error().code, ErrorCode::kInvalidArgument);
  offering.capacity = -3;
  EXPECT_EQ(catalog.UpsertOffering(offering).error().code, ErrorCode::kInvalidArgument);
  offering.capacity = 5;
  offering.ends_on = "2026-11-01";
  EXPECT_EQ(catalog.UpsertOffering(offering).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(catalog.UpsertDistrict({"district.x", " "}).error().code, ErrorCode::kInvalidArgument);
  // An offering of a course that does not exist fails at commit (deferred foreign key).
  offering.ends_on = "2026-12-14";
  offering.course_id = "course.nowhere";
  EXPECT_EQ(catalog.UpsertOffering(offering).error().code, ErrorCode::kConflict);
}

TEST_F(RepositoryTest, PersonRoundTripAndValidation) {
  PersonRepository people(*store_);
  Person person = testing::SamplePerson(catalog_.center_id);
  person.card_code = "BAJ-0001";
  person.needs = {"transport", "accessibility"};
  person.email = "ona@example.lt";
  auto registered = people.Register(person);
  ASSERT_OK(registered);
  EXPECT_FALSE(registered->id.empty());
  auto loaded = people.Get(registered->id);
  ASSERT_OK(loaded);
  ASSERT_TRUE(loaded->has_value());
  EXPECT_EQ((*loaded)->family_name, "Petraitienė");
  EXPECT_EQ((*loaded)->needs, (std::vector<std::string>{"transport", "accessibility"}));
  EXPECT_EQ((*loaded)->birth_year, 1958);
  EXPECT_EQ((*loaded)->card_code, "BAJ-0001");
  auto by_card = people.FindByCardCode("BAJ-0001");
  ASSERT_OK(by_card);
  ASSERT_TRUE(by_card->has_value());
  EXPECT_EQ((*by_card)->id, registered->id);
  EXPECT_FALSE(people.FindByCardCode("")->has_value());

  Person bad = testing::SamplePerson(catalog_.center_id);
  bad.given_name = "  ";
  EXPECT_EQ(people.Register(bad).error().code, ErrorCode::kInvalidArgument);
  bad = testing::SamplePerson(catalog_.center_id);
  bad.birth_year = 1899;
  EXPECT_EQ(people.Register(bad).error().code, ErrorCode::kInvalidArgument);
  bad.birth_year = 2027;  // the test clock is in 2026
  EXPECT_EQ(people.Register(bad).error().code, ErrorCode::kInvalidArgument);
  bad.birth_year = 2026;
  EXPECT_OK(people.Register(bad));
  bad = testing::SamplePerson("center.nowhere");
  EXPECT_EQ(people.Register(bad).error().code, ErrorCode::kNotFound);
  bad = testing::SamplePerson(catalog_.center_id);
  bad.card_code = "BAJ-0001";
  EXPECT_EQ(people.Register(bad).error().code, ErrorCode::kConflict);  // card codes are unique
  bad.card_code = "";
  bad.language = "de";
  EXPECT_EQ(people.Register(bad).error().code, ErrorCode::kInvalidArgument);
}

// Schema 7: gender and employment status are optional, checked, kept, and captured like every
// other profile field (only the changed columns reach the outbox).
TEST_F(RepositoryTest, GenderAndEmploymentStatusForReporting) {
  PersonRepository people(*store_);
  Person person = testing::SamplePerson(catalog_.center_id);
  auto registered = people.Register(person);
  ASSERT_OK(registered);
  EXPECT_EQ(people.Get(registered->id)->value().gender, "");  // not recorded
  Person changed = *registered;
  changed.gender = "female";
  changed.employment_status = "unemployed";
  ASSERT_OK(people.Update(changed));
  const Person loaded = people.Get(registered->id)->value();
  EXPECT_EQ(loaded.gender, "female");
  EXPECT_EQ(loaded.employment_status, "unemployed");
  EXPECT_EQ(testing::QueryRows(*store_,
                               "SELECT cols FROM outbox WHERE tbl = 'person' "
                               "ORDER BY seq DESC LIMIT 1"),
            std::vector<std::string>{R"({"gender":"female","employment_status":"unemployed"})"});

  changed.gender = "unknown";
  EXPECT_EQ(people.Update(changed).error().code, ErrorCode::kInvalidArgument);
  changed.gender = "";
  changed.employment_status = "student";
  EXPECT_EQ(people.Update(changed).error().code, ErrorCode::kInvalidArgument);
  Person bad = testing::SamplePerson(catalog_.center_id, "Jonas", "Jonaitis");
  bad.gender = "M";
  EXPECT_EQ(people.Register(bad).error().code, ErrorCode::kInvalidArgument);
}

TEST_F(RepositoryTest, PeopleOfACenterAreListedByName) {
  Register("Ona", "Vaitkienė");
  Register("Jonas", "Adomaitis");
  Register("Algis", "Adomaitis");
  auto listed = PersonRepository(*store_).ListByCenter(catalog_.center_id);
  ASSERT_OK(listed);
  ASSERT_EQ(listed->size(), 3u);
  EXPECT_EQ((*listed)[0].given_name, "Algis");
  EXPECT_EQ((*listed)[1].given_name, "Jonas");
  EXPECT_EQ((*listed)[2].given_name, "Ona");
  EXPECT_TRUE(PersonRepository(*store_).ListByCenter(catalog_.other_center_id)->empty());
}

TEST_F(RepositoryTest, ConsentsAreKeptInOrder) {
  const Person person = Register("Ona", "Petraitienė");
  PersonRepository people(*store_);
  Consent consent;
  consent.person_id = person.id;
  consent.purpose = "contact";
  consent.granted = true;
  consent.text_version = "contact/2026-1";
  consent.language = "lt";
  consent.method = ConsentMethod::kWitnessed;
  consent.recorded_by = "coord.1";
  ASSERT_OK(people.RecordConsent(consent));
  clock_.Advance(60'000);
  consent.granted = false;  // withdrawn
  consent.method = ConsentMethod::kTap;
  ASSERT_OK(people.RecordConsent(consent));
  auto consents = people.ListConsents(person.id);
  ASSERT_OK(consents);
  ASSERT_EQ(consents->size(), 2u);
  EXPECT_TRUE((*consents)[0].granted);
  EXPECT_EQ((*consents)[0].method, ConsentMethod::kWitnessed);
  EXPECT_EQ((*consents)[0].recorded_at_ms, kTestNowMs);
  EXPECT_FALSE((*consents)[1].granted);
  consent.person_id = "nobody";
  EXPECT_EQ(people.RecordConsent(consent).error().code, ErrorCode::kNotFound);
  consent.person_id = person.id;
  consent.purpose = "";
  EXPECT_EQ(people.RecordConsent(consent).error().code, ErrorCode::kInvalidArgument);
}

TEST_F(RepositoryTest, EnrollmentLifecycle) {
  const Person person = Register("Ona", "Petraitienė");
  EnrollmentRepository enrollments(*store_);
  auto signed_up = enrollments.RequestSignUp(person.id, catalog_.offering_id, {"transport"});
  ASSERT_OK(signed_up);
  EXPECT_EQ(signed_up->id, DeterministicId("enrollment", catalog_.offering_id, person.id));
  EXPECT_EQ(signed_up->status, EnrollmentStatus::kRequested);
  EXPECT_EQ(signed_up->requested_at_ms, kTestNowMs);
  EXPECT_EQ(*CatalogRepository(*store_).CountSeatsTaken(catalog_.offering_id), 1);
  auto again = enrollments.RequestSignUp(person.id, catalog_.offering_id, {});
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_EQ(enrollments.RequestSignUp("nobody", catalog_.offering_id, {}).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(enrollments.RequestSignUp(person.id, "offering.none", {}).error().code,
            ErrorCode::kNotFound);

  ASSERT_OK(enrollments.SetStatus(signed_up->id, EnrollmentStatus::kCancelled, "changed mind"));
  EXPECT_EQ(*CatalogRepository(*store_).CountSeatsTaken(catalog_.offering_id), 0);
  auto loaded = enrollments.Get(signed_up->id);
  ASSERT_OK(loaded);
  EXPECT_EQ((*loaded)->reason, "changed mind");
  // Signing up again re-requests the same record.
  auto resigned = enrollments.RequestSignUp(person.id, catalog_.offering_id, {"care"});
  ASSERT_OK(resigned);
  EXPECT_EQ(resigned->id, signed_up->id);
  auto listed = enrollments.ListForPerson(person.id);
  ASSERT_OK(listed);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().status, EnrollmentStatus::kRequested);
  EXPECT_EQ(listed->front().needs, std::vector<std::string>{"care"});
  EXPECT_EQ(listed->front().reason, "");

  ASSERT_OK(enrollments.SetStatus(signed_up->id, EnrollmentStatus::kConfirmed, ""));
  ASSERT_OK(enrollments.SetStatus(signed_up->id, EnrollmentStatus::kCompleted, ""));
  auto back = enrollments.SetStatus(signed_up->id, EnrollmentStatus::kRequested, "");
  EXPECT_EQ(back.error().code, ErrorCode::kConflict);
  EXPECT_EQ(enrollments.SetStatus("nope", EnrollmentStatus::kConfirmed, "").error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(enrollments.ListForOffering(catalog_.offering_id)->size(), 1u);
}

TEST_F(RepositoryTest, CancelledOfferingTakesNoSignUps) {
  const Person person = Register("Ona", "Petraitienė");
  {
    Store::ApplyingScope applying(*store_);
    ASSERT_OK(CatalogRepository(*store_).UpsertOffering({"offering.cancelled", catalog_.course_id,
                                                         catalog_.center_id, "2026-12-01",
                                                         "2026-12-08", "", 5, true}));
  }
  auto refused = EnrollmentRepository(*store_).RequestSignUp(person.id, "offering.cancelled", {});
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
}

TEST_F(RepositoryTest, CoordinatorsAndDevices) {
  CoordinatorRepository coordinators(*store_);
  DeviceRepository devices(*store_);
  {
    Store::ApplyingScope applying(*store_);
    ASSERT_OK(coordinators.UpsertFromRemote(
        {"coord.rasa", catalog_.center_id, "Rasa Jonaitienė", "rasa", "$argon2id$...", "", true}));
    ASSERT_OK(coordinators.UpsertFromRemote(
        {"coord.old", catalog_.center_id, "Former", "old", "", "", false}));
    auto duplicate = coordinators.UpsertFromRemote(
        {"coord.other", catalog_.center_id, "Other", "rasa", "", "", true});
    EXPECT_EQ(duplicate.error().code, ErrorCode::kConflict);
    ASSERT_OK(devices.UpsertFromRemote({"device.42", 42, catalog_.center_id, "Kiosk 1", true}));
    EXPECT_EQ(devices.UpsertFromRemote({"device.0", 0, catalog_.center_id, "", true}).error().code,
              ErrorCode::kInvalidArgument);
  }
  auto rasa = coordinators.FindByLogin("rasa");
  ASSERT_OK(rasa);
  ASSERT_TRUE(rasa->has_value());
  EXPECT_EQ((*rasa)->passphrase_hash, "$argon2id$...");
  EXPECT_TRUE(coordinators.Get("coord.old")->value().active == false);
  auto active = coordinators.ListForCenter(catalog_.center_id);
  ASSERT_OK(active);
  ASSERT_EQ(active->size(), 1u);
  EXPECT_EQ(active->front().id, "coord.rasa");
  auto device = devices.GetByNumber(42);
  ASSERT_OK(device);
  ASSERT_TRUE(device->has_value());
  EXPECT_EQ((*device)->label, "Kiosk 1");
  EXPECT_EQ(devices.ListForCenter(catalog_.center_id)->size(), 1u);
}

TEST_F(RepositoryTest, AttendanceIsOneMarkPerSessionAndPerson) {
  const Person person = Register("Ona", "Petraitienė");
  AttendanceRepository attendance(*store_);
  auto marked = attendance.Mark(catalog_.session_id, person.id, AttendanceMark::kAbsent, "c1");
  ASSERT_OK(marked);
  EXPECT_EQ(marked->id, DeterministicId("attendance", catalog_.session_id, person.id));
  ASSERT_OK(attendance.Mark(catalog_.session_id, person.id, AttendanceMark::kPresent, "c1"));
  auto listed = attendance.ListForSession(catalog_.session_id);
  ASSERT_OK(listed);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().mark, AttendanceMark::kPresent);
  EXPECT_EQ(attendance.Get(catalog_.session_id, person.id)->value().marked_by, "c1");
  EXPECT_FALSE(attendance.Get(catalog_.session2_id, person.id)->has_value());
  EXPECT_EQ(attendance.Mark("session.none", person.id, AttendanceMark::kPresent, "").error().code,
            ErrorCode::kNotFound);
}

TEST_F(RepositoryTest, LessonProgressNeverGoesBackwards) {
  const Person person = Register("Ona", "Petraitienė");
  LessonRepository lessons(*store_);
  auto first = lessons.SavePosition(person.id, catalog_.course_id, "lesson.mouse", 2, 30);
  ASSERT_OK(first);
  EXPECT_EQ(first->id, DeterministicId("progress", person.id, "lesson.mouse"));
  ASSERT_OK(lessons.RecordCompletion(person.id, catalog_.course_id, "lesson.mouse", 90, 10));
  ASSERT_OK(lessons.RecordCompletion(person.id, catalog_.course_id, "lesson.mouse", 40, 5));
  auto revisited = lessons.SavePosition(person.id, catalog_.course_id, "lesson.mouse", 1, 15);
  ASSERT_OK(revisited);
  EXPECT_EQ(revisited->page, 1);         // where the person is now
  EXPECT_TRUE(revisited->completed);     // never back to not completed
  EXPECT_EQ(revisited->best_score, 90);  // never lower
  EXPECT_EQ(revisited->seconds_spent, 60);
  EXPECT_EQ(
      lessons.RecordCompletion(person.id, catalog_.course_id, "lesson.mouse", 101, 0).error().code,
      ErrorCode::kInvalidArgument);
  EXPECT_EQ(lessons.SavePosition(person.id, catalog_.course_id, "lesson.mouse", -1, 0).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(lessons.ListForPerson(person.id)->size(), 1u);
  EXPECT_FALSE(lessons.Get(person.id, "lesson.keyboard")->has_value());
}

// A kiosk not provisioned yet has no device number, so no counter of its own: its time goes to
// lesson_progress.seconds_spent, as before schema 10 (never to device 0, the server's row).
TEST_F(RepositoryTest, BeforeProvisioningLessonTimeIsCountedAsBefore) {
  const Person person = Register("Ona", "Petraitienė");
  ASSERT_EQ(store_->device_id(), 0);
  LessonRepository lessons(*store_);
  ASSERT_OK(lessons.SavePosition(person.id, catalog_.course_id, "lesson.mouse", 2, 30));
  auto saved = lessons.SavePosition(person.id, catalog_.course_id, "lesson.mouse", 2, 12);
  ASSERT_OK(saved);
  EXPECT_EQ(saved->seconds_spent, 42);
  EXPECT_EQ(testing::QueryInt(*store_, "SELECT seconds_spent FROM lesson_progress"), 42);
  EXPECT_EQ(testing::QueryInt(*store_, "SELECT count(*) FROM progress_counter"), 0);
}

// Lesson time is counted per device (schema 10): this device adds to its own row only, and the
// lesson's time is the time counted before schema 10 plus every device's live row.
TEST_F(RepositoryTest, LessonTimeIsCountedPerDeviceAndAddsUp) {
  const Person person = Register("Ona", "Petraitienė");
  ASSERT_OK(store_->SetDeviceId(7));
  LessonRepository lessons(*store_);
  ASSERT_OK(lessons.SavePosition(person.id, catalog_.course_id, "lesson.mouse", 2, 30));
  ASSERT_OK(lessons.RecordCompletion(person.id, catalog_.course_id, "lesson.mouse", 90, 10));
  const std::string own = ProgressCounterId(person.id, "lesson.mouse", 7);
  EXPECT_EQ(testing::QueryRows(*store_,
                               "SELECT id || ' ' || device_no || ' ' || seconds FROM "
                               "progress_counter"),
            std::vector<std::string>{own + " 7 40"});
  EXPECT_EQ(testing::QueryInt(*store_, "SELECT seconds_spent FROM lesson_progress"), 0);
  {
    // As pulled: another kiosk's 200 s, a tombstoned row, and 100 s counted before schema 10.
    Store::ApplyingScope applying(*store_);
    ASSERT_OK(store_->db().Exec(
        "INSERT INTO progress_counter(id, person_id, lesson_id, device_no, seconds, deleted, hlc,"
        " origin) VALUES ('" +
        ProgressCounterId(person.id, "lesson.mouse", 9) + "', '" + person.id +
        "', 'lesson.mouse', 9, 200, 0, 1, 9), ('" +
        ProgressCounterId(person.id, "lesson.mouse", 11) + "', '" + person.id +
        "', 'lesson.mouse', 11, 500, 1, 1, 0);"
        "UPDATE lesson_progress SET seconds_spent = 100;"));
  }
  auto read = lessons.Get(person.id, "lesson.mouse");
  ASSERT_OK(read);
  ASSERT_TRUE(read->has_value());
  EXPECT_EQ((*read)->seconds_spent, 100 + 40 + 200);
  auto more = lessons.SavePosition(person.id, catalog_.course_id, "lesson.mouse", 2, 5);
  ASSERT_OK(more);
  EXPECT_EQ(more->seconds_spent, 345);
  EXPECT_EQ(lessons.ListForPerson(person.id)->at(0).seconds_spent, 345);
  // The other device's row is never written here.
  EXPECT_EQ(testing::QueryInt(*store_, "SELECT seconds FROM progress_counter WHERE device_no = 9"),
            200);
  EXPECT_EQ(
      testing::QueryInt(*store_, "SELECT seconds FROM progress_counter WHERE id = '" + own + "'"),
      45);
}

TEST_F(RepositoryTest, LessonPacks) {
  LessonRepository lessons(*store_);
  {
    Store::ApplyingScope applying(*store_);
    ASSERT_OK(lessons.UpsertPack({"pack.cb", catalog_.course_id, 1, "abc", R"({"lessons":[]})"}));
    ASSERT_OK(
        lessons.UpsertPack({"pack.cb.2", catalog_.course_id, 2, "def", R"({"lessons":[1]})"}));
    EXPECT_EQ(lessons.UpsertPack({"pack.bad", catalog_.course_id, 1, "", "{nope"}).error().code,
              ErrorCode::kInvalidArgument);
  }
  auto pack = lessons.GetPackForCourse(catalog_.course_id);
  ASSERT_OK(pack);
  ASSERT_TRUE(pack->has_value());
  EXPECT_EQ((*pack)->version, 2);
}

TEST_F(RepositoryTest, SyncMetaKeys) {
  SyncMetaRepository meta(*store_);
  ASSERT_OK(meta.SetInt("pull_cursor", 884004));
  EXPECT_EQ(*meta.GetInt("pull_cursor"), 884004);
  ASSERT_OK(meta.SetText("last_error", "network"));
  EXPECT_EQ(*meta.GetText("last_error"), "network");
  EXPECT_EQ(*meta.GetInt("last_error"), std::nullopt);
  EXPECT_EQ(*meta.GetText("no_such_key"), std::nullopt);
  EXPECT_EQ(*meta.GetText("id_prefix"), store_->id_prefix());
  EXPECT_EQ(meta.SetInt("outbox_seq", 0).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(meta.SetInt("hlc_last", 0).error().code, ErrorCode::kInvalidArgument);
  // Text that looks like a number stays text (sync_meta is STRICT with v ANY).
  ASSERT_OK(meta.SetText("server_epoch", "0012"));
  EXPECT_EQ(*meta.GetText("server_epoch"), "0012");
}

}  // namespace
}  // namespace raida::core
