// The walking skeleton through the state/action/reducer path, headless: taps on the real screens
// dispatch actions, the real Reduce turns them into state and effects, and the test plays the
// effect runner by feeding back the result actions a worker would post. Effects are checked,
// not run: storage and the network have their own tests.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <variant>
#include <vector>

#include "support/demo_state.h"
#include "support/imgui_harness.h"

namespace raida::kiosk::testing {
namespace {

template <typename T>
const T* FindEffect(const std::vector<Effect>& effects) {
  for (const Effect& effect : effects) {
    if (const T* found = FindMessage<T>(effect)) {
      return found;
    }
  }
  return nullptr;
}

// Taps `id`, expects exactly one action of type T, reduces it and returns the effects.
template <typename T>
std::vector<Effect> TapAndReduce(KioskDriver& kiosk, const std::string& id, T* out = nullptr) {
  kiosk.Settle();
  const std::vector<Action> actions = kiosk.Tap(id);
  EXPECT_EQ(actions.size(), 1u) << "tapping " << id;
  if (actions.size() != 1 || !HoldsMessage<T>(actions[0])) {
    ADD_FAILURE() << "tapping " << id << " did not dispatch the expected action";
    return {};
  }
  if (out != nullptr) {
    *out = GetMessage<T>(actions[0]);
  }
  return kiosk.Reduce(actions[0]);
}

std::string TextOf(KioskDriver& kiosk, const std::string& id) {
  const ProbeRecord* record = kiosk.Find(id);
  return record == nullptr ? "" : record->text;
}

class WalkingSkeletonTest : public ::testing::Test {
 protected:
  void SetUp() override {
    AppState& state = kiosk_.state();
    state.center_id = kDemoCenterId;
    state.center_name = kDemoCenterName;
    state.language = "lt";
    state.server_reachable = true;
    course_id_ = DemoCourseWithOffering();
  }

  // Welcome -> catalog -> course, as a person would.
  void OpenDemoCourse() {
    auto effects = TapAndReduce<StartPressed>(kiosk_, "welcome.start");
    ASSERT_EQ(kiosk_.state().screen, Screen::kCatalog);
    const LoadCatalog* load = FindEffect<LoadCatalog>(effects);
    ASSERT_NE(load, nullptr);
    EXPECT_EQ(load->language, "lt");
    kiosk_.Reduce(CatalogLoaded{DemoCatalog("lt"), "lt"});

    OpenCourse open;
    effects = TapAndReduce<OpenCourse>(kiosk_, "catalog.open." + course_id_, &open);
    EXPECT_EQ(open.course_id, course_id_);
    const LoadCourse* load_course = FindEffect<LoadCourse>(effects);
    ASSERT_NE(load_course, nullptr);
    EXPECT_EQ(load_course->course_id, course_id_);
    kiosk_.Reduce(CourseLoaded{DemoCourse(course_id_, "lt"), "lt"});
    kiosk_.Settle();
    ASSERT_EQ(kiosk_.state().screen, Screen::kCourse);
  }

  void TypeCode(const std::string& digits) {
    for (char digit : digits) {
      kiosk_.Settle(10);  // slower than the key-bounce filter
      EXPECT_TRUE(kiosk_.Tap(std::string("pad.") + digit).empty());
    }
  }

