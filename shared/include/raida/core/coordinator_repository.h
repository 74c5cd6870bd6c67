// CoordinatorRepository: the accounts of the staff who run a center's kiosk in coordinator mode.
//
// Coordinator accounts are published by the district office (they are catalog data: kiosks do
// not create or edit them), so UpsertFromRemote needs a Store::ApplyingScope. Lockout counters
// for wrong PINs are local state, not part of this record.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "raida/core/model.h"
#include "raida/core/result.h"
#include "raida/core/store.h"

namespace raida::core {

class CoordinatorRepository {
 public:
  explicit CoordinatorRepository(Store& store) : store_(&store) {}

  // Loads an account published by the district office (demo load, sync pull).
  // kInvalidArgument when the id, login or display name is empty; kConflict when another
  // account already has the login.
  Status UpsertFromRemote(const Coordinator& coordinator);
  Result<std::optional<Coordinator>> Get(const std::string& id);
  // The account with this login, active or not (the caller refuses inactive ones).
  Result<std::optional<Coordinator>> FindByLogin(const std::string& login);
  // Active accounts of a center, by display name.
  Result<std::vector<Coordinator>> ListForCenter(const std::string& center_id);

 private:
  Store* store_;
};

}  // namespace raida::core
