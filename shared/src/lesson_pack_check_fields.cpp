// The lesson-pack validator's field checks: strings, integers, arrays, unknown members and the
// texts in every language, with the glyph check against the kiosk's font (glyph_ranges.h).
#include <algorithm>
#include <cstdio>
#include <set>

#include "lesson_pack_check_internal.h"
#include "raida/core/glyph_ranges.h"
#include "raida/core/i18n.h"

namespace raida::core::detail {
namespace {

// The code point of the UTF-8 sequence at `at` (nlohmann has checked the encoding), and its length.
char32_t DecodeUtf8(std::string_view text, size_t at, size_t& length) {
  const auto byte = [&](size_t i) {
    return at + i < text.size() ? static_cast<unsigned char>(text[at + i]) : 0u;
  };
  const unsigned lead = byte(0);
  if (lead < 0x80) {
    length = 1;
    return lead;
  }
  const size_t count = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
  char32_t code = lead & (0x7Fu >> count);
  for (size_t i = 1; i < count; ++i) {
    code = (code << 6) | (byte(i) & 0x3Fu);
  }
  length = count;
  return code;
}

}  // namespace

void CheckKnownFields(const Place& place, std::initializer_list<const char*> known,
                      FileReport& report) {
  for (const auto& [name, value] : place.json.items()) {
    const bool listed =
        std::any_of(known.begin(), known.end(), [&](const char* field) { return name == field; });
    if (!listed) {
      report.Add(place.Member(name), place.label + " has an unknown field " + Quoted(name));
    }
  }
}

std::optional<std::string> StringField(const Place& place, const char* name, FileReport& report,
                                       bool required) {
  const CheckJson* value = place.Find(name);
  if (value == nullptr) {
    if (required) {
      report.Add(place.pointer, place.label + " has no " + Quoted(name));
    }
    return std::nullopt;
  }
  if (!value->is_string()) {
    report.Add(place.Member(name), place.label + " " + Quoted(name) + " must be a string");
    return std::nullopt;
  }
  std::string text = value->get<std::string>();
  if (required && text.empty()) {
    report.Add(place.Member(name), place.label + " " + Quoted(name) + " is empty");
    return std::nullopt;
  }
  return text;
}

std::optional<int> IntField(const Place& place, const char* name, int min, int max,
                            FileReport& report) {
  const CheckJson* value = place.Find(name);
  if (value == nullptr) {
    report.Add(place.pointer, place.label + " has no " + Quoted(name));
    return std::nullopt;
  }
  const bool in_range =
      value->is_number_integer() && value->get<int64_t>() >= min && value->get<int64_t>() <= max;
  if (!in_range) {
    report.Add(place.Member(name), place.label + " " + Quoted(name) +
                                       " must be a whole number from " + std::to_string(min) +
                                       " to " + std::to_string(max));
    return std::nullopt;
  }
  return static_cast<int>(value->get<int64_t>());
}

const CheckJson* ArrayField(const Place& place, const char* name, FileReport& report,
                            bool required) {
  const CheckJson* value = place.Find(name);
  if (value == nullptr) {
    if (required) {
      report.Add(place.pointer, place.label + " has no " + Quoted(name));
    }
    return nullptr;
  }
  if (!value->is_array()) {
    report.Add(place.Member(name), place.label + " " + Quoted(name) + " must be a list");
    return nullptr;
  }
  return value;
}

std::string UniqueId(const Place& place, std::map<std::string, std::string>& seen,
                     FileReport& report) {
  const std::optional<std::string> id = StringField(place, "id", report);
  if (!id) {
    return "";
  }
  const auto [first, added] = seen.emplace(*id, place.label);
  if (!added) {
    report.Add(place.Member("id"),
               place.label + " id " + Quoted(*id) + " is also the id of " + first->second);
  }
  return *id;
}

LocalizedText TextField(const Place& place, const char* name,
                        const std::vector<std::string>& languages, FileReport& report) {
  LocalizedText found;
  const CheckJson* value = place.Find(name);
  const std::string here = place.Member(name);
  const std::string what = place.label + " " + name;
  if (value == nullptr) {
    report.Add(place.pointer, place.label + " has no " + Quoted(name));
    return found;
  }
  if (!value->is_object()) {
    report.Add(here, what + " must be an object of language -> text");
    return found;
  }
  const auto& supported = SupportedLanguages();
  for (const auto& [lang, item] : value->items()) {
    const std::string at = here + "/" + PointerToken(lang);
    if (std::find(supported.begin(), supported.end(), lang) == supported.end()) {
      report.Add(at, what + " has a text in " + Quoted(lang) + ", not a language Raida has");
    } else if (!item.is_string()) {
      report.Add(at, what + " (" + lang + ") must be a string");
    } else {
      found[lang] = item.get<std::string>();
      const std::string unshown = UnshownCharacters(found[lang]);
      if (!unshown.empty()) {
        report.Add(
            at, what + " (" + lang + ") has " + unshown + ", which the kiosk's font cannot show");
      }
    }
  }
  for (const std::string& lang : languages) {
    const auto it = found.find(lang);
    if (it == found.end() || it->second.empty()) {
      report.Add(here, what + " has no " + Quoted(lang) + " translation");
    }
  }
  return found;
}

std::string UnshownCharacters(std::string_view text) {
  std::set<char32_t> seen;
  std::string list;
  for (size_t at = 0, length = 1; at < text.size(); at += length) {
    const char32_t code = DecodeUtf8(text, at, length);
    if (KioskFontShows(code) || !seen.insert(code).second) {
      continue;
    }
    char hex[16];
    std::snprintf(hex, sizeof hex, "U+%04X", static_cast<unsigned>(code));
    const bool printable = code >= 0x20 && code != 0x7F && !(code >= 0x80 && code < 0xA0);
    list += (list.empty() ? "" : ", ") +
            (printable ? Quoted(text.substr(at, length)) + " (" + hex + ")" : std::string(hex));
  }
  return list;
}

int CountWords(std::string_view text) {
  int words = 0;
  bool in_word = false;
  for (const char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    words += !space && !in_word ? 1 : 0;
    in_word = !space;
  }
  return words;
}

void AddWords(const LocalizedText& text, WordCounts& words) {
  for (const auto& [lang, value] : text) {
    words[lang] += CountWords(value);
  }
}

}  // namespace raida::core::detail
