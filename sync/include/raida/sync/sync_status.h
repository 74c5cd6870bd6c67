// SyncStatus: what a coordinator sees about sync, read from the kiosk's own database.
//
// Everything here is what the last sessions left in sync_meta, the outbox and sync_issue, so it
// is true whether the last session succeeded, found no network, was refused, or had a change
// rejected: `raida-sync status` prints it and the kiosk's coordinator view shows it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "raida/core/result.h"
#include "raida/core/store.h"

namespace raida::sync {

struct SyncIssue {
  int64_t seq = 0;
  std::string table;
  std::string pk;
  std::string outcome;  // "waitlisted", "rejected", "redirected", "erased"
  std::string detail;
  int64_t at_ms = 0;
};

struct SyncStatus {
  int64_t device = 0;     // 0 until provisioned
  std::string center_id;  // "" until provisioned
  std::string server_url;
  int64_t last_success_ms = 0;  // 0 = never
  int64_t last_attempt_ms = 0;
  std::string last_error;  // plain words; "" when the last session succeeded
  int64_t waiting = 0;     // changes in the outbox
  int64_t issues = 0;      // sync_issue rows
  bool running = false;    // set by SyncWorker while a session runs
};

// Reads the status from `store`. Storage errors as the Store reports them.
core::Result<SyncStatus> ReadSyncStatus(core::Store& store);
// The newest `limit` issues, newest first.
core::Result<std::vector<SyncIssue>> ListSyncIssues(core::Store& store, int limit);

}  // namespace raida::sync
