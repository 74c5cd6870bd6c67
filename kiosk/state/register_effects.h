// Effects of "Register a resident", run on the EffectRunner's storage lane by RegisterStorage
// (register_storage.h). Included by effects.h, whose Effect variant lists them.
#pragma once

#include <concepts>
#include <string>

#include "kiosk/state/register_state.h"

namespace raida::kiosk {

// Registers the person at `center_id` in one committed transaction: the person with a new card
// code, a consent record per purpose answered (text version "<purpose>/kRegisterConsentVersion",
// the resident's language, the method, recorded by the coordinator), and ONE audit entry
// ("person.register", table "person", the new id; no personal values). Unless `anyway`, first
// looks for people of this center with the same given and family name (case and diacritics
// ignored) and birth year, or the same phone; when there are any, nothing is saved.
// -> RegistrationDuplicates, RegistrationSaved, RegistrationFailed (refused answers), or
// FaultOccurred.
struct SaveRegistration {
  std::string coordinator_id;
  std::string center_id;
  RegisterAnswers answers;
  bool anyway = false;
};

template <typename E>
concept RegisterEffect = std::same_as<E, SaveRegistration>;

}  // namespace raida::kiosk
