// The kiosk's frame loop: wait, reduce what happened, draw if needed, present.
//
// [SECTION] Setup        translations, window, fonts, runner
// [SECTION] Loop         waiting, reducing, deciding whether to draw
// [SECTION] Frame        one ImGui frame of DrawRoot, then captures
// [SECTION] Captures     screenshot, per-screen screenshots, probe file
//
// "Settled" means: nothing queued or running in the EffectRunner, no loading flag in the state,
// and at least kSettleFrames frames drawn since the state or the input last changed (ImGui
// needs a frame to size auto-fitted windows). Captures happen only on settled frames, so a
// screenshot or a probe never shows a half-loaded screen.
#include "kiosk/app/kiosk_app.h"

#include <imgui.h>
#include <imgui_internal.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "kiosk/platform/gl_textures.h"
#include "kiosk/state/effect_runner.h"
#include "kiosk/state/reduce.h"
#include "kiosk/state/reduce_resident.h"
#include "kiosk/ui/resident_widgets.h"
#include "kiosk/ui/widgets.h"
#include "raida/core/clock.h"
#include "raida/core/i18n.h"

namespace raida::kiosk {
namespace {

constexpr int kSettleFrames = 2;       // frames after a change before the screen counts as settled
constexpr int kFramesAfterChange = 3;  // frames drawn after input or a state change
constexpr double kIdleWaitS = 1.0;     // sleep when nothing is going on
constexpr double kBusyWaitS = 0.05;    // sleep while the worker is busy or a capture waits

void PrintSetupError(const std::string& message) {
  std::fprintf(stderr, "raida-kiosk: %s\n", message.c_str());
  spdlog::error("{}", message);
}

int64_t WallMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

class KioskApp {
 public:
  KioskApp(const KioskOptions& options, core::Translations translations,
           std::unique_ptr<GlfwPlatform> platform, int64_t started_ms)
      : started_ms_(started_ms),
        options_(options),
        translations_(std::move(translations)),
        platform_(std::move(platform)),
        clock_(options.clock != nullptr ? *options.clock : system_clock_),
        runner_(RunnerOptions(options), clock_, queue_) {}

  int Run();

 private:
  static EffectRunnerOptions RunnerOptions(const KioskOptions& options);
  void Start();
  bool Settled() const;
  bool CapturePending() const;
  double WaitTimeout() const;
  bool DrawOnTimeout() const;
  void Apply(const Action& action);
  void ApplyQueued();
  void RunTimers();
  std::optional<int> DrawFrame();
  std::optional<int> Capture();
  void SaveScreenPng();
  void WriteProbe();

  int64_t started_ms_;  // WallMs() when RunKiosk began: setup counts toward the first frame
  const KioskOptions& options_;
  core::Translations translations_;
  std::unique_ptr<GlfwPlatform> platform_;
  // Lesson pictures as GL textures; declared after the platform, so released before its context.
  GlTextureUploader textures_;
  TexturePictures pictures_{textures_};
  core::SystemClock system_clock_;
  const core::Clock& clock_;  // options.clock or system_clock_
  ActionQueue queue_;
  EffectRunner runner_;
  AppState state_;
  RootUi ui_;
  UiProbe probe_;
  std::vector<Action> dispatched_;  // by the screens during the current frame

