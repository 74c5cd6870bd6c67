// End to end over loopback: the real district server (ServerApp, in-process on 127.0.0.1 with
// an ephemeral port) and the real client (CurlTransport, SyncClient). A kiosk is provisioned
// with a one-time code, pulls its catalog, signs a resident up, syncs, and learns the server's
// decision; a second kiosk of the same center then pulls that resident and the sign-up.
#include <gtest/gtest.h>
#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "core/core_test_support.h"
#include "kiosk/state/duplicates_storage.h"
#include "raida/core/attendance_repository.h"
#include "raida/core/audit_log.h"
#include "raida/core/enrollment_repository.h"
#include "raida/core/lesson_repository.h"
#include "raida/core/person_repository.h"
#include "raida/sync/credentials.h"
#include "raida/sync/curl_transport.h"
#include "raida/sync/sync_client.h"
#include "raida/sync/sync_status.h"
#include "server_app.h"

namespace raida::sync::testing {
namespace {

using core::testing::TempDir;

CurlOptions Curl(const std::string& url) {
  CurlOptions options;
  options.base_url = url;
  options.connect_timeout_ms = 5'000;
  options.total_timeout_ms = 30'000;
  return options;
}

class LoopbackTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server::ServerOptions options;
    options.db_path = dir_.File("server.db");
    auto logger = std::make_shared<spdlog::logger>("loopback",
                                                   std::make_shared<spdlog::sinks::null_sink_mt>());
    auto app = server::ServerApp::Create(options, clock_, logger);
    ASSERT_TRUE(app.ok()) << app.error().message;
    app_ = std::move(app).value();
    auto loaded = app_->LoadDistrict(std::string(RAIDA_SOURCE_DIR) + "/assets/demo/rokiskis.json");
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    ASSERT_TRUE(app_->Bind().ok());
    thread_ = std::thread([this] { EXPECT_TRUE(app_->Serve().ok()); });
    while (!app_->IsRunning()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
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
  std::string Url() const { return "http://127.0.0.1:" + std::to_string(app_->port()); }

  // A new kiosk database provisioned for `center` through the real HTTP endpoint.
  std::unique_ptr<core::Store> NewKiosk(const std::string& name, const std::string& center) {
    auto code = app_->engine().IssueProvisioningCode(center);
    EXPECT_TRUE(code.ok()) << code.error().message;
    auto store = core::testing::OpenStore(clock_, dir_.File(name));
    auto transport = CurlTransport::Create(Curl(Url()));
    EXPECT_TRUE(transport.ok());
    auto provisioned = Provision(*store, **transport, SecretPathFor(dir_.File(name)),
                                 {Url(), code->code, name, "", false});
    EXPECT_TRUE(provisioned.ok()) << provisioned.error().message;
    return store;
  }

  SessionResult SyncOnce(core::Store& store, const std::string& name) {
    auto credentials = LoadCredentials(store, SecretPathFor(dir_.File(name)));
    EXPECT_TRUE(credentials.ok()) << credentials.error().message;
    auto transport = CurlTransport::Create(Curl(Url()));
    EXPECT_TRUE(transport.ok());
    SyncClientOptions options;
    options.max_attempts = 1;
    return SyncClient(store, **transport, *credentials, options).RunSession();
  }

  core::SystemClock clock_;
  TempDir dir_;
  std::unique_ptr<server::ServerApp> app_;
  std::thread thread_;
};

TEST_F(LoopbackTest, ProvisionSignUpSyncAndASecondKioskPulls) {
  auto kiosk = NewKiosk("a.db", "center.bajorai");
  ASSERT_GT(kiosk->device_id(), 0);
  SessionResult first = SyncOnce(*kiosk, "a.db");
  ASSERT_TRUE(first.ok()) << first.message;
  EXPECT_GT(first.stats.changes_received, 0);
  EXPECT_EQ(core::testing::QueryInt(*kiosk,
                                    "SELECT count(*) FROM course_offering WHERE id = "
                                    "'offering.bajorai.1'"),
            1);
  // A no-op sync is one request.
  SessionResult noop = SyncOnce(*kiosk, "a.db");
  ASSERT_TRUE(noop.ok()) << noop.message;
  EXPECT_EQ(noop.stats.requests, 1);

  auto person = core::PersonRepository(*kiosk).Register(
      core::testing::SamplePerson("center.bajorai", "Aldona", "Jonaitienė"));
  ASSERT_TRUE(person.ok()) << person.error().message;
  auto enrollment = core::EnrollmentRepository(*kiosk).RequestSignUp(
      person->id, "offering.bajorai.1", {"transport"});
  ASSERT_TRUE(enrollment.ok()) << enrollment.error().message;
  SessionResult push = SyncOnce(*kiosk, "a.db");
  ASSERT_TRUE(push.ok()) << push.message;
  EXPECT_GE(push.stats.changes_sent, 2);
  for (const SessionResult* r : {&first, &noop, &push}) {
    std::printf(
        "[ sample   ] %lld sent, %lld received: %d request(s), wire %lld B up / %lld B "
        "down, bodies %lld / %lld B, JSON %lld / %lld B\n",
        static_cast<long long>(r->stats.changes_sent),
        static_cast<long long>(r->stats.changes_received), r->stats.requests,
        static_cast<long long>(r->stats.wire_bytes_up),
        static_cast<long long>(r->stats.wire_bytes_down),
        static_cast<long long>(r->stats.body_bytes_up),
        static_cast<long long>(r->stats.body_bytes_down),
        static_cast<long long>(r->stats.json_bytes_up),
        static_cast<long long>(r->stats.json_bytes_down));
  }
  auto status = ReadSyncStatus(*kiosk);
  ASSERT_TRUE(status.ok());
  EXPECT_EQ(status->waiting, 0);
  EXPECT_EQ(status->last_error, "");
  // The kiosk told the server about itself: nothing left waiting once the batch was taken, and
  // the free space on its disk (for the office's Kiosks page).
  const std::string device =
      " FROM server_device WHERE device_no = " + std::to_string(kiosk->device_id());
  EXPECT_EQ(core::testing::QueryInt(app_->store(), "SELECT outbox_pending" + device), 0);
  EXPECT_GT(core::testing::QueryInt(app_->store(), "SELECT disk_free_bytes" + device), 0);
  auto decided = core::EnrollmentRepository(*kiosk).Get(enrollment->id);
  ASSERT_TRUE(decided.ok() && decided->has_value());
  EXPECT_NE((*decided)->status, core::EnrollmentStatus::kRequested)
      << "the server's decision reaches the kiosk in the same session";

  auto second = NewKiosk("b.db", "center.bajorai");
  SessionResult pulled = SyncOnce(*second, "b.db");
  ASSERT_TRUE(pulled.ok()) << pulled.message;
  EXPECT_EQ(core::testing::QueryInt(*second,
                                    "SELECT count(*) FROM person WHERE id = '" + person->id + "'"),
            1);
  auto copy = core::EnrollmentRepository(*second).Get(enrollment->id);
  ASSERT_TRUE(copy.ok() && copy->has_value());
  EXPECT_EQ((*copy)->status, (*decided)->status);
  EXPECT_EQ(core::testing::QueryInt(*second, "SELECT count(*) FROM outbox"), 0);
}

TEST_F(LoopbackTest, ARevokedKioskIsRefusedAndSaysSo) {
  auto kiosk = NewKiosk("a.db", "center.bajorai");
  ASSERT_TRUE(app_->engine().RevokeDevice(kiosk->device_id()).ok());
  SessionResult result = SyncOnce(*kiosk, "a.db");
  EXPECT_EQ(result.outcome, SessionOutcome::kRefused);
  EXPECT_EQ(ReadSyncStatus(*kiosk)->last_error, "refused: device revoked");
}

TEST_F(LoopbackTest, ACodeWorksOnlyOnce) {
  auto code = app_->engine().IssueProvisioningCode("center.bajorai");
  ASSERT_TRUE(code.ok());
  auto transport = CurlTransport::Create(Curl(Url()));
  ASSERT_TRUE(transport.ok());
  auto a = core::testing::OpenStore(clock_, dir_.File("a.db"));
  auto b = core::testing::OpenStore(clock_, dir_.File("b.db"));
  ASSERT_TRUE(Provision(*a, **transport, SecretPathFor(dir_.File("a.db")),
                        {Url(), code->code, "", "", false})
                  .ok());
  auto again = Provision(*b, **transport, SecretPathFor(dir_.File("b.db")),
                         {Url(), code->code, "", "", false});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, core::ErrorCode::kUnauthorized);
  EXPECT_EQ(b->device_id(), 0);
}

// A kiosk database restored from a backup, or re-created, is a copy the server has moved past
// (sync_client.h, protocol.h "Reconcile"). Helpers: a resident signed up through the
// repositories, and what the server and a kiosk hold of the center's people and sign-ups.
std::string Register(core::Store& store, const std::string& given, const std::string& family) {
  auto person = core::PersonRepository(store).Register(
      core::testing::SamplePerson("center.bajorai", given, family));
  EXPECT_TRUE(person.ok()) << person.error().message;
  return person.ok() ? person->id : "";
}

std::string SignUp(core::Store& store, const std::string& person_id, const std::string& offering) {
  auto enrollment = core::EnrollmentRepository(store).RequestSignUp(person_id, offering, {});
  EXPECT_TRUE(enrollment.ok()) << enrollment.error().message;
  return enrollment.ok() ? enrollment->id : "";
}

// The center's people and sign-ups (the demo district's and the test's), as rows to compare.
std::vector<std::string> CenterRows(core::Store& store) {
  auto people = core::testing::QueryRows(
      store,
      "SELECT id, given_name, family_name FROM person WHERE home_center_id = 'center.bajorai' "
      "ORDER BY id");
  const auto enrollments = core::testing::QueryRows(
      store,
      "SELECT e.id, e.person_id, e.offering_id, e.status FROM enrollment e JOIN course_offering "
      "o ON o.id = e.offering_id WHERE o.center_id = 'center.bajorai' ORDER BY e.id");
  people.insert(people.end(), enrollments.begin(), enrollments.end());
  return people;
}

// Offerings of the center with more confirmed seats than places (none, ever).
int64_t OverbookedOfferings(core::Store& store) {
  return core::testing::QueryInt(
      store,
      "SELECT count(*) FROM course_offering o WHERE o.center_id = 'center.bajorai' AND "
      "o.capacity < (SELECT count(*) FROM enrollment e WHERE e.offering_id = o.id AND e.status "
      "= 'confirmed')");
}

int64_t Count(core::Store& store, const std::string& table, const std::string& id) {
  return core::testing::QueryInt(store,
                                 "SELECT count(*) FROM " + table + " WHERE id = '" + id + "'");
}

class RestoreTest : public LoopbackTest {
 protected:
  // Closes the kiosk and puts `source` in place of its database file (as a copy from a backup
  // would be, or a new empty database when `source` is empty); the secret file stays.
  void ReplaceDatabase(std::unique_ptr<core::Store>& kiosk, const std::string& source) {
    kiosk.reset();
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
      std::filesystem::remove(dir_.File("a.db") + suffix);
    }
    if (!source.empty()) {
      std::filesystem::copy_file(source, dir_.File("a.db"));
    }
    kiosk = core::testing::OpenStore(clock_, dir_.File("a.db"));
  }
  int64_t LastBatch(int64_t device) {
    return core::testing::QueryInt(
        app_->store(),
        "SELECT last_batch FROM server_device WHERE device_no = " + std::to_string(device));
  }
};

