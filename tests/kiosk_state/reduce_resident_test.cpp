// The reducer of the resident's screens and the visit (reduce_resident.h): the idle timer with a
// driven clock (TA-7), sign-in with a PIN, the draft kept at a timeout, the catalog search, "My
// courses" with cancel and undo, and what the end of a visit forgets.
#include "kiosk/state/reduce_resident.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "kiosk/state/reduce.h"

namespace raida::kiosk {
namespace {

using ::testing::IsEmpty;

constexpr int64_t kT0 = 1'000'000;  // monotonic ms; any start works

SignedInPerson Ona() { return SignedInPerson{"person.demo.01", "Ona", {"transport"}}; }

std::vector<Effect> ReduceAll(AppState& state, const std::vector<Action>& actions) {
  std::vector<Effect> effects;
  for (const auto& action : actions) {
    effects = Reduce(state, action);
  }
  return effects;
}

template <typename T>
const T* Find(const std::vector<Effect>& effects) {
  for (const Effect& effect : effects) {
    if (const T* found = FindMessage<T>(effect)) {
      return found;
    }
  }
  return nullptr;
}

CourseDetail Course(const std::string& id) {
  CourseDetail course;
  course.card.id = id;
  course.card.title = "Computer basics";
  OfferingView offering;
  offering.id = "offering.1";
  offering.capacity = 6;
  course.offerings.push_back(offering);
  return course;
}

// Welcome at kT0, with the clock started.
AppState Fresh() {
  AppState state;
  state.default_language = "lt";
  Reduce(state, Tick{kT0});
  return state;
}

// Signed in on the sign-up screen with an offering chosen and "care" ticked.
AppState OnSignUp() {
  AppState state = Fresh();
  ReduceAll(state, {StartPressed{}, CatalogLoaded{{CourseCard{"course.a", "", "A", "", 4}}, "lt"},
                    OpenCourse{"course.a"}, CourseLoaded{Course("course.a"), "lt"},
                    ChooseOffering{"offering.1"}, SubmitCardCode{"410037"}, SignInDone{Ona()},
                    ToggleNeed{"care"}});
  return state;
}

// Signed in on "My courses" with two sign-ups.
AppState OnMyCourses() {
  AppState state = Fresh();
  Reduce(state, OpenMyCourses{});
  EXPECT_EQ(state.screen, Screen::kSignIn);
  ReduceAll(state, {SubmitCardCode{"410037"}});
  auto effects = Reduce(state, SignInDone{Ona()});
  EXPECT_EQ(state.screen, Screen::kMyCourses);
  EXPECT_NE(Find<LoadMyCourses>(effects), nullptr);
  Reduce(state, MyCoursesLoaded{"person.demo.01",
                                "lt",
                                {{"e1", "Computer basics", "2026-11-23", "Library", "requested"},
                                 {"e2", "English", "2026-12-01", "School", "cancelled"}}});
  return state;
}

// [SECTION] TA-7: the idle timer

TEST(SessionTest, WarningAfter120SecondsThenSignOutAfter30) {
  AppState state = OnSignUp();
  state.sync_available = true;
  Reduce(state, UserActivity{kT0 + 5'000});
  EXPECT_FALSE(TickDue(state, kT0 + 5'000 + 119'000));
  Reduce(state, Tick{kT0 + 5'000 + 119'000});
  EXPECT_FALSE(state.session.still_there);
  ASSERT_TRUE(TickDue(state, kT0 + 5'000 + 120'000));
  Reduce(state, Tick{kT0 + 5'000 + 120'000});
  EXPECT_TRUE(state.session.still_there);
  EXPECT_EQ(state.session.seconds_left, 30);
  EXPECT_EQ(state.screen, Screen::kSignUp) << "the screen stays beneath the question";
  // The countdown moves once a second and nothing else is due in between.
  EXPECT_FALSE(TickDue(state, kT0 + 5'000 + 120'500));
  EXPECT_TRUE(TickDue(state, kT0 + 5'000 + 121'000));
  Reduce(state, Tick{kT0 + 5'000 + 121'000});
  EXPECT_EQ(state.session.seconds_left, 29);
  // A touch beside Continue does not move the deadline.
  Reduce(state, UserActivity{kT0 + 5'000 + 140'000});
  Reduce(state, Tick{kT0 + 5'000 + 140'000});
  EXPECT_EQ(state.session.seconds_left, 10);
  auto effects = Reduce(state, Tick{kT0 + 5'000 + 150'000});
  EXPECT_EQ(state.screen, Screen::kWelcome);
  EXPECT_FALSE(state.person.has_value());
  EXPECT_FALSE(state.session.still_there);
  EXPECT_TRUE(state.session.asleep) << "the next person's first touch only wakes";
  const SaveSignUpDraft* draft = Find<SaveSignUpDraft>(effects);
  ASSERT_NE(draft, nullptr) << "the half-filled sign-up is kept";
  EXPECT_EQ(draft->person_id, "person.demo.01");
  EXPECT_EQ(draft->draft.course_id, "course.a");
  EXPECT_EQ(draft->draft.offering_id, "offering.1");
  EXPECT_EQ(draft->draft.needs, (std::vector<std::string>{"transport", "care"}));
}

TEST(SessionTest, ContinueResetsTheTimerAndCanBeUsedAgainAndAgain) {
  AppState state = OnSignUp();
  int64_t now = kT0;
  for (int extension = 0; extension < 12; ++extension) {  // TA-7: ≥ 10 extensions
    now += 120'000;
    Reduce(state, Tick{now});
    ASSERT_TRUE(state.session.still_there) << extension;
    now += 25'000;
    Reduce(state, Tick{now});
    Reduce(state, UserActivity{now});
    Reduce(state, ContinueSession{});
    EXPECT_FALSE(state.session.still_there);
    EXPECT_EQ(state.screen, Screen::kSignUp);
  }
  Reduce(state, Tick{now + 119'000});
  EXPECT_FALSE(state.session.still_there);
}

TEST(SessionTest, MoreTimeMakesTheLimitFiveTimesLonger) {
  AppState state = Fresh();
  ReduceAll(state, {StartPressed{}, OpenSettings{}, SetMoreTime{true}});
  EXPECT_EQ(state.screen, Screen::kSettings);
  Reduce(state, Tick{kT0 + 599'000});
  EXPECT_FALSE(state.session.still_there);
  Reduce(state, Tick{kT0 + 600'000});
  EXPECT_TRUE(state.session.still_there);
}

TEST(SessionTest, IdleWelcomeFallsAsleepForgetsTheVisitsSettingsAndWakesOnATouch) {
  AppState state = Fresh();
  ReduceAll(state, {ChooseLanguage{"pl"}, OpenSettings{}, SetTextSize{TextSize::kLargest},
                    SetHighContrast{true}, GoBack{}});
  EXPECT_EQ(state.screen, Screen::kWelcome);
  EXPECT_EQ(state.language, "pl") << "Back from settings keeps the visit going";
  EXPECT_FALSE(TickDue(state, kT0 + 60'000));
  Reduce(state, Tick{kT0 + 120'000});
  EXPECT_FALSE(state.session.still_there) << "nothing personal on the welcome screen to protect";
  EXPECT_TRUE(state.session.asleep);
  EXPECT_EQ(state.language, "lt");
  EXPECT_EQ(state.text_size, TextSize::kNormal);
  EXPECT_FALSE(state.high_contrast);
  EXPECT_FALSE(TickDue(state, kT0 + 999'000)) << "an asleep kiosk is not woken every second";
  Reduce(state, WakeUp{});
  EXPECT_FALSE(state.session.asleep);
}

// [SECTION] The end of a visit

TEST(SessionTest, HomeForgetsEverythingOfTheVisit) {
  AppState state = OnMyCourses();
  state.sync_available = true;
  ReduceAll(state, {AskCancel{"e1"}, AnswerCancel{true}, CancelDone{"e1", ""}});
  ASSERT_TRUE(state.undo.has_value());
  state.text_size = TextSize::kLarge;
  state.language = "pl";
  state.catalog_query = "komp";
  state.sign_in_card = "410037";
  auto effects = Reduce(state, GoHome{});
  EXPECT_NE(Find<RunSyncNow>(effects), nullptr) << "the cancellation stands: sync it now";
  EXPECT_EQ(state.screen, Screen::kWelcome);
  EXPECT_FALSE(state.person.has_value());
  EXPECT_TRUE(state.my_courses.empty());
  EXPECT_FALSE(state.undo.has_value());
  EXPECT_TRUE(state.catalog_query.empty());
  EXPECT_FALSE(state.catalog_matches.has_value());
  EXPECT_TRUE(state.sign_in_card.empty());
  EXPECT_EQ(state.sign_in_step, SignInStep::kCard);
  EXPECT_EQ(state.language, "lt");
  EXPECT_EQ(state.text_size, TextSize::kNormal);
  EXPECT_FALSE(state.session.more_time);
}

// [SECTION] Sign-in with a PIN

TEST(SignInPinTest, CardWithPinAsksForItAndChecksCardAndPinTogether) {
  AppState state = Fresh();
  Reduce(state, OpenMyCourses{});
  auto effects = Reduce(state, SubmitCardCode{"410037"});
  ASSERT_NE(Find<SignInWithCard>(effects), nullptr);
  EXPECT_THAT(Reduce(state, SignInNeedsPin{"410037"}), IsEmpty());
  EXPECT_EQ(state.sign_in_step, SignInStep::kPin);
  EXPECT_FALSE(state.person.has_value());
  EXPECT_THAT(Reduce(state, SubmitCardCode{"999"}), IsEmpty()) << "the card step is over";
  effects = Reduce(state, SubmitPin{"1234"});
  const SignInWithPin* check = Find<SignInWithPin>(effects);
  ASSERT_NE(check, nullptr);
  EXPECT_EQ(check->card_code, "410037");
  EXPECT_EQ(check->pin, "1234");
  EXPECT_THAT(Reduce(state, SubmitPin{"1234"}), IsEmpty()) << "one check at a time";
  Reduce(state, SignInDone{std::nullopt, kWrongPinKey, std::nullopt});
  EXPECT_EQ(state.sign_in_error_key, kWrongPinKey);
  EXPECT_EQ(state.sign_in_step, SignInStep::kPin);
  Reduce(state, SubmitPin{"4321"});
  effects = Reduce(state, SignInDone{Ona()});
  EXPECT_EQ(state.screen, Screen::kMyCourses);
  EXPECT_TRUE(state.sign_in_card.empty()) << "the card code is not kept once used";
  EXPECT_NE(Find<LoadMyCourses>(effects), nullptr);
}

TEST(SignInPinTest, BackFromThePinGoesBackToTheCardAndBackFromThereHome) {
  AppState state = Fresh();
  ReduceAll(state, {OpenMyCourses{}, SubmitCardCode{"410037"}, SignInNeedsPin{"410037"}});
  Reduce(state, GoBack{});
  EXPECT_EQ(state.screen, Screen::kSignIn);
  EXPECT_EQ(state.sign_in_step, SignInStep::kCard);
  EXPECT_TRUE(state.sign_in_card.empty());
  Reduce(state, GoBack{});
  EXPECT_EQ(state.screen, Screen::kWelcome);
}

TEST(SignInPinTest, AskTheCoordinatorIsAPlainNotice) {
  AppState state = Fresh();
  Reduce(state, OpenMyCourses{});
  Reduce(state, AskCoordinator{});
  EXPECT_EQ(state.notice_key, kAskCoordinatorKey);
  Reduce(state, DismissNotice{});
  EXPECT_EQ(state.screen, Screen::kSignIn);
}

TEST(SignInPinTest, ALateAnswerAfterThePersonLeftSignsNobodyIn) {
  AppState state = Fresh();
  ReduceAll(state, {OpenMyCourses{}, SubmitCardCode{"410037"}, GoHome{}});
  Reduce(state, SignInNeedsPin{"410037"});
  EXPECT_TRUE(state.sign_in_card.empty());
  Reduce(state, SignInDone{Ona()});
  EXPECT_FALSE(state.person.has_value());
}

TEST(SignInPinTest, ADraftIsRestoredAtTheNextSignIn) {
  AppState state = Fresh();
  ReduceAll(state, {OpenMyCourses{}, SubmitCardCode{"410037"}});
  auto effects =
      Reduce(state, SignInDone{Ona(), "", SignUpDraftView{"course.a", "offering.1", {"care"}}});
  EXPECT_EQ(state.screen, Screen::kSignUp);
  EXPECT_TRUE(state.draft_restored);
  EXPECT_EQ(state.chosen_offering_id, "offering.1");
  EXPECT_EQ(state.chosen_needs, (std::vector<std::string>{"care"}));
  const LoadCourse* load = Find<LoadCourse>(effects);
  ASSERT_NE(load, nullptr);
  EXPECT_EQ(load->course_id, "course.a");
  Reduce(state, CourseLoaded{Course("course.a"), "lt"});
  EXPECT_TRUE(state.course.has_value());
  EXPECT_NE(Find<SaveSignUp>(Reduce(state, ConfirmSignUp{})), nullptr);
}

// [SECTION] Catalog search and filter

TEST(CatalogSearchTest, EachKeySearchesAndOnlyTheLatestAnswerCounts) {
  AppState state = Fresh();
  Reduce(state, StartPressed{});
  EXPECT_THAT(Reduce(state, SearchTextChanged{"k"}), IsEmpty()) << "keyboard not up";
  Reduce(state, OpenSearch{});
  ASSERT_TRUE(state.catalog_keyboard);
  auto effects = Reduce(state, SearchTextChanged{"ko"});
  ASSERT_NE(Find<SearchCatalog>(effects), nullptr);
  EXPECT_EQ(Find<SearchCatalog>(effects)->query, "ko");
  Reduce(state, SearchTextChanged{"kom"});
  Reduce(state, CatalogSearched{"ko", "lt", {"course.a", "course.b"}});  // stale
  EXPECT_FALSE(state.catalog_matches.has_value());
  EXPECT_TRUE(state.catalog_searching);
  Reduce(state, CatalogSearched{"kom", "lt", {"course.a"}});
  ASSERT_TRUE(state.catalog_matches.has_value());
  EXPECT_EQ(*state.catalog_matches, (std::vector<std::string>{"course.a"}));
  EXPECT_FALSE(state.catalog_searching);
  EXPECT_THAT(Reduce(state, SearchTextChanged{" "}), IsEmpty()) << "no word: every course";
  EXPECT_FALSE(state.catalog_matches.has_value());
  Reduce(state, GoBack{});
  EXPECT_EQ(state.screen, Screen::kCatalog) << "Back first puts the keyboard away";
  EXPECT_FALSE(state.catalog_keyboard);
}

TEST(CatalogSearchTest, CategoryFilterTakesKnownCategoriesOnly) {
  AppState state = Fresh();
  Reduce(state, StartPressed{});
  Reduce(state, ChooseCategory{"english"});
  EXPECT_EQ(state.catalog_category, "english");
  Reduce(state, ChooseCategory{"no_such"});
  EXPECT_EQ(state.catalog_category, "english");
  Reduce(state, ChooseCategory{""});
  EXPECT_TRUE(state.catalog_category.empty());
}

// [SECTION] My courses

TEST(MyCoursesTest, CancelIsConfirmedThenUndoableForAWhile) {
  AppState state = OnMyCourses();
  state.sync_available = true;
  EXPECT_THAT(Reduce(state, AskCancel{"e2"}), IsEmpty());
  EXPECT_TRUE(state.cancel_asking_id.empty()) << "a cancelled one cannot be cancelled";
  Reduce(state, AskCancel{"e1"});
  EXPECT_EQ(state.cancel_asking_id, "e1");
  EXPECT_THAT(Reduce(state, AnswerCancel{false}), IsEmpty());
  EXPECT_TRUE(state.cancel_asking_id.empty());
  Reduce(state, AskCancel{"e1"});
  auto effects = Reduce(state, AnswerCancel{true});
  const CancelSignUp* cancel = Find<CancelSignUp>(effects);
  ASSERT_NE(cancel, nullptr);
  EXPECT_EQ(cancel->enrollment_id, "e1");
  EXPECT_EQ(cancel->person_id, "person.demo.01");
  effects = Reduce(state, CancelDone{"e1", ""});
  EXPECT_NE(Find<LoadMyCourses>(effects), nullptr);
  EXPECT_EQ(Find<RunSyncNow>(effects), nullptr) << "no sync while Undo is offered";
  ASSERT_TRUE(state.undo.has_value());
  EXPECT_EQ(state.undo->until_ms, kT0 + kUndoCancelMs);
  effects = Reduce(state, UndoCancel{});
  ASSERT_NE(Find<UndoCancelSignUp>(effects), nullptr);
  effects = Reduce(state, UndoDone{"e1", ""});
  EXPECT_NE(Find<RunSyncNow>(effects), nullptr);
  EXPECT_NE(Find<LoadMyCourses>(effects), nullptr);
}

TEST(MyCoursesTest, UndoOfferEndsAndTheCancellationIsSynced) {
  AppState state = OnMyCourses();
  state.sync_available = true;
  ReduceAll(state, {AskCancel{"e1"}, AnswerCancel{true}, CancelDone{"e1", ""}});
  ASSERT_TRUE(state.undo.has_value());
  ASSERT_TRUE(TickDue(state, kT0 + kUndoCancelMs));
  auto effects = Reduce(state, Tick{kT0 + kUndoCancelMs});
  EXPECT_FALSE(state.undo.has_value());
  EXPECT_NE(Find<RunSyncNow>(effects), nullptr);
  EXPECT_THAT(Reduce(state, UndoCancel{}), IsEmpty());
}

TEST(MyCoursesTest, RefusedCancelIsANotice) {
  AppState state = OnMyCourses();
  ReduceAll(state, {AskCancel{"e1"}, AnswerCancel{true}, CancelDone{"e1", kCancelFailedKey}});
  EXPECT_EQ(state.notice_key, kCancelFailedKey);
  EXPECT_FALSE(state.undo.has_value());
}

TEST(MyCoursesTest, ListsAreForThePersonAndLanguageShown) {
  AppState state = OnMyCourses();
  Reduce(state, MyCoursesLoaded{"someone-else", "lt", {}});
  EXPECT_EQ(state.my_courses.size(), 2u);
  auto effects = Reduce(state, ChooseLanguage{"pl"});
  ASSERT_NE(Find<LoadMyCourses>(effects), nullptr);
  Reduce(state, MyCoursesLoaded{"person.demo.01", "lt", {}});  // the old language
  EXPECT_EQ(state.my_courses.size(), 2u);
  Reduce(state, MyCoursesLoaded{"person.demo.01", "pl", {}});
  EXPECT_TRUE(state.my_courses.empty());
  Reduce(state, GoBack{});
  EXPECT_EQ(state.screen, Screen::kWelcome);
  EXPECT_FALSE(state.person.has_value()) << "leaving my courses signs out";
}

TEST(HelpTest, HelpNeedsNoSignInAndBackKeepsTheLanguage) {
  AppState state = Fresh();
  ReduceAll(state, {ChooseLanguage{"pl"}, OpenHelp{}});
  EXPECT_EQ(state.screen, Screen::kHelp);
  Reduce(state, GoBack{});
  EXPECT_EQ(state.screen, Screen::kWelcome);
  EXPECT_EQ(state.language, "pl");
  Reduce(state, CenterLoaded{"center.other", "Bajorai", "+370 600 00001", {{"en", "Mon–Fri"}}});
  EXPECT_TRUE(state.center_phone.empty()) << "another center's answer";
}

}  // namespace
}  // namespace raida::kiosk
