// OfficeAccounts; see office_accounts.h. Store access is short and under the caller's store
// mutex; Argon2id hashing happens between those sections, never inside one.
#include "web/office_accounts.h"

#include <sodium.h>

#include <limits>

#include "raida/core/hex.h"

namespace raida::server::web {
namespace {

using core::ErrorCode;
using core::MakeError;

constexpr int64_t kLastSeenRefreshMs = 60 * 1000;  // fewer writes: idle time to the minute
const std::string kChainStart(64, '0');            // prev_hash of the first audit entry

std::string Blake2bHex(std::string_view text) {
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(text.data()),
                     text.size(), nullptr, 0);
  return core::Hex(digest);
}

bool ValidLogin(std::string_view login) {
  if (login.empty() || login.size() > 64) {
    return false;
  }
  for (const char c : login) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!ok) {
      return false;
    }
  }
  return true;
}

size_t CodePoints(std::string_view text) {
  size_t count = 0;
  for (const char c : text) {
    count += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  }
  return count;
}

OfficeUser UserFromColumns(const core::Statement& stmt, int first) {
  OfficeUser user;
  user.id = stmt.ColumnInt(first);
  user.login = stmt.ColumnText(first + 1);
  user.display_name = stmt.ColumnText(first + 2);
  user.role = ParseOfficeRole(stmt.ColumnText(first + 3)).value_or(OfficeRole::kAnalyst);
  user.center_id = stmt.ColumnText(first + 4);
  return user;
}

constexpr const char* kUserColumns = "u.id, u.login, u.display_name, u.role, u.center_id";

// The hash that chains an audit entry to the next one.
std::string EntryHash(const core::Statement& row) {
  std::string text;
  for (int col = 0; col < 7; ++col) {
    text += (col == 0 || col == 1) ? std::to_string(row.ColumnInt(col)) : row.ColumnText(col);
    text.push_back('\x1f');
  }
  return Blake2bHex(text);
}

core::Status CheckNewUser(core::Store& store, const NewOfficeUser& user, size_t min_chars) {
  if (!ValidLogin(user.login)) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "a login is 1 to 64 of the characters a-z, 0-9, '.', '_' and '-'");
  }
  if (user.display_name.empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "the display name is empty");
  }
  if (CodePoints(user.passphrase) < min_chars) {
    return MakeError(ErrorCode::kInvalidArgument, "the passphrase must have at least " +
                                                      std::to_string(min_chars) + " characters");
  }
  if ((user.role == OfficeRole::kCoordinator) == user.center_id.empty()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "a coordinator needs a center, and only a coordinator has one");
  }
  if (user.role == OfficeRole::kCoordinator) {
    RAIDA_ASSIGN_OR_RETURN(core::Statement find,
                           store.db().Prepare("SELECT 1 FROM center WHERE id = ?"));
    RAIDA_ASSIGN_OR_RETURN(const bool found, find.Bind(1, user.center_id).Step());
    find.Reset();
    if (!found) {
      return MakeError(ErrorCode::kNotFound, "unknown center " + user.center_id);
    }
  }
  RAIDA_ASSIGN_OR_RETURN(core::Statement taken,
                         store.db().Prepare("SELECT 1 FROM office_user WHERE login = ?"));
  RAIDA_ASSIGN_OR_RETURN(const bool exists, taken.Bind(1, user.login).Step());
  taken.Reset();
  if (exists) {
    return MakeError(ErrorCode::kConflict, "the login " + user.login + " is taken");
  }
  return core::Ok();
}

}  // namespace

const char* OfficeRoleName(OfficeRole role) {
  switch (role) {
    case OfficeRole::kAdmin:
      return "admin";
    case OfficeRole::kAnalyst:
      return "analyst";
    case OfficeRole::kCoordinator:
      return "coordinator";
  }
  return "analyst";
}

std::optional<OfficeRole> ParseOfficeRole(std::string_view name) {
  for (const OfficeRole role :
       {OfficeRole::kAdmin, OfficeRole::kAnalyst, OfficeRole::kCoordinator}) {
    if (name == OfficeRoleName(role)) {
      return role;
    }
  }
  return std::nullopt;
}

std::string OfficeActor(const OfficeUser& user) { return "office_user:" + std::to_string(user.id); }

