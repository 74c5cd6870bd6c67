// The simulation's workload: what residents and coordinators do on the kiosks (through the real
// repositories) and what the district office does on the server (SyncEngine's admin
// operations), chosen by the seed one step at a time.
#include <algorithm>
#include <array>

#include "raida/core/attendance_repository.h"
#include "raida/core/enrollment_repository.h"
#include "raida/core/lesson_repository.h"
#include "raida/core/person_repository.h"
#include "sim/sim_world.h"

namespace raida::sim {
namespace {

const std::vector<std::string> kGiven = {"Ona", "Jonas", "Aldona", "Petras", "Rūta", "Vida"};
const std::vector<std::string> kFamily = {"Kazlauskienė", "Petraitis", "Jonaitienė", "Žukas"};
const std::vector<std::string> kVillages = {"Bajorai", "Salos", "Juodupė", "Kamajai"};
constexpr int64_t kYear2000Ms = 946'684'800'000;
constexpr int64_t kDayMs = 24LL * 3600 * 1000;

template <typename R>
const core::Error* ErrorOf(const R& result) {
  return result.ok() ? nullptr : &result.error();
}

std::string Quoted(const std::string& text) { return "'" + text + "'"; }

core::Person NewResident(SimRng& rng, const std::string& center, int counter) {
  core::Person person;
  person.home_center_id = center;
  person.given_name = rng.Pick(kGiven);
  person.family_name = rng.Pick(kFamily) + " " + std::to_string(counter);
  person.birth_year = static_cast<int>(rng.Range(1940, 1999));
  person.village = rng.Pick(kVillages);
  person.phone = "+370 6" + std::to_string(rng.Range(1'000'000, 9'999'999));
  return person;
}

}  // namespace

std::vector<std::string> World::LivePeople(SimKiosk& kiosk) {
  return Strings(*kiosk.store,
                 "SELECT id FROM person WHERE home_center_id = " + Quoted(kiosk.center) +
                     " AND deleted = 0 AND erased = 0 AND merged_into IS NULL "
                     "ORDER BY id");
}

void World::Step() {
  SimKiosk& kiosk =
      *kiosks_[static_cast<size_t>(rng_.Range(0, static_cast<int64_t>(kiosks_.size()) - 1))];
  const int64_t roll = rng_.Range(0, 99);
  if (roll < 28) {
    (void)SyncKiosk(kiosk, config_.faults);
  } else if (roll < 38) {
    Register(kiosk);
  } else if (roll < 42) {
    RegisterTwin();
  } else if (roll < 51) {
    EditProfile(kiosk);
  } else if (roll < 62) {
    SignUp(kiosk);
  } else if (roll < 67) {
    Cancel(kiosk);
  } else if (roll < 76) {
    MarkAttendance(kiosk);
  } else if (roll < 84) {
    Progress(kiosk);
  } else if (roll < 87) {
    if (config_.faults) {
      Crash(kiosk);
    }
  } else if (roll < 91) {
    if (config_.clock_skew) {
      SkewClock(kiosk);
    }
  } else if (roll < 93) {
    if (config_.erasures) {
      Erase();
    }
  } else if (roll < 97) {
    if (config_.merges) {
      Merge();
    }
  } else if (config_.faults) {
    Note("server restarts");
    oracle_.counts["server restart"] += 1;
    auto restarted = server_->Restart();
    if (!restarted.ok()) {
      oracle_.op_errors.push_back("the server does not restart: " + restarted.error().message);
    }
  }
}

void World::Register(SimKiosk& kiosk) {
  auto person = core::PersonRepository(*kiosk.store)
                    .Register(NewResident(rng_, kiosk.center, ++name_counter_));
  Note(kiosk.name + " registers " + (person.ok() ? person->id : "?"));
  Tolerate(ErrorOf(person), "register");
}

void World::RegisterTwin() {
  // The first kiosk at another center (across) or at the same one as kiosk 0.
  const bool across = config_.cross_center_twins || (config_.mixed_twins && rng_.Chance(0.5));
  SimKiosk& a = *kiosks_[0];
  SimKiosk* other = nullptr;
  for (size_t i = 1; i < kiosks_.size() && other == nullptr; ++i) {
    if ((kiosks_[i]->center != a.center) == across) {
      other = kiosks_[i].get();
    }
  }
  if (other == nullptr) {
    return;
  }
  SimKiosk& b = *other;
  core::Person resident = NewResident(rng_, a.center, ++name_counter_);
  auto first = core::PersonRepository(*a.store).Register(resident);
  resident.home_center_id = b.center;
  auto second = core::PersonRepository(*b.store).Register(resident);
  Tolerate(ErrorOf(first), "register twin");
  Tolerate(ErrorOf(second), "register twin");
  if (first.ok() && second.ok()) {
    oracle_.twins.emplace_back(first->id, second->id);
    Note("the same resident registered as " + first->id + " and " + second->id);
  }
}

void World::EditProfile(SimKiosk& kiosk) {
  const auto people = LivePeople(kiosk);
  if (people.empty()) {
    return;
  }
  core::PersonRepository repository(*kiosk.store);
  auto person = repository.Get(rng_.Pick(people));
  if (!person.ok() || !person->has_value()) {
    return;
  }
  core::Person edited = **person;
  switch (rng_.Range(0, 3)) {
    case 0:
      edited.phone = "+370 6" + std::to_string(rng_.Range(1'000'000, 9'999'999));
      break;
    case 1:
      edited.village = rng_.Pick(kVillages);
      break;
    case 2:
      edited.given_name = rng_.Pick(kGiven);
      break;
    default:
      edited.email = "r" + std::to_string(rng_.Range(1, 999)) + "@example.lt";
      break;
  }
  Note(kiosk.name + " edits " + edited.id);
  Tolerate(ErrorOf(repository.Update(edited)), "edit");
}

void World::SignUp(SimKiosk& kiosk) {
  const auto people = LivePeople(kiosk);
  const auto offerings = Strings(*kiosk.store, "SELECT id FROM course_offering WHERE center_id = " +
                                                   Quoted(kiosk.center) + " ORDER BY id LIMIT 2");
  if (people.empty() || offerings.empty()) {
    return;
  }
  const std::string& person = rng_.Pick(people);
  const std::string& offering = rng_.Pick(offerings);
  Note(kiosk.name + " signs " + person + " up for " + offering);
  auto enrollment = core::EnrollmentRepository(*kiosk.store).RequestSignUp(person, offering, {});
  Tolerate(ErrorOf(enrollment), "sign-up");
}

void World::Cancel(SimKiosk& kiosk) {
  const auto ids =
      Strings(*kiosk.store,
              "SELECT e.id FROM enrollment e JOIN person p ON p.id = e.person_id WHERE "
              "p.home_center_id = " +
                  Quoted(kiosk.center) +
                  " AND e.deleted = 0 AND e.status IN ('requested', 'confirmed', 'waitlisted') "
                  "ORDER BY e.id");
  if (ids.empty()) {
    return;
  }
  const std::string& id = rng_.Pick(ids);
  Note(kiosk.name + " cancels " + id);
  Tolerate(ErrorOf(core::EnrollmentRepository(*kiosk.store)
                       .SetStatus(id, core::EnrollmentStatus::kCancelled, "moved away")),
           "cancel");
}

void World::MarkAttendance(SimKiosk& kiosk) {
  const auto people = LivePeople(kiosk);
  const auto sessions = Strings(
      *kiosk.store,
      "SELECT s.id FROM course_session s JOIN course_offering o ON o.id = s.offering_id WHERE "
      "o.center_id = " +
          Quoted(kiosk.center) + " ORDER BY s.id LIMIT 4");
  if (people.empty() || sessions.empty()) {
    return;
  }
  const std::array<core::AttendanceMark, 3> marks = {core::AttendanceMark::kPresent,
                                                     core::AttendanceMark::kAbsent,
                                                     core::AttendanceMark::kExcused};
  const std::string& person = rng_.Pick(people);
  Note(kiosk.name + " marks " + person);
  auto marked = core::AttendanceRepository(*kiosk.store)
                    .Mark(rng_.Pick(sessions), person, marks[static_cast<size_t>(rng_.Range(0, 2))],
                          kiosk.name);
  Tolerate(ErrorOf(marked), "attendance");
}

void World::Progress(SimKiosk& kiosk) {
  const auto people = LivePeople(kiosk);
  const auto courses = Strings(*kiosk.store, "SELECT id FROM course ORDER BY id LIMIT 2");
  if (people.empty() || courses.empty()) {
    return;
  }
  core::LessonRepository lessons(*kiosk.store);
  std::string person = rng_.Pick(people);
  std::string lesson = "lesson-" + std::to_string(rng_.Range(1, 2));
  const int seconds = static_cast<int>(rng_.Range(1, 300));
  // Every other save (chosen by the seconds drawn, so the seed's draws stay as they were) adds
  // to a lesson another kiosk has counted time for, so the sum over kiosks is exercised.
  if (seconds % 2 == 0) {
    for (const std::string& row :
         Strings(*kiosk.store,
                 "SELECT person_id || '|' || lesson_id FROM "
                 "progress_counter WHERE deleted = 0 AND device_no <> " +
                     std::to_string(kiosk.store->device_id()) + " ORDER BY id")) {
      const std::string other = row.substr(0, row.find('|'));
      if (std::find(people.begin(), people.end(), other) != people.end()) {
        person = other;
        lesson = row.substr(row.find('|') + 1);
        break;
      }
    }
  }
  auto saved = rng_.Chance(0.5)
                   ? lessons.SavePosition(person, rng_.Pick(courses), lesson,
                                          static_cast<int>(rng_.Range(0, 20)), seconds)
                   : lessons.RecordCompletion(person, rng_.Pick(courses), lesson,
                                              static_cast<int>(rng_.Range(0, 100)), seconds);
  Note(kiosk.name + " saves progress of " + person + " in " + lesson);
  Tolerate(ErrorOf(saved), "progress");
  if (saved.ok()) {
    // Time is counted per device: the kiosk's own row is what it must reach the server as.
    const std::string counter = core::ProgressCounterId(person, lesson, kiosk.store->device_id());
    int64_t& most = oracle_.max_seconds[counter];
    for (const std::string& counted : Strings(
             *kiosk.store, "SELECT seconds FROM progress_counter WHERE id = " + Quoted(counter))) {
      most = std::max<int64_t>(most, std::stoll(counted));
    }
    // Time for a lesson another kiosk has counted time for too (the sum must hold both).
    if (!Strings(*kiosk.store, "SELECT 1 FROM progress_counter WHERE person_id = " +
                                   Quoted(person) + " AND lesson_id = " + Quoted(lesson) +
                                   " AND id <> " + Quoted(counter) + " AND deleted = 0")
             .empty()) {
      oracle_.counts["lesson time on two kiosks"] += 1;
    }
    int64_t& best = oracle_.max_score[saved->id];
    best = std::max(best, static_cast<int64_t>(saved->best_score));
    if (saved->completed) {
      oracle_.completed.insert(saved->id);
    }
  }
}

void World::SkewClock(SimKiosk& kiosk) {
  const int64_t now = server_clock_.NowMs();
  switch (rng_.Range(0, 3)) {
    case 0:
      kiosk.clock->SetWallMs(kYear2000Ms);
      Note(kiosk.name + " clock reset to 2000-01-01");
      break;
    case 1:
      kiosk.clock->SetWallMs(now + 3 * 365 * kDayMs);
      Note(kiosk.name + " clock 3 years ahead");
      break;
    case 2:
      kiosk.clock->SetWallMs(kiosk.clock->NowMs() - rng_.Range(3'600'000, 400 * kDayMs));
      Note(kiosk.name + " clock jumps back");
      break;
    default:
      kiosk.clock->SetWallMs(now);
      Note(kiosk.name + " clock set right");
      break;
  }
  oracle_.counts["clock change"] += 1;
}

bool World::HeldByEveryKiosk(const std::string& person_id) {
  const auto center = Strings(server_->store(),
                              "SELECT home_center_id FROM person WHERE id = " + Quoted(person_id));
  for (const auto& kiosk : kiosks_) {
    if (!center.empty() && kiosk->center == center[0] &&
        Strings(*kiosk->store, "SELECT id FROM person WHERE id = " + Quoted(person_id)).empty()) {
      return false;
    }
  }
  return true;
}

void World::Erase() {
  std::string centers;
  for (const auto& kiosk : kiosks_) {
    centers += (centers.empty() ? "" : ", ") + Quoted(kiosk->center);
  }
  const auto people = Strings(server_->store(),
                              "SELECT id FROM person WHERE erased = 0 AND "
                              "merged_into IS NULL AND home_center_id IN (" +
                                  centers + ") ORDER BY id");
  if (people.empty()) {
    return;
  }
  const std::string& id = rng_.Pick(people);
  if (!config_.erase_unpulled && !HeldByEveryKiosk(id)) {
    return;
  }
  Note("the district office erases " + id);
  const core::Status erased = server_->engine().ErasePerson(id);
  Tolerate(ErrorOf(erased), "erase");
  if (erased.ok()) {
    oracle_.erased.insert(id);
  }
}

void World::Merge() {
  std::vector<std::pair<std::string, std::string>> ready;
  for (const auto& [a, b] : oracle_.twins) {
    const auto live =
        Strings(server_->store(), "SELECT id FROM person WHERE id IN (" + Quoted(a) + ", " +
                                      Quoted(b) + ") AND erased = 0 AND merged_into IS NULL");
    if (live.size() == 2) {
      ready.emplace_back(a, b);
    }
  }
  if (ready.empty()) {
    return;
  }
  auto [loser, winner] = rng_.Pick(ready);
  if (rng_.Chance(0.5)) {
    std::swap(loser, winner);
  }
  Note("the district office merges " + loser + " into " + winner);
  const core::Status merged = server_->engine().MergePeople(loser, winner);
  Tolerate(ErrorOf(merged), "merge");
  if (merged.ok()) {
    oracle_.merged.emplace_back(loser, winner);
    oracle_.merged_people.insert(loser);
    oracle_.merged_people.insert(winner);
  }
}

}  // namespace raida::sim
