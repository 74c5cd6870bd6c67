// One person's record, erasures with the kiosks that applied them, and the review queue; see
// people_data.h.
#include "web/office_format.h"
#include "web/people_data.h"

namespace raida::server::web {
namespace {

constexpr const char* kPersonSql =
    "SELECT p.id, p.given_name, p.family_name, p.birth_year, p.phone, p.home_center_id, "
    "coalesce(c.name, ''), p.merged_into, p.erased, p.email, p.village, p.language, p.gender, "
    "p.employment_status FROM person p LEFT JOIN center c ON c.id = p.home_center_id "
    "WHERE p.id = ?";
constexpr const char* kCentersSql =
    "SELECT DISTINCT coalesce(c.name, l.scope) FROM change_log l LEFT JOIN center c ON c.id = "
    "l.scope WHERE l.tbl = 'person' AND l.pk = ? ORDER BY 1";
constexpr const char* kEnrollmentsSql =
    "SELECT coalesce(c.name, ''), co.title, o.starts_on, e.status FROM enrollment e "
    "JOIN course_offering o ON o.id = e.offering_id JOIN course co ON co.id = o.course_id "
    "LEFT JOIN center c ON c.id = o.center_id WHERE e.person_id = ? AND e.deleted = 0 "
    "ORDER BY o.starts_on DESC";
constexpr const char* kAttendanceSql =
    "SELECT coalesce(c.name, ''), co.title, s.date, a.mark FROM attendance a "
    "JOIN course_session s ON s.id = a.session_id JOIN course_offering o ON o.id = s.offering_id "
    "JOIN course co ON co.id = o.course_id LEFT JOIN center c ON c.id = o.center_id "
    "WHERE a.person_id = ? AND a.deleted = 0 ORDER BY s.date DESC, s.start_time DESC LIMIT 200";
constexpr const char* kCertificatesSql =
    "SELECT coalesce(c.name, ''), co.title, x.issued_on, x.code FROM certificate x "
    "JOIN course co ON co.id = x.course_id LEFT JOIN center c ON c.id = x.center_id "
    "WHERE x.person_id = ? AND x.deleted = 0 ORDER BY x.issued_on DESC";
// Erased people in scope ?1, newest erasure first, with the erasure's latest entry.
constexpr const char* kErasedSql =
    "SELECT p.id, coalesce(c.name, ''), (SELECT max(server_seq) FROM change_log l WHERE "
    "l.tbl = 'person' AND l.pk = p.id AND json_extract(l.cols, '$.erased') = 1) AS seq "
    "FROM person p LEFT JOIN center c ON c.id = p.home_center_id WHERE p.erased = 1 AND "
    "(?1 = '' OR p.home_center_id = ?1) ORDER BY seq DESC LIMIT 100";
// The active kiosks of every scope the erasure of ?1 was logged to, and whether each has
// reported a pull cursor past its scope's erasure entry.
constexpr const char* kErasureKiosksSql =
    "SELECT d.device_no, d.label, coalesce(c.name, ''), coalesce(d.pulled_seq, 0) >= "
    "max(l.server_seq) FROM change_log l JOIN server_device d ON d.center_id = l.scope AND "
    "d.status = 'active' LEFT JOIN center c ON c.id = d.center_id WHERE l.tbl = 'person' AND "
    "l.pk = ?1 AND json_extract(l.cols, '$.erased') = 1 GROUP BY d.device_no ORDER BY "
    "d.device_no";
constexpr const char* kSetAsideSelect =
    "SELECT q.id, q.device_no, coalesce(d.label, ''), coalesce(c.name, ''), q.tbl, q.pk, "
    "q.reason, q.at_ms, q.retries, q.status, q.outcome, coalesce((SELECT u.display_name FROM "
    "office_user u WHERE "
    "'office_user:' || u.id = q.resolved_by), q.resolved_by), coalesce(q.resolved_ms, 0) "
    "FROM quarantine q LEFT JOIN server_device d ON d.device_no = q.device_no "
    "LEFT JOIN center c ON c.id = d.center_id ";
// Set-aside changes in scope ?1: open ones (?2 = 0) or resolved ones (?2 = 1).
constexpr const char* kSetAsideWhere =
    "WHERE (?1 = '' OR d.center_id = ?1) AND (q.status <> 'open') = ?2 "
    "ORDER BY CASE WHEN ?2 THEN q.resolved_ms END DESC, q.id DESC "
    "LIMIT CASE WHEN ?2 THEN 50 ELSE 200 END";
constexpr const char* kResolvedCountSql =
    "SELECT count(*) FROM quarantine q LEFT JOIN server_device d ON d.device_no = q.device_no "
    "WHERE (?1 = '' OR d.center_id = ?1) AND q.status <> 'open'";

core::Result<std::vector<RecordLine>> Lines(core::Store& store, const char* sql,
                                            const std::string& person_id) {
  RAIDA_ASSIGN_OR_RETURN(core::Statement stmt, store.db().Prepare(sql));
  stmt.Bind(1, person_id);
  std::vector<RecordLine> lines;
  while (true) {
    RAIDA_ASSIGN_OR_RETURN(const bool row, stmt.Step());
    if (!row) {
      return lines;
    }
    lines.push_back({stmt.ColumnText(0), ParseLocalizedJson(stmt.ColumnText(1)), stmt.ColumnText(2),
                     stmt.ColumnText(3)});
  }
}

core::Result<std::vector<ErasureKiosk>> ErasureKiosks(core::Store& store,
                                                      const std::string& person_id) {
  RAIDA_ASSIGN_OR_RETURN(core::Statement stmt, store.db().Prepare(kErasureKiosksSql));
  stmt.Bind(1, person_id);
  std::vector<ErasureKiosk> kiosks;
  while (true) {
    RAIDA_ASSIGN_OR_RETURN(const bool row, stmt.Step());
    if (!row) {
      return kiosks;
    }
    kiosks.push_back(
        {stmt.ColumnInt(0), stmt.ColumnText(1), stmt.ColumnText(2), stmt.ColumnInt(3) != 0});
  }
}

}  // namespace

core::Result<std::optional<PersonRecord>> LoadPersonRecord(core::Store& store,
                                                           const std::string& person_id) {
  RAIDA_ASSIGN_OR_RETURN(core::Statement stmt, store.db().Prepare(kPersonSql));
  stmt.Bind(1, person_id);
  RAIDA_ASSIGN_OR_RETURN(const bool found, stmt.Step());
  if (!found) {
    return std::optional<PersonRecord>();
  }
  PersonRecord record;
  record.summary = {stmt.ColumnText(0),        stmt.ColumnText(1),         stmt.ColumnText(2),
                    stmt.ColumnOptionalInt(3), stmt.ColumnText(4),         stmt.ColumnText(5),
                    stmt.ColumnText(6),        stmt.ColumnOptionalText(7), stmt.ColumnInt(8) != 0};
  record.email = stmt.ColumnText(9);
  record.village = stmt.ColumnText(10);
  record.language = stmt.ColumnText(11);
  record.gender = stmt.ColumnText(12);
  record.employment_status = stmt.ColumnText(13);
  RAIDA_ASSIGN_OR_RETURN(core::Statement centers, store.db().Prepare(kCentersSql));
  centers.Bind(1, person_id);
  while (true) {
    RAIDA_ASSIGN_OR_RETURN(const bool row, centers.Step());
    if (!row) {
      break;
    }
    record.centers.push_back(centers.ColumnText(0));
  }
  RAIDA_ASSIGN_OR_RETURN(record.enrollments, Lines(store, kEnrollmentsSql, person_id));
  RAIDA_ASSIGN_OR_RETURN(record.attendance, Lines(store, kAttendanceSql, person_id));
  RAIDA_ASSIGN_OR_RETURN(record.certificates, Lines(store, kCertificatesSql, person_id));
  return std::optional<PersonRecord>(std::move(record));
}

core::Result<std::vector<ErasureStatus>> LoadErasures(core::Store& store,
                                                      const std::string& center_id) {
  RAIDA_ASSIGN_OR_RETURN(core::Statement stmt, store.db().Prepare(kErasedSql));
  stmt.Bind(1, center_id);
  std::vector<ErasureStatus> erasures;
  while (true) {
    RAIDA_ASSIGN_OR_RETURN(const bool row, stmt.Step());
    if (!row) {
      break;
    }
    erasures.push_back({stmt.ColumnText(0), stmt.ColumnText(1), stmt.ColumnInt(2), {}});
  }
  for (ErasureStatus& erasure : erasures) {
    RAIDA_ASSIGN_OR_RETURN(erasure.kiosks, ErasureKiosks(store, erasure.person_id));
  }
  return erasures;
}

namespace {

SetAsideChange ReadSetAside(const core::Statement& stmt) {
  return {stmt.ColumnInt(0),  stmt.ColumnInt(1),  stmt.ColumnText(2),  stmt.ColumnText(3),
          stmt.ColumnText(4), stmt.ColumnText(5), stmt.ColumnText(6),  stmt.ColumnInt(7),
          stmt.ColumnInt(8),  stmt.ColumnText(9), stmt.ColumnText(10), stmt.ColumnText(11),
          stmt.ColumnInt(12)};
}

}  // namespace

core::Result<std::vector<SetAsideChange>> LoadSetAside(core::Store& store,
                                                       const std::string& center_id,
                                                       bool resolved) {
  RAIDA_ASSIGN_OR_RETURN(core::Statement stmt,
                         store.db().Prepare(std::string(kSetAsideSelect) + kSetAsideWhere));
  stmt.Bind(1, center_id).Bind(2, resolved ? 1 : 0);
  std::vector<SetAsideChange> changes;
  while (true) {
    RAIDA_ASSIGN_OR_RETURN(const bool row, stmt.Step());
    if (!row) {
      return changes;
    }
    changes.push_back(ReadSetAside(stmt));
  }
}

core::Result<std::optional<SetAsideChange>> LoadSetAsideEntry(core::Store& store, int64_t id) {
  RAIDA_ASSIGN_OR_RETURN(core::Statement stmt,
                         store.db().Prepare(std::string(kSetAsideSelect) + "WHERE q.id = ?1"));
  stmt.Bind(1, id);
  RAIDA_ASSIGN_OR_RETURN(const bool row, stmt.Step());
  if (!row) {
    return std::optional<SetAsideChange>();
  }
  return std::optional<SetAsideChange>(ReadSetAside(stmt));
}

core::Result<int64_t> CountResolvedSetAside(core::Store& store, const std::string& center_id) {
  RAIDA_ASSIGN_OR_RETURN(core::Statement stmt, store.db().Prepare(kResolvedCountSql));
  stmt.Bind(1, center_id);
  RAIDA_ASSIGN_OR_RETURN(const bool row, stmt.Step());
  RAIDA_CHECK(row);
  return stmt.ColumnInt(0);
}

}  // namespace raida::server::web
