// Strict JSON reading for the sync protocol; see json_reader.h.
#include "json_reader.h"

#include <algorithm>

namespace raida::sync::detail {
namespace {

// The deepest container nesting of `text`, counted without building anything, so a hostile
// body of a million '[' costs a linear scan and no recursion.
int NestingDepth(std::string_view text) {
  int depth = 0;
  int deepest = 0;
  bool in_string = false;
  bool escaped = false;
  for (const char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return deepest;
}

const char* TypeName(const Json& value) { return value.type_name(); }

}  // namespace

core::Error Malformed(const std::string& path, const std::string& what) {
  return core::MakeError(core::ErrorCode::kInvalidArgument,
                         (path.empty() ? std::string("body") : path) + ": " + what);
}

core::Result<Json> ParseStrict(std::string_view text, int max_depth) {
  if (NestingDepth(text) > max_depth) {
    return Malformed("", "nested deeper than " + std::to_string(max_depth) + " levels");
  }
  try {
    return Json::parse(text.begin(), text.end());
  } catch (const Json::exception& e) {
    // parse_error 316 is invalid UTF-8; the others are syntax or truncation.
    return Malformed("", std::string("not valid JSON (") + e.what() + ")");
  }
}

core::Status ExpectObject(const Json& value, const std::string& path,
                          std::initializer_list<const char*> allowed) {
  if (!value.is_object()) {
    return Malformed(path, std::string("expected an object, got ") + TypeName(value));
  }
  for (const auto& item : value.items()) {
    const bool known = std::any_of(allowed.begin(), allowed.end(),
                                   [&](const char* name) { return item.key() == name; });
    if (!known) {
      return Malformed(path.empty() ? item.key() : path + "." + item.key(), "unknown field");
    }
  }
  return core::Ok();
}

core::Status ExpectArray(const Json& value, const std::string& path, size_t min, size_t max) {
  if (!value.is_array()) {
    return Malformed(path, std::string("expected an array, got ") + TypeName(value));
  }
  if (value.size() < min || value.size() > max) {
    return Malformed(path, "expected " + std::to_string(min) + ".." + std::to_string(max) +
                               " elements, got " + std::to_string(value.size()));
  }
  return core::Ok();
}

core::Result<const Json*> Member(const Json& object, const std::string& path, const char* name) {
  const std::string child = path.empty() ? std::string(name) : path + "." + name;
  const auto it = object.find(name);
  if (it == object.end()) {
    return Malformed(child, "missing");
  }
  return &*it;
}

core::Result<int64_t> ReadInt(const Json& value, const std::string& path, int64_t min,
                              int64_t max) {
  if (value.is_number_unsigned()) {
    // nlohmann-json reads every non-negative integer as unsigned: the lower bound matters here
    // too (a "max_bytes":1 or a "v":0 is as out of range as a negative one).
    const auto number = value.get<uint64_t>();
    if (number > static_cast<uint64_t>(max) || (min > 0 && number < static_cast<uint64_t>(min))) {
      return Malformed(path, "must be in " + std::to_string(min) + ".." + std::to_string(max));
    }
    return static_cast<int64_t>(number);
  }
  if (!value.is_number_integer()) {
    return Malformed(path, std::string("expected an integer, got ") + TypeName(value));
  }
  const auto number = value.get<int64_t>();
  if (number < min || number > max) {
    return Malformed(path, "must be in " + std::to_string(min) + ".." + std::to_string(max));
  }
  return number;
}

core::Result<uint64_t> ReadUint(const Json& value, const std::string& path) {
  if (value.is_number_unsigned()) {
    return value.get<uint64_t>();
  }
  if (value.is_number_integer()) {
    return Malformed(path, "must not be negative");
  }
  return Malformed(path, std::string("expected an integer, got ") + TypeName(value));
}

core::Result<std::string> ReadText(const Json& value, const std::string& path, size_t min_len,
                                   size_t max_len) {
  if (!value.is_string()) {
    return Malformed(path, std::string("expected a string, got ") + TypeName(value));
  }
  const auto& text = value.get_ref<const std::string&>();
  if (text.size() < min_len || text.size() > max_len) {
    return Malformed(path, "length must be " + std::to_string(min_len) + ".." +
                               std::to_string(max_len) + " bytes");
  }
  return text;
}

core::Result<bool> ReadBool(const Json& value, const std::string& path) {
  if (!value.is_boolean()) {
    return Malformed(path, std::string("expected true or false, got ") + TypeName(value));
  }
  return value.get<bool>();
}

core::Result<std::string> ReadCols(const Json& value, const std::string& path) {
  if (!value.is_object()) {
    return Malformed(path, std::string("expected an object, got ") + TypeName(value));
  }
  for (const auto& item : value.items()) {
    const Json& column = item.value();
    if (item.key().empty()) {
      return Malformed(path, "empty column name");
    }
    if (!(column.is_null() || column.is_number() || column.is_string())) {
      return Malformed(path + "." + item.key(),
                       std::string("expected an SQL value, got ") + TypeName(column));
    }
  }
  return value.dump();
}

void AppendJsonString(std::string& out, std::string_view text) {
  constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (byte < 0x20) {
      out += "\\u00";
      out.push_back(kHex[byte >> 4]);
      out.push_back(kHex[byte & 0xF]);
    } else {
      out.push_back(c);
    }
  }
  out.push_back('"');
}

}  // namespace raida::sync::detail
