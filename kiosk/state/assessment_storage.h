// AssessmentStorage: the self-assessment's work on the EffectRunner's storage lane — reading the
// content file (once; it is shared with the screens afterwards), the person's latest response and
// completed courses, and saving each step as an assessment_response through AssessmentRepository.
//
// Each Run answers one effect with the result action to post (or none). An Error means the
// storage itself failed (the runner shows the fault screen); a content file that is missing or
// broken is AssessmentUnavailable and a step that could not be saved for a reason the person can
// live with (busy, full disk, a person no longer on this kiosk) is AssessmentSaveFailed: the rest
// of the kiosk keeps working. A saved response that cannot be read back is logged and treated as
// none (the person starts again rather than the kiosk stopping). Nothing personal is logged.
#pragma once

#include <concepts>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "kiosk/state/actions.h"
#include "kiosk/state/effects.h"
#include "raida/core/result.h"
#include "raida/core/riasec.h"

namespace raida::core {
class Store;
}

namespace raida::kiosk {

// The shipped content: assets/assessment/riasec.json under RAIDA_ASSETS_DIR.
std::string DefaultAssessmentFile();

class AssessmentStorage {
 public:
  // `content_file` is assets/assessment/riasec.json ("" = DefaultAssessmentFile()).
  explicit AssessmentStorage(std::string content_file);

  core::Result<std::optional<Action>> Run(core::Store& store, const LoadAssessment& effect);
  core::Result<std::optional<Action>> Run(core::Store& store, const SaveAssessment& effect);

 private:
  // The content, read on first use; nullptr when the file cannot be used (logged each time it
  // is asked for, so a coordinator who fixes the file sees the kiosk pick it up).
  std::shared_ptr<const core::RiasecContent> Content();

  std::string content_file_;
  std::shared_ptr<const core::RiasecContent> content_;
  // The response each attempt saved to (attempt -> person, id), for saves that were posted
  // before the first one answered. Bounded: the oldest attempts are dropped first.
  std::map<uint64_t, std::pair<std::string, std::string>> responses_;  // attempt -> person, id
};

// The effects AssessmentStorage runs (the EffectRunner routes them there).
template <typename E>
concept AssessmentEffect = requires(AssessmentStorage& storage, core::Store& store,
                                    const E& effect) {
  { storage.Run(store, effect) } -> std::same_as<core::Result<std::optional<Action>>>;
};

}  // namespace raida::kiosk
