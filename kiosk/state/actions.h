// Actions: what can happen to the kiosk. Screens dispatch the ones a person causes; workers
// post the *Loaded/*Done ones with results. Small structs in one variant, reduced by Reduce().
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "kiosk/state/app_state.h"
#include "kiosk/state/assessment_actions.h"
#include "kiosk/state/attendance_actions.h"
#include "kiosk/state/coordinator_actions.h"
#include "kiosk/state/duplicates_actions.h"
#include "kiosk/state/inbox_actions.h"
#include "kiosk/state/lesson_actions.h"
#include "kiosk/state/lists_actions.h"
#include "kiosk/state/message_groups.h"
#include "kiosk/state/person_actions.h"
#include "kiosk/state/plan_actions.h"
#include "kiosk/state/register_actions.h"

namespace raida::kiosk {

// [SECTION] Person-caused

struct ChooseLanguage {
  std::string language;
};
struct StartPressed {};  // welcome -> catalog
struct GoHome {};        // every screen: back to the welcome screen, signed out
struct GoBack {};        // every screen: one step back
struct OpenCourse {
  std::string course_id;
};
// "Sign up" on one offering.
struct ChooseOffering {
  std::string offering_id;
};
struct SubmitCardCode {
  std::string card_code;
};
struct ToggleNeed {
  std::string need;  // "transport", "care", "accessibility"
};
struct ConfirmSignUp {};
struct DismissNotice {};
// Welcome -> the "Kiosk status" screen (no personal data on it).
struct OpenStatus {};
// "Sync now" on the status screen.
struct SyncNowPressed {};

// Resident screens and the session (reduce_session.h).
struct OpenHelp {};        // welcome -> "Get help now"
struct OpenMyCourses {};   // welcome or sign-up done -> "My courses" (signing in first)
struct OpenSettings {};    // -> settings for this visit
struct AskCoordinator {};  // sign-in: "Ask the coordinator" (a plain-words notice)
struct SubmitPin {
  std::string pin;
};
struct ChooseCategory {
  std::string category;  // "" for every course
};
struct OpenSearch {};  // the catalog's search field: the on-screen keyboard comes up
struct SearchTextChanged {
  std::string text;  // the whole query after a key
};
struct CloseSearch {};  // Done on the keyboard: the results stay, the keyboard goes
struct ClearSearch {};  // every course again
struct AskCancel {
  std::string enrollment_id;  // "Cancel" on one of my courses: the confirm dialog comes up
};
struct AnswerCancel {
  bool yes = false;
};
struct UndoCancel {};
struct SetTextSize {
  TextSize size;
};
struct SetHighContrast {
  bool on = false;
};
struct SetMoreTime {
  bool on = false;
};
struct ContinueSession {};  // "Continue" on "Are you still there?"
struct WakeUp {};           // the first touch on a sleeping welcome screen

// [SECTION] Worker results
//
// `language` on the Loaded actions is the language the data was read in: a result for a
// language the person has since left is dropped.

struct CatalogLoaded {
  std::vector<CourseCard> courses;
  std::string language;
};
struct CourseLoaded {
  CourseDetail course;
  std::string language;
};
struct SignInDone {
  std::optional<SignedInPerson> person;  // nullopt: unknown card code
  std::string error_key = {};            // with no person: why ("" = the card is unknown)
  std::optional<SignUpDraftView> draft = std::nullopt;  // a sign-up they left unfinished
};
// The card is known and its person has a PIN: ask for it (nothing about the person yet).
struct SignInNeedsPin {
  std::string card_code;  // echoed back so the PIN can be checked against the same card
};
struct CatalogSearched {
  std::string query;
  std::string language;
  std::vector<std::string> course_ids;
};
struct MyCoursesLoaded {
  std::string person_id;
  std::string language;
  std::vector<MyCourseView> courses;
};
// A CancelSignUp or UndoCancelSignUp finished; `notice_key` says why it failed ("" = done).
struct CancelDone {
  std::string enrollment_id;
  std::string notice_key;
};
struct UndoDone {
  std::string enrollment_id;
  std::string notice_key;
};
struct SignUpDone {
  SignUpResult result;
};
struct SignUpFailed {
  std::string notice_key;
};
struct ServerChecked {
  bool reachable;
};
// The background sync reported (at start, when a session starts and when it ends).
// `data_changed`: a session since the last report pulled changes from the district office, so
// what the screens show from the database (catalog, course, seats) may be out of date.
struct SyncStatusChanged {
  SyncView status;
  bool data_changed = false;
};
// Storage broke: show the fault screen.
struct FaultOccurred {
  std::string fault_key;
};
// This kiosk's center, read from the database at start.
struct CenterLoaded {
  std::string center_id;
  std::string center_name;
  std::string phone = {};
  std::vector<std::pair<std::string, std::string>> opening_hours = {};  // {language, text}
};
// The course a LoadCourse asked for is no longer in the catalog.
struct CourseUnavailable {
  std::string course_id;
};

// [SECTION] From the platform loop

// The local date moved on ("2026-11-23").
struct DateChanged {
  std::string today;
};
// A touch (any pointer or key input) at `now_ms` (monotonic).
struct UserActivity {
  int64_t now_ms = 0;
};
// Time passed (monotonic ms): the idle timer, the countdown and the undo offer move on. The loop
// sends it only when TickDue() says it changes something.
struct Tick {
  int64_t now_ms = 0;
};

// Each task's actions are one group (message_groups.h explains why, and how to look inside).
using ResidentActions =
    std::variant<ChooseLanguage, StartPressed, GoHome, GoBack, OpenCourse, ChooseOffering,
                 SubmitCardCode, ToggleNeed, ConfirmSignUp, DismissNotice, OpenStatus,
                 SyncNowPressed, OpenHelp, OpenMyCourses, OpenSettings, AskCoordinator, SubmitPin,
                 ChooseCategory, OpenSearch, SearchTextChanged, CloseSearch, ClearSearch, AskCancel,
                 AnswerCancel, UndoCancel, SetTextSize, SetHighContrast, SetMoreTime,
                 ContinueSession, WakeUp>;
using ResidentResults =
    std::variant<CatalogLoaded, CourseLoaded, SignInDone, SignUpDone, SignUpFailed, ServerChecked,
                 SyncStatusChanged, FaultOccurred, CenterLoaded, CourseUnavailable, SignInNeedsPin,
                 CatalogSearched, MyCoursesLoaded, CancelDone, UndoDone, DateChanged, UserActivity,
                 Tick>;
using LessonActions =
    std::variant<OpenLesson, LessonNext, LessonBack, ToggleSlowPace, PracticeDone, ChooseOption,
                 ClearChoice, CheckAnswer, RetryQuiz, RereadLesson, OpenProgress,
                 SignInToSaveProgress, CourseLessonsLoaded, LessonLoaded, LessonUnavailable,
                 LessonProgressSaved, LessonSaveFailed, ProgressLoaded, CertificateIssued>;
using AssessmentActions =
    std::variant<OpenAssessment, StartAssessment, RestartAssessment, AnswerStatement, RateSkill,
                 AnswerConstraint, StopAssessment, SignInToKeepAssessment, OpenSuggestedCourse,
                 AssessmentLoaded, AssessmentUnavailable, AssessmentSaved, AssessmentSaveFailed>;
using CoordinatorActions =
    std::variant<OpenStaff, ChooseCoordinator, SubmitPassphrase, SubmitCoordinatorPin,
                 UsePassphraseInstead, OpenCoordinatorTask, StartAssistedSession,
                 EndAssistedSession, CoordinatorsLoaded, CoordinatorStepLoaded, CoordinatorChecked,
                 CoordinatorPinSet>;
using AttendanceActions =
    std::variant<ChooseAttendanceSession, TapAttendanceRow, OpenAddAttendee,
                 AttendanceFilterChanged, AddAttendee, AttendanceSessionsLoaded,
                 AttendanceRosterLoaded, AttendanceCandidatesLoaded, AttendanceMarkFailed>;
using InboxActions = std::variant<OpenInboxRequest, ChooseInboxDecision, ChooseInboxMoveTarget,
                                  ChooseInboxReason, InboxLoaded, InboxSaved>;
using PersonActions =
    std::variant<PersonQueryChanged, OpenPerson, AskPersonConsent, AskAssessmentDraft,
                 AnswerPersonQuestion, ShowPersonCertificate, ClosePersonCertificate,
                 PrintPersonCertificate, DismissPersonNotice, PeopleLoaded, PersonRecordLoaded,
                 PersonChangeFailed, CertificatePrinted>;
using RegisterActions =
    std::variant<SubmitRegisterAnswer, SkipRegisterStep, ChooseRegisterLanguage, ToggleRegisterNeed,
                 ConfirmRegisterNeeds, ChooseConsentMethod, AnswerRegisterConsent,
                 ChooseRegisterReportingAnswer, ChangeRegisterAnswer, SaveRegisterPressed,
                 RegisterAnyway, FinishRegistration, RegistrationDuplicates, RegistrationSaved,
                 RegistrationFailed>;
using ListsActions = std::variant<ChooseListOffering, ExportList, ListOfferingsLoaded, ListExported,
                                  ListExportFailed>;
using PlanActions =
    std::variant<OpenPlan, AddPlanGoal, AddPlanStep, SubmitPlanTitle, ChoosePlanInstitution,
                 SubmitPlanDue, SkipPlanDue, TapPlanStep, TapPlanGoal, ChangePlanStatus,
                 AnswerPlanQuestion, PrintPlanSummary, DismissPlanNotice, PlanLoaded,
                 PlanChangeFailed, PlanPrinted, OpenPlanNote, SubmitPlanNote>;
using DuplicatesActions =
    std::variant<ChooseDuplicatePair, KeepDuplicate, AnswerDuplicateMerge, MarkNotDuplicates,
                 DismissDuplicatesNotice, DuplicatesLoaded, DuplicateMerged, DuplicateMergeFailed>;

// Any action converts to Action (`dispatch(GoHome{})`); FindMessage<GoHome>(action) looks inside.
using Action = std::variant<ResidentActions, ResidentResults, LessonActions, AssessmentActions,
                            CoordinatorActions, AttendanceActions, InboxActions, PersonActions,
                            RegisterActions, ListsActions, PlanActions, DuplicatesActions>;

using Dispatch = std::function<void(Action)>;

}  // namespace raida::kiosk
