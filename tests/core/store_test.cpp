// Store: identity in sync_meta, row ids, deterministic ids, SQL functions and write scopes.
#include "raida/core/store.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <set>

#include "core_test_support.h"
#include "raida/core/catalog_repository.h"
#include "raida/core/person_repository.h"

namespace raida::core {
namespace {

using testing::kTestNowMs;
using testing::QueryInt;
using testing::QueryRows;
using testing::TempDir;

TEST(StoreTest, NewDatabaseGetsItsIdentity) {
  ManualClock clock(kTestNowMs);
  auto a = testing::OpenStore(clock);
  auto b = testing::OpenStore(clock);
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  EXPECT_TRUE(std::regex_match(a->id_prefix(), std::regex("p[0-9a-f]{8}"))) << a->id_prefix();
  EXPECT_TRUE(std::regex_match(a->db_epoch(), std::regex("[0-9a-f]{16}"))) << a->db_epoch();
  EXPECT_NE(a->id_prefix(), b->id_prefix());
  EXPECT_NE(a->db_epoch(), b->db_epoch());
  EXPECT_EQ(a->device_id(), 0);
  const auto keys = QueryRows(*a, "SELECT k FROM sync_meta ORDER BY k");
  EXPECT_EQ(keys, (std::vector<std::string>{"db_epoch", "device_id", "hlc_last", "id_counter",
                                            "id_prefix", "last_attempt_ms", "last_error",
                                            "last_success_ms", "next_batch_seq", "outbox_seq",
                                            "pull_cursor", "server_offset_ms"}));
}

TEST(StoreTest, IdentitySurvivesReopening) {
  TempDir dir;
  ManualClock clock(kTestNowMs);
  std::string prefix;
  std::string epoch;
  {
    auto store = testing::OpenStore(clock, dir.File("kiosk.db"));
    ASSERT_NE(store, nullptr);
    prefix = store->id_prefix();
    epoch = store->db_epoch();
    ASSERT_OK(store->SetDeviceId(42));
  }
  auto store = testing::OpenStore(clock, dir.File("kiosk.db"));
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->id_prefix(), prefix);
  EXPECT_EQ(store->db_epoch(), epoch);
  EXPECT_EQ(store->device_id(), 42);
}

TEST(StoreTest, NewRowIdNeedsATransaction) {
  ManualClock clock(kTestNowMs);
  auto store = testing::OpenStore(clock);
  auto id = store->NewRowId();
  ASSERT_FALSE(id.ok());
  EXPECT_EQ(id.error().code, ErrorCode::kInternal);
}

TEST(StoreTest, NewRowIdsAreUniqueAndUseTheDevicePrefix) {
  ManualClock clock(kTestNowMs);
  auto store = testing::OpenStore(clock);
  std::set<std::string> ids;
  {
    auto scope = store->BeginWrite();
    ASSERT_OK(scope);
    for (int i = 0; i < 1000; ++i) {
      auto id = store->NewRowId();
      ASSERT_OK(id);
      ASSERT_TRUE(std::regex_match(*id, std::regex("p[0-9a-f]{8}-[0-9a-z]{6}-[0-9a-z]+"))) << *id;
      ids.insert(*id);
    }
    ASSERT_OK(scope->Commit());
  }
  EXPECT_EQ(ids.size(), 1000u);
  const std::string tag = ids.begin()->substr(store->id_prefix().size() + 1, 6);
  EXPECT_EQ(*ids.begin(), store->id_prefix() + "-" + tag + "-1");
  ASSERT_OK(store->SetDeviceId(42));
  auto scope = store->BeginWrite();
  ASSERT_OK(scope);
  auto id = store->NewRowId();
  ASSERT_OK(id);
  EXPECT_EQ(*id, "42-" + tag + "-rt");  // 1001 in base 36
}

// A kiosk restored from a backup counts again from where the backup stood: the rows it makes
// before it next reaches the server must not take the ids of rows made after the backup.
TEST(StoreTest, ACopyOfTheDatabaseOpenedLaterMakesOtherIds) {
  TempDir dir;
  ManualClock clock(kTestNowMs);
  auto NextId = [](Store& store) {
    auto scope = store.BeginWrite();
    EXPECT_OK(scope);
    auto id = store.NewRowId();
    EXPECT_OK(id);
    EXPECT_OK(scope->Commit());
    return id.ok() ? *id : std::string();
  };
  auto kiosk = testing::OpenStore(clock, dir.File("kiosk.db"));
  ASSERT_NE(kiosk, nullptr);
  ASSERT_OK(kiosk->SetDeviceId(7));
  ASSERT_OK(kiosk->db().Exec("VACUUM INTO '" + dir.File("backup.db") + "'"));
  std::set<std::string> after_backup;
  for (int i = 0; i < 100; ++i) {
    after_backup.insert(NextId(*kiosk));
  }
  // A second connection to the same file goes on counting: one copy, one sequence.
  auto worker = testing::OpenStore(clock, dir.File("kiosk.db"));
  ASSERT_NE(worker, nullptr);
  const std::string next = NextId(*worker);
  EXPECT_EQ(next.substr(next.rfind('-')), "-2t");  // 101 in base 36
  kiosk.reset();
  worker.reset();
  for (int restore = 0; restore < 20; ++restore) {
    std::filesystem::remove(dir.File("restored.db"));
    std::filesystem::copy_file(dir.File("backup.db"), dir.File("restored.db"));
    auto restored = testing::OpenStore(clock, dir.File("restored.db"));
    ASSERT_NE(restored, nullptr);
    for (int i = 0; i < 100; ++i) {
      const std::string id = NextId(*restored);
      ASSERT_EQ(id.substr(0, 2), "7-");
      ASSERT_EQ(after_backup.count(id), 0u) << id << " was made after the backup too";
    }
  }
}

TEST(StoreTest, RolledBackIdIsReused) {
  ManualClock clock(kTestNowMs);
  auto store = testing::OpenStore(clock);
  std::string first;
  {
    auto scope = store->BeginWrite();
    ASSERT_OK(scope);
    auto id = store->NewRowId();
    ASSERT_OK(id);
    first = *id;
  }  // rolled back
  auto scope = store->BeginWrite();
  ASSERT_OK(scope);
  auto again = store->NewRowId();
  ASSERT_OK(again);
  EXPECT_EQ(*again, first);
}

TEST(StoreTest, DeterministicIds) {
  const std::string id = DeterministicId("enrollment", "offering.1", "42-7");
  EXPECT_TRUE(std::regex_match(id, std::regex("[0-9a-f]{16}"))) << id;
  EXPECT_EQ(id, DeterministicId("enrollment", "offering.1", "42-7"));
  EXPECT_NE(id, DeterministicId("attendance", "offering.1", "42-7"));
  EXPECT_NE(id, DeterministicId("enrollment", "42-7", "offering.1"));
  EXPECT_NE(DeterministicId("k", "ab", "c"), DeterministicId("k", "a", "bc"));
  // Pinned (first 16 hex digits of SHA-256 over "k\x1fa\x1fb"): every device and the server
  // must compute the same id.
  EXPECT_EQ(DeterministicId("k", "a", "b"), "3764ee267db17fe1");
  EXPECT_EQ(id, "dd9b2112a2a779e4");
}

TEST(StoreTest, SqlFunctionsReflectTheStore) {
  ManualClock clock(kTestNowMs);
  auto store = testing::OpenStore(clock);
  EXPECT_EQ(QueryInt(*store, "SELECT sync_applying()"), 0);
  {
    Store::ApplyingScope applying(*store);
    EXPECT_EQ(QueryInt(*store, "SELECT sync_applying()"), 1);
  }
  EXPECT_EQ(QueryInt(*store, "SELECT sync_applying()"), 0);
  EXPECT_EQ(QueryInt(*store, "SELECT sync_origin()"), 0);
  ASSERT_OK(store->SetDeviceId(7));
  EXPECT_EQ(QueryInt(*store, "SELECT sync_origin()"), 7);
  const int64_t a = QueryInt(*store, "SELECT sync_hlc()");
  const int64_t b = QueryInt(*store, "SELECT sync_hlc()");
  EXPECT_GT(b, a);
  EXPECT_EQ(HlcMs(static_cast<HlcStamp>(a)), kTestNowMs);
}

TEST(StoreTest, JoinedWriteScopeLeavesTheDecisionToTheOuterOne) {
  ManualClock clock(kTestNowMs);
  auto store = testing::OpenStore(clock);
  const auto catalog = testing::SeedCatalog(*store);
  PersonRepository people(*store);
  {
    auto outer = store->BeginWrite();
    ASSERT_OK(outer);
    EXPECT_TRUE(outer->owns_transaction());
    ASSERT_OK(people.Register(testing::SamplePerson(catalog.center_id, "Jonas", "Jonaitis")));
    ASSERT_OK(people.Register(testing::SamplePerson(catalog.center_id, "Ieva", "Kazlauskė")));
    EXPECT_TRUE(store->db().InTransaction());  // the repositories' own commits were no-ops
  }                                            // outer scope dropped without Commit
  EXPECT_EQ(QueryInt(*store, "SELECT count(*) FROM person"), 0);
  EXPECT_EQ(QueryInt(*store, "SELECT count(*) FROM outbox"), 0);
}

TEST(StoreTest, ServerOffsetIsPersistedAndUsed) {
  TempDir dir;
  ManualClock clock(kTestNowMs);
  {
    auto store = testing::OpenStore(clock, dir.File("kiosk.db"));
    ASSERT_OK(store->SetServerOffsetMs(90'000));
    EXPECT_EQ(HlcMs(store->hlc().Now()), kTestNowMs + 90'000);
  }
  auto store = testing::OpenStore(clock, dir.File("kiosk.db"));
  EXPECT_EQ(store->hlc().offset_ms(), 90'000);
}

TEST(StoreTest, ObservedRemoteStampIsPersisted) {
  ManualClock clock(kTestNowMs);
  auto store = testing::OpenStore(clock);
  auto scope = store->BeginWrite();
  ASSERT_OK(scope);
  const HlcStamp remote = MakeHlc(kTestNowMs + 10'000, 5);
  auto observed = store->ObserveRemoteStamp(remote);
  ASSERT_OK(observed);
  EXPECT_TRUE(*observed);
  auto too_far = store->ObserveRemoteStamp(MakeHlc(kTestNowMs + kHlcMaxForwardDriftMs * 2, 0));
  ASSERT_OK(too_far);
  EXPECT_FALSE(*too_far);
  ASSERT_OK(scope->Commit());
  EXPECT_EQ(QueryInt(*store, "SELECT v FROM sync_meta WHERE k = 'hlc_last'"),
            static_cast<int64_t>(remote));
}

TEST(StoreTest, CatalogWritesNeedAnApplyingScope) {
  ManualClock clock(kTestNowMs);
  auto store = testing::OpenStore(clock);
  CatalogRepository catalog(*store);
  auto refused = catalog.UpsertDistrict({"district.x", "X"});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kInternal);
  // Hand-written SQL is refused by the schema's guard trigger too.
  auto raw = store->db().Exec(
      "INSERT INTO district(id, name, hlc, origin) VALUES ('district.y', 'Y', 1, 0)");
  ASSERT_FALSE(raw.ok());
  EXPECT_EQ(raw.error().code, ErrorCode::kConflict);
  EXPECT_NE(raw.error().message.find("published by the district office"), std::string::npos)
      << raw.error().message;
}

}  // namespace
}  // namespace raida::core
