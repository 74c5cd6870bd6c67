// PersonRepository: residents and their consent records. Nothing here logs or puts a field
// value into an error message: ids and field names only.
#include "raida/core/person_repository.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <chrono>

#include "repository_util.h"

namespace raida::core {
namespace {

using detail::CollectRows;
using detail::FirstRow;

constexpr const char* kPersonColumns =
    "id, home_center_id, given_name, family_name, birth_year, phone, email, village, language, "
    "needs, card_code, merged_into, erased, gender, employment_status";
constexpr const char* kConsentColumns =
    "id, person_id, purpose, granted, text_version, language, method, recorded_by, "
    "recorded_at_ms";
constexpr int kFirstBirthYear = 1900;

int YearOf(int64_t unix_ms) {
  using namespace std::chrono;
  const sys_days day = floor<days>(sys_time<milliseconds>(milliseconds(unix_ms)));
  return static_cast<int>(year_month_day(day).year());
}

Status RequireLanguage(const std::string& language) {
  if (language != "lt" && language != "pl" && language != "en") {
    return MakeError(ErrorCode::kInvalidArgument, "language must be one of lt, pl, en");
  }
  return Ok();
}

Status RequireNeeds(const std::vector<std::string>& needs) {
  for (const std::string& need : needs) {
    RAIDA_TRY(detail::RequireText(need, "a need"));
  }
  return Ok();
}

// "" (not recorded) or one of `allowed`.
template <size_t N>
Status RequireChoice(const std::string& value, const char* const (&allowed)[N], const char* what) {
  if (value.empty() ||
      std::find(std::begin(allowed), std::end(allowed), value) != std::end(allowed)) {
    return Ok();
  }
  return MakeError(ErrorCode::kInvalidArgument, std::string(what) + " is not a known value");
}

Status ValidateProfile(const Person& person, int64_t now_ms) {
  RAIDA_TRY(detail::RequireText(person.given_name, "given name"));
  RAIDA_TRY(detail::RequireText(person.family_name, "family name"));
  RAIDA_TRY(detail::RequireText(person.home_center_id, "home center"));
  if (person.birth_year &&
      (*person.birth_year < kFirstBirthYear || *person.birth_year > YearOf(now_ms))) {
    return MakeError(ErrorCode::kInvalidArgument, "birth year is impossible");
  }
  RAIDA_TRY(RequireLanguage(person.language));
  RAIDA_TRY(RequireChoice(person.gender, kGenders, "gender"));
  RAIDA_TRY(RequireChoice(person.employment_status, kEmploymentStatuses, "employment status"));
  return RequireNeeds(person.needs);
}

Result<Person> ReadPerson(Statement& s) {
  Person p;
  p.id = s.ColumnText(0);
  p.home_center_id = s.ColumnText(1);
  p.given_name = s.ColumnText(2);
  p.family_name = s.ColumnText(3);
  if (auto year = s.ColumnOptionalInt(4)) {
    p.birth_year = static_cast<int>(*year);
  }
  p.phone = s.ColumnText(5);
  p.email = s.ColumnText(6);
  p.village = s.ColumnText(7);
  p.language = s.ColumnText(8);
  RAIDA_ASSIGN_OR_RETURN(p.needs, detail::DecodeStringList(s.ColumnText(9), "person.needs"));
  p.card_code = s.ColumnText(10);
  p.merged_into = s.ColumnOptionalText(11);
  p.erased = s.ColumnInt(12) != 0;
  p.gender = s.ColumnText(13);
  p.employment_status = s.ColumnText(14);
  return p;
}

Result<Consent> ReadConsent(Statement& s) {
  Consent c;
  c.id = s.ColumnText(0);
  c.person_id = s.ColumnText(1);
  c.purpose = s.ColumnText(2);
  c.granted = s.ColumnInt(3) != 0;
  c.text_version = s.ColumnText(4);
  c.language = s.ColumnText(5);
  auto method = ParseConsentMethod(s.ColumnText(6));
  if (!method) {
    return MakeError(ErrorCode::kCorrupt, "consent " + c.id + " has an unknown method");
  }
  c.method = *method;
  c.recorded_by = s.ColumnText(7);
  c.recorded_at_ms = s.ColumnInt(8);
  return c;
}

// Binds the profile columns home_center_id .. card_code, gender, employment_status to parameters
// first .. first + 11.
Status BindProfile(Statement& stmt, int first, const Person& p) {
  RAIDA_ASSIGN_OR_RETURN(std::string needs, detail::EncodeStringList(p.needs));
  stmt.Bind(first, p.home_center_id).Bind(first + 1, p.given_name).Bind(first + 2, p.family_name);
  stmt.Bind(first + 3, p.birth_year).Bind(first + 4, p.phone).Bind(first + 5, p.email);
  stmt.Bind(first + 6, p.village).Bind(first + 7, p.language).Bind(first + 8, needs);
  if (p.card_code.empty()) {
    stmt.BindNull(first + 9);
  } else {
    stmt.Bind(first + 9, p.card_code);
  }
  stmt.Bind(first + 10, p.gender).Bind(first + 11, p.employment_status);
  return Ok();
}

bool SameProfile(const Person& a, const Person& b) {
  return a.home_center_id == b.home_center_id && a.given_name == b.given_name &&
         a.family_name == b.family_name && a.birth_year == b.birth_year && a.phone == b.phone &&
         a.email == b.email && a.village == b.village && a.language == b.language &&
         a.needs == b.needs && a.card_code == b.card_code && a.gender == b.gender &&
         a.employment_status == b.employment_status;
}

}  // namespace

Result<Person> PersonRepository::Register(Person person, const std::vector<uint8_t>& notes_key) {
  RAIDA_TRY(ValidateProfile(person, store_->clock().NowMs()));
  RAIDA_ASSIGN_OR_RETURN(auto scope, store_->BeginWrite());
  RAIDA_TRY(detail::RequireRow(store_->db(), "center", person.home_center_id, "center"));
  if (person.id.empty()) {
    RAIDA_ASSIGN_OR_RETURN(person.id, store_->NewRowId());
  }
  RAIDA_ASSIGN_OR_RETURN(
      Statement stmt,
      store_->db().Prepare(
          "INSERT INTO person(id, home_center_id, given_name, family_name, birth_year, phone, "
          "email,"
          " village, language, needs, card_code, gender, employment_status, notes_key, hlc,"
          " origin) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
          " sync_hlc(), sync_origin())"));
  stmt.Bind(1, person.id);
  RAIDA_TRY(BindProfile(stmt, 2, person));
  detail::BindValue(stmt, 14, notes_key);
  RAIDA_TRY(stmt.Run());
  RAIDA_TRY(scope.Commit());
  person.merged_into.reset();
  person.erased = false;
  return person;
}

Status PersonRepository::Update(const Person& person) {
  RAIDA_TRY(ValidateProfile(person, store_->clock().NowMs()));
  RAIDA_ASSIGN_OR_RETURN(auto scope, store_->BeginWrite());
  RAIDA_ASSIGN_OR_RETURN(std::optional<Person> current, Get(person.id));
  if (!current) {
    return MakeError(ErrorCode::kNotFound, "person " + person.id + " does not exist");
  }
  if (current->erased) {
    return MakeError(ErrorCode::kConflict, "person " + person.id + " has been erased");
  }
  if (SameProfile(*current, person)) {
    return scope.Commit();  // nothing changed: no new stamp, nothing to send
  }
  if (current->home_center_id != person.home_center_id) {
    RAIDA_TRY(detail::RequireRow(store_->db(), "center", person.home_center_id, "center"));
  }
  RAIDA_ASSIGN_OR_RETURN(
      Statement stmt,
      store_->db().Prepare(
          "UPDATE person SET home_center_id = ?2, given_name = ?3, family_name = ?4,"
          " birth_year = ?5, phone = ?6, email = ?7, village = ?8, language = ?9, needs = ?10,"
          " card_code = ?11, gender = ?12, employment_status = ?13, hlc = sync_hlc(),"
          " origin = sync_origin() WHERE id = ?1"));
  stmt.Bind(1, person.id);
  RAIDA_TRY(BindProfile(stmt, 2, person));
  RAIDA_TRY(stmt.Run());
  return scope.Commit();
}

Result<std::vector<uint8_t>> PersonRepository::NotesKey(const std::string& person_id) {
  RAIDA_ASSIGN_OR_RETURN(
      Statement stmt,
      store_->db().Prepare("SELECT notes_key FROM person WHERE id = ? AND deleted = 0"));
  stmt.Bind(1, person_id);
  RAIDA_ASSIGN_OR_RETURN(const bool found, stmt.Step());
  if (!found) {
    return MakeError(ErrorCode::kNotFound, "person " + person_id + " does not exist");
  }
  return stmt.ColumnIsNull(0) ? std::vector<uint8_t>() : stmt.ColumnBlob(0);
}

Status PersonRepository::SetNotesKey(const std::string& person_id,
                                     const std::vector<uint8_t>& notes_key) {
  RAIDA_ASSIGN_OR_RETURN(auto scope, store_->BeginWrite());
  RAIDA_ASSIGN_OR_RETURN(const std::vector<uint8_t> current, NotesKey(person_id));
  if (current == notes_key) {
    return scope.Commit();
  }
  if (!current.empty()) {
    return MakeError(ErrorCode::kConflict, "person " + person_id + " already has a notes key");
  }
  RAIDA_TRY(detail::SetColumn(*store_, "person", "notes_key", person_id, notes_key, "person"));
  return scope.Commit();
}

Result<std::optional<Person>> PersonRepository::Get(const std::string& id) {
  RAIDA_ASSIGN_OR_RETURN(Statement stmt,
                         store_->db().Prepare(std::string("SELECT ") + kPersonColumns +
                                              " FROM person WHERE id = ? AND deleted = 0"));
  stmt.Bind(1, id);
  return FirstRow<Person>(stmt, ReadPerson);
}

Result<std::optional<Person>> PersonRepository::FindByCardCode(const std::string& card_code) {
  if (card_code.empty()) {
    return std::optional<Person>();
  }
  RAIDA_ASSIGN_OR_RETURN(
      Statement stmt,
      store_->db().Prepare(std::string("SELECT ") + kPersonColumns +
                           " FROM person WHERE card_code = ? AND deleted = 0 AND erased = 0"));
  stmt.Bind(1, card_code);
  return FirstRow<Person>(stmt, ReadPerson);
}

Result<std::vector<Person>> PersonRepository::ListByCenter(const std::string& center_id) {
  RAIDA_ASSIGN_OR_RETURN(
      Statement stmt,
      store_->db().Prepare(std::string("SELECT ") + kPersonColumns +
                           " FROM person WHERE home_center_id = ? AND deleted = 0 AND erased = 0"
                           " ORDER BY family_name, given_name, id"));
  stmt.Bind(1, center_id);
  return CollectRows<Person>(stmt, ReadPerson);
}

Result<Consent> PersonRepository::RecordConsent(Consent consent) {
  RAIDA_TRY(detail::RequireText(consent.purpose, "consent purpose"));
  RAIDA_TRY(detail::RequireText(consent.text_version, "consent text version"));
  RAIDA_TRY(RequireLanguage(consent.language));
  if (consent.recorded_at_ms == 0) {
    consent.recorded_at_ms = store_->clock().NowMs();
  }
  RAIDA_ASSIGN_OR_RETURN(auto scope, store_->BeginWrite());
  RAIDA_TRY(detail::RequireRow(store_->db(), "person", consent.person_id, "person"));
  if (consent.id.empty()) {
    RAIDA_ASSIGN_OR_RETURN(consent.id, store_->NewRowId());
  }
  RAIDA_ASSIGN_OR_RETURN(
      Statement stmt,
      store_->db().Prepare(
          "INSERT INTO consent(id, person_id, purpose, granted, text_version, language, method,"
          " recorded_by, recorded_at_ms, hlc, origin)"
          " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, sync_hlc(), sync_origin())"));
  stmt.Bind(1, consent.id).Bind(2, consent.person_id).Bind(3, consent.purpose);
  stmt.Bind(4, consent.granted ? 1 : 0).Bind(5, consent.text_version).Bind(6, consent.language);
  stmt.Bind(7, ConsentMethodName(consent.method)).Bind(8, consent.recorded_by);
  RAIDA_TRY(stmt.Bind(9, consent.recorded_at_ms).Run());
  RAIDA_TRY(scope.Commit());
  return consent;
}

Result<std::vector<Consent>> PersonRepository::ListConsents(const std::string& person_id) {
  RAIDA_ASSIGN_OR_RETURN(Statement stmt,
                         store_->db().Prepare(std::string("SELECT ") + kConsentColumns +
                                              " FROM consent WHERE person_id = ? AND deleted = 0"
                                              " ORDER BY recorded_at_ms, hlc"));
  stmt.Bind(1, person_id);
  return CollectRows<Consent>(stmt, ReadConsent);
}

Status PersonRepository::UpsertFromRemote(const Person& person) {
  RAIDA_TRY(detail::RequireApplying(*store_, "PersonRepository::UpsertFromRemote"));
  RAIDA_TRY(detail::RequireText(person.id, "person id"));
  RAIDA_TRY(RequireLanguage(person.language));
  RAIDA_ASSIGN_OR_RETURN(auto scope, store_->BeginWrite());
  RAIDA_ASSIGN_OR_RETURN(
      Statement stmt, store_->db().Prepare(detail::PublishedUpsertSql(
                          "person", {"home_center_id", "given_name", "family_name", "birth_year",
                                     "phone", "email", "village", "language", "needs", "card_code",
                                     "gender", "employment_status", "merged_into", "erased"})));
  stmt.Bind(1, person.id);
  RAIDA_TRY(BindProfile(stmt, 2, person));
  RAIDA_TRY(stmt.Bind(14, person.merged_into).Bind(15, person.erased ? 1 : 0).Run());
  return scope.Commit();
}

}  // namespace raida::core

