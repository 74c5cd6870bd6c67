// Effects: work Reduce() asks for that touches storage or the network. They run on a worker
// thread (EffectRunner) and come back as result actions.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "kiosk/state/app_state.h"
#include "kiosk/state/assessment_effects.h"
#include "kiosk/state/attendance_effects.h"
#include "kiosk/state/coordinator_effects.h"
#include "kiosk/state/duplicates_effects.h"
#include "kiosk/state/inbox_effects.h"
#include "kiosk/state/lesson_effects.h"
#include "kiosk/state/lists_effects.h"
#include "kiosk/state/message_groups.h"
#include "kiosk/state/person_effects.h"
#include "kiosk/state/plan_effects.h"
#include "kiosk/state/register_effects.h"

namespace raida::kiosk {

// -> CatalogLoaded (or FaultOccurred).
struct LoadCatalog {
  std::string language;
};
// -> CourseLoaded with this center's upcoming offerings, CourseUnavailable, or FaultOccurred.
struct LoadCourse {
  std::string course_id;
  std::string language;
};
// -> SignInDone (nullopt for an unknown card), or FaultOccurred.
struct SignInWithCard {
  std::string card_code;
};
// -> SignUpDone (enrollment and outbox entry committed together), SignUpFailed, FaultOccurred.
struct SaveSignUp {
  std::string person_id;
  std::string offering_id;
  std::vector<std::string> needs;
};
// -> ServerChecked (reachable = false when no server is configured). Never blocks storage work.
struct CheckServer {};
// -> CenterLoaded (nothing when the center is not in the database), or FaultOccurred.
struct LoadCenter {
  std::string center_id;
};

// Asks the background SyncWorker for a session as soon as it is free (SyncWorker::SyncNow);
// its reports come back as SyncStatusChanged. Nothing happens on a kiosk that is not provisioned.
struct RunSyncNow {};

// -> SignInNeedsPin (the card's person has a PIN) or SignInDone, as SignInWithCard.
// (SignInWithCard itself answers SignInNeedsPin for a person with a PIN.)
struct SignInWithPin {
  std::string card_code;
  std::string pin;
};
// -> CatalogSearched with the ids of the courses matching `query` (CatalogRepository::
// SearchCourses), or FaultOccurred.
struct SearchCatalog {
  std::string query;
  std::string language;
};
// -> MyCoursesLoaded, or FaultOccurred.
struct LoadMyCourses {
  std::string person_id;
  std::string language;
};
// -> CancelDone (through the outbox), or FaultOccurred.
struct CancelSignUp {
  std::string enrollment_id;
  std::string person_id;
};
// -> UndoDone (the sign-up requested again), or FaultOccurred.
struct UndoCancelSignUp {
  std::string enrollment_id;
  std::string person_id;
};
// Keeps an unfinished sign-up for the person's next sign-in (no result action; a failure is
// logged: losing a draft must not stop the sign-out).
struct SaveSignUpDraft {
  std::string person_id;
  SignUpDraftView draft;
};

// Each task's effects are one group (message_groups.h explains why, and how to look inside).
using ResidentEffects =
    std::variant<LoadCatalog, LoadCourse, SignInWithCard, SaveSignUp, CheckServer, LoadCenter,
                 RunSyncNow, SignInWithPin, SearchCatalog, LoadMyCourses, CancelSignUp,
                 UndoCancelSignUp, SaveSignUpDraft>;
using LessonEffects = std::variant<LoadCourseLessons, LoadLesson, SaveLessonStep, CompleteLesson,
                                   LoadProgress, IssueCertificate>;
using AssessmentEffects = std::variant<LoadAssessment, SaveAssessment>;
using CoordinatorEffects =
    std::variant<LoadCoordinators, LoadCoordinatorStep, CheckCoordinatorPassphrase,
                 CheckCoordinatorPin, SetCoordinatorPin, WriteAudit>;
using AttendanceEffects = std::variant<LoadAttendanceSessions, LoadAttendanceRoster,
                                       LoadAttendanceCandidates, MarkAttendance>;
using InboxEffects = std::variant<LoadInbox, SaveInboxDecision>;
using PersonEffects = std::variant<LoadPeople, LoadPersonRecord, SavePersonConsent,
                                   PrintCertificate, DecideAssessmentDraft>;
using RegisterEffects = std::variant<SaveRegistration>;
using ListsEffects = std::variant<LoadListOfferings, WriteList>;
using PlanEffects = std::variant<LoadPlan, SavePlanGoal, SavePlanStep, SavePlanStepDone,
                                 SavePlanGoalAchieved, SavePlanStatus, PrintPlan, SavePlanStepNote>;
using DuplicatesEffects = std::variant<LoadDuplicates, SaveDuplicateMerge, SaveNotDuplicates>;

// Any effect converts to Effect (`return {LoadCatalog{language}}`);
// FindMessage<LoadCatalog>(effect) looks inside.
using Effect = std::variant<ResidentEffects, LessonEffects, AssessmentEffects, CoordinatorEffects,
                            AttendanceEffects, InboxEffects, PersonEffects, RegisterEffects,
                            ListsEffects, PlanEffects, DuplicatesEffects>;

}  // namespace raida::kiosk
