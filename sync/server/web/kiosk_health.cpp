// Reading the kiosks' sync health for the Kiosks page; see kiosk_health.h.
#include "web/kiosk_health.h"

#include <map>

namespace raida::server::web {
namespace {

core::Result<std::vector<CenterKiosks>> LoadCenters(core::Store& store,
                                                    const std::string& center_id) {
  RAIDA_ASSIGN_OR_RETURN(core::Statement stmt,
                         store.db().Prepare("SELECT id, name FROM center WHERE deleted = 0 AND "
                                            "(?1 = '' OR id = ?1) ORDER BY name, id"));
  stmt.Bind(1, center_id);
  std::vector<CenterKiosks> centers;
  while (true) {
    RAIDA_ASSIGN_OR_RETURN(const bool row, stmt.Step());
    if (!row) {
      return centers;
    }
    centers.push_back({stmt.ColumnText(0), stmt.ColumnText(1), {}});
  }
}

bool NeedsAttention(const KioskHealth& kiosk, int64_t now_ms) {
  if (!kiosk.active) {
    return false;
  }
  const int64_t synced = kiosk.last_success_ms.value_or(kiosk.created_ms);
  const bool stale_sync = now_ms - synced > kStaleSyncMs;
  const auto stale = [now_ms](const std::optional<int64_t>& since_ms) {
    return since_ms && now_ms - *since_ms > kStaleChangeMs;
  };
  const bool stale_change = stale(kiosk.outbox_oldest_ms) || stale(kiosk.oldest_set_aside_ms);
  return stale_sync || stale_change;
}

}  // namespace

core::Result<std::vector<CenterKiosks>> LoadKioskHealth(core::Store& store,
                                                        const std::string& center_id,
                                                        int64_t now_ms) {
  RAIDA_ASSIGN_OR_RETURN(std::vector<CenterKiosks> centers, LoadCenters(store, center_id));
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < centers.size(); ++i) {
    index[centers[i].center_id] = i;
  }
  RAIDA_ASSIGN_OR_RETURN(
      core::Statement stmt,
      store.db().Prepare(
          "SELECT d.device_no, d.center_id, d.label, d.status, d.created_ms, d.last_seen_ms, "
          "d.last_success_ms, coalesce(d.app_version, ''), d.schema_version, d.clock_offset_ms, "
          "coalesce(d.last_error, ''), count(q.id), min(q.at_ms), d.outbox_pending, "
          "d.outbox_oldest_ms, d.disk_free_bytes FROM server_device d LEFT JOIN "
          "quarantine q ON q.device_no = d.device_no AND q.status = 'open' WHERE ?1 = '' OR "
          "d.center_id = ?1 GROUP BY "
          "d.device_no ORDER BY d.device_no"));
  stmt.Bind(1, center_id);
  while (true) {
    RAIDA_ASSIGN_OR_RETURN(const bool row, stmt.Step());
    if (!row) {
      return centers;
    }
    const auto center = index.find(stmt.ColumnText(1));
    if (center == index.end()) {
      continue;  // a device of a center that is no longer in the district
    }
    KioskHealth kiosk;
    kiosk.device_no = stmt.ColumnInt(0);
    kiosk.label = stmt.ColumnText(2);
    kiosk.active = stmt.ColumnText(3) == "active";
    kiosk.created_ms = stmt.ColumnInt(4);
    kiosk.last_seen_ms = stmt.ColumnOptionalInt(5);
    kiosk.last_success_ms = stmt.ColumnOptionalInt(6);
    kiosk.app_version = stmt.ColumnText(7);
    kiosk.schema_version = stmt.ColumnOptionalInt(8);
    kiosk.clock_offset_ms = stmt.ColumnOptionalInt(9);
    kiosk.last_error = stmt.ColumnText(10);
    kiosk.set_aside = stmt.ColumnInt(11);
    kiosk.oldest_set_aside_ms = stmt.ColumnOptionalInt(12);
    kiosk.outbox_pending = stmt.ColumnOptionalInt(13);
    kiosk.outbox_oldest_ms = stmt.ColumnOptionalInt(14);
    kiosk.disk_free_bytes = stmt.ColumnOptionalInt(15);
    kiosk.needs_attention = NeedsAttention(kiosk, now_ms);
    centers[center->second].kiosks.push_back(std::move(kiosk));
  }
}

core::Result<std::optional<KioskRef>> FindKiosk(core::Store& store, int64_t device_no) {
  RAIDA_ASSIGN_OR_RETURN(
      core::Statement stmt,
      store.db().Prepare("SELECT d.device_no, d.label, d.status, d.center_id, coalesce(c.name, "
                         "d.center_id) FROM server_device d LEFT JOIN center c ON c.id = "
                         "d.center_id WHERE d.device_no = ?"));
  RAIDA_ASSIGN_OR_RETURN(const bool found, stmt.Bind(1, device_no).Step());
  if (!found) {
    return std::optional<KioskRef>();
  }
  KioskRef kiosk{stmt.ColumnInt(0), stmt.ColumnText(1), stmt.ColumnText(2) == "active",
                 stmt.ColumnText(3), stmt.ColumnText(4)};
  stmt.Reset();
  return std::optional<KioskRef>(std::move(kiosk));
}

core::Result<std::optional<std::string>> FindCenterName(core::Store& store,
                                                        const std::string& center_id) {
  RAIDA_ASSIGN_OR_RETURN(
      core::Statement stmt,
      store.db().Prepare("SELECT name FROM center WHERE id = ? AND deleted = 0"));
  RAIDA_ASSIGN_OR_RETURN(const bool found, stmt.Bind(1, center_id).Step());
  std::optional<std::string> name;
  if (found) {
    name = stmt.ColumnText(0);
  }
  stmt.Reset();
  return name;
}

}  // namespace raida::server::web