// [SECTION] PINs
//
// The PIN never reaches the database or the log: only crypto_pwhash_str's Argon2id string of
// BLAKE2b(pepper, PIN) does, and the wrong-guess count beside it.

namespace raida::core {
namespace {

constexpr size_t kMinPinDigits = 4;
constexpr size_t kMaxPinDigits = 8;

bool IsPin(const std::string& pin) {
  return pin.size() >= kMinPinDigits && pin.size() <= kMaxPinDigits &&
         std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; });
}

Status RequireSodium() {
  if (sodium_init() < 0) {
    return MakeError(ErrorCode::kInternal, "libsodium could not be initialised");
  }
  return Ok();
}

struct StoredPin {
  std::string hash;
  int failures = 0;
  int64_t locked_until_ms = 0;
};

Result<std::optional<StoredPin>> ReadPin(Database& db, const std::string& person_id) {
  RAIDA_ASSIGN_OR_RETURN(
      Statement stmt,
      db.Prepare("SELECT pin_hash, failures, locked_until_ms FROM person_pin WHERE person_id = ?"));
  stmt.Bind(1, person_id);
  RAIDA_ASSIGN_OR_RETURN(const bool row, stmt.Step());
  if (!row) {
    return std::optional<StoredPin>();
  }
  return std::optional<StoredPin>(
      StoredPin{stmt.ColumnText(0), static_cast<int>(stmt.ColumnInt(1)), stmt.ColumnInt(2)});
}

