// Loading a district file (assets/demo/rokiskis.json and the like) into a Store.
//
// [SECTION] Dates: offerings are published relative to the week of loading (start_week, weeks,
//           weekday), so demo data never goes stale; real dates come from the Store's clock.
// [SECTION] Parsing: the whole file is read and cross-checked before anything is written.
// [SECTION] Writing: one transaction under an ApplyingScope, through the repositories only.
//
// nlohmann-json's exceptions stop here and become Errors; nothing of the file's personal data
// is logged.
#include "raida/core/district_data.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <utility>
#include <vector>

#include "json_fields.h"
#include "raida/core/catalog_repository.h"
#include "raida/core/coordinator_repository.h"
#include "raida/core/enrollment_repository.h"
#include "raida/core/i18n.h"
#include "raida/core/model.h"
#include "raida/core/person_repository.h"

namespace raida::core {
namespace {

using json_fields::BadField;
using json_fields::Child;
using json_fields::Field;
using json_fields::Item;
using json_fields::Json;
using json_fields::ReadArray;
using json_fields::ReadEach;
using json_fields::ReadInt;
using json_fields::ReadLocalized;
using json_fields::ReadString;
using json_fields::ReadStringList;

constexpr const char* kFormat = "raida-district/1";
constexpr int64_t kMsPerDay = 24LL * 60 * 60 * 1000;

// [SECTION] Dates

using Days = std::chrono::sys_days;

// Today's date where the device stands (the center's local time zone), from the Store's clock.
Days LocalToday(const Clock& clock) {
  const std::time_t seconds = static_cast<std::time_t>(clock.NowMs() / 1000);
  std::tm local{};
  localtime_r(&seconds, &local);
  const std::chrono::year_month_day date{
      std::chrono::year{local.tm_year + 1900},
      std::chrono::month{static_cast<unsigned>(local.tm_mon + 1)},
      std::chrono::day{static_cast<unsigned>(local.tm_mday)}};
  return Days(date);
}

std::string FormatDate(Days days) {
  const std::chrono::year_month_day date(days);
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return text;
}

// Monday of the week that contains `day`.
Days MondayOf(Days day) {
  const std::chrono::weekday weekday(day);
  const unsigned since_monday = (weekday.c_encoding() + 6) % 7;
  return day - std::chrono::days(since_monday);
}

// 0 for "mon" ... 6 for "sun"; -1 when unknown.
int WeekdayIndex(const std::string& name) {
  static constexpr const char* kNames[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  for (int i = 0; i < 7; ++i) {
    if (name == kNames[i]) {
      return i;
    }
  }
  return -1;
}

bool IsClockTime(const std::string& text) {
  if (text.size() != 5 || text[2] != ':') {
    return false;
  }
  for (size_t i : {0u, 1u, 3u, 4u}) {
    if (text[i] < '0' || text[i] > '9') {
      return false;
    }
  }
  return std::stoi(text.substr(0, 2)) < 24 && std::stoi(text.substr(3, 2)) < 60;
}

// [SECTION] Parsing

struct Weekly {
  int weekday = 0;  // 0 = Monday
  std::string start_time;
  std::string end_time;
};

struct ParsedOffering {
  Offering offering;
  std::vector<Session> sessions;
};

struct ParsedEnrollment {
  Enrollment enrollment;
  int requested_days_ago = 0;
};

struct ParsedDistrict {
  District district;
  std::vector<Center> centers;
  std::vector<Coordinator> coordinators;
  std::vector<Course> courses;
  std::vector<ParsedOffering> offerings;
  std::vector<Person> people;
  std::vector<ParsedEnrollment> enrollments;
};

Result<Center> ParseCenter(const Json& item, const std::string& path) {
  Center center;
  RAIDA_ASSIGN_OR_RETURN(center.id, ReadString(item, path, "id"));
  RAIDA_ASSIGN_OR_RETURN(center.name, ReadString(item, path, "name"));
  RAIDA_ASSIGN_OR_RETURN(center.address, ReadString(item, path, "address"));
  RAIDA_ASSIGN_OR_RETURN(center.phone, ReadString(item, path, "phone", false));
  RAIDA_ASSIGN_OR_RETURN(center.opening_hours, ReadLocalized(item, path, "opening_hours"));
  return center;
}

Result<Coordinator> ParseCoordinator(const Json& item, const std::string& path) {
  Coordinator coordinator;
  RAIDA_ASSIGN_OR_RETURN(coordinator.id, ReadString(item, path, "id"));
  RAIDA_ASSIGN_OR_RETURN(coordinator.center_id, ReadString(item, path, "center_id"));
  RAIDA_ASSIGN_OR_RETURN(coordinator.display_name, ReadString(item, path, "display_name"));
  RAIDA_ASSIGN_OR_RETURN(coordinator.login, ReadString(item, path, "login"));
  // Demo data only: an Argon2id string (CoordinatorAuth::HashPassphrase), never a passphrase.
  RAIDA_ASSIGN_OR_RETURN(coordinator.passphrase_hash,
                         ReadString(item, path, "passphrase_hash", false));
  return coordinator;
}

Result<Course> ParseCourse(const Json& item, const std::string& path) {
  Course course;
  RAIDA_ASSIGN_OR_RETURN(course.id, ReadString(item, path, "id"));
  RAIDA_ASSIGN_OR_RETURN(const std::string category, ReadString(item, path, "category"));
  const auto parsed = ParseCourseCategory(category);
  if (!parsed) {
    return BadField(Child(path, "category"), "unknown category \"" + category + "\"");
  }
  course.category = *parsed;
  RAIDA_ASSIGN_OR_RETURN(course.hours, ReadInt(item, path, "hours", 1, 1000));
  RAIDA_ASSIGN_OR_RETURN(course.title, ReadLocalized(item, path, "title"));
  RAIDA_ASSIGN_OR_RETURN(course.summary, ReadLocalized(item, path, "summary"));
  RAIDA_ASSIGN_OR_RETURN(course.what_to_bring, ReadLocalized(item, path, "what_to_bring"));
  return course;
}

Result<Weekly> ParseWeekly(const Json& item, const std::string& path) {
  Weekly weekly;
  RAIDA_ASSIGN_OR_RETURN(const std::string weekday, ReadString(item, path, "weekday"));
  weekly.weekday = WeekdayIndex(weekday);
  if (weekly.weekday < 0) {
    return BadField(Child(path, "weekday"), "expected one of mon, tue, wed, thu, fri, sat, sun");
  }
  RAIDA_ASSIGN_OR_RETURN(weekly.start_time, ReadString(item, path, "start_time"));
  RAIDA_ASSIGN_OR_RETURN(weekly.end_time, ReadString(item, path, "end_time"));
  if (!IsClockTime(weekly.start_time)) {
    return BadField(Child(path, "start_time"), "expected HH:MM");
  }
  if (!IsClockTime(weekly.end_time) || weekly.end_time <= weekly.start_time) {
    return BadField(Child(path, "end_time"), "expected HH:MM after start_time");
  }
  return weekly;
}

// Sessions of an offering, in date order: for each of `weeks` weeks from the Monday of the week
// `start_week` weeks from `today`, one session per weekly pattern entry.
std::vector<Session> ExpandSessions(const std::string& offering_id, std::vector<Weekly> pattern,
                                    int start_week, int weeks, Days today) {
  std::sort(pattern.begin(), pattern.end(),
            [](const Weekly& a, const Weekly& b) { return a.weekday < b.weekday; });
  const Days first_monday = MondayOf(today) + std::chrono::days(7 * start_week);
  std::vector<Session> sessions;
  for (int week = 0; week < weeks; ++week) {
    for (const Weekly& weekly : pattern) {
      Session session;
      session.id = offering_id + ".s" + std::to_string(sessions.size() + 1);
      session.offering_id = offering_id;
      session.date = FormatDate(first_monday + std::chrono::days(7 * week + weekly.weekday));
      session.start_time = weekly.start_time;
      session.end_time = weekly.end_time;
      sessions.push_back(std::move(session));
    }
  }
  return sessions;
}

Result<ParsedOffering> ParseOffering(const Json& item, const std::string& path, Days today) {
  ParsedOffering parsed;
  Offering& offering = parsed.offering;
  RAIDA_ASSIGN_OR_RETURN(offering.id, ReadString(item, path, "id"));
  RAIDA_ASSIGN_OR_RETURN(offering.course_id, ReadString(item, path, "course_id"));
  RAIDA_ASSIGN_OR_RETURN(offering.center_id, ReadString(item, path, "center_id"));
  RAIDA_ASSIGN_OR_RETURN(offering.place, ReadString(item, path, "place"));
  RAIDA_ASSIGN_OR_RETURN(offering.capacity, ReadInt(item, path, "capacity", 1, 1000));
  RAIDA_ASSIGN_OR_RETURN(const int start_week, ReadInt(item, path, "start_week", -52, 52));
  RAIDA_ASSIGN_OR_RETURN(const int weeks, ReadInt(item, path, "weeks", 1, 52));
  RAIDA_ASSIGN_OR_RETURN(const Json* array, ReadArray(item, path, "sessions"));
  std::vector<Weekly> pattern;
  for (size_t i = 0; i < array->size(); ++i) {
    const std::string here = Item(Child(path, "sessions"), i);
    if (!(*array)[i].is_object()) {
      return BadField(here, "expected an object");
    }
    RAIDA_ASSIGN_OR_RETURN(Weekly weekly, ParseWeekly((*array)[i], here));
    pattern.push_back(std::move(weekly));
  }
  if (pattern.empty()) {
    return BadField(Child(path, "sessions"), "must list at least one weekly session");
  }
  parsed.sessions = ExpandSessions(offering.id, std::move(pattern), start_week, weeks, today);
  offering.starts_on = parsed.sessions.front().date;
  offering.ends_on = parsed.sessions.back().date;
  return parsed;
}

Result<Person> ParsePerson(const Json& item, const std::string& path) {
  Person person;
  RAIDA_ASSIGN_OR_RETURN(person.id, ReadString(item, path, "id"));
  RAIDA_ASSIGN_OR_RETURN(person.home_center_id, ReadString(item, path, "home_center_id"));
  RAIDA_ASSIGN_OR_RETURN(person.given_name, ReadString(item, path, "given_name"));
  RAIDA_ASSIGN_OR_RETURN(person.family_name, ReadString(item, path, "family_name"));
  if (item.contains("birth_year")) {
    RAIDA_ASSIGN_OR_RETURN(person.birth_year, ReadInt(item, path, "birth_year", 1900, 2100));
  }
  RAIDA_ASSIGN_OR_RETURN(person.village, ReadString(item, path, "village", false));
  RAIDA_ASSIGN_OR_RETURN(person.phone, ReadString(item, path, "phone", false));
  RAIDA_ASSIGN_OR_RETURN(person.email, ReadString(item, path, "email", false));
  RAIDA_ASSIGN_OR_RETURN(person.language, ReadString(item, path, "language"));
  const auto& languages = SupportedLanguages();
  if (std::find(languages.begin(), languages.end(), person.language) == languages.end()) {
    return BadField(Child(path, "language"), "expected one of lt, pl, en");
  }
  RAIDA_ASSIGN_OR_RETURN(person.needs, ReadStringList(item, path, "needs"));
  RAIDA_ASSIGN_OR_RETURN(person.card_code, ReadString(item, path, "card_code", false));
  RAIDA_ASSIGN_OR_RETURN(person.gender, ReadString(item, path, "gender", false));
  RAIDA_ASSIGN_OR_RETURN(person.employment_status,
                         ReadString(item, path, "employment_status", false));
  if (!person.gender.empty() &&
      std::find(std::begin(kGenders), std::end(kGenders), person.gender) == std::end(kGenders)) {
    return BadField(Child(path, "gender"), "expected female, male or other");
  }
  if (!person.employment_status.empty() &&
      std::find(std::begin(kEmploymentStatuses), std::end(kEmploymentStatuses),
                person.employment_status) == std::end(kEmploymentStatuses)) {
    return BadField(Child(path, "employment_status"),
                    "expected employed, unemployed, retired or inactive");
  }
  return person;
}

Result<ParsedEnrollment> ParseEnrollment(const Json& item, const std::string& path) {
  ParsedEnrollment parsed;
  Enrollment& enrollment = parsed.enrollment;
  RAIDA_ASSIGN_OR_RETURN(enrollment.offering_id, ReadString(item, path, "offering_id"));
  RAIDA_ASSIGN_OR_RETURN(enrollment.person_id, ReadString(item, path, "person_id"));
  RAIDA_ASSIGN_OR_RETURN(const std::string status, ReadString(item, path, "status"));
  const auto parsed_status = ParseEnrollmentStatus(status);
  if (!parsed_status) {
    return BadField(Child(path, "status"), "unknown status \"" + status + "\"");
  }
  enrollment.status = *parsed_status;
  RAIDA_ASSIGN_OR_RETURN(enrollment.needs, ReadStringList(item, path, "needs"));
  if (item.contains("requested_days_ago")) {
    RAIDA_ASSIGN_OR_RETURN(parsed.requested_days_ago,
                           ReadInt(item, path, "requested_days_ago", 0, 3650));
  }
  enrollment.id = DeterministicId("enrollment", enrollment.offering_id, enrollment.person_id);
  return parsed;
}

// Each id appears once per list, and every reference points at something in the file.
template <typename T, typename GetId>
Status CheckUnique(const std::vector<T>& items, const char* list, GetId get_id) {
  std::set<std::string> seen;
  for (size_t i = 0; i < items.size(); ++i) {
    if (!seen.insert(get_id(items[i])).second) {
      return BadField(Item(list, i) + ".id", "duplicate id \"" + get_id(items[i]) + "\"");
    }
  }
  return Ok();
}

template <typename T, typename GetRef>
Status CheckRefs(const std::vector<T>& items, const char* list, const char* field,
                 const std::set<std::string>& known, GetRef get_ref) {
  for (size_t i = 0; i < items.size(); ++i) {
    if (known.count(get_ref(items[i])) == 0) {
      return BadField(Item(list, i) + "." + field,
                      "refers to unknown \"" + get_ref(items[i]) + "\"");
    }
  }
  return Ok();
}

template <typename T>
std::set<std::string> IdsOf(const std::vector<T>& items) {
  std::set<std::string> ids;
  for (const T& item : items) {
    ids.insert(item.id);
  }
  return ids;
}

Status CheckConsistency(const ParsedDistrict& d) {
  auto id = [](const auto& item) { return item.id; };
  auto offering_id = [](const ParsedOffering& item) { return item.offering.id; };
  auto enrollment_id = [](const ParsedEnrollment& item) { return item.enrollment.id; };
  RAIDA_TRY(CheckUnique(d.centers, "centers", id));
  RAIDA_TRY(CheckUnique(d.coordinators, "coordinators", id));
  RAIDA_TRY(CheckUnique(d.courses, "courses", id));
  RAIDA_TRY(CheckUnique(d.offerings, "offerings", offering_id));
  RAIDA_TRY(CheckUnique(d.people, "people", id));
  RAIDA_TRY(CheckUnique(d.enrollments, "enrollments", enrollment_id));
  const auto centers = IdsOf(d.centers);
  std::set<std::string> offerings;
  for (const auto& item : d.offerings) {
    offerings.insert(item.offering.id);
  }
  RAIDA_TRY(CheckRefs(d.coordinators, "coordinators", "center_id", centers,
                      [](const Coordinator& c) { return c.center_id; }));
  RAIDA_TRY(CheckRefs(d.offerings, "offerings", "center_id", centers,
                      [](const ParsedOffering& o) { return o.offering.center_id; }));
  RAIDA_TRY(CheckRefs(d.offerings, "offerings", "course_id", IdsOf(d.courses),
                      [](const ParsedOffering& o) { return o.offering.course_id; }));
  RAIDA_TRY(CheckRefs(d.people, "people", "home_center_id", centers,
                      [](const Person& p) { return p.home_center_id; }));
  RAIDA_TRY(CheckRefs(d.enrollments, "enrollments", "offering_id", offerings,
                      [](const ParsedEnrollment& e) { return e.enrollment.offering_id; }));
  return CheckRefs(d.enrollments, "enrollments", "person_id", IdsOf(d.people),
                   [](const ParsedEnrollment& e) { return e.enrollment.person_id; });
}

Result<ParsedDistrict> ParseDistrict(const Json& doc, Days today) {
  if (!doc.is_object()) {
    return BadField("(top level)", "expected an object");
  }
  RAIDA_ASSIGN_OR_RETURN(const std::string format, ReadString(doc, "", "format"));
  if (format != kFormat) {
    return MakeError(ErrorCode::kTooNew, "format: \"" + format + "\" is not \"" + kFormat +
                                             "\"; this version of Raida cannot read it");
  }
  ParsedDistrict d;
  RAIDA_ASSIGN_OR_RETURN(const Json* district, Field(doc, "", "district"));
  if (!district->is_object()) {
    return BadField("district", "expected an object");
  }
  RAIDA_ASSIGN_OR_RETURN(d.district.id, ReadString(*district, "district", "id"));
  RAIDA_ASSIGN_OR_RETURN(d.district.name, ReadString(*district, "district", "name"));
  RAIDA_ASSIGN_OR_RETURN(d.centers, ReadEach<Center>(doc, "centers", ParseCenter));
  RAIDA_ASSIGN_OR_RETURN(d.coordinators,
                         ReadEach<Coordinator>(doc, "coordinators", ParseCoordinator, false));
  RAIDA_ASSIGN_OR_RETURN(d.courses, ReadEach<Course>(doc, "courses", ParseCourse));
  RAIDA_ASSIGN_OR_RETURN(
      d.offerings, ReadEach<ParsedOffering>(doc, "offerings",
                                            [today](const Json& item, const std::string& path) {
                                              return ParseOffering(item, path, today);
                                            }));
  RAIDA_ASSIGN_OR_RETURN(d.people, ReadEach<Person>(doc, "people", ParsePerson, false));
  RAIDA_ASSIGN_OR_RETURN(d.enrollments,
                         ReadEach<ParsedEnrollment>(doc, "enrollments", ParseEnrollment, false));
  for (Center& center : d.centers) {
    center.district_id = d.district.id;
  }
  RAIDA_TRY(CheckConsistency(d));
  return d;
}

Result<Json> ReadJsonFile(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return MakeError(ErrorCode::kNotFound, "district file " + path + " is missing");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return MakeError(ErrorCode::kIo, "cannot open district file " + path);
  }
  std::ostringstream content;
  content << in.rdbuf();
  try {
    return Json::parse(content.str());
  } catch (const Json::exception& e) {
    return MakeError(ErrorCode::kCorrupt,
                     "district file " + path + " is not valid JSON: " + e.what());
  }
}

// [SECTION] Writing

// Coordinators are catalog data, loaded whole. A file carries no secrets: a passphrase or PIN
// hash set on this database since (by the district office) survives reloading the file, unless
// the file itself gives a passphrase hash (demo data).
Status WriteCoordinators(Store& store, const ParsedDistrict& d, DistrictLoadSummary& summary) {
  CoordinatorRepository coordinators(store);
  for (Coordinator coordinator : d.coordinators) {
    RAIDA_ASSIGN_OR_RETURN(const auto existing, coordinators.Get(coordinator.id));
    if (existing) {
      if (coordinator.passphrase_hash.empty()) {
        coordinator.passphrase_hash = existing->passphrase_hash;
      }
      coordinator.pin_hash = existing->pin_hash;
    }
    RAIDA_TRY(coordinators.UpsertFromRemote(coordinator));
    ++summary.coordinators;
  }
  return Ok();
}

// Sign-ups of the people that were kept. The request time is `requested_days_ago` days before
// today at 09:00 UTC: stable through the day, so reloading the file changes nothing.
Status WriteEnrollments(Store& store, const ParsedDistrict& d,
                        const std::set<std::string>& kept_people, DistrictLoadSummary& summary) {
  const int64_t today_ms = store.clock().NowMs() / kMsPerDay * kMsPerDay;
  EnrollmentRepository enrollments(store);
  for (const ParsedEnrollment& item : d.enrollments) {
    if (kept_people.count(item.enrollment.person_id) == 0) {
      continue;
    }
    Enrollment enrollment = item.enrollment;
    RAIDA_ASSIGN_OR_RETURN(std::optional<Enrollment> existing, enrollments.Get(enrollment.id));
    if (existing) {
      continue;  // the server has decided on it since: the file is only its first version
    }
    enrollment.requested_at_ms =
        today_ms - item.requested_days_ago * kMsPerDay + 9LL * 60 * 60 * 1000;
    RAIDA_TRY(enrollments.UpsertFromRemote(enrollment));
    ++summary.enrollments;
  }
  return Ok();
}

Status WriteDistrict(Store& store, const ParsedDistrict& d, const DistrictLoadOptions& options,
                     DistrictLoadSummary& summary) {
  const auto keep = [&](const std::string& center_id) {
    return !options.only_center_id || *options.only_center_id == center_id;
  };
  CatalogRepository catalog(store);
  RAIDA_TRY(catalog.UpsertDistrict(d.district));
  for (const Center& center : d.centers) {
    RAIDA_TRY(catalog.UpsertCenter(center));
    ++summary.centers;
  }
  for (const Course& course : d.courses) {
    RAIDA_TRY(catalog.UpsertCourse(course));
    ++summary.courses;
  }
  for (const ParsedOffering& item : d.offerings) {
    RAIDA_TRY(catalog.UpsertOffering(item.offering));
    ++summary.offerings;
    for (const Session& session : item.sessions) {
      RAIDA_TRY(catalog.UpsertSession(session));
      ++summary.sessions;
    }
  }
  RAIDA_TRY(WriteCoordinators(store, d, summary));
  std::set<std::string> kept_people;
  PersonRepository people(store);
  for (const Person& person : d.people) {
    if (!keep(person.home_center_id)) {
      continue;
    }
    // Residents in a district file are first registrations. Once a person exists, their record
    // belongs to the people who edit it (and to erasure and merges): a reload never overwrites it.
    RAIDA_ASSIGN_OR_RETURN(std::optional<Person> existing, people.Get(person.id));
    if (!existing) {
      RAIDA_TRY(people.UpsertFromRemote(person));
    }
    kept_people.insert(person.id);
    ++summary.people;
  }
  return WriteEnrollments(store, d, kept_people, summary);
}

}  // namespace

Result<DistrictLoadSummary> LoadDistrictFile(Store& store, const std::string& path,
                                             const DistrictLoadOptions& options) {
  RAIDA_ASSIGN_OR_RETURN(const Json doc, ReadJsonFile(path));
  auto parsed = ParseDistrict(doc, LocalToday(store.clock()));
  if (!parsed.ok()) {
    return MakeError(parsed.error().code, "district file " + path + ": " + parsed.error().message);
  }
  const ParsedDistrict& d = parsed.value();
  if (options.only_center_id && IdsOf(d.centers).count(*options.only_center_id) == 0) {
    return MakeError(ErrorCode::kInvalidArgument, "district file " + path + " has no center \"" +
                                                      *options.only_center_id + "\"");
  }
  DistrictLoadSummary summary;
  Store::ApplyingScope applying(store);
  RAIDA_ASSIGN_OR_RETURN(Store::WriteScope scope, store.BeginWrite());
  const Status written = WriteDistrict(store, d, options, summary);
  if (!written.ok()) {
    return MakeError(written.error().code,
                     "loading district file " + path + ": " + written.error().message);
  }
  RAIDA_TRY(scope.Commit());
  return summary;
}

}  // namespace raida::core
