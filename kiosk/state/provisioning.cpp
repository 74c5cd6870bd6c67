// ReadProvisioning: opens the kiosk's database briefly (its own connection, closed again before
// the EffectRunner and the SyncWorker open theirs) and looks for the device number, the
// district office's address, the center and the secret file.
#include "kiosk/state/provisioning.h"

#include <filesystem>
#include <memory>
#include <system_error>

#include "raida/core/store.h"
#include "raida/core/sync_meta_repository.h"
#include "raida/sync/credentials.h"

namespace raida::kiosk {

core::Result<KioskProvisioning> ReadProvisioning(const std::string& db_path,
                                                 const core::Clock& clock) {
  KioskProvisioning provisioning;
  std::error_code error;
  if (!std::filesystem::exists(db_path, error)) {
    return provisioning;
  }
  core::StoreOptions options;
  options.path = db_path;
  options.mode = core::OpenMode::kOpenExisting;
  RAIDA_ASSIGN_OR_RETURN(std::unique_ptr<core::Store> store, core::Store::Open(options, clock));
  core::SyncMetaRepository meta(*store);
  RAIDA_ASSIGN_OR_RETURN(auto center, meta.GetText("center_id"));
  RAIDA_ASSIGN_OR_RETURN(auto url, meta.GetText("server_url"));
  provisioning.device = store->device_id();
  provisioning.center_id = center.value_or("");
  provisioning.server_url = url.value_or("");
  const bool secret = std::filesystem::exists(sync::SecretPathFor(db_path), error);
  provisioning.provisioned = provisioning.device > 0 && secret;
  return provisioning;
}

}  // namespace raida::kiosk
