// raida-sync: the command-line side of sync, for the nightly systemd timer, tests and a
// coordinator's laptop. Subcommands:
//   status --db PATH [--server URL]   what waits to be sent and whether the server answers
// Exit codes: 0 success, 1 failure, 2 bad input (arguments, missing or unusable database).
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>

#include "raida/core/clock.h"
#include "status_command.h"

#ifndef RAIDA_VERSION
#error "RAIDA_VERSION must be defined by the build"
#endif

int main(int argc, char** argv) {
  using namespace raida::sync_cli;
  CLI::App cli{"Raida sync: send this kiosk's changes to the district server and fetch theirs"};
  cli.set_version_flag("--version", RAIDA_VERSION);
  cli.require_subcommand(1);

  StatusOptions status;
  CLI::App* status_command =
      cli.add_subcommand("status", "show the database, the changes waiting and the server");
  status_command->add_option("--db", status.db_path, "the kiosk's database file")->required();
  status_command->add_option("--server", status.server_url,
                             "district server address, e.g. http://127.0.0.1:8080");
  status_command->add_option("--timeout-ms", status.timeout_ms, "limit for the server check")
      ->check(CLI::Range(100, 60000))
      ->capture_default_str();
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = cli.exit(e);
    return code == 0 ? kExitOk : kExitBadInput;
  }
  // raida::core logs through spdlog's default logger; stdout is for the report only.
  spdlog::set_default_logger(std::make_shared<spdlog::logger>(
      "raida-sync", std::make_shared<spdlog::sinks::stderr_sink_st>()));
  const raida::core::SystemClock clock;
  if (status_command->parsed()) {
    return RunStatus(status, clock, std::cout, std::cerr);
  }
  return kExitFailure;
}
