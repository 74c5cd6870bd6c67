// The server's side of the divergence check, POST /api/v1/digest (raida/sync/digest_protocol.h):
// per-table digests of the rows a device's scope holds, and pages of one table's rows for a
// repair. Internal to raida_server_lib; ServerApp's route authenticates and inflates first.
#pragma once

#include <cstdint>
#include <string_view>

#include "raida/core/store.h"
#include "sync_engine.h"

namespace raida::server {

// How often the office asks a kiosk for a divergence check (the pull's "digest_due").
constexpr int64_t kDigestIntervalMs = 24LL * 3600 * 1000;

// Answers one digest or rows request of `device_no` (already authenticated and decompressed):
// 200 with a DigestReply or DigestRowsReply body, or an error reply (digest_protocol.h). Reads
// the data only; a digests reply notes its time for DigestDue (sync_meta 'digest_ms.<device>').
// The caller holds the store mutex.
HttpReply HandleDigest(core::Store& store, int64_t device_no, std::string_view request_json,
                       int64_t now_ms);

// Whether the device has not asked for digests in the last kDigestIntervalMs (or never): the
// pull's "digest_due" (protocol.h). A store that cannot be read says no.
bool DigestDue(core::Store& store, int64_t device_no, int64_t now_ms);

}  // namespace raida::server
