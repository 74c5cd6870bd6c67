// SyncWorker: a thread that decides when to sync and runs SyncClient sessions.
//
// The thread owns its Store (opened on the thread, so the connection is used by one thread
// only). Timing uses the clock's steady time for intervals and backoff and its wall time only
// for the nightly window; the thread wakes at least every poll_ms to look at both, so a test's
// manual clock can drive it. The nightly session, once it has sent and pulled everything, runs
// the divergence check (digest_check.h), which repairs a table that drifted from the district
// office's; so does any session whose last reply says "digest_due" (a kiosk switched off at
// night still gets its daily check).
#include "raida/sync/sync_worker.h"

#include <ctime>

#include "raida/core/sync_meta_repository.h"
#include "raida/sync/credentials.h"
#include "raida/sync/curl_transport.h"
#include "raida/sync/digest_check.h"
#include "raida/sync/sync_lock.h"

namespace raida::sync {
namespace {

constexpr int64_t kDayMs = 24LL * 3600 * 1000;
constexpr int64_t kMinRetryMs = 1'000;  // full jitter may draw 0; never spin on a dead link

int64_t SystemLocalOffsetMs(int64_t wall_ms) {
  const time_t seconds = static_cast<time_t>(wall_ms / 1000);
  struct tm local {};
  if (localtime_r(&seconds, &local) == nullptr) {
    return 0;
  }
  return static_cast<int64_t>(local.tm_gmtoff) * 1000;
}

// The divergence check (digest_check.h), after a nightly session (or one told "digest_due") that
// sent and pulled everything: a kiosk found behind (another kiosk synced in between) pulls once
// more and checks again. What it found is in the log and in sync_meta; a failure waits for the next
// night.
void RunDigestCheck(core::Store& store, Transport& transport, const Credentials& credentials,
                    SyncClient& client) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    const DigestResult check = DigestCheck(store, transport, credentials).Run();
    if (check.outcome != DigestOutcome::kNotReady ||
        client.RunSession().outcome != SessionOutcome::kSynced) {
      return;
    }
  }
}

}  // namespace

int NightlyOffsetMin(int64_t device, const SyncSchedule& schedule) {
  const int length = std::max(1, schedule.window_end_min - schedule.window_start_min);
  // Knuth's multiplicative hash spreads consecutive device numbers across the window.
  const uint64_t hash = static_cast<uint64_t>(device) * 2654435761ULL;
  return static_cast<int>((hash >> 8) % static_cast<uint64_t>(length));
}

int64_t NextNightlyMs(int64_t now_ms, int64_t local_offset_ms, const SyncSchedule& schedule,
                      int64_t device) {
  const int64_t local = now_ms + local_offset_ms;
  const int64_t midnight = local - ((local % kDayMs) + kDayMs) % kDayMs;
  const int64_t minute = schedule.window_start_min + NightlyOffsetMin(device, schedule);
  int64_t target = midnight + minute * 60'000;
  if (target <= local) {
    target += kDayMs;
  }
  return target - local_offset_ms;
}

TransportFactory CurlTransportFactory() {
  return [](const std::string& url,
            const std::string& pin) -> core::Result<std::unique_ptr<Transport>> {
    CurlOptions options;
    options.base_url = url;
    options.pinned_key = pin;
    RAIDA_ASSIGN_OR_RETURN(auto transport, CurlTransport::Create(options));
    return std::unique_ptr<Transport>(std::move(transport));
  };
}

SyncWorker::SyncWorker(const core::Clock& clock, SyncWorkerOptions options)
    : clock_(&clock),
      options_(std::move(options)),
      backoff_(options_.session.random ? options_.session.random : SystemRandomSource()) {
  if (options_.secret_path.empty()) {
    options_.secret_path = SecretPathFor(options_.db_path);
  }
  if (!options_.make_transport) {
    options_.make_transport = CurlTransportFactory();
  }
  if (!options_.local_offset_ms) {
    options_.local_offset_ms = &SystemLocalOffsetMs;
  }
}

SyncWorker::~SyncWorker() { Stop(); }

void SyncWorker::Start() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (thread_.joinable()) {
    return;
  }
  stop_ = false;
  thread_ = std::thread([this] { Run(); });
}

void SyncWorker::Stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) {
    thread_.join();
  }
}

void SyncWorker::SyncNow() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    now_requested_ = true;
  }
  wake_.notify_all();
}

SyncStatus SyncWorker::Snapshot() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return snapshot_;
}

