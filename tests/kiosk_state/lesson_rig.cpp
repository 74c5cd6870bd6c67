// LessonRig (see lesson_rig.h).
#include "kiosk_state/lesson_rig.h"

#include <gtest/gtest.h>

#include <variant>

#include "kiosk/state/reduce.h"
#include "raida/core/district_data.h"
#include "raida/core/lesson_pack.h"

namespace raida::kiosk::testing {

std::string FixtureLessonsDir() { return std::string(RAIDA_SOURCE_DIR) + "/tests/data/lessons"; }
std::string DemoDistrictFile() {
  return std::string(RAIDA_SOURCE_DIR) + "/assets/demo/rokiskis.json";
}

LessonRig::LessonRig(const std::string& db_path, bool load) {
  auto store = core::Store::Open({db_path}, clock_);
  if (!store.ok()) {
    ADD_FAILURE() << store.error().message;
    std::abort();
  }
  store_ = std::move(store).value();
  storage_ = std::make_unique<LessonStorage>(FixtureLessonsDir(), clock_);
  if (!load) {
    return;
  }
  core::DistrictLoadOptions options;
  options.only_center_id = "center.bajorai";
  auto district = core::LoadDistrictFile(*store_, DemoDistrictFile(), options);
  EXPECT_TRUE(district.ok()) << district.error().message;
  auto packs = core::LoadLessonPacks(*store_, FixtureLessonsDir());
  EXPECT_TRUE(packs.ok()) << packs.error().message;
}

LessonRig::LessonRig(std::unique_ptr<core::Store> store, const std::string& lessons_dir)
    : store_(std::move(store)), storage_(std::make_unique<LessonStorage>(lessons_dir, clock_)) {}

std::vector<Action> LessonRig::Run(const Effect& effect) {
  std::vector<Action> results;
  VisitMessage(
      [&](const auto& concrete) {
        if constexpr (LessonEffect<std::decay_t<decltype(concrete)>>) {
          auto result = storage_->Run(*store_, concrete);
          EXPECT_TRUE(result.ok()) << result.error().message;
          if (result.ok() && result->has_value()) {
            results.push_back(std::move(**result));
          }
        }
      },
      effect);
  return results;
}

std::vector<Effect> LessonRig::Dispatch(AppState& state, const Action& action) {
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

int64_t LessonRig::Count(const std::string& sql) {
  auto stmt = store_->db().Prepare(sql);
  EXPECT_TRUE(stmt.ok()) << sql;
  auto row = stmt->Step();
  EXPECT_TRUE(row.ok() && *row) << sql;
  return stmt->ColumnInt(0);
}

AppState OnCoursePage(LessonRig& rig, const std::string& language, bool signed_in,
                      const std::string& person_id) {
  AppState state;
  state.language = language;
  state.center_id = "center.bajorai";
  state.screen = Screen::kCatalog;
  if (signed_in) {
    const bool ona = person_id == kPersonId;
    state.person =
        SignedInPerson{person_id, ona ? "Ona" : "Laima",
                       ona ? std::vector<std::string>{"transport"} : std::vector<std::string>{}};
  }
  rig.Dispatch(state, OpenCourse{kLessonCourse});
  EXPECT_EQ(state.screen, Screen::kCourse);
  EXPECT_TRUE(state.lesson.course_lessons.has_value());
  return state;
}

}  // namespace raida::kiosk::testing
