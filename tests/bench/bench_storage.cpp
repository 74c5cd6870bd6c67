// bench_storage: how long local writes take on a real kiosk database file.
//
// Measures, on a file in /tmp with the production pragmas (WAL, synchronous=FULL):
//   1. 10,000 person profile updates (row + outbox entry each) in transactions of 100;
//   2. 10,000 enrollment sign-ups (new row + outbox entry each) in transactions of 100;
//   3. 1,000 person updates with one transaction (and so one fsync) per change.
// Each change goes through the repositories, exactly as the kiosk makes it. Prints the figures;
// this is a program, not a timed test.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <string>
#include <system_error>
#include <vector>

#include "raida/core/catalog_repository.h"
#include "raida/core/clock.h"
#include "raida/core/enrollment_repository.h"
#include "raida/core/outbox_repository.h"
#include "raida/core/person_repository.h"
#include "raida/core/store.h"

namespace {

using raida::core::Status;
using raida::core::Store;

constexpr int kPeople = 100;
constexpr int kOfferings = 100;
constexpr int kBatch = 100;

[[noreturn]] void Fail(const std::string& what, const raida::core::Error& error) {
  std::fprintf(stderr, "bench_storage: %s: %s\n", what.c_str(), error.message.c_str());
  std::exit(1);
}

void Check(const Status& status, const std::string& what) {
  if (!status.ok()) {
    Fail(what, status.error());
  }
}

void SeedCatalog(Store& store) {
  using namespace raida::core;
  CatalogRepository catalog(store);
  Store::ApplyingScope applying(store);
  auto scope = store.BeginWrite();
  if (!scope.ok()) {
    Fail("begin", scope.error());
  }
  Check(catalog.UpsertDistrict({"district.bench", "Bench"}), "district");
  Check(catalog.UpsertCenter({"center.bench", "district.bench", "Bench", "", "", {}}), "center");
  Course course;
  course.id = "course.bench";
  course.title = {{"en", "Bench course"}};
  Check(catalog.UpsertCourse(course), "course");
  for (int i = 0; i < kOfferings; ++i) {
    Check(catalog.UpsertOffering({"offering." + std::to_string(i), "course.bench", "center.bench",
                                  "2026-11-23", "2026-12-14", "", 500, false}),
          "offering");
  }
  Check(scope->Commit(), "commit catalog");
}

std::vector<raida::core::Person> RegisterPeople(Store& store) {
  using namespace raida::core;
  PersonRepository people(store);
  std::vector<Person> registered;
  auto scope = store.BeginWrite();
  for (int i = 0; i < kPeople; ++i) {
    Person person;
    person.home_center_id = "center.bench";
    person.given_name = "Given" + std::to_string(i);
    person.family_name = "Family" + std::to_string(i);
    person.birth_year = 1950 + i % 40;
    auto saved = people.Register(person);
    if (!saved.ok()) {
      Fail("register", saved.error());
    }
    registered.push_back(*saved);
  }
  Check(scope->Commit(), "commit people");
  return registered;
}

// Runs `change(i)` for i in [0, count) in transactions of `batch`; returns seconds.
double Timed(Store& store, int count, int batch, const std::function<Status(int)>& change) {
  const auto start = std::chrono::steady_clock::now();
  for (int first = 0; first < count; first += batch) {
    auto scope = store.BeginWrite();
    if (!scope.ok()) {
      Fail("begin", scope.error());
    }
    for (int i = first; i < first + batch && i < count; ++i) {
      Check(change(i), "change " + std::to_string(i));
    }
    Check(scope->Commit(), "commit");
  }
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void Report(const char* name, int count, int batch, double seconds) {
  std::printf("%-44s %6d changes, %4d per txn: %8.1f ms total, %7.1f us/change, %9.0f changes/s\n",
              name, count, batch, seconds * 1000.0, seconds * 1e6 / count, count / seconds);
}

}  // namespace

int main() {
  using namespace raida::core;
  std::error_code ec;
  const auto dir = std::filesystem::temp_directory_path() / "raida-bench-storage";
  std::filesystem::remove_all(dir, ec);
  std::filesystem::create_directories(dir, ec);
  const std::string path = (dir / "kiosk.db").string();

  SystemClock clock;
  StoreOptions options;
  options.path = path;
  auto opened = Store::Open(options, clock);
  if (!opened.ok()) {
    Fail("open " + path, opened.error());
  }
  Store& store = **opened;
  SeedCatalog(store);
  std::vector<Person> people = RegisterPeople(store);
  PersonRepository person_repo(store);
  EnrollmentRepository enrollment_repo(store);

  std::printf("bench_storage: %s (WAL, synchronous=FULL)\n", path.c_str());
  auto update_phone = [&](int i) -> Status {
    Person& person = people[static_cast<size_t>(i % kPeople)];
    person.phone = "+3706" + std::to_string(1000000 + i);
    return person_repo.Update(person);
  };
  Report("person updates (row + outbox)", 10'000, kBatch,
         Timed(store, 10'000, kBatch, update_phone));
  auto sign_up = [&](int i) -> Status {
    const std::string& person_id = people[static_cast<size_t>(i % kPeople)].id;
    const std::string offering = "offering." + std::to_string(i / kPeople);
    auto result = enrollment_repo.RequestSignUp(person_id, offering, {"transport"});
    return result.ok() ? Status() : Status(result.error());
  };
  Report("enrollment sign-ups (row + outbox)", 10'000, kBatch,
         Timed(store, 10'000, kBatch, sign_up));
  Report("person updates, one transaction each", 1'000, 1, Timed(store, 1'000, 1, update_phone));

  auto pending = OutboxRepository(store).CountPending();
  std::printf("outbox entries waiting: %lld; database file: %lld bytes (+ WAL)\n",
              pending.ok() ? static_cast<long long>(*pending) : -1LL,
              static_cast<long long>(std::filesystem::file_size(path, ec)));
  opened = MakeError(ErrorCode::kInternal, "closed");  // close before removing the files
  std::filesystem::remove_all(dir, ec);
  return 0;
}
