// The reducer's part for the coordinator's "Find a person" (CoordinatorView::kFindPerson) and a
// person's record (kPerson): the name filter, opening a record, consents withdrawn or given,
// certificates shown and printed, and the self-assessment result accepted into the action plan
// or discarded. Every action that reads or changes the person's data asks for exactly one audit
// entry (WriteAudit: ids and an action name only). Pure, like the rest of the reducer.
//
// reduce_coordinator.cpp calls OpenFindPerson from OpenCoordinatorTask and BackInPerson from
// BackOnCoordinatorScreen; reduce.cpp dispatches the actions of person_actions.h here.
#pragma once

#include <concepts>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/state/actions.h"
#include "kiosk/state/app_state.h"
#include "kiosk/state/effects.h"

namespace raida::kiosk {

// Audit action names (AuditEntry::action).
inline constexpr const char* kAuditPersonRead = "person.read";
inline constexpr const char* kAuditConsentGive = "consent.give";
inline constexpr const char* kAuditConsentWithdraw = "consent.withdraw";
inline constexpr const char* kAuditCertificateShow = "certificate.show";
inline constexpr const char* kAuditCertificatePrint = "certificate.print";
inline constexpr const char* kAuditDraftAccept = "assessment.accept";
inline constexpr const char* kAuditDraftDiscard = "assessment.discard";

// The consent text version recorded when a purpose was never recorded before (a withdrawal or a
// new giving of a recorded purpose keeps the version the person saw).
inline constexpr const char* kPersonConsentTextVersion = "2026-1";
// Longest name filter, in code points.
inline constexpr size_t kMaxPersonQueryChars = 40;

// True when every word of `query` (folded, FoldForSearch in text_edit.h) is part of the person's
// folded "given family" name. An empty query matches everybody.
bool PersonMatches(const PersonCard& person, std::string_view query);

// [SECTION] Actions handled here

std::vector<Effect> ReducePerson(AppState& state, const PersonQueryChanged& action);
std::vector<Effect> ReducePerson(AppState& state, const OpenPerson& action);
std::vector<Effect> ReducePerson(AppState& state, const AskPersonConsent& action);
std::vector<Effect> ReducePerson(AppState& state, const AskAssessmentDraft& action);
std::vector<Effect> ReducePerson(AppState& state, const AnswerPersonQuestion& action);
std::vector<Effect> ReducePerson(AppState& state, const ShowPersonCertificate& action);
std::vector<Effect> ReducePerson(AppState& state, const ClosePersonCertificate& action);
std::vector<Effect> ReducePerson(AppState& state, const PrintPersonCertificate& action);
std::vector<Effect> ReducePerson(AppState& state, const DismissPersonNotice& action);
std::vector<Effect> ReducePerson(AppState& state, const PeopleLoaded& action);
std::vector<Effect> ReducePerson(AppState& state, const PersonRecordLoaded& action);
std::vector<Effect> ReducePerson(AppState& state, const PersonChangeFailed& action);
std::vector<Effect> ReducePerson(AppState& state, const CertificatePrinted& action);

template <typename A>
concept PersonAction = requires(AppState& state, const A& action) {
  { ReducePerson(state, action) } -> std::same_as<std::vector<Effect>>;
};

// [SECTION] Hooks called from reduce_coordinator.cpp

// OpenCoordinatorTask{kFindPerson} (or kPerson): the list starts fresh and loads.
std::vector<Effect> OpenFindPerson(AppState& state);
// GoBack on kFindPerson / kPerson: a shown certificate or a question closes, the record goes back
// to the list (true); the list returns false (the home).
bool BackInPerson(AppState& state);

}  // namespace raida::kiosk
