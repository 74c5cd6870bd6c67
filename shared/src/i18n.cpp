// Translation catalogs: loading <dir>/<lang>.json for each shipped language and looking keys up
// with the fallback described in i18n.h.
//
// Files are read whole and checked for valid UTF-8 before parsing, so a catalog saved in a legacy
// code page (Windows-1257 is common for Lithuanian) is reported with the byte offset instead of
// turning into mojibake on a kiosk. Every exception from nlohmann-json or the filesystem stops
// here and becomes an Error naming the file.
#include "raida/core/i18n.h"

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <utility>

namespace raida::core {
namespace {

// Length of the UTF-8 sequence starting at `lead` (0 when `lead` cannot start one).
size_t Utf8SequenceLength(unsigned char lead) {
  if (lead < 0x80) {
    return 1;
  }
  if (lead >= 0xC2 && lead <= 0xDF) {
    return 2;
  }
  if (lead >= 0xE0 && lead <= 0xEF) {
    return 3;
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    return 4;
  }
  return 0;
}

// Offset of the first byte that is not part of well-formed UTF-8, or npos when all is valid.
// Rejects overlong forms, surrogates and code points above U+10FFFF.
size_t FindInvalidUtf8(const std::string& text) {
  size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const size_t len = Utf8SequenceLength(lead);
    if (len == 0 || i + len > text.size()) {
      return i;
    }
    for (size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) {
        return i;
      }
    }
    const auto second = static_cast<unsigned char>(len > 1 ? text[i + 1] : 0);
    if ((lead == 0xE0 && second < 0xA0) || (lead == 0xED && second > 0x9F) ||
        (lead == 0xF0 && second < 0x90) || (lead == 0xF4 && second > 0x8F)) {
      return i;
    }
    i += len;
  }
  return std::string::npos;
}

Result<std::string> ReadWholeFile(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return MakeError(ErrorCode::kNotFound, "translation file " + path.string() + " is missing");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return MakeError(ErrorCode::kIo, "cannot open translation file " + path.string());
  }
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) {
    return MakeError(ErrorCode::kIo, "cannot read translation file " + path.string());
  }
  return content.str();
}

// Parses one catalog: a flat JSON object whose values are all strings.
Result<std::map<std::string, std::string>> ParseCatalog(const std::string& text,
                                                        const std::string& file) {
  const size_t bad = FindInvalidUtf8(text);
  if (bad != std::string::npos) {
    return MakeError(ErrorCode::kCorrupt, "translation file " + file +
                                              " is not valid UTF-8 (first bad byte at offset " +
                                              std::to_string(bad) + ")");
  }
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    return MakeError(ErrorCode::kCorrupt,
                     "translation file " + file + " is not valid JSON: " + e.what());
  }
  if (!doc.is_object()) {
    return MakeError(ErrorCode::kCorrupt,
                     "translation file " + file + " must be a JSON object of key -> text");
  }
  std::map<std::string, std::string> catalog;
  for (const auto& [key, value] : doc.items()) {
    if (!value.is_string()) {
      return MakeError(ErrorCode::kCorrupt, "translation file " + file + ": value of \"" + key +
                                                "\" must be a string, not " + value.type_name());
    }
    catalog.emplace(key, value.get<std::string>());
  }
  return catalog;
}

}  // namespace

const std::vector<std::string>& SupportedLanguages() {
  static const std::vector<std::string> kLanguages = {"lt", "pl", "en"};
  return kLanguages;
}

Result<Translations> Translations::LoadDir(const std::string& dir) {
  std::map<std::string, std::map<std::string, std::string>> catalogs;
  for (const std::string& lang : SupportedLanguages()) {
    const std::filesystem::path path = std::filesystem::path(dir) / (lang + ".json");
    Result<std::string> text = ReadWholeFile(path);
    if (!text.ok()) {
      return text.error();
    }
    auto catalog = ParseCatalog(text.value(), path.string());
    if (!catalog.ok()) {
      return catalog.error();
    }
    catalogs.emplace(lang, std::move(catalog).value());
  }
  return FromMaps(std::move(catalogs));
}

Translations Translations::FromMaps(
    std::map<std::string, std::map<std::string, std::string>> catalogs) {
  Translations translations;
  translations.catalogs_ = std::move(catalogs);
  return translations;
}

const std::string& Translations::Get(const std::string& lang, const std::string& key) const {
  for (const std::string* candidate : {&lang, &SupportedLanguages()[2], &SupportedLanguages()[0]}) {
    const auto catalog = catalogs_.find(*candidate);
    if (catalog == catalogs_.end()) {
      continue;
    }
    const auto text = catalog->second.find(key);
    if (text != catalog->second.end()) {
      return text->second;
    }
  }
  const std::lock_guard<std::mutex> lock(missing_->mutex);
  return *missing_->keys.insert(key).first;  // set elements never move
}

bool Translations::Has(const std::string& lang, const std::string& key) const {
  const auto catalog = catalogs_.find(lang);
  return catalog != catalogs_.end() && catalog->second.count(key) > 0;
}

std::vector<std::string> Translations::Keys(const std::string& lang) const {
  std::vector<std::string> keys;
  const auto catalog = catalogs_.find(lang);
  if (catalog == catalogs_.end()) {
    return keys;
  }
  keys.reserve(catalog->second.size());
  for (const auto& entry : catalog->second) {
    keys.push_back(entry.first);
  }
  return keys;
}

std::vector<std::string> Translations::Values(const std::string& lang) const {
  std::vector<std::string> values;
  const auto catalog = catalogs_.find(lang);
  if (catalog == catalogs_.end()) {
    return values;
  }
  values.reserve(catalog->second.size());
  for (const auto& entry : catalog->second) {
    values.push_back(entry.second);
  }
  return values;
}

}  // namespace raida::core
