// Editing UTF-8 by whole characters (TA-8): Backspace never leaves half a Lithuanian or Polish
// letter behind, and a length limit counts letters, not bytes.
#include "kiosk/state/text_edit.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace raida::kiosk {
namespace {

// Every Lithuanian and Polish letter outside ASCII, small and capital (each two bytes in UTF-8).
const std::vector<std::string>& NationalLetters() {
  static const std::vector<std::string> kLetters = {
      "ą", "č", "ę", "ė", "į", "š", "ų", "ū", "ž", "Ą", "Č", "Ę", "Ė", "Į", "Š", "Ų",
      "Ū", "Ž", "ć", "ł", "ń", "ó", "ś", "ź", "ż", "Ć", "Ł", "Ń", "Ó", "Ś", "Ź", "Ż"};
  return kLetters;
}

TEST(TextEditTest, CountsCharactersNotBytes) {
  EXPECT_EQ(CharacterCount(""), 0u);
  EXPECT_EQ(CharacterCount("Ona"), 3u);
  EXPECT_EQ(CharacterCount("Žąsis"), 5u);
  EXPECT_EQ(std::string("Žąsis").size(), 7u);
  EXPECT_EQ(CharacterCount("\u20AC\u2013"), 2u);  // three bytes each
  EXPECT_EQ(CharacterCount("\xF0\x9F\x98\x80"), 1u);
  EXPECT_EQ(CharacterCount("a\x80z"), 3u) << "a stray byte counts as one";
}

TEST(TextEditTest, RemovesEveryNationalLetterWhole) {
  for (const std::string& letter : NationalLetters()) {
    EXPECT_EQ(RemoveLastCharacter("Ona" + letter), "Ona") << letter;
    EXPECT_EQ(RemoveLastCharacter(letter), "") << letter;
  }
  EXPECT_EQ(RemoveLastCharacter("Jūžintai"), "Jūžinta");
  EXPECT_EQ(RemoveLastCharacter("Jūž"), "Jū");
  EXPECT_EQ(RemoveLastCharacter("a\u20AC"), "a");
  EXPECT_EQ(RemoveLastCharacter("a\xF0\x9F\x98\x80"), "a");
  EXPECT_EQ(RemoveLastCharacter(""), "");
}

TEST(TextEditTest, BrokenTailGoesOneByteAtATime) {
  EXPECT_EQ(RemoveLastCharacter("a\xC4"), "a");          // a truncated "ą"
  EXPECT_EQ(RemoveLastCharacter("a\x85\x85"), "a\x85");  // stray continuation bytes
}

TEST(TextEditTest, AppendsWithinTheLimitInCharacters) {
  EXPECT_EQ(AppendText("", "ąčę", 3), "ąčę");
  EXPECT_EQ(AppendText("ąčę", "š", 3), "ąčę") << "a fourth letter does not fit";
  EXPECT_EQ(AppendText("ab", "ćłń", 4), "abćł") << "what does not fit is dropped whole";
  EXPECT_EQ(CharacterCount(AppendText(std::string(10, 'x'), "ž", 12)), 11u);
  EXPECT_EQ(AppendText("Ona", " ", 10), "Ona ");
}

TEST(TextEditTest, AppendDropsInvalidBytes) {
  EXPECT_EQ(AppendText("", "a\xFFz", 10), "az");
  EXPECT_EQ(AppendText("", "\xC0\xAF", 10), "") << "overlong '/'";
  EXPECT_EQ(AppendText("", "\xED\xA0\x80", 10), "") << "a surrogate";
  EXPECT_EQ(AppendText("", "\xC4", 10), "") << "truncated";
}

TEST(TextEditTest, TypingAndErasingEveryLetterRoundTrips) {
  std::string text;
  for (const std::string& letter : NationalLetters()) {
    text = AppendText(text, letter, 100);
  }
  EXPECT_EQ(CharacterCount(text), NationalLetters().size());
  EXPECT_EQ(text.size(), 2 * NationalLetters().size());
  for (size_t i = NationalLetters().size(); i-- > 0;) {
    ASSERT_EQ(text.substr(text.size() - 2), NationalLetters()[i]);
    text = RemoveLastCharacter(text);
  }
  EXPECT_TRUE(text.empty());
}

}  // namespace
}  // namespace raida::kiosk
