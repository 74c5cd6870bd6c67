// The sync wire codec: round trips, the strictness of parsing (every way a body can be wrong is
// refused with a message naming the field), zstd with its bound, and request signatures.
#include "raida/sync/protocol.h"

#include <gtest/gtest.h>

#include <string>

namespace raida::sync {
namespace {

SyncRequest SampleRequest() {
  SyncRequest request;
  request.device = 42;
  request.epoch = "0123456789abcdef";
  request.schema = 2;
  request.app = "0.1.0";
  PushBatch push;
  push.batch = 7;
  push.first = 501;
  push.last = 503;
  push.changes.push_back(
      {501, "attendance", "42-5x", 1767225600000123ULL, R"({"mark":"present"})"});
  push.changes.push_back({503, "person", "42-1", 18446744073709551615ULL,
                          R"({"birth_year":null,"given_name":"Ona \"Oni\" Šimkutė"})"});
  request.push = push;
  request.cursor = 883120;
  request.max_bytes = 262144;
  request.local_ms = 1767225601234;
  request.hlc = 1767225600000777ULL;
  return request;
}

std::string WithoutPush() {
  return R"({"v":1,"device":42,"epoch":"ab","schema":2,"app":"x",)"
         R"("pull":{"cursor":0,"max_bytes":1000},"clock":{"local_ms":1,"hlc":2}})";
}

TEST(ProtocolTest, RequestRoundTrips) {
  const SyncRequest request = SampleRequest();
  const std::string json = SerializeRequest(request);
  auto parsed = ParseRequest(json);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed->device, 42);
  EXPECT_EQ(parsed->epoch, request.epoch);
  EXPECT_EQ(parsed->schema, 2);
  ASSERT_TRUE(parsed->push.has_value());
  EXPECT_EQ(parsed->push->batch, 7);
  ASSERT_EQ(parsed->push->changes.size(), 2u);
  EXPECT_EQ(parsed->push->changes[1].hlc, 18446744073709551615ULL);
  EXPECT_EQ(parsed->push->changes[0].cols_json, R"({"mark":"present"})");
  EXPECT_EQ(parsed->cursor, 883120);
  EXPECT_EQ(parsed->hlc, request.hlc);
  // Serialization is stable: parse and serialize again gives the same bytes.
  EXPECT_EQ(SerializeRequest(*parsed), json);
}

TEST(ProtocolTest, KioskHealthRoundTripsAndIsOptional) {
  SyncRequest request = SampleRequest();
  request.health = KioskHealth{12, 3'600'000, 8'000'000'000};
  const std::string json = SerializeRequest(request);
  EXPECT_NE(json.find(R"("health":{"pending":12,"oldest_age_ms":3600000,"disk_free":8000000000})"),
            std::string::npos)
      << json;
  auto parsed = ParseRequest(json);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  ASSERT_TRUE(parsed->health.has_value());
  EXPECT_EQ(parsed->health->pending, 12);
  EXPECT_EQ(parsed->health->oldest_age_ms, 3'600'000);
  EXPECT_EQ(parsed->health->disk_free_bytes, 8'000'000'000);
  EXPECT_EQ(SerializeRequest(*parsed), json);
  // A kiosk that cannot tell its free space says -1; an older kiosk sends no health at all.
  request.health->disk_free_bytes = -1;
  ASSERT_TRUE(ParseRequest(SerializeRequest(request)).ok());
  auto without = ParseRequest(SerializeRequest(SampleRequest()));
  ASSERT_TRUE(without.ok());
  EXPECT_FALSE(without->health.has_value());
}

TEST(ProtocolTest, ReconcileRoundTripsAndIsAbsentOtherwise) {
  SyncRequest request = SampleRequest();
  EXPECT_EQ(SerializeRequest(request).find("reconcile"), std::string::npos);
  request.reconcile = true;
  const std::string json = SerializeRequest(request);
  EXPECT_NE(json.find(R"("reconcile":true)"), std::string::npos) << json;
  auto parsed = ParseRequest(json);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_TRUE(parsed->reconcile);
  EXPECT_EQ(SerializeRequest(*parsed), json);
  std::string wrong = WithoutPush();
  wrong.insert(wrong.size() - 1, R"(,"reconcile":1)");
  auto refused = ParseRequest(wrong);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("reconcile"), std::string::npos)
      << refused.error().message;
}

TEST(ProtocolTest, SmallChangeIsCompact) {
  SyncRequest request = SampleRequest();
  request.push->changes.resize(1);
  const std::string json = SerializeRequest(request);
  EXPECT_NE(json.find(R"([501,"attendance","42-5x",1767225600000123,{"mark":"present"}])"),
            std::string::npos)
      << json;
}

TEST(ProtocolTest, NoPushIsAccepted) {
  auto parsed = ParseRequest(WithoutPush());
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_FALSE(parsed->push.has_value());
}

void ExpectRefused(const std::string& json, const std::string& mention) {
  auto parsed = ParseRequest(json);
  ASSERT_FALSE(parsed.ok()) << json;
  EXPECT_EQ(parsed.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_NE(parsed.error().message.find(mention), std::string::npos) << parsed.error().message;
}

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return text.replace(at, from.size(), to);
}

TEST(ProtocolTest, StrictParsingRefusesBadRequests) {
  const std::string good = SerializeRequest(SampleRequest());
  ExpectRefused("", "not valid JSON");
  ExpectRefused(good.substr(0, good.size() / 2), "not valid JSON");
  ExpectRefused("[1,2]", "expected an object");
  ExpectRefused(Replace(good, "\"app\":", "\"extra\":1,\"app\":"), "extra: unknown field");
  ExpectRefused(Replace(good, "\"max_bytes\":262144", "\"max_bytes\":262144,\"x\":1"),
                "pull.x: unknown field");
  ExpectRefused(Replace(good, "\"device\":42", "\"device\":\"42\""), "device: expected an integer");
  ExpectRefused(Replace(good, "\"device\":42", "\"device\":-1"), "device");
  ExpectRefused(Replace(good, "\"device\":42,", ""), "device: missing");
  ExpectRefused(Replace(good, "\"cursor\":883120", "\"cursor\":-5"), "pull.cursor");
  ExpectRefused(Replace(good, "\"cursor\":883120", "\"cursor\":1.5"), "pull.cursor");
  ExpectRefused(Replace(good, "[501,", "[499,"), "outside first..last");
  ExpectRefused(Replace(good, "[503,", "[501,"), "must increase");
  ExpectRefused(Replace(good, "\"first\":501", "\"first\":600"), "push.last");
  ExpectRefused(Replace(good, "{\"mark\":\"present\"}", "{\"mark\":[1]}"), "expected an SQL value");
  ExpectRefused(Replace(good, "{\"mark\":\"present\"}", "{\"mark\":true}"),
                "expected an SQL value");
  ExpectRefused(Replace(good, "\"attendance\",", ""), "push.changes[0]");
  ExpectRefused(Replace(good, "\"attendance\"", "\"\""), "push.changes[0][1]");
  ExpectRefused(Replace(good, "0123456789abcdef", "XYZ"), "epoch");
  ExpectRefused(Replace(good, "1767225600000123", "-1767225600000123"), "must not be negative");
  SyncRequest with_health = SampleRequest();
  with_health.health = KioskHealth{1, 2, 3};
  const std::string healthy = SerializeRequest(with_health);
  ExpectRefused(Replace(healthy, "\"pending\":1", "\"pending\":-1"), "health.pending");
  ExpectRefused(Replace(healthy, "\"disk_free\":3", "\"disk_free\":-2"), "health.disk_free");
  ExpectRefused(Replace(healthy, "\"disk_free\":3", "\"disk_free\":3,\"name\":\"x\""),
                "health.name: unknown field");
  ExpectRefused(Replace(healthy, "\"oldest_age_ms\":2,", ""), "health.oldest_age_ms: missing");
}

TEST(ProtocolTest, InvalidUtf8IsRefused) {
  const std::string good = SerializeRequest(SampleRequest());
  ExpectRefused(Replace(good, "present", "pres\xC3\x28nt"), "not valid JSON");
  ExpectRefused(Replace(good, "present", "\xFF\xFE"), "not valid JSON");
}

TEST(ProtocolTest, DeepNestingIsRefusedWithoutRecursion) {
  ExpectRefused(std::string(100000, '[') + std::string(100000, ']'), "nested deeper");
  // Brackets inside strings do not count.
  const std::string good = SerializeRequest(SampleRequest());
  const std::string brackets = Replace(good, "present", "[[[[[[[[[[[[\\\"{{{{{{{{{{");
  auto parsed = ParseRequest(brackets);
  EXPECT_TRUE(parsed.ok()) << parsed.error().message;
}

TEST(ProtocolTest, TooManyChangesAreRefused) {
  SyncRequest request = SampleRequest();
  request.push->changes.clear();
  request.push->first = 1;
  request.push->last = kMaxChangesPerBatch + 1;
  for (int64_t seq = 1; seq <= kMaxChangesPerBatch + 1; ++seq) {
    request.push->changes.push_back({seq, "attendance", "a", 1, "{}"});
  }
  ExpectRefused(SerializeRequest(request), "push.changes");
}

SyncResponse SampleResponse() {
  SyncResponse response;
  response.server_time = 1767225601890;
  Ack ack;
  ack.batch = 7;
  ack.results = {{501, ChangeOutcome::kApplied, ""},
                 {512, ChangeOutcome::kWaitlisted, "3"},
                 {520, ChangeOutcome::kRejected, "read_only"},
                 {521, ChangeOutcome::kSuperseded, ""}};
  response.ack = ack;
  response.changes.push_back({884001, "course", "course.english", 5, 0, R"({"hours":12})"});
  response.changes.push_back({884003, "person", "3-1", 6, 3, R"({"given_name":"Ąžuolas"})"});
  response.next = 884004;
  response.more = true;
  response.batch_bytes = 131072;
  return response;
}

TEST(ProtocolTest, ResponseRoundTripsAndListsOnlyExceptions) {
  const std::string json = SerializeResponse(SampleResponse());
  auto parsed = ParseResponse(json);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  ASSERT_TRUE(parsed->ack.has_value());
  ASSERT_EQ(parsed->ack->results.size(), 3u);  // "applied" is not listed
  EXPECT_EQ(parsed->ack->results[0].outcome, ChangeOutcome::kWaitlisted);
  EXPECT_EQ(parsed->ack->results[0].detail, "3");
  EXPECT_EQ(parsed->ack->results[1].detail, "read_only");
  EXPECT_EQ(parsed->ack->results[2].detail, "");
  ASSERT_EQ(parsed->changes.size(), 2u);
  EXPECT_EQ(parsed->changes[1].origin, 3);
  EXPECT_EQ(parsed->changes[1].cols_json, R"({"given_name":"Ąžuolas"})");
  EXPECT_EQ(parsed->next, 884004);
  EXPECT_TRUE(parsed->more);
  EXPECT_EQ(parsed->batch_bytes, 131072);
  EXPECT_EQ(SerializeResponse(*parsed), json);
}

TEST(ProtocolTest, ResponseParsingIsStrict) {
  const std::string good = SerializeResponse(SampleResponse());
  EXPECT_FALSE(ParseResponse(Replace(good, "\"waitlisted\"", "\"maybe\"")).ok());
  EXPECT_FALSE(ParseResponse(Replace(good, "\"next\":884004", "\"next\":1")).ok());
  EXPECT_FALSE(ParseResponse(Replace(good, "[884003,", "[884000,")).ok());
  EXPECT_FALSE(ParseResponse(Replace(good, "\"more\":true", "\"more\":1")).ok());
  EXPECT_FALSE(ParseResponse(Replace(good, "\"server_time\"", "\"time\"")).ok());
}

// "digest_due":true (the office asks for a divergence check) round trips, is absent when false
// (an ordinary reply is unchanged), and a non-boolean is refused naming the field.
TEST(ProtocolTest, DigestDueRoundTripsAndIsAbsentOtherwise) {
  SyncResponse response = SampleResponse();
  response.more = false;
  const std::string ordinary = SerializeResponse(response);
  EXPECT_EQ(ordinary.find("digest_due"), std::string::npos);
  EXPECT_FALSE(ParseResponse(ordinary)->digest_due);
  response.digest_due = true;
  const std::string due = SerializeResponse(response);
  EXPECT_NE(due.find("\"more\":false,\"digest_due\":true}"), std::string::npos) << due;
  auto parsed = ParseResponse(due);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_TRUE(parsed->digest_due);
  EXPECT_EQ(SerializeResponse(*parsed), due);
  auto wrong = ParseResponse(Replace(due, "\"digest_due\":true", "\"digest_due\":1"));
  ASSERT_FALSE(wrong.ok());
  EXPECT_NE(wrong.error().message.find("pull.digest_due"), std::string::npos);
}

TEST(ProtocolTest, AckedRoundTripsAndIsAbsentUnlessSet) {
  SyncRequest request = SampleRequest();
  request.push.reset();
  EXPECT_EQ(SerializeRequest(request).find("acked"), std::string::npos);
  request.acked = 0;
  const std::string json = SerializeRequest(request);
  EXPECT_NE(json.find(R"("acked":0)"), std::string::npos) << json;
  auto parsed = ParseRequest(json);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed->acked, 0);
  EXPECT_EQ(ParseRequest(SerializeRequest(SampleRequest()))->acked, -1) << "absent: not sent";
  for (const char* bad : {R"(,"acked":-1)", R"(,"acked":"3")", R"(,"acked":1.5)"}) {
    std::string wrong = WithoutPush();
    wrong.insert(wrong.size() - 1, bad);
    auto refused = ParseRequest(wrong);
    ASSERT_FALSE(refused.ok()) << bad;
    EXPECT_NE(refused.error().message.find("acked"), std::string::npos) << refused.error().message;
  }
}

TEST(ProtocolTest, SetAsideQuestionsAndAnswersRoundTripAndAreBounded) {
  SyncRequest request = SampleRequest();
  EXPECT_EQ(SerializeRequest(request).find("set_aside"), std::string::npos);
  request.set_aside = {512, 513};
  const std::string json = SerializeRequest(request);
  EXPECT_NE(json.find(R"("set_aside":[512,513])"), std::string::npos) << json;
  auto parsed = ParseRequest(json);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed->set_aside, (std::vector<int64_t>{512, 513}));
  EXPECT_EQ(SerializeRequest(*parsed), json);
  for (const char* bad : {R"(,"set_aside":[])", R"(,"set_aside":[0])", R"(,"set_aside":["5"])",
                          R"(,"set_aside":5)"}) {
    std::string wrong = WithoutPush();
    wrong.insert(wrong.size() - 1, bad);
    auto refused = ParseRequest(wrong);
    ASSERT_FALSE(refused.ok()) << bad;
    EXPECT_NE(refused.error().message.find("set_aside"), std::string::npos)
        << refused.error().message;
  }
  request.set_aside.assign(kMaxSetAsideAsked + 1, 7);
  EXPECT_FALSE(ParseRequest(SerializeRequest(request)).ok()) << "more than the limit";

