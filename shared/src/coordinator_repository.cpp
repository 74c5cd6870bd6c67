// CoordinatorRepository: published coordinator accounts. The hashes are stored as given; this
// file never sees a PIN or passphrase.
#include "raida/core/coordinator_repository.h"

#include "repository_util.h"

namespace raida::core {
namespace {

using detail::CollectRows;
using detail::FirstRow;

constexpr const char* kSelectCoordinator =
    "SELECT id, center_id, display_name, login, passphrase_hash, pin_hash, active"
    " FROM coordinator";

Result<Coordinator> ReadCoordinator(Statement& s) {
  return Coordinator{s.ColumnText(0), s.ColumnText(1), s.ColumnText(2),    s.ColumnText(3),
                     s.ColumnText(4), s.ColumnText(5), s.ColumnInt(6) != 0};
}

}  // namespace

Status CoordinatorRepository::UpsertFromRemote(const Coordinator& c) {
  RAIDA_TRY(detail::RequireApplying(*store_, "CoordinatorRepository::UpsertFromRemote"));
  RAIDA_TRY(detail::RequireText(c.id, "coordinator id"));
  RAIDA_TRY(detail::RequireText(c.login, "coordinator login"));
  RAIDA_TRY(detail::RequireText(c.display_name, "coordinator name"));
  RAIDA_ASSIGN_OR_RETURN(auto scope, store_->BeginWrite());
  RAIDA_ASSIGN_OR_RETURN(
      Statement stmt, store_->db().Prepare(detail::PublishedUpsertSql(
                          "coordinator", {"center_id", "display_name", "login", "passphrase_hash",
                                          "pin_hash", "active"})));
  stmt.Bind(1, c.id).Bind(2, c.center_id).Bind(3, c.display_name).Bind(4, c.login);
  RAIDA_TRY(stmt.Bind(5, c.passphrase_hash).Bind(6, c.pin_hash).Bind(7, c.active ? 1 : 0).Run());
  return scope.Commit();
}

Result<std::optional<Coordinator>> CoordinatorRepository::Get(const std::string& id) {
  RAIDA_ASSIGN_OR_RETURN(Statement stmt, store_->db().Prepare(std::string(kSelectCoordinator) +
                                                              " WHERE id = ? AND deleted = 0"));
  stmt.Bind(1, id);
  return FirstRow<Coordinator>(stmt, ReadCoordinator);
}

Result<std::optional<Coordinator>> CoordinatorRepository::FindByLogin(const std::string& login) {
  RAIDA_ASSIGN_OR_RETURN(Statement stmt, store_->db().Prepare(std::string(kSelectCoordinator) +
                                                              " WHERE login = ? AND deleted = 0"));
  stmt.Bind(1, login);
  return FirstRow<Coordinator>(stmt, ReadCoordinator);
}

Result<std::vector<Coordinator>> CoordinatorRepository::ListForCenter(
    const std::string& center_id) {
  RAIDA_ASSIGN_OR_RETURN(Statement stmt,
                         store_->db().Prepare(std::string(kSelectCoordinator) +
                                              " WHERE center_id = ? AND active = 1 AND deleted = 0"
                                              " ORDER BY display_name, id"));
  stmt.Bind(1, center_id);
  return CollectRows<Coordinator>(stmt, ReadCoordinator);
}

}  // namespace raida::core
