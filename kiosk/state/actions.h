// Actions: what can happen to the kiosk. Screens dispatch the ones a person causes; workers
// post the *Loaded/*Done ones with results. Small structs in one variant, reduced by Reduce().
#pragma once

#include <functional>
#include <string>
#include <variant>
#include <vector>

#include "kiosk/state/app_state.h"

namespace raida::kiosk {

// Person-caused.
struct ChooseLanguage { std::string language; };
struct StartPressed {};               // welcome -> catalog
struct GoHome {};                     // every screen: back to the welcome screen, signed out
struct GoBack {};                     // every screen: one step back
struct OpenCourse { std::string course_id; };
struct ChooseOffering { std::string offering_id; };  // "Sign up" on one offering
struct SubmitCardCode { std::string card_code; };
struct ToggleNeed { std::string need; };            // "transport", "care", "accessibility"
struct ConfirmSignUp {};
struct DismissNotice {};

// Worker results.
struct CatalogLoaded { std::vector<CourseCard> courses; };
struct CourseLoaded { CourseDetail course; };
struct SignInDone { std::optional<SignedInPerson> person; };  // nullopt: unknown card code
struct SignUpDone { SignUpResult result; };
struct SignUpFailed { std::string notice_key; };
struct ServerChecked { bool reachable; };
struct FaultOccurred { std::string fault_key; };  // storage broke: show the fault screen

using Action = std::variant<ChooseLanguage, StartPressed, GoHome, GoBack, OpenCourse,
                            ChooseOffering, SubmitCardCode, ToggleNeed, ConfirmSignUp,
                            DismissNotice, CatalogLoaded, CourseLoaded, SignInDone, SignUpDone,
                            SignUpFailed, ServerChecked, FaultOccurred>;

using Dispatch = std::function<void(Action)>;

}  // namespace raida::kiosk
