// Device credentials: the secret file beside the database and the provisioning exchange.
//
// The secret file is created with open(O_CREAT | O_EXCL, 0600) under a temporary name, synced,
// and renamed over `<db>.secret`, so a power cut leaves either the old secret or the new one,
// never half a file, and never a moment where the file is readable by others.
#include "raida/sync/credentials.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <nlohmann/json.hpp>

#include "raida/core/hex.h"
#include "raida/core/sealed_notes.h"
#include "raida/core/sync_meta_repository.h"
#include "raida/sync/protocol.h"

namespace raida::sync {
namespace {

using core::ErrorCode;
using core::MakeError;

constexpr size_t kSecretBytes = 32;

core::Error IoError(const std::string& what, const std::string& path) {
  return MakeError(ErrorCode::kIo, what + " " + path + ": " + std::strerror(errno));
}

core::Status WriteAll(int fd, const std::string& data, const std::string& path) {
  size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      return IoError("cannot write", path);
    }
    done += static_cast<size_t>(n);
  }
  return core::Ok();
}

// Makes the rename durable: fsync of the directory that holds `path`.
void SyncParentDir(const std::string& path) {
  const size_t slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? "." : path.substr(0, slash + 1);
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

// 64 hex digits -> 32 bytes; nullopt when malformed.
std::optional<std::string> SecretFromHex(const std::string& hex) {
  if (hex.size() != kSecretBytes * 2) {
    return std::nullopt;
  }
  std::string bytes(kSecretBytes, '\0');
  size_t len = 0;
  if (sodium_hex2bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), hex.data(),
                     hex.size(), nullptr, &len, nullptr) != 0 ||
      len != kSecretBytes) {
    return std::nullopt;
  }
  return bytes;
}

core::Result<ProvisionResult> ParseProvisionReply(const HttpReply& reply, std::string& secret,
                                                  std::string& center_key) {
  try {
    const auto doc = nlohmann::json::parse(reply.body);
    ProvisionResult result;
    result.device = doc.at("device").get<int64_t>();
    result.center_id = doc.at("center").get<std::string>();
    result.district_id = doc.value("district", "");
    auto decoded = SecretFromHex(doc.at("secret").get<std::string>());
    if (!decoded || result.device <= 0) {
      return MakeError(ErrorCode::kCorrupt, "the provisioning reply has no valid device or secret");
    }
    secret = std::move(*decoded);
    if (doc.contains("center_key")) {
      auto key = SecretFromHex(doc.at("center_key").get<std::string>());
      if (!key) {
        return MakeError(ErrorCode::kCorrupt, "the provisioning reply has a malformed center key");
      }
      center_key = std::move(*key);
      result.center_key = true;
    }
    return result;
  } catch (const nlohmann::json::exception&) {
    return MakeError(ErrorCode::kCorrupt,
                     "the server answered provisioning with something other than Raida's JSON");
  }
}

// The server's {"error":{"code","message"}} in plain words, or the HTTP status.
std::string ErrorMessageOf(const HttpReply& reply) {
  try {
    const auto doc = nlohmann::json::parse(reply.body);
    return doc.at("error").at("message").get<std::string>();
  } catch (const nlohmann::json::exception&) {
    return "HTTP " + std::to_string(reply.status);
  }
}

core::Status RecordProvisioning(core::Store& store, const ProvisionRequest& request,
                                const ProvisionResult& result) {
  RAIDA_ASSIGN_OR_RETURN(auto scope, store.BeginWrite());
  RAIDA_TRY(store.SetDeviceId(result.device));
  core::SyncMetaRepository meta(store);
  RAIDA_TRY(meta.SetText("server_url", request.server_url));
  RAIDA_TRY(meta.SetText("server_pin", request.pin));
  RAIDA_TRY(meta.SetText("center_id", result.center_id));
  RAIDA_TRY(meta.SetText("district_id", result.district_id));
  RAIDA_TRY(meta.SetText("device_label", request.label));
  RAIDA_TRY(meta.SetInt("next_batch_seq", 1));
  RAIDA_TRY(meta.SetInt("pull_cursor", 0));
  RAIDA_TRY(meta.SetText("last_error", ""));
  RAIDA_TRY(store.db().Exec("DELETE FROM outbox_batch"));
  return scope.Commit();
}

// The center's key to `path`, or, when the server sent none, no file there: a key left from an
// earlier provisioning may belong to another center.
core::Status WriteCenterKey(const std::string& path, std::string& center_key) {
  if (center_key.empty()) {
    ::unlink(path.c_str());
    return core::Ok();
  }
  auto key = core::SecretKey::FromBytes(reinterpret_cast<const uint8_t*>(center_key.data()),
                                        center_key.size());
  sodium_memzero(center_key.data(), center_key.size());
  if (!key.ok()) {
    return key.error();
  }
  return core::WriteCenterKeyFile(path, *key);
}

}  // namespace