  KioskDriver kiosk_;
  std::string course_id_;
};

TEST_F(WalkingSkeletonTest, SignsUpFromWelcomeToDone) {
  OpenDemoCourse();
  if (HasFatalFailure()) {
    return;
  }
  const OfferingView offering = FirstFreeOffering(*kiosk_.state().course);
  const int free = offering.capacity - offering.seats_taken;
  EXPECT_EQ(TextOf(kiosk_, "course.offering." + offering.id + ".seats"),
            "Laisvų vietų: " + std::to_string(free) + " iš " + std::to_string(offering.capacity));

  TapAndReduce<ChooseOffering>(kiosk_, "course.signup." + offering.id);
  ASSERT_EQ(kiosk_.state().screen, Screen::kSignIn);
  TypeCode(kDemoCardCode);
  kiosk_.Settle();
  EXPECT_EQ(TextOf(kiosk_, "signin.code"), "4100 37");

  SubmitCardCode submit;
  auto effects = TapAndReduce<SubmitCardCode>(kiosk_, "pad.ok", &submit);
  EXPECT_EQ(submit.card_code, kDemoCardCode);
  const SignInWithCard* sign_in = FindEffect<SignInWithCard>(effects);
  ASSERT_NE(sign_in, nullptr);
  EXPECT_EQ(sign_in->card_code, kDemoCardCode);

  kiosk_.Reduce(SignInDone{DemoPerson(), {}, std::nullopt});
  ASSERT_EQ(kiosk_.state().screen, Screen::kSignUp);
  kiosk_.Settle();
  EXPECT_TRUE(kiosk_.ui().sign_in.pad.digits.empty()) << "the card code outlived the pad";
  EXPECT_THAT(TextOf(kiosk_, "signup.need.transport"), ::testing::StartsWith("\u2611"));
  EXPECT_THAT(TextOf(kiosk_, "signup.need.care"), ::testing::StartsWith("\u2610"));

  TapAndReduce<ToggleNeed>(kiosk_, "signup.need.care");
  effects = TapAndReduce<ConfirmSignUp>(kiosk_, "signup.confirm");
  const SaveSignUp* save = FindEffect<SaveSignUp>(effects);
  ASSERT_NE(save, nullptr);
  EXPECT_EQ(save->person_id, DemoPerson().id);
  EXPECT_EQ(save->offering_id, offering.id);
  EXPECT_THAT(save->needs, ::testing::UnorderedElementsAre("transport", "care"));
  kiosk_.Settle();
  EXPECT_FALSE(kiosk_.Find("signup.confirm")->enabled) << "Confirm offered twice while saving";

  kiosk_.Reduce(SignUpDone{SignUpResult{"enrollment.1", offering.id, "requested"}});
  ASSERT_EQ(kiosk_.state().screen, Screen::kSignUpDone);
  kiosk_.Settle();
  EXPECT_EQ(TextOf(kiosk_, "signup.done.pending"), kiosk_.Text("signup.done.pending"));

  TapAndReduce<GoHome>(kiosk_, "signup.done.finish");
  ASSERT_EQ(kiosk_.state().screen, Screen::kWelcome);
  kiosk_.Settle();
  for (const ProbeRecord& record : kiosk_.probe().items) {
    EXPECT_EQ(record.text.find("Ona"), std::string::npos) << record.id << " shows a name";
  }
}

TEST_F(WalkingSkeletonTest, UnknownCardShowsThePlainMessage) {
  OpenDemoCourse();
  if (HasFatalFailure()) {
    return;
  }
  TapAndReduce<ChooseOffering>(kiosk_,
                               "course.signup." + FirstFreeOffering(*kiosk_.state().course).id);
  TypeCode("999");
  TapAndReduce<SubmitCardCode>(kiosk_, "pad.ok");
  kiosk_.Reduce(SignInDone{std::nullopt, {}, std::nullopt});
  kiosk_.Settle();
  ASSERT_EQ(kiosk_.state().screen, Screen::kSignIn);
  EXPECT_EQ(TextOf(kiosk_, "signin.error"), kiosk_.Text("signin.error.unknown_card"));
}

TEST_F(WalkingSkeletonTest, FullOfferingCannotBeChosen) {
  OpenDemoCourse();
  if (HasFatalFailure()) {
    return;
  }
  const OfferingView& full = kiosk_.state().course->offerings.back();
  ASSERT_EQ(full.seats_taken, full.capacity);
  const ProbeRecord* button = kiosk_.Find("course.signup." + full.id);
  ASSERT_NE(button, nullptr);
  EXPECT_FALSE(button->enabled);
  EXPECT_EQ(button->text, kiosk_.Text("course.full"));
  EXPECT_EQ(TextOf(kiosk_, "course.offering." + full.id + ".seats"),
            kiosk_.Text("course.offering.no_seats"));
  // Page down until it is fully in view, then tap it: nothing happens.
  for (int i = 0; i < 5 && kiosk_.probe().Find("course.list.down") != nullptr &&
                  kiosk_.probe().Find("course.list.down")->enabled;
       ++i) {
    kiosk_.Tap("course.list.down");
    kiosk_.Settle();
  }
  EXPECT_TRUE(kiosk_.Tap("course.signup." + full.id).empty());
}

TEST_F(WalkingSkeletonTest, LanguageButtonsSwitchEverywhere) {
  for (const char* lang : {"pl", "en", "lt"}) {
    kiosk_.Settle();
    const std::vector<Action> actions = kiosk_.Tap(std::string("common.language.") + lang);
    ASSERT_EQ(actions.size(), 1u);
    ASSERT_TRUE(HoldsMessage<ChooseLanguage>(actions[0]));
    EXPECT_EQ(GetMessage<ChooseLanguage>(actions[0]).language, lang);
    kiosk_.Reduce(actions[0]);
    kiosk_.Settle();
    EXPECT_EQ(TextOf(kiosk_, "welcome.start"), kiosk_.Text("welcome.start"));
  }
  OpenDemoCourse();
  kiosk_.Settle();
  EXPECT_NE(kiosk_.probe().Find("common.language.pl"), nullptr) << "no language on the course";
  EXPECT_NE(kiosk_.probe().Find("common.back"), nullptr);
  EXPECT_NE(kiosk_.probe().Find("common.home"), nullptr);
}

}  // namespace
}  // namespace raida::kiosk::testing
