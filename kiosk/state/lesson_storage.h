// LessonStorage: the lesson player's storage work on the EffectRunner's storage lane — reading a
// course's pack for the lesson list and the player, saving each step of a signed-in person, and
// "My progress".
//
// Each Run answers one effect with the result action to post (or none). An Error means the
// storage itself failed (the runner shows the fault screen); a step that could not be saved for
// a reason the person can live with (busy, full disk, an unknown person) is LessonSaveFailed,
// and a pack that is missing or broken makes the lesson unavailable, never a fault: the rest of
// the kiosk keeps working. A certificate that cannot be issued is logged and tried again at the
// next completed lesson. Time spent is measured here, on the injected clock's steady time,
// between a person's steps in a lesson (at most kMaxStepSeconds per step, so a kiosk left alone
// does not count as study). Nothing personal is logged.
#pragma once

#include <concepts>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "kiosk/state/actions.h"
#include "kiosk/state/effects.h"
#include "raida/core/clock.h"
#include "raida/core/lesson_pack.h"
#include "raida/core/result.h"

namespace raida::core {
class Store;
}

namespace raida::kiosk {

inline constexpr int kMaxStepSeconds = 300;

class LessonStorage {
 public:
  // `lessons_dir` is assets/lessons (pictures are files under <dir>/<pack folder>/); `clock`
  // must outlive this.
  LessonStorage(std::string lessons_dir, const core::Clock& clock)
      : lessons_dir_(std::move(lessons_dir)), clock_(&clock) {}

  core::Result<std::optional<Action>> Run(core::Store& store, const LoadCourseLessons& effect);
  core::Result<std::optional<Action>> Run(core::Store& store, const LoadLesson& effect);
  core::Result<std::optional<Action>> Run(core::Store& store, const SaveLessonStep& effect);
  core::Result<std::optional<Action>> Run(core::Store& store, const CompleteLesson& effect);
  core::Result<std::optional<Action>> Run(core::Store& store, const LoadProgress& effect);
  // lesson_certificates.cpp
  core::Result<std::optional<Action>> Run(core::Store& store, const IssueCertificate& effect);

 private:
  // The course's pack as stored, parsed (kept while its checksum is unchanged; the one it
  // replaces goes to superseded_); nullopt when the course has none or it cannot be read
  // (logged).
  core::Result<std::optional<core::PackDocument>> PackFor(core::Store& store,
                                                          const std::string& course_id);
  // Seconds since the person's last step in the lesson (0 for the first), and a new mark.
  int TakeSeconds(const std::string& person_id, const std::string& lesson_id);

  std::string lessons_dir_;
  const core::Clock* clock_;
  std::map<std::string, int64_t> last_step_ms_;  // "person|lesson" -> steady ms of the last step
  struct CachedPack {
    std::string checksum;
    core::PackDocument document;
  };
  std::map<std::string, CachedPack> packs_;  // by course id
  // By course id: the version a newer one (or the pack's removal) replaced in packs_, kept so
  // a lesson in use can still be read again in another language (LoadLesson::pack_version).
  std::map<std::string, core::PackDocument> superseded_;
};

// The effects LessonStorage runs (the EffectRunner routes them there).
template <typename E>
concept LessonEffect = requires(LessonStorage& lessons, core::Store& store, const E& effect) {
  { lessons.Run(store, effect) } -> std::same_as<core::Result<std::optional<Action>>>;
};

// One lesson of `pack` in `language`, ready for the screens: paragraphs split at blank lines,
// picture paths under `lessons_dir`, yes/no options, and the steps of an order question shuffled
// the same way every time (never in the right order).
LessonContent BuildLessonContent(const core::PackDocument& pack, const core::Lesson& lesson,
                                 const std::string& language, const std::string& lessons_dir);

// "My progress"'s certificates (lesson_certificates.cpp): the person's certificates, newest
// first, with course titles in `view.language`; each course of `view.courses` marked certified,
// or given what is still missing before its certificate (core::GetCourseCompletion; nothing
// when that cannot be told, e.g. a course gone from the catalog). Errors: storage failures.
core::Status AddCertificates(core::Store& store, ProgressView& view);

// With --seed-demo: loads the packs under `lessons_dir` (core::LoadLessonPacks). A missing
// directory is only logged (a kiosk works without lessons); a broken pack is an error.
core::Status SeedLessonPacks(core::Store& store, const std::string& lessons_dir);

}  // namespace raida::kiosk
