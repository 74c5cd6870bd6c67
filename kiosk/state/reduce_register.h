// The reducer's part for "Register a resident" (CoordinatorView::kRegister), opened from the
// coordinator home by a signed-in coordinator. One question per step:
//   given name, family name (keyboard) -> year of birth (number pad) -> phone (number pad, or
//   Skip) -> village (keyboard, or Skip) -> language (lt/pl/en in their own words) -> needs
//   (toggles, Next) -> how consent is given (the resident taps / the coordinator witnessed) ->
//   consent "registration" (required), "contact", "reporting", each text in the resident's
//   language with Agree / Do not agree -> with the reporting consent only: gender and
//   employment status ("Prefer not to say") -> the review (every answer with "Change") -> Save.
// Save sends SaveRegistration: the storage lane first looks for likely duplicates among the
// center's people (same name and year ignoring case and diacritics, or same phone) and answers
// RegistrationDuplicates (the warning: go back, or "Register anyway") or registers the person
// with a new card code, records the consents and ONE audit entry in one transaction, and
// answers RegistrationSaved: the card-code screen, whose Done goes back to the home.
// Bad input (an empty name, an impossible year of birth, a phone with too few digits, the
// registration consent refused) sets error_key and changes nothing else. GoBack goes to the
// previous question (from a "Change", back to the review); from the first question and the
// card-code screen back to the home, forgetting the answers. Pure, like the rest of the reducer.
#pragma once

#include <concepts>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/state/actions.h"
#include "kiosk/state/app_state.h"
#include "kiosk/state/effects.h"

namespace raida::kiosk {

// Audit action of a registration (table "person", the new person's id).
inline constexpr const char* kAuditRegister = "person.register";

// Limits of the answers (the screens say them in the error messages).
inline constexpr int kRegisterFirstBirthYear = 1900;
inline constexpr int kRegisterMinAgeYears = 16;  // younger people are not registered
inline constexpr size_t kRegisterMinPhoneDigits = 8;
inline constexpr size_t kRegisterMaxPhoneDigits = 15;
inline constexpr size_t kRegisterMaxNameChars = 60;  // code points, names and village

// Translation keys of the problems (RegisterState::error_key).
inline constexpr const char* kRegisterEmptyGivenKey = "register.error.empty_given_name";
inline constexpr const char* kRegisterEmptyFamilyKey = "register.error.empty_family_name";
inline constexpr const char* kRegisterBirthYearKey = "register.error.birth_year";  // {first} {last}
inline constexpr const char* kRegisterPhoneKey = "register.error.phone";           // {min} {max}
inline constexpr const char* kRegisterConsentRequiredKey = "register.error.consent_required";
inline constexpr const char* kRegisterNotSavedKey = "register.error.not_saved";

// [SECTION] Actions handled here

std::vector<Effect> ReduceRegister(AppState& state, const SubmitRegisterAnswer& action);
std::vector<Effect> ReduceRegister(AppState& state, const SkipRegisterStep& action);
std::vector<Effect> ReduceRegister(AppState& state, const ChooseRegisterLanguage& action);
std::vector<Effect> ReduceRegister(AppState& state, const ToggleRegisterNeed& action);
std::vector<Effect> ReduceRegister(AppState& state, const ConfirmRegisterNeeds& action);
std::vector<Effect> ReduceRegister(AppState& state, const ChooseConsentMethod& action);
std::vector<Effect> ReduceRegister(AppState& state, const AnswerRegisterConsent& action);
std::vector<Effect> ReduceRegister(AppState& state, const ChooseRegisterReportingAnswer& action);
std::vector<Effect> ReduceRegister(AppState& state, const ChangeRegisterAnswer& action);
std::vector<Effect> ReduceRegister(AppState& state, const SaveRegisterPressed& action);
std::vector<Effect> ReduceRegister(AppState& state, const RegisterAnyway& action);
std::vector<Effect> ReduceRegister(AppState& state, const FinishRegistration& action);
std::vector<Effect> ReduceRegister(AppState& state, const RegistrationDuplicates& action);
std::vector<Effect> ReduceRegister(AppState& state, const RegistrationSaved& action);
std::vector<Effect> ReduceRegister(AppState& state, const RegistrationFailed& action);

// The actions above: reduce.cpp forwards each of them here.
template <typename A>
concept RegisterAction = requires(AppState& state, const A& action) {
  { ReduceRegister(state, action) } -> std::same_as<std::vector<Effect>>;
};

// [SECTION] Hooks called from reduce_coordinator.cpp

// OpenCoordinatorTask{kRegister}: a fresh registration at its first question.
std::vector<Effect> OpenRegister(AppState& state);
// GoBack in the task: true when it went back within the task; false on the first question and
// the card-code screen (the answers are forgotten and the home comes back).
bool BackInRegister(AppState& state);

// [SECTION] Helpers (pure; the screen and the storage lane use them too)

// The question steps for these answers, in order, ending with kReview (gender and employment
// only when the reporting consent is given). The progress line counts these.
std::vector<RegisterStep> RegisterSteps(const RegisterAnswers& answers);
// The consent purpose a consent step asks ("" for other steps).
const char* ConsentPurposeOf(RegisterStep step);
// The latest year of birth accepted on `today` ("2026-11-23" -> 2010); nullopt when unknown.
std::optional<int> RegisterLastBirthYear(const std::string& today);
// `text` for comparing names: lower case, Lithuanian, Polish and Latin-1 letters without their
// diacritics, spaces trimmed and collapsed ("  Žemaitė  Ąžuolaitė" -> "zemaite azuolaite").
std::string FoldForMatch(std::string_view text);
// True when two phone numbers are the same line: their digits, compared on the last 8 when both
// have that many (so "+370 612 34567" and "861234567" match).
bool SamePhone(std::string_view a, std::string_view b);
// What SamePhone compares: the last 8 digits, or all of them when there are fewer; "" for a
// phone without digits (it matches nothing). SamePhone(a, b) is PhoneKey(a) == PhoneKey(b) != "".
std::string PhoneKey(std::string_view phone);
// What the duplicate rule's "same name and year of birth" compares: the folded given and family
// names and the year; "" (matches nothing) without a given name or a year.
std::string NameMatchKey(std::string_view given_name, std::string_view family_name,
                         std::optional<int> birth_year);
// "48271930" -> "4827 1930": digits in groups of four for reading aloud and writing down.
std::string GroupCardCode(const std::string& code);

}  // namespace raida::kiosk
