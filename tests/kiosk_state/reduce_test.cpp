// Reduce() is pure, so each test is "given this state, this action gives that state and these
// effects". The flow tests walk the resident's path welcome -> done the way the screens would.
#include "kiosk/state/reduce.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace raida::kiosk {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

CourseDetail MakeCourse(const std::string& id) {
  CourseDetail course;
  course.card.id = id;
  course.card.title = "Computer and tablet: first steps";
  OfferingView offering;
  offering.id = "offering.bajorai.1";
  offering.capacity = 6;
  course.offerings.push_back(offering);
  return course;
}

SignedInPerson MakePerson() { return SignedInPerson{"person.demo.01", "Ona", {"transport"}}; }

// Runs `actions` in order and returns the effects of the last one.
std::vector<Effect> ReduceAll(AppState& state, const std::vector<Action>& actions) {
  std::vector<Effect> effects;
  for (const auto& action : actions) {
    effects = Reduce(state, action);
  }
  return effects;
}

// A state on the course screen with the course loaded, in English.
AppState OnCourseScreen() {
  AppState state;
  state.language = "en";
  ReduceAll(state, {StartPressed{}, CatalogLoaded{{CourseCard{"course.a", "", "A", "", 4}}, "en"},
                    OpenCourse{"course.a"}, CourseLoaded{MakeCourse("course.a"), "en"}});
  return state;
}

TEST(ReduceTest, StartShowsCatalogAndLoadsItInTheCurrentLanguage) {
  AppState state;
  state.language = "pl";
  auto effects = Reduce(state, StartPressed{});
  EXPECT_EQ(state.screen, Screen::kCatalog);
  EXPECT_TRUE(state.catalog_loading);
  ASSERT_EQ(effects.size(), 1u);
  EXPECT_EQ(GetMessage<LoadCatalog>(effects[0]).language, "pl");
}

TEST(ReduceTest, CatalogLoadedFillsTheCatalogOnlyForTheCurrentLanguage) {
  AppState state;
  Reduce(state, StartPressed{});
  Reduce(state, CatalogLoaded{{CourseCard{"course.x", "", "X", "", 1}}, "en"});  // stale
  EXPECT_TRUE(state.catalog.empty());
  EXPECT_TRUE(state.catalog_loading);
  Reduce(state, CatalogLoaded{{CourseCard{"course.a", "", "A", "", 4}}, "lt"});
  ASSERT_EQ(state.catalog.size(), 1u);
  EXPECT_EQ(state.catalog[0].id, "course.a");
  EXPECT_FALSE(state.catalog_loading);
}

TEST(ReduceTest, OpenCourseShowsCourseScreenAndLoadsIt) {
  AppState state;
  ReduceAll(state, {StartPressed{}});
  auto effects = Reduce(state, OpenCourse{"course.a"});
  EXPECT_EQ(state.screen, Screen::kCourse);
  EXPECT_TRUE(state.course_loading);
  ASSERT_EQ(effects.size(), 2u);
  const auto& load = GetMessage<LoadCourse>(effects[0]);
  EXPECT_EQ(load.course_id, "course.a");
  EXPECT_EQ(load.language, "lt");
  EXPECT_EQ(GetMessage<LoadCourseLessons>(effects[1]).course_id, "course.a");  // its lessons
}

TEST(ReduceTest, CourseLoadedForAnotherCourseIsDropped) {
  AppState state;
  ReduceAll(state, {StartPressed{}, OpenCourse{"course.a"}});
  Reduce(state, CourseLoaded{MakeCourse("course.b"), "lt"});
  EXPECT_FALSE(state.course.has_value());
  Reduce(state, CourseLoaded{MakeCourse("course.a"), "lt"});
  ASSERT_TRUE(state.course.has_value());
  EXPECT_EQ(state.course->card.id, "course.a");
  EXPECT_FALSE(state.course_loading);
}

