// "Register a resident" (CoordinatorView::kRegister): one question per screen for an older
// coordinator working by touch, with the progress line "Step 3 of 14" and the navigation bar's
// Back on every step (drawn by DrawCoordinatorScreen).
//
//   names, village  the question and the answer field above the on-screen keyboard (lt/pl
//                   letters); Done answers; the village has "Skip"
//   year, phone     the question and the digits beside the number pad; OK answers; the phone has
//                   "Skip"
//   choices         language (each in its own words), needs (toggles and Next), how consent is
//                   given, the consent texts in the resident's language with Agree / Do not
//                   agree (in the resident's language when they tap it themselves), gender and
//                   employment with "Prefer not to say"
//   review          every answer with "Change", then Save
//   duplicates      who may already be registered (name, year, village): Back, or "Register
//                   anyway"
//   card code       "Card code: 4827 1930" in big digits to write on the resident's card; Done
// Every problem is said under the question in plain words. What is typed lives in RegisterUi
// until it is answered, and is wiped whenever the step changes.
#include <imgui.h>

#include <algorithm>
#include <string>

#include "kiosk/state/reduce_register.h"
#include "kiosk/ui/coordinator_ui.h"
#include "kiosk/ui/keyboard.h"
#include "kiosk/ui/screens.h"

