// The domain model: plain structs for what Raida stores, shared by the kiosk and the server.
//
// Ids are strings generated on the device (Store::NewRowId) or published by the district office
// (catalog rows: "course.computer-basics", "center.bajorai"). Dates are ISO strings in the
// center's local time ("2026-11-23", "10:00"), instants are Unix milliseconds. Text the district
// publishes in several languages is a LocalizedText.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace raida::core {

// Language codes Raida ships: "lt", "pl", "en".
using LocalizedText = std::map<std::string, std::string>;
// The text in `lang`, else English, else Lithuanian, else any; "" when empty.
std::string Localize(const LocalizedText& text, const std::string& lang);

struct District {
  std::string id;
  std::string name;
};

struct Center {
  std::string id;
  std::string district_id;
  std::string name;  // "Juodupė" (a proper name: not translated)
  std::string address;
  std::string phone;
  LocalizedText opening_hours;  // "Mon–Fri 9:00–17:00" in each language
};

enum class CourseCategory {
  kComputerBasics,
  kEServices,
  kEnglish,
  kJobSearch,
  kConfidence,
  kVocational,
  kWorkFamily,
  kRightsAtWork,
};
const char* CourseCategoryName(CourseCategory category);  // "computer_basics", ...
std::optional<CourseCategory> ParseCourseCategory(const std::string& name);

struct Course {
  std::string id;
  CourseCategory category = CourseCategory::kComputerBasics;
  LocalizedText title;
  LocalizedText summary;
  LocalizedText what_to_bring;
  int hours = 0;
};

// A course given at a center: a run of sessions between two dates with a seat limit.
struct Offering {
  std::string id;
  std::string course_id;
  std::string center_id;
  std::string starts_on;  // "2026-11-23"
  std::string ends_on;
  std::string place;  // "Bajorai library, room 2"
  int capacity = 0;   // seats; > 0
  bool cancelled = false;
};

struct Session {
  std::string id;
  std::string offering_id;
  std::string date;        // "2026-11-23"
  std::string start_time;  // "10:00"
  std::string end_time;    // "12:00"
};

struct Person {
  std::string id;
  std::string home_center_id;
  std::string given_name;
  std::string family_name;
  std::optional<int> birth_year;
  std::string phone;
  std::string email;
  std::string village;
  std::string language = "lt";
  std::vector<std::string> needs;  // "transport", "care", "accessibility"
  std::string card_code;           // printed on the resident's card; "" when none
  std::optional<std::string> merged_into;
  bool erased = false;
  // For programme reporting only, optional; "" is "not recorded" (schema 7).
  std::string gender;             // "female", "male", "other"
  std::string employment_status;  // "employed", "unemployed", "retired", "inactive"
};

// The values Person::gender and Person::employment_status accept besides "" (not recorded).
inline constexpr const char* kGenders[] = {"female", "male", "other"};
inline constexpr const char* kEmploymentStatuses[] = {"employed", "unemployed", "retired",
                                                      "inactive"};

enum class ConsentMethod { kTap, kWitnessed };
const char* ConsentMethodName(ConsentMethod method);  // "tap", "witnessed"
std::optional<ConsentMethod> ParseConsentMethod(const std::string& name);
struct Consent {
  std::string id;
  std::string person_id;
  std::string purpose;       // "registration", "contact", "reporting", ...
  bool granted = false;      // false records a withdrawal
  std::string text_version;  // version of the consent text shown, e.g. "registration/2026-1"
  std::string language;
  ConsentMethod method = ConsentMethod::kTap;
  std::string recorded_by;  // coordinator id; "" when the person tapped alone
  int64_t recorded_at_ms = 0;
};

struct Coordinator {
  std::string id;
  std::string center_id;
  std::string display_name;
  std::string login;
  std::string passphrase_hash;  // Argon2id string from crypto_pwhash_str; "" when not set
  std::string pin_hash;
  bool active = true;
};

enum class EnrollmentStatus {
  kRequested,  // asked on a kiosk; not confirmed until the server has seen it
  kConfirmed,
  kWaitlisted,
  kCancelled,
  kAttended,
  kCompleted,
};
const char* EnrollmentStatusName(EnrollmentStatus status);  // "requested", ...
std::optional<EnrollmentStatus> ParseEnrollmentStatus(const std::string& name);

struct Enrollment {
  std::string id;  // DeterministicId("enrollment", offering_id, person_id)
  std::string offering_id;
  std::string person_id;
  EnrollmentStatus status = EnrollmentStatus::kRequested;
  std::vector<std::string> needs;
  std::string reason;  // why a coordinator changed the status; "" otherwise
  int64_t requested_at_ms = 0;
};

enum class AttendanceMark { kPresent, kAbsent, kExcused };
const char* AttendanceMarkName(AttendanceMark mark);  // "present", "absent", "excused"
std::optional<AttendanceMark> ParseAttendanceMark(const std::string& name);
struct Attendance {
  std::string id;  // DeterministicId("attendance", session_id, person_id)
  std::string session_id;
  std::string person_id;
  AttendanceMark mark = AttendanceMark::kPresent;
  std::string marked_by;
};

struct LessonPack {
  std::string id;  // "pack.computer-basics"
  std::string course_id;
  int version = 0;
  std::string checksum;  // SHA-256 hex of the pack's files
  std::string manifest;  // JSON
};

struct LessonProgress {
  std::string id;  // DeterministicId("progress", person_id, lesson_id)
  std::string person_id;
  std::string course_id;
  std::string lesson_id;
  int page = 0;  // where the person is; resumed exactly here
  bool completed = false;
  int best_score = 0;     // percent
  int seconds_spent = 0;  // the lesson's whole time, every device's counted (lesson_repository.h)
};

struct AssessmentResponse {
  std::string id;
  std::string person_id;
  std::string kind;     // "riasec"
  std::string answers;  // JSON
  std::string result;   // JSON
  bool reviewed = false;
};

struct ActionPlan {
  std::string id;
  std::string person_id;
  std::string coordinator_id;
  std::string status;  // "draft", "active", "closed"
};

struct PlanGoal {
  std::string id;
  std::string plan_id;
  std::string title;
  bool achieved = false;
};

enum class Institution { kLabourOffice, kSocialAssistance, kNgo, kTrainingProvider, kOther };
const char* InstitutionName(Institution institution);  // "labour_office", ..., "other"
std::optional<Institution> ParseInstitution(const std::string& name);
struct PlanStep {
  std::string id;
  std::string goal_id;
  std::string title;
  std::string due_on;  // "2026-12-01" or ""
  Institution institution = Institution::kOther;
  bool done = false;
  std::vector<uint8_t> notes_sealed;  // XChaCha20-Poly1305 with the person's key; empty if none
};

// Who did what to which record, and when: never the values themselves.
struct AuditEntry {
  std::string id;
  int64_t at_ms = 0;
  std::string actor_id;      // coordinator id, "resident:<person id>" or "system"
  std::string action;        // "person.register", "enrollment.confirm", "person.view", ...
  std::string record_table;  // "person"
  std::string record_id;
};

// One captured local change waiting to be sent.
struct OutboxEntry {
  int64_t seq = 0;  // gapless per device
  uint64_t hlc = 0;
  std::string table;
  std::string pk;
  int op = 1;             // 1 upsert (patch of changed columns)
  std::string cols_json;  // {"column": value, ...}
  int schema_version = 0;
};

}  // namespace raida::core
