// DuplicatesState: what the coordinator's "Possible duplicates" shows — pairs of this center's
// people that may be one person (the register's duplicate rule: the same name and year of birth,
// or the same phone), one pair side by side, the question before a merge, and what the merge did.
//
// Each side carries only what a coordinator needs to tell two records apart: name, year of
// birth, village, the last digits of the phone and of the card code, when the person was
// registered and how many sign-ups they have. It is a member of CoordinatorState, so the
// sign-out forgets it. Written only by the reducer (reduce_duplicates.h).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace raida::kiosk {

// One person of a pair.
struct DuplicatePerson {
  std::string id;
  std::string given_name;
  std::string family_name;
  std::optional<int> birth_year;
  std::string village;
  std::string phone_end;      // the phone's last kDuplicateDigitsShown digits; "" for no phone
  std::string card_end;       // the card code's last kDuplicateDigitsShown digits; "" for no card
  std::string registered_on;  // "YYYY-MM-DD" of the registration consent; "" when not known
  int signups = 0;            // sign-ups that are not cancelled
};

// Digits of a phone number or card code a pair shows (the rest stays hidden).
inline constexpr size_t kDuplicateDigitsShown = 3;

// Two people who may be one: `first` is the one registered earlier (or the smaller id).
struct DuplicatePair {
  DuplicatePerson first;
  DuplicatePerson second;
  bool same_name = false;   // same given and family name (case and diacritics ignored) and year
  bool same_phone = false;  // same phone number
};

enum class DuplicatesStep {
  kList,     // the pairs found (or "no possible duplicates")
  kPair,     // one pair side by side: keep one of them, or "these are different people"
  kConfirm,  // "X's sign-ups and lessons will move to Y; this cannot be undone here"
  kDone,     // the merge is recorded; the district office finishes it at the next sync
};

struct DuplicatesState {
  DuplicatesStep step = DuplicatesStep::kList;
  bool loading = false;  // the pairs are on their way
  std::vector<DuplicatePair> pairs;
  std::optional<DuplicatePair> chosen;  // kPair, kConfirm, kDone
  std::string keep_id;                  // kConfirm, kDone: the record kept (one of `chosen`)
  bool busy = false;                    // a merge or a "different people" is being saved
  std::string notice_key;               // "dups.notice.*": what the last change did, or a problem
};

}  // namespace raida::kiosk