  SyncResponse response = SampleResponse();
  EXPECT_EQ(SerializeResponse(response).find("settled"), std::string::npos);
  response.settled = {{512, "person", "42-x9k2ab-5", true}, {513, "attendance", "a1", false}};
  const std::string reply = SerializeResponse(response);
  EXPECT_NE(reply.find(R"("settled":[[512,"person","42-x9k2ab-5","accepted"],)"
                       R"([513,"attendance","a1","discarded"]])"),
            std::string::npos)
      << reply;
  auto answered = ParseResponse(reply);
  ASSERT_TRUE(answered.ok()) << answered.error().message;
  ASSERT_EQ(answered->settled.size(), 2u);
  EXPECT_TRUE(answered->settled[0].accepted);
  EXPECT_EQ(answered->settled[1].pk, "a1");
  EXPECT_FALSE(answered->settled[1].accepted);
  EXPECT_EQ(SerializeResponse(*answered), reply);
  EXPECT_FALSE(ParseResponse(Replace(reply, "\"discarded\"", "\"maybe\"")).ok());
  EXPECT_FALSE(ParseResponse(Replace(reply, "[513,\"attendance\",", "[513,")).ok());
}

TEST(ProtocolTest, OutcomeNamesRoundTrip) {
  for (const ChangeOutcome outcome :
       {ChangeOutcome::kApplied, ChangeOutcome::kSuperseded, ChangeOutcome::kWaitlisted,
        ChangeOutcome::kRedirected, ChangeOutcome::kRejected, ChangeOutcome::kErased}) {
    EXPECT_EQ(ParseChangeOutcome(ChangeOutcomeName(outcome)), outcome);
  }
  EXPECT_FALSE(ParseChangeOutcome("ok").has_value());
}

