// Coordinator mode in the reducer (reduce_coordinator.h), alone and with the real
// CoordinatorStorage on a real store with a manual clock: the sign-in steps, a PIN chosen for
// this kiosk, the lock after 5 wrong PINs lifted after 5 minutes, 10 needing the district office,
// the passphrase asked again after 12 h, the 5-minute idle sign-out, one audit entry per sign-in,
// sign-out, lockout and "Sync now" with no personal values, and a resident who never reaches the
// coordinator home or the sync panel.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "kiosk/state/coordinator_storage.h"
#include "kiosk/state/reduce.h"
#include "kiosk/state/reduce_coordinator.h"
#include "raida/core/coordinator_auth.h"
#include "raida/core/coordinator_repository.h"
#include "raida/core/district_data.h"
#include "raida/core/store.h"
#include "tests/kiosk_state/effects_found.h"

namespace raida::kiosk {
namespace {

constexpr int64_t kT0 = 1'000'000;              // monotonic ms
constexpr int64_t kWallT0 = 1'795'428'000'000;  // 2026-11-23 10:00 UTC
constexpr const char* kId = "coordinator.bajorai.1";
constexpr const char* kPassphrase = "ruduo prie ezero";  // the demo passphrase (README)

AppState Welcome() {
  AppState state;
  state.center_id = "center.bajorai";
  state.sync_available = true;
  Reduce(state, Tick{kT0});
  return state;
}

// The sign-in up to the passphrase step of kId.
AppState AtPassphrase() {
  AppState state = Welcome();
  Reduce(state, OpenStaff{});
  Reduce(state, CoordinatorsLoaded{"center.bajorai", {{kId, "Rasa V."}}});
  Reduce(state, ChooseCoordinator{kId});
  Reduce(state, CoordinatorStepLoaded{kId, false});
  return state;
}

AppState SignedIn() {
  AppState state = AtPassphrase();
  Reduce(state, SubmitPassphrase{kPassphrase});
  CoordinatorChecked ok{kId, false, CoordinatorCheck::kOk, 0, false, true};
  Reduce(state, ok);
  return state;
}

TEST(CoordinatorReduceTest, ThePassphraseThenANewPinThenTheHome) {
  AppState state = Welcome();
  std::vector<Effect> effects = Reduce(state, OpenStaff{});
  ASSERT_EQ(state.screen, Screen::kCoordinator);
  ASSERT_EQ(All<LoadCoordinators>(effects).size(), 1u);
  Reduce(state, CoordinatorsLoaded{"center.bajorai", {{kId, "Rasa V."}}});
  EXPECT_TRUE(Reduce(state, ChooseCoordinator{"coordinator.elsewhere"}).empty());
  ASSERT_EQ(All<LoadCoordinatorStep>(Reduce(state, ChooseCoordinator{kId})).size(), 1u);
  Reduce(state, CoordinatorStepLoaded{kId, false});
  ASSERT_EQ(state.coordinator.view, CoordinatorView::kPassphrase);

  EXPECT_TRUE(Reduce(state, SubmitPassphrase{""}).empty());
  EXPECT_EQ(state.coordinator.error_key, "coord.error.passphrase_empty");
  effects = Reduce(state, SubmitPassphrase{kPassphrase});
  ASSERT_EQ(All<CheckCoordinatorPassphrase>(effects).size(), 1u);
  EXPECT_FALSE(state.coordinator.signed_in);
  effects = Reduce(state, CoordinatorChecked{kId, false, CoordinatorCheck::kOk, 0, false, false});
  EXPECT_TRUE(effects.empty()) << "not signed in before the PIN is chosen";
  ASSERT_EQ(state.coordinator.view, CoordinatorView::kChoosePin);

  EXPECT_TRUE(Reduce(state, SubmitCoordinatorPin{"12345"}).empty());
  EXPECT_EQ(state.coordinator.error_key, "coord.error.pin_length");
  EXPECT_EQ(state.coordinator.view, CoordinatorView::kChoosePin) << "a bad PIN changes nothing";
  Reduce(state, SubmitCoordinatorPin{"246810"});
  ASSERT_EQ(state.coordinator.view, CoordinatorView::kConfirmPin);
  Reduce(state, SubmitCoordinatorPin{"246811"});
  EXPECT_EQ(state.coordinator.view, CoordinatorView::kChoosePin);
  EXPECT_EQ(state.coordinator.error_key, "coord.error.pin_mismatch");
  EXPECT_TRUE(state.coordinator.new_pin.empty());
  Reduce(state, SubmitCoordinatorPin{"246810"});
  effects = Reduce(state, SubmitCoordinatorPin{"246810"});
  ASSERT_EQ(All<SetCoordinatorPin>(effects).size(), 1u);
  effects = Reduce(state, CoordinatorPinSet{kId, true});
  EXPECT_EQ(state.coordinator.view, CoordinatorView::kHome);
  ASSERT_TRUE(state.coordinator.signed_in);
  const auto audits = All<WriteAudit>(effects);
  ASSERT_EQ(audits.size(), 1u);
  EXPECT_EQ(audits[0].action, kAuditSignIn);
  EXPECT_EQ(audits[0].actor_id, kId);
  EXPECT_EQ(audits[0].record_id, kId);
}

TEST(CoordinatorReduceTest, RefusalsAreSaidAndTheLockIsAuditedOnce) {
  AppState state = AtPassphrase();
  Reduce(state, SubmitPassphrase{"wrong"});
  std::vector<Effect> effects =
      Reduce(state, CoordinatorChecked{kId, false, CoordinatorCheck::kWrong, 3, false, false});
  EXPECT_TRUE(All<WriteAudit>(effects).empty());
  EXPECT_EQ(state.coordinator.error_key, "coord.error.wrong_passphrase");
  EXPECT_EQ(state.coordinator.tries_left, 3);
  Reduce(state, SubmitPassphrase{"wrong"});
  effects =
      Reduce(state, CoordinatorChecked{kId, false, CoordinatorCheck::kLocked, 0, true, false});
  const auto audits = All<WriteAudit>(effects);
  ASSERT_EQ(audits.size(), 1u);
  EXPECT_EQ(audits[0].action, kAuditLockout);
  EXPECT_EQ(audits[0].actor_id, "system");
  EXPECT_EQ(audits[0].record_id, kId);
  EXPECT_EQ(state.coordinator.error_key, "coord.error.locked");
  EXPECT_FALSE(state.coordinator.signed_in);
}

TEST(CoordinatorReduceTest, FiveIdleMinutesSignOutWithOneAuditEntry) {
  AppState state = SignedIn();
  ASSERT_TRUE(state.coordinator.signed_in);
  Reduce(state, UserActivity{kT0 + 1000});
  Reduce(state, Tick{kT0 + 1000 + kCoordinatorIdleMs - 30'001});
  EXPECT_FALSE(state.session.still_there);
  Reduce(state, Tick{kT0 + 1000 + kCoordinatorIdleMs - 30'000});
  EXPECT_TRUE(state.session.still_there) << "the warning, 30 s before";
  std::vector<Effect> effects = Reduce(state, Tick{kT0 + 1000 + kCoordinatorIdleMs});
  EXPECT_EQ(state.screen, Screen::kWelcome);
  EXPECT_FALSE(state.coordinator.signed_in);
  const auto audits = All<WriteAudit>(effects);
  ASSERT_EQ(audits.size(), 1u);
  EXPECT_EQ(audits[0].action, kAuditSignOut);
  EXPECT_EQ(state.session.idle_limit_ms, SessionState{}.idle_limit_ms) << "residents: 120 s again";
  EXPECT_TRUE(All<WriteAudit>(Reduce(state, GoHome{})).empty()) << "signed out once";
}

TEST(CoordinatorReduceTest, TheSyncPanelIsBehindTheSignInAndSyncNowIsAudited) {
  AppState welcome = Welcome();
  Reduce(welcome, OpenStatus{});
  EXPECT_EQ(welcome.screen, Screen::kWelcome) << "the status screen is no longer public";

  AppState state = SignedIn();
  Reduce(state, OpenStatus{});
  ASSERT_EQ(state.screen, Screen::kStatus);
  std::vector<Effect> effects = Reduce(state, SyncNowPressed{});
  ASSERT_EQ(All<RunSyncNow>(effects).size(), 1u);
  auto audits = All<WriteAudit>(effects);
  ASSERT_EQ(audits.size(), 1u);
  EXPECT_EQ(audits[0].action, kAuditSyncNow);
  EXPECT_TRUE(All<WriteAudit>(Reduce(state, SyncNowPressed{})).empty()) << "no sync: no entry";
  Reduce(state, GoBack{});
  EXPECT_EQ(state.screen, Screen::kCoordinator);
  EXPECT_EQ(state.coordinator.view, CoordinatorView::kHome);
  effects = Reduce(state, GoHome{});  // "Sign out"
  audits = All<WriteAudit>(effects);
  ASSERT_EQ(audits.size(), 1u);
  EXPECT_EQ(audits[0].action, kAuditSignOut);
  EXPECT_EQ(state.coordinator.accounts.size(), 0u) << "the names are forgotten too";
}

TEST(CoordinatorReduceTest, BackWalksTheSignInStepsAndALateAnswerSignsNobodyIn) {
  AppState state = AtPassphrase();
  Reduce(state, SubmitPassphrase{kPassphrase});
  Reduce(state, GoBack{});
  EXPECT_EQ(state.coordinator.view, CoordinatorView::kChooseName);
  Reduce(state, CoordinatorChecked{kId, false, CoordinatorCheck::kOk, 0, false, true});
  EXPECT_FALSE(state.coordinator.signed_in);
  Reduce(state, GoBack{});
  EXPECT_EQ(state.screen, Screen::kWelcome);
}

// A resident taps anything, in any order, and the worker answers anything but a right secret:
// the coordinator home and the sync panel stay out of reach.
TEST(CoordinatorReduceTest, AResidentNeverReachesTheCoordinatorScreens) {
  const std::vector<Action> actions = {
      StartPressed{},
      GoHome{},
      GoBack{},
      OpenHelp{},
      OpenMyCourses{},
      OpenSettings{},
      AskCoordinator{},
      OpenStatus{},
      SyncNowPressed{},
      DismissNotice{},
      OpenSearch{},
      CloseSearch{},
      ContinueSession{},
      WakeUp{},
      SubmitCardCode{"1234"},
      SubmitPin{"1234"},
      OpenStaff{},
      ChooseCoordinator{kId},
      SubmitPassphrase{"guess guess guess"},
      SubmitCoordinatorPin{"123456"},
      SubmitCoordinatorPin{"12"},
      UsePassphraseInstead{},
      CoordinatorsLoaded{"center.bajorai", {{kId, "Rasa V."}}},
      CoordinatorStepLoaded{kId, true},
      CoordinatorStepLoaded{kId, false},
      CoordinatorChecked{kId, false, CoordinatorCheck::kWrong, 4, false, false},
      CoordinatorChecked{kId, true, CoordinatorCheck::kLocked, 0, true, false},
      CoordinatorChecked{kId, true, CoordinatorCheck::kPassphraseNeeded, 0, false, false},
      CoordinatorPinSet{kId, false},
      ChooseLanguage{"pl"},
      ChooseLanguage{"lt"}};
  std::mt19937 random(20261123);
  for (int walk = 0; walk < 3000; ++walk) {
    AppState state = Welcome();
    for (int step = 0; step < 14; ++step) {
      const Action& action = actions[random() % actions.size()];
      Reduce(state, action);
      ASSERT_FALSE(ShowsCoordinatorOnly(state)) << "walk " << walk << " step " << step;
      ASSERT_FALSE(state.coordinator.signed_in) << "walk " << walk << " step " << step;
    }
  }
}

// [SECTION] With the real storage

class CoordinatorRigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    setenv("TZ", "UTC", 1);
    tzset();
    dir_ = std::filesystem::temp_directory_path() /
           ("raida-coord-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    storage_ = std::make_unique<CoordinatorStorage>((dir_ / "kiosk.db.pepper").string(),
                                                    core::PinHashCost::Cheapest());
    core::StoreOptions options;
    options.path = (dir_ / "kiosk.db").string();
    options.mode = core::OpenMode::kCreateIfMissing;
    store_ = std::move(core::Store::Open(options, clock_)).value();
    core::DistrictLoadOptions load;
    load.only_center_id = "center.bajorai";
    ASSERT_TRUE(core::LoadDistrictFile(
                    *store_, std::string(RAIDA_SOURCE_DIR) + "/assets/demo/rokiskis.json", load)
                    .ok());
    auto hash = core::CoordinatorAuth::HashPassphrase(kPassphrase, core::PinHashCost::Cheapest());
    auto account = core::CoordinatorRepository(*store_).Get(kId);
    ASSERT_TRUE(hash.ok() && account.ok() && account->has_value());
    core::Coordinator cheap = **account;  // the demo's hash, at a test's cost
    cheap.passphrase_hash = *hash;
    core::Store::ApplyingScope applying(*store_);
    ASSERT_TRUE(core::CoordinatorRepository(*store_).UpsertFromRemote(cheap).ok());
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  // Reduces `action` and runs what it asks of the coordinator storage, feeding the answers back.
  std::vector<Effect> Drive(const Action& action) {
    std::vector<Effect> effects = Reduce(state_, action);
    std::vector<Effect> all = effects;
    for (const Effect& effect : effects) {
      std::optional<Action> answer = VisitMessage(
          [&](const auto& e) -> std::optional<Action> {
            if constexpr (CoordinatorEffect<std::decay_t<decltype(e)>>) {
              auto result = storage_->Run(*store_, e);
              EXPECT_TRUE(result.ok()) << result.error().message;
              return result.ok() ? *result : std::nullopt;
            }
            return std::nullopt;
          },
          effect);
      if (answer) {
        for (Effect& more : Drive(*answer)) {
          all.push_back(std::move(more));
        }
      }
    }
    return all;
  }

  std::vector<std::string> AuditRows() {
    std::vector<std::string> rows;
    auto stmt = store_->db().Prepare(
        "SELECT actor_id || '|' || action || '|' || record_table || '|' || record_id"
        " FROM audit_log ORDER BY at_ms, hlc");
    while (*stmt->Step()) {
      rows.push_back(stmt->ColumnText(0));
    }
    return rows;
  }

  void SignInWithPassphraseAndPin() {
    state_ = Welcome();
    Drive(OpenStaff{});
    Drive(ChooseCoordinator{kId});
    ASSERT_EQ(state_.coordinator.view, CoordinatorView::kPassphrase);
    Drive(SubmitPassphrase{kPassphrase});
    ASSERT_EQ(state_.coordinator.view, CoordinatorView::kChoosePin);
    Drive(SubmitCoordinatorPin{"246810"});
    Drive(SubmitCoordinatorPin{"246810"});
    ASSERT_TRUE(state_.coordinator.signed_in);
    Drive(GoHome{});
  }

  void ToPinStep() {
    Drive(OpenStaff{});
    Drive(ChooseCoordinator{kId});
  }

  std::filesystem::path dir_;
  core::ManualClock clock_{kWallT0};
  std::unique_ptr<core::Store> store_;
  std::unique_ptr<CoordinatorStorage> storage_;
  AppState state_;
};

TEST_F(CoordinatorRigTest, FiveWrongPinsLockForFiveMinutesThenTheRightOneWorks) {
  SignInWithPassphraseAndPin();
  ToPinStep();
  ASSERT_EQ(state_.coordinator.view, CoordinatorView::kPin);
  for (int i = 0; i < 4; ++i) {
    Drive(SubmitCoordinatorPin{"000000"});
    EXPECT_EQ(state_.coordinator.error_key, "coord.error.wrong_pin");
  }
  Drive(SubmitCoordinatorPin{"000000"});
  EXPECT_EQ(state_.coordinator.error_key, "coord.error.locked");
  Drive(SubmitCoordinatorPin{"246810"});
  EXPECT_EQ(state_.coordinator.error_key, "coord.error.locked") << "the right PIN while locked";
  EXPECT_FALSE(state_.coordinator.signed_in);
  clock_.Advance(core::kCoordinatorLockMs);
  Drive(SubmitCoordinatorPin{"246810"});
  EXPECT_TRUE(state_.coordinator.signed_in);
  const std::vector<std::string> rows = AuditRows();
  const std::vector<std::string> expected = {
      std::string(kId) + "|coordinator.sign_in|coordinator|" + kId,
      std::string(kId) + "|coordinator.sign_out|coordinator|" + kId,
      std::string("system|coordinator.lockout|coordinator|") + kId,
      std::string(kId) + "|coordinator.sign_in|coordinator|" + kId};
  EXPECT_EQ(rows, expected);
  for (const std::string& row : rows) {
    EXPECT_EQ(row.find("Rasa"), std::string::npos) << "no names in the audit log";
    EXPECT_EQ(row.find("246810"), std::string::npos);
  }
}

TEST_F(CoordinatorRigTest, TenWrongAttemptsNeedTheDistrictOffice) {
  SignInWithPassphraseAndPin();
  ToPinStep();
  for (int i = 0; i < 5; ++i) {
    Drive(SubmitCoordinatorPin{"000000"});
  }
  clock_.Advance(core::kCoordinatorLockMs);
  for (int i = 0; i < 5; ++i) {
    Drive(SubmitCoordinatorPin{"000000"});
  }
  EXPECT_EQ(state_.coordinator.error_key, "coord.error.reset");
  clock_.Advance(24LL * 60 * 60 * 1000);
  Drive(GoHome{});
  ToPinStep();
  ASSERT_EQ(state_.coordinator.view, CoordinatorView::kPassphrase) << "the window closed";
  Drive(SubmitPassphrase{kPassphrase});
  EXPECT_EQ(state_.coordinator.error_key, "coord.error.reset");
  EXPECT_FALSE(state_.coordinator.signed_in);
  size_t lockouts = 0;
  for (const std::string& row : AuditRows()) {
    lockouts += row.find("coordinator.lockout") != std::string::npos ? 1 : 0;
  }
  EXPECT_EQ(lockouts, 2u) << "one entry at 5 wrong, one at 10";
}

TEST_F(CoordinatorRigTest, ThePassphraseIsAskedAgainAfterTwelveHoursAndTheNextDay) {
  SignInWithPassphraseAndPin();
  clock_.Advance(11LL * 60 * 60 * 1000);  // 21:00
  ToPinStep();
  EXPECT_EQ(state_.coordinator.view, CoordinatorView::kPin);
  Drive(GoHome{});
  clock_.Advance(60LL * 60 * 1000);  // 22:00: 12 h
  ToPinStep();
  EXPECT_EQ(state_.coordinator.view, CoordinatorView::kPassphrase);
  Drive(SubmitPassphrase{kPassphrase});
  EXPECT_TRUE(state_.coordinator.signed_in) << "the PIN of this kiosk is kept";
  Drive(GoHome{});
  clock_.Advance(3LL * 60 * 60 * 1000);  // 01:00 the next day
  ToPinStep();
  EXPECT_EQ(state_.coordinator.view, CoordinatorView::kPassphrase);
}

}  // namespace
}  // namespace raida::kiosk
