// Schema version 9: sealed case notes, with a key per person.
//
// person.notes_key holds the person's notes key wrapped under their center's key (sealed_notes.h);
// it is synced like every profile field (BLOB, hex in the outbox), so the person's capture
// triggers are made again over the wider column list. It is written once: by the kiosk that
// registers the person, in the same transaction as the row, or by the district server for a
// person who has none; erasure clears it (crypto-shredding: notes sealed under it stay unreadable).
//
// center_key (server only; kiosks carry it empty, nothing in it is synced): one random key per
// center, made the first time a kiosk of the center is provisioned or a person of it needs a
// notes key. It is kept in the server's database rather than in a file beside it so that a key
// and every person key wrapped under it are written in one transaction, whichever process (the
// server or an admin command) makes them first; a kiosk keeps its copy in `<db>.center-key`.
//
// person_without_notes_key finds the people the server still has to give a key to, per center.
#include "raida/core/result.h"
#include "raida/core/schema.h"

namespace raida::core {
namespace {

// The person table's triggers as schema_v7 made them (schema.cpp CapturedTriggers).
constexpr const char* kDropPersonTriggers =
    "DROP TRIGGER person_capture_insert;\n"
    "DROP TRIGGER person_capture_update;\n"
    "DROP TRIGGER person_stamp_update;\n"
    "DROP TRIGGER person_require_stamp;\n"
    "DROP TRIGGER person_no_delete;\n";

constexpr const char* kNotesKeyV9 =
    "ALTER TABLE person ADD COLUMN notes_key BLOB;\n"
    "CREATE INDEX person_without_notes_key ON person(home_center_id) WHERE notes_key IS NULL;\n"
    "CREATE TABLE center_key(\n"
    "  center_id TEXT PRIMARY KEY,\n"
    "  key BLOB NOT NULL CHECK (length(key) = 32),\n"
    "  created_ms INTEGER NOT NULL);\n";

}  // namespace

const SyncedTable& PersonTableV9() {
  static const SyncedTable kTable = [] {  // immutable after init
    SyncedTable person = PersonTableV7();
    person.columns.push_back({"notes_key", true, 9});
    return person;
  }();
  return kTable;
}

std::string SchemaV9Sql() {
  return std::string(kNotesKeyV9) + kDropPersonTriggers + TriggersSql(PersonTableV9(), 9);
}

}  // namespace raida::core
