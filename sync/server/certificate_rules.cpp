// The district server's merge rule for certificates, and their withdrawal when a person is
// erased (see merge_rules.h and core/certificate_repository.h).
//
// A certificate is a fact written once, keyed by (person, course). Two kiosks that both issue one
// while offline push two versions of the same record with different codes. The server keeps the
// one issued first: the smaller (issued_hlc, code), whichever arrives first. The code of the
// other becomes an alias of the kept certificate (certificate_alias), so a PDF printed from the
// losing kiosk before it synced still verifies. The kept values go out under a fresh server stamp
// (origin 0), newer than either kiosk's own write, so both kiosks end with the kept certificate.
// The same certificate pushed again (a retry, a resend) changes nothing. Codes stay unique among
// live certificates: a new certificate whose code is already in use (a one-in-2^50 draw) is
// refused as a constraint and set aside for review.
#include <optional>

#include "merge_rules.h"

namespace raida::server::detail {
namespace {

using core::ErrorCode;
using sync::ChangeOutcome;
using sync::ChangeResult;

// (issued_hlc, code) of a certificate's values; nullopt when either is missing.
std::optional<std::pair<int64_t, std::string>> IssueOrder(const Json& values) {
  const auto hlc = values.find("issued_hlc");
  const auto code = values.find("code");
  if (hlc == values.end() || code == values.end() || !hlc->is_number_integer() ||
      !code->is_string()) {
    return std::nullopt;
  }
  return std::make_pair(hlc->get<int64_t>(), code->get<std::string>());
}

core::Result<bool> CodeTaken(core::Store& store, const std::string& code, const std::string& pk) {
  RAIDA_ASSIGN_OR_RETURN(
      core::Statement stmt,
      store.db().Prepare("SELECT EXISTS (SELECT 1 FROM certificate WHERE code = ?1 AND id <> ?2 "
                         "AND deleted = 0) OR EXISTS (SELECT 1 FROM certificate_alias WHERE code "
                         "= ?1 AND certificate_id <> ?2)"));
  stmt.Bind(1, code).Bind(2, pk);
  RAIDA_TRY(stmt.Step());
  return stmt.ColumnInt(0) != 0;
}

core::Status AddAlias(ApplyContext& context, const std::string& code, const std::string& pk) {
  RAIDA_ASSIGN_OR_RETURN(core::Statement stmt,
                         context.store->db().Prepare(
                             "INSERT OR IGNORE INTO certificate_alias(code, certificate_id, at_ms) "
                             "VALUES (?, ?, ?)"));
  return stmt.Bind(1, code).Bind(2, pk).Bind(3, context.now_ms).Run();
}

// The stored row as the server decided it, restamped and logged so every kiosk takes it.
core::Result<ChangeResult> Announce(ApplyContext& context, const ChangeInput& input,
                                    const Json& values, ChangeOutcome outcome) {
  const uint64_t stamp = context.store->hlc().Now();
  RAIDA_TRY(UpdateRow(*context.store, *input.table, input.pk, values, stamp, 0));
  RAIDA_TRY(AppendChangeLogTo(*context.store, input.scopes, input.table->name, input.pk, stamp, 0,
                              values.dump()));
  return ChangeResult{0, outcome, ""};
}

core::Result<ChangeResult> InsertNew(ApplyContext& context, const ChangeInput& input) {
  const auto order = IssueOrder(input.values);
  if (order) {
    RAIDA_ASSIGN_OR_RETURN(const bool taken, CodeTaken(*context.store, order->second, input.pk));
    if (taken) {
      return core::MakeError(ErrorCode::kConflict, "certificate code already in use");
    }
  }
  return ApplyRowLww(context, input, std::nullopt);
}

}  // namespace

core::Result<ChangeResult> ApplyCertificate(ApplyContext& context, const ChangeInput& input,
                                            const std::optional<Row>& existing) {
  if (!existing) {
    return InsertNew(context, input);
  }
  const auto stored = IssueOrder(existing->values);
  const auto pushed = IssueOrder(input.values);
  const bool withdrawn = existing->values.value("deleted", 0) != 0;
  if (!pushed || (stored && pushed->second == stored->second && !withdrawn)) {
    return ChangeResult{0, ChangeOutcome::kApplied, ""};  // the same certificate again
  }
  if (withdrawn || !stored || *stored < *pushed) {
    // The stored certificate stays (or stays withdrawn); the pushed code, if it differs, is an
    // alias of it while the certificate is live.
    if (!withdrawn && stored && pushed->second != stored->second) {
      RAIDA_TRY(AddAlias(context, pushed->second, input.pk));
    }
    return Announce(context, input, existing->values, ChangeOutcome::kSuperseded);
  }
  // The pushed certificate was issued first: it replaces the stored one, whose code stays valid.
  RAIDA_ASSIGN_OR_RETURN(const bool taken, CodeTaken(*context.store, pushed->second, input.pk));
  if (taken) {
    return core::MakeError(ErrorCode::kConflict, "certificate code already in use");
  }
  RAIDA_TRY(AddAlias(context, stored->second, input.pk));
  Json values = existing->values;
  for (const auto& item : input.values.items()) {
    values[item.key()] = item.value();
  }
  return Announce(context, input, values, ChangeOutcome::kApplied);
}

core::Status WithdrawCertificates(core::Store& store, const std::string& person_id,
                                  const Scopes& scopes) {
  RAIDA_ASSIGN_OR_RETURN(
      core::Statement ids,
      store.db().Prepare("SELECT id FROM certificate WHERE person_id = ? AND deleted = 0"));
  ids.Bind(1, person_id);
  std::vector<std::string> pks;
  while (true) {
    RAIDA_ASSIGN_OR_RETURN(const bool row, ids.Step());
    if (!row) {
      break;
    }
    pks.push_back(ids.ColumnText(0));
  }
  ids.Reset();
  const core::SyncedTable* table = core::FindSyncedTable("certificate");
  RAIDA_ASSIGN_OR_RETURN(core::Statement aliases,
                         store.db().Prepare("DELETE FROM certificate_alias WHERE "
                                            "certificate_id = ?"));
  for (const std::string& pk : pks) {
    const uint64_t stamp = store.hlc().Now();
    const Json tombstone = {{"deleted", 1}};
    RAIDA_TRY(UpdateRow(store, *table, pk, tombstone, stamp, 0));
    RAIDA_TRY(AppendChangeLogTo(store, scopes, table->name, pk, stamp, 0, tombstone.dump()));
    aliases.Reset();
    RAIDA_TRY(aliases.Bind(1, pk).Run());
  }
  return core::Ok();
}

}  // namespace raida::server::detail
