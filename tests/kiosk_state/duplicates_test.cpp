// "Possible duplicates" with the real storage: the reducer drives DuplicatesStorage on a
// ":memory:" store seeded with the demo district's Bajorai center plus two people registered
// twice (the same name and year as Ona, the same phone as Algirdas). The pairs are found by the
// register's rule with what tells them apart; choosing the record to keep and confirming sets
// merged_into on the other (captured for sync) with exactly one "person.merge" audit entry
// holding ids only; cancelling changes nothing; the merged person then leaves the people list,
// the pairs, the register's duplicate check and card sign-in; "different people" is kept on this
// kiosk only; a resident or a late result after sign-out changes nothing.
#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>
#include <memory>
#include <string>
#include <vector>

#include "kiosk/state/duplicates_storage.h"
#include "kiosk/state/person_storage.h"
#include "kiosk/state/reduce.h"
#include "kiosk/state/reduce_duplicates.h"
#include "kiosk/state/register_storage.h"
#include "kiosk/state/resident_effects.h"
#include "raida/core/district_data.h"
#include "raida/core/person_repository.h"
#include "raida/core/store.h"

namespace raida::kiosk {
namespace {

constexpr const char* kCoordinator = "coordinator.bajorai.1";
constexpr const char* kOna = "person.demo.01";       // Ona Kazlauskienė 1951, +370 600 10001
constexpr const char* kAlgirdas = "person.demo.04";  // Algirdas Šimkus 1963, +370 600 10004

template <typename T>
int Count(const std::vector<Effect>& effects) {
  int count = 0;
  for (const Effect& effect : effects) {
    count += HoldsMessage<T>(effect) ? 1 : 0;
  }
  return count;
}

template <typename T>
const T* Only(const std::vector<Effect>& effects) {
  EXPECT_EQ(effects.size(), 1u);
  return effects.empty() ? nullptr : FindMessage<T>(effects.front());
}

class DuplicatesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    setenv("TZ", "UTC", 1);
    tzset();
    core::StoreOptions options;
    options.path = ":memory:";
    options.mode = core::OpenMode::kCreateIfMissing;
    store_ = std::move(core::Store::Open(options, clock_)).value();
    core::DistrictLoadOptions load;
    load.only_center_id = "center.bajorai";
    ASSERT_TRUE(core::LoadDistrictFile(
                    *store_, std::string(RAIDA_SOURCE_DIR) + "/assets/demo/rokiskis.json", load)
                    .ok());
    ona_again_ = Register("ONA", "Kazlauskiene", 1951, "", "55501234");
    algirdas_again_ = Register("Algis", "Šimkus", 1964, "8 600 10004", "55505678");
    state_.center_id = "center.bajorai";
    state_.language = "en";
    state_.today = "2026-11-23";
    state_.screen = Screen::kCoordinator;
    state_.coordinator.view = CoordinatorView::kHome;
    state_.coordinator.signed_in = SignedInCoordinator{kCoordinator, "Rasa"};
  }

  // A person registered at Bajorai with a registration consent given now.
  std::string Register(const std::string& given, const std::string& family, int year,
                       const std::string& phone, const std::string& card) {
    core::Person person;
    person.home_center_id = "center.bajorai";
    person.given_name = given;
    person.family_name = family;
    person.birth_year = year;
    person.phone = phone;
    person.card_code = card;
    core::PersonRepository people(*store_);
    auto registered = people.Register(person);
    EXPECT_TRUE(registered.ok()) << registered.error().message;
    core::Consent consent;
    consent.person_id = registered->id;
    consent.purpose = "registration";
    consent.granted = true;
    consent.text_version = "registration/2026-1";
    consent.language = "lt";
    consent.recorded_at_ms = clock_.NowMs();
    EXPECT_TRUE(people.RecordConsent(consent).ok());
    return registered->id;
  }

  // Reduces `action`, runs every storage effect it asks for and reduces their results (and so on
  // for what those ask for); returns the effects of `action` itself.
  std::vector<Effect> Step(const Action& action) {
    std::vector<Effect> effects = Reduce(state_, action);
    for (const Effect& effect : effects) {
      std::optional<Action> result;
      if (const auto* load = FindMessage<LoadDuplicates>(effect)) {
        result = storage_.Run(*store_, *load).value();
      } else if (const auto* merge = FindMessage<SaveDuplicateMerge>(effect)) {
        result = storage_.Run(*store_, *merge).value();
      } else if (const auto* apart = FindMessage<SaveNotDuplicates>(effect)) {
        result = storage_.Run(*store_, *apart).value();
      }
      if (result) {
        Step(*result);
      }
    }
    return effects;
  }

