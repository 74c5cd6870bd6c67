// PersonRepository: residents and their consent records.
//
// Person rows are personal data: nothing here logs field values. Local writes are captured into
// the outbox by the store's triggers; a row is never deleted locally (erasure is a sync-level
// operation that blanks the fields and keeps an anonymous tombstone).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "raida/core/model.h"
#include "raida/core/result.h"
#include "raida/core/store.h"

namespace raida::core {

class PersonRepository {
 public:
  explicit PersonRepository(Store& store) : store_(&store) {}

  // Registers a person; assigns a new id when person.id is empty. Returns the stored person.
  // kInvalidArgument when a name is empty or the birth year is impossible.
  Result<Person> Register(Person person);
  // Saves changed profile fields (only the changed columns reach the outbox).
  Status Update(const Person& person);
  Result<std::optional<Person>> Get(const std::string& id);
  Result<std::optional<Person>> FindByCardCode(const std::string& card_code);
  // People whose home center is `center_id`, by family then given name; erased excluded.
  Result<std::vector<Person>> ListByCenter(const std::string& center_id);

  // Appends a consent record (giving or withdrawing). Assigns an id when empty.
  Result<Consent> RecordConsent(Consent consent);
  // Every consent record of a person, oldest first.
  Result<std::vector<Consent>> ListConsents(const std::string& person_id);

  // Loads a person published by the server (sync pull, demo load). Needs an ApplyingScope.
  Status UpsertFromRemote(const Person& person);

 private:
  Store* store_;
};

}  // namespace raida::core
