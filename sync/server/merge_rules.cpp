// The common checks every pushed change goes through, and the merge rules for people,
// learning progress and last-writer-wins rows; see merge_rules.h. Enrollment has its own file.
#include "merge_rules.h"

#include <algorithm>
#include <map>
#include <utility>

#include "notes_keys.h"
#include "progress_counter_rules.h"

namespace raida::server::detail {
namespace {

using core::ErrorCode;
using sync::ChangeOutcome;
using sync::ChangeResult;

// Columns holding the id of a parent row, and the parent's table.
const std::map<std::string, std::string>& ParentTables() {
  static const std::map<std::string, std::string> kParents = {
      // immutable after init
      {"home_center_id", "center"},     {"person_id", "person"}, {"offering_id", "course_offering"},
      {"session_id", "course_session"}, {"course_id", "course"}, {"plan_id", "action_plan"},
      {"goal_id", "plan_goal"},         {"center_id", "center"}};
  return kParents;
}

// Tables whose ids are derived from a parent and the person: a redirect changes the id too.
struct DerivedKey {
  const char* kind;
  const char* column;
  bool person_first;  // DeterministicId(kind, person, column) rather than (kind, column, person)
};
std::optional<DerivedKey> DeterministicKey(const std::string& table) {
  if (table == "enrollment") {
    return DerivedKey{"enrollment", "offering_id", false};
  }
  if (table == "attendance") {
    return DerivedKey{"attendance", "session_id", false};
  }
  if (table == "lesson_progress") {
    return DerivedKey{"progress", "lesson_id", true};
  }
  if (table == "certificate") {
    return DerivedKey{"certificate", "course_id", true};
  }
  return std::nullopt;
}

core::Result<ChangeResult> Reject(ApplyContext& context, const sync::PushChange& change,
                                  const std::string& reason) {
  // The same change from the same kiosk may come again under a new batch number (a kiosk
  // restored from a backup sends everything not acknowledged again): one open entry is enough.
  RAIDA_ASSIGN_OR_RETURN(
      core::Statement stmt,
      context.store->db().Prepare(
          "INSERT INTO quarantine(device_no, batch, seq, tbl, pk, reason, payload, at_ms, hlc) "
          "SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9 WHERE NOT EXISTS (SELECT 1 FROM quarantine "
          "WHERE status = 'open' AND device_no = ?1 AND tbl = ?4 AND pk = ?5 AND hlc = ?9 AND "
          "payload = ?7)"));
  stmt.Bind(1, context.device_no).Bind(2, context.batch).Bind(3, change.seq).Bind(4, change.table);
  stmt.Bind(5, change.pk).Bind(6, reason).Bind(7, change.cols_json).Bind(8, context.now_ms);
  stmt.Bind(9, static_cast<int64_t>(change.hlc));  // a retry is judged by the pushed stamp
  RAIDA_TRY(stmt.Run());
  return ChangeResult{change.seq, ChangeOutcome::kRejected, reason};
}

// ReadPerson, remembered for the rest of the batch (ApplyPerson forgets a person it writes);
// nullptr for no such person. The pointer is valid until the person is forgotten.
core::Result<const PersonInfo*> CachedPerson(ApplyContext& context, const std::string& id) {
  auto known = context.cache.people.find(id);
  if (known == context.cache.people.end()) {
    RAIDA_ASSIGN_OR_RETURN(auto person, ReadPerson(*context.store, id));
    if (!person) {
      return static_cast<const PersonInfo*>(nullptr);
    }
    known = context.cache.people.emplace(id, std::move(*person)).first;
  }
  return &known->second;
}

// Whether `table` has a row `id`; rows found are remembered for the rest of the batch. A person
// is read whole (ResolvePerson needs it next), so one lookup answers both.
core::Result<bool> Exists(ApplyContext& context, const std::string& table, const std::string& id) {
  if (table == "person") {
    RAIDA_ASSIGN_OR_RETURN(const PersonInfo* person, CachedPerson(context, id));
    return person != nullptr;
  }
  std::string key = table + '\x1f' + id;
  if (context.cache.existing.count(key) != 0) {
    return true;
  }
  RAIDA_ASSIGN_OR_RETURN(const bool exists, RowExists(*context.store, table, id));
  if (exists) {
    context.cache.existing.insert(std::move(key));
  }
  return exists;
}

core::Result<std::optional<std::string>> MissingParent(ApplyContext& context, const Json& values) {
  for (const auto& item : values.items()) {
    const auto parent = ParentTables().find(item.key());
    if (parent == ParentTables().end() || !item.value().is_string()) {
      continue;
    }
    RAIDA_ASSIGN_OR_RETURN(const bool exists, Exists(context, parent->second,
                                                     item.value().get_ref<const std::string&>()));
    if (!exists) {
      return std::optional<std::string>("missing_parent:" + item.key());
    }
  }
  return std::optional<std::string>();
}

// The id a pushed row gets once its person is redirected to `canonical`.
core::Result<std::string> RedirectedPk(core::Store& store, ChangeInput& input,
                                       const std::string& canonical) {
  if (input.table->name == "person") {
    return canonical;
  }
  if (input.table->name == "progress_counter") {
    input.absorb_into = canonical;  // the merged person's own row, added to the survivor's
    return input.pk;
  }
  if (input.values.contains("person_id")) {
    input.values["person_id"] = canonical;
    input.values_json = {};
  }
  const auto key = DeterministicKey(input.table->name);
  if (!key) {
    return input.pk;
  }
  std::string parent;
  if (input.values.contains(key->column) && input.values[key->column].is_string()) {
    parent = input.values[key->column].get<std::string>();
  } else {
    RAIDA_ASSIGN_OR_RETURN(const auto row, ReadRow(store, *input.table, input.pk));
    if (!row || !row->values[key->column].is_string()) {
      return core::MakeError(ErrorCode::kNotFound, std::string("missing_parent:") + key->column);
    }
    parent = row->values[key->column].get<std::string>();
  }
  return key->person_first ? core::DeterministicId(key->kind, canonical, parent)
                           : core::DeterministicId(key->kind, parent, canonical);
}

// Resolves the row's person: erased, redirected or fine. Sets input.scopes.
core::Result<std::optional<ChangeOutcome>> ResolvePerson(ApplyContext& context, ChangeInput& input,
                                                         std::string& redirect) {
  core::Store& store = *context.store;
  RAIDA_ASSIGN_OR_RETURN(const auto owner,
                         OwnerPerson(store, *input.table, input.pk, input.values));
  if (!owner) {
    input.scopes = {input.table->name == "audit_log" ? kServerScope : kDistrictScope};
    return std::optional<ChangeOutcome>();
  }
  RAIDA_ASSIGN_OR_RETURN(const PersonInfo* person, CachedPerson(context, *owner));
  if (!person) {
    if (input.table->name != "person") {
      return core::MakeError(ErrorCode::kNotFound, "missing_parent:person_id");
    }
    const auto center = input.values.find("home_center_id");
    input.scopes = {center != input.values.end() && center->is_string() ? center->get<std::string>()
                                                                        : ""};
    return std::optional<ChangeOutcome>();
  }
  if (person->erased) {
    return std::optional<ChangeOutcome>(ChangeOutcome::kErased);
  }
  input.scopes = person->scopes;
  if (!person->merged_into) {
    return std::optional<ChangeOutcome>();
  }
  RAIDA_ASSIGN_OR_RETURN(redirect, CanonicalPerson(store, *owner));
  RAIDA_ASSIGN_OR_RETURN(const auto canonical, ReadPerson(store, redirect));
  if (canonical && canonical->erased) {
    return std::optional<ChangeOutcome>(ChangeOutcome::kErased);
  }
  if (canonical) {
    input.scopes = canonical->scopes;
  }
  RAIDA_ASSIGN_OR_RETURN(input.pk, RedirectedPk(store, input, redirect));
  return std::optional<ChangeOutcome>(ChangeOutcome::kRedirected);
}

core::Result<std::optional<ChangeResult>> TakeMergeRequest(ApplyContext& context,
                                                           const sync::PushChange& change,
                                                           ChangeInput& input);

// The checks before any rule. Returns a final result, or nullopt to go on with `input`.
core::Result<std::optional<ChangeResult>> Prepare(ApplyContext& context,
                                                  const sync::PushChange& change,
                                                  ChangeInput& input, std::string& redirect) {
  const core::SyncedTable* table = core::FindSyncedTable(change.table);
  if (table == nullptr) {
    RAIDA_ASSIGN_OR_RETURN(auto rejected, Reject(context, change, "unknown_table"));
    return std::optional<ChangeResult>(rejected);
  }
  if (!table->captured) {
    RAIDA_ASSIGN_OR_RETURN(auto rejected, Reject(context, change, "read_only"));
    return std::optional<ChangeResult>(rejected);
  }
  input.table = table;
  input.pk = change.pk;
  input.values = Json::parse(change.cols_json, nullptr, /*allow_exceptions=*/false);
  input.values_json = change.cols_json;
  if (!input.values.is_object()) {
    RAIDA_ASSIGN_OR_RETURN(auto rejected, Reject(context, change, "bad_columns"));
    return std::optional<ChangeResult>(rejected);
  }
  for (const auto& item : input.values.items()) {
    bool known = false;
    for (const core::SyncedColumn& column : table->columns) {
      known = known || column.name == item.key();
    }
    if (!known) {
      RAIDA_ASSIGN_OR_RETURN(auto rejected,
                             Reject(context, change, "unknown_column:" + item.key()));
      return std::optional<ChangeResult>(rejected);
    }
  }
  if (table->name == "person") {
    RAIDA_ASSIGN_OR_RETURN(const auto decided, TakeMergeRequest(context, change, input));
    if (decided) {
      return decided;
    }
  }
  RAIDA_ASSIGN_OR_RETURN(const auto missing, MissingParent(context, input.values));
  if (missing) {
    RAIDA_ASSIGN_OR_RETURN(auto rejected, Reject(context, change, *missing));
    return std::optional<ChangeResult>(rejected);
  }
  auto resolved = ResolvePerson(context, input, redirect);
  if (!resolved.ok() && resolved.error().code == ErrorCode::kNotFound) {
    RAIDA_ASSIGN_OR_RETURN(auto rejected, Reject(context, change, resolved.error().message));
    return std::optional<ChangeResult>(rejected);
  }
  RAIDA_TRY(resolved);
  if (resolved.value() == ChangeOutcome::kErased) {
    return std::optional<ChangeResult>(ChangeResult{change.seq, ChangeOutcome::kErased, ""});
  }
  return std::optional<ChangeResult>();
}

void StampInput(ApplyContext& context, const sync::PushChange& change, ChangeInput& input) {
  core::HybridClock& clock = context.store->hlc();
  if (core::HlcMs(change.hlc) > context.now_ms + context.max_clock_ahead_ms) {
    input.hlc = clock.Now();  // a kiosk years ahead must not win every later edit
    input.origin = 0;
    ++context.clamped;
    return;
  }
  clock.Observe(change.hlc);
  input.hlc = change.hlc;
  input.origin = context.device_no;
}

core::Status LogChange(ApplyContext& context, const ChangeInput& input, const Json& cols,
                       uint64_t hlc, int64_t origin) {
  if (cols.empty()) {
    return core::Ok();
  }
  const bool as_pushed = &cols == &input.values && !input.values_json.empty();
  return AppendChangeLogTo(*context.store, input.scopes, input.table->name, input.pk, hlc, origin,
                           as_pushed ? std::string(input.values_json) : cols.dump());
}

// The stored values of the columns a change touched.
Json CurrentValues(const Row& row, const Json& pushed) {
  Json current = Json::object();
  for (const auto& item : pushed.items()) {
    current[item.key()] = row.values.value(item.key(), Json());
  }
  return current;
}

core::Result<std::map<std::string, std::pair<uint64_t, int64_t>>> FieldClocks(
    core::Store& store, const std::string& pk) {
  RAIDA_ASSIGN_OR_RETURN(
      core::Statement stmt,
      store.db().Prepare(
          "SELECT col, hlc, origin FROM field_clock WHERE tbl = 'person' AND pk = ?"));
  stmt.Bind(1, pk);
  std::map<std::string, std::pair<uint64_t, int64_t>> clocks;
  while (true) {
    RAIDA_ASSIGN_OR_RETURN(const bool row, stmt.Step());
    if (!row) {
      return clocks;
    }
    clocks[stmt.ColumnText(0)] = {static_cast<uint64_t>(stmt.ColumnInt(1)), stmt.ColumnInt(2)};
  }
}

core::Status SetFieldClocks(core::Store& store, const std::string& pk, const Json& columns,
                            uint64_t hlc, int64_t origin) {
  RAIDA_ASSIGN_OR_RETURN(core::Statement stmt,
                         store.db().Prepare("INSERT OR REPLACE INTO field_clock(tbl, pk, col, "
                                            "hlc, origin) VALUES ('person', ?, ?, ?, ?)"));
  for (const auto& item : columns.items()) {
    stmt.Reset();
    stmt.Bind(1, pk).Bind(2, item.key()).Bind(3, static_cast<int64_t>(hlc)).Bind(4, origin);
    RAIDA_TRY(stmt.Run());
  }
  return core::Ok();
}

// After a change the server answered "erased" or "redirected", the pushing kiosk's copy of the
// row under the pushed id no longer matches the server: the server sends that row again, under a
// fresh server stamp and origin 0 (so the pushing kiosk receives it too). A person is told the
// pushed columns (the rest never changed on the kiosk); any other row in full. A row the server
// does not hold (a new record of an erased person, or one redirected to another id) is stored
// as a tombstone first, so the kiosk's copy ends deleted like every other synced row. A pushed
// merged_into is told as the server holds it too: a refused merge request is undone that way,
// and a kiosk that sent a merged person's row again (restored from a backup, its copy of
// merged_into waiting in its outbox while the merge came down) learns the merge.
core::Status Resend(ApplyContext& context, const core::SyncedTable& table,
                    const sync::PushChange& change) {
  core::Store& store = *context.store;
  const Json pushed = Json::parse(change.cols_json, nullptr, /*allow_exceptions=*/false);
  RAIDA_ASSIGN_OR_RETURN(const auto row, ReadRow(store, table, change.pk));
  const bool person = table.name == "person";
  const uint64_t stamp = store.hlc().Now();
  Json values;
  if (row) {
    values = person ? CurrentValues(*row, pushed) : row->values;
    values.erase("erased");  // a person's erasure never comes from a kiosk
    if (values.empty()) {
      return core::Ok();
    }
    RAIDA_TRY(UpdateRow(store, table, change.pk, values, stamp, 0));
  } else {
    RAIDA_ASSIGN_OR_RETURN(const auto required, RequiredColumns(store, table.name));
    const bool whole = std::all_of(required.begin(), required.end(),
                                   [&](const std::string& name) { return pushed.contains(name); });
    if (person || !whole) {
      return core::Ok();  // a patch of a record the server never had: nothing to send
    }
    values = pushed;
    values["deleted"] = 1;
    RAIDA_TRY(InsertRow(store, table, change.pk, values, stamp, 0));
  }
  if (person) {
    RAIDA_TRY(SetFieldClocks(store, change.pk, values, stamp, 0));
  }
  RAIDA_ASSIGN_OR_RETURN(const Scopes scopes, ScopesOfRow(store, table, change.pk, values));
  return AppendChangeLogTo(store, scopes, table.name, change.pk, stamp, 0, values.dump());
}

// [SECTION] A kiosk's merge request (merge_rules.h, person)

// The center of the pushing device ("" when it is not registered).
core::Result<std::string> DeviceCenter(core::Store& store, int64_t device_no) {
  RAIDA_ASSIGN_OR_RETURN(
      core::Statement stmt,
      store.db().Prepare("SELECT center_id FROM server_device WHERE device_no = ?"));
  stmt.Bind(1, device_no);
  RAIDA_ASSIGN_OR_RETURN(const bool found, stmt.Step());
  return found ? stmt.ColumnText(0) : std::string();
}

bool HeldAt(const PersonInfo& person, const std::string& center) {
  return std::find(person.scopes.begin(), person.scopes.end(), center) != person.scopes.end();
}

// Why the request to merge `loser` into `winner_id` cannot be carried out ("" when it can), for
// people that exist.
std::string MergeRefusal(const PersonInfo& loser, const std::string& loser_id,
                         const PersonInfo* winner, const std::string& winner_id,
                         const std::string& center) {
  if (winner_id == loser_id) {
    return "same_person";
  }
  if (winner == nullptr) {
    return "unknown_winner";
  }
  if (loser.erased || winner->erased) {
    return "erased";
  }
  if (loser.merged_into) {
    return "already_merged";
  }
  if (winner->merged_into) {
    return "winner_merged";
  }
  if (center.empty() || !HeldAt(loser, center) || !HeldAt(*winner, center)) {
    return "other_center";
  }
  return "";
}

// Takes a person change's erased and merged_into out of its values (the server's alone) and
// judges a merge request (merged_into = a winner's id): nullopt to go on (an accepted request is
// left in input.merge_into for ApplyChange), or the final result: "applied" for a request
// already carried out, or refused, set aside and the row sent back as the server holds it.
core::Result<std::optional<ChangeResult>> TakeMergeRequest(ApplyContext& context,
                                                           const sync::PushChange& change,
                                                           ChangeInput& input) {
  const auto pushed = input.values.find("merged_into");
  const Json requested = pushed != input.values.end() ? *pushed : Json();
  if (input.values.erase("erased") + input.values.erase("merged_into") > 0) {
    input.values_json = {};
  }
  if (requested.is_null()) {
    return std::optional<ChangeResult>();
  }
  RAIDA_ASSIGN_OR_RETURN(const PersonInfo* loser, CachedPerson(context, change.pk));
  std::string why = requested.is_string() ? "" : "bad_value";
  if (why.empty() && loser == nullptr) {
    why = "unknown_person";
  }
  if (why.empty()) {
    const std::string& winner_id = requested.get_ref<const std::string&>();
    if (loser->merged_into == winner_id && !loser->erased) {
      // Already done (a second push of the same request): nothing more to merge.
      return input.values.empty() ? std::optional<ChangeResult>(
                                        ChangeResult{change.seq, ChangeOutcome::kApplied, ""})
                                  : std::optional<ChangeResult>();
    }
    RAIDA_ASSIGN_OR_RETURN(const PersonInfo* winner, CachedPerson(context, winner_id));
    RAIDA_ASSIGN_OR_RETURN(const std::string center,
                           DeviceCenter(*context.store, context.device_no));
    why = MergeRefusal(*loser, change.pk, winner, winner_id, center);
    if (why.empty()) {
      input.merge_into = winner_id;
      return std::optional<ChangeResult>();
    }
  }
  RAIDA_ASSIGN_OR_RETURN(auto rejected, Reject(context, change, "merge_refused:" + why));
  RAIDA_TRY(Resend(context, *input.table, change));
  return std::optional<ChangeResult>(rejected);
}

// Carries out an accepted merge request (after the row's other columns were applied).
core::Status CarryOutMerge(ApplyContext& context, const ChangeInput& input) {
  const std::string& winner_id = *input.merge_into;
  context.cache.people.erase(input.pk);
  context.cache.people.erase(winner_id);
  RAIDA_ASSIGN_OR_RETURN(const auto loser, ReadPerson(*context.store, input.pk));
  RAIDA_ASSIGN_OR_RETURN(const auto winner, ReadPerson(*context.store, winner_id));
  RAIDA_CHECK(loser.has_value() && winner.has_value());
  RAIDA_TRY(MergePerson(*context.store, input.pk, *loser, winner_id, *winner));
  // The winner may now be held at more centers: read both afresh when next named.
  context.cache.people.erase(input.pk);
  context.cache.people.erase(winner_id);
  return core::Ok();
}

// The table's rule: one upsert for plain last-writer-wins rows, else the row read and its rule.
core::Result<ChangeResult> ApplyRule(ApplyContext& context, const ChangeInput& input) {
  const std::string& name = input.table->name;
  const bool own_rule = name == "person" || name == "lesson_progress" || name == "enrollment" ||
                        name == "certificate" || name == "progress_counter";
  if (!own_rule) {
    return UpsertRowLww(context, input);
  }
  if (name == "person") {
    context.cache.people.erase(input.pk);
  }
  RAIDA_ASSIGN_OR_RETURN(const auto existing, ReadRow(*context.store, *input.table, input.pk));
  return name == "person"             ? ApplyPerson(context, input, existing)
         : name == "lesson_progress"  ? ApplyProgress(context, input, existing)
         : name == "progress_counter" ? ApplyCounter(context, input, existing)
         : name == "certificate"      ? ApplyCertificate(context, input, existing)
                                      : ApplyEnrollment(context, input, existing);
}

}  // namespace

core::Result<ChangeResult> ApplyChange(ApplyContext& context, const sync::PushChange& change) {
  ChangeInput input;
  std::string redirect;
  RAIDA_ASSIGN_OR_RETURN(const auto early, Prepare(context, change, input, redirect));
  if (early) {
    if (early->outcome == ChangeOutcome::kErased) {
      RAIDA_TRY(Resend(context, *input.table, change));
    }
    return *early;
  }
  // A person's notes key is written once (notes_keys.h).
  RAIDA_ASSIGN_OR_RETURN(const auto key_refused, NotesKeyRefusal(*context.store, input));
  if (key_refused) {
    return Reject(context, change, *key_refused);
  }
  RAIDA_ASSIGN_OR_RETURN(const bool key_kept, KeepHeldNotesKey(*context.store, input));
  // Only a device adds to its own lesson time counter.
  RAIDA_ASSIGN_OR_RETURN(const auto counter_refused, CounterRefusal(context, input));
  if (counter_refused) {
    return Reject(context, change, *counter_refused);
  }
  StampInput(context, change, input);
  if (!redirect.empty()) {
    input.origin = 0;  // the server rewrote the change: the pushing kiosk must receive it too
  }
  // A merge request alone has no columns of its own to apply.
  auto applied = input.merge_into && input.values.empty()
                     ? core::Result<ChangeResult>(ChangeResult{0, ChangeOutcome::kApplied, ""})
                     : ApplyRule(context, input);
  if (!applied.ok() && applied.error().code == ErrorCode::kConflict) {
    // A CHECK, NOT NULL or UNIQUE constraint: the statement was undone, the batch goes on.
    return Reject(context, change, "constraint: " + applied.error().message);
  }
  RAIDA_TRY(applied);
  if (input.merge_into) {
    RAIDA_TRY(CarryOutMerge(context, input));
  }
  ChangeResult result = applied.value();
  result.seq = change.seq;
  if (key_kept) {
    // The key goes (again) to the kiosks of the center, the one that lacks it included.
    RAIDA_TRY(Resend(context, *input.table,
                     sync::PushChange{change.seq, change.table, change.pk, change.hlc,
                                      R"({"notes_key":null})"}));
  }
  if (!redirect.empty()) {
    // Whatever the rule decided for the surviving person's row, the kiosk's row is replaced.
    RAIDA_TRY(Resend(context, *input.table, change));
    result = ChangeResult{change.seq, ChangeOutcome::kRedirected, redirect};
  }
  return result;
}

core::Result<ChangeResult> ApplyPerson(ApplyContext& context, const ChangeInput& input,
                                       const std::optional<Row>& existing) {
  core::Store& store = *context.store;
  if (!existing) {
    RAIDA_TRY(InsertRow(store, *input.table, input.pk, input.values, input.hlc, input.origin));
    RAIDA_TRY(SetFieldClocks(store, input.pk, input.values, input.hlc, input.origin));
    RAIDA_TRY(LogChange(context, input, input.values, input.hlc, input.origin));
    return ChangeResult{0, ChangeOutcome::kApplied, ""};
  }
  RAIDA_ASSIGN_OR_RETURN(const auto clocks, FieldClocks(store, input.pk));
  Json wins = Json::object();
  std::map<std::pair<uint64_t, int64_t>, Json> losses;  // by the stamp of the value that won
  for (const auto& item : input.values.items()) {
    const auto clock = clocks.find(item.key());
    const auto [hlc, origin] =
        clock != clocks.end() ? clock->second : std::make_pair(existing->hlc, existing->origin);
    if (Newer(input.hlc, input.origin, hlc, origin)) {
      wins[item.key()] = item.value();
    } else {
      losses[{hlc, origin}][item.key()] = existing->values.value(item.key(), Json());
    }
  }
  if (!wins.empty()) {
    const bool newer_row = Newer(input.hlc, input.origin, existing->hlc, existing->origin);
    RAIDA_TRY(UpdateRow(store, *input.table, input.pk, wins, newer_row ? input.hlc : existing->hlc,
                        newer_row ? input.origin : existing->origin));
    RAIDA_TRY(SetFieldClocks(store, input.pk, wins, input.hlc, input.origin));
    RAIDA_TRY(LogChange(context, input, wins, input.hlc, input.origin));
  }
  // Tell the pushing kiosk which of its values lost: the server's values, each with its own stamp.
  for (const auto& [stamp, values] : losses) {
    RAIDA_TRY(LogChange(context, input, values, stamp.first, stamp.second));
  }
  return ChangeResult{0, wins.empty() ? ChangeOutcome::kSuperseded : ChangeOutcome::kApplied, ""};
}

core::Result<ChangeResult> ApplyProgress(ApplyContext& context, const ChangeInput& input,
                                         const std::optional<Row>& existing) {
  if (!existing) {
    return ApplyRowLww(context, input, existing);
  }
  const bool newer = Newer(input.hlc, input.origin, existing->hlc, existing->origin);
  Json merged = Json::object();
  bool raised_by_server = false;
  for (const auto& item : input.values.items()) {
    const std::string& column = item.key();
    const Json& stored = existing->values.value(column, Json());
    // (`seconds` is a progress_counter's: one device's running total, progress_counter_rules.h.)
    const bool monotonic = column == "page" || column == "best_score" ||
                           column == "seconds_spent" || column == "seconds" ||
                           column == "completed";
    if (!monotonic) {
      merged[column] = newer ? item.value() : stored;
      raised_by_server = raised_by_server || (!newer && stored != item.value());
      continue;
    }
    const int64_t pushed = item.value().is_number_integer() ? item.value().get<int64_t>() : 0;
    const int64_t have = stored.is_number_integer() ? stored.get<int64_t>() : 0;
    merged[column] = std::max(pushed, have);  // completed is 0/1: max is the OR
    raised_by_server = raised_by_server || have > pushed;
  }
  Json writes = Json::object();
  for (const auto& item : merged.items()) {
    if (existing->values.value(item.key(), Json()) != item.value()) {
      writes[item.key()] = item.value();
    }
  }
  if (newer && !raised_by_server) {
    // The push as it came: its values and its stamp (a newer stamp is kept even when no value
    // changed, so that older writes keep losing).
    RAIDA_TRY(UpdateRow(*context.store, *input.table, input.pk, writes, input.hlc, input.origin));
    RAIDA_TRY(LogChange(context, input, writes, input.hlc, input.origin));
    return ChangeResult{0, ChangeOutcome::kApplied, ""};
  }
  if (writes.empty() && !raised_by_server) {
    return ChangeResult{0, ChangeOutcome::kApplied, ""};  // an older push of the same values
  }
  // The server merged: its own decision, under its own stamp, newer than either side, so every
  // kiosk (the pushing one included) takes the merged values.
  const uint64_t stamp = context.store->hlc().Now();
  RAIDA_TRY(UpdateRow(*context.store, *input.table, input.pk, writes, stamp, 0));
  RAIDA_TRY(LogChange(context, input, merged, stamp, 0));
  return ChangeResult{0, writes.empty() ? ChangeOutcome::kSuperseded : ChangeOutcome::kApplied, ""};
}

core::Result<ChangeResult> UpsertRowLww(ApplyContext& context, const ChangeInput& input) {
  core::Store& store = *context.store;
  auto required = context.cache.required.find(input.table->name);
  if (required == context.cache.required.end()) {
    RAIDA_ASSIGN_OR_RETURN(auto names, RequiredColumns(store, input.table->name));
    required = context.cache.required.emplace(input.table->name, std::move(names)).first;
  }
  const bool insertable =
      std::all_of(required->second.begin(), required->second.end(),
                  [&](const std::string& name) { return input.values.contains(name); });
  RAIDA_ASSIGN_OR_RETURN(const bool written,
                         UpsertRowIfNewer(store, *input.table, input.pk, input.values, input.hlc,
                                          input.origin, insertable));
  if (written) {
    RAIDA_TRY(LogChange(context, input, input.values, input.hlc, input.origin));
    return ChangeResult{0, ChangeOutcome::kApplied, ""};
  }
  if (input.table->append_only) {
    return ChangeResult{0, ChangeOutcome::kApplied, ""};  // the same entry sent again
  }
  RAIDA_ASSIGN_OR_RETURN(const auto existing, ReadRow(store, *input.table, input.pk));
  RAIDA_CHECK(existing.has_value());
  RAIDA_TRY(LogChange(context, input, CurrentValues(*existing, input.values), existing->hlc,
                      existing->origin));
  return ChangeResult{0, ChangeOutcome::kSuperseded, ""};
}

core::Result<ChangeResult> ApplyRowLww(ApplyContext& context, const ChangeInput& input,
                                       const std::optional<Row>& existing) {
  core::Store& store = *context.store;
  if (!existing) {
    RAIDA_TRY(InsertRow(store, *input.table, input.pk, input.values, input.hlc, input.origin));
    RAIDA_TRY(LogChange(context, input, input.values, input.hlc, input.origin));
    return ChangeResult{0, ChangeOutcome::kApplied, ""};
  }
  if (input.table->append_only) {
    return ChangeResult{0, ChangeOutcome::kApplied, ""};  // the same entry sent again
  }
  if (!Newer(input.hlc, input.origin, existing->hlc, existing->origin)) {
    RAIDA_TRY(LogChange(context, input, CurrentValues(*existing, input.values), existing->hlc,
                        existing->origin));
    return ChangeResult{0, ChangeOutcome::kSuperseded, ""};
  }
  RAIDA_TRY(UpdateRow(store, *input.table, input.pk, input.values, input.hlc, input.origin));
  RAIDA_TRY(LogChange(context, input, input.values, input.hlc, input.origin));
  return ChangeResult{0, ChangeOutcome::kApplied, ""};
}

}  // namespace raida::server::detail
