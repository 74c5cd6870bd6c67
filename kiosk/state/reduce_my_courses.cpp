// The catalog's filter and search, and "My courses" with cancel and undo.
//
// Search results are ids: the catalog screen shows the courses of state.catalog whose id matched,
// in the catalog's own order and language, so a language change needs no new search. Each key
// on the on-screen keyboard asks the storage lane again; an answer for words the person has
// since changed is dropped.
//
// A cancellation is saved at once (through the outbox, like every change) and then offered for
// undo for kUndoCancelMs; undo requests the same sign-up again, and the district office decides
// its seat afresh. The kiosk syncs when the offer ends rather than at once, so a person who
// changes their mind at once sends both changes in one batch.
#include <algorithm>
#include <string>

#include "kiosk/state/reduce_resident.h"
#include "raida/core/model.h"

namespace raida::kiosk {
namespace {

bool HasWord(const std::string& text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte >= 0x80 || (byte >= '0' && byte <= '9') ||
           ((byte | 0x20) >= 'a' && (byte | 0x20) <= 'z');
  });
}

// Statuses a person may cancel themselves.
bool Cancellable(const std::string& status) {
  return status == "requested" || status == "confirmed" || status == "waitlisted";
}

const MyCourseView* FindMine(const AppState& state, const std::string& enrollment_id) {
  for (const MyCourseView& course : state.my_courses) {
    if (course.enrollment_id == enrollment_id) {
      return &course;
    }
  }
  return nullptr;
}

std::vector<Effect> RequestMyCourses(AppState& state) {
  if (!state.person) {
    return {};
  }
  state.my_courses_loading = true;
  return {LoadMyCourses{state.person->id, state.language}};
}

}  // namespace

// [SECTION] Catalog filter and search

std::vector<Effect> ReduceResident(AppState& state, const ChooseCategory& action) {
  const bool known = action.category.empty() || core::ParseCourseCategory(action.category);
  if (state.screen == Screen::kCatalog && known) {
    state.catalog_category = action.category;
  }
  return {};
}

std::vector<Effect> ReduceResident(AppState& state, const OpenSearch&) {
  if (state.screen == Screen::kCatalog) {
    state.catalog_keyboard = true;
  }
  return {};
}

std::vector<Effect> ReduceResident(AppState& state, const SearchTextChanged& action) {
  if (state.screen != Screen::kCatalog || !state.catalog_keyboard) {
    return {};
  }
  state.catalog_query = action.text;
  if (!HasWord(action.text)) {
    state.catalog_matches.reset();
    state.catalog_searching = false;
    return {};
  }
  state.catalog_searching = true;
  return {SearchCatalog{action.text, state.language}};
}

std::vector<Effect> ReduceResident(AppState& state, const CloseSearch&) {
  state.catalog_keyboard = false;
  return {};
}

std::vector<Effect> ReduceResident(AppState& state, const ClearSearch&) {
  if (state.screen != Screen::kCatalog) {
    return {};
  }
  state.catalog_query.clear();
  state.catalog_matches.reset();
  state.catalog_searching = false;
  return {};
}

std::vector<Effect> ReduceResident(AppState& state, const CatalogSearched& action) {
  if (action.query != state.catalog_query || !HasWord(state.catalog_query)) {
    return {};  // the person typed on; that search is on its way
  }
  state.catalog_matches = action.course_ids;
  state.catalog_searching = false;
  return {};
}

// [SECTION] My courses

std::vector<Effect> ReduceResident(AppState& state, const OpenMyCourses&) {
  if (state.screen != Screen::kWelcome && state.screen != Screen::kSignUpDone) {
    return {};
  }
  state.notice_key.clear();
  if (state.person) {
    state.screen = Screen::kMyCourses;
    return RequestMyCourses(state);
  }
  state.screen = Screen::kSignIn;
  state.after_sign_in = Screen::kMyCourses;
  state.chosen_offering_id.reset();
  state.sign_in_step = SignInStep::kCard;
  state.sign_in_error_key.clear();
  return {};
}

std::vector<Effect> ReduceResident(AppState& state, const MyCoursesLoaded& action) {
  if (!state.person || state.person->id != action.person_id || action.language != state.language ||
      state.screen != Screen::kMyCourses) {
    return {};
  }
  state.my_courses = action.courses;
  state.my_courses_loading = false;
  return {};
}

std::vector<Effect> ReduceResident(AppState& state, const AskCancel& action) {
  const MyCourseView* course = FindMine(state, action.enrollment_id);
  if (state.screen != Screen::kMyCourses || course == nullptr || !Cancellable(course->status) ||
      !state.cancelling_id.empty()) {
    return {};
  }
  state.cancel_asking_id = action.enrollment_id;
  return {};
}

std::vector<Effect> ReduceResident(AppState& state, const AnswerCancel& action) {
  if (state.screen != Screen::kMyCourses || state.cancel_asking_id.empty() || !state.person) {
    return {};
  }
  const std::string enrollment_id = state.cancel_asking_id;
  state.cancel_asking_id.clear();
  if (!action.yes) {
    return {};
  }
  std::vector<Effect> effects;
  if (state.undo && state.sync_available) {
    effects.push_back(RunSyncNow{});  // the earlier cancellation stands now
  }
  state.undo.reset();
  state.cancelling_id = enrollment_id;
  effects.push_back(CancelSignUp{enrollment_id, state.person->id});
  return effects;
}

std::vector<Effect> ReduceResident(AppState& state, const CancelDone& action) {
  if (action.enrollment_id != state.cancelling_id || state.screen != Screen::kMyCourses) {
    return {};
  }
  state.cancelling_id.clear();
  if (!action.notice_key.empty()) {
    state.notice_key = action.notice_key;
  } else {
    state.undo = UndoOffer{action.enrollment_id, state.session.now_ms + kUndoCancelMs};
  }
  return RequestMyCourses(state);
}

std::vector<Effect> ReduceResident(AppState& state, const UndoCancel&) {
  if (state.screen != Screen::kMyCourses || !state.undo || !state.person ||
      !state.cancelling_id.empty() || state.session.now_ms >= state.undo->until_ms) {
    return {};
  }
  state.cancelling_id = state.undo->enrollment_id;
  state.undo.reset();
  return {UndoCancelSignUp{state.cancelling_id, state.person->id}};
}

std::vector<Effect> ReduceResident(AppState& state, const UndoDone& action) {
  if (action.enrollment_id != state.cancelling_id || state.screen != Screen::kMyCourses) {
    return {};
  }
  state.cancelling_id.clear();
  std::vector<Effect> effects = RequestMyCourses(state);
  if (!action.notice_key.empty()) {
    state.notice_key = action.notice_key;
  } else if (state.sync_available) {
    effects.push_back(RunSyncNow{});  // a request again: the office decides the seat
  }
  return effects;
}

std::vector<Effect> ReloadResidentData(AppState& state) {
  if (state.screen == Screen::kMyCourses) {
    return RequestMyCourses(state);
  }
  return {};
}

}  // namespace raida::kiosk
