// Reduce: one small handler per action, chosen by std::visit.
//
// Two rules shape every handler. First, nothing personal outlives the person's visit: going home,
// a fault and every stale result (a sign-in that answers after the person walked away) leave no
// name, card or choice behind. Second, results from the worker are only accepted when they answer
// the question still being asked (same screen, same course, same language); anything else is
// dropped, since the worker cannot know the person has moved on.
#include "kiosk/state/reduce.h"

#include <algorithm>
#include <string>
#include <utility>

#include "kiosk/state/reduce_assessment.h"
#include "kiosk/state/reduce_attendance.h"
#include "kiosk/state/reduce_coordinator.h"
#include "kiosk/state/reduce_duplicates.h"
#include "kiosk/state/reduce_inbox.h"
#include "kiosk/state/reduce_lesson.h"
#include "kiosk/state/reduce_lists.h"
#include "kiosk/state/reduce_person.h"
#include "kiosk/state/reduce_plan.h"
#include "kiosk/state/reduce_register.h"
#include "kiosk/state/reduce_resident.h"
#include "raida/core/i18n.h"

namespace raida::kiosk {
namespace {

constexpr const char* kUnknownCardKey = "signin.error.unknown_card";
constexpr const char* kCourseUnavailableKey = "course.error.unavailable";

bool IsKnownNeed(const std::string& need) {
  return need == "transport" || need == "care" || need == "accessibility";
}

bool IsSupportedLanguage(const std::string& language) {
  const auto& languages = core::SupportedLanguages();
  return std::find(languages.begin(), languages.end(), language) != languages.end();
}

// Screens that show data from the database. The welcome, fault and status screens show none.
bool ShowsData(Screen screen) {
  return screen != Screen::kWelcome && screen != Screen::kFault && screen != Screen::kStatus &&
         screen != Screen::kCoordinator;
}

// Screens that show the open course (or act on one of its offerings).
bool ShowsCourse(Screen screen) {
  return screen == Screen::kCourse || screen == Screen::kSignIn || screen == Screen::kSignUp ||
         screen == Screen::kSignUpDone;
}

// Forgets everything about the person at the kiosk: who they are and what they were doing.
void ClearPersonalState(AppState& state) {
  state.person.reset();
  state.sign_in_error_key.clear();
  state.signing_in = false;
  state.chosen_offering_id.reset();
  state.chosen_needs.clear();
  state.last_sign_up.reset();
  state.saving_sign_up = false;
  state.course.reset();
  state.course_loading = false;
  state.course_requested_id.clear();
  state.notice_key.clear();
  state.lesson = LessonState{};  // the lesson in progress, its list, "My progress"
}

std::vector<Effect> RequestCatalog(AppState& state) {
  state.catalog_loading = true;
  return {LoadCatalog{state.language}};
}

Effect RequestCourse(AppState& state, const std::string& course_id) {
  state.course_loading = true;
  state.course_requested_id = course_id;
  return LoadCourse{course_id, state.language};
}

bool CourseHasOffering(const AppState& state, const std::string& offering_id) {
  if (!state.course) {
    return false;
  }
  const auto& offerings = state.course->offerings;
  return std::any_of(offerings.begin(), offerings.end(),
                     [&](const OfferingView& offering) { return offering.id == offering_id; });
}

class Reducer {
 public:
  explicit Reducer(AppState& state) : state_(state) {}

  // The resident's screens and the session (reduce_resident.h).
  template <typename A>
  requires ResidentAction<A> std::vector<Effect>
  operator()(const A& action) { return ReduceResident(state_, action); }

  // Lessons and "My progress" (reduce_lesson.h).
  template <typename A>
  requires LessonAction<A> std::vector<Effect>
  operator()(const A& action) { return ReduceLesson(state_, action); }

  // The self-assessment "What work suits me?" (reduce_assessment.h).
  template <typename A>
  requires AssessmentAction<A> std::vector<Effect>
  operator()(const A& action) { return ReduceAssessment(state_, action); }

