// bench_kiosk_live: the real raida-kiosk binary's figures in an X display (run it under
// `xvfb-run -a -s "-screen 0 1920x1080x24"` with LIBGL_ALWAYS_SOFTWARE=1, as the e2e tests do).
// bench_kiosk measures the ImGui frame headless; this one measures what a kiosk panel costs:
// window, GL driver (Mesa llvmpipe here, with its own threads) and the wait between frames.
//
// Prints, for the demo district and for a copy of it with 1,000 courses:
//   first frame   the kiosk's own "first frame shown N ms after start" (translations, window,
//                 fonts, the first draw) and the wall time until this program read that line
//   idle CPU      process CPU (all threads) over 10 s on the welcome screen (target: near 0;
//                 it draws only on events) and on the catalog (a person may be reading: one
//                 frame a second for the screen's timers)
//   memory        VmRSS and its peak VmHWM after the idle seconds (target: under 100 MB), split
//                 into anonymous memory and mapped files (the GL driver's libraries)
#include <signal.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "kiosk_process.h"

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr int kIdleSeconds = 10;

long StatusKb(pid_t pid, const std::string& field) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind(field + ":", 0) == 0) {
      return std::stol(line.substr(field.size() + 1));
    }
  }
  return -1;
}

// The demo district with its courses copied until there are `count` (ids and titles numbered).
std::string ManyCourses(const fs::path& dir, int count) {
  std::ifstream in(std::string(RAIDA_SOURCE_DIR) + "/assets/demo/rokiskis.json");
  nlohmann::json demo = nlohmann::json::parse(in);
  const nlohmann::json originals = demo.at("courses");
  nlohmann::json courses = nlohmann::json::array();
  for (int i = 0; i < count; ++i) {
    nlohmann::json course = originals.at(static_cast<size_t>(i) % originals.size());
    if (i >= static_cast<int>(originals.size())) {
      course["id"] = course["id"].get<std::string>() + "." + std::to_string(i);
      for (auto& [language, title] : course["title"].items()) {
        title = title.get<std::string>() + " " + std::to_string(i);
      }
    }
    courses.push_back(course);
  }
  demo["courses"] = courses;
  const fs::path path = dir / "many-courses.json";
  std::ofstream(path) << demo.dump();
  return path.string();
}

struct Figures {
  std::optional<int> first_frame_ms;  // as the kiosk logged it
  double seen_after_ms = 0;           // wall time until the log line was read here
  double idle_cpu_percent = -1;
  long rss_kb = -1;
  long hwm_kb = -1;
  long anon_kb = -1;  // RssAnon: the heap and stacks, the kiosk's own and the driver's
  long file_kb = -1;  // RssFile: mapped libraries (libLLVM for llvmpipe is most of it)
};

std::optional<Figures> Measure(const fs::path& dir, const std::string& district, bool catalog) {
  const fs::path db = dir / (catalog ? "catalog.db" : "welcome.db");
  fs::remove(db);
  std::vector<std::string> args = {"--db",   db.string(), "--seed-demo",
                                   district, "--center",  "center.bajorai"};
  if (catalog) {
    args.push_back("--start-on-catalog");
  }
  const std::string log = (dir / "kiosk.log").string();
  const auto started = std::chrono::steady_clock::now();
  raida::e2e::KioskProcess kiosk(RAIDA_KIOSK_BIN, args, log);
  if (!kiosk.started()) {
    return std::nullopt;
  }
  Figures figures;
  const std::regex first_frame("first frame shown ([0-9]+) ms");
  const auto deadline = started + 60s;
  while (!figures.first_frame_ms && std::chrono::steady_clock::now() < deadline &&
         kiosk.Running()) {
    std::smatch match;
    const std::string text = kiosk.Log();
    if (std::regex_search(text, match, first_frame)) {
      figures.first_frame_ms = std::stoi(match[1]);
      figures.seen_after_ms =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
              .count();
    }
    std::this_thread::sleep_for(10ms);
  }
  if (!figures.first_frame_ms) {
    std::fprintf(stderr, "bench_kiosk_live: the kiosk showed no frame:\n%s\n", kiosk.Log().c_str());
    return std::nullopt;
  }
  std::this_thread::sleep_for(5s);  // the catalog loads, the first frames settle
  const double before = raida::e2e::ProcessCpuSeconds(kiosk.pid());
  std::this_thread::sleep_for(std::chrono::seconds(kIdleSeconds));
  const double after = raida::e2e::ProcessCpuSeconds(kiosk.pid());
  figures.idle_cpu_percent = 100.0 * (after - before) / kIdleSeconds;
  figures.rss_kb = StatusKb(kiosk.pid(), "VmRSS");
  figures.hwm_kb = StatusKb(kiosk.pid(), "VmHWM");
  figures.anon_kb = StatusKb(kiosk.pid(), "RssAnon");
  figures.file_kb = StatusKb(kiosk.pid(), "RssFile");
  kiosk.Signal(SIGTERM);
  kiosk.Wait(20s);
  return figures;
}

void Print(const char* what, const Figures& f) {
  std::printf(
      "%-34s first frame %4d ms (seen after %4.0f ms), idle CPU over %d s %5.2f %%, "
      "VmRSS %.1f MB (peak %.1f MB; anonymous %.1f MB, mapped files %.1f MB)\n",
      what, *f.first_frame_ms, f.seen_after_ms, kIdleSeconds, f.idle_cpu_percent,
      static_cast<double>(f.rss_kb) / 1024.0, static_cast<double>(f.hwm_kb) / 1024.0,
      static_cast<double>(f.anon_kb) / 1024.0, static_cast<double>(f.file_kb) / 1024.0);
}

}  // namespace

int main() {
  if (std::getenv("DISPLAY") == nullptr) {
    std::fprintf(stderr, "bench_kiosk_live: no DISPLAY; run it under xvfb-run -a\n");
    return 1;
  }
  const fs::path dir = fs::temp_directory_path() / ("raida_bench_live_" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string demo = std::string(RAIDA_SOURCE_DIR) + "/assets/demo/rokiskis.json";
  const std::string many = ManyCourses(dir, 1000);
  struct Run {
    const char* what;
    const std::string& district;
    bool catalog;
  };
  const Run runs[] = {{"welcome, demo district:", demo, false},
                      {"catalog, demo district:", demo, true},
                      {"welcome, 1000 courses:", many, false},
                      {"catalog, 1000 courses:", many, true}};
  int failures = 0;
  for (const Run& run : runs) {
    const auto figures = Measure(dir, run.district, run.catalog);
    if (!figures) {
      ++failures;
      continue;
    }
    Print(run.what, *figures);
  }
  fs::remove_all(dir);
  return failures == 0 ? 0 : 1;
}
