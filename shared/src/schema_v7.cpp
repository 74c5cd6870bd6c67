// Schema version 7: two optional person fields for programme reporting.
//
// The district office reports participants by gender and employment status (with no names; see
// the office's participants report). Both are optional and "" means "not recorded"; a coordinator
// asks only with the person's consent for reporting. Adding synced columns means the person's
// capture triggers are made again over the new column list, so the new fields reach the outbox
// like every other profile field.
#include "raida/core/result.h"
#include "raida/core/schema.h"

namespace raida::core {
namespace {

constexpr const char* kPersonColumnsV7 =
    "ALTER TABLE person ADD COLUMN gender TEXT NOT NULL DEFAULT ''"
    " CHECK (gender IN ('', 'female', 'male', 'other'));\n"
    "ALTER TABLE person ADD COLUMN employment_status TEXT NOT NULL DEFAULT ''"
    " CHECK (employment_status IN ('', 'employed', 'unemployed', 'retired', 'inactive'));\n";

// The person table's triggers as schema_v1 made them (schema.cpp CapturedTriggers).
constexpr const char* kDropPersonTriggers =
    "DROP TRIGGER person_capture_insert;\n"
    "DROP TRIGGER person_capture_update;\n"
    "DROP TRIGGER person_stamp_update;\n"
    "DROP TRIGGER person_require_stamp;\n"
    "DROP TRIGGER person_no_delete;\n";

}  // namespace

const SyncedTable& PersonTableV7() {
  static const SyncedTable kTable = [] {  // immutable after init
    SyncedTable person;
    for (const SyncedTable& table : SyncedTablesV1()) {
      if (table.name == "person") {
        person = table;
      }
    }
    RAIDA_CHECK(person.name == "person");
    person.columns.push_back({"gender", false, 7});
    person.columns.push_back({"employment_status", false, 7});
    return person;
  }();
  return kTable;
}

// server_device.pulled_seq (server side): the highest pull cursor a kiosk has reported in a
// successful sync request, i.e. every change-log entry of its scope up to it is applied on the
// kiosk; the office's People page counts a kiosk as having applied an erasure once it is past
// the erasure's server_seq.
constexpr const char* kPulledSeqV7 = "ALTER TABLE server_device ADD COLUMN pulled_seq INTEGER;\n";

// Covering indexes for the office's Programme page, which counts enrollments by status per
// offering and attendance marks per session over a whole district (bench_office_render: 100,000
// enrollments and 444,000 marks). With them the counts are read from the index alone.
constexpr const char* kProgrammeIndexesV7 =
    "CREATE INDEX attendance_session_mark ON attendance(session_id, mark, deleted);\n"
    "CREATE INDEX enrollment_offering_status ON enrollment(offering_id, status, deleted);\n";

std::string SchemaV7Sql() {
  return std::string(kPersonColumnsV7) + kDropPersonTriggers + TriggersSql(PersonTableV7(), 7) +
         kPulledSeqV7 + kProgrammeIndexesV7;
}

}  // namespace raida::core
