// Change capture: every local change to a captured table, and only those, leaves exactly one
// outbox entry in the same transaction, with a gapless sequence number, the row's HLC stamp and
// only the changed columns.
#include <gtest/gtest.h>

#include <functional>
#include <optional>
#include <set>

#include "core_test_support.h"
#include "raida/core/action_plan_repository.h"
#include "raida/core/assessment_repository.h"
#include "raida/core/attendance_repository.h"
#include "raida/core/audit_log.h"
#include "raida/core/catalog_repository.h"
#include "raida/core/certificate_repository.h"
#include "raida/core/coordinator_repository.h"
#include "raida/core/enrollment_repository.h"
#include "raida/core/lesson_repository.h"
#include "raida/core/outbox_repository.h"
#include "raida/core/person_repository.h"
#include "raida/core/schema.h"

namespace raida::core {
namespace {

using testing::kTestNowMs;
using testing::QueryInt;

class OutboxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = testing::OpenStore(clock_);
    ASSERT_NE(store_, nullptr);
    catalog_ = testing::SeedCatalog(*store_);
    auto person = PersonRepository(*store_).Register(testing::SamplePerson(catalog_.center_id));
    ASSERT_OK(person);
    person_ = *person;
  }

  std::vector<OutboxEntry> All() {
    auto all = OutboxRepository(*store_).ListAll();
    EXPECT_TRUE(all.ok());
    return all.ok() ? *all : std::vector<OutboxEntry>();
  }

  int64_t RowHlc(const std::string& table, const std::string& id) {
    return QueryInt(*store_, "SELECT hlc FROM " + table + " WHERE id = '" + id + "'");
  }

  ManualClock clock_{kTestNowMs};
  std::unique_ptr<Store> store_;
  testing::SeededCatalog catalog_;
  Person person_;
};

