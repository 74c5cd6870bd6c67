// Certificates on a kiosk: the verification code's format and checks, the completion rule
// (lessons, the quiz threshold, attendance), issuing once, immutability, withdrawal and
// verification by code.
#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <string>

#include "core_test_support.h"
#include "raida/core/attendance_repository.h"
#include "raida/core/certificate_code.h"
#include "raida/core/certificate_repository.h"
#include "raida/core/enrollment_repository.h"
#include "raida/core/lesson_pack.h"
#include "raida/core/lesson_repository.h"
#include "raida/core/outbox_repository.h"
#include "raida/core/person_repository.h"

namespace raida::core {
namespace {

using testing::QueryInt;

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const std::string kFixturePack =
    std::string(RAIDA_SOURCE_DIR) + "/tests/data/lessons/fixture-first-steps";

// [SECTION] Codes

TEST(CertificateCodeTest, NewCodesAreWellFormedAndDistinct) {
  const std::regex shape("[0-9A-HJKMNP-TV-Z]{3}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}");
  std::set<std::string> seen;
  for (int i = 0; i < 2000; ++i) {
    const std::string code = NewCertificateCode();
    ASSERT_TRUE(std::regex_match(code, shape)) << code;
    EXPECT_EQ(code.size(), static_cast<size_t>(kCertificateCodeLength));
    EXPECT_EQ(CanonicalCertificateCode(code), code);
    seen.insert(code);
  }
  EXPECT_EQ(seen.size(), 2000u);
}

TEST(CertificateCodeTest, TypedCodesAreReadTolerantly) {
  for (int i = 0; i < 50; ++i) {
    const std::string code = NewCertificateCode();
    std::string lower;
    std::string spaced;
    std::string bare;
    std::string letters;  // 1 typed as I or l, 0 as O
    for (const char c : code) {
      lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      spaced += c == '-' ? std::string("  ") : std::string(1, c);
      bare += c == '-' ? std::string() : std::string(1, c);
      letters += c == '1' ? (i % 2 == 0 ? 'I' : 'l') : c == '0' ? 'o' : c;
    }
    for (const std::string& typed : {lower, spaced, bare, letters, " " + code + " "}) {
      EXPECT_EQ(CanonicalCertificateCode(typed), code) << typed;
    }
  }
}

TEST(CertificateCodeTest, EverySingleMistypedSymbolIsCaught) {
  const std::string code = NewCertificateCode();
  std::string bare;
  for (const char c : code) {
    if (c != '-') {
      bare += c;
    }
  }
  for (size_t at = 0; at < bare.size(); ++at) {
    for (const char other : kAlphabet) {
      if (other == bare[at]) {
        continue;
      }
      std::string typo = bare;
      typo[at] = other;
      EXPECT_EQ(CanonicalCertificateCode(typo), std::nullopt) << typo << " for " << code;
    }
  }
}

TEST(CertificateCodeTest, SwappedNeighboursAreCaught) {
  int swaps = 0;
  for (int i = 0; i < 100; ++i) {
    std::string bare;
    for (const char c : NewCertificateCode()) {
      if (c != '-') {
        bare += c;
      }
    }
    for (size_t at = 0; at + 1 < bare.size() - 1; ++at) {  // the ten random symbols
      const auto a = static_cast<int>(kAlphabet.find(bare[at]));
      const auto b = static_cast<int>(kAlphabet.find(bare[at + 1]));
      if (a == b || a - b == 16 || b - a == 16) {
        continue;  // no change, or the one difference a modulo-32 check cannot see
      }
      std::string swapped = bare;
      std::swap(swapped[at], swapped[at + 1]);
      EXPECT_EQ(CanonicalCertificateCode(swapped), std::nullopt) << swapped;
      ++swaps;
    }
  }
  EXPECT_GT(swaps, 500);
}

TEST(CertificateCodeTest, RejectsWhatIsNotACode) {
  const std::string code = NewCertificateCode();
  for (const std::string& typed : {std::string(), std::string("RKS-7K2M-9QX"), code + "7",
                                   code.substr(1), code.substr(0, 4) + "U" + code.substr(5),
                                   std::string("RKS_7K2M_9QXD"), std::string("ŽKS-7K2M-9QXD")}) {
    EXPECT_EQ(CanonicalCertificateCode(typed), std::nullopt) << typed;
  }
}

// [SECTION] Completion and issuing

class CertificateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = testing::OpenStore(clock_);
    ASSERT_NE(store_, nullptr);
    catalog_ = testing::SeedCatalog(*store_);
    auto person = PersonRepository(*store_).Register(
        testing::SamplePerson(catalog_.center_id, "Žydrūnė", "Šaulytė-Ąžuolienė"));
    ASSERT_OK(person);
    person_ = person.value();
  }

