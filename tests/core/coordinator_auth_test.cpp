// CoordinatorAuth on a manual clock: the passphrase opens a 12-hour, same-day window for the
// kiosk's own PIN; 5 wrong attempts lock the account for 5 minutes, 10 need the district office,
// whose new passphrase starts the account afresh; the counts survive a restart; the PIN is
// hashed with the device pepper.
#include "raida/core/coordinator_auth.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <cstdlib>
#include <ctime>
#include <string>

#include "core_test_support.h"
#include "raida/core/coordinator_repository.h"

namespace raida::core {
namespace {

using testing::kTestNowMs;

constexpr const char* kPassphrase = "ruduo prie ezero";
constexpr const char* kPin = "246810";
constexpr const char* kId = "coordinator.bajorai.1";
const std::string kPepper(32, 'p');

class CoordinatorAuthTest : public ::testing::Test {
 protected:
  void SetUp() override {
    setenv("TZ", "UTC", 1);  // the PIN window ends with the local day: make the day UTC's
    tzset();
    Open(":memory:");
    testing::SeedCatalog(*store_);
    Publish(kPassphrase);
  }

  void Open(const std::string& path) { store_ = testing::OpenStore(clock_, path); }

  void Publish(const std::string& passphrase) {
    auto hash = CoordinatorAuth::HashPassphrase(passphrase, PinHashCost::Cheapest());
    ASSERT_OK(hash);
    Store::ApplyingScope applying(*store_);
    ASSERT_OK(CoordinatorRepository(*store_).UpsertFromRemote(
        Coordinator{kId, "center.bajorai", "Rasa V.", "rasa.v", *hash, "", true}));
  }

  CoordinatorAuth Auth(const std::string& pepper = kPepper) {
    return CoordinatorAuth(*store_, pepper, PinHashCost::Cheapest());
  }

  // Signs in with the passphrase and sets the PIN.
  void SignInAndSetPin() {
    auto checked = Auth().CheckPassphrase(kId, kPassphrase);
    ASSERT_OK(checked);
    ASSERT_EQ(checked->outcome, CoordinatorAuthOutcome::kOk);
    ASSERT_OK(Auth().SetPin(kId, kPin));
  }

  CoordinatorAuthOutcome Pin(const std::string& pin) {
    auto checked = Auth().CheckPin(kId, pin);
    EXPECT_TRUE(checked.ok());
    return checked.ok() ? checked->outcome : CoordinatorAuthOutcome::kNotSetUp;
  }

