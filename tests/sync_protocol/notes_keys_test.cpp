// Sealed notes on the server (notes_keys.h): provisioning hands a kiosk its center's key (one
// per center); a person without a notes key gets one, wrapped under their center's key, before a
// kiosk of that center pulls; a pushed notes_key is written once (a different one is set aside);
// erasure clears the key of the person and of everyone merged into them, in the rows, the change
// log and the kiosks' copies.
#include <sodium.h>

#include <nlohmann/json.hpp>

#include "engine_fixture.h"
#include "raida/core/sealed_notes.h"

namespace raida::server {
namespace {

using sync::ChangeOutcome;
using Json = nlohmann::json;

constexpr const char* kOna = "person.demo.01";  // a Bajorai person of the demo district

std::string UpperHex(const std::vector<uint8_t>& bytes) {
  std::string hex(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bytes.data(), bytes.size());
  hex.pop_back();
  for (char& c : hex) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return hex;
}

std::vector<uint8_t> FromHex(const std::string& hex) {
  std::vector<uint8_t> bytes(hex.size() / 2);
  size_t size = 0;
  EXPECT_EQ(
      sodium_hex2bin(bytes.data(), bytes.size(), hex.data(), hex.size(), nullptr, &size, nullptr),
      0);
  bytes.resize(size);
  return bytes;
}

class NotesKeysTest : public EngineTest {
 protected:
  // A new device of `center_id`; its center key goes to `*center_key`.
  int64_t Provisioned(const std::string& center_id, std::string* center_key) {
    auto code = engine_->IssueProvisioningCode(center_id);
    EXPECT_TRUE(code.ok());
    auto device = engine_->Provision(code->code, "kiosk");
    EXPECT_TRUE(device.ok()) << device.error().message;
    next_batch_[device->device_no] = 1;
    *center_key = device->center_key;
    return device->device_no;
  }

  core::SecretKey Key(const std::string& bytes) {
    return core::SecretKey::FromBytes(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size())
        .value();
  }

  // The server's notes_key of `person_id` as hex, "" when NULL.
  std::string HeldKey(const std::string& person_id) {
    return Text("SELECT coalesce(hex(notes_key), '') FROM person WHERE id = '" + person_id + "'");
  }

