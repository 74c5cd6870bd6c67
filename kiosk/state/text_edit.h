// Editing UTF-8 text one character at a time, for the on-screen keyboard and any field it types
// into.
//
// A "character" here is one Unicode code point: every Lithuanian and Polish letter (ą č ę ė į š ų
// ū ž, ć ł ń ó ś ź ż and their capitals) is one code point of two UTF-8 bytes in NFC, so
// Backspace must remove both bytes and a length limit must count code points, never bytes. These
// functions never leave half a UTF-8 sequence behind. No ImGui: the reducer and tests use them
// too.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace raida::kiosk {

// Number of code points in `text` (a stray continuation or truncated byte counts as one).
size_t CharacterCount(const std::string& text);

// `text` with the code points of `utf8` appended while the result has at most `max_chars` code
// points; code points that do not fit are dropped whole (never split). Invalid bytes in `utf8`
// are dropped.
std::string AppendText(const std::string& text, std::string_view utf8, size_t max_chars);

// `text` without its last code point (all of its bytes); "" stays "".
std::string RemoveLastCharacter(const std::string& text);

// `text` for matching names as a person types them: A-Z in lower case and the Lithuanian,
// Polish and Latin-1 letters as their base letters, either case ("Žemaitė Łukasz Müller" ->
// "zemaite lukasz muller"); everything else as it is.
std::string FoldForSearch(std::string_view text);

}  // namespace raida::kiosk
