// CoordinatorAuth: the passphrase and PIN checks, the wrong-attempt count and lock, and the PIN
// window, over the local coordinator_login table (schema_v6.cpp).
//
// Each check runs in one write transaction: read the row (starting it afresh when the district
// published another passphrase hash), refuse a locked account without hashing anything, verify,
// and write the new count before committing, so a crash or restart in between forgives nothing.
#include "raida/core/coordinator_auth.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <ctime>
#include <optional>

#include "raida/core/coordinator_repository.h"
#include "repository_util.h"

namespace raida::core {
namespace {

struct LoginRow {
  std::string published_hash;
  int failures = 0;
  int64_t locked_until_ms = 0;
  int64_t passphrase_at_ms = 0;
  std::string passphrase_day;
  std::string pin_hash;
};

Status RequireSodium() {
  if (sodium_init() < 0) {
    return MakeError(ErrorCode::kInternal, "libsodium could not be initialised");
  }
  return Ok();
}

bool IsCoordinatorPin(const std::string& pin) {
  return pin.size() == kCoordinatorPinDigits &&
         std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; });
}

size_t CodePoints(const std::string& text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

// "YYYY-MM-DD" of `unix_ms` in the machine's local time zone.
std::string LocalDay(int64_t unix_ms) {
  const std::time_t seconds = static_cast<std::time_t>(unix_ms / 1000);
  std::tm local{};
  localtime_r(&seconds, &local);
  std::array<char, 16> text{};
  std::strftime(text.data(), text.size(), "%Y-%m-%d", &local);
  return text.data();
}

Result<std::string> HashSecret(const std::string& secret, const PinHashCost& cost) {
  std::array<char, crypto_pwhash_STRBYTES> hash{};
  if (crypto_pwhash_str_alg(hash.data(), secret.data(), secret.size(), cost.ops, cost.mem_bytes,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return MakeError(ErrorCode::kInternal, "a secret could not be hashed (out of memory)");
  }
  return std::string(hash.data());
}

bool Verify(const std::string& hash, const std::string& secret) {
  return !hash.empty() && crypto_pwhash_str_verify(hash.c_str(), secret.data(), secret.size()) == 0;
}

// The account's published passphrase hash; nullopt for an unknown or inactive account.
Result<std::optional<std::string>> PublishedHash(Store& store, const std::string& id) {
  RAIDA_ASSIGN_OR_RETURN(auto coordinator, CoordinatorRepository(store).Get(id));
  if (!coordinator || !coordinator->active) {
    return std::optional<std::string>();
  }
  return std::optional<std::string>(coordinator->passphrase_hash);
}

// The account's row on this kiosk; a fresh one when there is none or the district published
// another passphrase since (its reset).
Result<LoginRow> ReadRow(Database& db, const std::string& id, const std::string& published) {
  RAIDA_ASSIGN_OR_RETURN(
      Statement stmt,
      db.Prepare("SELECT published_hash, failures, locked_until_ms, passphrase_at_ms,"
                 " passphrase_day, pin_hash FROM coordinator_login WHERE coordinator_id = ?"));
  stmt.Bind(1, id);
  RAIDA_ASSIGN_OR_RETURN(const bool found, stmt.Step());
  LoginRow row;
  row.published_hash = published;
  if (!found || stmt.ColumnText(0) != published) {
    return row;
  }
  row.failures = static_cast<int>(stmt.ColumnInt(1));
  row.locked_until_ms = stmt.ColumnInt(2);
  row.passphrase_at_ms = stmt.ColumnInt(3);
  row.passphrase_day = stmt.ColumnText(4);
  row.pin_hash = stmt.ColumnText(5);
  return row;
}

Status WriteRow(Database& db, const std::string& id, const LoginRow& row) {
  RAIDA_ASSIGN_OR_RETURN(
      Statement stmt,
      db.Prepare("INSERT OR REPLACE INTO coordinator_login(coordinator_id, published_hash,"
                 " failures, locked_until_ms, passphrase_at_ms, passphrase_day, pin_hash)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?)"));
  stmt.Bind(1, id).Bind(2, row.published_hash).Bind(3, static_cast<int64_t>(row.failures));
  stmt.Bind(4, row.locked_until_ms).Bind(5, row.passphrase_at_ms).Bind(6, row.passphrase_day);
  return stmt.Bind(7, row.pin_hash).Run();
}

bool InPinWindow(const LoginRow& row, int64_t now_ms) {
  return !row.pin_hash.empty() && row.passphrase_at_ms > 0 && now_ms >= row.passphrase_at_ms &&
         now_ms - row.passphrase_at_ms < kCoordinatorPinWindowMs &&
         row.passphrase_day == LocalDay(now_ms);
}

// The refusal for a locked or reset-needed account, or nullopt when it may try.
std::optional<CoordinatorAuthResult> Refusal(const LoginRow& row, int64_t now_ms) {
  CoordinatorAuthResult refused;
  if (row.failures >= kCoordinatorResetAfter) {
    refused.outcome = CoordinatorAuthOutcome::kResetNeeded;
    return refused;
  }
  if (row.locked_until_ms > now_ms) {
    refused.outcome = CoordinatorAuthOutcome::kLocked;
    refused.locked_until_ms = row.locked_until_ms;
    return refused;
  }
  return std::nullopt;
}

// Counts a wrong attempt into `row` and says what it led to.
CoordinatorAuthResult CountWrong(LoginRow& row, int64_t now_ms) {
  CoordinatorAuthResult result;
  row.failures += 1;
  if (row.failures >= kCoordinatorResetAfter) {
    result.outcome = CoordinatorAuthOutcome::kResetNeeded;
    result.locked_now = true;
    row.passphrase_at_ms = 0;  // the PIN window closes with the account
  } else if (row.failures % kCoordinatorLockAfter == 0) {
    result.outcome = CoordinatorAuthOutcome::kLocked;
    result.locked_now = true;
    row.locked_until_ms = now_ms + kCoordinatorLockMs;
    result.locked_until_ms = row.locked_until_ms;
  } else {
    result.outcome = CoordinatorAuthOutcome::kWrong;
    result.tries_left = kCoordinatorLockAfter - row.failures % kCoordinatorLockAfter;
  }
  return result;
}

}  // namespace

Result<CoordinatorStep> CoordinatorAuth::NextStep(const std::string& coordinator_id) {
  RAIDA_ASSIGN_OR_RETURN(auto published, PublishedHash(*store_, coordinator_id));
  if (!published || published->empty()) {
    return CoordinatorStep::kPassphrase;
  }
  RAIDA_ASSIGN_OR_RETURN(LoginRow row, ReadRow(store_->db(), coordinator_id, *published));
  const int64_t now_ms = store_->clock().NowMs();
  if (InPinWindow(row, now_ms) && !Refusal(row, now_ms)) {
    return CoordinatorStep::kPin;
  }
  return CoordinatorStep::kPassphrase;
}

Result<CoordinatorAuthResult> CoordinatorAuth::CheckPassphrase(const std::string& coordinator_id,
                                                               const std::string& passphrase) {
  RAIDA_TRY(RequireSodium());
  RAIDA_ASSIGN_OR_RETURN(auto scope, store_->BeginWrite());
  RAIDA_ASSIGN_OR_RETURN(auto published, PublishedHash(*store_, coordinator_id));
  if (!published || published->empty()) {
    RAIDA_TRY(scope.Commit());
    return CoordinatorAuthResult{};  // kNotSetUp
  }
  RAIDA_ASSIGN_OR_RETURN(LoginRow row, ReadRow(store_->db(), coordinator_id, *published));
  const int64_t now_ms = store_->clock().NowMs();
  if (auto refused = Refusal(row, now_ms)) {
    RAIDA_TRY(scope.Commit());
    return *refused;
  }
  CoordinatorAuthResult result;
  if (Verify(*published, passphrase)) {
    row.failures = 0;
    row.locked_until_ms = 0;
    row.passphrase_at_ms = now_ms;
    row.passphrase_day = LocalDay(now_ms);
    result.outcome = CoordinatorAuthOutcome::kOk;
    result.has_pin = !row.pin_hash.empty();
  } else {
    result = CountWrong(row, now_ms);
  }
  RAIDA_TRY(WriteRow(store_->db(), coordinator_id, row));
  RAIDA_TRY(scope.Commit());
  return result;
}

Result<CoordinatorAuthResult> CoordinatorAuth::CheckPin(const std::string& coordinator_id,
                                                        const std::string& pin) {
  RAIDA_TRY(RequireSodium());
  RAIDA_ASSIGN_OR_RETURN(auto scope, store_->BeginWrite());
  RAIDA_ASSIGN_OR_RETURN(auto published, PublishedHash(*store_, coordinator_id));
  if (!published || published->empty()) {
    RAIDA_TRY(scope.Commit());
    return CoordinatorAuthResult{};  // kNotSetUp
  }
  RAIDA_ASSIGN_OR_RETURN(LoginRow row, ReadRow(store_->db(), coordinator_id, *published));
  const int64_t now_ms = store_->clock().NowMs();
  if (auto refused = Refusal(row, now_ms)) {
    RAIDA_TRY(scope.Commit());
    return *refused;
  }
  if (!InPinWindow(row, now_ms)) {
    RAIDA_TRY(scope.Commit());
    return CoordinatorAuthResult{CoordinatorAuthOutcome::kPassphraseNeeded, 0, 0, false, false};
  }
  bool right = false;
  if (IsCoordinatorPin(pin)) {
    RAIDA_ASSIGN_OR_RETURN(std::string secret, detail::PepperedPin(pin, pepper_));
    right = Verify(row.pin_hash, secret);
    sodium_memzero(secret.data(), secret.size());
  }
  CoordinatorAuthResult result{CoordinatorAuthOutcome::kOk, 0, 0, false, true};
  if (right) {
    row.failures = 0;
    row.locked_until_ms = 0;
  } else {
    result = CountWrong(row, now_ms);
  }
  RAIDA_TRY(WriteRow(store_->db(), coordinator_id, row));
  RAIDA_TRY(scope.Commit());
  return result;
}

Status CoordinatorAuth::SetPin(const std::string& coordinator_id, const std::string& pin) {
  if (!IsCoordinatorPin(pin)) {
    return MakeError(ErrorCode::kInvalidArgument, "a coordinator PIN has 6 digits");
  }
  RAIDA_TRY(RequireSodium());
  RAIDA_ASSIGN_OR_RETURN(std::string secret, detail::PepperedPin(pin, pepper_));
  auto hash = HashSecret(secret, cost_);
  sodium_memzero(secret.data(), secret.size());
  RAIDA_TRY(hash);
  RAIDA_ASSIGN_OR_RETURN(auto scope, store_->BeginWrite());
  RAIDA_ASSIGN_OR_RETURN(auto published, PublishedHash(*store_, coordinator_id));
  if (!published || published->empty()) {
    return MakeError(ErrorCode::kUnauthorized, "no such coordinator account on this kiosk");
  }
  RAIDA_ASSIGN_OR_RETURN(LoginRow row, ReadRow(store_->db(), coordinator_id, *published));
  const int64_t now_ms = store_->clock().NowMs();
  row.pin_hash = *hash;  // InPinWindow needs a PIN: check the window with the new one
  if (Refusal(row, now_ms) || !InPinWindow(row, now_ms)) {
    return MakeError(ErrorCode::kUnauthorized, "a PIN is set only right after the passphrase");
  }
  RAIDA_TRY(WriteRow(store_->db(), coordinator_id, row));
  return scope.Commit();
}

Result<std::string> CoordinatorAuth::HashPassphrase(const std::string& passphrase,
                                                    const PinHashCost& cost) {
  if (CodePoints(passphrase) < kMinPassphraseChars) {
    return MakeError(ErrorCode::kInvalidArgument, "a passphrase has at least 12 characters");
  }
  RAIDA_TRY(RequireSodium());
  return HashSecret(passphrase, cost);
}

}  // namespace raida::core
