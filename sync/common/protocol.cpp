// The sync protocol's JSON codec: compact serialization and strict parsing of requests and
// replies (raida/sync/protocol.h). Serialization writes the text directly (a change's cols are
// already compact JSON, spliced in as they are), so a 1,000-change batch costs one pass over
// its bytes; parsing goes through json_reader.h, which refuses anything the contract does not
// name.
#include "raida/sync/protocol.h"

#include <limits>

#include "json_reader.h"

namespace raida::sync {
namespace {

using detail::Json;
using detail::Malformed;

constexpr int64_t kMaxInt = std::numeric_limits<int64_t>::max();
constexpr size_t kMaxNameBytes = 64;   // table names, app versions, outcomes
constexpr size_t kMaxPkBytes = 256;    // row ids
constexpr size_t kMaxEpochBytes = 64;  // hex digits of a db_epoch
constexpr size_t kMaxDetailBytes = 1024;

void AppendInt(std::string& out, int64_t value) { out += std::to_string(value); }
void AppendUint(std::string& out, uint64_t value) { out += std::to_string(value); }
void AppendCols(std::string& out, const std::string& cols_json) {
  out += cols_json.empty() ? "{}" : cols_json;
}

void AppendPush(std::string& out, const PushBatch& push) {
  out += ",\"push\":{\"batch\":";
  AppendInt(out, push.batch);
  out += ",\"first\":";
  AppendInt(out, push.first);
  out += ",\"last\":";
  AppendInt(out, push.last);
  out += ",\"changes\":[";
  for (size_t i = 0; i < push.changes.size(); ++i) {
    const PushChange& change = push.changes[i];
    out += i == 0 ? "[" : ",[";
    AppendInt(out, change.seq);
    out.push_back(',');
    detail::AppendJsonString(out, change.table);
    out.push_back(',');
    detail::AppendJsonString(out, change.pk);
    out.push_back(',');
    AppendUint(out, change.hlc);
    out.push_back(',');
    AppendCols(out, change.cols_json);
    out.push_back(']');
  }
  out += "]}";
}

void AppendAck(std::string& out, const Ack& ack) {
  out += ",\"ack\":{\"batch\":";
  AppendInt(out, ack.batch);
  out += ack.replayed ? ",\"replayed\":true" : ",\"replayed\":false";
  out += ",\"results\":[";
  bool first = true;
  for (const ChangeResult& result : ack.results) {
    if (result.outcome == ChangeOutcome::kApplied) {
      continue;  // only the exceptions travel
    }
    out += first ? "[" : ",[";
    first = false;
    AppendInt(out, result.seq);
    out.push_back(',');
    detail::AppendJsonString(out, ChangeOutcomeName(result.outcome));
    if (!result.detail.empty()) {
      out.push_back(',');
      detail::AppendJsonString(out, result.detail);
    }
    out.push_back(']');
  }
  out += "]}";
}

void AppendPulled(std::string& out, const std::vector<PulledChange>& changes) {
  out += "\"changes\":[";
  for (size_t i = 0; i < changes.size(); ++i) {
    const PulledChange& change = changes[i];
    out += i == 0 ? "[" : ",[";
    AppendInt(out, change.server_seq);
    out.push_back(',');
    detail::AppendJsonString(out, change.table);
    out.push_back(',');
    detail::AppendJsonString(out, change.pk);
    out.push_back(',');
    AppendUint(out, change.hlc);
    out.push_back(',');
    AppendInt(out, change.origin);
    out.push_back(',');
    AppendCols(out, change.cols_json);
    out.push_back(']');
  }
  out.push_back(']');
}

std::string Path(const std::string& parent, size_t index) {
  return parent + "[" + std::to_string(index) + "]";
}

core::Result<PushChange> ParsePushChange(const Json& item, const std::string& path) {
  RAIDA_TRY(detail::ExpectArray(item, path, 5, 5));
  PushChange change;
  RAIDA_ASSIGN_OR_RETURN(change.seq, detail::ReadInt(item[0], Path(path, 0), 1, kMaxInt));
  RAIDA_ASSIGN_OR_RETURN(change.table, detail::ReadText(item[1], Path(path, 1), 1, kMaxNameBytes));
  RAIDA_ASSIGN_OR_RETURN(change.pk, detail::ReadText(item[2], Path(path, 2), 1, kMaxPkBytes));
  RAIDA_ASSIGN_OR_RETURN(change.hlc, detail::ReadUint(item[3], Path(path, 3)));
  RAIDA_ASSIGN_OR_RETURN(change.cols_json, detail::ReadCols(item[4], Path(path, 4)));
  return change;
}

core::Status ParseChanges(const Json& changes, PushBatch& push) {
  RAIDA_TRY(detail::ExpectArray(changes, "push.changes", 0, kMaxChangesPerBatch));
  push.changes.reserve(changes.size());
  int64_t previous = 0;
  for (size_t i = 0; i < changes.size(); ++i) {
    const std::string path = Path("push.changes", i);
    RAIDA_ASSIGN_OR_RETURN(PushChange change, ParsePushChange(changes[i], path));
    if (change.seq < push.first || change.seq > push.last) {
      return Malformed(path + "[0]", "seq " + std::to_string(change.seq) + " outside first..last");
    }
    if (change.seq <= previous) {
      return Malformed(path + "[0]", "seq numbers must increase");
    }
    previous = change.seq;
    push.changes.push_back(std::move(change));
  }
  return core::Ok();
}

core::Result<PushBatch> ParsePush(const Json& value) {
  RAIDA_TRY(detail::ExpectObject(value, "push", {"batch", "first", "last", "changes"}));
  PushBatch push;
  RAIDA_ASSIGN_OR_RETURN(const Json* batch, detail::Member(value, "push", "batch"));
  RAIDA_ASSIGN_OR_RETURN(push.batch, detail::ReadInt(*batch, "push.batch", 1, kMaxInt));
  RAIDA_ASSIGN_OR_RETURN(const Json* first, detail::Member(value, "push", "first"));
  RAIDA_ASSIGN_OR_RETURN(push.first, detail::ReadInt(*first, "push.first", 1, kMaxInt));
  RAIDA_ASSIGN_OR_RETURN(const Json* last, detail::Member(value, "push", "last"));
  RAIDA_ASSIGN_OR_RETURN(push.last, detail::ReadInt(*last, "push.last", 1, kMaxInt));
  if (push.last < push.first) {
    return Malformed("push.last", "must not be below push.first");
  }
  RAIDA_ASSIGN_OR_RETURN(const Json* changes, detail::Member(value, "push", "changes"));
  RAIDA_TRY(ParseChanges(*changes, push));
  return push;
}

core::Status ParsePull(const Json& value, SyncRequest& request) {
  RAIDA_TRY(detail::ExpectObject(value, "pull", {"cursor", "max_bytes"}));
  RAIDA_ASSIGN_OR_RETURN(const Json* cursor, detail::Member(value, "pull", "cursor"));
  RAIDA_ASSIGN_OR_RETURN(request.cursor, detail::ReadInt(*cursor, "pull.cursor", 0, kMaxInt));
  RAIDA_ASSIGN_OR_RETURN(const Json* max_bytes, detail::Member(value, "pull", "max_bytes"));
  RAIDA_ASSIGN_OR_RETURN(
      request.max_bytes,
      detail::ReadInt(*max_bytes, "pull.max_bytes", 1, static_cast<int64_t>(kMaxInflatedBytes)));
  return core::Ok();
}

core::Status ParseClock(const Json& value, SyncRequest& request) {
  RAIDA_TRY(detail::ExpectObject(value, "clock", {"local_ms", "hlc"}));
  RAIDA_ASSIGN_OR_RETURN(const Json* local_ms, detail::Member(value, "clock", "local_ms"));
  RAIDA_ASSIGN_OR_RETURN(request.local_ms,
                         detail::ReadInt(*local_ms, "clock.local_ms", 0, kMaxInt));
  RAIDA_ASSIGN_OR_RETURN(const Json* hlc, detail::Member(value, "clock", "hlc"));
  RAIDA_ASSIGN_OR_RETURN(request.hlc, detail::ReadUint(*hlc, "clock.hlc"));
  return core::Ok();
}

core::Result<KioskHealth> ParseHealth(const Json& value) {
  RAIDA_TRY(detail::ExpectObject(value, "health", {"pending", "oldest_age_ms", "disk_free"}));
  KioskHealth health;
  RAIDA_ASSIGN_OR_RETURN(const Json* pending, detail::Member(value, "health", "pending"));
  RAIDA_ASSIGN_OR_RETURN(health.pending, detail::ReadInt(*pending, "health.pending", 0, kMaxInt));
  RAIDA_ASSIGN_OR_RETURN(const Json* age, detail::Member(value, "health", "oldest_age_ms"));
  RAIDA_ASSIGN_OR_RETURN(health.oldest_age_ms,
                         detail::ReadInt(*age, "health.oldest_age_ms", 0, kMaxInt));
  RAIDA_ASSIGN_OR_RETURN(const Json* disk, detail::Member(value, "health", "disk_free"));
  RAIDA_ASSIGN_OR_RETURN(health.disk_free_bytes,
                         detail::ReadInt(*disk, "health.disk_free", -1, kMaxInt));
  return health;
}

core::Status CheckHex(const std::string& text, const std::string& path) {
  for (const char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return Malformed(path, "expected lower-case hex digits");
    }
  }
  return core::Ok();
}

core::Status ParseRequestHead(const Json& root, SyncRequest& request) {
  RAIDA_ASSIGN_OR_RETURN(const Json* v, detail::Member(root, "", "v"));
  RAIDA_ASSIGN_OR_RETURN(const int64_t version, detail::ReadInt(*v, "v", 1, 1 << 20));
  request.v = static_cast<int>(version);
  RAIDA_ASSIGN_OR_RETURN(const Json* device, detail::Member(root, "", "device"));
  RAIDA_ASSIGN_OR_RETURN(request.device, detail::ReadInt(*device, "device", 1, 0xFFFFFFFF));
  RAIDA_ASSIGN_OR_RETURN(const Json* epoch, detail::Member(root, "", "epoch"));
  RAIDA_ASSIGN_OR_RETURN(request.epoch, detail::ReadText(*epoch, "epoch", 1, kMaxEpochBytes));
  RAIDA_TRY(CheckHex(request.epoch, "epoch"));
  RAIDA_ASSIGN_OR_RETURN(const Json* schema, detail::Member(root, "", "schema"));
  RAIDA_ASSIGN_OR_RETURN(const int64_t schema_version,
                         detail::ReadInt(*schema, "schema", 1, 1 << 20));
  request.schema = static_cast<int>(schema_version);
  RAIDA_ASSIGN_OR_RETURN(const Json* app, detail::Member(root, "", "app"));
  RAIDA_ASSIGN_OR_RETURN(request.app, detail::ReadText(*app, "app", 0, kMaxNameBytes));
  return core::Ok();
}

core::Result<ChangeResult> ParseResult(const Json& item, const std::string& path) {
  RAIDA_TRY(detail::ExpectArray(item, path, 2, 3));
  ChangeResult result;
  RAIDA_ASSIGN_OR_RETURN(result.seq, detail::ReadInt(item[0], Path(path, 0), 1, kMaxInt));
  RAIDA_ASSIGN_OR_RETURN(const std::string name,
                         detail::ReadText(item[1], Path(path, 1), 1, kMaxNameBytes));
  const auto outcome = ParseChangeOutcome(name);
  if (!outcome) {
    return Malformed(Path(path, 1), "unknown outcome \"" + name + "\"");
  }
  result.outcome = *outcome;
  if (item.size() == 3) {
    RAIDA_ASSIGN_OR_RETURN(result.detail,
                           detail::ReadText(item[2], Path(path, 2), 0, kMaxDetailBytes));
  }
  return result;
}

core::Result<Ack> ParseAck(const Json& value) {
  RAIDA_TRY(detail::ExpectObject(value, "ack", {"batch", "replayed", "results"}));
  Ack ack;
  RAIDA_ASSIGN_OR_RETURN(const Json* batch, detail::Member(value, "ack", "batch"));
  RAIDA_ASSIGN_OR_RETURN(ack.batch, detail::ReadInt(*batch, "ack.batch", 1, kMaxInt));
  RAIDA_ASSIGN_OR_RETURN(const Json* replayed, detail::Member(value, "ack", "replayed"));
  RAIDA_ASSIGN_OR_RETURN(ack.replayed, detail::ReadBool(*replayed, "ack.replayed"));
  RAIDA_ASSIGN_OR_RETURN(const Json* results, detail::Member(value, "ack", "results"));
  RAIDA_TRY(detail::ExpectArray(*results, "ack.results", 0, kMaxChangesPerBatch));
  for (size_t i = 0; i < results->size(); ++i) {
    RAIDA_ASSIGN_OR_RETURN(ChangeResult result, ParseResult((*results)[i], Path("ack.results", i)));
    ack.results.push_back(std::move(result));
  }
  return ack;
}

core::Result<PulledChange> ParsePulledChange(const Json& item, const std::string& path) {
  RAIDA_TRY(detail::ExpectArray(item, path, 6, 6));
  PulledChange change;
  RAIDA_ASSIGN_OR_RETURN(change.server_seq, detail::ReadInt(item[0], Path(path, 0), 1, kMaxInt));
  RAIDA_ASSIGN_OR_RETURN(change.table, detail::ReadText(item[1], Path(path, 1), 1, kMaxNameBytes));
  RAIDA_ASSIGN_OR_RETURN(change.pk, detail::ReadText(item[2], Path(path, 2), 1, kMaxPkBytes));
  RAIDA_ASSIGN_OR_RETURN(change.hlc, detail::ReadUint(item[3], Path(path, 3)));
  RAIDA_ASSIGN_OR_RETURN(change.origin, detail::ReadInt(item[4], Path(path, 4), 0, 0xFFFFFFFF));
  RAIDA_ASSIGN_OR_RETURN(change.cols_json, detail::ReadCols(item[5], Path(path, 5)));
  return change;
}

core::Status ParsePullReply(const Json& value, SyncResponse& response) {
  RAIDA_TRY(detail::ExpectObject(value, "pull", {"changes", "next", "more", "digest_due"}));
  RAIDA_ASSIGN_OR_RETURN(const Json* changes, detail::Member(value, "pull", "changes"));
  RAIDA_TRY(detail::ExpectArray(*changes, "pull.changes", 0, kMaxInflatedBytes));
  int64_t previous = 0;
  for (size_t i = 0; i < changes->size(); ++i) {
    const std::string path = Path("pull.changes", i);
    RAIDA_ASSIGN_OR_RETURN(PulledChange change, ParsePulledChange((*changes)[i], path));
    if (change.server_seq <= previous) {
      return Malformed(path + "[0]", "server_seq numbers must increase");
    }
    previous = change.server_seq;
    response.changes.push_back(std::move(change));
  }
  RAIDA_ASSIGN_OR_RETURN(const Json* next, detail::Member(value, "pull", "next"));
  RAIDA_ASSIGN_OR_RETURN(response.next, detail::ReadInt(*next, "pull.next", 0, kMaxInt));
  if (previous > response.next) {
    return Malformed("pull.next", "below the last server_seq of the page");
  }
  RAIDA_ASSIGN_OR_RETURN(const Json* more, detail::Member(value, "pull", "more"));
  RAIDA_ASSIGN_OR_RETURN(response.more, detail::ReadBool(*more, "pull.more"));
  if (value.contains("digest_due")) {
    RAIDA_ASSIGN_OR_RETURN(response.digest_due,
                           detail::ReadBool(value["digest_due"], "pull.digest_due"));
  }
  return core::Ok();
}

core::Result<std::vector<SettledChange>> ParseSettled(const Json& value) {
  RAIDA_TRY(detail::ExpectArray(value, "settled", 1, kMaxSetAsideAsked));
  std::vector<SettledChange> settled;
  for (size_t i = 0; i < value.size(); ++i) {
    const std::string path = Path("settled", i);
    const Json& item = value[i];
    RAIDA_TRY(detail::ExpectArray(item, path, 4, 4));
    SettledChange change;
    RAIDA_ASSIGN_OR_RETURN(change.seq, detail::ReadInt(item[0], Path(path, 0), 1, kMaxInt));
    RAIDA_ASSIGN_OR_RETURN(change.table,
                           detail::ReadText(item[1], Path(path, 1), 1, kMaxNameBytes));
    RAIDA_ASSIGN_OR_RETURN(change.pk, detail::ReadText(item[2], Path(path, 2), 1, kMaxPkBytes));
    RAIDA_ASSIGN_OR_RETURN(const std::string status,
                           detail::ReadText(item[3], Path(path, 3), 1, kMaxNameBytes));
    if (status != "accepted" && status != "discarded") {
      return detail::Malformed(Path(path, 3), "must be \"accepted\" or \"discarded\"");
    }
    change.accepted = status == "accepted";
    settled.push_back(std::move(change));
  }
  return settled;
}

core::Status ParseHints(const Json& value, SyncResponse& response) {
  RAIDA_TRY(detail::ExpectObject(value, "hints", {"batch_bytes"}));
  if (value.contains("batch_bytes")) {
    RAIDA_ASSIGN_OR_RETURN(response.batch_bytes,
                           detail::ReadInt(value["batch_bytes"], "hints.batch_bytes", 0,
                                           static_cast<int64_t>(kMaxBodyBytes)));
  }
  return core::Ok();
}

}  // namespace