TEST(ReduceTest, ChooseOfferingWithoutPersonAsksForCardAndRemembersOffering) {
  AppState state = OnCourseScreen();
  auto effects = Reduce(state, ChooseOffering{"offering.bajorai.1"});
  EXPECT_THAT(effects, IsEmpty());
  EXPECT_EQ(state.screen, Screen::kSignIn);
  EXPECT_EQ(state.chosen_offering_id, "offering.bajorai.1");
}

TEST(ReduceTest, ChooseOfferingNotInTheCourseIsIgnored) {
  AppState state = OnCourseScreen();
  Reduce(state, ChooseOffering{"offering.elsewhere"});
  EXPECT_EQ(state.screen, Screen::kCourse);
  EXPECT_FALSE(state.chosen_offering_id.has_value());
}

TEST(ReduceTest, ChooseOfferingWhenSignedInGoesToSignUpWithProfileNeeds) {
  AppState state = OnCourseScreen();
  state.person = MakePerson();
  Reduce(state, ChooseOffering{"offering.bajorai.1"});
  EXPECT_EQ(state.screen, Screen::kSignUp);
  EXPECT_THAT(state.chosen_needs, ElementsAre("transport"));
}

TEST(ReduceTest, SubmitCardCodeLooksUpTheCardOnce) {
  AppState state = OnCourseScreen();
  Reduce(state, ChooseOffering{"offering.bajorai.1"});
  auto effects = Reduce(state, SubmitCardCode{"410037"});
  ASSERT_EQ(effects.size(), 1u);
  EXPECT_EQ(GetMessage<SignInWithCard>(effects[0]).card_code, "410037");
  EXPECT_TRUE(state.signing_in);
  EXPECT_THAT(Reduce(state, SubmitCardCode{"410037"}), IsEmpty());  // double tap
}

TEST(ReduceTest, EmptyCardCodeIsAnErrorWithoutLookup) {
  AppState state = OnCourseScreen();
  Reduce(state, ChooseOffering{"offering.bajorai.1"});
  EXPECT_THAT(Reduce(state, SubmitCardCode{""}), IsEmpty());
  EXPECT_EQ(state.sign_in_error_key, "signin.error.unknown_card");
}

TEST(ReduceTest, SignInDoneWithPersonGoesToSignUp) {
  AppState state = OnCourseScreen();
  ReduceAll(state, {ChooseOffering{"offering.bajorai.1"}, SubmitCardCode{"410037"},
                    SignInDone{MakePerson()}});
  EXPECT_EQ(state.screen, Screen::kSignUp);
  ASSERT_TRUE(state.person.has_value());
  EXPECT_EQ(state.person->given_name, "Ona");
  EXPECT_THAT(state.chosen_needs, ElementsAre("transport"));
  EXPECT_FALSE(state.signing_in);
}

TEST(ReduceTest, UnknownCardStaysOnSignInWithError) {
  AppState state = OnCourseScreen();
  ReduceAll(state, {ChooseOffering{"offering.bajorai.1"}, SubmitCardCode{"000000"},
                    SignInDone{std::nullopt}});
  EXPECT_EQ(state.screen, Screen::kSignIn);
  EXPECT_EQ(state.sign_in_error_key, "signin.error.unknown_card");
  EXPECT_FALSE(state.person.has_value());
  EXPECT_FALSE(state.signing_in);
}

TEST(ReduceTest, SignInAnsweredAfterThePersonWentHomeSignsNobodyIn) {
  AppState state = OnCourseScreen();
  ReduceAll(state, {ChooseOffering{"offering.bajorai.1"}, SubmitCardCode{"410037"}, GoHome{},
                    SignInDone{MakePerson()}});
  EXPECT_EQ(state.screen, Screen::kWelcome);
  EXPECT_FALSE(state.person.has_value());
}

