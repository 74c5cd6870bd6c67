// bench_kiosk: the kiosk's frame figures, measured headless with the real fonts, translations
// and DrawRoot (no window, no GPU: ImGui builds its draw lists and the frame ends there, which is
// the CPU work of a real frame minus the driver).
//
// Prints:
//   first frame   fonts + atlas + 2 frames of the welcome screen (the budget is 1 s with
//                 software GL; the real binary's time under Xvfb is printed by the e2e test)
//   frame CPU     mean and worst over 300 frames of the catalog screen, with the demo catalog
//                 (loaded through the real EffectRunner from assets/demo) and with 1,000 courses
//                 (budget: 4 ms)
//   memory        the process's resident set (VmRSS; budget 100 MB)
//
// The real binary's figures (first frame with window and GL, idle CPU over 10 s, its memory)
// come from bench_kiosk_live, which needs an X display (`--target bench_live` runs it in Xvfb).
#include <imgui.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "kiosk/state/action_queue.h"
#include "kiosk/state/effect_runner.h"
#include "kiosk/state/reduce.h"
#include "kiosk/ui/root.h"
#include "raida/core/clock.h"
#include "raida/core/i18n.h"

namespace {

using raida::kiosk::Action;
using raida::kiosk::AppState;
using raida::kiosk::CourseCard;

double ThreadCpuMs() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
}

double WallMs() {
  return std::chrono::duration<double, std::milli>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

long VmRssKb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) {
      return std::stol(line.substr(6));
    }
  }
  return -1;
}

// The demo catalog as the kiosk shows it, loaded through the real EffectRunner into a
// temporary database seeded from assets/demo/rokiskis.json.
std::vector<CourseCard> LoadDemoCatalog(const std::string& language) {
  const auto dir = std::filesystem::temp_directory_path() / "raida_bench_kiosk";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  raida::core::SystemClock clock;
  raida::kiosk::ActionQueue queue;
  raida::kiosk::EffectRunnerOptions options;
  options.db_path = (dir / "kiosk.db").string();
  options.center_id = "center.bajorai";
  options.seed_file = std::string(RAIDA_SOURCE_DIR) + "/assets/demo/rokiskis.json";
  std::vector<CourseCard> courses;
  {
    raida::kiosk::EffectRunner runner(options, clock, queue);
    runner.Post(raida::kiosk::LoadCatalog{language});
    runner.Start();
    runner.WaitIdle(60000);
  }
  for (const Action& action : queue.Drain()) {
    if (const auto* loaded = raida::kiosk::FindMessage<raida::kiosk::CatalogLoaded>(action)) {
      courses = loaded->courses;
    }
  }
  std::filesystem::remove_all(dir);
  return courses;
}

struct FrameStats {
  double mean_cpu_ms = 0;
  double worst_cpu_ms = 0;
};

class HeadlessKiosk {
 public:
  explicit HeadlessKiosk(const raida::core::Translations& translations) {
    context_.translations = &translations;
    context_.px_per_mm = 4.0f;
    dispatch_ = [](Action) {};
  }

  void Frame(const AppState& state) {
    ImGui::NewFrame();
    raida::kiosk::DrawRoot(state, ui_, context_, dispatch_);
    ImGui::Render();
  }

  FrameStats Measure(const AppState& state, int frames) {
    FrameStats stats;
    Frame(state);
    Frame(state);
    for (int i = 0; i < frames; ++i) {
      const double start = ThreadCpuMs();
      Frame(state);
      const double spent = ThreadCpuMs() - start;
      stats.mean_cpu_ms += spent / frames;
      stats.worst_cpu_ms = std::max(stats.worst_cpu_ms, spent);
    }
    return stats;
  }

 private:
  raida::kiosk::RootUi ui_;
  raida::kiosk::UiContext context_;
  raida::kiosk::Dispatch dispatch_;
};

AppState CatalogState(std::vector<CourseCard> courses) {
  AppState state;
  state.language = "lt";
  state.center_id = "center.bajorai";
  state.center_name = "Bajorai";
  raida::kiosk::Reduce(state, raida::kiosk::StartPressed{});
  raida::kiosk::Reduce(state, raida::kiosk::CatalogLoaded{std::move(courses), "lt"});
  return state;
}

std::vector<CourseCard> ThousandCourses(const std::vector<CourseCard>& demo) {
  std::vector<CourseCard> courses;
  for (int i = 0; i < 1000 && !demo.empty(); ++i) {
    CourseCard card = demo[static_cast<size_t>(i) % demo.size()];
    card.id += "." + std::to_string(i);
    card.title += " " + std::to_string(i);
    courses.push_back(std::move(card));
  }
  std::stable_sort(courses.begin(), courses.end(), [](const CourseCard& a, const CourseCard& b) {
    return a.category < b.category;
  });
  return courses;
}

}  // namespace

int main() {
  auto translations =
      raida::core::Translations::LoadDir(std::string(RAIDA_SOURCE_DIR) + "/assets/i18n");
  if (!translations.ok()) {
    std::fprintf(stderr, "bench_kiosk: %s\n", translations.error().message.c_str());
    return 1;
  }
  const std::vector<CourseCard> demo = LoadDemoCatalog("lt");

  const double start_wall = WallMs();
  const double start_cpu = ThreadCpuMs();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.DisplaySize = ImVec2(1920.0f, 1080.0f);
  io.DeltaTime = 1.0f / 60.0f;
  auto fonts = raida::kiosk::LoadFonts(io);
  if (!fonts.ok()) {
    std::fprintf(stderr, "bench_kiosk: %s\n", fonts.error().message.c_str());
    return 1;
  }
  HeadlessKiosk kiosk(*translations);
  AppState welcome;
  welcome.center_name = "Bajorai";
  kiosk.Frame(welcome);
  kiosk.Frame(welcome);
  std::printf("first frame (fonts + atlas + 2 frames, headless): %.1f ms wall, %.1f ms CPU\n",
              WallMs() - start_wall, ThreadCpuMs() - start_cpu);

  const FrameStats demo_stats = kiosk.Measure(CatalogState(demo), 300);
  std::printf("catalog frame CPU, %zu demo courses, 300 frames: mean %.3f ms, worst %.3f ms\n",
              demo.size(), demo_stats.mean_cpu_ms, demo_stats.worst_cpu_ms);
  const FrameStats big_stats = kiosk.Measure(CatalogState(ThousandCourses(demo)), 300);
  std::printf("catalog frame CPU, 1000 courses, 300 frames: mean %.3f ms, worst %.3f ms\n",
              big_stats.mean_cpu_ms, big_stats.worst_cpu_ms);
  std::printf("resident memory (VmRSS): %.1f MB\n", static_cast<double>(VmRssKb()) / 1024.0);
  ImGui::DestroyContext();
  return demo.empty() ? 1 : 0;
}
