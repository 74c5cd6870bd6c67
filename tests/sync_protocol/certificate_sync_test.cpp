// The district server's certificate rule, driven through the sync engine: two kiosks that issued
// a certificate for the same person and course while offline (the earlier issue is kept
// whichever arrives first, the other code stays valid as an alias, both kiosks are told), the
// same certificate pushed again, erasure withdrawing certificates, and a merged person's
// certificate redirected.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "engine_fixture.h"
#include "raida/core/certificate_code.h"
#include "raida/core/certificate_repository.h"

namespace raida::server {
namespace {

using sync::ChangeOutcome;

constexpr const char* kCourse = "course.computer-first-steps";

class CertificateSyncTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    person_ = Text("SELECT id FROM person WHERE erased = 0 ORDER BY id LIMIT 1");
    center_ = Text("SELECT home_center_id FROM person WHERE id = '" + person_ + "'");
    a_ = NewDevice(center_);
    b_ = NewDevice(center_);
  }

  std::string Pk(const std::string& person) const { return core::CertificateId(person, kCourse); }

  static std::string Cols(const std::string& person, const std::string& center,
                          const std::string& code, uint64_t issued_hlc,
                          const std::string& issued_on) {
    return nlohmann::json{{"person_id", person},
                          {"course_id", kCourse},
                          {"center_id", center},
                          {"offering_id", nullptr},
                          {"issued_on", issued_on},
                          {"started_on", nullptr},
                          {"finished_on", nullptr},
                          {"hours", 12},
                          {"language", "lt"},
                          {"code", code},
                          {"issued_hlc", static_cast<int64_t>(issued_hlc)},
                          {"deleted", 0}}
        .dump();
  }

  // Pushes device's certificate for person_ issued at `stamp`; returns the outcome.
  ChangeOutcome PushIssue(int64_t device, const std::string& code, uint64_t stamp,
                          const std::string& issued_on = "2026-01-01") {
    const sync::PushChange change = Change(device, "certificate", Pk(person_),
                                           Cols(person_, center_, code, stamp, issued_on), stamp);
    const sync::SyncResponse response = Push(device, {change});
    if (!response.ack) {
      ADD_FAILURE() << "no ack";
      return ChangeOutcome::kRejected;
    }
    for (const sync::ChangeResult& result : response.ack->results) {
      if (result.seq == change.seq) {
        return result.outcome;
      }
    }
    return ChangeOutcome::kApplied;
  }

  std::string StoredCode() {
    return Text("SELECT code FROM certificate WHERE id = '" + Pk(person_) + "'");
  }
  std::optional<core::CertificateDetails> Verify(const std::string& code) {
    auto found = core::CertificateRepository(*store_).Verify(code);
    EXPECT_TRUE(found.ok()) << found.error().message;
    return found.ok() ? found.value() : std::nullopt;
  }
  // The newest change_log entry of the certificate: (origin, code, hlc).
  std::tuple<int64_t, std::string, int64_t> LastLogged() {
    const std::string where = " FROM change_log WHERE tbl = 'certificate' AND pk = '" +
                              Pk(person_) + "' ORDER BY server_seq DESC LIMIT 1";
    return {Int("SELECT origin" + where), Text("SELECT json_extract(cols, '$.code')" + where),
            Int("SELECT hlc" + where)};
  }

  std::string person_;
  std::string center_;
  int64_t a_ = 0;
  int64_t b_ = 0;
};

