// AttendanceRepository: one mark per (session, person), taken by a coordinator.
//
// The id is DeterministicId("attendance", session_id, person_id), so two kiosks marking the same
// person for the same session write the same record (last writer wins at sync). Marking again
// changes the mark; marking with the same values changes nothing.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "raida/core/model.h"
#include "raida/core/result.h"
#include "raida/core/store.h"

namespace raida::core {

class AttendanceRepository {
 public:
  explicit AttendanceRepository(Store& store) : store_(&store) {}

  // Records or changes the mark; captured into the outbox. kNotFound when the session or the
  // person does not exist.
  Result<Attendance> Mark(const std::string& session_id, const std::string& person_id,
                          AttendanceMark mark, const std::string& marked_by);
  Result<std::optional<Attendance>> Get(const std::string& session_id,
                                        const std::string& person_id);
  // Every mark of a session, by person id.
  Result<std::vector<Attendance>> ListForSession(const std::string& session_id);

 private:
  Store* store_;
};

}  // namespace raida::core
