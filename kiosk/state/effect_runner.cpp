// EffectRunner: the storage work (one Store, used only on the storage lane's thread) and the
// network work (CheckHealth), each effect turned into exactly one result action or none.
//
// Error handling follows one table: storage that cannot be opened or read is a fault (the
// kiosk cannot show correct data, so it says so and asks for the coordinator); a sign-up that
// was refused or could not be written is a notice the person can act on, and nothing half-done
// is left behind because RequestSignUp writes the enrollment and its outbox entry in one
// transaction.
#include "kiosk/state/effect_runner.h"

#include <spdlog/spdlog.h>

#include <ctime>
#include <filesystem>
#include <utility>

#include "kiosk/state/assessment_storage.h"
#include "kiosk/state/attendance_storage.h"
#include "kiosk/state/coordinator_storage.h"
#include "kiosk/state/duplicates_storage.h"
#include "kiosk/state/inbox_storage.h"
#include "kiosk/state/lesson_storage.h"
#include "kiosk/state/lists_storage.h"
#include "kiosk/state/person_storage.h"
#include "kiosk/state/plan_storage.h"
#include "kiosk/state/register_storage.h"
#include "kiosk/state/resident_effects.h"
#include "kiosk/state/sync_words.h"
#include "kiosk/state/task_lane.h"
#include "raida/core/catalog_repository.h"
#include "raida/core/district_data.h"
#include "raida/core/enrollment_repository.h"
#include "raida/core/model.h"
#include "raida/core/person_repository.h"
#include "raida/core/sealed_notes.h"
#include "raida/core/store.h"
#include "raida/core/sync_meta_repository.h"
#include "raida/sync/health_client.h"
#include "raida/sync/sync_status.h"

namespace raida::kiosk {
namespace {

CourseCard ToCard(const core::Course& course, const std::string& language) {
  CourseCard card;
  card.id = course.id;
  card.category = core::CourseCategoryName(course.category);
  card.title = core::Localize(course.title, language);
  card.summary = core::Localize(course.summary, language);
  card.hours = course.hours;
  return card;
}

// "10:00–12:00" of the earliest session, "" when there is none.
std::string FirstTime(const std::vector<core::Session>& sessions) {
  if (sessions.empty()) {
    return "";
  }
  const core::Session* first = &sessions.front();
  for (const auto& session : sessions) {
    if (session.date + session.start_time < first->date + first->start_time) {
      first = &session;
    }
  }
  return first->start_time + "\u2013" + first->end_time;
}

// Notice key for a sign-up the repository refused, or "" when the error means the storage
// itself is broken (a fault, not something the person can fix).
std::string SignUpNoticeKey(core::ErrorCode code) {
  switch (code) {
    case core::ErrorCode::kConflict:
      return kSignUpAlreadyKey;
    case core::ErrorCode::kNotFound:
    case core::ErrorCode::kInvalidArgument:
      return kSignUpUnavailableKey;
    case core::ErrorCode::kBusy:
    case core::ErrorCode::kFull:
    case core::ErrorCode::kIo:
      return kSignUpNotSavedKey;
    default:
      return "";
  }
}

}  // namespace

std::string LocalIsoDate(int64_t unix_ms) {
  std::time_t seconds = static_cast<std::time_t>(unix_ms / 1000);
  std::tm local{};
  localtime_r(&seconds, &local);
  char text[16] = {};
  std::strftime(text, sizeof(text), "%Y-%m-%d", &local);
  return text;
}

std::string LocalClockTime(int64_t unix_ms) {
  std::time_t seconds = static_cast<std::time_t>(unix_ms / 1000);
  std::tm local{};
  localtime_r(&seconds, &local);
  char text[8] = {};
  std::strftime(text, sizeof(text), "%H:%M", &local);
  return text;
}

SyncView ToSyncView(const sync::SyncStatus& status) {
  SyncView view;
  view.last_success_ms = status.last_success_ms;
  if (status.last_success_ms > 0) {
    view.last_success_day = LocalIsoDate(status.last_success_ms);
    view.last_success_time = LocalClockTime(status.last_success_ms);
  }
  view.waiting = status.waiting;
  view.issues = status.issues;
  view.error_key = SyncErrorKey(status.last_error);
  view.running = status.running;
  view.refused = IsRefusal(status.last_error);
  return view;
}

// Everything that runs on the storage lane. Only that thread touches store_.
class EffectRunner::StorageWork {
 public:
  StorageWork(const EffectRunnerOptions& options, const core::Clock& clock, ActionQueue& results)
      : options_(options), clock_(&clock), results_(&results) {}

