// FaultProxy's poll() loop over non-blocking sockets; see fault_proxy.h.
//
// Each connection has two directions; bytes read from a direction's source are queued with the
// time they are due (fault_link.h) and written to its destination when due, never past a cut
// or stall point. A cut closes both sockets (RST when asked); a read or write error on one
// side resets the other, so the client sees the same kind of failure the proxy saw. A replay
// of the first request runs on its own upstream socket, independent of the connection.
#include "fault_proxy.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <deque>
#include <limits>
#include <list>
#include <mutex>
#include <thread>

#include "fault_link.h"

namespace raida::testing {
namespace {

using detail::HttpFraming;
using detail::LinkQueue;

constexpr int64_t kForever = std::numeric_limits<int64_t>::max();
constexpr int64_t kMaxQueuedBytes = 1 << 20;
constexpr int kTickMs = 10;

int64_t NowUs() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

void SetNonBlocking(int fd) { fcntl(fd, F_SETFL, fcntl(fd, F_GETFL, 0) | O_NONBLOCK); }

sockaddr_in Loopback(uint16_t port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return address;
}

// A non-blocking connect to 127.0.0.1:`port`; -1 when the socket cannot be made.
int ConnectLoopback(uint16_t port) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    return -1;
  }
  SetNonBlocking(fd);
  const sockaddr_in address = Loopback(port);
  if (connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) != 0 &&
      errno != EINPROGRESS) {
    close(fd);
    return -1;
  }
  return fd;
}

void CloseSocket(int& fd, bool reset) {
  if (fd < 0) {
    return;
  }
  if (reset) {
    const linger abort{1, 0};
    setsockopt(fd, SOL_SOCKET, SO_LINGER, &abort, sizeof(abort));
  }
  close(fd);
  fd = -1;
}

bool ConnectFailed(int fd) {
  int error = 0;
  socklen_t length = sizeof(error);
  return getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) != 0 || error != 0;
}

struct Conn {
  int record = 0;
  ConnectionPlan plan;
  int fd[2] = {-1, -1};  // the destination of Direction d is fd[1 - d]... see Dest()
  bool connecting = true;
  LinkQueue queue[2];
  HttpFraming framing[2];
  bool eof[2] = {false, false};
  bool shut[2] = {false, false};
  bool blocked[2] = {false, false};
  int64_t stall_until_us = 0;
  bool stall_used = false;
  bool duplicate_started = false;
  std::string captured;  // the first request, for a replay
  bool dead = false;
  size_t poll_at = 0;  // index of this connection's first pollfd; 0: not polled this round

  explicit Conn(const ConnectionPlan& p) : plan(p), queue{LinkQueue(p.up), LinkQueue(p.down)} {}
  int Source(int d) const { return d == 0 ? fd[0] : fd[1]; }
  int Dest(int d) const { return d == 0 ? fd[1] : fd[0]; }
};

struct Replay {
  int record = 0;
  int fd = -1;
  std::string out;
  size_t written = 0;
  HttpFraming framing;
  int64_t received = 0;
  size_t poll_at = 0;
};

}  // namespace

struct FaultProxy::Impl {
  int listen_fd = -1;
  uint16_t port = 0;
  std::atomic<bool> stop{false};
  std::thread thread;
  mutable std::mutex mutex;  // guards everything below
  uint16_t target = 0;
  std::deque<ConnectionPlan> plans;
  ConnectionPlan then;
  bool reset_all = false;
  std::vector<ConnectionRecord> records;
  ProxyStats stats;
  std::list<Conn> conns;
  std::list<Replay> replays;

  void Run();
  void BuildPoll(std::vector<pollfd>& fds, int64_t& wake_us);
  void Accept();
  void Kill(Conn& c, bool reset);
  void ReadSide(Conn& c, int d);
  void Deliver(Conn& c, int d, int64_t now);
  bool StopAt(Conn& c, int d, int64_t now, size_t& allowed);
  void MaybeReplay(Conn& c);
  void StepReplay(Replay& r, short revents);
  void Step(const std::vector<pollfd>& fds);
};

void FaultProxy::Impl::Kill(Conn& c, bool reset) {
  CloseSocket(c.fd[0], reset);
  CloseSocket(c.fd[1], reset);
  c.dead = true;
  records[static_cast<size_t>(c.record)].closed = true;
}

