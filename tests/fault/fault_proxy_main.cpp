// raida-fault-proxy: FaultProxy on the command line, for the benchmark and for trying faults by
// hand. Listens on 127.0.0.1, prints "proxy on 127.0.0.1:PORT" once bound, forwards to --target
// until SIGTERM or SIGINT, then prints what it forwarded:
//   connections: N
//   bytes up: N        (client -> server, as delivered)
//   bytes down: N
// Example, the 3G profile of ../shared/reference/sync-protocol.md §3.2 (300 ms round trip,
// 384 kbit/s): raida-fault-proxy --target 127.0.0.1:8080 --rtt-ms 300 --rate-bps 48000
// Exit codes: 0 stopped by a signal, 1 cannot listen, 2 bad command line.
#include <signal.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <string>

#include "fault_proxy.h"

namespace {

struct Options {
  int listen_port = 0;
  std::string target;
  int64_t latency_ms = 0;
  int64_t rtt_ms = 0;
  int64_t rate = 0;
  int64_t cut_up = -1;
  int64_t cut_down = -1;
  int64_t stall_down = -1;
  int64_t stall_ms = -1;
  bool duplicate = false;
  int faulty = -1;
};

raida::testing::ConnectionPlan Shape(const Options& o) {
  raida::testing::ConnectionPlan plan;
  const int64_t latency = o.latency_ms + o.rtt_ms / 2;
  plan.up = {latency, o.rate};
  plan.down = {latency, o.rate};
  return plan;
}

raida::testing::ConnectionPlan Faulty(const Options& o) {
  using raida::testing::Anchor;
  using raida::testing::Direction;
  raida::testing::ConnectionPlan plan = Shape(o);
  if (o.cut_up >= 0) {
    plan.cut = raida::testing::BytePoint{Direction::kUp, Anchor::kStart, o.cut_up};
  } else if (o.cut_down >= 0) {
    plan.cut = raida::testing::BytePoint{Direction::kDown, Anchor::kStart, o.cut_down};
  }
  if (o.stall_down >= 0) {
    plan.stall = raida::testing::BytePoint{Direction::kDown, Anchor::kStart, o.stall_down};
    plan.stall_ms = o.stall_ms;
  }
  if (o.duplicate) {
    plan.duplicate = raida::testing::Duplicate::kAfterReply;
  }
  return plan;
}

// "127.0.0.1:PORT" -> PORT; 0 when it is not a loopback address with a port.
int TargetPort(const std::string& target) {
  const std::string prefix = "127.0.0.1:";
  if (target.rfind(prefix, 0) != 0) {
    return 0;
  }
  try {
    const int port = std::stoi(target.substr(prefix.size()));
    return port > 0 && port < 65536 ? port : 0;
  } catch (const std::exception&) {
    return 0;
  }
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"Fault-injecting TCP proxy for Raida's tests and benchmark (127.0.0.1 only)"};
  Options o;
  cli.add_option("--listen-port", o.listen_port, "port to listen on; 0 picks a free one")
      ->check(CLI::Range(0, 65535));
  cli.add_option("--target", o.target, "where to forward, 127.0.0.1:PORT")->required();
  cli.add_option("--latency-ms", o.latency_ms, "delay added in each direction")
      ->check(CLI::Range(0, 60000));
  cli.add_option("--rtt-ms", o.rtt_ms, "round-trip delay, half added in each direction")
      ->check(CLI::Range(0, 120000));
  cli.add_option("--rate-bps", o.rate, "bandwidth cap per direction in BYTES per second")
      ->check(CLI::Range(0, 1'000'000'000));
  cli.add_option("--cut-up", o.cut_up, "reset after this many bytes client -> server");
  cli.add_option("--cut-down", o.cut_down, "reset after this many bytes server -> client");
  cli.add_option("--stall-down", o.stall_down, "stall after this many bytes server -> client");
  cli.add_option("--stall-ms", o.stall_ms, "how long a stall lasts; -1 forever");
  cli.add_flag("--duplicate", o.duplicate, "deliver each first request twice");
  cli.add_option("--faulty-connections", o.faulty,
                 "apply cut/stall/duplicate to this many first connections; -1 all");
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e) == 0 ? 0 : 2;
  }
  const int target = TargetPort(o.target);
  if (target == 0) {
    std::cerr << "raida-fault-proxy: --target must be 127.0.0.1:PORT\n";
    return 2;
  }
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);  // before the proxy's thread starts
  auto proxy = raida::testing::FaultProxy::Start(static_cast<uint16_t>(target),
                                                 static_cast<uint16_t>(o.listen_port));
  if (!proxy.ok()) {
    std::cerr << "raida-fault-proxy: " << proxy.error().message << "\n";
    return 1;
  }
  if (o.faulty < 0) {
    proxy.value()->SetPlan(Faulty(o));
  } else {
    proxy.value()->SetPlans(
        std::vector<raida::testing::ConnectionPlan>(static_cast<size_t>(o.faulty), Faulty(o)),
        Shape(o));
  }
  std::cout << "proxy on 127.0.0.1:" << proxy.value()->port() << std::endl;
  int signal_number = 0;
  sigwait(&signals, &signal_number);
  const raida::testing::ProxyStats stats = proxy.value()->Stats();
  std::cout << "connections: " << stats.connections << "\nbytes up: " << stats.bytes_up
            << "\nbytes down: " << stats.bytes_down << std::endl;
  return 0;
}