TEST(ProtocolTest, CompressionRoundTripsAndIsBounded) {
  const std::string json = SerializeRequest(SampleRequest());
  const std::string packed = Compress(json);
  auto unpacked = Decompress(packed, kMaxInflatedBytes);
  ASSERT_TRUE(unpacked.ok()) << unpacked.error().message;
  EXPECT_EQ(*unpacked, json);
  EXPECT_EQ(Decompress(packed, json.size() - 1).error().code, core::ErrorCode::kInvalidArgument);
  // A bomb: 64 MB of zeros is refused against a 16 MB bound.
  const std::string bomb = Compress(std::string(64 * 1024 * 1024, '\0'));
  EXPECT_LT(bomb.size(), 10000u);
  EXPECT_EQ(Decompress(bomb, kMaxInflatedBytes).error().code, core::ErrorCode::kInvalidArgument);
  auto empty = Decompress(Compress(""), 10);
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(*empty, "");
}

TEST(ProtocolTest, CorruptOrTruncatedZstdIsRefused) {
  const std::string packed = Compress(std::string(5000, 'x') + SerializeRequest(SampleRequest()));
  for (size_t cut : {size_t{0}, size_t{1}, size_t{4}, packed.size() / 2, packed.size() - 1}) {
    auto result = Decompress(packed.substr(0, cut), kMaxInflatedBytes);
    ASSERT_FALSE(result.ok()) << "cut at " << cut;
    EXPECT_EQ(result.error().code, core::ErrorCode::kCorrupt) << result.error().message;
  }
  EXPECT_EQ(Decompress("plain text", kMaxInflatedBytes).error().code, core::ErrorCode::kCorrupt);
  EXPECT_EQ(Decompress(packed + "junk", kMaxInflatedBytes).error().code, core::ErrorCode::kCorrupt);
}