std::string SecretPathFor(const std::string& db_path) { return db_path + ".secret"; }

core::Status WriteSecretFile(const std::string& path, const std::string& secret) {
  if (secret.size() != kSecretBytes) {
    return MakeError(ErrorCode::kInvalidArgument, "a device secret is 32 bytes");
  }
  const std::string temp = path + ".tmp";
  ::unlink(temp.c_str());  // a leftover from a crash; O_EXCL below refuses anything else
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    return IoError("cannot create", temp);
  }
  core::Status written = WriteAll(fd, core::Hex(secret) + "\n", temp);
  if (written.ok() && ::fsync(fd) != 0) {
    written = IoError("cannot sync", temp);
  }
  ::close(fd);
  if (written.ok() && ::rename(temp.c_str(), path.c_str()) != 0) {
    written = IoError("cannot rename the secret to", path);
  }
  if (!written.ok()) {
    ::unlink(temp.c_str());
    return written;
  }
  SyncParentDir(path);
  return core::Ok();
}

core::Result<std::string> ReadSecretFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) {
      return MakeError(ErrorCode::kNotFound, "no device secret at " + path);
    }
    return IoError("cannot open", path);
  }
  struct stat info {};
  char buffer[128] = {};
  const bool stat_ok = ::fstat(fd, &info) == 0;
  const ssize_t n = ::read(fd, buffer, sizeof(buffer) - 1);
  ::close(fd);
  if (!stat_ok || n < 0) {
    return IoError("cannot read", path);
  }
  if ((info.st_mode & 077) != 0) {
    return MakeError(ErrorCode::kUnauthorized,
                     "the device secret " + path + " is readable by others; it must be mode 0600");
  }
  std::string hex(buffer, static_cast<size_t>(n));
  while (!hex.empty() && (hex.back() == '\n' || hex.back() == '\r')) {
    hex.pop_back();
  }
  auto secret = SecretFromHex(hex);
  if (!secret) {
    return MakeError(ErrorCode::kCorrupt, "the device secret " + path + " is not 64 hex digits");
  }
  return *secret;
}

core::Result<Credentials> LoadCredentials(core::Store& store, const std::string& secret_path) {
  if (store.device_id() <= 0) {
    return MakeError(ErrorCode::kNotFound,
                     "this kiosk is not provisioned yet (run raida-sync provision)");
  }
  RAIDA_ASSIGN_OR_RETURN(std::string secret, ReadSecretFile(secret_path));
  return Credentials{store.device_id(), std::move(secret)};
}

core::Result<ProvisionResult> Provision(core::Store& store, Transport& transport,
                                        const std::string& secret_path,
                                        const ProvisionRequest& request) {
  if (store.device_id() > 0 && !request.force) {
    return MakeError(ErrorCode::kConflict, "this database is already provisioned as device " +
                                               std::to_string(store.device_id()) +
                                               "; use --force to replace it");
  }
  HttpRequest http;
  http.path = kProvisionPath;
  http.headers = {{"Content-Type", "application/json"}};
  http.body = nlohmann::json{{"code", request.code}, {"label", request.label}}.dump();
  TransportResult sent = transport.Post(http);
  if (const auto* failure = std::get_if<NetworkFailure>(&sent)) {
    return MakeError(ErrorCode::kNetwork,
                     "no connection to the district office (" + failure->message + ")");
  }
  const HttpReply& reply = std::get<HttpReply>(sent);
  if (reply.status == 401 || reply.status == 403 || reply.status == 404 || reply.status == 409 ||
      reply.status == 410) {
    return MakeError(ErrorCode::kUnauthorized,
                     "the district office refused the code: " + ErrorMessageOf(reply));
  }
  if (reply.status != 200 && reply.status != 201) {
    return MakeError(reply.status >= 500 ? ErrorCode::kNetwork : ErrorCode::kInvalidArgument,
                     "provisioning failed: " + ErrorMessageOf(reply));
  }
  std::string secret;
  std::string center_key;
  RAIDA_ASSIGN_OR_RETURN(ProvisionResult result, ParseProvisionReply(reply, secret, center_key));
  RAIDA_TRY(WriteSecretFile(secret_path, secret));
  sodium_memzero(secret.data(), secret.size());
  RAIDA_TRY(WriteCenterKey(core::CenterKeyPathFor(store.db().path()), center_key));
  RAIDA_TRY(RecordProvisioning(store, request, result));
  return result;
}

}  // namespace raida::sync
