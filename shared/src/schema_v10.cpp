// Schema version 10: lesson time counted per device (a grow-only counter, sync-protocol.md §2.7).
//
// Before version 10 every kiosk added a lesson's seconds to lesson_progress.seconds_spent and the
// server kept the larger of two kiosks' totals, so 300 s at one kiosk and 200 s at another, both
// before either synced, showed as 300. Now each device counts its own time in its own
// progress_counter row, one per (person, lesson, device):
//  - id = ProgressCounterId(person_id, lesson_id, device_no) (lesson_repository.h);
//  - only device `device_no` ever adds to its row, so the server merges two copies of a row by
//    the larger `seconds` (the newer running total of its one writer) and nothing is counted twice,
//    whatever batch comes again;
//  - device_no 0 is the district server's own row: the time of duplicate people merged into this
//    one (sync/server/progress_counter_rules.cpp); kiosks never write it;
//  - the lesson's time is lesson_progress.seconds_spent + the sum of its live counter rows.
// lesson_progress.seconds_spent is not moved anywhere: it stays what it was, the time counted
// before version 10 (and the time kiosks not yet upgraded still send, merged by max as before).
// Version 10 kiosks write it only while they have no device number (not provisioned yet), so an
// old kiosk's running total, which includes only that legacy time and its own, cannot be counted
// twice with the new rows, and no time already counted is lost or doubled by the upgrade, on
// kiosks or on the server.
//
// Erasure tombstones a person's counter rows; a merge of duplicate people moves the loser's rows
// into the winner's device-0 row (their time added, since they are two people's records).
#include "raida/core/result.h"
#include "raida/core/schema.h"

namespace raida::core {
namespace {

SyncedTable BuildProgressCounterTable() {
  return SyncedTable{"progress_counter",
                     {{"person_id"}, {"lesson_id"}, {"device_no"}, {"seconds"}, {"deleted"}},
                     /*captured=*/true,
                     /*append_only=*/false,
                     /*since_schema=*/10};
}

constexpr const char* kTablesV10 = R"sql(
CREATE TABLE progress_counter(
  id TEXT PRIMARY KEY,
  person_id TEXT NOT NULL REFERENCES person(id) DEFERRABLE INITIALLY DEFERRED,
  lesson_id TEXT NOT NULL CHECK (lesson_id <> ''),
  device_no INTEGER NOT NULL CHECK (device_no >= 0),
  seconds INTEGER NOT NULL DEFAULT 0 CHECK (seconds >= 0),
  hlc INTEGER NOT NULL,
  origin INTEGER NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)));
CREATE INDEX progress_counter_lesson ON progress_counter(person_id, lesson_id);
)sql";

}  // namespace

const std::vector<SyncedTable>& SyncedTablesV10() {
  static const std::vector<SyncedTable> kTables = {BuildProgressCounterTable()};  // immutable
  return kTables;
}

std::string SchemaV10Sql() {
  std::string sql = kTablesV10;
  for (const SyncedTable& table : SyncedTablesV10()) {
    sql += TriggersSql(table, 10);
  }
  return sql;
}

}  // namespace raida::core
