// raida-server's office account subcommand: add-office-user creates an account for the office
// pages (web/office_routes.h). The passphrase is read from standard input, never from the
// command line (where `ps` and the shell history would show it): typed twice without echo on a
// terminal, or the first line of a pipe.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <optional>
#include <string>

namespace raida::server::web {

// Registers the subcommand on `cli`; `*run` is set as admin_commands.h describes (exit codes
// 0 ok, 2 bad input, 1 failure).
void AddOfficeCommands(CLI::App& cli, std::function<int()>* run);

// A passphrase from standard input: typed twice without echo on a terminal (nullopt when the two
// differ, said on stderr), else the first line; nullopt at end of input. The caller wipes it.
std::optional<std::string> ReadPassphrase();

}  // namespace raida::server::web
