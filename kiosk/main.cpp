// raida-kiosk: the touch kiosk of a village center. This file only reads the command line,
// sets up logging and signals, and hands over to RunKiosk (kiosk/app/kiosk_app.h).
//
//   raida-kiosk --db /var/lib/raida/kiosk.db      (provisioned: center and server from sync_meta)
//   raida-kiosk --db /var/lib/raida/kiosk.db --center center.bajorai --server https://...
//   raida-kiosk --db /tmp/k.db --seed-demo assets/demo/rokiskis.json
//               --center center.bajorai --screenshot /tmp/welcome.png
//
// A database provisioned with `raida-sync provision` (device number and `<db>.secret`) runs the
// background sync inside the kiosk and names its center; --center is then only checked against
// it. Without provisioning, --center is required and --server is only checked for reachability.
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "kiosk/app/kiosk_app.h"
#include "kiosk/state/provisioning.h"
#include "raida/core/clock.h"

namespace {

// Set by SIGTERM/SIGINT (systemd stopping the kiosk session). A signal handler may only touch a
// variable of this type, so this is the one piece of file-scope mutable state in the kiosk.
volatile std::sig_atomic_t g_stop_signal = 0;

void OnStopSignal(int signal) { g_stop_signal = signal; }

// Logs to stderr and, with a log directory, to a rotating file there (5 files of 5 MB).
bool SetUpLogging(const std::string& log_dir) {
  std::vector<spdlog::sink_ptr> sinks;
  sinks.push_back(std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
  if (!log_dir.empty()) {
    std::error_code error;
    std::filesystem::create_directories(log_dir, error);
    if (error) {
      std::fprintf(stderr, "raida-kiosk: cannot create the log directory %s: %s\n", log_dir.c_str(),
                   error.message().c_str());
      return false;
    }
    try {
      sinks.push_back(std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
          log_dir + "/raida-kiosk.log", 5 * 1024 * 1024, 5));
    } catch (const spdlog::spdlog_ex& ex) {
      std::fprintf(stderr, "raida-kiosk: cannot open a log file in %s: %s\n", log_dir.c_str(),
                   ex.what());
      return false;
    }
  }
  auto logger = std::make_shared<spdlog::logger>("kiosk", sinks.begin(), sinks.end());
  logger->flush_on(spdlog::level::info);
  spdlog::set_default_logger(logger);
  return true;
}

struct IdleSeconds {
  int limit_s = 120;  // UX-15
  int warning_s = 30;
};

void AddOptions(CLI::App& app, raida::kiosk::KioskOptions& options, std::string& seed_file,
                std::string& log_dir, int& sync_interval_s, IdleSeconds& idle) {
  app.add_option("--db", options.db_path, "the kiosk's SQLite database")->capture_default_str();
  app.add_option("--assets", options.assets_dir, "assets directory (holds i18n/)")
      ->capture_default_str();
  app.add_option("--center", options.center_id,
                 "this kiosk's center id, e.g. center.bajorai (a provisioned kiosk knows it)");
  app.add_option("--seed-demo", seed_file,
                 "district file to load when the database has no catalog yet");
  app.add_option("--server", options.server_url,
                 "district server URL, checked every 60 s (a provisioned kiosk knows it)");
  app.add_option("--sync-interval-s", sync_interval_s,
                 "seconds between background syncs of a provisioned kiosk")
      ->check(CLI::Range(10, 24 * 3600))
      ->capture_default_str();
  app.add_option("--width", options.window.width, "window width in px")->capture_default_str();
  app.add_option("--height", options.window.height, "window height in px")->capture_default_str();
  app.add_flag("--fullscreen", options.window.fullscreen, "fill the primary monitor");
  app.add_option("--language", options.language, "starting language")
      ->check(CLI::IsMember({"lt", "pl", "en"}))
      ->capture_default_str();
  app.add_option("--px-per-mm", options.px_per_mm, "panel pixels per millimetre")
      ->check(CLI::Range(1.0f, 40.0f))
      ->capture_default_str();
  app.add_option("--font-regular", options.fonts.regular_path, "regular TrueType font")
      ->capture_default_str();
  app.add_option("--font-bold", options.fonts.bold_path, "bold TrueType font")
      ->capture_default_str();
  app.add_flag("--start-on-catalog", options.start_on_catalog, "press Start at once");
  app.add_option("--screenshot", options.screenshot_path,
                 "save a PNG once the first screen shows its data, then exit");
  app.add_option("--screenshot-after-ms", options.screenshot_after_ms,
                 "take the --screenshot after this long at the latest")
      ->check(CLI::Range(0, 600000))
      ->capture_default_str();
  app.add_option("--screenshot-dir", options.screenshot_dir,
                 "save <dir>/<language>/<screen>.png as each screen settles");
  app.add_option("--probe-file", options.probe_file,
                 "write the settled screen's widget rectangles here (JSON, for e2e tests)");
  app.add_option("--log-dir", log_dir, "directory for rotating log files");
  app.add_option("--idle-timeout-s", idle.limit_s,
                 "seconds without a touch before \"Are you still there?\"")
      ->check(CLI::Range(2, 3600))
      ->capture_default_str();
  app.add_option("--idle-warning-s", idle.warning_s,
                 "seconds the \"Are you still there?\" countdown lasts before signing out")
      ->check(CLI::Range(2, 600))
      ->capture_default_str();
}

// Reads the database's provisioning: a provisioned kiosk syncs in the background and takes its
// center (and, without --server, the server to check) from sync_meta. False (after printing
// why) when the kiosk does not know its center.
bool ApplyProvisioning(raida::kiosk::KioskOptions& options) {
  const raida::core::SystemClock clock;
  auto provisioning = raida::kiosk::ReadProvisioning(options.db_path, clock);
  if (!provisioning.ok()) {
    // The storage lane opens the database again and shows the fault screen if it is broken.
    spdlog::warn("cannot read the provisioning of {}: {}", options.db_path,
                 provisioning.error().message);
  } else if (provisioning->provisioned) {
    options.background_sync = true;
    if (!provisioning->center_id.empty()) {
      if (!options.center_id.empty() && options.center_id != provisioning->center_id) {
        spdlog::warn("--center {} ignored: this kiosk is provisioned for {}", options.center_id,
                     provisioning->center_id);
      }
      options.center_id = provisioning->center_id;
    }
    if (options.server_url.empty()) {
      options.server_url = provisioning->server_url;
    }
    spdlog::info("provisioned as device {} of {}: background sync with {}", provisioning->device,
                 options.center_id, provisioning->server_url);
  }
  if (options.center_id.empty()) {
    std::fprintf(stderr,
                 "raida-kiosk: --center is required for a kiosk that is not provisioned "
                 "(raida-sync provision)\n");
    return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  raida::kiosk::KioskOptions options;
  options.assets_dir = RAIDA_ASSETS_DIR;
  std::string seed_file;
  std::string log_dir;
  int sync_interval_s = 15 * 60;
  IdleSeconds idle;
  CLI::App app{"Raida kiosk: courses and sign-ups at a village center"};
  AddOptions(app, options, seed_file, log_dir, sync_interval_s, idle);
  // A settings file (TOML: `db = "/var/lib/raida/kiosk.db"`, `px-per-mm = 4.2`, ...) for the
  // kiosk session; options on the command line win. Unknown keys and bad values are refused.
  app.set_config("--config", "", "settings file (TOML); command-line options override it");
  app.allow_config_extras(CLI::config_extras_mode::error);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? 0 : raida::kiosk::kExitBadSetup;
  }
  if (!seed_file.empty()) {
    options.seed_file = seed_file;
  }
  options.sync_interval_ms = static_cast<int64_t>(sync_interval_s) * 1000;
  options.idle_limit_ms = static_cast<int64_t>(idle.limit_s) * 1000;
  options.idle_warning_ms = static_cast<int64_t>(idle.warning_s) * 1000;
  if (!SetUpLogging(log_dir)) {
    return raida::kiosk::kExitBadSetup;
  }
  if (!ApplyProvisioning(options)) {
    return raida::kiosk::kExitBadSetup;
  }
  std::signal(SIGTERM, OnStopSignal);
  std::signal(SIGINT, OnStopSignal);
  options.stop_requested = [] { return g_stop_signal != 0; };
  spdlog::info("raida-kiosk starting: center {}, database {}", options.center_id, options.db_path);
  const int code = raida::kiosk::RunKiosk(options);
  spdlog::info("raida-kiosk exiting with {}", code);
  return code;
}
