// Schema version 2: the bookkeeping of sync, on both sides of the link.
//
// Kiosk side: frozen upload batches (retries send byte-identical bodies, so the server can
// recognise a batch it has already applied) and the per-change results the server sent back
// that need a person's attention (waitlisted, rejected, redirected, erased).
// Server side: the device registry with its secrets, one-time provisioning codes, the batches
// already applied with their stored replies (exactly-once), the change log whose server_seq is
// the only pull cursor, nonces seen, changes set aside for review, per-column clocks for
// field-level last-writer-wins, and the arrival order of seat requests (the waitlist order). Both
// sides carry all tables so one schema serves both; the ones a side does not use stay empty.
#include "raida/core/schema.h"

namespace raida::core {

std::string SchemaV2Sql() {
  return R"sql(
CREATE TABLE outbox_batch(
  batch_seq INTEGER PRIMARY KEY,
  first_seq INTEGER NOT NULL,
  last_seq INTEGER NOT NULL,
  body BLOB NOT NULL,
  body_sha256 TEXT NOT NULL,
  created_ms INTEGER NOT NULL
) STRICT;
CREATE TABLE sync_issue(
  seq INTEGER PRIMARY KEY,
  tbl TEXT NOT NULL,
  pk TEXT NOT NULL,
  outcome TEXT NOT NULL,
  detail TEXT NOT NULL,
  at_ms INTEGER NOT NULL
) STRICT;
INSERT INTO sync_meta(k, v) VALUES ('next_batch_seq', 1), ('last_success_ms', 0),
  ('last_attempt_ms', 0), ('last_error', '');

CREATE TABLE server_device(
  device_no INTEGER PRIMARY KEY,
  center_id TEXT NOT NULL,
  label TEXT NOT NULL,
  secret BLOB NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'revoked')),
  created_ms INTEGER NOT NULL,
  last_batch INTEGER NOT NULL DEFAULT 0,
  db_epoch TEXT,
  schema_version INTEGER,
  app_version TEXT,
  last_seen_ms INTEGER,
  last_success_ms INTEGER,
  clock_offset_ms INTEGER,
  clock_skew_count INTEGER NOT NULL DEFAULT 0,
  last_error TEXT
) STRICT;
CREATE TABLE provisioning_code(
  code_hash TEXT PRIMARY KEY,
  center_id TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  expires_ms INTEGER NOT NULL,
  used_by INTEGER REFERENCES server_device(device_no) DEFERRABLE INITIALLY DEFERRED
) STRICT;
CREATE TABLE applied_batch(
  device_no INTEGER NOT NULL,
  batch INTEGER NOT NULL,
  body_sha256 TEXT NOT NULL,
  response BLOB NOT NULL,
  applied_ms INTEGER NOT NULL,
  PRIMARY KEY (device_no, batch)
) STRICT, WITHOUT ROWID;
CREATE TABLE change_log(
  server_seq INTEGER PRIMARY KEY,
  scope TEXT NOT NULL,
  tbl TEXT NOT NULL,
  pk TEXT NOT NULL,
  hlc INTEGER NOT NULL,
  origin INTEGER NOT NULL,
  cols TEXT NOT NULL
) STRICT;
CREATE INDEX change_log_by_scope ON change_log(scope, server_seq);
-- Erasure scrubs a person's earlier payloads; only person rows carry personal fields, so only
-- they are indexed by id (an index over every row's random id would rewrite most of its pages
-- on every batch of ingest).
CREATE INDEX change_log_person ON change_log(pk) WHERE tbl = 'person';
CREATE TABLE seen_nonce(
  device_no INTEGER NOT NULL,
  nonce TEXT NOT NULL,
  at_ms INTEGER NOT NULL,
  PRIMARY KEY (device_no, nonce)
) STRICT, WITHOUT ROWID;
CREATE TABLE quarantine(
  id INTEGER PRIMARY KEY,
  device_no INTEGER NOT NULL,
  batch INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  tbl TEXT NOT NULL,
  pk TEXT NOT NULL,
  reason TEXT NOT NULL,
  payload TEXT NOT NULL,
  at_ms INTEGER NOT NULL
) STRICT;
CREATE TABLE field_clock(
  tbl TEXT NOT NULL,
  pk TEXT NOT NULL,
  col TEXT NOT NULL,
  hlc INTEGER NOT NULL,
  origin INTEGER NOT NULL,
  PRIMARY KEY (tbl, pk, col)
) STRICT, WITHOUT ROWID;
CREATE TABLE seat_request(
  enrollment_id TEXT PRIMARY KEY,
  offering_id TEXT NOT NULL,
  arrival INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX seat_request_queue ON seat_request(offering_id, arrival);
)sql";
}

}  // namespace raida::core
