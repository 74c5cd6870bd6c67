// The kiosk's screens, one free function per file, routed by DrawRoot (root.cpp).
//
// Each draws from `const AppState&` and dispatches what the person taps; transient widget state
// (pad digits, scroll offsets) lives in the screen's XxxUi from root_ui.h. No screen runs SQL,
// blocks, or touches GLFW: they run unchanged in the real window and in the headless tests.
#pragma once

#include "kiosk/state/actions.h"
#include "kiosk/state/app_state.h"
#include "kiosk/ui/lesson_screens.h"
#include "kiosk/ui/root_ui.h"
#include "kiosk/ui/widgets.h"

namespace raida::kiosk {

// Center name, languages (each in its own language), a big Start, "Get help now", "My courses"
// and settings, whether the district office is reachable and a smaller "Staff" button.
// Never personal data. Asleep (state.session.asleep), the first touch anywhere only wakes it.
void DrawWelcomeScreen(const AppState& state, WelcomeUi& ui, const ScreenContext& ctx,
                       const Dispatch& dispatch);

// "Get help now": the emergency number, how the center's coordinator can help in private, and the
// center's phone and opening hours. Anonymous: nothing is asked and nothing is kept.
void DrawHelpScreen(const AppState& state, HelpUi& ui, const ScreenContext& ctx,
                    const Dispatch& dispatch);

// "My courses": the signed-in person's sign-ups, each with its status in plain words and a
// Cancel (confirmed in a dialog, then undoable for a while).
void DrawMyCoursesScreen(const AppState& state, MyCoursesUi& ui, const ScreenContext& ctx,
                         const Dispatch& dispatch);

// Text size, contrast, more time and language for this visit.
void DrawSettingsScreen(const AppState& state, SettingsUi& ui, const ScreenContext& ctx,
                        const Dispatch& dispatch);

// Full screen over any other: "Are you still there?", the seconds left and one huge Continue.
void DrawStillThere(const AppState& state, const ScreenContext& ctx, const Dispatch& dispatch);

// Courses grouped by category, each with a big Open button; pages with ▲/▼ when it is long.
void DrawCatalogScreen(const AppState& state, CatalogUi& ui, const ScreenContext& ctx,
                       const Dispatch& dispatch);

// One course: summary, what to bring and its upcoming offerings at this center with a Sign up
// button each ("Full" and disabled when no seat is free).
void DrawCourseScreen(const AppState& state, CourseUi& ui, const ScreenContext& ctx,
                      const Dispatch& dispatch);

// The card code on a number pad; shows state.sign_in_error_key when the card was not found.
void DrawSignInScreen(const AppState& state, SignInUi& ui, const ScreenContext& ctx,
                      const Dispatch& dispatch);

// Needs as big toggles, a plain-words summary of the sign-up and Confirm.
void DrawSignUpScreen(const AppState& state, SignUpUi& ui, const ScreenContext& ctx,
                      const Dispatch& dispatch);

// "You are signed up": requested, confirmed by the district office at the next sync.
void DrawSignUpDoneScreen(const AppState& state, SignUpDoneUi& ui, const ScreenContext& ctx,
                          const Dispatch& dispatch);

// "Kiosk status" for coordinators: last successful sync in plain words, changes waiting, the
// last problem and a big "Sync now" (disabled while a session runs or on a kiosk that is not
// provisioned) below the report, which pages with ▲/▼ when the text is large. No personal data.
void DrawStatusScreen(const AppState& state, StatusUi& ui, const ScreenContext& ctx,
                      const Dispatch& dispatch);

// Coordinator mode (coordinator_screen.cpp): the staff sign-in — a name, then the passphrase on
// the on-screen keyboard or the PIN on the number pad, or a new PIN for this kiosk — and the
// coordinator home (the sync panel, sign out).
void DrawCoordinatorScreen(const AppState& state, CoordinatorUi& ui, const ScreenContext& ctx,
                           const Dispatch& dispatch);

// The kiosk cannot work (state.fault_key says why): ask for the coordinator. Languages only.
void DrawFaultScreen(const AppState& state, const ScreenContext& ctx, const Dispatch& dispatch);

}  // namespace raida::kiosk
