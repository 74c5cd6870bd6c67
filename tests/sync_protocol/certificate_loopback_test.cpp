// Certificates end to end over loopback: the real district server (ServerApp in-process on
// 127.0.0.1, ephemeral port, with the demo district and the shipped lesson packs) and two real
// kiosks (SyncClient over CurlTransport). A resident finishes a course on both kiosks while they
// are offline and each kiosk issues a certificate; after syncing, both kiosks hold the one issued
// first, and the other code still verifies. Then `raida-server verify-certificate` and
// GET /api/v1/certificates/<code> are asked about the codes against the server's database, and
// finally an erasure withdraws the certificate on both kiosks.
#include <gtest/gtest.h>
#include <httplib.h>
#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "core/core_test_support.h"
#include "raida/core/certificate_code.h"
#include "raida/core/certificate_repository.h"
#include "raida/core/lesson_pack.h"
#include "raida/core/lesson_repository.h"
#include "raida/core/person_repository.h"
#include "raida/sync/credentials.h"
#include "raida/sync/curl_transport.h"
#include "raida/sync/sync_client.h"
#include "server/subprocess.h"
#include "server_app.h"

namespace raida::sync::testing {
namespace {

using core::testing::QueryInt;
using core::testing::TempDir;

constexpr const char* kCenter = "center.bajorai";
constexpr const char* kCourse = "course.computer-first-steps";

class CertificateLoopbackTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server::ServerOptions options;
    options.db_path = dir_.File("server.db");
    options.lessons_dir = std::string(RAIDA_SOURCE_DIR) + "/assets/lessons";
    auto logger = std::make_shared<spdlog::logger>("certificates",
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

  CurlOptions Curl() const {
    CurlOptions options;
    options.base_url = Url();
    options.connect_timeout_ms = 5'000;
    options.total_timeout_ms = 30'000;
    return options;
  }

  std::unique_ptr<core::Store> NewKiosk(const std::string& name) {
    auto code = app_->engine().IssueProvisioningCode(kCenter);
    EXPECT_TRUE(code.ok()) << code.error().message;
    auto store = core::testing::OpenStore(clock_, dir_.File(name));
    auto transport = CurlTransport::Create(Curl());
    EXPECT_TRUE(transport.ok());
    auto provisioned = Provision(*store, **transport, SecretPathFor(dir_.File(name)),
                                 {Url(), code->code, name, "", false});
    EXPECT_TRUE(provisioned.ok()) << provisioned.error().message;
    return store;
  }

  void SyncOnce(core::Store& store, const std::string& name) {
    auto credentials = LoadCredentials(store, SecretPathFor(dir_.File(name)));
    ASSERT_TRUE(credentials.ok()) << credentials.error().message;
    auto transport = CurlTransport::Create(Curl());
    ASSERT_TRUE(transport.ok());
    SyncClientOptions options;
    options.max_attempts = 1;
    const SessionResult result = SyncClient(store, **transport, *credentials, options).RunSession();
    ASSERT_TRUE(result.ok()) << name << ": " << result.message;
  }

  // Every lesson of the course's pack passed on `store`, then a certificate issued there.
  std::string FinishCourseAndIssue(core::Store& store, const std::string& person_id) {
    core::LessonRepository lessons(store);
    auto pack = lessons.GetPackForCourse(kCourse);
    EXPECT_TRUE(pack.ok() && pack->has_value()) << "the kiosk pulled no pack for " << kCourse;
    if (!pack.ok() || !pack->has_value()) {
      return "";
    }
    auto document = core::ParsePackDocument((*pack)->manifest);
    EXPECT_TRUE(document.ok());
    for (const core::Lesson& lesson : document->lessons) {
      EXPECT_TRUE(lessons.RecordCompletion(person_id, kCourse, lesson.id, 100, 300).ok());
    }
    auto issued = core::CertificateRepository(store).IssueCertificateIfComplete(person_id, kCourse,
                                                                                "2026-12-15");
    EXPECT_TRUE(issued.ok()) << issued.error().message;
    EXPECT_TRUE(issued.ok() && issued->has_value());
    return issued.ok() && issued->has_value() ? (*issued)->code : "";
  }

  static std::string KioskCode(core::Store& store, const std::string& person_id) {
    auto held = core::CertificateRepository(store).GetForCourse(person_id, kCourse);
    return held.ok() && held->has_value() ? (*held)->code : "(none)";
  }

  // Runs `raida-server verify-certificate` on the server's database; returns (exit code, stdout).
  std::pair<int, std::string> RunVerify(const std::string& code) {
    auto process = raida::testing::Subprocess::Start(
        {RAIDA_SERVER_BIN, "verify-certificate", "--db", dir_.File("server.db"), code},
        dir_.File("verify.err"));
    EXPECT_NE(process, nullptr);
    if (process == nullptr) {
      return {-1, ""};
    }
    std::string out = process->ReadRest(20'000);
    const std::optional<int> exit_code = process->Wait(20'000);
    return {exit_code.value_or(-1), out};
  }

  core::SystemClock clock_;
  TempDir dir_;
  std::unique_ptr<server::ServerApp> app_;
  std::thread thread_;
};

// The code as a person might type it from paper: lower case, spaces for dashes.
std::string Sloppy(const std::string& code) {
  std::string typed;
  for (const char c : code) {
    typed += c == '-' ? ' ' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return typed;
}

TEST_F(CertificateLoopbackTest, TwoKiosksIssueOfflineBothKeepTheFirstAndErasureWithdrawsIt) {
  auto a = NewKiosk("a.db");
  auto b = NewKiosk("b.db");
  SyncOnce(*a, "a.db");
  auto person = core::PersonRepository(*a).Register(
      core::testing::SamplePerson(kCenter, "Žydrūnė", "Šaulytė-Ąžuolienė"));
  ASSERT_TRUE(person.ok()) << person.error().message;
  SyncOnce(*a, "a.db");
  SyncOnce(*b, "b.db");
  ASSERT_EQ(QueryInt(*b, "SELECT count(*) FROM person WHERE id = '" + person->id + "'"), 1);

  // Both kiosks offline: the person finishes the course on each, A first.
  const std::string code_a = FinishCourseAndIssue(*a, person->id);
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  const std::string code_b = FinishCourseAndIssue(*b, person->id);
  ASSERT_FALSE(code_a.empty());
  ASSERT_FALSE(code_b.empty());
  ASSERT_NE(code_a, code_b);

  // B reaches the server first; then A; then B again. Everyone ends with A's (the first).
  SyncOnce(*b, "b.db");
  SyncOnce(*a, "a.db");
  SyncOnce(*b, "b.db");
  EXPECT_EQ(KioskCode(*a, person->id), code_a);
  EXPECT_EQ(KioskCode(*b, person->id), code_a);
  EXPECT_EQ(KioskCode(app_->store(), person->id), code_a);
  EXPECT_EQ(QueryInt(*b, "SELECT count(*) FROM outbox"), 0);

  // The district office checks both codes with the admin command and over HTTP.
  auto [ok_exit, ok_out] = RunVerify(Sloppy(code_a));
  EXPECT_EQ(ok_exit, 0) << ok_out;
  EXPECT_NE(ok_out.find("Žydrūnė Šaulytė-Ąžuolienė"), std::string::npos) << ok_out;
  EXPECT_NE(ok_out.find(code_a), std::string::npos) << ok_out;
  EXPECT_NE(ok_out.find("hours:        12"), std::string::npos) << ok_out;
  EXPECT_NE(ok_out.find("issued on:    2026-12-15"), std::string::npos) << ok_out;
  EXPECT_NE(ok_out.find("center:       Bajorai"), std::string::npos) << ok_out;
  auto [alias_exit, alias_out] = RunVerify(code_b);
  EXPECT_EQ(alias_exit, 0) << alias_out;
  EXPECT_NE(alias_out.find("note:         " + code_b), std::string::npos) << alias_out;
  auto [none_exit, none_out] = RunVerify(core::NewCertificateCode());
  EXPECT_EQ(none_exit, 1);
  EXPECT_EQ(none_out, "no certificate has this code\n");
  auto [typo_exit, typo_out] = RunVerify("RKS-7K2M-9QXU");
  EXPECT_EQ(typo_exit, 1);
  EXPECT_EQ(typo_out, "no certificate has this code\n");

  httplib::Client http("127.0.0.1", app_->port());
  auto found = http.Get(std::string("/api/v1/certificates/") + Sloppy(code_b).c_str());
  ASSERT_TRUE(found);
  EXPECT_EQ(found->status, 200) << found->body;
  const auto body = nlohmann::json::parse(found->body, nullptr, false);
  ASSERT_TRUE(body.is_object()) << found->body;
  EXPECT_EQ(body.value("code", ""), code_a);
  EXPECT_EQ(body.value("holder", ""), "Žydrūnė Šaulytė-Ąžuolienė");
  EXPECT_EQ(body.value("center", ""), "Bajorai");
  EXPECT_EQ(body.value("issued_on", ""), "2026-12-15");
  EXPECT_EQ(body.value("hours", 0), 12);
  EXPECT_TRUE(body["course"].contains("lt"));
  EXPECT_FALSE(body.contains("person_id"));
  auto missing = http.Get("/api/v1/certificates/" + core::NewCertificateCode());
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_NE(missing->body.find("no certificate has this code"), std::string::npos);

  // Erasure: the certificate is withdrawn on the server and on both kiosks.
  ASSERT_TRUE(app_->engine().ErasePerson(person->id).ok());
  SyncOnce(*a, "a.db");
  SyncOnce(*b, "b.db");
  for (core::Store* store : {a.get(), b.get()}) {
    EXPECT_EQ(KioskCode(*store, person->id), "(none)");
    EXPECT_EQ(QueryInt(*store, "SELECT deleted FROM certificate"), 1);
  }
  auto [erased_exit, erased_out] = RunVerify(code_a);
  EXPECT_EQ(erased_exit, 1);
  EXPECT_EQ(erased_out, "no certificate has this code\n");
}

}  // namespace
}  // namespace raida::sync::testing
