// The divergence check end to end over loopback (digest_check.h, digest_protocol.h): the real
// district server in-process on 127.0.0.1 and the real client (CurlTransport, SyncClient,
// DigestCheck). A synced kiosk matches the office table by table; a kiosk whose database was
// tampered with (a value edited by hand under the same stamp, a row deleted, a row added) is
// found out in exactly those tables and repaired; a row with a change waiting to be sent is left
// alone; a kiosk with changes still to pull is told to sync first; bad requests get a 4xx.
#include <gtest/gtest.h>
#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>
#include <functional>
#include <map>
#include <thread>

#include "core/core_test_support.h"
#include "raida/core/lesson_repository.h"
#include "raida/core/person_repository.h"
#include "raida/core/sync_meta_repository.h"
#include "raida/sync/credentials.h"
#include "raida/sync/curl_transport.h"
#include "raida/sync/digest_check.h"
#include "raida/sync/digest_protocol.h"
#include "raida/sync/protocol.h"
#include "raida/sync/sync_client.h"
#include "server_app.h"

namespace raida::sync::testing {
namespace {

using core::testing::QueryInt;
using core::testing::TempDir;

constexpr const char* kCenter = "center.bajorai";
constexpr const char* kPerson = "person.demo.01";  // a Bajorai resident of the demo district
constexpr const char* kCourse = "course.computer-first-steps";

CurlOptions Curl(const std::string& url) {
  CurlOptions options;
  options.base_url = url;
  options.connect_timeout_ms = 5'000;
  options.total_timeout_ms = 30'000;
  return options;
}

std::string QueryText(core::Store& store, const std::string& sql) {
  auto stmt = store.db().Prepare(sql);
  EXPECT_TRUE(stmt.ok());
  auto row = stmt->Step();
  EXPECT_TRUE(row.ok() && *row) << sql;
  return stmt->ColumnText(0);
}

// Raw SQL as a hand edit or a bug would write it: no new stamp, nothing in the outbox.
void Tamper(core::Store& store, const std::string& sql) {
  core::Store::ApplyingScope applying(store);
  ASSERT_TRUE(store.db().Exec(sql).ok()) << sql;
}

// A Transport that runs `before` ahead of each request (its 1-based number), then sends it.
class HookedTransport : public Transport {
 public:
  HookedTransport(Transport& inner, std::function<void(int)> before)
      : inner_(&inner), before_(std::move(before)) {}
  TransportResult Post(const HttpRequest& request) override {
    before_(++posts_);
    return inner_->Post(request);
  }

 private:
  Transport* inner_;
  std::function<void(int)> before_;
  int posts_ = 0;
};

const TableCheck* Find(const DigestResult& result, const std::string& table) {
  for (const TableCheck& check : result.tables) {
    if (check.table == table) {
      return &check;
    }
  }
  return nullptr;
}

std::vector<std::string> Differing(const DigestResult& result) {
  std::vector<std::string> tables;
  for (const TableCheck& check : result.tables) {
    if (!check.matched) {
      tables.push_back(check.table);
    }
  }
  return tables;
}

void PrintFigures(const char* what, const DigestResult& result) {
  std::printf(
      "[ figures  ] %s: %d requests, %lld B up / %lld B down on the wire (bodies %lld / %lld B "
      "compressed, %lld / %lld B JSON), %lld ms\n",
      what, result.stats.requests, static_cast<long long>(result.stats.wire_bytes_up),
      static_cast<long long>(result.stats.wire_bytes_down),
      static_cast<long long>(result.stats.body_bytes_up),
      static_cast<long long>(result.stats.body_bytes_down),
      static_cast<long long>(result.stats.json_bytes_up),
      static_cast<long long>(result.stats.json_bytes_down),
      static_cast<long long>(result.stats.duration_ms));
}

class DigestLoopbackTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server::ServerOptions options;
    options.db_path = dir_.File("server.db");
    auto logger =
        std::make_shared<spdlog::logger>("digest", std::make_shared<spdlog::sinks::null_sink_mt>());
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
  Credentials CredentialsOf(core::Store& store, const std::string& name) {
    auto credentials = LoadCredentials(store, SecretPathFor(dir_.File(name)));
    EXPECT_TRUE(credentials.ok()) << credentials.error().message;
    return *credentials;
  }
  SessionResult SyncOnce(core::Store& store, const std::string& name) {
    auto transport = CurlTransport::Create(Curl(Url()));
    EXPECT_TRUE(transport.ok());
    SyncClientOptions options;
    options.max_attempts = 1;
    return SyncClient(store, **transport, CredentialsOf(store, name), options).RunSession();
  }
  DigestResult Check(
      core::Store& store, const std::string& name, std::function<void(int)> before = [](int) {},
      DigestCheckOptions options = {}) {
    auto transport = CurlTransport::Create(Curl(Url()));
    EXPECT_TRUE(transport.ok());
    HookedTransport hooked(**transport, std::move(before));
    return DigestCheck(store, hooked, CredentialsOf(store, name), options).Run();
  }
  // A kiosk of Bajorai, synced, with lesson progress of the demo resident sent to the office.
  std::unique_ptr<core::Store> SyncedKiosk(const std::string& name) {
    auto kiosk = NewKiosk(name, kCenter);
    EXPECT_TRUE(SyncOnce(*kiosk, name).ok());
    EXPECT_TRUE(
        core::LessonRepository(*kiosk).SavePosition(kPerson, kCourse, "lesson.1", 2, 120).ok());
    EXPECT_TRUE(SyncOnce(*kiosk, name).ok());
    return kiosk;
  }