Status WriteFailures(Database& db, const std::string& person_id, int failures,
                     int64_t locked_until_ms) {
  RAIDA_ASSIGN_OR_RETURN(
      Statement stmt,
      db.Prepare("UPDATE person_pin SET failures = ?, locked_until_ms = ? WHERE person_id = ?"));
  return stmt.Bind(1, static_cast<int64_t>(failures))
      .Bind(2, locked_until_ms)
      .Bind(3, person_id)
      .Run();
}

// The outcome of a wrong guess that brings the count to `failures`.
PinCheck WrongGuess(int failures, int64_t now_ms) {
  PinCheck check;
  if (failures >= kPinResetAfter) {
    check.outcome = PinOutcome::kCoordinatorReset;
  } else if (failures % kPinLockAfter == 0) {
    check.outcome = PinOutcome::kLocked;
    check.locked_until_ms = now_ms + kPinLockMs;
  } else {
    check.outcome = PinOutcome::kWrong;
    check.tries_left = kPinLockAfter - failures % kPinLockAfter;
  }
  return check;
}

}  // namespace

PinHashCost PinHashCost::Moderate() {
  return {crypto_pwhash_argon2id_OPSLIMIT_MODERATE, crypto_pwhash_argon2id_MEMLIMIT_MODERATE};
}