OfficeAccounts::OfficeAccounts(core::Store& store, std::mutex& store_mutex,
                               const core::Clock& clock, OfficePolicy policy)
    : store_(store), store_mutex_(store_mutex), clock_(clock), policy_(policy) {
  RAIDA_CHECK(sodium_init() >= 0);
}

core::Result<OfficeUser> OfficeAccounts::AddUser(const NewOfficeUser& user) {
  {
    std::lock_guard<std::mutex> lock(store_mutex_);
    RAIDA_TRY(CheckNewUser(store_, user, policy_.min_passphrase_chars));
  }
  char hash[crypto_pwhash_STRBYTES];
  {
    std::lock_guard<std::mutex> lock(hash_mutex_);
    if (crypto_pwhash_str(hash, user.passphrase.data(), user.passphrase.size(),
                          policy_.hash_opslimit, policy_.hash_memlimit) != 0) {
      return MakeError(ErrorCode::kInternal, "not enough memory to hash the passphrase");
    }
  }
  std::lock_guard<std::mutex> lock(store_mutex_);
  RAIDA_ASSIGN_OR_RETURN(auto scope, store_.BeginWrite());
  RAIDA_ASSIGN_OR_RETURN(
      core::Statement insert,
      store_.db().Prepare("INSERT INTO office_user(login, display_name, role, center_id, "
                          "passphrase_hash, created_ms) VALUES (?, ?, ?, ?, ?, ?)"));
  insert.Bind(1, user.login).Bind(2, user.display_name).Bind(3, OfficeRoleName(user.role));
  if (user.center_id.empty()) {
    insert.BindNull(4);
  } else {
    insert.Bind(4, user.center_id);
  }
  RAIDA_TRY(insert.Bind(5, std::string_view(hash)).Bind(6, clock_.NowMs()).Run());
  const int64_t id = store_.db().LastInsertRowId();
  RAIDA_TRY(scope.Commit());
  return OfficeUser{id, user.login, user.display_name, user.role, user.center_id};
}

bool OfficeAccounts::VerifyPassphrase(const std::string& hash, std::string_view passphrase) {
  std::lock_guard<std::mutex> lock(hash_mutex_);
  return crypto_pwhash_str_verify(hash.c_str(), passphrase.data(), passphrase.size()) == 0;
}

const std::string& OfficeAccounts::DummyHash() {
  std::lock_guard<std::mutex> lock(hash_mutex_);
  if (dummy_hash_.empty()) {
    char hash[crypto_pwhash_STRBYTES];
    const std::string random = core::RandomHex(16);
    if (crypto_pwhash_str(hash, random.data(), random.size(), policy_.hash_opslimit,
                          policy_.hash_memlimit) == 0) {
      dummy_hash_ = hash;
    }
  }
  return dummy_hash_;
}

core::Result<SignInResult> OfficeAccounts::SignIn(std::string_view login,
                                                  std::string_view passphrase) {
  SignInResult result;
  std::string hash;
  {
    std::lock_guard<std::mutex> lock(store_mutex_);
    RAIDA_ASSIGN_OR_RETURN(core::Statement find,
                           store_.db().Prepare("SELECT id, passphrase_hash, locked_until_ms FROM "
                                               "office_user WHERE login = ? AND active = 1"));
    RAIDA_ASSIGN_OR_RETURN(const bool found, find.Bind(1, login).Step());
    if (found) {
      result.user_id = find.ColumnInt(0);
      hash = find.ColumnText(1);
      if (find.ColumnInt(2) > clock_.NowMs()) {
        find.Reset();
        result.outcome = SignInOutcome::kLocked;
        return result;
      }
    }
    find.Reset();
  }
  if (result.user_id == 0) {
    const std::string dummy = DummyHash();
    (void)VerifyPassphrase(dummy, passphrase);
    return result;
  }
  const bool right = VerifyPassphrase(hash, passphrase);
  std::lock_guard<std::mutex> lock(store_mutex_);
  const int64_t now = clock_.NowMs();
  RAIDA_ASSIGN_OR_RETURN(auto scope, store_.BeginWrite());
  if (!right) {
    RAIDA_ASSIGN_OR_RETURN(const int64_t failures, CountFailure(result.user_id, now));
    RAIDA_TRY(scope.Commit());
    result.outcome =
        failures >= policy_.max_failures ? SignInOutcome::kLocked : SignInOutcome::kWrong;
    return result;
  }
  // A parallel wrong attempt may have locked the account while this one was hashing.
  RAIDA_ASSIGN_OR_RETURN(core::Statement reset,
                         store_.db().Prepare("UPDATE office_user SET failed_count = 0, "
                                             "locked_until_ms = 0 WHERE id = ? AND "
                                             "locked_until_ms <= ?"));
  RAIDA_TRY(reset.Bind(1, result.user_id).Bind(2, now).Run());
  if (store_.db().Changes() == 0) {
    result.outcome = SignInOutcome::kLocked;
    return result;
  }
  RAIDA_ASSIGN_OR_RETURN(OfficeSession session, OpenSession(result.user_id, now));
  RAIDA_TRY(scope.Commit());
  result.outcome = SignInOutcome::kSignedIn;
  result.session = std::move(session);
  return result;
}

