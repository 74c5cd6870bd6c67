// Schema version 1: the tables of the domain, the sync bookkeeping, and the triggers that
// capture every local change into the outbox in the same transaction.
//
// Foreign keys are DEFERRABLE INITIALLY DEFERRED: changes from the server arrive in pages, and a
// child may come before its parent within one apply transaction; the check still runs at COMMIT.
// Repositories check the parents themselves first, to give a clear kNotFound.
//
// sync_meta and local_ui_state are STRICT so that `v ANY` keeps values exactly as written (in an
// ordinary table "ANY" has numeric affinity and would turn the text "0123" into 123).
#include "raida/core/schema.h"

#include <sstream>

namespace raida::core {
namespace {

// Columns every synced table ends with.
#define RAIDA_SYNC_COLUMNS       \
  "  hlc INTEGER NOT NULL,\n"    \
  "  origin INTEGER NOT NULL,\n" \
  "  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))"
#define RAIDA_JSON_OBJECT(c) " CHECK (json_valid(" c ") AND json_type(" c ") = 'object')"
#define RAIDA_JSON_ARRAY(c) " CHECK (json_valid(" c ") AND json_type(" c ") = 'array')"
#define RAIDA_BOOL(c) " CHECK (" c " IN (0, 1))"
#define RAIDA_FK(t) " REFERENCES " t "(id) DEFERRABLE INITIALLY DEFERRED"

constexpr const char* kTablesV1 =
    "CREATE TABLE sync_meta(k TEXT PRIMARY KEY, v ANY) STRICT, WITHOUT ROWID;\n"
    "CREATE TABLE local_ui_state(k TEXT PRIMARY KEY, v ANY) STRICT, WITHOUT ROWID;\n"
    "CREATE TABLE outbox(\n"
    "  seq INTEGER PRIMARY KEY,\n"
    "  hlc INTEGER NOT NULL,\n"
    "  tbl TEXT NOT NULL,\n"
    "  pk TEXT NOT NULL,\n"
    "  op INTEGER NOT NULL,\n"
    "  cols TEXT NOT NULL,\n"
    "  schema_version INTEGER NOT NULL);\n"

    "CREATE TABLE district(\n"
    "  id TEXT PRIMARY KEY,\n"
    "  name TEXT NOT NULL CHECK (name <> ''),\n" RAIDA_SYNC_COLUMNS ");\n"

    "CREATE TABLE center(\n"
    "  id TEXT PRIMARY KEY,\n"
    "  district_id TEXT NOT NULL" RAIDA_FK("district") ",\n"
    "  name TEXT NOT NULL CHECK (name <> ''),\n"
    "  address TEXT NOT NULL DEFAULT '',\n"
    "  phone TEXT NOT NULL DEFAULT '',\n"
    "  opening_hours TEXT NOT NULL DEFAULT '{}'" RAIDA_JSON_OBJECT("opening_hours") ",\n"
    RAIDA_SYNC_COLUMNS ");\n"

    "CREATE TABLE device(\n"
    "  id TEXT PRIMARY KEY,\n"
    "  device_no INTEGER NOT NULL UNIQUE CHECK (device_no > 0),\n"
    "  center_id TEXT NOT NULL" RAIDA_FK("center") ",\n"
    "  label TEXT NOT NULL DEFAULT '',\n"
    "  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'revoked')),\n"
    RAIDA_SYNC_COLUMNS ");\n"

    "CREATE TABLE person(\n"
    "  id TEXT PRIMARY KEY,\n"
    "  home_center_id TEXT NOT NULL" RAIDA_FK("center") ",\n"
    "  given_name TEXT NOT NULL,\n"
    "  family_name TEXT NOT NULL,\n"
    "  birth_year INTEGER CHECK (birth_year IS NULL OR birth_year >= 1900),\n"
    "  phone TEXT NOT NULL DEFAULT '',\n"
    "  email TEXT NOT NULL DEFAULT '',\n"
    "  village TEXT NOT NULL DEFAULT '',\n"
    "  language TEXT NOT NULL DEFAULT 'lt' CHECK (language IN ('lt', 'pl', 'en')),\n"
    "  needs TEXT NOT NULL DEFAULT '[]'" RAIDA_JSON_ARRAY("needs") ",\n"
    "  card_code TEXT CHECK (card_code IS NULL OR card_code <> ''),\n"
    "  merged_into TEXT" RAIDA_FK("person") ",\n"
    "  erased INTEGER NOT NULL DEFAULT 0" RAIDA_BOOL("erased") ",\n"
    RAIDA_SYNC_COLUMNS ");\n"
    "CREATE UNIQUE INDEX person_card_code ON person(card_code) WHERE card_code IS NOT NULL;\n"
    "CREATE INDEX person_home_center ON person(home_center_id, family_name, given_name);\n"

