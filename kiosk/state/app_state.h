// AppState: everything a kiosk screen shows, in one plain struct.
//
// The UI thread is its only writer, through Reduce() (reduce.h). Screens read it as
// `const AppState&` and never change it; workers never touch it and post result actions
// instead. Nothing here includes ImGui, GLFW or SQLite.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "kiosk/state/assessment_state.h"
#include "kiosk/state/coordinator_state.h"
#include "kiosk/state/lesson_state.h"

namespace raida::kiosk {

enum class Screen {
  kWelcome,      // language choice and "Start"; no personal data ever
  kCatalog,      // the course catalog
  kCourse,       // one course: summary, what to bring, upcoming sessions at this center
  kSignIn,       // card code on the number pad (to sign up, a person must be known)
  kSignUp,       // choose needs and confirm the sign-up
  kSignUpDone,   // the plain-words confirmation
  kFault,        // the kiosk cannot work (database or assets broken): tell the coordinator
  kStatus,       // "Kiosk status" for coordinators: sync with the district office; no personal data
  kHelp,         // "Get help now": helplines and this center's hours and phone; anonymous
  kMyCourses,    // the signed-in person's sign-ups with their status; cancel with undo
  kSettings,     // text size, contrast, language, more time: for this visit only
  kLesson,       // a lesson of the open course, one page or question at a time
  kProgress,     // "My progress": the signed-in person's lessons, scores and time
  kAssessment,   // "What work suits me?": the self-assessment, one question at a time
  kCoordinator,  // coordinator mode: the staff sign-in, then the coordinator home
};

enum class TextSize { kNormal, kLarge, kLargest };  // 36 px, 42 px, 48 px body text

// A course as the catalog list shows it (already in the current language).
struct CourseCard {
  std::string id;
  std::string category;  // "computer_basics", ...
  std::string title;
  std::string summary;
  int hours = 0;
};

// An offering of the open course at this center, with what the kiosk knows of its seats.
struct OfferingView {
  std::string id;
  std::string starts_on;  // "2026-11-23"
  std::string ends_on;
  std::string first_time;  // "10:00–12:00" of the first session, "" when no sessions
  std::string place;
  int capacity = 0;
  int seats_taken = 0;  // as this kiosk knows it (confirmed at the server on sync)
  int sessions = 0;
};

struct CourseDetail {
  CourseCard card;
  std::string what_to_bring;
  std::vector<OfferingView> offerings;
};

// The signed-in resident: only what the screens need, cleared on sign-out.
struct SignedInPerson {
  std::string id;
  std::string given_name;          // greeting only
  std::vector<std::string> needs;  // from the profile: pre-ticked on the sign-up screen
};

struct SignUpResult {
  std::string enrollment_id;
  std::string offering_id;
  std::string status;  // "requested": confirmed by the district office at the next sync
};

// Sign-in asks for the card code, then for the PIN of a person who has one.
enum class SignInStep { kCard, kPin };

// One of the signed-in person's sign-ups, as "My courses" lists it (in the visit's language).
struct MyCourseView {
  std::string enrollment_id;
  std::string course_title;
  std::string starts_on;  // "2026-11-23" of the offering, "" when unknown
  std::string place;
  std::string status;  // "requested", "confirmed", "waitlisted", "cancelled", "attended", ...
};

// A sign-up the person left unfinished (kept for their next sign-in, see reduce_session.h).
struct SignUpDraftView {
  std::string course_id;
  std::string offering_id;
  std::vector<std::string> needs;
};

// A cancellation that can still be undone, until `until_ms` (AppState::now_ms's clock).
struct UndoOffer {
  std::string enrollment_id;
  int64_t until_ms = 0;
};

// The resident's visit: idle timer, "Are you still there?", and the per-visit settings. Times
// are the platform's monotonic milliseconds, brought in by Tick and UserActivity actions (the
// reducer itself reads no clock).
struct SessionState {
  int64_t now_ms = 0;               // as of the last Tick or UserActivity
  int64_t last_activity_ms = 0;     // the last touch
  int64_t idle_limit_ms = 120'000;  // UX-15: 120 s without a touch, then the warning
  int64_t warning_ms = 30'000;      // the warning's countdown
  bool more_time = false;           // "I need more time": the idle limit is five times longer
  bool still_there = false;         // the full-screen "Are you still there?" is up
  int seconds_left = 0;             // its countdown, as shown
  bool asleep = false;              // the welcome screen sleeps: the first touch only wakes it
};

// What the kiosk's background sync last reported (SyncWorker snapshots), as the status screen
// shows it. Times are already in the kiosk's local time zone; nothing here is personal.
struct SyncView {
  int64_t last_success_ms = 0;    // 0 = never
  std::string last_success_day;   // "2026-11-22" (local), "" = never
  std::string last_success_time;  // "14:05" (local), "" = never
  int64_t waiting = 0;            // changes in the outbox, not yet accepted by the server
  int64_t issues = 0;             // changes the district office set aside for a coordinator
  std::string error_key;          // translation key of the last problem ("status.error.*"), ""
  bool running = false;           // a session is under way
  bool refused = false;           // the district office refuses this kiosk (unknown or revoked)
};

// An assisted session (SEC-9): a signed-in coordinator opened the resident's screens for the
// person whose record they had open. The coordinator stays signed in meanwhile; "Finish helping"
// goes back to the record, and the idle timeout ends both.
struct AssistedSession {
  std::string coordinator_id;
  std::string person_id;
  std::string coordinator_language;  // the language before; "Finish helping" brings it back
};

struct AppState {
  Screen screen = Screen::kWelcome;
  std::string language = "lt";
  TextSize text_size = TextSize::kNormal;
  bool high_contrast = false;

