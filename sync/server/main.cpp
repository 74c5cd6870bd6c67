// raida-server: the district office's server process.
//
// Parses the command line, sets up logging and signals, and runs ServerApp (or one of the admin
// subcommands of admin_commands.h: issue-code, revoke-device, list-devices, erase-person,
// merge-people, review; web/office_commands.h: add-office-user). Exit codes:
//   0  stopped by SIGTERM/SIGINT (or --exit-after-load finished)
//   1  the server could not listen or stopped unexpectedly
//   2  bad input: unusable command line, database (corrupt, newer than this program,
//      unwritable) or district file (missing, malformed; the database is left as it was)
// The line "listening on http://ADDRESS:PORT" goes to stdout once the port is bound, so scripts
// and tests that pass --port 0 can find the port.
#include <pthread.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <chrono>
#include <csignal>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <thread>

#include "admin_commands.h"
#include "certificate_commands.h"
#include "content_commands.h"
#include "raida/core/clock.h"
#include "server_app.h"
#include "server_logging.h"
#include "web/office_commands.h"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitBadInput = 2;

struct CommandLine {
  raida::server::ServerOptions server;
  std::optional<std::string> demo_path;
  std::optional<std::string> log_dir;
  bool exit_after_load = false;
};

sigset_t StopSignals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  return signals;
}

// Removes a database this run created, with its WAL and shared-memory files, so a failed
// --load-demo never leaves a silently empty database behind.
void RemoveCreatedDatabase(const std::string& path) {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    std::filesystem::remove(path + suffix, ec);
  }
}

// Serves until SIGTERM or SIGINT (blocked in every thread and taken here with sigtimedwait), or
// until the server stops by itself. Returns the exit code.
int ServeUntilSignal(raida::server::ServerApp& app, spdlog::logger& logger) {
  std::atomic<bool> done{false};
  raida::core::Status served;
  std::thread server_thread([&] {
    served = app.Serve();
    done = true;
  });
  const sigset_t signals = StopSignals();
  const timespec tick{0, 200'000'000};
  while (!done) {
    const int signal_number = sigtimedwait(&signals, nullptr, &tick);
    if (signal_number == SIGTERM || signal_number == SIGINT) {
      logger.info("stopping on {}", signal_number == SIGTERM ? "SIGTERM" : "SIGINT");
      while (!done) {
        app.Stop();  // repeated: a Stop() that races with the start of Serve() is lost
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
    }
  }
  server_thread.join();
  if (!served.ok()) {
    logger.error("{}", served.error().message);
    return kExitFailure;
  }
  return kExitOk;
}

int Run(const CommandLine& command) {
  auto logger = raida::server::MakeServerLogger(command.log_dir);
  if (!logger.ok()) {
    std::cerr << "raida-server: " << logger.error().message << "\n";
    return kExitBadInput;
  }
  spdlog::logger& log = *logger.value();
  // raida::core logs through spdlog's default logger: send it to the same sinks, so stdout
  // carries only the "listening on" line.
  spdlog::set_default_logger(logger.value());
  const raida::core::SystemClock clock;
  std::error_code ec;
  const bool db_existed = std::filesystem::exists(command.server.db_path, ec);
  auto app = raida::server::ServerApp::Create(command.server, clock, logger.value());
  if (!app.ok()) {
    log.error("{}", app.error().message);
    return kExitBadInput;
  }
  if (command.demo_path) {
    auto loaded = app.value()->LoadDistrict(*command.demo_path);
    if (!loaded.ok()) {
      log.error("{}", loaded.error().message);
      app.value().reset();
      if (!db_existed) {
        RemoveCreatedDatabase(command.server.db_path);
      }
      return kExitBadInput;
    }
    if (command.exit_after_load) {
      return kExitOk;
    }
  }
  auto port = app.value()->Bind();
  if (!port.ok()) {
    log.error("{}", port.error().message);
    return kExitFailure;
  }
  std::cout << "listening on http://" << command.server.listen_address << ":" << port.value()
            << std::endl;
  const int code = ServeUntilSignal(*app.value(), log);
  app.value().reset();
  log.info("stopped; database closed");
  return code;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"Raida district server: sync API and district data for the village kiosks"};
  CommandLine command;
  cli.add_option("--db", command.server.db_path, "server database file (created if missing)");
  std::function<int()> admin;
  raida::server::AddAdminCommands(cli, &admin);
  raida::server::AddCertificateCommands(cli, &admin);
  raida::server::AddContentCommands(cli, &admin);
  raida::server::web::AddOfficeCommands(cli, &admin);
  cli.require_subcommand(0, 1);
  cli.add_option("--listen", command.server.listen_address, "address to listen on")
      ->capture_default_str();
  cli.add_option("--port", command.server.port, "port to listen on; 0 picks a free one")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  cli.add_option("--load-demo", command.demo_path, "load a district file (e.g. rokiskis.json)");
  command.server.lessons_dir = RAIDA_ASSETS_DIR "/lessons";
  cli.add_option("--lessons", command.server.lessons_dir,
                 "lesson pack folders loaded with --load-demo (\"\" for none)")
      ->capture_default_str();
  cli.add_flag("--exit-after-load", command.exit_after_load,
               "exit after --load-demo instead of serving");
  cli.add_option("--log-dir", command.log_dir, "also write rotating log files here");
  cli.set_version_flag("--version", raida::server::ServerVersion());
  // A settings file (TOML: `db = "/var/lib/raida/server.db"`, `port = 8470`, ...) for the service;
  // options on the command line win. An unknown key or a bad value is refused like a bad option.
  cli.set_config("--config", "", "settings file (TOML); command-line options override it");
  cli.allow_config_extras(CLI::config_extras_mode::error);
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = cli.exit(e);
    return code == 0 ? kExitOk : kExitBadInput;
  }
  if (admin) {
    return admin();
  }
  if (command.server.db_path.empty()) {
    std::cerr << "raida-server: --db is required\n";
    return kExitBadInput;
  }
  // Block the stop signals before any thread starts, so only ServeUntilSignal receives them.
  const sigset_t signals = StopSignals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);
  return Run(command);
}
