// The sign-up inbox (issue 5 item 3): the reducer alone (steps, refusals that change nothing,
// back, sign-out), and the reducer with the real InboxStorage and CoordinatorStorage on a real
// store with the demo district: decisions saved with their reason and exactly one audit entry
// of ids only, honest seat counts, and a sign-up confirmed offline that the sync (the real
// ReplyApplier) brings back waitlisted, shown as a conflict first.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "kiosk/state/coordinator_storage.h"
#include "kiosk/state/inbox_storage.h"
#include "kiosk/state/reduce.h"
#include "kiosk/state/reduce_inbox.h"
#include "raida/core/catalog_repository.h"
#include "raida/core/district_data.h"
#include "raida/core/enrollment_repository.h"
#include "raida/core/hlc.h"
#include "raida/core/store.h"
#include "raida/sync/batch_builder.h"
#include "raida/sync/reply_applier.h"
#include "tests/kiosk_state/effects_found.h"

namespace raida::kiosk {
namespace {

constexpr int64_t kWallT0 = 1'795'428'000'000;  // 2026-11-23 10:00 UTC
constexpr const char* kId = "coordinator.bajorai.1";
constexpr const char* kCenter = "center.bajorai";
constexpr const char* kToday = "2026-11-23";

AppState SignedInHome() {
  AppState state;
  state.center_id = kCenter;
  state.today = kToday;
  state.language = "en";
  state.screen = Screen::kCoordinator;
  state.coordinator.view = CoordinatorView::kHome;
  state.coordinator.signed_in = SignedInCoordinator{kId, "Rasa V."};
  return state;
}

InboxOffering Offering(const std::string& id, const std::string& course, int capacity,
                       int confirmed, const std::string& ends_on = "2026-12-20") {
  InboxOffering o;
  o.id = id;
  o.course_id = course;
  o.course_title = {{"en", "Course " + course}};
  o.starts_on = "2026-11-20";
  o.ends_on = ends_on;
  o.capacity = capacity;
  o.confirmed_here = confirmed;
  o.district_count = confirmed;
  return o;
}

InboxRequest Request(const std::string& id, const std::string& offering,
                     const std::string& status = "requested") {
  InboxRequest r;
  r.enrollment_id = id;
  r.offering_id = offering;
  r.person_id = "person." + id;
  r.person_name = "Ona Petraitienė";
  r.status = status;
  r.needs = {"transport"};
  return r;
}

// The inbox opened and loaded with four offerings of course "a" (one full, one with capacity
// 0, one ended, one cancelled) and one of course "b", and a request at each open one.
AppState LoadedInbox() {
  AppState state = SignedInHome();
  Reduce(state, OpenCoordinatorTask{CoordinatorView::kInbox});
  InboxLoaded loaded;
  loaded.center_id = kCenter;
  loaded.offerings = {Offering("o.a1", "a", 8, 3), Offering("o.a2", "a", 6, 6),
                      Offering("o.a3", "a", 0, 0), Offering("o.a4", "a", 8, 0, "2026-11-01"),
                      Offering("o.a5", "a", 8, 0), Offering("o.b1", "b", 8, 0)};
  loaded.offerings[4].cancelled = true;
  loaded.requests = {Request("e1", "o.a1"), Request("e2", "o.a2"), Request("e3", "o.a3"),
                     Request("e4", "o.b1", "waitlisted")};
  Reduce(state, loaded);
  return state;
}

// [SECTION] The reducer alone

TEST(InboxReduceTest, OpeningLoadsTheListAndWritesOneAuditEntryOfIdsOnly) {
  AppState state = SignedInHome();
  state.coordinator.inbox.done_key = "inbox.done.confirm";  // from an earlier visit
  const std::vector<Effect> effects = Reduce(state, OpenCoordinatorTask{CoordinatorView::kInbox});
  EXPECT_EQ(state.coordinator.view, CoordinatorView::kInbox);
  EXPECT_TRUE(state.coordinator.inbox.loading);
  EXPECT_TRUE(state.coordinator.inbox.done_key.empty()) << "a fresh inbox";
  ASSERT_EQ(All<LoadInbox>(effects).size(), 1u);
  EXPECT_EQ(All<LoadInbox>(effects)[0].today, kToday);
  const auto audits = All<WriteAudit>(effects);
  ASSERT_EQ(audits.size(), 1u);
  EXPECT_EQ(audits[0].actor_id, kId);
  EXPECT_EQ(audits[0].action, kAuditInboxView);
  EXPECT_EQ(audits[0].record_table, "center");
  EXPECT_EQ(audits[0].record_id, kCenter);
}

TEST(InboxReduceTest, NothingHappensWithoutASignedInCoordinator) {
  AppState state = LoadedInbox();
  state.coordinator.signed_in.reset();
  const InboxState before = state.coordinator.inbox;
  EXPECT_TRUE(Reduce(state, OpenInboxRequest{"e1"}).empty());
  EXPECT_EQ(state.coordinator.inbox.step, before.step);
  EXPECT_TRUE(state.coordinator.inbox.chosen_id.empty());
}

TEST(InboxReduceTest, ConfirmWithAReasonAsksToSaveIt) {
  AppState state = LoadedInbox();
  Reduce(state, OpenInboxRequest{"e1"});
  EXPECT_EQ(state.coordinator.inbox.step, InboxStep::kRequest);
  Reduce(state, ChooseInboxDecision{InboxDecision::kConfirm});
  EXPECT_EQ(state.coordinator.inbox.step, InboxStep::kReason);
  EXPECT_TRUE(Reduce(state, ChooseInboxReason{"not_a_reason"}).empty());
  const auto saves = All<SaveInboxDecision>(Reduce(state, ChooseInboxReason{"seat_free"}));
  ASSERT_EQ(saves.size(), 1u);
  EXPECT_EQ(saves[0].enrollment_id, "e1");
  EXPECT_EQ(saves[0].reason, "confirm.seat_free");
  EXPECT_EQ(saves[0].actor_id, kId);
  EXPECT_TRUE(state.coordinator.inbox.saving);
  EXPECT_TRUE(Reduce(state, ChooseInboxReason{"seat_free"}).empty()) << "saved once";
  EXPECT_TRUE(Reduce(state, InboxSaved{"other", ""}).empty()) << "not the one being saved";
  const auto reload = All<LoadInbox>(Reduce(state, InboxSaved{"e1", ""}));
  EXPECT_EQ(reload.size(), 1u);
  EXPECT_EQ(state.coordinator.inbox.step, InboxStep::kList);
  EXPECT_EQ(state.coordinator.inbox.done_key, "inbox.done.confirm");
  EXPECT_EQ(state.coordinator.inbox.done_name, "Ona Petraitienė");
}

TEST(InboxReduceTest, BadInputIsSaidAndChangesNothing) {
  struct Case {
    const char* enrollment;
    InboxDecision decision;
    const char* key;
  };
  for (const Case& c : {Case{"e2", InboxDecision::kConfirm, kInboxNoSeatKey},
                        Case{"e3", InboxDecision::kConfirm, kInboxNoCapacityKey},
                        Case{"e4", InboxDecision::kWaitlist, kInboxAlreadyWaitlistedKey},
                        Case{"e4", InboxDecision::kMove, kInboxNoOtherOfferingKey}}) {
    AppState state = LoadedInbox();
    Reduce(state, OpenInboxRequest{c.enrollment});
    const std::vector<Effect> effects = Reduce(state, ChooseInboxDecision{c.decision});
    EXPECT_TRUE(effects.empty()) << c.key;
    EXPECT_EQ(state.coordinator.inbox.error_key, c.key);
    EXPECT_EQ(state.coordinator.inbox.step, InboxStep::kRequest) << c.key;
  }
}

TEST(InboxReduceTest, MovingToAnEndedOrCancelledOfferingIsRefused) {
  AppState state = LoadedInbox();
  Reduce(state, OpenInboxRequest{"e1"});
  Reduce(state, ChooseInboxDecision{InboxDecision::kMove});
  ASSERT_EQ(state.coordinator.inbox.step, InboxStep::kMoveTarget);
  EXPECT_TRUE(Reduce(state, ChooseInboxMoveTarget{"o.a4"}).empty());
  EXPECT_EQ(state.coordinator.inbox.error_key, kInboxMoveEndedKey);
  EXPECT_TRUE(Reduce(state, ChooseInboxMoveTarget{"o.a5"}).empty());
  EXPECT_EQ(state.coordinator.inbox.error_key, kInboxMoveCancelledKey);
  Reduce(state, ChooseInboxMoveTarget{"o.b1"});  // another course: not offered, ignored
  Reduce(state, ChooseInboxMoveTarget{"o.a1"});  // where they are now: ignored
  EXPECT_EQ(state.coordinator.inbox.step, InboxStep::kMoveTarget);
  EXPECT_TRUE(state.coordinator.inbox.move_to.empty());
  Reduce(state, ChooseInboxMoveTarget{"o.a2"});  // full: a move only requests there
  EXPECT_EQ(state.coordinator.inbox.step, InboxStep::kReason);
  EXPECT_TRUE(state.coordinator.inbox.error_key.empty());
  const auto saves = All<SaveInboxDecision>(Reduce(state, ChooseInboxReason{"better_time"}));
  ASSERT_EQ(saves.size(), 1u);
  EXPECT_EQ(saves[0].move_to, "o.a2");
  EXPECT_EQ(saves[0].reason, "move.better_time");
}

TEST(InboxReduceTest, ARefusalFromStorageKeepsTheRequestAndReloads) {
  AppState state = LoadedInbox();
  Reduce(state, OpenInboxRequest{"e1"});
  Reduce(state, ChooseInboxDecision{InboxDecision::kConfirm});
  Reduce(state, ChooseInboxReason{"seat_free"});
  const auto reload = All<LoadInbox>(Reduce(state, InboxSaved{"e1", kInboxNoSeatKey}));
  EXPECT_EQ(reload.size(), 1u);
  EXPECT_EQ(state.coordinator.inbox.step, InboxStep::kRequest);
  EXPECT_EQ(state.coordinator.inbox.chosen_id, "e1");
  EXPECT_EQ(state.coordinator.inbox.error_key, kInboxNoSeatKey);
  EXPECT_TRUE(state.coordinator.inbox.done_key.empty());
}

TEST(InboxReduceTest, BackGoesOneStepThenHome) {
  AppState state = LoadedInbox();
  Reduce(state, OpenInboxRequest{"e1"});
  Reduce(state, ChooseInboxDecision{InboxDecision::kMove});
  Reduce(state, ChooseInboxMoveTarget{"o.a2"});
  ASSERT_EQ(state.coordinator.inbox.step, InboxStep::kReason);
  Reduce(state, GoBack{});
  EXPECT_EQ(state.coordinator.inbox.step, InboxStep::kMoveTarget);
  Reduce(state, GoBack{});
  EXPECT_EQ(state.coordinator.inbox.step, InboxStep::kRequest);
  Reduce(state, GoBack{});
  EXPECT_EQ(state.coordinator.inbox.step, InboxStep::kList);
  EXPECT_EQ(state.coordinator.view, CoordinatorView::kInbox);
  Reduce(state, GoBack{});
  EXPECT_EQ(state.coordinator.view, CoordinatorView::kHome);
  EXPECT_EQ(state.screen, Screen::kCoordinator);
}

TEST(InboxReduceTest, SignOutForgetsEveryNameAndNeed) {
  AppState state = LoadedInbox();
  Reduce(state, OpenInboxRequest{"e1"});
  Reduce(state, GoHome{});
  EXPECT_FALSE(state.coordinator.signed_in);
  EXPECT_TRUE(state.coordinator.inbox.requests.empty());
  EXPECT_TRUE(state.coordinator.inbox.chosen_id.empty());
  EXPECT_TRUE(state.coordinator.inbox.offerings.empty());
}

TEST(InboxReduceTest, AListThatNoLongerHasTheChosenRequestSaysSo) {
  AppState state = LoadedInbox();
  Reduce(state, OpenInboxRequest{"e1"});
  Reduce(state, OpenCoordinatorTask{CoordinatorView::kInbox});  // not from the inbox: ignored
  state.coordinator.inbox.loading = true;
  InboxLoaded loaded;
  loaded.center_id = kCenter;
  loaded.offerings = state.coordinator.inbox.offerings;
  Reduce(state, loaded);
  EXPECT_EQ(state.coordinator.inbox.step, InboxStep::kList);
  EXPECT_EQ(state.coordinator.inbox.error_key, kInboxChangedKey);
}

// [SECTION] With the real storage

class InboxRigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    setenv("TZ", "UTC", 1);
    tzset();
    dir_ = std::filesystem::temp_directory_path() /
           ("raida-inbox-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    coordinators_ = std::make_unique<CoordinatorStorage>((dir_ / "kiosk.db.pepper").string(),
                                                         core::PinHashCost::Cheapest());
    core::StoreOptions options;
    options.path = (dir_ / "kiosk.db").string();
    options.mode = core::OpenMode::kCreateIfMissing;
    store_ = std::move(core::Store::Open(options, clock_)).value();
    core::DistrictLoadOptions load;
    load.only_center_id = kCenter;
    ASSERT_TRUE(core::LoadDistrictFile(
                    *store_, std::string(RAIDA_SOURCE_DIR) + "/assets/demo/rokiskis.json", load)
                    .ok());
    // Three more runs of the e-government course here: a later one, an ended one, a cancelled
    // one (the demo has one run of each course per center).
    core::Store::ApplyingScope applying(*store_);
    core::CatalogRepository catalog(*store_);
    core::Offering later{"offering.bajorai.2b",
                         "course.e-government",
                         kCenter,
                         "2027-01-11",
                         "2027-01-25",
                         "Bajorų bendruomenės namai, salė",
                         8,
                         false};
    core::Offering ended = later;
    ended.id = "offering.bajorai.2c";
    ended.starts_on = "2026-10-01";
    ended.ends_on = "2026-10-20";
    core::Offering cancelled = later;
    cancelled.id = "offering.bajorai.2d";
    cancelled.cancelled = true;
    for (const core::Offering& o : {later, ended, cancelled}) {
      ASSERT_TRUE(catalog.UpsertOffering(o).ok());
    }
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  // Reduces `action` and runs what it asks of the inbox and coordinator storage, feeding the
  // answers back.
  std::vector<Effect> Drive(const Action& action) {
    std::vector<Effect> effects = Reduce(state_, action);
    std::vector<Effect> all = effects;
    for (const Effect& effect : effects) {
      std::optional<Action> answer = VisitMessage(
          [&](const auto& e) -> std::optional<Action> {
            using E = std::decay_t<decltype(e)>;
            if constexpr (InboxEffect<E>) {
              auto result = inbox_.Run(*store_, e);
              EXPECT_TRUE(result.ok()) << result.error().message;
              return result.ok() ? *result : std::nullopt;
            } else if constexpr (CoordinatorEffect<E>) {
              auto result = coordinators_->Run(*store_, e);
              EXPECT_TRUE(result.ok()) << result.error().message;
              return result.ok() ? *result : std::nullopt;
            }
            return std::nullopt;
          },
          effect);
      if (answer) {
        for (Effect& more : Drive(*answer)) {
          all.push_back(std::move(more));
        }
      }
    }
    return all;
  }