TEST_F(OutboxTest, EveryCapturedChangeLeavesExactlyOneEntry) {
  PersonRepository people(*store_);
  EnrollmentRepository enrollments(*store_);
  AttendanceRepository attendance(*store_);
  LessonRepository lessons(*store_);
  AssessmentRepository assessments(*store_);
  ActionPlanRepository plans(*store_);
  AuditLog audit(*store_);
  std::string plan_id;
  std::string goal_id;
  std::string step_id;
  std::string response_id;
  const std::string enrollment_id = DeterministicId("enrollment", catalog_.offering_id, person_.id);
  struct Change {
    std::string what;
    std::string table;
    std::function<Result<std::string>()> run;  // returns the changed row's id
  };
  const std::vector<Change> changes = {
      {"update person", "person",
       [&]() -> Result<std::string> {
         Person p = person_;
         p.phone = "+37061234567";
         RAIDA_TRY(people.Update(p));
         return p.id;
       }},
      {"record consent", "consent",
       [&]() -> Result<std::string> {
         Consent c;
         c.person_id = person_.id;
         c.purpose = "registration";
         c.granted = true;
         c.text_version = "registration/2026-1";
         c.language = "lt";
         RAIDA_ASSIGN_OR_RETURN(Consent saved, people.RecordConsent(c));
         return saved.id;
       }},
      {"sign up", "enrollment",
       [&]() -> Result<std::string> {
         RAIDA_ASSIGN_OR_RETURN(
             Enrollment e, enrollments.RequestSignUp(person_.id, catalog_.offering_id, {"care"}));
         return e.id;
       }},
      {"confirm", "enrollment",
       [&]() -> Result<std::string> {
         RAIDA_TRY(enrollments.SetStatus(enrollment_id, EnrollmentStatus::kConfirmed, ""));
         return enrollment_id;
       }},
      {"mark attendance", "attendance",
       [&]() -> Result<std::string> {
         RAIDA_ASSIGN_OR_RETURN(Attendance a, attendance.Mark(catalog_.session_id, person_.id,
                                                              AttendanceMark::kPresent, "coord"));
         return a.id;
       }},
      {"change attendance", "attendance",
       [&]() -> Result<std::string> {
         RAIDA_ASSIGN_OR_RETURN(Attendance a, attendance.Mark(catalog_.session_id, person_.id,
                                                              AttendanceMark::kExcused, "coord"));
         return a.id;
       }},
      {"lesson position", "lesson_progress",
       [&]() -> Result<std::string> {
         RAIDA_ASSIGN_OR_RETURN(
             LessonProgress p,
             lessons.SavePosition(person_.id, catalog_.course_id, "lesson.mouse", 3, 0));
         return p.id;
       }},
      // Time on the same page changes only this device's counter of the lesson.
      {"lesson time", "progress_counter",
       [&]() -> Result<std::string> {
         RAIDA_TRY(store_->SetDeviceId(5));  // a counter of its own once provisioned
         RAIDA_TRY(lessons.SavePosition(person_.id, catalog_.course_id, "lesson.mouse", 3, 40));
         return ProgressCounterId(person_.id, "lesson.mouse", store_->device_id());
       }},
      {"lesson done", "lesson_progress",
       [&]() -> Result<std::string> {
         RAIDA_ASSIGN_OR_RETURN(
             LessonProgress p,
             lessons.RecordCompletion(person_.id, catalog_.course_id, "lesson.mouse", 80, 0));
         return p.id;
       }},
      {"assessment draft", "assessment_response",
       [&]() -> Result<std::string> {
         AssessmentResponse r{"", person_.id, "riasec", R"({"q1":3})", "", false};
         RAIDA_ASSIGN_OR_RETURN(AssessmentResponse saved, assessments.SaveDraft(r));
         response_id = saved.id;
         return saved.id;
       }},
      {"assessment more answers", "assessment_response",
       [&]() -> Result<std::string> {
         AssessmentResponse r{response_id, person_.id, "riasec", R"({"q1":3,"q2":1})", "", false};
         RAIDA_ASSIGN_OR_RETURN(AssessmentResponse saved, assessments.SaveDraft(r));
         return saved.id;
       }},
      {"create plan", "action_plan",
       [&]() -> Result<std::string> {
         RAIDA_ASSIGN_OR_RETURN(ActionPlan plan, plans.CreatePlan(person_.id, "coord"));
         plan_id = plan.id;
         return plan.id;
       }},
      {"activate plan", "action_plan",
       [&]() -> Result<std::string> {
         RAIDA_TRY(plans.SetPlanStatus(plan_id, "active"));
         return plan_id;
       }},
      {"add goal", "plan_goal",
       [&]() -> Result<std::string> {
         RAIDA_ASSIGN_OR_RETURN(PlanGoal goal, plans.AddGoal(plan_id, "Find work"));
         goal_id = goal.id;
         return goal.id;
       }},
      {"goal achieved", "plan_goal",
       [&]() -> Result<std::string> {
         RAIDA_TRY(plans.SetGoalAchieved(goal_id, true));
         return goal_id;
       }},
      {"add step", "plan_step",
       [&]() -> Result<std::string> {
         PlanStep step;
         step.goal_id = goal_id;
         step.title = "Register at the labour office";
         step.institution = Institution::kLabourOffice;
         RAIDA_ASSIGN_OR_RETURN(PlanStep saved, plans.AddStep(step));
         step_id = saved.id;
         return saved.id;
       }},
      {"step done", "plan_step",
       [&]() -> Result<std::string> {
         RAIDA_TRY(plans.MarkStepDone(step_id, true));
         return step_id;
       }},
      {"step notes", "plan_step",
       [&]() -> Result<std::string> {
         RAIDA_TRY(plans.SetStepNotes(step_id, {0xde, 0xad, 0xbe, 0xef}));
         return step_id;
       }},
      {"present after all", "attendance",
       [&]() -> Result<std::string> {
         RAIDA_ASSIGN_OR_RETURN(Attendance a, attendance.Mark(catalog_.session_id, person_.id,
                                                              AttendanceMark::kPresent, "coord"));
         return a.id;
       }},
      {"present at the second session", "attendance",
       [&]() -> Result<std::string> {
         RAIDA_ASSIGN_OR_RETURN(Attendance a, attendance.Mark(catalog_.session2_id, person_.id,
                                                              AttendanceMark::kPresent, "coord"));
         return a.id;
       }},
      {"issue certificate", "certificate",
       [&]() -> Result<std::string> {
         RAIDA_ASSIGN_OR_RETURN(std::optional<Certificate> c,
                                CertificateRepository(*store_).IssueCertificateIfComplete(
                                    person_.id, catalog_.course_id, "2026-12-15"));
         if (!c) {
           return MakeError(ErrorCode::kInternal, "the course should be complete");
         }
         return c->id;
       }},
      {"audit", "audit_log",
       [&]() -> Result<std::string> {
         RAIDA_ASSIGN_OR_RETURN(
             AuditEntry e, audit.Append({"", 0, "coord", "person.view", "person", person_.id}));
         return e.id;
       }},
  };
  std::set<std::string> tables_seen;
  for (const Change& change : changes) {
    SCOPED_TRACE(change.what);
    const auto before = All();
    auto id = change.run();
    ASSERT_OK(id);
    const auto after = All();
    ASSERT_EQ(after.size(), before.size() + 1);
    const OutboxEntry& entry = after.back();
    EXPECT_EQ(entry.seq, before.empty() ? 1 : before.back().seq + 1);
    EXPECT_EQ(entry.table, change.table);
    EXPECT_EQ(entry.pk, *id);
    EXPECT_EQ(entry.op, 1);
    // The schema version whose triggers captured the change: certificates came with schema 4,
    // the person's triggers were made again by schema 7 and 9, lesson time counters came with 10.
    const int version = change.table == "certificate"        ? 4
                        : change.table == "person"           ? 9
                        : change.table == "progress_counter" ? 10
                                                             : 1;
    EXPECT_EQ(entry.schema_version, version);
    EXPECT_EQ(static_cast<int64_t>(entry.hlc), RowHlc(change.table, *id));
    EXPECT_EQ(QueryInt(*store_, "SELECT v FROM sync_meta WHERE k = 'hlc_last'"),
              static_cast<int64_t>(entry.hlc));
    tables_seen.insert(change.table);
  }
  // Every captured table was exercised (person's insert happened in SetUp).
  for (const SyncedTable& table : SyncedTables()) {
    EXPECT_EQ(tables_seen.count(table.name) == 1, table.captured) << table.name;
  }
  EXPECT_EQ(*OutboxRepository(*store_).LastSeq(), static_cast<int64_t>(changes.size()) + 1);
}

