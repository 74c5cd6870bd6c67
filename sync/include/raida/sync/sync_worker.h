// SyncWorker: the kiosk's background syncer, on its own thread with its own Store connection.
//
// It runs a session (SyncClient, under the SyncLock) when asked ("sync now"), every
// `interval_ms` while it runs (after a failure, sooner or later by the full-jitter backoff
// instead), and once a night in the window (default 01:00-05:00 local time) at a minute derived
// from the device number, so a district's kiosks do not all call at once. After every session
// (and at start) it hands a SyncStatus snapshot to the status callback, which the kiosk turns
// into an action for its coordinator view. Nothing here blocks the caller's thread.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "raida/core/clock.h"
#include "raida/core/result.h"
#include "raida/sync/sync_client.h"
#include "raida/sync/sync_status.h"
#include "raida/sync/transport.h"

namespace raida::sync {

struct SyncSchedule {
  int64_t interval_ms = 15 * 60'000;  // opportunistic sync while running
  int window_start_min = 60;          // nightly window, minutes after local midnight
  int window_end_min = 300;
};

// The wall-clock ms of the next nightly run after `now_ms`: local midnight + window start +
// this device's offset in the window. `local_offset_ms` is the time zone's offset from UTC.
int64_t NextNightlyMs(int64_t now_ms, int64_t local_offset_ms, const SyncSchedule& schedule,
                      int64_t device);
// The device's minute offset inside the window, in [0, window length).
int NightlyOffsetMin(int64_t device, const SyncSchedule& schedule);

using TransportFactory = std::function<core::Result<std::unique_ptr<Transport>>(
    const std::string& server_url, const std::string& pin)>;
// CurlTransport for the URL and pin.
TransportFactory CurlTransportFactory();

struct SyncWorkerOptions {
  std::string db_path;
  std::string secret_path;  // "" = SecretPathFor(db_path)
  SyncSchedule schedule;
  SyncClientOptions session;                         // an opportunistic session's budget
  int64_t nightly_session_ms = 60 * 60'000;          // the nightly session's time budget
  TransportFactory make_transport;                   // CurlTransportFactory() when empty
  std::function<void(const SyncStatus&)> on_status;  // called on the worker thread
  // The local time zone's offset from UTC at a wall-clock instant; the system's when empty.
  std::function<int64_t(int64_t wall_ms)> local_offset_ms;
  int64_t poll_ms = 1'000;  // how often the thread looks at the clock when nothing happens
};

class SyncWorker {
 public:
  // `clock` must outlive the worker.
  SyncWorker(const core::Clock& clock, SyncWorkerOptions options);
  ~SyncWorker();  // Stop()
  SyncWorker(const SyncWorker&) = delete;
  SyncWorker& operator=(const SyncWorker&) = delete;

  // Starts the thread (which opens its own Store). A second Start() does nothing.
  void Start();
  // Asks the thread to finish after the session in progress; joins it.
  void Stop();
  // Runs a session as soon as the thread is free.
  void SyncNow();
  // The latest snapshot (also given to on_status).
  SyncStatus Snapshot() const;
  // Sessions run so far (tests, diagnostics).
  int sessions() const;

 private:
  void Run();
  void RunSession(core::Store& store, bool nightly);
  void Publish(core::Store& store, bool running, const std::string& note);

  const core::Clock* clock_;
  SyncWorkerOptions options_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  bool now_requested_ = false;
  int sessions_ = 0;
  SyncStatus snapshot_;
  int64_t next_due_steady_ms_ = 0;
  Backoff backoff_;
  std::thread thread_;
};

}  // namespace raida::sync
