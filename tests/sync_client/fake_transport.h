// FakeTransport: a Transport for tests, with no sockets. Each Post() is recorded (with its
// request decompressed and parsed) and answered by the test's handler, which may return a reply
// built from a SyncResponse, an error reply, or a network failure.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "raida/sync/protocol.h"
#include "raida/sync/transport.h"

namespace raida::sync::testing {

class FakeTransport final : public Transport {
 public:
  using Handler = std::function<TransportResult(const HttpRequest&, const SyncRequest&)>;
  explicit FakeTransport(Handler handler) : handler_(std::move(handler)) {}

  TransportResult Post(const HttpRequest& request) override;

  const std::vector<HttpRequest>& requests() const { return requests_; }
  const std::vector<SyncRequest>& parsed() const { return parsed_; }
  void set_handler(Handler handler) { handler_ = std::move(handler); }

 private:
  Handler handler_;
  std::vector<HttpRequest> requests_;
  std::vector<SyncRequest> parsed_;
};

// A 200 reply carrying `response`, zstd-compressed as the server sends it.
HttpReply ReplyWith(const SyncResponse& response);
// An error reply {"error":{"code":..,"message":..}} plus extra members (e.g. "\"expected\":3").
HttpReply ErrorWith(int status, const std::string& code, const std::string& extra = "");
// The ordinary answer to `request`: its batch acknowledged (with `results`), nothing pulled.
SyncResponse AckOf(const SyncRequest& request, std::vector<ChangeResult> results = {},
                   int64_t server_time = 1'795'428'000'000);

}  // namespace raida::sync::testing