TEST_F(RestoreTest, AKioskRestoredFromABackupReconcilesAndGetsBackWhatItLost) {
  auto kiosk = NewKiosk("a.db", "center.bajorai");
  const int64_t device = kiosk->device_id();
  ASSERT_TRUE(SyncOnce(*kiosk, "a.db").ok());
  const std::string ona = Register(*kiosk, "Ona", "Atsarginė");
  const std::string ona_basics = SignUp(*kiosk, ona, "offering.bajorai.2");
  ASSERT_TRUE(SyncOnce(*kiosk, "a.db").ok());
  // Changes still waiting when the backup is taken: the restored kiosk sends them again.
  const std::string session = core::testing::QueryRows(
      *kiosk, "SELECT id FROM course_session WHERE offering_id = 'offering.bajorai.2' LIMIT 1")[0];
  auto mark = core::AttendanceRepository(*kiosk).Mark(session, ona, core::AttendanceMark::kPresent,
                                                      "coordinator.test");
  ASSERT_TRUE(mark.ok()) << mark.error().message;
  ASSERT_OK(core::LessonRepository(*kiosk).SavePosition(ona, "course.computer-first-steps",
                                                        "computer-first-steps.l1", 3, 300));
  auto audit =
      core::AuditLog(*kiosk).Append({"", 0, "coordinator.test", "person.view", "person", ona});
  ASSERT_TRUE(audit.ok()) << audit.error().message;
  ASSERT_OK(kiosk->db().Exec("VACUUM INTO '" + dir_.File("backup.db") + "'"));

  // After the backup: those changes, a new resident and two sign-ups reach the server.
  const std::string rasa = Register(*kiosk, "Rasa", "Vėlesnė");
  const std::string rasa_signup = SignUp(*kiosk, rasa, "offering.bajorai.1");
  const std::string ona_signup = SignUp(*kiosk, ona, "offering.bajorai.1");
  ASSERT_TRUE(SyncOnce(*kiosk, "a.db").ok());
  const int64_t last_batch = LastBatch(device);

  // The SD card fails and the backup is put back: the kiosk's batch numbers, outbox, pull
  // cursor and id counter are older than what the server has from it.
  ReplaceDatabase(kiosk, dir_.File("backup.db"));
  ASSERT_EQ(Count(*kiosk, "person", rasa), 0);
  // New sign-ups on the restored kiosk: one the server already has (Ona's, made again), one new.
  EXPECT_EQ(SignUp(*kiosk, ona, "offering.bajorai.1"), ona_signup);
  const std::string ona_third = SignUp(*kiosk, ona, "offering.bajorai.3");
  // A resident registered before the kiosk reaches the server: the restored counter stands where
  // it stood before Rasa, but the id is his own (Store::NewRowId).
  const std::string jurgis = Register(*kiosk, "Jurgis", "Pirmasis");
  EXPECT_NE(jurgis, rasa);

  SessionResult reconciled = SyncOnce(*kiosk, "a.db");
  ASSERT_TRUE(reconciled.ok()) << reconciled.message;
  std::printf(
      "[ sample   ] reconcile of a restored kiosk (demo district, Bajorai): %d requests, "
      "%lld sent, %lld received, %lld B down on the wire, %lld ms\n",
      reconciled.stats.requests, static_cast<long long>(reconciled.stats.changes_sent),
      static_cast<long long>(reconciled.stats.changes_received),
      static_cast<long long>(reconciled.stats.wire_bytes_down),
      static_cast<long long>(reconciled.stats.duration_ms));
  EXPECT_EQ(ReadSyncStatus(*kiosk)->last_error, "");
  EXPECT_EQ(core::testing::QueryInt(*kiosk, "SELECT count(*) FROM outbox"), 0);
  // The batches went on from the server's numbering, under a new epoch.
  EXPECT_GT(LastBatch(device), last_batch);
  EXPECT_EQ(core::testing::QueryInt(app_->store(), "SELECT db_epoch = '" + kiosk->db_epoch() +
                                                       "' FROM server_device WHERE device_no = " +
                                                       std::to_string(device)),
            0);
  // Everything exactly once on the server; what the server acknowledged after the backup came
  // back to the kiosk; no seat given twice.
  for (const std::string& id : {ona, rasa, jurgis}) {
    EXPECT_EQ(Count(app_->store(), "person", id), 1) << id;
    EXPECT_EQ(Count(*kiosk, "person", id), 1) << id;
  }
  for (const std::string& id : {ona_basics, rasa_signup, ona_signup, ona_third}) {
    EXPECT_EQ(Count(app_->store(), "enrollment", id), 1) << id;
    EXPECT_EQ(Count(*kiosk, "enrollment", id), 1) << id;
  }
  EXPECT_EQ(core::testing::QueryInt(app_->store(),
                                    "SELECT count(*) FROM person WHERE "
                                    "family_name IN ('Atsarginė', 'Vėlesnė', 'Pirmasis')"),
            3);
  EXPECT_EQ(core::testing::QueryInt(app_->store(),
                                    "SELECT count(*) FROM enrollment WHERE offering_id = "
                                    "'offering.bajorai.1' AND person_id = '" +
                                        ona + "' AND status IN ('confirmed', 'waitlisted')"),
            1);
  EXPECT_EQ(OverbookedOfferings(app_->store()), 0);
  EXPECT_EQ(OverbookedOfferings(*kiosk), 0);
  EXPECT_EQ(CenterRows(*kiosk), CenterRows(app_->store()));
  // The changes sent twice (before the backup was restored and after) count once: one mark,
  // 300 seconds of lesson (not 600), one audit entry.
  for (core::Store* store : {&app_->store(), kiosk.get()}) {
    EXPECT_EQ(core::testing::QueryRows(
                  *store, "SELECT mark FROM attendance WHERE person_id = '" + ona + "'"),
              std::vector<std::string>{"present"});
    EXPECT_EQ(core::testing::QueryRows(
                  *store,
                  "SELECT sum(seconds) FROM progress_counter WHERE deleted = 0 AND person_id = '" +
                      ona + "'"),
              std::vector<std::string>{"300"});
  }
  EXPECT_EQ(core::testing::QueryInt(app_->store(),
                                    "SELECT count(*) FROM audit_log WHERE "
                                    "record_id = '" +
                                        ona + "'"),
            1);

  EXPECT_EQ(core::testing::QueryRows(app_->store(), "SELECT given_name FROM person WHERE id IN ('" +
                                                        rasa + "', '" + jurgis +
                                                        "') ORDER BY given_name"),
            (std::vector<std::string>{"Jurgis", "Rasa"}));

  // Reconciled: the next sync is an ordinary no-op.
  SessionResult noop = SyncOnce(*kiosk, "a.db");
  ASSERT_TRUE(noop.ok()) << noop.message;
  EXPECT_EQ(noop.stats.requests, 1);
  EXPECT_EQ(CenterRows(*kiosk), CenterRows(app_->store()));
}