  void OpenPairOf(const std::string& id) {
    Step(OpenCoordinatorTask{CoordinatorView::kDuplicates});
    for (const DuplicatePair& pair : state_.coordinator.duplicates.pairs) {
      if (pair.first.id == id || pair.second.id == id) {
        Step(ChooseDuplicatePair{pair.first.id, pair.second.id});
        return;
      }
    }
    ADD_FAILURE() << "no pair with " << id;
  }

  int64_t Int(const std::string& sql) {
    auto stmt = store_->db().Prepare(sql);
    EXPECT_TRUE(stmt.ok()) << sql;
    EXPECT_TRUE(stmt->Step().value()) << sql;
    return stmt->ColumnInt(0);
  }
  std::string Text(const std::string& sql) {
    auto stmt = store_->db().Prepare(sql);
    EXPECT_TRUE(stmt.ok()) << sql;
    return stmt->Step().value() && !stmt->ColumnIsNull(0) ? stmt->ColumnText(0) : "-";
  }

  core::ManualClock clock_{1'763'884'800'000};  // 2025-11-23
  std::unique_ptr<core::Store> store_;
  DuplicatesStorage storage_;
  AppState state_;
  std::string ona_again_;
  std::string algirdas_again_;
};

TEST_F(DuplicatesTest, PairsAreFoundByTheRegistersRuleWithWhatTellsThemApart) {
  auto pairs = FindDuplicatePairs(*store_, "center.bajorai");
  ASSERT_TRUE(pairs.ok()) << pairs.error().message;
  ASSERT_EQ(pairs->size(), 2u);
  const DuplicatePair& ona = pairs->at(0).first.family_name == "Kazlauskienė" ||
                                     pairs->at(0).second.family_name == "Kazlauskienė"
                                 ? pairs->at(0)
                                 : pairs->at(1);
  const DuplicatePair& algirdas = &ona == &pairs->at(0) ? pairs->at(1) : pairs->at(0);
  EXPECT_TRUE(ona.same_name);
  EXPECT_FALSE(ona.same_phone);
  EXPECT_FALSE(algirdas.same_name) << "another year and given name";
  EXPECT_TRUE(algirdas.same_phone) << "+370 600 10004 and 8 600 10004 are one line";
  const DuplicatePerson* demo = PersonOfPair(ona, kOna);
  const DuplicatePerson* again = PersonOfPair(ona, ona_again_);
  ASSERT_TRUE(demo && again);
  EXPECT_EQ(demo->birth_year, 1951);
  EXPECT_EQ(demo->village, "Bajorai");
  EXPECT_EQ(demo->phone_end, "001");
  EXPECT_EQ(demo->card_end, "037");
  EXPECT_EQ(demo->signups, 2);
  EXPECT_EQ(again->phone_end, "");
  EXPECT_EQ(again->card_end, "234");
  EXPECT_EQ(again->registered_on, "2025-11-23");
  EXPECT_EQ(again->signups, 0);
  EXPECT_EQ(ona.first.id, ona_again_) << "the one with a known registration date comes first";
}

TEST_F(DuplicatesTest, OpeningAPairAuditsEachPersonShownByIdOnly) {
  Step(OpenCoordinatorTask{CoordinatorView::kDuplicates});
  ASSERT_FALSE(state_.coordinator.duplicates.pairs.empty());
  const DuplicatePair pair = state_.coordinator.duplicates.pairs[0];
  std::vector<std::string> audits;
  for (const Effect& effect : Step(ChooseDuplicatePair{pair.first.id, pair.second.id})) {
    if (const auto* audit = FindMessage<WriteAudit>(effect)) {
      audits.push_back(audit->actor_id + " " + audit->action + " " + audit->record_table + " " +
                       audit->record_id);
    }
  }
  EXPECT_EQ(audits, (std::vector<std::string>{
                        std::string(kCoordinator) + " person.compare person " + pair.first.id,
                        std::string(kCoordinator) + " person.compare person " + pair.second.id}));
  EXPECT_TRUE(Step(ChooseDuplicatePair{pair.first.id, pair.second.id}).empty())
      << "already open: nothing read again";
}

