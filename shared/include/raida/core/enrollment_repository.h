// EnrollmentRepository: sign-ups of people for course offerings.
//
// An enrollment's id is deterministic (person + offering), so the same sign-up made on two
// kiosks is one record. A kiosk only ever *requests* a seat; the server decides confirmed or
// waitlisted when the request arrives. Local changes are captured into the outbox.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "raida/core/model.h"
#include "raida/core/result.h"
#include "raida/core/store.h"

namespace raida::core {

// A sign-up a person began and left unfinished (the kiosk timed out on the sign-up screen),
// kept on this kiosk only (local_ui_state, never synced) for their next sign-in.
struct SignUpDraft {
  std::string person_id;
  std::string course_id;
  std::string offering_id;
  std::vector<std::string> needs;  // as ticked when the person walked away
  int64_t saved_at_ms = 0;         // store clock
};

// How long a draft is kept (UX-15: 24 h).
inline constexpr int64_t kSignUpDraftMaxAgeMs = 24LL * 60 * 60 * 1000;

class EnrollmentRepository {
 public:
  explicit EnrollmentRepository(Store& store) : store_(&store) {}

  // Records a sign-up request with the person's needs, in one transaction with its outbox
  // entry. Signing up again after a cancellation re-requests the same record.
  // kConflict when the person already has an active sign-up for this offering;
  // kNotFound when the person or offering does not exist.
  Result<Enrollment> RequestSignUp(const std::string& person_id, const std::string& offering_id,
                                   const std::vector<std::string>& needs);
  // Moves an enrollment to `status` with a reason (coordinator actions, cancellation).
  Status SetStatus(const std::string& enrollment_id, EnrollmentStatus status,
                   const std::string& reason);
  Result<std::optional<Enrollment>> Get(const std::string& id);
  // Loads an enrollment published by the server (sync pull, demo load). Needs an ApplyingScope.
  // An empty id is filled with the deterministic one; kInvalidArgument for a different id.
  Status UpsertFromRemote(const Enrollment& enrollment);
  Result<std::vector<Enrollment>> ListForPerson(const std::string& person_id);
  Result<std::vector<Enrollment>> ListForOffering(const std::string& offering_id);

  // The person cancels their own sign-up at the kiosk: status cancelled (through the outbox like
  // every change). kNotFound when the enrollment is not this person's; kConflict when it cannot
  // be cancelled any more (completed) or already is.
  Status CancelByPerson(const std::string& enrollment_id, const std::string& person_id);
  // Undoes CancelByPerson: the same record is requested again with its needs (the district
  // office decides the seat again at the next sync). kConflict unless it is cancelled.
  Result<Enrollment> UndoCancelByPerson(const std::string& enrollment_id,
                                        const std::string& person_id);

  // Keeps `draft` (saved_at_ms set to now) as the person's one unfinished sign-up, replacing
  // an older one.
  Status SaveDraft(SignUpDraft draft);
  // The person's draft, removed as it is read; nullopt when there is none or it is older than
  // kSignUpDraftMaxAgeMs (then it is removed too).
  Result<std::optional<SignUpDraft>> TakeDraft(const std::string& person_id);
  // Removes every draft older than kSignUpDraftMaxAgeMs; returns how many.
  Result<int> DropExpiredDrafts();

 private:
  Store* store_;
};

}  // namespace raida::core
