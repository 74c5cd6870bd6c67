// Coordinator accounts from the district office (raida-server add-coordinator and
// set-coordinator-passphrase go through these): a new account and a new passphrase reach the
// kiosks at their next pull; bad input changes nothing. That a kiosk starts an account afresh
// when it sees another published hash is tests/core/coordinator_auth_test.cpp's.
#include <sodium.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engine_fixture.h"
#include "raida/core/coordinator_auth.h"

namespace raida::server {
namespace {

class CoordinatorAccountTest : public EngineTest {
 protected:
  static std::string Hash(const std::string& passphrase) {
    auto hash = core::CoordinatorAuth::HashPassphrase(passphrase, core::PinHashCost::Cheapest());
    EXPECT_TRUE(hash.ok());
    return hash.ok() ? hash.value() : std::string();
  }
  // The entries for coordinator `id` that `device` pulls after `cursor`.
  std::vector<nlohmann::json> Pulled(int64_t device, const std::string& id, int64_t cursor = 0) {
    std::vector<nlohmann::json> out;
    for (const auto& change : PullAll(device, cursor)) {
      if (change.table == "coordinator" && change.pk == id) {
        out.push_back(nlohmann::json::parse(change.cols_json));
      }
    }
    return out;
  }
  int64_t Head() { return Int("SELECT coalesce(max(server_seq), 0) FROM change_log"); }
  int64_t Coordinators() { return Int("SELECT count(*) FROM coordinator"); }
};

TEST_F(CoordinatorAccountTest, ANewAccountReachesTheKiosks) {
  const int64_t kiosk = NewDevice("center.salos");
  const int64_t before = Head();
  auto id = engine_->AddCoordinator("center.salos", "ona.k", "Ona Kazlauskienė",
                                    Hash("vasara prie upes"));
  ASSERT_TRUE(id.ok()) << id.error().message;
  EXPECT_EQ(*id, "coordinator.ona.k");
  const auto entries = Pulled(kiosk, *id, before);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].value("center_id", ""), "center.salos");
  EXPECT_EQ(entries[0].value("login", ""), "ona.k");
  EXPECT_EQ(entries[0].value("display_name", ""), "Ona Kazlauskienė");
  const std::string hash = entries[0].value("passphrase_hash", "");
  EXPECT_EQ(crypto_pwhash_str_verify(hash.c_str(), "vasara prie upes", 16), 0);
}

TEST_F(CoordinatorAccountTest, BadAccountsChangeNothing) {
  const int64_t head = Head();
  const int64_t count = Coordinators();
  const std::string hash = Hash("vasara prie upes");
  EXPECT_EQ(engine_->AddCoordinator("center.nowhere", "ona.k", "Ona", hash).error().code,
            core::ErrorCode::kNotFound);
  EXPECT_EQ(engine_->AddCoordinator("center.salos", "rasa.v", "Rasa", hash).error().code,
            core::ErrorCode::kConflict);
  for (const char* login : {"", "Ona K", "ona;drop", "onà"}) {
    EXPECT_EQ(engine_->AddCoordinator("center.salos", login, "Ona", hash).error().code,
              core::ErrorCode::kInvalidArgument)
        << login;
  }
  EXPECT_EQ(engine_->AddCoordinator("center.salos", "ona.k", "", hash).error().code,
            core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(engine_->SetCoordinatorPassphrase("nobody", hash).error().code,
            core::ErrorCode::kNotFound);
  EXPECT_EQ(engine_->SetCoordinatorPassphrase("rasa.v", "").error().code,
            core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(Head(), head);
  EXPECT_EQ(Coordinators(), count);
}

// The district office's reset of a locked account: a new passphrase, pulled by the kiosks of the
// district with only that column changed.
TEST_F(CoordinatorAccountTest, ANewPassphraseReachesTheKiosks) {
  const int64_t kiosk = NewDevice("center.bajorai");
  const int64_t cursor = Head();
  ASSERT_TRUE(engine_->SetCoordinatorPassphrase("rasa.v", Hash("ziema prie ezero")).ok());
  const auto entries = Pulled(kiosk, "coordinator.bajorai.1", cursor);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].size(), 1u) << entries[0].dump();
  const std::string hash = entries[0].value("passphrase_hash", "");
  EXPECT_EQ(crypto_pwhash_str_verify(hash.c_str(), "ziema prie ezero", 16), 0);
  EXPECT_NE(crypto_pwhash_str_verify(hash.c_str(), "ruduo prie ezero", 16), 0);
  EXPECT_EQ(Int("SELECT count(*) FROM coordinator WHERE login = 'rasa.v' AND passphrase_hash = '" +
                hash + "'"),
            1);
}

}  // namespace
}  // namespace raida::server
