// The device side of SyncEngine: provisioning codes, device numbers and secrets, revocation,
// the device list, and the authentication of signed requests.
#include <sodium.h>

#include <string>

#include "notes_keys.h"
#include "raida/core/device_repository.h"
#include "row_store.h"
#include "sync_engine.h"

namespace raida::server {
namespace {

using core::ErrorCode;
using core::MakeError;

constexpr int kCodeDigits = 12;

std::string DigitsOnly(std::string_view code) {
  std::string digits;
  for (const char c : code) {
    if (c >= '0' && c <= '9') {
      digits.push_back(c);
    } else if (c != '-' && c != ' ') {
      return "";
    }
  }
  return digits;
}

// Publishes the device in the catalog `device` table and the pull feed.
core::Status PublishDevice(core::Store& store, const core::DeviceInfo& device) {
  core::DeviceRepository devices(store);
  RAIDA_TRY(devices.UpsertFromRemote(device));
  const core::SyncedTable* table = core::FindSyncedTable("device");
  RAIDA_ASSIGN_OR_RETURN(const auto row, detail::ReadRow(store, *table, device.id));
  RAIDA_CHECK(row.has_value());
  RAIDA_TRY(detail::AppendChangeLog(store, detail::kDistrictScope, "device", device.id, row->hlc, 0,
                                    row->values.dump()));
  return core::Ok();
}

core::Result<std::string> DistrictOfCenter(core::Store& store, const std::string& center_id) {
  RAIDA_ASSIGN_OR_RETURN(core::Statement stmt,
                         store.db().Prepare("SELECT district_id FROM center WHERE id = ?"));
  stmt.Bind(1, center_id);
  RAIDA_ASSIGN_OR_RETURN(const bool found, stmt.Step());
  if (!found) {
    return MakeError(ErrorCode::kNotFound, "unknown center " + center_id);
  }
  return stmt.ColumnText(0);
}

}  // namespace

HttpReply ErrorReply(int status, const std::string& code, const std::string& message,
                     const std::string& extra_members) {
  nlohmann::json error = {{"code", code}, {"message", message}};
  // The message may quote the bad input (invalid UTF-8 included): replace what cannot be sent.
  std::string body = nlohmann::json{{"error", error}}.dump(
      -1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (!extra_members.empty()) {
    body.insert(body.size() - 1, "," + extra_members);
  }
  return HttpReply{status, body};
}

SyncEngine::SyncEngine(core::Store& store, const core::Clock& clock, SyncEngineOptions options)
    : store_(store), clock_(clock), options_(options) {
  RAIDA_CHECK(sodium_init() >= 0);
  // The server's store is large and written by one thread: a 64 MB page cache keeps the change
  // log and index pages in memory instead of re-reading them from the file on every batch.
  (void)store_.db().Exec("PRAGMA cache_size = -65536");
  // A batch of 1,000 changes dirties about as many index pages; checkpointing after every batch
  // (the default: 1,000 WAL pages) copies the same hot pages into the file again and again.
  // Every 16,384 pages (64 MB of WAL) the copies coalesce. synchronous stays FULL: each commit
  // is still on disk before the reply goes out.
  (void)store_.db().Exec("PRAGMA wal_autocheckpoint = 16384");
}

core::Result<ProvisioningCode> SyncEngine::IssueProvisioningCode(const std::string& center_id,
                                                                 int64_t ttl_ms) {
  RAIDA_TRY(DistrictOfCenter(store_, center_id));
  std::string digits;
  for (int i = 0; i < kCodeDigits; ++i) {
    digits.push_back(static_cast<char>('0' + randombytes_uniform(10)));
  }
  const int64_t now = clock_.NowMs();
  const int64_t expires = now + (ttl_ms > 0 ? ttl_ms : options_.default_code_ttl_ms);
  RAIDA_ASSIGN_OR_RETURN(auto scope, store_.BeginWrite());
  RAIDA_ASSIGN_OR_RETURN(core::Statement stmt,
                         store_.db().Prepare("INSERT INTO provisioning_code(code_hash, center_id, "
                                             "created_ms, expires_ms) VALUES (?, ?, ?, ?)"));
  RAIDA_TRY(
      stmt.Bind(1, sync::Sha256Hex(digits)).Bind(2, center_id).Bind(3, now).Bind(4, expires).Run());
  RAIDA_TRY(scope.Commit());
  return ProvisioningCode{digits.substr(0, 4) + "-" + digits.substr(4, 4) + "-" + digits.substr(8),
                          center_id, expires};
}

core::Result<ProvisionedDevice> SyncEngine::Provision(std::string_view code,
                                                      const std::string& label) {
  const std::string digits = DigitsOnly(code);
  const core::Error refused =
      MakeError(ErrorCode::kUnauthorized, "the provisioning code is unknown, used or expired");
  if (digits.size() != kCodeDigits) {
    return refused;
  }
  core::Store::ApplyingScope applying(store_);
  RAIDA_ASSIGN_OR_RETURN(auto scope, store_.BeginWrite());
  RAIDA_ASSIGN_OR_RETURN(
      core::Statement find,
      store_.db().Prepare("SELECT center_id FROM provisioning_code WHERE "
                          "code_hash = ? AND used_by IS NULL AND expires_ms > ?"));
  find.Bind(1, sync::Sha256Hex(digits)).Bind(2, clock_.NowMs());
  RAIDA_ASSIGN_OR_RETURN(const bool found, find.Step());
  if (!found) {
    return refused;
  }
  ProvisionedDevice device;
  device.center_id = find.ColumnText(0);
  find.Reset();
  RAIDA_ASSIGN_OR_RETURN(device.district_id, DistrictOfCenter(store_, device.center_id));
  RAIDA_ASSIGN_OR_RETURN(core::Statement next,
                         store_.db().Prepare("SELECT max(coalesce((SELECT max(device_no) FROM "
                                             "server_device), 0), coalesce((SELECT max(device_no) "
                                             "FROM device), 0)) + 1"));
  RAIDA_TRY(next.Step());
  device.device_no = next.ColumnInt(0);
  next.Reset();
  device.secret.resize(32);
  randombytes_buf(device.secret.data(), device.secret.size());
  RAIDA_ASSIGN_OR_RETURN(core::Statement insert,
                         store_.db().Prepare("INSERT INTO server_device(device_no, center_id, "
                                             "label, secret, status, created_ms) VALUES (?, ?, ?, "
                                             "?, 'active', ?)"));
  insert.Bind(1, device.device_no).Bind(2, device.center_id).Bind(3, label);
  insert.BindBlob(4, std::vector<uint8_t>(device.secret.begin(), device.secret.end()));
  RAIDA_TRY(insert.Bind(5, clock_.NowMs()).Run());
  RAIDA_ASSIGN_OR_RETURN(core::Statement spend,
                         store_.db().Prepare("UPDATE provisioning_code SET used_by = ? WHERE "
                                             "code_hash = ?"));
  RAIDA_TRY(spend.Bind(1, device.device_no).Bind(2, sync::Sha256Hex(digits)).Run());
  RAIDA_TRY(PublishDevice(store_, {"device." + std::to_string(device.device_no), device.device_no,
                                   device.center_id, label, true}));
  RAIDA_ASSIGN_OR_RETURN(const core::SecretKey center_key,
                         detail::CenterKey(store_, device.center_id, clock_.NowMs()));
  device.center_key.assign(reinterpret_cast<const char*>(center_key.data()), center_key.size());
  RAIDA_TRY(scope.Commit());
  return device;
}

core::Status SyncEngine::RevokeDevice(int64_t device_no) {
  core::Store::ApplyingScope applying(store_);
  RAIDA_ASSIGN_OR_RETURN(auto scope, store_.BeginWrite());
  RAIDA_ASSIGN_OR_RETURN(core::Statement stmt,
                         store_.db().Prepare("UPDATE server_device SET status = 'revoked' WHERE "
                                             "device_no = ?"));
  RAIDA_TRY(stmt.Bind(1, device_no).Run());
  if (store_.db().Changes() == 0) {
    return MakeError(ErrorCode::kNotFound, "no device " + std::to_string(device_no));
  }
  core::DeviceRepository devices(store_);
  RAIDA_ASSIGN_OR_RETURN(auto published, devices.GetByNumber(device_no));
  if (published) {
    published->active = false;
    RAIDA_TRY(PublishDevice(store_, *published));
  }
  return scope.Commit();
}

core::Result<std::vector<ServerDevice>> SyncEngine::ListDevices() {
  RAIDA_ASSIGN_OR_RETURN(
      core::Statement stmt,
      store_.db().Prepare("SELECT device_no, center_id, label, status, last_batch, last_seen_ms, "
                          "last_success_ms, clock_offset_ms, coalesce(last_error, '') FROM "
                          "server_device ORDER BY device_no"));
  std::vector<ServerDevice> devices;
  while (true) {
    RAIDA_ASSIGN_OR_RETURN(const bool row, stmt.Step());
    if (!row) {
      return devices;
    }
    devices.push_back({stmt.ColumnInt(0), stmt.ColumnText(1), stmt.ColumnText(2),
                       stmt.ColumnText(3) == "active", stmt.ColumnInt(4), stmt.ColumnOptionalInt(5),
                       stmt.ColumnOptionalInt(6), stmt.ColumnOptionalInt(7), stmt.ColumnText(8)});
  }
}

AuthOutcome SyncEngine::Authenticate(std::string_view method, std::string_view path,
                                     std::string_view auth_header, std::string_view body) {
  auto header = sync::ParseAuthHeader(auth_header);
  if (!header.ok()) {
    return {0, ErrorReply(401, "bad_auth_header", header.error().message)};
  }
  auto lookup = store_.db().Prepare("SELECT secret, status FROM server_device WHERE device_no = ?");
  if (!lookup.ok()) {
    return {0, ErrorReply(500, "internal", "the device registry could not be read")};
  }
  lookup->Bind(1, header->device);
  auto found = lookup->Step();
  if (!found.ok() || !found.value()) {
    return {0, ErrorReply(401, "unknown_device", "this device is not registered here")};
  }
  const std::vector<uint8_t> secret = lookup->ColumnBlob(0);
  const bool revoked = lookup->ColumnText(1) != "active";
  lookup->Reset();
  if (revoked) {
    return {0, ErrorReply(403, "revoked", "this device has been revoked by the district office")};
  }
  const std::string key(secret.begin(), secret.end());
  if (!sync::VerifySignature(key, method, path, *header, body)) {
    return {0, ErrorReply(401, "bad_signature", "the request signature does not match")};
  }
  const int64_t now = clock_.NowMs();
  auto scope = store_.BeginWrite();
  auto insert = store_.db().Prepare(
      "INSERT OR IGNORE INTO seen_nonce(device_no, nonce, at_ms) VALUES (?, ?, ?)");
  if (!scope.ok() || !insert.ok() ||
      !insert->Bind(1, header->device).Bind(2, header->nonce).Bind(3, now).Run().ok()) {
    return {0, ErrorReply(503, "busy", "the server could not record the request; retry")};
  }
  if (store_.db().Changes() == 0) {
    return {0, ErrorReply(401, "replayed_nonce", "this request was already received")};
  }
  if (now - last_nonce_prune_ms_ > 3600 * 1000) {
    last_nonce_prune_ms_ = now;
    auto prune = store_.db().Prepare("DELETE FROM seen_nonce WHERE at_ms < ?");
    if (prune.ok()) {
      (void)prune->Bind(1, now - options_.nonce_ttl_ms).Run();
    }
  }
  if (!scope->Commit().ok()) {
    return {0, ErrorReply(503, "busy", "the server could not record the request; retry")};
  }
  return {header->device, std::nullopt};
}

}  // namespace raida::server
