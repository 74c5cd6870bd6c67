// WritePrivateFile and MakePrivateFolder (see private_file.h).
#include "raida/core/private_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace raida::core {
namespace {

namespace fs = std::filesystem;

Error IoError(const std::string& what, const std::string& path) {
  return MakeError(ErrorCode::kIo, what + " " + path + ": " + std::strerror(errno));
}

}  // namespace

Status MakePrivateFolder(const std::string& dir) {
  std::error_code error;
  if (fs::is_directory(dir, error)) {
    return Ok();
  }
  const fs::path parent = fs::path(dir).parent_path();
  if (!parent.empty()) {
    fs::create_directories(parent, error);
    if (error) {
      return MakeError(ErrorCode::kIo, "cannot create " + parent.string() + ": " + error.message());
    }
  }
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
    return IoError("cannot create", dir);
  }
  return Ok();
}

Status WritePrivateFile(const std::string& path, const std::string& bytes) {
  const fs::path parent = fs::path(path).parent_path();
  if (!parent.empty()) {
    RAIDA_TRY(MakePrivateFolder(parent.string()));
  }
  const std::string tmp = path + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) {
    return IoError("cannot create", tmp);
  }
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      break;
    }
    done += static_cast<size_t>(n);
  }
  Status status = Ok();
  if (done != bytes.size()) {
    status = IoError("cannot write", tmp);
  } else if (::fsync(fd) != 0) {
    status = IoError("cannot flush", tmp);
  }
  ::close(fd);
  if (status.ok() && std::rename(tmp.c_str(), path.c_str()) != 0) {
    status = IoError("cannot rename onto", path);
  }
  if (!status.ok()) {
    std::error_code ignored;
    fs::remove(tmp, ignored);
    return status;
  }
  // The rename itself reaches the disk only with its folder.
  const std::string folder = parent.empty() ? "." : parent.string();
  const int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return status;
}

}  // namespace raida::core
