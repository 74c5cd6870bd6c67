// EffectRunner against a real Store in a temporary file: what each effect posts back, that a
// sign-up leaves its enrollment and outbox entry, that broken or missing databases become
// faults without being touched, and that a hanging district server never delays storage work.
#include "kiosk/state/effect_runner.h"

#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <thread>

#include "kiosk/state/provisioning.h"
#include "raida/core/catalog_repository.h"
#include "raida/core/database.h"
#include "raida/core/enrollment_repository.h"
#include "raida/core/person_repository.h"
#include "raida/core/store.h"
#include "raida/core/sync_meta_repository.h"
#include "raida/sync/credentials.h"
#include "raida/sync/transport.h"

namespace raida::kiosk {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;

constexpr int64_t kNoonUtc20261122 = 1795348800000;  // the same local date in every zone ±11 h
constexpr int kWaitMs = 20000;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// The one action of type T in `actions` (a copy: `actions` is usually a temporary).
template <typename T>
T Only(const std::vector<Action>& actions) {
  EXPECT_EQ(actions.size(), 1u);
  if (actions.size() != 1u || !HoldsMessage<T>(actions[0])) {
    ADD_FAILURE() << "expected exactly one action of the wanted type";
    std::abort();
  }
  return GetMessage<T>(actions[0]);
}

class EffectRunnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("raida_effect_runner_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_path_ = (dir_ / "kiosk.db").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  // A small catalog: one course with a running and an ended offering at Bajorai, one person.
  void WriteFixture() {
    auto store = core::Store::Open({db_path_}, clock_);
    ASSERT_TRUE(store.ok()) << store.error().message;
    core::Store::ApplyingScope applying(**store);
    auto tx = core::Transaction::Begin((*store)->db());
    ASSERT_TRUE(tx.ok());
    core::CatalogRepository catalog(**store);
    ASSERT_TRUE(catalog.UpsertDistrict({"district.rokiskis", "Rokiškis"}).ok());
    core::Center center;
    center.id = "center.bajorai";
    center.district_id = "district.rokiskis";
    center.name = "Bajorai";
    ASSERT_TRUE(catalog.UpsertCenter(center).ok());
    core::Course course;
    course.id = "course.first-steps";
    course.title = {{"lt", "Pirmieji žingsniai"}, {"en", "First steps"}};
    course.what_to_bring = {{"en", "Glasses"}};
    course.hours = 12;
    ASSERT_TRUE(catalog.UpsertCourse(course).ok());
    ASSERT_TRUE(
        catalog.UpsertOffering(MakeOffering("offering.now", "2026-11-20", "2026-12-10")).ok());
    ASSERT_TRUE(
        catalog.UpsertOffering(MakeOffering("offering.old", "2026-10-01", "2026-10-20")).ok());
    ASSERT_TRUE(catalog.UpsertSession({"s2", "offering.now", "2026-11-26", "10:00", "12:00"}).ok());
    ASSERT_TRUE(catalog.UpsertSession({"s1", "offering.now", "2026-11-24", "09:00", "11:00"}).ok());
    core::Person person;
    person.id = "person.1";
    person.home_center_id = "center.bajorai";
    person.given_name = "Ona";
    person.family_name = "Kazlauskienė";
    person.needs = {"transport"};
    person.card_code = "410037";
    ASSERT_TRUE(core::PersonRepository(**store).UpsertFromRemote(person).ok());
    ASSERT_TRUE(tx->Commit().ok());
  }

  static core::Offering MakeOffering(const std::string& id, const std::string& starts,
                                     const std::string& ends) {
    core::Offering offering;
    offering.id = id;
    offering.course_id = "course.first-steps";
    offering.center_id = "center.bajorai";
    offering.starts_on = starts;
    offering.ends_on = ends;
    offering.place = "Library";
    offering.capacity = 6;
    return offering;
  }

  EffectRunnerOptions Options() const {
    EffectRunnerOptions options;
    options.db_path = db_path_;
    options.center_id = "center.bajorai";
    return options;
  }

  // Runs `effects` on a fresh runner and returns the actions it posted.
  std::vector<Action> Run(std::vector<Effect> effects, EffectRunnerOptions options) {
    EffectRunner runner(std::move(options), clock_, queue_);
    runner.Post(std::move(effects));
    runner.Start();
    EXPECT_TRUE(runner.WaitIdle(kWaitMs));
    return queue_.Drain();
  }
  std::vector<Action> Run(std::vector<Effect> effects) {
    return Run(std::move(effects), Options());
  }

  fs::path dir_;
  std::string db_path_;
  core::ManualClock clock_{kNoonUtc20261122};
  ActionQueue queue_;
};

TEST(LocalIsoDateTest, FormatsTheLocalDate) {
  EXPECT_EQ(LocalIsoDate(kNoonUtc20261122), "2026-11-22");
}

TEST(ActionQueueTest, PushWakesAndDrainEmptiesInOrder) {
  ActionQueue queue;
  int wakes = 0;
  queue.SetWake([&] { ++wakes; });
  queue.Push(StartPressed{});
  queue.Push(GoHome{});
  EXPECT_EQ(wakes, 2);
  auto drained = queue.Drain();
  ASSERT_EQ(drained.size(), 2u);
  EXPECT_TRUE(HoldsMessage<StartPressed>(drained[0]));
  EXPECT_TRUE(HoldsMessage<GoHome>(drained[1]));
  EXPECT_TRUE(queue.Empty());
}

TEST_F(EffectRunnerTest, LoadCatalogPostsCardsInTheAskedLanguage) {
  WriteFixture();
  const auto& loaded = Only<CatalogLoaded>(Run({LoadCatalog{"en"}}));
  EXPECT_EQ(loaded.language, "en");
  ASSERT_EQ(loaded.courses.size(), 1u);
  EXPECT_EQ(loaded.courses[0].title, "First steps");
  EXPECT_EQ(loaded.courses[0].category, "computer_basics");
  EXPECT_EQ(loaded.courses[0].hours, 12);
}

TEST_F(EffectRunnerTest, LoadCourseListsUpcomingOfferingsWithSessionsAndSeats) {
  WriteFixture();
  const auto& loaded = Only<CourseLoaded>(Run({LoadCourse{"course.first-steps", "lt"}}));
  EXPECT_EQ(loaded.course.card.title, "Pirmieji žingsniai");
  EXPECT_EQ(loaded.course.what_to_bring, "Glasses");  // falls back to English
  ASSERT_EQ(loaded.course.offerings.size(), 1u);      // the ended one is not offered
  const OfferingView& offering = loaded.course.offerings[0];
  EXPECT_EQ(offering.id, "offering.now");
  EXPECT_EQ(offering.sessions, 2);
  EXPECT_EQ(offering.first_time, "09:00\u201311:00");
  EXPECT_EQ(offering.capacity, 6);
  EXPECT_EQ(offering.seats_taken, 0);
}

TEST_F(EffectRunnerTest, UnknownCourseIsUnavailable) {
  WriteFixture();
  EXPECT_EQ(Only<CourseUnavailable>(Run({LoadCourse{"course.gone", "lt"}})).course_id,
            "course.gone");
}

TEST_F(EffectRunnerTest, KnownCardSignsInWithGreetingAndNeeds) {
  WriteFixture();
  const auto& done = Only<SignInDone>(Run({SignInWithCard{"410037"}}));
  ASSERT_TRUE(done.person.has_value());
  EXPECT_EQ(done.person->id, "person.1");
  EXPECT_EQ(done.person->given_name, "Ona");
  EXPECT_THAT(done.person->needs, ElementsAre("transport"));
}

TEST_F(EffectRunnerTest, UnknownCardSignsNobodyIn) {
  WriteFixture();
  EXPECT_FALSE(Only<SignInDone>(Run({SignInWithCard{"999999"}})).person.has_value());
}

TEST_F(EffectRunnerTest, SignUpWritesEnrollmentAndItsOutboxEntry) {
  WriteFixture();
  const SignUpResult done =
      Only<SignUpDone>(Run({SaveSignUp{"person.1", "offering.now", {"care"}}})).result;
  EXPECT_EQ(done.status, "requested");
  EXPECT_EQ(done.offering_id, "offering.now");
  EXPECT_EQ(done.enrollment_id, core::DeterministicId("enrollment", "offering.now", "person.1"));

  auto store = core::Store::Open({db_path_, core::OpenMode::kOpenExisting}, clock_);
  ASSERT_TRUE(store.ok());
  auto enrollment = core::EnrollmentRepository(**store).Get(done.enrollment_id);
  ASSERT_TRUE(enrollment.ok() && enrollment->has_value());
  EXPECT_EQ((*enrollment)->person_id, "person.1");
  EXPECT_THAT((*enrollment)->needs, ElementsAre("care"));
  auto count = (*store)->db().Prepare("SELECT count(*) FROM outbox WHERE tbl = ? AND pk = ?");
  ASSERT_TRUE(count.ok());
  count->Bind(1, "enrollment").Bind(2, done.enrollment_id);
  ASSERT_TRUE(count->Step().ok());
  EXPECT_EQ(count->ColumnInt(0), 1);
  // The course now shows the seat as taken.
  const auto& loaded = Only<CourseLoaded>(Run({LoadCourse{"course.first-steps", "lt"}}));
  EXPECT_EQ(loaded.course.offerings.at(0).seats_taken, 1);
}

TEST_F(EffectRunnerTest, SecondSignUpForTheSameOfferingIsANotice) {
  WriteFixture();
  auto actions =
      Run({SaveSignUp{"person.1", "offering.now", {}}, SaveSignUp{"person.1", "offering.now", {}}});
  ASSERT_EQ(actions.size(), 2u);
  EXPECT_TRUE(HoldsMessage<SignUpDone>(actions[0]));
  ASSERT_TRUE(HoldsMessage<SignUpFailed>(actions[1]));
  EXPECT_EQ(GetMessage<SignUpFailed>(actions[1]).notice_key, kSignUpAlreadyKey);
}

TEST_F(EffectRunnerTest, SignUpForUnknownOfferingIsANotice) {
  WriteFixture();
  EXPECT_EQ(Only<SignUpFailed>(Run({SaveSignUp{"person.1", "offering.none", {}}})).notice_key,
            kSignUpUnavailableKey);
}

TEST_F(EffectRunnerTest, CorruptDatabaseIsAFaultAndStaysUntouched) {
  {
    std::ofstream out(db_path_, std::ios::binary);
    out << "this is not a database, just some bytes a broken disk left behind\n";
    for (int i = 0; i < 200; ++i) {
      out << "garbage line " << i << "\n";
    }
  }
  const std::string before = ReadFile(db_path_);
  auto actions = Run({LoadCatalog{"lt"}});
  ASSERT_EQ(actions.size(), 2u);  // one when opening, one for the catalog that cannot load
  for (const auto& action : actions) {
    ASSERT_TRUE(HoldsMessage<FaultOccurred>(action));
    EXPECT_EQ(GetMessage<FaultOccurred>(action).fault_key, kFaultDatabaseKey);
  }
  EXPECT_EQ(ReadFile(db_path_), before);
}

TEST_F(EffectRunnerTest, MissingDatabaseWithoutSeedIsAFaultAndIsNotCreated) {
  EXPECT_EQ(Only<FaultOccurred>(Run({})).fault_key, kFaultDatabaseKey);
  EXPECT_FALSE(fs::exists(db_path_));
}

TEST_F(EffectRunnerTest, SeedLoadsTheDemoDistrictOnceIntoANewDatabase) {
  EffectRunnerOptions options = Options();
  options.seed_file = std::string(RAIDA_SOURCE_DIR) + "/assets/demo/rokiskis.json";
  auto actions = Run({LoadCatalog{"en"}, LoadCenter{"center.bajorai"}}, options);
  ASSERT_EQ(actions.size(), 2u);
  ASSERT_TRUE(HoldsMessage<CatalogLoaded>(actions[0]));
  const size_t courses = GetMessage<CatalogLoaded>(actions[0]).courses.size();
  EXPECT_GT(courses, 0u);
  ASSERT_TRUE(HoldsMessage<CenterLoaded>(actions[1]));
  EXPECT_EQ(GetMessage<CenterLoaded>(actions[1]).center_name, "Bajorai");
  // A second start with the same seed keeps what is there.
  EXPECT_EQ(Only<CatalogLoaded>(Run({LoadCatalog{"en"}}, options)).courses.size(), courses);
}

TEST_F(EffectRunnerTest, MalformedSeedFileIsASeedFault) {
  const std::string seed = (dir_ / "broken.json").string();
  { std::ofstream(seed) << "{\"format\": \"raida-district/1\", \"centers\": ["; }
  EffectRunnerOptions options = Options();
  options.seed_file = seed;
  EXPECT_EQ(Only<FaultOccurred>(Run({}, options)).fault_key, kFaultSeedKey);
}

// A listening socket that never answers: the district server on a link that hangs.
class SilentServer {
 public:
  SilentServer() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof(addr);
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&addr), len) != 0 || ::listen(fd_, 4) != 0 ||
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
      ADD_FAILURE() << "could not listen on 127.0.0.1";
    }
    port_ = ntohs(addr.sin_port);
  }
  ~SilentServer() { ::close(fd_); }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  int fd_ = -1;
  int port_ = 0;
};

