// Loading a district's published data (centers, coordinators, courses, offerings, sessions,
// and residents) from a JSON file such as assets/demo/rokiskis.json.
//
// Used by `raida-server --load-demo` and, until a kiosk has synced, by `raida-kiosk
// --seed-demo`. Everything is written in one transaction under a Store::ApplyingScope: the
// data was published elsewhere, so none of it enters this device's outbox. A malformed file
// is refused with an error naming the file and the JSON path ("centers[2].name: expected a
// string") and the database is left untouched. Loading the same file twice changes nothing.
//
// The file ("format": "raida-district/1"; assets/demo/rokiskis.json is the worked example):
//   district      {"id", "name"}
//   centers       [{"id", "name", "address", "phone", "opening_hours": {"lt","pl","en"}}]
//   coordinators  [{"id", "center_id", "display_name", "login"}]  no passwords: hashes are set
//                 on the server later, and a reload keeps hashes already set; demo data may
//                 give "passphrase_hash" (an Argon2id string of a documented demo passphrase)
//   courses       [{"id", "category" ("computer_basics", ...), "hours",
//                   "title", "summary", "what_to_bring": {"lt","pl","en"}}]
//   offerings     [{"id", "course_id", "center_id", "place", "capacity", "start_week", "weeks",
//                   "sessions": [{"weekday": "mon".."sun", "start_time": "HH:MM", "end_time"}]}]
//   people        [{"id", "home_center_id", "given_name", "family_name", "birth_year", "village",
//                   "language", "needs": [...], "card_code", "phone", "email", "gender",
//                   "employment_status"}] (the last two optional; see Person in model.h)
//   enrollments   [{"offering_id", "person_id", "status", "needs", "requested_days_ago"}]
// "coordinators", "people" and "enrollments" may be left out (a catalog-only file). "note" is free
// text (the demo says its people are fictional). Localized texts need "lt"; "pl" and "en" may be
// missing (lookup falls back). Offering dates are relative, so demo data never goes stale: an
// offering's sessions run for `weeks` weeks from the Monday of the week `start_week` weeks from
// today (0 = this week, -1 = last week), one session per entry of "sessions" each week; "today" is
// the Store clock's date in the local time zone, and starts_on/ends_on are the first and last
// session dates. Session ids are "<offering id>.s<n>", enrollment ids
// DeterministicId("enrollment", offering, person).
// Errors: kNotFound (no file), kCorrupt (not JSON, or a field missing, of the wrong type or
// pointing at nothing), kTooNew (another "format"), kInvalidArgument (only_center_id unknown),
// and whatever the repositories refuse (e.g. kConflict for a login taken by another account).
#pragma once

#include <optional>
#include <string>

#include "raida/core/result.h"
#include "raida/core/store.h"

namespace raida::core {

struct DistrictLoadOptions {
  // When set, only the residents (and their enrollments) of this center are loaded: a kiosk
  // holds its own center's people only. The catalog is always loaded whole.
  std::optional<std::string> only_center_id;
};

struct DistrictLoadSummary {
  int centers = 0;
  int coordinators = 0;
  int courses = 0;
  int offerings = 0;
  int sessions = 0;
  int people = 0;
  int enrollments = 0;
};

Result<DistrictLoadSummary> LoadDistrictFile(Store& store, const std::string& path,
                                             const DistrictLoadOptions& options = {});

}  // namespace raida::core
