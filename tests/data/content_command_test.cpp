// The real `raida-server content check` and `content publish`, and the server's startup loading
// of lesson packs: check passes the shipped packs (exit 0) and lists a broken pack's problem on
// stdout (exit 1); publish puts version 1 and then version 2 of a pack (same lesson ids) into a
// server database, refuses an equal or lower version and a broken pack, and a kiosk that pulled
// version 1 gets version 2 at its next pull; `--load-demo` refuses a pack the validator refuses,
// with the problem in its error.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "data/temp_dir.h"
#include "raida/core/clock.h"
#include "raida/core/lesson_pack.h"
#include "raida/core/lesson_pack_check.h"
#include "raida/core/lesson_repository.h"
#include "raida/core/migrations.h"
#include "raida/core/store.h"
#include "raida/sync/protocol.h"
#include "server/subprocess.h"
#include "sync_engine.h"

namespace raida::server {
namespace {

namespace fs = std::filesystem;
using ::raida::testing::ReadFile;
using ::raida::testing::Subprocess;
using ::raida::testing::TempDir;

const fs::path kSource = RAIDA_SOURCE_DIR;
const std::string kDemo = (kSource / "assets/demo/rokiskis.json").string();
const fs::path kShippedPack = kSource / "assets/lessons/computer-first-steps";
constexpr int kExitMs = 30'000;  // generous: sanitizer builds on a busy CI box
constexpr const char* kPackId = "pack.computer-first-steps";

struct Outcome {
  int code = -1;
  std::string out;
  std::string err;
};

class ContentCommandTest : public ::testing::Test {
 protected:
  Outcome Run(std::vector<std::string> args) {
    args.insert(args.begin(), RAIDA_SERVER_BIN);
    const std::string err_path = (dir_.path() / "stderr.txt").string();
    auto process = Subprocess::Start(args, err_path);
    EXPECT_NE(process, nullptr);
    if (process == nullptr) {
      return {};
    }
    Outcome outcome;
    outcome.out = process->ReadRest(kExitMs);
    outcome.code = process->Wait(kExitMs).value_or(-1);
    outcome.err = ReadFile(err_path);
    return outcome;
  }

  // A server database with the demo district and no lesson packs.
  std::string NewDatabase() {
    const std::string db = (dir_.path() / "server.db").string();
    const Outcome loaded =
        Run({"--db", db, "--load-demo", kDemo, "--lessons", "", "--exit-after-load"});
    EXPECT_EQ(loaded.code, 0) << loaded.err;
    return db;
  }

  // A copy of the shipped computer-first-steps pack at `version`, with one page reworded.
  fs::path PackVersion(int version) {
    const fs::path copy = dir_.path() / ("v" + std::to_string(version)) / "computer-first-steps";
    fs::create_directories(copy.parent_path());
    fs::copy(kShippedPack, copy, fs::copy_options::recursive);
    nlohmann::json manifest = ReadJson(copy / "manifest.json");
    manifest["version"] = version;
    WriteJson(copy / "manifest.json", manifest);
    nlohmann::json lesson = ReadJson(copy / "lesson-01.json");
    lesson["pages"][0]["text"]["en"] = "Version " + std::to_string(version) + " of this page.";
    WriteJson(copy / "lesson-01.json", lesson);
    return copy;
  }

  static nlohmann::json ReadJson(const fs::path& file) {
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    return nlohmann::json::parse(text.str());
  }
  static void WriteJson(const fs::path& file, const nlohmann::json& json) {
    std::ofstream out(file, std::ios::trunc);
    out << json.dump(2) << "\n";
  }