  std::vector<std::string> AuditRows() {
    std::vector<std::string> rows;
    auto stmt = store_->db().Prepare(
        "SELECT actor_id || '|' || action || '|' || record_table || '|' || record_id"
        " FROM audit_log ORDER BY at_ms, hlc");
    while (*stmt->Step()) {
      rows.push_back(stmt->ColumnText(0));
    }
    return rows;
  }

  // Every value of every audit row, for a check that no personal value is in it.
  std::string AuditText() {
    std::string text;
    for (const std::string& row : AuditRows()) {
      text += row + "\n";
    }
    return text;
  }

  core::Enrollment Enrollment(const std::string& person, const std::string& offering) {
    auto e = core::EnrollmentRepository(*store_).Get(
        core::DeterministicId("enrollment", offering, person));
    EXPECT_TRUE(e.ok() && e->has_value());
    return e.ok() && e->has_value() ? **e : core::Enrollment{};
  }

  void OpenInboxHere() {
    state_ = SignedInHome();
    Drive(OpenCoordinatorTask{CoordinatorView::kInbox});
    ASSERT_FALSE(state_.coordinator.inbox.loading);
  }

  const InboxRequest* RequestOf(const std::string& person) {
    for (const InboxRequest& r : state_.coordinator.inbox.requests) {
      if (r.person_id == person) {
        return &r;
      }
    }
    return nullptr;
  }

