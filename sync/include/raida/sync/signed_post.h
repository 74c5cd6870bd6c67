// SignedPost: a kiosk's request to the district server as the wire wants it (protocol.h): the
// JSON compressed with zstd and signed with the device's secret over method, path, time, a
// fresh nonce and the body. The sync session and the divergence check both send these.
#pragma once

#include <cstdint>
#include <string_view>

#include "raida/sync/credentials.h"
#include "raida/sync/transport.h"

namespace raida::sync {

HttpRequest SignedPost(const Credentials& credentials, std::string_view path, int64_t now_ms,
                       std::string_view json);

}  // namespace raida::sync