TEST(ProtocolTest, Sha256MatchesKnownVector) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(ProtocolTest, SignaturesVerifyAndRefuseTampering) {
  const std::string secret(32, '\x07');
  const std::string body = Compress("{\"v\":1}");
  AuthHeader header{42, 1767225601234, "0123456789abcdef01234567", ""};
  header.sig = SignRequest(secret, "POST", kSyncPath, header.ts, header.nonce, body);
  EXPECT_EQ(header.sig.size(), 64u);
  EXPECT_TRUE(VerifySignature(secret, "POST", kSyncPath, header, body));
  EXPECT_FALSE(VerifySignature(std::string(32, '\x08'), "POST", kSyncPath, header, body));
  EXPECT_FALSE(VerifySignature(secret, "GET", kSyncPath, header, body));
  EXPECT_FALSE(VerifySignature(secret, "POST", "/api/v1/other", header, body));
  EXPECT_FALSE(VerifySignature(secret, "POST", kSyncPath, header, body + "x"));
  AuthHeader other_ts = header;
  other_ts.ts += 1;
  EXPECT_FALSE(VerifySignature(secret, "POST", kSyncPath, other_ts, body));
  AuthHeader bad_hex = header;
  bad_hex.sig = std::string(64, 'z');
  EXPECT_FALSE(VerifySignature(secret, "POST", kSyncPath, bad_hex, body));
}

