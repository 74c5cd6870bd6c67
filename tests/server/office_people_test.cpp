// The People pages over loopback: search (case and diacritics ignored), a person's record with
// an audit entry that holds ids and never names, roles (the analyst never; a coordinator only
// people of their center), likely duplicates merged through a confirmed POST, an erasure with
// the kiosks that have applied it (a kiosk counts once it has pulled past the erasure), the
// review queue with retry and discard for the administrator only, CSRF on every form and
// escaping of hostile names.
#include <gtest/gtest.h>

#include "raida/core/migrations.h"
#include "raida/sync/protocol.h"
#include "server/office_test_support.h"

namespace raida::server::testing_office {
namespace {

using web::OfficeRole;

bool Contains(const httplib::Result& result, const std::string& text) {
  return result && result->body.find(text) != std::string::npos;
}

class OfficePeopleTest : public OfficeServerTest {
 protected:
  void Exec(const std::string& sql) {
    core::Store::ApplyingScope applying(app_->store());
    auto stmt = app_->store().db().Prepare(sql);
    ASSERT_TRUE(stmt.ok()) << sql;
    ASSERT_TRUE(stmt->Run().ok()) << sql;
  }
  // One signed sync request of a kiosk that reports having applied the log up to `cursor`.
  int SyncWithCursor(int64_t device, const std::string& secret, int64_t cursor) {
    sync::SyncRequest request;
    request.device = device;
    request.epoch = "0123456789abcdef";
    request.schema = core::LatestSchemaVersion();
    request.app = "test";
    request.local_ms = clock_.NowMs();
    request.cursor = cursor;
    const std::string body = sync::Compress(sync::SerializeRequest(request));
    const std::string nonce = std::string(20, '1') + std::to_string(1000 + ++nonces_);
    sync::AuthHeader header{device, clock_.NowMs(), nonce, ""};
    header.sig = sync::SignRequest(secret, "POST", sync::kSyncPath, header.ts, nonce, body);
    httplib::Client client("127.0.0.1", app_->port());
    client.set_read_timeout(20, 0);
    auto result = client.Post(
        sync::kSyncPath,
        {{"Authorization", sync::FormatAuthHeader(header)}, {"Content-Encoding", "zstd"}}, body,
        "application/json");
    return result ? result->status : -1;
  }
  OfficeBrowser SignedIn(const std::string& login) {
    OfficeBrowser browser = Browser();
    auto answer = browser.SignIn(login, kPassphrase);
    EXPECT_TRUE(answer && answer->status == 303);
    browser.Get("/office/lang?to=en");
    return browser;
  }
};

TEST_F(OfficePeopleTest, SearchIgnoresCaseAndDiacriticsAndTheAuditHoldsNoName) {
  AddUser("ona", OfficeRole::kAdmin);
  OfficeBrowser browser = SignedIn("ona");
  auto found = browser.Get("/office/people?q=KAZLAUSKIENE");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->status, 200);
  EXPECT_TRUE(Contains(found, "Kazlauskienė"));
  EXPECT_TRUE(Contains(found, "/office/people/person?id=person.demo.01"));
  auto none = browser.Get("/office/people?q=nobody-has-this-name");
  EXPECT_TRUE(Contains(none, "Nobody with that name."));
  auto record = browser.Get("/office/people/person?id=person.demo.01");
  ASSERT_TRUE(record);
  EXPECT_EQ(record->status, 200);
  EXPECT_TRUE(Contains(record, "Ona Kazlauskienė"));
  EXPECT_TRUE(Contains(record, "Enrollments"));
  EXPECT_EQ(Query("SELECT count(*) FROM office_audit WHERE action = 'office.person_view' AND "
                  "object = 'person:person.demo.01'"),
            "1");
  EXPECT_EQ(Query("SELECT count(*) FROM office_audit WHERE object LIKE '%azlausk%' OR "
                  "action LIKE '%azlausk%'"),
            "0");
}

TEST_F(OfficePeopleTest, TheAnalystNeverAndACoordinatorOnlyTheirCenter) {
  AddUser("rasa", OfficeRole::kAnalyst);
  AddUser("jonas", OfficeRole::kCoordinator, "center.salos");
  OfficeBrowser analyst = SignedIn("rasa");
  for (const char* path :
       {"/office/people", "/office/people?q=ona", "/office/people/person?id=person.demo.01",
        "/office/people/merge?loser=person.demo.01&winner=person.demo.02",
        "/office/people/erase?id=person.demo.01"}) {
    auto page = analyst.Get(path);
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 403) << path;
    EXPECT_FALSE(Contains(page, "Kazlauskienė")) << path;
  }
  EXPECT_FALSE(Contains(analyst.Get("/office/programme"), "/office/people\""))
      << "no link to People for an analyst";
  OfficeBrowser coordinator = SignedIn("jonas");
  const std::string home = Query("SELECT home_center_id FROM person WHERE id = 'person.demo.01'");
  ASSERT_EQ(home, "center.bajorai");
  auto other = coordinator.Get("/office/people/person?id=person.demo.01");
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 404);
  EXPECT_FALSE(Contains(coordinator.Get("/office/people?q=Kazlauskiene"), "Kazlauskienė"));
  const std::string own = Query(
      "SELECT id FROM person WHERE home_center_id = 'center.salos' AND id NOT IN (SELECT "
      "person_id FROM enrollment e JOIN course_offering o ON o.id = e.offering_id WHERE "
      "o.center_id <> 'center.salos') LIMIT 1");
  ASSERT_FALSE(own.empty());
  auto mine = coordinator.Get("/office/people/person?id=" + own);
  ASSERT_TRUE(mine);
  EXPECT_EQ(mine->status, 200);
  auto merge = coordinator.Get("/office/people/merge?loser=" + own + "&winner=" + own);
  ASSERT_TRUE(merge);
  EXPECT_EQ(merge->status, 403) << "merging is for the district administrator";
  OfficeBrowser anonymous = Browser();
  for (const char* path : {"/office/people", "/office/people/person?id=person.demo.01"}) {
    auto page = anonymous.Get(path);
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 303) << path;
  }
}

