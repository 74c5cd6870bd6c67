// "Register a resident" in the reducer (see reduce_register.h).
//
// Every person-caused action checks that the task is open for a signed-in coordinator, that no
// save is under way, and that it answers the step shown; anything else is dropped. An answer
// that is refused sets error_key and leaves every answer as it was. Results of the storage lane
// are accepted only while the save they answer is still awaited.
#include "kiosk/state/reduce_register.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <string>

#include "kiosk/state/text_edit.h"

namespace raida::kiosk {
namespace {

constexpr const char* kNeeds[] = {"transport", "care", "accessibility"};

bool InTask(const AppState& state) {
  return state.screen == Screen::kCoordinator && state.coordinator.signed_in &&
         state.coordinator.view == CoordinatorView::kRegister;
}

// The task is open and waits for the coordinator's answer to `step`.
bool Asks(const AppState& state, RegisterStep step) {
  return InTask(state) && !state.coordinator.registration.saving &&
         state.coordinator.registration.step == step;
}

// `text` without spaces at either end and with runs of spaces inside made one.
std::string Tidy(const std::string& text) {
  std::string out;
  bool space = false;
  for (const char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) {
      out += ' ';
      space = false;
    }
    out += c;
  }
  return out;
}

bool AllDigits(const std::string& text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool IsKnownNeed(const std::string& need) {
  return std::find(std::begin(kNeeds), std::end(kNeeds), need) != std::end(kNeeds);
}

template <size_t N>
bool IsOneOf(const std::string& value, const char* const (&allowed)[N]) {
  return std::find(std::begin(allowed), std::end(allowed), value) != std::end(allowed);
}

// Moves on after `answered` was answered: back to the review after a "Change", else the next
// question of RegisterSteps.
void Advance(RegisterState& registration, RegisterStep answered) {
  registration.error_key.clear();
  if (registration.changing) {
    registration.changing = false;
    registration.step = RegisterStep::kReview;
    return;
  }
  const std::vector<RegisterStep> steps = RegisterSteps(registration.answers);
  const auto at = std::find(steps.begin(), steps.end(), answered);
  registration.step =
      (at == steps.end() || at + 1 == steps.end()) ? RegisterStep::kReview : *(at + 1);
}

// The first question not answered yet (kReview when all are).
RegisterStep FirstOpenQuestion(const RegisterAnswers& a) {
  if (Tidy(a.given_name).empty()) {
    return RegisterStep::kGivenName;
  }
  if (Tidy(a.family_name).empty()) {
    return RegisterStep::kFamilyName;
  }
  if (!a.birth_year) {
    return RegisterStep::kBirthYear;
  }
  if (a.language.empty()) {
    return RegisterStep::kLanguage;
  }
  if (!a.method) {
    return RegisterStep::kConsentMethod;
  }
  if (a.registration != true) {
    return RegisterStep::kConsentRegistration;
  }
  if (!a.contact) {
    return RegisterStep::kConsentContact;
  }
  if (!a.reporting) {
    return RegisterStep::kConsentReporting;
  }
  return RegisterStep::kReview;
}

std::vector<Effect> StartSave(AppState& state, bool anyway) {
  RegisterState& registration = state.coordinator.registration;
  registration.saving = true;
  registration.error_key.clear();
  SaveRegistration save;
  save.coordinator_id = state.coordinator.signed_in->id;
  save.center_id = state.center_id;
  save.answers = registration.answers;
  save.anyway = anyway;
  return {std::move(save)};
}

bool AwaitsSave(const AppState& state) {
  return InTask(state) && state.coordinator.registration.saving;
}

std::vector<Effect> SubmitName(RegisterState& registration, const std::string& text,
                               std::string& answer, const char* empty_key, RegisterStep step) {
  const std::string name = Tidy(text);
  if (name.empty()) {
    registration.error_key = empty_key;
    return {};
  }
  answer = name;
  Advance(registration, step);
  return {};
}

}  // namespace

// [SECTION] Helpers

std::vector<RegisterStep> RegisterSteps(const RegisterAnswers& answers) {
  std::vector<RegisterStep> steps = {
      RegisterStep::kGivenName,
      RegisterStep::kFamilyName,
      RegisterStep::kBirthYear,
      RegisterStep::kPhone,
      RegisterStep::kVillage,
      RegisterStep::kLanguage,
      RegisterStep::kNeeds,
      RegisterStep::kConsentMethod,
      RegisterStep::kConsentRegistration,
      RegisterStep::kConsentContact,
      RegisterStep::kConsentReporting,
  };
  if (answers.reporting == true) {
    steps.push_back(RegisterStep::kGender);
    steps.push_back(RegisterStep::kEmployment);
  }
  steps.push_back(RegisterStep::kReview);
  return steps;
}

const char* ConsentPurposeOf(RegisterStep step) {
  switch (step) {
    case RegisterStep::kConsentRegistration:
      return kPurposeRegistration;
    case RegisterStep::kConsentContact:
      return kPurposeContact;
    case RegisterStep::kConsentReporting:
      return kPurposeReporting;
    default:
      return "";
  }
}

std::optional<int> RegisterLastBirthYear(const std::string& today) {
  if (today.size() < 4 || !AllDigits(today.substr(0, 4))) {
    return std::nullopt;
  }
  return std::stoi(today.substr(0, 4)) - kRegisterMinAgeYears;
}

std::string FoldForMatch(std::string_view text) { return Tidy(FoldForSearch(text)); }

std::string PhoneKey(std::string_view phone) {
  std::string digits;
  for (const char c : phone) {
    if (c >= '0' && c <= '9') {
      digits += c;
    }
  }
  constexpr size_t kLine = 8;  // a line's own digits, without the country or trunk prefix
  return digits.size() > kLine ? digits.substr(digits.size() - kLine) : digits;
}

bool SamePhone(std::string_view a, std::string_view b) {
  const std::string key = PhoneKey(a);
  return !key.empty() && key == PhoneKey(b);
}

std::string NameMatchKey(std::string_view given_name, std::string_view family_name,
                         std::optional<int> birth_year) {
  const std::string given = FoldForMatch(given_name);
  if (given.empty() || !birth_year) {
    return "";
  }
  return given + '\x1f' + FoldForMatch(family_name) + '\x1f' + std::to_string(*birth_year);
}

std::string GroupCardCode(const std::string& code) {
  std::string grouped;
  for (size_t i = 0; i < code.size(); ++i) {
    if (i > 0 && i % 4 == 0) {
      grouped += ' ';
    }
    grouped += code[i];
  }
  return grouped;
}

// [SECTION] Hooks

std::vector<Effect> OpenRegister(AppState& state) {
  state.coordinator.registration = RegisterState{};
  return {};
}

bool BackInRegister(AppState& state) {
  RegisterState& registration = state.coordinator.registration;
  if (registration.saving) {
    return true;  // the save answers first; then Back works again
  }
  registration.error_key.clear();
  if (registration.changing) {
    registration.changing = false;
    registration.step = RegisterStep::kReview;
    return true;
  }
  if (registration.step == RegisterStep::kDuplicates) {
    registration.duplicates.clear();
    registration.step = RegisterStep::kReview;
    return true;
  }
  const std::vector<RegisterStep> steps = RegisterSteps(registration.answers);
  const auto at = std::find(steps.begin(), steps.end(), registration.step);
  if (registration.step == RegisterStep::kCardCode || at == steps.end() || at == steps.begin()) {
    registration = RegisterState{};  // the home comes back: nothing personal stays
    return false;
  }
  registration.step = *(at - 1);
  return true;
}

// [SECTION] Answers

std::vector<Effect> ReduceRegister(AppState& state, const SubmitRegisterAnswer& action) {
  if (!Asks(state, action.step)) {
    return {};
  }
  RegisterState& registration = state.coordinator.registration;
  RegisterAnswers& answers = registration.answers;
  switch (action.step) {
    case RegisterStep::kGivenName:
      return SubmitName(registration, action.text, answers.given_name, kRegisterEmptyGivenKey,
                        action.step);
    case RegisterStep::kFamilyName:
      return SubmitName(registration, action.text, answers.family_name, kRegisterEmptyFamilyKey,
                        action.step);
    case RegisterStep::kVillage:
      answers.village = Tidy(action.text);  // empty is the same as Skip
      Advance(registration, action.step);
      return {};
    case RegisterStep::kBirthYear: {
      const std::optional<int> last = RegisterLastBirthYear(state.today);
      const std::string& text = action.text;
      if (text.empty() || text.size() > 4 || !AllDigits(text) || !last ||
          std::stoi(text) < kRegisterFirstBirthYear || std::stoi(text) > *last) {
        registration.error_key = kRegisterBirthYearKey;
        return {};
      }
      answers.birth_year = std::stoi(text);
      Advance(registration, action.step);
      return {};
    }
    case RegisterStep::kPhone:
      if (!AllDigits(action.text) || action.text.size() < kRegisterMinPhoneDigits ||
          action.text.size() > kRegisterMaxPhoneDigits) {
        registration.error_key = kRegisterPhoneKey;
        return {};
      }
      answers.phone = action.text;
      Advance(registration, action.step);
      return {};
    default:
      return {};
  }
}

std::vector<Effect> ReduceRegister(AppState& state, const SkipRegisterStep& action) {
  if (!Asks(state, action.step)) {
    return {};
  }
  RegisterState& registration = state.coordinator.registration;
  switch (action.step) {
    case RegisterStep::kPhone:
      registration.answers.phone.clear();
      break;
    case RegisterStep::kVillage:
      registration.answers.village.clear();
      break;
    case RegisterStep::kGender:
      registration.answers.gender.clear();
      break;
    case RegisterStep::kEmployment:
      registration.answers.employment_status.clear();
      break;
    default:
      return {};  // the other questions cannot be skipped
  }
  Advance(registration, action.step);
  return {};
}

std::vector<Effect> ReduceRegister(AppState& state, const ChooseRegisterLanguage& action) {
  if (!Asks(state, RegisterStep::kLanguage) ||
      (action.language != "lt" && action.language != "pl" && action.language != "en")) {
    return {};
  }
  RegisterState& registration = state.coordinator.registration;
  RegisterAnswers& answers = registration.answers;
  const bool consents_asked = answers.registration || answers.contact || answers.reporting;
  if (consents_asked && answers.language != action.language) {
    // The consents were shown in another language: they are asked again in this one, so each
    // record names the language of the words the person agreed to.
    answers.language = action.language;
    answers.registration.reset();
    answers.contact.reset();
    answers.reporting.reset();
    registration.changing = false;
    registration.error_key.clear();
    registration.step =
        answers.method ? RegisterStep::kConsentRegistration : RegisterStep::kConsentMethod;
    return {};
  }
  answers.language = action.language;
  Advance(registration, RegisterStep::kLanguage);
  return {};
}

std::vector<Effect> ReduceRegister(AppState& state, const ToggleRegisterNeed& action) {
  if (!Asks(state, RegisterStep::kNeeds) || !IsKnownNeed(action.need)) {
    return {};
  }
  std::vector<std::string>& needs = state.coordinator.registration.answers.needs;
  const auto found = std::find(needs.begin(), needs.end(), action.need);
  if (found == needs.end()) {
    needs.push_back(action.need);
    // Kept in the order the screen lists them, so the record does not depend on tap order.
    std::stable_sort(needs.begin(), needs.end(), [](const std::string& a, const std::string& b) {
      const auto index = [](const std::string& n) {
        return std::find(std::begin(kNeeds), std::end(kNeeds), n) - std::begin(kNeeds);
      };
      return index(a) < index(b);
    });
  } else {
    needs.erase(found);
  }
  return {};
}

std::vector<Effect> ReduceRegister(AppState& state, const ConfirmRegisterNeeds&) {
  if (Asks(state, RegisterStep::kNeeds)) {
    Advance(state.coordinator.registration, RegisterStep::kNeeds);
  }
  return {};
}

std::vector<Effect> ReduceRegister(AppState& state, const ChooseConsentMethod& action) {
  if (Asks(state, RegisterStep::kConsentMethod)) {
    state.coordinator.registration.answers.method = action.method;
    Advance(state.coordinator.registration, RegisterStep::kConsentMethod);
  }
  return {};
}

std::vector<Effect> ReduceRegister(AppState& state, const AnswerRegisterConsent& action) {
  if (!InTask(state)) {
    return {};
  }
  RegisterState& registration = state.coordinator.registration;
  const RegisterStep step = registration.step;
  if (!Asks(state, step) || action.purpose.empty() || action.purpose != ConsentPurposeOf(step)) {
    return {};
  }
  RegisterAnswers& answers = registration.answers;
  if (step == RegisterStep::kConsentRegistration) {
    if (!action.granted) {
      registration.error_key = kRegisterConsentRequiredKey;  // nothing is saved or changed
      return {};
    }
    answers.registration = true;
  } else if (step == RegisterStep::kConsentContact) {
    answers.contact = action.granted;
  } else {
    const bool newly_granted = action.granted && answers.reporting != true;
    answers.reporting = action.granted;
    if (!action.granted) {
      answers.gender.clear();  // asked and kept only with this consent
      answers.employment_status.clear();
    } else if (newly_granted && registration.changing) {
      registration.changing = false;  // its two questions come next, then the review
    }
  }
  Advance(registration, step);
  return {};
}

std::vector<Effect> ReduceRegister(AppState& state, const ChooseRegisterReportingAnswer& action) {
  if (!Asks(state, action.step) || state.coordinator.registration.answers.reporting != true) {
    return {};
  }
  RegisterAnswers& answers = state.coordinator.registration.answers;
  if (action.step == RegisterStep::kGender && IsOneOf(action.value, core::kGenders)) {
    answers.gender = action.value;
  } else if (action.step == RegisterStep::kEmployment &&
             IsOneOf(action.value, core::kEmploymentStatuses)) {
    answers.employment_status = action.value;
  } else {
    return {};
  }
  Advance(state.coordinator.registration, action.step);
  return {};
}

// [SECTION] Review, save and the card code

std::vector<Effect> ReduceRegister(AppState& state, const ChangeRegisterAnswer& action) {
  if (!Asks(state, RegisterStep::kReview)) {
    return {};
  }
  RegisterState& registration = state.coordinator.registration;
  const std::vector<RegisterStep> steps = RegisterSteps(registration.answers);
  if (action.step == RegisterStep::kReview ||
      std::find(steps.begin(), steps.end(), action.step) == steps.end()) {
    return {};
  }
  registration.step = action.step;
  registration.changing = true;
  registration.error_key.clear();
  return {};
}

std::vector<Effect> ReduceRegister(AppState& state, const SaveRegisterPressed&) {
  if (!Asks(state, RegisterStep::kReview)) {
    return {};
  }
  RegisterState& registration = state.coordinator.registration;
  const RegisterStep open = FirstOpenQuestion(registration.answers);
  if (open != RegisterStep::kReview) {
    registration.step = open;  // cannot happen through the screens; asked rather than saved
    return {};
  }
  return StartSave(state, false);
}

std::vector<Effect> ReduceRegister(AppState& state, const RegisterAnyway&) {
  if (!Asks(state, RegisterStep::kDuplicates)) {
    return {};
  }
  return StartSave(state, true);
}

std::vector<Effect> ReduceRegister(AppState& state, const FinishRegistration&) {
  if (Asks(state, RegisterStep::kCardCode)) {
    state.coordinator.registration = RegisterState{};
    state.coordinator.view = CoordinatorView::kHome;
  }
  return {};
}

std::vector<Effect> ReduceRegister(AppState& state, const RegistrationDuplicates& action) {
  if (!AwaitsSave(state)) {
    return {};
  }
  RegisterState& registration = state.coordinator.registration;
  registration.saving = false;
  registration.duplicates = action.duplicates;
  registration.step = RegisterStep::kDuplicates;
  return {};
}

std::vector<Effect> ReduceRegister(AppState& state, const RegistrationSaved& action) {
  if (!AwaitsSave(state)) {
    return {};
  }
  RegisterState& registration = state.coordinator.registration;
  registration = RegisterState{};  // the answers are saved: nothing of them stays on screen
  registration.step = RegisterStep::kCardCode;
  registration.person_id = action.person_id;
  registration.card_code = action.card_code;
  return {};
}

std::vector<Effect> ReduceRegister(AppState& state, const RegistrationFailed& action) {
  if (!AwaitsSave(state)) {
    return {};
  }
  RegisterState& registration = state.coordinator.registration;
  registration.saving = false;
  registration.step = RegisterStep::kReview;
  registration.error_key = action.error_key.empty() ? kRegisterNotSavedKey : action.error_key;
  return {};
}

}  // namespace raida::kiosk
