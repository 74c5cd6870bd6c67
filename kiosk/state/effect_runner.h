// EffectRunner: runs the effects Reduce() returns, off the UI thread, and posts what came of
// them back as result actions.
//
// Two worker threads ("lanes") keep a slow village link from ever holding up a person:
//   storage lane  owns the kiosk's own core::Store (opened on that thread, used only there)
//                 and runs LoadCatalog, LoadCourse, LoadCenter, SignInWithCard, SaveSignUp;
//   network lane  runs CheckServer against the district server (bounded by a timeout).
// Each lane runs its effects one at a time in the order they were posted.
//
// On a provisioned kiosk (options.background_sync) a third thread is the sync::SyncWorker, with
// its own Store connection: RunSyncNow asks it for a session, and each of its status snapshots
// becomes a SyncStatusChanged, posted through the storage lane, which compares the database's
// pull cursor with the one it saw last to tell whether the session pulled changes.
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
#include "raida/sync/sync_worker.h"

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
  bool background_sync = false;          // run a SyncWorker on db_path (a provisioned kiosk)
  std::string pin_pepper_path;           // resident PINs' pepper; "" = PinPepperPath(db_path)
  std::string lessons_dir;  // assets/lessons: pack pictures; its packs are loaded with seed_file
  std::string assessment_file;  // assets/assessment/riasec.json; "" = the one under the assets
  std::string i18n_dir;         // assets/i18n, for printed certificates; "" = the shipped one
  // The worker's schedule, session budget and transport (tests inject one); the runner sets
  // db_path and on_status.
  sync::SyncWorkerOptions sync;
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
// "HH:MM" of `unix_ms` in the machine's local time zone.
std::string LocalClockTime(int64_t unix_ms);
// The status screen's view of a SyncWorker snapshot (local day and time, error as a key).
SyncView ToSyncView(const sync::SyncStatus& status);

class TaskLane;

class EffectRunner {
 public:
  // `clock` and `results` must outlive the runner. Nothing runs until Start().
  EffectRunner(EffectRunnerOptions options, const core::Clock& clock, ActionQueue& results);
  // Stops both lanes (see Stop()).
  ~EffectRunner();
  EffectRunner(const EffectRunner&) = delete;
  EffectRunner& operator=(const EffectRunner&) = delete;

  // Starts both lanes (the storage lane opens, and maybe seeds, the store first) and, with
  // background_sync, the SyncWorker.
  void Start();
  // Queues an effect on its lane. Callable from any thread; effects posted before Start() wait.
  void Post(Effect effect);
  void Post(std::vector<Effect> effects);
  // True while any effect (or the store opening) is queued or running.
  bool Busy() const;
  // Blocks until nothing is queued or running, at most `timeout_ms`; true when idle.
  bool WaitIdle(int timeout_ms) const;
  // True when a SyncWorker runs (background_sync and Start() called).
  bool SyncRunning() const { return sync_worker_ != nullptr; }
  // Stops the SyncWorker after its session in progress, lets the running effects finish, drops
  // queued ones and joins the threads. Idempotent.
  void Stop();

 private:
  class StorageWork;

  void RunNetwork(const Effect& effect);
  void OnSyncStatus(const sync::SyncStatus& status);  // on the SyncWorker's thread

  EffectRunnerOptions options_;
  const core::Clock* clock_;
  ActionQueue* results_;
  std::unique_ptr<StorageWork> storage_work_;
  std::unique_ptr<TaskLane> storage_lane_;
  std::unique_ptr<TaskLane> network_lane_;
  std::unique_ptr<sync::SyncWorker> sync_worker_;
  // Backoff waits inside a sync session end early when the kiosk stops.
  std::mutex sync_stop_mutex_;
  std::condition_variable sync_stop_;
  bool sync_stopping_ = false;
};

}  // namespace raida::kiosk