void FaultProxy::Impl::Accept() {
  const int fd = accept4(listen_fd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
  if (fd < 0) {
    return;
  }
  ConnectionPlan plan = then;
  if (!plans.empty()) {
    plan = plans.front();
    plans.pop_front();
  }
  Conn& c = conns.emplace_back(plan);
  c.record = static_cast<int>(records.size());
  records.push_back({});
  records.back().index = c.record;
  stats.connections += 1;
  c.fd[0] = fd;
  c.fd[1] = ConnectLoopback(target);
  if (c.fd[1] < 0) {
    Kill(c, true);
  }
}

void FaultProxy::Impl::ReadSide(Conn& c, int d) {
  char buffer[65536];
  const ssize_t n = read(c.Source(d), buffer, sizeof(buffer));
  if (n == 0) {
    c.eof[d] = true;
    return;
  }
  if (n < 0) {
    if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
      Kill(c, true);  // a reset on one side becomes a reset on the other
    }
    return;
  }
  const std::string_view bytes(buffer, static_cast<size_t>(n));
  c.framing[d].Feed(bytes);
  ConnectionRecord& record = records[static_cast<size_t>(c.record)];
  record.header_end[d] = c.framing[d].header_end();
  record.message_end[d] = c.framing[d].message_end();
  const int64_t end = c.framing[0].message_end();
  if (d == 0 && (end < 0 || static_cast<int64_t>(c.captured.size()) < end)) {
    c.captured.append(bytes);
  }
  c.queue[d].Push(bytes, NowUs());
}

// Applies the cut and stall points of direction `d` before a write of `allowed` bytes: shrinks
// `allowed` so no write passes a point, and returns true when the connection must not be
// written now (it was cut, or a stall began).
bool FaultProxy::Impl::StopAt(Conn& c, int d, int64_t now, size_t& allowed) {
  ConnectionRecord& record = records[static_cast<size_t>(c.record)];
  const int64_t done = record.forwarded[d];
  auto limit = [&](const BytePoint& point) -> int64_t {
    const int64_t base = point.anchor == Anchor::kStart ? 0 : c.framing[d].header_end();
    return base < 0 ? kForever : base + point.bytes;
  };
  if (c.plan.cut && static_cast<int>(c.plan.cut->direction) == d) {
    const int64_t at = limit(*c.plan.cut);
    if (done >= at) {
      record.cut = true;
      record.cut_direction = static_cast<Direction>(d);
      record.cut_at = done;
      stats.cuts += 1;
      Kill(c, c.plan.cut_with_reset);
      return true;
    }
    allowed = static_cast<size_t>(std::min<int64_t>(static_cast<int64_t>(allowed), at - done));
  }
  if (c.plan.stall && !c.stall_used && static_cast<int>(c.plan.stall->direction) == d) {
    const int64_t at = limit(*c.plan.stall);
    if (done >= at) {
      c.stall_used = true;
      c.stall_until_us = c.plan.stall_ms < 0 ? kForever : now + c.plan.stall_ms * 1000;
      record.stalled = true;
      stats.stalls += 1;
      return true;
    }
    allowed = static_cast<size_t>(std::min<int64_t>(static_cast<int64_t>(allowed), at - done));
  }
  return false;
}

void FaultProxy::Impl::Deliver(Conn& c, int d, int64_t now) {
  ConnectionRecord& record = records[static_cast<size_t>(c.record)];
  while (!c.dead && now >= c.stall_until_us && !c.queue[d].empty() &&
         c.queue[d].NextDueUs() <= now) {
    size_t allowed = c.queue[d].Front().size();
    if (StopAt(c, d, now, allowed)) {
      return;
    }
    const ssize_t n = send(c.Dest(d), c.queue[d].Front().data(), allowed, MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EAGAIN || errno == EWOULDBLOCK) {
        c.blocked[d] = true;
      } else if (errno != EINTR) {
        Kill(c, true);
      }
      return;
    }
    c.blocked[d] = false;
    c.queue[d].Consume(static_cast<size_t>(n));
    record.forwarded[d] += n;
    (d == 0 ? stats.bytes_up : stats.bytes_down) += n;
    MaybeReplay(c);
  }
  if (!c.dead && c.eof[d] && c.queue[d].empty() && !c.shut[d]) {
    shutdown(c.Dest(d), SHUT_WR);
    c.shut[d] = true;
  }
}