core::Result<int64_t> OfficeAccounts::CountFailure(int64_t user_id, int64_t now) {
  RAIDA_ASSIGN_OR_RETURN(
      core::Statement fail,
      store_.db().Prepare("UPDATE office_user SET failed_count = failed_count + 1, "
                          "locked_until_ms = CASE WHEN failed_count + 1 >= ?1 THEN ?2 ELSE "
                          "locked_until_ms END WHERE id = ?3 RETURNING failed_count"));
  fail.Bind(1, policy_.max_failures).Bind(2, now + policy_.lock_ms).Bind(3, user_id);
  RAIDA_ASSIGN_OR_RETURN(const bool row, fail.Step());
  const int64_t failures = row ? fail.ColumnInt(0) : 0;
  RAIDA_TRY(fail.Run());  // finish the statement so the UPDATE is complete
  return failures;
}

core::Result<OfficeSession> OfficeAccounts::OpenSession(int64_t user_id, int64_t now) {
  OfficeSession session;
  session.token = core::RandomHex(32);
  session.csrf_token = core::RandomHex(32);
  RAIDA_ASSIGN_OR_RETURN(core::Statement prune,
                         store_.db().Prepare("DELETE FROM office_session WHERE last_seen_ms < ? "
                                             "OR created_ms < ?"));
  RAIDA_TRY(prune.Bind(1, now - policy_.idle_ms).Bind(2, now - policy_.absolute_ms).Run());
  RAIDA_ASSIGN_OR_RETURN(core::Statement insert,
                         store_.db().Prepare("INSERT INTO office_session(token_hash, user_id, "
                                             "csrf_token, created_ms, last_seen_ms) VALUES (?, ?, "
                                             "?, ?, ?)"));
  insert.Bind(1, Blake2bHex(session.token)).Bind(2, user_id).Bind(3, session.csrf_token);
  RAIDA_TRY(insert.Bind(4, now).Bind(5, now).Run());
  RAIDA_ASSIGN_OR_RETURN(core::Statement user,
                         store_.db().Prepare(std::string("SELECT ") + kUserColumns +
                                             " FROM office_user u WHERE u.id = ?"));
  RAIDA_ASSIGN_OR_RETURN(const bool found, user.Bind(1, user_id).Step());
  RAIDA_CHECK(found);
  session.user = UserFromColumns(user, 0);
  user.Reset();
  return session;
}

