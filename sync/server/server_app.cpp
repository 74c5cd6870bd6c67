// ServerApp: routes, JSON error answers and the request log of the district server.
//
// Errors are always JSON, so a kiosk or a script never has to parse an HTML error page, and
// they carry a stable code beside the human message. The request log deliberately records only
// the method, the path without its query, the status and the time taken: query values and
// bodies may carry personal data.
#include "server_app.h"

#include <exception>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <utility>

#include "certificate_routes.h"
#include "raida/core/catalog_repository.h"
#include "raida/core/lesson_pack.h"
#include "raida/core/lesson_pack_check.h"
#include "raida/core/migrations.h"
#include "raida/sync/digest_protocol.h"
#include "web/office_routes.h"

#ifndef RAIDA_VERSION
#error "RAIDA_VERSION must be defined by the build"
#endif

namespace raida::server {
namespace {

using core::ErrorCode;
using core::MakeError;

void SetJson(httplib::Response& response, int status, const nlohmann::json& body) {
  response.status = status;
  response.set_content(body.dump(), "application/json");
}

void SetJsonError(httplib::Response& response, int status, const std::string& code,
                  const std::string& message) {
  SetJson(response, status, {{"error", {{"code", code}, {"message", message}}}});
}

// The error code and message of an error answer that no handler filled in.
std::pair<std::string, std::string> DescribeStatus(int status, const std::string& method) {
  switch (status) {
    case 400:
      return {"bad_request", "the request could not be understood"};
    case 404:
      return {"not_found", "there is no " + method + " endpoint at this path"};
    case 413:
      return {"payload_too_large", "the request body is larger than this server accepts"};
    case 414:
      return {"uri_too_long", "the request path is too long"};
    default:
      return {status >= 500 ? "internal" : "http_" + std::to_string(status),
              "the request failed with HTTP " + std::to_string(status)};
  }
}

}  // namespace

const char* ServerVersion() { return RAIDA_VERSION; }

core::Result<std::unique_ptr<ServerApp>> ServerApp::Create(const ServerOptions& options,
                                                           const core::Clock& clock,
                                                           std::shared_ptr<spdlog::logger> logger) {
  core::StoreOptions store_options;
  store_options.path = options.db_path;
  store_options.mode = core::OpenMode::kCreateIfMissing;
  auto store = core::Store::Open(store_options, clock);
  if (!store.ok()) {
    // The store's message names the file already; add it only when it does not.
    const std::string& message = store.error().message;
    return MakeError(store.error().code,
                     message.find(options.db_path) != std::string::npos
                         ? message
                         : "cannot open database " + options.db_path + ": " + message);
  }
  std::unique_ptr<ServerApp> app(
      new ServerApp(options, clock, std::move(logger), std::move(store).value()));
  RAIDA_ASSIGN_OR_RETURN(app->schema_version_, app->store_->db().UserVersion());
  RAIDA_TRY(app->RefreshDistrictId());
  app->InstallRoutes();
  return app;
}

ServerApp::ServerApp(const ServerOptions& options, const core::Clock& clock,
                     std::shared_ptr<spdlog::logger> logger, std::unique_ptr<core::Store> store)
    : options_(options),
      clock_(&clock),
      logger_(std::move(logger)),
      store_(std::move(store)),
      engine_(std::make_unique<SyncEngine>(*store_, clock)) {}

ServerApp::~ServerApp() { Stop(); }

core::Result<core::DistrictLoadSummary> ServerApp::LoadDistrict(const std::string& path) {
  std::lock_guard<std::mutex> lock(store_mutex_);
  RAIDA_ASSIGN_OR_RETURN(const core::DistrictLoadSummary summary,
                         core::LoadDistrictFile(*store_, path));
  RAIDA_TRY(LoadLessons());
  RAIDA_TRY(RefreshDistrictId());
  RAIDA_ASSIGN_OR_RETURN(const int64_t published, engine_->PublishAll());
  logger_->info("published {} rows to the pull feed", published);
  logger_->info(
      "loaded district {}: {} centers, {} coordinators, {} courses, {} offerings, {} sessions, "
      "{} people, {} enrollments",
      district_id_, summary.centers, summary.coordinators, summary.courses, summary.offerings,
      summary.sessions, summary.people, summary.enrollments);
  return summary;
}

// The lesson packs go out with the catalog they belong to (the same PublishAll): a pack whose
// course is not in the district file is refused, and then nothing of the packs is loaded.
core::Status ServerApp::LoadLessons() {
  std::error_code ec;
  if (options_.lessons_dir.empty() || !std::filesystem::is_directory(options_.lessons_dir, ec)) {
    logger_->info("no lesson packs at '{}'", options_.lessons_dir);
    return core::Ok();
  }
  RAIDA_TRY(core::CheckPacksAgainstStore(*store_, {options_.lessons_dir}));  // every problem
  RAIDA_ASSIGN_OR_RETURN(const int packs, core::LoadLessonPacks(*store_, options_.lessons_dir));
  logger_->info("loaded {} lesson packs from {}", packs, options_.lessons_dir);
  return core::Ok();
}

std::string ServerApp::district_id() {
  std::lock_guard<std::mutex> lock(store_mutex_);
  return district_id_;
}

core::Status ServerApp::RefreshDistrictId() {
  // The server serves one district: every center it knows belongs to it.
  core::CatalogRepository catalog(*store_);
  RAIDA_ASSIGN_OR_RETURN(const auto centers, catalog.ListCenters());
  district_id_ = centers.empty() ? "" : centers.front().district_id;
  return core::Ok();
}

void ServerApp::InstallRoutes() {
  http_.set_payload_max_length(options_.payload_max_bytes);
  http_.set_pre_routing_handler([this](const httplib::Request& request, httplib::Response&) {
    std::lock_guard<std::mutex> lock(timing_mutex_);
    started_ms_.insert_or_assign(&request, clock_->SteadyMs());
    return httplib::Server::HandlerResponse::Unhandled;
  });
  http_.Get("/api/v1/health", [this](const httplib::Request&, httplib::Response& response) {
    HandleHealth(response);
  });
  http_.Post(sync::kSyncPath, [this](const httplib::Request& request, httplib::Response& response) {
    HandleSync(request, response);
  });
  http_.Post(sync::kDigestPath,
             [this](const httplib::Request& request, httplib::Response& response) {
               HandleDigest(request, response);
             });
  http_.Post(sync::kProvisionPath,
             [this](const httplib::Request& request, httplib::Response& response) {
               HandleProvision(request, response);
             });
  http_.Get(kCertificateRoute,
            [this](const httplib::Request& request, httplib::Response& response) {
              HandleCertificate(request.matches[1].str(), response);
            });
  web::InstallOfficeRoutes(http_, *store_, store_mutex_, *engine_, *clock_, logger_,
                           options_.listen_address);
  const httplib::Server::HandlerWithResponse on_error = [](const httplib::Request& request,
                                                           httplib::Response& response) {
    // A handler that already wrote a JSON error keeps it; httplib's bare statuses get one here.
    if (response.body.empty()) {
      const auto [code, message] = DescribeStatus(response.status, request.method);
      SetJsonError(response, response.status, code, message);
    }
    return httplib::Server::HandlerResponse::Handled;
  };
  http_.set_error_handler(on_error);
  http_.set_exception_handler(
      [this](const httplib::Request&, httplib::Response& response, std::exception_ptr error) {
        try {
          std::rethrow_exception(error);
        } catch (const std::exception& e) {
          logger_->error("handler failed: {}", e.what());
        } catch (...) {
          logger_->error("handler failed with an unknown exception");
        }
        SetJsonError(response, 500, "internal", "the server could not handle the request");
      });
  http_.set_logger([this](const httplib::Request& request, const httplib::Response& response) {
    LogRequest(request, response);
  });
}

void ServerApp::HandleHealth(httplib::Response& response) {
  SetJson(response, 200,
          {{"status", "ok"},
           {"server_version", ServerVersion()},
           {"schema_version", schema_version_},
           {"server_time_ms", clock_->NowMs()},
           {"district_id", district_id()}});
}

void ServerApp::LogRequest(const httplib::Request& request, const httplib::Response& response) {
  int64_t elapsed_ms = 0;
  {
    std::lock_guard<std::mutex> lock(timing_mutex_);
    const auto started = started_ms_.find(&request);
    if (started != started_ms_.end()) {
      elapsed_ms = clock_->SteadyMs() - started->second;
      started_ms_.erase(started);
    }
  }
  logger_->info("{} {} {} {} ms", request.method, RedactCertificatePath(request.path),
                response.status, elapsed_ms);
}

core::Result<int> ServerApp::Bind() {
  const int port =
      options_.port == 0
          ? http_.bind_to_any_port(options_.listen_address)
          : (http_.bind_to_port(options_.listen_address, options_.port) ? options_.port : -1);
  if (port <= 0) {
    return MakeError(ErrorCode::kIo, "cannot listen on " + options_.listen_address + ":" +
                                         std::to_string(options_.port) +
                                         " (address in use or not available)");
  }
  port_ = port;
  logger_->info("listening on http://{}:{}", options_.listen_address, port_);
  return port_;
}

core::Status ServerApp::Serve() {
  if (port_ == 0) {
    return MakeError(ErrorCode::kInternal, "Serve() called before Bind()");
  }
  if (stop_requested_) {
    return core::Ok();
  }
  if (!http_.listen_after_bind()) {
    return MakeError(ErrorCode::kIo, "the HTTP server stopped unexpectedly");
  }
  return core::Ok();
}

void ServerApp::Stop() {
  stop_requested_ = true;
  http_.stop();
}

}  // namespace raida::server
