// SimServer: see sim_server.h.
#include "sim/sim_server.h"

#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "digest.h"
#include "raida/sync/digest_protocol.h"
#include "raida/sync/protocol.h"

namespace raida::sim {
namespace {

sync::HttpReply Reply(int status, std::string body, bool zstd = false) {
  sync::HttpReply reply;
  reply.status = status;
  reply.body = std::move(body);
  if (zstd) {
    reply.headers["content-encoding"] = "zstd";
  }
  reply.wire_bytes_down = static_cast<int64_t>(reply.body.size());
  return reply;
}

sync::HttpReply FromEngine(const server::HttpReply& reply) {
  return Reply(reply.status, reply.body);
}

std::string Header(const sync::HttpRequest& request, const std::string& name) {
  for (const auto& [key, value] : request.headers) {
    if (key == name) {
      return value;
    }
  }
  return "";
}

std::string Hex(const std::string& bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    hex += kDigits[byte >> 4];
    hex += kDigits[byte & 15];
  }
  return hex;
}

}  // namespace

SimServer::SimServer(std::string db_path, core::ManualClock& clock)
    : db_path_(std::move(db_path)), clock_(&clock) {}

core::Status SimServer::Open() {
  server::ServerOptions options;
  options.db_path = db_path_;
  auto logger =
      std::make_shared<spdlog::logger>("sim", std::make_shared<spdlog::sinks::null_sink_mt>());
  app_.reset();
  RAIDA_ASSIGN_OR_RETURN(app_, server::ServerApp::Create(options, *clock_, logger));
  return core::Ok();
}

core::Status SimServer::Start() {
  RAIDA_TRY(Open());
  RAIDA_ASSIGN_OR_RETURN(auto loaded, app_->LoadDistrict(std::string(RAIDA_SOURCE_DIR) +
                                                         "/assets/demo/rokiskis.json"));
  (void)loaded;
  return core::Ok();
}

core::Status SimServer::Restart() { return Open(); }

sync::HttpReply SimServer::Handle(const sync::HttpRequest& request) {
  if (request.path == sync::kProvisionPath) {
    return HandleProvision(request);
  }
  if (request.path == sync::kDigestPath) {
    return HandleSigned(request, [this](int64_t device_no, const std::string& inflated) {
      return server::HandleDigest(store(), device_no, inflated, clock_->NowMs());
    });
  }
  if (request.path != sync::kSyncPath) {
    return FromEngine(server::ErrorReply(404, "not_found", "no such route"));
  }
  return HandleSigned(request, [this](int64_t device_no, const std::string& inflated) {
    return engine().HandleSync(device_no, inflated);
  });
}

sync::HttpReply SimServer::HandleSigned(
    const sync::HttpRequest& request,
    const std::function<server::HttpReply(int64_t device_no, const std::string& inflated)>&
        handle) {
  if (Header(request, "Content-Encoding") != "zstd") {
    return FromEngine(server::ErrorReply(415, "unsupported_encoding", "zstd required"));
  }
  if (request.body.size() > sync::kMaxBodyBytes) {
    return FromEngine(server::ErrorReply(413, "too_large", "body too large"));
  }
  const server::AuthOutcome auth =
      engine().Authenticate("POST", request.path, Header(request, "Authorization"), request.body);
  if (auth.refusal) {
    return FromEngine(*auth.refusal);
  }
  auto inflated = sync::Decompress(request.body, sync::kMaxInflatedBytes);
  if (!inflated.ok()) {
    return FromEngine(server::ErrorReply(400, "malformed", inflated.error().message));
  }
  const server::HttpReply reply = handle(auth.device_no, *inflated);
  if (reply.status != 200) {
    return FromEngine(reply);
  }
  return Reply(200, sync::Compress(reply.body), /*zstd=*/true);
}

sync::HttpReply SimServer::HandleProvision(const sync::HttpRequest& request) {
  const auto body = nlohmann::json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  if (!body.is_object() || !body.contains("code") || !body["code"].is_string()) {
    return FromEngine(server::ErrorReply(400, "malformed", "expected {\"code\", \"label\"}"));
  }
  auto device = engine().Provision(body["code"].get<std::string>(), body.value("label", ""));
  if (!device.ok()) {
    return FromEngine(server::ErrorReply(401, "invalid_code", device.error().message));
  }
  const nlohmann::json reply = {{"device", device->device_no},
                                {"secret", Hex(device->secret)},
                                {"center", device->center_id},
                                {"district", device->district_id}};
  return Reply(200, reply.dump());
}

}  // namespace raida::sim
