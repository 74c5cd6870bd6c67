// Applying numbered migrations, each in one transaction with its PRAGMA user_version.
//
// To change the schema, append a Migration with the next number: never edit one that has
// shipped, because databases in the field have already run it.
#include "raida/core/migrations.h"

#include <spdlog/spdlog.h>

#include "raida/core/schema.h"

namespace raida::core {
namespace {

std::vector<Migration> BuildMigrations() {
  return {
      Migration{1, "initial schema", SchemaV1Sql()},
      Migration{2, "sync bookkeeping", SchemaV2Sql()},
      Migration{3, "course search and resident PINs", SchemaV3Sql()},
      Migration{4, "certificates", SchemaV4Sql()},
      Migration{5, "office accounts and kiosk health", SchemaV5Sql()},
      Migration{6, "coordinator sign-in on kiosks", SchemaV6Sql()},
      Migration{7, "gender and employment status for reporting", SchemaV7Sql()},
      Migration{8, "review queue decisions", SchemaV8Sql()},
      Migration{9, "sealed notes: person keys and center keys", SchemaV9Sql()},
      Migration{10, "lesson time counted per device", SchemaV10Sql()},
  };
}

Status CheckNotTooNew(Database& db, int current, int latest) {
  if (current <= latest) {
    return Ok();
  }
  return MakeError(ErrorCode::kTooNew,
                   "database " + db.path() + " has schema version " + std::to_string(current) +
                       " but this Raida understands up to " + std::to_string(latest) +
                       ": install the newer Raida or restore a backup");
}

Status ApplyOne(Database& db, const Migration& migration, const MigrationHook& before_commit) {
  RAIDA_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db));
  // Another process (the kiosk and raida-sync share the file) may have migrated this step while
  // we waited for the write lock.
  RAIDA_ASSIGN_OR_RETURN(const int current, db.UserVersion());
  if (current >= migration.version) {
    return txn.Commit();
  }
  RAIDA_TRY(db.Exec(migration.sql));
  RAIDA_TRY(db.Exec("PRAGMA user_version = " + std::to_string(migration.version)));
  if (before_commit) {
    RAIDA_TRY(before_commit(migration));
  }
  return txn.Commit();
}

}  // namespace

const std::vector<Migration>& RaidaMigrations() {
  static const std::vector<Migration> kMigrations = BuildMigrations();  // immutable after init
  return kMigrations;
}

int LatestSchemaVersion() { return RaidaMigrations().back().version; }

Status Migrate(Database& db, std::span<const Migration> migrations,
               const MigrationHook& before_commit) {
  // Numbers without gaps, starting at 1: anything else is a programming error, not bad input.
  for (size_t i = 0; i < migrations.size(); ++i) {
    RAIDA_CHECK(migrations[i].version == static_cast<int>(i) + 1);
  }
  const int latest = migrations.empty() ? 0 : migrations.back().version;
  auto current = db.UserVersion();
  RAIDA_TRY(current);
  RAIDA_TRY(CheckNotTooNew(db, *current, latest));
  for (const Migration& migration : migrations) {
    if (migration.version <= *current) {
      continue;
    }
    Status applied = ApplyOne(db, migration, before_commit);
    if (!applied.ok()) {
      return MakeError(applied.error().code, "migration " + std::to_string(migration.version) +
                                                 " (" + migration.name + ") of " + db.path() +
                                                 " failed: " + applied.error().message);
    }
    spdlog::info("database {} migrated to schema version {} ({})", db.path(), migration.version,
                 migration.name);
  }
  return Ok();
}

}  // namespace raida::core
