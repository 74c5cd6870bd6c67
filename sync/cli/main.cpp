// raida-sync: the command-line side of sync, for the nightly systemd timer, tests and a
// coordinator's laptop. Subcommands:
//   status --db PATH [--server URL]   what waits to be sent, the last sync's outcome, changes
//                                     needing attention, and whether the server answers
//   provision --db PATH --server URL --code CODE [--label L] [--pin sha256//..] [--force]
//                                     exchange a one-time code for this kiosk's identity
//   once --db PATH [--max-ms N] [--attempts N] [--low-speed-time-s N] [--connect-timeout-s N]
//                                     run one full sync session now
//   check --db PATH [--no-repair] [--max-ms N]
//                                     sync, then compare the kiosk's data with the district
//                                     office's table by table and repair the tables that differ
// Exit codes: 0 success, 1 failure, 2 bad input (arguments, missing or unusable database).
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>

#include "raida/core/clock.h"
#include "status_command.h"
#include "sync_commands.h"

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
  ProvisionOptions provision;
  CLI::App* provision_command = cli.add_subcommand(
      "provision", "exchange a one-time code from the district office for this kiosk's identity");
  provision_command->add_option("--db", provision.db_path, "the kiosk's database file")->required();
  provision_command->add_option("--server", provision.server_url, "district server address")
      ->required();
  provision_command->add_option("--code", provision.code, "the one-time provisioning code")
      ->required();
  provision_command->add_option("--label", provision.label, "a name for this kiosk");
  provision_command->add_option("--pin", provision.pin,
                                "the server's pinned public key, sha256//<base64>");
  provision_command->add_flag("--force", provision.force,
                              "provision again a database that already has a device number");

  OnceOptions once;
  CLI::App* once_command = cli.add_subcommand("once", "run one full sync session now");
  once_command->add_option("--db", once.db_path, "the kiosk's database file")->required();
  once_command
      ->add_option("--max-ms", once.max_session_ms, "the session's time budget in milliseconds")
      ->check(CLI::Range(int64_t{1000}, int64_t{24} * 3600 * 1000))
      ->capture_default_str();
  once_command->add_option("--attempts", once.max_attempts, "tries per request before giving up")
      ->check(CLI::Range(1, 20))
      ->capture_default_str();
  once_command
      ->add_option("--low-speed-time-s", once.low_speed_time_s,
                   "give up a transfer slower than 64 B/s for this many seconds")
      ->check(CLI::Range(int64_t{1}, int64_t{3600}))
      ->capture_default_str();
  once_command
      ->add_option("--connect-timeout-s", once.connect_timeout_s,
                   "give up a connection not made within this many seconds")
      ->check(CLI::Range(int64_t{1}, int64_t{600}))
      ->capture_default_str();
  CheckOptions check;
  CLI::App* check_command = cli.add_subcommand(
      "check", "sync, then compare this kiosk's data with the district office's and repair it");
  check_command->add_option("--db", check.db_path, "the kiosk's database file")->required();
  check_command->add_flag(
      "--no-repair", [&check](int64_t) { check.repair = false; },
      "only report the tables that differ");
  check_command
      ->add_option("--max-ms", check.max_session_ms, "the sync's time budget in milliseconds")
      ->check(CLI::Range(int64_t{1000}, int64_t{24} * 3600 * 1000))
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
  if (provision_command->parsed()) {
    return RunProvision(provision, clock, std::cout, std::cerr);
  }
  if (once_command->parsed()) {
    return RunOnce(once, clock, std::cout, std::cerr);
  }
  if (check_command->parsed()) {
    return RunCheck(check, clock, std::cout, std::cerr);
  }
  return kExitFailure;
}
