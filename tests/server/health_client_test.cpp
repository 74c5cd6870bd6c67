// CheckHealth against stub servers on 127.0.0.1 that misbehave on purpose: a closed port, a
// server too slow to answer, answers that are not Raida's health JSON, and bad addresses.
// Every failure must come back quickly as the right ErrorCode.
#include "raida/sync/health_client.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <functional>
#include <thread>

namespace raida::sync {
namespace {

using core::ErrorCode;
using Clock = std::chrono::steady_clock;

// An httplib server on an ephemeral loopback port with one GET handler, stopped on destruction.
class StubServer {
 public:
  explicit StubServer(httplib::Server::Handler handler) {
    server_.Get("/api/v1/health", std::move(handler));
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }
  ~StubServer() {
    server_.stop();
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

// A loopback port that was free a moment ago and now has nobody listening.
int ClosedPort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  close(fd);
  return ntohs(address.sin_port);
}

int64_t MsSince(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

TEST(HealthClientTest, ParsesAGoodAnswer) {
  StubServer stub([](const httplib::Request&, httplib::Response& response) {
    response.set_content(R"({"status":"ok","server_version":"9.8.7","schema_version":4,)"
                         R"("server_time_ms":1795435200000,"district_id":"district.test"})",
                         "application/json");
  });
  auto health = CheckHealth(stub.url() + "/");  // a trailing slash is fine
  ASSERT_TRUE(health.ok()) << health.error().message;
  EXPECT_EQ(health->server_version, "9.8.7");
  EXPECT_EQ(health->schema_version, 4);
  EXPECT_EQ(health->server_time_ms, 1'795'435'200'000);
  EXPECT_EQ(health->district_id, "district.test");
}

TEST(HealthClientTest, ClosedPortIsANetworkErrorAtOnce) {
  const auto start = Clock::now();
  auto health = CheckHealth("http://127.0.0.1:" + std::to_string(ClosedPort()), 2000);
  ASSERT_FALSE(health.ok());
  EXPECT_EQ(health.error().code, ErrorCode::kNetwork);
  EXPECT_NE(health.error().message.find("did not accept the connection"), std::string::npos)
      << health.error().message;
  EXPECT_LT(MsSince(start), 1000);
}

TEST(HealthClientTest, SlowServerTimesOutWithinTheLimit) {
  StubServer stub([](const httplib::Request&, httplib::Response& response) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    response.set_content("{}", "application/json");
  });
  const auto start = Clock::now();
  auto health = CheckHealth(stub.url(), 300);
  ASSERT_FALSE(health.ok());
  EXPECT_EQ(health.error().code, ErrorCode::kNetwork);
  EXPECT_NE(health.error().message.find("did not answer in time"), std::string::npos)
      << health.error().message;
  EXPECT_LT(MsSince(start), 1200);
}

TEST(HealthClientTest, AnswerThatIsNotHealthJsonIsCorrupt) {
  StubServer stub([](const httplib::Request&, httplib::Response& response) {
    response.set_content("<html>router login</html>", "text/html");
  });
  auto health = CheckHealth(stub.url());
  ASSERT_FALSE(health.ok());
  EXPECT_EQ(health.error().code, ErrorCode::kCorrupt);
}

TEST(HealthClientTest, JsonWithMissingFieldsIsCorrupt) {
  StubServer stub([](const httplib::Request&, httplib::Response& response) {
    response.set_content(R"({"status":"ok","server_version":"1"})", "application/json");
  });
  auto health = CheckHealth(stub.url());
  ASSERT_FALSE(health.ok());
  EXPECT_EQ(health.error().code, ErrorCode::kCorrupt);
  EXPECT_NE(health.error().message.find("schema_version"), std::string::npos)
      << health.error().message;
}

TEST(HealthClientTest, ServerErrorIsANetworkErrorToRetry) {
  StubServer stub(
      [](const httplib::Request&, httplib::Response& response) { response.status = 503; });
  auto health = CheckHealth(stub.url());
  ASSERT_FALSE(health.ok());
  EXPECT_EQ(health.error().code, ErrorCode::kNetwork);
  EXPECT_NE(health.error().message.find("503"), std::string::npos);
}

TEST(HealthClientTest, NotFoundMeansNotARaidaServer) {
  StubServer stub(
      [](const httplib::Request&, httplib::Response& response) { response.status = 404; });
  auto health = CheckHealth(stub.url());
  ASSERT_FALSE(health.ok());
  EXPECT_EQ(health.error().code, ErrorCode::kCorrupt);
}

TEST(HealthClientTest, OnlyHttpAndHttpsAddressesAreAccepted) {
  for (const char* url : {"ftp://127.0.0.1/", "file:///etc/passwd", "127.0.0.1:8080", ""}) {
    auto health = CheckHealth(url);
    ASSERT_FALSE(health.ok()) << url;
    EXPECT_EQ(health.error().code, ErrorCode::kInvalidArgument) << url;
  }
}

}  // namespace
}  // namespace raida::sync