  // Coordinator mode (reduce_coordinator.h).
  template <typename A>
  requires CoordinatorAction<A> std::vector<Effect>
  operator()(const A& action) { return ReduceCoordinator(state_, action); }

  // The coordinator's "Register a resident" (reduce_register.h).
  template <typename A>
  requires RegisterAction<A> std::vector<Effect>
  operator()(const A& action) { return ReduceRegister(state_, action); }

  // The coordinator's attendance task (reduce_attendance.h).
  template <typename A>
  requires AttendanceAction<A> std::vector<Effect>
  operator()(const A& action) { return ReduceAttendance(state_, action); }

  // The coordinator's sign-up inbox (reduce_inbox.h).
  template <typename A>
  requires InboxAction<A> std::vector<Effect>
  operator()(const A& action) { return ReduceInbox(state_, action); }

  // The coordinator's "Find a person" and a person's record (reduce_person.h).
  template <typename A>
  requires PersonAction<A> std::vector<Effect>
  operator()(const A& action) { return ReducePerson(state_, action); }

  // A person's action plan, opened from their record (reduce_plan.h).
  template <typename A>
  requires PlanAction<A> std::vector<Effect>
  operator()(const A& action) { return ReducePlan(state_, action); }

  // The coordinator's "Possible duplicates" (reduce_duplicates.h).
  template <typename A>
  requires DuplicatesAction<A> std::vector<Effect>
  operator()(const A& action) { return ReduceDuplicates(state_, action); }

  // The coordinator's "Lists and export" (reduce_lists.h).
  template <typename A>
  requires ListsAction<A> std::vector<Effect>
  operator()(const A& action) { return ReduceLists(state_, action); }

  std::vector<Effect> operator()(const Tick& action) {
    TickResult result = ReduceTick(state_, action);
    if (!result.expired) {
      return result.effects;
    }
    if (state_.assisted) {  // nobody answered: the help ends, and the coordinator is signed out
      for (Effect& effect : EndAssisted()) {
        result.effects.push_back(std::move(effect));
      }
    }
    for (Effect& effect : (*this)(GoHome{})) {
      result.effects.push_back(std::move(effect));
    }
    state_.session.asleep = true;  // the next person's first touch only wakes the screen
    return result.effects;
  }

  std::vector<Effect> operator()(const ChooseLanguage& action) {
    if (!IsSupportedLanguage(action.language) || action.language == state_.language) {
      return {};
    }
    state_.language = action.language;
    std::vector<Effect> effects;
    if (ShowsData(state_.screen)) {
      effects = RequestCatalog(state_);
    }
    if (ShowsCourse(state_.screen) && !state_.course_requested_id.empty()) {
      effects.push_back(RequestCourse(state_, state_.course_requested_id));
    }
    for (Effect& effect : ReloadResidentData(state_)) {
      effects.push_back(std::move(effect));
    }
    return effects;
  }

  std::vector<Effect> operator()(const StartPressed&) {
    if (state_.screen != Screen::kWelcome) {
      return {};
    }
    state_.screen = Screen::kCatalog;
    state_.notice_key.clear();
    return RequestCatalog(state_);
  }

  // Also leaves the fault screen (a retry once the cause is fixed): the next Start asks the
  // storage again, and the EffectRunner reopens a database it could not open before.
  std::vector<Effect> operator()(const GoHome&) {
    if (state_.assisted && state_.screen != Screen::kFault) {
      return AssistedHome();
    }
    ClearPersonalState(state_);
    state_.fault_key.clear();
    state_.screen = Screen::kWelcome;
    return EndVisit(state_);
  }

