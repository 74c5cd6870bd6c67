// `raida-sync status`: what a coordinator or an administrator asks first when sync seems stuck.
//
// Prints the local database's schema version, this device's id, how many changes wait in the
// outbox and how old the oldest of them is, and, with a server address, whether the district
// server answers. Reads only; the database must already exist (a missing file is an error,
// never silently created).
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

#include "raida/core/clock.h"

namespace raida::sync_cli {

struct StatusOptions {
  std::string db_path;
  std::optional<std::string> server_url;  // e.g. "http://127.0.0.1:8080"
  int timeout_ms = 3000;                  // for the server check
};

// Exit codes shared by raida-sync's commands.
constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitBadInput = 2;  // missing, corrupt or too-new database; bad arguments

// Runs the command: the report goes to `out`, errors to `err`. Returns kExitOk when the
// database could be read (an unreachable server is reported in the output, not as a failure),
// kExitBadInput when it could not.
int RunStatus(const StatusOptions& options, const core::Clock& clock, std::ostream& out,
              std::ostream& err);

// "just now", "42 s", "5 min", "3 h 12 min", "2 days 4 h": how long ago, in plain words.
std::string FormatAge(int64_t ms);

}  // namespace raida::sync_cli
