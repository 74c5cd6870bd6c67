// Effects of the self-assessment, run on the EffectRunner's storage lane by AssessmentStorage
// (assessment_storage.h). Included by effects.h, whose Effect variant lists them.
#pragma once

#include <cstdint>
#include <string>

namespace raida::kiosk {

// -> AssessmentLoaded (with the content when `with_content`, and for a person their latest
// response and completed courses), AssessmentUnavailable (no usable content file), or
// FaultOccurred (the database).
struct LoadAssessment {
  std::string person_id;  // "" for a guest: nothing is read from the database
  bool with_content = true;
};
// Saves the answers (and the result, once finished) of one attempt as the person's
// assessment_response (kind "riasec", reviewed = false: a draft for the coordinator), in one
// committed transaction with its outbox entry. -> AssessmentSaved, AssessmentSaveFailed, or
// FaultOccurred.
struct SaveAssessment {
  std::string person_id;
  uint64_t attempt = 0;
  std::string response_id;  // "" until the first save of the attempt answered
  std::string answers;      // EncodeRiasecAnswers
  std::string result;       // EncodeRiasecResult, "" while unfinished
};

}  // namespace raida::kiosk