TEST_F(OfficePeopleTest, ALikelyDuplicateIsMergedOnlyWithTheSessionsCsrfToken) {
  AddUser("ona", OfficeRole::kAdmin);
  Exec(
      "INSERT INTO person(id, home_center_id, given_name, family_name, birth_year, hlc, origin) "
      "VALUES ('person.dup', 'center.salos', 'ONA', 'Kazlauskiene', 1951, 1, 0)");
  OfficeBrowser browser = SignedIn("ona");
  auto page = browser.Get("/office/people");
  ASSERT_TRUE(page);
  EXPECT_TRUE(Contains(page, "Same name and birth year"));
  const bool listed =
      Contains(page, "/office/people/merge?loser=person.dup&amp;winner=person.demo.01") ||
      Contains(page, "/office/people/merge?loser=person.demo.01&amp;winner=person.dup");
  EXPECT_TRUE(listed) << "the pair has a merge link";
  auto confirm = browser.Get("/office/people/merge?loser=person.dup&winner=person.demo.01");
  ASSERT_TRUE(confirm);
  EXPECT_EQ(confirm->status, 200);
  EXPECT_TRUE(Contains(confirm, "name=\"csrf\""));
  const httplib::Params form = {{"loser", "person.dup"}, {"winner", "person.demo.01"}};
  auto forged = browser.Post("/office/people/merge", form);
  ASSERT_TRUE(forged);
  EXPECT_EQ(forged->status, 403);
  EXPECT_EQ(Query("SELECT coalesce(merged_into, '') FROM person WHERE id = 'person.dup'"), "");
  httplib::Params signed_form = form;
  signed_form.emplace("csrf", browser.csrf());
  auto merged = browser.Post("/office/people/merge", signed_form);
  ASSERT_TRUE(merged);
  EXPECT_EQ(merged->status, 303);
  EXPECT_EQ(Query("SELECT merged_into FROM person WHERE id = 'person.dup'"), "person.demo.01");
  EXPECT_EQ(Query("SELECT count(*) FROM office_audit WHERE action = 'office.person_merge' AND "
                  "object = 'loser:person.dup winner:person.demo.01' AND result = 'ok'"),
            "1");
  browser.Get("/office/people");
  auto again = browser.Post(
      "/office/people/merge",
      {{"loser", "person.dup"}, {"winner", "person.demo.01"}, {"csrf", browser.csrf()}});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 409) << "an already merged person is refused";
}