  ManualClock clock_{kTestNowMs};
  std::unique_ptr<Store> store_;
};

TEST_F(CoordinatorAuthTest, PassphraseThenAPinOfThisKiosk) {
  ASSERT_EQ(*Auth().NextStep(kId), CoordinatorStep::kPassphrase);
  EXPECT_EQ(Pin(kPin), CoordinatorAuthOutcome::kPassphraseNeeded) << "no PIN before the passphrase";
  auto checked = Auth().CheckPassphrase(kId, kPassphrase);
  ASSERT_OK(checked);
  EXPECT_EQ(checked->outcome, CoordinatorAuthOutcome::kOk);
  EXPECT_FALSE(checked->has_pin);
  EXPECT_EQ(*Auth().NextStep(kId), CoordinatorStep::kPassphrase) << "no PIN on this kiosk yet";
  EXPECT_EQ(Auth().SetPin(kId, "12345").error().code, ErrorCode::kInvalidArgument);
  ASSERT_OK(Auth().SetPin(kId, kPin));
  EXPECT_EQ(*Auth().NextStep(kId), CoordinatorStep::kPin);
  EXPECT_EQ(Pin(kPin), CoordinatorAuthOutcome::kOk);
  EXPECT_TRUE(Auth().CheckPassphrase(kId, kPassphrase)->has_pin);
}

TEST_F(CoordinatorAuthTest, UnknownInactiveOrUnpublishedAccountsAreNotSetUp) {
  EXPECT_EQ(Auth().CheckPassphrase("coordinator.nobody", kPassphrase)->outcome,
            CoordinatorAuthOutcome::kNotSetUp);
  {
    Store::ApplyingScope applying(*store_);
    ASSERT_OK(CoordinatorRepository(*store_).UpsertFromRemote(
        Coordinator{"coordinator.new", "center.bajorai", "New", "new.one", "", "", true}));
  }
  EXPECT_EQ(Auth().CheckPassphrase("coordinator.new", "")->outcome,
            CoordinatorAuthOutcome::kNotSetUp);
}

TEST_F(CoordinatorAuthTest, FiveWrongPinsLockForFiveMinutes) {
  SignInAndSetPin();
  for (int i = 1; i <= 4; ++i) {
    auto checked = Auth().CheckPin(kId, "000000");
    ASSERT_OK(checked);
    EXPECT_EQ(checked->outcome, CoordinatorAuthOutcome::kWrong);
    EXPECT_EQ(checked->tries_left, 5 - i);
  }
  auto fifth = Auth().CheckPin(kId, "000000");
  ASSERT_OK(fifth);
  EXPECT_EQ(fifth->outcome, CoordinatorAuthOutcome::kLocked);
  EXPECT_TRUE(fifth->locked_now);
  EXPECT_EQ(fifth->locked_until_ms, kTestNowMs + kCoordinatorLockMs);
  EXPECT_EQ(Pin(kPin), CoordinatorAuthOutcome::kLocked) << "the right PIN is refused while locked";
  EXPECT_FALSE(Auth().CheckPin(kId, kPin)->locked_now) << "a refused attempt is no new lock";
  EXPECT_EQ(Auth().CheckPassphrase(kId, kPassphrase)->outcome, CoordinatorAuthOutcome::kLocked);
  clock_.Advance(kCoordinatorLockMs - 1);
  EXPECT_EQ(Pin(kPin), CoordinatorAuthOutcome::kLocked);
  clock_.Advance(1);
  EXPECT_EQ(Pin(kPin), CoordinatorAuthOutcome::kOk);
}

TEST_F(CoordinatorAuthTest, PassphrasesAndPinsCountTogether) {
  SignInAndSetPin();
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(Auth().CheckPassphrase(kId, "wrong passphrase")->outcome,
              CoordinatorAuthOutcome::kWrong);
  }
  EXPECT_EQ(Pin("1234567"), CoordinatorAuthOutcome::kWrong) << "a PIN of the wrong length";
  EXPECT_EQ(Pin("111111"), CoordinatorAuthOutcome::kWrong);
  EXPECT_EQ(Pin("111111"), CoordinatorAuthOutcome::kLocked);
}

TEST_F(CoordinatorAuthTest, TenWrongNeedTheDistrictOfficeWhoseNewPassphraseResets) {
  SignInAndSetPin();
  for (int i = 0; i < 5; ++i) {
    Pin("000000");
  }
  clock_.Advance(kCoordinatorLockMs);
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(Pin("000000"), CoordinatorAuthOutcome::kWrong);
  }
  auto tenth = Auth().CheckPin(kId, "000000");
  EXPECT_EQ(tenth->outcome, CoordinatorAuthOutcome::kResetNeeded);
  EXPECT_TRUE(tenth->locked_now);
  clock_.Advance(60 * 60 * 1000);
  EXPECT_EQ(Pin(kPin), CoordinatorAuthOutcome::kResetNeeded) << "time alone does not help";
  EXPECT_EQ(Auth().CheckPassphrase(kId, kPassphrase)->outcome,
            CoordinatorAuthOutcome::kResetNeeded);

