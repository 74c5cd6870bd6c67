// "Updating a pack on the server while a kiosk has a person mid-lesson loses no progress"
// (issue 6), through the real path: the district server (ServerApp in-process on 127.0.0.1, an
// ephemeral port, with the demo district and the fixture pack, version 1), a kiosk database
// provisioned and synced by the real SyncClient over HTTP, and the kiosk's own reducer and lesson
// storage on that database (LessonRig). While the person is on the last page of a lesson, the
// district office publishes version 2 of the pack with `raida-server content publish` (the
// lesson now has two pages instead of four) and the kiosk syncs. Then:
//   - the lesson in use keeps working on version 1 until the person finishes or leaves it, also
//     when they switch language meanwhile;
//   - progress is kept by the stable lesson id: the completion, the best score and the saved
//     place survive the new version;
//   - a saved page past the new version's end is clamped to its last page (ClampLessonPosition);
//   - the next time the lesson opens, it is version 2.
#include <gtest/gtest.h>
#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "core/core_test_support.h"
#include "kiosk/state/reduce.h"
#include "kiosk_state/lesson_rig.h"
#include "raida/core/lesson_pack.h"
#include "raida/core/lesson_repository.h"
#include "raida/sync/credentials.h"
#include "raida/sync/curl_transport.h"
#include "raida/sync/sync_client.h"
#include "server/subprocess.h"
#include "server_app.h"

namespace raida::kiosk::testing {
namespace {

namespace fs = std::filesystem;

constexpr const char* kCenter = "center.bajorai";
constexpr const char* kKioskDb = "kiosk.db";

class LessonPackUpdateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server::ServerOptions options;
    options.db_path = dir_.File("server.db");
    options.lessons_dir = FixtureLessonsDir();
    auto logger = std::make_shared<spdlog::logger>("pack-update",
                                                   std::make_shared<spdlog::sinks::null_sink_mt>());
    auto app = server::ServerApp::Create(options, clock_, logger);
    ASSERT_TRUE(app.ok()) << app.error().message;
    app_ = std::move(app).value();
    auto loaded = app_->LoadDistrict(DemoDistrictFile());
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    ASSERT_TRUE(app_->Bind().ok());
    thread_ = std::thread([this] { EXPECT_TRUE(app_->Serve().ok()); });
    while (!app_->IsRunning()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    rig_ = std::make_unique<LessonRig>(ProvisionedKiosk(), FixtureLessonsDir());
    SyncKiosk();
    ASSERT_EQ(PackVersionOnKiosk(), 1);
  }
  void TearDown() override {
    if (thread_.joinable()) {
      while (app_->IsRunning()) {
        app_->Stop();
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
      }
      thread_.join();
    }
  }

  sync::CurlOptions Curl() const {
    sync::CurlOptions options;
    options.base_url = "http://127.0.0.1:" + std::to_string(app_->port());
    options.connect_timeout_ms = 5'000;
    options.total_timeout_ms = 30'000;
    return options;
  }

  std::unique_ptr<core::Store> ProvisionedKiosk() {
    auto code = app_->engine().IssueProvisioningCode(kCenter);
    EXPECT_TRUE(code.ok()) << code.error().message;
    auto store = core::testing::OpenStore(clock_, dir_.File(kKioskDb));
    auto transport = sync::CurlTransport::Create(Curl());
    EXPECT_TRUE(transport.ok());
    auto provisioned =
        sync::Provision(*store, **transport, sync::SecretPathFor(dir_.File(kKioskDb)),
                        {Curl().base_url, code->code, "kiosk", "", false});
    EXPECT_TRUE(provisioned.ok()) << provisioned.error().message;
    return store;
  }

