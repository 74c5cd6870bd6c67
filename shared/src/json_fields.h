// Reading JSON with paths: every value is read through a helper that knows where it is, so a
// malformed file is refused with "centers[2].name: expected a string" (kCorrupt) rather than
// nlohmann-json's exception text. Internal to raida::core (district files today, and any
// published JSON later); none of these helpers throws.
#pragma once

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "raida/core/i18n.h"
#include "raida/core/model.h"
#include "raida/core/result.h"

namespace raida::core::json_fields {

using Json = nlohmann::json;

// kCorrupt "<path>: <what>".
inline Error BadField(const std::string& path, const std::string& what) {
  return MakeError(ErrorCode::kCorrupt, path + ": " + what);
}

// The path of member `name` under `path` ("centers[2]" + "name" -> "centers[2].name").
inline std::string Child(const std::string& path, const std::string& name) {
  return path.empty() ? name : path + "." + name;
}

// The path of element `index` of the array at `path`.
inline std::string Item(const std::string& path, size_t index) {
  return path + "[" + std::to_string(index) + "]";
}

// The member `name` of `object`, or "<path>.<name>: missing".
inline Result<const Json*> Field(const Json& object, const std::string& path, const char* name) {
  const auto it = object.find(name);
  if (it == object.end()) {
    return BadField(Child(path, name), "missing");
  }
  return &*it;
}

// A string member; a required one must be present and non-empty, an optional one reads as ""
// when absent.
inline Result<std::string> ReadString(const Json& object, const std::string& path, const char* name,
                                      bool required = true) {
  if (!required && !object.contains(name)) {
    return std::string();
  }
  RAIDA_ASSIGN_OR_RETURN(const Json* value, Field(object, path, name));
  if (!value->is_string()) {
    return BadField(Child(path, name), "expected a string");
  }
  std::string text = value->get<std::string>();
  if (required && text.empty()) {
    return BadField(Child(path, name), "must not be empty");
  }
  return text;
}

// An integer member within [min, max].
inline Result<int> ReadInt(const Json& object, const std::string& path, const char* name, int min,
                           int max) {
  RAIDA_ASSIGN_OR_RETURN(const Json* value, Field(object, path, name));
  if (!value->is_number_integer()) {
    return BadField(Child(path, name), "expected an integer");
  }
  const auto number = value->get<int64_t>();
  if (number < min || number > max) {
    return BadField(Child(path, name),
                    "must be between " + std::to_string(min) + " and " + std::to_string(max));
  }
  return static_cast<int>(number);
}

// An array member.
inline Result<const Json*> ReadArray(const Json& object, const std::string& path,
                                     const char* name) {
  RAIDA_ASSIGN_OR_RETURN(const Json* value, Field(object, path, name));
  if (!value->is_array()) {
    return BadField(Child(path, name), "expected an array");
  }
  return value;
}

// An optional array of strings (empty when absent).
inline Result<std::vector<std::string>> ReadStringList(const Json& object, const std::string& path,
                                                       const char* name) {
  std::vector<std::string> list;
  if (!object.contains(name)) {
    return list;
  }
  RAIDA_ASSIGN_OR_RETURN(const Json* array, ReadArray(object, path, name));
  for (size_t i = 0; i < array->size(); ++i) {
    if (!(*array)[i].is_string()) {
      return BadField(Item(Child(path, name), i), "expected a string");
    }
    list.push_back((*array)[i].get<std::string>());
  }
  return list;
}

// A text in several languages: {"lt": "...", "pl": "...", "en": "..."}. Lithuanian, the
// district's own language, is required; the others fall back at display time.
inline Result<LocalizedText> ReadLocalized(const Json& object, const std::string& path,
                                           const char* name) {
  RAIDA_ASSIGN_OR_RETURN(const Json* value, Field(object, path, name));
  const std::string here = Child(path, name);
  if (!value->is_object()) {
    return BadField(here, "expected an object of language -> text");
  }
  const auto& languages = SupportedLanguages();
  LocalizedText text;
  for (const auto& [lang, item] : value->items()) {
    if (std::find(languages.begin(), languages.end(), lang) == languages.end()) {
      return BadField(Child(here, lang), "unsupported language");
    }
    if (!item.is_string()) {
      return BadField(Child(here, lang), "expected a string");
    }
    text[lang] = item.get<std::string>();
  }
  if (text.count("lt") == 0 || text["lt"].empty()) {
    return BadField(Child(here, "lt"), "missing");
  }
  return text;
}

// Calls `parse(item, item_path)` for each element of the top-level array `name` (each must be an
// object), collecting the results. An optional array reads as empty when absent.
template <typename T, typename Parse>
inline Result<std::vector<T>> ReadEach(const Json& object, const char* name, Parse parse,
                                       bool required = true) {
  if (!required && !object.contains(name)) {
    return std::vector<T>();
  }
  RAIDA_ASSIGN_OR_RETURN(const Json* array, ReadArray(object, "", name));
  std::vector<T> items;
  for (size_t i = 0; i < array->size(); ++i) {
    const std::string path = Item(name, i);
    if (!(*array)[i].is_object()) {
      return BadField(path, "expected an object");
    }
    RAIDA_ASSIGN_OR_RETURN(T item, parse((*array)[i], path));
    items.push_back(std::move(item));
  }
  return items;
}

}  // namespace raida::core::json_fields
