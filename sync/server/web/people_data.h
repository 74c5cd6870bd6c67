// What the People pages read and count (internal to the web module): searching people by name,
// one person's record across centers, likely duplicates, erasures with the kiosks that have
// applied them, and the changes the server set aside for review.
//
// Scope: `center_id` "" is the whole district (administrators); a coordinator's center limits
// every list to people whose home center it is or who hold an enrollment at it, and the review
// queue to its own kiosks.
//
// Likely duplicates: two live people (not erased, not merged) with the same folded name (case
// and Lithuanian/Polish diacritics ignored, given and family name) and the same birth year, or
// the same phone number (digits only, at least 6 of them).
//
// An erasure is applied on a kiosk when the kiosk has reported, in a successful sync, a pull
// cursor at or past the erasure's change-log entry (server_device.pulled_seq, schema 7). The
// kiosks that must apply it are the active ones of every center the person's rows were logged to.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "raida/core/model.h"
#include "raida/core/result.h"
#include "raida/core/store.h"

namespace raida::server::web {

inline constexpr size_t kMaxSearchResults = 50;

struct PersonSummary {
  std::string id;
  std::string given_name;
  std::string family_name;
  std::optional<int64_t> birth_year;
  std::string phone;
  std::string home_center_id;
  std::string home_center_name;
  std::optional<std::string> merged_into;
  bool erased = false;
};

// `text` lower-cased with the diacritics of Lithuanian and Polish letters removed, for matching
// names ("Šarūnė" -> "sarune").
std::string FoldName(const std::string& text);

// People whose folded "given family" name contains the folded `query` (every word of it), by
// family name; at most kMaxSearchResults. An empty query finds nobody.
core::Result<std::vector<PersonSummary>> SearchPeople(core::Store& store, const std::string& query,
                                                      const std::string& center_id);

// Whether person `person_id` is in the scope of `center_id` ("" = always).
core::Result<bool> PersonInScope(core::Store& store, const std::string& person_id,
                                 const std::string& center_id);

struct RecordLine {  // one enrollment, attendance mark or certificate, ready to show
  std::string center_name;
  core::LocalizedText course_title;
  std::string date;    // starts_on, session date or issued_on
  std::string status;  // enrollment status, attendance mark, or certificate code
};

struct PersonRecord {
  PersonSummary summary;
  std::string email;
  std::string village;
  std::string language;
  std::string gender;
  std::string employment_status;
  std::vector<std::string> centers;  // names of the centers whose kiosks hold the person
  std::vector<RecordLine> enrollments;
  std::vector<RecordLine> attendance;
  std::vector<RecordLine> certificates;
};
// The whole record of a person, or nullopt for an unknown id.
core::Result<std::optional<PersonRecord>> LoadPersonRecord(core::Store& store,
                                                           const std::string& person_id);

struct DuplicatePair {
  PersonSummary first;
  PersonSummary second;
  std::string reason;  // "name_birth_year" or "phone"
};
// Likely duplicates among live people in scope (both of a pair in scope), at most 100 pairs.
core::Result<std::vector<DuplicatePair>> FindDuplicates(core::Store& store,
                                                        const std::string& center_id);

struct ErasureKiosk {
  int64_t device_no = 0;
  std::string label;
  std::string center_name;
  bool applied = false;
};
struct ErasureStatus {
  std::string person_id;
  std::string home_center_name;
  int64_t server_seq = 0;  // the erasure's entry in the change log
  std::vector<ErasureKiosk> kiosks;
};
// Every erased person in scope, newest erasure first, with the kiosks that must apply it.
core::Result<std::vector<ErasureStatus>> LoadErasures(core::Store& store,
                                                      const std::string& center_id);

struct SetAsideChange {
  int64_t id = 0;
  int64_t device_no = 0;
  std::string kiosk_label;
  std::string center_name;
  std::string table;
  std::string row_id;
  std::string reason;
  int64_t at_ms = 0;
  int64_t retries = 0;
  std::string status;       // "open", "accepted" or "discarded" (SyncEngine::RetrySetAside)
  std::string outcome;      // for "accepted": what the merge rules answered
  std::string resolved_by;  // the office account's name, or who on the command line
  int64_t resolved_ms = 0;
};
// The changes the server set aside (quarantine) and has not resolved, newest first, at most 200;
// or, with `resolved`, the accepted and discarded ones, last resolved first, at most 50. Never the
// payload.
core::Result<std::vector<SetAsideChange>> LoadSetAside(core::Store& store,
                                                       const std::string& center_id,
                                                       bool resolved = false);
// Set-aside change `id`, open or resolved, or nullopt for an unknown id.
core::Result<std::optional<SetAsideChange>> LoadSetAsideEntry(core::Store& store, int64_t id);
// How many set-aside changes in scope have been resolved.
core::Result<int64_t> CountResolvedSetAside(core::Store& store, const std::string& center_id);

}  // namespace raida::server::web
