// RunStatus: opens the database through the core Store (migrating it like any Raida program
// would), asks the outbox repository for what waits, and optionally checks the server.
#include "status_command.h"

#include "raida/core/hlc.h"
#include "raida/core/outbox_repository.h"
#include "raida/core/store.h"
#include "raida/core/sync_meta_repository.h"
#include "raida/sync/digest_check.h"
#include "raida/sync/health_client.h"
#include "raida/sync/sync_status.h"

namespace raida::sync_cli {
namespace {

void PrintServer(const StatusOptions& options, std::ostream& out) {
  auto health = sync::CheckHealth(*options.server_url, options.timeout_ms);
  if (!health.ok()) {
    out << "server:            " << *options.server_url
        << " does not answer: " << health.error().message << "\n";
    return;
  }
  out << "server:            " << *options.server_url << " answers (version "
      << health->server_version << ", schema " << health->schema_version << ", district "
      << (health->district_id.empty() ? "not loaded" : health->district_id) << ")\n";
}

std::string When(int64_t at_ms, int64_t now_ms) {
  if (at_ms <= 0) {
    return "never";
  }
  const int64_t age = now_ms - at_ms;
  return age < 1000 ? "just now" : FormatAge(age) + " ago";
}

// What the last sessions left behind: the truth after a success, no network, a refusal or a
// rejected change.
void PrintSyncState(core::Store& db, const core::Clock& clock, std::ostream& out) {
  auto status = sync::ReadSyncStatus(db);
  auto issues = sync::ListSyncIssues(db, 5);
  if (!status.ok() || !issues.ok()) {
    out << "sync state:        cannot be read: "
        << (!status.ok() ? status.error() : issues.error()).message << "\n";
    return;
  }
  const int64_t now = clock.NowMs();
  out << "center:            " << (status->center_id.empty() ? "none" : status->center_id) << "\n";
  out << "district server:   " << (status->server_url.empty() ? "none" : status->server_url)
      << "\n";
  out << "last success:      " << When(status->last_success_ms, now) << "\n";
  out << "last attempt:      " << When(status->last_attempt_ms, now) << "\n";
  out << "last error:        " << (status->last_error.empty() ? "none" : status->last_error)
      << "\n";
  // The last divergence check (digest_check.h): when, and what it found.
  core::SyncMetaRepository meta(db);
  auto checked = meta.GetInt(sync::kLastDigestCheckKey);
  auto found = meta.GetText(sync::kLastDigestResultKey);
  out << "last data check:   "
      << (checked.ok() ? When(checked->value_or(0), now) : "cannot be read")
      << (found.ok() && found->has_value() ? " (" + **found + ")" : "") << "\n";
  out << "needing attention: " << status->issues << "\n";
  for (const sync::SyncIssue& issue : *issues) {
    out << "  " << issue.outcome << ": " << issue.table << " " << issue.pk
        << (issue.detail.empty() ? "" : " (" + issue.detail + ")") << ", " << When(issue.at_ms, now)
        << "\n";
  }
}

}  // namespace

std::string FormatAge(int64_t ms) {
  const int64_t seconds = ms / 1000;
  if (seconds < 1) {
    return "just now";
  }
  if (seconds < 60) {
    return std::to_string(seconds) + " s";
  }
  const int64_t minutes = seconds / 60;
  if (minutes < 60) {
    return std::to_string(minutes) + " min";
  }
  const int64_t hours = minutes / 60;
  if (hours < 48) {
    return std::to_string(hours) + " h " + std::to_string(minutes % 60) + " min";
  }
  return std::to_string(hours / 24) + " days " + std::to_string(hours % 24) + " h";
}

int RunStatus(const StatusOptions& options, const core::Clock& clock, std::ostream& out,
              std::ostream& err) {
  core::StoreOptions store_options;
  store_options.path = options.db_path;
  store_options.mode = core::OpenMode::kOpenExisting;
  auto store = core::Store::Open(store_options, clock);
  if (!store.ok()) {
    // The store's message names the file already; add it only when it does not.
    const std::string& message = store.error().message;
    err << "raida-sync: "
        << (message.find(options.db_path) != std::string::npos
                ? message
                : "cannot open database " + options.db_path + ": " + message)
        << "\n";
    return kExitBadInput;
  }
  core::Store& db = *store.value();
  auto schema_version = db.db().UserVersion();
  core::OutboxRepository outbox(db);
  auto waiting = outbox.CountPending();
  auto oldest = outbox.ListPending(1);
  if (!schema_version.ok() || !waiting.ok() || !oldest.ok()) {
    const core::Error& error = !schema_version.ok() ? schema_version.error()
                               : !waiting.ok()      ? waiting.error()
                                                    : oldest.error();
    err << "raida-sync: cannot read database " << options.db_path << ": " << error.message << "\n";
    return kExitBadInput;
  }
  out << "database:          " << options.db_path << "\n";
  out << "schema version:    " << schema_version.value() << "\n";
  out << "device id:         " << db.device_id()
      << (db.device_id() == 0 ? " (not provisioned yet)" : "") << "\n";
  out << "changes waiting:   " << waiting.value() << "\n";
  if (oldest->empty()) {
    out << "oldest waiting:    none\n";
  } else {
    const int64_t age_ms = clock.NowMs() - core::HlcMs(oldest->front().hlc);
    out << "oldest waiting:    " << FormatAge(age_ms < 0 ? 0 : age_ms) << " ago\n";
  }
  PrintSyncState(db, clock, out);
  if (options.server_url) {
    PrintServer(options, out);
  }
  return kExitOk;
}

}  // namespace raida::sync_cli