int SyncWorker::sessions() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return sessions_;
}

void SyncWorker::Publish(core::Store& store, bool running, const std::string& note) {
  auto status = ReadSyncStatus(store);
  SyncStatus snapshot = status.ok() ? *status : Snapshot();
  snapshot.running = running;
  if (!note.empty()) {
    snapshot.last_error = note;
  } else if (!status.ok()) {
    snapshot.last_error = "the kiosk's database cannot be read: " + status.error().message;
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    snapshot_ = snapshot;
  }
  if (options_.on_status) {
    options_.on_status(snapshot);
  }
}

void SyncWorker::RunSession(core::Store& store, bool nightly) {
  auto lock = SyncLock::Acquire(options_.db_path);
  if (!lock.ok()) {
    Publish(store, false, lock.error().message);  // "another sync is running"
    next_due_steady_ms_ =
        clock_->SteadyMs() + std::max<int64_t>(kMinRetryMs, backoff_.NextDelayMs());
    return;
  }
  Publish(store, true, "");
  auto credentials = LoadCredentials(store, options_.secret_path);
  core::SyncMetaRepository meta(store);
  auto url = meta.GetText("server_url");
  auto pin = meta.GetText("server_pin");
  std::string problem;
  if (!credentials.ok()) {
    problem = credentials.error().message;
  } else if (!url.ok() || !pin.ok() || !url->has_value()) {
    problem = "this kiosk has no district server address (run raida-sync provision)";
  }
  std::unique_ptr<Transport> transport;
  if (problem.empty()) {
    auto made = options_.make_transport(**url, pin->value_or(""));
    if (made.ok()) {
      transport = std::move(*made);
    } else {
      problem = made.error().message;
    }
  }
  if (!problem.empty()) {
    next_due_steady_ms_ = clock_->SteadyMs() + options_.schedule.interval_ms;
    Publish(store, false, problem);
    return;
  }
  SyncClientOptions session = options_.session;
  if (nightly) {
    session.max_session_ms = options_.nightly_session_ms;
    session.max_requests = std::max(session.max_requests, 100'000);
  }
  SyncClient client(store, *transport, *credentials, session);
  const SessionResult result = client.RunSession();
  if ((nightly || result.digest_due) && result.outcome == SessionOutcome::kSynced) {
    RunDigestCheck(store, *transport, *credentials, client);
  }
  if (result.outcome == SessionOutcome::kNetwork) {
    next_due_steady_ms_ =
        clock_->SteadyMs() + std::max<int64_t>(kMinRetryMs, backoff_.NextDelayMs());
  } else {
    backoff_.Reset();
    next_due_steady_ms_ = clock_->SteadyMs() + options_.schedule.interval_ms;
  }
  {
    std::lock_guard<std::mutex> guard(mutex_);
    sessions_ += 1;
  }
  Publish(store, false, "");
}

void SyncWorker::Run() {
  core::StoreOptions store_options;
  store_options.path = options_.db_path;
  store_options.mode = core::OpenMode::kOpenExisting;
  auto opened = core::Store::Open(store_options, *clock_);
  if (!opened.ok()) {
    SyncStatus failed;
    failed.last_error = "the kiosk's database cannot be opened: " + opened.error().message;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      snapshot_ = failed;
    }
    if (options_.on_status) {
      options_.on_status(failed);
    }
    return;
  }
  core::Store& store = **opened;
  Publish(store, false, "");
  next_due_steady_ms_ = clock_->SteadyMs();  // a first session soon after start
  int64_t next_nightly = NextNightlyMs(clock_->NowMs(), options_.local_offset_ms(clock_->NowMs()),
                                       options_.schedule, store.device_id());
  while (true) {
    bool requested = false;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait_for(lock, std::chrono::milliseconds(options_.poll_ms),
                     [this] { return stop_ || now_requested_; });
      if (stop_) {
        return;
      }
      requested = now_requested_;
      now_requested_ = false;
    }
    const int64_t wall = clock_->NowMs();
    const bool nightly = wall >= next_nightly;
    if (requested || nightly || clock_->SteadyMs() >= next_due_steady_ms_) {
      RunSession(store, nightly);
    }
    if (nightly) {
      next_nightly = NextNightlyMs(clock_->NowMs(), options_.local_offset_ms(clock_->NowMs()),
                                   options_.schedule, store.device_id());
    }
  }
}

}  // namespace raida::sync
