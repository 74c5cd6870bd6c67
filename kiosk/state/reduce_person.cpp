// "Find a person" and a person's record in the reducer (see reduce_person.h).
//
// Every action checks that a signed-in coordinator is on the view it belongs to, so a resident
// (or a late worker result after a sign-out) changes nothing. A change asks before it is made
// (a confirm dialog) and sends exactly one audit entry with it.
#include "kiosk/state/reduce_person.h"

#include <algorithm>
#include <cctype>
#include <string>

#include "kiosk/state/text_edit.h"

namespace raida::kiosk {
namespace {

constexpr const char* kNoticeGone = "person.notice.gone";
constexpr const char* kNoticePrintFailed = "person.notice.print_failed";
constexpr const char* kNoticePrinted = "person.notice.printed";
constexpr const char* kNoticeSavedPdf = "person.notice.saved_pdf";

bool SignedInOn(const AppState& state, CoordinatorView view) {
  return state.screen == Screen::kCoordinator && state.coordinator.signed_in &&
         state.coordinator.view == view;
}

const std::string& CoordinatorId(const AppState& state) { return state.coordinator.signed_in->id; }

// The record on screen, when nothing is being changed and no question is open.
PersonRecord* IdleRecord(AppState& state) {
  PersonState& person = state.coordinator.person;
  if (!SignedInOn(state, CoordinatorView::kPerson) || !person.record || person.busy ||
      person.question != PersonQuestion::kNone) {
    return nullptr;
  }
  return &*person.record;
}

const PersonCertificateView* FindCertificate(const PersonRecord& record, const std::string& id) {
  const auto found = std::find_if(record.certificates.begin(), record.certificates.end(),
                                  [&](const PersonCertificateView& c) { return c.id == id; });
  return found == record.certificates.end() ? nullptr : &*found;
}

}  // namespace

bool PersonMatches(const PersonCard& person, std::string_view query) {
  const std::string name = FoldForSearch(person.given_name + " " + person.family_name);
  const std::string folded = FoldForSearch(query);
  size_t at = 0;
  while (at < folded.size()) {
    const size_t start = folded.find_first_not_of(' ', at);
    if (start == std::string::npos) {
      break;
    }
    const size_t end = std::min(folded.find(' ', start), folded.size());
    if (name.find(folded.substr(start, end - start)) == std::string::npos) {
      return false;
    }
    at = end;
  }
  return true;
}

// [SECTION] Hooks

std::vector<Effect> OpenFindPerson(AppState& state) {
  if (!state.coordinator.signed_in) {
    return {};
  }
  state.coordinator.view = CoordinatorView::kFindPerson;
  state.coordinator.person = PersonState{};
  state.coordinator.person.loading = true;
  return {LoadPeople{state.center_id}};
}

bool BackInPerson(AppState& state) {
  PersonState& person = state.coordinator.person;
  if (state.coordinator.view != CoordinatorView::kPerson) {
    return false;
  }
  if (person.question != PersonQuestion::kNone) {
    person.question = PersonQuestion::kNone;
  } else if (!person.shown_certificate.empty()) {
    person.shown_certificate.clear();
  } else {
    person.record.reset();
    person.opening = false;
    person.busy = false;
    person.notice_key.clear();
    person.printed_path.clear();
    state.coordinator.view = CoordinatorView::kFindPerson;
  }
  return true;
}

// [SECTION] Finding

std::vector<Effect> ReducePerson(AppState& state, const PersonQueryChanged& action) {
  if (!SignedInOn(state, CoordinatorView::kFindPerson)) {
    return {};
  }
  state.coordinator.person.query = AppendText("", action.text, kMaxPersonQueryChars);
  return {};
}

std::vector<Effect> ReducePerson(AppState& state, const PeopleLoaded& action) {
  if (!SignedInOn(state, CoordinatorView::kFindPerson) || action.center_id != state.center_id) {
    return {};
  }
  state.coordinator.person.people = action.people;
  state.coordinator.person.loading = false;
  return {};
}

std::vector<Effect> ReducePerson(AppState& state, const OpenPerson& action) {
  PersonState& person = state.coordinator.person;
  if (!SignedInOn(state, CoordinatorView::kFindPerson) || person.loading) {
    return {};
  }
  const bool listed =
      std::any_of(person.people.begin(), person.people.end(),
                  [&](const PersonCard& card) { return card.id == action.person_id; });
  if (!listed) {
    return {};
  }
  state.coordinator.view = CoordinatorView::kPerson;
  person.record.reset();
  person.opening = true;
  person.busy = false;
  person.question = PersonQuestion::kNone;
  person.shown_certificate.clear();
  person.notice_key.clear();
  person.printed_path.clear();
  return {LoadPersonRecord{action.person_id},
          WriteAudit{CoordinatorId(state), kAuditPersonRead, "person", action.person_id}};
}

// [SECTION] The record

std::vector<Effect> ReducePerson(AppState& state, const PersonRecordLoaded& action) {
  PersonState& person = state.coordinator.person;
  if (!SignedInOn(state, CoordinatorView::kPerson)) {
    return {};
  }
  const bool awaited = person.opening || (person.record && person.record->id == action.record.id);
  if (!awaited || (person.record && person.record->id != action.record.id)) {
    return {};
  }
  person.record = action.record;
  person.opening = false;
  person.busy = false;
  person.notice_key = action.notice_key;
  person.printed_path.clear();
  return {};
}

std::vector<Effect> ReducePerson(AppState& state, const PersonChangeFailed& action) {
  PersonState& person = state.coordinator.person;
  if (!SignedInOn(state, CoordinatorView::kPerson) ||
      (person.record && person.record->id != action.person_id) ||
      (!person.record && !person.opening)) {
    return {};
  }
  person.opening = false;
  person.busy = false;
  person.notice_key = action.notice_key.empty() ? kNoticeGone : action.notice_key;
  return {};
}

std::vector<Effect> ReducePerson(AppState& state, const AskPersonConsent& action) {
  PersonRecord* record = IdleRecord(state);
  if (record == nullptr) {
    return {};
  }
  const auto consent =
      std::find_if(record->consents.begin(), record->consents.end(),
                   [&](const PersonConsentView& c) { return c.purpose == action.purpose; });
  if (consent == record->consents.end() || consent->granted == action.grant) {
    return {};  // withdrawing what is not given (or giving what is) changes nothing
  }
  PersonState& person = state.coordinator.person;
  person.question = PersonQuestion::kConsent;
  person.consent_purpose = action.purpose;
  person.consent_grant = action.grant;
  person.notice_key.clear();
  return {};
}

std::vector<Effect> ReducePerson(AppState& state, const AskAssessmentDraft& action) {
  PersonRecord* record = IdleRecord(state);
  if (record == nullptr || !record->draft) {
    return {};
  }
  PersonState& person = state.coordinator.person;
  person.question = action.accept ? PersonQuestion::kAcceptDraft : PersonQuestion::kDiscardDraft;
  person.notice_key.clear();
  return {};
}

std::vector<Effect> ReducePerson(AppState& state, const AnswerPersonQuestion& action) {
  PersonState& person = state.coordinator.person;
  if (!SignedInOn(state, CoordinatorView::kPerson) || !person.record || person.busy ||
      person.question == PersonQuestion::kNone) {
    return {};
  }
  const PersonQuestion question = person.question;
  person.question = PersonQuestion::kNone;
  if (!action.yes) {
    return {};
  }
  const PersonRecord& record = *person.record;
  const std::string& coordinator_id = CoordinatorId(state);
  if (question == PersonQuestion::kConsent) {
    const auto consent = std::find_if(
        record.consents.begin(), record.consents.end(),
        [&](const PersonConsentView& c) { return c.purpose == person.consent_purpose; });
    if (consent == record.consents.end() || consent->granted == person.consent_grant) {
      return {};
    }
    person.busy = true;
    SavePersonConsent save;
    save.person_id = record.id;
    save.purpose = consent->purpose;
    save.granted = person.consent_grant;
    save.text_version = consent->text_version.empty()
                            ? consent->purpose + "/" + kPersonConsentTextVersion
                            : consent->text_version;
    save.language = state.language;
    save.coordinator_id = coordinator_id;
    return {
        std::move(save),
        WriteAudit{coordinator_id, person.consent_grant ? kAuditConsentGive : kAuditConsentWithdraw,
                   "person", record.id}};
  }
  if (!record.draft) {
    return {};
  }
  const bool accept = question == PersonQuestion::kAcceptDraft;
  person.busy = true;
  return {DecideAssessmentDraft{record.id, record.draft->response_id, accept, coordinator_id},
          WriteAudit{coordinator_id, accept ? kAuditDraftAccept : kAuditDraftDiscard,
                     "assessment_response", record.draft->response_id}};
}

// [SECTION] Certificates

std::vector<Effect> ReducePerson(AppState& state, const ShowPersonCertificate& action) {
  PersonRecord* record = IdleRecord(state);
  if (record == nullptr || FindCertificate(*record, action.certificate_id) == nullptr) {
    return {};
  }
  state.coordinator.person.shown_certificate = action.certificate_id;
  state.coordinator.person.notice_key.clear();
  return {WriteAudit{CoordinatorId(state), kAuditCertificateShow, "certificate",
                     action.certificate_id}};
}

std::vector<Effect> ReducePerson(AppState& state, const ClosePersonCertificate&) {
  if (SignedInOn(state, CoordinatorView::kPerson)) {
    state.coordinator.person.shown_certificate.clear();
  }
  return {};
}

std::vector<Effect> ReducePerson(AppState& state, const PrintPersonCertificate& action) {
  PersonRecord* record = IdleRecord(state);
  if (record == nullptr || FindCertificate(*record, action.certificate_id) == nullptr) {
    return {};
  }
  PersonState& person = state.coordinator.person;
  person.busy = true;
  person.notice_key.clear();
  person.printed_path.clear();
  return {PrintCertificate{action.certificate_id},
          WriteAudit{CoordinatorId(state), kAuditCertificatePrint, "certificate",
                     action.certificate_id}};
}

std::vector<Effect> ReducePerson(AppState& state, const CertificatePrinted& action) {
  PersonState& person = state.coordinator.person;
  if (!SignedInOn(state, CoordinatorView::kPerson) || !person.record || !person.busy ||
      FindCertificate(*person.record, action.certificate_id) == nullptr) {
    return {};
  }
  person.busy = false;
  person.printed_path = action.path;
  person.notice_key = action.path.empty()      ? kNoticePrintFailed
                      : action.sent_to_printer ? kNoticePrinted
                                               : kNoticeSavedPdf;
  return {};
}

std::vector<Effect> ReducePerson(AppState& state, const DismissPersonNotice&) {
  if (SignedInOn(state, CoordinatorView::kPerson)) {
    state.coordinator.person.notice_key.clear();
  }
  return {};
}

}  // namespace raida::kiosk