TEST_F(CertificateSyncTest, TheEarlierIssueIsKeptWhenItArrivesSecond) {
  const std::string code_a = core::NewCertificateCode();
  const std::string code_b = core::NewCertificateCode();
  const uint64_t issued_a = Stamp(-60'000);  // kiosk A issued a minute before kiosk B
  const uint64_t issued_b = Stamp(-1'000);
  EXPECT_EQ(PushIssue(b_, code_b, issued_b, "2026-01-02"), ChangeOutcome::kApplied);
  EXPECT_EQ(StoredCode(), code_b);
  EXPECT_EQ(PushIssue(a_, code_a, issued_a), ChangeOutcome::kApplied);
  EXPECT_EQ(StoredCode(), code_a);
  EXPECT_EQ(Text("SELECT issued_on FROM certificate"), "2026-01-01");
  EXPECT_EQ(Int("SELECT count(*) FROM certificate"), 1);
  // Both kiosks are told under a server stamp newer than either issue.
  const auto [origin, logged_code, hlc] = LastLogged();
  EXPECT_EQ(origin, 0);
  EXPECT_EQ(logged_code, code_a);
  EXPECT_GT(static_cast<uint64_t>(hlc), issued_b);
  // B's code, maybe already printed, still verifies: as the certificate kept.
  auto by_b = Verify(code_b);
  ASSERT_TRUE(by_b.has_value());
  EXPECT_EQ(by_b->certificate.code, code_a);
  EXPECT_EQ(by_b->alias_code, code_b);
  auto by_a = Verify(code_a);
  ASSERT_TRUE(by_a.has_value());
  EXPECT_EQ(by_a->alias_code, "");
  EXPECT_FALSE(by_a->given_name.empty());
}

TEST_F(CertificateSyncTest, TheEarlierIssueIsKeptWhenItArrivesFirst) {
  const std::string code_a = core::NewCertificateCode();
  const std::string code_b = core::NewCertificateCode();
  const uint64_t issued_a = Stamp(-60'000);
  const uint64_t issued_b = Stamp(-1'000);
  EXPECT_EQ(PushIssue(a_, code_a, issued_a), ChangeOutcome::kApplied);
  const int64_t logged = Int("SELECT count(*) FROM change_log WHERE tbl = 'certificate'");
  EXPECT_EQ(PushIssue(b_, code_b, issued_b, "2026-01-02"), ChangeOutcome::kSuperseded);
  EXPECT_EQ(StoredCode(), code_a);
  EXPECT_EQ(Text("SELECT issued_on FROM certificate"), "2026-01-01");
  EXPECT_GT(Int("SELECT count(*) FROM change_log WHERE tbl = 'certificate'"), logged);
  const auto [origin, logged_code, hlc] = LastLogged();
  EXPECT_EQ(origin, 0) << "kiosk B must receive the kept certificate";
  EXPECT_EQ(logged_code, code_a);
  EXPECT_GT(static_cast<uint64_t>(hlc), issued_b) << "newer than B's own write, so B takes it";
  auto by_b = Verify(code_b);
  ASSERT_TRUE(by_b.has_value());
  EXPECT_EQ(by_b->certificate.code, code_a);
}

TEST_F(CertificateSyncTest, TheSameCertificateAgainChangesNothing) {
  const std::string code = core::NewCertificateCode();
  const uint64_t issued = Stamp(-5'000);
  EXPECT_EQ(PushIssue(a_, code, issued), ChangeOutcome::kApplied);
  const int64_t logged = Int("SELECT count(*) FROM change_log");
  const int64_t hlc = Int("SELECT hlc FROM certificate");
  EXPECT_EQ(PushIssue(a_, code, issued), ChangeOutcome::kApplied);  // resent in a new batch
  EXPECT_EQ(Int("SELECT count(*) FROM change_log"), logged);
  EXPECT_EQ(Int("SELECT hlc FROM certificate"), hlc);
  EXPECT_EQ(Int("SELECT count(*) FROM certificate_alias"), 0);
}

TEST_F(CertificateSyncTest, ACodeAlreadyInUseIsRefused) {
  const std::string code = core::NewCertificateCode();
  EXPECT_EQ(PushIssue(a_, code, Stamp(-5'000)), ChangeOutcome::kApplied);
  const std::string other = Text("SELECT id FROM person WHERE erased = 0 AND id <> '" + person_ +
                                 "' AND home_center_id = '" + center_ + "' ORDER BY id LIMIT 1");
  const sync::PushChange change =
      Change(b_, "certificate", Pk(other), Cols(other, center_, code, Stamp(), "2026-01-03"));
  const sync::SyncResponse response = Push(b_, {change});
  ASSERT_TRUE(response.ack.has_value());
  ASSERT_EQ(response.ack->results.size(), 1u);
  EXPECT_EQ(response.ack->results[0].outcome, ChangeOutcome::kRejected);
  EXPECT_EQ(Int("SELECT count(*) FROM quarantine WHERE tbl = 'certificate'"), 1);
}

TEST_F(CertificateSyncTest, ErasureWithdrawsTheCertificatesEverywhere) {
  const std::string code_a = core::NewCertificateCode();
  const std::string code_b = core::NewCertificateCode();
  EXPECT_EQ(PushIssue(a_, code_a, Stamp(-60'000)), ChangeOutcome::kApplied);
  EXPECT_EQ(PushIssue(b_, code_b, Stamp(-1'000)), ChangeOutcome::kSuperseded);
  ASSERT_TRUE(Verify(code_a).has_value());
  ASSERT_TRUE(engine_->ErasePerson(person_).ok());
  EXPECT_EQ(Int("SELECT deleted FROM certificate"), 1);
  EXPECT_EQ(Int("SELECT count(*) FROM certificate_alias"), 0);
  const auto [origin, logged_code, hlc] = LastLogged();
  (void)logged_code;
  (void)hlc;
  EXPECT_EQ(origin, 0);
  EXPECT_EQ(Int("SELECT json_extract(cols, '$.deleted') FROM change_log WHERE tbl = "
                "'certificate' AND scope = '" +
                center_ + "' ORDER BY server_seq DESC LIMIT 1"),
            1)
      << "the person's kiosks receive the tombstone";
  EXPECT_FALSE(Verify(code_a).has_value());
  EXPECT_FALSE(Verify(code_b).has_value());
  // A kiosk that was offline through the erasure pushes its copy: refused, and told the
  // tombstone.
  EXPECT_EQ(PushIssue(b_, core::NewCertificateCode(), Stamp()), ChangeOutcome::kErased);
  EXPECT_EQ(Int("SELECT deleted FROM certificate"), 1);
  EXPECT_FALSE(Verify(code_a).has_value());
}

TEST_F(CertificateSyncTest, AMergedPersonsCertificateIsRedirectedToTheSurvivor) {
  const std::string loser = person_;
  const std::string winner = Text("SELECT id FROM person WHERE erased = 0 AND id <> '" + loser +
                                  "' AND home_center_id = '" + center_ + "' ORDER BY id LIMIT 1");
  ASSERT_TRUE(engine_->MergePeople(loser, winner).ok());
  const std::string code = core::NewCertificateCode();
  EXPECT_EQ(PushIssue(a_, code, Stamp(-1'000)), ChangeOutcome::kRedirected);
  EXPECT_EQ(Text("SELECT code FROM certificate WHERE id = '" + Pk(winner) + "' AND deleted = 0"),
            code);
  EXPECT_EQ(Int("SELECT deleted FROM certificate WHERE id = '" + Pk(loser) + "'"), 1);
  auto found = Verify(code);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->certificate.person_id, winner);
}

}  // namespace
}  // namespace raida::server
