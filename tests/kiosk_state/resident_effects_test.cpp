// The storage lane's work for the resident's screens, through a real EffectRunner on a kiosk
// database seeded from the demo district: card and PIN sign-in (with the device pepper file),
// the diacritics-blind catalog search, "My courses", cancel and undo through the outbox, and the
// draft kept at a timeout and handed back at the next sign-in.
#include "kiosk/state/resident_effects.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <string>
#include <variant>
#include <vector>

#include "kiosk/state/effect_runner.h"
#include "kiosk/state/reduce_resident.h"
#include "raida/core/clock.h"
#include "raida/core/enrollment_repository.h"
#include "raida/core/person_repository.h"
#include "raida/core/store.h"

namespace raida::kiosk {
namespace {

namespace fs = std::filesystem;

constexpr int64_t kNoonUtc20261122 = 1795348800000;
constexpr const char* kOnaCard = "410037";  // person.demo.01 in the demo district
constexpr const char* kOnaId = "person.demo.01";

class ResidentEffectsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("raida_resident_effects_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_path_ = (dir_ / "kiosk.db").string();
    options_.db_path = db_path_;
    options_.center_id = "center.bajorai";
    options_.seed_file = std::string(RAIDA_ASSETS_DIR) + "/demo/rokiskis.json";
    runner_ = std::make_unique<EffectRunner>(options_, clock_, queue_);
    runner_->Start();
    ASSERT_TRUE(runner_->WaitIdle(20000));
    queue_.Drain();
  }
  void TearDown() override {
    runner_.reset();
    fs::remove_all(dir_);
  }

  std::vector<Action> Run(Effect effect) {
    runner_->Post(std::move(effect));
    EXPECT_TRUE(runner_->WaitIdle(20000));
    return queue_.Drain();
  }

  template <typename T>
  T One(Effect effect) {
    const std::vector<Action> actions = Run(std::move(effect));
    if (actions.size() != 1 || !HoldsMessage<T>(actions[0])) {
      ADD_FAILURE() << "expected one action of the wanted type, got " << actions.size();
      return T{};
    }
    return GetMessage<T>(actions[0]);
  }

  // A second connection, as a coordinator's tool would use.
  std::unique_ptr<core::Store> OpenStore() {
    auto store = core::Store::Open({db_path_, core::OpenMode::kOpenExisting}, clock_);
    EXPECT_TRUE(store.ok()) << store.error().message;
    return store.ok() ? std::move(store).value() : nullptr;
  }

