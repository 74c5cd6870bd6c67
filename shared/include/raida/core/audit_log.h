// AuditLog: who did what to which record, and when; never the values themselves.
//
// Append-only by construction: there is no update or delete here, and the schema's triggers
// refuse both even to hand-written SQL. Entries are captured into the outbox, so the district
// office sees what every kiosk's coordinators did.
#pragma once

#include <string>
#include <vector>

#include "raida/core/model.h"
#include "raida/core/result.h"
#include "raida/core/store.h"

namespace raida::core {

class AuditLog {
 public:
  explicit AuditLog(Store& store) : store_(&store) {}

  // Appends an entry; assigns the id when empty and the time (store clock) when at_ms is 0.
  // kInvalidArgument when action or actor is empty.
  Result<AuditEntry> Append(AuditEntry entry);
  // Entries about one record, oldest first.
  Result<std::vector<AuditEntry>> ListForRecord(const std::string& record_table,
                                                const std::string& record_id);

 private:
  Store* store_;
};

}  // namespace raida::core
