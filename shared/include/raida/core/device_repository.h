// DeviceRepository: the kiosks of the district, as published by the district office.
//
// The server's own device registry (secrets, batch numbers) is the sync server's business; this
// is the catalog view every store can hold: which device number belongs to which center.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "raida/core/result.h"
#include "raida/core/store.h"

namespace raida::core {

struct DeviceInfo {
  std::string id;         // "device.42"
  int64_t device_no = 0;  // the 32-bit device id used as origin and id prefix; > 0
  std::string center_id;
  std::string label;   // "Bajorai kiosk 1"
  bool active = true;  // false once revoked
};

class DeviceRepository {
 public:
  explicit DeviceRepository(Store& store) : store_(&store) {}

  // Loads a published device record; needs a Store::ApplyingScope. kInvalidArgument for an
  // empty id or a device number <= 0.
  Status UpsertFromRemote(const DeviceInfo& device);
  Result<std::optional<DeviceInfo>> GetByNumber(int64_t device_no);
  // Devices of a center, by device number.
  Result<std::vector<DeviceInfo>> ListForCenter(const std::string& center_id);

 private:
  Store* store_;
};

}  // namespace raida::core
