// Effects of "Find a person" and a person's record (answered on the EffectRunner's storage lane
// by PersonStorage, person_storage.h). Audit entries go as WriteAudit (coordinator_effects.h).
#pragma once

#include <string>

#include "kiosk/state/person_actions.h"

namespace raida::kiosk {

// -> PeopleLoaded: the center's people, not erased or merged, by family then given name.
struct LoadPeople {
  std::string center_id;
};
// -> PersonRecordLoaded, or PersonChangeFailed (no such person here any more).
struct LoadPersonRecord {
  std::string person_id;
};
// -> PersonRecordLoaded (notice person.notice.consent_given / consent_withdrawn), or
// PersonChangeFailed. Recorded as witnessed by `coordinator_id`.
struct SavePersonConsent {
  std::string person_id;
  std::string purpose;
  bool granted = false;
  std::string text_version;
  std::string language;
  std::string coordinator_id;
};
// -> CertificatePrinted: <data folder>/certificates/<code>.pdf, then `lp` when it is on PATH.
struct PrintCertificate {
  std::string certificate_id;
};
// -> PersonRecordLoaded (notice person.notice.draft_accepted / draft_discarded), or
// PersonChangeFailed. Accept: the person's action plan (created or reused) gets the top areas as
// goals and the suggested courses as steps with a training provider; both mark it reviewed.
struct DecideAssessmentDraft {
  std::string person_id;
  std::string response_id;
  bool accept = false;
  std::string coordinator_id;
};

}  // namespace raida::kiosk
