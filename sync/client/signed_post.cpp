#include "raida/sync/signed_post.h"

#include "raida/core/hex.h"
#include "raida/sync/protocol.h"

namespace raida::sync {

HttpRequest SignedPost(const Credentials& credentials, std::string_view path, int64_t now_ms,
                       std::string_view json) {
  HttpRequest http;
  http.path = std::string(path);
  http.body = Compress(json);
  AuthHeader auth{credentials.device, now_ms, core::RandomHex(12), ""};
  auth.sig = SignRequest(credentials.secret, "POST", path, auth.ts, auth.nonce, http.body);
  http.headers = {{"Content-Type", "application/json"},
                  {"Content-Encoding", "zstd"},
                  {"Accept-Encoding", "zstd"},
                  {"Authorization", FormatAuthHeader(auth)}};
  return http;
}

}  // namespace raida::sync
