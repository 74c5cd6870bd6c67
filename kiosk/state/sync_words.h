// Sync status in plain words: which translation key says what the background sync last
// reported, for the "Kiosk status" screen. Pure functions of strings (no clock, no ImGui), so the
// reducer's tests and the UI tests can check every case.
#pragma once

#include <string>

#include "kiosk/state/app_state.h"

namespace raida::kiosk {

// The status screen's key for the sync code's plain-English `last_error` (sync_meta
// 'last_error', SyncClient's words): "" for no error, "status.error.refused" for a kiosk the
// district office refuses (unknown or revoked device), "status.error.no_connection",
// "status.error.slow", "status.error.certificate", "status.error.not_provisioned",
// "status.error.busy", "status.error.database", "status.error.server", and
// "status.error.other" for anything else (the words themselves are in the log).
std::string SyncErrorKey(const std::string& last_error);

// True when `last_error` says the district office refuses this kiosk (401/403).
bool IsRefusal(const std::string& last_error);

// "When was the last successful sync" as a key and its values: "status.when.never",
// "status.when.today" {time}, "status.when.yesterday" {time}, "status.when.days_ago" {days},
// or "status.when.date" {date} (a day after `today`: the kiosk's clock was wrong).
struct LastSyncWords {
  const char* key = "status.when.never";
  std::string time;  // "14:05"
  std::string days;  // "3"
  std::string date;  // "2026-11-22"
};
LastSyncWords DescribeLastSync(const SyncView& sync, const std::string& today);

// Sets `days` to the days from `from` to `to` (ISO dates "2026-11-22"); false when either is not
// a date.
bool DaysBetween(const std::string& from, const std::string& to, long& days);

}  // namespace raida::kiosk