PinHashCost PinHashCost::Cheapest() {
  return {crypto_pwhash_argon2id_OPSLIMIT_MIN, crypto_pwhash_argon2id_MEMLIMIT_MIN};
}

Status PersonRepository::SetPin(const std::string& person_id, const std::string& pin,
                                const std::string& pepper, const PinHashCost& cost) {
  if (!IsPin(pin)) {
    return MakeError(ErrorCode::kInvalidArgument, "a PIN has 4 to 8 digits");
  }
  RAIDA_TRY(RequireSodium());
  RAIDA_ASSIGN_OR_RETURN(std::string secret, detail::PepperedPin(pin, pepper));
  std::array<char, crypto_pwhash_STRBYTES> hash{};
  const int hashed = crypto_pwhash_str_alg(hash.data(), secret.data(), secret.size(), cost.ops,
                                           cost.mem_bytes, crypto_pwhash_ALG_ARGON2ID13);
  sodium_memzero(secret.data(), secret.size());
  if (hashed != 0) {
    return MakeError(ErrorCode::kInternal, "the PIN could not be hashed (out of memory)");
  }
  RAIDA_ASSIGN_OR_RETURN(auto scope, store_->BeginWrite());
  RAIDA_ASSIGN_OR_RETURN(std::optional<Person> person, Get(person_id));
  if (!person || person->erased) {
    return MakeError(ErrorCode::kNotFound, "person " + person_id + " does not exist");
  }
  RAIDA_ASSIGN_OR_RETURN(
      Statement stmt,
      store_->db().Prepare("INSERT OR REPLACE INTO person_pin(person_id, pin_hash, failures,"
                           " locked_until_ms) VALUES (?, ?, 0, 0)"));
  RAIDA_TRY(stmt.Bind(1, person_id).Bind(2, std::string(hash.data())).Run());
  return scope.Commit();
}