  // Decides the request of `person` with `reason` (and `move_to` for a move) by the reducer.
  void Decide(const std::string& person, InboxDecision decision, const std::string& reason,
              const std::string& move_to = "") {
    const InboxRequest* request = RequestOf(person);
    ASSERT_NE(request, nullptr) << person;
    Drive(OpenInboxRequest{request->enrollment_id});
    Drive(ChooseInboxDecision{decision});
    if (!move_to.empty()) {
      Drive(ChooseInboxMoveTarget{move_to});
    }
    ASSERT_EQ(state_.coordinator.inbox.step, InboxStep::kReason)
        << state_.coordinator.inbox.error_key;
    Drive(ChooseInboxReason{reason});
  }

  int64_t Count(const std::string& sql) {
    auto stmt = store_->db().Prepare(sql);
    EXPECT_TRUE(stmt.ok());
    EXPECT_TRUE(*stmt->Step());
    return stmt->ColumnInt(0);
  }

  std::filesystem::path dir_;
  core::ManualClock clock_{kWallT0};
  std::unique_ptr<core::Store> store_;
  std::unique_ptr<CoordinatorStorage> coordinators_;
  InboxStorage inbox_;
  AppState state_;
};

TEST_F(InboxRigTest, TheListShowsRequestsWithNamesNeedsAndHonestSeats) {
  OpenInboxHere();
  const InboxState& inbox = state_.coordinator.inbox;
  const InboxRequest* ona = RequestOf("person.demo.05");
  ASSERT_NE(ona, nullptr);
  EXPECT_EQ(ona->offering_id, "offering.bajorai.2");
  EXPECT_EQ(ona->status, "requested");
  EXPECT_EQ(ona->needs, std::vector<std::string>{"care"});
  EXPECT_FALSE(ona->person_name.empty());
  EXPECT_FALSE(ona->conflict);
  const InboxRequest* waiting = RequestOf("person.demo.08");  // waitlisted at the full course
  ASSERT_NE(waiting, nullptr);
  EXPECT_EQ(waiting->status, "waitlisted");
  EXPECT_EQ(RequestOf("person.demo.02"), nullptr) << "confirmed sign-ups are not requests";
  const InboxOffering* full = FindInboxOffering(inbox, "offering.bajorai.1");
  ASSERT_NE(full, nullptr);
  EXPECT_EQ(full->capacity, 6);
  EXPECT_EQ(full->confirmed_here, 6);
  EXPECT_EQ(full->unsent, 0);
  EXPECT_EQ(full->district_count, 6);
  EXPECT_FALSE(full->course_title.empty());
  EXPECT_TRUE(inbox.last_sync_date.empty()) << "never synced: no district count to show";
  EXPECT_NE(FindInboxOffering(inbox, "offering.bajorai.2d"), nullptr) << "moves check it";
  EXPECT_EQ(AuditRows(),
            std::vector<std::string>{std::string(kId) + "|inbox.view|center|" + kCenter});
}

TEST_F(InboxRigTest, ConfirmSavesTheReasonAndOneAuditEntryAndCountsItAsNotYetSent) {
  OpenInboxHere();
  const std::string id = Enrollment("person.demo.05", "offering.bajorai.2").id;
  const int64_t outbox_before = Count("SELECT count(*) FROM outbox");
  Decide("person.demo.05", InboxDecision::kConfirm, "seat_free");
  const core::Enrollment saved = Enrollment("person.demo.05", "offering.bajorai.2");
  EXPECT_EQ(saved.status, core::EnrollmentStatus::kConfirmed);
  EXPECT_EQ(saved.reason, "confirm.seat_free");
  EXPECT_GT(Count("SELECT count(*) FROM outbox"), outbox_before) << "goes up at the next sync";
  const std::vector<std::string> audit = AuditRows();
  ASSERT_EQ(audit.size(), 2u);
  EXPECT_EQ(audit[1], std::string(kId) + "|enrollment.confirm|enrollment|" + id);
  const InboxState& inbox = state_.coordinator.inbox;
  EXPECT_EQ(inbox.step, InboxStep::kList);
  EXPECT_EQ(inbox.done_key, "inbox.done.confirm");
  EXPECT_EQ(RequestOf("person.demo.05"), nullptr) << "decided: no longer a request";
  const InboxOffering* offering = FindInboxOffering(inbox, "offering.bajorai.2");
  ASSERT_NE(offering, nullptr);
  EXPECT_EQ(offering->confirmed_here, 1);
  EXPECT_EQ(offering->unsent, 1);
  EXPECT_EQ(offering->district_count, 0);
}

TEST_F(InboxRigTest, EachDecisionWritesExactlyOneAuditEntryWithNoPersonalValue) {
  OpenInboxHere();
  const std::string name = RequestOf("person.demo.05")->person_name;
  Decide("person.demo.05", InboxDecision::kWaitlist, "needs_not_met");
  Decide("person.demo.01", InboxDecision::kCancel, "person_asked");
  Decide("person.demo.08", InboxDecision::kCancel, "other");
  EXPECT_EQ(Enrollment("person.demo.05", "offering.bajorai.2").status,
            core::EnrollmentStatus::kWaitlisted);
  EXPECT_EQ(Enrollment("person.demo.05", "offering.bajorai.2").reason, "waitlist.needs_not_met");
  EXPECT_EQ(Enrollment("person.demo.01", "offering.bajorai.2").status,
            core::EnrollmentStatus::kCancelled);
  EXPECT_EQ(Enrollment("person.demo.08", "offering.bajorai.1").reason, "cancel.other");
  Decide("person.demo.05", InboxDecision::kMove, "better_time", "offering.bajorai.2b");
  EXPECT_EQ(Enrollment("person.demo.05", "offering.bajorai.2").status,
            core::EnrollmentStatus::kCancelled);
  const core::Enrollment moved = Enrollment("person.demo.05", "offering.bajorai.2b");
  EXPECT_EQ(moved.status, core::EnrollmentStatus::kRequested);
  EXPECT_EQ(moved.needs, std::vector<std::string>{"care"}) << "the needs go along";
  ASSERT_NE(RequestOf("person.demo.05"), nullptr);
  EXPECT_EQ(RequestOf("person.demo.05")->offering_id, "offering.bajorai.2b");

  const std::string e05 = Enrollment("person.demo.05", "offering.bajorai.2").id;
  const std::string e01 = Enrollment("person.demo.01", "offering.bajorai.2").id;
  const std::string e08 = Enrollment("person.demo.08", "offering.bajorai.1").id;
  const std::string actor(kId);
  // One inbox.view per opening (the decisions reload the list without a new entry).
  EXPECT_EQ(AuditRows(), (std::vector<std::string>{
                             actor + "|inbox.view|center|" + kCenter,
                             actor + "|enrollment.waitlist|enrollment|" + e05,
                             actor + "|enrollment.cancel|enrollment|" + e01,
                             actor + "|enrollment.cancel|enrollment|" + e08,
                             actor + "|enrollment.move|enrollment|" + e05,
                         }));
  const std::string audit = AuditText();
  for (const std::string& personal :
       {name, name.substr(0, name.find(' ')), std::string("person.demo"), std::string("care"),
        std::string("needs_not_met"), std::string("better_time")}) {
    EXPECT_EQ(audit.find(personal), std::string::npos) << personal;
  }
}

TEST_F(InboxRigTest, ConfirmingAtAFullCourseChangesNothing) {
  OpenInboxHere();
  const core::Enrollment before = Enrollment("person.demo.08", "offering.bajorai.1");
  Drive(OpenInboxRequest{before.id});
  Drive(ChooseInboxDecision{InboxDecision::kConfirm});
  EXPECT_EQ(state_.coordinator.inbox.error_key, kInboxNoSeatKey);
  // The storage says the same when the screen's counts were stale.
  auto refused =
      inbox_.Run(*store_, SaveInboxDecision{kId, kCenter, before.id, InboxDecision::kConfirm,
                                            "confirm.seat_free", "", kToday});
  ASSERT_TRUE(refused.ok() && refused->has_value());
  EXPECT_EQ(GetMessage<InboxSaved>(**refused).error_key, kInboxNoSeatKey);
  const core::Enrollment after = Enrollment("person.demo.08", "offering.bajorai.1");
  EXPECT_EQ(after.status, before.status);
  EXPECT_EQ(after.reason, before.reason);
  EXPECT_EQ(AuditRows().size(), 1u) << "a refusal writes no audit entry";
}

TEST_F(InboxRigTest, MovingToAnEndedOrCancelledOfferingChangesNothing) {
  OpenInboxHere();
  const std::string id = Enrollment("person.demo.05", "offering.bajorai.2").id;
  const int64_t outbox_before = Count("SELECT count(*) FROM outbox");
  for (const auto& [target, key] : std::vector<std::pair<std::string, std::string>>{
           {"offering.bajorai.2c", kInboxMoveEndedKey},
           {"offering.bajorai.2d", kInboxMoveCancelledKey}}) {
    Drive(OpenInboxRequest{id});
    Drive(ChooseInboxDecision{InboxDecision::kMove});
    Drive(ChooseInboxMoveTarget{target});
    EXPECT_EQ(state_.coordinator.inbox.error_key, key);
    EXPECT_EQ(state_.coordinator.inbox.step, InboxStep::kMoveTarget);
    auto refused = inbox_.Run(*store_, SaveInboxDecision{kId, kCenter, id, InboxDecision::kMove,
                                                         "move.better_time", target, kToday});
    ASSERT_TRUE(refused.ok() && refused->has_value());
    EXPECT_EQ(GetMessage<InboxSaved>(**refused).error_key, key);
    Drive(GoBack{});
    Drive(GoBack{});
  }
  EXPECT_EQ(Enrollment("person.demo.05", "offering.bajorai.2").status,
            core::EnrollmentStatus::kRequested);
  EXPECT_EQ(Count("SELECT count(*) FROM enrollment WHERE offering_id IN "
                  "('offering.bajorai.2c', 'offering.bajorai.2d')"),
            0);
  EXPECT_EQ(Count("SELECT count(*) FROM outbox"), outbox_before);
  EXPECT_EQ(AuditRows().size(), 1u);
}

TEST_F(InboxRigTest, MovingSomeoneAlreadySignedUpThereIsRefusedAndRolledBack) {
  // person.demo.01 asks for e-government twice: at the run here and the later one.
  ASSERT_TRUE(core::EnrollmentRepository(*store_)
                  .RequestSignUp("person.demo.01", "offering.bajorai.2b", {})
                  .ok());
  OpenInboxHere();
  const std::string id = Enrollment("person.demo.01", "offering.bajorai.2").id;
  auto refused =
      inbox_.Run(*store_, SaveInboxDecision{kId, kCenter, id, InboxDecision::kMove, "move.other",
                                            "offering.bajorai.2b", kToday});
  ASSERT_TRUE(refused.ok() && refused->has_value());
  EXPECT_EQ(GetMessage<InboxSaved>(**refused).error_key, kInboxMoveAlreadyKey);
  EXPECT_EQ(Enrollment("person.demo.01", "offering.bajorai.2").status,
            core::EnrollmentStatus::kRequested)
      << "the cancel here was rolled back";
  EXPECT_EQ(AuditRows().size(), 1u);
}

// Issue 5, Done means: "a sign-up confirmed offline that the server later waitlists (shown as
// such after sync)". The coordinator confirms while the kiosk is offline; the next sync's reply
// (applied by the real ReplyApplier) acknowledges the change as waitlisted and pulls the row
// back as the district office decided it.
TEST_F(InboxRigTest, ASignUpConfirmedOfflineThatTheServerWaitlistsIsShownAsSuchAfterSync) {
  OpenInboxHere();
  const std::string id = Enrollment("person.demo.05", "offering.bajorai.2").id;
  Decide("person.demo.05", InboxDecision::kConfirm, "seat_free");
  ASSERT_EQ(Enrollment("person.demo.05", "offering.bajorai.2").status,
            core::EnrollmentStatus::kConfirmed);

  auto frozen = sync::BatchBuilder(*store_).Freeze(sync::kStartBatchBytes);
  ASSERT_TRUE(frozen.ok() && frozen->has_value());
  int64_t seq = 0;
  for (const sync::PushChange& change : (*frozen)->push.changes) {
    if (change.table == "enrollment" && change.pk == id) {
      seq = change.seq;
    }
  }
  ASSERT_GT(seq, 0) << "the confirmation went up";
  clock_.Advance(60'000);
  sync::SyncResponse reply;
  reply.server_time = clock_.NowMs();
  reply.ack =
      sync::Ack{(*frozen)->push.batch, false, {{seq, sync::ChangeOutcome::kWaitlisted, "2"}}};
  reply.changes = {sync::PulledChange{1, "enrollment", id, core::MakeHlc(clock_.NowMs() + 1000, 0),
                                      0, "{\"status\":\"waitlisted\"}"}};
  reply.next = 1;
  ASSERT_TRUE(sync::ReplyApplier(*store_).Apply(**frozen, reply, 0, clock_.NowMs()).ok());
  ASSERT_EQ(Enrollment("person.demo.05", "offering.bajorai.2").status,
            core::EnrollmentStatus::kWaitlisted);

  OpenInboxHere();
  const InboxState& inbox = state_.coordinator.inbox;
  ASSERT_FALSE(inbox.requests.empty());
  const InboxRequest& first = inbox.requests.front();
  EXPECT_EQ(first.enrollment_id, id) << "conflicts come first";
  EXPECT_TRUE(first.conflict);
  EXPECT_EQ(first.status, "waitlisted");
  EXPECT_EQ(first.waitlist_position, "2");
  EXPECT_FALSE(inbox.last_sync_date.empty()) << "the district office's count has a date now";
  const InboxOffering* offering = FindInboxOffering(inbox, "offering.bajorai.2");
  ASSERT_NE(offering, nullptr);
  EXPECT_EQ(offering->confirmed_here, 0);
  EXPECT_EQ(offering->unsent, 0);

  // Deciding it (here: cancel, as the person cannot wait) clears the conflict.
  Decide("person.demo.05", InboxDecision::kCancel, "cannot_come");
  EXPECT_EQ(RequestOf("person.demo.05"), nullptr);
}

}  // namespace
}  // namespace raida::kiosk
