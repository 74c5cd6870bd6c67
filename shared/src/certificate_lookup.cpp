// CertificateRepository, part two: reading certificates — a person's list, the details a
// printout shows, and verification by code (with the aliases the district server keeps for codes
// that lost to an earlier certificate). Issuing is in certificate_repository.cpp.
#include <optional>

#include "certificate_internal.h"
#include "raida/core/catalog_repository.h"
#include "raida/core/certificate_code.h"
#include "raida/core/certificate_repository.h"
#include "raida/core/store.h"
#include "repository_util.h"

namespace raida::core {

namespace detail {

StoredCertificate ReadCertificateRow(Statement& s, int first) {
  StoredCertificate stored;
  Certificate& c = stored.certificate;
  c.id = s.ColumnText(first);
  c.person_id = s.ColumnText(first + 1);
  c.course_id = s.ColumnText(first + 2);
  c.center_id = s.ColumnText(first + 3);
  c.offering_id = s.ColumnText(first + 4);
  c.issued_on = s.ColumnText(first + 5);
  c.started_on = s.ColumnText(first + 6);
  c.finished_on = s.ColumnText(first + 7);
  c.hours = static_cast<int>(s.ColumnInt(first + 8));
  c.language = s.ColumnText(first + 9);
  c.code = s.ColumnText(first + 10);
  c.issued_hlc = static_cast<uint64_t>(s.ColumnInt(first + 11));
  stored.deleted = s.ColumnInt(first + 12) != 0;
  return stored;
}

Result<std::optional<StoredCertificate>> ReadCertificate(Store& store, const std::string& id) {
  RAIDA_ASSIGN_OR_RETURN(Statement stmt,
                         store.db().Prepare(std::string("SELECT ") + kCertificateColumns +
                                            " FROM certificate WHERE id = ?"));
  stmt.Bind(1, id);
  return FirstRow<StoredCertificate>(
      stmt, [](Statement& s) -> Result<StoredCertificate> { return ReadCertificateRow(s); });
}

Result<std::string> OfferingCenter(Store& store, const std::string& offering_id) {
  if (offering_id.empty()) {
    return std::string();
  }
  RAIDA_ASSIGN_OR_RETURN(Statement stmt,
                         store.db().Prepare("SELECT center_id FROM course_offering WHERE id = ?"));
  stmt.Bind(1, offering_id);
  RAIDA_ASSIGN_OR_RETURN(const bool found, stmt.Step());
  return found ? stmt.ColumnText(0) : std::string();
}

}  // namespace detail

namespace {

// Live certificates matching `where` (SQL with one parameter ?1, bound to `value`).
Result<std::vector<Certificate>> LiveCertificates(Store& store, const std::string& where,
                                                  const std::string& value) {
  RAIDA_ASSIGN_OR_RETURN(Statement stmt,
                         store.db().Prepare(std::string("SELECT ") + detail::kCertificateColumns +
                                            " FROM certificate WHERE " + where +
                                            " AND deleted = 0 ORDER BY issued_on DESC, id"));
  stmt.Bind(1, value);
  return detail::CollectRows<Certificate>(stmt, [](Statement& s) -> Result<Certificate> {
    return detail::ReadCertificateRow(s).certificate;
  });
}

// The holder, course, center and district of a live certificate whose holder is not erased.
Result<std::optional<CertificateDetails>> Describe(Store& store, const Certificate& certificate) {
  RAIDA_ASSIGN_OR_RETURN(
      Statement stmt,
      store.db().Prepare("SELECT p.given_name, p.family_name, c.name, c.phone,"
                         " coalesce((SELECT name FROM district WHERE id = c.district_id), '')"
                         " FROM person p, center c"
                         " WHERE p.id = ?1 AND p.erased = 0 AND c.id = ?2"));
  stmt.Bind(1, certificate.person_id).Bind(2, certificate.center_id);
  RAIDA_ASSIGN_OR_RETURN(const bool found, stmt.Step());
  if (!found) {
    return std::optional<CertificateDetails>();
  }
  CertificateDetails details;
  details.certificate = certificate;
  details.given_name = stmt.ColumnText(0);
  details.family_name = stmt.ColumnText(1);
  details.center_name = stmt.ColumnText(2);
  details.center_phone = stmt.ColumnText(3);
  details.district_name = stmt.ColumnText(4);
  stmt.Reset();
  RAIDA_ASSIGN_OR_RETURN(const std::optional<Course> course,
                         CatalogRepository(store).GetCourse(certificate.course_id));
  if (course) {
    details.course_title = course->title;
  }
  return std::optional<CertificateDetails>(std::move(details));
}

// The id of the certificate a code that lost to it points to, or "".
Result<std::string> AliasTarget(Store& store, const std::string& code) {
  RAIDA_ASSIGN_OR_RETURN(
      Statement stmt,
      store.db().Prepare("SELECT certificate_id FROM certificate_alias WHERE code = ?"));
  stmt.Bind(1, code);
  RAIDA_ASSIGN_OR_RETURN(const bool found, stmt.Step());
  return found ? stmt.ColumnText(0) : std::string();
}

}  // namespace

std::string CertificateId(const std::string& person_id, const std::string& course_id) {
  return DeterministicId("certificate", person_id, course_id);
}

Result<std::optional<Certificate>> CertificateRepository::GetForCourse(
    const std::string& person_id, const std::string& course_id) {
  RAIDA_ASSIGN_OR_RETURN(auto rows,
                         LiveCertificates(*store_, "id = ?1", CertificateId(person_id, course_id)));
  return rows.empty() ? std::optional<Certificate>() : std::optional<Certificate>(rows.front());
}

Result<std::vector<Certificate>> CertificateRepository::ListForPerson(
    const std::string& person_id) {
  return LiveCertificates(*store_, "person_id = ?1", person_id);
}

Result<std::optional<CertificateDetails>> CertificateRepository::GetDetails(const std::string& id) {
  RAIDA_ASSIGN_OR_RETURN(const auto stored, detail::ReadCertificate(*store_, id));
  if (!stored || stored->deleted) {
    return std::optional<CertificateDetails>();
  }
  return Describe(*store_, stored->certificate);
}

Result<std::optional<CertificateDetails>> CertificateRepository::Verify(const std::string& typed) {
  const std::optional<std::string> code = CanonicalCertificateCode(typed);
  if (!code) {
    return std::optional<CertificateDetails>();
  }
  RAIDA_ASSIGN_OR_RETURN(auto rows, LiveCertificates(*store_, "code = ?1", *code));
  std::string alias;
  if (rows.empty()) {
    RAIDA_ASSIGN_OR_RETURN(const std::string target, AliasTarget(*store_, *code));
    if (target.empty()) {
      return std::optional<CertificateDetails>();
    }
    RAIDA_ASSIGN_OR_RETURN(rows, LiveCertificates(*store_, "id = ?1", target));
    alias = *code;
  }
  if (rows.empty()) {
    return std::optional<CertificateDetails>();
  }
  RAIDA_ASSIGN_OR_RETURN(auto details, Describe(*store_, rows.front()));
  if (details) {
    details->alias_code = alias;
  }
  return details;
}

}  // namespace raida::core
