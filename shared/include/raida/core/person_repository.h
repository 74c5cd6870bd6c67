// PersonRepository: residents and their consent records.
//
// Person rows are personal data: nothing here logs field values. Local writes are captured into
// the outbox by the store's triggers; a row is never deleted locally (erasure is a sync-level
// operation that blanks the fields and keeps an anonymous tombstone).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "raida/core/model.h"
#include "raida/core/result.h"
#include "raida/core/store.h"

namespace raida::core {

// A resident's optional PIN (kept on this kiosk only, in person_pin): what a check found.
enum class PinOutcome {
  kOk,                // the PIN is right; the wrong-guess count starts again
  kWrong,             // wrong; `tries_left` before the next lock
  kLocked,            // too many wrong guesses: refused until `locked_until_ms`, even if right
  kCoordinatorReset,  // kPinResetAfter wrong guesses: only a coordinator's ClearPin helps
  kNoPin,             // the person has no PIN (the card alone signs in)
};
struct PinCheck {
  PinOutcome outcome = PinOutcome::kNoPin;
  int tries_left = 0;           // kWrong: wrong guesses left before the next lock
  int64_t locked_until_ms = 0;  // kLocked: Unix ms (store clock) when guessing may go on
};

// Wrong guesses before a lock, how long it lasts, and when only a coordinator can help
// (DESIGN: 5 -> 5 min, 10 -> coordinator reset).
inline constexpr int kPinLockAfter = 5;
inline constexpr int64_t kPinLockMs = 5 * 60 * 1000;
inline constexpr int kPinResetAfter = 10;

// Argon2id cost of a new PIN hash (libsodium crypto_pwhash_str). Moderate() is the production
// cost (t=3, 256 MiB: about 0.65 s on a small machine); tests use Cheapest(). Checking reads the
// cost from the stored hash, so a cheaper test hash checks fast too.
struct PinHashCost {
  unsigned long long ops;
  size_t mem_bytes;
  static PinHashCost Moderate();
  static PinHashCost Cheapest();
};

class PersonRepository {
 public:
  explicit PersonRepository(Store& store) : store_(&store) {}

  // Registers a person; assigns a new id when person.id is empty. Returns the stored person.
  // kInvalidArgument when a name is empty or the birth year is impossible. `notes_key`: the
  // person's wrapped notes key (sealed_notes.h), written with the row; empty for none (the
  // district server gives one later).
  Result<Person> Register(Person person, const std::vector<uint8_t>& notes_key = {});
  // Saves changed profile fields (only the changed columns reach the outbox).
  Status Update(const Person& person);
  Result<std::optional<Person>> Get(const std::string& id);
  Result<std::optional<Person>> FindByCardCode(const std::string& card_code);
  // People whose home center is `center_id`, by family then given name; erased excluded.
  Result<std::vector<Person>> ListByCenter(const std::string& center_id);

  // Appends a consent record (giving or withdrawing). Assigns an id when empty.
  Result<Consent> RecordConsent(Consent consent);
  // Every consent record of a person, oldest first.
  Result<std::vector<Consent>> ListConsents(const std::string& person_id);

  // Gives the person a PIN of 4 to 8 digits, replacing any earlier one and forgetting wrong
  // guesses. Stored as an Argon2id string over the PIN keyed with `pepper` (this device's secret;
  // "" for none), so the hash is worthless without the device. kInvalidArgument for a PIN that
  // is not 4–8 digits or a pepper of 1–15 bytes; kNotFound for an unknown or erased person.
  Status SetPin(const std::string& person_id, const std::string& pin, const std::string& pepper,
                const PinHashCost& cost = PinHashCost::Moderate());
  // Removes the person's PIN and its wrong-guess count (a coordinator's reset).
  Status ClearPin(const std::string& person_id);
  // True when the person has a PIN.
  Result<bool> HasPin(const std::string& person_id);
  // Checks `pin` against the person's PIN and counts a wrong guess (committed at once, so a
  // restart does not forgive it). Locked and reset-needed accounts are refused without looking
  // at the PIN. Nothing is logged.
  Result<PinCheck> CheckPin(const std::string& person_id, const std::string& pin,
                            const std::string& pepper);

  // The person's wrapped notes key (person.notes_key); empty when they have none (not given
  // yet, or erased). kNotFound for an unknown person.
  Result<std::vector<uint8_t>> NotesKey(const std::string& person_id);
  // Gives a person without one their wrapped notes key (a local, captured change). kConflict
  // when they already have another (the key is written once), kNotFound for an unknown person.
  Status SetNotesKey(const std::string& person_id, const std::vector<uint8_t>& notes_key);

  // Loads a person published by the server (sync pull, demo load). Needs an ApplyingScope.
  Status UpsertFromRemote(const Person& person);

 private:
  Store* store_;
};

}  // namespace raida::core
