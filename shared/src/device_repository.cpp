// DeviceRepository: the published list of kiosks and their centers.
#include "raida/core/device_repository.h"

#include "repository_util.h"

namespace raida::core {
namespace {

constexpr const char* kSelectDevice = "SELECT id, device_no, center_id, label, status FROM device";

Result<DeviceInfo> ReadDevice(Statement& s) {
  return DeviceInfo{s.ColumnText(0), s.ColumnInt(1), s.ColumnText(2), s.ColumnText(3),
                    s.ColumnText(4) == "active"};
}

}  // namespace

Status DeviceRepository::UpsertFromRemote(const DeviceInfo& device) {
  RAIDA_TRY(detail::RequireApplying(*store_, "DeviceRepository::UpsertFromRemote"));
  RAIDA_TRY(detail::RequireText(device.id, "device id"));
  if (device.device_no <= 0) {
    return MakeError(ErrorCode::kInvalidArgument, "device number must be positive");
  }
  RAIDA_ASSIGN_OR_RETURN(auto scope, store_->BeginWrite());
  RAIDA_ASSIGN_OR_RETURN(Statement stmt,
                         store_->db().Prepare(detail::PublishedUpsertSql(
                             "device", {"device_no", "center_id", "label", "status"})));
  stmt.Bind(1, device.id).Bind(2, device.device_no).Bind(3, device.center_id);
  RAIDA_TRY(stmt.Bind(4, device.label).Bind(5, device.active ? "active" : "revoked").Run());
  return scope.Commit();
}

Result<std::optional<DeviceInfo>> DeviceRepository::GetByNumber(int64_t device_no) {
  RAIDA_ASSIGN_OR_RETURN(
      Statement stmt,
      store_->db().Prepare(std::string(kSelectDevice) + " WHERE device_no = ? AND deleted = 0"));
  stmt.Bind(1, device_no);
  return detail::FirstRow<DeviceInfo>(stmt, ReadDevice);
}

Result<std::vector<DeviceInfo>> DeviceRepository::ListForCenter(const std::string& center_id) {
  RAIDA_ASSIGN_OR_RETURN(
      Statement stmt,
      store_->db().Prepare(std::string(kSelectDevice) +
                           " WHERE center_id = ? AND deleted = 0 ORDER BY device_no"));
  stmt.Bind(1, center_id);
  return detail::CollectRows<DeviceInfo>(stmt, ReadDevice);
}

}  // namespace raida::core
