// Schema version 8: decisions on the server's review queue.
//
// Until now a change the server set aside (quarantine, schema_v2.cpp) could only be looked at.
// The district office can now retry one (run it through the merge rules again, e.g. once its
// parent person has arrived) or discard it. An entry is never deleted: it is marked resolved,
// with who resolved it and when, and leaves the open list.
//
// quarantine gains:
//   hlc          the change's stamp as the kiosk pushed it, so a retry is judged like the push
//                (NULL for entries set aside before this version: those can only be discarded)
//   status       'open', 'accepted' (a retry went through the rules) or 'discarded'
//   outcome      for 'accepted', what the rules answered (applied, superseded, waitlisted,
//                redirected, erased)
//   retries      how many times it was retried (a retry refused again keeps it open with the
//                new reason)
//   resolved_by  the office account or command-line user that resolved it
//   resolved_ms  when (server time)
// Server only: kiosks carry the table empty, nothing in it is synced.
#include "raida/core/schema.h"

namespace raida::core {

std::string SchemaV8Sql() {
  return R"sql(
ALTER TABLE quarantine ADD COLUMN hlc INTEGER;
ALTER TABLE quarantine ADD COLUMN status TEXT NOT NULL DEFAULT 'open'
  CHECK (status IN ('open', 'accepted', 'discarded'));
ALTER TABLE quarantine ADD COLUMN outcome TEXT NOT NULL DEFAULT '';
ALTER TABLE quarantine ADD COLUMN retries INTEGER NOT NULL DEFAULT 0;
ALTER TABLE quarantine ADD COLUMN resolved_by TEXT NOT NULL DEFAULT '';
ALTER TABLE quarantine ADD COLUMN resolved_ms INTEGER;
CREATE INDEX quarantine_by_status ON quarantine(status, device_no);
)sql";
}

}  // namespace raida::core