// Restored with nothing waiting to be sent: no batch can conflict, but the kiosk still lost
// what it made after the backup, and must not pull on without it (a later change the office
// makes to such a row, like a notes key, would then have no row to land in).
TEST_F(RestoreTest, AKioskRestoredWithNothingToSendReconcilesToo) {
  auto kiosk = NewKiosk("a.db", "center.bajorai");
  ASSERT_TRUE(SyncOnce(*kiosk, "a.db").ok());
  ASSERT_OK(kiosk->db().Exec("VACUUM INTO '" + dir_.File("backup.db") + "'"));
  const std::string rasa = Register(*kiosk, "Rasa", "Vėlesnė");
  const std::string rasa_signup = SignUp(*kiosk, rasa, "offering.bajorai.1");
  ASSERT_TRUE(SyncOnce(*kiosk, "a.db").ok());

  ReplaceDatabase(kiosk, dir_.File("backup.db"));
  ASSERT_EQ(Count(*kiosk, "person", rasa), 0);
  SessionResult reconciled = SyncOnce(*kiosk, "a.db");
  ASSERT_TRUE(reconciled.ok()) << reconciled.message;
  EXPECT_EQ(ReadSyncStatus(*kiosk)->last_error, "");
  EXPECT_EQ(Count(*kiosk, "person", rasa), 1);
  EXPECT_EQ(Count(*kiosk, "enrollment", rasa_signup), 1);
  EXPECT_EQ(CenterRows(*kiosk), CenterRows(app_->store()));
  SessionResult noop = SyncOnce(*kiosk, "a.db");
  ASSERT_TRUE(noop.ok()) << noop.message;
  EXPECT_EQ(noop.stats.requests, 1);
}

