// Actions of the coordinator's "Find a person" and a person's record (reduced by
// reduce_person.h). Only a signed-in coordinator on those views gets anything from them.
#pragma once

#include <string>
#include <vector>

#include "kiosk/state/person_state.h"

namespace raida::kiosk {

// [SECTION] Person-caused

// The name filter after a key of the on-screen keyboard (the whole text).
struct PersonQueryChanged {
  std::string text;
};
// A person's big button in the list: their record opens (one "person.read" audit entry).
struct OpenPerson {
  std::string person_id;
};
// "Withdraw" (grant = false) or "Give" (grant = true) on one consent: the confirm dialog.
struct AskPersonConsent {
  std::string purpose;
  bool grant = false;
};
// "Accept" (accept = true) or "Discard" on the self-assessment result: the confirm dialog.
struct AskAssessmentDraft {
  bool accept = false;
};
// The answer to the record's confirm dialog (consent or self-assessment).
struct AnswerPersonQuestion {
  bool yes = false;
};
struct ShowPersonCertificate {
  std::string certificate_id;
};
struct ClosePersonCertificate {};
struct PrintPersonCertificate {
  std::string certificate_id;
};
struct DismissPersonNotice {};

// [SECTION] Worker results

struct PeopleLoaded {
  std::string center_id;
  std::vector<PersonCard> people;
};
// A record read (after opening it, or after a change: `notice_key` then says what was done).
struct PersonRecordLoaded {
  PersonRecord record;
  std::string notice_key = {};
};
// A change refused (the person is gone, or the storage said no): said in plain words.
struct PersonChangeFailed {
  std::string person_id;
  std::string notice_key;
};
// "Print" finished: the PDF `path` ("" when it could not be written) and whether `lp` took it.
struct CertificatePrinted {
  std::string certificate_id;
  std::string path;
  bool sent_to_printer = false;
};

}  // namespace raida::kiosk