TEST_F(DuplicatesTest, ChoosingAndConfirmingRequestsTheMergeWithOneAuditEntry) {
  OpenPairOf(ona_again_);
  ASSERT_EQ(state_.coordinator.duplicates.step, DuplicatesStep::kPair);
  EXPECT_TRUE(Step(KeepDuplicate{kOna}).empty());
  ASSERT_EQ(state_.coordinator.duplicates.step, DuplicatesStep::kConfirm);
  const int64_t outbox = Int("SELECT count(*) FROM outbox");
  const std::vector<Effect> effects = Step(AnswerDuplicateMerge{true});
  const auto* merge = Only<SaveDuplicateMerge>(effects);
  ASSERT_NE(merge, nullptr);
  EXPECT_EQ(merge->loser_id, ona_again_);
  EXPECT_EQ(merge->winner_id, kOna);
  EXPECT_EQ(Count<WriteAudit>(effects), 0) << "the storage writes the audit entry itself";
  EXPECT_EQ(state_.coordinator.duplicates.step, DuplicatesStep::kDone);

  EXPECT_EQ(Text("SELECT merged_into FROM person WHERE id = '" + ona_again_ + "'"), kOna);
  EXPECT_EQ(Int("SELECT count(*) FROM outbox"), outbox + 2) << "the request and its audit entry";
  EXPECT_EQ(Text("SELECT cols FROM outbox WHERE tbl = 'person' ORDER BY seq DESC LIMIT 1"),
            std::string(R"({"merged_into":")") + kOna + "\"}");
  ASSERT_EQ(Int("SELECT count(*) FROM audit_log"), 1);
  EXPECT_EQ(Text("SELECT actor_id || ' ' || action || ' ' || record_table || ' ' || record_id "
                 "FROM audit_log"),
            std::string(kCoordinator) + " person.merge person " + ona_again_);
  const std::string whole = Text(
      "SELECT json_object('a', a.actor_id, 'b', a.action, 'c', "
      "a.record_table, 'd', a.record_id, 'e', a.at_ms) FROM audit_log a");
  for (const char* personal : {"Ona", "ONA", "Kazlausk", "1951", "55501234", "10001", kOna}) {
    EXPECT_EQ(whole.find(personal), std::string::npos) << personal << " in " << whole;
  }

  // The done page back to the list: the pair is gone; the merged person is gone everywhere.
  Step(GoBack{});
  EXPECT_EQ(state_.coordinator.duplicates.step, DuplicatesStep::kList);
  ASSERT_EQ(state_.coordinator.duplicates.pairs.size(), 1u);
  EXPECT_EQ(state_.coordinator.duplicates.pairs[0].second.id == algirdas_again_ ||
                state_.coordinator.duplicates.pairs[0].first.id == algirdas_again_,
            true);
  EXPECT_EQ(FindDuplicatePairs(*store_, "center.bajorai")->size(), 1u);
  PersonStorage people{PersonStorageOptions{}};
  auto listed = people.Run(*store_, LoadPeople{"center.bajorai"});
  ASSERT_TRUE(listed.ok() && listed->has_value());
  for (const PersonCard& card : GetMessage<PeopleLoaded>(**listed).people) {
    EXPECT_NE(card.id, ona_again_) << "not in Find a person";
  }
  RegisterAnswers answers;
  answers.given_name = "Ona";
  answers.family_name = "Kazlauskienė";
  answers.birth_year = 1951;
  auto found = FindRegisterDuplicates(*store_, "center.bajorai", answers);
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ(found->front().person_id, kOna);
  auto signed_in = RunSignInWithCard(*store_, SignInWithCard{"55501234"});
  ASSERT_TRUE(signed_in.ok() && signed_in->has_value());
  EXPECT_FALSE(GetMessage<SignInDone>(**signed_in).person.has_value())
      << "the merged record's card no longer signs in";
}