void FaultProxy::Impl::MaybeReplay(Conn& c) {
  if (c.plan.duplicate == Duplicate::kNone || c.duplicate_started) {
    return;
  }
  const ConnectionRecord& record = records[static_cast<size_t>(c.record)];
  const int64_t request_end = c.framing[0].message_end();
  const int64_t reply_end = c.framing[1].message_end();
  const bool request_sent = request_end > 0 && record.forwarded[0] >= request_end;
  const bool reply_sent = reply_end > 0 && record.forwarded[1] >= reply_end;
  if (!request_sent || (c.plan.duplicate == Duplicate::kAfterReply && !reply_sent)) {
    return;
  }
  c.duplicate_started = true;
  Replay& replay = replays.emplace_back();
  replay.record = c.record;
  replay.out = c.captured.substr(0, static_cast<size_t>(request_end));
  replay.fd = ConnectLoopback(target);
}

void FaultProxy::Impl::StepReplay(Replay& r, short revents) {
  ConnectionRecord& record = records[static_cast<size_t>(r.record)];
  if ((revents & (POLLERR | POLLHUP)) != 0 && r.written < r.out.size()) {
    CloseSocket(r.fd, false);
    return;
  }
  if (r.written < r.out.size() && (revents & POLLOUT) != 0) {
    const ssize_t n = send(r.fd, r.out.data() + r.written, r.out.size() - r.written, MSG_NOSIGNAL);
    if (n < 0 && errno != EAGAIN && errno != EINTR) {
      CloseSocket(r.fd, false);
      return;
    }
    r.written += static_cast<size_t>(std::max<ssize_t>(n, 0));
    if (r.written == r.out.size()) {
      record.duplicated = true;
      stats.duplicates += 1;
    }
    return;
  }
  if ((revents & (POLLIN | POLLHUP | POLLERR)) != 0) {
    char buffer[16384];
    const ssize_t n = read(r.fd, buffer, sizeof(buffer));
    if (n > 0) {
      r.framing.Feed(std::string_view(buffer, static_cast<size_t>(n)));
      r.received += n;
      record.duplicate_status = r.framing.start_line();
    }
    const int64_t end = r.framing.message_end();
    if (n <= 0 ? errno != EAGAIN : (end >= 0 && r.received >= end)) {
      CloseSocket(r.fd, false);
    }
  }
}

void FaultProxy::Impl::BuildPoll(std::vector<pollfd>& fds, int64_t& wake_us) {
  fds.push_back({listen_fd, POLLIN, 0});
  for (Conn& c : conns) {
    const bool stalled = NowUs() < c.stall_until_us;
    c.poll_at = fds.size();
    for (int d = 0; d < 2; ++d) {
      short events = 0;
      if (d == 1 && c.connecting) {
        events = POLLOUT;
      } else if (!c.eof[d] && c.queue[d].queued_bytes() < kMaxQueuedBytes) {
        events = POLLIN;
      }
      if (c.blocked[1 - d] && !stalled) {
        events = static_cast<short>(events | POLLOUT);
      }
      // A socket with nothing to wait for is left out, or its POLLHUP would spin the loop.
      fds.push_back({events == 0 ? -1 : c.Source(d), events, 0});
      if (!c.blocked[d] && !(d == 0 && c.connecting)) {
        wake_us = std::min(wake_us, std::max(c.queue[d].NextDueUs(), c.stall_until_us));
      }
    }
  }
  for (Replay& r : replays) {
    r.poll_at = fds.size();
    const short events = r.written < r.out.size() ? POLLOUT : POLLIN;
    fds.push_back({r.fd, events, 0});
  }
}

