// Sealed notes (see sealed_notes.h).
//
// Every failure to open says kCorrupt and nothing else: whether the key, the row or a byte is
// wrong is exactly what an authenticated cipher cannot and should not tell apart.
#include "raida/core/sealed_notes.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "raida/core/hex.h"
#include "raida/core/private_file.h"

namespace raida::core {
namespace {

constexpr uint8_t kFormatVersion = 1;
constexpr size_t kNonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr size_t kTagBytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;
constexpr char kKdfContext[crypto_kdf_CONTEXTBYTES + 1] = "raidaKEK";
constexpr uint64_t kKekSubkeyId = 1;

static_assert(kSecretKeyBytes == crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
static_assert(kSecretKeyBytes == crypto_kdf_KEYBYTES);

Error NotOpened(const char* what) {
  return MakeError(ErrorCode::kCorrupt,
                   std::string(what) + " does not open: another key, another row, or changed");
}

// The key that wraps person keys, derived from the center key.
SecretKey KeyEncryptionKey(const SecretKey& center_key) {
  SecretKey kek = SecretKey::Random();
  crypto_kdf_derive_from_key(kek.data(), kek.size(), kKekSubkeyId, kKdfContext, center_key.data());
  return kek;
}

std::string WrapAd(const std::string& person_id) {
  return std::string("person.notes_key") + '\0' + person_id;
}

std::string NoteAd(const std::string& step_id, const std::string& sealer_id) {
  std::string ad = std::string("plan_step") + '\0' + "notes_sealed" + '\0' + step_id;
  return ad + '\0' + sealer_id + '\0' + std::to_string(kSealedNotesSchema);
}

// version ‖ nonce ‖ AEAD(plain) appended to `out` under `key` and `ad`.
void SealInto(std::vector<uint8_t>& out, const SecretKey& key, const std::string& ad,
              const uint8_t* plain, size_t plain_size) {
  const size_t header = out.size();
  out.resize(header + kNonceBytes + plain_size + kTagBytes);
  uint8_t* nonce = out.data() + header;
  randombytes_buf(nonce, kNonceBytes);
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(nonce + kNonceBytes, &written, plain, plain_size,
                                             reinterpret_cast<const unsigned char*>(ad.data()),
                                             ad.size(), nullptr, nonce, key.data());
}

// Opens nonce ‖ ciphertext at `from` of `sealed` into `plain` (sized by the caller). False when
// it does not open.
bool OpenFrom(const std::vector<uint8_t>& sealed, size_t from, const SecretKey& key,
              const std::string& ad, uint8_t* plain) {
  const uint8_t* nonce = sealed.data() + from;
  unsigned long long opened = 0;
  return crypto_aead_xchacha20poly1305_ietf_decrypt(
             plain, &opened, nullptr, nonce + kNonceBytes, sealed.size() - from - kNonceBytes,
             reinterpret_cast<const unsigned char*>(ad.data()), ad.size(), nonce, key.data()) == 0;
}

// Where the nonce of a sealed note starts, after its version and sealer; 0 when malformed.
size_t NoteBodyAt(const std::vector<uint8_t>& sealed) {
  if (sealed.size() < 2 || sealed[0] != kFormatVersion) {
    return 0;
  }
  const size_t at = 2 + sealed[1];
  return sealed.size() >= at + kNonceBytes + kTagBytes ? at : 0;
}

std::string Hex(const SecretKey& key) { return core::Hex(std::span(key.data(), key.size())); }

}  // namespace

// [SECTION] SecretKey

void SecretKey::Wipe::operator()(uint8_t* bytes) const {
  sodium_munlock(bytes, kSecretKeyBytes);  // zeroes the bytes, then unlocks them
  sodium_memzero(bytes, kSecretKeyBytes);  // in case the lock had failed (munlock still zeroes)
  delete[] bytes;
}

SecretKey::SecretKey() : bytes_(new uint8_t[kSecretKeyBytes]()) {
  // Best effort: a kiosk user without RLIMIT_MEMLOCK room still gets the wipe.
  (void)sodium_mlock(bytes_.get(), kSecretKeyBytes);
}

SecretKey SecretKey::Random() {
  SecretKey key;
  randombytes_buf(key.bytes_.get(), kSecretKeyBytes);
  return key;
}

Result<SecretKey> SecretKey::FromBytes(const uint8_t* bytes, size_t size) {
  if (size != kSecretKeyBytes) {
    return MakeError(ErrorCode::kInvalidArgument, "a key is 32 bytes");
  }
  SecretKey key;
  std::memcpy(key.bytes_.get(), bytes, size);
  return key;
}

// [SECTION] The center key file

std::string CenterKeyPathFor(const std::string& db_path) { return db_path + ".center-key"; }

Status WriteCenterKeyFile(const std::string& path, const SecretKey& key) {
  std::string hex = Hex(key) + "\n";
  Status written = WritePrivateFile(path, hex);
  sodium_memzero(hex.data(), hex.size());
  return written;
}

Result<SecretKey> ReadCenterKeyFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) {
      return MakeError(ErrorCode::kNotFound,
                       "no center key at " + path +
                           ": this kiosk was provisioned before notes were sealed; provision it "
                           "again (raida-sync provision) to keep notes");
    }
    return MakeError(ErrorCode::kIo, "cannot open " + path + ": " + std::strerror(errno));
  }
  struct stat info {};
  char buffer[80] = {};
  const bool stat_ok = ::fstat(fd, &info) == 0;
  const ssize_t n = ::read(fd, buffer, sizeof(buffer) - 1);
  ::close(fd);
  if (!stat_ok || n < 0) {
    return MakeError(ErrorCode::kIo, "cannot read " + path);
  }
  if ((info.st_mode & 077) != 0) {
    sodium_memzero(buffer, sizeof(buffer));
    return MakeError(ErrorCode::kUnauthorized,
                     "the center key " + path + " is readable by others; it must be mode 0600");
  }
  uint8_t bytes[kSecretKeyBytes];
  size_t len = 0;
  const bool hex_ok = sodium_hex2bin(bytes, sizeof(bytes), buffer, static_cast<size_t>(n), "\r\n",
                                     &len, nullptr) == 0 &&
                      len == kSecretKeyBytes;
  sodium_memzero(buffer, sizeof(buffer));
  auto key = SecretKey::FromBytes(bytes, hex_ok ? len : 0);
  sodium_memzero(bytes, sizeof(bytes));
  if (!key.ok()) {
    return MakeError(ErrorCode::kCorrupt, "the center key " + path + " is not 64 hex digits");
  }
  return key;
}

