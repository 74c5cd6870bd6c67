// The sync health of every kiosk, as the Kiosks page shows it (internal to the web module).
//
// What the server knows of a kiosk comes from its requests (server_device, schemas 2 and 5): the
// last contact, the last successful sync, the app and schema versions it reported, its clock
// offset, the last error, and what it reported of itself at its last successful sync: the
// changes waiting in its outbox (with since when the oldest has waited) and its free disk
// space. Beside those, the changes from that kiosk the server set aside for review
// (quarantine) and nobody has accepted or discarded yet.
//
// A kiosk needs attention (shown red) when it is active and either has not synced successfully
// for kStaleSyncMs (counted from its provisioning when it never has), or has a change waiting in
// its outbox or set aside for review for longer than kStaleChangeMs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "raida/core/result.h"
#include "raida/core/store.h"

namespace raida::server::web {

inline constexpr int64_t kStaleSyncMs = 72LL * 3600 * 1000;
inline constexpr int64_t kStaleChangeMs = 7LL * 24 * 3600 * 1000;

struct KioskHealth {
  int64_t device_no = 0;
  std::string label;
  bool active = true;
  int64_t created_ms = 0;
  std::optional<int64_t> last_seen_ms;
  std::optional<int64_t> last_success_ms;
  std::string app_version;  // "" until the first sync
  std::optional<int64_t> schema_version;
  std::optional<int64_t> clock_offset_ms;   // server time minus kiosk time at the last sync
  std::string last_error;                   // "" when the last request succeeded
  std::optional<int64_t> outbox_pending;    // changes waiting on the kiosk (as last reported)
  std::optional<int64_t> outbox_oldest_ms;  // since when the oldest of them has waited
  std::optional<int64_t> disk_free_bytes;
  int64_t set_aside = 0;  // changes set aside for review
  std::optional<int64_t> oldest_set_aside_ms;
  bool needs_attention = false;  // the rule above, at the time the list was read
};

struct CenterKiosks {
  std::string center_id;
  std::string center_name;
  std::vector<KioskHealth> kiosks;  // by device number
};

// Every center (or only `center_id` when not empty), by name, with its kiosks; `now_ms` decides
// needs_attention.
core::Result<std::vector<CenterKiosks>> LoadKioskHealth(core::Store& store,
                                                        const std::string& center_id,
                                                        int64_t now_ms);

// The one kiosk `device_no` with its center, or nullopt.
struct KioskRef {
  int64_t device_no = 0;
  std::string label;
  bool active = true;
  std::string center_id;
  std::string center_name;
};
core::Result<std::optional<KioskRef>> FindKiosk(core::Store& store, int64_t device_no);
// The name of center `center_id`, or nullopt for an unknown center.
core::Result<std::optional<std::string>> FindCenterName(core::Store& store,
                                                        const std::string& center_id);

}  // namespace raida::server::web
