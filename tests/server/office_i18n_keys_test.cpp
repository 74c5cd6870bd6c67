// Every translation key the office pages ask for by name exists in every office catalog, and the
// three catalogs hold the same keys: a page never shows "office.review.retry" to a person.
//
// A key asked for by name is the string literal given to T(ctx, "office....") in
// sync/server/web/. Keys built at run time (a literal ending in '.', with a suffix added) come
// from families whose members the catalogs must then agree on, which the second test checks.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <string>

namespace raida::server::testing_office {
namespace {

namespace fs = std::filesystem;

const char* const kLanguages[] = {"lt", "pl", "en"};

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::set<std::string> CatalogKeys(const std::string& language) {
  const fs::path path = fs::path(RAIDA_SOURCE_DIR) / "assets/i18n/office" / (language + ".json");
  const nlohmann::json catalog = nlohmann::json::parse(ReadAll(path), nullptr, false);
  EXPECT_TRUE(catalog.is_object()) << path;
  std::set<std::string> keys;
  if (catalog.is_object()) {
    for (const auto& [key, value] : catalog.items()) {
      keys.insert(key);
    }
  }
  return keys;
}

TEST(OfficeI18nKeysTest, EveryKeyAPageAsksForIsInEveryCatalog) {
  const std::regex asked(R"re(\bT\(\s*[A-Za-z_.]+\s*,\s*"(office\.[a-z0-9_.]*[a-z0-9_])")re");
  std::map<std::string, std::string> used;  // key -> file
  for (const auto& entry : fs::directory_iterator(fs::path(RAIDA_SOURCE_DIR) / "sync/server/web")) {
    const std::string text = ReadAll(entry.path());
    for (auto it = std::sregex_iterator(text.begin(), text.end(), asked);
         it != std::sregex_iterator(); ++it) {
      used.emplace((*it)[1].str(), entry.path().filename().string());
    }
  }
  ASSERT_GT(used.size(), 50u) << "the pattern no longer finds the pages' keys";
  for (const char* language : kLanguages) {
    const std::set<std::string> keys = CatalogKeys(language);
    for (const auto& [key, file] : used) {
      EXPECT_EQ(keys.count(key), 1u)
          << key << " (" << file << ") is not in office/" << language << ".json";
    }
  }
}

TEST(OfficeI18nKeysTest, TheCatalogsHoldTheSameKeys) {
  const std::set<std::string> lithuanian = CatalogKeys("lt");
  for (const char* language : {"pl", "en"}) {
    const std::set<std::string> other = CatalogKeys(language);
    for (const std::string& key : lithuanian) {
      EXPECT_EQ(other.count(key), 1u) << key << " is in lt.json but not in " << language;
    }
    for (const std::string& key : other) {
      EXPECT_EQ(lithuanian.count(key), 1u) << key << " is in " << language << ".json but not lt";
    }
  }
}

}  // namespace
}  // namespace raida::server::testing_office
