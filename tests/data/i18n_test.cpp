// Translations: the shipped catalogs load and agree on their keys, lookup falls back as
// documented, and every kind of broken catalog is refused with an error naming the file.
#include "raida/core/i18n.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "data/temp_dir.h"

namespace raida::core {
namespace {

using ::raida::testing::TempDir;

const std::string kAssetsI18n = std::string(RAIDA_SOURCE_DIR) + "/assets/i18n";

TEST(TranslationsTest, SupportedLanguagesAreLithuanianPolishEnglish) {
  EXPECT_EQ(SupportedLanguages(), (std::vector<std::string>{"lt", "pl", "en"}));
}

TEST(TranslationsTest, ShippedCatalogsLoadWithTheSameKeys) {
  auto loaded = Translations::LoadDir(kAssetsI18n);
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  const auto lt_keys = loaded->Keys("lt");
  ASSERT_FALSE(lt_keys.empty());
  for (const std::string& lang : SupportedLanguages()) {
    EXPECT_EQ(loaded->Keys(lang), lt_keys) << lang << " has different keys than lt";
    for (const std::string& value : loaded->Values(lang)) {
      EXPECT_FALSE(value.empty()) << "an empty text in " << lang;
    }
  }
  // A key from the catalog resolves to its own text in every language, never to the key.
  for (const std::string& lang : SupportedLanguages()) {
    EXPECT_NE(loaded->Get(lang, lt_keys.front()), lt_keys.front()) << lang;
  }
}

Translations SampleCatalogs() {
  return Translations::FromMaps({
      {"lt", {{"a", "lt-a"}, {"b", "lt-b"}, {"c", "lt-c"}}},
      {"pl", {{"a", "pl-a"}}},
      {"en", {{"a", "en-a"}, {"b", "en-b"}}},
  });
}

TEST(TranslationsTest, LookupFallsBackToEnglishThenLithuanianThenTheKey) {
  const Translations t = SampleCatalogs();
  EXPECT_EQ(t.Get("pl", "a"), "pl-a");
  EXPECT_EQ(t.Get("pl", "b"), "en-b");
  EXPECT_EQ(t.Get("pl", "c"), "lt-c");
  EXPECT_EQ(t.Get("en", "c"), "lt-c");
  EXPECT_EQ(t.Get("pl", "missing.everywhere"), "missing.everywhere");
  EXPECT_EQ(t.Get("de", "a"), "en-a");  // an unknown language behaves like a missing key
}

TEST(TranslationsTest, HasKeysAndValuesArePerLanguage) {
  const Translations t = SampleCatalogs();
  EXPECT_TRUE(t.Has("pl", "a"));
  EXPECT_FALSE(t.Has("pl", "b"));
  EXPECT_FALSE(t.Has("de", "a"));
  EXPECT_EQ(t.Keys("en"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(t.Values("lt"), (std::vector<std::string>{"lt-a", "lt-b", "lt-c"}));
  EXPECT_TRUE(t.Keys("de").empty());
}

// A directory with three good catalogs, one of which a test then spoils.
class BrokenCatalogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_.Write("lt.json", R"({"welcome.title": "Sveiki atvykę"})");
    dir_.Write("pl.json", R"({"welcome.title": "Witamy"})");
    dir_.Write("en.json", R"({"welcome.title": "Welcome"})");
  }
  std::string PlPath() const { return (dir_.path() / "pl.json").string(); }
  void ExpectRefused(ErrorCode code, const std::string& also_mentions) {
    auto loaded = Translations::LoadDir(dir_.path().string());
    ASSERT_FALSE(loaded.ok());
    EXPECT_EQ(loaded.error().code, code) << loaded.error().message;
    EXPECT_NE(loaded.error().message.find(PlPath()), std::string::npos) << loaded.error().message;
    EXPECT_NE(loaded.error().message.find(also_mentions), std::string::npos)
        << loaded.error().message;
  }
  TempDir dir_;
};

TEST_F(BrokenCatalogTest, GoodDirectoryLoadsWithDiacritics) {
  auto loaded = Translations::LoadDir(dir_.path().string());
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  EXPECT_EQ(loaded->Get("lt", "welcome.title"), "Sveiki atvykę");
}

TEST_F(BrokenCatalogTest, MissingFileIsNotFound) {
  std::filesystem::remove(PlPath());
  ExpectRefused(ErrorCode::kNotFound, "missing");
}

TEST_F(BrokenCatalogTest, MalformedJsonIsCorrupt) {
  dir_.Write("pl.json", R"({"welcome.title": "Witamy",)");
  ExpectRefused(ErrorCode::kCorrupt, "not valid JSON");
}

TEST_F(BrokenCatalogTest, NonStringValueIsCorrupt) {
  dir_.Write("pl.json", R"({"welcome.title": "Witamy", "welcome.count": 3})");
  ExpectRefused(ErrorCode::kCorrupt, "welcome.count");
}

TEST_F(BrokenCatalogTest, NestedObjectIsCorrupt) {
  dir_.Write("pl.json", R"({"welcome": {"title": "Witamy"}})");
  ExpectRefused(ErrorCode::kCorrupt, "must be a string");
}

TEST_F(BrokenCatalogTest, TopLevelArrayIsCorrupt) {
  dir_.Write("pl.json", R"(["Witamy"])");
  ExpectRefused(ErrorCode::kCorrupt, "JSON object");
}

TEST_F(BrokenCatalogTest, InvalidUtf8IsCorrupt) {
  // "Wit\xB9my": the Windows-1250 byte for 'ą', as a catalog saved in a legacy code page has.
  dir_.Write("pl.json", "{\"welcome.title\": \"Wit\xB9my\"}");
  ExpectRefused(ErrorCode::kCorrupt, "UTF-8");
}

TEST_F(BrokenCatalogTest, OverlongUtf8IsCorrupt) {
  dir_.Write("pl.json", "{\"welcome.title\": \"\xC0\xAF\"}");  // overlong '/'
  ExpectRefused(ErrorCode::kCorrupt, "UTF-8");
}

TEST(TranslationsTest, MissingDirectoryNamesTheFirstFile) {
  auto loaded = Translations::LoadDir("/nonexistent/raida/i18n");
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().code, ErrorCode::kNotFound);
  EXPECT_NE(loaded.error().message.find("/nonexistent/raida/i18n/lt.json"), std::string::npos);
}

}  // namespace
}  // namespace raida::core
