// JsonLineMap: one pass over the raw JSON text with an explicit stack (no recursion, so a deeply
// nested file cannot exhaust the stack), recording the line of every value by its JSON pointer.
#include "json_line_map.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace raida::core::detail {
namespace {

struct Frame {
  std::string pointer;  // of the object or array itself
  bool is_array = false;
  size_t index = 0;        // array: the element being read
  std::string key;         // object: the member being read
  int key_line = 0;        // object: the line of that member's key
  bool expect_key = true;  // object: the next string is a key
};

// The position after the string whose opening quote is at `at`; `out` gets its raw content.
size_t SkipString(std::string_view text, size_t at, std::string& out) {
  size_t i = at + 1;
  while (i < text.size() && text[i] != '"') {
    i += text[i] == '\\' ? 2 : 1;
  }
  out.assign(text.substr(at + 1, std::min(i, text.size()) - at - 1));
  return std::min(i + 1, text.size());
}

bool IsScalarChar(char c) {
  return c != ',' && c != ']' && c != '}' && c != ' ' && c != '\n' && c != '\r' && c != '\t';
}

}  // namespace

std::string PointerToken(std::string_view name) {
  std::string token;
  for (const char c : name) {
    token += c == '~' ? std::string("~0") : c == '/' ? std::string("~1") : std::string(1, c);
  }
  return token;
}

JsonLineMap::JsonLineMap(std::string_view text) {
  std::vector<Frame> stack;
  int line = 1;
  // Records a value starting on `line` and returns its pointer.
  auto begin_value = [&]() {
    std::string pointer;
    int at = line;
    if (!stack.empty()) {
      Frame& top = stack.back();
      pointer = top.pointer + "/" + (top.is_array ? std::to_string(top.index) : top.key);
      at = top.is_array ? line : top.key_line;
    }
    lines_.emplace(pointer, at);
    return pointer;
  };
  std::string word;
  for (size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == '\n') {
      ++line;
      ++i;
    } else if (c == ' ' || c == '\t' || c == '\r' || c == ':') {
      ++i;
    } else if (c == '"' && !stack.empty() && !stack.back().is_array && stack.back().expect_key) {
      stack.back().key_line = line;
      i = SkipString(text, i, word);
      stack.back().key = PointerToken(word);
      stack.back().expect_key = false;
    } else if (c == '{' || c == '[') {
      Frame frame;
      frame.pointer = begin_value();
      frame.is_array = c == '[';
      stack.push_back(std::move(frame));
      ++i;
    } else if (c == '}' || c == ']') {
      if (!stack.empty()) {
        stack.pop_back();
      }
      ++i;
    } else if (c == ',') {
      if (!stack.empty()) {
        ++stack.back().index;
        stack.back().expect_key = true;
      }
      ++i;
    } else {
      begin_value();
      if (c == '"') {
        i = SkipString(text, i, word);
      } else {
        while (i < text.size() && IsScalarChar(text[i])) {
          ++i;
        }
      }
    }
  }
}

int JsonLineMap::LineOf(const std::string& pointer) const {
  std::string at = pointer;
  while (true) {
    const auto found = lines_.find(at);
    if (found != lines_.end()) {
      return found->second;
    }
    if (at.empty()) {
      return 1;
    }
    const size_t slash = at.rfind('/');
    at.erase(slash == std::string::npos ? 0 : slash);
  }
}

int JsonLineMap::LineOfByte(std::string_view text, size_t byte) {
  const size_t end = std::min(byte == 0 ? 0 : byte - 1, text.size());
  return 1 +
         static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(end), '\n'));
}

}  // namespace raida::core::detail