TEST(ReduceTest, ConfirmSignUpSavesOnceWithChosenNeeds) {
  AppState state = OnCourseScreen();
  ReduceAll(state, {ChooseOffering{"offering.bajorai.1"}, SubmitCardCode{"410037"},
                    SignInDone{MakePerson()}, ToggleNeed{"care"}, ToggleNeed{"transport"}});
  auto effects = Reduce(state, ConfirmSignUp{});
  ASSERT_EQ(effects.size(), 1u);
  const auto& save = GetMessage<SaveSignUp>(effects[0]);
  EXPECT_EQ(save.person_id, "person.demo.01");
  EXPECT_EQ(save.offering_id, "offering.bajorai.1");
  EXPECT_THAT(save.needs, ElementsAre("care"));
  EXPECT_TRUE(state.saving_sign_up);
  EXPECT_THAT(Reduce(state, ConfirmSignUp{}), IsEmpty());
}

TEST(ReduceTest, UnknownNeedIsIgnored) {
  AppState state = OnCourseScreen();
  state.person = MakePerson();
  ReduceAll(state, {ChooseOffering{"offering.bajorai.1"}, ToggleNeed{"helicopter"}});
  EXPECT_THAT(state.chosen_needs, ElementsAre("transport"));
}

TEST(ReduceTest, SignUpDoneShowsConfirmation) {
  AppState state = OnCourseScreen();
  state.person = MakePerson();
  ReduceAll(state, {ChooseOffering{"offering.bajorai.1"}, ConfirmSignUp{},
                    SignUpDone{SignUpResult{"e1", "offering.bajorai.1", "requested"}}});
  EXPECT_EQ(state.screen, Screen::kSignUpDone);
  ASSERT_TRUE(state.last_sign_up.has_value());
  EXPECT_EQ(state.last_sign_up->status, "requested");
  EXPECT_FALSE(state.saving_sign_up);
}

TEST(ReduceTest, SignUpFailedShowsNoticeAndAllowsRetry) {
  AppState state = OnCourseScreen();
  state.person = MakePerson();
  ReduceAll(state, {ChooseOffering{"offering.bajorai.1"}, ConfirmSignUp{},
                    SignUpFailed{"signup.error.not_saved"}});
  EXPECT_EQ(state.screen, Screen::kSignUp);
  EXPECT_EQ(state.notice_key, "signup.error.not_saved");
  EXPECT_EQ(Reduce(state, ConfirmSignUp{}).size(), 1u);
  EXPECT_TRUE(state.notice_key.empty());
}

TEST(ReduceTest, GoHomeClearsEveryPersonalField) {
  AppState state = OnCourseScreen();
  ReduceAll(state, {ChooseOffering{"offering.bajorai.1"}, SubmitCardCode{"410037"},
                    SignInDone{MakePerson()}, ToggleNeed{"care"}, ConfirmSignUp{},
                    SignUpDone{SignUpResult{"e1", "offering.bajorai.1", "requested"}}});
  ASSERT_EQ(state.screen, Screen::kSignUpDone);
  EXPECT_THAT(Reduce(state, GoHome{}), IsEmpty());
  EXPECT_EQ(state.screen, Screen::kWelcome);
  EXPECT_FALSE(state.person.has_value());
  EXPECT_FALSE(state.chosen_offering_id.has_value());
  EXPECT_TRUE(state.chosen_needs.empty());
  EXPECT_FALSE(state.last_sign_up.has_value());
  EXPECT_FALSE(state.course.has_value());
  EXPECT_TRUE(state.sign_in_error_key.empty());
  EXPECT_TRUE(state.notice_key.empty());
}

TEST(ReduceTest, ChooseLanguageOnWelcomeLoadsNothing) {
  AppState state;
  EXPECT_THAT(Reduce(state, ChooseLanguage{"pl"}), IsEmpty());
  EXPECT_EQ(state.language, "pl");
}

