// Lesson time counted per device: the server's rules (progress_counter_rules.h).
#include "progress_counter_rules.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "raida/core/lesson_repository.h"

namespace raida::server::detail {
namespace {

constexpr const char* kTable = "progress_counter";

const core::SyncedTable& CounterTable() { return *core::FindSyncedTable(kTable); }

int64_t IntOr(const Json& values, const char* column, int64_t fallback) {
  const auto found = values.find(column);
  return found != values.end() && found->is_number_integer() ? found->get<int64_t>() : fallback;
}

std::string TextOr(const Json& values, const char* column, const std::string& fallback) {
  const auto found = values.find(column);
  return found != values.end() && found->is_string() ? found->get<std::string>() : fallback;
}

struct LiveCounter {
  std::string id;
  std::string lesson_id;
  int64_t seconds = 0;
};

core::Result<std::vector<LiveCounter>> LiveCounters(core::Store& store,
                                                    const std::string& person_id) {
  RAIDA_ASSIGN_OR_RETURN(core::Statement stmt,
                         store.db().Prepare("SELECT id, lesson_id, seconds FROM progress_counter "
                                            "WHERE person_id = ? AND deleted = 0 ORDER BY id"));
  stmt.Bind(1, person_id);
  std::vector<LiveCounter> rows;
  while (true) {
    RAIDA_ASSIGN_OR_RETURN(const bool row, stmt.Step());
    if (!row) {
      return rows;
    }
    rows.push_back({stmt.ColumnText(0), stmt.ColumnText(1), stmt.ColumnInt(2)});
  }
}

// Tombstones one row under a server stamp and tells `scopes`.
core::Status Tombstone(core::Store& store, const std::string& pk, const Scopes& scopes) {
  const uint64_t stamp = store.hlc().Now();
  const Json values = {{"deleted", 1}};
  RAIDA_TRY(UpdateRow(store, CounterTable(), pk, values, stamp, 0));
  return AppendChangeLogTo(store, scopes, kTable, pk, stamp, 0, values.dump());
}

}  // namespace

core::Result<std::optional<std::string>> CounterRefusal(ApplyContext& context,
                                                        const ChangeInput& input) {
  if (input.table->name != kTable) {
    return std::optional<std::string>();
  }
  int64_t device = IntOr(input.values, "device_no", -1);
  if (device < 0) {
    RAIDA_ASSIGN_OR_RETURN(const auto row, ReadRow(*context.store, *input.table, input.pk));
    if (!row) {
      return std::optional<std::string>();  // a patch of no row: the insert fails NOT NULL
    }
    device = IntOr(row->values, "device_no", -1);
  }
  // Another device's row would break the one-writer rule the max merge relies on.
  return device == context.device_no ? std::optional<std::string>()
                                     : std::optional<std::string>("not_own_counter");
}

core::Result<sync::ChangeResult> ApplyCounter(ApplyContext& context, const ChangeInput& input,
                                              const std::optional<Row>& existing) {
  if (input.absorb_into.empty()) {
    return ApplyProgress(context, input, existing);  // seconds is monotonic there: the max
  }
  const Json none = Json::object();
  const Json& stored = existing ? existing->values : none;
  const int64_t before = IntOr(stored, "seconds", 0);
  const int64_t after = std::max(before, IntOr(input.values, "seconds", before));
  Json values = input.values;
  values["seconds"] = after;
  values["deleted"] = 1;  // the merged person's row stays a tombstone
  const uint64_t stamp = context.store->hlc().Now();
  if (existing) {
    RAIDA_TRY(UpdateRow(*context.store, *input.table, input.pk, values, stamp, 0));
  } else {
    RAIDA_TRY(InsertRow(*context.store, *input.table, input.pk, values, stamp, 0));
  }
  const std::string lesson = TextOr(input.values, "lesson_id", TextOr(stored, "lesson_id", ""));
  RAIDA_TRY(
      AddMergedSeconds(*context.store, input.absorb_into, lesson, after - before, input.scopes));
  return sync::ChangeResult{0, sync::ChangeOutcome::kApplied, ""};
}

core::Status AddMergedSeconds(core::Store& store, const std::string& person_id,
                              const std::string& lesson_id, int64_t seconds, const Scopes& scopes) {
  if (seconds <= 0) {
    return core::Ok();
  }
  const std::string pk = core::ProgressCounterId(person_id, lesson_id, 0);
  RAIDA_ASSIGN_OR_RETURN(const auto row, ReadRow(store, CounterTable(), pk));
  const int64_t had = row ? IntOr(row->values, "seconds", 0) : 0;
  // The whole row each time: a kiosk of a scope the person was just published to never had it.
  const Json values = {{"person_id", person_id},
                       {"lesson_id", lesson_id},
                       {"device_no", 0},
                       {"seconds", had + seconds},
                       {"deleted", 0}};
  const uint64_t stamp = store.hlc().Now();
  if (row) {
    RAIDA_TRY(UpdateRow(store, CounterTable(), pk, values, stamp, 0));
  } else {
    RAIDA_TRY(InsertRow(store, CounterTable(), pk, values, stamp, 0));
  }
  return AppendChangeLogTo(store, scopes, kTable, pk, stamp, 0, values.dump());
}

core::Status MoveCounters(core::Store& store, const std::string& loser_id,
                          const std::string& winner_id, const Scopes& loser_scopes,
                          const Scopes& winner_scopes) {
  RAIDA_ASSIGN_OR_RETURN(const auto rows, LiveCounters(store, loser_id));
  for (const LiveCounter& row : rows) {
    // The tombstone keeps its seconds: a late push of the row adds only what it grew by.
    RAIDA_TRY(Tombstone(store, row.id, loser_scopes));
    RAIDA_TRY(AddMergedSeconds(store, winner_id, row.lesson_id, row.seconds, winner_scopes));
  }
  return core::Ok();
}

core::Status EraseCounters(core::Store& store, const std::string& person_id, const Scopes& scopes) {
  RAIDA_ASSIGN_OR_RETURN(const auto rows, LiveCounters(store, person_id));
  for (const LiveCounter& row : rows) {
    RAIDA_TRY(Tombstone(store, row.id, scopes));
  }
  return core::Ok();
}

}  // namespace raida::server::detail
