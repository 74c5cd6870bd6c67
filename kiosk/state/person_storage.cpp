// PersonStorage: "Find a person" and a person's record on the storage lane (see
// person_storage.h).
//
// A person who is no longer on this kiosk (erased or merged by a sync meanwhile) is a
// PersonChangeFailed said in plain words, not a fault. The log gets ids and outcomes only.
#include "kiosk/state/person_storage.h"

#include <spawn.h>
#include <spdlog/spdlog.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "kiosk/state/assessment_storage.h"
#include "raida/certificate/certificate_pdf.h"
#include "raida/core/action_plan_repository.h"
#include "raida/core/assessment_repository.h"
#include "raida/core/attendance_repository.h"
#include "raida/core/catalog_repository.h"
#include "raida/core/certificate_repository.h"
#include "raida/core/enrollment_repository.h"
#include "raida/core/person_repository.h"
#include "raida/core/private_file.h"
#include "raida/core/store.h"

extern char** environ;

namespace raida::kiosk {
namespace {

constexpr const char* kNoticeGone = "person.notice.gone";
constexpr const char* kNoticeConsentGiven = "person.notice.consent_given";
constexpr const char* kNoticeConsentWithdrawn = "person.notice.consent_withdrawn";
constexpr const char* kNoticeDraftAccepted = "person.notice.draft_accepted";
constexpr const char* kNoticeDraftDiscarded = "person.notice.draft_discarded";
constexpr const char* kNoticeDraftGone = "person.notice.draft_gone";
// The goal the suggested courses go under when no interest area stood out (in the person's
// language; a key of assets/i18n).
constexpr const char* kTrainingGoalKey = "person.plan.training_goal";
constexpr const char* kActivePlanStatuses[] = {"draft", "active"};

bool Usable(const core::Person& person) { return !person.erased && !person.merged_into; }

// What a saved result (EncodeRiasecResult's JSON) says: status, top areas, suggested courses.
struct SavedResult {
  std::string status;
  std::vector<core::RiasecArea> top;
  std::vector<std::string> courses;
};

std::optional<SavedResult> ParseSavedResult(const std::string& json_text) {
  const nlohmann::json json = nlohmann::json::parse(json_text, nullptr, false);
  if (json.is_discarded() || !json.is_object()) {
    return std::nullopt;
  }
  SavedResult saved;
  if (json.contains("status") && json["status"].is_string()) {
    saved.status = json["status"].get<std::string>();
  }
  if (json.contains("top") && json["top"].is_array()) {
    for (const auto& area : json["top"]) {
      if (area.is_string()) {
        if (auto parsed = core::ParseRiasecArea(area.get<std::string>())) {
          saved.top.push_back(*parsed);
        }
      }
    }
  }
  if (json.contains("courses") && json["courses"].is_array()) {
    for (const auto& course : json["courses"]) {
      if (course.is_string()) {
        saved.courses.push_back(course.get<std::string>());
      }
    }
  }
  return saved;
}

// The person's waiting self-assessment response (scored, not reviewed), if any.
core::Result<std::optional<core::AssessmentResponse>> WaitingResponse(
    core::Store& store, const std::string& person_id) {
  RAIDA_ASSIGN_OR_RETURN(auto latest,
                         core::AssessmentRepository(store).GetLatest(person_id, core::kRiasecKind));
  if (!latest || latest->reviewed || latest->result.empty()) {
    return std::optional<core::AssessmentResponse>();
  }
  return latest;
}

}  // namespace

PersonStorage::PersonStorage(PersonStorageOptions options) : options_(std::move(options)) {
  if (options_.assessment_file.empty()) {
    options_.assessment_file = DefaultAssessmentFile();
  }
  if (options_.data_dir.empty()) {
    options_.data_dir = ".";  // a database named without a folder lives in the working folder
  }
  if (options_.i18n_dir.empty()) {
    options_.i18n_dir = std::string(RAIDA_ASSETS_DIR) + "/i18n";
  }
}

std::shared_ptr<const core::RiasecContent> PersonStorage::Content() {
  if (!content_) {
    auto loaded = core::LoadRiasecContent(options_.assessment_file);
    if (!loaded.ok()) {
      spdlog::error("person record: self-assessment content not available: {}",
                    core::ErrorCodeName(loaded.error().code));
      return nullptr;
    }
    content_ = std::make_shared<const core::RiasecContent>(std::move(loaded).value());
  }
  return content_;
}

const core::Translations* PersonStorage::Words() {
  if (!words_) {
    auto loaded = core::Translations::LoadDir(options_.i18n_dir);
    if (!loaded.ok()) {
      spdlog::error("person record: translations not available: {}",
                    core::ErrorCodeName(loaded.error().code));
      return nullptr;
    }
    words_ = std::move(loaded).value();
  }
  return &*words_;
}

core::Result<std::optional<Action>> PersonStorage::Run(core::Store& store,
                                                       const LoadPeople& effect) {
  RAIDA_ASSIGN_OR_RETURN(auto people, core::PersonRepository(store).ListByCenter(effect.center_id));
  PeopleLoaded loaded;
  loaded.center_id = effect.center_id;
  for (const core::Person& person : people) {
    if (Usable(person)) {
      loaded.people.push_back(PersonCard{person.id, person.given_name, person.family_name,
                                         person.birth_year, person.village});
    }
  }
  return std::optional<Action>(std::move(loaded));
}

core::Result<std::optional<Action>> PersonStorage::Run(core::Store& store,
                                                       const LoadPersonRecord& effect) {
  return Record(store, effect.person_id, "");
}

core::Result<std::optional<Action>> PersonStorage::Record(core::Store& store,
                                                          const std::string& person_id,
                                                          const std::string& notice_key) {
  RAIDA_ASSIGN_OR_RETURN(auto found, core::PersonRepository(store).Get(person_id));
  if (!found || !Usable(*found)) {
    spdlog::info("person record {}: not on this kiosk", person_id);
    return std::optional<Action>(PersonChangeFailed{person_id, kNoticeGone});
  }
  const core::Person& person = *found;
  PersonRecord record;
  record.id = person.id;
  record.given_name = person.given_name;
  record.family_name = person.family_name;
  record.birth_year = person.birth_year;
  record.phone = person.phone;
  record.village = person.village;
  record.language = person.language;
  record.needs = person.needs;
  record.card_code = person.card_code;

  // Consents: the latest record of each purpose, the usual purposes first.
  for (const char* purpose : kPersonConsentPurposes) {
    record.consents.push_back(PersonConsentView{purpose, false, false, ""});
  }
  RAIDA_ASSIGN_OR_RETURN(auto consents, core::PersonRepository(store).ListConsents(person_id));
  for (const core::Consent& consent : consents) {  // oldest first: the last one wins
    auto view =
        std::find_if(record.consents.begin(), record.consents.end(),
                     [&](const PersonConsentView& c) { return c.purpose == consent.purpose; });
    if (view == record.consents.end()) {
      record.consents.push_back(PersonConsentView{consent.purpose, false, false, ""});
      view = record.consents.end() - 1;
    }
    view->granted = consent.granted;
    view->recorded = true;
    view->text_version = consent.text_version;
  }

  // Courses and attendance.
  core::CatalogRepository catalog(store);
  core::AttendanceRepository attendance(store);
  RAIDA_ASSIGN_OR_RETURN(auto enrollments,
                         core::EnrollmentRepository(store).ListForPerson(person_id));
  for (const core::Enrollment& enrollment : enrollments) {
    RAIDA_ASSIGN_OR_RETURN(auto offering, catalog.GetOffering(enrollment.offering_id));
    if (!offering) {
      continue;
    }
    RAIDA_ASSIGN_OR_RETURN(auto course, catalog.GetCourse(offering->course_id));
    PersonCourseView view;
    view.enrollment_id = enrollment.id;
    if (course) {
      view.course_title = course->title;
    }
    view.status = core::EnrollmentStatusName(enrollment.status);
    view.starts_on = offering->starts_on;
    view.ends_on = offering->ends_on;
    record.courses.push_back(std::move(view));
    if (enrollment.status == core::EnrollmentStatus::kCancelled || offering->cancelled) {
      continue;
    }
    RAIDA_ASSIGN_OR_RETURN(auto sessions, catalog.ListSessions(offering->id));
    for (const core::Session& session : sessions) {
      ++record.attendance.sessions;
      RAIDA_ASSIGN_OR_RETURN(auto mark, attendance.Get(session.id, person_id));
      if (!mark) {
        continue;
      }
      switch (mark->mark) {
        case core::AttendanceMark::kPresent:
          ++record.attendance.present;
          break;
        case core::AttendanceMark::kAbsent:
          ++record.attendance.absent;
          break;
        case core::AttendanceMark::kExcused:
          ++record.attendance.excused;
          break;
      }
    }
  }

  // Certificates.
  core::CertificateRepository certificates(store);
  RAIDA_ASSIGN_OR_RETURN(auto issued, certificates.ListForPerson(person_id));
  for (const core::Certificate& certificate : issued) {
    RAIDA_ASSIGN_OR_RETURN(auto details, certificates.GetDetails(certificate.id));
    if (!details) {
      continue;
    }
    PersonCertificateView view;
    view.id = certificate.id;
    view.code = certificate.code;
    view.course_title = details->course_title;
    view.hours = certificate.hours;
    view.started_on = certificate.started_on;
    view.finished_on = certificate.finished_on;
    view.issued_on = certificate.issued_on;
    view.center_name = details->center_name;
    record.certificates.push_back(std::move(view));
  }

  // A self-assessment result waiting for the coordinator.
  RAIDA_ASSIGN_OR_RETURN(auto waiting, WaitingResponse(store, person_id));
  if (waiting) {
    const std::optional<SavedResult> saved = ParseSavedResult(waiting->result);
    const auto content = Content();
    if (!saved) {
      spdlog::warn("person record {}: self-assessment {} unreadable", person_id, waiting->id);
    } else {
      PersonDraftView draft;
      draft.response_id = waiting->id;
      draft.status = saved->status;
      if (content) {
        for (const core::RiasecArea area : saved->top) {
          draft.top_areas.push_back(core::AreaInfo(*content, area).name);
        }
      }
      for (const std::string& course_id : saved->courses) {
        RAIDA_ASSIGN_OR_RETURN(auto course, catalog.GetCourse(course_id));
        if (course) {
          draft.courses.push_back(course->title);
        }
      }
      record.draft = std::move(draft);
    }
  }
  return std::optional<Action>(PersonRecordLoaded{std::move(record), notice_key});
}

core::Result<std::optional<Action>> PersonStorage::Run(core::Store& store,
                                                       const SavePersonConsent& effect) {
  core::PersonRepository people(store);
  RAIDA_ASSIGN_OR_RETURN(auto found, people.Get(effect.person_id));
  if (!found || !Usable(*found)) {
    return std::optional<Action>(PersonChangeFailed{effect.person_id, kNoticeGone});
  }
  core::Consent consent;
  consent.person_id = effect.person_id;
  consent.purpose = effect.purpose;
  consent.granted = effect.granted;
  consent.text_version = effect.text_version;
  consent.language = effect.language;
  consent.method = core::ConsentMethod::kWitnessed;
  consent.recorded_by = effect.coordinator_id;
  RAIDA_ASSIGN_OR_RETURN(auto saved, people.RecordConsent(std::move(consent)));
  spdlog::info("person {}: consent {} {} by {}", effect.person_id, effect.purpose,
               effect.granted ? "given" : "withdrawn", effect.coordinator_id);
  return Record(store, effect.person_id,
                effect.granted ? kNoticeConsentGiven : kNoticeConsentWithdrawn);
}

core::Result<std::optional<Action>> PersonStorage::Run(core::Store& store,
                                                       const PrintCertificate& effect) {
  CertificatePrinted printed;
  printed.certificate_id = effect.certificate_id;
  RAIDA_ASSIGN_OR_RETURN(auto details,
                         core::CertificateRepository(store).GetDetails(effect.certificate_id));
  const core::Translations* words = Words();
  if (!details || words == nullptr) {
    spdlog::warn("certificate {}: cannot be printed (gone or no words)", effect.certificate_id);
    return std::optional<Action>(std::move(printed));
  }
  const std::filesystem::path folder = std::filesystem::path(options_.data_dir) / "certificates";
  if (const core::Status made = core::MakePrivateFolder(folder.string()); !made.ok()) {
    spdlog::error("certificate {}: no folder for the PDF: {}", effect.certificate_id,
                  core::ErrorCodeName(made.error().code));
    return std::optional<Action>(std::move(printed));
  }
  const std::string path = (folder / (details->certificate.code + ".pdf")).string();
  if (core::Status written = certificate::WriteCertificatePdf(*details, *words, path);
      !written.ok()) {
    spdlog::error("certificate {}: PDF not written: {}", effect.certificate_id,
                  core::ErrorCodeName(written.error().code));
    return std::optional<Action>(std::move(printed));
  }
  printed.path = path;
  printed.sent_to_printer = SendToPrinter(options_.print_program, path);
  spdlog::info("certificate {}: PDF written, {}", effect.certificate_id,
               printed.sent_to_printer ? "sent to the printer" : "not sent to a printer");
  return std::optional<Action>(std::move(printed));
}

core::Result<std::optional<Action>> PersonStorage::Run(core::Store& store,
                                                       const DecideAssessmentDraft& effect) {
  RAIDA_ASSIGN_OR_RETURN(auto found, core::PersonRepository(store).Get(effect.person_id));
  if (!found || !Usable(*found)) {
    return std::optional<Action>(PersonChangeFailed{effect.person_id, kNoticeGone});
  }
  RAIDA_ASSIGN_OR_RETURN(auto waiting, WaitingResponse(store, effect.person_id));
  if (!waiting || waiting->id != effect.response_id) {
    return Record(store, effect.person_id, kNoticeDraftGone);  // decided elsewhere meanwhile
  }
  std::optional<SavedResult> saved = ParseSavedResult(waiting->result);
  const auto content = Content();
  const core::Translations* words = Words();
  if (effect.accept && (!saved || !content || words == nullptr)) {
    return std::optional<Action>(
        PersonChangeFailed{effect.person_id, "person.notice.draft_failed"});
  }
  RAIDA_ASSIGN_OR_RETURN(auto scope, store.BeginWrite());
  if (effect.accept) {
    const std::string& language = found->language;
    core::ActionPlanRepository plans(store);
    RAIDA_ASSIGN_OR_RETURN(auto existing, plans.ListPlansForPerson(effect.person_id));
    std::optional<core::ActionPlan> plan;
    for (auto it = existing.rbegin(); it != existing.rend() && !plan; ++it) {
      for (const char* status : kActivePlanStatuses) {
        if (it->status == status) {
          plan = *it;
        }
      }
    }
    if (!plan) {
      RAIDA_ASSIGN_OR_RETURN(auto created,
                             plans.CreatePlan(effect.person_id, effect.coordinator_id));
      plan = created;
    }
    RAIDA_ASSIGN_OR_RETURN(auto goals, plans.ListGoals(plan->id));
    const auto goal_for = [&](const std::string& title) -> core::Result<std::string> {
      for (const core::PlanGoal& goal : goals) {
        if (goal.title == title) {
          return goal.id;
        }
      }
      RAIDA_ASSIGN_OR_RETURN(auto added, plans.AddGoal(plan->id, title));
      goals.push_back(added);
      return added.id;
    };
    // Each top area is a goal; each suggested course a step under the first area suggesting it
    // (else under the first goal, or "Learn new skills" when no area stood out).
    std::map<core::RiasecArea, std::string> area_goals;
    for (const core::RiasecArea area : saved->top) {
      RAIDA_ASSIGN_OR_RETURN(
          std::string id, goal_for(core::Localize(core::AreaInfo(*content, area).name, language)));
      area_goals[area] = id;
    }
    core::CatalogRepository catalog(store);
    for (const std::string& course_id : saved->courses) {
      RAIDA_ASSIGN_OR_RETURN(auto course, catalog.GetCourse(course_id));
      if (!course) {
        continue;
      }
      std::string goal_id;
      for (const core::RiasecArea area : saved->top) {
        const auto& courses = core::AreaInfo(*content, area).courses;
        if (std::find(courses.begin(), courses.end(), course_id) != courses.end()) {
          goal_id = area_goals[area];
          break;
        }
      }
      if (goal_id.empty() && !saved->top.empty()) {
        goal_id = area_goals[saved->top.front()];
      }
      if (goal_id.empty()) {
        RAIDA_ASSIGN_OR_RETURN(goal_id, goal_for(words->Get(language, kTrainingGoalKey)));
      }
      RAIDA_ASSIGN_OR_RETURN(auto steps, plans.ListSteps(goal_id));
      const std::string title = core::Localize(course->title, language);
      if (std::any_of(steps.begin(), steps.end(),
                      [&](const core::PlanStep& step) { return step.title == title; })) {
        continue;  // already a step of this goal
      }
      core::PlanStep step;
      step.goal_id = goal_id;
      step.title = title;
      step.institution = core::Institution::kTrainingProvider;
      RAIDA_TRY(plans.AddStep(std::move(step)));
    }
  }
  core::AssessmentResponse reviewed = *waiting;
  reviewed.reviewed = true;
  RAIDA_TRY(core::AssessmentRepository(store).SaveDraft(std::move(reviewed)));
  RAIDA_TRY(scope.Commit());
  spdlog::info("person {}: self-assessment {} {}", effect.person_id, effect.response_id,
               effect.accept ? "accepted into the action plan" : "discarded");
  return Record(store, effect.person_id,
                effect.accept ? kNoticeDraftAccepted : kNoticeDraftDiscarded);
}

bool SendToPrinter(const std::string& program, const std::string& path) {
  if (program.empty()) {
    return false;
  }
  std::vector<char*> argv = {const_cast<char*>(program.c_str()), const_cast<char*>(path.c_str()),
                             nullptr};
  pid_t pid = 0;
  if (posix_spawnp(&pid, program.c_str(), nullptr, nullptr, argv.data(), environ) != 0) {
    return false;  // no `lp` here: the PDF stays in the data folder
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      return false;
    }
  }
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

}  // namespace raida::kiosk
