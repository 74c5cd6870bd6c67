// SyncLock: flock(LOCK_EX | LOCK_NB) on `<db>.sync.lock`, released by closing the descriptor.
#include "raida/sync/sync_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace raida::sync {

core::Result<SyncLock> SyncLock::Acquire(const std::string& db_path) {
  const std::string path = db_path + ".sync.lock";
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    return core::MakeError(core::ErrorCode::kIo,
                           "cannot open the sync lock " + path + ": " + std::strerror(errno));
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int error = errno;
    ::close(fd);
    if (error == EWOULDBLOCK) {
      return core::MakeError(core::ErrorCode::kBusy, "another sync is running");
    }
    return core::MakeError(core::ErrorCode::kIo,
                           "cannot lock " + path + ": " + std::strerror(error));
  }
  return SyncLock(fd);
}

SyncLock& SyncLock::operator=(SyncLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) {
      ::close(fd_);
    }
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

SyncLock::~SyncLock() {
  if (fd_ >= 0) {
    ::close(fd_);
  }
}

}  // namespace raida::sync
