// Every translation key the kiosk uses exists in every catalog, and the catalogs agree.
//
// How keys are found (the pattern the kiosk's code follows):
//  - in kiosk/ui/, a key is the string literal given as second argument to Tr, TrId or TrFormat
//    (`Tr(ctx, "welcome.start")`); keys built at run time come from fixed families checked
//    below (months, categories, needs);
//  - elsewhere in kiosk/ (state, app), code does not translate: it stores keys in AppState
//    (`sign_in_error_key = "signin.error.unknown_card"`), so every string literal there shaped
//    like a key of a kiosk module ("signup.error.full") must be a key.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "kiosk/ui/widgets.h"
#include "raida/core/i18n.h"
#include "raida/core/model.h"
#include "support/source_scan.h"

namespace raida::kiosk::testing {
namespace {

struct KeyUse {
  std::string key;
  std::string where;  // file:line
};

core::Translations Shipped() {
  auto loaded = core::Translations::LoadDir(std::string(RAIDA_ASSETS_DIR) + "/i18n");
  if (!loaded.ok()) {
    ADD_FAILURE() << loaded.error().message;
    return core::Translations::FromMaps({});
  }
  return std::move(loaded).value();
}

std::vector<KeyUse> Matches(const std::string& dir, const std::regex& pattern,
                            const std::vector<std::string>& except_under) {
  std::vector<KeyUse> uses;
  for (const SourceFile& file : ReadSources(SourceRoot(), dir)) {
    if (std::any_of(except_under.begin(), except_under.end(), [&](const std::string& prefix) {
          return file.relative.rfind(prefix, 0) == 0;
        })) {
      continue;
    }
    for (size_t i = 0; i < file.lines.size(); ++i) {
      const std::string& line = file.lines[i];
      for (auto it = std::sregex_iterator(line.begin(), line.end(), pattern);
           it != std::sregex_iterator(); ++it) {
        uses.push_back({(*it)[1].str(), file.relative + ":" + std::to_string(i + 1)});
      }
    }
  }
  return uses;
}

std::vector<KeyUse> KeysUsedInUi() {
  static const std::regex kTrCall(R"(\bTr(?:Id|Format)?\(\s*\w+\s*,\s*"([^"]*)\")");
  return Matches("kiosk/ui", kTrCall, {});
}

std::vector<KeyUse> KeysStoredByState() {
  static const std::regex kKeyLiteral(
      R"("((?:welcome|catalog|course|signin|signup|fault|common|status)\.[a-z0-9_]+(?:\.[a-z0-9_]+)*)\")");
  return Matches("kiosk", kKeyLiteral, {"kiosk/ui/"});
}

std::vector<KeyUse> KeyFamilies() {
  std::vector<KeyUse> uses;
  for (const std::string& key : MonthKeys()) {
    uses.push_back({key, "MonthKeys()"});
  }
  for (int c = static_cast<int>(core::CourseCategory::kComputerBasics);
       c <= static_cast<int>(core::CourseCategory::kRightsAtWork); ++c) {
    uses.push_back({std::string("catalog.category.") +
                        core::CourseCategoryName(static_cast<core::CourseCategory>(c)),
                    "core::CourseCategory"});
  }
  for (const std::string& need : NeedNames()) {
    uses.push_back({"signup.need." + need, "NeedNames()"});
    uses.push_back({"signup.need_short." + need, "NeedNames()"});
  }
  return uses;
}

TEST(I18nKeysTest, ScannerFindsTheKeysTheScreensUse) {
  const std::vector<KeyUse> ui = KeysUsedInUi();
  EXPECT_GT(ui.size(), 40u);
  const auto has = [&](const std::string& key) {
    return std::any_of(ui.begin(), ui.end(), [&](const KeyUse& u) { return u.key == key; });
  };
  EXPECT_TRUE(has("welcome.start"));
  EXPECT_TRUE(has("signin.instructions"));
  const std::vector<KeyUse> state = KeysStoredByState();
  EXPECT_TRUE(std::any_of(state.begin(), state.end(), [](const KeyUse& u) {
    return u.key == "signin.error.unknown_card";
  })) << "the reducer's sign-in error key was not found by the scan";
}

TEST(I18nKeysTest, EveryKeyInUseIsInEveryCatalog) {
  const core::Translations translations = Shipped();
  std::vector<KeyUse> uses = KeysUsedInUi();
  for (const auto& more : {KeysStoredByState(), KeyFamilies()}) {
    uses.insert(uses.end(), more.begin(), more.end());
  }
  for (const char* required : {"signin.error.unknown_card", "fault.database"}) {
    uses.push_back({required, "the brief"});
  }
  for (const std::string& language : core::SupportedLanguages()) {
    for (const KeyUse& use : uses) {
      EXPECT_TRUE(translations.Has(language, use.key))
          << language << ".json lacks \"" << use.key << "\" (used at " << use.where << ")";
    }
  }
}

// A key missing everywhere comes back as itself, and the text outlives the temporary key it was
// asked with (every screen asks with one: Tr(ctx, "a.key")); ASan caught the old dangling one.
TEST(I18nKeysTest, AMissingKeyComesBackAsItselfAndStaysValid) {
  const core::Translations translations = core::Translations::FromMaps({{"en", {{"a", "A"}}}});
  const std::string& missing = translations.Get("lt", std::string("no.such.key"));
  const std::string& again = translations.Get("pl", std::string("no.such.key"));
  std::string other = "another temporary of the same size, to reuse the stack";
  EXPECT_EQ(missing, "no.such.key");
  EXPECT_EQ(&missing, &again);
  EXPECT_EQ(translations.Get("lt", std::string("a")), "A") << "the English fallback";
  EXPECT_FALSE(other.empty());
}

std::set<std::string> Placeholders(const std::string& text) {
  static const std::regex kPlaceholder(R"(\{([a-z_]+)\})");
  std::set<std::string> names;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), kPlaceholder);
       it != std::sregex_iterator(); ++it) {
    names.insert((*it)[1].str());
  }
  return names;
}

TEST(I18nKeysTest, CatalogsHaveTheSameKeysAndPlaceholders) {
  const core::Translations translations = Shipped();
  const std::vector<std::string> reference = translations.Keys("en");
  ASSERT_GT(reference.size(), 50u);
  for (const std::string& language : core::SupportedLanguages()) {
    std::vector<std::string> keys = translations.Keys(language);
    std::vector<std::string> missing;
    std::vector<std::string> extra;
    std::set_difference(reference.begin(), reference.end(), keys.begin(), keys.end(),
                        std::back_inserter(missing));
    std::set_difference(keys.begin(), keys.end(), reference.begin(), reference.end(),
                        std::back_inserter(extra));
    EXPECT_TRUE(missing.empty()) << language << ".json lacks " << ::testing::PrintToString(missing);
    EXPECT_TRUE(extra.empty()) << language << ".json has extra " << ::testing::PrintToString(extra);
    for (const std::string& key : reference) {
      if (translations.Has(language, key)) {
        EXPECT_EQ(Placeholders(translations.Get(language, key)),
                  Placeholders(translations.Get("en", key)))
            << language << " \"" << key << "\" has other {placeholders} than English";
        EXPECT_FALSE(translations.Get(language, key).empty()) << language << " " << key;
      }
    }
  }
}

}  // namespace
}  // namespace raida::kiosk::testing
