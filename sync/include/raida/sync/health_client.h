// Asking the district server whether it is there (GET /api/v1/health), with libcurl.
//
// Used by the kiosk to show whether the district office can be reached and by `raida-sync
// status`. Bounded in time: a village link that is down must never hold a caller for long.
#pragma once

#include <cstdint>
#include <string>

#include "raida/core/result.h"

namespace raida::sync {

struct ServerHealth {
  std::string server_version;  // "0.1.0"
  int schema_version = 0;
  int64_t server_time_ms = 0;  // the server's wall clock, Unix ms
  std::string district_id;     // "" when the server has no district loaded yet
};

// Errors: kNetwork (unreachable, timeout, connection cut), kCorrupt (not the health JSON),
// kInvalidArgument (a URL that is not http(s)://).
core::Result<ServerHealth> CheckHealth(const std::string& base_url, int timeout_ms = 3000);

}  // namespace raida::sync
