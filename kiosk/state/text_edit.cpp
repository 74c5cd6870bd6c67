// UTF-8 editing by whole code points (see text_edit.h).
//
// The decoder accepts what std::string can carry from a keyboard or a database: well-formed UTF-8
// of one to four bytes, rejecting overlong forms, surrogates and values above U+10FFFF, so that
// AppendText never stores bytes a later reader would reject.
#include "kiosk/state/text_edit.h"

#include <algorithm>
#include <cstdint>
#include <iterator>

namespace raida::kiosk {
namespace {

bool IsContinuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

// Length of the well-formed UTF-8 sequence starting at `at`, or 0 when the bytes there are not
// one (a stray continuation byte, a truncated or overlong sequence, a surrogate).
size_t SequenceLength(std::string_view text, size_t at) {
  const auto lead = static_cast<unsigned char>(text[at]);
  size_t length = 0;
  uint32_t code = 0;
  uint32_t smallest = 0;
  if (lead < 0x80) {
    return 1;
  } else if ((lead & 0xE0) == 0xC0) {
    length = 2;
    code = lead & 0x1Fu;
    smallest = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3;
    code = lead & 0x0Fu;
    smallest = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4;
    code = lead & 0x07u;
    smallest = 0x10000;
  } else {
    return 0;
  }
  if (at + length > text.size()) {
    return 0;
  }
  for (size_t i = 1; i < length; ++i) {
    const auto byte = static_cast<unsigned char>(text[at + i]);
    if (!IsContinuation(byte)) {
      return 0;
    }
    code = (code << 6) | (byte & 0x3Fu);
  }
  const bool surrogate = code >= 0xD800 && code <= 0xDFFF;
  if (code < smallest || code > 0x10FFFF || surrogate) {
    return 0;
  }
  return length;
}

}  // namespace

size_t CharacterCount(const std::string& text) {
  size_t count = 0;
  for (size_t at = 0; at < text.size(); ++count) {
    const size_t length = SequenceLength(text, at);
    at += length == 0 ? 1 : length;
  }
  return count;
}

std::string AppendText(const std::string& text, std::string_view utf8, size_t max_chars) {
  std::string result = text;
  size_t count = CharacterCount(text);
  for (size_t at = 0; at < utf8.size();) {
    const size_t length = SequenceLength(utf8, at);
    if (length == 0) {
      ++at;  // an invalid byte is dropped, never stored
      continue;
    }
    if (count >= max_chars) {
      break;
    }
    result.append(utf8.substr(at, length));
    ++count;
    at += length;
  }
  return result;
}

std::string RemoveLastCharacter(const std::string& text) {
  if (text.empty()) {
    return text;
  }
  // The last code point starts at most three bytes before the end, at a non-continuation byte.
  const size_t earliest = text.size() >= 4 ? text.size() - 4 : 0;
  for (size_t start = text.size(); start-- > earliest;) {
    if (IsContinuation(static_cast<unsigned char>(text[start]))) {
      continue;
    }
    if (SequenceLength(text, start) == text.size() - start) {
      return text.substr(0, start);
    }
    break;
  }
  return text.substr(0, text.size() - 1);  // a broken tail goes one byte at a time
}

std::string FoldForSearch(std::string_view text) {
  // The Lithuanian and Polish letters with a diacritic, capital and small, and their base letter.
  struct Fold {
    char32_t letter;
    char base;
  };
  static constexpr Fold kFolds[] = {
      {U'ą', 'a'}, {U'Ą', 'a'}, {U'č', 'c'}, {U'Č', 'c'}, {U'ć', 'c'}, {U'Ć', 'c'}, {U'ę', 'e'},
      {U'Ę', 'e'}, {U'ė', 'e'}, {U'Ė', 'e'}, {U'į', 'i'}, {U'Į', 'i'}, {U'š', 's'}, {U'Š', 's'},
      {U'ś', 's'}, {U'Ś', 's'}, {U'ų', 'u'}, {U'Ų', 'u'}, {U'ū', 'u'}, {U'Ū', 'u'}, {U'ž', 'z'},
      {U'Ž', 'z'}, {U'ź', 'z'}, {U'Ź', 'z'}, {U'ż', 'z'}, {U'Ż', 'z'}, {U'ł', 'l'}, {U'Ł', 'l'},
      {U'ń', 'n'}, {U'Ń', 'n'}, {U'ó', 'o'}, {U'Ó', 'o'},
  };
  // U+00C0 .. U+00FF (Latin-1 letters, as in Jürgen or Müller), '-' where there is no base letter.
  static constexpr char kLatin1[] =
      "aaaaaaaceeeeiiiidnooooo-ouuuuyts"
      "aaaaaaaceeeeiiiidnooooo-ouuuuyty";
  std::string folded;
  folded.reserve(text.size());
  for (size_t at = 0; at < text.size();) {
    const auto lead = static_cast<unsigned char>(text[at]);
    const size_t length = std::max<size_t>(SequenceLength(text, at), 1);
    if (lead >= 'A' && lead <= 'Z') {
      folded.push_back(static_cast<char>(lead - 'A' + 'a'));
    } else if (length == 2) {  // every letter in kFolds is two bytes
      const char32_t code =
          ((lead & 0x1Fu) << 6) | (static_cast<unsigned char>(text[at + 1]) & 0x3Fu);
      const auto fold = std::find_if(std::begin(kFolds), std::end(kFolds),
                                     [&](const Fold& f) { return f.letter == code; });
      if (code >= 0xC0 && code <= 0xFF && kLatin1[code - 0xC0] != '-') {
        folded.push_back(kLatin1[code - 0xC0]);
      } else if (fold != std::end(kFolds)) {
        folded.push_back(fold->base);
      } else {
        folded.append(text.substr(at, 2));
      }
    } else {
      folded.append(text.substr(at, length));
    }
    at += length;
  }
  return folded;
}

}  // namespace raida::kiosk
