// The assisted session (issue 5, SEC-9) in the reducer: from a person's record a signed-in
// coordinator opens the resident's own screens for that person ("Open the kiosk for this person"),
// signed in and in their language; Home stays inside the help, "Finish helping" goes back to the
// record, and the idle timeout ends the help and signs the coordinator out. One audit entry opens
// and one closes the help, with ids only; nothing of the person outlives it.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "kiosk/state/reduce.h"
#include "kiosk/state/reduce_coordinator.h"
#include "tests/kiosk_state/effects_found.h"

namespace raida::kiosk {
namespace {

constexpr int64_t kT0 = 1'000'000;  // monotonic ms
constexpr const char* kCoordinator = "coordinator.bajorai.1";
constexpr const char* kOna = "person.demo.01";

PersonRecord Ona() {
  PersonRecord record;
  record.id = kOna;
  record.given_name = "Ona";
  record.family_name = "Kazlauskienė";
  record.language = "pl";
  record.needs = {"transport"};
  record.card_code = "4827";
  record.consents = {PersonConsentView{"contact", false, false, ""}};
  return record;
}

// A coordinator signed in through the real steps, with Ona's record open.
AppState AtOnasRecord() {
  AppState state;
  state.center_id = "center.bajorai";
  state.sync_available = true;
  Reduce(state, Tick{kT0});
  Reduce(state, OpenStaff{});
  Reduce(state, CoordinatorsLoaded{"center.bajorai", {{kCoordinator, "Rasa V."}}});
  Reduce(state, ChooseCoordinator{kCoordinator});
  Reduce(state, CoordinatorStepLoaded{kCoordinator, false});
  Reduce(state, SubmitPassphrase{"ruduo prie ezero"});
  Reduce(state, CoordinatorChecked{kCoordinator, false, CoordinatorCheck::kOk, 0, false, true});
  Reduce(state, OpenCoordinatorTask{CoordinatorView::kFindPerson});
  Reduce(state, PeopleLoaded{"center.bajorai", {{kOna, "Ona", "Kazlauskienė", 1951, "Bajorai"}}});
  Reduce(state, OpenPerson{kOna});
  Reduce(state, PersonRecordLoaded{Ona()});
  return state;
}

// The audit entries among `effects`, as "action record_table record_id" by actor, and a check
// that no personal value of Ona's is in any of them.
std::vector<std::string> Audits(const std::vector<Effect>& effects) {
  std::vector<std::string> lines;
  for (const WriteAudit& audit : All<WriteAudit>(effects)) {
    const std::string line =
        audit.actor_id + " " + audit.action + " " + audit.record_table + " " + audit.record_id;
    for (const char* personal : {"Ona", "Kazlausk", "4827", "transport"}) {
      EXPECT_EQ(line.find(personal), std::string::npos) << line;
    }
    lines.push_back(line);
  }
  return lines;
}

TEST(AssistedSessionTest, HelpOpensThePersonsScreensAndEndHelpGoesBackToTheRecord) {
  AppState state = AtOnasRecord();
  ASSERT_EQ(state.coordinator.view, CoordinatorView::kPerson);
  ASSERT_TRUE(state.coordinator.person.record);
  Reduce(state, ChooseLanguage{"en"});  // the coordinator works in English

  std::vector<Effect> effects = Reduce(state, StartAssistedSession{});
  EXPECT_EQ(Audits(effects), std::vector<std::string>{std::string(kCoordinator) +
                                                      " person.assisted_start person " + kOna});
  EXPECT_EQ(state.screen, Screen::kWelcome);
  ASSERT_TRUE(state.assisted);
  EXPECT_EQ(state.assisted->person_id, kOna);
  ASSERT_TRUE(state.person);
  EXPECT_EQ(state.person->id, kOna);
  EXPECT_EQ(state.chosen_needs, std::vector<std::string>{"transport"});
  EXPECT_EQ(state.language, "pl") << "the person's own language";
  EXPECT_TRUE(state.coordinator.signed_in) << "the coordinator stays beside the person";
  EXPECT_TRUE(Reduce(state, OpenStaff{}).empty());
  EXPECT_EQ(state.screen, Screen::kWelcome) << "no way into coordinator mode from the help";

  // Signed in already: "My courses" needs no card code.
  effects = Reduce(state, OpenMyCourses{});
  EXPECT_EQ(state.screen, Screen::kMyCourses);
  ASSERT_EQ(All<LoadMyCourses>(effects).size(), 1u);
  EXPECT_EQ(All<LoadMyCourses>(effects)[0].person_id, kOna);

  // Home (and Back to it) stays inside the help, with the person still signed in.
  EXPECT_TRUE(Audits(Reduce(state, GoHome{})).empty());
  EXPECT_EQ(state.screen, Screen::kWelcome);
  ASSERT_TRUE(state.person);
  ASSERT_TRUE(state.assisted);
  Reduce(state, StartPressed{});
  EXPECT_EQ(state.screen, Screen::kCatalog);

  effects = Reduce(state, EndAssistedSession{});
  EXPECT_EQ(Audits(effects), std::vector<std::string>{std::string(kCoordinator) +
                                                      " person.assisted_end person " + kOna})
      << "no sign-out: the coordinator goes on";
  ASSERT_EQ(All<LoadPersonRecord>(effects).size(), 1u) << "the record is read again";
  EXPECT_EQ(state.screen, Screen::kCoordinator);
  EXPECT_EQ(state.coordinator.view, CoordinatorView::kPerson);
  EXPECT_TRUE(state.coordinator.signed_in);
  EXPECT_FALSE(state.assisted);
  EXPECT_FALSE(state.person);
  EXPECT_TRUE(state.chosen_needs.empty());
  EXPECT_EQ(state.language, "en") << "the coordinator's language again";

  // The fresh record is accepted (the same person), and the help can be opened again.
  Reduce(state, PersonRecordLoaded{Ona()});
  ASSERT_TRUE(state.coordinator.person.record);
  EXPECT_EQ(Audits(Reduce(state, StartAssistedSession{})).size(), 1u);
}

TEST(AssistedSessionTest, TheIdleTimeoutEndsTheHelpAndSignsTheCoordinatorOut) {
  AppState state = AtOnasRecord();
  Reduce(state, StartAssistedSession{});
  Reduce(state, OpenMyCourses{});
  // The coordinator's idle limit holds during the help: "Are you still there?" after 4.5 min.
  Reduce(state, Tick{kT0 + kCoordinatorIdleMs - 31'000});
  EXPECT_FALSE(state.session.still_there);
  Reduce(state, Tick{kT0 + kCoordinatorIdleMs - 29'000});
  EXPECT_TRUE(state.session.still_there);

  const std::vector<Effect> effects = Reduce(state, Tick{kT0 + kCoordinatorIdleMs + 1'000});
  EXPECT_EQ(Audits(effects),
            (std::vector<std::string>{
                std::string(kCoordinator) + " person.assisted_end person " + kOna,
                std::string(kCoordinator) + " coordinator.sign_out coordinator " + kCoordinator}));
  EXPECT_EQ(state.screen, Screen::kWelcome);
  EXPECT_FALSE(state.assisted);
  EXPECT_FALSE(state.person);
  EXPECT_FALSE(state.coordinator.signed_in);
  EXPECT_FALSE(state.coordinator.person.record) << "the record is forgotten with the sign-out";
  EXPECT_TRUE(state.my_courses.empty());
  EXPECT_EQ(state.session.idle_limit_ms, SessionState{}.idle_limit_ms);
  EXPECT_TRUE(state.session.asleep);
}

TEST(AssistedSessionTest, TheWelcomeScreenOfTheHelpDoesNotFallAsleepWithThePersonSignedIn) {
  AppState state = AtOnasRecord();
  Reduce(state, StartAssistedSession{});
  ASSERT_EQ(state.screen, Screen::kWelcome);
  // A plain welcome screen sleeps after the idle limit; the help's asks first, then ends.
  Reduce(state, Tick{kT0 + kCoordinatorIdleMs - 29'000});
  EXPECT_FALSE(state.session.asleep);
  EXPECT_TRUE(state.session.still_there);
  Reduce(state, ContinueSession{});
  EXPECT_TRUE(state.assisted) << "Continue keeps the help going";
  EXPECT_TRUE(state.person);
}

TEST(AssistedSessionTest, HelpOpensOnlyFromAnOpenRecordWithNothingElseUnderWay) {
  AppState state = AtOnasRecord();
  Reduce(state, AskPersonConsent{"contact", true});
  ASSERT_NE(state.coordinator.person.question, PersonQuestion::kNone);
  EXPECT_TRUE(Reduce(state, StartAssistedSession{}).empty()) << "a question is up";
  Reduce(state, AnswerPersonQuestion{false});

  Reduce(state, GoBack{});  // the list of people
  ASSERT_EQ(state.coordinator.view, CoordinatorView::kFindPerson);
  EXPECT_TRUE(Reduce(state, StartAssistedSession{}).empty());
  EXPECT_FALSE(state.assisted);
  EXPECT_EQ(state.screen, Screen::kCoordinator);

  // A resident at the kiosk: neither opens anything, and Home signs out as always.
  AppState resident;
  Reduce(resident, Tick{kT0});
  Reduce(resident, StartPressed{});
  EXPECT_TRUE(Reduce(resident, StartAssistedSession{}).empty());
  EXPECT_TRUE(Reduce(resident, EndAssistedSession{}).empty());
  EXPECT_EQ(resident.screen, Screen::kCatalog);
  EXPECT_FALSE(resident.assisted);
}

TEST(AssistedSessionTest, AFaultEndsTheHelpAndSignsEveryoneOut) {
  AppState state = AtOnasRecord();
  Reduce(state, StartAssistedSession{});
  Reduce(state, FaultOccurred{"fault.database"});
  EXPECT_EQ(state.screen, Screen::kFault);
  EXPECT_FALSE(state.assisted);
  EXPECT_FALSE(state.person);
  EXPECT_FALSE(state.coordinator.signed_in);
  EXPECT_TRUE(Reduce(state, EndAssistedSession{}).empty());
}

}  // namespace
}  // namespace raida::kiosk
