// Actions: what can happen to the kiosk. Screens dispatch the ones a person causes; workers
// post the *Loaded/*Done ones with results. Small structs in one variant, reduced by Reduce().
#pragma once

#include <functional>
#include <string>
#include <variant>
#include <vector>

#include "kiosk/state/app_state.h"

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

using Action = std::variant<ChooseLanguage, StartPressed, GoHome, GoBack, OpenCourse,
                            ChooseOffering, SubmitCardCode, ToggleNeed, ConfirmSignUp,
                            DismissNotice, OpenStatus, SyncNowPressed, CatalogLoaded, CourseLoaded,
                            SignInDone, SignUpDone, SignUpFailed, ServerChecked, SyncStatusChanged,
                            FaultOccurred, CenterLoaded, CourseUnavailable, DateChanged>;

using Dispatch = std::function<void(Action)>;

}  // namespace raida::kiosk
