// AssessmentRepository: self-assessment responses (the vocational-interest questionnaire).
//
// A person fills a questionnaire over one or more visits: SaveDraft keeps the answers so far and,
// once scored, the result. GetLatest finds the response to resume or to show.
#pragma once

#include <optional>
#include <string>

#include "raida/core/model.h"
#include "raida/core/result.h"
#include "raida/core/store.h"

namespace raida::core {

class AssessmentRepository {
 public:
  explicit AssessmentRepository(Store& store) : store_(&store) {}

  // Inserts the response (new id when response.id is empty) or saves the changes to an existing
  // one. `answers` must be JSON; `result` JSON or "" (not scored yet). kNotFound for an unknown
  // person or id; kInvalidArgument for an empty kind or bad JSON.
  Result<AssessmentResponse> SaveDraft(AssessmentResponse response);
  Result<std::optional<AssessmentResponse>> Get(const std::string& id);
  // The most recently changed response of `kind` for a person.
  Result<std::optional<AssessmentResponse>> GetLatest(const std::string& person_id,
                                                      const std::string& kind);

 private:
  Store* store_;
};

}  // namespace raida::core
