// Storage work of the resident's screens, run on the EffectRunner's storage lane: signing in with
// a card and an optional PIN (with the unfinished sign-up kept for that person), the catalog
// search, "My courses", cancel and undo, and keeping a draft.
//
// Each function answers one effect with the result action to post (or none); an Error means the
// storage itself failed and the runner shows the fault screen. Nothing here logs a name, a card
// code or a PIN.
#pragma once

#include <optional>
#include <string>

#include "kiosk/state/actions.h"
#include "kiosk/state/effects.h"
#include "raida/core/result.h"

namespace raida::core {
class Store;
}

namespace raida::kiosk {

// This kiosk's PIN pepper: 32 random bytes in the file `path` (mode 0600, created on first use),
// the key under which resident PINs are hashed (PersonRepository::SetPin). The file lives beside
// the database and is never synced, so a copied database alone cannot be guessed against
// offline. kIo when the file cannot be read or created, kCorrupt when it has the wrong size.
core::Result<std::string> LoadOrCreatePinPepper(const std::string& path);

// The pepper file of the database at `db_path` ("<db_path>.pepper").
std::string PinPepperPath(const std::string& db_path);

using MaybeAction = std::optional<Action>;

// SignInNeedsPin when the card's person has a PIN; otherwise SignInDone with the person (and
// their draft, taken) or without one (unknown card).
core::Result<MaybeAction> RunSignInWithCard(core::Store& store, const SignInWithCard& effect);
// SignInDone with the person and draft, or with the PIN problem's notice key.
core::Result<MaybeAction> RunSignInWithPin(core::Store& store, const std::string& pepper,
                                           const SignInWithPin& effect);
core::Result<MaybeAction> RunSearchCatalog(core::Store& store, const SearchCatalog& effect);
core::Result<MaybeAction> RunLoadMyCourses(core::Store& store, const LoadMyCourses& effect);
core::Result<MaybeAction> RunCancelSignUp(core::Store& store, const CancelSignUp& effect);
core::Result<MaybeAction> RunUndoCancelSignUp(core::Store& store, const UndoCancelSignUp& effect);
core::Result<MaybeAction> RunSaveSignUpDraft(core::Store& store, const SaveSignUpDraft& effect);

}  // namespace raida::kiosk