const char* ChangeOutcomeName(ChangeOutcome outcome) {
  switch (outcome) {
    case ChangeOutcome::kApplied:
      return "applied";
    case ChangeOutcome::kSuperseded:
      return "superseded";
    case ChangeOutcome::kWaitlisted:
      return "waitlisted";
    case ChangeOutcome::kRedirected:
      return "redirected";
    case ChangeOutcome::kRejected:
      return "rejected";
    case ChangeOutcome::kErased:
      return "erased";
  }
  return "rejected";
}

std::optional<ChangeOutcome> ParseChangeOutcome(std::string_view name) {
  for (const ChangeOutcome outcome :
       {ChangeOutcome::kApplied, ChangeOutcome::kSuperseded, ChangeOutcome::kWaitlisted,
        ChangeOutcome::kRedirected, ChangeOutcome::kRejected, ChangeOutcome::kErased}) {
    if (name == ChangeOutcomeName(outcome)) {
      return outcome;
    }
  }
  return std::nullopt;
}

std::string SerializeRequest(const SyncRequest& request) {
  std::string out = "{\"v\":";
  AppendInt(out, request.v);
  out += ",\"device\":";
  AppendInt(out, request.device);
  out += ",\"epoch\":";
  detail::AppendJsonString(out, request.epoch);
  out += ",\"schema\":";
  AppendInt(out, request.schema);
  out += ",\"app\":";
  detail::AppendJsonString(out, request.app);
  if (request.push) {
    AppendPush(out, *request.push);
  }
  out += ",\"pull\":{\"cursor\":";
  AppendInt(out, request.cursor);
  out += ",\"max_bytes\":";
  AppendInt(out, request.max_bytes);
  out += "},\"clock\":{\"local_ms\":";
  AppendInt(out, request.local_ms);
  out += ",\"hlc\":";
  AppendUint(out, request.hlc);
  out += "}";
  if (request.health) {
    out += ",\"health\":{\"pending\":";
    AppendInt(out, request.health->pending);
    out += ",\"oldest_age_ms\":";
    AppendInt(out, request.health->oldest_age_ms);
    out += ",\"disk_free\":";
    AppendInt(out, request.health->disk_free_bytes);
    out += "}";
  }
  if (request.reconcile) {
    out += ",\"reconcile\":true";
  }
  if (request.acked >= 0) {
    out += ",\"acked\":";
    AppendInt(out, request.acked);
  }
  if (!request.set_aside.empty()) {
    out += ",\"set_aside\":[";
    for (size_t i = 0; i < request.set_aside.size(); ++i) {
      if (i > 0) {
        out.push_back(',');
      }
      AppendInt(out, request.set_aside[i]);
    }
    out.push_back(']');
  }
  out += "}";
  return out;
}