TEST(ReduceTest, ChooseLanguageReloadsShownCatalogAndCourse) {
  AppState state = OnCourseScreen();
  auto effects = Reduce(state, ChooseLanguage{"lt"});
  EXPECT_EQ(state.language, "lt");
  ASSERT_EQ(effects.size(), 3u);
  EXPECT_EQ(GetMessage<LoadCatalog>(effects[0]).language, "lt");
  EXPECT_EQ(GetMessage<LoadCourse>(effects[1]).course_id, "course.a");
  EXPECT_EQ(GetMessage<LoadCourse>(effects[1]).language, "lt");
  EXPECT_EQ(GetMessage<LoadCourseLessons>(effects[2]).language, "lt");
  Reduce(state, CourseLoaded{MakeCourse("course.a"), "en"});  // the old language's answer
  EXPECT_TRUE(state.course_loading);
}

TEST(ReduceTest, UnsupportedLanguageIsIgnored) {
  AppState state;
  EXPECT_THAT(Reduce(state, ChooseLanguage{"xx"}), IsEmpty());
  EXPECT_EQ(state.language, "lt");
}

TEST(ReduceTest, FaultShowsFaultScreenAndClearsPerson) {
  AppState state = OnCourseScreen();
  state.person = MakePerson();
  Reduce(state, FaultOccurred{"fault.database"});
  EXPECT_EQ(state.screen, Screen::kFault);
  EXPECT_EQ(state.fault_key, "fault.database");
  EXPECT_FALSE(state.person.has_value());
  EXPECT_FALSE(state.course.has_value());
  EXPECT_THAT(Reduce(state, GoBack{}), IsEmpty());
  EXPECT_EQ(state.screen, Screen::kFault);
}

TEST(ReduceTest, HomeFromFaultIsTryAgainAndStartAsksTheStorageAgain) {
  AppState state;
  Reduce(state, FaultOccurred{"fault.database"});
  Reduce(state, GoHome{});
  EXPECT_EQ(state.screen, Screen::kWelcome);
  EXPECT_TRUE(state.fault_key.empty());
  EXPECT_EQ(Reduce(state, StartPressed{}).size(), 1u);
}

TEST(ReduceTest, BackWalksOneStepAtATime) {
  AppState state = OnCourseScreen();
  Reduce(state, ChooseOffering{"offering.bajorai.1"});
  Reduce(state, GoBack{});
  EXPECT_EQ(state.screen, Screen::kCourse);
  EXPECT_FALSE(state.chosen_offering_id.has_value());
  EXPECT_THAT(Reduce(state, GoBack{}), IsEmpty());  // catalog still loaded
  EXPECT_EQ(state.screen, Screen::kCatalog);
  Reduce(state, GoBack{});
  EXPECT_EQ(state.screen, Screen::kWelcome);
}

TEST(ReduceTest, BackFromDoneReloadsTheCourseForFreshSeats) {
  AppState state = OnCourseScreen();
  state.person = MakePerson();
  ReduceAll(state, {ChooseOffering{"offering.bajorai.1"}, ConfirmSignUp{},
                    SignUpDone{SignUpResult{"e1", "offering.bajorai.1", "requested"}}});
  auto effects = Reduce(state, GoBack{});
  EXPECT_EQ(state.screen, Screen::kCourse);
  ASSERT_EQ(effects.size(), 2u);
  EXPECT_EQ(GetMessage<LoadCourse>(effects[0]).course_id, "course.a");
  EXPECT_FALSE(GetMessage<LoadCourseLessons>(effects[1]).person_id.empty());  // now with marks
  EXPECT_TRUE(state.person.has_value());  // still signed in until Home or the idle timeout
}

TEST(ReduceTest, CourseUnavailableReturnsToCatalogWithNotice) {
  AppState state;
  ReduceAll(state, {StartPressed{}, OpenCourse{"course.gone"}, CourseUnavailable{"course.gone"}});
  EXPECT_EQ(state.screen, Screen::kCatalog);
  EXPECT_EQ(state.notice_key, "course.error.unavailable");
}