TEST_F(RestoreTest, AReCreatedKioskDatabaseReconcilesAndGetsItsPeopleBack) {
  auto kiosk = NewKiosk("a.db", "center.bajorai");
  const int64_t device = kiosk->device_id();
  ASSERT_TRUE(SyncOnce(*kiosk, "a.db").ok());
  const std::string ona = Register(*kiosk, "Ona", "Senoji");
  const std::string ona_signup = SignUp(*kiosk, ona, "offering.bajorai.2");
  ASSERT_TRUE(SyncOnce(*kiosk, "a.db").ok());
  const int64_t last_batch = LastBatch(device);

  // The database is deleted and made again (a reinstall); the device secret survived and the
  // device number is given back to the new database.
  ReplaceDatabase(kiosk, "");
  ASSERT_OK(kiosk->SetDeviceId(device));
  ASSERT_EQ(Count(*kiosk, "person", ona), 0);

  SessionResult reconciled = SyncOnce(*kiosk, "a.db");
  ASSERT_TRUE(reconciled.ok()) << reconciled.message;
  EXPECT_EQ(ReadSyncStatus(*kiosk)->last_error, "");
  EXPECT_EQ(Count(*kiosk, "person", ona), 1);
  EXPECT_EQ(Count(*kiosk, "enrollment", ona_signup), 1);
  EXPECT_EQ(CenterRows(*kiosk), CenterRows(app_->store()));

  // New sign-ups after the reconcile: a new resident (an id of her own, not Ona's) and one for
  // Ona, whose old sign-up the kiosk knows again; numbering goes on from the server's.
  const std::string birute = Register(*kiosk, "Birutė", "Naujoji");
  EXPECT_NE(birute, ona);
  const std::string birute_signup = SignUp(*kiosk, birute, "offering.bajorai.1");
  EXPECT_FALSE(
      core::EnrollmentRepository(*kiosk).RequestSignUp(ona, "offering.bajorai.2", {}).ok());
  const std::string ona_third = SignUp(*kiosk, ona, "offering.bajorai.3");
  SessionResult pushed = SyncOnce(*kiosk, "a.db");
  ASSERT_TRUE(pushed.ok()) << pushed.message;
  EXPECT_GT(LastBatch(device), last_batch);
  EXPECT_EQ(
      core::testing::QueryRows(app_->store(), "SELECT given_name FROM person WHERE id IN ('" + ona +
                                                  "', '" + birute + "') ORDER BY given_name"),
      (std::vector<std::string>{"Birutė", "Ona"}));
  for (const std::string& id : {ona_signup, birute_signup, ona_third}) {
    EXPECT_EQ(Count(app_->store(), "enrollment", id), 1) << id;
  }
  EXPECT_EQ(OverbookedOfferings(app_->store()), 0);
  EXPECT_EQ(core::testing::QueryInt(*kiosk, "SELECT count(*) FROM outbox"), 0);
  EXPECT_EQ(CenterRows(*kiosk), CenterRows(app_->store()));
}