  // Publishes the fixture pack (3 lessons, passing score 60) as the seeded course's pack.
  void LoadPack() {
    auto pack = ReadPackFolder(kFixturePack);
    ASSERT_OK(pack);
    pack->course_id = catalog_.course_id;
    lessons_.clear();
    for (const Lesson& lesson : pack->lessons) {
      lessons_.push_back(lesson.id);
    }
    Store::ApplyingScope applying(*store_);
    ASSERT_OK(LessonRepository(*store_).UpsertPack(PackRow(*pack)));
  }

  void Pass(const std::string& lesson_id, int score) {
    ASSERT_OK(LessonRepository(*store_).RecordCompletion(person_.id, catalog_.course_id, lesson_id,
                                                         score, 60));
  }

  void Confirm() {
    auto requested =
        EnrollmentRepository(*store_).RequestSignUp(person_.id, catalog_.offering_id, {});
    ASSERT_OK(requested);
    ASSERT_OK(
        EnrollmentRepository(*store_).SetStatus(requested->id, EnrollmentStatus::kConfirmed, ""));
  }

  void Mark(const std::string& session_id, AttendanceMark mark) {
    ASSERT_OK(AttendanceRepository(*store_).Mark(session_id, person_.id, mark, "coord"));
  }

  CourseCompletion Completion() {
    auto completion = repo().GetCourseCompletion(person_.id, catalog_.course_id);
    EXPECT_OK(completion);
    return completion.ok() ? completion.value() : CourseCompletion{};
  }

  CertificateRepository repo() { return CertificateRepository(*store_); }

  ManualClock clock_{testing::kTestNowMs};
  std::unique_ptr<Store> store_;
  testing::SeededCatalog catalog_;
  Person person_;
  std::vector<std::string> lessons_;
};

TEST_F(CertificateTest, EveryLessonMustBePassedAtTheManifestsThreshold) {
  LoadPack();
  ASSERT_EQ(lessons_.size(), 3u);
  CourseCompletion c = Completion();
  EXPECT_TRUE(c.has_pack);
  EXPECT_FALSE(c.attendance_required);
  EXPECT_EQ(c.lessons_total, 3);
  EXPECT_EQ(c.passing_score, 60);
  EXPECT_FALSE(c.complete);
  Pass(lessons_[0], 100);
  Pass(lessons_[1], 60);  // exactly the threshold passes
  Pass(lessons_[2], 59);  // one point short does not
  c = Completion();
  EXPECT_EQ(c.lessons_passed, 2);
  EXPECT_FALSE(c.complete);
  ASSERT_OK(LessonRepository(*store_).SavePosition(person_.id, catalog_.course_id, lessons_[2], 1,
                                                   10));  // started again: still not passed
  EXPECT_FALSE(Completion().complete);
  Pass(lessons_[2], 80);  // a retake passes
  c = Completion();
  EXPECT_EQ(c.lessons_passed, 3);
  EXPECT_TRUE(c.complete);
}

TEST_F(CertificateTest, ASeatInAnOfferingBringsItsSessionsIntoTheRule) {
  LoadPack();
  for (const std::string& lesson : lessons_) {
    Pass(lesson, 100);
  }
  auto requested =
      EnrollmentRepository(*store_).RequestSignUp(person_.id, catalog_.offering_id, {});
  ASSERT_OK(requested);
  EXPECT_TRUE(Completion().complete) << "a request not yet confirmed asks for no attendance";
  ASSERT_OK(
      EnrollmentRepository(*store_).SetStatus(requested->id, EnrollmentStatus::kConfirmed, ""));
  CourseCompletion c = Completion();
  EXPECT_TRUE(c.attendance_required);
  EXPECT_EQ(c.offering_id, catalog_.offering_id);
  EXPECT_EQ(c.sessions_total, 2);
  EXPECT_EQ(c.sessions_present, 0);
  EXPECT_FALSE(c.complete);
  Mark(catalog_.session_id, AttendanceMark::kPresent);
  Mark(catalog_.session2_id, AttendanceMark::kExcused);
  c = Completion();
  EXPECT_EQ(c.sessions_present, 1);
  EXPECT_FALSE(c.complete) << "an excused absence is not attendance";
  Mark(catalog_.session2_id, AttendanceMark::kPresent);
  c = Completion();
  EXPECT_TRUE(c.complete);
  EXPECT_EQ(c.started_on, "2026-11-23");
  EXPECT_EQ(c.finished_on, "2026-11-30");
}

TEST_F(CertificateTest, ACourseWithoutAPackIsCompletedByAttendingOnly) {
  EXPECT_FALSE(Completion().complete) << "nothing to study and no seat: nothing to complete";
  Confirm();
  Mark(catalog_.session_id, AttendanceMark::kPresent);
  EXPECT_FALSE(Completion().complete);
  Mark(catalog_.session2_id, AttendanceMark::kAbsent);
  EXPECT_FALSE(Completion().complete);
  Mark(catalog_.session2_id, AttendanceMark::kPresent);
  const CourseCompletion c = Completion();
  EXPECT_FALSE(c.has_pack);
  EXPECT_TRUE(c.complete);
}