  std::vector<Effect> operator()(const GoBack&) {
    switch (BackOnCoordinatorScreen(state_)) {  // reduce_coordinator.h
      case BackOutcome::kHandled:
        return {};
      case BackOutcome::kGoHome:
        return (*this)(GoHome{});
      case BackOutcome::kNotMine:
        break;
    }
    switch (BackOnResidentScreen(state_)) {
      case BackOutcome::kHandled:
        return {};
      case BackOutcome::kGoHome:
        return (*this)(GoHome{});
      case BackOutcome::kNotMine:
        break;
    }
    if (auto lesson_back = BackOnLessonScreen(state_)) {
      return *lesson_back;
    }
    if (auto assessment_back = BackOnAssessmentScreen(state_)) {
      return *assessment_back;
    }
    switch (state_.screen) {
      case Screen::kWelcome:
      case Screen::kFault:
        return {};
      case Screen::kStatus:
      case Screen::kCatalog:
      case Screen::kHelp:
      case Screen::kSettings:
      case Screen::kMyCourses:
        return (*this)(GoHome{});
      case Screen::kCourse:
        return BackToCatalog();
      case Screen::kSignIn:
      case Screen::kSignUp:
        return BackToCourse(/*reload=*/false);
      case Screen::kSignUpDone:
        return BackToCourse(/*reload=*/true);  // seats changed: show the fresh count
      case Screen::kLesson:
      case Screen::kProgress:
        return {};  // BackOnLessonScreen
      case Screen::kAssessment:
        return {};  // BackOnAssessmentScreen
      case Screen::kCoordinator:
        return {};  // BackOnCoordinatorScreen
    }
    return {};
  }

  std::vector<Effect> operator()(const OpenCourse& action) {
    if (state_.screen != Screen::kCatalog || action.course_id.empty()) {
      return {};
    }
    state_.screen = Screen::kCourse;
    state_.notice_key.clear();
    state_.course.reset();
    return {RequestCourse(state_, action.course_id)};
  }

  std::vector<Effect> operator()(const ChooseOffering& action) {
    if (state_.screen != Screen::kCourse || !CourseHasOffering(state_, action.offering_id)) {
      return {};
    }
    state_.chosen_offering_id = action.offering_id;
    state_.notice_key.clear();
    if (!state_.person) {
      state_.screen = Screen::kSignIn;
      state_.sign_in_error_key.clear();
      return {};
    }
    state_.chosen_needs = state_.person->needs;
    state_.screen = Screen::kSignUp;
    return {};
  }

  std::vector<Effect> operator()(const SubmitCardCode& action) {
    if (state_.screen != Screen::kSignIn || state_.signing_in ||
        state_.sign_in_step != SignInStep::kCard) {
      return {};
    }
    if (action.card_code.empty()) {
      state_.sign_in_error_key = kUnknownCardKey;
      return {};
    }
    state_.signing_in = true;
    state_.sign_in_error_key.clear();
    return {SignInWithCard{action.card_code}};
  }

  std::vector<Effect> operator()(const ToggleNeed& action) {
    if (state_.screen != Screen::kSignUp || !IsKnownNeed(action.need)) {
      return {};
    }
    auto& needs = state_.chosen_needs;
    auto found = std::find(needs.begin(), needs.end(), action.need);
    if (found != needs.end()) {
      needs.erase(found);
    } else {
      needs.push_back(action.need);
    }
    return {};
  }

  std::vector<Effect> operator()(const ConfirmSignUp&) {
    if (state_.screen != Screen::kSignUp || state_.saving_sign_up || !state_.person ||
        !state_.chosen_offering_id) {
      return {};
    }
    state_.saving_sign_up = true;
    state_.notice_key.clear();
    return {SaveSignUp{state_.person->id, *state_.chosen_offering_id, state_.chosen_needs}};
  }

  std::vector<Effect> operator()(const DismissNotice&) {
    state_.notice_key.clear();
    return {};
  }

  // The sync panel: behind the coordinator sign-in (reduce_coordinator.h).
  std::vector<Effect> operator()(const OpenStatus&) { return OpenSyncPanel(state_); }

  std::vector<Effect> operator()(const SyncNowPressed&) {
    if (state_.screen != Screen::kStatus || !state_.sync_available || state_.sync_requested ||
        (state_.sync && state_.sync->running)) {
      return {};
    }
    state_.sync_requested = true;
    return {RunSyncNow{}};
  }