TEST_F(RestoreTest, AKioskThatStillDoesNotFitSaysSoInPlainWords) {
  auto kiosk = NewKiosk("a.db", "center.bajorai");
  const int64_t device = kiosk->device_id();
  ASSERT_TRUE(SyncOnce(*kiosk, "a.db").ok());
  ASSERT_OK(kiosk->db().Exec("VACUUM INTO '" + dir_.File("backup.db") + "'"));
  Register(*kiosk, "Rasa", "Vėlesnė");
  ASSERT_TRUE(SyncOnce(*kiosk, "a.db").ok());
  ReplaceDatabase(kiosk, dir_.File("backup.db"));
  Register(*kiosk, "Jonas", "Naujokas");
  // The number the reconciled batch will take is already held by other content (it cannot
  // happen on its own): one reconcile per session, then the words a coordinator reads.
  ASSERT_OK(app_->store().db().Exec(
      "INSERT INTO applied_batch SELECT device_no, batch + 1, 'other', response, applied_ms "
      "FROM applied_batch WHERE device_no = " +
      std::to_string(device) + " ORDER BY batch DESC LIMIT 1"));
  SessionResult refused = SyncOnce(*kiosk, "a.db");
  EXPECT_EQ(refused.outcome, SessionOutcome::kServerRefused);
  const std::string last_error = ReadSyncStatus(*kiosk)->last_error;
  EXPECT_EQ(last_error.rfind(kReconcileFailedError, 0), 0u) << last_error;
  EXPECT_NE(last_error.find("batch_conflict"), std::string::npos) << last_error;
  EXPECT_FALSE(IsRefusedError(last_error)) << "the device itself is not refused";
}