core::Result<SyncRequest> ParseRequest(std::string_view json) {
  RAIDA_ASSIGN_OR_RETURN(const Json root, detail::ParseStrict(json, kMaxJsonDepth));
  RAIDA_TRY(detail::ExpectObject(root, "",
                                 {"v", "device", "epoch", "schema", "app", "push", "pull", "clock",
                                  "health", "reconcile", "set_aside", "acked"}));
  SyncRequest request;
  RAIDA_TRY(ParseRequestHead(root, request));
  if (root.contains("push")) {
    RAIDA_ASSIGN_OR_RETURN(request.push, ParsePush(root["push"]));
  }
  RAIDA_ASSIGN_OR_RETURN(const Json* pull, detail::Member(root, "", "pull"));
  RAIDA_TRY(ParsePull(*pull, request));
  RAIDA_ASSIGN_OR_RETURN(const Json* clock, detail::Member(root, "", "clock"));
  RAIDA_TRY(ParseClock(*clock, request));
  if (root.contains("health")) {
    RAIDA_ASSIGN_OR_RETURN(request.health, ParseHealth(root["health"]));
  }
  if (root.contains("reconcile")) {
    RAIDA_ASSIGN_OR_RETURN(request.reconcile, detail::ReadBool(root["reconcile"], "reconcile"));
  }
  if (root.contains("acked")) {
    RAIDA_ASSIGN_OR_RETURN(request.acked, detail::ReadInt(root["acked"], "acked", 0, kMaxInt));
  }
  if (root.contains("set_aside")) {
    const Json& asked = root["set_aside"];
    RAIDA_TRY(detail::ExpectArray(asked, "set_aside", 1, kMaxSetAsideAsked));
    for (size_t i = 0; i < asked.size(); ++i) {
      RAIDA_ASSIGN_OR_RETURN(const int64_t seq,
                             detail::ReadInt(asked[i], Path("set_aside", i), 1, kMaxInt));
      request.set_aside.push_back(seq);
    }
  }
  return request;
}