TEST(ReduceTest, ServerCenterAndDateResultsAreRecorded) {
  AppState state;
  state.center_id = "center.bajorai";
  ReduceAll(state, {ServerChecked{true}, CenterLoaded{"center.salos", "Salos"},
                    CenterLoaded{"center.bajorai", "Bajorai"}, DateChanged{"2026-11-23"}});
  EXPECT_EQ(state.server_reachable, true);
  EXPECT_EQ(state.center_name, "Bajorai");
  EXPECT_EQ(state.today, "2026-11-23");
}

// [SECTION] Kiosk status and background sync

SyncView Report(int64_t waiting, bool running = false) {
  SyncView view;
  view.last_success_ms = 1'795'348'800'000;
  view.last_success_day = "2026-11-22";
  view.last_success_time = "14:05";
  view.waiting = waiting;
  view.running = running;
  return view;
}

// The status screen as such (the way there, behind the coordinator sign-in, is tested in
// tests/kiosk_state/coordinator_reduce_test.cpp).
AppState OnStatusScreen() {
  AppState state;
  state.sync_available = true;
  state.screen = Screen::kStatus;
  return state;
}

TEST(ReduceStatusTest, KioskStatusOpensOnlyFromTheCoordinatorHomeAndGoesBackThere) {
  AppState state = OnCourseScreen();
  EXPECT_THAT(Reduce(state, OpenStatus{}), IsEmpty());
  EXPECT_EQ(state.screen, Screen::kCourse);
  AppState welcome;
  EXPECT_THAT(Reduce(welcome, OpenStatus{}), IsEmpty());
  EXPECT_EQ(welcome.screen, Screen::kWelcome) << "not without a coordinator signed in";
  AppState home;
  home.screen = Screen::kCoordinator;
  home.coordinator.view = CoordinatorView::kHome;
  home.coordinator.signed_in = SignedInCoordinator{"coordinator.bajorai.1", "Rasa"};
  EXPECT_THAT(Reduce(home, OpenStatus{}), IsEmpty());
  EXPECT_EQ(home.screen, Screen::kStatus);
  EXPECT_THAT(Reduce(home, GoBack{}), IsEmpty());
  EXPECT_EQ(home.screen, Screen::kCoordinator);
}

TEST(ReduceStatusTest, LanguageChangeOnTheStatusScreenLoadsNothing) {
  AppState state = OnStatusScreen();
  EXPECT_THAT(Reduce(state, ChooseLanguage{"pl"}), IsEmpty());
  EXPECT_EQ(state.language, "pl");
  EXPECT_EQ(state.screen, Screen::kStatus);
}

TEST(ReduceStatusTest, SyncNowAsksTheWorkerOnceUntilItAnswers) {
  AppState state = OnStatusScreen();
  auto effects = Reduce(state, SyncNowPressed{});
  ASSERT_EQ(effects.size(), 1u);
  EXPECT_TRUE(HoldsMessage<RunSyncNow>(effects[0]));
  EXPECT_TRUE(state.sync_requested);
  EXPECT_THAT(Reduce(state, SyncNowPressed{}), IsEmpty()) << "asked twice before an answer";
  Reduce(state, SyncStatusChanged{Report(2, /*running=*/true), false});
  EXPECT_FALSE(state.sync_requested);
  EXPECT_THAT(Reduce(state, SyncNowPressed{}), IsEmpty()) << "asked while a session runs";
  Reduce(state, SyncStatusChanged{Report(0), false});
  EXPECT_EQ(Reduce(state, SyncNowPressed{}).size(), 1u);
}

TEST(ReduceStatusTest, SyncNowNeedsAProvisionedKioskAndTheStatusScreen) {
  AppState state;
  state.screen = Screen::kStatus;
  EXPECT_THAT(Reduce(state, SyncNowPressed{}), IsEmpty());
  EXPECT_FALSE(state.sync_requested);
  AppState catalog = OnCourseScreen();
  catalog.sync_available = true;
  EXPECT_THAT(Reduce(catalog, SyncNowPressed{}), IsEmpty());
}