  // One sync session of the kiosk, as its background SyncWorker runs it.
  void SyncKiosk() {
    auto credentials =
        sync::LoadCredentials(rig_->store(), sync::SecretPathFor(dir_.File(kKioskDb)));
    ASSERT_TRUE(credentials.ok()) << credentials.error().message;
    auto transport = sync::CurlTransport::Create(Curl());
    ASSERT_TRUE(transport.ok());
    sync::SyncClientOptions options;
    options.max_attempts = 1;
    const sync::SessionResult result =
        sync::SyncClient(rig_->store(), **transport, *credentials, options).RunSession();
    ASSERT_TRUE(result.ok()) << result.message;
  }

  int PackVersionOnKiosk() {
    auto pack = core::LessonRepository(rig_->store()).GetPackForCourse(kLessonCourse);
    EXPECT_TRUE(pack.ok() && pack->has_value());
    return pack.ok() && pack->has_value() ? (*pack)->version : 0;
  }

  // Version 2 of the fixture pack: lesson 1 keeps its id and questions but has two pages now.
  // Published by the district office's command while the server runs, then pulled by the kiosk,
  // which the EffectRunner reports to the reducer as a sync that changed data.
  void PublishVersion2AndSync(AppState& state) {
    const fs::path v2 = fs::path(dir_.path()) / "lessons" / "fixture-first-steps";
    fs::create_directories(v2.parent_path());
    fs::copy(FixtureLessonsDir() + "/fixture-first-steps", v2, fs::copy_options::recursive);
    nlohmann::json manifest = nlohmann::json::parse(std::ifstream(v2 / "manifest.json"));
    manifest["version"] = 2;
    std::ofstream(v2 / "manifest.json", std::ios::trunc) << manifest.dump(2);
    nlohmann::json lesson = nlohmann::json::parse(std::ifstream(v2 / "lesson-01.json"));
    lesson["pages"].erase(3);
    lesson["pages"].erase(2);
    std::ofstream(v2 / "lesson-01.json", std::ios::trunc) << lesson.dump(2);
    auto publish = raida::testing::Subprocess::Start(
        {RAIDA_SERVER_BIN, "content", "publish", "--db", dir_.File("server.db"), v2.string()},
        dir_.File("publish.err"));
    ASSERT_NE(publish, nullptr);
    const std::string out = publish->ReadRest(30'000);
    ASSERT_EQ(publish->Wait(30'000), 0)
        << out << raida::testing::ReadFile(dir_.File("publish.err"));
    SyncKiosk();
    ASSERT_EQ(PackVersionOnKiosk(), 2);
    rig_->Dispatch(state, SyncStatusChanged{SyncView{}, /*data_changed=*/true});
  }

  const LessonView& Player(const AppState& state) {
    EXPECT_TRUE(state.lesson.player && state.lesson.player->content);
    return *state.lesson.player;
  }
  std::optional<core::LessonProgress> Stored() {
    auto progress = core::LessonRepository(rig_->store()).Get(kPersonId, kLesson1);
    EXPECT_TRUE(progress.ok());
    return progress.ok() ? *progress : std::nullopt;
  }

  // Ona on the course page, lesson 1 open on its last page (4 of 4) with the tap exercise done.
  AppState OnTheLastPage() {
    AppState state = OnCoursePage(*rig_, "lt", /*signed_in=*/true);
    rig_->Dispatch(state, OpenLesson{kLesson1});
    EXPECT_EQ(Player(state).content->pack_version, 1);
    for (int i = 0; i < 3; ++i) {
      rig_->Dispatch(state, LessonNext{});
    }
    EXPECT_EQ(Player(state).position, (core::LessonPosition{false, 3, 0}));
    EXPECT_EQ(Stored()->page, 3);
    return state;
  }

  core::SystemClock clock_;
  core::testing::TempDir dir_;
  std::unique_ptr<server::ServerApp> app_;
  std::thread thread_;
  std::unique_ptr<LessonRig> rig_;
};

TEST_F(LessonPackUpdateTest, TheLessonInUseKeepsWorkingAndItsCompletionIsKept) {
  AppState state = OnTheLastPage();
  PublishVersion2AndSync(state);
  // Still version 1 on screen, at the same place; the course's list (not on screen) follows
  // version 2 when the person goes back to it.
  EXPECT_EQ(Player(state).content->pack_version, 1);
  EXPECT_EQ(Player(state).content->pages.size(), 4u);
  EXPECT_EQ(Player(state).position, (core::LessonPosition{false, 3, 0}));
  rig_->Dispatch(state, LessonNext{});  // into version 1's quiz
  EXPECT_EQ(Player(state).position, (core::LessonPosition{true, 0, 0}));
  rig_->Dispatch(state, ChooseOption{"b"});  // right
  // Another language now reads the lesson again: still the version in use, at the same place.
  rig_->Dispatch(state, ChooseLanguage{"en"});
  EXPECT_EQ(Player(state).content->pack_version, 1);
  EXPECT_EQ(Player(state).content->title, "Touching the screen");
  EXPECT_EQ(Player(state).position, (core::LessonPosition{true, 0, 0b1}));
  EXPECT_TRUE(Player(state).answered);
  rig_->Dispatch(state, LessonNext{});
  rig_->Dispatch(state, ChooseOption{"yes"});  // right; the last question
  rig_->Dispatch(state, LessonNext{});
  EXPECT_TRUE(Player(state).at_end);
  EXPECT_TRUE(Player(state).passed);
  ASSERT_TRUE(Stored().has_value());
  EXPECT_TRUE(Stored()->completed);
  EXPECT_EQ(Stored()->best_score, 100);
  // Leaving the lesson: the list is version 2's, with the completion kept by lesson id.
  rig_->Dispatch(state, GoBack{});
  ASSERT_EQ(state.screen, Screen::kCourse);
  const LessonListItem& item = state.lesson.course_lessons->lessons[0];
  EXPECT_EQ(item.lesson_id, kLesson1);
  EXPECT_EQ(item.pages, 2);
  EXPECT_TRUE(item.completed);
  EXPECT_TRUE(item.passed);
  EXPECT_EQ(item.best_score, 100);
  // Opened again: version 2, from its first page.
  rig_->Dispatch(state, OpenLesson{kLesson1});
  EXPECT_EQ(Player(state).content->pack_version, 2);
  EXPECT_EQ(Player(state).content->pages.size(), 2u);
  EXPECT_EQ(Player(state).position, (core::LessonPosition{false, 0, 0}));
}

TEST_F(LessonPackUpdateTest, APlacePastTheNewVersionsEndIsClampedToItsLastPage) {
  AppState state = OnTheLastPage();
  PublishVersion2AndSync(state);
  EXPECT_EQ(Player(state).content->pack_version, 1);
  // The person leaves on page 4, which version 2 no longer has.
  rig_->Dispatch(state, GoBack{});
  ASSERT_EQ(state.screen, Screen::kCourse);
  EXPECT_EQ(Stored()->page, 3);  // as saved: nothing is rewritten behind the person's back
  const LessonListItem& item = state.lesson.course_lessons->lessons[0];
  EXPECT_EQ(item.pages, 2);
  EXPECT_TRUE(item.started);
  EXPECT_EQ(item.resume, (core::LessonPosition{false, 1, 0}));
  // "Continue": version 2 on its last page; the next step goes on into its quiz.
  rig_->Dispatch(state, OpenLesson{kLesson1});
  EXPECT_EQ(Player(state).content->pack_version, 2);
  EXPECT_EQ(Player(state).position, (core::LessonPosition{false, 1, 0}));
  rig_->Dispatch(state, LessonNext{});
  EXPECT_EQ(Player(state).position, (core::LessonPosition{true, 0, 0}));
  EXPECT_EQ(Stored()->page, core::EncodeLessonPosition({true, 0, 0}));
  rig_->Dispatch(state, ChooseOption{"b"});
  rig_->Dispatch(state, LessonNext{});
  rig_->Dispatch(state, ChooseOption{"yes"});
  EXPECT_TRUE(Stored()->completed);
  EXPECT_EQ(Stored()->best_score, 100);
}

}  // namespace
}  // namespace raida::kiosk::testing
