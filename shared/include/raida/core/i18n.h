// Translation catalogs: one JSON file per language in assets/i18n/ ("lt.json", "pl.json",
// "en.json"), each a flat object of dotted keys ("catalog.search.placeholder") to UTF-8 text.
//
// Lookup falls back from the asked language to English, then Lithuanian; a key missing
// everywhere returns the key itself, so a gap is visible rather than blank. Tests check that
// every key used in the code exists in every catalog, so the fallback is for safety only.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <set>
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

  // The text for `key` in `lang`, with the fallback described above. The reference stays valid
  // as long as this object, a missing key's too (callers pass temporaries: Tr(ctx, "a.key")).
  const std::string& Get(const std::string& lang, const std::string& key) const;
  bool Has(const std::string& lang, const std::string& key) const;
  // Every key of one language's catalog.
  std::vector<std::string> Keys(const std::string& lang) const;
  // Every string of one language's catalog (for glyph-coverage tests).
  std::vector<std::string> Values(const std::string& lang) const;

 private:
  // Keys asked for but missing everywhere, kept so Get can return a reference to them.
  struct MissingKeys {
    std::mutex mutex;
    std::set<std::string> keys;
  };

  std::map<std::string, std::map<std::string, std::string>> catalogs_;  // lang -> key -> text
  std::shared_ptr<MissingKeys> missing_ = std::make_shared<MissingKeys>();
};

}  // namespace raida::core
