// Sync status in plain words (see sync_words.h). The sync code's messages are English sentences
// meant for logs and `raida-sync status`; the kiosk shows its own translated sentence for each
// kind, matched on the stable part of the message.
#include "kiosk/state/sync_words.h"

#include <cstdio>

#include "raida/sync/sync_client.h"

namespace raida::kiosk {
namespace {

bool Contains(const std::string& text, const char* part) {
  return text.find(part) != std::string::npos;
}

bool StartsWith(const std::string& text, const char* prefix) { return text.rfind(prefix, 0) == 0; }

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
long DaysFromCivil(long y, long m, long d) {
  y -= m <= 2 ? 1 : 0;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

bool ParseIsoDate(const std::string& text, long& days) {
  int y = 0;
  int m = 0;
  int d = 0;
  char tail = 0;
  if (text.size() != 10 || std::sscanf(text.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 ||
      m < 1 || m > 12 || d < 1 || d > 31) {
    return false;
  }
  days = DaysFromCivil(y, m, d);
  return true;
}

}  // namespace

bool IsRefusal(const std::string& last_error) { return sync::IsRefusedError(last_error); }

std::string SyncErrorKey(const std::string& last_error) {
  if (last_error.empty()) {
    return "";
  }
  if (IsRefusal(last_error)) {
    return "status.error.refused";
  }
  if (StartsWith(last_error, "refused:")) {
    return "status.error.server";
  }
  if (Contains(last_error, "too slow") || Contains(last_error, "broke off")) {
    return "status.error.slow";
  }
  if (Contains(last_error, "no connection")) {
    return "status.error.no_connection";
  }
  if (Contains(last_error, "could not be verified") || Contains(last_error, "https is required")) {
    return "status.error.certificate";
  }
  if (Contains(last_error, "provision") || Contains(last_error, "device secret")) {
    return "status.error.not_provisioned";
  }
  if (Contains(last_error, "another sync")) {
    return "status.error.busy";
  }
  if (Contains(last_error, "database")) {
    return "status.error.database";
  }
  return "status.error.other";
}

bool DaysBetween(const std::string& from, const std::string& to, long& days) {
  long a = 0;
  long b = 0;
  if (!ParseIsoDate(from, a) || !ParseIsoDate(to, b)) {
    return false;
  }
  days = b - a;
  return true;
}

LastSyncWords DescribeLastSync(const SyncView& sync, const std::string& today) {
  LastSyncWords words;
  if (sync.last_success_ms <= 0 || sync.last_success_day.empty()) {
    return words;  // never
  }
  words.time = sync.last_success_time;
  words.date = sync.last_success_day;
  long days = 0;
  if (!DaysBetween(sync.last_success_day, today, days) || days < 0) {
    words.key = "status.when.date";
  } else if (days == 0) {
    words.key = "status.when.today";
  } else if (days == 1) {
    words.key = "status.when.yesterday";
  } else {
    words.key = "status.when.days_ago";
    words.days = std::to_string(days);
  }
  return words;
}

}  // namespace raida::kiosk
