// RegisterStorage: the registration's storage work (see register_storage.h).
#include "kiosk/state/register_storage.h"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include "kiosk/state/reduce_register.h"
#include "raida/core/audit_log.h"
#include "raida/core/person_repository.h"
#include "raida/core/sealed_notes.h"
#include "raida/core/store.h"

namespace raida::kiosk {
namespace {

// Tries before a new card code is given up (a fault): with 10^8 codes and a few thousand
// people per kiosk, even two tries are rare.
constexpr int kCardCodeTries = 20;

std::string RandomCardCode() {
  std::string code;
  for (size_t i = 0; i < kCardCodeDigits; ++i) {
    // The first digit is never 0, so the code never loses a digit when written as a number.
    const uint32_t digit = i == 0 ? 1 + randombytes_uniform(9) : randombytes_uniform(10);
    code += static_cast<char>('0' + digit);
  }
  return code;
}

bool Answered(const RegisterAnswers& a) {
  return !a.given_name.empty() && !a.family_name.empty() && a.birth_year && !a.language.empty() &&
         a.method && a.registration == true && a.contact && a.reporting;
}

core::Person PersonFrom(const SaveRegistration& effect) {
  const RegisterAnswers& a = effect.answers;
  core::Person person;
  person.home_center_id = effect.center_id;
  person.given_name = a.given_name;
  person.family_name = a.family_name;
  person.birth_year = a.birth_year;
  person.phone = a.phone;
  person.village = a.village;
  person.language = a.language;
  person.needs = a.needs;
  if (a.reporting == true) {  // kept for programme reporting only with its consent
    person.gender = a.gender;
    person.employment_status = a.employment_status;
  }
  return person;
}

core::Result<std::string> NewCardCode(core::PersonRepository& people,
                                      const RegisterStorage::CodeSource& codes) {
  for (int attempt = 0; attempt < kCardCodeTries; ++attempt) {
    std::string code = codes();
    RAIDA_ASSIGN_OR_RETURN(auto holder, people.FindByCardCode(code));
    if (!holder) {
      return code;
    }
  }
  return core::MakeError(core::ErrorCode::kConflict, "no free card code found");
}

// The new person's notes key wrapped under the center key at `center_key_path`; empty when this
// kiosk has none (the district server gives the person a key instead).
std::vector<uint8_t> NewNotesKey(const std::string& center_key_path, const std::string& person_id) {
  if (center_key_path.empty()) {
    return {};
  }
  auto center = core::ReadCenterKeyFile(center_key_path);
  if (!center.ok()) {
    spdlog::info("registration: person {} gets a notes key from the district office ({})",
                 person_id, core::ErrorCodeName(center.error().code));
    return {};
  }
  return core::WrapPersonKey(*center, person_id, core::SecretKey::Random());
}

}  // namespace

RegisterStorage::RegisterStorage(CodeSource codes, std::string center_key_path)
    : codes_(std::move(codes)), center_key_path_(std::move(center_key_path)) {
  if (!codes_) {
    codes_ = RandomCardCode;
  }
}

core::Result<std::vector<RegisterDuplicate>> FindRegisterDuplicates(
    core::Store& store, const std::string& center_id, const RegisterAnswers& answers) {
  RAIDA_ASSIGN_OR_RETURN(auto people, core::PersonRepository(store).ListByCenter(center_id));
  const std::string name =
      NameMatchKey(answers.given_name, answers.family_name, answers.birth_year);
  const std::string phone = PhoneKey(answers.phone);
  std::vector<RegisterDuplicate> found;
  for (const core::Person& person : people) {
    if (person.merged_into) {
      continue;
    }
    RegisterDuplicate match;
    match.same_name = !name.empty() && NameMatchKey(person.given_name, person.family_name,
                                                    person.birth_year) == name;
    match.same_phone = !phone.empty() && PhoneKey(person.phone) == phone;
    if (!match.same_name && !match.same_phone) {
      continue;
    }
    match.person_id = person.id;
    match.given_name = person.given_name;
    match.family_name = person.family_name;
    match.birth_year = person.birth_year;
    match.village = person.village;
    found.push_back(std::move(match));
  }
  return found;
}

core::Result<std::optional<Action>> RegisterStorage::Run(core::Store& store,
                                                         const SaveRegistration& effect) {
  const RegisterAnswers& answers = effect.answers;
  if (!Answered(answers) || effect.coordinator_id.empty()) {
    spdlog::warn("registration by {}: refused, answers incomplete", effect.coordinator_id);
    return std::optional<Action>(RegistrationFailed{kRegisterNotSavedKey});
  }
  RAIDA_ASSIGN_OR_RETURN(auto scope, store.BeginWrite());
  if (!effect.anyway) {
    RAIDA_ASSIGN_OR_RETURN(auto duplicates,
                           FindRegisterDuplicates(store, effect.center_id, answers));
    if (!duplicates.empty()) {
      spdlog::info("registration by {}: {} possible duplicate(s), nothing saved",
                   effect.coordinator_id, duplicates.size());
      return std::optional<Action>(RegistrationDuplicates{std::move(duplicates)});
    }
  }
  core::PersonRepository people(store);
  core::Person person = PersonFrom(effect);
  RAIDA_ASSIGN_OR_RETURN(person.card_code, NewCardCode(people, codes_));
  RAIDA_ASSIGN_OR_RETURN(person.id, store.NewRowId());  // the notes key is wrapped for this id
  const std::vector<uint8_t> notes_key = NewNotesKey(center_key_path_, person.id);
  auto registered = people.Register(std::move(person), notes_key);
  if (!registered.ok()) {
    if (registered.error().code == core::ErrorCode::kInvalidArgument) {
      spdlog::warn("registration by {}: refused by the repository", effect.coordinator_id);
      return std::optional<Action>(RegistrationFailed{kRegisterNotSavedKey});
    }
    return registered.error();
  }
  const std::pair<const char*, bool> consents[] = {
      {kPurposeRegistration, *answers.registration},
      {kPurposeContact, *answers.contact},
      {kPurposeReporting, *answers.reporting},
  };
  for (const auto& [purpose, granted] : consents) {
    core::Consent consent;
    consent.person_id = registered->id;
    consent.purpose = purpose;
    consent.granted = granted;
    consent.text_version = std::string(purpose) + "/" + kRegisterConsentVersion;
    consent.language = answers.language;
    consent.method = *answers.method;
    consent.recorded_by = effect.coordinator_id;
    RAIDA_TRY(people.RecordConsent(std::move(consent)));
  }
  core::AuditEntry entry;
  entry.actor_id = effect.coordinator_id;
  entry.action = kAuditRegister;
  entry.record_table = "person";
  entry.record_id = registered->id;
  RAIDA_TRY(core::AuditLog(store).Append(std::move(entry)));
  RAIDA_TRY(scope.Commit());
  spdlog::info("registration by {}: person {} registered", effect.coordinator_id, registered->id);
  return std::optional<Action>(RegistrationSaved{registered->id, registered->card_code});
}

}  // namespace raida::kiosk
