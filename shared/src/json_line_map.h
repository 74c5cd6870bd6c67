// JsonLineMap: where each value of a JSON text starts, by JSON pointer ("/pages/1/text/pl"), so a
// checker that walks the parsed document can say "lesson-03.json:57: ...". Internal to
// raida::core (the lesson-pack validator).
//
// The scanner reads a text nlohmann-json has already accepted: it does not check the syntax, it
// only follows strings, brackets, colons and commas. A member's line is the line of its key; an
// array element's, the line its value starts on. Keys are taken as written between the quotes (a
// key spelled with backslash escapes is found under that spelling; a lookup of it falls back to
// its parent's line).
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>

namespace raida::core::detail {

class JsonLineMap {
 public:
  explicit JsonLineMap(std::string_view text);

  // The 1-based line of the value at `pointer` ("" = the whole document). A pointer the text
  // does not have (a missing member) gives the line of its nearest ancestor that it has.
  int LineOf(const std::string& pointer) const;

  // The 1-based line of the 1-based byte position `byte` (as nlohmann's parse_error::byte gives
  // it; 0 and positions past the end are clamped to the text).
  static int LineOfByte(std::string_view text, size_t byte);

 private:
  std::map<std::string, int> lines_;
};

// `name` as one JSON pointer reference token ("~" -> "~0", "/" -> "~1").
std::string PointerToken(std::string_view name);

}  // namespace raida::core::detail
