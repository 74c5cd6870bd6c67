// CertificateRepository, part one: the completion rule and issuing a certificate once. The reads
// (a person's certificates, details for a printout, verification by code) are in
// certificate_lookup.cpp. The rule itself is written down in certificate_repository.h.
#include "raida/core/certificate_repository.h"

#include <map>

#include "certificate_internal.h"
#include "raida/core/catalog_repository.h"
#include "raida/core/certificate_code.h"
#include "raida/core/lesson_pack.h"
#include "raida/core/lesson_repository.h"
#include "repository_util.h"

namespace raida::core {
namespace {

// How many times a new code is drawn when the one drawn is already in use here (with 50 random
// bits a second draw is already a curiosity).
constexpr int kCodeDraws = 4;

struct PersonFacts {
  std::string home_center_id;
  std::string language;
  bool erased = false;
  bool merged = false;
};

Result<std::optional<PersonFacts>> ReadPersonFacts(Store& store, const std::string& person_id) {
  RAIDA_ASSIGN_OR_RETURN(
      Statement stmt,
      store.db().Prepare("SELECT home_center_id, language, erased, merged_into IS NOT NULL"
                         " FROM person WHERE id = ? AND deleted = 0"));
  stmt.Bind(1, person_id);
  return detail::FirstRow<PersonFacts>(stmt, [](Statement& s) -> Result<PersonFacts> {
    return PersonFacts{s.ColumnText(0), s.ColumnText(1), s.ColumnInt(2) != 0, s.ColumnInt(3) != 0};
  });
}

// Rule 1: the lessons of the newest pack, each completed with a passing best score.
Status CheckLessons(Store& store, CourseCompletion& completion) {
  LessonRepository lessons(store);
  RAIDA_ASSIGN_OR_RETURN(const std::optional<LessonPack> pack,
                         lessons.GetPackForCourse(completion.course_id));
  if (!pack) {
    return Ok();
  }
  RAIDA_ASSIGN_OR_RETURN(const PackDocument document, ParsePackDocument(pack->manifest));
  RAIDA_ASSIGN_OR_RETURN(const std::vector<LessonProgress> progress,
                         lessons.ListForPerson(completion.person_id));
  std::map<std::string, const LessonProgress*> by_lesson;
  for (const LessonProgress& row : progress) {
    by_lesson[row.lesson_id] = &row;
  }
  completion.has_pack = true;
  completion.passing_score = document.passing_score;
  completion.lessons_total = static_cast<int>(document.lessons.size());
  for (const Lesson& lesson : document.lessons) {
    const auto found = by_lesson.find(lesson.id);
    if (found != by_lesson.end() && found->second->completed &&
        found->second->best_score >= document.passing_score) {
      ++completion.lessons_passed;
    }
  }
  return Ok();
}

struct OfferingAttendance {
  std::string offering_id;
  int total = 0;
  int present = 0;
  std::string first_date;
  std::string last_date;
};

// The offerings of the course the person was given a seat in that have sessions, the latest
// first, with the sessions the person was marked present at.
Result<std::vector<OfferingAttendance>> SeatedOfferings(Store& store, const std::string& person_id,
                                                        const std::string& course_id) {
  RAIDA_ASSIGN_OR_RETURN(
      Statement stmt,
      store.db().Prepare(
          "SELECT o.id, count(s.id),"
          " count(CASE WHEN a.mark = 'present' AND a.deleted = 0 THEN 1 END),"
          " min(s.date), max(s.date)"
          " FROM enrollment e JOIN course_offering o ON o.id = e.offering_id"
          " JOIN course_session s ON s.offering_id = o.id AND s.deleted = 0"
          " LEFT JOIN attendance a ON a.session_id = s.id AND a.person_id = e.person_id"
          " WHERE e.person_id = ?1 AND e.deleted = 0"
          " AND e.status IN ('confirmed', 'attended', 'completed')"
          " AND o.course_id = ?2 AND o.cancelled = 0 AND o.deleted = 0"
          " GROUP BY o.id ORDER BY o.ends_on DESC, o.id"));
  stmt.Bind(1, person_id).Bind(2, course_id);
  return detail::CollectRows<OfferingAttendance>(
      stmt, [](Statement& s) -> Result<OfferingAttendance> {
        return OfferingAttendance{s.ColumnText(0), static_cast<int>(s.ColumnInt(1)),
                                  static_cast<int>(s.ColumnInt(2)), s.ColumnText(3),
                                  s.ColumnText(4)};
      });
}

// Rule 2: among the offerings the person was seated in, one fully attended (else the one with
// the most sessions attended, to say what is missing).
Status CheckAttendance(Store& store, CourseCompletion& completion) {
  RAIDA_ASSIGN_OR_RETURN(const std::vector<OfferingAttendance> offerings,
                         SeatedOfferings(store, completion.person_id, completion.course_id));
  const OfferingAttendance* best = nullptr;
  for (const OfferingAttendance& offering : offerings) {
    const bool full = offering.present == offering.total;
    const bool best_full = best != nullptr && best->present == best->total;
    if (best == nullptr || (full && !best_full) ||
        (!best_full && offering.present > best->present)) {
      best = &offering;
    }
  }
  if (best == nullptr) {
    return Ok();
  }
  completion.attendance_required = true;
  completion.offering_id = best->offering_id;
  completion.sessions_total = best->total;
  completion.sessions_present = best->present;
  completion.started_on = best->first_date;
  completion.finished_on = best->last_date;
  return Ok();
}

bool IsIsoDate(const std::string& text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return false;
  }
  for (size_t i = 0; i < text.size(); ++i) {
    if (i != 4 && i != 7 && (text[i] < '0' || text[i] > '9')) {
      return false;
    }
  }
  return true;
}

Result<bool> CodeInUse(Store& store, const std::string& code) {
  RAIDA_ASSIGN_OR_RETURN(Statement stmt,
                         store.db().Prepare("SELECT EXISTS (SELECT 1 FROM certificate WHERE code = "
                                            "?1) OR EXISTS (SELECT 1 FROM certificate_alias "
                                            "WHERE code = ?1)"));
  stmt.Bind(1, code);
  RAIDA_TRY(stmt.Step());
  return stmt.ColumnInt(0) != 0;
}

Result<std::string> FreshCode(Store& store) {
  for (int draw = 0; draw < kCodeDraws; ++draw) {
    std::string code = NewCertificateCode();
    RAIDA_ASSIGN_OR_RETURN(const bool used, CodeInUse(store, code));
    if (!used) {
      return code;
    }
  }
  return MakeError(ErrorCode::kInternal, "no unused certificate code after several draws");
}

Status InsertCertificate(Store& store, const Certificate& c) {
  RAIDA_ASSIGN_OR_RETURN(
      Statement stmt,
      store.db().Prepare(
          "INSERT INTO certificate(id, person_id, course_id, center_id, offering_id, issued_on,"
          " started_on, finished_on, hours, language, code, issued_hlc, hlc, origin)"
          " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  const auto optional = [](const std::string& text) {
    return text.empty() ? std::optional<std::string>() : std::optional<std::string>(text);
  };
  stmt.Bind(1, c.id).Bind(2, c.person_id).Bind(3, c.course_id).Bind(4, c.center_id);
  stmt.Bind(5, optional(c.offering_id)).Bind(6, c.issued_on).Bind(7, optional(c.started_on));
  stmt.Bind(8, optional(c.finished_on)).Bind(9, c.hours).Bind(10, c.language).Bind(11, c.code);
  stmt.Bind(12, static_cast<int64_t>(c.issued_hlc)).Bind(13, static_cast<int64_t>(c.issued_hlc));
  return stmt.Bind(14, store.device_id()).Run();
}

}  // namespace

Result<CourseCompletion> CertificateRepository::GetCourseCompletion(const std::string& person_id,
                                                                    const std::string& course_id) {
  RAIDA_TRY(detail::RequireRow(store_->db(), "person", person_id, "person"));
  RAIDA_TRY(detail::RequireRow(store_->db(), "course", course_id, "course"));
  CourseCompletion completion;
  completion.person_id = person_id;
  completion.course_id = course_id;
  RAIDA_TRY(CheckLessons(*store_, completion));
  RAIDA_TRY(CheckAttendance(*store_, completion));
  const bool lessons_done = completion.lessons_passed == completion.lessons_total;
  const bool attended = completion.sessions_present == completion.sessions_total;
  completion.complete = (completion.has_pack || completion.attendance_required) &&
                        (!completion.has_pack || lessons_done) &&
                        (!completion.attendance_required || attended);
  return completion;
}

Result<std::optional<Certificate>> CertificateRepository::IssueCertificateIfComplete(
    const std::string& person_id, const std::string& course_id, const std::string& today) {
  if (!IsIsoDate(today)) {
    return MakeError(ErrorCode::kInvalidArgument, "today must be a date like 2026-12-15");
  }
  RAIDA_ASSIGN_OR_RETURN(auto scope, store_->BeginWrite());
  RAIDA_ASSIGN_OR_RETURN(const auto person, ReadPersonFacts(*store_, person_id));
  if (!person) {
    return MakeError(ErrorCode::kNotFound, "person " + person_id + " does not exist");
  }
  if (person->erased || person->merged) {
    return MakeError(ErrorCode::kConflict,
                     "person " + person_id + " has been erased or merged into another");
  }
  RAIDA_ASSIGN_OR_RETURN(const auto existing,
                         detail::ReadCertificate(*store_, CertificateId(person_id, course_id)));
  if (existing) {
    if (existing->deleted) {
      return MakeError(ErrorCode::kConflict, "the certificate of person " + person_id + " for " +
                                                 course_id + " has been withdrawn");
    }
    return std::optional<Certificate>(existing->certificate);
  }
  RAIDA_ASSIGN_OR_RETURN(const CourseCompletion completion,
                         GetCourseCompletion(person_id, course_id));
  if (!completion.complete) {
    return std::optional<Certificate>();
  }
  RAIDA_ASSIGN_OR_RETURN(const std::optional<Course> course,
                         CatalogRepository(*store_).GetCourse(course_id));
  RAIDA_CHECK(course.has_value());  // GetCourseCompletion found it in this transaction
  RAIDA_ASSIGN_OR_RETURN(std::string center_id,
                         detail::OfferingCenter(*store_, completion.offering_id));
  Certificate certificate{CertificateId(person_id, course_id),
                          person_id,
                          course_id,
                          center_id.empty() ? person->home_center_id : center_id,
                          completion.offering_id,
                          today,
                          completion.started_on,
                          completion.finished_on,
                          course->hours,
                          person->language,
                          "",
                          store_->hlc().Now()};
  RAIDA_ASSIGN_OR_RETURN(certificate.code, FreshCode(*store_));
  RAIDA_TRY(InsertCertificate(*store_, certificate));
  RAIDA_TRY(scope.Commit());
  return std::optional<Certificate>(std::move(certificate));
}

}  // namespace raida::core