  // Pulled changes make what the screens show stale: the catalog (when one was loaded) and the
  // open course are asked for again, in the current language; the answers replace them in place.
  std::vector<Effect> operator()(const SyncStatusChanged& action) {
    state_.sync_requested = false;  // the worker answered: Sync now may be offered again
    state_.sync = action.status;
    if (!action.data_changed || !ShowsData(state_.screen)) {
      return {};
    }
    std::vector<Effect> effects;
    if (!state_.catalog.empty() || state_.screen == Screen::kCatalog) {
      effects = RequestCatalog(state_);
    }
    if (ShowsCourse(state_.screen) && !state_.course_requested_id.empty()) {
      effects.push_back(RequestCourse(state_, state_.course_requested_id));
    }
    for (Effect& effect : ReloadResidentData(state_)) {
      effects.push_back(std::move(effect));
    }
    return effects;
  }

  std::vector<Effect> operator()(const CatalogLoaded& action) {
    if (action.language != state_.language) {
      return {};  // the person changed language meanwhile; that load is on its way
    }
    state_.catalog = action.courses;
    state_.catalog_loading = false;
    return {};
  }

  std::vector<Effect> operator()(const CourseLoaded& action) {
    if (!state_.course_loading || action.course.card.id != state_.course_requested_id ||
        action.language != state_.language || !ShowsCourse(state_.screen)) {
      return {};
    }
    state_.course = action.course;
    state_.course_loading = false;
    return {};
  }

  std::vector<Effect> operator()(const SignInDone& action) {
    return FinishSignIn(state_, action);  // reduce_session.cpp: PIN step, draft, destination
  }

  std::vector<Effect> operator()(const SignUpDone& action) {
    if (state_.screen != Screen::kSignUp || !state_.saving_sign_up) {
      return {};
    }
    state_.saving_sign_up = false;
    state_.last_sign_up = action.result;
    state_.screen = Screen::kSignUpDone;
    if (state_.sync_available) {
      return {RunSyncNow{}};  // the district office decides the seat: tell it now, not later
    }
    return {};
  }

  std::vector<Effect> operator()(const SignUpFailed& action) {
    if (state_.screen != Screen::kSignUp || !state_.saving_sign_up) {
      return {};
    }
    state_.saving_sign_up = false;
    state_.notice_key = action.notice_key;
    return {};
  }

  std::vector<Effect> operator()(const ServerChecked& action) {
    state_.server_reachable = action.reachable;
    return {};
  }

  std::vector<Effect> operator()(const FaultOccurred& action) {
    state_.assisted.reset();  // the storage is broken: no audit entry could be written now
    ClearPersonalState(state_);
    static_cast<void>(EndVisit(state_));  // nothing to sync: the storage itself is broken
    state_.catalog_loading = false;       // no answer is coming
    state_.screen = Screen::kFault;
    state_.fault_key = action.fault_key;
    return {};
  }

  std::vector<Effect> operator()(const CenterLoaded& action) {
    if (action.center_id == state_.center_id) {
      state_.center_name = action.center_name;
      state_.center_phone = action.phone;
      state_.center_hours = action.opening_hours;
    }
    return {};
  }

  std::vector<Effect> operator()(const CourseUnavailable& action) {
    if (action.course_id != state_.course_requested_id || !ShowsCourse(state_.screen)) {
      return {};
    }
    state_.course.reset();
    state_.course_loading = false;
    state_.course_requested_id.clear();
    state_.chosen_offering_id.reset();
    state_.screen = Screen::kCatalog;
    state_.notice_key = kCourseUnavailableKey;
    return {};
  }

  std::vector<Effect> operator()(const DateChanged& action) {
    state_.today = action.today;
    return {};
  }

  // [The assisted session: a coordinator opens the resident's screens for a person (SEC-9)]

