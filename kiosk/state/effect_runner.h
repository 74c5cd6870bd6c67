// EffectRunner: runs the effects Reduce() returns, off the UI thread, and posts what came of
// them back as result actions.
//
// Two worker threads ("lanes") keep a slow village link from ever holding up a person:
//   storage lane  owns the kiosk's own core::Store (opened on that thread, used only there)
//                 and runs LoadCatalog, LoadCourse, LoadCenter, SignInWithCard, SaveSignUp;
//   network lane  runs CheckServer against the district server (bounded by a timeout).
// Each lane runs its effects one at a time in the order they were posted.
//
// Failures become actions, never exceptions: a sign-up that could not be saved is SignUpFailed
// with a translation key for the notice; a database that cannot be opened or read is
// FaultOccurred ("fault.database"). The log gets the error code and message; never a name, a
// card code or another personal value.
//
// The storage lane starts by opening the store (kCreateIfMissing only when a seed file is
// given: otherwise a missing database is a fault, never a silently empty kiosk) and, when the
// database has no catalog yet, loading the seed district file for this center.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/state/action_queue.h"
#include "kiosk/state/effects.h"
#include "raida/core/clock.h"

namespace raida::core {
class Store;
}

namespace raida::kiosk {

struct EffectRunnerOptions {
  std::string db_path;                   // the kiosk's database file
  std::string center_id;                 // this kiosk's center ("center.bajorai")
  std::optional<std::string> seed_file;  // district file loaded when the db has no catalog yet
  std::string server_url;                // district server; "" = none: CheckServer says offline
  int server_timeout_ms = 3000;          // bound on one CheckServer
};

// Fault keys the runner posts (translated on the kFault screen).
inline constexpr const char* kFaultDatabaseKey = "fault.database";
inline constexpr const char* kFaultSeedKey = "fault.seed";
// Notice keys of SignUpFailed.
inline constexpr const char* kSignUpAlreadyKey = "signup.error.already";
inline constexpr const char* kSignUpUnavailableKey = "signup.error.unavailable";
inline constexpr const char* kSignUpNotSavedKey = "signup.error.not_saved";

// "YYYY-MM-DD" of `unix_ms` in the machine's local time zone (the center's day).
std::string LocalIsoDate(int64_t unix_ms);

class TaskLane;

class EffectRunner {
 public:
  // `clock` and `results` must outlive the runner. Nothing runs until Start().
  EffectRunner(EffectRunnerOptions options, const core::Clock& clock, ActionQueue& results);
  // Stops both lanes (see Stop()).
  ~EffectRunner();
  EffectRunner(const EffectRunner&) = delete;
  EffectRunner& operator=(const EffectRunner&) = delete;

  // Starts both lanes; the storage lane opens (and maybe seeds) the store first.
  void Start();
  // Queues an effect on its lane. Callable from any thread; effects posted before Start() wait.
  void Post(Effect effect);
  void Post(std::vector<Effect> effects);
  // True while any effect (or the store opening) is queued or running.
  bool Busy() const;
  // Blocks until nothing is queued or running, at most `timeout_ms`; true when idle.
  bool WaitIdle(int timeout_ms) const;
  // Lets the running effects finish, drops queued ones and joins the threads. Idempotent.
  void Stop();

 private:
  class StorageWork;

  void RunNetwork(const Effect& effect);

  EffectRunnerOptions options_;
  const core::Clock* clock_;
  ActionQueue* results_;
  std::unique_ptr<StorageWork> storage_work_;
  std::unique_ptr<TaskLane> storage_lane_;
  std::unique_ptr<TaskLane> network_lane_;
};

}  // namespace raida::kiosk
