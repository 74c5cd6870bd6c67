// FaultProxy: a fault-injecting TCP proxy for tests, on 127.0.0.1 only.
//
// The CI kernel has no netem, so the faults a village link brings are made in user space
// (../shared/reference/sync-protocol.md §2.12 point 5). The proxy listens on an ephemeral port,
// forwards every accepted connection to a target port on 127.0.0.1 and, per connection as its
// ConnectionPlan says:
//   - delays each direction (latency) and caps its bandwidth (bytes per second),
//   - cuts the connection (RST via SO_LINGER 0, or a plain close) once N bytes passed in one
//     direction, counted from the connection's start or from the end of the first message's
//     header block, so a test can cut mid request headers, mid request body, after the whole
//     request before any reply, mid reply headers or mid reply body,
//   - stalls (forwards nothing in either direction) for T ms or forever from such a point,
//   - delivers the first request twice: the exact bytes are replayed on a new upstream
//     connection and that second reply is read and thrown away.
// It counts connections and bytes and records, per connection, where the first message's
// headers and body ended and which fault fired. One thread runs a poll() loop over plain
// non-blocking POSIX sockets; all public functions are thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "raida/core/result.h"

namespace raida::testing {

enum class Direction { kUp = 0, kDown = 1 };  // kUp: client -> server; kDown: server -> client

// Where a byte count starts: the connection's first byte in that direction, or the first byte
// after the first message's header block ("\r\n\r\n") in that direction.
enum class Anchor { kStart, kBody };

// A point in one direction of a connection: `bytes` forwarded after `anchor`.
struct BytePoint {
  Direction direction = Direction::kUp;
  Anchor anchor = Anchor::kStart;
  int64_t bytes = 0;
};

struct LinkShape {
  int64_t latency_ms = 0;        // added to every byte's delivery
  int64_t rate_bytes_per_s = 0;  // 0: unlimited
};

enum class Duplicate {
  kNone,
  kAfterRequest,  // replay as soon as the whole first request was forwarded (races the original)
  kAfterReply,    // replay once the whole first reply was forwarded to the client
};

struct ConnectionPlan {
  LinkShape up;
  LinkShape down;
  std::optional<BytePoint> cut;    // forward exactly up to here, then close both sides
  bool cut_with_reset = true;      // RST (SO_LINGER 0); false: an orderly close (FIN)
  std::optional<BytePoint> stall;  // at this point stop forwarding both directions ...
  int64_t stall_ms = -1;           // ... for this long; -1: forever
  Duplicate duplicate = Duplicate::kNone;
};

// What happened on one proxied connection.
struct ConnectionRecord {
  int index = 0;                      // 0 for the first connection the proxy accepted
  int64_t forwarded[2] = {0, 0};      // bytes delivered, by Direction
  int64_t header_end[2] = {-1, -1};   // bytes up to the end of the first header block; -1 unseen
  int64_t message_end[2] = {-1, -1};  // end of the first message (Content-Length); -1 unknown
  bool upstream_connected = false;
  bool cut = false;
  Direction cut_direction = Direction::kUp;
  int64_t cut_at = -1;  // bytes forwarded in cut_direction when the cut fired
  bool stalled = false;
  bool duplicated = false;       // the replay was sent
  std::string duplicate_status;  // status line of the discarded second reply ("" if none)
  bool closed = false;
};

struct ProxyStats {
  int connections = 0;
  int64_t bytes_up = 0;
  int64_t bytes_down = 0;
  int cuts = 0;
  int stalls = 0;
  int duplicates = 0;
};

class FaultProxy {
 public:
  // Listens on 127.0.0.1:`listen_port` (0: an ephemeral port) and forwards to
  // 127.0.0.1:`target_port`. kInternal when the socket cannot be set up.
  static core::Result<std::unique_ptr<FaultProxy>> Start(uint16_t target_port,
                                                         uint16_t listen_port = 0);
  // Stops the loop and closes every socket.
  ~FaultProxy();
  FaultProxy(const FaultProxy&) = delete;
  FaultProxy& operator=(const FaultProxy&) = delete;

  uint16_t port() const;
  // Later connections go to this port (a restarted server); open ones are kept.
  void SetTarget(uint16_t target_port);
  // The next accepted connections get plans[0], plans[1], ...; after those, `then`.
  void SetPlans(std::vector<ConnectionPlan> plans, ConnectionPlan then = {});
  // Every later connection gets `plan`.
  void SetPlan(ConnectionPlan plan);
  // Resets (RST) every open connection now, e.g. to end a stall that lasts forever.
  void ResetAll();

  ProxyStats Stats() const;
  std::vector<ConnectionRecord> Connections() const;
  // Waits until `done` holds for the connection records, polling every few ms; false after
  // `timeout_ms`.
  bool WaitUntil(const std::function<bool(const std::vector<ConnectionRecord>&)>& done,
                 int timeout_ms) const;

 private:
  struct Impl;
  explicit FaultProxy(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace raida::testing
