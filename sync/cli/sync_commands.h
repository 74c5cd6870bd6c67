// `raida-sync provision`, `raida-sync once` and `raida-sync check`: giving a kiosk database its
// device identity, running one full sync session now (the nightly systemd timer, tests, a
// coordinator's laptop), and checking the kiosk's data against the district office's.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>

#include "raida/core/clock.h"

namespace raida::sync_cli {

struct ProvisionOptions {
  std::string db_path;
  std::string server_url;
  std::string code;
  std::string label;
  std::string pin;  // "sha256//..." pinned server key, or ""
  bool force = false;
};

// Creates the database if missing, exchanges the code, stores the secret beside the database.
// kExitOk on success; kExitFailure when the server refuses or cannot be reached; kExitBadInput
// for a database that is already provisioned (without --force) or cannot be opened.
int RunProvision(const ProvisionOptions& options, const core::Clock& clock, std::ostream& out,
                 std::ostream& err);

struct OnceOptions {
  std::string db_path;
  int64_t max_session_ms = 10 * 60'000;
  int max_attempts = 4;
  int64_t low_speed_time_s = 60;   // a reply slower than 64 B/s for this long is given up
  int64_t connect_timeout_s = 30;  // no connection within this long is given up
};

// Runs one session under the sync lock and prints requests, bytes on the wire and uncompressed,
// changes sent and received, and the duration. kExitOk on success, kExitFailure with the reason
// in plain words otherwise (no network, refused, another sync running, not provisioned),
// kExitBadInput for a database that cannot be opened.
int RunOnce(const OnceOptions& options, const core::Clock& clock, std::ostream& out,
            std::ostream& err);

struct CheckOptions {
  std::string db_path;
  bool repair = true;  // false (--no-repair): only report what differs
  int64_t max_session_ms = 10 * 60'000;
  int64_t low_speed_time_s = 60;
  int64_t connect_timeout_s = 30;
};

// The divergence check by hand (raida/sync/digest_check.h): one sync session first, so nothing
// waits to be sent or pulled, then the check, and the repair of each table that differs.
// Prints per table what matched and what was repaired (counts and table names, no personal
// data), then requests, bytes and the duration of the check. kExitOk when every table matches
// (at once or after its repair), kExitFailure otherwise, kExitBadInput for a database that
// cannot be opened.
int RunCheck(const CheckOptions& options, const core::Clock& clock, std::ostream& out,
             std::ostream& err);

}  // namespace raida::sync_cli