  // From the record of a person, with nothing else under way there: the resident's welcome
  // screen opens for them, signed in, in their language, and the coordinator stays signed in.
  std::vector<Effect> operator()(const StartAssistedSession&) {
    const CoordinatorState& coordinator = state_.coordinator;
    const PersonState& person = coordinator.person;
    if (state_.screen != Screen::kCoordinator || !coordinator.signed_in ||
        coordinator.view != CoordinatorView::kPerson || !person.record || person.busy ||
        person.question != PersonQuestion::kNone || !person.shown_certificate.empty()) {
      return {};
    }
    const PersonRecord& record = *person.record;
    state_.assisted = AssistedSession{coordinator.signed_in->id, record.id, state_.language};
    state_.person = SignedInPerson{record.id, record.given_name, record.needs};
    state_.chosen_needs = record.needs;
    if (IsSupportedLanguage(record.language) && record.language != state_.language) {
      state_.language = record.language;
      state_.catalog.clear();  // Start loads it again, in the person's language
    }
    state_.screen = Screen::kWelcome;
    state_.notice_key.clear();
    state_.session.asleep = false;
    state_.session.last_activity_ms = state_.session.now_ms;
    return {WriteAudit{coordinator.signed_in->id, kAuditAssistedStart, "person", record.id}};
  }

  // "Finish helping": back to the person's record, read again (sign-ups made meanwhile show there).
  std::vector<Effect> operator()(const EndAssistedSession&) {
    if (!state_.assisted || state_.screen == Screen::kCoordinator ||
        state_.screen == Screen::kFault) {
      return {};
    }
    const AssistedSession assisted = *state_.assisted;
    std::vector<Effect> effects = EndAssisted();
    state_.language = assisted.coordinator_language;
    state_.screen = Screen::kCoordinator;
    state_.coordinator.view = CoordinatorView::kPerson;
    effects.push_back(LoadPersonRecord{assisted.person_id});
    return effects;
  }

 private:
  // Home during an assisted session: the welcome screen with the person still signed in, and
  // nothing left of the screen they were on (the same visit: language and settings stay).
  std::vector<Effect> AssistedHome() {
    const SignedInPerson person = *state_.person;
    ClearPersonalState(state_);
    state_.person = person;
    state_.chosen_needs = person.needs;
    state_.catalog_keyboard = false;
    state_.cancel_asking_id.clear();
    state_.screen = Screen::kWelcome;
    return {};
  }

  // Ends an assisted session: everything of the person's visit is forgotten, as at a sign-out,
  // and one audit entry closes the one StartAssistedSession wrote. The screen is the caller's.
  std::vector<Effect> EndAssisted() {
    const AssistedSession assisted = *state_.assisted;
    state_.assisted.reset();
    ClearPersonalState(state_);
    std::vector<Effect> effects = EndVisit(state_);
    effects.push_back(
        WriteAudit{assisted.coordinator_id, kAuditAssistedEnd, "person", assisted.person_id});
    return effects;
  }

  std::vector<Effect> BackToCatalog() {
    state_.screen = Screen::kCatalog;
    state_.course.reset();
    state_.course_loading = false;
    state_.course_requested_id.clear();
    state_.chosen_offering_id.reset();
    state_.notice_key.clear();
    if (state_.catalog.empty() && !state_.catalog_loading) {
      return RequestCatalog(state_);
    }
    return {};
  }

  std::vector<Effect> BackToCourse(bool reload) {
    state_.screen = Screen::kCourse;
    state_.chosen_offering_id.reset();
    state_.chosen_needs.clear();
    state_.sign_in_error_key.clear();
    state_.signing_in = false;
    state_.saving_sign_up = false;
    state_.last_sign_up.reset();
    state_.notice_key.clear();
    if (reload && !state_.course_requested_id.empty()) {
      return {RequestCourse(state_, state_.course_requested_id)};
    }
    return {};
  }

  AppState& state_;
};

}  // namespace

std::vector<Effect> Reduce(AppState& state, const Action& action) {
  std::vector<Effect> effects = VisitMessage(Reducer(state), action);
  FollowAssessment(state, action, effects);   // reduce_assessment.h
  FollowLessons(state, action, effects);      // reduce_lesson.h
  FollowCoordinator(state, action, effects);  // reduce_coordinator.h
  return effects;
}

}  // namespace raida::kiosk