  Publish("a new passphrase from the office");  // the district office's reset
  EXPECT_EQ(*Auth().NextStep(kId), CoordinatorStep::kPassphrase);
  EXPECT_EQ(Auth().CheckPassphrase(kId, kPassphrase)->outcome, CoordinatorAuthOutcome::kWrong);
  auto fresh = Auth().CheckPassphrase(kId, "a new passphrase from the office");
  EXPECT_EQ(fresh->outcome, CoordinatorAuthOutcome::kOk);
  EXPECT_FALSE(fresh->has_pin) << "the old PIN went with the reset";
}

TEST_F(CoordinatorAuthTest, CountsSurviveARestart) {
  testing::TempDir dir;
  Open(dir.File("kiosk.db"));
  testing::SeedCatalog(*store_);
  Publish(kPassphrase);
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(Auth().CheckPassphrase(kId, "wrong passphrase")->outcome,
              CoordinatorAuthOutcome::kWrong);
  }
  store_.reset();
  Open(dir.File("kiosk.db"));
  EXPECT_EQ(Auth().CheckPassphrase(kId, "wrong passphrase")->outcome,
            CoordinatorAuthOutcome::kLocked);
}

TEST_F(CoordinatorAuthTest, ThePinWorksTwelveHoursAndOnlyTheSameDay) {
  SignInAndSetPin();
  clock_.Advance(kCoordinatorPinWindowMs - 60'000);  // 21:59 the same day
  EXPECT_EQ(*Auth().NextStep(kId), CoordinatorStep::kPin);
  EXPECT_EQ(Pin(kPin), CoordinatorAuthOutcome::kOk);
  clock_.Advance(60'000);  // 12 h after the passphrase
  EXPECT_EQ(*Auth().NextStep(kId), CoordinatorStep::kPassphrase);
  EXPECT_EQ(Pin(kPin), CoordinatorAuthOutcome::kPassphraseNeeded);
  EXPECT_EQ(Auth().SetPin(kId, "135790").error().code, ErrorCode::kUnauthorized);

  clock_.Advance(50LL * 60 * 1000);  // 22:50
  ASSERT_EQ(Auth().CheckPassphrase(kId, kPassphrase)->outcome, CoordinatorAuthOutcome::kOk);
  EXPECT_EQ(Pin(kPin), CoordinatorAuthOutcome::kOk) << "the PIN is kept on this kiosk";
  clock_.Advance(2LL * 60 * 60 * 1000);  // 00:50 the next day: 2 h later, but another day
  EXPECT_EQ(*Auth().NextStep(kId), CoordinatorStep::kPassphrase);
  EXPECT_EQ(Pin(kPin), CoordinatorAuthOutcome::kPassphraseNeeded);
}

TEST_F(CoordinatorAuthTest, ThePinIsHashedWithTheDevicePepper) {
  SignInAndSetPin();
  const std::string hash = testing::QueryRows(
      *store_, "SELECT pin_hash FROM coordinator_login WHERE coordinator_id = '" +
                   std::string(kId) + "'")[0];
  EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u) << hash;
  EXPECT_NE(crypto_pwhash_str_verify(hash.c_str(), kPin, 6), 0) << "the bare PIN must not verify";
  EXPECT_EQ(Auth(std::string(32, 'q')).CheckPin(kId, kPin)->outcome, CoordinatorAuthOutcome::kWrong)
      << "another kiosk's pepper";
  EXPECT_EQ(Pin(kPin), CoordinatorAuthOutcome::kOk);
}

TEST_F(CoordinatorAuthTest, PassphrasesHaveTwelveCharacters) {
  EXPECT_EQ(CoordinatorAuth::HashPassphrase("ąčęėįšųūžąč", PinHashCost::Cheapest()).error().code,
            ErrorCode::kInvalidArgument);  // 11 letters, 22 bytes
  EXPECT_TRUE(CoordinatorAuth::HashPassphrase("ąčęėįšųūžąčę", PinHashCost::Cheapest()).ok());
}

}  // namespace
}  // namespace raida::core
