// Names of the domain enums as they are stored in SQLite and sent on the wire, and the
// localized-text fallback. The names are part of the schema (CHECK constraints in schema.cpp)
// and of the sync protocol: never rename one, add a new one instead.
#include "raida/core/model.h"

#include <array>
#include <utility>

namespace raida::core {
namespace {

template <typename Enum, size_t N>
using NameTable = std::array<std::pair<Enum, const char*>, N>;

constexpr NameTable<CourseCategory, 8> kCourseCategoryNames = {{
    {CourseCategory::kComputerBasics, "computer_basics"},
    {CourseCategory::kEServices, "e_services"},
    {CourseCategory::kEnglish, "english"},
    {CourseCategory::kJobSearch, "job_search"},
    {CourseCategory::kConfidence, "confidence"},
    {CourseCategory::kVocational, "vocational"},
    {CourseCategory::kWorkFamily, "work_family"},
    {CourseCategory::kRightsAtWork, "rights_at_work"},
}};

constexpr NameTable<EnrollmentStatus, 6> kEnrollmentStatusNames = {{
    {EnrollmentStatus::kRequested, "requested"},
    {EnrollmentStatus::kConfirmed, "confirmed"},
    {EnrollmentStatus::kWaitlisted, "waitlisted"},
    {EnrollmentStatus::kCancelled, "cancelled"},
    {EnrollmentStatus::kAttended, "attended"},
    {EnrollmentStatus::kCompleted, "completed"},
}};

constexpr NameTable<AttendanceMark, 3> kAttendanceMarkNames = {{
    {AttendanceMark::kPresent, "present"},
    {AttendanceMark::kAbsent, "absent"},
    {AttendanceMark::kExcused, "excused"},
}};

constexpr NameTable<ConsentMethod, 2> kConsentMethodNames = {{
    {ConsentMethod::kTap, "tap"},
    {ConsentMethod::kWitnessed, "witnessed"},
}};

constexpr NameTable<Institution, 5> kInstitutionNames = {{
    {Institution::kLabourOffice, "labour_office"},
    {Institution::kSocialAssistance, "social_assistance"},
    {Institution::kNgo, "ngo"},
    {Institution::kTrainingProvider, "training_provider"},
    {Institution::kOther, "other"},
}};

template <typename Enum, size_t N>
const char* NameOf(const NameTable<Enum, N>& table, Enum value) {
  for (const auto& [candidate, name] : table) {
    if (candidate == value) {
      return name;
    }
  }
  return "";
}

template <typename Enum, size_t N>
std::optional<Enum> ParseName(const NameTable<Enum, N>& table, const std::string& name) {
  for (const auto& [candidate, candidate_name] : table) {
    if (name == candidate_name) {
      return candidate;
    }
  }
  return std::nullopt;
}

}  // namespace

std::string Localize(const LocalizedText& text, const std::string& lang) {
  for (const std::string& candidate : {lang, std::string("en"), std::string("lt")}) {
    auto it = text.find(candidate);
    if (it != text.end() && !it->second.empty()) {
      return it->second;
    }
  }
  for (const auto& [unused_lang, value] : text) {
    if (!value.empty()) {
      return value;
    }
  }
  return "";
}

const char* CourseCategoryName(CourseCategory category) {
  return NameOf(kCourseCategoryNames, category);
}
std::optional<CourseCategory> ParseCourseCategory(const std::string& name) {
  return ParseName(kCourseCategoryNames, name);
}

const char* EnrollmentStatusName(EnrollmentStatus status) {
  return NameOf(kEnrollmentStatusNames, status);
}
std::optional<EnrollmentStatus> ParseEnrollmentStatus(const std::string& name) {
  return ParseName(kEnrollmentStatusNames, name);
}

const char* AttendanceMarkName(AttendanceMark mark) { return NameOf(kAttendanceMarkNames, mark); }
std::optional<AttendanceMark> ParseAttendanceMark(const std::string& name) {
  return ParseName(kAttendanceMarkNames, name);
}

const char* ConsentMethodName(ConsentMethod method) { return NameOf(kConsentMethodNames, method); }
std::optional<ConsentMethod> ParseConsentMethod(const std::string& name) {
  return ParseName(kConsentMethodNames, name);
}

const char* InstitutionName(Institution institution) {
  return NameOf(kInstitutionNames, institution);
}
std::optional<Institution> ParseInstitution(const std::string& name) {
  return ParseName(kInstitutionNames, name);
}

}  // namespace raida::core
