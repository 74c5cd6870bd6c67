// CertificateRepository: deciding from this device's data whether a person completed a course,
// issuing the course certificate once, and finding a certificate by its verification code.
//
// THE COMPLETION RULE (GetCourseCompletion). A person has completed a course when
//   1. lessons: if the course has a lesson pack (its newest version on this device), every
//      lesson of that pack is completed with a best quiz score of at least the manifest's
//      passing_score (a lesson without questions scores 100); and
//   2. attendance: if the person holds a sign-up (enrollment confirmed, attended or completed)
//      for an offering of the course that is not cancelled and has sessions, then for at least
//      one such offering every one of its sessions is marked "present" for the person (absent
//      and excused marks, and sessions not marked yet, do not count as present; a course whose
//      sessions are still to come is therefore not complete yet); and
//   3. at least one of the two applies: a course without a pack can only be completed by
//      attending, and a course the person neither studies through a pack nor attends cannot be
//      completed at all.
// Sign-ups only requested or waitlisted, and offerings the person was never confirmed for, do
// not bring in an attendance requirement: the rule asks for the sessions of the offering the
// person was given a seat in.
//
// A certificate is a fact, written once (see schema_v4.cpp): its id is
// DeterministicId("certificate", person_id, course_id), it is never changed on a kiosk, and only
// the district server may replace it (when two kiosks issued one each while offline, the
// earliest issue wins and the other code stays valid as an alias) or withdraw it (erasure).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "raida/core/model.h"
#include "raida/core/result.h"
#include "raida/core/store.h"

namespace raida::core {

// What GetCourseCompletion found, so a screen can also say what is still missing.
struct CourseCompletion {
  std::string person_id;
  std::string course_id;
  bool complete = false;
  // Lessons (rule 1).
  bool has_pack = false;
  int lessons_total = 0;
  int lessons_passed = 0;  // completed with best_score >= passing_score
  int passing_score = 0;
  // Attendance (rule 2): the offering that counts (the fully attended one when there is one,
  // else the one with the most sessions attended; "" when the rule does not apply).
  bool attendance_required = false;
  std::string offering_id;
  int sessions_total = 0;
  int sessions_present = 0;
  std::string started_on;  // first and last session dates of that offering ("" when none)
  std::string finished_on;
};

struct Certificate {
  std::string id;  // DeterministicId("certificate", person_id, course_id)
  std::string person_id;
  std::string course_id;
  std::string center_id;    // the attended offering's center, else the person's home center
  std::string offering_id;  // the attended offering; "" for a course done through lessons
  std::string issued_on;    // "2026-12-15"
  std::string started_on;   // the attended offering's first session date; "" for lessons
  std::string finished_on;  // its last session date; "" for lessons
  int hours = 0;            // the course's hours
  std::string language;     // the person's language when it was issued: the PDF's language
  std::string code;         // verification code, "RKS-7K2M-9QXD"
  uint64_t issued_hlc = 0;  // the stamp of the issue (the earliest issue wins at the server)
};

// A certificate with what a printout or a verifier shows.
struct CertificateDetails {
  Certificate certificate;
  std::string given_name;
  std::string family_name;
  LocalizedText course_title;
  std::string center_name;
  std::string center_phone;
  std::string district_name;
  // Verify only: the code asked about when it is the alias of a certificate that lost to an
  // earlier one ("" otherwise); certificate.code is then the code of the certificate kept.
  std::string alias_code;
};

// The id of the certificate of `person_id` for `course_id`.
std::string CertificateId(const std::string& person_id, const std::string& course_id);

class CertificateRepository {
 public:
  explicit CertificateRepository(Store& store) : store_(&store) {}

  // Applies the completion rule above to this device's data. kNotFound for an unknown person
  // or course; kCorrupt when the stored lesson pack cannot be read.
  Result<CourseCompletion> GetCourseCompletion(const std::string& person_id,
                                               const std::string& course_id);

  // THE FUNCTION THE KIOSK CALLS when a person finishes a lesson (and a coordinator's screen
  // after taking attendance): when the person has completed the course, issues the certificate
  // (captured into the outbox in one transaction) and returns it; returns the existing
  // certificate when there already is one, and nullopt when the course is not complete yet.
  // `today` is the center's local date ("2026-12-15"). kInvalidArgument for a malformed date;
  // kNotFound for an unknown person or course; kConflict for an erased or merged person, or a
  // certificate the district office has withdrawn.
  Result<std::optional<Certificate>> IssueCertificateIfComplete(const std::string& person_id,
                                                                const std::string& course_id,
                                                                const std::string& today);

  // The person's live certificate for the course, or nullopt.
  Result<std::optional<Certificate>> GetForCourse(const std::string& person_id,
                                                  const std::string& course_id);
  // Every live certificate of the person, newest first.
  Result<std::vector<Certificate>> ListForPerson(const std::string& person_id);
  // The certificate `id` with what a printout shows, or nullopt (none, or withdrawn).
  Result<std::optional<CertificateDetails>> GetDetails(const std::string& id);

  // Verification (the district server): the live certificate whose code, or the code of a
  // certificate that lost to it, is `typed` (read tolerantly: certificate_code.h), with its
  // holder's name. nullopt when no such certificate exists, it was withdrawn, its holder was
  // erased, or `typed` is not a well-formed code.
  Result<std::optional<CertificateDetails>> Verify(const std::string& typed);

 private:
  Store* store_;
};

}  // namespace raida::core