  // Opens (and maybe seeds) the store; on failure posts FaultOccurred and returns false.
  bool Open();
  void Run(const Effect& effect);
  // Posts SyncStatusChanged for `view`, with data_changed when the pull cursor moved since the
  // last call (or since the store was opened).
  void ReportSync(const SyncView& view);

 private:
  void Seed();
  void Do(const LoadCatalog& effect);
  void Do(const LoadCourse& effect);
  void Do(const LoadCenter& effect);
  void Do(const SignInWithCard& effect);
  void Do(const SaveSignUp& effect);
  void Do(const SignInWithPin& effect);
  void Do(const SearchCatalog& effect) {
    Post("search catalog", RunSearchCatalog(*store_, effect));
  }
  void Do(const LoadMyCourses& effect) {
    Post("load my courses", RunLoadMyCourses(*store_, effect));
  }
  void Do(const CancelSignUp& effect) { Post("cancel sign-up", RunCancelSignUp(*store_, effect)); }
  void Do(const UndoCancelSignUp& effect) {
    Post("undo a cancellation", RunUndoCancelSignUp(*store_, effect));
  }
  void Do(const SaveSignUpDraft& effect) {
    Post("keep a draft", RunSaveSignUpDraft(*store_, effect));
  }
  // Posts the action a resident_effects.h function answered, or the fault it met.
  void Post(const char* what, core::Result<MaybeAction> result);
  void Do(const CheckServer&) {}  // runs on the network lane
  void Do(const RunSyncNow&) {}   // goes to the SyncWorker
  // Lessons and "My progress" (lesson_storage.h).
  template <typename E>
  requires LessonEffect<E>
  void Do(const E& effect) { Post("lesson work", lessons_.Run(*store_, effect)); }
  // The self-assessment (assessment_storage.h).
  template <typename E>
  requires AssessmentEffect<E>
  void Do(const E& effect) { Post("self-assessment work", assessments_.Run(*store_, effect)); }
  // Coordinator mode (coordinator_storage.h).
  template <typename E>
  requires CoordinatorEffect<E>
  void Do(const E& effect) { Post("coordinator work", coordinators_.Run(*store_, effect)); }
  // The coordinator's "Register a resident" (register_storage.h).
  template <typename E>
  requires RegisterEffect<E>
  void Do(const E& effect) { Post("registration work", registrations_.Run(*store_, effect)); }
  // The coordinator's attendance task (attendance_storage.h).
  template <typename E>
  requires AttendanceEffect<E>
  void Do(const E& effect) { Post("attendance work", attendance_.Run(*store_, effect)); }
  // The coordinator's sign-up inbox (inbox_storage.h).
  template <typename E>
  requires InboxEffect<E>
  void Do(const E& effect) { Post("inbox work", inbox_.Run(*store_, effect)); }
  // The coordinator's "Find a person" and a person's record (person_storage.h).
  template <typename E>
  requires PersonEffect<E>
  void Do(const E& effect) { Post("person record work", people_.Run(*store_, effect)); }
  // A person's action plan (plan_storage.h).
  template <typename E>
  requires PlanEffect<E>
  void Do(const E& effect) { Post("action plan work", plans_.Run(*store_, effect)); }
  // The coordinator's "Possible duplicates" (duplicates_storage.h).
  template <typename E>
  requires DuplicatesEffect<E>
  void Do(const E& effect) { Post("duplicates work", duplicates_.Run(*store_, effect)); }
  // The coordinator's "Lists and export" (lists_storage.h).
  template <typename E>
  requires ListsEffect<E>
  void Do(const E& effect) { Post("lists work", lists_.Run(*store_, effect)); }
  std::optional<int64_t> PullCursor();
  core::Result<std::vector<OfferingView>> Offerings(const std::string& course_id);
  void Fault(const char* what, const core::Error& error, const char* key = kFaultDatabaseKey);