    "CREATE TABLE consent(\n"
    "  id TEXT PRIMARY KEY,\n"
    "  person_id TEXT NOT NULL" RAIDA_FK("person") ",\n"
    "  purpose TEXT NOT NULL CHECK (purpose <> ''),\n"
    "  granted INTEGER NOT NULL" RAIDA_BOOL("granted") ",\n"
    "  text_version TEXT NOT NULL,\n"
    "  language TEXT NOT NULL CHECK (language IN ('lt', 'pl', 'en')),\n"
    "  method TEXT NOT NULL CHECK (method IN ('tap', 'witnessed')),\n"
    "  recorded_by TEXT NOT NULL DEFAULT '',\n"
    "  recorded_at_ms INTEGER NOT NULL,\n"
    RAIDA_SYNC_COLUMNS ");\n"
    "CREATE INDEX consent_person ON consent(person_id, recorded_at_ms);\n"

    "CREATE TABLE coordinator(\n"
    "  id TEXT PRIMARY KEY,\n"
    "  center_id TEXT NOT NULL" RAIDA_FK("center") ",\n"
    "  display_name TEXT NOT NULL CHECK (display_name <> ''),\n"
    "  login TEXT NOT NULL UNIQUE CHECK (login <> ''),\n"
    "  passphrase_hash TEXT NOT NULL DEFAULT '',\n"
    "  pin_hash TEXT NOT NULL DEFAULT '',\n"
    "  active INTEGER NOT NULL DEFAULT 1" RAIDA_BOOL("active") ",\n"
    RAIDA_SYNC_COLUMNS ");\n"
    "CREATE INDEX coordinator_center ON coordinator(center_id);\n"

    "CREATE TABLE course(\n"
    "  id TEXT PRIMARY KEY,\n"
    "  category TEXT NOT NULL CHECK (category IN ('computer_basics', 'e_services', 'english',\n"
    "    'job_search', 'confidence', 'vocational', 'work_family', 'rights_at_work')),\n"
    "  title TEXT NOT NULL" RAIDA_JSON_OBJECT("title") ",\n"
    "  summary TEXT NOT NULL DEFAULT '{}'" RAIDA_JSON_OBJECT("summary") ",\n"
    "  what_to_bring TEXT NOT NULL DEFAULT '{}'" RAIDA_JSON_OBJECT("what_to_bring") ",\n"
    "  hours INTEGER NOT NULL DEFAULT 0 CHECK (hours >= 0),\n"
    RAIDA_SYNC_COLUMNS ");\n"

    "CREATE TABLE course_offering(\n"
    "  id TEXT PRIMARY KEY,\n"
    "  course_id TEXT NOT NULL" RAIDA_FK("course") ",\n"
    "  center_id TEXT NOT NULL" RAIDA_FK("center") ",\n"
    "  starts_on TEXT NOT NULL,\n"
    "  ends_on TEXT NOT NULL CHECK (ends_on >= starts_on),\n"
    "  place TEXT NOT NULL DEFAULT '',\n"
    "  capacity INTEGER NOT NULL CHECK (capacity > 0),\n"
    "  cancelled INTEGER NOT NULL DEFAULT 0" RAIDA_BOOL("cancelled") ",\n"
    RAIDA_SYNC_COLUMNS ");\n"
    "CREATE INDEX offering_course_center ON course_offering(course_id, center_id, starts_on);\n"

