// raida-server's lesson-content subcommands, for the people who write and publish lesson packs:
//   raida-server content check [--catalog FILE] DIR...   every problem of the packs, one a line
//   raida-server content publish --db FILE DIR...        validate, then publish into the server
//                                                       database for the kiosks' next sync
// DIR is a lessons root (assets/lessons) or single pack folders. The checks are the lesson-pack
// validator's (raida/core/lesson_pack_check.h).
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace raida::server {

// Registers `content` and its subcommands on `cli`. After parsing, `*run` holds the chosen
// command, which returns the exit code: 0 clean / published, 1 problems found or a pack refused,
// 2 bad input (a DIR that is not a directory, an unreadable catalog, no database).
void AddContentCommands(CLI::App& cli, std::function<int()>* run);

}  // namespace raida::server
