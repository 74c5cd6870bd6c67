// TA-3: every character of every translation (all keys of lt.json, pl.json and en.json), of the
// demo district's texts and of the symbols the screens draw has a glyph in every kiosk font.
// ImGui's default range stops at U+00FF, so without Latin Extended-A this fails on "ė".
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "kiosk/ui/fonts.h"
#include "kiosk/ui/widgets.h"
#include "support/demo_state.h"
#include "support/imgui_harness.h"
#include "support/ui_audit.h"

namespace raida::kiosk::testing {
namespace {

void ExpectGlyphs(const std::vector<std::string>& texts, const std::string& what) {
  ImGuiHarness harness(ImVec2(1920, 1080));
  ASSERT_TRUE(harness.fonts_ok());
  const ImFontAtlas& atlas = *harness.io().Fonts;
  ASSERT_EQ(atlas.Fonts.Size, 9) << "3 text sizes x (body, label, heading)";
  int checked = 0;
  for (const ImFont* font : atlas.Fonts) {
    for (const std::string& text : texts) {
      for (const std::string& glyph : MissingGlyphs(*font, text)) {
        ADD_FAILURE() << what << ": no glyph for " << glyph << " in '" << text << "' at "
                      << font->FontSize << " px";
      }
      ++checked;
    }
  }
  EXPECT_GT(checked, 0);
}

TEST(GlyphTest, EveryTranslationHasItsGlyphs) {
  const core::Translations translations = ShippedTranslations();
  for (const std::string& language : core::SupportedLanguages()) {
    const std::vector<std::string> values = translations.Values(language);
    EXPECT_GT(values.size(), 50u) << language;
    ExpectGlyphs(values, language + ".json");
  }
}

TEST(GlyphTest, DemoDistrictTextsHaveTheirGlyphs) {
  const std::vector<std::string> strings = DemoDistrictStrings();
  EXPECT_GT(strings.size(), 100u);
  ExpectGlyphs(strings, "rokiskis.json");
}

TEST(GlyphTest, SymbolsAndLanguageNamesHaveTheirGlyphs) {
  std::vector<std::string> texts = {"\u25B2", "\u25BC", "\u2713",
                                    "\u2610", "\u2611", "\u2013",
                                    "\u2190", "\u2302", "\u201E\u201C\u201D",
                                    "\u2026", "\u20AC", "\u21E7",
                                    "\u232B"};  // the keyboard's Shift and Backspace
  for (const auto& [code, name] : LanguageNames()) {
    texts.push_back(name);
  }
  ExpectGlyphs(texts, "symbols");
}

// The test above must be able to fail: ImGui's default font lacks Lithuanian letters.
TEST(GlyphTest, DefaultRangesWouldMissLithuanianLetters) {
  ImFontAtlas atlas;
  ImFontConfig config;
  ImFont* font = atlas.AddFontFromFileTTF(FontOptions{}.regular_path.c_str(), 36.0f, &config,
                                          atlas.GetGlyphRangesDefault());
  ASSERT_NE(font, nullptr);
  ASSERT_TRUE(atlas.Build());
  EXPECT_EQ(MissingGlyphs(*font, "Pradėti pamoką"), (std::vector<std::string>{"U+0117", "U+0105"}));
}

}  // namespace
}  // namespace raida::kiosk::testing