  TempDir dir_;
};

TEST_F(ContentCommandTest, CheckPassesTheShippedPacks) {
  const Outcome check = Run({"content", "check", (kSource / "assets/lessons").string()});
  EXPECT_EQ(check.code, 0) << check.out << check.err;
  auto folders = core::PackFoldersUnder((kSource / "assets/lessons").string());
  ASSERT_TRUE(folders.ok());
  EXPECT_GE(folders->size(), 8u);
  EXPECT_EQ(check.out, std::to_string(folders->size()) + " lesson packs checked: no problems\n");
}

TEST_F(ContentCommandTest, CheckListsABrokenPacksProblemOnStdoutAndExitsOne) {
  const fs::path pack = kSource / "tests/data/broken_packs/missing-translation";
  const Outcome check = Run({"content", "check", pack.string()});
  EXPECT_EQ(check.code, 1) << check.err;
  EXPECT_EQ(check.out,
            (pack / "lesson-01.json").string() + ":20: page 2 text has no \"pl\" translation\n");
  EXPECT_NE(check.err.find("1 problem in 1 lesson pack"), std::string::npos) << check.err;
}

TEST_F(ContentCommandTest, CheckChecksSeveralFoldersAndTheCatalogItIsGiven) {
  const fs::path pack = kSource / "tests/data/broken_packs/unknown-prerequisite";
  const Outcome with_demo = Run({"content", "check", pack.string(), kShippedPack.string()});
  EXPECT_EQ(with_demo.code, 1);
  EXPECT_NE(with_demo.out.find("\"course.knitting\" is not a course of the catalog"),
            std::string::npos)
      << with_demo.out;
  const Outcome no_catalog = Run({"content", "check", "--catalog", "", pack.string()});
  EXPECT_EQ(no_catalog.code, 0) << no_catalog.out;
  EXPECT_EQ(no_catalog.out, "1 lesson pack checked: no problems\n");
}

TEST_F(ContentCommandTest, CheckRefusesAPathThatIsNotADirectory) {
  const Outcome check = Run({"content", "check", "/nonexistent/lessons"});
  EXPECT_EQ(check.code, 2);
  EXPECT_NE(check.err.find("/nonexistent/lessons: not a directory"), std::string::npos)
      << check.err;
}

// A kiosk's pull through the engine: the lesson_pack changes after `cursor`, and the new cursor.
std::vector<nlohmann::json> PullPacks(SyncEngine& engine, int64_t device, int64_t& cursor) {
  std::vector<nlohmann::json> packs;
  for (int page = 0; page < 1000; ++page) {
    sync::SyncRequest request;
    request.device = device;
    request.epoch = "00000000000000" + std::to_string(device % 10) + "a";
    request.schema = core::LatestSchemaVersion();
    request.app = "test";
    request.cursor = cursor;
    const HttpReply reply = engine.HandleSync(device, sync::SerializeRequest(request));
    EXPECT_EQ(reply.status, 200) << reply.body;
    auto response = sync::ParseResponse(reply.body);
    if (!response.ok()) {
      ADD_FAILURE() << response.error().message;
      break;
    }
    for (const sync::PulledChange& change : response->changes) {
      if (change.table == "lesson_pack") {
        packs.push_back(nlohmann::json::parse(change.cols_json));
      }
    }
    cursor = response->next;
    if (!response->more) {
      break;
    }
  }
  return packs;
}

TEST_F(ContentCommandTest, PublishedVersionTwoReplacesOneAndReachesAKioskAtItsNextPull) {
  const std::string db = NewDatabase();
  const Outcome v1 = Run({"content", "publish", "--db", db, PackVersion(1).string()});
  ASSERT_EQ(v1.code, 0) << v1.err;
  EXPECT_NE(v1.out.find("published pack.computer-first-steps version 1 from "
                        "computer-first-steps (new)"),
            std::string::npos)
      << v1.out;

  // A kiosk of Bajorai pulls everything, version 1 among it.
  const core::SystemClock clock;
  int64_t device = 0;
  int64_t cursor = 0;
  {
    auto store = core::Store::Open({db, core::OpenMode::kOpenExisting}, clock);
    ASSERT_TRUE(store.ok()) << store.error().message;
    SyncEngine engine(*store.value(), clock);
    auto code = engine.IssueProvisioningCode("center.bajorai");
    ASSERT_TRUE(code.ok());
    auto provisioned = engine.Provision(code->code, "kiosk");
    ASSERT_TRUE(provisioned.ok()) << provisioned.error().message;
    device = provisioned->device_no;
    const std::vector<nlohmann::json> pulled = PullPacks(engine, device, cursor);
    ASSERT_EQ(pulled.size(), 1u);
    EXPECT_EQ(pulled[0].at("version").get<int>(), 1);
  }

  const Outcome v2 = Run({"content", "publish", "--db", db, PackVersion(2).string()});
  ASSERT_EQ(v2.code, 0) << v2.err;
  EXPECT_NE(v2.out.find("version 2 from computer-first-steps (replaces version 1)"),
            std::string::npos)
      << v2.out;

  auto store = core::Store::Open({db, core::OpenMode::kOpenExisting}, clock);
  ASSERT_TRUE(store.ok()) << store.error().message;
  auto row = core::LessonRepository(*store.value()).GetPackForCourse("course.computer-first-steps");
  ASSERT_TRUE(row.ok() && row->has_value());
  EXPECT_EQ((*row)->id, kPackId);
  EXPECT_EQ((*row)->version, 2);
  auto document = core::ParsePackDocument((*row)->manifest);
  ASSERT_TRUE(document.ok()) << document.error().message;
  EXPECT_EQ(document->lessons[0].pages[0].text.at("en"), "Version 2 of this page.");
  EXPECT_EQ(document->lessons[0].id, "computer-first-steps.l1") << "lesson ids are kept";

  // The kiosk's next pull, from where it stopped, brings version 2 with its checksum.
  SyncEngine engine(*store.value(), clock);
  const std::vector<nlohmann::json> pulled = PullPacks(engine, device, cursor);
  ASSERT_EQ(pulled.size(), 1u);
  EXPECT_EQ(pulled[0].at("version").get<int>(), 2);
  EXPECT_EQ(pulled[0].at("checksum").get<std::string>(), (*row)->checksum);
  EXPECT_EQ(pulled[0].at("manifest").get<std::string>(), (*row)->manifest);
}

TEST_F(ContentCommandTest, PublishRefusesAVersionThatIsNotNewerAndWritesNothing) {
  const std::string db = NewDatabase();
  ASSERT_EQ(Run({"content", "publish", "--db", db, PackVersion(2).string()}).code, 0);
  fs::remove_all(dir_.path() / "v2");
  for (const int version : {2, 1}) {
    const Outcome again = Run({"content", "publish", "--db", db, PackVersion(version).string()});
    EXPECT_EQ(again.code, 1) << again.out;
    EXPECT_NE(again.err.find("computer-first-steps: pack.computer-first-steps version " +
                             std::to_string(version) +
                             " is not newer than the published version 2; raise \"version\" in "
                             "manifest.json to publish a change"),
              std::string::npos)
        << again.err;
    EXPECT_NE(again.err.find("nothing was published"), std::string::npos);
    fs::remove_all(dir_.path() / ("v" + std::to_string(version)));
  }
  const core::SystemClock clock;
  auto store = core::Store::Open({db, core::OpenMode::kOpenExisting}, clock);
  ASSERT_TRUE(store.ok());
  auto row = core::LessonRepository(*store.value()).GetPackForCourse("course.computer-first-steps");
  ASSERT_TRUE(row.ok() && row->has_value());
  EXPECT_EQ((*row)->version, 2);
  auto document = core::ParsePackDocument((*row)->manifest);
  ASSERT_TRUE(document.ok());
  EXPECT_EQ(document->lessons[0].pages[0].text.at("en"), "Version 2 of this page.");
}

TEST_F(ContentCommandTest, PublishRefusesABrokenPackWithItsProblems) {
  const std::string db = NewDatabase();
  const fs::path pack = kSource / "tests/data/broken_packs/answer-not-option";
  const Outcome publish = Run({"content", "publish", "--db", db, pack.string()});
  EXPECT_EQ(publish.code, 1);
  EXPECT_NE(publish.err.find("1 problem in lesson packs:\n" + (pack / "lesson-01.json").string() +
                             ":68: question 1 answer \"d\" is not one of its options"),
            std::string::npos)
      << publish.err;
  const core::SystemClock clock;
  auto store = core::Store::Open({db, core::OpenMode::kOpenExisting}, clock);
  ASSERT_TRUE(store.ok());
  auto row = core::LessonRepository(*store.value()).GetPackForCourse("course.computer-first-steps");
  ASSERT_TRUE(row.ok());
  EXPECT_FALSE(row->has_value());
}

TEST_F(ContentCommandTest, StartupLoadingRefusesAPackTheValidatorRefuses) {
  const fs::path lessons = dir_.path() / "lessons";
  fs::create_directories(lessons);
  fs::copy(kShippedPack, lessons / "computer-first-steps", fs::copy_options::recursive);
  nlohmann::json lesson = ReadJson(lessons / "computer-first-steps/lesson-02.json");
  lesson["pages"][0]["text"]["pl"] = "Dotknij przycisku ≥ 2 razy.";
  WriteJson(lessons / "computer-first-steps/lesson-02.json", lesson);
  const std::string db = (dir_.path() / "server.db").string();
  const Outcome load =
      Run({"--db", db, "--load-demo", kDemo, "--lessons", lessons.string(), "--exit-after-load"});
  EXPECT_EQ(load.code, 2);
  EXPECT_NE(load.err.find((lessons / "computer-first-steps/lesson-02.json").string() +
                          ":16: page 1 text (pl) has \"≥\" (U+2265), which the kiosk's font "
                          "cannot show"),
            std::string::npos)
      << load.err;
  EXPECT_FALSE(fs::exists(db)) << "a failed --load-demo leaves no database behind";
}

}  // namespace
}  // namespace raida::server