TEST(CurlTransportTest, PlainHttpOnlyOnLoopback) {
  EXPECT_TRUE(IsLoopbackUrl("http://127.0.0.1:8080"));
  EXPECT_TRUE(IsLoopbackUrl("http://localhost/"));
  EXPECT_TRUE(IsLoopbackUrl("http://[::1]:80"));
  EXPECT_FALSE(IsLoopbackUrl("http://10.0.0.5"));
  EXPECT_FALSE(CurlTransport::Create(Curl("http://raida.example.lt")).ok());
  EXPECT_TRUE(CurlTransport::Create(Curl("https://raida.example.lt")).ok());
  EXPECT_FALSE(CurlTransport::Create(Curl("ftp://127.0.0.1")).ok());
}

TEST(CurlTransportTest, NoServerIsNoConnection) {
  auto transport = CurlTransport::Create(Curl("http://127.0.0.1:1"));
  ASSERT_TRUE(transport.ok());
  TransportResult result = (*transport)->Post(HttpRequest{kSyncPath, {}, "x"});
  ASSERT_TRUE(std::holds_alternative<NetworkFailure>(result));
  EXPECT_EQ(std::get<NetworkFailure>(result).kind, NetworkFailureKind::kNoConnection);
}

// A coordinator's merge of two records of one person, end to end: the kiosk records the request
// (DuplicatesStorage, as the "Possible duplicates" task does), syncs through the real client and
// server, and ends with the server's merge: the duplicate's sign-up moved to the kept record on
// the server and back on the kiosk, the merge's audit entry at the office, nothing set aside.
TEST_F(LoopbackTest, AKiosksMergeRequestEndsWithTheServersMerge) {
  auto kiosk = NewKiosk("a.db", "center.bajorai");
  ASSERT_TRUE(SyncOnce(*kiosk, "a.db").ok());
  core::Person again = core::testing::SamplePerson("center.bajorai", "ONA", "Kazlauskiene");
  again.birth_year = 1951;  // Ona Kazlauskienė of the demo, registered a second time
  auto loser = core::PersonRepository(*kiosk).Register(again);
  ASSERT_TRUE(loser.ok()) << loser.error().message;
  ASSERT_TRUE(
      core::EnrollmentRepository(*kiosk).RequestSignUp(loser->id, "offering.bajorai.3", {}).ok());
  ASSERT_TRUE(SyncOnce(*kiosk, "a.db").ok());

  const std::string winner = "person.demo.01";
  auto merged = kiosk::DuplicatesStorage().Run(
      *kiosk,
      kiosk::SaveDuplicateMerge{"center.bajorai", loser->id, winner, "coordinator.bajorai.1"});
  ASSERT_TRUE(merged.ok() && merged->has_value()) << "the request is recorded on the kiosk";
  SessionResult pushed = SyncOnce(*kiosk, "a.db");
  ASSERT_TRUE(pushed.ok()) << pushed.message;

  const std::string person = " FROM person WHERE id = '" + loser->id + "'";
  const std::string moved = core::DeterministicId("enrollment", "offering.bajorai.3", winner);
  const std::string left = core::DeterministicId("enrollment", "offering.bajorai.3", loser->id);
  for (core::Store* store : {&app_->store(), kiosk.get()}) {
    EXPECT_EQ(core::testing::QueryInt(*store, "SELECT merged_into = '" + winner + "'" + person), 1);
    EXPECT_EQ(
        core::testing::QueryInt(*store, "SELECT count(*) FROM enrollment WHERE id = '" + moved +
                                            "' AND person_id = '" + winner + "' AND deleted = 0"),
        1);
    EXPECT_EQ(
        core::testing::QueryInt(*store, "SELECT deleted FROM enrollment WHERE id = '" + left + "'"),
        1);
  }
  EXPECT_EQ(core::testing::QueryInt(app_->store(), "SELECT count(*) FROM quarantine"), 0);
  EXPECT_EQ(core::testing::QueryInt(app_->store(),
                                    "SELECT count(*) FROM audit_log WHERE action = "
                                    "'person.merge' AND record_id = '" +
                                        loser->id + "'"),
            1);
  EXPECT_EQ(core::testing::QueryInt(*kiosk, "SELECT count(*) FROM outbox"), 0);
}

