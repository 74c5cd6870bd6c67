// AttendanceRig (see attendance_rig.h).
#include "attendance_rig.h"

#include <gtest/gtest.h>

#include <utility>
#include <variant>

#include "kiosk/state/effect_runner.h"
#include "kiosk/state/reduce.h"
#include "raida/core/catalog_repository.h"
#include "raida/core/database.h"
#include "raida/core/enrollment_repository.h"
#include "raida/core/model.h"
#include "raida/core/person_repository.h"

namespace raida::kiosk::testing {
namespace {

constexpr int64_t kDayMs = 24LL * 60 * 60 * 1000;

const char* const kGiven[] = {"Ona",      "Jonas",  "Aldona",   "Petras",    "Birutė",
                              "Vytautas", "Danutė", "Algirdas", "Genovaitė", "Kazimieras"};
const char* const kFamily[] = {"Kazlauskienė",  "Petrauskas",   "Jankauskienė", "Žemaitis",
                               "Stankevičienė", "Vasiliauskas", "Butkienė",     "Urbonas",
                               "Navickienė",    "Paulauskas"};

core::Person MakePerson(const std::string& id, const std::string& center, int i) {
  core::Person person;
  person.id = id;
  person.home_center_id = center;
  person.given_name = kGiven[i % 10];
  person.family_name = kFamily[(i * 3 + i / 10) % 10];
  person.birth_year = 1950 + i;
  person.village = "Bajorai";
  person.phone = "+370 600 " + std::to_string(20000 + i);
  return person;
}

core::Session MakeSession(const std::string& id, const std::string& date, const std::string& start,
                          const std::string& end) {
  return core::Session{id, kAttendOffering, date, start, end};
}

}  // namespace

std::string SeatPersonId(int i) { return "person.test.seat" + std::to_string(100 + i); }
std::string SparePersonId(int i) { return "person.test.spare" + std::to_string(i); }

AttendanceRig::AttendanceRig(int seats) {
  core::StoreOptions options;
  options.path = ":memory:";
  auto store = core::Store::Open(options, clock_);
  EXPECT_TRUE(store.ok()) << store.error().message;
  store_ = std::move(store).value();
  Seed(seats);
}

void AttendanceRig::Seed(int seats) {
  const int64_t now = clock_.NowMs();
  const std::string today = LocalIsoDate(now);
  core::Store::ApplyingScope applying(*store_);
  auto tx = core::Transaction::Begin(store_->db());
  ASSERT_TRUE(tx.ok());
  core::CatalogRepository catalog(*store_);
  ASSERT_TRUE(catalog.UpsertDistrict({"district.test", "Test district"}).ok());
  for (const char* center : {kAttendCenter, "center.other"}) {
    core::Center c;
    c.id = center;
    c.district_id = "district.test";
    c.name = center;
    ASSERT_TRUE(catalog.UpsertCenter(c).ok());
  }
  core::Course course;
  course.id = "course.test";
  course.title = {{"lt", "Kompiuteris ir planšetė: pirmieji žingsniai"},
                  {"pl", "Komputer i tablet: pierwsze kroki"},
                  {"en", "Computer and tablet: first steps"}};
  course.hours = 12;
  ASSERT_TRUE(catalog.UpsertCourse(course).ok());
  core::Offering offering;
  offering.id = kAttendOffering;
  offering.course_id = course.id;
  offering.center_id = kAttendCenter;
  offering.starts_on = LocalIsoDate(now - 20 * kDayMs);
  offering.ends_on = LocalIsoDate(now + kDayMs);
  offering.place = "Library, room 2";
  offering.capacity = 30;
  ASSERT_TRUE(catalog.UpsertOffering(offering).ok());
  for (const core::Session& session :
       {MakeSession(kSessionToday, today, "00:00", "23:59"),
        MakeSession(kSessionLater, today, "23:59", "23:59"),
        MakeSession(kSessionYesterday, LocalIsoDate(now - kDayMs), "10:00", "12:00"),
        MakeSession(kSessionOld, LocalIsoDate(now - 20 * kDayMs), "10:00", "12:00"),
        MakeSession(kSessionTomorrow, LocalIsoDate(now + kDayMs), "10:00", "12:00")}) {
    ASSERT_TRUE(catalog.UpsertSession(session).ok());
  }
  core::PersonRepository people(*store_);
  core::EnrollmentRepository enrollments(*store_);
  const auto enrol = [&](const std::string& person, core::EnrollmentStatus status) {
    core::Enrollment enrollment;
    enrollment.offering_id = kAttendOffering;
    enrollment.person_id = person;
    enrollment.status = status;
    ASSERT_TRUE(enrollments.UpsertFromRemote(enrollment).ok());
  };
  for (int i = 0; i < seats; ++i) {
    ASSERT_TRUE(people.UpsertFromRemote(MakePerson(SeatPersonId(i), kAttendCenter, i)).ok());
    enrol(SeatPersonId(i), core::EnrollmentStatus::kConfirmed);
  }
  ASSERT_TRUE(people.UpsertFromRemote(MakePerson(kRequestedPerson, kAttendCenter, 41)).ok());
  enrol(kRequestedPerson, core::EnrollmentStatus::kRequested);
  ASSERT_TRUE(people.UpsertFromRemote(MakePerson(kCancelledPerson, kAttendCenter, 42)).ok());
  enrol(kCancelledPerson, core::EnrollmentStatus::kCancelled);
  for (int i = 0; i < kSpares; ++i) {
    ASSERT_TRUE(people.UpsertFromRemote(MakePerson(SparePersonId(i), kAttendCenter, 50 + i)).ok());
  }
  ASSERT_TRUE(people.UpsertFromRemote(MakePerson(kOtherCenterPerson, "center.other", 60)).ok());
  ASSERT_TRUE(tx->Commit().ok());
}

std::vector<Action> AttendanceRig::Run(const Effect& effect) {
  core::Result<std::optional<Action>> result = std::optional<Action>();
  if (const auto* audit = FindMessage<WriteAudit>(effect)) {
    result = coordinators_.Run(*store_, *audit);
  } else {
    VisitMessage(
        [&](const auto& e) {
          if constexpr (AttendanceEffect<std::decay_t<decltype(e)>>) {
            result = attendance_.Run(*store_, e);
          }
        },
        effect);
  }
  EXPECT_TRUE(result.ok()) << result.error().message;
  if (!result.ok() || !*result) {
    return {};
  }
  return {std::move(**result)};
}

std::vector<Effect> AttendanceRig::Dispatch(AppState& state, const Action& action) {
  std::vector<Effect> seen;
  std::vector<Action> pending = {action};
  while (!pending.empty()) {
    const Action next = pending.front();
    pending.erase(pending.begin());
    for (const Effect& effect : Reduce(state, next)) {
      seen.push_back(effect);
      for (Action& result : Run(effect)) {
        pending.push_back(std::move(result));
      }
    }
  }
  return seen;
}

void AttendanceRig::RunAll(AppState& state, const std::vector<Effect>& effects) {
  for (const Effect& effect : effects) {
    for (const Action& result : Run(effect)) {
      Dispatch(state, result);
    }
  }
}

int64_t AttendanceRig::Count(const std::string& sql) {
  auto stmt = store_->db().Prepare(sql);
  EXPECT_TRUE(stmt.ok()) << sql;
  auto row = stmt->Step();
  EXPECT_TRUE(row.ok() && *row) << sql;
  return stmt->ColumnInt(0);
}

AppState OnCoordinatorHome(const std::string& language) {
  AppState state;
  state.language = language;
  state.center_id = kAttendCenter;
  state.screen = Screen::kCoordinator;
  state.coordinator.view = CoordinatorView::kHome;
  state.coordinator.signed_in = SignedInCoordinator{kAttendCoordinator, "Rasa V."};
  return state;
}

}  // namespace raida::kiosk::testing
