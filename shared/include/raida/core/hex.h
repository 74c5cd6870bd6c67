// Bytes as lower-case hexadecimal, written once for everyone (libsodium's sodium_bin2hex, which
// runs in constant time, so it is safe for secrets and MACs).
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace raida::core {

std::string Hex(std::span<const unsigned char> bytes);
std::string Hex(std::string_view bytes);
// `bytes` random bytes (randombytes_buf) as 2 * `bytes` hex digits: tokens, nonces, epochs.
std::string RandomHex(size_t bytes);

}  // namespace raida::core