  core::ManualClock clock_{kNoonUtc20261122};
  ActionQueue queue_;
  fs::path dir_;
  std::string db_path_;
  EffectRunnerOptions options_;
  std::unique_ptr<EffectRunner> runner_;
};

TEST_F(ResidentEffectsTest, CardWithoutPinSignsInAtOnce) {
  const SignInDone done = One<SignInDone>(SignInWithCard{kOnaCard});
  ASSERT_TRUE(done.person.has_value());
  EXPECT_EQ(done.person->id, kOnaId);
  EXPECT_FALSE(done.draft.has_value());
  EXPECT_FALSE(One<SignInDone>(SignInWithCard{"999999"}).person.has_value());
}

TEST_F(ResidentEffectsTest, CardWithPinAsksForItAndTheDevicePepperIsUsed) {
  const std::string pepper_path = PinPepperPath(db_path_);
  auto pepper = LoadOrCreatePinPepper(pepper_path);
  ASSERT_TRUE(pepper.ok()) << pepper.error().message;
  struct stat info {};
  ASSERT_EQ(::stat(pepper_path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u) << "the pepper is readable by the kiosk's user only";
  EXPECT_EQ(*LoadOrCreatePinPepper(pepper_path), *pepper) << "created once, then read";
  {
    auto store = OpenStore();
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(core::PersonRepository(*store)
                    .SetPin(kOnaId, "2580", *pepper, core::PinHashCost::Cheapest())
                    .ok());
  }
  EXPECT_EQ(One<SignInNeedsPin>(SignInWithCard{kOnaCard}).card_code, kOnaCard);
  const SignInDone wrong = One<SignInDone>(SignInWithPin{kOnaCard, "1111"});
  EXPECT_FALSE(wrong.person.has_value());
  EXPECT_EQ(wrong.error_key, kWrongPinKey);
  const SignInDone right = One<SignInDone>(SignInWithPin{kOnaCard, "2580"});
  ASSERT_TRUE(right.person.has_value());
  EXPECT_EQ(right.person->id, kOnaId);
  for (int i = 0; i < core::kPinLockAfter - 1; ++i) {
    One<SignInDone>(SignInWithPin{kOnaCard, "0000"});
  }
  EXPECT_EQ(One<SignInDone>(SignInWithPin{kOnaCard, "0000"}).error_key, kPinLockedKey);
  EXPECT_EQ(One<SignInDone>(SignInWithPin{kOnaCard, "2580"}).error_key, kPinLockedKey);
}

TEST_F(ResidentEffectsTest, SearchFindsKompiuterisWithoutItsEnding) {
  for (const char* query : {"kompiuteris", "kompiuteri", "KOMPIUTERI", "planšetė", "plansete"}) {
    const CatalogSearched found = One<CatalogSearched>(SearchCatalog{query, "lt"});
    EXPECT_EQ(found.query, query);
    EXPECT_NE(
        std::find(found.course_ids.begin(), found.course_ids.end(), "course.computer-first-steps"),
        found.course_ids.end())
        << query;
  }
  EXPECT_TRUE(One<CatalogSearched>(SearchCatalog{"zzzqqq", "lt"}).course_ids.empty());
}

TEST_F(ResidentEffectsTest, MyCoursesCancelAndUndoGoThroughTheOutbox) {
  auto store = OpenStore();
  ASSERT_NE(store, nullptr);
  core::EnrollmentRepository enrollments(*store);
  auto before = enrollments.ListForPerson(kOnaId);
  ASSERT_TRUE(before.ok());
  const MyCoursesLoaded loaded = One<MyCoursesLoaded>(LoadMyCourses{kOnaId, "pl"});
  ASSERT_EQ(loaded.courses.size(), before->size());
  ASSERT_FALSE(loaded.courses.empty()) << "Ona has sign-ups in the demo district";
  const MyCourseView* active = nullptr;
  for (const MyCourseView& course : loaded.courses) {
    EXPECT_FALSE(course.course_title.empty());
    if (course.status == "requested" || course.status == "confirmed") {
      active = &course;
    }
  }
  ASSERT_NE(active, nullptr);
  const std::string id = active->enrollment_id;
  auto outbox = [&] {
    auto stmt = store->db().Prepare("SELECT count(*) FROM outbox WHERE tbl = 'enrollment'");
    EXPECT_TRUE(stmt.ok() && stmt->Step().ok());
    return stmt->ColumnInt(0);
  };
  const int64_t queued = outbox();
  EXPECT_EQ(One<CancelDone>(CancelSignUp{id, "someone-else"}).notice_key, kCancelFailedKey);
  const CancelDone cancelled = One<CancelDone>(CancelSignUp{id, kOnaId});
  EXPECT_TRUE(cancelled.notice_key.empty());
  EXPECT_EQ((*enrollments.Get(id))->status, core::EnrollmentStatus::kCancelled);
  EXPECT_EQ(outbox(), queued + 1);
  const UndoDone undone = One<UndoDone>(UndoCancelSignUp{id, kOnaId});
  EXPECT_TRUE(undone.notice_key.empty());
  EXPECT_EQ((*enrollments.Get(id))->status, core::EnrollmentStatus::kRequested);
  EXPECT_EQ(outbox(), queued + 2);
  EXPECT_EQ(One<UndoDone>(UndoCancelSignUp{id, kOnaId}).notice_key, kUndoFailedKey);
}

TEST_F(ResidentEffectsTest, DraftKeptAtTimeoutComesBackAtTheNextSignInOnce) {
  EXPECT_TRUE(Run(SaveSignUpDraft{kOnaId, {"course.a", "offering.b", {"care"}}}).empty());
  const SignInDone first = One<SignInDone>(SignInWithCard{kOnaCard});
  ASSERT_TRUE(first.draft.has_value());
  EXPECT_EQ(first.draft->course_id, "course.a");
  EXPECT_EQ(first.draft->offering_id, "offering.b");
  EXPECT_EQ(first.draft->needs, (std::vector<std::string>{"care"}));
  EXPECT_FALSE(One<SignInDone>(SignInWithCard{kOnaCard}).draft.has_value());
  // A day later it is gone.
  Run(SaveSignUpDraft{kOnaId, {"course.a", "offering.b", {}}});
  clock_.Advance(core::kSignUpDraftMaxAgeMs + 1);
  EXPECT_FALSE(One<SignInDone>(SignInWithCard{kOnaCard}).draft.has_value());
}

TEST_F(ResidentEffectsTest, CenterBringsItsPhoneAndOpeningHours) {
  const CenterLoaded center = One<CenterLoaded>(LoadCenter{"center.bajorai"});
  EXPECT_EQ(center.center_name, "Bajorai");
  EXPECT_FALSE(center.phone.empty());
  EXPECT_EQ(center.opening_hours.size(), 3u);
}

}  // namespace
}  // namespace raida::kiosk
