// SyncRig; see sync_rig.h.
#include "sync_rig.h"

#include <signal.h>
#include <sqlite3.h>

#include <chrono>

#include "raida/core/attendance_repository.h"
#include "raida/core/clock.h"
#include "raida/core/enrollment_repository.h"
#include "raida/core/person_repository.h"
#include "raida/core/store.h"

namespace raida::testing {
namespace {

const std::string kServerBin = RAIDA_SERVER_BIN;
const std::string kSyncBin = RAIDA_SYNC_BIN;
const std::string kDemo = std::string(RAIDA_SOURCE_DIR) + "/assets/demo/rokiskis.json";
const std::string kCenter = "center.bajorai";
constexpr int kStartMs = 30'000;
constexpr int kRunSlackMs = 30'000;

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

RunOutcome Collect(Subprocess& process, const std::string& err_path, int timeout_ms,
                   int64_t started_ms) {
  RunOutcome outcome;
  outcome.out = process.ReadRest(timeout_ms);
  outcome.code = process.Wait(timeout_ms).value_or(-1);
  outcome.err = ReadFile(err_path);
  outcome.ms = NowMs() - started_ms;
  return outcome;
}

// The rows of one synced table in the kiosk's scope, in a canonical order.
const char* const kScopeQueries[] = {
    "SELECT id, given_name, family_name, phone, erased, coalesce(merged_into, ''), hlc, origin, "
    "deleted FROM person WHERE home_center_id = 'center.bajorai' ORDER BY id",
    "SELECT e.id, e.offering_id, e.person_id, e.status, e.hlc, e.origin, e.deleted FROM "
    "enrollment e JOIN person p ON p.id = e.person_id WHERE p.home_center_id = "
    "'center.bajorai' ORDER BY e.id",
    "SELECT a.id, a.session_id, a.person_id, a.mark, a.hlc, a.origin, a.deleted FROM attendance "
    "a JOIN person p ON p.id = a.person_id WHERE p.home_center_id = 'center.bajorai' ORDER BY "
    "a.id",
    "SELECT id, course_id, capacity, cancelled, hlc FROM course_offering ORDER BY id",
    "SELECT id, offering_id, date, hlc FROM course_session ORDER BY id",
};

const char* const kOverCapacity =
    "SELECT o.id FROM course_offering o WHERE (SELECT count(*) FROM enrollment e WHERE "
    "e.offering_id = o.id AND e.status = 'confirmed') > o.capacity";

}  // namespace

std::vector<std::string> QueryRows(const std::string& path, const std::string& sql) {
  std::vector<std::string> rows;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << "cannot open " << path;
    sqlite3_close(db);
    return rows;
  }
  sqlite3_busy_timeout(db, 5000);
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << sqlite3_errmsg(db) << " in " << sql;
    sqlite3_close(db);
    return rows;
  }
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    std::string row;
    for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
      const auto* text = sqlite3_column_text(stmt, i);
      row += (i > 0 ? "|" : "") + std::string(text ? reinterpret_cast<const char*>(text) : "");
    }
    rows.push_back(std::move(row));
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return rows;
}

int64_t QueryInt(const std::string& path, const std::string& sql) {
  const auto rows = QueryRows(path, sql);
  return rows.empty() || rows[0].empty() ? -1 : std::stoll(rows[0]);
}

