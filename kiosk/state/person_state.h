// PersonState: what the coordinator's "Find a person" and a person's record show — this center's
// people (loaded when the task opens), the name typed to filter them, and one person's record:
// profile, consents per purpose, courses, attendance, certificates and a self-assessment result
// waiting for the coordinator (accept into the action plan, or discard).
//
// It is a member of CoordinatorState, so the sign-out (coordinator = CoordinatorState{}) forgets
// every personal value here. Written only by the reducer (reduce_person.h).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kiosk/state/plan_state.h"
#include "raida/core/model.h"  // core::LocalizedText

namespace raida::kiosk {

// The consent purposes a record always lists (with "not given" when never recorded).
inline constexpr const char* kPersonConsentPurposes[] = {"registration", "contact", "reporting"};

// One person in the "Find a person" list (not erased, not merged, home center = this kiosk's).
struct PersonCard {
  std::string id;
  std::string given_name;
  std::string family_name;
  std::optional<int> birth_year;
  std::string village;
};

// The latest consent record of one purpose ("never recorded": given = false, text_version "").
struct PersonConsentView {
  std::string purpose;
  bool granted = false;
  bool recorded = false;
  std::string text_version;
};

struct PersonCourseView {
  std::string enrollment_id;
  core::LocalizedText course_title;
  std::string status;  // EnrollmentStatusName: "requested", "confirmed", ...
  std::string starts_on;
  std::string ends_on;
};

// Attendance marks over every session of the person's courses.
struct PersonAttendanceView {
  int present = 0;
  int absent = 0;
  int excused = 0;
  int sessions = 0;  // sessions of the person's non-cancelled sign-ups (marked or not)
};

// What "Show certificate" shows.
struct PersonCertificateView {
  std::string id;
  std::string code;
  core::LocalizedText course_title;
  int hours = 0;
  std::string started_on;  // "" for a course done through lessons
  std::string finished_on;
  std::string issued_on;
  std::string center_name;
};

// A saved self-assessment result the coordinator has not accepted or discarded yet.
struct PersonDraftView {
  std::string response_id;
  std::string status;                          // RiasecStatusName
  std::vector<core::LocalizedText> top_areas;  // plain-words names of the top interest areas
  std::vector<core::LocalizedText> courses;    // suggested course titles
};

struct PersonRecord {
  std::string id;
  std::string given_name;
  std::string family_name;
  std::optional<int> birth_year;
  std::string phone;
  std::string village;
  std::string language;
  std::vector<std::string> needs;
  std::string card_code;
  std::vector<PersonConsentView> consents;  // kPersonConsentPurposes first, then any other
  std::vector<PersonCourseView> courses;
  PersonAttendanceView attendance;
  std::vector<PersonCertificateView> certificates;  // newest first
  std::optional<PersonDraftView> draft;
};

// A question the record asks before changing anything.
enum class PersonQuestion { kNone, kConsent, kAcceptDraft, kDiscardDraft };

struct PersonState {
  // kFindPerson
  bool loading = false;
  std::vector<PersonCard> people;
  std::string query;  // typed on the on-screen keyboard

  // kPerson
  bool opening = false;  // a record is on its way
  std::optional<PersonRecord> record;
  PersonQuestion question = PersonQuestion::kNone;
  std::string consent_purpose;    // kConsent: which purpose ...
  bool consent_grant = false;     // ... and whether it is given (true) or withdrawn
  std::string shown_certificate;  // a certificate's id: its content fills the screen
  bool busy = false;              // a change or a print is on its way: the buttons wait
  std::string notice_key;         // "person.notice.*": what the last change did, or a problem
  std::string printed_path;       // person.notice.printed*: where the PDF went

  // kPlan: the record's person's action plan (reduce_plan.h); forgotten on leaving it.
  PlanState plan;
};

}  // namespace raida::kiosk
