// The district office's operations on people (sync_engine.h): erasure and duplicate merge, and
// publishing loaded data. Each runs in one transaction, stamped by the server (origin 0), and
// appends what it changed to change_log so the kiosks of the scope learn it.
//
// Every entry must be one the kiosks of its scope can apply: a kiosk only holds what its scope's
// feed brought it, so an entry naming a row it never received must carry the whole row. A merge
// across two centers therefore first publishes the surviving person and all of its records, in
// full, to the merged person's center; from then on both centers receive that person's changes
// (PersonInfo::scopes).
#include <algorithm>
#include <set>

#include "merge_rules.h"
#include "notes_keys.h"
#include "progress_counter_rules.h"
#include "pull.h"
#include "sync_engine.h"

namespace raida::server {
namespace {

using core::ErrorCode;
using core::MakeError;
using detail::Json;

// Ids of the rows of `table` whose `column` is `value` (live ones only unless `all`).
core::Result<std::vector<std::string>> IdsWhere(core::Store& store, const std::string& table,
                                                const std::string& value,
                                                const std::string& column = "person_id",
                                                bool all = false) {
  RAIDA_ASSIGN_OR_RETURN(core::Statement stmt,
                         store.db().Prepare("SELECT id FROM " + table + " WHERE " + column +
                                            " = ?" + (all ? "" : " AND deleted = 0")));
  stmt.Bind(1, value);
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
                         const Json& values, bool insert, const detail::Scopes& scopes) {
  const uint64_t stamp = store.hlc().Now();
  if (insert) {
    RAIDA_TRY(detail::InsertRow(store, table, pk, values, stamp, 0));
  } else {
    RAIDA_TRY(detail::UpdateRow(store, table, pk, values, stamp, 0));
  }
  return detail::AppendChangeLogTo(store, scopes, table.name, pk, stamp, 0, values.dump());
}

// Logs rows of `table` as they are (every column, their own stamps) in `scopes`.
core::Status PublishRows(core::Store& store, const char* table_name,
                         const std::vector<std::string>& ids, const detail::Scopes& scopes) {
  const core::SyncedTable* table = core::FindSyncedTable(table_name);
  for (const std::string& id : ids) {
    RAIDA_ASSIGN_OR_RETURN(const auto row, detail::ReadRow(store, *table, id));
    RAIDA_CHECK(row.has_value());
    RAIDA_TRY(detail::AppendChangeLogTo(store, scopes, table->name, id, row->hlc, row->origin,
                                        row->values.dump()));
  }
  return core::Ok();
}

// Publishes an action plan's goals and steps (they hang under the plan, not the person).
core::Status PublishPlanParts(core::Store& store, const std::string& plan_id,
                              const detail::Scopes& scopes) {
  RAIDA_ASSIGN_OR_RETURN(const auto goals, IdsWhere(store, "plan_goal", plan_id, "plan_id", true));
  RAIDA_TRY(PublishRows(store, "plan_goal", goals, scopes));
  for (const std::string& goal : goals) {
    RAIDA_ASSIGN_OR_RETURN(const auto steps, IdsWhere(store, "plan_step", goal, "goal_id", true));
    RAIDA_TRY(PublishRows(store, "plan_step", steps, scopes));
  }
  return core::Ok();
}

// Publishes a person and every record of theirs, in full, to `scopes` whose kiosks never had them.
core::Status PublishPerson(core::Store& store, const std::string& person_id,
                           const detail::Scopes& scopes) {
  if (scopes.empty()) {
    return core::Ok();
  }
  RAIDA_TRY(PublishRows(store, "person", {person_id}, scopes));
  for (const char* table : {"consent", "assessment_response", "action_plan", "enrollment",
                            "attendance", "lesson_progress", "progress_counter"}) {
    RAIDA_ASSIGN_OR_RETURN(const auto ids, IdsWhere(store, table, person_id, "person_id", true));
    RAIDA_TRY(PublishRows(store, table, ids, scopes));
    for (const std::string& id : ids) {
      if (std::string(table) == "action_plan") {
        RAIDA_TRY(PublishPlanParts(store, id, scopes));
      }
    }
  }
  return core::Ok();
}

// Where a merge logs: the loser's rows go to the kiosks that hold the loser, the winner's to
// those that hold the winner (the loser's among them once the winner is published there).
struct MergeScopes {
  detail::Scopes loser;
  detail::Scopes winner;
};

// Moves a row keyed by (parent, person) from the loser to the winner: a copy under the winner's
// id (unless the winner already has one) and a tombstone on the loser's.
core::Status MoveDerivedRow(core::Store& store, const core::SyncedTable& table,
                            const std::string& pk, const std::string& winner,
                            const MergeScopes& scopes, std::set<std::string>& offerings) {
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
  RAIDA_TRY(ServerWrite(store, table, pk, Json{{"deleted", 1}}, false, scopes.loser));
  RAIDA_ASSIGN_OR_RETURN(const bool exists, detail::RowExists(store, table.name, new_pk));
  if (exists && table.name == "lesson_progress") {
    // The winner's own progress stays; the loser's time counted before schema 10 is added to the
    // winner's server counter, so none of it is lost (progress_counter_rules.h).
    return detail::AddMergedSeconds(store, winner, row->values["lesson_id"].get<std::string>(),
                                    row->values.value("seconds_spent", int64_t{0}), scopes.winner);
  }
  if (exists) {
    return core::Ok();
  }
  Json values = row->values;
  values["person_id"] = winner;
  return ServerWrite(store, table, new_pk, values, true, scopes.winner);
}

// Gives a record that keeps its id (consent, assessment, plan) to the winner: the whole row goes
// to the winner's kiosks, some of which never had it.
core::Status MoveRecord(core::Store& store, const core::SyncedTable& table, const std::string& pk,
                        const std::string& winner, const MergeScopes& scopes) {
  RAIDA_ASSIGN_OR_RETURN(const auto row, detail::ReadRow(store, table, pk));
  RAIDA_CHECK(row.has_value());
  Json values = row->values;
  values["person_id"] = winner;
  RAIDA_TRY(ServerWrite(store, table, pk, values, false, scopes.winner));
  return table.name == "action_plan" ? PublishPlanParts(store, pk, scopes.winner) : core::Ok();
}

core::Status MoveRecords(core::Store& store, const std::string& loser, const std::string& winner,
                         const MergeScopes& scopes) {
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
        RAIDA_TRY(MoveRecord(store, *table, id, winner, scopes));
      }
    }
  }
  // Lesson time per device: the loser's rows are tombstoned and added to the winner's.
  RAIDA_TRY(detail::MoveCounters(store, loser, winner, scopes.loser, scopes.winner));
  for (const std::string& offering : offerings) {
    RAIDA_TRY(detail::PromoteWaitlist(store, offering));
  }
  return core::Ok();
}

