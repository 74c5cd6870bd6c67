// The server's part in sealed case notes (core/sealed_notes.h; internal to raida_server_lib).
//
//   center keys     one random key per center in the server-only center_key table, made the first
//                   time a kiosk of the center is provisioned (the reply carries it) or a person
//                   of the center needs a notes key
//   person keys     person.notes_key is written once. A kiosk writes it with the person it
//                   registers; a person without one (registered before sealed notes, by the office
//                   or by a kiosk that had no center key) gets one from the server just before a
//                   kiosk of their home center pulls, under a server stamp, so two kiosks can never
//                   make two different keys for one person. A pushed notes_key that differs from
//                   the one the server holds is set aside ("notes_key_write_once").
//   erasure         clears notes_key on the person and on every person merged into them (their
//                   notes moved to the erased person's plan and stay sealed under their keys),
//                   in the row, the change log and every kiosk's copy.
// Nothing here logs a key or a value; ids and counts only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "merge_rules.h"
#include "raida/core/result.h"
#include "raida/core/sealed_notes.h"
#include "raida/core/store.h"

namespace raida::server::detail {

// The key of `center_id`, made and stored when it has none. Runs in the caller's write
// transaction (or its own). kNotFound for an unknown center.
core::Result<core::SecretKey> CenterKey(core::Store& store, const std::string& center_id,
                                        int64_t now_ms);

// Gives every live person whose home center is `center_id` and who has no notes key one, wrapped
// under the center's key, as a server change logged to the person's scopes. One transaction; no
// write at all when nobody lacks a key. Returns how many people got one.
core::Result<int64_t> GiveNotesKeys(core::Store& store, const std::string& center_id,
                                    int64_t now_ms);

// Why a pushed person change must be set aside: it carries a notes_key other than the one the
// server holds. nullopt for every other change (a pushed NULL included: KeepHeldNotesKey).
core::Result<std::optional<std::string>> NotesKeyRefusal(core::Store& store,
                                                         const ChangeInput& input);
// A pushed notes_key of NULL where the server holds a key: the kiosk made or sent the row
// before the server gave it one (a restored kiosk sending its rows again, a clock years ahead).
// Only erasure takes a key away, so the NULL is taken out of `input` and true is returned: the
// caller sends the kiosk the key it lacks.
core::Result<bool> KeepHeldNotesKey(core::Store& store, ChangeInput& input);

// Clears the notes keys of the people merged into `person_id` (directly or through other merged
// people): rows, earlier change-log payloads, and a server change for the kiosks. In the caller's
// transaction, under an ApplyingScope.
core::Status ShredMergedNotesKeys(core::Store& store, const std::string& person_id);

}  // namespace raida::server::detail
