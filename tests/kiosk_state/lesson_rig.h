// LessonRig: a kiosk database with the demo district (Bajorai's people) and the fixture lesson
// pack (tests/data/lessons), and the lesson player's real storage work (LessonStorage) run in
// line: an action is reduced, the lesson effects it returns run against the store, and their
// results are reduced in turn, until nothing is left. Other effects are only recorded. Used by
// the reducer/storage tests and the headless UI tests.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "kiosk/state/actions.h"
#include "kiosk/state/app_state.h"
#include "kiosk/state/effects.h"
#include "kiosk/state/lesson_storage.h"
#include "raida/core/clock.h"
#include "raida/core/store.h"

namespace raida::kiosk::testing {

inline constexpr const char* kLessonCourse = "course.computer-first-steps";
inline constexpr const char* kLesson1 = "fixture-first-steps.l1";  // 4 pages, single + yes/no
inline constexpr const char* kLesson2 = "fixture-first-steps.l2";  // 2 pages, multiple + order
inline constexpr const char* kLesson3 = "fixture-first-steps.l3";  // 2 pages, no questions
inline constexpr const char* kPersonId = "person.demo.01";         // Ona, card 410037, Bajorai
// Laima (card 410185, Bajorai): no sign-up for kLessonCourse, so its lessons alone complete it.
inline constexpr const char* kLessonsOnlyPersonId = "person.demo.05";

std::string FixtureLessonsDir();  // tests/data/lessons
std::string DemoDistrictFile();   // assets/demo/rokiskis.json

class LessonRig {
 public:
  // Opens (creating) the database at `db_path` and loads the demo district and the fixture
  // pack unless `load` is false (a reopened database). Fails the test on error.
  explicit LessonRig(const std::string& db_path = ":memory:", bool load = true);
  // Runs the lesson storage on `store` (e.g. a kiosk database that synced with a server), with
  // pictures under `lessons_dir`; loads nothing.
  LessonRig(std::unique_ptr<core::Store> store, const std::string& lessons_dir);

  core::Store& store() { return *store_; }
  core::ManualClock& clock() { return clock_; }
  LessonStorage& storage() { return *storage_; }

  // Reduces `action`, runs the lesson effects it returns and reduces their results, until
  // nothing is left. Returns every effect returned on the way, lesson effects included.
  std::vector<Effect> Dispatch(AppState& state, const Action& action);
  // Runs one lesson effect; the result action (if any).
  std::vector<Action> Run(const Effect& effect);

  int64_t Count(const std::string& sql);

 private:
  core::ManualClock clock_{1'795'435'200'000, 1'000'000};
  std::unique_ptr<core::Store> store_;
  std::unique_ptr<LessonStorage> storage_;
};

// A state on the course page of kLessonCourse at Bajorai in `language`, signed in as
// `person_id` or a guest, with the course's lessons loaded through `rig`.
AppState OnCoursePage(LessonRig& rig, const std::string& language, bool signed_in,
                      const std::string& person_id = kPersonId);

template <typename T>
const T* FindEffect(const std::vector<Effect>& effects) {
  for (const Effect& effect : effects) {
    if (const T* found = FindMessage<T>(effect)) {
      return found;
    }
  }
  return nullptr;
}

template <typename T>
int CountEffects(const std::vector<Effect>& effects) {
  int count = 0;
  for (const Effect& effect : effects) {
    count += HoldsMessage<T>(effect) ? 1 : 0;
  }
  return count;
}

}  // namespace raida::kiosk::testing