TEST_F(OfficePeopleTest, AnErasureShowsWhichKiosksHaveAppliedIt) {
  AddUser("ona", OfficeRole::kAdmin);
  std::string secret;
  const int64_t kiosk = ProvisionKiosk("center.bajorai", "Bajorai hall", &secret);
  OfficeBrowser browser = SignedIn("ona");
  auto confirm = browser.Get("/office/people/erase?id=person.demo.01");
  ASSERT_TRUE(confirm);
  EXPECT_EQ(confirm->status, 200);
  auto forged = browser.Post("/office/people/erase", {{"id", "person.demo.01"}});
  ASSERT_TRUE(forged);
  EXPECT_EQ(forged->status, 403);
  EXPECT_EQ(Query("SELECT erased FROM person WHERE id = 'person.demo.01'"), "0");
  browser.Get("/office/people/erase?id=person.demo.01");
  auto erased =
      browser.Post("/office/people/erase", {{"id", "person.demo.01"}, {"csrf", browser.csrf()}});
  ASSERT_TRUE(erased);
  EXPECT_EQ(erased->status, 303);
  EXPECT_EQ(Query("SELECT erased FROM person WHERE id = 'person.demo.01'"), "1");
  auto waiting = browser.Get("/office/people");
  EXPECT_TRUE(Contains(waiting, "0 of 1 kiosks"));
  EXPECT_TRUE(Contains(waiting, "Bajorai hall #" + std::to_string(kiosk) + " (")) << "named";
  const int64_t erasure =
      std::stoll(Query("SELECT max(server_seq) FROM change_log WHERE tbl = 'person' AND pk = "
                       "'person.demo.01' AND json_extract(cols, '$.erased') = 1"));
  ASSERT_EQ(SyncWithCursor(kiosk, secret, erasure - 1), 200);
  EXPECT_TRUE(Contains(browser.Get("/office/people"), "0 of 1 kiosks"))
      << "a kiosk that has not pulled past the erasure has not applied it";
  ASSERT_EQ(SyncWithCursor(kiosk, secret, erasure), 200);
  EXPECT_TRUE(Contains(browser.Get("/office/people"), "1 of 1 kiosks"));
  ASSERT_EQ(SyncWithCursor(kiosk, secret, 0), 200);
  EXPECT_TRUE(Contains(browser.Get("/office/people"), "1 of 1 kiosks")) << "never goes back";
}

TEST_F(OfficePeopleTest, TheReviewQueueListsChangesSetAsideWithoutTheirContent) {
  AddUser("ona", OfficeRole::kAdmin);
  AddUser("jonas", OfficeRole::kCoordinator, "center.salos");
  const int64_t kiosk = ProvisionKiosk("center.bajorai", "Bajorai hall");
  Exec("INSERT INTO quarantine(device_no, batch, seq, tbl, pk, reason, payload, at_ms) VALUES (" +
       std::to_string(kiosk) +
       ", 1, 4, 'attendance', 'att.x', 'missing parent course_session', "
       "'{\"marked_by\":\"Secret Person\"}', 1767225600000)");
  auto page = SignedIn("ona").Get("/office/people");
  EXPECT_TRUE(Contains(page, "missing parent course_session"));
  EXPECT_TRUE(Contains(page, "attendance att.x"));
  EXPECT_FALSE(Contains(page, "Secret Person"));
  EXPECT_FALSE(Contains(SignedIn("jonas").Get("/office/people"), "att.x"))
      << "another center's kiosk";
}

