// ServerApp's sync routes: the HTTP edge of SyncEngine and of the divergence check (digest.h).
// Encoding, size limits and the signature are checked here, before anything is inflated or parsed;
// the engine does the rest under the store mutex, one request at a time.
#include <sodium.h>

#include <nlohmann/json.hpp>

#include "digest.h"
#include "raida/core/hex.h"
#include "server_app.h"

namespace raida::server {
namespace {

void SetReply(httplib::Response& response, const HttpReply& reply) {
  response.status = reply.status;
  response.set_content(reply.body, "application/json");
}

}  // namespace

void ServerApp::HandleSync(const httplib::Request& request, httplib::Response& response) {
  HandleSigned(request, response, [this](int64_t device_no, const std::string& inflated) {
    return engine_->HandleSync(device_no, inflated);
  });
}

void ServerApp::HandleDigest(const httplib::Request& request, httplib::Response& response) {
  HandleSigned(request, response, [this](int64_t device_no, const std::string& inflated) {
    return server::HandleDigest(*store_, device_no, inflated, clock_->NowMs());
  });
}

void ServerApp::HandleSigned(
    const httplib::Request& request, httplib::Response& response,
    const std::function<HttpReply(int64_t device_no, const std::string& inflated)>& handle) {
  if (request.get_header_value("Content-Encoding") != "zstd") {
    SetReply(response, ErrorReply(415, "unsupported_encoding",
                                  "the body must be sent with Content-Encoding: zstd"));
    return;
  }
  if (request.body.size() > sync::kMaxBodyBytes) {
    SetReply(response, ErrorReply(413, "too_large", "the body is larger than the server accepts"));
    return;
  }
  std::lock_guard<std::mutex> lock(store_mutex_);
  const AuthOutcome auth = engine_->Authenticate(
      request.method, request.path, request.get_header_value("Authorization"), request.body);
  if (auth.refusal) {
    SetReply(response, *auth.refusal);
    return;
  }
  auto inflated = sync::Decompress(request.body, sync::kMaxInflatedBytes);
  if (!inflated.ok()) {
    const bool too_large = inflated.error().code == core::ErrorCode::kInvalidArgument;
    SetReply(response, ErrorReply(too_large ? 413 : 400, too_large ? "too_large" : "malformed",
                                  inflated.error().message));
    return;
  }
  const HttpReply reply = handle(auth.device_no, *inflated);
  if (reply.status != 200) {
    SetReply(response, reply);
    return;
  }
  response.status = 200;
  response.set_header("Content-Encoding", "zstd");
  response.set_content(sync::Compress(reply.body), "application/json");
}

void ServerApp::HandleProvision(const httplib::Request& request, httplib::Response& response) {
  nlohmann::json body = nlohmann::json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  const bool shaped = body.is_object() && body.size() == 2 && body.contains("code") &&
                      body["code"].is_string() && body.contains("label") &&
                      body["label"].is_string() && body["label"].get<std::string>().size() <= 200;
  if (!shaped) {
    SetReply(response, ErrorReply(400, "malformed", "expected {\"code\": ..., \"label\": ...}"));
    return;
  }
  std::lock_guard<std::mutex> lock(store_mutex_);
  auto device =
      engine_->Provision(body["code"].get<std::string>(), body["label"].get<std::string>());
  if (!device.ok()) {
    const bool refused = device.error().code == core::ErrorCode::kUnauthorized;
    SetReply(response, ErrorReply(refused ? 401 : 503, refused ? "invalid_code" : "busy",
                                  device.error().message));
    return;
  }
  logger_->info("provisioned device {} for {}", device->device_no, device->center_id);
  const nlohmann::json reply = {{"device", device->device_no},
                                {"secret", core::Hex(device->secret)},
                                {"center", device->center_id},
                                {"district", device->district_id},
                                {"center_key", core::Hex(device->center_key)}};
  sodium_memzero(device->secret.data(), device->secret.size());
  sodium_memzero(device->center_key.data(), device->center_key.size());
  SetReply(response, HttpReply{200, reply.dump()});
}

}  // namespace raida::server
