// Transport: how the sync client sends one HTTP POST, behind an interface.
//
// The sync engine never touches sockets: it hands a Transport a path, headers and body and gets
// back the status, headers and body, or a network failure of a known kind. CurlTransport
// (curl_transport.h) is the real one; tests and the convergence simulation drive the engine
// with their own, without sockets. Wire byte counts travel with each reply so the engine can
// report what a session cost on the link.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace raida::sync {

struct HttpRequest {
  std::string path;  // "/api/v1/sync"
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;  // exactly the bytes to send
};

struct HttpReply {
  int status = 0;
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;                            // as received (possibly zstd)
  int64_t wire_bytes_up = 0;                   // request line, headers and body as sent
  int64_t wire_bytes_down = 0;                 // status line, headers and body as received
};

// Why a request got no answer. The kind decides what the client does next: a timeout or a cut
// connection shrinks the next upload batch; every kind is retried later with backoff.
enum class NetworkFailureKind {
  kNoConnection,    // name not found, connection refused, no route
  kTimeout,         // connect timeout, too slow for too long, or the total cap
  kReset,           // the connection broke mid-request or mid-reply
  kTls,             // the certificate or the pinned key did not match
  kRefusedLocally,  // a URL or setting the client will not use (plain http off loopback)
};

struct NetworkFailure {
  NetworkFailureKind kind = NetworkFailureKind::kNoConnection;
  std::string message;  // for the log: what libcurl said; never bodies or secrets
};

using TransportResult = std::variant<HttpReply, NetworkFailure>;

class Transport {
 public:
  virtual ~Transport() = default;
  // Sends one POST to `request.path` on the configured server. Never throws; a reply with any
  // HTTP status is a HttpReply, only a missing answer is a NetworkFailure.
  virtual TransportResult Post(const HttpRequest& request) = 0;
};

}  // namespace raida::sync
