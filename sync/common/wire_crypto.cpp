// The bytes around the sync protocol's JSON: zstd compression with an output bound, SHA-256 and
// HMAC-SHA256 request signatures (libsodium), and the Authorization header's format
// (raida/sync/protocol.h).
#include <sodium.h>
#include <zstd.h>

#include <array>
#include <charconv>
#include <limits>
#include <memory>

#include "raida/core/hex.h"
#include "raida/sync/protocol.h"

namespace raida::sync {
namespace {

constexpr int kZstdLevel = 3;
constexpr size_t kNonceHexDigits = 24;
constexpr size_t kSigHexDigits = 64;

void EnsureSodium() {
  // sodium_init is thread-safe and idempotent; a failure means no usable random source.
  RAIDA_CHECK(sodium_init() >= 0);
}

bool IsLowerHex(std::string_view text) {
  for (const char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return false;
    }
  }
  return true;
}

std::array<unsigned char, crypto_auth_hmacsha256_BYTES> Hmac(std::string_view secret,
                                                             std::string_view method,
                                                             std::string_view path, int64_t ts,
                                                             std::string_view nonce,
                                                             std::string_view body) {
  EnsureSodium();
  const std::string message = std::string(method) + "\n" + std::string(path) + "\n" +
                              std::to_string(ts) + "\n" + std::string(nonce) + "\n" +
                              Sha256Hex(body);
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(secret.data()),
                              secret.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()),
                                message.size());
  std::array<unsigned char, crypto_auth_hmacsha256_BYTES> mac{};
  crypto_auth_hmacsha256_final(&state, mac.data());
  sodium_memzero(&state, sizeof(state));
  return mac;
}

core::Error BadHeader(const std::string& what) {
  return core::MakeError(core::ErrorCode::kUnauthorized, "Authorization header: " + what);
}

core::Result<int64_t> ParseNumber(std::string_view text, const char* name) {
  int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty() || value < 0) {
    return BadHeader(std::string(name) + " is not a non-negative integer");
  }
  return value;
}

// Stores one "key=value" item of the header into `header`; `seen` tracks duplicates.
core::Status ReadItem(std::string_view item, AuthHeader& header, unsigned& seen) {
  const size_t eq = item.find('=');
  if (eq == std::string_view::npos) {
    return BadHeader("expected key=value");
  }
  const std::string_view key = item.substr(0, eq);
  const std::string_view value = item.substr(eq + 1);
  const std::array<std::string_view, 4> keys = {"device", "ts", "nonce", "sig"};
  for (unsigned i = 0; i < keys.size(); ++i) {
    if (key != keys[i]) {
      continue;
    }
    if ((seen & (1u << i)) != 0) {
      return BadHeader(std::string(key) + " given twice");
    }
    seen |= 1u << i;
    if (i == 0) {
      RAIDA_ASSIGN_OR_RETURN(header.device, ParseNumber(value, "device"));
    } else if (i == 1) {
      RAIDA_ASSIGN_OR_RETURN(header.ts, ParseNumber(value, "ts"));
    } else if (i == 2) {
      header.nonce = std::string(value);
    } else {
      header.sig = std::string(value);
    }
    return core::Ok();
  }
  return BadHeader("unknown key " + std::string(key));
}

}  // namespace

std::string Compress(std::string_view data) {
  std::string out(ZSTD_compressBound(data.size()), '\0');
  const size_t size = ZSTD_compress(out.data(), out.size(), data.data(), data.size(), kZstdLevel);
  RAIDA_CHECK(!ZSTD_isError(size));  // only fails on a too-small buffer, which the bound rules out
  out.resize(size);
  return out;
}

