// Office Programme page: how long raida-server takes to render /office/programme for a large
// district. The database holds the demo district plus generated data: 50 centers, 2,000
// offerings (8 weekly sessions each), 100,000 enrollments, attendance marks for the sessions
// already held, lesson progress and certificates in proportion. The page handler runs as the
// server calls it (ShowProgramme, an administrator's session), ~10 times unfiltered and ~10
// times for one center, and the median and worst times are printed. Target: under 200 ms in a
// release build. Prints the figures; not a pass/fail test.
#include <httplib.h>
#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <string>
#include <vector>

#include "raida/core/clock.h"
#include "raida/core/district_data.h"
#include "raida/core/store.h"
#include "sync_engine.h"
#include "web/office_site.h"
#include "web/programme_figures.h"

namespace {

namespace core = raida::core;
namespace web = raida::server::web;

constexpr int kRenders = 10;
constexpr int64_t kNowMs = 1'781'524'800'000;  // 2026-06-15 12:00 UTC
constexpr uint64_t kHlc = static_cast<uint64_t>(kNowMs) << 16;

// Generated rows, each statement one INSERT ... SELECT over a counter (fast, no round trips).
// ?1 is the hlc of every row. Centers: the demo's 5 and 45 more; offerings: 40 per center, over
// the 13 demo courses, starting every week of 2025-2026; enrollments: 50 per offering, by
// 25,000 generated residents; attendance: every seated sign-up at the sessions before today.
const char* const kGenerateSql[] = {
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 45) "
    "INSERT INTO center(id, district_id, name, hlc, origin) SELECT printf('center.gen%02d', i), "
    "(SELECT id FROM district LIMIT 1), printf('Kaimas %02d', i), ?1, 0 FROM n",
    "CREATE TEMP TABLE bench_center AS SELECT row_number() OVER (ORDER BY id) - 1 AS k, id "
    "FROM center",
    "CREATE TEMP TABLE bench_course AS SELECT row_number() OVER (ORDER BY id) - 1 AS k, id "
    "FROM course",
    "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 1999) "
    "INSERT INTO course_offering(id, course_id, center_id, starts_on, ends_on, capacity, hlc, "
    "origin) SELECT printf('offering.gen%04d', i), "
    "(SELECT id FROM bench_course WHERE k = i % (SELECT count(*) FROM bench_course)), "
    "(SELECT id FROM bench_center WHERE k = i % 50), "
    "date('2025-01-06', printf('+%d days', 7 * (i % 100))), "
    "date('2025-01-06', printf('+%d days', 7 * (i % 100) + 49)), 60, ?1, 0 FROM n",
    "WITH RECURSIVE w(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM w WHERE k < 7) "
    "INSERT INTO course_session(id, offering_id, date, start_time, end_time, hlc, origin) "
    "SELECT o.id || '.s' || w.k, o.id, date(o.starts_on, printf('+%d days', 7 * w.k)), "
    "'10:00', '12:00', ?1, 0 FROM course_offering o, w WHERE o.id LIKE 'offering.gen%'",
    "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 24999) "
    "INSERT INTO person(id, home_center_id, given_name, family_name, birth_year, hlc, origin) "
    "SELECT printf('person.gen%05d', i), (SELECT id FROM bench_center WHERE k = i % 50), "
    "'Vardenis', printf('Pavardenis %d', i), 1940 + i % 45, ?1, 0 FROM n",
    // Offering o takes residents of its own center: o's center is o % 50, a resident's i % 50.
    "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 99999) "
    "INSERT INTO enrollment(id, offering_id, person_id, status, requested_at_ms, hlc, origin) "
    "SELECT printf('enrollment.gen%06d', i), printf('offering.gen%04d', i % 2000), "
    "printf('person.gen%05d', (i % 2000) % 50 + 50 * ((i / 2000 + 7 * (i % 2000)) % 500)), "
    "CASE i % 20 WHEN 0 THEN 'cancelled' WHEN 1 THEN 'waitlisted' WHEN 2 THEN 'waitlisted' "
    "WHEN 3 THEN 'requested' WHEN 4 THEN 'attended' WHEN 5 THEN 'completed' ELSE 'confirmed' END, "
    "?2, ?1, 0 FROM n",
    "INSERT INTO attendance(id, session_id, person_id, mark, hlc, origin) "
    "SELECT e.id || '.' || s.id, s.id, e.person_id, "
    "CASE (e.rowid + CAST(substr(s.id, -1) AS INTEGER)) % 10 WHEN 0 THEN 'absent' WHEN 1 THEN "
    "'excused' ELSE 'present' END, "
    "?1, 0 FROM enrollment e JOIN course_session s ON s.offering_id = e.offering_id "
    "WHERE e.id LIKE 'enrollment.gen%' AND e.status IN ('confirmed', 'attended', 'completed') "
    "AND s.date < '2026-06-15'",
    // Six lessons of each course, for every fourth sign-up; two in three completed.
    "WITH RECURSIVE l(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM l WHERE k < 6) "
    "INSERT OR IGNORE INTO lesson_progress(id, person_id, course_id, lesson_id, completed, "
    "best_score, hlc, origin) SELECT e.id || '.l' || l.k, e.person_id, o.course_id, "
    "o.course_id || '.l' || l.k, (l.k % 3 <> 0), 80, ?1, 0 FROM enrollment e "
    "JOIN course_offering o ON o.id = e.offering_id, l WHERE e.id LIKE 'enrollment.gen%' "
    "AND e.rowid % 4 = 0",
    "INSERT OR IGNORE INTO certificate(id, person_id, course_id, center_id, offering_id, "
    "issued_on, hours, language, code, issued_hlc, hlc, origin) "
    "SELECT 'certificate.' || e.id, e.person_id, o.course_id, o.center_id, o.id, o.ends_on, 12, "
    "'lt', printf('RKS-%04d-%04d', e.rowid % 10000, e.rowid / 10000), ?1, ?1, 0 "
    "FROM enrollment e JOIN course_offering o ON o.id = e.offering_id "
    "WHERE e.id LIKE 'enrollment.gen%' AND e.status = 'completed'",
};