  const EffectRunnerOptions& options_;
  const core::Clock* clock_;
  ActionQueue* results_;
  std::unique_ptr<core::Store> store_;
  std::optional<int64_t> pull_cursor_;  // as last seen; nullopt before the first sync
  LessonStorage lessons_{options_.lessons_dir, *clock_};
  AssessmentStorage assessments_{options_.assessment_file};
  CoordinatorStorage coordinators_{options_.pin_pepper_path.empty()
                                       ? PinPepperPath(options_.db_path)
                                       : options_.pin_pepper_path};
  RegisterStorage registrations_{{}, core::CenterKeyPathFor(options_.db_path)};
  AttendanceStorage attendance_;
  InboxStorage inbox_;
  PersonStorage people_{
      PersonStorageOptions{std::filesystem::path(options_.db_path).parent_path().string(),
                           options_.assessment_file, options_.i18n_dir, "lp"}};
  PlanStorage plans_{
      PlanStorageOptions{std::filesystem::path(options_.db_path).parent_path().string(),
                         options_.i18n_dir, "lp", core::CenterKeyPathFor(options_.db_path)}};
  DuplicatesStorage duplicates_;
  ListsStorage lists_{(std::filesystem::path(options_.db_path).parent_path() / "exports").string()};
};

bool EffectRunner::StorageWork::Open() {
  core::StoreOptions store_options;
  store_options.path = options_.db_path;
  store_options.mode =
      options_.seed_file ? core::OpenMode::kCreateIfMissing : core::OpenMode::kOpenExisting;
  auto store = core::Store::Open(store_options, *clock_);
  if (!store.ok()) {
    spdlog::error(
        "kiosk database {} cannot be used (a new kiosk starts with --seed-demo or raida-sync "
        "provision)",
        options_.db_path);
    Fault("open database", store.error());
    return false;
  }
  store_ = std::move(store).value();
  spdlog::info("kiosk database {} open", options_.db_path);
  pull_cursor_ = PullCursor();
  // Unfinished sign-ups are kept for a day (UX-15), not for ever.
  if (auto dropped = core::EnrollmentRepository(*store_).DropExpiredDrafts(); !dropped.ok()) {
    spdlog::warn("kiosk storage: old sign-up drafts not dropped: {}", dropped.error().message);
  }
  if (options_.seed_file) {
    Seed();
    // A demo kiosk never syncs, so no district server gives it keys for sealed notes; a
    // provisioned one gets them from the server only.
    if (store_->device_id() <= 0) {
      if (auto kept =
              KeepDemoNotes(*store_, core::CenterKeyPathFor(options_.db_path), options_.center_id);
          !kept.ok()) {
        spdlog::warn("demo kiosk: notes cannot be kept: {}", kept.error().message);
      }
    }
    // A broken pack must not stop the kiosk: it runs without lessons and the log says why.
    if (auto packs = SeedLessonPacks(*store_, options_.lessons_dir); !packs.ok()) {
      spdlog::error("lesson packs not loaded: {}: {}", core::ErrorCodeName(packs.error().code),
                    packs.error().message);
    }
  }
  return true;
}

void EffectRunner::StorageWork::Seed() {
  auto courses = core::CatalogRepository(*store_).ListCourses("lt");
  if (!courses.ok()) {
    Fault("read catalog before seeding", courses.error());
    return;
  }
  if (!courses->empty()) {
    spdlog::info("catalog present ({} courses); seed file not loaded", courses->size());
    return;
  }
  core::DistrictLoadOptions load_options;
  load_options.only_center_id = options_.center_id;
  auto summary = core::LoadDistrictFile(*store_, *options_.seed_file, load_options);
  if (!summary.ok()) {
    Fault("load seed district file", summary.error(), kFaultSeedKey);
    return;
  }
  spdlog::info("seeded from {}: {} courses, {} offerings, {} people of {}", *options_.seed_file,
               summary->courses, summary->offerings, summary->people, options_.center_id);
}

std::optional<int64_t> EffectRunner::StorageWork::PullCursor() {
  auto cursor = core::SyncMetaRepository(*store_).GetInt("pull_cursor");
  if (!cursor.ok()) {
    spdlog::warn("kiosk storage: cannot read the pull cursor: {}", cursor.error().message);
    return pull_cursor_;
  }
  return *cursor;
}

void EffectRunner::StorageWork::ReportSync(const SyncView& view) {
  bool changed = false;
  if (store_) {
    const std::optional<int64_t> cursor = PullCursor();
    changed = cursor != pull_cursor_;
    pull_cursor_ = cursor;
  }
  results_->Push(SyncStatusChanged{view, changed});
}

void EffectRunner::StorageWork::Run(const Effect& effect) {
  // A store that could not be opened is tried again for each effect: "Try again" on the fault
  // screen then works once the coordinator has replaced the file or freed the disk, and a
  // screen that asked for data always gets an answer.
  if (!store_ && !Open()) {
    return;
  }
  VisitMessage([this](const auto& concrete) { Do(concrete); }, effect);
}

void EffectRunner::StorageWork::Fault(const char* what, const core::Error& error, const char* key) {
  spdlog::error("kiosk storage: {} failed: {}: {}", what, core::ErrorCodeName(error.code),
                error.message);
  results_->Push(FaultOccurred{key});
}

void EffectRunner::StorageWork::Do(const LoadCatalog& effect) {
  auto courses = core::CatalogRepository(*store_).ListCourses(effect.language);
  if (!courses.ok()) {
    Fault("load catalog", courses.error());
    return;
  }
  CatalogLoaded loaded;
  loaded.language = effect.language;
  loaded.courses.reserve(courses->size());
  for (const auto& course : *courses) {
    loaded.courses.push_back(ToCard(course, effect.language));
  }
  results_->Push(std::move(loaded));
}

core::Result<std::vector<OfferingView>> EffectRunner::StorageWork::Offerings(
    const std::string& course_id) {
  core::CatalogRepository catalog(*store_);
  const std::string today = LocalIsoDate(clock_->NowMs());
  RAIDA_ASSIGN_OR_RETURN(auto offerings,
                         catalog.ListUpcomingOfferings(course_id, options_.center_id, today));
  std::vector<OfferingView> views;
  for (const auto& offering : offerings) {
    RAIDA_ASSIGN_OR_RETURN(auto sessions, catalog.ListSessions(offering.id));
    RAIDA_ASSIGN_OR_RETURN(int seats_taken, catalog.CountSeatsTaken(offering.id));
    OfferingView view;
    view.id = offering.id;
    view.starts_on = offering.starts_on;
    view.ends_on = offering.ends_on;
    view.first_time = FirstTime(sessions);
    view.place = offering.place;
    view.capacity = offering.capacity;
    view.seats_taken = seats_taken;
    view.sessions = static_cast<int>(sessions.size());
    views.push_back(std::move(view));
  }
  return views;
}

void EffectRunner::StorageWork::Do(const LoadCourse& effect) {
  auto course = core::CatalogRepository(*store_).GetCourse(effect.course_id);
  if (!course.ok()) {
    Fault("load course", course.error());
    return;
  }
  if (!course->has_value()) {
    spdlog::warn("course {} asked for but not in the catalog", effect.course_id);
    results_->Push(CourseUnavailable{effect.course_id});
    return;
  }
  auto offerings = Offerings(effect.course_id);
  if (!offerings.ok()) {
    Fault("load offerings", offerings.error());
    return;
  }
  CourseLoaded loaded;
  loaded.language = effect.language;
  loaded.course.card = ToCard(**course, effect.language);
  loaded.course.what_to_bring = core::Localize((*course)->what_to_bring, effect.language);
  loaded.course.offerings = std::move(offerings).value();
  results_->Push(std::move(loaded));
}

void EffectRunner::StorageWork::Do(const LoadCenter& effect) {
  auto center = core::CatalogRepository(*store_).GetCenter(effect.center_id);
  if (!center.ok()) {
    Fault("load center", center.error());
    return;
  }
  if (!center->has_value()) {
    spdlog::warn("center {} is not in this kiosk's database", effect.center_id);
    return;
  }
  CenterLoaded loaded{effect.center_id, (*center)->name, (*center)->phone, {}};
  for (const auto& [language, hours] : (*center)->opening_hours) {
    loaded.opening_hours.emplace_back(language, hours);
  }
  results_->Push(std::move(loaded));
}

void EffectRunner::StorageWork::Do(const SignInWithCard& effect) {
  Post("find person by card", RunSignInWithCard(*store_, effect));
}

void EffectRunner::StorageWork::Do(const SignInWithPin& effect) {
  const std::string path =
      options_.pin_pepper_path.empty() ? PinPepperPath(options_.db_path) : options_.pin_pepper_path;
  auto pepper = LoadOrCreatePinPepper(path);
  if (!pepper.ok()) {
    Fault("read the PIN pepper", pepper.error());
    return;
  }
  Post("check a PIN", RunSignInWithPin(*store_, *pepper, effect));
}

void EffectRunner::StorageWork::Post(const char* what, core::Result<MaybeAction> result) {
  if (!result.ok()) {
    Fault(what, result.error());
    return;
  }
  if (result->has_value()) {
    results_->Push(std::move(**result));
  }
}

void EffectRunner::StorageWork::Do(const SaveSignUp& effect) {
  auto enrollment = core::EnrollmentRepository(*store_).RequestSignUp(
      effect.person_id, effect.offering_id, effect.needs);
  if (!enrollment.ok()) {
    const std::string key = SignUpNoticeKey(enrollment.error().code);
    if (key.empty()) {
      Fault("save sign-up", enrollment.error());
      return;
    }
    spdlog::warn("sign-up for offering {} not saved: {}: {}", effect.offering_id,
                 core::ErrorCodeName(enrollment.error().code), enrollment.error().message);
    results_->Push(SignUpFailed{key});
    return;
  }
  SignUpResult result;
  result.enrollment_id = enrollment->id;
  result.offering_id = enrollment->offering_id;
  result.status = core::EnrollmentStatusName(enrollment->status);
  spdlog::info("sign-up {} saved for offering {}", result.enrollment_id, result.offering_id);
  results_->Push(SignUpDone{std::move(result)});
}

EffectRunner::EffectRunner(EffectRunnerOptions options, const core::Clock& clock,
                           ActionQueue& results)
    : options_(std::move(options)),
      clock_(&clock),
      results_(&results),
      storage_work_(std::make_unique<StorageWork>(options_, clock, results)),
      storage_lane_(std::make_unique<TaskLane>()),
      network_lane_(std::make_unique<TaskLane>()) {
  storage_lane_->Post([work = storage_work_.get()] { static_cast<void>(work->Open()); });
}

EffectRunner::~EffectRunner() { Stop(); }

void EffectRunner::Start() {
  storage_lane_->Start();
  network_lane_->Start();
  if (options_.background_sync && !sync_worker_) {
    sync::SyncWorkerOptions worker = options_.sync;
    worker.db_path = options_.db_path;
    worker.on_status = [this](const sync::SyncStatus& status) { OnSyncStatus(status); };
    if (!worker.session.sleep) {
      worker.session.sleep = [this](int64_t ms) {
        std::unique_lock<std::mutex> lock(sync_stop_mutex_);
        sync_stop_.wait_for(lock, std::chrono::milliseconds(ms), [this] { return sync_stopping_; });
      };
    }
    sync_worker_ = std::make_unique<sync::SyncWorker>(*clock_, std::move(worker));
    sync_worker_->Start();
    spdlog::info("background sync started");
  }
}

void EffectRunner::OnSyncStatus(const sync::SyncStatus& status) {
  if (!status.running) {
    spdlog::info("sync status: last success {} ms, {} change(s) waiting, {} issue(s), {}",
                 status.last_success_ms, status.waiting, status.issues,
                 status.last_error.empty() ? std::string("no error") : status.last_error);
  }
  storage_lane_->Post(
      [work = storage_work_.get(), view = ToSyncView(status)] { work->ReportSync(view); });
}

void EffectRunner::Post(Effect effect) {
  if (HoldsMessage<RunSyncNow>(effect)) {
    if (sync_worker_) {
      spdlog::info("sync now requested");
      sync_worker_->SyncNow();
    } else {
      spdlog::info("sync now requested, but this kiosk is not provisioned");
    }
    return;
  }
  if (HoldsMessage<CheckServer>(effect)) {
    network_lane_->Post([this, effect = std::move(effect)] { RunNetwork(effect); });
    return;
  }
  storage_lane_->Post(
      [work = storage_work_.get(), effect = std::move(effect)] { work->Run(effect); });
}

void EffectRunner::Post(std::vector<Effect> effects) {
  for (auto& effect : effects) {
    Post(std::move(effect));
  }
}

bool EffectRunner::Busy() const { return storage_lane_->Busy() || network_lane_->Busy(); }

bool EffectRunner::WaitIdle(int timeout_ms) const {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  return storage_lane_->WaitIdle(deadline) && network_lane_->WaitIdle(deadline);
}

void EffectRunner::Stop() {
  if (sync_worker_) {
    {
      std::lock_guard<std::mutex> lock(sync_stop_mutex_);
      sync_stopping_ = true;
    }
    sync_stop_.notify_all();
    sync_worker_->Stop();  // first: its status callback posts to the storage lane
    sync_worker_.reset();
    spdlog::info("background sync stopped");
  }
  network_lane_->Stop();
  storage_lane_->Stop();
}

void EffectRunner::RunNetwork(const Effect& effect) {
  if (!HoldsMessage<CheckServer>(effect)) {
    return;
  }
  if (options_.server_url.empty()) {
    results_->Push(ServerChecked{false});  // no district server configured: offline
    return;
  }
  auto health = sync::CheckHealth(options_.server_url, options_.server_timeout_ms);
  if (!health.ok()) {
    spdlog::warn("district server {} not reachable: {}: {}", options_.server_url,
                 core::ErrorCodeName(health.error().code), health.error().message);
    results_->Push(ServerChecked{false});
    return;
  }
  spdlog::info("district server {} reachable (version {}, schema {})", options_.server_url,
               health->server_version, health->schema_version);
  results_->Push(ServerChecked{true});
}

}  // namespace raida::kiosk