  // The last notes_key `entries` tell of `person_id`: "<none>" when none mentions it.
  static std::string PulledKey(const std::vector<sync::PulledChange>& entries,
                               const std::string& person_id) {
    std::string key = "<none>";
    for (const sync::PulledChange& entry : entries) {
      const Json cols = Json::parse(entry.cols_json);
      if (entry.table == "person" && entry.pk == person_id && cols.contains("notes_key")) {
        key = cols["notes_key"].is_null() ? "" : cols["notes_key"].get<std::string>();
      }
    }
    return key;
  }
};

TEST_F(NotesKeysTest, ProvisioningCarriesTheCentersKeyTheSameForEveryKioskThere) {
  std::string first, second, salos;
  Provisioned("center.bajorai", &first);
  Provisioned("center.bajorai", &second);
  Provisioned("center.salos", &salos);
  EXPECT_EQ(first.size(), core::kSecretKeyBytes);
  EXPECT_EQ(first, second);
  EXPECT_NE(first, salos);
  EXPECT_EQ(Int("SELECT count(*) FROM center_key"), 2);
  // The key is never published: no change-log entry names the table or holds the bytes.
  EXPECT_EQ(Int("SELECT count(*) FROM change_log WHERE tbl = 'center_key' OR instr(cols, '" +
                UpperHex(std::vector<uint8_t>(first.begin(), first.end())) + "') > 0"),
            0);
}

TEST_F(NotesKeysTest, APersonWithoutAKeyGetsOneBeforeTheirCenterPulls) {
  ASSERT_EQ(HeldKey(kOna), "");
  std::string center_key;
  const int64_t kiosk = Provisioned("center.bajorai", &center_key);
  const auto pulled = PullAll(kiosk);
  const std::string held = HeldKey(kOna);
  ASSERT_FALSE(held.empty());
  EXPECT_EQ(PulledKey(pulled, kOna), held);
  // It unwraps with the kiosk's center key, and with nothing else.
  EXPECT_TRUE(core::UnwrapPersonKey(Key(center_key), kOna, FromHex(held)).ok());
  EXPECT_FALSE(core::UnwrapPersonKey(core::SecretKey::Random(), kOna, FromHex(held)).ok());
  // Once given, the key stays: a later pull gives nobody a new one.
  const int64_t entries = Int("SELECT count(*) FROM change_log");
  PullAll(kiosk);
  EXPECT_EQ(HeldKey(kOna), held);
  EXPECT_EQ(Int("SELECT count(*) FROM change_log"), entries);
  // Salos people wait for a Salos kiosk.
  EXPECT_EQ(Int("SELECT count(*) FROM person p JOIN center c ON c.id = p.home_center_id WHERE "
                "c.id = 'center.salos' AND p.notes_key IS NOT NULL"),
            0);
}

TEST_F(NotesKeysTest, APushedKeyIsWrittenOnceAndADifferentOneIsSetAside) {
  std::string center_key;
  const int64_t a = Provisioned("center.bajorai", &center_key);
  const int64_t b = Provisioned("center.bajorai", &center_key);
  const core::SecretKey center = Key(center_key);
  const std::string first = UpperHex(core::WrapPersonKey(center, "1-1", core::SecretKey::Random()));
  const std::string other = UpperHex(core::WrapPersonKey(center, "1-1", core::SecretKey::Random()));
  Push(a, {Change(a, "person", "1-1",
                  R"({"family_name":"Test","given_name":"Ona","home_center_id":"center.bajorai",)"
                  R"("language":"lt","notes_key":")" +
                      first + R"("})")});
  EXPECT_EQ(HeldKey("1-1"), first);

  const auto refused = Push(b, {Change(b, "person", "1-1", R"({"notes_key":")" + other + R"("})")});
  ASSERT_EQ(refused.ack->results.size(), 1u);
  EXPECT_EQ(refused.ack->results[0].outcome, ChangeOutcome::kRejected);
  EXPECT_EQ(HeldKey("1-1"), first);
  EXPECT_EQ(Text("SELECT reason FROM quarantine ORDER BY id DESC LIMIT 1"),
            "notes_key_write_once: the person already has another notes key");
  // A NULL (the row as a kiosk made it before it had the key, sent again from a restored copy)
  // takes nothing away and sets nothing aside: its other fields go through, and the kiosk is
  // sent the key it lacks.
  int64_t cursor = 0;
  PullAll(b, 0, 0, &cursor);
  const auto cleared =
      Push(b, {Change(b, "person", "1-1", R"({"village":"Salos","notes_key":null})")});
  EXPECT_TRUE(cleared.ack->results.empty()) << "applied";
  EXPECT_EQ(HeldKey("1-1"), first);
  EXPECT_EQ(Text("SELECT village FROM person WHERE id = '1-1'"), "Salos");
  EXPECT_EQ(PulledKey(PullAll(b, cursor), "1-1"), first);

  // The same key again (a kiosk resending its row) is no conflict, and other fields go through.
  const auto same = Push(
      b, {Change(b, "person", "1-1", R"({"village":"Bajorai","notes_key":")" + first + R"("})")});
  EXPECT_TRUE(same.ack->results.empty());
  EXPECT_EQ(Text("SELECT village FROM person WHERE id = '1-1'"), "Bajorai");
}

TEST_F(NotesKeysTest, ErasureClearsTheKeysOfThePersonAndOfThoseMergedIntoThem) {
  std::string center_key;
  const int64_t kiosk = Provisioned("center.bajorai", &center_key);
  PullAll(kiosk);
  const std::string winner = kOna;
  const std::string loser = "person.demo.02";
  ASSERT_FALSE(HeldKey(winner).empty());
  ASSERT_FALSE(HeldKey(loser).empty());
  int64_t cursor = 0;
  PullAll(kiosk, 0, 0, &cursor);
  ASSERT_TRUE(engine_->MergePeople(loser, winner).ok());
  EXPECT_FALSE(HeldKey(loser).empty());  // a merged person keeps the key their notes need
  ASSERT_TRUE(engine_->ErasePerson(winner).ok());

  EXPECT_EQ(HeldKey(winner), "");
  EXPECT_EQ(HeldKey(loser), "");
  // No payload of either still holds a key, and the kiosk is told to forget both.
  EXPECT_EQ(Int("SELECT count(*) FROM change_log WHERE tbl = 'person' AND pk IN ('" + winner +
                "', '" + loser + "') AND json_extract(cols, '$.notes_key') IS NOT NULL"),
            0);
  const auto after = PullAll(kiosk, cursor);
  EXPECT_EQ(PulledKey(after, winner), "");
  EXPECT_EQ(PulledKey(after, loser), "");
  // An erased person is not given a new key.
  PullAll(kiosk);
  EXPECT_EQ(HeldKey(winner), "");
}

}  // namespace
}  // namespace raida::server
