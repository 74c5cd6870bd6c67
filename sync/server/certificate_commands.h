// raida-server verify-certificate CODE --db FILE: tells the district office whether a
// certificate code is genuine, with the course, center, dates, hours and the holder's name.
// Exit codes: 0 the code belongs to a live certificate, 1 "no certificate has this code" (also
// for a malformed code or a withdrawn certificate), 2 the database cannot be opened.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace raida::server {

// Registers the subcommand on `cli`; after parsing, `*run` holds it when it was chosen (see
// AddAdminCommands).
void AddCertificateCommands(CLI::App& cli, std::function<int()>* run);

}  // namespace raida::server
