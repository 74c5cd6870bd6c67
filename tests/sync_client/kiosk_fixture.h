// A kiosk database for sync client tests: a file in a temporary directory on a manual clock,
// the small test catalog published, provisioned as device 42 with a secret beside it and a
// server address recorded, plus helpers to make local changes.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "core/core_test_support.h"
#include "raida/core/person_repository.h"
#include "raida/core/sync_meta_repository.h"
#include "raida/sync/credentials.h"

namespace raida::sync::testing {

using core::testing::TempDir;

struct Kiosk {
  TempDir dir;
  core::ManualClock clock{core::testing::kTestNowMs};
  std::string db_path = dir.File("kiosk.db");
  std::unique_ptr<core::Store> store = core::testing::OpenStore(clock, db_path);
  core::testing::SeededCatalog catalog = core::testing::SeedCatalog(*store);
  Credentials credentials{42, std::string(32, '\x5a')};

  Kiosk() {
    EXPECT_TRUE(store->SetDeviceId(42).ok());
    EXPECT_TRUE(WriteSecretFile(SecretPathFor(db_path), credentials.secret).ok());
    EXPECT_TRUE(core::SyncMetaRepository(*store).SetText("server_url", "http://127.0.0.1:9").ok());
  }

  // Registers `n` residents: `n` outbox rows. Returns the last person's id.
  std::string AddPeople(int n) {
    core::PersonRepository people(*store);
    std::string id;
    for (int i = 0; i < n; ++i) {
      auto person = people.Register(
          core::testing::SamplePerson(catalog.center_id, "Ona" + std::to_string(i), "Petraitienė"));
      EXPECT_TRUE(person.ok()) << person.error().message;
      id = person.ok() ? person->id : "";
    }
    return id;
  }

  int64_t Int(const std::string& sql) { return core::testing::QueryInt(*store, sql); }
};

}  // namespace raida::sync::testing