core::Status Generate(core::Store& store) {
  core::Store::ApplyingScope applying(store);
  RAIDA_ASSIGN_OR_RETURN(auto write, store.BeginWrite());
  for (const char* sql : kGenerateSql) {
    RAIDA_ASSIGN_OR_RETURN(core::Statement stmt, store.db().Prepare(sql));
    const std::string text = sql;
    if (text.find("?1") != std::string::npos) {
      stmt.Bind(1, static_cast<int64_t>(kHlc));
    }
    if (text.find("?2") != std::string::npos) {
      stmt.Bind(2, kNowMs);
    }
    RAIDA_TRY(stmt.Run());
  }
  RAIDA_TRY(store.db().Exec("DROP TABLE bench_center; DROP TABLE bench_course"));
  RAIDA_TRY(write.Commit());
  return store.db().Exec("ANALYZE");
}

int64_t Count(core::Store& store, const std::string& table) {
  auto stmt = store.db().Prepare("SELECT count(*) FROM " + table);
  if (!stmt.ok() || !stmt->Step().ok()) {
    return -1;
  }
  return stmt->ColumnInt(0);
}

struct Times {
  double median_ms = 0;
  double worst_ms = 0;
  size_t bytes = 0;
};

// Renders the page `kRenders` times (after one warm-up) with the query `params`.
Times Render(web::OfficeSite& site, const web::OfficeSession& session,
             const std::vector<std::pair<std::string, std::string>>& params) {
  httplib::Request request;
  request.path = "/office/programme";
  for (const auto& [name, value] : params) {
    request.params.emplace(name, value);
  }
  std::vector<double> ms;
  Times times;
  for (int i = 0; i <= kRenders; ++i) {
    web::PageContext ctx{request, "lt", session, false};
    httplib::Response response;
    const auto start = std::chrono::steady_clock::now();
    web::ShowProgramme(site, ctx, response);
    const auto end = std::chrono::steady_clock::now();
    if (response.status != 200) {
      std::fprintf(stderr, "the page answered %d\n", response.status);
      return {};
    }
    times.bytes = response.body.size();
    if (i > 0) {
      ms.push_back(std::chrono::duration<double, std::milli>(end - start).count());
    }
  }
  std::sort(ms.begin(), ms.end());
  times.median_ms = ms[ms.size() / 2];
  times.worst_ms = ms.back();
  return times;
}

}  // namespace

