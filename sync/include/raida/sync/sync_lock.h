// SyncLock: only one syncer per database at a time.
//
// The kiosk's background worker, the nightly `raida-sync once` and a coordinator's manual run may
// all want to sync the same database. Each takes an exclusive, non-blocking flock() on
// `<db>.sync.lock` for the whole session; the second one is told "another sync is running" and
// does nothing. The lock dies with the process, so a crashed syncer never blocks the next.
#pragma once

#include <string>

#include "raida/core/result.h"

namespace raida::sync {

class SyncLock {
 public:
  // Takes the lock for `db_path`. kBusy "another sync is running" when someone holds it (in this
  // or another process), kIo when the lock file cannot be created.
  static core::Result<SyncLock> Acquire(const std::string& db_path);

  SyncLock(SyncLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  SyncLock& operator=(SyncLock&& other) noexcept;
  SyncLock(const SyncLock&) = delete;
  SyncLock& operator=(const SyncLock&) = delete;
  ~SyncLock();

 private:
  explicit SyncLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace raida::sync
