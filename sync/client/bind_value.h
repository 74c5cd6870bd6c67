// BindValue: a value as a pulled change or a repair page carries it (the outbox format,
// core/schema.h: BLOBs as hex) bound as the SQL value of `column`. Private to the sync client.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "raida/core/database.h"
#include "raida/core/schema.h"

namespace raida::sync::detail {

// kCorrupt, naming `where` and the column, for a value that is not one.
core::Status BindValue(core::Statement& stmt, int index, const nlohmann::json& value,
                       const core::SyncedColumn& column, const std::string& where);

}  // namespace raida::sync::detail