  int frames_to_draw_ = kFramesAfterChange;
  int frames_since_change_ = 0;
  uint64_t state_version_ = 0;         // bumped by every reduced action
  uint64_t captured_version_ = ~0ull;  // the state_version_ of the last settled capture
  int64_t next_server_check_ms_ = 0;
  uint64_t frames_drawn_ = 0;
  std::set<std::string> saved_screens_;
  std::string last_probe_json_;
  uint64_t probe_serial_ = 0;
};

// [SECTION] Setup

EffectRunnerOptions KioskApp::RunnerOptions(const KioskOptions& options) {
  EffectRunnerOptions runner;
  runner.db_path = options.db_path;
  runner.center_id = options.center_id;
  runner.seed_file = options.seed_file;
  runner.server_url = options.server_url;
  runner.background_sync = options.background_sync;
  runner.sync.schedule.interval_ms = options.sync_interval_ms;
  runner.lessons_dir = options.assets_dir + "/lessons";
  runner.assessment_file = options.assets_dir + "/assessment/riasec.json";
  runner.i18n_dir = options.assets_dir + "/i18n";
  return runner;
}

void KioskApp::Start() {
  state_.language = options_.language;
  state_.default_language = options_.language;
  state_.session.idle_limit_ms = options_.idle_limit_ms;
  state_.session.warning_ms = options_.idle_warning_ms;
  state_.center_id = options_.center_id;
  state_.today = LocalIsoDate(clock_.NowMs());
  state_.sync_available = options_.background_sync;
  if (!options_.probe_file.empty() || !options_.screenshot_dir.empty()) {
    SetUiProbeForTesting(ui_, &probe_);
  }
  queue_.SetWake(platform_->WakeFunction());
  runner_.Post(LoadCenter{options_.center_id});
  // Without a server this first check answers "offline" at once and is not repeated.
  runner_.Post(CheckServer{});
  next_server_check_ms_ = clock_.SteadyMs() + options_.server_check_interval_ms;
  runner_.Start();
  if (options_.start_on_catalog) {
    Apply(StartPressed{});
  }
}

// [SECTION] Loop

bool KioskApp::Settled() const {
  return frames_since_change_ >= kSettleFrames && !runner_.Busy() && queue_.Empty() &&
         !state_.catalog_loading && !state_.course_loading && !state_.signing_in &&
         !state_.saving_sign_up && !state_.catalog_searching && !state_.my_courses_loading &&
         state_.cancelling_id.empty();
}

bool KioskApp::CapturePending() const {
  if (!options_.screenshot_path.empty()) {
    return true;  // the loop ends with the screenshot
  }
  const bool capturing = !options_.screenshot_dir.empty() || !options_.probe_file.empty();
  return capturing && captured_version_ != state_version_;
}

bool KioskApp::DrawOnTimeout() const {
  // The welcome, fault and status screens sit idle for hours: they draw only on events (a sync
  // report is one). Elsewhere a person may be reading, and the screens' timers need a frame now
  // and then.
  const bool person_screen = state_.screen != Screen::kWelcome && state_.screen != Screen::kFault &&
                             state_.screen != Screen::kStatus;
  return CapturePending() || person_screen;
}

double KioskApp::WaitTimeout() const {
  if (frames_to_draw_ > 0) {
    return 0.0;
  }
  if (runner_.Busy() || CapturePending()) {
    return kBusyWaitS;
  }
  return kIdleWaitS;
}

void KioskApp::Apply(const Action& action) {
  const Screen before = state_.screen;
  runner_.Post(Reduce(state_, action));
  ++state_version_;
  frames_since_change_ = 0;
  frames_to_draw_ = std::max(frames_to_draw_, kFramesAfterChange);
  if (state_.screen != before) {
    spdlog::info("screen {} -> {}", ScreenName(before), ScreenName(state_.screen));
    if (state_.screen == Screen::kWelcome || state_.screen == Screen::kFault) {
      ResetRootUi(ui_);  // nothing typed by the last person survives
      WipeImGuiInputState();
    }
  }
}

void KioskApp::ApplyQueued() {
  for (const Action& action : queue_.Drain()) {
    Apply(action);
  }
}

void KioskApp::RunTimers() {
  if (!options_.server_url.empty() && clock_.SteadyMs() >= next_server_check_ms_) {
    runner_.Post(CheckServer{});
    next_server_check_ms_ = clock_.SteadyMs() + options_.server_check_interval_ms;
  }
  const std::string today = LocalIsoDate(clock_.NowMs());
  if (today != state_.today) {
    Apply(DateChanged{today});
  }
  // The idle timer, the countdown and undo offers: only when a Tick changes something, so an
  // idle welcome screen is not redrawn every second.
  const int64_t now = clock_.SteadyMs();
  if (TickDue(state_, now)) {
    Apply(Tick{now});
  }
}

int KioskApp::Run() {
  Start();
  while (!platform_->ShouldClose()) {
    if (options_.stop_requested && options_.stop_requested()) {
      spdlog::info("stop requested; closing");
      break;
    }
    const double timeout = WaitTimeout();
    const bool input = platform_->WaitEvents(timeout);
    const bool had_results = !queue_.Empty();
    ApplyQueued();
    RunTimers();
    if (input) {
      Apply(UserActivity{clock_.SteadyMs()});
      frames_since_change_ = 0;
      frames_to_draw_ = std::max(frames_to_draw_, kFramesAfterChange);
    }
    const bool woke_for_nothing = !input && !had_results && frames_to_draw_ == 0;
    if (woke_for_nothing && !DrawOnTimeout()) {
      continue;
    }
    if (auto exit_code = DrawFrame()) {
      return *exit_code;
    }
  }
  return kExitOk;
}

// [SECTION] Frame

std::optional<int> KioskApp::DrawFrame() {
  UiContext context;
  context.translations = &translations_;
  context.px_per_mm = options_.px_per_mm;
  context.pictures = &pictures_;
  Dispatch dispatch = [this](Action action) { dispatched_.push_back(std::move(action)); };

  probe_.items.clear();
  platform_->NewFrame();
  DrawRoot(state_, ui_, context, dispatch);
  platform_->Render(ImVec4(0.0f, 0.0f, 0.0f, 1.0f));
  std::optional<int> exit_code = Capture();
  platform_->Present();
  if (++frames_drawn_ == 1) {
    spdlog::info("first frame shown {} ms after start (translations, window, fonts, draw)",
                 WallMs() - started_ms_);
  }
  if (frames_to_draw_ > 0) {
    --frames_to_draw_;
  }
  ++frames_since_change_;
  std::vector<Action> dispatched;
  dispatched.swap(dispatched_);
  for (const Action& action : dispatched) {
    Apply(action);
  }
  return exit_code;
}

// [SECTION] Captures

std::optional<int> KioskApp::Capture() {
  const bool settled = Settled();
  if (!options_.screenshot_path.empty()) {
    // The welcome screen has its data once it names the center and, with a district server,
    // says whether that server answered.
    const bool server_known = options_.server_url.empty() || state_.server_reachable.has_value();
    const bool has_data =
        state_.screen != Screen::kWelcome || (!state_.center_name.empty() && server_known);
    const bool waited_enough = WallMs() - started_ms_ >= options_.screenshot_after_ms;
    if ((settled && has_data) || waited_enough) {
      auto written = WritePng(platform_->ReadFrame(), options_.screenshot_path);
      if (!written.ok()) {
        PrintSetupError(written.error().message);
        return kExitFailure;
      }
      std::printf("raida-kiosk: screenshot saved to %s\n", options_.screenshot_path.c_str());
      spdlog::info("screenshot of {} saved to {}", ScreenName(state_.screen),
                   options_.screenshot_path);
      return kExitOk;
    }
  }
  if (!settled) {
    return std::nullopt;
  }
  // Every settled frame, not once per state: widget state (digits on the pad) changes the
  // probe without changing AppState.
  captured_version_ = state_version_;
  if (!options_.screenshot_dir.empty()) {
    SaveScreenPng();
  }
  if (!options_.probe_file.empty()) {
    WriteProbe();
  }
  return std::nullopt;
}

void KioskApp::SaveScreenPng() {
  const std::string view = ViewName(state_);
  const std::string key = state_.language + "/" + view;
  if (!saved_screens_.insert(key).second) {
    return;
  }
  const FrameImage image = platform_->ReadFrame();
  std::error_code error;
  const std::filesystem::path dir =
      std::filesystem::path(options_.screenshot_dir) / state_.language;
  std::filesystem::create_directories(dir, error);
  const std::string path = (dir / (view + ".png")).string();
  auto written = WritePng(image, path);
  if (!written.ok()) {
    spdlog::warn("{}", written.error().message);
    return;
  }
  spdlog::info("screenshot {}", path);
}

// What ImGui itself holds of typed text, for the probe: the e2e test checks after a sign-out or
// a timeout that all of it is empty (UX-18). Counts only, never the text.
nlohmann::json ImGuiInputSnapshot() {
  const ImGuiContext& g = *ImGui::GetCurrentContext();
  const ImGuiInputTextState& input = g.InputTextState;
  return {{"active_id", g.ActiveId},
          {"input_id", input.ID},
          {"input_chars", input.CurLenW + input.CurLenA},
          {"input_buffers", input.TextW.Size + input.TextA.Size + input.InitialTextA.Size},
          {"queued_chars", g.IO.InputQueueCharacters.Size},
          {"clipboard_bytes", g.ClipboardHandlerData.Size}};
}

// The probe file: {"serial", "screen", "view" (ViewName), "language", "window": [x, y], "items":
// [{"id", "rect": [x0, y0, x1, y1] (visible part, window px), "target", "enabled", "text"}],
// "imgui": ImGuiInputSnapshot()}. Written to a temporary file and renamed, so a reader never sees
// half of it. It holds the texts on screen, so it is for test runs only.
void KioskApp::WriteProbe() {
  nlohmann::json items = nlohmann::json::array();
  for (const ProbeRecord& record : probe_.items) {
    items.push_back(
        {{"id", record.id},
         {"rect",
          {record.visible_min.x, record.visible_min.y, record.visible_max.x, record.visible_max.y}},
         {"target", record.role == ProbeRole::kTarget},
         {"enabled", record.enabled},
         {"text", record.text}});
  }
  int x = 0;
  int y = 0;
  platform_->WindowPosition(x, y);
  nlohmann::json probe = {{"screen", ScreenName(state_.screen)},
                          {"view", ViewName(state_)},
                          {"language", state_.language},
                          {"window", {x, y}},
                          {"items", items},
                          {"imgui", ImGuiInputSnapshot()}};
  const std::string body = probe.dump();
  if (body == last_probe_json_) {
    return;
  }
  last_probe_json_ = body;
  probe["serial"] = ++probe_serial_;
  const std::string temporary = options_.probe_file + ".tmp";
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << probe.dump(1) << "\n";
  }
  std::error_code error;
  std::filesystem::rename(temporary, options_.probe_file, error);
  if (error) {
    spdlog::warn("probe file {} not written: {}", options_.probe_file, error.message());
  }
}

}  // namespace