core::Result<std::string> Decompress(std::string_view data, size_t max_bytes) {
  if (data.empty()) {
    return core::MakeError(core::ErrorCode::kCorrupt, "empty zstd body");
  }
  const unsigned long long declared = ZSTD_getFrameContentSize(data.data(), data.size());
  if (declared == ZSTD_CONTENTSIZE_ERROR) {
    return core::MakeError(core::ErrorCode::kCorrupt, "not a zstd frame");
  }
  if (declared != ZSTD_CONTENTSIZE_UNKNOWN && declared > max_bytes) {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           "inflates to " + std::to_string(declared) +
                               " bytes, over the limit of " + std::to_string(max_bytes));
  }
  std::unique_ptr<ZSTD_DCtx, size_t (*)(ZSTD_DCtx*)> ctx(ZSTD_createDCtx(), ZSTD_freeDCtx);
  RAIDA_CHECK(ctx != nullptr);
  std::string out;
  std::array<char, 64 * 1024> chunk{};
  ZSTD_inBuffer in{data.data(), data.size(), 0};
  size_t remaining = 1;
  while (in.pos < in.size || remaining != 0) {
    ZSTD_outBuffer buffer{chunk.data(), chunk.size(), 0};
    remaining = ZSTD_decompressStream(ctx.get(), &buffer, &in);
    if (ZSTD_isError(remaining)) {
      return core::MakeError(core::ErrorCode::kCorrupt,
                             std::string("corrupt zstd body: ") + ZSTD_getErrorName(remaining));
    }
    if (out.size() + buffer.pos > max_bytes) {
      return core::MakeError(core::ErrorCode::kInvalidArgument,
                             "inflates to more than " + std::to_string(max_bytes) + " bytes");
    }
    out.append(chunk.data(), buffer.pos);
    if (in.pos == in.size && remaining != 0 && buffer.pos < buffer.size) {
      return core::MakeError(core::ErrorCode::kCorrupt, "truncated zstd body");
    }
  }
  return out;
}

std::string Sha256Hex(std::string_view data) {
  EnsureSodium();
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(data.data()),
                     data.size());
  return core::Hex(digest);
}

std::string SignRequest(std::string_view secret, std::string_view method, std::string_view path,
                        int64_t ts, std::string_view nonce, std::string_view body) {
  const auto mac = Hmac(secret, method, path, ts, nonce, body);
  return core::Hex(mac);
}

std::string FormatAuthHeader(const AuthHeader& header) {
  return std::string(kAuthScheme) + " device=" + std::to_string(header.device) +
         ",ts=" + std::to_string(header.ts) + ",nonce=" + header.nonce + ",sig=" + header.sig;
}

core::Result<AuthHeader> ParseAuthHeader(std::string_view value) {
  const std::string prefix = std::string(kAuthScheme) + " ";
  if (value.size() > 512 || value.substr(0, prefix.size()) != prefix) {
    return BadHeader(std::string("expected the ") + kAuthScheme + " scheme");
  }
  std::string_view rest = value.substr(prefix.size());
  AuthHeader header;
  unsigned seen = 0;
  while (!rest.empty()) {
    const size_t comma = rest.find(',');
    RAIDA_TRY(ReadItem(rest.substr(0, comma), header, seen));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
  }
  if (seen != 0xF) {
    return BadHeader("device, ts, nonce and sig are all required");
  }
  if (header.device < 1 || header.device > 0xFFFFFFFF) {
    return BadHeader("device out of range");
  }
  if (header.nonce.size() != kNonceHexDigits || !IsLowerHex(header.nonce)) {
    return BadHeader("nonce must be 24 lower-case hex digits");
  }
  if (header.sig.size() != kSigHexDigits || !IsLowerHex(header.sig)) {
    return BadHeader("sig must be 64 lower-case hex digits");
  }
  return header;
}

bool VerifySignature(std::string_view secret, std::string_view method, std::string_view path,
                     const AuthHeader& header, std::string_view body) {
  std::array<unsigned char, crypto_auth_hmacsha256_BYTES> given{};
  size_t given_size = 0;
  if (header.sig.size() != kSigHexDigits ||
      sodium_hex2bin(given.data(), given.size(), header.sig.data(), header.sig.size(), nullptr,
                     &given_size, nullptr) != 0 ||
      given_size != given.size()) {
    return false;
  }
  const auto expected = Hmac(secret, method, path, header.ts, header.nonce, body);
  return sodium_memcmp(expected.data(), given.data(), given.size()) == 0;
}

}  // namespace raida::sync