TEST_F(OutboxTest, EntryIsWrittenInTheSameTransactionAndRolledBackWithIt) {
  EXPECT_EQ(QueryInt(*store_, "SELECT count(*) FROM outbox"), 1);  // the registration
  {
    auto scope = store_->BeginWrite();
    ASSERT_OK(scope);
    ASSERT_OK(PersonRepository(*store_).Register(
        testing::SamplePerson(catalog_.center_id, "Jonas", "Jonaitis")));
    EXPECT_EQ(QueryInt(*store_, "SELECT count(*) FROM outbox"), 2);  // inside the transaction
  }                                                                  // rolled back
  EXPECT_EQ(QueryInt(*store_, "SELECT count(*) FROM outbox"), 1);
  EXPECT_EQ(QueryInt(*store_, "SELECT count(*) FROM person"), 1);
  ASSERT_OK(PersonRepository(*store_).Register(
      testing::SamplePerson(catalog_.center_id, "Ieva", "Kazlauskė")));
  const auto all = All();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].seq, 1);
  EXPECT_EQ(all[1].seq, 2);  // gapless: the rolled-back seq 2 was reused
}

TEST_F(OutboxTest, PublishedAndAppliedWritesAreNotCaptured) {
  const int64_t before = QueryInt(*store_, "SELECT count(*) FROM outbox");
  testing::SeedCatalog(*store_);  // upserting the same catalog again
  {
    Store::ApplyingScope applying(*store_);
    CatalogRepository catalog(*store_);
    Offering changed{catalog_.offering_id,
                     catalog_.course_id,
                     catalog_.center_id,
                     "2026-11-23",
                     "2026-12-21",
                     "Bajorai school",
                     10,
                     false};
    ASSERT_OK(catalog.UpsertOffering(changed));
    ASSERT_OK(CoordinatorRepository(*store_).UpsertFromRemote(
        {"coord.1", catalog_.center_id, "Rasa", "rasa", "", "", true}));
    Person remote = testing::SamplePerson(catalog_.center_id, "Petras", "Petraitis");
    remote.id = "7-1";
    ASSERT_OK(PersonRepository(*store_).UpsertFromRemote(remote));
  }
  EXPECT_EQ(QueryInt(*store_, "SELECT count(*) FROM outbox"), before);
  EXPECT_EQ(QueryInt(*store_, "SELECT count(*) FROM person"), 2);
}

TEST_F(OutboxTest, UnchangedUpdateLeavesNoEntry) {
  ASSERT_OK(PersonRepository(*store_).Update(person_));
  EXPECT_EQ(All().size(), 1u);
  // Even a stamped UPDATE that changes no data column sends nothing, but keeps its stamp safe.
  ASSERT_OK(
      store_->db().Exec("UPDATE person SET given_name = given_name, hlc = sync_hlc() WHERE id = '" +
                        person_.id + "'"));
  EXPECT_EQ(All().size(), 1u);
  EXPECT_EQ(QueryInt(*store_, "SELECT v FROM sync_meta WHERE k = 'hlc_last'"),
            RowHlc("person", person_.id));
}

