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

core::Status UpdateRow(core::Store& store, const core::SyncedTable& table, const std::string& pk,
                       const Json& values, uint64_t hlc, int64_t origin) {
  std::string sets;
  for (const auto& item : values.items()) {
    sets += item.key() + " = ?, ";
  }
  RAIDA_ASSIGN_OR_RETURN(core::Statement stmt,
                         store.db().Prepare("UPDATE " + table.name + " SET " + sets +
                                            "hlc = ?, origin = ? WHERE id = ?"));
  RAIDA_TRY(BindValues(stmt, table, values, 1));
  const int next = 1 + static_cast<int>(values.size());
  stmt.Bind(next, static_cast<int64_t>(hlc)).Bind(next + 1, origin).Bind(next + 2, pk);
  return stmt.Run();
}

core::Result<bool> UpsertRowIfNewer(core::Store& store, const core::SyncedTable& table,
                                    const std::string& pk, const Json& values, uint64_t hlc,
                                    int64_t origin) {
  std::string sql = "INSERT INTO " + table.name + "(id";
  std::string params = "?";
  std::string sets;
  for (const auto& item : values.items()) {
    sql += ", " + item.key();
    params += ", ?";
    sets += item.key() + " = excluded." + item.key() + ", ";
  }
  sql += ", hlc, origin) VALUES (" + params + ", ?, ?) ON CONFLICT(id) DO ";
  sql += table.append_only ? std::string("NOTHING")
                           : "UPDATE SET " + sets +
                                 "hlc = excluded.hlc, origin = excluded.origin WHERE excluded.hlc "
                                 "> hlc OR (excluded.hlc = hlc AND excluded.origin > origin)";
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

core::Result<std::optional<PersonInfo>> ReadPerson(core::Store& store, const std::string& id) {
  RAIDA_ASSIGN_OR_RETURN(
      core::Statement stmt,
      store.db().Prepare("SELECT home_center_id, erased, merged_into FROM person WHERE id = ?"));
  stmt.Bind(1, id);
  RAIDA_ASSIGN_OR_RETURN(const bool found, stmt.Step());
  if (!found) {
    return std::optional<PersonInfo>();
  }
  return std::optional<PersonInfo>(
      PersonInfo{stmt.ColumnText(0), stmt.ColumnInt(1) != 0, stmt.ColumnOptionalText(2)});
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

core::Result<bool> RowExists(core::Store& store, const std::string& table, const std::string& id) {
  RAIDA_CHECK(core::FindSyncedTable(table) != nullptr);
  RAIDA_ASSIGN_OR_RETURN(core::Statement stmt,
                         store.db().Prepare("SELECT 1 FROM " + table + " WHERE id = ?"));
  stmt.Bind(1, id);
  return stmt.Step();
}

core::Result<std::string> ScopeOfPerson(core::Store& store, const std::string& person_id) {
  RAIDA_ASSIGN_OR_RETURN(const auto person, ReadPerson(store, person_id));
  if (!person) {
    return MakeError(ErrorCode::kNotFound, "missing_parent:person");
  }
  return person->home_center_id;
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

}  // namespace raida::server::detail