// [SECTION] Person keys

std::vector<uint8_t> WrapPersonKey(const SecretKey& center_key, const std::string& person_id,
                                   const SecretKey& person_key) {
  const SecretKey kek = KeyEncryptionKey(center_key);
  std::vector<uint8_t> wrapped{kFormatVersion};
  SealInto(wrapped, kek, WrapAd(person_id), person_key.data(), person_key.size());
  return wrapped;
}

Result<SecretKey> UnwrapPersonKey(const SecretKey& center_key, const std::string& person_id,
                                  const std::vector<uint8_t>& wrapped) {
  if (wrapped.size() != 1 + kNonceBytes + kSecretKeyBytes + kTagBytes ||
      wrapped[0] != kFormatVersion) {
    return NotOpened("the person's notes key");
  }
  const SecretKey kek = KeyEncryptionKey(center_key);
  SecretKey person_key = SecretKey::Random();
  if (!OpenFrom(wrapped, 1, kek, WrapAd(person_id), person_key.data())) {
    return NotOpened("the person's notes key");
  }
  return person_key;
}

// [SECTION] Notes

Result<std::vector<uint8_t>> SealNote(const SecretKey& person_key, const std::string& sealer_id,
                                      const std::string& step_id, const std::string& text) {
  if (text.empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "an empty note is no note: clear it instead");
  }
  if (sealer_id.empty() || sealer_id.size() > 255) {
    return MakeError(ErrorCode::kInvalidArgument, "a sealer id is 1 to 255 bytes");
  }
  std::vector<uint8_t> sealed{kFormatVersion, static_cast<uint8_t>(sealer_id.size())};
  sealed.insert(sealed.end(), sealer_id.begin(), sealer_id.end());
  SealInto(sealed, person_key, NoteAd(step_id, sealer_id),
           reinterpret_cast<const uint8_t*>(text.data()), text.size());
  return sealed;
}

Result<std::string> NoteSealer(const std::vector<uint8_t>& sealed) {
  const size_t body = NoteBodyAt(sealed);
  if (body == 0 || sealed[1] == 0) {
    return MakeError(ErrorCode::kCorrupt, "not a sealed note");
  }
  return std::string(sealed.begin() + 2, sealed.begin() + static_cast<std::ptrdiff_t>(body));
}

Result<std::string> OpenNote(const SecretKey& person_key, const std::string& step_id,
                             const std::vector<uint8_t>& sealed) {
  RAIDA_ASSIGN_OR_RETURN(const std::string sealer, NoteSealer(sealed));
  const size_t body = NoteBodyAt(sealed);
  std::string text(sealed.size() - body - kNonceBytes - kTagBytes, '\0');
  if (!OpenFrom(sealed, body, person_key, NoteAd(step_id, sealer),
                reinterpret_cast<uint8_t*>(text.data()))) {
    sodium_memzero(text.data(), text.size());
    return NotOpened("the note");
  }
  return text;
}

}  // namespace raida::core