TEST_F(DuplicatesTest, CancellingChangesNothing) {
  OpenPairOf(ona_again_);
  Step(KeepDuplicate{ona_again_});
  const int64_t outbox = Int("SELECT count(*) FROM outbox");
  EXPECT_TRUE(Step(AnswerDuplicateMerge{false}).empty());
  EXPECT_EQ(state_.coordinator.duplicates.step, DuplicatesStep::kPair);
  EXPECT_TRUE(state_.coordinator.duplicates.keep_id.empty());
  EXPECT_EQ(Int("SELECT count(*) FROM outbox"), outbox);
  EXPECT_EQ(Int("SELECT count(*) FROM audit_log"), 0);
  EXPECT_EQ(Int("SELECT count(*) FROM person WHERE merged_into IS NOT NULL"), 0);
  Step(GoBack{});
  EXPECT_EQ(state_.coordinator.duplicates.step, DuplicatesStep::kList);
  EXPECT_EQ(state_.coordinator.duplicates.pairs.size(), 2u);
  Step(GoBack{});
  EXPECT_EQ(state_.coordinator.view, CoordinatorView::kHome);
}

TEST_F(DuplicatesTest, DifferentPeopleAreNotShownAgainOnThisKioskAndNothingIsSynced) {
  OpenPairOf(algirdas_again_);
  const int64_t outbox = Int("SELECT count(*) FROM outbox");
  const auto* apart = Only<SaveNotDuplicates>(Step(MarkNotDuplicates{}));
  ASSERT_NE(apart, nullptr);
  const DuplicatesState& dups = state_.coordinator.duplicates;
  EXPECT_EQ(dups.step, DuplicatesStep::kList);
  EXPECT_EQ(dups.notice_key, "dups.notice.kept_apart");
  ASSERT_EQ(dups.pairs.size(), 1u);
  EXPECT_TRUE(PersonOfPair(dups.pairs[0], ona_again_));
  EXPECT_EQ(Int("SELECT count(*) FROM outbox"), outbox) << "kept on this kiosk only";
  EXPECT_EQ(Int("SELECT count(*) FROM audit_log"), 0);
  Step(GoBack{});
  OpenPairOf(ona_again_);
  EXPECT_EQ(state_.coordinator.duplicates.pairs.size(), 1u) << "still not shown when reopened";
}

TEST_F(DuplicatesTest, AMergeOfAPersonNoLongerHereIsRefusedAndTheListReadAgain) {
  OpenPairOf(ona_again_);
  Step(KeepDuplicate{kOna});
  // Meanwhile a sync brought the district office's merge of the other record.
  {
    core::Store::ApplyingScope applying(*store_);
    auto person = core::PersonRepository(*store_).Get(ona_again_).value();
    person->merged_into = kAlgirdas;
    ASSERT_TRUE(core::PersonRepository(*store_).UpsertFromRemote(*person).ok());
  }
  const int64_t outbox = Int("SELECT count(*) FROM outbox");
  Step(AnswerDuplicateMerge{true});
  const DuplicatesState& dups = state_.coordinator.duplicates;
  EXPECT_EQ(dups.step, DuplicatesStep::kList);
  EXPECT_EQ(dups.notice_key, "dups.notice.gone");
  EXPECT_EQ(dups.pairs.size(), 1u);
  EXPECT_EQ(Int("SELECT count(*) FROM audit_log"), 0);
  EXPECT_EQ(Int("SELECT count(*) FROM outbox"), outbox);
}

TEST_F(DuplicatesTest, AResidentOrALateResultAfterSignOutChangesNothing) {
  Step(OpenCoordinatorTask{CoordinatorView::kDuplicates});
  ASSERT_EQ(state_.coordinator.duplicates.pairs.size(), 2u);
  const DuplicatePair pair = state_.coordinator.duplicates.pairs[0];
  Step(GoHome{});  // the sign-out forgets every pair
  EXPECT_TRUE(state_.coordinator.duplicates.pairs.empty());
  EXPECT_TRUE(Step(ChooseDuplicatePair{pair.first.id, pair.second.id}).empty());
  EXPECT_TRUE(Step(DuplicatesLoaded{"center.bajorai", {pair}}).empty());
  EXPECT_TRUE(state_.coordinator.duplicates.pairs.empty());
  EXPECT_FALSE(state_.coordinator.duplicates.chosen.has_value());
  state_.screen = Screen::kCoordinator;
  state_.coordinator.view =
      CoordinatorView::kDuplicates;  // a resident on the view: no one signed in
  EXPECT_TRUE(Step(AnswerDuplicateMerge{true}).empty());
}

}  // namespace
}  // namespace raida::kiosk