SyncRig::~SyncRig() {
  if (server_ != nullptr) {
    server_->Signal(SIGTERM);
    server_->Wait(10'000);
  }
}

void SyncRig::StartServer(bool load_demo) {
  std::vector<std::string> args = {kServerBin,  "--db",   server_db_, "--listen",
                                   "127.0.0.1", "--port", "0"};
  if (load_demo) {
    args.insert(args.end(), {"--load-demo", kDemo});
  }
  const std::string err = (dir_.path() / ("server" + std::to_string(server_starts_++))).string();
  server_ = Subprocess::Start(args, err);
  ASSERT_NE(server_, nullptr);
  const auto line = server_->ReadLine(kStartMs);
  const std::string prefix = "listening on http://127.0.0.1:";
  ASSERT_TRUE(line && line->rfind(prefix, 0) == 0) << line.value_or("") << ReadFile(err);
  const int port = std::stoi(line->substr(prefix.size()));
  if (proxy_ == nullptr) {
    auto proxy = FaultProxy::Start(static_cast<uint16_t>(port));
    ASSERT_TRUE(proxy.ok()) << proxy.error().message;
    proxy_ = std::move(proxy).value();
  }
  proxy_->SetTarget(static_cast<uint16_t>(port));
}

std::string SyncRig::IssueCode() {
  const std::string err = (dir_.path() / "issue-code.err").string();
  auto process =
      Subprocess::Start({kServerBin, "issue-code", "--db", server_db_, "--center", kCenter}, err);
  EXPECT_NE(process, nullptr);
  if (process == nullptr) {
    return "";
  }
  const RunOutcome outcome = Collect(*process, err, kStartMs, NowMs());
  EXPECT_EQ(outcome.code, 0) << outcome.err;
  std::string code = outcome.out;
  while (!code.empty() && (code.back() == '\n' || code.back() == '\r')) {
    code.pop_back();
  }
  return code;
}

void SyncRig::Start() {
  ASSERT_NO_FATAL_FAILURE(StartServer(true));
  const std::string code = IssueCode();
  ASSERT_FALSE(code.empty());
  const std::string url = "http://127.0.0.1:" + std::to_string(proxy_->port());
  const std::string err = (dir_.path() / "provision.err").string();
  auto process = Subprocess::Start(
      {kSyncBin, "provision", "--db", kiosk_db_, "--server", url, "--code", code}, err);
  ASSERT_NE(process, nullptr);
  const RunOutcome provisioned = Collect(*process, err, kStartMs, NowMs());
  ASSERT_EQ(provisioned.code, 0) << provisioned.out << provisioned.err;
  device_ = QueryInt(kiosk_db_, "SELECT v FROM sync_meta WHERE k = 'device_id'");
  ASSERT_GT(device_, 0);
  const RunOutcome first = Once(2);
  ASSERT_EQ(first.code, 0) << first.out << first.err;
  ASSERT_GT(QueryInt(kiosk_db_, "SELECT count(*) FROM course_session"), 0) << first.out;
}

void SyncRig::KillServer() {
  ASSERT_NE(server_, nullptr);
  server_->Signal(SIGKILL);
  ASSERT_TRUE(server_->Wait(kStartMs).has_value());
  server_.reset();
}

void SyncRig::RestartServer() { StartServer(false); }

std::vector<std::string> SyncRig::OnceArgs(int attempts, int64_t max_ms) const {
  return {kSyncBin,     "once",
          "--db",       kiosk_db_,
          "--attempts", std::to_string(attempts),
          "--max-ms",   std::to_string(max_ms)};
}

RunOutcome SyncRig::Once(int attempts, int64_t max_ms) {
  const int64_t started = NowMs();
  const std::string err = (dir_.path() / "once.err").string();
  auto process = Subprocess::Start(OnceArgs(attempts, max_ms), err);
  EXPECT_NE(process, nullptr);
  if (process == nullptr) {
    return {};
  }
  return Collect(*process, err, static_cast<int>(max_ms) + kRunSlackMs, started);
}

std::unique_ptr<Subprocess> SyncRig::StartOnce(int attempts, int64_t max_ms) {
  return Subprocess::Start(OnceArgs(attempts, max_ms), (dir_.path() / "bg.err").string());
}

void SyncRig::MakeChanges(int people) {
  const core::SystemClock clock;
  auto store = core::Store::Open({kiosk_db_, core::OpenMode::kOpenExisting}, clock);
  ASSERT_TRUE(store.ok()) << store.error().message;
  core::PersonRepository persons(**store);
  core::EnrollmentRepository enrollments(**store);
  core::AttendanceRepository marks(**store);
  round_ += 1;
  if (!people_.empty()) {
    PersonMade& previous = people_[people_.size() - 1];
    auto person = persons.Get(previous.id);
    ASSERT_TRUE(person.ok() && person->has_value());
    previous.phone = "+370 611 " + std::to_string(10000 + round_);
    (*person)->phone = previous.phone;
    ASSERT_TRUE(persons.Update(**person).ok());
    changes_made_ += 1;
  }
  const std::string offerings[] = {"offering.bajorai.1", "offering.bajorai.2"};
  for (int i = 0; i < people; ++i) {
    core::Person person;
    person.home_center_id = kCenter;
    person.given_name = "Fault" + std::to_string(round_);
    person.family_name = "Tester" + std::to_string(i);
    auto made = persons.Register(person);
    ASSERT_TRUE(made.ok()) << made.error().message;
    people_.push_back({made->id, person.given_name, person.family_name, ""});
    const std::string& offering = offerings[i % 2];
    auto enrollment = enrollments.RequestSignUp(made->id, offering, {"transport"});
    ASSERT_TRUE(enrollment.ok()) << enrollment.error().message;
    enrollments_.push_back(enrollment->id);
    const auto sessions =
        QueryRows(kiosk_db_, "SELECT id FROM course_session WHERE offering_id = '" + offering +
                                 "' ORDER BY date, id LIMIT 1");
    ASSERT_EQ(sessions.size(), 1u) << offering;
    const auto mark = i % 3 == 0 ? core::AttendanceMark::kAbsent : core::AttendanceMark::kPresent;
    auto marked = marks.Mark(sessions[0], made->id, mark, "coordinator.bajorai.1");
    ASSERT_TRUE(marked.ok()) << marked.error().message;
    attendance_.push_back(marked->id + "|" + core::AttendanceMarkName(mark));
    changes_made_ += 3;
  }
}

void SyncRig::HealUntilSynced() {
  proxy_->SetPlan({});
  RunOutcome last;
  for (int run = 0; run < 4; ++run) {
    last = Once(3, 30'000);
    std::printf("[ heal     ] exit %d in %lld ms\n", last.code, static_cast<long long>(last.ms));
    if (last.code == 0 && QueryInt(kiosk_db_,
                                   "SELECT (SELECT count(*) FROM outbox) + (SELECT "
                                   "count(*) FROM outbox_batch)") == 0) {
      return;
    }
  }
  ADD_FAILURE() << "the kiosk did not sync after healing: " << last.out << last.err;
}

void SyncRig::CheckInvariants() {
  const std::string& k = kiosk_db_;
  const std::string& s = server_db_;
  const std::string device = std::to_string(device_);
  // The outbox drained and the kiosk says it is fine.
  EXPECT_EQ(QueryInt(k, "SELECT count(*) FROM outbox"), 0);
  EXPECT_EQ(QueryInt(k, "SELECT count(*) FROM outbox_batch"), 0);
  EXPECT_EQ(QueryRows(k, "SELECT v FROM sync_meta WHERE k = 'last_error'"),
            std::vector<std::string>{""});
  // No acknowledged change lost: every person, sign-up and mark made is on the server.
  for (const PersonMade& p : people_) {
    EXPECT_EQ(
        QueryRows(s, "SELECT given_name, family_name, phone FROM person WHERE id = '" + p.id + "'"),
        std::vector<std::string>{p.given + "|" + p.family + "|" + p.phone})
        << p.id;
  }
  for (const std::string& id : enrollments_) {
    EXPECT_EQ(QueryRows(s, "SELECT count(*) FROM enrollment WHERE id = '" + id +
                               "' AND status IN ('confirmed', 'waitlisted')"),
              std::vector<std::string>{"1"})
        << "sign-up " << id << " is not decided on the server";
  }
  for (const std::string& mark : attendance_) {
    const std::string id = mark.substr(0, mark.find('|'));
    EXPECT_EQ(QueryRows(s, "SELECT id || '|' || mark FROM attendance WHERE id = '" + id + "'"),
              std::vector<std::string>{mark});
  }
  // None applied twice: counts equal to what was made, batches gapless and once each, no
  // change of this kiosk in the change log twice.
  const std::string mine = "(SELECT id FROM person WHERE given_name LIKE 'Fault%')";
  EXPECT_EQ(QueryInt(s, "SELECT count(*) FROM person WHERE id IN " + mine),
            static_cast<int64_t>(people_.size()));
  EXPECT_EQ(QueryInt(s, "SELECT count(*) FROM enrollment WHERE person_id IN " + mine),
            static_cast<int64_t>(enrollments_.size()));
  EXPECT_EQ(QueryInt(s, "SELECT count(*) FROM attendance WHERE person_id IN " + mine),
            static_cast<int64_t>(attendance_.size()));
  const int64_t next = QueryInt(k, "SELECT v FROM sync_meta WHERE k = 'next_batch_seq'");
  EXPECT_EQ(QueryRows(s,
                      "SELECT count(*), count(DISTINCT batch), coalesce(max(batch), 0) FROM "
                      "applied_batch WHERE device_no = " +
                          device),
            std::vector<std::string>{std::to_string(next - 1) + "|" + std::to_string(next - 1) +
                                     "|" + std::to_string(next - 1)});
  EXPECT_EQ(QueryRows(s, "SELECT tbl, pk, hlc, count(*) FROM change_log WHERE origin = " + device +
                             " GROUP BY tbl, pk, hlc, origin HAVING count(*) > 1"),
            std::vector<std::string>{})
      << "a change of this kiosk was applied more than once";
  // The kiosk's rows equal the server's in its scope.
  for (const char* sql : kScopeQueries) {
    EXPECT_EQ(QueryRows(k, sql), QueryRows(s, sql)) << sql;
  }
  // Confirmed sign-ups never above capacity, on either side.
  EXPECT_EQ(QueryRows(s, kOverCapacity), std::vector<std::string>{});
  EXPECT_EQ(QueryRows(k, kOverCapacity), std::vector<std::string>{});
}

}  // namespace raida::testing
