// Generic synced-row access for the server's merge rules; see row_store.h.
#include "row_store.h"

#include <sodium.h>

#include <vector>

namespace raida::server::detail {
namespace {

using core::ErrorCode;
using core::MakeError;

std::string SelectSql(const core::SyncedTable& table) {
  std::string sql = "SELECT hlc, origin, json_object(";
  for (size_t i = 0; i < table.columns.size(); ++i) {
    const core::SyncedColumn& c = table.columns[i];
    sql += (i == 0 ? "'" : ", '") + c.name + "', ";
    sql += c.is_blob ? "CASE WHEN " + c.name + " IS NULL THEN NULL ELSE hex(" + c.name + ") END"
                     : c.name;
  }
  return sql + ") FROM " + table.name + " WHERE id = ?";
}

const core::SyncedColumn* FindColumn(const core::SyncedTable& table, const std::string& name) {
  for (const core::SyncedColumn& column : table.columns) {
    if (column.name == name) {
      return &column;
    }
  }
  return nullptr;
}

core::Status BindValue(core::Statement& stmt, int index, const core::SyncedColumn& column,
                       const Json& value) {
  if (value.is_null()) {
    stmt.BindNull(index);
  } else if (value.is_number_integer()) {
    stmt.Bind(index, value.get<int64_t>());
  } else if (value.is_number()) {
    stmt.Bind(index, value.get<double>());
  } else if (value.is_string() && column.is_blob) {
    const auto& hex = value.get_ref<const std::string&>();
    std::vector<uint8_t> blob(hex.size() / 2);
    size_t size = 0;
    if (sodium_hex2bin(blob.data(), blob.size(), hex.data(), hex.size(), nullptr, &size, nullptr) !=
            0 ||
        size * 2 != hex.size()) {
      return MakeError(ErrorCode::kConflict, column.name + ": not hex");
    }
    stmt.BindBlob(index, blob);
  } else if (value.is_string()) {
    stmt.Bind(index, value.get_ref<const std::string&>());
  } else {
    return MakeError(ErrorCode::kConflict, column.name + ": not an SQL value");
  }
  return core::Ok();
}

// Binds `values` (column name -> value) from parameter `first` on, in the object's order.
core::Status BindValues(core::Statement& stmt, const core::SyncedTable& table, const Json& values,
                        int first) {
  int index = first;
  for (const auto& item : values.items()) {
    const core::SyncedColumn* column = FindColumn(table, item.key());
    if (column == nullptr) {
      return MakeError(ErrorCode::kInternal, table.name + "." + item.key() + " is not a column");
    }
    RAIDA_TRY(BindValue(stmt, index++, *column, item.value()));
  }
  return core::Ok();
}

}  // namespace

core::Result<std::optional<Row>> ReadRow(core::Store& store, const core::SyncedTable& table,
                                         const std::string& pk) {
  RAIDA_ASSIGN_OR_RETURN(core::Statement stmt, store.db().Prepare(SelectSql(table)));
  stmt.Bind(1, pk);
  RAIDA_ASSIGN_OR_RETURN(const bool found, stmt.Step());
  if (!found) {
    return std::optional<Row>();
  }
  Row row;
  row.hlc = static_cast<uint64_t>(stmt.ColumnInt(0));
  row.origin = stmt.ColumnInt(1);
  row.values = Json::parse(stmt.ColumnText(2), nullptr, /*allow_exceptions=*/false);
  if (row.values.is_discarded()) {
    return MakeError(ErrorCode::kCorrupt, table.name + " " + pk + ": unreadable row");
  }
  return std::optional<Row>(std::move(row));
}

core::Status InsertRow(core::Store& store, const core::SyncedTable& table, const std::string& pk,
                       const Json& values, uint64_t hlc, int64_t origin) {
  std::string names = "id";
  std::string params = "?";
  for (const auto& item : values.items()) {
    names += ", " + item.key();
    params += ", ?";
  }
  RAIDA_ASSIGN_OR_RETURN(core::Statement stmt,
                         store.db().Prepare("INSERT INTO " + table.name + "(" + names +
                                            ", hlc, origin) VALUES (" + params + ", ?, ?)"));
  stmt.Bind(1, pk);
  RAIDA_TRY(BindValues(stmt, table, values, 2));
  const int next = 2 + static_cast<int>(values.size());
  stmt.Bind(next, static_cast<int64_t>(hlc)).Bind(next + 1, origin);
  return stmt.Run();
}

namespace {

// UPDATE of `values` and the stamp; with `only_if_older`, only when the stored row's
// (hlc, origin) is older than the given one.
core::Status UpdateWhere(core::Store& store, const core::SyncedTable& table, const std::string& pk,
                         const Json& values, uint64_t hlc, int64_t origin, bool only_if_older) {
  std::string sets;
  for (const auto& item : values.items()) {
    sets += item.key() + " = ?, ";
  }
  const int next = 1 + static_cast<int>(values.size());
  const std::string h = "?" + std::to_string(next);
  const std::string o = "?" + std::to_string(next + 1);
  std::string where = "id = ?" + std::to_string(next + 2);
  if (only_if_older) {
    where += " AND (" + h + " > hlc OR (" + h + " = hlc AND " + o + " > origin))";
  }
  RAIDA_ASSIGN_OR_RETURN(core::Statement stmt,
                         store.db().Prepare("UPDATE " + table.name + " SET " + sets + "hlc = " + h +
                                            ", origin = " + o + " WHERE " + where));
  RAIDA_TRY(BindValues(stmt, table, values, 1));
  stmt.Bind(next, static_cast<int64_t>(hlc)).Bind(next + 1, origin).Bind(next + 2, pk);
  return stmt.Run();
}

}  // namespace

core::Status UpdateRow(core::Store& store, const core::SyncedTable& table, const std::string& pk,
                       const Json& values, uint64_t hlc, int64_t origin) {
  return UpdateWhere(store, table, pk, values, hlc, origin, /*only_if_older=*/false);
}

core::Result<bool> UpsertRowIfNewer(core::Store& store, const core::SyncedTable& table,
                                    const std::string& pk, const Json& values, uint64_t hlc,
                                    int64_t origin, bool insertable) {
  if (!insertable && !table.append_only) {
    // A patch: SQLite checks NOT NULL on an upsert's insert row before the conflict, so the
    // upsert would refuse a patch of an existing row. Update it if older, else insert it.
    RAIDA_TRY(UpdateWhere(store, table, pk, values, hlc, origin, /*only_if_older=*/true));
    if (store.db().Changes() > 0) {
      return true;
    }
    RAIDA_ASSIGN_OR_RETURN(const bool exists, RowExists(store, table.name, pk));
    if (exists) {
      return false;
    }
    RAIDA_TRY(InsertRow(store, table, pk, values, hlc, origin));
    return true;
  }
  // Built once per change, so appended in place rather than from temporaries.
  std::string sql = "INSERT INTO ";
  sql.reserve(512);
  sql += table.name;
  sql += "(id";
  std::string params = "?";
  std::string sets;
  for (const auto& item : values.items()) {
    sql.append(", ").append(item.key());
    params += ", ?";
    sets.append(item.key()).append(" = excluded.").append(item.key()).append(", ");
  }
  sql.append(", hlc, origin) VALUES (").append(params).append(", ?, ?) ON CONFLICT(id) DO ");
  if (table.append_only) {
    sql += "NOTHING";
  } else {
    sql.append("UPDATE SET ").append(sets);
    sql +=
        "hlc = excluded.hlc, origin = excluded.origin WHERE excluded.hlc > hlc OR "
        "(excluded.hlc = hlc AND excluded.origin > origin)";
  }
  RAIDA_ASSIGN_OR_RETURN(core::Statement stmt, store.db().Prepare(sql));
  stmt.Bind(1, pk);
  RAIDA_TRY(BindValues(stmt, table, values, 2));
  const int next = 2 + static_cast<int>(values.size());
  stmt.Bind(next, static_cast<int64_t>(hlc)).Bind(next + 1, origin);
  RAIDA_TRY(stmt.Run());
  return store.db().Changes() > 0;
}

core::Result<int64_t> AppendChangeLog(core::Store& store, const std::string& scope,
                                      const std::string& table, const std::string& pk, uint64_t hlc,
                                      int64_t origin, const std::string& cols_json) {
  RAIDA_ASSIGN_OR_RETURN(
      core::Statement stmt,
      store.db().Prepare(
          "INSERT INTO change_log(scope, tbl, pk, hlc, origin, cols) VALUES (?, ?, ?, ?, ?, ?)"));
  stmt.Bind(1, scope).Bind(2, table).Bind(3, pk).Bind(4, static_cast<int64_t>(hlc));
  RAIDA_TRY(stmt.Bind(5, origin).Bind(6, cols_json).Run());
  return store.db().LastInsertRowId();
}

core::Status AppendChangeLogTo(core::Store& store, const Scopes& scopes, const std::string& table,
                               const std::string& pk, uint64_t hlc, int64_t origin,
                               const std::string& cols_json) {
  for (const std::string& scope : scopes) {
    RAIDA_TRY(AppendChangeLog(store, scope, table, pk, hlc, origin, cols_json));
  }
  return core::Ok();
}

core::Result<std::optional<PersonInfo>> ReadPerson(core::Store& store, const std::string& id) {
  // change_log is indexed by id for people: whether the person was published anywhere else.
  RAIDA_ASSIGN_OR_RETURN(
      core::Statement stmt,
      store.db().Prepare("SELECT home_center_id, erased, merged_into, EXISTS (SELECT 1 FROM "
                         "change_log WHERE tbl = 'person' AND pk = ?1 AND scope <> "
                         "person.home_center_id) FROM person WHERE id = ?1"));
  stmt.Bind(1, id);
  RAIDA_ASSIGN_OR_RETURN(const bool found, stmt.Step());
  if (!found) {
    return std::optional<PersonInfo>();
  }
  PersonInfo person{stmt.ColumnText(0), stmt.ColumnInt(1) != 0, stmt.ColumnOptionalText(2), {}};
  const bool elsewhere = stmt.ColumnInt(3) != 0;
  stmt.Reset();
  person.scopes.push_back(person.home_center_id);
  if (!elsewhere) {
    return std::optional<PersonInfo>(std::move(person));
  }
  RAIDA_ASSIGN_OR_RETURN(
      core::Statement published,
      store.db().Prepare("SELECT DISTINCT scope FROM change_log WHERE tbl = 'person' AND pk = ? "
                         "AND scope <> ? ORDER BY scope"));
  published.Bind(1, id).Bind(2, person.home_center_id);
  while (true) {
    RAIDA_ASSIGN_OR_RETURN(const bool row, published.Step());
    if (!row) {
      return std::optional<PersonInfo>(std::move(person));
    }
    person.scopes.push_back(published.ColumnText(0));
  }
}

core::Result<std::string> CanonicalPerson(core::Store& store, const std::string& id) {
  std::string current = id;
  for (int hops = 0; hops < 64; ++hops) {  // merges form a forest; the bound guards a cycle
    RAIDA_ASSIGN_OR_RETURN(const auto person, ReadPerson(store, current));
    if (!person || !person->merged_into) {
      return current;
    }
    current = *person->merged_into;
  }
  return MakeError(ErrorCode::kInternal, "person merge chain too long at " + id);
}

core::Result<std::vector<std::string>> RequiredColumns(core::Store& store,
                                                       const std::string& table) {
  RAIDA_ASSIGN_OR_RETURN(core::Statement stmt,
                         store.db().Prepare("SELECT name FROM pragma_table_info(?) WHERE "
                                            "\"notnull\" AND dflt_value IS NULL AND pk = 0 AND "
                                            "name NOT IN ('hlc', 'origin')"));
  stmt.Bind(1, table);
  std::vector<std::string> names;
  while (true) {
    RAIDA_ASSIGN_OR_RETURN(const bool row, stmt.Step());
    if (!row) {
      return names;
    }
    names.push_back(stmt.ColumnText(0));
  }
}

core::Result<bool> RowExists(core::Store& store, const std::string& table, const std::string& id) {
  RAIDA_CHECK(core::FindSyncedTable(table) != nullptr);
  RAIDA_ASSIGN_OR_RETURN(core::Statement stmt,
                         store.db().Prepare("SELECT 1 FROM " + table + " WHERE id = ?"));
  stmt.Bind(1, id);
  return stmt.Step();
}

core::Result<Scopes> ScopesOfPerson(core::Store& store, const std::string& person_id) {
  RAIDA_ASSIGN_OR_RETURN(auto person, ReadPerson(store, person_id));
  if (!person) {
    return MakeError(ErrorCode::kNotFound, "missing_parent:person");
  }
  return std::move(person->scopes);
}

namespace {

// The text member `name` of `values`, else of the stored row; "" when neither has it.
core::Result<std::string> ParentId(core::Store& store, const core::SyncedTable& table,
                                   const std::string& pk, const Json& values, const char* name) {
  const auto it = values.find(name);
  if (it != values.end() && it->is_string()) {
    return it->get<std::string>();
  }
  RAIDA_ASSIGN_OR_RETURN(const auto row, ReadRow(store, table, pk));
  if (row && row->values.contains(name) && row->values[name].is_string()) {
    return row->values[name].get<std::string>();
  }
  return MakeError(ErrorCode::kNotFound, std::string("missing_parent:") + name);
}

}  // namespace

core::Result<std::optional<std::string>> OwnerPerson(core::Store& store,
                                                     const core::SyncedTable& table,
                                                     const std::string& pk, const Json& values) {
  if (table.name == "person") {
    return std::optional<std::string>(pk);
  }
  if (table.name == "plan_goal" || table.name == "plan_step") {
    const bool step = table.name == "plan_step";
    RAIDA_ASSIGN_OR_RETURN(std::string parent,
                           ParentId(store, table, pk, values, step ? "goal_id" : "plan_id"));
    if (step) {
      const core::SyncedTable* goals = core::FindSyncedTable("plan_goal");
      RAIDA_ASSIGN_OR_RETURN(parent, ParentId(store, *goals, parent, Json::object(), "plan_id"));
    }
    const core::SyncedTable* plans = core::FindSyncedTable("action_plan");
    RAIDA_ASSIGN_OR_RETURN(std::string person,
                           ParentId(store, *plans, parent, Json::object(), "person_id"));
    return std::optional<std::string>(person);
  }
  if (FindColumn(table, "person_id") == nullptr) {
    return std::optional<std::string>();
  }
  RAIDA_ASSIGN_OR_RETURN(std::string person, ParentId(store, table, pk, values, "person_id"));
  return std::optional<std::string>(person);
}

core::Result<Scopes> ScopesOfRow(core::Store& store, const core::SyncedTable& table,
                                 const std::string& pk, const Json& values) {
  if (!table.captured) {
    return Scopes{kDistrictScope};
  }
  if (table.name == "audit_log") {
    return Scopes{kServerScope};
  }
  RAIDA_ASSIGN_OR_RETURN(const auto owner, OwnerPerson(store, table, pk, values));
  return owner ? ScopesOfPerson(store, *owner) : core::Result<Scopes>(Scopes{kDistrictScope});
}

}  // namespace raida::server::detail
