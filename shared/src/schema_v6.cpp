// Schema version 6: coordinator sign-in on a kiosk.
//
// coordinator_login is local to one kiosk and never synced (like person_pin, schema_v3.cpp): the
// wrong-attempt count and lock of each coordinator account on this kiosk, when a passphrase was
// last accepted here (the PIN only works for 12 h after it, on the same day), and the PIN the
// coordinator chose for this kiosk, as an Argon2id string over the PIN keyed with the device's
// pepper. `published_hash` is the district's passphrase hash the row belongs to: when the district
// office issues a new passphrase (its reset of a locked account), the kiosk sees another hash and
// starts the row afresh (no count, no lock, no PIN).
#include "raida/core/schema.h"

namespace raida::core {

std::string SchemaV6Sql() {
  return R"sql(
CREATE TABLE coordinator_login(
  coordinator_id TEXT PRIMARY KEY,
  published_hash TEXT NOT NULL DEFAULT '',
  failures INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),
  locked_until_ms INTEGER NOT NULL DEFAULT 0,
  passphrase_at_ms INTEGER NOT NULL DEFAULT 0,
  passphrase_day TEXT NOT NULL DEFAULT '',
  pin_hash TEXT NOT NULL DEFAULT ''
);
)sql";
}

}  // namespace raida::core