core::Result<std::optional<OfficeSession>> OfficeAccounts::FindSession(std::string_view token) {
  if (token.size() != 64) {
    return std::optional<OfficeSession>();
  }
  const std::string token_hash = Blake2bHex(token);
  std::lock_guard<std::mutex> lock(store_mutex_);
  const int64_t now = clock_.NowMs();
  RAIDA_ASSIGN_OR_RETURN(
      core::Statement find,
      store_.db().Prepare(std::string("SELECT s.csrf_token, s.created_ms, s.last_seen_ms, "
                                      "u.active, ") +
                          kUserColumns +
                          " FROM office_session s JOIN office_user u ON u.id = s.user_id WHERE "
                          "s.token_hash = ?"));
  RAIDA_ASSIGN_OR_RETURN(const bool found, find.Bind(1, token_hash).Step());
  if (!found) {
    return std::optional<OfficeSession>();
  }
  OfficeSession session{"", find.ColumnText(0), UserFromColumns(find, 4)};
  const int64_t created = find.ColumnInt(1);
  const int64_t last_seen = find.ColumnInt(2);
  const bool active = find.ColumnInt(3) == 1;
  find.Reset();
  const bool expired =
      !active || now - last_seen > policy_.idle_ms || now - created > policy_.absolute_ms;
  if (!expired && now - last_seen < kLastSeenRefreshMs) {
    return std::optional<OfficeSession>(std::move(session));
  }
  RAIDA_ASSIGN_OR_RETURN(auto scope, store_.BeginWrite());
  RAIDA_ASSIGN_OR_RETURN(
      core::Statement update,
      store_.db().Prepare(expired ? "DELETE FROM office_session WHERE token_hash = ?1"
                                  : "UPDATE office_session SET last_seen_ms = ?2 WHERE "
                                    "token_hash = ?1"));
  update.Bind(1, token_hash);
  if (!expired) {
    update.Bind(2, now);
  }
  RAIDA_TRY(update.Run());
  RAIDA_TRY(scope.Commit());
  return expired ? std::optional<OfficeSession>() : std::optional<OfficeSession>(session);
}

core::Status OfficeAccounts::SignOut(std::string_view token) {
  const std::string token_hash = Blake2bHex(token);
  std::lock_guard<std::mutex> lock(store_mutex_);
  RAIDA_ASSIGN_OR_RETURN(auto scope, store_.BeginWrite());
  RAIDA_ASSIGN_OR_RETURN(core::Statement remove,
                         store_.db().Prepare("DELETE FROM office_session WHERE token_hash = ?"));
  RAIDA_TRY(remove.Bind(1, token_hash).Run());
  return scope.Commit();
}

core::Status OfficeAccounts::Audit(std::string_view actor, std::string_view action,
                                   std::string_view object, std::string_view result) {
  std::lock_guard<std::mutex> lock(store_mutex_);
  RAIDA_ASSIGN_OR_RETURN(auto scope, store_.BeginWrite());
  RAIDA_ASSIGN_OR_RETURN(core::Statement last,
                         store_.db().Prepare("SELECT seq, at_ms, actor, action, object, result, "
                                             "prev_hash FROM office_audit ORDER BY seq DESC "
                                             "LIMIT 1"));
  RAIDA_ASSIGN_OR_RETURN(const bool any, last.Step());
  const std::string prev_hash = any ? EntryHash(last) : kChainStart;
  last.Reset();
  RAIDA_ASSIGN_OR_RETURN(core::Statement insert,
                         store_.db().Prepare("INSERT INTO office_audit(at_ms, actor, action, "
                                             "object, result, prev_hash) VALUES (?, ?, ?, ?, ?, "
                                             "?)"));
  insert.Bind(1, clock_.NowMs()).Bind(2, actor).Bind(3, action).Bind(4, object);
  RAIDA_TRY(insert.Bind(5, result).Bind(6, prev_hash).Run());
  return scope.Commit();
}

core::Result<std::optional<int64_t>> OfficeAccounts::VerifyAuditChain() {
  std::lock_guard<std::mutex> lock(store_mutex_);
  RAIDA_ASSIGN_OR_RETURN(core::Statement rows,
                         store_.db().Prepare("SELECT seq, at_ms, actor, action, object, result, "
                                             "prev_hash FROM office_audit ORDER BY seq"));
  std::string expected = kChainStart;
  int64_t expected_seq = std::numeric_limits<int64_t>::min();
  while (true) {
    RAIDA_ASSIGN_OR_RETURN(const bool row, rows.Step());
    if (!row) {
      return std::optional<int64_t>();
    }
    const int64_t seq = rows.ColumnInt(0);
    const bool gap = expected_seq != std::numeric_limits<int64_t>::min() && seq != expected_seq;
    if (gap || rows.ColumnText(6) != expected) {
      rows.Reset();
      return std::optional<int64_t>(seq);
    }
    expected = EntryHash(rows);
    expected_seq = seq + 1;
  }
}

}  // namespace raida::server::web