TEST_F(EffectRunnerTest, HangingServerNeverDelaysStorageWork) {
  WriteFixture();
  SilentServer server;
  EffectRunnerOptions options = Options();
  options.server_url = server.url();
  options.server_timeout_ms = 1500;
  auto actions = Run({CheckServer{}, LoadCatalog{"lt"}}, options);
  ASSERT_EQ(actions.size(), 2u);
  EXPECT_TRUE(HoldsMessage<CatalogLoaded>(actions[0]));  // did not wait for the server
  ASSERT_TRUE(HoldsMessage<ServerChecked>(actions[1]));
  EXPECT_FALSE(GetMessage<ServerChecked>(actions[1]).reachable);
}

TEST_F(EffectRunnerTest, ResultsWakeTheUiLoop) {
  WriteFixture();
  std::atomic<int> wakes{0};
  queue_.SetWake([&] { ++wakes; });
  Run({LoadCatalog{"lt"}, LoadCenter{"center.bajorai"}});
  EXPECT_EQ(wakes.load(), 2);
}

// [SECTION] Background sync (a provisioned kiosk) with a fake transport: no network.

// Answers every request the same way: a network failure or an HTTP status.
class FixedTransport final : public sync::Transport {
 public:
  explicit FixedTransport(int status) : status_(status) {}
  sync::TransportResult Post(const sync::HttpRequest&) override {
    if (status_ == 0) {
      return sync::NetworkFailure{sync::NetworkFailureKind::kNoConnection, "refused"};
    }
    sync::HttpReply reply;
    reply.status = status_;
    reply.body = R"({"error":{"code":"device_revoked","message":"device revoked"}})";
    return reply;
  }

