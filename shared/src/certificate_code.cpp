// Certificate verification codes; see certificate_code.h.
#include "raida/core/certificate_code.h"

#include <sodium.h>

#include <array>

#include "raida/core/result.h"

namespace raida::core {
namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr int kBase = 32;

// The value of a typed symbol (case-insensitive, with Crockford's aliases), or -1.
int SymbolValue(char c) {
  if (c >= 'a' && c <= 'z') {
    c = static_cast<char>(c - 'a' + 'A');
  }
  if (c == 'I' || c == 'L') {
    c = '1';
  } else if (c == 'O') {
    c = '0';
  }
  const size_t at = kAlphabet.find(c);
  return at == std::string_view::npos ? -1 : static_cast<int>(at);
}

int CheckValue(const std::array<int, kCertificateCodeRandomSymbols>& values) {
  int sum = 0;
  for (size_t i = 0; i < values.size(); ++i) {
    sum += static_cast<int>(2 * i + 1) * values[i];
  }
  return sum % kBase;
}

// "RKS-7K2M-9QXD" from the ten values and the check symbol.
std::string Written(const std::array<int, kCertificateCodeRandomSymbols>& values) {
  std::string code;
  for (size_t i = 0; i < values.size(); ++i) {
    if (i == 3 || i == 7) {
      code += '-';
    }
    code += kAlphabet[static_cast<size_t>(values[i])];
  }
  code += kAlphabet[static_cast<size_t>(CheckValue(values))];
  return code;
}

}  // namespace

std::string NewCertificateCode() {
  RAIDA_CHECK(sodium_init() >= 0);
  std::array<int, kCertificateCodeRandomSymbols> values{};
  for (int& value : values) {
    value = static_cast<int>(randombytes_uniform(kBase));
  }
  return Written(values);
}

std::optional<std::string> CanonicalCertificateCode(std::string_view typed) {
  std::array<int, kCertificateCodeRandomSymbols> values{};
  size_t count = 0;
  int check = -1;
  for (const char c : typed) {
    if (c == ' ' || c == '-' || c == '\t') {
      continue;
    }
    const int value = SymbolValue(c);
    if (value < 0 || count > values.size()) {
      return std::nullopt;
    }
    if (count == values.size()) {
      check = value;
    } else {
      values[count] = value;
    }
    ++count;
  }
  if (count != values.size() + 1 || check != CheckValue(values)) {
    return std::nullopt;
  }
  return Written(values);
}

}  // namespace raida::core
