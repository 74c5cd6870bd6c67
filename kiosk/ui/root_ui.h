// RootUi: the transient widget state of every screen — what the person is typing and how far a
// list is scrolled. Nothing here is a source of truth (that is AppState); it is the kind of state
// ImGui's demo keeps in `static` locals, kept instead in one explicit struct that DrawRoot owns
// through the caller and that ResetRootUi clears on sign-out (UX-18).
#pragma once

#include <string>

#include "kiosk/state/app_state.h"
#include "kiosk/ui/assessment_ui.h"
#include "kiosk/ui/coordinator_ui.h"
#include "kiosk/ui/lesson_ui.h"
#include "kiosk/ui/widgets.h"

namespace raida::kiosk {

struct UiProbe;

struct CatalogUi {
  PagedScroll list;
  PagedScroll results;  // the list above the on-screen keyboard while searching
};

struct CourseUi {
  PagedScroll list;
  std::string course_id;  // the course `list` belongs to; another course starts at the top
};

struct SignInUi {
  PadState pad;
  PagedScroll explanation;  // the text beside the pad, paged when the text size is large
  SignInStep shown_step = SignInStep::kCard;  // the pad is wiped when the step changes
  std::string shown_error;                    // ... and when a PIN was refused
};

struct WelcomeUi {
  PagedScroll list;  // only pages at the largest text on a small panel
};

struct HelpUi {
  PagedScroll list;
};

struct MyCoursesUi {
  PagedScroll list;
};

struct SettingsUi {
  PagedScroll list;
};

struct SignUpUi {
  PagedScroll list;
};

struct SignUpDoneUi {
  PagedScroll list;  // pages only at the largest text on a small panel (under an assisted band)
};

struct StatusUi {
  PagedScroll list;
};

struct RootUi {
  Screen last_screen = Screen::kWelcome;  // to notice screen changes
  CatalogUi catalog;
  CourseUi course;
  SignInUi sign_in;
  SignUpUi sign_up;
  SignUpDoneUi sign_up_done;
  StatusUi status;
  WelcomeUi welcome;
  HelpUi help;
  MyCoursesUi my_courses;
  SettingsUi settings;
  LessonUi lesson;
  ProgressUi progress;
  AssessmentUi assessment;
  CoordinatorUi coordinator;
  UiProbe* probe = nullptr;  // tests only (SetUiProbeForTesting); kept by ResetRootUi
};

}  // namespace raida::kiosk
