// The server's side of the divergence check, POST /api/v1/digest (raida/sync/digest_protocol.h):
// per-table digests of the rows a device's scope holds, and pages of one table's rows for a
// repair. Internal to raida_server_lib; ServerApp's route authenticates and inflates first.
#pragma once

#include <cstdint>
#include <string_view>

#include "raida/core/store.h"
#include "sync_engine.h"

namespace raida::server {

// Answers one digest or rows request of `device_no` (already authenticated and decompressed):
// 200 with a DigestReply or DigestRowsReply body, or an error reply (digest_protocol.h). Reads
// only; the caller holds the store mutex.
HttpReply HandleDigest(core::Store& store, int64_t device_no, std::string_view request_json,
                       int64_t now_ms);

}  // namespace raida::server