TEST_F(OutboxTest, InsertCarriesEveryColumnUpdateOnlyTheChangedOnes) {
  const auto inserted = All();
  ASSERT_EQ(inserted.size(), 1u);
  EXPECT_EQ(inserted[0].cols_json,
            "{\"home_center_id\":\"center.bajorai\",\"given_name\":\"Ona\","
            "\"family_name\":\"Petraitienė\",\"birth_year\":1958,\"phone\":\"\",\"email\":\"\","
            "\"village\":\"Bajorai\",\"language\":\"lt\",\"needs\":\"[\\\"transport\\\"]\","
            "\"card_code\":null,\"merged_into\":null,\"erased\":0,\"deleted\":0,"
            "\"gender\":\"\",\"employment_status\":\"\",\"notes_key\":null}");
  Person changed = person_;
  changed.phone = "+37061234567";
  changed.birth_year.reset();
  ASSERT_OK(PersonRepository(*store_).Update(changed));
  EXPECT_EQ(All().back().cols_json, R"({"birth_year":null,"phone":"+37061234567"})");
}

TEST_F(OutboxTest, BlobColumnsTravelAsHex) {
  ActionPlanRepository plans(*store_);
  auto plan = plans.CreatePlan(person_.id, "coord");
  ASSERT_OK(plan);
  auto goal = plans.AddGoal(plan->id, "Learn e-mail");
  ASSERT_OK(goal);
  PlanStep step;
  step.goal_id = goal->id;
  step.title = "Open an account";
  step.notes_sealed = {0x00, 0xff};
  auto saved = plans.AddStep(step);
  ASSERT_OK(saved);
  EXPECT_NE(All().back().cols_json.find(R"("notes_sealed":"00FF")"), std::string::npos)
      << All().back().cols_json;
  ASSERT_OK(plans.SetStepNotes(saved->id, {}));
  EXPECT_EQ(All().back().cols_json, R"({"notes_sealed":null})");
}

TEST_F(OutboxTest, UpdateWithoutANewStampIsRefused) {
  auto status =
      store_->db().Exec("UPDATE person SET phone = '+370' WHERE id = '" + person_.id + "'");
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kConflict);
  EXPECT_NE(status.error().message.find("person: a local change must carry a new HLC stamp"),
            std::string::npos)
      << status.error().message;
  EXPECT_EQ(All().size(), 1u);
}

TEST_F(OutboxTest, LocalDeleteIsRefused) {
  auto status = store_->db().Exec("DELETE FROM person WHERE id = '" + person_.id + "'");
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().message.find("synced rows are never deleted locally; set deleted = 1"),
            std::string::npos)
      << status.error().message;
  // A tombstone is an ordinary captured change.
  ASSERT_OK(store_->db().Exec("UPDATE person SET deleted = 1, hlc = sync_hlc() WHERE id = '" +
                              person_.id + "'"));
  EXPECT_EQ(All().back().cols_json, R"({"deleted":1})");
}

TEST_F(OutboxTest, AuditLogIsAppendOnlyEvenWhileApplying) {
  auto entry = AuditLog(*store_).Append({"", 0, "coord", "person.view", "person", person_.id});
  ASSERT_OK(entry);
  EXPECT_EQ(entry->at_ms, kTestNowMs);
  const std::string where = " WHERE id = '" + entry->id + "'";
  for (bool applying : {false, true}) {
    std::optional<Store::ApplyingScope> scope;
    if (applying) {
      scope.emplace(*store_);
    }
    auto update = store_->db().Exec("UPDATE audit_log SET action = 'x', hlc = hlc + 1" + where);
    ASSERT_FALSE(update.ok());
    EXPECT_NE(update.error().message.find("append-only"), std::string::npos);
    auto remove = store_->db().Exec("DELETE FROM audit_log" + where);
    ASSERT_FALSE(remove.ok());
    EXPECT_NE(remove.error().message.find("append-only"), std::string::npos);
  }
  EXPECT_EQ(QueryInt(*store_, "SELECT count(*) FROM audit_log"), 1);
}

TEST_F(OutboxTest, PendingListAndAcknowledgement) {
  PersonRepository people(*store_);
  for (int i = 0; i < 5; ++i) {
    Person p = person_;
    p.phone = "+3706" + std::to_string(i);
    ASSERT_OK(people.Update(p));
  }
  OutboxRepository outbox(*store_);
  EXPECT_EQ(*outbox.CountPending(), 6);
  auto first = outbox.ListPending(4);
  ASSERT_OK(first);
  ASSERT_EQ(first->size(), 4u);
  EXPECT_EQ(first->front().seq, 1);
  ASSERT_OK(outbox.RemoveThrough(4));
  EXPECT_EQ(*outbox.CountPending(), 2);
  EXPECT_EQ(outbox.ListPending(10)->front().seq, 5);
  Person p = person_;
  p.phone = "+37069999999";
  ASSERT_OK(people.Update(p));
  EXPECT_EQ(All().back().seq, 7);  // the sequence continues after an acknowledgement
  EXPECT_EQ(*outbox.LastSeq(), 7);
}

}  // namespace
}  // namespace raida::core
