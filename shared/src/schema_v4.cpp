// Schema version 4: course certificates.
//
// `certificate` is a captured synced table: the kiosk issues a certificate when a person has
// completed a course (CertificateRepository::IssueCertificateIfComplete) and it travels to the
// district server like any other record of the person. It is a fact, written once:
//  - its id is DeterministicId("certificate", person_id, course_id), so there is one record per
//    person and course, and two kiosks that issue one each while offline write the same record;
//  - no local UPDATE is allowed on a kiosk (the guard trigger below); only changes that come from
//    the server (sync_applying() = 1) may change it: the server's decision between two offline
//    issues (sync/server/certificate_rules.cpp) and an erasure (the tombstone);
//  - `issued_hlc` is the HLC stamp of the issue, a data column so that it survives the server
//    restamping the row: the earliest (issued_hlc, code) wins when two kiosks issued one each.
// `code` is the verification code (certificate_code.h), e.g. "RKS-7K2M-9QXD". It is indexed but
// not UNIQUE: a kiosk briefly holds a redirected person's old row and its replacement with the
// same code while a pull applies, and a UNIQUE index would stop that pull. The server keeps
// codes unique among live certificates itself.
// `started_on`/`finished_on` are the first and last session dates of the offering the person
// attended, both NULL for a course done through self-paced lessons.
//
// `certificate_alias` is the server's own (kiosks keep it empty, like the server tables of
// schema 2): the code of a certificate that lost to an earlier one, so a PDF printed from the
// losing kiosk before it synced still verifies, as the certificate that was kept.
#include "raida/core/schema.h"

namespace raida::core {
namespace {

SyncedTable BuildCertificateTable() {
  return SyncedTable{"certificate",
                     {{"person_id"},
                      {"course_id"},
                      {"center_id"},
                      {"offering_id"},
                      {"issued_on"},
                      {"started_on"},
                      {"finished_on"},
                      {"hours"},
                      {"language"},
                      {"code"},
                      {"issued_hlc"},
                      {"deleted"}},
                     /*captured=*/true,
                     /*append_only=*/false,
                     /*since_schema=*/4};
}

constexpr const char* kTablesV4 = R"sql(
CREATE TABLE certificate(
  id TEXT PRIMARY KEY,
  person_id TEXT NOT NULL REFERENCES person(id) DEFERRABLE INITIALLY DEFERRED,
  course_id TEXT NOT NULL REFERENCES course(id) DEFERRABLE INITIALLY DEFERRED,
  center_id TEXT NOT NULL REFERENCES center(id) DEFERRABLE INITIALLY DEFERRED,
  offering_id TEXT REFERENCES course_offering(id) DEFERRABLE INITIALLY DEFERRED,
  issued_on TEXT NOT NULL CHECK (issued_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  started_on TEXT CHECK (started_on IS NULL OR
    started_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  finished_on TEXT CHECK (finished_on IS NULL OR
    finished_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  hours INTEGER NOT NULL CHECK (hours >= 0),
  language TEXT NOT NULL CHECK (language IN ('lt', 'pl', 'en')),
  code TEXT NOT NULL CHECK (length(code) = 13),
  issued_hlc INTEGER NOT NULL,
  hlc INTEGER NOT NULL,
  origin INTEGER NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)));
CREATE INDEX certificate_person ON certificate(person_id, course_id);
CREATE INDEX certificate_code ON certificate(code);
CREATE TRIGGER certificate_immutable BEFORE UPDATE ON certificate WHEN sync_applying() = 0
BEGIN SELECT RAISE(ABORT, 'certificate: a certificate is never changed once issued'); END;

CREATE TABLE certificate_alias(
  code TEXT PRIMARY KEY,
  certificate_id TEXT NOT NULL,
  at_ms INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
)sql";

}  // namespace

const std::vector<SyncedTable>& SyncedTablesV4() {
  static const std::vector<SyncedTable> kTables = {BuildCertificateTable()};  // immutable
  return kTables;
}

std::string SchemaV4Sql() {
  std::string sql = kTablesV4;
  for (const SyncedTable& table : SyncedTablesV4()) {
    sql += TriggersSql(table, 4);
  }
  return sql;
}

}  // namespace raida::core
