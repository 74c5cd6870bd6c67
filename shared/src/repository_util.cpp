// JSON columns, argument checks and row helpers for the repositories. nlohmann-json throws; its
// exceptions stop here and become Error values.
#include "repository_util.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>

#include "raida/core/hex.h"

namespace raida::core::detail {

Result<std::string> EncodeStringList(const std::vector<std::string>& values) {
  try {
    return nlohmann::json(values).dump();
  } catch (const nlohmann::json::exception& e) {
    return MakeError(ErrorCode::kInvalidArgument,
                     std::string("list is not valid UTF-8: ") + e.what());
  }
}

Result<std::vector<std::string>> DecodeStringList(const std::string& json, std::string_view what) {
  try {
    auto parsed = nlohmann::json::parse(json);
    return parsed.get<std::vector<std::string>>();
  } catch (const nlohmann::json::exception& e) {
    return MakeError(ErrorCode::kCorrupt,
                     std::string(what) + " is not a JSON list of strings: " + e.what());
  }
}

Result<std::string> EncodeLocalized(const LocalizedText& text) {
  try {
    return nlohmann::json(text).dump();
  } catch (const nlohmann::json::exception& e) {
    return MakeError(ErrorCode::kInvalidArgument,
                     std::string("text is not valid UTF-8: ") + e.what());
  }
}

Result<LocalizedText> DecodeLocalized(const std::string& json, std::string_view what) {
  try {
    auto parsed = nlohmann::json::parse(json);
    return parsed.get<LocalizedText>();
  } catch (const nlohmann::json::exception& e) {
    return MakeError(ErrorCode::kCorrupt,
                     std::string(what) + " is not a JSON object of texts: " + e.what());
  }
}

bool IsJson(const std::string& text) { return nlohmann::json::accept(text); }

Status RequireText(const std::string& value, std::string_view field) {
  if (value.find_first_not_of(" \t\r\n") == std::string::npos) {
    return MakeError(ErrorCode::kInvalidArgument, std::string(field) + " must not be empty");
  }
  return Ok();
}

Status RequireApplying(const Store& store, std::string_view what) {
  if (!store.applying()) {
    return MakeError(
        ErrorCode::kInternal,
        std::string(what) + " writes published data: it must run inside a Store::ApplyingScope");
  }
  return Ok();
}

Result<bool> RowExists(Database& db, std::string_view table, const std::string& id) {
  RAIDA_ASSIGN_OR_RETURN(Statement stmt, db.Prepare("SELECT 1 FROM " + std::string(table) +
                                                    " WHERE id = ? AND deleted = 0"));
  stmt.Bind(1, id);
  return stmt.Step();
}

Status RequireRow(Database& db, std::string_view table, const std::string& id,
                  std::string_view what) {
  RAIDA_ASSIGN_OR_RETURN(bool exists, RowExists(db, table, id));
  if (!exists) {
    return MakeError(ErrorCode::kNotFound, std::string(what) + " " + id + " does not exist");
  }
  return Ok();
}

std::string PublishedUpsertSql(std::string_view table, const std::vector<std::string>& columns) {
  std::string names = "id";
  std::string params = "?1";
  std::string assignments;
  std::string changed;
  for (size_t i = 0; i < columns.size(); ++i) {
    const std::string& c = columns[i];
    names += ", " + c;
    params += ", ?" + std::to_string(i + 2);
    assignments += c + " = excluded." + c + ", ";
    changed += c + " IS NOT excluded." + c + " OR ";
  }
  return "INSERT INTO " + std::string(table) + "(" + names + ", hlc, origin, deleted) VALUES (" +
         params + ", sync_hlc(), 0, 0) ON CONFLICT(id) DO UPDATE SET " + assignments +
         "hlc = excluded.hlc, origin = excluded.origin, deleted = 0 WHERE " + changed +
         "deleted <> 0";
}

Result<std::string> PepperedPin(const std::string& pin, const std::string& pepper) {
  if (pepper.empty()) {
    return pin;
  }
  if (pepper.size() < crypto_generichash_KEYBYTES_MIN) {
    return MakeError(ErrorCode::kInvalidArgument, "the PIN pepper is too short");
  }
  const size_t key_size = std::min(pepper.size(), size_t{crypto_generichash_KEYBYTES_MAX});
  std::array<unsigned char, crypto_generichash_BYTES> digest{};
  crypto_generichash(digest.data(), digest.size(),
                     reinterpret_cast<const unsigned char*>(pin.data()), pin.size(),
                     reinterpret_cast<const unsigned char*>(pepper.data()), key_size);
  std::string hex = Hex(digest);
  sodium_memzero(digest.data(), digest.size());
  return hex;
}

}  // namespace raida::core::detail