// Earlier payloads of a person in the pull feed carried the personal fields: each is replaced by
// its `blank` value where present. The rest stays, so a kiosk that has not pulled the person yet
// can still insert the row (home_center_id and the other required columns).
core::Status ScrubChangeLog(core::Store& store, const std::string& person_id, const Json& blank) {
  std::string replace = "cols";
  for (const auto& item : blank.items()) {
    if (item.key() != "erased") {
      replace = "json_replace(" + replace + ", '$." + item.key() + "', json(?))";
    }
  }
  RAIDA_ASSIGN_OR_RETURN(core::Statement scrub,
                         store.db().Prepare("UPDATE change_log SET cols = " + replace +
                                            " WHERE tbl = 'person' AND pk = ?"));
  int index = 1;
  for (const auto& item : blank.items()) {
    if (item.key() != "erased") {
      scrub.Bind(index++, item.value().dump());
    }
  }
  return scrub.Bind(index, person_id).Run();
}

}  // namespace

namespace detail {

core::Status MergePerson(core::Store& store, const std::string& loser_id, const PersonInfo& loser,
                         const std::string& winner_id, const PersonInfo& winner) {
  Scopes unaware;  // kiosks that hold the loser but have never had the winner
  for (const std::string& center : loser.scopes) {
    if (std::find(winner.scopes.begin(), winner.scopes.end(), center) == winner.scopes.end()) {
      unaware.push_back(center);
    }
  }
  RAIDA_TRY(PublishPerson(store, winner_id, unaware));
  MergeScopes scopes{loser.scopes, winner.scopes};
  scopes.winner.insert(scopes.winner.end(), unaware.begin(), unaware.end());
  RAIDA_TRY(ServerWrite(store, *core::FindSyncedTable("person"), loser_id,
                        Json{{"merged_into", winner_id}}, false, scopes.loser));
  return MoveRecords(store, loser_id, winner_id, scopes);
}

}  // namespace detail

