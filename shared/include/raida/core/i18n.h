// Translation catalogs: one JSON file per language in assets/i18n/ ("lt.json", "pl.json",
// "en.json"), each a flat object of dotted keys ("catalog.search.placeholder") to UTF-8 text.
//
// Lookup falls back from the asked language to English, then Lithuanian; a key missing
// everywhere returns the key itself, so a gap is visible rather than blank. Tests check that
// every key used in the code exists in every catalog, so the fallback is for safety only.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "raida/core/result.h"

namespace raida::core {

// The languages Raida ships, in the order the welcome screen offers them.
const std::vector<std::string>& SupportedLanguages();  // {"lt", "pl", "en"}

class Translations {
 public:
  // Loads <dir>/<lang>.json for every supported language. A missing file, malformed JSON, a
  // non-string value or invalid UTF-8 is an error naming the file (kNotFound / kCorrupt).
  static Result<Translations> LoadDir(const std::string& dir);
  // For tests: catalogs given directly.
  static Translations FromMaps(std::map<std::string, std::map<std::string, std::string>> catalogs);

  // The text for `key` in `lang`, with the fallback described above.
  const std::string& Get(const std::string& lang, const std::string& key) const;
  bool Has(const std::string& lang, const std::string& key) const;
  // Every key of one language's catalog.
  std::vector<std::string> Keys(const std::string& lang) const;
  // Every string of one language's catalog (for glyph-coverage tests).
  std::vector<std::string> Values(const std::string& lang) const;

 private:
  std::map<std::string, std::map<std::string, std::string>> catalogs_;  // lang -> key -> text
};

}  // namespace raida::core