const char* ScreenName(Screen screen) {
  switch (screen) {
    case Screen::kWelcome:
      return "welcome";
    case Screen::kCatalog:
      return "catalog";
    case Screen::kCourse:
      return "course";
    case Screen::kSignIn:
      return "signin";
    case Screen::kSignUp:
      return "signup";
    case Screen::kSignUpDone:
      return "signup_done";
    case Screen::kFault:
      return "fault";
    case Screen::kStatus:
      return "status";
    case Screen::kHelp:
      return "help";
    case Screen::kMyCourses:
      return "my_courses";
    case Screen::kSettings:
      return "settings";
    case Screen::kLesson:
      return "lesson";
    case Screen::kProgress:
      return "progress";
    case Screen::kAssessment:
      return "assessment";
    case Screen::kCoordinator:
      return "coordinator";
  }
  return "unknown";
}

std::string ViewName(const AppState& state) {
  if (state.session.still_there) {
    return "still_there";
  }
  if (state.screen == Screen::kWelcome && state.session.asleep) {
    return "welcome_asleep";
  }
  if (state.screen == Screen::kCatalog && state.catalog_keyboard) {
    return "catalog_search";
  }
  if (state.screen == Screen::kSignIn && state.sign_in_step == SignInStep::kPin) {
    return "signin_pin";
  }
  if (state.screen == Screen::kAssessment && state.assessment.loaded) {
    // "assessment_intro", "assessment_statement", ..., "assessment_result" (issue 6 screenshots)
    static constexpr const char* kSteps[] = {"intro", "statement", "skill", "constraint", "result"};
    return std::string("assessment_") + kSteps[static_cast<int>(state.assessment.step)];
  }
  if (state.screen == Screen::kCoordinator && IsCoordinatorTask(state.coordinator.view)) {
    // "coordinator_home", "coordinator_register", ... (issue 5 screenshots)
    switch (state.coordinator.view) {
      case CoordinatorView::kRegister:
        return "coordinator_register";
      case CoordinatorView::kFindPerson:
        return "coordinator_find_person";
      case CoordinatorView::kPerson:
        return "coordinator_person";
      case CoordinatorView::kPlan:
        return "coordinator_plan";
      case CoordinatorView::kInbox:
        return "coordinator_inbox";
      case CoordinatorView::kAttendance:
        return "coordinator_attendance";
      case CoordinatorView::kLists:
        return "coordinator_lists";
      case CoordinatorView::kDuplicates:
        return "coordinator_duplicates";
      default:
        return "coordinator_home";
    }
  }
  return ScreenName(state.screen);
}

int RunKiosk(const KioskOptions& options) {
  const int64_t started_ms = WallMs();
  const std::string i18n_dir = options.assets_dir + "/i18n";
  auto translations = core::Translations::LoadDir(i18n_dir);
  if (!translations.ok()) {
    PrintSetupError("cannot load the translations from " + i18n_dir + ": " +
                    translations.error().message);
    return kExitBadSetup;
  }
  auto platform = GlfwPlatform::Create(options.window);
  if (!platform.ok()) {
    PrintSetupError("cannot open the kiosk window: " + platform.error().message);
    return kExitBadSetup;
  }
  auto fonts = LoadFonts(ImGui::GetIO(), options.fonts);
  if (!fonts.ok()) {
    PrintSetupError("cannot load the kiosk's fonts (install fonts-dejavu-core): " +
                    fonts.error().message);
    return kExitBadSetup;
  }
  KioskApp app(options, std::move(translations).value(), std::move(platform).value(), started_ms);
  return app.Run();
}

}  // namespace raida::kiosk
