// The shape of Raida's synced tables, and the SQL of schema version 1.
//
// One list describes every synced table: its data columns (every column except id, hlc and
// origin; `deleted` is data, so a tombstone travels like any other change), which of them hold
// BLOBs, and whether the table is written locally on a kiosk ("captured": person, consent,
// enrollment, attendance, lesson progress, assessment, action plan, audit log) or only published
// by the district office (catalog: district, center, device, coordinator, course, offering,
// session, lesson pack). The change-capture triggers of migration 1 are generated from that
// list, and sync code uses it to apply changes that came from elsewhere.
//
// Outbox `cols` JSON: one member per column, with the column's SQL value: integers as numbers,
// text as strings (JSON-valued columns such as `needs` stay JSON *text*), BLOBs as upper-case
// hex strings, NULL as null. An insert carries every data column, an update only those that
// changed.
//
// The list for version 1 is frozen: migration 1's SQL must never change once shipped. A later
// migration that adds a column drops and regenerates the triggers from its own list.
#pragma once

#include <string>
#include <vector>

namespace raida::core {

struct SyncedColumn {
  std::string name;
  bool is_blob = false;  // sent as hex in outbox JSON
  int since_schema = 1;  // the schema version that added the column
};

struct SyncedTable {
  std::string name;
  std::vector<SyncedColumn> columns;  // data columns in table order (not id, hlc, origin)
  bool captured = false;              // local writes are captured into the outbox
  bool append_only = false;           // rows are never updated or deleted (audit_log)
  int since_schema = 1;               // the schema version that added the table
};

// Schema version 1's synced tables, parents before children (foreign-key order).
const std::vector<SyncedTable>& SyncedTablesV1();
// The synced tables schema version 4 adds (certificate).
const std::vector<SyncedTable>& SyncedTablesV4();
// The person table as schema version 7 widens it (gender, employment_status).
const SyncedTable& PersonTableV7();
// The person table as schema version 9 widens it (notes_key).
const SyncedTable& PersonTableV9();
// The synced tables schema version 10 adds (progress_counter).
const std::vector<SyncedTable>& SyncedTablesV10();
// The synced tables of the newest schema this binary knows.
const std::vector<SyncedTable>& SyncedTables();
// The table named `name`, or nullptr.
const SyncedTable* FindSyncedTable(const std::string& name);

// Every statement of schema version 1: tables, indexes, capture and guard triggers, and the
// initial sync_meta rows.
std::string SchemaV1Sql();
// Schema version 2: sync bookkeeping for kiosks (frozen batches, results needing attention) and
// for the server (devices, provisioning codes, applied batches, change log, review queue).
std::string SchemaV2Sql();
// Schema version 3: the FTS5 course search index (kept in step with course by triggers) and the
// kiosk-local resident PINs (person_pin, never synced).
std::string SchemaV3Sql();
// Schema version 4: course certificates (a captured synced table, written once) and the server's
// aliases of certificate codes that lost to an earlier certificate.
std::string SchemaV4Sql();
// Schema version 5: the district office's web accounts, sessions and audit trail, and what kiosks
// report about their outbox and disk (server only, never synced).
std::string SchemaV5Sql();
// Schema version 6: coordinator sign-in on a kiosk (coordinator_login: wrong-attempt counts,
// locks, the passphrase time and the kiosk's PIN hash; local, never synced).
std::string SchemaV6Sql();
// Schema version 7: the person's optional gender and employment status, for programme reporting
// (the person's capture triggers are made again over the wider column list), and the server's
// record of how far each kiosk has pulled (server_device.pulled_seq).
std::string SchemaV7Sql();
// Schema version 8: the server's review queue keeps decisions (quarantine gains the change's
// stamp, a status open/accepted/discarded, the retry outcome, who resolved it and when).
std::string SchemaV8Sql();
// Schema version 9: sealed case notes (person.notes_key, the wrapped person key, synced; the
// person's capture triggers made again) and the server's center keys (center_key, server only).
std::string SchemaV9Sql();
// Schema version 10: lesson time counted per device (progress_counter, a captured synced table
// with one row per person, lesson and device; lesson_progress.seconds_spent keeps the time
// counted before).
std::string SchemaV10Sql();
// The triggers generated for one table (capture and guards for captured tables, a write guard
// for catalog tables); `schema_version` is recorded in each outbox row.
std::string TriggersSql(const SyncedTable& table, int schema_version);

}  // namespace raida::core