TEST(ProtocolTest, AuthHeaderRoundTripsAndIsStrict) {
  const AuthHeader header{42, 1767225601234, "0123456789abcdef01234567", std::string(64, 'a')};
  const std::string text = FormatAuthHeader(header);
  EXPECT_EQ(text.rfind("Raida-HMAC device=42,ts=1767225601234,nonce=", 0), 0u) << text;
  auto parsed = ParseAuthHeader(text);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed->device, 42);
  EXPECT_EQ(parsed->ts, 1767225601234);
  EXPECT_EQ(parsed->nonce, header.nonce);
  EXPECT_EQ(parsed->sig, header.sig);
  for (const std::string& bad :
       {std::string(""), std::string("Bearer x"), Replace(text, "device=42", "device=0"),
        Replace(text, "device=42", "device=x"), Replace(text, ",ts=1767225601234", ""),
        Replace(text, "nonce=0123", "nonce=0X23"), text + ",sig=" + std::string(64, 'a'),
        text + ",extra=1", Replace(text, "sig=aaaa", "sig=aaa")}) {
    auto refused = ParseAuthHeader(bad);
    ASSERT_FALSE(refused.ok()) << bad;
    EXPECT_EQ(refused.error().code, core::ErrorCode::kUnauthorized);
  }
}

}  // namespace
}  // namespace raida::sync