 private:
  int status_;
};

class BackgroundSyncTest : public EffectRunnerTest {
 protected:
  // Makes the fixture database provisioned: device 7 of Bajorai and a secret file.
  void Provision(bool with_secret = true) {
    auto store = core::Store::Open({db_path_, core::OpenMode::kOpenExisting}, clock_);
    ASSERT_TRUE(store.ok()) << store.error().message;
    ASSERT_TRUE((*store)->SetDeviceId(7).ok());
    core::SyncMetaRepository meta(**store);
    ASSERT_TRUE(meta.SetText("server_url", "http://127.0.0.1:9").ok());
    ASSERT_TRUE(meta.SetText("center_id", "center.bajorai").ok());
    if (with_secret) {
      ASSERT_TRUE(sync::WriteSecretFile(sync::SecretPathFor(db_path_), std::string(32, 's')).ok());
    }
  }

  EffectRunnerOptions SyncOptions(int status) const {
    EffectRunnerOptions options = Options();
    options.background_sync = true;
    options.sync.poll_ms = 20;
    options.sync.session.max_attempts = 1;
    options.sync.make_transport =
        [status](const std::string&,
                 const std::string&) -> core::Result<std::unique_ptr<sync::Transport>> {
      return std::unique_ptr<sync::Transport>(std::make_unique<FixedTransport>(status));
    };
    return options;
  }