namespace raida::kiosk {
namespace {

constexpr size_t kMaxYearDigits = 4;

void Wipe(std::string& text) {
  std::fill(text.begin(), text.end(), '\0');
  text.clear();
}

// The stable name of a question step (ids "register.change.<name>").
const char* StepName(RegisterStep step) {
  switch (step) {
    case RegisterStep::kGivenName:
      return "given_name";
    case RegisterStep::kFamilyName:
      return "family_name";
    case RegisterStep::kBirthYear:
      return "birth_year";
    case RegisterStep::kPhone:
      return "phone";
    case RegisterStep::kVillage:
      return "village";
    case RegisterStep::kLanguage:
      return "language";
    case RegisterStep::kNeeds:
      return "needs";
    case RegisterStep::kConsentMethod:
      return "method";
    case RegisterStep::kConsentRegistration:
      return "consent_registration";
    case RegisterStep::kConsentContact:
      return "consent_contact";
    case RegisterStep::kConsentReporting:
      return "consent_reporting";
    case RegisterStep::kGender:
      return "gender";
    case RegisterStep::kEmployment:
      return "employment";
    case RegisterStep::kReview:
      return "review";
    case RegisterStep::kDuplicates:
      return "duplicates";
    case RegisterStep::kCardCode:
      return "card_code";
  }
  return "";
}

// The question asked on a step (also the label of its line on the review).
const char* QuestionKey(RegisterStep step) {
  switch (step) {
    case RegisterStep::kGivenName:
      return "register.q.given_name";
    case RegisterStep::kFamilyName:
      return "register.q.family_name";
    case RegisterStep::kBirthYear:
      return "register.q.birth_year";
    case RegisterStep::kPhone:
      return "register.q.phone";
    case RegisterStep::kVillage:
      return "register.q.village";
    case RegisterStep::kLanguage:
      return "register.q.language";
    case RegisterStep::kNeeds:
      return "register.q.needs";
    case RegisterStep::kConsentMethod:
      return "register.q.method";
    case RegisterStep::kConsentRegistration:
      return "register.q.consent_registration";
    case RegisterStep::kConsentContact:
      return "register.q.consent_contact";
    case RegisterStep::kConsentReporting:
      return "register.q.consent_reporting";
    case RegisterStep::kGender:
      return "register.q.gender";
    case RegisterStep::kEmployment:
      return "register.q.employment";
    case RegisterStep::kReview:
      return "register.q.review";
    case RegisterStep::kDuplicates:
      return "register.q.duplicates";
    case RegisterStep::kCardCode:
      return "register.q.card_code";
  }
  return "register.q.review";
}

// The short label of a step's line on the review.
const char* FieldKey(RegisterStep step) {
  switch (step) {
    case RegisterStep::kGivenName:
      return "register.field.given_name";
    case RegisterStep::kFamilyName:
      return "register.field.family_name";
    case RegisterStep::kBirthYear:
      return "register.field.birth_year";
    case RegisterStep::kPhone:
      return "register.field.phone";
    case RegisterStep::kVillage:
      return "register.field.village";
    case RegisterStep::kLanguage:
      return "register.field.language";
    case RegisterStep::kNeeds:
      return "register.field.needs";
    case RegisterStep::kConsentMethod:
      return "register.field.method";
    case RegisterStep::kConsentRegistration:
      return "register.field.consent_registration";
    case RegisterStep::kConsentContact:
      return "register.field.consent_contact";
    case RegisterStep::kConsentReporting:
      return "register.field.consent_reporting";
    case RegisterStep::kGender:
      return "register.field.gender";
    case RegisterStep::kEmployment:
      return "register.field.employment";
    default:
      return "register.field.given_name";
  }
}

const char* NeedKey(const std::string& need) {
  if (need == "transport") {
    return "register.need.transport";
  }
  if (need == "care") {
    return "register.need.care";
  }
  return "register.need.accessibility";
}

const char* GenderKey(const std::string& value) {
  if (value == "female") {
    return "register.gender.female";
  }
  if (value == "male") {
    return "register.gender.male";
  }
  return "register.gender.other";
}

const char* EmploymentKey(const std::string& value) {
  if (value == "employed") {
    return "register.employment.employed";
  }
  if (value == "unemployed") {
    return "register.employment.unemployed";
  }
  if (value == "retired") {
    return "register.employment.retired";
  }
  return "register.employment.inactive";
}

const char* ConsentTextKey(RegisterStep step) {
  switch (step) {
    case RegisterStep::kConsentContact:
      return "register.consent.contact";
    case RegisterStep::kConsentReporting:
      return "register.consent.reporting";
    default:
      return "register.consent.registration";
  }
}

// A new step (or the task shown again after a gap) starts from the state's answer: the field or
// the pad shows what was answered before, so Back and "Change" show it for correcting.
void NoteStep(const RegisterState& registration, RegisterUi& ui) {
  const int frame = ImGui::GetFrameCount();
  const bool fresh = ui.last_frame < 0 || frame - ui.last_frame > 1;
  ui.last_frame = frame;
  if (!fresh && registration.step == ui.shown_step) {
    return;
  }
  ui.shown_step = registration.step;
  Wipe(ui.text);
  Wipe(ui.pad.digits);
  ui.list = PagedScroll{};
  const RegisterAnswers& a = registration.answers;
  switch (registration.step) {
    case RegisterStep::kGivenName:
      ui.text = a.given_name;
      break;
    case RegisterStep::kFamilyName:
      ui.text = a.family_name;
      break;
    case RegisterStep::kVillage:
      ui.text = a.village;
      break;
    case RegisterStep::kBirthYear:
      ui.pad.digits = a.birth_year ? std::to_string(*a.birth_year) : std::string();
      break;
    case RegisterStep::kPhone:
      ui.pad.digits = a.phone;
      break;
    default:
      break;
  }
}

// "Registering a resident: step 3 of 14" on the question steps; nothing on the warning or code.
void Progress(const RegisterState& registration, const ScreenContext& ctx) {
  const std::vector<RegisterStep> steps = RegisterSteps(registration.answers);
  const auto at = std::find(steps.begin(), steps.end(), registration.step);
  if (at == steps.end()) {
    return;
  }
  Paragraph(ctx, "register.progress",
            TrFormat(ctx, "register.progress",
                     {{"step", std::to_string(at - steps.begin() + 1)},
                      {"total", std::to_string(steps.size())}}),
            ctx.theme.palette.text, FontRole::kLabel);
}

// The last problem in plain words, or the saving line.
void Problem(const AppState& state, const ScreenContext& ctx) {
  const RegisterState& registration = state.coordinator.registration;
  const Palette& p = ctx.theme.palette;
  if (registration.saving) {
    Paragraph(ctx, "register.saving", Tr(ctx, "register.saving"), p.text, FontRole::kLabel);
    return;
  }
  if (registration.error_key.empty()) {
    return;
  }
  const std::optional<int> last = RegisterLastBirthYear(state.today);
  Paragraph(ctx, "register.error",
            TrFormat(ctx, registration.error_key.c_str(),
                     {{"first", std::to_string(kRegisterFirstBirthYear)},
                      {"last", last ? std::to_string(*last) : std::string("…")},
                      {"min", std::to_string(kRegisterMinPhoneDigits)},
                      {"max", std::to_string(kRegisterMaxPhoneDigits)}}),
            p.error_text, FontRole::kLabel);
}

float FullWidth(const ScreenContext& ctx, std::initializer_list<const std::string*> labels) {
  float width = 8.0f * ctx.theme.metrics.target;
  for (const std::string* label : labels) {
    width = std::max(width, ButtonWidth(ctx, *label));
  }
  return std::min(ImGui::GetContentRegionAvail().x, width);
}

// [SECTION] Typed answers

void DrawTyped(const AppState& state, RegisterUi& ui, const ScreenContext& ctx,
               const Dispatch& dispatch) {
  const Metrics& m = ctx.theme.metrics;
  const RegisterState& registration = state.coordinator.registration;
  const RegisterStep step = registration.step;
  const KeyboardLayout layout = LayoutForLanguage(ctx.language);
  KeyboardField(ctx, "register.field", ui.text, Tr(ctx, QuestionKey(step)));
  const float keyboard = KeyboardHeight(ctx, layout) + m.gap;
  BeginPagedList(ctx, "register.words", ui.list,
                 std::max(m.target, ImGui::GetContentRegionAvail().y - keyboard));
  Progress(registration, ctx);
  Paragraph(ctx, "register.question", Tr(ctx, QuestionKey(step)), ctx.theme.palette.text);
  Problem(state, ctx);
  if (step == RegisterStep::kVillage) {
    const std::string& skip = Tr(ctx, "register.skip");
    if (BigButton(ctx, skip, "register.skip", ButtonKind::kSecondary)) {
      dispatch(SkipRegisterStep{step});
    }
  }
  EndPagedList(ctx, "register.words", ui.list);
  ImGui::SetCursorPosY(
      std::max(ImGui::GetCursorPosY(), ImGui::GetWindowContentRegionMax().y - keyboard + m.gap));
  const KeyboardEdit edit =
      OnScreenKeyboard(ctx, "register.keyboard", layout, ui.text, kRegisterMaxNameChars);
  if (edit.changed) {
    ui.text = edit.text;
  }
  if (edit.submitted) {
    dispatch(SubmitRegisterAnswer{step, edit.text});
  }
}

void DrawNumber(const AppState& state, RegisterUi& ui, const ScreenContext& ctx,
                const Dispatch& dispatch) {
  const Metrics& m = ctx.theme.metrics;
  const RegisterState& registration = state.coordinator.registration;
  const RegisterStep step = registration.step;
  const Palette& p = ctx.theme.palette;
  const float pad_width = NumberPadWidth(ctx);
  const float text_width =
      std::max(m.target, ImGui::GetContentRegionAvail().x - pad_width - 2.0f * m.gap);
  BeginPagedList(ctx, "register.words", ui.list, ImGui::GetContentRegionAvail().y, text_width);
  Progress(registration, ctx);
  Paragraph(ctx, "register.question", Tr(ctx, QuestionKey(step)), p.text);
  Paragraph(ctx, "register.digits",
            ui.pad.digits.empty() ? Tr(ctx, "register.digits_empty") : ui.pad.digits, p.text,
            ui.pad.digits.empty() ? FontRole::kBody : FontRole::kHeading);
  Problem(state, ctx);
  if (step == RegisterStep::kPhone) {
    if (BigButton(ctx, Tr(ctx, "register.skip"), "register.skip", ButtonKind::kSecondary)) {
      dispatch(SkipRegisterStep{step});
    }
  }
  EndPagedList(ctx, "register.words", ui.list);
  ImGui::SameLine(ImGui::GetContentRegionMax().x - pad_width);
  ImGui::BeginGroup();
  const bool ok = NumberPad(ctx, ui.pad, registration.saving);
  const size_t most = step == RegisterStep::kBirthYear ? kMaxYearDigits : kRegisterMaxPhoneDigits;
  if (ui.pad.digits.size() > most) {
    ui.pad.digits.resize(most);  // a digit more than the answer can have is not taken
  }
  ImGui::EndGroup();
  if (ok) {
    dispatch(SubmitRegisterAnswer{step, ui.pad.digits});
  }
}

// [SECTION] Choices

// A column of choice buttons (the chosen one kSelected) as wide as the widest label.
template <typename OnTap>
void Choices(const ScreenContext& ctx,
             const std::vector<std::pair<std::string, std::string>>& items,
             const std::string& chosen, const std::string& id_prefix, OnTap on_tap) {
  const Metrics& m = ctx.theme.metrics;
  float width = 8.0f * m.target;
  for (const auto& [value, label] : items) {
    width = std::max(width, ButtonWidth(ctx, label));
  }
  width = std::min(ImGui::GetContentRegionAvail().x, width);
  for (const auto& [value, label] : items) {
    const ButtonKind kind = value == chosen ? ButtonKind::kSelected : ButtonKind::kSecondary;
    if (BigButton(ctx, label, id_prefix + value, kind, ImVec2(width, m.primary))) {
      on_tap(value);
    }
    ImGui::Dummy(ImVec2(0.0f, m.gap * 0.5f));
  }
}

void DrawLanguage(const RegisterState& registration, const ScreenContext& ctx,
                  const Dispatch& dispatch) {
  std::vector<std::pair<std::string, std::string>> items;
  for (const auto& [code, name] : LanguageNames()) {
    items.emplace_back(code, name);
  }
  Choices(ctx, items, registration.answers.language, "register.language.",
          [&](const std::string& code) { dispatch(ChooseRegisterLanguage{code}); });
}

void DrawNeeds(const RegisterState& registration, const ScreenContext& ctx,
               const Dispatch& dispatch) {
  const Metrics& m = ctx.theme.metrics;
  const std::vector<std::string>& chosen = registration.answers.needs;
  const std::string& next = Tr(ctx, "register.next");
  float width = std::max(8.0f * m.target, ButtonWidth(ctx, next));
  for (const std::string& need : NeedNames()) {
    width = std::max(width, ButtonWidth(ctx, "\u2611 " + Tr(ctx, NeedKey(need))));
  }
  width = std::min(ImGui::GetContentRegionAvail().x, width);
  for (const std::string& need : NeedNames()) {
    const bool on = std::find(chosen.begin(), chosen.end(), need) != chosen.end();
    const std::string label = (on ? "\u2611 " : "\u2610 ") + Tr(ctx, NeedKey(need));
    if (BigButton(ctx, label, "register.need." + need,
                  on ? ButtonKind::kSelected : ButtonKind::kSecondary, ImVec2(width, m.primary))) {
      dispatch(ToggleRegisterNeed{need});
    }
    ImGui::Dummy(ImVec2(0.0f, m.gap * 0.5f));
  }
  ImGui::Dummy(ImVec2(0.0f, m.gap));
  if (BigButton(ctx, next, "register.next", ButtonKind::kPrimary, ImVec2(width, m.primary))) {
    dispatch(ConfirmRegisterNeeds{});
  }
}

void DrawMethod(const RegisterState& registration, const ScreenContext& ctx,
                const Dispatch& dispatch) {
  const std::optional<core::ConsentMethod>& method = registration.answers.method;
  const std::string chosen = method ? core::ConsentMethodName(*method) : "";
  Choices(ctx,
          {{"tap", Tr(ctx, "register.method.tap")},
           {"witnessed", Tr(ctx, "register.method.witnessed")}},
          chosen, "register.method.", [&](const std::string& value) {
            dispatch(ChooseConsentMethod{value == "tap" ? core::ConsentMethod::kTap
                                                        : core::ConsentMethod::kWitnessed});
          });
}

void DrawConsent(const AppState& state, const ScreenContext& ctx, const Dispatch& dispatch) {
  const Metrics& m = ctx.theme.metrics;
  const RegisterState& registration = state.coordinator.registration;
  const RegisterAnswers& a = registration.answers;
  // The words the resident agrees to are in their language; so are the answers when they tap
  // them themselves.
  ScreenContext resident = ctx;
  resident.language = a.language.empty() ? ctx.language : a.language;
  const bool resident_taps = a.method == core::ConsentMethod::kTap;
  const ScreenContext& answers_ctx = resident_taps ? resident : ctx;
  BeginCard(ctx);
  Paragraph(resident, "register.consent_text", Tr(resident, ConsentTextKey(registration.step)),
            ctx.theme.palette.text);
  EndCard(ctx);
  Problem(state, ctx);
  ImGui::Dummy(ImVec2(0.0f, m.gap * 0.5f));
  const std::string& agree = Tr(answers_ctx, "register.consent.agree");
  const std::string& refuse = Tr(answers_ctx, "register.consent.refuse");
  const float width = FullWidth(ctx, {&agree, &refuse});
  const std::string purpose = ConsentPurposeOf(registration.step);
  const std::optional<bool>& given =
      registration.step == RegisterStep::kConsentRegistration ? a.registration
      : registration.step == RegisterStep::kConsentContact    ? a.contact
                                                              : a.reporting;
  if (BigButton(ctx, agree, "register.consent.agree",
                given == true ? ButtonKind::kSelected : ButtonKind::kPrimary,
                ImVec2(width, m.primary))) {
    dispatch(AnswerRegisterConsent{purpose, true});
  }
  ImGui::Dummy(ImVec2(0.0f, m.gap * 0.5f));
  if (BigButton(ctx, refuse, "register.consent.refuse",
                given == false ? ButtonKind::kSelected : ButtonKind::kSecondary,
                ImVec2(width, m.primary))) {
    dispatch(AnswerRegisterConsent{purpose, false});
  }
}

void DrawReporting(const RegisterState& registration, const ScreenContext& ctx,
                   const Dispatch& dispatch) {
  const RegisterStep step = registration.step;
  std::vector<std::pair<std::string, std::string>> items;
  std::string chosen;
  if (step == RegisterStep::kGender) {
    for (const char* value : core::kGenders) {
      items.emplace_back(value, Tr(ctx, GenderKey(value)));
    }
    chosen = registration.answers.gender;
  } else {
    for (const char* value : core::kEmploymentStatuses) {
      items.emplace_back(value, Tr(ctx, EmploymentKey(value)));
    }
    chosen = registration.answers.employment_status;
  }
  Choices(ctx, items, chosen, "register.choice.", [&](const std::string& value) {
    dispatch(ChooseRegisterReportingAnswer{step, value});
  });
  if (BigButton(ctx, Tr(ctx, "register.prefer_not"), "register.prefer_not",
                ButtonKind::kSecondary)) {
    dispatch(SkipRegisterStep{step});
  }
}

void DrawChoice(const AppState& state, RegisterUi& ui, const ScreenContext& ctx,
                const Dispatch& dispatch) {
  const RegisterState& registration = state.coordinator.registration;
  BeginPagedList(ctx, "register.words", ui.list, ImGui::GetContentRegionAvail().y);
  Progress(registration, ctx);
  Paragraph(ctx, "register.question", Tr(ctx, QuestionKey(registration.step)),
            ctx.theme.palette.text);
  switch (registration.step) {
    case RegisterStep::kLanguage:
      DrawLanguage(registration, ctx, dispatch);
      break;
    case RegisterStep::kNeeds:
      DrawNeeds(registration, ctx, dispatch);
      break;
    case RegisterStep::kConsentMethod:
      DrawMethod(registration, ctx, dispatch);
      break;
    case RegisterStep::kGender:
    case RegisterStep::kEmployment:
      DrawReporting(registration, ctx, dispatch);
      break;
    default:
      DrawConsent(state, ctx, dispatch);
      break;
  }
  if (registration.step != RegisterStep::kConsentRegistration &&
      registration.step != RegisterStep::kConsentContact &&
      registration.step != RegisterStep::kConsentReporting) {
    Problem(state, ctx);
  }
  EndPagedList(ctx, "register.words", ui.list);
}

// [SECTION] Review, duplicates, card code

std::string Agreed(const ScreenContext& ctx, const std::optional<bool>& answer) {
  return Tr(ctx, answer == true ? "register.review.agreed" : "register.review.refused");
}

// What a review line shows for `step`.
std::string AnswerText(const RegisterAnswers& a, RegisterStep step, const ScreenContext& ctx) {
  const std::string& none = Tr(ctx, "register.review.none");
  switch (step) {
    case RegisterStep::kGivenName:
      return a.given_name;
    case RegisterStep::kFamilyName:
      return a.family_name;
    case RegisterStep::kBirthYear:
      return a.birth_year ? std::to_string(*a.birth_year) : none;
    case RegisterStep::kPhone:
      return a.phone.empty() ? none : a.phone;
    case RegisterStep::kVillage:
      return a.village.empty() ? none : a.village;
    case RegisterStep::kLanguage:
      for (const auto& [code, name] : LanguageNames()) {
        if (code == a.language) {
          return name;
        }
      }
      return none;
    case RegisterStep::kNeeds: {
      std::string text;
      for (const std::string& need : a.needs) {
        text += (text.empty() ? "" : "; ") + Tr(ctx, NeedKey(need));
      }
      return text.empty() ? none : text;
    }
    case RegisterStep::kConsentMethod:
      return Tr(ctx, a.method == core::ConsentMethod::kTap ? "register.method.tap"
                                                           : "register.method.witnessed");
    case RegisterStep::kConsentRegistration:
      return Agreed(ctx, a.registration);
    case RegisterStep::kConsentContact:
      return Agreed(ctx, a.contact);
    case RegisterStep::kConsentReporting:
      return Agreed(ctx, a.reporting);
    case RegisterStep::kGender:
      return a.gender.empty() ? Tr(ctx, "register.prefer_not") : Tr(ctx, GenderKey(a.gender));
    case RegisterStep::kEmployment:
      return a.employment_status.empty() ? Tr(ctx, "register.prefer_not")
                                         : Tr(ctx, EmploymentKey(a.employment_status));
    default:
      return "";
  }
}

void DrawReview(const AppState& state, RegisterUi& ui, const ScreenContext& ctx,
                const Dispatch& dispatch) {
  const Metrics& m = ctx.theme.metrics;
  const RegisterState& registration = state.coordinator.registration;
  const Palette& p = ctx.theme.palette;
  BeginPagedList(ctx, "register.words", ui.list, ImGui::GetContentRegionAvail().y);
  Progress(registration, ctx);
  Paragraph(ctx, "register.question", Tr(ctx, "register.q.review"), p.text);
  const std::string& change = Tr(ctx, "register.change");
  const float change_width = ButtonWidth(ctx, change);
  const ButtonKind change_kind =
      registration.saving ? ButtonKind::kDisabled : ButtonKind::kSecondary;
  for (const RegisterStep step : RegisterSteps(registration.answers)) {
    if (step == RegisterStep::kReview) {
      continue;
    }
    const std::string name = StepName(step);
    const float text_width =
        std::max(m.target, ImGui::GetContentRegionAvail().x - change_width - m.gap);
    const float top = ImGui::GetCursorPosY();
    BeginCard(ctx);
    ImGui::BeginGroup();
    Paragraph(ctx, "register.review." + name,
              Tr(ctx, FieldKey(step)) + ": " + AnswerText(registration.answers, step, ctx), p.text,
              FontRole::kBody, text_width - 2.0f * m.padding);
    ImGui::EndGroup();
    ImGui::SameLine(ImGui::GetContentRegionMax().x - change_width - m.padding);
    ImGui::SetCursorPosY(top + m.padding * 0.5f);
    if (BigButton(ctx, change, "register.change." + name, change_kind)) {
      dispatch(ChangeRegisterAnswer{step});
    }
    EndCard(ctx);
  }
  Problem(state, ctx);
  ImGui::Dummy(ImVec2(0.0f, m.gap));
  const std::string& save = Tr(ctx, "register.save");
  if (BigButton(ctx, save, "register.save",
                registration.saving ? ButtonKind::kDisabled : ButtonKind::kPrimary,
                ImVec2(FullWidth(ctx, {&save}), m.primary))) {
    dispatch(SaveRegisterPressed{});
  }
  EndPagedList(ctx, "register.words", ui.list);
}

void DrawDuplicates(const AppState& state, RegisterUi& ui, const ScreenContext& ctx,
                    const Dispatch& dispatch) {
  const Metrics& m = ctx.theme.metrics;
  const RegisterState& registration = state.coordinator.registration;
  const Palette& p = ctx.theme.palette;
  BeginPagedList(ctx, "register.words", ui.list, ImGui::GetContentRegionAvail().y);
  Paragraph(ctx, "register.question", Tr(ctx, "register.q.duplicates"), p.error_text);
  int index = 0;
  for (const RegisterDuplicate& d : registration.duplicates) {
    const std::string year = d.birth_year ? std::to_string(*d.birth_year) : "—";
    const std::string village = d.village.empty() ? Tr(ctx, "register.review.none") : d.village;
    const char* why = d.same_name && d.same_phone ? "register.duplicate.both"
                      : d.same_name               ? "register.duplicate.same_name"
                                                  : "register.duplicate.same_phone";
    BeginCard(ctx);
    Paragraph(
        ctx, "register.duplicate." + std::to_string(index),
        TrFormat(
            ctx, "register.duplicate.line",
            {{"name", d.given_name + " " + d.family_name}, {"year", year}, {"village", village}}),
        p.text, FontRole::kLabel);
    Paragraph(ctx, "register.duplicate_why." + std::to_string(index), Tr(ctx, why), p.text);
    EndCard(ctx);
    ++index;
  }
  Problem(state, ctx);
  Paragraph(ctx, "register.duplicates_help", Tr(ctx, "register.duplicates_help"), p.text);
  const std::string& back = Tr(ctx, "register.duplicates_back");
  const std::string& anyway = Tr(ctx, "register.anyway");
  const float width = FullWidth(ctx, {&back, &anyway});
  const bool busy = registration.saving;
  if (BigButton(ctx, back, "register.duplicates_back",
                busy ? ButtonKind::kDisabled : ButtonKind::kPrimary, ImVec2(width, m.primary))) {
    dispatch(GoBack{});
  }
  ImGui::Dummy(ImVec2(0.0f, m.gap * 0.5f));
  if (BigButton(ctx, anyway, "register.anyway",
                busy ? ButtonKind::kDisabled : ButtonKind::kSecondary, ImVec2(width, m.primary))) {
    dispatch(RegisterAnyway{});
  }
  EndPagedList(ctx, "register.words", ui.list);
}

void DrawCardCode(const AppState& state, RegisterUi& ui, const ScreenContext& ctx,
                  const Dispatch& dispatch) {
  const Metrics& m = ctx.theme.metrics;
  const RegisterState& registration = state.coordinator.registration;
  const Palette& p = ctx.theme.palette;
  BeginPagedList(ctx, "register.words", ui.list, ImGui::GetContentRegionAvail().y);
  Paragraph(ctx, "register.registered", Tr(ctx, "register.q.card_code"), p.good_text);
  BeginCard(ctx);
  Paragraph(ctx, "register.card_code",
            TrFormat(ctx, "register.card_code", {{"code", GroupCardCode(registration.card_code)}}),
            p.text, FontRole::kHeading);
  EndCard(ctx);
  Paragraph(ctx, "register.card_code_help", Tr(ctx, "register.card_code_help"), p.text);
  const std::string& done = Tr(ctx, "register.finish");
  if (BigButton(ctx, done, "register.finish", ButtonKind::kPrimary,
                ImVec2(FullWidth(ctx, {&done}), m.primary))) {
    dispatch(FinishRegistration{});
  }
  EndPagedList(ctx, "register.words", ui.list);
}

}  // namespace

void DrawRegisterScreen(const AppState& state, RegisterUi& ui, const ScreenContext& ctx,
                        const Dispatch& dispatch) {
  const RegisterState& registration = state.coordinator.registration;
  NoteStep(registration, ui);
  switch (registration.step) {
    case RegisterStep::kGivenName:
    case RegisterStep::kFamilyName:
    case RegisterStep::kVillage:
      DrawTyped(state, ui, ctx, dispatch);
      break;
    case RegisterStep::kBirthYear:
    case RegisterStep::kPhone:
      DrawNumber(state, ui, ctx, dispatch);
      break;
    case RegisterStep::kReview:
      DrawReview(state, ui, ctx, dispatch);
      break;
    case RegisterStep::kDuplicates:
      DrawDuplicates(state, ui, ctx, dispatch);
      break;
    case RegisterStep::kCardCode:
      DrawCardCode(state, ui, ctx, dispatch);
      break;
    default:
      DrawChoice(state, ui, ctx, dispatch);
      break;
  }
}

}  // namespace raida::kiosk