    "CREATE TABLE course_session(\n"
    "  id TEXT PRIMARY KEY,\n"
    "  offering_id TEXT NOT NULL" RAIDA_FK("course_offering") ",\n"
    "  date TEXT NOT NULL,\n"
    "  start_time TEXT NOT NULL,\n"
    "  end_time TEXT NOT NULL,\n"
    RAIDA_SYNC_COLUMNS ");\n"
    "CREATE INDEX session_offering ON course_session(offering_id, date, start_time);\n"

    "CREATE TABLE enrollment(\n"
    "  id TEXT PRIMARY KEY,\n"
    "  offering_id TEXT NOT NULL" RAIDA_FK("course_offering") ",\n"
    "  person_id TEXT NOT NULL" RAIDA_FK("person") ",\n"
    "  status TEXT NOT NULL CHECK (status IN ('requested', 'confirmed', 'waitlisted',\n"
    "    'cancelled', 'attended', 'completed')),\n"
    "  needs TEXT NOT NULL DEFAULT '[]'" RAIDA_JSON_ARRAY("needs") ",\n"
    "  reason TEXT NOT NULL DEFAULT '',\n"
    "  requested_at_ms INTEGER NOT NULL,\n"
    RAIDA_SYNC_COLUMNS ",\n"
    "  UNIQUE (offering_id, person_id));\n"
    "CREATE INDEX enrollment_person ON enrollment(person_id);\n"

    "CREATE TABLE attendance(\n"
    "  id TEXT PRIMARY KEY,\n"
    "  session_id TEXT NOT NULL" RAIDA_FK("course_session") ",\n"
    "  person_id TEXT NOT NULL" RAIDA_FK("person") ",\n"
    "  mark TEXT NOT NULL CHECK (mark IN ('present', 'absent', 'excused')),\n"
    "  marked_by TEXT NOT NULL DEFAULT '',\n"
    RAIDA_SYNC_COLUMNS ",\n"
    "  UNIQUE (session_id, person_id));\n"
    "CREATE INDEX attendance_person ON attendance(person_id);\n"

    "CREATE TABLE lesson_pack(\n"
    "  id TEXT PRIMARY KEY,\n"
    "  course_id TEXT NOT NULL" RAIDA_FK("course") ",\n"
    "  version INTEGER NOT NULL CHECK (version > 0),\n"
    "  checksum TEXT NOT NULL,\n"
    "  manifest TEXT NOT NULL CHECK (json_valid(manifest)),\n"
    RAIDA_SYNC_COLUMNS ");\n"

    "CREATE TABLE lesson_progress(\n"
    "  id TEXT PRIMARY KEY,\n"
    "  person_id TEXT NOT NULL" RAIDA_FK("person") ",\n"
    "  course_id TEXT NOT NULL" RAIDA_FK("course") ",\n"
    "  lesson_id TEXT NOT NULL CHECK (lesson_id <> ''),\n"
    "  page INTEGER NOT NULL DEFAULT 0 CHECK (page >= 0),\n"
    "  completed INTEGER NOT NULL DEFAULT 0" RAIDA_BOOL("completed") ",\n"
    "  best_score INTEGER NOT NULL DEFAULT 0 CHECK (best_score BETWEEN 0 AND 100),\n"
    "  seconds_spent INTEGER NOT NULL DEFAULT 0 CHECK (seconds_spent >= 0),\n"
    RAIDA_SYNC_COLUMNS ",\n"
    "  UNIQUE (person_id, lesson_id));\n"

    "CREATE TABLE assessment_response(\n"
    "  id TEXT PRIMARY KEY,\n"
    "  person_id TEXT NOT NULL" RAIDA_FK("person") ",\n"
    "  kind TEXT NOT NULL CHECK (kind <> ''),\n"
    "  answers TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(answers)),\n"
    "  result TEXT CHECK (result IS NULL OR json_valid(result)),\n"
    "  reviewed INTEGER NOT NULL DEFAULT 0" RAIDA_BOOL("reviewed") ",\n"
    RAIDA_SYNC_COLUMNS ");\n"
    "CREATE INDEX assessment_person ON assessment_response(person_id, kind);\n"

