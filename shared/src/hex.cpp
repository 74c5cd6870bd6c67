#include "raida/core/hex.h"

#include <sodium.h>

#include <vector>

namespace raida::core {

std::string Hex(std::span<const unsigned char> bytes) {
  std::string hex(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bytes.data(), bytes.size());
  hex.pop_back();
  return hex;
}

std::string Hex(std::string_view bytes) {
  return Hex(std::span(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size()));
}

std::string RandomHex(size_t bytes) {
  std::vector<unsigned char> buffer(bytes);
  randombytes_buf(buffer.data(), buffer.size());
  return Hex(buffer);
}

}  // namespace raida::core