int main(int argc, char** argv) {
  // --keep leaves the database in /tmp for a look at the query plans (sqlite3, EXPLAIN QUERY PLAN).
  const bool keep = argc > 1 && std::string(argv[1]) == "--keep";
  spdlog::set_level(spdlog::level::warn);  // no migration messages between the figures
  core::ManualClock clock(kNowMs);
  const std::string path = "/tmp/raida_bench_office_render.db";
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::remove((path + suffix).c_str());
  }
  auto store = core::Store::Open({path}, clock);
  if (!store.ok() ||
      !core::LoadDistrictFile(**store, std::string(RAIDA_SOURCE_DIR) + "/assets/demo/rokiskis.json")
           .ok()) {
    std::fprintf(stderr, "cannot set up the server store\n");
    return 1;
  }
  const auto built = std::chrono::steady_clock::now();
  if (const core::Status generated = Generate(**store); !generated.ok()) {
    std::fprintf(stderr, "cannot generate the district: %s\n", generated.error().message.c_str());
    return 1;
  }
  std::printf(
      "district: %lld centers, %lld offerings, %lld sessions, %lld enrollments, "
      "%lld attendance marks, %lld lesson progress, %lld certificates (built in %.1f s)\n",
      static_cast<long long>(Count(**store, "center")),
      static_cast<long long>(Count(**store, "course_offering")),
      static_cast<long long>(Count(**store, "course_session")),
      static_cast<long long>(Count(**store, "enrollment")),
      static_cast<long long>(Count(**store, "attendance")),
      static_cast<long long>(Count(**store, "lesson_progress")),
      static_cast<long long>(Count(**store, "certificate")),
      std::chrono::duration<double>(std::chrono::steady_clock::now() - built).count());

  std::mutex store_mutex;
  raida::server::SyncEngine engine(**store, clock);
  web::OfficeDeps deps;
  deps.store = store->get();
  deps.store_mutex = &store_mutex;
  deps.engine = &engine;
  deps.clock = &clock;
  deps.logger =
      std::make_shared<spdlog::logger>("bench", std::make_shared<spdlog::sinks::null_sink_mt>());
  deps.i18n_dir = std::string(RAIDA_SOURCE_DIR) + "/assets/i18n/office";
  web::OfficeSite site(std::move(deps));
  web::OfficeSession session;
  session.csrf_token = "bench";
  session.user = {1, "bench", "Bench", web::OfficeRole::kAdmin, ""};

  const Times all = Render(site, session, {});
  const Times year = Render(site, session, {{"from", "2025-01-01"}, {"to", "2026-12-31"}});
  const Times one = Render(site, session, {{"center", "center.gen07"}});
  std::printf("programme page, this year, every center: median %.1f ms, worst %.1f ms (%zu KiB)\n",
              all.median_ms, all.worst_ms, all.bytes / 1024);
  std::printf("programme page, 2025-2026, every center: median %.1f ms, worst %.1f ms (%zu KiB)\n",
              year.median_ms, year.worst_ms, year.bytes / 1024);
  std::printf("programme page, this year, one center:   median %.1f ms, worst %.1f ms (%zu KiB)\n",
              one.median_ms, one.worst_ms, one.bytes / 1024);
  std::printf("target: under 200 ms\n");
  for (const char* suffix : {"", "-wal", "-shm"}) {
    if (!keep) {
      std::remove((path + suffix).c_str());
    }
  }
  return 0;
}