  // Collects actions until a finished session's report (running false, an error) arrives.
  std::vector<SyncStatusChanged> WaitForFinishedReport() {
    std::vector<SyncStatusChanged> reports;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kWaitMs);
    while (std::chrono::steady_clock::now() < deadline) {
      for (const Action& action : queue_.Drain()) {
        if (const auto* report = FindMessage<SyncStatusChanged>(action)) {
          reports.push_back(*report);
          if (!report->status.running && !report->status.error_key.empty()) {
            return reports;
          }
        }
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ADD_FAILURE() << "no finished sync report";
    return reports;
  }
};

TEST_F(BackgroundSyncTest, ProvisioningNeedsTheDeviceNumberAndTheSecretFile) {
  auto missing = ReadProvisioning(db_path_, clock_);
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(missing->provisioned);
  EXPECT_FALSE(fs::exists(db_path_)) << "reading the provisioning created the database";
  WriteFixture();
  Provision(/*with_secret=*/false);
  auto no_secret = ReadProvisioning(db_path_, clock_);
  ASSERT_TRUE(no_secret.ok());
  EXPECT_FALSE(no_secret->provisioned);
  EXPECT_EQ(no_secret->device, 7);
  ASSERT_TRUE(sync::WriteSecretFile(sync::SecretPathFor(db_path_), std::string(32, 's')).ok());
  auto provisioned = ReadProvisioning(db_path_, clock_);
  ASSERT_TRUE(provisioned.ok());
  EXPECT_TRUE(provisioned->provisioned);
  EXPECT_EQ(provisioned->center_id, "center.bajorai");
  EXPECT_EQ(provisioned->server_url, "http://127.0.0.1:9");
}

TEST_F(BackgroundSyncTest, NoConnectionIsReportedInPlainWordsAndSyncNowRunsAgain) {
  WriteFixture();
  Provision();
  EffectRunner runner(SyncOptions(0), clock_, queue_);
  runner.Start();
  EXPECT_TRUE(runner.SyncRunning());
  std::vector<SyncStatusChanged> reports = WaitForFinishedReport();
  ASSERT_FALSE(reports.empty());
  EXPECT_TRUE(std::any_of(reports.begin(), reports.end(), [](const SyncStatusChanged& r) {
    return r.status.running;
  })) << "no report while the session ran";
  const SyncView& last = reports.back().status;
  EXPECT_EQ(last.error_key, "status.error.no_connection");
  EXPECT_FALSE(last.refused);
  EXPECT_EQ(last.last_success_ms, 0);
  EXPECT_FALSE(reports.back().data_changed);

  runner.Post(RunSyncNow{});  // the next session would be due only in 15 minutes
  reports = WaitForFinishedReport();
  EXPECT_TRUE(std::any_of(reports.begin(), reports.end(), [](const SyncStatusChanged& r) {
    return r.status.running;
  })) << "Sync now did not start a session";
  runner.Stop();
  EXPECT_FALSE(runner.SyncRunning());
}

TEST_F(BackgroundSyncTest, RevokedDeviceIsReportedAsRefused) {
  WriteFixture();
  Provision();
  EffectRunner runner(SyncOptions(403), clock_, queue_);
  runner.Start();
  const std::vector<SyncStatusChanged> reports = WaitForFinishedReport();
  ASSERT_FALSE(reports.empty());
  EXPECT_EQ(reports.back().status.error_key, "status.error.refused");
  EXPECT_TRUE(reports.back().status.refused);
}

TEST_F(BackgroundSyncTest, SyncNowOnAKioskThatIsNotProvisionedDoesNothing) {
  WriteFixture();
  EffectRunner runner(Options(), clock_, queue_);
  runner.Start();
  EXPECT_FALSE(runner.SyncRunning());
  runner.Post(RunSyncNow{});
  EXPECT_TRUE(runner.WaitIdle(kWaitMs));
  EXPECT_TRUE(queue_.Drain().empty());
}

}  // namespace
}  // namespace raida::kiosk
