// Credentials: the secret file is 0600, atomic and checked on reading; provisioning stores the
// device number and server in the database and the secret beside it, refuses a second
// provisioning without force, and stores nothing when the server refuses the code.
#include "raida/sync/credentials.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "fake_transport.h"
#include "kiosk_fixture.h"
#include "raida/core/sealed_notes.h"

namespace raida::sync::testing {
namespace {

TEST(SecretFileTest, WrittenWithMode0600AndReadBack) {
  TempDir dir;
  const std::string path = dir.File("kiosk.db.secret");
  const std::string secret(32, '\x01');
  ASSERT_TRUE(WriteSecretFile(path, secret).ok());
  struct stat info {};
  ASSERT_EQ(::stat(path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  auto read = ReadSecretFile(path);
  ASSERT_TRUE(read.ok()) << read.error().message;
  EXPECT_EQ(*read, secret);
  ASSERT_TRUE(WriteSecretFile(path, std::string(32, '\x02')).ok());  // replaced atomically
  EXPECT_EQ(*ReadSecretFile(path), std::string(32, '\x02'));
  EXPECT_FALSE(std::filesystem::exists(path + ".tmp"));
  ::chmod(path.c_str(), 0644);
  EXPECT_EQ(ReadSecretFile(path).error().code, core::ErrorCode::kUnauthorized);
  ::chmod(path.c_str(), 0600);
  std::ofstream(path) << "not hex\n";
  EXPECT_EQ(ReadSecretFile(path).error().code, core::ErrorCode::kCorrupt);
  EXPECT_EQ(ReadSecretFile(dir.File("missing")).error().code, core::ErrorCode::kNotFound);
}

HttpReply ProvisionReply(int64_t device) {
  HttpReply reply;
  reply.status = 200;
  reply.body = "{\"device\":" + std::to_string(device) + ",\"secret\":\"" + std::string(64, 'a') +
               "\",\"center\":\"center.bajorai\",\"district\":\"district.rokiskis\"}";
  return reply;
}

TEST(ProvisionTest, StoresIdentityAndRefusesASecondTimeWithoutForce) {
  TempDir dir;
  core::ManualClock clock(core::testing::kTestNowMs);
  const std::string db = dir.File("kiosk.db");
  auto store = core::testing::OpenStore(clock, db);
  std::string sent_body;
  FakeTransport transport([&](const HttpRequest& request, const SyncRequest&) -> TransportResult {
    sent_body = request.body;
    return ProvisionReply(7);
  });
  ProvisionRequest request{"http://127.0.0.1:1", "1234-5678", "Bajorai kiosk 1", "", false};
  auto result = Provision(*store, transport, SecretPathFor(db), request);
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->device, 7);
  EXPECT_EQ(store->device_id(), 7);
  EXPECT_NE(sent_body.find("\"code\":\"1234-5678\""), std::string::npos);
  EXPECT_EQ(*ReadSecretFile(SecretPathFor(db)), std::string(32, '\xaa'));
  auto meta = core::SyncMetaRepository(*store);
  EXPECT_EQ(meta.GetText("center_id")->value_or(""), "center.bajorai");
  EXPECT_EQ(meta.GetText("server_url")->value_or(""), "http://127.0.0.1:1");

  auto again = Provision(*store, transport, SecretPathFor(db), request);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, core::ErrorCode::kConflict);
  request.force = true;
  transport.set_handler(
      [](const HttpRequest&, const SyncRequest&) -> TransportResult { return ProvisionReply(9); });
  ASSERT_TRUE(Provision(*store, transport, SecretPathFor(db), request).ok());
  EXPECT_EQ(store->device_id(), 9);
}

TEST(ProvisionTest, TheCentersKeyGoesBesideTheSecretAndAnOldOneGoesWithoutIt) {
  TempDir dir;
  core::ManualClock clock(core::testing::kTestNowMs);
  const std::string db = dir.File("kiosk.db");
  auto store = core::testing::OpenStore(clock, db);
  HttpReply with_key = ProvisionReply(7);
  with_key.body.insert(with_key.body.size() - 1,
                       ",\"center_key\":\"" + std::string(64, 'b') + "\"");
  FakeTransport transport(
      [&](const HttpRequest&, const SyncRequest&) -> TransportResult { return with_key; });
  ProvisionRequest request{"http://127.0.0.1:1", "1234-5678", "Bajorai kiosk 1", "", false};
  auto result = Provision(*store, transport, SecretPathFor(db), request);
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_TRUE(result->center_key);
  const std::string key_path = core::CenterKeyPathFor(db);
  struct stat info {};
  ASSERT_EQ(::stat(key_path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  auto key = core::ReadCenterKeyFile(key_path);
  ASSERT_TRUE(key.ok()) << key.error().message;
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(key->data()), key->size()),
            std::string(32, '\xbb'));

  // A server older than sealed notes sends no key: the kiosk keeps none, not another center's.
  transport.set_handler(
      [](const HttpRequest&, const SyncRequest&) -> TransportResult { return ProvisionReply(9); });
  request.force = true;
  result = Provision(*store, transport, SecretPathFor(db), request);
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_FALSE(result->center_key);
  EXPECT_EQ(core::ReadCenterKeyFile(key_path).error().code, core::ErrorCode::kNotFound);
}

TEST(ProvisionTest, ARefusedCodeStoresNothing) {
  TempDir dir;
  core::ManualClock clock(core::testing::kTestNowMs);
  const std::string db = dir.File("kiosk.db");
  auto store = core::testing::OpenStore(clock, db);
  FakeTransport transport([](const HttpRequest&, const SyncRequest&) -> TransportResult {
    return ErrorWith(401, "bad_code");
  });
  auto result =
      Provision(*store, transport, SecretPathFor(db), {"http://127.0.0.1:1", "0", "", "", false});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, core::ErrorCode::kUnauthorized);
  EXPECT_EQ(store->device_id(), 0);
  EXPECT_FALSE(std::filesystem::exists(SecretPathFor(db)));
}

}  // namespace
}  // namespace raida::sync::testing
