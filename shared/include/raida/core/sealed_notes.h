// Sealed notes: the encryption at rest of a person's case notes (DESIGN.md "Personal data",
// reference/ux-reliability-security.md SEC-3, SEC-4).
//
// Three keys, all 32 random bytes:
// - the center key, one per center: made by the district server, kept there (server-only table
//   center_key) and handed to a kiosk of that center when it is provisioned, which keeps it in
//   `<db>.center-key` (mode 0600, beside the device secret; never in the database, so a copied
//   database or a backup of it does not carry it);
// - the person key (DEK), one per person: stored only wrapped, in the synced column
//   person.notes_key, under a key derived from the center key (crypto_kdf, context "raidaKEK");
//   erasing the person clears it everywhere, and the notes' ciphertext left behind (in the
//   database, in change logs, in backups made afterwards) can no longer be opened;
// - nothing else: the note itself is sealed with the person key.
//
// Formats (XChaCha20-Poly1305-IETF, a random 24-byte nonce per write):
//   wrapped person key = 0x01 ‖ nonce ‖ AEAD(person key), AD = "person.notes_key" 0 person id
//   sealed note        = 0x01 ‖ len ‖ sealer id ‖ nonce ‖ AEAD(text),
//                        AD = "plan_step" 0 "notes_sealed" 0 step id 0 sealer id 0 "9"
// The sealer is the person whose key sealed the note: when the server merges a duplicate, the
// loser's plan moves to the winner but its notes stay sealed under the loser's key (the loser's
// row keeps it), so opening a note starts with NoteSealer. The AD binds a note to its step and
// to the schema version of this format, so a ciphertext copied onto another row does not open.
//
// Keys live in SecretKey: heap bytes locked against swapping where the system allows
// (sodium_mlock) and wiped (sodium_munlock / sodium_memzero) when the key goes. Nothing here
// logs a key, a note or a person id.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "raida/core/result.h"

namespace raida::core {

inline constexpr size_t kSecretKeyBytes = 32;
// The schema version whose format the sealed notes follow (bound into every note's AD).
inline constexpr int kSealedNotesSchema = 9;

// A 32-byte key, wiped from memory when destroyed. Move-only.
class SecretKey {
 public:
  // 32 bytes from libsodium's randombytes.
  static SecretKey Random();
  // A copy of `size` bytes at `bytes`; kInvalidArgument unless size is 32.
  static Result<SecretKey> FromBytes(const uint8_t* bytes, size_t size);

  SecretKey(SecretKey&&) noexcept = default;
  SecretKey& operator=(SecretKey&&) noexcept = default;

  const uint8_t* data() const { return bytes_.get(); }
  uint8_t* data() { return bytes_.get(); }
  static constexpr size_t size() { return kSecretKeyBytes; }

 private:
  struct Wipe {
    void operator()(uint8_t* bytes) const;
  };
  SecretKey();
  std::unique_ptr<uint8_t[], Wipe> bytes_;
};

// `<db path>.center-key`.
std::string CenterKeyPathFor(const std::string& db_path);
// Writes the center key as 64 hex digits to `path`, mode 0600, whole or not at all
// (WritePrivateFile). kIo on failure.
Status WriteCenterKeyFile(const std::string& path, const SecretKey& key);
// Reads it back. kNotFound when there is none (a kiosk provisioned before notes were sealed:
// provisioning it again brings the key), kUnauthorized when group or others may read it, kCorrupt
// when it is not 64 hex digits.
Result<SecretKey> ReadCenterKeyFile(const std::string& path);

// The person key wrapped for the person.notes_key column.
std::vector<uint8_t> WrapPersonKey(const SecretKey& center_key, const std::string& person_id,
                                   const SecretKey& person_key);
// Unwraps it. kCorrupt when it does not open: another center's key, another person's row, or a
// changed byte.
Result<SecretKey> UnwrapPersonKey(const SecretKey& center_key, const std::string& person_id,
                                  const std::vector<uint8_t>& wrapped);

// Seals `text` for the notes_sealed column of step `step_id`, with the key of person
// `sealer_id`. kInvalidArgument for an empty text or a sealer id longer than 255 bytes.
Result<std::vector<uint8_t>> SealNote(const SecretKey& person_key, const std::string& sealer_id,
                                      const std::string& step_id, const std::string& text);
// The id of the person whose key sealed `sealed`. kCorrupt when it is not a sealed note.
Result<std::string> NoteSealer(const std::vector<uint8_t>& sealed);
// Opens a note of step `step_id` with the sealer's key. kCorrupt when it does not open (another
// key, another step, a changed byte), never a garbled text.
Result<std::string> OpenNote(const SecretKey& person_key, const std::string& step_id,
                             const std::vector<uint8_t>& sealed);

}  // namespace raida::core