TEST(ReduceStatusTest, ReportsAreKeptOnEveryScreen) {
  AppState state = OnCourseScreen();
  SyncView report = Report(3);
  report.error_key = "status.error.refused";
  report.refused = true;
  EXPECT_THAT(Reduce(state, SyncStatusChanged{report, false}), IsEmpty());
  ASSERT_TRUE(state.sync.has_value());
  EXPECT_EQ(state.sync->waiting, 3);
  EXPECT_EQ(state.sync->error_key, "status.error.refused");
  EXPECT_TRUE(state.sync->refused);
  EXPECT_EQ(state.screen, Screen::kCourse) << "a report never moves the person";
  Reduce(state, GoHome{});
  EXPECT_TRUE(state.sync.has_value()) << "the sync report is not personal";
}

TEST(ReduceStatusTest, PulledChangesReloadTheCatalogAndTheOpenCourse) {
  AppState state = OnCourseScreen();
  auto effects = Reduce(state, SyncStatusChanged{Report(0), /*data_changed=*/true});
  ASSERT_EQ(effects.size(), 3u);
  EXPECT_EQ(GetMessage<LoadCatalog>(effects[0]).language, "en");
  EXPECT_EQ(GetMessage<LoadCourse>(effects[1]).course_id, "course.a");
  EXPECT_EQ(GetMessage<LoadCourseLessons>(effects[2]).course_id, "course.a");  // a new pack?
  EXPECT_TRUE(state.course_loading);
  EXPECT_TRUE(state.course.has_value()) << "the old course stays on screen until the new one";
  CourseDetail fresh = MakeCourse("course.a");
  fresh.offerings[0].seats_taken = 5;
  Reduce(state, CourseLoaded{fresh, "en"});
  EXPECT_EQ(state.course->offerings[0].seats_taken, 5);
  EXPECT_FALSE(state.course_loading);
}

TEST(ReduceStatusTest, PulledChangesOnTheCatalogReloadOnlyTheCatalog) {
  AppState state;
  state.language = "en";
  ReduceAll(state, {StartPressed{}, CatalogLoaded{{CourseCard{"course.a", "", "A", "", 4}}, "en"}});
  auto effects = Reduce(state, SyncStatusChanged{Report(0), true});
  ASSERT_EQ(effects.size(), 1u);
  EXPECT_TRUE(HoldsMessage<LoadCatalog>(effects[0]));
}

TEST(ReduceStatusTest, WithoutPulledChangesOrOnScreensWithoutDataNothingReloads) {
  AppState course = OnCourseScreen();
  EXPECT_THAT(Reduce(course, SyncStatusChanged{Report(0), false}), IsEmpty());
  AppState welcome;
  welcome.catalog = {CourseCard{"course.a", "", "A", "", 4}};
  EXPECT_THAT(Reduce(welcome, SyncStatusChanged{Report(0), true}), IsEmpty());
  AppState status = OnStatusScreen();
  EXPECT_THAT(Reduce(status, SyncStatusChanged{Report(0), true}), IsEmpty());
}

TEST(ReduceStatusTest, ASavedSignUpIsSentAtOnceOnAProvisionedKiosk) {
  for (const bool provisioned : {false, true}) {
    AppState state = OnCourseScreen();
    state.sync_available = provisioned;
    ReduceAll(state, {ChooseOffering{"offering.bajorai.1"}, SubmitCardCode{"410037"},
                      SignInDone{MakePerson()}, ConfirmSignUp{}});
    ASSERT_EQ(state.screen, Screen::kSignUp);
    auto effects =
        Reduce(state, SignUpDone{SignUpResult{"enrollment.1", "offering.bajorai.1", "requested"}});
    EXPECT_EQ(state.screen, Screen::kSignUpDone);
    if (provisioned) {
      ASSERT_EQ(effects.size(), 1u);
      EXPECT_TRUE(HoldsMessage<RunSyncNow>(effects[0]));
    } else {
      EXPECT_THAT(effects, IsEmpty());
    }
  }
}

}  // namespace
}  // namespace raida::kiosk