  // A signed digest request with `json` as the body, as a kiosk sends it.
  HttpReply PostSigned(const Credentials& credentials, const std::string& json,
                       bool compress = true) {
    auto transport = CurlTransport::Create(Curl(Url()));
    EXPECT_TRUE(transport.ok());
    HttpRequest http;
    http.path = kDigestPath;
    http.body = compress ? Compress(json) : json;
    char nonce[25];
    std::snprintf(nonce, sizeof(nonce), "%024d", ++nonce_);
    AuthHeader auth{credentials.device, clock_.NowMs(), nonce, ""};
    auth.sig = SignRequest(credentials.secret, "POST", kDigestPath, auth.ts, auth.nonce, http.body);
    http.headers = {{"Content-Encoding", compress ? "zstd" : "identity"},
                    {"Authorization", FormatAuthHeader(auth)}};
    TransportResult sent = (*transport)->Post(http);
    EXPECT_TRUE(std::holds_alternative<HttpReply>(sent));
    return std::get<HttpReply>(sent);
  }
  static std::string ErrorCode(const HttpReply& reply) {
    const auto doc = nlohmann::json::parse(reply.body, nullptr, false);
    return doc.is_object() && doc.contains("error") ? doc["error"].value("code", "") : "";
  }

  core::SystemClock clock_;
  TempDir dir_;
  std::unique_ptr<server::ServerApp> app_;
  std::thread thread_;
  int nonce_ = 0;
};

TEST_F(DigestLoopbackTest, ASyncedKioskMatchesEveryTable) {
  auto kiosk = SyncedKiosk("a.db");
  const DigestResult result = Check(*kiosk, "a.db");
  ASSERT_EQ(result.outcome, DigestOutcome::kMatched) << result.message;
  EXPECT_EQ(result.stats.requests, 1);
  EXPECT_EQ(result.tables.size(), DigestTables(kiosk->db().UserVersion().value()).size());
  for (const TableCheck& check : result.tables) {
    EXPECT_TRUE(check.matched) << check.table;
    EXPECT_EQ(check.kiosk_rows, check.office_rows) << check.table;
  }
  EXPECT_EQ(Find(result, "audit_log"), nullptr);  // never pulled: not compared
  EXPECT_GT(Find(result, "person")->kiosk_rows, 0);
  EXPECT_EQ(Find(result, "lesson_progress")->kiosk_rows, 1);
  EXPECT_GT(QueryInt(*kiosk, "SELECT v FROM sync_meta WHERE k = 'last_digest_check'"), 0);
  EXPECT_EQ(QueryText(*kiosk, "SELECT v FROM sync_meta WHERE k = 'last_digest_result'"),
            "all tables matched");
  PrintFigures("digest check, Bajorai demo kiosk, everything matching", result);
}

// The office asks a caught-up kiosk for a check once a day ("digest_due" in the pull reply): a
// new kiosk is asked at once, and not again after it has checked.
TEST_F(DigestLoopbackTest, TheOfficeAsksForACheckOnceADay) {
  auto kiosk = NewKiosk("a.db", kCenter);
  const SessionResult first = SyncOnce(*kiosk, "a.db");
  ASSERT_TRUE(first.ok()) << first.message;
  EXPECT_TRUE(first.digest_due);
  ASSERT_EQ(Check(*kiosk, "a.db").outcome, DigestOutcome::kMatched);
  const SessionResult next = SyncOnce(*kiosk, "a.db");
  ASSERT_TRUE(next.ok()) << next.message;
  EXPECT_FALSE(next.digest_due);
}

TEST_F(DigestLoopbackTest, TamperedTablesAreFoundRepairedAndThenMatch) {
  auto kiosk = SyncedKiosk("a.db");
  const std::string village =
      QueryText(*kiosk, std::string("SELECT village FROM person WHERE id = '") + kPerson + "'");
  const int64_t sessions = QueryInt(*kiosk, "SELECT count(*) FROM course_session");
  // A value edited by hand under the same stamp, a row deleted, a row added.
  Tamper(*kiosk, std::string("UPDATE person SET village = 'Kitur' WHERE id = '") + kPerson + "'");
  Tamper(*kiosk, "DELETE FROM lesson_progress");
  Tamper(*kiosk,
         "INSERT INTO course_session(id, offering_id, date, start_time, end_time, deleted, hlc, "
         "origin) SELECT 'session.extra', offering_id, date, start_time, end_time, deleted, hlc, "
         "origin FROM course_session LIMIT 1");
  ASSERT_EQ(QueryInt(*kiosk, "SELECT count(*) FROM outbox"), 0);

  const DigestResult repaired = Check(*kiosk, "a.db");
  ASSERT_EQ(repaired.outcome, DigestOutcome::kRepaired) << repaired.message;
  EXPECT_EQ(Differing(repaired),
            (std::vector<std::string>{"person", "course_session", "lesson_progress"}));
  const TableCheck& person = *Find(repaired, "person");
  EXPECT_TRUE(person.repaired);
  EXPECT_EQ(person.changed, 1);
  EXPECT_EQ(person.added + person.removed, 0);
  EXPECT_EQ(person.kiosk_rows, person.office_rows);  // same count, another value
  const TableCheck& progress = *Find(repaired, "lesson_progress");
  EXPECT_EQ(progress.added, 1);
  EXPECT_EQ(progress.kiosk_rows + 1, progress.office_rows);
  const TableCheck& session = *Find(repaired, "course_session");
  EXPECT_EQ(session.removed, 1);
  EXPECT_EQ(session.changed + session.added, 0);
  // 1 digest request + one page for each repaired table.
  EXPECT_EQ(repaired.stats.requests, 4);

  EXPECT_EQ(
      QueryText(*kiosk, std::string("SELECT village FROM person WHERE id = '") + kPerson + "'"),
      village);
  EXPECT_EQ(QueryInt(*kiosk, "SELECT page FROM lesson_progress"), 2);
  EXPECT_EQ(QueryInt(*kiosk, "SELECT count(*) FROM course_session"), sessions);
  EXPECT_EQ(QueryInt(*kiosk, "SELECT count(*) FROM outbox"), 0);  // nothing to send back
  EXPECT_EQ(QueryText(*kiosk, "SELECT v FROM sync_meta WHERE k = 'last_digest_result'"),
            "person repaired, course_session repaired, lesson_progress repaired");

  const DigestResult again = Check(*kiosk, "a.db");
  ASSERT_EQ(again.outcome, DigestOutcome::kMatched) << again.message;
  EXPECT_TRUE(Differing(again).empty());
  // The repaired kiosk goes on syncing as before.
  const SessionResult sync = SyncOnce(*kiosk, "a.db");
  EXPECT_TRUE(sync.ok()) << sync.message;
  EXPECT_EQ(sync.stats.changes_sent, 0);

  // The cost of repairing one table: the village edited again, and only person fetched.
  Tamper(*kiosk, std::string("UPDATE person SET village = 'Kitur' WHERE id = '") + kPerson + "'");
  const DigestResult one = Check(*kiosk, "a.db");
  ASSERT_EQ(one.outcome, DigestOutcome::kRepaired) << one.message;
  EXPECT_EQ(one.stats.requests, 2);
  PrintFigures("digest check with a repair of person (Bajorai demo kiosk)", one);
}

// A table larger than a page comes in several bounded pages (ids in order, each page after the
// last id of the one before) and is replaced in one transaction.
TEST_F(DigestLoopbackTest, ALargeTableIsRepairedPageByPage) {
  auto kiosk = SyncedKiosk("a.db");
  const int64_t sessions = QueryInt(*kiosk, "SELECT count(*) FROM course_session");
  ASSERT_GT(sessions, 50);
  Tamper(*kiosk,
         "DELETE FROM course_session WHERE id = (SELECT max(id) FROM course_session WHERE "
         "id NOT IN (SELECT session_id FROM attendance))");
  Tamper(*kiosk,
         "UPDATE course_session SET end_time = '23:59' WHERE id = (SELECT min(id) FROM "
         "course_session)");
  DigestCheckOptions small;
  small.page_max_bytes = kMinDigestPageBytes;  // 4 KiB of row values a page
  const DigestResult result = Check(
      *kiosk, "a.db", [](int) {}, small);
  ASSERT_EQ(result.outcome, DigestOutcome::kRepaired) << result.message;
  EXPECT_EQ(Differing(result), std::vector<std::string>{"course_session"});
  const TableCheck& check = *Find(result, "course_session");
  EXPECT_EQ(check.changed, 1);
  EXPECT_EQ(check.added, 1);
  EXPECT_EQ(check.removed, 0);
  EXPECT_GE(result.stats.requests, 1 + 3);  // the digests, then at least 3 pages
  EXPECT_EQ(QueryInt(*kiosk, "SELECT count(*) FROM course_session"), sessions);
  EXPECT_EQ(Check(*kiosk, "a.db").outcome, DigestOutcome::kMatched);
  PrintFigures("digest check with course_session repaired in 4 KiB pages", result);
}

TEST_F(DigestLoopbackTest, ARowWithAChangeWaitingIsNotOverwritten) {
  auto kiosk = SyncedKiosk("a.db");
  const std::string other = QueryText(
      *kiosk, std::string("SELECT id FROM person WHERE home_center_id = 'center.bajorai' AND id "
                          "<> '") +
                  kPerson + "' ORDER BY id LIMIT 1");
  Tamper(*kiosk, "UPDATE person SET village = 'Kitur' WHERE id IN ('" + std::string(kPerson) +
                     "', '" + other + "')");
  // The coordinator edits the demo resident while the check is under way (after the digests,
  // before the repair's rows come): that change is captured into the outbox.
  const DigestResult result = Check(*kiosk, "a.db", [&](int request) {
    if (request == 2) {
      ASSERT_TRUE(kiosk->db()
                      .Exec(std::string("UPDATE person SET phone = '+37060000000', hlc = hlc + 1 "
                                        "WHERE id = '") +
                            kPerson + "'")
                      .ok());
    }
  });
  ASSERT_EQ(result.outcome, DigestOutcome::kStillDiffers) << result.message;
  const TableCheck& person = *Find(result, "person");
  EXPECT_FALSE(person.repaired);
  EXPECT_EQ(person.changed, 1);  // the other resident
  EXPECT_EQ(person.kept_waiting, 1);
  EXPECT_EQ(QueryText(*kiosk, "SELECT village FROM person WHERE id = '" + other + "'") == "Kitur",
            false);
  EXPECT_EQ(QueryText(*kiosk, std::string("SELECT phone || '/' || village FROM person WHERE id "
                                          "= '") +
                                  kPerson + "'"),
            "+37060000000/Kitur");
  EXPECT_EQ(QueryInt(*kiosk, "SELECT count(*) FROM outbox"), 1);

  // With a change waiting the check does not start; once it is sent, the check repairs the rest.
  EXPECT_EQ(Check(*kiosk, "a.db").outcome, DigestOutcome::kNotReady);
  ASSERT_TRUE(SyncOnce(*kiosk, "a.db").ok());
  const DigestResult after = Check(*kiosk, "a.db");
  ASSERT_EQ(after.outcome, DigestOutcome::kRepaired) << after.message;
  EXPECT_EQ(QueryText(*kiosk, std::string("SELECT phone FROM person WHERE id = '") + kPerson + "'"),
            "+37060000000");
  EXPECT_EQ(Check(*kiosk, "a.db").outcome, DigestOutcome::kMatched);
}

TEST_F(DigestLoopbackTest, AKioskWithChangesToPullIsToldToSyncFirst) {
  auto a = SyncedKiosk("a.db");
  auto b = NewKiosk("b.db", kCenter);
  ASSERT_TRUE(SyncOnce(*b, "b.db").ok());
  ASSERT_TRUE(core::LessonRepository(*b).SavePosition(kPerson, kCourse, "lesson.2", 1, 30).ok());
  ASSERT_TRUE(SyncOnce(*b, "b.db").ok());
  const DigestResult behind = Check(*a, "a.db");
  EXPECT_EQ(behind.outcome, DigestOutcome::kNotReady) << behind.message;
  EXPECT_TRUE(behind.tables.empty());
  ASSERT_TRUE(SyncOnce(*a, "a.db").ok());
  EXPECT_EQ(Check(*a, "a.db").outcome, DigestOutcome::kMatched);
}

TEST_F(DigestLoopbackTest, BadDigestRequestsAreRefusedWithA4xx) {
  auto kiosk = SyncedKiosk("a.db");
  const Credentials credentials = CredentialsOf(*kiosk, "a.db");
  DigestRequest good{1,
                     credentials.device,
                     QueryText(*kiosk, "SELECT v FROM sync_meta WHERE k = 'db_epoch'"),
                     static_cast<int>(kiosk->db().UserVersion().value()),
                     QueryInt(*kiosk, "SELECT v FROM sync_meta WHERE k = 'pull_cursor'"),
                     std::nullopt};
  EXPECT_EQ(PostSigned(credentials, SerializeDigestRequest(good)).status, 200);

  const auto refused = [&](const std::string& json, int status, const std::string& code) {
    const HttpReply reply = PostSigned(credentials, json);
    EXPECT_EQ(reply.status, status) << json << " -> " << reply.body;
    EXPECT_EQ(ErrorCode(reply), code) << json << " -> " << reply.body;
  };
  refused("{not json", 400, "malformed");
  refused("[]", 400, "malformed");
  nlohmann::json doc = nlohmann::json::parse(SerializeDigestRequest(good));
  nlohmann::json wrong = doc;
  wrong["v"] = 2;
  refused(wrong.dump(), 400, "unsupported_version");
  wrong = doc;
  wrong["extra"] = 1;
  refused(wrong.dump(), 400, "malformed");
  wrong = doc;
  wrong.erase("cursor");
  refused(wrong.dump(), 400, "malformed");
  wrong = doc;
  wrong["cursor"] = -1;
  refused(wrong.dump(), 400, "malformed");
  wrong = doc;
  wrong["device"] = credentials.device + 1;
  refused(wrong.dump(), 401, "device_mismatch");
  wrong = doc;
  wrong["rows"] = {{"table", "local_ui_state"}, {"after", ""}, {"max_bytes", 65536}};
  refused(wrong.dump(), 400, "unknown_table");
  wrong["rows"]["table"] = "audit_log";
  refused(wrong.dump(), 400, "unknown_table");
  wrong["rows"]["table"] = "person";
  wrong["rows"]["max_bytes"] = 1;
  refused(wrong.dump(), 400, "malformed");
  wrong = doc;
  wrong["epoch"] = "00000000deadbeef";
  refused(wrong.dump(), 409, "epoch_mismatch");
  // Not compressed: refused before anything is read.
  const HttpReply plain = PostSigned(credentials, SerializeDigestRequest(good), false);
  EXPECT_EQ(plain.status, 415);
  // Signed with another secret.
  Credentials forged = credentials;
  forged.secret[0] = static_cast<char>(forged.secret[0] ^ 1);
  EXPECT_EQ(PostSigned(forged, SerializeDigestRequest(good)).status, 401);
}

}  // namespace
}  // namespace raida::sync::testing
