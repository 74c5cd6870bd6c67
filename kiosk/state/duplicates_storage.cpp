// DuplicatesStorage: "Possible duplicates" on the storage lane (see duplicates_storage.h).
#include "kiosk/state/duplicates_storage.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>
#include <tuple>
#include <utility>

#include "kiosk/state/effect_runner.h"
#include "kiosk/state/reduce_duplicates.h"
#include "kiosk/state/reduce_register.h"
#include "raida/core/audit_log.h"
#include "raida/core/person_repository.h"
#include "raida/core/store.h"

namespace raida::kiosk {
namespace {

constexpr const char* kNoticeGone = "dups.notice.gone";
constexpr const char* kNoticeKeptApart = "dups.notice.kept_apart";
// local_ui_state key of a pair marked as two different people: "not_duplicates/<id>/<id>",
// the smaller id first.
constexpr const char* kKeptApartPrefix = "not_duplicates/";

std::string KeptApartKey(const std::string& a, const std::string& b) {
  return std::string(kKeptApartPrefix) + std::min(a, b) + "/" + std::max(a, b);
}

std::string LastDigits(const std::string& text) {
  std::string digits;
  for (const char c : text) {
    if (c >= '0' && c <= '9') {
      digits += c;
    }
  }
  return digits.size() > kDuplicateDigitsShown
             ? digits.substr(digits.size() - kDuplicateDigitsShown)
             : digits;
}

core::Result<std::optional<int64_t>> QueryOptionalInt(core::Store& store, const char* sql,
                                                      const std::string& id) {
  RAIDA_ASSIGN_OR_RETURN(core::Statement stmt, store.db().Prepare(sql));
  stmt.Bind(1, id);
  RAIDA_ASSIGN_OR_RETURN(const bool row, stmt.Step());
  if (!row || stmt.ColumnIsNull(0)) {
    return std::optional<int64_t>();
  }
  return std::optional<int64_t>(stmt.ColumnInt(0));
}

// One side of a pair: the few things that tell two records apart.
core::Result<DuplicatePerson> Describe(core::Store& store, const core::Person& person) {
  DuplicatePerson side;
  side.id = person.id;
  side.given_name = person.given_name;
  side.family_name = person.family_name;
  side.birth_year = person.birth_year;
  side.village = person.village;
  side.phone_end = LastDigits(person.phone);
  side.card_end = LastDigits(person.card_code);
  RAIDA_ASSIGN_OR_RETURN(
      const auto registered,
      QueryOptionalInt(store,
                       "SELECT min(recorded_at_ms) FROM consent WHERE person_id = ? AND "
                       "purpose = 'registration' AND deleted = 0",
                       person.id));
  side.registered_on = registered ? LocalIsoDate(*registered) : "";
  RAIDA_ASSIGN_OR_RETURN(
      const auto signups,
      QueryOptionalInt(store,
                       "SELECT count(*) FROM enrollment WHERE person_id = ? AND deleted = 0 AND "
                       "status <> 'cancelled'",
                       person.id));
  side.signups = static_cast<int>(signups.value_or(0));
  return side;
}

core::Result<bool> KeptApart(core::Store& store, const std::string& a, const std::string& b) {
  RAIDA_ASSIGN_OR_RETURN(core::Statement stmt,
                         store.db().Prepare("SELECT 1 FROM local_ui_state WHERE k = ?"));
  stmt.Bind(1, KeptApartKey(a, b));
  return stmt.Step();
}

// Index pairs (i < j) of people sharing a key, with why.
using Matches = std::map<std::pair<size_t, size_t>, DuplicatePair>;
void AddMatches(const std::vector<std::string>& keys, bool by_name, Matches& matches) {
  std::map<std::string, std::vector<size_t>> groups;
  for (size_t i = 0; i < keys.size(); ++i) {
    if (!keys[i].empty()) {
      groups[keys[i]].push_back(i);
    }
  }
  for (const auto& [key, members] : groups) {
    for (size_t a = 0; a < members.size(); ++a) {
      for (size_t b = a + 1; b < members.size(); ++b) {
        DuplicatePair& pair = matches[{members[a], members[b]}];
        (by_name ? pair.same_name : pair.same_phone) = true;
      }
    }
  }
}

bool RegisteredFirst(const DuplicatePerson& a, const DuplicatePerson& b) {
  if (a.registered_on != b.registered_on) {
    return b.registered_on.empty() ||
           (!a.registered_on.empty() && a.registered_on < b.registered_on);
  }
  return a.id < b.id;
}

// A live person of `center_id`, or nullopt.
core::Result<std::optional<core::Person>> LivePerson(core::Store& store, const std::string& id,
                                                     const std::string& center_id) {
  RAIDA_ASSIGN_OR_RETURN(auto person, core::PersonRepository(store).Get(id));
  if (!person || person->erased || person->merged_into || person->home_center_id != center_id) {
    return std::optional<core::Person>();
  }
  return person;
}

}  // namespace

core::Result<std::vector<DuplicatePair>> FindDuplicatePairs(core::Store& store,
                                                            const std::string& center_id) {
  RAIDA_ASSIGN_OR_RETURN(auto listed, core::PersonRepository(store).ListByCenter(center_id));
  std::vector<core::Person> people;
  for (core::Person& person : listed) {
    if (!person.merged_into) {
      people.push_back(std::move(person));
    }
  }
  std::vector<std::string> names;
  std::vector<std::string> phones;
  for (const core::Person& person : people) {
    names.push_back(NameMatchKey(person.given_name, person.family_name, person.birth_year));
    phones.push_back(PhoneKey(person.phone));
  }
  Matches matches;
  AddMatches(names, /*by_name=*/true, matches);
  AddMatches(phones, /*by_name=*/false, matches);
  std::map<size_t, DuplicatePerson> described;
  std::vector<DuplicatePair> pairs;
  for (auto& [indexes, pair] : matches) {
    const core::Person& a = people[indexes.first];
    const core::Person& b = people[indexes.second];
    RAIDA_ASSIGN_OR_RETURN(const bool apart, KeptApart(store, a.id, b.id));
    if (apart) {
      continue;
    }
    for (const size_t index : {indexes.first, indexes.second}) {
      if (!described.contains(index)) {
        RAIDA_ASSIGN_OR_RETURN(auto side, Describe(store, people[index]));
        described.emplace(index, std::move(side));
      }
    }
    pair.first = described[indexes.first];
    pair.second = described[indexes.second];
    if (RegisteredFirst(pair.second, pair.first)) {
      std::swap(pair.first, pair.second);
    }
    pairs.push_back(std::move(pair));
  }
  std::sort(pairs.begin(), pairs.end(), [](const DuplicatePair& x, const DuplicatePair& y) {
    return std::tie(x.first.family_name, x.first.given_name, x.first.id, x.second.id) <
           std::tie(y.first.family_name, y.first.given_name, y.first.id, y.second.id);
  });
  return pairs;
}

core::Result<std::optional<Action>> DuplicatesStorage::Run(core::Store& store,
                                                           const LoadDuplicates& effect) {
  RAIDA_ASSIGN_OR_RETURN(auto pairs, FindDuplicatePairs(store, effect.center_id));
  return std::optional<Action>(
      DuplicatesLoaded{effect.center_id, std::move(pairs), effect.notice_key});
}

core::Result<std::optional<Action>> DuplicatesStorage::Run(core::Store& store,
                                                           const SaveDuplicateMerge& effect) {
  RAIDA_ASSIGN_OR_RETURN(auto scope, store.BeginWrite());
  RAIDA_ASSIGN_OR_RETURN(const auto loser, LivePerson(store, effect.loser_id, effect.center_id));
  RAIDA_ASSIGN_OR_RETURN(const auto winner, LivePerson(store, effect.winner_id, effect.center_id));
  if (!loser || !winner || effect.loser_id == effect.winner_id || effect.coordinator_id.empty()) {
    spdlog::info("duplicates: merge of {} into {} refused, not two live people of this center",
                 effect.loser_id, effect.winner_id);
    return std::optional<Action>(DuplicateMergeFailed{kNoticeGone});
  }
  RAIDA_ASSIGN_OR_RETURN(core::Statement merge,
                         store.db().Prepare("UPDATE person SET merged_into = ?, hlc = sync_hlc(), "
                                            "origin = sync_origin() WHERE id = ?"));
  RAIDA_TRY(merge.Bind(1, effect.winner_id).Bind(2, effect.loser_id).Run());
  core::AuditEntry entry;
  entry.actor_id = effect.coordinator_id;
  entry.action = kAuditPersonMerge;
  entry.record_table = "person";
  entry.record_id = effect.loser_id;
  RAIDA_TRY(core::AuditLog(store).Append(std::move(entry)));
  RAIDA_TRY(scope.Commit());
  spdlog::info("duplicates: {} asked to merge {} into {}", effect.coordinator_id, effect.loser_id,
               effect.winner_id);
  return std::optional<Action>(DuplicateMerged{effect.loser_id, effect.winner_id});
}

core::Result<std::optional<Action>> DuplicatesStorage::Run(core::Store& store,
                                                           const SaveNotDuplicates& effect) {
  {
    RAIDA_ASSIGN_OR_RETURN(auto scope, store.BeginWrite());
    RAIDA_ASSIGN_OR_RETURN(
        core::Statement keep,
        store.db().Prepare("INSERT OR REPLACE INTO local_ui_state(k, v) VALUES (?, 1)"));
    RAIDA_TRY(keep.Bind(1, KeptApartKey(effect.first_id, effect.second_id)).Run());
    RAIDA_TRY(scope.Commit());
  }
  spdlog::info("duplicates: {} and {} kept apart on this kiosk", effect.first_id, effect.second_id);
  return Run(store, LoadDuplicates{effect.center_id, kNoticeKeptApart});
}

}  // namespace raida::kiosk
