// Schema version 5: the district office's web accounts, their sessions and their audit trail.
//
// These tables are the server's own: kiosks carry them empty (one schema serves both sides, as
// with the server tables of schema 2), nothing in them is synced, and no capture trigger fires
// on them.
//
// office_user: one row per person who signs in to the office pages. `role` is 'admin' (district
// administrator), 'analyst' (aggregated figures only) or 'coordinator' (their own center only,
// so center_id is set exactly for coordinators). The passphrase is stored as a libsodium
// crypto_pwhash_str string (Argon2id). `failed_count` counts consecutive wrong passphrases;
// `locked_until_ms` refuses every sign-in, right or wrong, until then.
// office_session: a signed-in browser. Only a hash of the cookie's token is stored, so a copy of
// the database does not let anyone take over a session; the CSRF token of the session's forms
// lives beside it.
// office_audit: append-only (triggers refuse UPDATE and DELETE), one row per sign-in, sign-out,
// lockout, action and page access to personal data; ids and outcomes only, never the personal
// values. `prev_hash` chains each entry to the one before (BLAKE2b), so a removed or edited
// entry shows.
//
// server_device gains what each kiosk reports about itself on every sync request (protocol.h
// KioskHealth): how many changes wait in its outbox, since when the oldest has waited (server
// time, from the age the kiosk measured on its own clock), and its free disk space.
#include "raida/core/schema.h"

namespace raida::core {

std::string SchemaV5Sql() {
  return R"sql(
CREATE TABLE office_user(
  id INTEGER PRIMARY KEY,
  login TEXT NOT NULL UNIQUE CHECK (length(login) BETWEEN 1 AND 64),
  display_name TEXT NOT NULL CHECK (display_name <> ''),
  role TEXT NOT NULL CHECK (role IN ('admin', 'analyst', 'coordinator')),
  center_id TEXT,
  passphrase_hash TEXT NOT NULL,
  failed_count INTEGER NOT NULL DEFAULT 0,
  locked_until_ms INTEGER NOT NULL DEFAULT 0,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_ms INTEGER NOT NULL,
  CHECK ((role = 'coordinator') = (center_id IS NOT NULL))
) STRICT;
CREATE TABLE office_session(
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES office_user(id),
  csrf_token TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  last_seen_ms INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX office_session_user ON office_session(user_id);
CREATE TABLE office_audit(
  seq INTEGER PRIMARY KEY,
  at_ms INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action <> ''),
  object TEXT NOT NULL DEFAULT '',
  result TEXT NOT NULL,
  prev_hash TEXT NOT NULL
) STRICT;
CREATE TRIGGER office_audit_no_update BEFORE UPDATE ON office_audit
BEGIN SELECT RAISE(ABORT, 'office_audit: entries are never changed'); END;
CREATE TRIGGER office_audit_no_delete BEFORE DELETE ON office_audit
BEGIN SELECT RAISE(ABORT, 'office_audit: entries are never deleted'); END;
ALTER TABLE server_device ADD COLUMN outbox_pending INTEGER;
ALTER TABLE server_device ADD COLUMN outbox_oldest_ms INTEGER;
ALTER TABLE server_device ADD COLUMN disk_free_bytes INTEGER;
)sql";
}

}  // namespace raida::core