    "CREATE TABLE action_plan(\n"
    "  id TEXT PRIMARY KEY,\n"
    "  person_id TEXT NOT NULL" RAIDA_FK("person") ",\n"
    "  coordinator_id TEXT NOT NULL DEFAULT '',\n"
    "  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'closed')),\n"
    RAIDA_SYNC_COLUMNS ");\n"
    "CREATE INDEX action_plan_person ON action_plan(person_id);\n"

    "CREATE TABLE plan_goal(\n"
    "  id TEXT PRIMARY KEY,\n"
    "  plan_id TEXT NOT NULL" RAIDA_FK("action_plan") ",\n"
    "  title TEXT NOT NULL CHECK (title <> ''),\n"
    "  achieved INTEGER NOT NULL DEFAULT 0" RAIDA_BOOL("achieved") ",\n"
    RAIDA_SYNC_COLUMNS ");\n"
    "CREATE INDEX plan_goal_plan ON plan_goal(plan_id);\n"

    "CREATE TABLE plan_step(\n"
    "  id TEXT PRIMARY KEY,\n"
    "  goal_id TEXT NOT NULL" RAIDA_FK("plan_goal") ",\n"
    "  title TEXT NOT NULL CHECK (title <> ''),\n"
    "  due_on TEXT NOT NULL DEFAULT '',\n"
    "  institution TEXT NOT NULL DEFAULT 'other' CHECK (institution IN ('labour_office',\n"
    "    'social_assistance', 'ngo', 'training_provider', 'other')),\n"
    "  done INTEGER NOT NULL DEFAULT 0" RAIDA_BOOL("done") ",\n"
    "  notes_sealed BLOB,\n"
    RAIDA_SYNC_COLUMNS ");\n"
    "CREATE INDEX plan_step_goal ON plan_step(goal_id);\n"

    "CREATE TABLE audit_log(\n"
    "  id TEXT PRIMARY KEY,\n"
    "  at_ms INTEGER NOT NULL,\n"
    "  actor_id TEXT NOT NULL,\n"
    "  action TEXT NOT NULL CHECK (action <> ''),\n"
    "  record_table TEXT NOT NULL DEFAULT '',\n"
    "  record_id TEXT NOT NULL DEFAULT '',\n"
    RAIDA_SYNC_COLUMNS ");\n"
    "CREATE INDEX audit_log_record ON audit_log(record_table, record_id);\n"

