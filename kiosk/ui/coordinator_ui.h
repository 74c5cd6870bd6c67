// CoordinatorUi: the transient widget state of the coordinator screens — the passphrase as it is
// typed, the number pad's digits and the list's scroll. Wiped when the step changes, after each
// submit and at sign-out (ResetRootUi), so no secret lingers in the UI.
#pragma once

#include <string>

#include "kiosk/state/coordinator_state.h"
#include "kiosk/ui/widgets.h"

namespace raida::kiosk {

// The attendance task's lists (attendance_screen.cpp); each starts at its top when its step opens.
struct AttendanceUi {
  PagedScroll sessions;
  PagedScroll roster;
  PagedScroll people;
  AttendanceStep shown_step = AttendanceStep::kSessions;
  std::string shown_session;
};

// "Find a person" and a person's record (person_screen.cpp): the lists' scroll and whether the
// on-screen keyboard is up; each list starts at its top when its view opens.
struct PersonUi {
  PagedScroll results;
  PagedScroll record;
  bool keyboard = true;  // the name keyboard is up (Done puts it away, "Type a name" brings it)
  CoordinatorView shown_view = CoordinatorView::kFindPerson;
  std::string shown_record;
  std::string shown_certificate;
};

// A person's action plan (plan_screen.cpp): the plan's scroll, the title as it is typed and the
// due date's digits (wiped when the entry step changes), and the step and frame last drawn.
struct PlanUi {
  PagedScroll list;
  PagedScroll words;
  std::string text;  // a goal's or step's title, or a step's note, on the keyboard
  PadState pad;      // a due date's digits (YYYYMMDD)
  PlanEdit shown_edit = PlanEdit::kNone;
  int last_frame = -1;  // a gap in frames: the view was left, so the entry starts afresh
};

// The sign-up inbox (inbox_screen.cpp): its list's scroll, back at the top when the step or the
// chosen request changes.
struct InboxUi {
  PagedScroll list;
  InboxStep shown_step = InboxStep::kList;
  std::string shown_chosen;
};

// "Register a resident" (register_screen.cpp): what is typed for the step shown (wiped when the
// step changes), the words' scroll, and the step and frame last drawn.
struct RegisterUi {
  PagedScroll list;
  PadState pad;      // year of birth, phone
  std::string text;  // given name, family name, village
  RegisterStep shown_step = RegisterStep::kGivenName;
  int last_frame = -1;  // a gap in frames: the task was left, so the step starts afresh
};

// "Lists and export" (lists_screen.cpp): the offerings' scroll (kept when coming back from one)
// and the offering's.
struct ListsUi {
  PagedScroll offerings;
  PagedScroll offering;
  ListsStep shown_step = ListsStep::kOfferings;
  std::string shown_chosen;
};

// "Possible duplicates" (duplicates_screen.cpp): the pairs' scroll (kept when coming back from
// a pair) and the pair's, back at the top when the step changes.
struct DuplicatesUi {
  PagedScroll list;
  PagedScroll pair;
  DuplicatesStep shown_step = DuplicatesStep::kList;
};

struct CoordinatorUi {
  PagedScroll list;        // the names, or the home's tasks
  PagedScroll text;        // the words beside the number pad
  PadState pad;            // a PIN as it is typed
  std::string passphrase;  // the passphrase as it is typed (shown as dots)
  CoordinatorView shown_view = CoordinatorView::kChooseName;
  std::string shown_error;
  RegisterUi registration;  // CoordinatorView::kRegister
  AttendanceUi attendance;  // CoordinatorView::kAttendance
  PersonUi person;          // CoordinatorView::kFindPerson, kPerson
  PlanUi plan;              // CoordinatorView::kPlan
  InboxUi inbox;            // CoordinatorView::kInbox
  ListsUi lists;            // CoordinatorView::kLists
  DuplicatesUi duplicates;  // CoordinatorView::kDuplicates
};

// The attendance task (attendance_screen.cpp), drawn below the coordinator screen's nav bar.
void DrawAttendanceScreen(const AppState& state, AttendanceUi& ui, const ScreenContext& ctx,
                          const Dispatch& dispatch);

// "Find a person" and a person's record (person_screen.cpp), below the nav bar.
void DrawPersonScreen(const AppState& state, PersonUi& ui, const ScreenContext& ctx,
                      const Dispatch& dispatch);

// A person's action plan (plan_screen.cpp), below the nav bar.
void DrawPlanScreen(const AppState& state, PlanUi& ui, const ScreenContext& ctx,
                    const Dispatch& dispatch);

// The sign-up inbox (inbox_screen.cpp), below the nav bar.
void DrawInboxScreen(const AppState& state, InboxUi& ui, const ScreenContext& ctx,
                     const Dispatch& dispatch);

// "Lists and export" (lists_screen.cpp), below the nav bar.
void DrawListsScreen(const AppState& state, ListsUi& ui, const ScreenContext& ctx,
                     const Dispatch& dispatch);

// "Possible duplicates" (duplicates_screen.cpp), below the nav bar.
void DrawDuplicatesScreen(const AppState& state, DuplicatesUi& ui, const ScreenContext& ctx,
                          const Dispatch& dispatch);

// "Register a resident" (register_screen.cpp), below the coordinator screen's nav bar.
void DrawRegisterScreen(const AppState& state, RegisterUi& ui, const ScreenContext& ctx,
                        const Dispatch& dispatch);

}  // namespace raida::kiosk
