// Searching people and finding likely duplicates; see people_data.h.
#include "web/people_data.h"

#include <map>
#include <set>
#include <utility>

namespace raida::server::web {
namespace {

// The letters FoldName replaces (UTF-8), capital and small.
constexpr std::pair<const char*, char> kFolds[] = {
    {"ą", 'a'}, {"Ą", 'a'}, {"č", 'c'}, {"Č", 'c'}, {"ć", 'c'}, {"Ć", 'c'}, {"ę", 'e'}, {"Ę", 'e'},
    {"ė", 'e'}, {"Ė", 'e'}, {"į", 'i'}, {"Į", 'i'}, {"ł", 'l'}, {"Ł", 'l'}, {"ń", 'n'}, {"Ń", 'n'},
    {"ó", 'o'}, {"Ó", 'o'}, {"š", 's'}, {"Š", 's'}, {"ś", 's'}, {"Ś", 's'}, {"ų", 'u'}, {"Ų", 'u'},
    {"ū", 'u'}, {"Ū", 'u'}, {"ž", 'z'}, {"Ž", 'z'}, {"ź", 'z'}, {"Ź", 'z'}, {"ż", 'z'}, {"Ż", 'z'}};

// Live people, optionally only those in the scope of ?1 (a center, or "" for all).
constexpr const char* kPeopleSql =
    "SELECT p.id, p.given_name, p.family_name, p.birth_year, p.phone, p.home_center_id, "
    "coalesce(c.name, ''), p.merged_into, p.erased FROM person p "
    "LEFT JOIN center c ON c.id = p.home_center_id WHERE p.deleted = 0 AND (?1 = '' OR "
    "p.home_center_id = ?1 OR EXISTS (SELECT 1 FROM enrollment e JOIN course_offering o ON "
    "o.id = e.offering_id WHERE e.person_id = p.id AND e.deleted = 0 AND o.center_id = ?1)) "
    "ORDER BY p.family_name, p.given_name, p.id";

template <typename Visit>
core::Status ForEachPerson(core::Store& store, const std::string& center_id, Visit visit) {
  RAIDA_ASSIGN_OR_RETURN(core::Statement stmt, store.db().Prepare(kPeopleSql));
  stmt.Bind(1, center_id);
  while (true) {
    RAIDA_ASSIGN_OR_RETURN(const bool row, stmt.Step());
    if (!row) {
      return core::Ok();
    }
    PersonSummary person{
        stmt.ColumnText(0),        stmt.ColumnText(1),         stmt.ColumnText(2),
        stmt.ColumnOptionalInt(3), stmt.ColumnText(4),         stmt.ColumnText(5),
        stmt.ColumnText(6),        stmt.ColumnOptionalText(7), stmt.ColumnInt(8) != 0};
    if (!visit(std::move(person))) {
      return core::Ok();
    }
  }
}

std::vector<std::string> Words(const std::string& text) {
  std::vector<std::string> words;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(' ', start);
    end = end == std::string::npos ? text.size() : end;
    if (end > start) {
      words.push_back(text.substr(start, end - start));
    }
    start = end + 1;
  }
  return words;
}

std::string PhoneDigits(const std::string& phone) {
  std::string digits;
  for (const char c : phone) {
    if (c >= '0' && c <= '9') {
      digits += c;
    }
  }
  // The last 8 digits: "+370 612 34567" and "8 612 34567" are the same number.
  return digits.size() > 8 ? digits.substr(digits.size() - 8) : digits;
}

// Adds pairs (the first of a group with each other member) to `pairs`, up to `limit`.
// A pair found both ways (name and phone) is listed once.
void AddPairs(const std::map<std::string, std::vector<PersonSummary>>& groups,
              const std::string& reason, size_t limit, std::vector<DuplicatePair>& pairs,
              std::set<std::pair<std::string, std::string>>& seen) {
  for (const auto& [key, members] : groups) {
    for (size_t i = 1; i < members.size() && pairs.size() < limit; ++i) {
      if (seen.insert({members[0].id, members[i].id}).second) {
        pairs.push_back({members[0], members[i], reason});
      }
    }
  }
}

}  // namespace

std::string FoldName(const std::string& text) {
  std::string folded;
  for (size_t i = 0; i < text.size();) {
    bool replaced = false;
    for (const auto& [letter, plain] : kFolds) {
      const std::string_view from(letter);
      if (std::string_view(text).substr(i, from.size()) == from) {
        folded += plain;
        i += from.size();
        replaced = true;
        break;
      }
    }
    if (!replaced) {
      const char c = text[i++];
      folded += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
  }
  return folded;
}

core::Result<std::vector<PersonSummary>> SearchPeople(core::Store& store, const std::string& query,
                                                      const std::string& center_id) {
  const std::vector<std::string> words = Words(FoldName(query));
  std::vector<PersonSummary> found;
  if (words.empty()) {
    return found;
  }
  RAIDA_TRY(ForEachPerson(store, center_id, [&](PersonSummary person) {
    const std::string name = FoldName(person.given_name + " " + person.family_name);
    bool all = !person.erased;
    for (const std::string& word : words) {
      all = all && name.find(word) != std::string::npos;
    }
    if (all) {
      found.push_back(std::move(person));
    }
    return found.size() < kMaxSearchResults;
  }));
  return found;
}

core::Result<bool> PersonInScope(core::Store& store, const std::string& person_id,
                                 const std::string& center_id) {
  if (center_id.empty()) {
    return true;
  }
  RAIDA_ASSIGN_OR_RETURN(
      core::Statement stmt,
      store.db().Prepare("SELECT 1 FROM person p WHERE p.id = ?1 AND (p.home_center_id = ?2 OR "
                         "EXISTS (SELECT 1 FROM enrollment e JOIN course_offering o ON o.id = "
                         "e.offering_id WHERE e.person_id = p.id AND e.deleted = 0 AND "
                         "o.center_id = ?2))"));
  stmt.Bind(1, person_id).Bind(2, center_id);
  return stmt.Step();
}

core::Result<std::vector<DuplicatePair>> FindDuplicates(core::Store& store,
                                                        const std::string& center_id) {
  std::map<std::string, std::vector<PersonSummary>> by_name;
  std::map<std::string, std::vector<PersonSummary>> by_phone;
  RAIDA_TRY(ForEachPerson(store, center_id, [&](PersonSummary person) {
    if (person.erased || person.merged_into) {
      return true;
    }
    if (person.birth_year) {
      by_name[FoldName(person.given_name) + "\x1f" + FoldName(person.family_name) + "\x1f" +
              std::to_string(*person.birth_year)]
          .push_back(person);
    }
    const std::string phone = PhoneDigits(person.phone);
    if (phone.size() >= 6) {
      by_phone[phone].push_back(std::move(person));
    }
    return true;
  }));
  constexpr size_t kMaxPairs = 100;
  std::vector<DuplicatePair> pairs;
  std::set<std::pair<std::string, std::string>> seen;
  AddPairs(by_name, "name_birth_year", kMaxPairs, pairs, seen);
  AddPairs(by_phone, "phone", kMaxPairs, pairs, seen);
  return pairs;
}

}  // namespace raida::server::web
