// EnrollmentRepository: sign-ups of people for course offerings.
//
// An enrollment's id is deterministic (person + offering), so the same sign-up made on two
// kiosks is one record. A kiosk only ever *requests* a seat; the server decides confirmed or
// waitlisted when the request arrives. Local changes are captured into the outbox.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "raida/core/model.h"
#include "raida/core/result.h"
#include "raida/core/store.h"

namespace raida::core {

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

 private:
  Store* store_;
};

}  // namespace raida::core
