// RegisterState: what the "Register a resident" task shows (CoordinatorView::kRegister) — one
// question per step (names, year of birth, phone, village, language, needs, how consent is
// given, the three consents, the optional reporting questions), the review with "Change" per
// line, a duplicate warning, and the new card code. Part of CoordinatorState, so the sign-out
// (coordinator = CoordinatorState{}) forgets every answer; changed only by reduce_register.h.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "raida/core/model.h"

namespace raida::kiosk {

// The version of the consent texts shown ("register.consent.<purpose>.text" in every language).
// A consent record stores "<purpose>/<version>" (core::Consent::text_version). Change it whenever
// a consent text changes, so each record says which words the person agreed to.
inline constexpr const char* kRegisterConsentVersion = "2026-1";

// The consent purposes asked, in order. Only "registration" is required to register.
inline constexpr const char* kPurposeRegistration = "registration";
inline constexpr const char* kPurposeContact = "contact";
inline constexpr const char* kPurposeReporting = "reporting";

enum class RegisterStep {
  kGivenName,            // on-screen keyboard
  kFamilyName,           // on-screen keyboard
  kBirthYear,            // number pad
  kPhone,                // number pad, or "Skip"
  kVillage,              // on-screen keyboard, or "Skip"
  kLanguage,             // lt / pl / en, each in its own words
  kNeeds,                // transport, care for a dependant, accessibility: toggles, then Next
  kConsentMethod,        // the resident taps themselves, or the coordinator witnessed it
  kConsentRegistration,  // the consent text in the resident's language: Agree / Do not agree
  kConsentContact,
  kConsentReporting,
  kGender,      // only with the reporting consent; "Prefer not to say"
  kEmployment,  // only with the reporting consent; "Prefer not to say"
  kReview,      // every answer with "Change"; Save
  kDuplicates,  // people who may be the same person: go back, or register anyway
  kCardCode,    // saved: the card code to write on the resident's card; Done
};

// The answers so far (personal data: forgotten at sign-out and when the task closes).
struct RegisterAnswers {
  std::string given_name;
  std::string family_name;
  std::optional<int> birth_year;
  std::string phone;                          // digits only; "" skipped
  std::string village;                        // "" skipped
  std::string language;                       // "lt", "pl", "en"; "" until chosen
  std::vector<std::string> needs;             // "transport", "care", "accessibility"
  std::optional<core::ConsentMethod> method;  // how the consents are given
  std::optional<bool> registration;           // the three consents; nullopt: not answered
  std::optional<bool> contact;
  std::optional<bool> reporting;
  std::string gender;             // core::kGenders or "" (not said / not asked)
  std::string employment_status;  // core::kEmploymentStatuses or ""
};

// A person on this kiosk who may be the one being registered (what the warning shows).
struct RegisterDuplicate {
  std::string person_id;
  std::string given_name;
  std::string family_name;
  std::optional<int> birth_year;
  std::string village;
  bool same_name = false;   // same given and family name (case and diacritics ignored) and year
  bool same_phone = false;  // same phone number
};

struct RegisterState {
  RegisterStep step = RegisterStep::kGivenName;
  RegisterAnswers answers;
  bool changing = false;  // a step opened by "Change" on the review: its answer goes back there
  std::string error_key;  // the last problem ("register.error.*"), "" when none
  bool saving = false;    // a SaveRegistration is on its way: Save, Back and the answers wait
  std::vector<RegisterDuplicate> duplicates;  // kDuplicates: who may be the same person
  std::string person_id;                      // kCardCode: the registered person
  std::string card_code;                      // kCardCode: digits, as stored
};

}  // namespace raida::kiosk