// Lesson time counted per device, end to end: a resident spends 300 s on a lesson at one kiosk
// and 200 s on the same lesson at another kiosk of the center, before either syncs; once both
// have synced, the server and both kiosks show 500 s (before schema 10: the larger, 300). An
// erasure then takes the time off both kiosks.
TEST_F(LoopbackTest, LessonTimeOnTwoKiosksAddsUpEverywhere) {
  auto a = NewKiosk("a.db", "center.bajorai");
  auto b = NewKiosk("b.db", "center.bajorai");
  ASSERT_TRUE(SyncOnce(*a, "a.db").ok());
  ASSERT_TRUE(SyncOnce(*b, "b.db").ok());
  const std::string person = "person.demo.01";
  const std::string course = "course.computer-first-steps";
  ASSERT_TRUE(core::LessonRepository(*a).SavePosition(person, course, "lesson.1", 2, 300).ok());
  ASSERT_TRUE(core::LessonRepository(*b).SavePosition(person, course, "lesson.1", 4, 200).ok());
  for (int round = 0; round < 2; ++round) {  // the second round brings A what B sent
    ASSERT_TRUE(SyncOnce(*a, "a.db").ok());
    ASSERT_TRUE(SyncOnce(*b, "b.db").ok());
  }
  const std::vector<core::Store*> stores = {&app_->store(), a.get(), b.get()};
  for (core::Store* store : stores) {
    auto read = core::LessonRepository(*store).Get(person, "lesson.1");
    ASSERT_TRUE(read.ok() && read->has_value());
    EXPECT_EQ((*read)->seconds_spent, 500);
    EXPECT_EQ((*read)->page, 4);
  }

  ASSERT_TRUE(app_->engine().ErasePerson(person).ok());
  ASSERT_TRUE(SyncOnce(*a, "a.db").ok());
  ASSERT_TRUE(SyncOnce(*b, "b.db").ok());
  for (core::Store* store : stores) {
    EXPECT_EQ(core::testing::QueryInt(*store,
                                      "SELECT count(*) FROM progress_counter WHERE "
                                      "deleted = 0 AND person_id = '" +
                                          person + "'"),
              0);
    EXPECT_EQ(core::LessonRepository(*store).Get(person, "lesson.1").value()->seconds_spent, 0);
  }
}

}  // namespace
}  // namespace raida::sync::testing