Status PersonRepository::ClearPin(const std::string& person_id) {
  RAIDA_ASSIGN_OR_RETURN(auto scope, store_->BeginWrite());
  RAIDA_ASSIGN_OR_RETURN(Statement stmt,
                         store_->db().Prepare("DELETE FROM person_pin WHERE person_id = ?"));
  RAIDA_TRY(stmt.Bind(1, person_id).Run());
  return scope.Commit();
}

Result<bool> PersonRepository::HasPin(const std::string& person_id) {
  RAIDA_ASSIGN_OR_RETURN(auto pin, ReadPin(store_->db(), person_id));
  return pin.has_value();
}

Result<PinCheck> PersonRepository::CheckPin(const std::string& person_id, const std::string& pin,
                                            const std::string& pepper) {
  RAIDA_TRY(RequireSodium());
  RAIDA_ASSIGN_OR_RETURN(auto scope, store_->BeginWrite());
  RAIDA_ASSIGN_OR_RETURN(auto stored, ReadPin(store_->db(), person_id));
  if (!stored) {
    RAIDA_TRY(scope.Commit());
    return PinCheck{};
  }
  const int failures = stored->failures;
  const int64_t now_ms = store_->clock().NowMs();
  PinCheck refused;
  if (failures >= kPinResetAfter) {
    refused.outcome = PinOutcome::kCoordinatorReset;
  } else if (stored->locked_until_ms > now_ms) {
    refused.outcome = PinOutcome::kLocked;
    refused.locked_until_ms = stored->locked_until_ms;
  }
  if (refused.outcome != PinOutcome::kNoPin) {
    RAIDA_TRY(scope.Commit());
    return refused;
  }
  bool right = false;
  if (IsPin(pin)) {
    RAIDA_ASSIGN_OR_RETURN(std::string secret, detail::PepperedPin(pin, pepper));
    right = crypto_pwhash_str_verify(stored->hash.c_str(), secret.data(), secret.size()) == 0;
    sodium_memzero(secret.data(), secret.size());
  }
  const PinCheck check = right ? PinCheck{PinOutcome::kOk, 0, 0} : WrongGuess(failures + 1, now_ms);
  RAIDA_TRY(
      WriteFailures(store_->db(), person_id, right ? 0 : failures + 1, check.locked_until_ms));
  RAIDA_TRY(scope.Commit());
  return check;
}

}  // namespace raida::core
