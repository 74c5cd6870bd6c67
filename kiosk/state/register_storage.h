// RegisterStorage: "Register a resident" on the EffectRunner's storage lane — the duplicate check
// among the center's people, then the person, their consents and the audit entry, all in one
// committed transaction (either everything is there, or nothing is).
//
// Card codes: the repository stores whatever code it is given (unique by schema), so the code is
// made here: kCardCodeDigits random digits (libsodium), tried again while another person of this
// kiosk has it. The code is the resident's sign-in on the number pad; grouped in fours on screen.
//
// Notes key: the new person gets their key for sealed notes (core/sealed_notes.h) in the same
// transaction as their row, wrapped under the center key, so no other kiosk or the server ever
// makes a second one. A kiosk without a center key registers the person without one; the
// district server gives it at the next sync.
// Nothing personal is logged: ids and counts only.
#pragma once

#include <concepts>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "kiosk/state/actions.h"
#include "kiosk/state/effects.h"
#include "raida/core/result.h"

namespace raida::core {
class Store;
}

namespace raida::kiosk {

inline constexpr size_t kCardCodeDigits = 8;

class RegisterStorage {
 public:
  // Makes one candidate card code of kCardCodeDigits digits.
  using CodeSource = std::function<std::string()>;

  // `codes` ("" = libsodium's randombytes_uniform); tests pass a fixed sequence.
  // `center_key_path`: core::CenterKeyPathFor(db) ("" or no file: no notes key is made).
  explicit RegisterStorage(CodeSource codes = {}, std::string center_key_path = "");

  // -> RegistrationDuplicates, RegistrationSaved or RegistrationFailed (see SaveRegistration);
  // an Error when the storage itself failed (the runner shows the fault screen).
  core::Result<std::optional<Action>> Run(core::Store& store, const SaveRegistration& effect);

 private:
  CodeSource codes_;
  std::string center_key_path_;
};

// The people of `center_id` who may be the one `answers` describe: same given and family name
// (FoldForMatch) and birth year, or the same phone (SamePhone). Merged people are left out.
core::Result<std::vector<RegisterDuplicate>> FindRegisterDuplicates(core::Store& store,
                                                                    const std::string& center_id,
                                                                    const RegisterAnswers& answers);

}  // namespace raida::kiosk
