// bench_make_changes: makes local changes in a provisioned kiosk database for the side-by-side
// sync benchmark (tests/bench/sync_compare/run.sh), through the repositories exactly as the kiosk
// makes them, so the outbox holds what a real kiosk would send.
//
//   bench_make_changes --db K.db people --for-marks N
//       registers enough people at the kiosk's center that (sessions x people) >= N
//   bench_make_changes --db K.db attendance --count N [--export FILE]
//       marks N distinct (session, person) pairs "present"; FILE gets one JSON line per mark
//       ({"id","session_id","person_id","mark","marked_by"}) so the PouchDB peer syncs the same
//       records
//   bench_make_changes --db K.db update --count M
//       changes the first M of those marks (same order) to "excused"
// Pairs are taken person by person, sessions in id order, people in id order, so the three
// commands agree on which records they mean. Writes are grouped in transactions of 500.
// Prints one line with what it did. Exit codes: 0 done, 1 failure, 2 bad command line.
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "raida/core/attendance_repository.h"
#include "raida/core/clock.h"
#include "raida/core/outbox_repository.h"
#include "raida/core/person_repository.h"
#include "raida/core/store.h"
#include "raida/core/sync_meta_repository.h"

namespace {

using raida::core::AttendanceMark;
using raida::core::Result;
using raida::core::Status;
using raida::core::Store;

constexpr int kGroup = 500;  // writes per transaction

struct Pair {
  std::string session_id;
  std::string person_id;
};

// The ids of one column of `sql`'s rows (one text parameter bound when `param` is not empty).
Result<std::vector<std::string>> Ids(Store& store, const std::string& sql,
                                     const std::string& param) {
  RAIDA_ASSIGN_OR_RETURN(auto stmt, store.db().Prepare(sql));
  if (!param.empty()) {
    stmt.Bind(1, param);
  }
  std::vector<std::string> ids;
  while (true) {
    RAIDA_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) {
      break;
    }
    ids.push_back(stmt.ColumnText(0));
  }
  return ids;
}

Result<std::string> CenterId(Store& store) {
  raida::core::SyncMetaRepository meta(store);
  RAIDA_ASSIGN_OR_RETURN(auto center, meta.GetText("center_id"));
  if (!center || center->empty()) {
    return raida::core::MakeError(raida::core::ErrorCode::kNotFound,
                                  "the database is not provisioned (no center_id)");
  }
  return *center;
}

Result<std::vector<std::string>> Sessions(Store& store) {
  return Ids(store, "SELECT id FROM course_session WHERE deleted = 0 ORDER BY id", "");
}

Result<std::vector<std::string>> People(Store& store, const std::string& center) {
  return Ids(store,
             "SELECT id FROM person WHERE home_center_id = ? AND erased = 0 AND merged_into IS NULL"
             " ORDER BY id",
             center);
}

// The first `count` (session, person) pairs in benchmark order; kInvalidArgument when the
// database has fewer.
Result<std::vector<Pair>> FirstPairs(Store& store, int count) {
  RAIDA_ASSIGN_OR_RETURN(const std::string center, CenterId(store));
  RAIDA_ASSIGN_OR_RETURN(const auto sessions, Sessions(store));
  RAIDA_ASSIGN_OR_RETURN(const auto people, People(store, center));
  std::vector<Pair> pairs;
  for (const std::string& person : people) {
    for (const std::string& session : sessions) {
      if (static_cast<int>(pairs.size()) == count) {
        return pairs;
      }
      pairs.push_back({session, person});
    }
  }
  if (static_cast<int>(pairs.size()) < count) {
    return raida::core::MakeError(
        raida::core::ErrorCode::kInvalidArgument,
        "only " + std::to_string(pairs.size()) + " (session, person) pairs; run 'people' first");
  }
  return pairs;
}

Status RegisterPeople(Store& store, int for_marks, int& added) {
  RAIDA_ASSIGN_OR_RETURN(const std::string center, CenterId(store));
  RAIDA_ASSIGN_OR_RETURN(const auto sessions, Sessions(store));
  RAIDA_ASSIGN_OR_RETURN(const auto people, People(store, center));
  if (sessions.empty()) {
    return raida::core::MakeError(raida::core::ErrorCode::kNotFound,
                                  "no sessions: sync once before making changes");
  }
  const int64_t needed = (for_marks + static_cast<int64_t>(sessions.size()) - 1) /
                         static_cast<int64_t>(sessions.size());
  raida::core::PersonRepository repo(store);
  for (int64_t i = static_cast<int64_t>(people.size()); i < needed; ++i) {
    raida::core::Person person;
    person.home_center_id = center;
    person.given_name = "Bench";
    person.family_name = "Resident " + std::to_string(i);
    person.birth_year = 1950 + static_cast<int>(i % 50);
    person.village = "Bajorai";
    RAIDA_TRY(repo.Register(person));
    ++added;
  }
  return raida::core::Ok();
}