core::Status SyncEngine::ErasePerson(const std::string& person_id) {
  core::Store::ApplyingScope applying(store_);
  RAIDA_ASSIGN_OR_RETURN(auto scope, store_.BeginWrite());
  RAIDA_ASSIGN_OR_RETURN(const auto person, detail::ReadPerson(store_, person_id));
  if (!person) {
    return MakeError(ErrorCode::kNotFound, "no person " + person_id);
  }
  const Json blank = {{"given_name", ""},
                      {"family_name", ""},
                      {"birth_year", nullptr},
                      {"phone", ""},
                      {"email", ""},
                      {"village", ""},
                      {"needs", "[]"},
                      {"card_code", nullptr},
                      {"gender", ""},
                      {"employment_status", ""},
                      {"notes_key", nullptr},  // crypto-shredding: sealed notes stay unreadable
                      {"erased", 1}};
  RAIDA_TRY(ScrubChangeLog(store_, person_id, blank));
  RAIDA_ASSIGN_OR_RETURN(core::Statement clocks,
                         store_.db().Prepare("DELETE FROM field_clock WHERE tbl = 'person' AND "
                                             "pk = ?"));
  RAIDA_TRY(clocks.Bind(1, person_id).Run());
  RAIDA_TRY(detail::WithdrawCertificates(store_, person_id, person->scopes));
  RAIDA_TRY(detail::EraseCounters(store_, person_id, person->scopes));
  RAIDA_TRY(ServerWrite(store_, *core::FindSyncedTable("person"), person_id, blank, false,
                        person->scopes));
  RAIDA_TRY(detail::ShredMergedNotesKeys(store_, person_id));
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
  RAIDA_TRY(detail::MergePerson(store_, loser_id, *loser_person, winner, *winner_person));
  return scope.Commit();
}

core::Result<int64_t> SyncEngine::PublishAll() { return detail::PublishRows(store_); }

core::Result<std::string> SyncEngine::AddCoordinator(const std::string& center_id,
                                                     const std::string& login,
                                                     const std::string& display_name,
                                                     const std::string& passphrase_hash) {
  const bool login_ok = !login.empty() && std::all_of(login.begin(), login.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
  });
  if (!login_ok || display_name.empty() || passphrase_hash.empty()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "a coordinator needs a login (a-z, 0-9, . _ -), a name and a passphrase");
  }
  core::Store::ApplyingScope applying(store_);
  RAIDA_ASSIGN_OR_RETURN(auto scope, store_.BeginWrite());
  RAIDA_ASSIGN_OR_RETURN(const auto center,
                         detail::ReadRow(store_, *core::FindSyncedTable("center"), center_id));
  if (!center) {
    return MakeError(ErrorCode::kNotFound, "no center " + center_id);
  }
  RAIDA_ASSIGN_OR_RETURN(const auto same_login, IdsWhere(store_, "coordinator", login, "login",
                                                         /*all=*/true));
  const std::string id = "coordinator." + login;
  const core::SyncedTable& table = *core::FindSyncedTable("coordinator");
  RAIDA_ASSIGN_OR_RETURN(const auto same_id, detail::ReadRow(store_, table, id));
  if (!same_login.empty() || same_id) {
    return MakeError(ErrorCode::kConflict, "the login " + login + " is already in use");
  }
  const Json values = {{"center_id", center_id},
                       {"display_name", display_name},
                       {"login", login},
                       {"passphrase_hash", passphrase_hash},
                       {"pin_hash", ""},
                       {"active", 1},
                       {"deleted", 0}};
  RAIDA_ASSIGN_OR_RETURN(const detail::Scopes scopes,
                         detail::ScopesOfRow(store_, table, id, values));
  RAIDA_TRY(ServerWrite(store_, table, id, values, true, scopes));
  RAIDA_TRY(scope.Commit());
  return id;
}

core::Status SyncEngine::SetCoordinatorPassphrase(const std::string& login,
                                                  const std::string& passphrase_hash) {
  if (passphrase_hash.empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "an empty passphrase hash");
  }
  core::Store::ApplyingScope applying(store_);
  RAIDA_ASSIGN_OR_RETURN(auto scope, store_.BeginWrite());
  RAIDA_ASSIGN_OR_RETURN(const auto ids, IdsWhere(store_, "coordinator", login, "login"));
  if (ids.empty()) {
    return MakeError(ErrorCode::kNotFound, "no coordinator with the login " + login);
  }
  const core::SyncedTable& table = *core::FindSyncedTable("coordinator");
  RAIDA_ASSIGN_OR_RETURN(const auto row, detail::ReadRow(store_, table, ids.front()));
  RAIDA_CHECK(row.has_value());
  RAIDA_ASSIGN_OR_RETURN(const detail::Scopes scopes,
                         detail::ScopesOfRow(store_, table, ids.front(), row->values));
  RAIDA_TRY(ServerWrite(store_, table, ids.front(), {{"passphrase_hash", passphrase_hash}}, false,
                        scopes));
  return scope.Commit();
}

}  // namespace raida::server