TEST_F(OfficePeopleTest, OnlyTheAdministratorRetriesOrDiscardsASetAsideChangeWithTheCsrfToken) {
  AddUser("ona", OfficeRole::kAdmin);
  AddUser("rasa", OfficeRole::kAnalyst);
  AddUser("jonas", OfficeRole::kCoordinator, "center.bajorai");
  const int64_t kiosk = ProvisionKiosk("center.bajorai", "Bajorai hall");
  // Two attendance marks set aside while their person had not arrived; the person is here now.
  const std::string session = "offering.bajorai.1.s1";
  const std::string mark = core::DeterministicId("attendance", session, "person.demo.01");
  const std::string stamp = std::to_string((clock_.NowMs() - 1000) << 16);
  for (const std::string& pk : {mark, std::string("att.other")}) {
    Exec(
        "INSERT INTO quarantine(device_no, batch, seq, tbl, pk, reason, payload, at_ms, hlc) "
        "VALUES (" +
        std::to_string(kiosk) + ", 1, 4, 'attendance', '" + pk +
        "', 'missing_parent:person_id', '{\"mark\":\"excused\",\"person_id\":"
        "\"person.demo.01\",\"session_id\":\"" +
        session + "\"}', 1767225600000, " + stamp + ")");
  }
  const std::string retry_id = Query("SELECT id FROM quarantine WHERE pk = '" + mark + "'");
  const std::string discard_id = Query("SELECT id FROM quarantine WHERE pk = 'att.other'");

  OfficeBrowser admin = SignedIn("ona");
  EXPECT_TRUE(Contains(admin.Get("/office/kiosks"), "2 set aside for review (oldest"));
  auto queue = admin.Get("/office/people");
  EXPECT_TRUE(Contains(queue, "action=\"/office/people/review/retry\""));
  EXPECT_TRUE(Contains(queue, "/office/people/review/discard?id=" + discard_id));
  OfficeBrowser coordinator = SignedIn("jonas");
  auto seen = coordinator.Get("/office/people");
  EXPECT_TRUE(Contains(seen, "att.other")) << "a coordinator sees their kiosks' queue";
  EXPECT_FALSE(Contains(seen, "/office/people/review/")) << "but has no buttons";
  for (const char* path : {"/office/people/review/retry", "/office/people/review/discard"}) {
    auto refused = coordinator.Post(path, {{"id", retry_id}, {"csrf", coordinator.csrf()}});
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 403) << path;
  }
  OfficeBrowser analyst = SignedIn("rasa");
  analyst.Get("/office/programme");
  auto by_analyst =
      analyst.Post("/office/people/review/retry", {{"id", retry_id}, {"csrf", analyst.csrf()}});
  ASSERT_TRUE(by_analyst);
  EXPECT_EQ(by_analyst->status, 403);
  auto forged = admin.Post("/office/people/review/retry", {{"id", retry_id}});
  ASSERT_TRUE(forged);
  EXPECT_EQ(forged->status, 403) << "no CSRF token";
  EXPECT_EQ(Query("SELECT status FROM quarantine WHERE id = " + retry_id), "open");
  EXPECT_EQ(Query("SELECT count(*) FROM change_log WHERE pk = '" + mark + "'"), "0");

  admin.Get("/office/people");
  auto retried =
      admin.Post("/office/people/review/retry", {{"id", retry_id}, {"csrf", admin.csrf()}});
  ASSERT_TRUE(retried);
  EXPECT_EQ(retried->status, 303);
  EXPECT_EQ(retried->get_header_value("Location"), "/office/people?done=accepted#review");
  EXPECT_EQ(Query("SELECT status || ' ' || outcome FROM quarantine WHERE id = " + retry_id),
            "accepted applied");
  EXPECT_EQ(Query("SELECT mark FROM attendance WHERE id = '" + mark + "'"), "excused");
  EXPECT_EQ(Query("SELECT count(*) FROM change_log WHERE pk = '" + mark + "'"), "1");
  auto again =
      admin.Post("/office/people/review/retry", {{"id", retry_id}, {"csrf", admin.csrf()}});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 409) << "already accepted";

  auto confirm = admin.Get("/office/people/review/discard?id=" + discard_id);
  ASSERT_TRUE(confirm);
  EXPECT_EQ(confirm->status, 200);
  EXPECT_TRUE(Contains(confirm, "name=\"csrf\""));
  EXPECT_TRUE(Contains(confirm, "att.other"));
  EXPECT_FALSE(Contains(confirm, "excused")) << "never the pushed values";
  auto unsigned_discard = admin.Post("/office/people/review/discard", {{"id", discard_id}});
  ASSERT_TRUE(unsigned_discard);
  EXPECT_EQ(unsigned_discard->status, 403);
  EXPECT_EQ(Query("SELECT status FROM quarantine WHERE id = " + discard_id), "open");
  admin.Get("/office/people/review/discard?id=" + discard_id);
  auto discarded =
      admin.Post("/office/people/review/discard", {{"id", discard_id}, {"csrf", admin.csrf()}});
  ASSERT_TRUE(discarded);
  EXPECT_EQ(discarded->status, 303);
  EXPECT_EQ(Query("SELECT status || ' ' || resolved_by FROM quarantine WHERE id = " + discard_id),
            "discarded office_user:" + Query("SELECT id FROM office_user WHERE login = 'ona'"));
  auto twice =
      admin.Post("/office/people/review/discard", {{"id", discard_id}, {"csrf", admin.csrf()}});
  ASSERT_TRUE(twice);
  EXPECT_EQ(twice->status, 409);
  auto unknown =
      admin.Post("/office/people/review/discard", {{"id", "999"}, {"csrf", admin.csrf()}});
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404);

  EXPECT_FALSE(Contains(admin.Get("/office/kiosks"), "set aside for review (oldest"))
      << "resolved changes no longer count against the kiosk";
  auto after = admin.Get("/office/people?done=discarded");
  EXPECT_FALSE(Contains(after, "/office/people/review/discard?id=")) << "the queue is empty";
  EXPECT_TRUE(Contains(after, "id=\"review-resolved\""));
  EXPECT_TRUE(Contains(after, "att.other")) << "resolved changes stay visible";
  EXPECT_EQ(Query("SELECT group_concat(result, ',') FROM (SELECT result FROM office_audit WHERE "
                  "action LIKE 'office.review_%' AND object IN ('set_aside:" +
                  retry_id + "', 'set_aside:" + discard_id + "') ORDER BY seq)"),
            "accepted:applied,refused,ok,refused");
  EXPECT_EQ(Query("SELECT count(*) FROM office_audit WHERE object LIKE '%excused%' OR result LIKE "
                  "'%excused%'"),
            "0");
}

