// FakeTransport: records, decodes and hands each request to the test's handler.
#include "fake_transport.h"

#include <gtest/gtest.h>

namespace raida::sync::testing {

TransportResult FakeTransport::Post(const HttpRequest& request) {
  requests_.push_back(request);
  SyncRequest parsed;
  if (request.path == kSyncPath) {
    auto json = Decompress(request.body, kMaxInflatedBytes);
    EXPECT_TRUE(json.ok()) << "the client sent a sync body that is not zstd";
    auto decoded = json.ok() ? ParseRequest(*json) : core::Result<SyncRequest>(json.error());
    EXPECT_TRUE(decoded.ok()) << decoded.error().message;
    if (decoded.ok()) {
      parsed = *decoded;
    }
  }
  parsed_.push_back(parsed);
  TransportResult result = handler_(request, parsed);
  if (auto* reply = std::get_if<HttpReply>(&result)) {
    reply->wire_bytes_up = static_cast<int64_t>(request.body.size()) + 200;
    reply->wire_bytes_down = static_cast<int64_t>(reply->body.size()) + 100;
  }
  return result;
}

HttpReply ReplyWith(const SyncResponse& response) {
  HttpReply reply;
  reply.status = 200;
  reply.headers["content-encoding"] = "zstd";
  reply.body = Compress(SerializeResponse(response));
  return reply;
}

HttpReply ErrorWith(int status, const std::string& code, const std::string& extra) {
  HttpReply reply;
  reply.status = status;
  reply.body = "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + code + " from the test\"" +
               (extra.empty() ? "" : "," + extra) + "}}";
  return reply;
}

SyncResponse AckOf(const SyncRequest& request, std::vector<ChangeResult> results,
                   int64_t server_time) {
  SyncResponse response;
  response.server_time = server_time;
  if (request.push) {
    response.ack = Ack{request.push->batch, false, std::move(results)};
  }
  response.next = request.cursor;
  return response;
}

}  // namespace raida::sync::testing
