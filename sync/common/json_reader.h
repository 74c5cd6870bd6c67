// Strict reading of the sync protocol's JSON (internal to raida_sync_common).
//
// The server reads bodies from any device on the network, so every object is checked for
// members it does not know, every value for its type and range, and the nesting depth of the
// text is measured before nlohmann-json builds a tree from it. All failures are
// kInvalidArgument "<path>: <what>"; none of these helpers throws.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "raida/core/result.h"

namespace raida::sync::detail {

using Json = nlohmann::json;

// kInvalidArgument "<path>: <what>".
core::Error Malformed(const std::string& path, const std::string& what);

// Parses `text` as one JSON document no deeper than `max_depth` containers. Invalid UTF-8,
// syntax errors and truncation are kInvalidArgument.
core::Result<Json> ParseStrict(std::string_view text, int max_depth);

// Checks that `value` is an object whose members are all in `allowed`.
core::Status ExpectObject(const Json& value, const std::string& path,
                          std::initializer_list<const char*> allowed);
// Checks that `value` is an array of `min`..`max` elements.
core::Status ExpectArray(const Json& value, const std::string& path, size_t min, size_t max);

// The member `name` of `object` (an object), or "<path>.<name>: missing".
core::Result<const Json*> Member(const Json& object, const std::string& path, const char* name);

// An integer in [min, max].
core::Result<int64_t> ReadInt(const Json& value, const std::string& path, int64_t min, int64_t max);
// An unsigned 64-bit integer (HLC stamps use the full range).
core::Result<uint64_t> ReadUint(const Json& value, const std::string& path);
// A string of `min_len`..`max_len` bytes.
core::Result<std::string> ReadText(const Json& value, const std::string& path, size_t min_len,
                                   size_t max_len);
core::Result<bool> ReadBool(const Json& value, const std::string& path);

// A change's cols: an object whose values are SQL values (null, integer, real or string), dumped
// compactly.
core::Result<std::string> ReadCols(const Json& value, const std::string& path);

// Appends `text` as a JSON string (quoted, escaped). `text` must be valid UTF-8.
void AppendJsonString(std::string& out, std::string_view text);

}  // namespace raida::sync::detail
