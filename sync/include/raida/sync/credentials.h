// Device credentials: provisioning a kiosk with a one-time code, and the secret that signs
// every sync request afterwards.
//
// `raida-sync provision` (and later the kiosk's setup screen) exchanges a code issued by the
// district office (POST /api/v1/provision) for a device number and a 32-byte secret. The number
// goes into the database (Store::SetDeviceId) with the server address and the center in
// sync_meta ('server_url', 'center_id', 'district_id', 'device_label', 'server_pin'); the secret
// goes into a file beside the database, `<db>.secret`, created with mode 0600 and written
// atomically (temporary file + rename), so only the service user can read it. The secret is
// never logged and never stored in the database (a copied database does not carry it). The
// reply also carries the center's key for sealed notes (core/sealed_notes.h), which goes to
// `<db>.center-key` the same way.
#pragma once

#include <cstdint>
#include <string>

#include "raida/core/result.h"
#include "raida/core/store.h"
#include "raida/sync/transport.h"

namespace raida::sync {

struct Credentials {
  int64_t device = 0;
  std::string secret;  // 32 raw bytes
};

// `<db path>.secret`.
std::string SecretPathFor(const std::string& db_path);

// Writes the secret (32 bytes, stored as 64 hex digits) to `path` with mode 0600, atomically:
// a crash leaves either the old file or the new one. kIo on failure.
core::Status WriteSecretFile(const std::string& path, const std::string& secret);
// Reads it back. kNotFound when missing ("not provisioned"), kCorrupt when malformed,
// kUnauthorized when group or others may read it (the file must be 0600 or stricter).
core::Result<std::string> ReadSecretFile(const std::string& path);

// The device number from the store and the secret from `secret_path`. kNotFound with a plain
// message when the database was never provisioned.
core::Result<Credentials> LoadCredentials(core::Store& store, const std::string& secret_path);

struct ProvisionRequest {
  std::string server_url;  // recorded in sync_meta 'server_url'
  std::string code;        // the one-time code from the district office
  std::string label;       // "Bajorai kiosk 1"; may be empty
  std::string pin;         // "sha256//..." or "" (recorded as sync_meta 'server_pin')
  bool force = false;      // provision again a database that already has a device number
};

struct ProvisionResult {
  int64_t device = 0;
  std::string center_id;
  std::string district_id;
  bool center_key = false;  // the server sent the center's key (a server older than sealed notes
                            // does not: the kiosk then keeps no notes)
};

// Provisions the database behind `store`: POST /api/v1/provision through `transport`, then the
// secret file and the center key file (core::CenterKeyPathFor of the database's path), then (one
// transaction) the device number, sync_meta and a fresh batch numbering (next_batch_seq 1,
// pull_cursor 0, no frozen batch: the new device starts afresh on the server). kConflict when the
// database is already provisioned and !force; kUnauthorized when the server refuses the code;
// kNetwork when it cannot be reached; kCorrupt for a reply that is not the provisioning JSON.
core::Result<ProvisionResult> Provision(core::Store& store, Transport& transport,
                                        const std::string& secret_path,
                                        const ProvisionRequest& request);

}  // namespace raida::sync