std::string SerializeResponse(const SyncResponse& response) {
  std::string out = "{\"v\":";
  AppendInt(out, response.v);
  out += ",\"server_time\":";
  AppendInt(out, response.server_time);
  if (response.ack) {
    AppendAck(out, *response.ack);
  }
  out += ",\"pull\":{";
  AppendPulled(out, response.changes);
  out += ",\"next\":";
  AppendInt(out, response.next);
  out += response.more ? ",\"more\":true" : ",\"more\":false";
  out += response.digest_due ? ",\"digest_due\":true}" : "}";
  if (!response.settled.empty()) {
    out += ",\"settled\":[";
    for (size_t i = 0; i < response.settled.size(); ++i) {
      const SettledChange& settled = response.settled[i];
      out += i > 0 ? ",[" : "[";
      AppendInt(out, settled.seq);
      out.push_back(',');
      detail::AppendJsonString(out, settled.table);
      out.push_back(',');
      detail::AppendJsonString(out, settled.pk);
      out += settled.accepted ? ",\"accepted\"]" : ",\"discarded\"]";
    }
    out.push_back(']');
  }
  if (response.batch_bytes > 0) {
    out += ",\"hints\":{\"batch_bytes\":";
    AppendInt(out, response.batch_bytes);
    out.push_back('}');
  }
  out.push_back('}');
  return out;
}