void FaultProxy::Impl::Step(const std::vector<pollfd>& fds) {
  for (Conn& c : conns) {
    for (int d = 0; d < 2 && !c.dead && c.poll_at > 0; ++d) {
      const short revents = fds[c.poll_at + static_cast<size_t>(d)].revents;
      if (d == 1 && c.connecting) {
        if (revents == 0) {
          continue;
        }
        if (ConnectFailed(c.fd[1])) {
          Kill(c, true);
          continue;
        }
        c.connecting = false;
        records[static_cast<size_t>(c.record)].upstream_connected = true;
      } else if ((revents & (POLLIN | POLLHUP | POLLERR)) != 0 && !c.eof[d]) {
        ReadSide(c, d);
      }
      if ((revents & POLLOUT) != 0) {
        c.blocked[1 - d] = false;
      }
    }
  }
  for (Replay& r : replays) {
    if (r.poll_at > 0) {
      StepReplay(r, fds[r.poll_at].revents);
    }
  }
  if ((fds[0].revents & POLLIN) != 0) {
    Accept();  // after the loops above: a new connection has no pollfd yet
  }
}

void FaultProxy::Impl::Run() {
  std::vector<pollfd> fds;
  while (!stop) {
    fds.clear();
    int64_t wake_us = kForever;
    {
      std::lock_guard<std::mutex> lock(mutex);
      BuildPoll(fds, wake_us);
    }
    const int64_t now = NowUs();
    const int64_t wait_ms = wake_us <= now ? 0 : std::min<int64_t>(kTickMs, (wake_us - now) / 1000);
    poll(fds.data(), fds.size(), static_cast<int>(wait_ms));
    std::lock_guard<std::mutex> lock(mutex);
    Step(fds);
    const int64_t after = NowUs();
    for (Conn& c : conns) {
      if (reset_all && !c.dead) {
        Kill(c, true);
      }
      for (int d = 0; d < 2 && !c.dead && !(c.connecting && d == 0); ++d) {
        Deliver(c, d, after);
      }
      if (!c.dead && c.shut[0] && c.shut[1]) {
        Kill(c, false);
      }
    }
    reset_all = false;
    conns.remove_if([](const Conn& c) { return c.dead; });
    replays.remove_if([](const Replay& r) { return r.fd < 0; });
  }
}

core::Result<std::unique_ptr<FaultProxy>> FaultProxy::Start(uint16_t target_port,
                                                            uint16_t listen_port) {
  auto impl = std::make_unique<Impl>();
  impl->target = target_port;
  impl->listen_fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  const int one = 1;
  setsockopt(impl->listen_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
  sockaddr_in address = Loopback(listen_port);
  socklen_t length = sizeof(address);
  if (impl->listen_fd < 0 ||
      bind(impl->listen_fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
      listen(impl->listen_fd, 64) != 0 ||
      getsockname(impl->listen_fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    const std::string reason = std::strerror(errno);
    CloseSocket(impl->listen_fd, false);
    return core::MakeError(core::ErrorCode::kInternal, "fault proxy cannot listen: " + reason);
  }
  SetNonBlocking(impl->listen_fd);
  impl->port = ntohs(address.sin_port);
  Impl* raw = impl.get();
  impl->thread = std::thread([raw] { raw->Run(); });
  return std::unique_ptr<FaultProxy>(new FaultProxy(std::move(impl)));
}

FaultProxy::FaultProxy(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

FaultProxy::~FaultProxy() {
  impl_->stop = true;
  impl_->thread.join();
  for (Conn& c : impl_->conns) {
    CloseSocket(c.fd[0], true);
    CloseSocket(c.fd[1], true);
  }
  for (Replay& r : impl_->replays) {
    CloseSocket(r.fd, true);
  }
  CloseSocket(impl_->listen_fd, false);
}

uint16_t FaultProxy::port() const { return impl_->port; }

void FaultProxy::SetTarget(uint16_t target_port) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->target = target_port;
}

void FaultProxy::SetPlans(std::vector<ConnectionPlan> plans, ConnectionPlan then) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->plans.assign(plans.begin(), plans.end());
  impl_->then = then;
}

void FaultProxy::SetPlan(ConnectionPlan plan) { SetPlans({}, plan); }

void FaultProxy::ResetAll() {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->reset_all = true;
}

ProxyStats FaultProxy::Stats() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->stats;
}

std::vector<ConnectionRecord> FaultProxy::Connections() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->records;
}

bool FaultProxy::WaitUntil(const std::function<bool(const std::vector<ConnectionRecord>&)>& done,
                           int timeout_ms) const {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (!done(Connections())) {
    if (std::chrono::steady_clock::now() >= deadline) {
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

}  // namespace raida::testing
