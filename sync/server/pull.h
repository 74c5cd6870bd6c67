// The pull side of sync on the server: pages of change_log for a device's scope, and publishing
// loaded district data into change_log (internal to raida_server_lib).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "raida/core/result.h"
#include "raida/core/store.h"
#include "raida/sync/protocol.h"

namespace raida::server::detail {

struct PullPage {
  std::vector<sync::PulledChange> changes;
  int64_t next = 0;
  bool more = false;
};

// The change_log condition that selects what a device pulls: the district's entries and those
// of its center, the center bound as SQL parameter number `center_param`. The pull and the
// divergence check (digest.h) both use it, so they agree on what a kiosk holds.
std::string InPullScopeSql(int center_param);

// Entries after `cursor` in scopes {"district", center_id} not made by `device_no` (except
// those up to `own_through`: a reconciling device gets its own changes back), in server_seq order,
// up to about `max_bytes` of payload (at least one entry). When the page holds everything, `next`
// is the head of the whole log, so entries of other scopes are skipped for good. Downcast to
// `client_schema` (the kiosk's schema version): tables and columns newer than it are left out, so
// an older kiosk receives only what it can hold.
core::Result<PullPage> ReadPullPage(core::Store& store, const std::string& center_id,
                                    int64_t device_no, int64_t cursor, int64_t max_bytes,
                                    int client_schema, int64_t own_through = 0);

// Appends every synced row whose (table, id, hlc) is not yet in change_log. Returns the count.
core::Result<int64_t> PublishRows(core::Store& store);

}  // namespace raida::server::detail
