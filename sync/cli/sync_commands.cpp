// RunProvision, RunOnce and RunCheck: the command-line edges of the sync client. They open the
// Store, build the real CurlTransport from the address recorded in sync_meta and print what
// happened; all the work is in raida::sync_client.
#include "sync_commands.h"

#include <algorithm>
#include <memory>
#include <optional>

#include "raida/core/sealed_notes.h"
#include "raida/core/store.h"
#include "raida/core/sync_meta_repository.h"
#include "raida/sync/credentials.h"
#include "raida/sync/curl_transport.h"
#include "raida/sync/digest_check.h"
#include "raida/sync/sync_client.h"
#include "raida/sync/sync_lock.h"
#include "status_command.h"

#ifndef RAIDA_VERSION
#error "RAIDA_VERSION must be defined by the build"
#endif

namespace raida::sync_cli {
namespace {

core::Result<std::unique_ptr<core::Store>> OpenDb(const std::string& path, core::OpenMode mode,
                                                  const core::Clock& clock) {
  core::StoreOptions options;
  options.path = path;
  options.mode = mode;
  return core::Store::Open(options, clock);
}

// What a command that talks to the district server needs: the database, held under the sync
// lock, the device's credentials and a transport to the address recorded at provisioning.
struct Connection {
  std::unique_ptr<core::Store> store;
  std::optional<sync::SyncLock> lock;
  std::optional<sync::Credentials> credentials;
  std::unique_ptr<sync::CurlTransport> transport;
};

// Fills `c`, or says in `err` why not: kExitBadInput for a database that cannot be opened,
// kExitFailure for another sync running, no provisioning or a transport that cannot be made.
int Connect(const std::string& db_path, int64_t low_speed_time_s, int64_t connect_timeout_s,
            const core::Clock& clock, std::ostream& err, Connection& c) {
  auto store = OpenDb(db_path, core::OpenMode::kOpenExisting, clock);
  if (!store.ok()) {
    err << "raida-sync: cannot open database " << db_path << ": " << store.error().message << "\n";
    return kExitBadInput;
  }
  c.store = std::move(*store);
  auto lock = sync::SyncLock::Acquire(db_path);
  if (!lock.ok()) {
    err << "raida-sync: " << lock.error().message << "\n";
    return kExitFailure;
  }
  c.lock.emplace(std::move(*lock));
  auto credentials = sync::LoadCredentials(*c.store, sync::SecretPathFor(db_path));
  core::SyncMetaRepository meta(*c.store);
  auto url = meta.GetText("server_url");
  auto pin = meta.GetText("server_pin");
  if (!credentials.ok() || !url.ok() || !url->has_value() || !pin.ok()) {
    err << "raida-sync: "
        << (credentials.ok() ? "no district server address recorded (run raida-sync provision)"
                             : credentials.error().message)
        << "\n";
    return kExitFailure;
  }
  c.credentials.emplace(std::move(*credentials));
  sync::CurlOptions curl;
  curl.base_url = **url;
  curl.pinned_key = pin->value_or("");
  curl.low_speed_time_s = low_speed_time_s;
  curl.connect_timeout_ms = connect_timeout_s * 1000;
  auto transport = sync::CurlTransport::Create(curl);
  if (!transport.ok()) {
    err << "raida-sync: " << transport.error().message << "\n";
    return kExitFailure;
  }
  c.transport = std::move(*transport);
  return kExitOk;
}

std::string Kb(int64_t bytes) {
  if (bytes < 10'000) {
    return std::to_string(bytes) + " B";
  }
  return std::to_string(bytes / 1024) + " KiB";
}

void PrintStats(const sync::SessionStats& s, std::ostream& out) {
  out << "requests:          " << s.requests << "\n";
  out << "sent:              " << Kb(s.wire_bytes_up) << " on the wire (" << Kb(s.body_bytes_up)
      << " compressed body, " << Kb(s.json_bytes_up) << " uncompressed)\n";
  out << "received:          " << Kb(s.wire_bytes_down) << " on the wire (" << Kb(s.body_bytes_down)
      << " compressed body, " << Kb(s.json_bytes_down) << " uncompressed)\n";
  out << "changes sent:      " << s.changes_sent << "\n";
  out << "changes received:  " << s.changes_received << "\n";
  out << "needing attention: " << s.issues << "\n";
  out << "duration:          " << s.duration_ms << " ms\n";
}

}  // namespace

int RunProvision(const ProvisionOptions& options, const core::Clock& clock, std::ostream& out,
                 std::ostream& err) {
  auto store = OpenDb(options.db_path, core::OpenMode::kCreateIfMissing, clock);
  if (!store.ok()) {
    err << "raida-sync: cannot open database " << options.db_path << ": " << store.error().message
        << "\n";
    return kExitBadInput;
  }
  if ((*store)->device_id() > 0 && !options.force) {
    err << "raida-sync: " << options.db_path << " is already provisioned as device "
        << (*store)->device_id() << "; add --force to provision it again\n";
    return kExitBadInput;
  }
  sync::CurlOptions curl;
  curl.base_url = options.server_url;
  curl.pinned_key = options.pin;
  auto transport = sync::CurlTransport::Create(curl);
  if (!transport.ok()) {
    err << "raida-sync: " << transport.error().message << "\n";
    return kExitBadInput;
  }
  sync::ProvisionRequest request{options.server_url, options.code, options.label, options.pin,
                                 options.force};
  auto result =
      sync::Provision(**store, **transport, sync::SecretPathFor(options.db_path), request);
  if (!result.ok()) {
    err << "raida-sync: " << result.error().message << "\n";
    return result.error().code == core::ErrorCode::kConflict ? kExitBadInput : kExitFailure;
  }
  out << "provisioned:       device " << result->device << " of " << result->center_id << "\n";
  out << "server:            " << options.server_url << "\n";
  out << "secret:            " << sync::SecretPathFor(options.db_path) << " (mode 0600)\n";
  out << "center key:        "
      << (result->center_key ? core::CenterKeyPathFor(options.db_path) + " (mode 0600)"
                             : std::string("none: this server is too old for sealed notes"))
      << "\n";
  return kExitOk;
}

int RunOnce(const OnceOptions& options, const core::Clock& clock, std::ostream& out,
            std::ostream& err) {
  Connection c;
  if (const int failed = Connect(options.db_path, options.low_speed_time_s,
                                 options.connect_timeout_s, clock, err, c);
      failed != kExitOk) {
    return failed;
  }
  sync::SyncClientOptions client_options;
  client_options.app_version = RAIDA_VERSION;
  client_options.max_session_ms = options.max_session_ms;
  client_options.max_attempts = options.max_attempts;
  sync::SyncClient client(*c.store, *c.transport, std::move(*c.credentials), client_options);
  const sync::SessionResult result = client.RunSession();
  out << "result:            " << (result.ok() ? "synced" : "failed") << "\n";
  PrintStats(result.stats, out);
  if (!result.ok()) {
    err << "raida-sync: sync failed: " << result.message << "\n";
    return kExitFailure;
  }
  if (result.outcome == sync::SessionOutcome::kPartial) {
    out << "note:              " << result.message << "\n";
  }
  return kExitOk;
}

namespace {

// One table's line: "person             matched (120 rows)", or what its repair did.
void PrintTable(const sync::TableCheck& check, std::ostream& out) {
  std::string name = check.table + ":";
  name.resize(std::max<size_t>(name.size() + 1, 20), ' ');
  out << name;
  if (check.matched) {
    out << "matched (" << check.kiosk_rows << " rows)\n";
    return;
  }
  out << "differed (kiosk " << check.kiosk_rows << " rows, office " << check.office_rows
      << " rows)";
  if (check.repaired || check.changed + check.added + check.removed + check.kept_waiting > 0) {
    out << "; " << (check.repaired ? "repaired" : "still differs") << ": " << check.changed
        << " changed, " << check.added << " added, " << check.removed << " removed";
    if (check.kept_waiting > 0) {
      out << ", " << check.kept_waiting << " left with changes waiting";
    }
  }
  out << "\n";
}

}  // namespace

int RunCheck(const CheckOptions& options, const core::Clock& clock, std::ostream& out,
             std::ostream& err) {
  Connection c;
  if (const int failed = Connect(options.db_path, options.low_speed_time_s,
                                 options.connect_timeout_s, clock, err, c);
      failed != kExitOk) {
    return failed;
  }
  sync::SyncClientOptions client_options;
  client_options.app_version = RAIDA_VERSION;
  client_options.max_session_ms = options.max_session_ms;
  sync::DigestCheckOptions check_options;
  check_options.repair = options.repair;
  sync::DigestResult result;
  // A kiosk that is behind syncs and checks again: another kiosk may have sent changes between
  // this one's sync and its check.
  for (int attempt = 0; attempt < 3; ++attempt) {
    const sync::SessionResult session =
        sync::SyncClient(*c.store, *c.transport, *c.credentials, client_options).RunSession();
    if (session.outcome != sync::SessionOutcome::kSynced) {
      err << "raida-sync: the sync before the check did not finish: "
          << (session.message.empty() ? "more changes wait" : session.message) << "\n";
      return kExitFailure;
    }
    result = sync::DigestCheck(*c.store, *c.transport, *c.credentials, check_options).Run();
    if (result.outcome != sync::DigestOutcome::kNotReady) {
      break;
    }
  }
  for (const sync::TableCheck& check : result.tables) {
    PrintTable(check, out);
  }
  out << "result:            " << sync::DigestOutcomeName(result.outcome) << "\n";
  out << "requests:          " << result.stats.requests << "\n";
  out << "sent:              " << Kb(result.stats.wire_bytes_up) << " on the wire ("
      << Kb(result.stats.body_bytes_up) << " compressed body, " << Kb(result.stats.json_bytes_up)
      << " uncompressed)\n";
  out << "received:          " << Kb(result.stats.wire_bytes_down) << " on the wire ("
      << Kb(result.stats.body_bytes_down) << " compressed body, "
      << Kb(result.stats.json_bytes_down) << " uncompressed)\n";
  out << "duration:          " << result.stats.duration_ms << " ms\n";
  if (!result.ok()) {
    err << "raida-sync: check: " << result.message << "\n";
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace raida::sync_cli