  std::string center_id;    // this kiosk's center
  std::string center_name;  // "Bajorai"
  std::string today;        // "2026-11-22", from the injected clock

  std::vector<CourseCard> catalog;  // in `language`
  bool catalog_loading = false;
  std::optional<CourseDetail> course;  // the open course, when screen is kCourse or later
  bool course_loading = false;         // a LoadCourse is on its way (course may still be stale)
  std::string course_requested_id;     // the course a LoadCourse was asked for; "" if none

  std::optional<SignedInPerson> person;
  std::optional<AssistedSession> assisted;  // set: `person` was opened by a coordinator
  std::string sign_in_error_key;  // translation key of the last sign-in problem, "" if none
  bool signing_in = false;        // a card code is being looked up: the pad waits
  std::optional<std::string> chosen_offering_id;
  std::vector<std::string> chosen_needs;  // "transport", "care", "accessibility"
  std::optional<SignUpResult> last_sign_up;
  bool saving_sign_up = false;  // SaveSignUp is on its way: Confirm is not offered twice
  std::string notice_key;  // a translated notice to show once ("signup.error.full"), "" if none

  std::optional<bool> server_reachable;  // unknown until checked
  bool sync_available = false;   // provisioned: the background sync runs (set once at start)
  std::optional<SyncView> sync;  // the latest sync report; nullopt until the first arrives
  bool sync_requested = false;   // "Sync now" tapped and no session has started since
  std::string fault_key;  // translation key for kFault ("fault.database"); details in the log

  // [Resident screens and session hygiene: reduce_session.h]
  std::string default_language = "lt";  // the language each new visit starts in
  SessionState session;
  std::string center_phone;  // this center's phone (help screen); not personal
  std::vector<std::pair<std::string, std::string>> center_hours;  // {language, opening hours}
  Screen settings_return = Screen::kWelcome;  // where Back leaves the settings screen for

  SignInStep sign_in_step = SignInStep::kCard;
  std::string sign_in_card;                // the card code while its PIN is asked; wiped on leaving
  Screen after_sign_in = Screen::kCourse;  // kCourse (or kSignUp with an offering), kMyCourses
  bool draft_restored = false;  // the sign-up screen shows a sign-up the person left unfinished

  std::string catalog_category;   // the category filter, "" for every course
  std::string catalog_query;      // the search words as typed on the on-screen keyboard
  bool catalog_keyboard = false;  // the keyboard is up (typing the search)
  std::optional<std::vector<std::string>> catalog_matches;  // ids matching the query; nullopt: all
  bool catalog_searching = false;                           // a SearchCatalog is on its way

  std::vector<MyCourseView> my_courses;
  bool my_courses_loading = false;
  std::string cancel_asking_id;   // "Do you want to cancel?" is up for this enrollment
  std::string cancelling_id;      // a CancelSignUp or UndoCancelSignUp is on its way
  std::optional<UndoOffer> undo;  // the last cancellation, undoable for a while

  // [Lessons and "My progress": reduce_lesson.h]
  LessonState lesson;

  // [The self-assessment "What work suits me?": reduce_assessment.h]
  AssessmentState assessment;

  // [Coordinator mode: reduce_coordinator.h]
  CoordinatorState coordinator;
};

}  // namespace raida::kiosk