    "INSERT INTO sync_meta(k, v) VALUES ('device_id', 0), ('id_counter', 0), ('hlc_last', 0),\n"
    "  ('outbox_seq', 0), ('server_offset_ms', 0), ('pull_cursor', 0);\n";

#undef RAIDA_SYNC_COLUMNS
#undef RAIDA_JSON_OBJECT
#undef RAIDA_JSON_ARRAY
#undef RAIDA_BOOL
#undef RAIDA_FK

SyncedTable Catalog(std::string name, std::vector<std::string> columns) {
  SyncedTable table{std::move(name), {}, false, false};
  for (auto& column : columns) {
    table.columns.push_back({std::move(column), false});
  }
  return table;
}

SyncedTable Captured(std::string name, std::vector<SyncedColumn> columns,
                     bool append_only = false) {
  return SyncedTable{std::move(name), std::move(columns), true, append_only};
}

std::vector<SyncedTable> BuildTablesV1() {
  return {
      Catalog("district", {"name", "deleted"}),
      Catalog("center", {"district_id", "name", "address", "phone", "opening_hours", "deleted"}),
      Catalog("device", {"device_no", "center_id", "label", "status", "deleted"}),
      Captured("person", {{"home_center_id"},
                          {"given_name"},
                          {"family_name"},
                          {"birth_year"},
                          {"phone"},
                          {"email"},
                          {"village"},
                          {"language"},
                          {"needs"},
                          {"card_code"},
                          {"merged_into"},
                          {"erased"},
                          {"deleted"}}),
      Captured("consent", {{"person_id"},
                           {"purpose"},
                           {"granted"},
                           {"text_version"},
                           {"language"},
                           {"method"},
                           {"recorded_by"},
                           {"recorded_at_ms"},
                           {"deleted"}}),
      Catalog("coordinator", {"center_id", "display_name", "login", "passphrase_hash", "pin_hash",
                              "active", "deleted"}),
      Catalog("course", {"category", "title", "summary", "what_to_bring", "hours", "deleted"}),
      Catalog("course_offering", {"course_id", "center_id", "starts_on", "ends_on", "place",
                                  "capacity", "cancelled", "deleted"}),
      Catalog("course_session", {"offering_id", "date", "start_time", "end_time", "deleted"}),
      Captured("enrollment", {{"offering_id"},
                              {"person_id"},
                              {"status"},
                              {"needs"},
                              {"reason"},
                              {"requested_at_ms"},
                              {"deleted"}}),
      Captured("attendance", {{"session_id"}, {"person_id"}, {"mark"}, {"marked_by"}, {"deleted"}}),
      Catalog("lesson_pack", {"course_id", "version", "checksum", "manifest", "deleted"}),
      Captured("lesson_progress", {{"person_id"},
                                   {"course_id"},
                                   {"lesson_id"},
                                   {"page"},
                                   {"completed"},
                                   {"best_score"},
                                   {"seconds_spent"},
                                   {"deleted"}}),
      Captured("assessment_response",
               {{"person_id"}, {"kind"}, {"answers"}, {"result"}, {"reviewed"}, {"deleted"}}),
      Captured("action_plan", {{"person_id"}, {"coordinator_id"}, {"status"}, {"deleted"}}),
      Captured("plan_goal", {{"plan_id"}, {"title"}, {"achieved"}, {"deleted"}}),
      Captured("plan_step", {{"goal_id"},
                             {"title"},
                             {"due_on"},
                             {"institution"},
                             {"done"},
                             {"notes_sealed", true},
                             {"deleted"}}),
      Captured("audit_log",
               {{"at_ms"}, {"actor_id"}, {"action"}, {"record_table"}, {"record_id"}, {"deleted"}},
               /*append_only=*/true),
  };
}

// The JSON value of NEW.<column>: BLOBs cannot live in JSON, so they travel as hex.
std::string NewValue(const SyncedColumn& column) {
  if (column.is_blob) {
    return "CASE WHEN NEW." + column.name + " IS NULL THEN NULL ELSE hex(NEW." + column.name +
           ") END";
  }
  return "NEW." + column.name;
}

std::string AllColumnsJson(const SyncedTable& table) {
  std::string json = "json_object(";
  for (size_t i = 0; i < table.columns.size(); ++i) {
    json += (i == 0 ? "'" : ", '") + table.columns[i].name + "', " + NewValue(table.columns[i]);
  }
  return json + ")";
}

// json_set on '{}' with '$._' as the path of every unchanged column, then '$._' removed: the
// changed columns only, in one expression a trigger can evaluate.
std::string ChangedColumnsJson(const SyncedTable& table) {
  std::string json = "json_remove(json_set('{}'";
  for (const SyncedColumn& column : table.columns) {
    json += ", CASE WHEN OLD." + column.name + " IS NOT NEW." + column.name + " THEN '$." +
            column.name + "' ELSE '$._' END, " + NewValue(column);
  }
  return json + "), '$._')";
}

std::string AnyColumnChanged(const SyncedTable& table) {
  std::string condition = "(";
  for (size_t i = 0; i < table.columns.size(); ++i) {
    const std::string& c = table.columns[i].name;
    condition += (i == 0 ? "OLD." : " OR OLD.") + c + " IS NOT NEW." + c;
  }
  return condition + ")";
}

// The statements a capture trigger runs: next gapless seq, persisted HLC, the outbox row.
std::string CaptureBody(const SyncedTable& table, const std::string& cols_json,
                        int schema_version) {
  std::ostringstream sql;
  sql << "BEGIN\n"
      << "  UPDATE sync_meta SET v = v + 1 WHERE k = 'outbox_seq';\n"
      << "  UPDATE sync_meta SET v = NEW.hlc WHERE k = 'hlc_last' AND v < NEW.hlc;\n"
      << "  INSERT INTO outbox(seq, hlc, tbl, pk, op, cols, schema_version)\n"
      << "    VALUES ((SELECT v FROM sync_meta WHERE k = 'outbox_seq'), NEW.hlc, '" << table.name
      << "', NEW.id, 1,\n      " << cols_json << ", " << schema_version << ");\n"
      << "END;\n";
  return sql.str();
}

std::string CapturedTriggers(const SyncedTable& table, int schema_version) {
  const std::string& t = table.name;
  const std::string changed = AnyColumnChanged(table);
  std::ostringstream sql;
  sql << "CREATE TRIGGER " << t << "_capture_insert AFTER INSERT ON " << t
      << " WHEN sync_applying() = 0\n"
      << CaptureBody(table, AllColumnsJson(table), schema_version);
  if (table.append_only) {
    sql << "CREATE TRIGGER " << t << "_append_only_update BEFORE UPDATE ON " << t
        << "\nBEGIN SELECT RAISE(ABORT, '" << t << ": the log is append-only'); END;\n"
        << "CREATE TRIGGER " << t << "_append_only_delete BEFORE DELETE ON " << t
        << "\nBEGIN SELECT RAISE(ABORT, '" << t << ": the log is append-only'); END;\n";
    return sql.str();
  }
  sql << "CREATE TRIGGER " << t << "_capture_update AFTER UPDATE ON " << t
      << " WHEN sync_applying() = 0 AND " << changed << "\n"
      << CaptureBody(table, ChangedColumnsJson(table), schema_version)
      // A stamp-only update sends nothing, but its stamp must still survive a restart.
      << "CREATE TRIGGER " << t << "_stamp_update AFTER UPDATE OF hlc ON " << t
      << " WHEN sync_applying() = 0 AND NOT " << changed << "\n"
      << "BEGIN UPDATE sync_meta SET v = NEW.hlc WHERE k = 'hlc_last' AND v < NEW.hlc; END;\n"
      << "CREATE TRIGGER " << t << "_require_stamp BEFORE UPDATE ON " << t
      << " WHEN sync_applying() = 0 AND NEW.hlc <= OLD.hlc\n"
      << "BEGIN SELECT RAISE(ABORT, '" << t
      << ": a local change must carry a new HLC stamp'); END;\n"
      << "CREATE TRIGGER " << t << "_no_delete BEFORE DELETE ON " << t
      << " WHEN sync_applying() = 0\n"
      << "BEGIN SELECT RAISE(ABORT, '" << t
      << ": synced rows are never deleted locally; set deleted = 1'); END;\n";
  return sql.str();
}

std::string CatalogTriggers(const SyncedTable& table) {
  const std::string& t = table.name;
  const std::string message =
      t + ": catalog rows are published by the district office; write them only while applying";
  std::ostringstream sql;
  for (const char* event : {"INSERT", "UPDATE", "DELETE"}) {
    sql << "CREATE TRIGGER " << t << "_published_only_" << event << " BEFORE " << event << " ON "
        << t << " WHEN sync_applying() = 0\n"
        << "BEGIN SELECT RAISE(ABORT, '" << message << "'); END;\n";
  }
  return sql.str();
}

}  // namespace

const std::vector<SyncedTable>& SyncedTablesV1() {
  static const std::vector<SyncedTable> kTables = BuildTablesV1();  // immutable after init
  return kTables;
}

const std::vector<SyncedTable>& SyncedTables() {
  static const std::vector<SyncedTable> kTables = [] {  // immutable after init
    std::vector<SyncedTable> tables = SyncedTablesV1();
    for (SyncedTable& table : tables) {
      if (table.name == "person") {
        table = PersonTableV9();
      }
    }
    tables.insert(tables.end(), SyncedTablesV4().begin(), SyncedTablesV4().end());
    tables.insert(tables.end(), SyncedTablesV10().begin(), SyncedTablesV10().end());
    return tables;
  }();
  return kTables;
}

const SyncedTable* FindSyncedTable(const std::string& name) {
  for (const SyncedTable& table : SyncedTables()) {
    if (table.name == name) {
      return &table;
    }
  }
  return nullptr;
}

std::string TriggersSql(const SyncedTable& table, int schema_version) {
  return table.captured ? CapturedTriggers(table, schema_version) : CatalogTriggers(table);
}

std::string SchemaV1Sql() {
  std::string sql = kTablesV1;
  for (const SyncedTable& table : SyncedTablesV1()) {
    sql += TriggersSql(table, 1);
  }
  return sql;
}

}  // namespace raida::core