TEST_F(CertificateTest, UnknownPersonOrCourseIsNotFound) {
  EXPECT_EQ(repo().GetCourseCompletion("nobody", catalog_.course_id).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(repo().GetCourseCompletion(person_.id, "course.nothing").error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(
      repo().IssueCertificateIfComplete(person_.id, catalog_.course_id, "15.12.2026").error().code,
      ErrorCode::kInvalidArgument);
}

TEST_F(CertificateTest, IssuesOnceWhenCompleteAndCapturesIt) {
  LoadPack();
  auto none = repo().IssueCertificateIfComplete(person_.id, catalog_.course_id, "2026-12-15");
  ASSERT_OK(none);
  EXPECT_FALSE(none->has_value());
  EXPECT_EQ(QueryInt(*store_, "SELECT count(*) FROM certificate"), 0);
  for (const std::string& lesson : lessons_) {
    Pass(lesson, 90);
  }
  const int64_t outbox_before = QueryInt(*store_, "SELECT count(*) FROM outbox");
  auto issued = repo().IssueCertificateIfComplete(person_.id, catalog_.course_id, "2026-12-15");
  ASSERT_OK(issued);
  ASSERT_TRUE(issued->has_value());
  const Certificate& c = **issued;
  EXPECT_EQ(c.id, CertificateId(person_.id, catalog_.course_id));
  EXPECT_EQ(c.center_id, catalog_.center_id);
  EXPECT_EQ(c.offering_id, "");
  EXPECT_EQ(c.issued_on, "2026-12-15");
  EXPECT_EQ(c.started_on, "");
  EXPECT_EQ(c.hours, 12);
  EXPECT_EQ(c.language, "lt");
  EXPECT_EQ(CanonicalCertificateCode(c.code), c.code);
  EXPECT_EQ(static_cast<int64_t>(c.issued_hlc),
            QueryInt(*store_, "SELECT hlc FROM certificate WHERE id = '" + c.id + "'"));
  EXPECT_EQ(QueryInt(*store_, "SELECT count(*) FROM outbox"), outbox_before + 1);
  EXPECT_EQ(QueryInt(*store_,
                     "SELECT count(*) FROM outbox WHERE tbl = 'certificate' AND schema_version = 4 "
                     "AND json_extract(cols, '$.code') = '" +
                         c.code + "'"),
            1);
  // Asked again (the next lesson screen, another day): the same certificate, nothing new.
  auto again = repo().IssueCertificateIfComplete(person_.id, catalog_.course_id, "2027-01-02");
  ASSERT_OK(again);
  ASSERT_TRUE(again->has_value());
  EXPECT_EQ((*again)->code, c.code);
  EXPECT_EQ((*again)->issued_on, "2026-12-15");
  EXPECT_EQ(QueryInt(*store_, "SELECT count(*) FROM outbox"), outbox_before + 1);
  auto listed = repo().ListForPerson(person_.id);
  ASSERT_OK(listed);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().code, c.code);
}

TEST_F(CertificateTest, AnAttendedCourseNamesTheOfferingItsCenterAndDates) {
  Confirm();
  Mark(catalog_.session_id, AttendanceMark::kPresent);
  Mark(catalog_.session2_id, AttendanceMark::kPresent);
  auto issued = repo().IssueCertificateIfComplete(person_.id, catalog_.course_id, "2026-12-15");
  ASSERT_OK(issued);
  ASSERT_TRUE(issued->has_value());
  EXPECT_EQ((*issued)->offering_id, catalog_.offering_id);
  EXPECT_EQ((*issued)->center_id, catalog_.center_id);
  EXPECT_EQ((*issued)->started_on, "2026-11-23");
  EXPECT_EQ((*issued)->finished_on, "2026-11-30");
  auto details = repo().GetDetails((*issued)->id);
  ASSERT_OK(details);
  ASSERT_TRUE(details->has_value());
  EXPECT_EQ((*details)->given_name, "Žydrūnė");
  EXPECT_EQ((*details)->family_name, "Šaulytė-Ąžuolienė");
  EXPECT_EQ((*details)->center_name, "Bajorai");
  EXPECT_EQ((*details)->district_name, "Rokiškio rajonas");
  EXPECT_EQ(Localize((*details)->course_title, "lt"), "Kompiuterio pradmenys");
}

TEST_F(CertificateTest, ACertificateIsNeverChangedOrDeletedOnTheKiosk) {
  Confirm();
  Mark(catalog_.session_id, AttendanceMark::kPresent);
  Mark(catalog_.session2_id, AttendanceMark::kPresent);
  auto issued = repo().IssueCertificateIfComplete(person_.id, catalog_.course_id, "2026-12-15");
  ASSERT_OK(issued);
  const std::string where = " WHERE id = '" + (*issued)->id + "'";
  EXPECT_FALSE(store_->db()
                   .Exec("UPDATE certificate SET hours = 99, hlc = sync_hlc(), origin = "
                         "sync_origin()" +
                         where)
                   .ok());
  EXPECT_FALSE(store_->db()
                   .Exec("UPDATE certificate SET deleted = 1, hlc = sync_hlc(), origin = "
                         "sync_origin()" +
                         where)
                   .ok());
  EXPECT_FALSE(store_->db().Exec("DELETE FROM certificate" + where).ok());
  EXPECT_EQ(QueryInt(*store_, "SELECT hours FROM certificate" + where), 12);
  // The district office's decisions arrive while applying, and may change it.
  Store::ApplyingScope applying(*store_);
  EXPECT_OK(store_->db().Exec("UPDATE certificate SET code = 'RKS-7K2M-9QX0'" + where));
}

TEST_F(CertificateTest, AWithdrawnCertificateIsNotIssuedAgainNorVerified) {
  LoadPack();
  for (const std::string& lesson : lessons_) {
    Pass(lesson, 100);
  }
  auto issued = repo().IssueCertificateIfComplete(person_.id, catalog_.course_id, "2026-12-15");
  ASSERT_OK(issued);
  const std::string code = (*issued)->code;
  auto verified = repo().Verify(code);
  ASSERT_OK(verified);
  ASSERT_TRUE(verified->has_value());
  {
    Store::ApplyingScope applying(*store_);  // the district office's tombstone, as pulled
    ASSERT_OK(store_->db().Exec("UPDATE certificate SET deleted = 1"));
  }
  EXPECT_EQ(
      repo().IssueCertificateIfComplete(person_.id, catalog_.course_id, "2026-12-16").error().code,
      ErrorCode::kConflict);
  EXPECT_FALSE(repo().GetForCourse(person_.id, catalog_.course_id)->has_value());
  EXPECT_TRUE(repo().ListForPerson(person_.id)->empty());
  EXPECT_FALSE(repo().Verify(code)->has_value());
}

TEST_F(CertificateTest, AnErasedPersonGetsNoCertificateAndTheirsDoNotVerify) {
  Confirm();
  Mark(catalog_.session_id, AttendanceMark::kPresent);
  Mark(catalog_.session2_id, AttendanceMark::kPresent);
  auto issued = repo().IssueCertificateIfComplete(person_.id, catalog_.course_id, "2026-12-15");
  ASSERT_OK(issued);
  {
    Store::ApplyingScope applying(*store_);  // an erasure, as pulled from the district office
    ASSERT_OK(store_->db().Exec(
        "UPDATE person SET erased = 1, given_name = '', family_name = '' WHERE id = '" +
        person_.id + "'"));
  }
  EXPECT_FALSE(repo().Verify((*issued)->code)->has_value());
  EXPECT_FALSE(repo().GetDetails((*issued)->id)->has_value());
  EXPECT_EQ(
      repo().IssueCertificateIfComplete(person_.id, catalog_.course_id, "2026-12-16").error().code,
      ErrorCode::kConflict);
}

TEST_F(CertificateTest, VerificationReadsTypedCodesAndFollowsAliases) {
  Confirm();
  Mark(catalog_.session_id, AttendanceMark::kPresent);
  Mark(catalog_.session2_id, AttendanceMark::kPresent);
  auto issued = repo().IssueCertificateIfComplete(person_.id, catalog_.course_id, "2026-12-15");
  ASSERT_OK(issued);
  const std::string code = (*issued)->code;
  std::string typed;
  for (const char c : code) {
    typed += c == '-' ? ' ' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  auto found = repo().Verify(typed);
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->certificate.code, code);
  EXPECT_EQ((*found)->alias_code, "");
  EXPECT_EQ((*found)->given_name + " " + (*found)->family_name, "Žydrūnė Šaulytė-Ąžuolienė");
  // A code that lost to this certificate at the district office.
  std::string other = NewCertificateCode();
  ASSERT_OK(
      store_->db().Exec("INSERT INTO certificate_alias(code, certificate_id, at_ms) VALUES "
                        "('" +
                        other + "', '" + (*issued)->id + "', 0)"));
  found = repo().Verify(other);
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->certificate.code, code);
  EXPECT_EQ((*found)->alias_code, other);
  EXPECT_FALSE(repo().Verify(NewCertificateCode())->has_value());
  EXPECT_FALSE(repo().Verify("not a code")->has_value());
}

}  // namespace
}  // namespace raida::core
