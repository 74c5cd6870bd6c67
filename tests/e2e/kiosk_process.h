// KioskProcess: starts the real raida-kiosk (or any program) as a child process with its output
// in a log file, waits for it with a time bound and stops it with a signal. For the e2e tests,
// which run under xvfb-run so that DISPLAY names the virtual screen.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace raida::e2e {

class KioskProcess {
 public:
  // Starts `program` with `args`; stdout and stderr go to `log_path`. `unset_env` names
  // environment variables the child must not inherit (e.g. "DISPLAY"). Check started().
  //
  // The child runs with LeakSanitizer off: the GL driver (Mesa via GLX) is dlopen'ed and
  // unloaded at exit, so its own leaks have no module name a suppression could match. ASan's
  // other checks stay on; Raida's own code is leak-checked by the unit and headless UI tests.
  KioskProcess(const std::string& program, const std::vector<std::string>& args,
               const std::string& log_path, const std::vector<std::string>& unset_env = {});
  // Kills the child (SIGKILL) if it still runs, and reaps it.
  ~KioskProcess();
  KioskProcess(const KioskProcess&) = delete;
  KioskProcess& operator=(const KioskProcess&) = delete;

  bool started() const { return pid_ > 0; }
  pid_t pid() const { return pid_; }
  // The exit code once the child has exited within `timeout`; nullopt when it still runs.
  // A child killed by a signal reports 128 + the signal number, as a shell would.
  std::optional<int> Wait(std::chrono::milliseconds timeout);
  // True while the child has not exited.
  bool Running();
  // Sends `signal` to the child.
  void Signal(int signal);
  // What the child wrote so far.
  std::string Log() const;

 private:
  pid_t pid_ = -1;
  std::optional<int> exit_code_;
  std::string log_path_;
};

// CPU time (user + system) the process has used so far, in seconds; -1 when unknown.
double ProcessCpuSeconds(pid_t pid);

}  // namespace raida::e2e
