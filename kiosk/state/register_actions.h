// Actions of "Register a resident" (reduced by reduce_register.h). Each person-caused action
// names the step it answers, so a tap drawn for one step can never change another's answer.
// Included by actions.h, whose Action variant lists them.
#pragma once

#include <string>
#include <vector>

#include "kiosk/state/register_state.h"

namespace raida::kiosk {

// [SECTION] Person-caused

// Done on the keyboard (given name, family name, village) or OK on the number pad (year of
// birth, phone): the whole text typed for `step`.
struct SubmitRegisterAnswer {
  RegisterStep step = RegisterStep::kGivenName;
  std::string text;
};
// "Skip" (phone, village) or "Prefer not to say" (gender, employment) on `step`.
struct SkipRegisterStep {
  RegisterStep step = RegisterStep::kPhone;
};
// A language button ("lt", "pl", "en") on the language step.
struct ChooseRegisterLanguage {
  std::string language;
};
// A need's toggle on the needs step ("transport", "care", "accessibility").
struct ToggleRegisterNeed {
  std::string need;
};
// "Next" on the needs step.
struct ConfirmRegisterNeeds {};
// How the consents are given: the resident taps, or the coordinator witnessed them.
struct ChooseConsentMethod {
  core::ConsentMethod method = core::ConsentMethod::kTap;
};
// Agree / Do not agree on the consent step of `purpose`.
struct AnswerRegisterConsent {
  std::string purpose;
  bool granted = false;
};
// A gender (core::kGenders) or an employment status (core::kEmploymentStatuses) on its step.
struct ChooseRegisterReportingAnswer {
  RegisterStep step = RegisterStep::kGender;
  std::string value;
};
// "Change" on a line of the review: that step, then back to the review.
struct ChangeRegisterAnswer {
  RegisterStep step = RegisterStep::kGivenName;
};
// "Save" on the review (checks for duplicates first).
struct SaveRegisterPressed {};
// "Register anyway" on the duplicate warning.
struct RegisterAnyway {};
// "Done" on the card-code screen: back to the coordinator home.
struct FinishRegistration {};

// [SECTION] Worker results

// People on this kiosk who may be the same person; nothing was saved.
struct RegistrationDuplicates {
  std::vector<RegisterDuplicate> duplicates;
};
// The person, their consents and the audit entry were committed together.
struct RegistrationSaved {
  std::string person_id;
  std::string card_code;
};
// The answers were refused by the repository (nothing saved): `error_key` says why.
struct RegistrationFailed {
  std::string error_key;
};

}  // namespace raida::kiosk
