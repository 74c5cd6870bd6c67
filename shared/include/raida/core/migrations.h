// Numbered schema migrations, compiled into the binary.
//
// Migration N moves a database from user_version N-1 to N. Each runs in its own transaction
// that also sets PRAGMA user_version, so a failure (or a power cut) mid-way leaves the
// database exactly as it was before that step. A database whose user_version is higher than
// the newest migration this binary knows is refused with kTooNew and a message that says to
// update the program: writing to it could destroy data a newer version put there.
#pragma once

#include <functional>
#include <span>
#include <string>
#include <vector>

#include "raida/core/database.h"
#include "raida/core/result.h"

namespace raida::core {

struct Migration {
  int version;       // 1, 2, 3, ... without gaps
  std::string name;  // for the log: "initial schema"
  std::string sql;   // one or more statements
};

// The migrations of Raida's schema, oldest first (the kiosk and the server share them).
const std::vector<Migration>& RaidaMigrations();
// The version the newest migration reaches.
int LatestSchemaVersion();

// Called after a migration's SQL has run and before its transaction commits; a test returns an
// error to inject a failure at that step. Empty in production.
using MigrationHook = std::function<Status(const Migration&)>;

// Applies every migration newer than the database's user_version, in order.
Status Migrate(Database& db, std::span<const Migration> migrations,
               const MigrationHook& before_commit = {});

}  // namespace raida::core
