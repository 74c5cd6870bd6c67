// CoordinatorAuth: signing a coordinator in on this kiosk — the district's passphrase on first use
// each day, then a 6-digit PIN of their own for quick re-entry on this kiosk for up to 12 h.
//
// The passphrase hash is published by the district office (coordinator.passphrase_hash, a
// crypto_pwhash_str Argon2id string; the office cannot know a kiosk's pepper). The PIN is chosen
// on this kiosk right after a passphrase was accepted and never leaves it: it is stored in the
// local table coordinator_login (schema_v6.cpp) as an Argon2id string over BLAKE2b(pepper, PIN),
// the same construction as resident PINs (PersonRepository::SetPin), so a copied database cannot
// be guessed against without the device's pepper file. The coordinator table's published pin_hash
// is not used: a PIN hash sent to every kiosk could carry no device pepper.
//
// Wrong passphrases and wrong PINs count together per account on this kiosk (committed at once,
// so a restart forgives nothing): 5 lock the account for 5 minutes, 10 need a reset from the
// district office, which is a new published passphrase hash (the kiosk then starts the account
// afresh: no count, no lock, no PIN). Times come from the Store's clock. Nothing is logged.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>

#include "raida/core/person_repository.h"
#include "raida/core/result.h"
#include "raida/core/store.h"

namespace raida::core {

inline constexpr int kCoordinatorLockAfter = 5;
inline constexpr int64_t kCoordinatorLockMs = 5 * 60 * 1000;
inline constexpr int kCoordinatorResetAfter = 10;
// How long after an accepted passphrase the PIN works (never past the end of that local day).
inline constexpr int64_t kCoordinatorPinWindowMs = 12 * 60 * 60 * 1000;
inline constexpr size_t kCoordinatorPinDigits = 6;
inline constexpr size_t kMinPassphraseChars = 12;

enum class CoordinatorAuthOutcome {
  kOk,
  kWrong,             // tries_left before the next lock
  kLocked,            // until locked_until_ms (store clock); nothing was checked
  kResetNeeded,       // 10 wrong attempts: only the district office can help
  kNotSetUp,          // unknown or inactive account, or no passphrase published for it
  kPassphraseNeeded,  // a PIN outside its 12 h window (or with no PIN on this kiosk)
};

struct CoordinatorAuthResult {
  CoordinatorAuthOutcome outcome = CoordinatorAuthOutcome::kNotSetUp;
  int tries_left = 0;
  int64_t locked_until_ms = 0;
  bool locked_now = false;  // this attempt began the lock (or the reset-needed state)
  bool has_pin = false;     // kOk for a passphrase: the account already has a PIN here
};

// What the kiosk asks a coordinator for when they pick their name.
enum class CoordinatorStep { kPassphrase, kPin };

class CoordinatorAuth {
 public:
  // `pepper` is this kiosk's secret (resident_effects.h LoadOrCreatePinPepper; "" for none, in
  // tests); `cost` is the Argon2id cost of a new PIN hash.
  CoordinatorAuth(Store& store, std::string pepper, PinHashCost cost = PinHashCost::Moderate())
      : store_(&store), pepper_(std::move(pepper)), cost_(cost) {}

  // kPin when this kiosk accepted the account's passphrase less than 12 h ago on the same local
  // day and a PIN is set here; kPassphrase otherwise (also for an unknown account).
  Result<CoordinatorStep> NextStep(const std::string& coordinator_id);
  // Checks the passphrase against the published hash. Locked and reset-needed accounts are
  // refused without looking at it. On kOk the wrong-attempt count is cleared and the PIN window
  // opens.
  Result<CoordinatorAuthResult> CheckPassphrase(const std::string& coordinator_id,
                                                const std::string& passphrase);
  // Checks a PIN inside its window (kPassphraseNeeded outside it). A PIN that is not 6 digits
  // counts as a wrong attempt.
  Result<CoordinatorAuthResult> CheckPin(const std::string& coordinator_id, const std::string& pin);
  // Sets the account's PIN on this kiosk, inside the window of an accepted passphrase.
  // kInvalidArgument for a PIN that is not 6 digits; kUnauthorized outside the window.
  Status SetPin(const std::string& coordinator_id, const std::string& pin);

  // The Argon2id string the district publishes for a passphrase (office tools, demo data,
  // tests). kInvalidArgument for a passphrase shorter than kMinPassphraseChars characters.
  static Result<std::string> HashPassphrase(const std::string& passphrase,
                                            const PinHashCost& cost = PinHashCost::Moderate());

 private:
  Store* store_;
  std::string pepper_;
  PinHashCost cost_;
};

}  // namespace raida::core
