// OfficeAccounts: the district office's web accounts, sign-in with lockout, sessions and the
// office audit trail (tables of schema 5, shared/src/schema_v5.cpp).
//
// Roles: an administrator sees and does everything; an analyst sees aggregated figures only
// (never a page with a person's name); a coordinator sees their own center only.
//
// Passphrases are stored as crypto_pwhash_str strings (Argon2id; MODERATE limits in production,
// t=3 and 256 MiB). Hashing runs outside the store mutex, so sync is never held up by a sign-in,
// and one at a time, so parallel sign-ins cannot exhaust the server's memory. A login that does
// not exist costs the same hash as one that does, so timing does not tell which logins exist.
//
// Lockout: after `max_failures` consecutive wrong passphrases the account is locked for
// `lock_ms`; while locked every attempt is refused, even with the right passphrase, without
// hashing. Every further wrong passphrase after the lock ends locks it again. A right
// passphrase (when not locked) resets the count.
//
// Sessions: a random 256-bit token goes into the cookie and only its BLAKE2b hash into the
// database. A session ends after `idle_ms` without a request, `absolute_ms` after sign-in, on
// sign-out, or when its user is deactivated. Each session has its own CSRF token for forms.
//
// Thread safety: every method may be called from any thread; store access takes the mutex the
// caller passes (the server's store mutex).
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "raida/core/clock.h"
#include "raida/core/result.h"
#include "raida/core/store.h"

namespace raida::server::web {

enum class OfficeRole { kAdmin, kAnalyst, kCoordinator };

// "admin", "analyst", "coordinator".
const char* OfficeRoleName(OfficeRole role);
std::optional<OfficeRole> ParseOfficeRole(std::string_view name);

struct OfficeUser {
  int64_t id = 0;
  std::string login;
  std::string display_name;
  OfficeRole role = OfficeRole::kAnalyst;
  std::string center_id;  // coordinators only; "" otherwise
};

struct NewOfficeUser {
  std::string login;  // 1-64 of [a-z0-9._-]
  std::string display_name;
  OfficeRole role = OfficeRole::kAnalyst;
  std::string center_id;   // required for a coordinator, refused for the other roles
  std::string passphrase;  // at least OfficePolicy::min_passphrase_chars characters
};

struct OfficePolicy {
  int max_failures = 5;                    // consecutive wrong passphrases before a lock
  int64_t lock_ms = 15 * 60 * 1000;        // how long a lock lasts
  int64_t idle_ms = 30 * 60 * 1000;        // a session ends after this long without a request
  int64_t absolute_ms = 12 * 3600 * 1000;  // and this long after sign-in, whatever happens
  size_t min_passphrase_chars = 12;        // counted in UTF-8 code points
  // Argon2id cost of new hashes (crypto_pwhash_*_MODERATE by default; tests use INTERACTIVE).
  unsigned long long hash_opslimit = 3;
  size_t hash_memlimit = 256 * 1024 * 1024;
};

// A signed-in browser.
struct OfficeSession {
  std::string token;  // the cookie value; set only by SignIn (the database keeps its hash)
  std::string csrf_token;
  OfficeUser user;
};

enum class SignInOutcome { kSignedIn, kWrong, kLocked };

struct SignInResult {
  SignInOutcome outcome = SignInOutcome::kWrong;
  std::optional<OfficeSession> session;  // set for kSignedIn
  int64_t user_id = 0;                   // the account tried (0: no such login), for the audit
};

class OfficeAccounts {
 public:
  // `store`, `store_mutex` and `clock` must outlive this object.
  OfficeAccounts(core::Store& store, std::mutex& store_mutex, const core::Clock& clock,
                 OfficePolicy policy = {});

  // Creates an account. kInvalidArgument for a malformed login, an empty display name, a short
  // passphrase or a center given to the wrong role; kNotFound for an unknown center; kConflict
  // when the login is taken.
  core::Result<OfficeUser> AddUser(const NewOfficeUser& user);

  // Checks a passphrase under the lockout rule above and opens a session on success. Errors
  // only for storage failures.
  core::Result<SignInResult> SignIn(std::string_view login, std::string_view passphrase);

  // The live session of a cookie token, its idle time refreshed; nullopt for an unknown,
  // expired or deactivated one (an expired one is deleted).
  core::Result<std::optional<OfficeSession>> FindSession(std::string_view token);

  // Ends the session of a cookie token (nothing happens for an unknown one).
  core::Status SignOut(std::string_view token);

  // Appends an office audit entry: `actor` ("office_user:3", "anonymous"), `action`
  // ("office.sign_in"), `object` (ids only, never personal values) and `result` ("ok",
  // "refused", ...), chained to the previous entry.
  core::Status Audit(std::string_view actor, std::string_view action, std::string_view object,
                     std::string_view result);
  // Checks the chain of the office audit: the seq of the first entry whose prev_hash does not
  // match the entry before it, or nullopt when the whole chain holds.
  core::Result<std::optional<int64_t>> VerifyAuditChain();

  const OfficePolicy& policy() const { return policy_; }

 private:
  bool VerifyPassphrase(const std::string& hash, std::string_view passphrase);
  // Inside a write transaction under the store mutex: one more wrong passphrase (locking the
  // account at max_failures) and the count now; a new session for `user_id`.
  core::Result<int64_t> CountFailure(int64_t user_id, int64_t now);
  core::Result<OfficeSession> OpenSession(int64_t user_id, int64_t now);
  const std::string& DummyHash();

  core::Store& store_;
  std::mutex& store_mutex_;
  const core::Clock& clock_;
  OfficePolicy policy_;
  std::mutex hash_mutex_;   // one Argon2id computation at a time; guards dummy_hash_
  std::string dummy_hash_;  // verified for unknown logins, so they cost as much as known ones
};

// The actor name of an office user in the audit ("office_user:3").
std::string OfficeActor(const OfficeUser& user);

}  // namespace raida::server::web
