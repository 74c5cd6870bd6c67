// AssessmentStorage (see assessment_storage.h): the content from assets/assessment, responses
// through AssessmentRepository (one committed transaction with its outbox entry per step), the
// person's completed courses from their enrollments.
#include "kiosk/state/assessment_storage.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <utility>
#include <vector>

#include "kiosk/state/reduce_assessment.h"
#include "raida/core/assessment_repository.h"
#include "raida/core/catalog_repository.h"
#include "raida/core/enrollment_repository.h"
#include "raida/core/model.h"

namespace raida::kiosk {
namespace {

using MaybeAction = std::optional<Action>;

constexpr size_t kRememberedAttempts = 64;

// Course ids of the person's completed sign-ups, each once.
core::Result<std::vector<std::string>> DoneCourses(core::Store& store,
                                                   const std::string& person_id) {
  RAIDA_ASSIGN_OR_RETURN(auto enrollments,
                         core::EnrollmentRepository(store).ListForPerson(person_id));
  core::CatalogRepository catalog(store);
  std::vector<std::string> courses;
  for (const core::Enrollment& enrollment : enrollments) {
    if (enrollment.status != core::EnrollmentStatus::kCompleted) {
      continue;
    }
    RAIDA_ASSIGN_OR_RETURN(auto offering, catalog.GetOffering(enrollment.offering_id));
    if (offering &&
        std::find(courses.begin(), courses.end(), offering->course_id) == courses.end()) {
      courses.push_back(offering->course_id);
    }
  }
  return courses;
}

// The person's latest response, decoded; nullopt when there is none or it cannot be read.
core::Result<std::optional<SavedAssessment>> Latest(core::Store& store,
                                                    const std::string& person_id) {
  RAIDA_ASSIGN_OR_RETURN(auto response,
                         core::AssessmentRepository(store).GetLatest(person_id, core::kRiasecKind));
  if (!response) {
    return std::optional<SavedAssessment>();
  }
  auto answers = core::DecodeRiasecAnswers(response->answers);
  if (!answers.ok()) {
    spdlog::warn("assessment response {} cannot be read ({}); the person starts again",
                 response->id, answers.error().message);
    return std::optional<SavedAssessment>();
  }
  return std::optional<SavedAssessment>(
      SavedAssessment{response->id, std::move(answers).value(), !response->result.empty()});
}

}  // namespace

std::string DefaultAssessmentFile() {
  return std::string(RAIDA_ASSETS_DIR) + "/assessment/riasec.json";
}

AssessmentStorage::AssessmentStorage(std::string content_file)
    : content_file_(content_file.empty() ? DefaultAssessmentFile() : std::move(content_file)) {}

std::shared_ptr<const core::RiasecContent> AssessmentStorage::Content() {
  if (content_) {
    return content_;
  }
  auto loaded = core::LoadRiasecContent(content_file_);
  if (!loaded.ok()) {
    spdlog::error("self-assessment not available: {}: {}", core::ErrorCodeName(loaded.error().code),
                  loaded.error().message);
    return nullptr;
  }
  content_ = std::make_shared<const core::RiasecContent>(std::move(loaded).value());
  spdlog::info("self-assessment content version {} loaded ({} statements)", content_->version,
               content_->statements.size());
  return content_;
}

core::Result<std::optional<Action>> AssessmentStorage::Run(core::Store& store,
                                                           const LoadAssessment& effect) {
  AssessmentLoaded loaded;
  loaded.person_id = effect.person_id;
  if (effect.with_content) {
    loaded.content = Content();
    if (!loaded.content) {
      return MaybeAction(AssessmentUnavailable{});
    }
  }
  if (!effect.person_id.empty()) {
    RAIDA_ASSIGN_OR_RETURN(loaded.saved, Latest(store, effect.person_id));
    RAIDA_ASSIGN_OR_RETURN(loaded.done_courses, DoneCourses(store, effect.person_id));
  }
  return MaybeAction(std::move(loaded));
}

core::Result<std::optional<Action>> AssessmentStorage::Run(core::Store& store,
                                                           const SaveAssessment& effect) {
  core::AssessmentResponse response;
  response.id = effect.response_id;
  const auto known = responses_.find(effect.attempt);
  if (response.id.empty() && known != responses_.end() && known->second.first == effect.person_id) {
    response.id = known->second.second;  // an earlier save of this attempt made it
  }
  response.person_id = effect.person_id;
  response.kind = core::kRiasecKind;
  response.answers = effect.answers;
  response.result = effect.result;
  response.reviewed = false;  // a draft for the coordinator, also after a change
  auto saved = core::AssessmentRepository(store).SaveDraft(std::move(response));
  if (!saved.ok()) {
    switch (saved.error().code) {
      case core::ErrorCode::kNotFound:
      case core::ErrorCode::kInvalidArgument:
      case core::ErrorCode::kBusy:
      case core::ErrorCode::kFull:
      case core::ErrorCode::kIo: {
        spdlog::warn("assessment step not saved: {}: {}", core::ErrorCodeName(saved.error().code),
                     saved.error().message);
        return MaybeAction(AssessmentSaveFailed{kAssessmentNotSavedKey});
      }
      default: {
        return saved.error();
      }
    }
  }
  responses_[effect.attempt] = {effect.person_id, saved->id};
  while (responses_.size() > kRememberedAttempts) {
    responses_.erase(responses_.begin());
  }
  return MaybeAction(AssessmentSaved{effect.person_id, effect.attempt, saved->id});
}

}  // namespace raida::kiosk
