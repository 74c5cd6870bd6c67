// The district office's admin subcommands of raida-server: issue-code, revoke-device,
// list-devices, erase-person, merge-people, add-coordinator, set-coordinator-passphrase and
// review (list [--resolved] | retry ID | discard ID: the changes the server set aside; a retry
// refused again exits 1 and leaves the entry open). Each opens the server database, does one
// thing through SyncEngine and prints the result; run them while the server is up or down
// (SQLite's lock and busy timeout serialize them with the serving process).
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <string>

namespace raida::server {

// Registers the subcommands on `cli`. After parsing, `*run` holds the chosen command (empty when
// none was chosen: serve mode); it returns the process exit code (0 ok, 2 bad input, 1 failure).
void AddAdminCommands(CLI::App& cli, std::function<int()>* run);

}  // namespace raida::server
