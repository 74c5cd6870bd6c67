// SimServer: the real district server (ServerApp's store and SyncEngine) in-process, without
// sockets, for the convergence simulation.
//
// Handle() is the HTTP edge of ServerApp's sync, digest and provisioning routes
// (sync_routes.cpp), done by hand because those handlers take httplib objects: the same checks in
// the same order (Content-Encoding, size, signature, inflate), then SyncEngine::HandleSync (or
// the divergence check, digest.h), the reply compressed. Restart() is a server crash between
// requests: the app is destroyed and opened again on the same database file.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "raida/core/clock.h"
#include "raida/core/result.h"
#include "raida/sync/transport.h"
#include "server_app.h"

namespace raida::sim {

class SimServer {
 public:
  // `clock` must outlive the server.
  SimServer(std::string db_path, core::ManualClock& clock);

  // Creates the database, loads the demo district and publishes it. Call once.
  core::Status Start();
  // Closes and reopens the server's database, as after a crash or a restart.
  core::Status Restart();

  // One HTTP POST as the routes would answer it.
  sync::HttpReply Handle(const sync::HttpRequest& request);

  server::SyncEngine& engine() { return app_->engine(); }
  core::Store& store() { return app_->store(); }
  core::ManualClock& clock() { return *clock_; }

 private:
  core::Status Open();
  // The signed routes: checks, then `handle` with the device and the inflated body.
  sync::HttpReply HandleSigned(
      const sync::HttpRequest& request,
      const std::function<server::HttpReply(int64_t device_no, const std::string& inflated)>&
          handle);
  sync::HttpReply HandleProvision(const sync::HttpRequest& request);

  std::string db_path_;
  core::ManualClock* clock_;
  std::unique_ptr<server::ServerApp> app_;
};

}  // namespace raida::sim