TEST_F(OfficePeopleTest, HostileNamesAreEscaped) {
  AddUser("ona", OfficeRole::kAdmin);
  Exec(
      "INSERT INTO person(id, home_center_id, given_name, family_name, birth_year, phone, hlc, "
      "origin) VALUES ('person.evil', 'center.salos', '<script>alert(1)</script>', "
      "'\"><img src=x onerror=alert(2)>', 1980, '+370 600 99999', 1, 0)");
  Exec(
      "INSERT INTO person(id, home_center_id, given_name, family_name, birth_year, phone, hlc, "
      "origin) VALUES ('person.evil2', 'center.salos', '<b>twin</b>', 'x', 1981, "
      "'8 600 99999', 1, 0)");
  OfficeBrowser browser = SignedIn("ona");
  for (const std::string& path :
       {std::string("/office/people?q=script"), std::string("/office/people"),
        std::string("/office/people/person?id=person.evil"),
        std::string("/office/people/merge?loser=person.evil2&winner=person.evil")}) {
    auto page = browser.Get(path);
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 200) << path;
    EXPECT_FALSE(Contains(page, "<script>")) << path;
    EXPECT_FALSE(Contains(page, "<img")) << path;
    EXPECT_FALSE(Contains(page, "<b>twin")) << path;
    EXPECT_TRUE(Contains(page, "&lt;")) << path;
  }
}

}  // namespace
}  // namespace raida::server::testing_office
