// The district office's operations on people (sync_engine.h): erasure and duplicate merge, and
// publishing loaded data. Each runs in one transaction, stamped by the server (origin 0), and
// appends what it changed to change_log so the kiosks of the scope learn it.
#include <set>

#include "merge_rules.h"
#include "pull.h"
#include "sync_engine.h"

namespace raida::server {
namespace {

using core::ErrorCode;
using core::MakeError;
using detail::Json;

core::Result<std::vector<std::string>> IdsWhere(core::Store& store, const std::string& table,
                                                const std::string& person_id) {
  RAIDA_ASSIGN_OR_RETURN(
      core::Statement stmt,
      store.db().Prepare("SELECT id FROM " + table + " WHERE person_id = ? AND deleted = 0"));
  stmt.Bind(1, person_id);
  std::vector<std::string> ids;
  while (true) {
    RAIDA_ASSIGN_OR_RETURN(const bool row, stmt.Step());
    if (!row) {
      return ids;
    }
    ids.push_back(stmt.ColumnText(0));
  }
}

// Writes `values` on a row with a fresh server stamp and logs it in `scopes`.
core::Status ServerWrite(core::Store& store, const core::SyncedTable& table, const std::string& pk,
                         const Json& values, bool insert, const std::set<std::string>& scopes) {
  const uint64_t stamp = store.hlc().Now();
  if (insert) {
    RAIDA_TRY(detail::InsertRow(store, table, pk, values, stamp, 0));
  } else {
    RAIDA_TRY(detail::UpdateRow(store, table, pk, values, stamp, 0));
  }
  for (const std::string& scope : scopes) {
    RAIDA_TRY(detail::AppendChangeLog(store, scope, table.name, pk, stamp, 0, values.dump()));
  }
  return core::Ok();
}

// Moves a row keyed by (parent, person) from the loser to the winner: a copy under the winner's
// id (unless the winner already has one) and a tombstone on the loser's.
core::Status MoveDerivedRow(core::Store& store, const core::SyncedTable& table,
                            const std::string& pk, const std::string& winner,
                            const std::set<std::string>& scopes, std::set<std::string>& offerings) {
  RAIDA_ASSIGN_OR_RETURN(const auto row, detail::ReadRow(store, table, pk));
  RAIDA_CHECK(row.has_value());
  std::string new_pk;
  if (table.name == "enrollment") {
    new_pk =
        core::DeterministicId("enrollment", row->values["offering_id"].get<std::string>(), winner);
    offerings.insert(row->values["offering_id"].get<std::string>());
  } else if (table.name == "attendance") {
    new_pk =
        core::DeterministicId("attendance", row->values["session_id"].get<std::string>(), winner);
  } else {
    new_pk = core::DeterministicId("progress", winner, row->values["lesson_id"].get<std::string>());
  }
  RAIDA_TRY(ServerWrite(store, table, pk, Json{{"deleted", 1}}, false, scopes));
  RAIDA_ASSIGN_OR_RETURN(const bool exists, detail::RowExists(store, table.name, new_pk));
  if (exists) {
    return core::Ok();
  }
  Json values = row->values;
  values["person_id"] = winner;
  return ServerWrite(store, table, new_pk, values, true, scopes);
}

core::Status MoveRecords(core::Store& store, const std::string& loser, const std::string& winner,
                         const std::set<std::string>& scopes) {
  std::set<std::string> offerings;
  for (const char* name : {"consent", "assessment_response", "action_plan", "enrollment",
                           "attendance", "lesson_progress"}) {
    const core::SyncedTable* table = core::FindSyncedTable(name);
    RAIDA_ASSIGN_OR_RETURN(const auto ids, IdsWhere(store, name, loser));
    const bool derived = std::string(name) == "enrollment" || std::string(name) == "attendance" ||
                         std::string(name) == "lesson_progress";
    for (const std::string& id : ids) {
      if (derived) {
        RAIDA_TRY(MoveDerivedRow(store, *table, id, winner, scopes, offerings));
      } else {
        RAIDA_TRY(ServerWrite(store, *table, id, Json{{"person_id", winner}}, false, scopes));
      }
    }
  }
  for (const std::string& offering : offerings) {
    RAIDA_TRY(detail::PromoteWaitlist(store, offering));
  }
  return core::Ok();
}

}  // namespace

core::Status SyncEngine::ErasePerson(const std::string& person_id) {
  core::Store::ApplyingScope applying(store_);
  RAIDA_ASSIGN_OR_RETURN(auto scope, store_.BeginWrite());
  RAIDA_ASSIGN_OR_RETURN(const auto person, detail::ReadPerson(store_, person_id));
  if (!person) {
    return MakeError(ErrorCode::kNotFound, "no person " + person_id);
  }
  const Json blank = {{"given_name", ""}, {"family_name", ""},    {"birth_year", nullptr},
                      {"phone", ""},      {"email", ""},          {"village", ""},
                      {"needs", "[]"},    {"card_code", nullptr}, {"erased", 1}};
  // Earlier payloads in the pull feed carried the personal fields: scrub them.
  RAIDA_ASSIGN_OR_RETURN(core::Statement scrub,
                         store_.db().Prepare("UPDATE change_log SET cols = '{\"erased\":1}' "
                                             "WHERE tbl = 'person' AND pk = ?"));
  RAIDA_TRY(scrub.Bind(1, person_id).Run());
  RAIDA_ASSIGN_OR_RETURN(core::Statement clocks,
                         store_.db().Prepare("DELETE FROM field_clock WHERE tbl = 'person' AND "
                                             "pk = ?"));
  RAIDA_TRY(clocks.Bind(1, person_id).Run());
  RAIDA_TRY(ServerWrite(store_, *core::FindSyncedTable("person"), person_id, blank, false,
                        {person->home_center_id}));
  return scope.Commit();
}

core::Status SyncEngine::MergePeople(const std::string& loser_id, const std::string& winner_id) {
  core::Store::ApplyingScope applying(store_);
  RAIDA_ASSIGN_OR_RETURN(auto scope, store_.BeginWrite());
  RAIDA_ASSIGN_OR_RETURN(const std::string winner, detail::CanonicalPerson(store_, winner_id));
  RAIDA_ASSIGN_OR_RETURN(const auto loser_person, detail::ReadPerson(store_, loser_id));
  RAIDA_ASSIGN_OR_RETURN(const auto winner_person, detail::ReadPerson(store_, winner));
  if (!loser_person || !winner_person) {
    return MakeError(ErrorCode::kNotFound, "both people must exist");
  }
  if (winner == loser_id || loser_person->merged_into) {
    return MakeError(ErrorCode::kInvalidArgument, "the person is already merged");
  }
  if (loser_person->erased || winner_person->erased) {
    return MakeError(ErrorCode::kInvalidArgument, "an erased person cannot be merged");
  }
  const std::set<std::string> scopes = {loser_person->home_center_id,
                                        winner_person->home_center_id};
  RAIDA_TRY(ServerWrite(store_, *core::FindSyncedTable("person"), loser_id,
                        Json{{"merged_into", winner}}, false, scopes));
  RAIDA_TRY(MoveRecords(store_, loser_id, winner, scopes));
  return scope.Commit();
}

core::Result<int64_t> SyncEngine::PublishAll() { return detail::PublishRows(store_); }

}  // namespace raida::server