// The first coordinator of the kiosk's center: who "took" the marks.
Result<std::string> MarkedBy(Store& store) {
  RAIDA_ASSIGN_OR_RETURN(const std::string center, CenterId(store));
  RAIDA_ASSIGN_OR_RETURN(
      const auto ids,
      Ids(store, "SELECT id FROM coordinator WHERE center_id = ? ORDER BY id LIMIT 1", center));
  return ids.empty() ? std::string() : ids.front();
}

// Marks every pair with `mark`, kGroup marks per transaction; appends JSON lines to `export_to`
// when it is open.
Status MarkAll(Store& store, const std::vector<Pair>& pairs, AttendanceMark mark,
               std::ofstream* export_to) {
  RAIDA_ASSIGN_OR_RETURN(const std::string marked_by, MarkedBy(store));
  raida::core::AttendanceRepository repo(store);
  for (size_t start = 0; start < pairs.size(); start += kGroup) {
    RAIDA_ASSIGN_OR_RETURN(auto scope, store.BeginWrite());
    for (size_t i = start; i < pairs.size() && i < start + kGroup; ++i) {
      RAIDA_ASSIGN_OR_RETURN(auto a,
                             repo.Mark(pairs[i].session_id, pairs[i].person_id, mark, marked_by));
      if (export_to != nullptr) {
        *export_to << nlohmann::json{{"id", a.id},
                                     {"session_id", a.session_id},
                                     {"person_id", a.person_id},
                                     {"mark", raida::core::AttendanceMarkName(a.mark)},
                                     {"marked_by", a.marked_by}}
                          .dump()
                   << "\n";
      }
    }
    RAIDA_TRY(scope.Commit());
  }
  return raida::core::Ok();
}

struct Options {
  std::string db_path;
  int for_marks = 0;
  int count = 0;
  std::string export_path;
};

Status Run(Store& store, const std::string& command, const Options& o) {
  if (command == "people") {
    int added = 0;
    RAIDA_TRY(RegisterPeople(store, o.for_marks, added));
    std::printf("registered %d people\n", added);
    return raida::core::Ok();
  }
  RAIDA_ASSIGN_OR_RETURN(const auto pairs, FirstPairs(store, o.count));
  std::ofstream export_file;
  if (!o.export_path.empty()) {
    export_file.open(o.export_path, std::ios::trunc);
    if (!export_file) {
      return raida::core::MakeError(raida::core::ErrorCode::kIo, "cannot write " + o.export_path);
    }
  }
  const bool is_update = command == "update";
  RAIDA_TRY(MarkAll(store, pairs, is_update ? AttendanceMark::kExcused : AttendanceMark::kPresent,
                    export_file.is_open() ? &export_file : nullptr));
  raida::core::OutboxRepository outbox(store);
  RAIDA_ASSIGN_OR_RETURN(const int64_t pending, outbox.CountPending());
  std::printf("%s %zu attendance marks; outbox holds %lld changes\n",
              is_update ? "changed" : "created", pairs.size(), static_cast<long long>(pending));
  return raida::core::Ok();
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"Make attendance changes in a kiosk database for the sync benchmark"};
  Options o;
  cli.add_option("--db", o.db_path, "the provisioned kiosk database")->required();
  cli.require_subcommand(1);
  CLI::App* people = cli.add_subcommand("people", "register people for N marks");
  people->add_option("--for-marks", o.for_marks, "marks the people must allow")
      ->required()
      ->check(CLI::Range(1, 10'000'000));
  CLI::App* attendance = cli.add_subcommand("attendance", "create N marks");
  attendance->add_option("--count", o.count, "marks")->required()->check(CLI::Range(1, 10'000'000));
  attendance->add_option("--export", o.export_path, "JSON lines of the marks made");
  CLI::App* update = cli.add_subcommand("update", "change the first N marks");
  update->add_option("--count", o.count, "marks")->required()->check(CLI::Range(1, 10'000'000));
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e) == 0 ? 0 : 2;
  }
  const raida::core::SystemClock clock;
  raida::core::StoreOptions options;
  options.path = o.db_path;
  options.mode = raida::core::OpenMode::kOpenExisting;
  auto store = Store::Open(options, clock);
  if (!store.ok()) {
    std::fprintf(stderr, "bench_make_changes: %s\n", store.error().message.c_str());
    return 1;
  }
  const std::string command = cli.get_subcommands().front()->get_name();
  const Status done = Run(*store.value(), command, o);
  if (!done.ok()) {
    std::fprintf(stderr, "bench_make_changes: %s\n", done.error().message.c_str());
    return 1;
  }
  return 0;
}
