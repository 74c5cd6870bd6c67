// Whether this kiosk's database is provisioned for sync with a district office, read once at
// start: a provisioned kiosk runs the background SyncWorker and takes its center from sync_meta.
#pragma once

#include <cstdint>
#include <string>

#include "raida/core/clock.h"
#include "raida/core/result.h"

namespace raida::kiosk {

struct KioskProvisioning {
  bool provisioned = false;  // a device number in the database and `<db>.secret` beside it
  int64_t device = 0;
  std::string center_id;   // sync_meta 'center_id' ("" when not recorded)
  std::string server_url;  // sync_meta 'server_url'
};

// Reads the provisioning of the database at `db_path`. A database file that does not exist yet
// is simply not provisioned; one that exists but cannot be opened or read is an error (the
// caller goes on unprovisioned and the storage lane reports the fault on screen).
core::Result<KioskProvisioning> ReadProvisioning(const std::string& db_path,
                                                 const core::Clock& clock);

}  // namespace raida::kiosk
