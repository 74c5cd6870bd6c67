// The lesson player's certificate work on the storage lane (declared in lesson_storage.h):
// issuing a course's certificate when a signed-in person's completed lesson finished the course,
// and the certificates part of "My progress" (what was earned, and what is still missing).
//
// The completion rule itself is core::CertificateRepository's (certificate_repository.h); this
// file only asks it at the right moment and words nothing: the screens do.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "kiosk/state/effect_runner.h"
#include "kiosk/state/lesson_storage.h"
#include "raida/core/catalog_repository.h"
#include "raida/core/certificate_repository.h"
#include "raida/core/model.h"
#include "raida/core/store.h"

namespace raida::kiosk {
namespace {

using MaybeAction = std::optional<Action>;

// Whether an error of the certificate repository is one the kiosk lives with (logged; the next
// completed lesson or the coordinator issues the certificate) rather than broken storage.
bool Bearable(const core::Error& error) {
  switch (error.code) {
    case core::ErrorCode::kNotFound:
    case core::ErrorCode::kInvalidArgument:
    case core::ErrorCode::kConflict:
    case core::ErrorCode::kCorrupt:
    case core::ErrorCode::kBusy:
    case core::ErrorCode::kFull:
    case core::ErrorCode::kIo:
      return true;
    default:
      return false;
  }
}

// The course's title in `language`; its id when the catalog no longer has it.
core::Result<std::string> CourseTitle(core::Store& store, const std::string& course_id,
                                      const std::string& language) {
  RAIDA_ASSIGN_OR_RETURN(const std::optional<core::Course> course,
                         core::CatalogRepository(store).GetCourse(course_id));
  return course ? core::Localize(course->title, language) : course_id;
}

core::Result<CertificateNoticeView> CertificateView(core::Store& store,
                                                    const core::Certificate& certificate,
                                                    const std::string& language) {
  RAIDA_ASSIGN_OR_RETURN(std::string title, CourseTitle(store, certificate.course_id, language));
  return CertificateNoticeView{certificate.course_id, std::move(title), certificate.issued_on,
                               certificate.code};
}

// What is still missing of `course` for the person: lessons to pass and sessions to attend.
core::Status AddMissing(core::Store& store, const std::string& person_id,
                        ProgressCourseView& course) {
  auto completion =
      core::CertificateRepository(store).GetCourseCompletion(person_id, course.course_id);
  if (!completion.ok()) {
    if (Bearable(completion.error())) {
      spdlog::warn("completion of {} not known: {}", course.course_id,
                   core::ErrorCodeName(completion.error().code));
      return core::Ok();
    }
    return completion.error();
  }
  if (completion->has_pack) {
    course.lessons_missing = std::max(completion->lessons_total - completion->lessons_passed, 0);
  }
  if (completion->attendance_required) {
    course.sessions_missing =
        std::max(completion->sessions_total - completion->sessions_present, 0);
  }
  return core::Ok();
}

}  // namespace

core::Result<MaybeAction> LessonStorage::Run(core::Store& store, const IssueCertificate& effect) {
  core::CertificateRepository certificates(store);
  auto issued = [&]() -> core::Result<std::optional<core::Certificate>> {
    RAIDA_ASSIGN_OR_RETURN(const std::optional<core::Certificate> held,
                           certificates.GetForCourse(effect.person_id, effect.course_id));
    if (held) {
      return std::optional<core::Certificate>();  // issued before: nothing new to tell
    }
    return certificates.IssueCertificateIfComplete(effect.person_id, effect.course_id,
                                                   LocalIsoDate(clock_->NowMs()));
  }();
  if (!issued.ok()) {
    if (Bearable(issued.error())) {
      spdlog::warn("certificate for {} not issued: {}", effect.course_id,
                   core::ErrorCodeName(issued.error().code));
      return MaybeAction();
    }
    return issued.error();
  }
  if (!issued->has_value()) {
    return MaybeAction();
  }
  spdlog::info("certificate for {} issued", effect.course_id);
  RAIDA_ASSIGN_OR_RETURN(CertificateNoticeView view,
                         CertificateView(store, **issued, effect.language));
  return MaybeAction(CertificateIssued{effect.person_id, std::move(view)});
}

core::Status AddCertificates(core::Store& store, ProgressView& view) {
  RAIDA_ASSIGN_OR_RETURN(const std::vector<core::Certificate> held,
                         core::CertificateRepository(store).ListForPerson(view.person_id));
  for (const core::Certificate& certificate : held) {
    RAIDA_ASSIGN_OR_RETURN(CertificateNoticeView item,
                           CertificateView(store, certificate, view.language));
    view.certificates.push_back(std::move(item));
  }
  for (ProgressCourseView& course : view.courses) {
    for (const CertificateNoticeView& certificate : view.certificates) {
      course.certified = course.certified || certificate.course_id == course.course_id;
    }
    if (!course.certified) {
      RAIDA_TRY(AddMissing(store, view.person_id, course));
    }
  }
  return core::Ok();
}

}  // namespace raida::kiosk