core::Result<SyncResponse> ParseResponse(std::string_view json) {
  RAIDA_ASSIGN_OR_RETURN(const Json root, detail::ParseStrict(json, kMaxJsonDepth));
  RAIDA_TRY(
      detail::ExpectObject(root, "", {"v", "server_time", "ack", "pull", "settled", "hints"}));
  SyncResponse response;
  RAIDA_ASSIGN_OR_RETURN(const Json* v, detail::Member(root, "", "v"));
  RAIDA_ASSIGN_OR_RETURN(const int64_t version, detail::ReadInt(*v, "v", 1, 1 << 20));
  response.v = static_cast<int>(version);
  RAIDA_ASSIGN_OR_RETURN(const Json* server_time, detail::Member(root, "", "server_time"));
  RAIDA_ASSIGN_OR_RETURN(response.server_time,
                         detail::ReadInt(*server_time, "server_time", 0, kMaxInt));
  if (root.contains("ack")) {
    RAIDA_ASSIGN_OR_RETURN(response.ack, ParseAck(root["ack"]));
  }
  RAIDA_ASSIGN_OR_RETURN(const Json* pull, detail::Member(root, "", "pull"));
  RAIDA_TRY(ParsePullReply(*pull, response));
  if (root.contains("settled")) {
    RAIDA_ASSIGN_OR_RETURN(response.settled, ParseSettled(root["settled"]));
  }
  if (root.contains("hints")) {
    RAIDA_TRY(ParseHints(root["hints"], response));
  }
  return response;
}

}  // namespace raida::sync
