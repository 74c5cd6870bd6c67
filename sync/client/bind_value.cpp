#include "bind_value.h"

#include <sodium.h>

#include <vector>

namespace raida::sync::detail {

using core::ErrorCode;
using core::MakeError;

core::Status BindValue(core::Statement& stmt, int index, const nlohmann::json& value,
                       const core::SyncedColumn& column, const std::string& where) {
  if (value.is_null()) {
    stmt.BindNull(index);
  } else if (column.is_blob && value.is_string()) {
    const auto& hex = value.get_ref<const std::string&>();
    std::vector<uint8_t> bytes(hex.size() / 2);
    size_t len = 0;
    if (sodium_hex2bin(bytes.data(), bytes.size(), hex.data(), hex.size(), nullptr, &len,
                       nullptr) != 0 ||
        len * 2 != hex.size()) {
      return MakeError(ErrorCode::kCorrupt, where + ": " + column.name + " is not hex");
    }
    stmt.BindBlob(index, bytes);
  } else if (value.is_number_integer()) {
    stmt.Bind(index, value.get<int64_t>());
  } else if (value.is_number_float()) {
    stmt.Bind(index, value.get<double>());
  } else if (value.is_string()) {
    stmt.Bind(index, value.get_ref<const std::string&>());
  } else if (value.is_boolean()) {
    stmt.Bind(index, value.get<bool>() ? 1 : 0);
  } else {
    return MakeError(ErrorCode::kCorrupt, where + ": " + column.name + " is not an SQL value");
  }
  return core::Ok();
}

}  // namespace raida::sync::detail
