// ServerApp: the district server's HTTP application, without the process around it.
//
// It owns the server's Store (the district office's database, created and migrated on open) and
// a cpp-httplib server with Raida's routes. `raida-server`'s main parses the command line, handles
// signals and calls into this class; tests run it in-process on 127.0.0.1 with port 0.
//
// Routes:
//   GET /api/v1/health   {"status":"ok","server_version","schema_version","server_time_ms",
//                         "district_id"} (district_id "" until a district is loaded)
//   POST /api/v1/sync    a signed, zstd-compressed sync request (raida/sync/protocol.h); the
//                         reply is zstd-compressed too. 415 without Content-Encoding: zstd, 413
//                         over kMaxBodyBytes (or kMaxInflatedBytes once inflated), then the
//                         engine's answers (sync_engine.h)
//   POST /api/v1/digest  the divergence check, signed and compressed the same way
//                         (raida/sync/digest_protocol.h, digest.h)
//   POST /api/v1/provision  {"code","label"} -> {"device","secret","center","district"}
//   GET /api/v1/certificates/<code>  certificate verification (certificate_routes.h)
//   anything else        404 {"error":{"code":"not_found","message":...}}
// Every error answer is JSON of that shape ("payload_too_large" for a body over the limit,
// "internal" for a handler that threw). Each request is logged as one line: method, path
// (without the query), status and milliseconds; never bodies or query values.
//
// Threading: httplib runs handlers on its worker threads; the Store's single connection is
// guarded by a mutex. Stop() may be called from any thread.
#pragma once

#include <httplib.h>
#include <spdlog/logger.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "raida/core/clock.h"
#include "raida/core/district_data.h"
#include "raida/core/result.h"
#include "raida/core/store.h"
#include "sync_engine.h"

namespace raida::server {

struct ServerOptions {
  std::string db_path;                         // the server's database; created if missing
  std::string listen_address = "127.0.0.1";    // loopback unless a TLS proxy sits in front
  int port = 0;                                // 0: an ephemeral port chosen by the system
  size_t payload_max_bytes = 8 * 1024 * 1024;  // larger request bodies get 413
  // Lesson packs (assets/lessons) loaded with a district file by LoadDistrict; "" = none. A
  // directory that does not exist is skipped with a log line.
  std::string lessons_dir;
};

// The text of the server's version ("0.1.0").
const char* ServerVersion();

class ServerApp {
 public:
  // Opens (creating and migrating) the database. Errors as Store::Open: kCorrupt for a file that
  // is not a database, kTooNew for one written by a newer Raida, kIo, kFull.
  // `clock` and `logger` must outlive the app.
  static core::Result<std::unique_ptr<ServerApp>> Create(const ServerOptions& options,
                                                         const core::Clock& clock,
                                                         std::shared_ptr<spdlog::logger> logger);
  ~ServerApp();
  ServerApp(const ServerApp&) = delete;
  ServerApp& operator=(const ServerApp&) = delete;

  // Loads a district file into the server's database (one transaction; nothing written on error)
  // and publishes its rows to the pull feed (SyncEngine::PublishAll), with the lesson packs of
  // options.lessons_dir (core::LoadLessonPacks; a broken pack is an error).
  core::Result<core::DistrictLoadSummary> LoadDistrict(const std::string& path);

  // Binds the listening socket; returns the port (the chosen one when options.port was 0).
  // kIo when the address or port cannot be bound.
  core::Result<int> Bind();
  // Serves requests until Stop(); call after Bind(), on the thread that should block.
  // kIo when the server could not run.
  core::Status Serve();
  // Asks Serve() to return. Safe from any thread. httplib can only stop a server that is already
  // running: a Stop() that races with the start of Serve() may need repeating, so a caller that
  // must be sure calls it until Serve() has returned. The owner joins the serving thread before
  // destroying the app.
  void Stop();
  // True once Serve() is accepting connections.
  bool IsRunning() const { return http_.is_running(); }

  int port() const { return port_; }
  // The id of the loaded district; "" when none.
  std::string district_id();
  core::Store& store() { return *store_; }
  // The sync engine; callers other than the routes must hold no request in flight (tests and
  // admin commands use it before Serve() or after Stop()).
  SyncEngine& engine() { return *engine_; }

 private:
  ServerApp(const ServerOptions& options, const core::Clock& clock,
            std::shared_ptr<spdlog::logger> logger, std::unique_ptr<core::Store> store);
  void InstallRoutes();
  void HandleHealth(httplib::Response& response);
  void HandleSync(const httplib::Request& request, httplib::Response& response);
  void HandleDigest(const httplib::Request& request, httplib::Response& response);
  // The common edge of the signed routes (encoding, size, signature, zstd), then `handle` under
  // the store mutex; a 200 reply is sent compressed.
  void HandleSigned(
      const httplib::Request& request, httplib::Response& response,
      const std::function<HttpReply(int64_t device_no, const std::string& inflated)>& handle);
  void HandleProvision(const httplib::Request& request, httplib::Response& response);
  // certificate_routes.cpp
  void HandleCertificate(const std::string& code, httplib::Response& response);
  void LogRequest(const httplib::Request& request, const httplib::Response& response);
  core::Status RefreshDistrictId();
  core::Status LoadLessons();  // options_.lessons_dir, with the district file

  ServerOptions options_;
  const core::Clock* clock_;
  std::shared_ptr<spdlog::logger> logger_;
  std::unique_ptr<core::Store> store_;
  httplib::Server http_;
  int port_ = 0;
  std::atomic<bool> stop_requested_{false};
  int schema_version_ = 0;

  std::unique_ptr<SyncEngine> engine_;
  std::mutex store_mutex_;  // guards store_, engine_ and district_id_: one writer, so server_seq
                            // follows commit order
  std::string district_id_;

  // When each request in flight started (Clock::SteadyMs), keyed by the request object, which
  // httplib keeps in place for the whole request; used for the request log line.
  std::mutex timing_mutex_;
  std::map<const httplib::Request*, int64_t> started_ms_;
};

}  // namespace raida::server
