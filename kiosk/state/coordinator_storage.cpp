// CoordinatorStorage: coordinator mode's storage work (see coordinator_storage.h).
//
// The check outcomes of core::CoordinatorAuth become CoordinatorChecked actions one to one; the
// reducer turns them into words and audit entries. The log gets the account id and the outcome,
// never the passphrase, the PIN or the name.
#include "kiosk/state/coordinator_storage.h"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include "kiosk/state/resident_effects.h"
#include "raida/core/audit_log.h"
#include "raida/core/coordinator_auth.h"
#include "raida/core/coordinator_repository.h"
#include "raida/core/store.h"

namespace raida::kiosk {
namespace {

CoordinatorCheck ToCheck(core::CoordinatorAuthOutcome outcome) {
  switch (outcome) {
    case core::CoordinatorAuthOutcome::kOk:
      return CoordinatorCheck::kOk;
    case core::CoordinatorAuthOutcome::kWrong:
      return CoordinatorCheck::kWrong;
    case core::CoordinatorAuthOutcome::kLocked:
      return CoordinatorCheck::kLocked;
    case core::CoordinatorAuthOutcome::kResetNeeded:
      return CoordinatorCheck::kResetNeeded;
    case core::CoordinatorAuthOutcome::kNotSetUp:
      return CoordinatorCheck::kNotSetUp;
    case core::CoordinatorAuthOutcome::kPassphraseNeeded:
      return CoordinatorCheck::kPassphraseNeeded;
  }
  return CoordinatorCheck::kNotSetUp;
}

std::optional<Action> Checked(const std::string& id, bool by_pin,
                              const core::CoordinatorAuthResult& result) {
  spdlog::info("coordinator {}: {} check: outcome {}", id, by_pin ? "PIN" : "passphrase",
               static_cast<int>(result.outcome));
  CoordinatorChecked checked;
  checked.coordinator_id = id;
  checked.by_pin = by_pin;
  checked.outcome = ToCheck(result.outcome);
  checked.tries_left = result.tries_left;
  checked.locked_now = result.locked_now;
  checked.has_pin = result.has_pin;
  return Action(std::move(checked));
}

void Wipe(std::string& secret) {
  sodium_memzero(secret.data(), secret.size());
  secret.clear();
}

}  // namespace

core::Result<std::string> CoordinatorStorage::Pepper() {
  if (!pepper_) {
    RAIDA_ASSIGN_OR_RETURN(std::string pepper, LoadOrCreatePinPepper(pepper_path_));
    pepper_ = std::move(pepper);
  }
  return *pepper_;
}

core::Result<std::optional<Action>> CoordinatorStorage::Run(core::Store& store,
                                                            const LoadCoordinators& effect) {
  RAIDA_ASSIGN_OR_RETURN(auto accounts,
                         core::CoordinatorRepository(store).ListForCenter(effect.center_id));
  CoordinatorsLoaded loaded;
  loaded.center_id = effect.center_id;
  for (const core::Coordinator& account : accounts) {
    loaded.accounts.push_back(CoordinatorCard{account.id, account.display_name});
  }
  return std::optional<Action>(std::move(loaded));
}

core::Result<std::optional<Action>> CoordinatorStorage::Run(core::Store& store,
                                                            const LoadCoordinatorStep& effect) {
  RAIDA_ASSIGN_OR_RETURN(std::string pepper, Pepper());
  core::CoordinatorAuth auth(store, std::move(pepper), cost_);
  RAIDA_ASSIGN_OR_RETURN(core::CoordinatorStep step, auth.NextStep(effect.coordinator_id));
  return std::optional<Action>(
      CoordinatorStepLoaded{effect.coordinator_id, step == core::CoordinatorStep::kPin});
}

core::Result<std::optional<Action>> CoordinatorStorage::Run(
    core::Store& store, const CheckCoordinatorPassphrase& effect) {
  RAIDA_ASSIGN_OR_RETURN(std::string pepper, Pepper());
  core::CoordinatorAuth auth(store, std::move(pepper), cost_);
  std::string passphrase = effect.passphrase;
  auto result = auth.CheckPassphrase(effect.coordinator_id, passphrase);
  Wipe(passphrase);
  RAIDA_TRY(result);
  return Checked(effect.coordinator_id, false, *result);
}

core::Result<std::optional<Action>> CoordinatorStorage::Run(core::Store& store,
                                                            const CheckCoordinatorPin& effect) {
  RAIDA_ASSIGN_OR_RETURN(std::string pepper, Pepper());
  core::CoordinatorAuth auth(store, std::move(pepper), cost_);
  std::string pin = effect.pin;
  auto result = auth.CheckPin(effect.coordinator_id, pin);
  Wipe(pin);
  RAIDA_TRY(result);
  return Checked(effect.coordinator_id, true, *result);
}

core::Result<std::optional<Action>> CoordinatorStorage::Run(core::Store& store,
                                                            const SetCoordinatorPin& effect) {
  RAIDA_ASSIGN_OR_RETURN(std::string pepper, Pepper());
  core::CoordinatorAuth auth(store, std::move(pepper), cost_);
  std::string pin = effect.pin;
  core::Status set = auth.SetPin(effect.coordinator_id, pin);
  Wipe(pin);
  if (!set.ok() && set.error().code != core::ErrorCode::kUnauthorized &&
      set.error().code != core::ErrorCode::kInvalidArgument) {
    return set.error();
  }
  spdlog::info("coordinator {}: new kiosk PIN {}", effect.coordinator_id,
               set.ok() ? "saved" : "refused");
  return std::optional<Action>(CoordinatorPinSet{effect.coordinator_id, set.ok()});
}

core::Result<std::optional<Action>> CoordinatorStorage::Run(core::Store& store,
                                                            const WriteAudit& effect) {
  core::AuditEntry entry;
  entry.actor_id = effect.actor_id;
  entry.action = effect.action;
  entry.record_table = effect.record_table;
  entry.record_id = effect.record_id;
  RAIDA_TRY(core::AuditLog(store).Append(std::move(entry)));
  return std::optional<Action>();
}

}  // namespace raida::kiosk
