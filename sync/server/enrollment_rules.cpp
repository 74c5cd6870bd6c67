// Seat-limited enrollment, decided by the server (merge_rules.h): requests take seats in the
// order they reach the server (seat_request.arrival), never by a kiosk's clock, so a kiosk with a
// wrong clock cannot jump the queue and confirmed never exceeds capacity. Every decision the
// server takes is written with its own stamp and origin 0, so the kiosk that asked learns the
// answer from its next pull.
#include <string>

#include "merge_rules.h"

namespace raida::server::detail {
namespace {

using sync::ChangeOutcome;
using sync::ChangeResult;

constexpr const char* kHoldsSeat = "status IN ('confirmed', 'attended', 'completed')";

bool IsRequest(const std::string& status) {
  // A kiosk cannot confirm or waitlist by itself: whatever it says, the server decides.
  return status == "requested" || status == "confirmed" || status == "waitlisted";
}

core::Result<int64_t> QueryInt(core::Store& store, const std::string& sql,
                               const std::string& param) {
  RAIDA_ASSIGN_OR_RETURN(core::Statement stmt, store.db().Prepare(sql));
  stmt.Bind(1, param);
  RAIDA_ASSIGN_OR_RETURN(const bool found, stmt.Step());
  return found ? stmt.ColumnInt(0) : 0;
}

core::Result<bool> SeatFree(core::Store& store, const std::string& offering_id) {
  RAIDA_ASSIGN_OR_RETURN(
      const int64_t taken,
      QueryInt(store,
               std::string("SELECT count(*) FROM enrollment WHERE offering_id = ? AND deleted = 0 "
                           "AND ") +
                   kHoldsSeat,
               offering_id));
  RAIDA_ASSIGN_OR_RETURN(
      const int64_t capacity,
      QueryInt(store, "SELECT capacity FROM course_offering WHERE id = ? AND cancelled = 0",
               offering_id));
  return taken < capacity;
}

core::Status RecordArrival(core::Store& store, const std::string& enrollment_id,
                           const std::string& offering_id) {
  RAIDA_ASSIGN_OR_RETURN(
      core::Statement stmt,
      store.db().Prepare(
          "INSERT OR REPLACE INTO seat_request(enrollment_id, offering_id, arrival) "
          "VALUES (?, ?, (SELECT coalesce(max(arrival), 0) + 1 FROM seat_request))"));
  return stmt.Bind(1, enrollment_id).Bind(2, offering_id).Run();
}

// 1-based position of a waitlisted enrollment among its offering's waitlist.
core::Result<int64_t> WaitlistPosition(core::Store& store, const std::string& enrollment_id) {
  return QueryInt(store,
                  "SELECT count(*) FROM enrollment e LEFT JOIN seat_request s ON s.enrollment_id "
                  "= e.id, (SELECT e2.offering_id AS o, coalesce(s2.arrival, 0) AS a FROM "
                  "enrollment e2 LEFT JOIN seat_request s2 ON s2.enrollment_id = e2.id WHERE "
                  "e2.id = ?1) me WHERE e.offering_id = me.o AND e.status = 'waitlisted' AND "
                  "e.deleted = 0 AND coalesce(s.arrival, 0) <= me.a",
                  enrollment_id);
}

std::string OfferingOf(const ChangeInput& input, const std::optional<Row>& existing) {
  const Json& source =
      input.values.contains("offering_id") || !existing ? input.values : existing->values;
  const auto it = source.find("offering_id");
  return it != source.end() && it->is_string() ? it->get<std::string>() : "";
}

// Writes a request as the server decided it: confirmed while seats are free, else waitlisted.
core::Result<ChangeResult> DecideRequest(ApplyContext& context, const ChangeInput& input,
                                         const std::optional<Row>& existing) {
  core::Store& store = *context.store;
  const std::string offering_id = OfferingOf(input, existing);
  RAIDA_ASSIGN_OR_RETURN(const bool free, SeatFree(store, offering_id));
  Json values = input.values;
  values["status"] = free ? "confirmed" : "waitlisted";
  const uint64_t stamp = store.hlc().Now();  // the server's decision: newer than the request
  if (existing) {
    RAIDA_TRY(UpdateRow(store, *input.table, input.pk, values, stamp, 0));
  } else {
    RAIDA_TRY(InsertRow(store, *input.table, input.pk, values, stamp, 0));
  }
  RAIDA_TRY(RecordArrival(store, input.pk, offering_id));
  Json logged = existing ? existing->values : Json::object();
  logged.update(values);
  RAIDA_TRY(
      AppendChangeLogTo(store, input.scopes, input.table->name, input.pk, stamp, 0, logged.dump()));
  if (free) {
    return ChangeResult{0, ChangeOutcome::kApplied, ""};
  }
  RAIDA_ASSIGN_OR_RETURN(const int64_t position, WaitlistPosition(store, input.pk));
  return ChangeResult{0, ChangeOutcome::kWaitlisted, std::to_string(position)};
}

// A request for an enrollment the server already holds: the record stands as it is, and the
// kiosk is told it (every column it pushed) as a decision of the server: a fresh stamp, newer
// than the request, which the kiosk may have stamped after the values it is told.
core::Result<ChangeResult> RepeatRequest(ApplyContext& context, const ChangeInput& input,
                                         const Row& existing) {
  core::Store& store = *context.store;
  Json current = Json::object();
  for (const auto& item : input.values.items()) {
    current[item.key()] = existing.values.value(item.key(), Json());
  }
  const uint64_t stamp = store.hlc().Now();
  RAIDA_TRY(UpdateRow(store, *input.table, input.pk, current, stamp, 0));
  RAIDA_TRY(AppendChangeLogTo(store, input.scopes, input.table->name, input.pk, stamp, 0,
                              current.dump()));
  if (existing.values["status"] == "waitlisted") {
    RAIDA_ASSIGN_OR_RETURN(const int64_t position, WaitlistPosition(store, input.pk));
    return ChangeResult{0, ChangeOutcome::kWaitlisted, std::to_string(position)};
  }
  return ChangeResult{0, ChangeOutcome::kApplied, ""};
}

}  // namespace

core::Status PromoteWaitlist(core::Store& store, const std::string& offering_id) {
  const core::SyncedTable* table = core::FindSyncedTable("enrollment");
  while (true) {
    RAIDA_ASSIGN_OR_RETURN(const bool free, SeatFree(store, offering_id));
    if (!free) {
      return core::Ok();
    }
    RAIDA_ASSIGN_OR_RETURN(
        core::Statement next,
        store.db().Prepare("SELECT e.id, e.person_id FROM enrollment e "
                           "LEFT JOIN seat_request s ON s.enrollment_id = e.id "
                           "WHERE e.offering_id = ? AND e.status = 'waitlisted' AND e.deleted = 0 "
                           "ORDER BY coalesce(s.arrival, 0), e.requested_at_ms, e.id LIMIT 1"));
    next.Bind(1, offering_id);
    RAIDA_ASSIGN_OR_RETURN(const bool found, next.Step());
    if (!found) {
      return core::Ok();
    }
    const std::string id = next.ColumnText(0);
    const std::string person = next.ColumnText(1);
    next.Reset();
    RAIDA_ASSIGN_OR_RETURN(const Scopes scopes, ScopesOfPerson(store, person));
    const Json values = {{"status", "confirmed"}};
    const uint64_t stamp = store.hlc().Now();
    RAIDA_TRY(UpdateRow(store, *table, id, values, stamp, 0));
    RAIDA_TRY(AppendChangeLogTo(store, scopes, "enrollment", id, stamp, 0, values.dump()));
  }
}

core::Result<ChangeResult> ApplyEnrollment(ApplyContext& context, const ChangeInput& input,
                                           const std::optional<Row>& existing) {
  const auto pushed = input.values.find("status");
  const std::string status =
      pushed != input.values.end() && pushed->is_string() ? pushed->get<std::string>() : "";
  const std::string current = existing ? existing->values.value("status", "") : "";
  const bool newer = !existing || Newer(input.hlc, input.origin, existing->hlc, existing->origin);
  if (IsRequest(status)) {
    if (!existing || (current == "cancelled" && newer)) {
      return DecideRequest(context, input, existing);
    }
    return RepeatRequest(context, input, *existing);
  }
  if (status == "cancelled" && existing && current != "cancelled") {
    // A cancellation wins over the request it cancels, whatever the clocks say. When its stamp
    // is older than the row's, the server stamps it (origin 0, so the cancelling kiosk learns
    // the stamp too and takes no older decision over its cancellation).
    const bool restamp = !newer;
    const uint64_t stamp = restamp ? context.store->hlc().Now() : input.hlc;
    const int64_t origin = restamp ? 0 : input.origin;
    RAIDA_TRY(UpdateRow(*context.store, *input.table, input.pk, input.values, stamp, origin));
    RAIDA_TRY(AppendChangeLogTo(*context.store, input.scopes, input.table->name, input.pk, stamp,
                                origin, input.values.dump()));
    return PromoteWaitlist(*context.store, OfferingOf(input, existing)).ok()
               ? core::Result<ChangeResult>(ChangeResult{0, ChangeOutcome::kApplied, ""})
               : core::MakeError(core::ErrorCode::kIo, "waitlist promotion failed");
  }
  if ((status == "attended" || status == "completed") && existing && current != "confirmed" &&
      current != "attended" && current != "completed") {
    return core::MakeError(core::ErrorCode::kConflict, "not_confirmed");
  }
  if (status == "attended" || status == "completed") {
    if (!existing) {
      return core::MakeError(core::ErrorCode::kConflict, "not_confirmed");
    }
  }
  return ApplyRowLww(context, input, existing);
}

}  // namespace raida::server::detail
