// The invariants after healing; see sim_checks.h.
#include "sim/sim_checks.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "raida/core/hlc.h"
#include "raida/core/schema.h"

namespace raida::sim {
namespace {

using Json = nlohmann::json;
constexpr size_t kExamples = 6;  // violations listed per kind before "... and N more"

std::string Quoted(const std::string& text) { return "'" + text + "'"; }

// "id|quote(col)|..." of the rows of `table` matching `where`, sorted.
std::string DumpSql(const core::SyncedTable& table, const std::string& where) {
  std::string sql = "SELECT id";
  for (const core::SyncedColumn& column : table.columns) {
    sql += " || '|' || quote(" + column.name + ")";
  }
  return sql + " FROM " + table.name + where + " ORDER BY 1";
}

std::string PkOf(const std::string& row) { return row.substr(0, row.find('|')); }

void Add(std::vector<std::string>& out, std::map<std::string, size_t>& per_kind,
         const std::string& kind, const std::string& text) {
  if (++per_kind[kind] <= kExamples) {
    out.push_back(kind + ": " + text);
  } else if (per_kind[kind] == kExamples + 1) {
    out.push_back(kind + ": ... and more");
  }
}

int64_t Int(core::Store& store, const std::string& sql) {
  const auto rows = Strings(store, sql);
  return rows.empty() || rows[0].empty() ? 0 : std::stoll(rows[0]);
}

// What happened to one row, for a failure message: the server's pull-feed entries for it and the
// acknowledged pushes naming it.
std::string History(World& world, const std::string& table, const std::string& pk) {
  std::string text;
  for (const std::string& entry :
       Strings(world.server().store(),
               "SELECT '#' || server_seq || ' ' || scope || ' origin ' || origin || ' hlc ' || hlc "
               "|| ' ' || cols FROM change_log WHERE tbl = " +
                   Quoted(table) + " AND pk = " + Quoted(pk) + " ORDER BY server_seq")) {
    text += "\n      feed " + entry;
  }
  for (const auto& [key, entry] : world.ledger().changes) {
    if (entry.change.table == table && entry.change.pk == pk) {
      text += "\n      pushed by device " + std::to_string(entry.device) + " seq " +
              std::to_string(entry.change.seq) + " hlc " + std::to_string(entry.change.hlc) + " " +
              sync::ChangeOutcomeName(entry.outcome) + " " + entry.detail + " " +
              entry.change.cols_json;
    }
  }
  return text;
}

void CompareTable(World& world, SimKiosk& kiosk, const core::SyncedTable& table,
                  std::vector<std::string>& out, std::map<std::string, size_t>& per_kind) {
  const std::string scope = "('district', " + Quoted(kiosk.center) + ")";
  const auto server = Strings(
      world.server().store(),
      DumpSql(table, " WHERE id IN (SELECT pk FROM change_log WHERE tbl = " + Quoted(table.name) +
                         " AND scope IN " + scope + ")"));
  const auto local = Strings(*kiosk.store, DumpSql(table, ""));
  std::map<std::string, std::string> by_pk;
  for (const std::string& row : server) {
    by_pk[PkOf(row)] = row;
  }
  std::set<std::string> seen;
  for (const std::string& row : local) {
    const std::string pk = PkOf(row);
    seen.insert(pk);
    const auto it = by_pk.find(pk);
    if (it == by_pk.end()) {
      Add(out, per_kind, kiosk.name + " extra " + table.name, row + History(world, table.name, pk));
    } else if (it->second != row) {
      Add(out, per_kind, kiosk.name + " differs " + table.name,
          "kiosk (device " + std::to_string(kiosk.credentials.device) + ") " + row + " / server " +
              it->second + History(world, table.name, pk));
    }
  }
  for (const auto& [pk, row] : by_pk) {
    if (seen.count(pk) == 0) {
      Add(out, per_kind, kiosk.name + " missing " + table.name, row);
    }
  }
}

// Whether an acknowledged, applied change is still visible on the server.
void CheckEntry(World& world, const LedgerEntry& entry, std::vector<std::string>& out,
                std::map<std::string, size_t>& per_kind) {
  core::Store& server = world.server().store();
  const sync::PushChange& change = entry.change;
  const std::string what = "device " + std::to_string(entry.device) + " seq " +
                           std::to_string(change.seq) + " " + change.table + " " + change.pk;
  if (entry.outcome == sync::ChangeOutcome::kRedirected) {
    if (Int(server, "SELECT count(*) FROM person WHERE id = " + Quoted(entry.detail)) != 1) {
      Add(out, per_kind, "lost redirected change", what + " -> " + entry.detail);
    }
    return;
  }
  if (entry.outcome == sync::ChangeOutcome::kRejected ||
      entry.outcome == sync::ChangeOutcome::kErased || change.table == "audit_log") {
    return;
  }
  if (Int(server, "SELECT count(*) FROM " + change.table + " WHERE id = " + Quoted(change.pk)) !=
      1) {
    Add(out, per_kind, "lost acknowledged change", what);
    return;
  }
  const bool clamped = core::HlcMs(change.hlc) > entry.server_now_ms + 5 * 60'000;
  if (clamped || entry.outcome != sync::ChangeOutcome::kApplied) {
    return;
  }
  const Json cols = Json::parse(change.cols_json, nullptr, false);
  if (change.table == "person" && cols.is_object()) {
    if (world.oracle().erased.count(change.pk) > 0) {
      return;
    }
    for (const auto& item : cols.items()) {
      if (item.key() == "erased" || item.key() == "merged_into") {
        continue;
      }
      const int64_t hlc = Int(server, "SELECT hlc FROM field_clock WHERE tbl = 'person' AND pk = " +
                                          Quoted(change.pk) + " AND col = " + Quoted(item.key()));
      if (static_cast<uint64_t>(hlc) < change.hlc) {
        Add(out, per_kind, "lost acknowledged field", what + " " + item.key());
      }
    }
  } else if (change.table != "enrollment" && change.table != "lesson_progress" &&
             change.table != "progress_counter") {
    const int64_t hlc =
        Int(server, "SELECT hlc FROM " + change.table + " WHERE id = " + Quoted(change.pk));
    if (static_cast<uint64_t>(hlc) < change.hlc) {
      Add(out, per_kind, "lost acknowledged write", what);
    }
  }
}

// The server holds, for every lesson, the best score and completion seen anywhere, and for every
// device's counter of lesson time the highest total that device counted: exactly, so no
// device's time is lost or counted twice (a lesson's time is the sum of these rows).
void CheckProgress(World& world, std::vector<std::string>& out,
                   std::map<std::string, size_t>& per_kind) {
  const Oracle& oracle = world.oracle();
  core::Store& server = world.server().store();
  // Skips rows that never reached the server, or whose person was erased or merged since.
  const auto settled = [&](const std::string& table, const std::string& id) {
    const auto person =
        Strings(server, "SELECT person_id FROM " + table + " WHERE id = " + Quoted(id));
    return !person.empty() && oracle.erased.count(person[0]) == 0 &&
           oracle.merged_people.count(person[0]) == 0;
  };
  for (const auto& [id, best] : oracle.max_score) {
    if (!settled("lesson_progress", id)) {
      continue;
    }
    const std::string row = Strings(server,
                                    "SELECT best_score || '/' || completed FROM "
                                    "lesson_progress WHERE id = " +
                                        Quoted(id))[0];
    const std::string expected =
        std::to_string(best) + "/" + (oracle.completed.count(id) > 0 ? "1" : "0");
    if (row != expected) {
      Add(out, per_kind, "progress not the maximum seen (score/completed)",
          id + ": server " + row + ", expected " + expected);
    }
  }
  for (const auto& [id, seconds] : oracle.max_seconds) {
    if (!settled("progress_counter", id)) {
      continue;
    }
    const int64_t held =
        Int(server, "SELECT seconds FROM progress_counter WHERE id = " + Quoted(id));
    if (held != seconds) {
      Add(out, per_kind, "lesson time lost or counted twice",
          id + ": server " + std::to_string(held) + ", the device counted " +
              std::to_string(seconds));
    }
  }
}

}  // namespace

std::vector<std::string> CheckConvergence(World& world) {
  std::vector<std::string> out;
  std::map<std::string, size_t> per_kind;
  for (auto& kiosk : world.kiosks()) {
    for (const core::SyncedTable& table : core::SyncedTables()) {
      if (table.name != "audit_log") {
        CompareTable(world, *kiosk, table, out, per_kind);
      }
    }
    const int64_t waiting = Int(*kiosk->store, "SELECT count(*) FROM outbox") +
                            Int(*kiosk->store, "SELECT count(*) FROM outbox_batch");
    if (waiting != 0) {
      Add(out, per_kind, "outbox not drained", kiosk->name + ": " + std::to_string(waiting));
    }
  }
  return out;
}

std::vector<std::string> CheckAcknowledged(World& world) {
  std::vector<std::string> out;
  std::map<std::string, size_t> per_kind;
  const Ledger& ledger = world.ledger();
  for (const std::string& problem : ledger.problems) {
    Add(out, per_kind, "ledger", problem);
  }
  for (const auto& [key, count] : ledger.fresh_acks) {
    if (count > 1) {
      Add(out, per_kind, "batch applied twice",
          "device " + std::to_string(key.first) + " batch " + std::to_string(key.second));
    }
  }
  std::set<std::pair<int64_t, int64_t>> applied;
  for (const std::string& row :
       Strings(world.server().store(),
               "SELECT device_no || ':' || batch FROM applied_batch ORDER BY 1")) {
    const size_t colon = row.find(':');
    applied.emplace(std::stoll(row.substr(0, colon)), std::stoll(row.substr(colon + 1)));
  }
  for (const auto& key : ledger.acked_batches) {
    if (applied.count(key) == 0) {
      Add(out, per_kind, "acknowledged batch not in applied_batch",
          std::to_string(key.first) + ":" + std::to_string(key.second));
    }
  }
  for (const auto& key : applied) {
    if (ledger.acked_batches.count(key) == 0) {
      Add(out, per_kind, "applied batch never acknowledged",
          std::to_string(key.first) + ":" + std::to_string(key.second));
    }
  }
  for (const auto& [key, entry] : ledger.changes) {
    CheckEntry(world, entry, out, per_kind);
  }
  return out;
}

std::vector<std::string> CheckDomain(World& world) {
  std::vector<std::string> out;
  std::map<std::string, size_t> per_kind;
  const Oracle& oracle = world.oracle();
  for (const std::string& error : oracle.op_errors) {
    Add(out, per_kind, "operation failed", error);
  }
  for (const std::string& violation : oracle.capacity_violations) {
    Add(out, per_kind, "over capacity on the server", violation);
  }
  const std::string personal =
      "given_name <> '' OR family_name <> '' OR phone <> '' OR email <> '' OR village <> '' OR "
      "birth_year IS NOT NULL OR card_code IS NOT NULL OR erased <> 1";
  for (const std::string& id : oracle.erased) {
    const std::string where = " FROM person WHERE id = " + Quoted(id) + " AND (" + personal + ")";
    if (Int(world.server().store(), "SELECT count(*)" + where) != 0) {
      Add(out, per_kind, "erased person has personal data on the server", id);
    }
    for (auto& kiosk : world.kiosks()) {
      if (Int(*kiosk->store, "SELECT count(*)" + where) != 0) {
        Add(out, per_kind, "erased person has personal data on " + kiosk->name, id);
      }
    }
    for (const std::string& cols :
         Strings(world.server().store(),
                 "SELECT cols FROM change_log WHERE tbl = 'person' AND pk = " + Quoted(id))) {
      const Json j = Json::parse(cols, nullptr, false);
      for (const char* field : {"given_name", "family_name", "phone", "email", "village"}) {
        if (j.is_object() && j.contains(field) && j[field] != "") {
          Add(out, per_kind, "erased person's data left in the pull feed", id + " " + field);
        }
      }
    }
  }
  for (const auto& [loser, winner] : oracle.merged) {
    core::Store& server = world.server().store();
    if (Int(server, "SELECT count(*) FROM person WHERE id = " + Quoted(loser) +
                        " AND merged_into IS NOT NULL") != 1) {
      Add(out, per_kind, "merged person does not redirect", loser + " -> " + winner);
    }
    for (const char* table :
         {"enrollment", "attendance", "lesson_progress", "progress_counter", "consent"}) {
      const int64_t left = Int(server, std::string("SELECT count(*) FROM ") + table +
                                           " WHERE deleted = 0 AND person_id = " + Quoted(loser));
      if (left != 0) {
        Add(out, per_kind, "live rows still point at a merged person",
            std::string(table) + " " + loser + ": " + std::to_string(left));
      }
    }
  }
  CheckProgress(world, out, per_kind);
  for (auto& kiosk : world.kiosks()) {
    for (const std::string& id : Strings(*kiosk->store, kOverCapacitySql)) {
      if (Int(world.server().store(), "SELECT count(*) FROM (" + std::string(kOverCapacitySql) +
                                          ") WHERE id = " + Quoted(id)) == 0) {
        Add(out, per_kind, "over capacity on " + kiosk->name, id);
      }
    }
  }
  return out;
}

}  // namespace raida::sim
