// A district server's sync engine on an in-memory store loaded with the demo district, for
// tests that drive it directly (no HTTP).
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "raida/core/clock.h"
#include "raida/core/district_data.h"
#include "raida/core/hlc.h"
#include "raida/core/migrations.h"
#include "raida/core/store.h"
#include "raida/sync/protocol.h"
#include "sync_engine.h"

namespace raida::server {

class EngineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = core::Store::Open({":memory:"}, clock_);
    ASSERT_TRUE(store.ok()) << store.error().message;
    store_ = std::move(store).value();
    auto loaded = core::LoadDistrictFile(
        *store_, std::string(RAIDA_SOURCE_DIR) + "/assets/demo/rokiskis.json");
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    engine_ = std::make_unique<SyncEngine>(*store_, clock_);
    auto published = engine_->PublishAll();
    ASSERT_TRUE(published.ok()) << published.error().message;
  }

  int64_t NewDevice(const std::string& center_id) {
    auto code = engine_->IssueProvisioningCode(center_id);
    EXPECT_TRUE(code.ok());
    auto device = engine_->Provision(code->code, "kiosk");
    EXPECT_TRUE(device.ok()) << device.error().message;
    next_batch_[device->device_no] = 1;
    return device->device_no;
  }

  // A stamp `offset_ms` from the server's now.
  uint64_t Stamp(int64_t offset_ms = 0) {
    return core::MakeHlc(clock_.NowMs() + offset_ms, static_cast<uint16_t>(++counter_));
  }

  sync::SyncRequest Request(int64_t device, const std::vector<sync::PushChange>& changes,
                            int64_t cursor = 0) {
    sync::SyncRequest request;
    request.device = device;
    request.epoch = "00000000000000" + std::to_string(device % 10) + "a";
    request.schema = schema_;
    request.app = "test";
    request.cursor = cursor;
    request.local_ms = clock_.NowMs();
    if (!changes.empty()) {
      sync::PushBatch push;
      push.batch = next_batch_[device];
      push.first = changes.front().seq;
      push.last = changes.back().seq;
      push.changes = changes;
      request.push = push;
    }
    return request;
  }

  // Sends one batch of `changes` (seq numbers taken as given) and expects 200.
  sync::SyncResponse Push(int64_t device, const std::vector<sync::PushChange>& changes,
                          int64_t cursor = 0) {
    const HttpReply reply =
        engine_->HandleSync(device, sync::SerializeRequest(Request(device, changes, cursor)));
    EXPECT_EQ(reply.status, 200) << reply.body;
    auto response = sync::ParseResponse(reply.body);
    EXPECT_TRUE(response.ok()) << reply.body;
    if (!changes.empty()) {
      ++next_batch_[device];
    }
    return response.ok() ? response.value() : sync::SyncResponse{};
  }

  // Every entry `device` receives when it pulls from `cursor` to the end, in pages of about
  // `max_bytes` (0: the request's default); `*end`, when given, is the cursor it ends at.
  std::vector<sync::PulledChange> PullAll(int64_t device, int64_t cursor = 0, int64_t max_bytes = 0,
                                          int64_t* end = nullptr) {
    std::vector<sync::PulledChange> all;
    for (int page = 0; page < 1000; ++page) {
      sync::SyncRequest request = Request(device, {}, cursor);
      if (max_bytes > 0) {
        request.max_bytes = max_bytes;
      }
      auto reply =
          sync::ParseResponse(engine_->HandleSync(device, sync::SerializeRequest(request)).body);
      EXPECT_TRUE(reply.ok());
      if (!reply.ok()) {
        break;
      }
      all.insert(all.end(), reply->changes.begin(), reply->changes.end());
      cursor = reply->next;
      if (!reply->more) {
        break;
      }
    }
    if (end != nullptr) {
      *end = cursor;
    }
    return all;
  }

  // One change with the next seq of `device`.
  sync::PushChange Change(int64_t device, const std::string& table, const std::string& pk,
                          const std::string& cols, uint64_t hlc = 0) {
    return sync::PushChange{++seq_[device], table, pk, hlc == 0 ? Stamp() : hlc, cols};
  }

  std::string Text(const std::string& sql) {
    auto stmt = store_->db().Prepare(sql);
    EXPECT_TRUE(stmt.ok()) << sql;
    auto row = stmt->Step();
    EXPECT_TRUE(row.ok() && row.value()) << sql;
    return stmt->ColumnText(0);
  }
  int64_t Int(const std::string& sql) { return std::stoll(Text(sql)); }

  core::ManualClock clock_{1'767'225'600'000};
  std::unique_ptr<core::Store> store_;
  std::unique_ptr<SyncEngine> engine_;
  int schema_ = core::LatestSchemaVersion();  // the kiosks' schema version in requests
  std::map<int64_t, int64_t> next_batch_;
  std::map<int64_t, int64_t> seq_;
  int counter_ = 0;
};

}  // namespace raida::server
