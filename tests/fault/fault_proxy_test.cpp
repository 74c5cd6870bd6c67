// FaultProxy on its own, between a cpp-httplib client and server on 127.0.0.1: latency and the
// bandwidth cap slow a transfer down by the expected amount, a cut in the request headers never
// reaches the server, a cut in the reply loses only the reply, a duplicate reaches the server
// twice, and a stall holds the reply until it ends.
#include "fault_proxy.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <thread>

namespace raida::testing {
namespace {

class FaultProxyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_.Post("/echo", [this](const httplib::Request& request, httplib::Response& response) {
      hits_ += 1;
      response.set_content(request.body, "application/octet-stream");
    });
    const int port = server_.bind_to_any_port("127.0.0.1");
    ASSERT_GT(port, 0);
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    auto proxy = FaultProxy::Start(static_cast<uint16_t>(port));
    ASSERT_TRUE(proxy.ok()) << proxy.error().message;
    proxy_ = std::move(proxy).value();
  }
  void TearDown() override {
    proxy_.reset();
    server_.stop();
    thread_.join();
  }
  // POSTs `body` through the proxy; the elapsed ms, or -1 when the request failed.
  int64_t Post(const std::string& body) {
    httplib::Client client("127.0.0.1", proxy_->port());
    client.set_read_timeout(10, 0);
    const auto start = std::chrono::steady_clock::now();
    auto result = client.Post("/echo", body, "application/octet-stream");
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::steady_clock::now() - start)
                        .count();
    return result && result->status == 200 && result->body == body ? ms : -1;
  }

  httplib::Server server_;
  std::thread thread_;
  std::atomic<int> hits_{0};
  std::unique_ptr<FaultProxy> proxy_;
};

TEST_F(FaultProxyTest, LatencyAndBandwidthCapSlowATransfer) {
  ConnectionPlan plan;
  plan.up = {100, 20'000};
  plan.down = {100, 0};
  proxy_->SetPlan(plan);
  const int64_t ms = Post(std::string(20'000, 'x'));
  EXPECT_GE(ms, 1'000 + 200) << "20 kB at 20 kB/s plus two 100 ms delays";
  EXPECT_LT(ms, 5'000);
  const ProxyStats stats = proxy_->Stats();
  EXPECT_EQ(stats.connections, 1);
  EXPECT_GT(stats.bytes_up, 20'000);
  EXPECT_GT(stats.bytes_down, 20'000);
}

TEST_F(FaultProxyTest, ACutInTheRequestHeadersNeverReachesTheServer) {
  ConnectionPlan plan;
  plan.cut = BytePoint{Direction::kUp, Anchor::kStart, 10};
  proxy_->SetPlans({plan}, {});
  EXPECT_EQ(Post("hello"), -1);
  const auto records = proxy_->Connections();
  ASSERT_EQ(records.size(), 1u);
  EXPECT_TRUE(records[0].cut);
  EXPECT_EQ(records[0].cut_at, 10);
  EXPECT_EQ(records[0].forwarded[0], 10);
  EXPECT_EQ(hits_, 0);
  EXPECT_GE(Post("hello"), 0) << "the next connection is clean";
  EXPECT_EQ(hits_, 1);
}

TEST_F(FaultProxyTest, ACutInTheReplyBodyLosesOnlyTheReply) {
  ConnectionPlan plan;
  plan.cut = BytePoint{Direction::kDown, Anchor::kBody, 3};
  plan.cut_with_reset = false;
  proxy_->SetPlans({plan}, {});
  EXPECT_EQ(Post("hello world"), -1);
  EXPECT_EQ(hits_, 1);
  const auto records = proxy_->Connections();
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].cut_at, records[0].header_end[1] + 3);
  EXPECT_EQ(records[0].message_end[0] - records[0].header_end[0], 11);
}

TEST_F(FaultProxyTest, ADuplicateReachesTheServerTwice) {
  ConnectionPlan plan;
  plan.duplicate = Duplicate::kAfterReply;
  proxy_->SetPlans({plan}, {});
  EXPECT_GE(Post("twice"), 0);
  ASSERT_TRUE(proxy_->WaitUntil(
      [](const std::vector<ConnectionRecord>& r) { return !r[0].duplicate_status.empty(); },
      5'000));
  EXPECT_EQ(hits_, 2);
  EXPECT_EQ(proxy_->Connections()[0].duplicate_status, "HTTP/1.1 200 OK");
  EXPECT_EQ(proxy_->Stats().duplicates, 1);
}

TEST_F(FaultProxyTest, AStallHoldsTheReplyUntilItEnds) {
  ConnectionPlan plan;
  plan.stall = BytePoint{Direction::kDown, Anchor::kStart, 0};
  plan.stall_ms = 500;
  proxy_->SetPlans({plan}, {});
  EXPECT_GE(Post("wait"), 500);
  EXPECT_TRUE(proxy_->Connections()[0].stalled);
}

}  // namespace
}  // namespace raida::testing
