// The visit around the resident's screens: the idle timer and "Are you still there?", the end of
// a visit (sign-out, timeout), the sleeping welcome screen, help and settings, and signing in
// with a card and an optional PIN.
//
// The rule for time: the reducer never reads a clock. The loop sends UserActivity on input and
// Tick when TickDue() says a Tick changes something, both with the platform's monotonic ms.
#include <algorithm>
#include <string>

#include "kiosk/state/reduce_resident.h"

namespace raida::kiosk {
namespace {

int64_t IdleLimit(const SessionState& session) {
  return session.more_time ? session.idle_limit_ms * kMoreTimeFactor : session.idle_limit_ms;
}

// Screens where a visit can be under way. The welcome and fault screens hold nothing of it,
// except in an assisted session, whose welcome screen has the person signed in.
bool VisitScreen(const AppState& state) {
  return state.screen != Screen::kFault && (state.screen != Screen::kWelcome || state.assisted);
}

int SecondsLeft(const SessionState& session, int64_t now_ms) {
  const int64_t deadline = session.last_activity_ms + IdleLimit(session) + session.warning_ms;
  const int64_t left = std::max<int64_t>(0, deadline - now_ms);
  return static_cast<int>((left + 999) / 1000);
}

void ResetVisitSettings(AppState& state) {
  state.language = state.default_language;
  state.text_size = TextSize::kNormal;
  state.high_contrast = false;
  state.session.more_time = false;
}

// Overwrites the card code before letting it go (it identifies a person).
void Wipe(std::string& text) {
  std::fill(text.begin(), text.end(), '\0');
  text.clear();
}

void ResetSignIn(AppState& state) {
  Wipe(state.sign_in_card);
  state.sign_in_step = SignInStep::kCard;
  state.signing_in = false;
  state.sign_in_error_key.clear();
}

}  // namespace

// [SECTION] Help, settings, the sleeping welcome screen

std::vector<Effect> ReduceResident(AppState& state, const OpenHelp&) {
  if (state.screen == Screen::kWelcome) {
    state.screen = Screen::kHelp;
    state.notice_key.clear();
  }
  return {};
}

std::vector<Effect> ReduceResident(AppState& state, const OpenSettings&) {
  if (state.screen == Screen::kFault || state.screen == Screen::kSettings) {
    return {};
  }
  state.settings_return = state.screen;
  state.screen = Screen::kSettings;
  state.notice_key.clear();
  return {};
}

std::vector<Effect> ReduceResident(AppState& state, const SetTextSize& action) {
  if (state.screen == Screen::kSettings) {
    state.text_size = action.size;
  }
  return {};
}

std::vector<Effect> ReduceResident(AppState& state, const SetHighContrast& action) {
  if (state.screen == Screen::kSettings) {
    state.high_contrast = action.on;
  }
  return {};
}

std::vector<Effect> ReduceResident(AppState& state, const SetMoreTime& action) {
  if (state.screen == Screen::kSettings) {
    state.session.more_time = action.on;
  }
  return {};
}

std::vector<Effect> ReduceResident(AppState& state, const WakeUp&) {
  state.session.asleep = false;
  state.session.last_activity_ms = state.session.now_ms;
  return {};
}

// [SECTION] The idle timer

std::vector<Effect> ReduceResident(AppState& state, const UserActivity& action) {
  SessionState& session = state.session;
  session.now_ms = std::max(session.now_ms, action.now_ms);
  // While "Are you still there?" is up only its Continue counts: a touch beside it must not
  // quietly move the deadline the countdown shows.
  if (!session.still_there) {
    session.last_activity_ms = session.now_ms;
  }
  return {};
}

std::vector<Effect> ReduceResident(AppState& state, const ContinueSession&) {
  SessionState& session = state.session;
  if (session.still_there) {
    session.still_there = false;
    session.seconds_left = 0;
    session.last_activity_ms = session.now_ms;
  }
  return {};
}

TickResult ReduceTick(AppState& state, const Tick& action) {
  TickResult result;
  SessionState& session = state.session;
  session.now_ms = std::max(session.now_ms, action.now_ms);
  if (session.last_activity_ms == 0) {
    session.last_activity_ms = session.now_ms;  // the first tick starts the clock
  }
  if (state.undo && session.now_ms >= state.undo->until_ms) {
    state.undo.reset();
    if (state.sync_available) {
      result.effects.push_back(RunSyncNow{});  // the cancellation stands: tell the office
    }
  }
  const int64_t idle = session.now_ms - session.last_activity_ms;
  if (!VisitScreen(state)) {
    if (state.screen == Screen::kWelcome && !session.asleep && idle >= IdleLimit(session)) {
      session.asleep = true;
      ResetVisitSettings(state);
    }
    return result;
  }
  if (!session.still_there) {
    if (idle >= IdleLimit(session)) {
      session.still_there = true;
      session.seconds_left = SecondsLeft(session, session.now_ms);
    }
    return result;
  }
  session.seconds_left = SecondsLeft(session, session.now_ms);
  if (session.seconds_left > 0) {
    return result;
  }
  // Gone: keep a half-filled sign-up for the person's next sign-in.
  if (state.screen == Screen::kSignUp && state.person && state.chosen_offering_id &&
      !state.course_requested_id.empty()) {
    result.effects.push_back(SaveSignUpDraft{
        state.person->id,
        SignUpDraftView{state.course_requested_id, *state.chosen_offering_id, state.chosen_needs}});
  }
  result.expired = true;
  return result;
}

bool TickDue(const AppState& state, int64_t now_ms) {
  const SessionState& session = state.session;
  if (session.last_activity_ms == 0 || (state.undo && now_ms >= state.undo->until_ms)) {
    return true;
  }
  const bool idle_reached = now_ms - session.last_activity_ms >= IdleLimit(session);
  if (!VisitScreen(state)) {
    return state.screen == Screen::kWelcome && !session.asleep && idle_reached;
  }
  if (!session.still_there) {
    return idle_reached;
  }
  return SecondsLeft(session, now_ms) != session.seconds_left || session.seconds_left == 0;
}

// [SECTION] The end of a visit

std::vector<Effect> EndVisit(AppState& state) {
  std::vector<Effect> effects;
  if (state.undo && state.sync_available) {
    effects.push_back(RunSyncNow{});
  }
  ResetSignIn(state);
  state.after_sign_in = Screen::kCourse;
  state.draft_restored = false;
  state.catalog_category.clear();
  Wipe(state.catalog_query);
  state.catalog_keyboard = false;
  state.catalog_matches.reset();
  state.catalog_searching = false;
  state.my_courses.clear();
  state.my_courses.shrink_to_fit();
  state.my_courses_loading = false;
  state.cancel_asking_id.clear();
  state.cancelling_id.clear();
  state.undo.reset();
  state.session.still_there = false;
  state.session.seconds_left = 0;
  state.session.last_activity_ms = state.session.now_ms;
  state.settings_return = Screen::kWelcome;
  const std::string language = state.language;
  ResetVisitSettings(state);
  if (state.language != language) {
    state.catalog.clear();  // in the last visitor's language; Start loads it again
  }
  return effects;
}

BackOutcome BackOnResidentScreen(AppState& state) {
  switch (state.screen) {
    case Screen::kHelp:
      state.screen = Screen::kWelcome;  // nothing personal was shown: the visit goes on
      return BackOutcome::kHandled;
    case Screen::kSettings:
      state.screen = state.settings_return;
      return BackOutcome::kHandled;
    case Screen::kMyCourses:
      return BackOutcome::kGoHome;
    case Screen::kSignIn:
      if (state.sign_in_step == SignInStep::kPin) {
        ResetSignIn(state);
        return BackOutcome::kHandled;
      }
      return state.after_sign_in == Screen::kMyCourses ? BackOutcome::kGoHome
                                                       : BackOutcome::kNotMine;
    case Screen::kCatalog:
      if (state.catalog_keyboard) {
        state.catalog_keyboard = false;
        return BackOutcome::kHandled;
      }
      return BackOutcome::kNotMine;
    default:
      return BackOutcome::kNotMine;
  }
}

// [SECTION] Signing in

std::vector<Effect> ReduceResident(AppState& state, const AskCoordinator&) {
  if (state.screen == Screen::kSignIn) {
    state.notice_key = kAskCoordinatorKey;
  }
  return {};
}

std::vector<Effect> ReduceResident(AppState& state, const SignInNeedsPin& action) {
  if (state.screen != Screen::kSignIn || !state.signing_in) {
    return {};  // the person left the pad meanwhile
  }
  state.signing_in = false;
  state.sign_in_step = SignInStep::kPin;
  state.sign_in_card = action.card_code;
  state.sign_in_error_key.clear();
  return {};
}

std::vector<Effect> ReduceResident(AppState& state, const SubmitPin& action) {
  if (state.screen != Screen::kSignIn || state.sign_in_step != SignInStep::kPin ||
      state.signing_in || action.pin.empty()) {
    return {};
  }
  state.signing_in = true;
  state.sign_in_error_key.clear();
  return {SignInWithPin{state.sign_in_card, action.pin}};
}

std::vector<Effect> FinishSignIn(AppState& state, const SignInDone& action) {
  if (state.screen != Screen::kSignIn || !state.signing_in) {
    return {};  // the person left the pad: never sign anyone in behind their back
  }
  state.signing_in = false;
  if (!action.person) {
    state.sign_in_error_key =
        action.error_key.empty() ? "signin.error.unknown_card" : action.error_key;
    return {};
  }
  ResetSignIn(state);
  state.person = action.person;
  state.chosen_needs = action.person->needs;
  if (state.chosen_offering_id) {
    state.screen = Screen::kSignUp;
    return {};
  }
  if (action.draft) {
    state.chosen_offering_id = action.draft->offering_id;
    state.chosen_needs = action.draft->needs;
    state.draft_restored = true;
    state.screen = Screen::kSignUp;
    state.course.reset();
    state.course_loading = true;
    state.course_requested_id = action.draft->course_id;
    return {LoadCourse{action.draft->course_id, state.language}};
  }
  if (state.after_sign_in == Screen::kMyCourses) {
    state.screen = Screen::kMyCourses;
    state.my_courses_loading = true;
    return {LoadMyCourses{state.person->id, state.language}};
  }
  state.screen = Screen::kCourse;
  return {};
}

}  // namespace raida::kiosk
