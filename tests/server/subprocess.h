// Subprocess: runs one of our binaries for a test, with stdout on a pipe the test reads line by
// line and stderr in a file, and never lets it outlive the test (SIGKILL in the destructor).
#pragma once

#include <sys/types.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace raida::testing {

class Subprocess {
 public:
  // Starts argv[0] with `argv`; stderr goes to `stderr_path`. nullptr when it cannot start.
  static std::unique_ptr<Subprocess> Start(const std::vector<std::string>& argv,
                                           const std::string& stderr_path);
  ~Subprocess();
  Subprocess(const Subprocess&) = delete;
  Subprocess& operator=(const Subprocess&) = delete;

  // The next line of stdout (without '\n'), or nullopt at end of output or after `timeout_ms`.
  std::optional<std::string> ReadLine(int timeout_ms);
  // Everything left on stdout until the process closes it, bounded by `timeout_ms`.
  std::string ReadRest(int timeout_ms);
  void Signal(int signal_number);
  // The exit code (or 128 + signal when killed), or nullopt if still running after `timeout_ms`.
  std::optional<int> Wait(int timeout_ms);

 private:
  Subprocess(pid_t pid, int stdout_fd) : pid_(pid), stdout_fd_(stdout_fd) {}
  pid_t pid_;
  int stdout_fd_;
  bool reaped_ = false;
  std::string buffer_;
  bool eof_ = false;
};

// The whole content of a file ("" when it cannot be read).
std::string ReadFile(const std::string& path);

}  // namespace raida::testing
