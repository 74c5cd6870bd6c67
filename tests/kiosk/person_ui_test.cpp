// "Find a person" and a person's record headless, with the real fonts and reducer: find by
// typing part of a name on the on-screen keyboard, open the record, show a certificate, withdraw
// a consent through its confirm dialog; and every view (the list with and without the keyboard,
// nothing found, the record, its dialogs and notices, the certificate) passes the touch,
// contrast and glyph audits in lt, pl and en at both panels and all text sizes.
#include <gtest/gtest.h>

#include <string>
#include <variant>
#include <vector>

#include "kiosk/state/reduce_person.h"
#include "kiosk/ui/keyboard.h"
#include "support/demo_state.h"
#include "support/imgui_harness.h"
#include "support/ui_audit.h"
#include "support/view_audit.h"

namespace raida::kiosk::testing {
namespace {

constexpr const char* kCoordinator = "coordinator.bajorai.1";
constexpr const char* kOna = "person.demo.01";

void ReduceAll(KioskDriver& kiosk, const std::vector<Action>& actions) {
  for (const Action& action : actions) {
    kiosk.Reduce(action);
  }
  kiosk.Settle();
}

std::vector<PersonCard> People() {
  return {{kOna, "Ona", "Kazlauskienė", 1951, "Bajorai"},
          {"person.demo.02", "Jonas", "Petrauskas", 1958, "Kavoliškis"},
          {"person.demo.03", "Żaneta", "Łukaszewicz", 1972, "Juodupė"},
          {"person.demo.04", "Vida", "Žemaitienė", std::nullopt, ""}};
}

PersonRecord OnaRecord() {
  PersonRecord record;
  record.id = kOna;
  record.given_name = "Ona";
  record.family_name = "Kazlauskienė";
  record.birth_year = 1951;
  record.phone = "+370 600 10001";
  record.village = "Bajorai";
  record.language = "lt";
  record.needs = {"transport", "care"};
  record.card_code = "410037";
  record.consents = {PersonConsentView{"registration", true, true, "registration/2026-1"},
                     PersonConsentView{"contact", true, true, "contact/2026-1"},
                     PersonConsentView{"reporting", false, false, ""}};
  PersonCourseView course;
  course.enrollment_id = "enrollment.1";
  course.course_title = {{"lt", "Kompiuteris ir planšetė: pirmieji žingsniai"},
                         {"pl", "Komputer i tablet: pierwsze kroki"},
                         {"en", "Computer and tablet: first steps"}};
  course.status = "completed";
  course.starts_on = "2026-10-06";
  course.ends_on = "2026-10-29";
  record.courses.push_back(course);
  record.attendance = PersonAttendanceView{7, 1, 0, 8};
  PersonCertificateView certificate;
  certificate.id = "certificate.1";
  certificate.code = "RKS-7K2M-9QXD";
  certificate.course_title = course.course_title;
  certificate.hours = 12;
  certificate.started_on = "2026-10-06";
  certificate.finished_on = "2026-10-29";
  certificate.issued_on = "2026-10-29";
  certificate.center_name = "Bajorai";
  record.certificates.push_back(certificate);
  PersonDraftView draft;
  draft.response_id = "response.1";
  draft.status = "top_areas";
  draft.top_areas = {{{"lt", "Praktinis darbas rankomis"},
                      {"pl", "Praca praktyczna rękami"},
                      {"en", "Practical work with your hands"}}};
  draft.courses = {course.course_title};
  record.draft = draft;
  return record;
}

AppState FindState(const std::string& language) {
  AppState state = StateShowing(Screen::kWelcome, language);
  state.center_id = "center.bajorai";
  state.screen = Screen::kCoordinator;
  state.coordinator.signed_in = SignedInCoordinator{kCoordinator, "Rasa Vaitkevičienė"};
  state.coordinator.view = CoordinatorView::kFindPerson;
  state.coordinator.person.people = People();
  return state;
}

AppState RecordState(const std::string& language) {
  AppState state = FindState(language);
  state.coordinator.view = CoordinatorView::kPerson;
  state.coordinator.person.record = OnaRecord();
  return state;
}

TEST(PersonUiTest, FindByTypingOpenShowACertificateAndWithdrawAConsent) {
  KioskDriver kiosk;
  kiosk.state() = FindState("en");
  kiosk.state().coordinator.view = CoordinatorView::kHome;
  kiosk.Settle();
  const std::vector<Action> open = kiosk.Tap("coord.home.find_person");
  ASSERT_EQ(open.size(), 1u);
  ReduceAll(kiosk, open);
  ASSERT_EQ(kiosk.state().coordinator.view, CoordinatorView::kFindPerson);
  kiosk.Reduce(PeopleLoaded{"center.bajorai", People()});
  kiosk.Settle();
  EXPECT_NE(kiosk.probe().Find("person.open.person.demo.02"), nullptr);

  // "kazl" typed on the keyboard (lower case, no diacritics) finds Kazlauskienė only.
  for (const char c : std::string("kazl")) {
    ReduceAll(kiosk, kiosk.Tap(KeyboardKeyId("person.keyboard", static_cast<char32_t>(c))));
    kiosk.harness().Wait(0.2f, kiosk.draw());
  }
  EXPECT_EQ(kiosk.state().coordinator.person.query, "kazl");
  EXPECT_EQ(kiosk.probe().Find("person.open.person.demo.02"), nullptr);
  const ProbeRecord* ona = kiosk.Find(std::string("person.open.") + kOna);
  ASSERT_NE(ona, nullptr);
  EXPECT_NE(ona->text.find("1951"), std::string::npos);
  EXPECT_NE(ona->text.find("Bajorai"), std::string::npos);

  // Done puts the keyboard away; "Type a name" brings it back.
  kiosk.Tap("person.keyboard.key.done");
  kiosk.Settle();
  EXPECT_EQ(kiosk.probe().Find("person.keyboard.key.done"), nullptr);
  kiosk.Tap("person.find.type");
  kiosk.Settle();
  EXPECT_NE(kiosk.probe().Find("person.keyboard.key.done"), nullptr);

  const std::vector<Action> opened = kiosk.Tap(std::string("person.open.") + kOna);
  ASSERT_EQ(opened.size(), 1u);
  ASSERT_TRUE(HoldsMessage<OpenPerson>(opened[0]));
  ReduceAll(kiosk, opened);
  EXPECT_EQ(kiosk.state().coordinator.view, CoordinatorView::kPerson);
  kiosk.Reduce(PersonRecordLoaded{OnaRecord()});
  kiosk.Settle();
  EXPECT_EQ(kiosk.Find("person.record.name")->text, "Ona Kazlauskienė");
  EXPECT_NE(kiosk.Find("person.profile.phone")->text.find("+370 600 10001"), std::string::npos);

  ReduceAll(kiosk, kiosk.Tap("person.certificate.certificate.1.show"));
  EXPECT_EQ(kiosk.state().coordinator.person.shown_certificate, "certificate.1");
  EXPECT_EQ(kiosk.Find("person.certificate.name")->text, "Ona Kazlauskienė");
  EXPECT_NE(kiosk.Find("person.certificate.course")->text.find("Computer and tablet"),
            std::string::npos);
  EXPECT_NE(kiosk.Find("person.certificate.hours")->text.find("12"), std::string::npos);
  EXPECT_NE(kiosk.Find("person.certificate.dates")->text.find("October 2026"), std::string::npos);
  EXPECT_NE(kiosk.Find("person.certificate.issued")->text.find("Bajorai"), std::string::npos);
  EXPECT_NE(kiosk.Find("person.certificate.code")->text.find("RKS-7K2M-9QXD"), std::string::npos);
  const std::vector<Action> print = kiosk.Tap("person.certificate.print");
  ASSERT_EQ(print.size(), 1u);
  EXPECT_TRUE(HoldsMessage<PrintPersonCertificate>(print[0]));
  ReduceAll(kiosk, kiosk.Tap("person.certificate.close"));
  EXPECT_TRUE(kiosk.state().coordinator.person.shown_certificate.empty());

  ReduceAll(kiosk, kiosk.Tap("person.consent.contact.withdraw"));
  ASSERT_EQ(kiosk.state().coordinator.person.question, PersonQuestion::kConsent);
  EXPECT_NE(kiosk.Find("person.ask.message")->text.find("Calling or writing"), std::string::npos);
  kiosk.actions().clear();
  std::vector<Action> yes = kiosk.Tap("person.ask.yes");
  ASSERT_EQ(yes.size(), 1u);
  const std::vector<Effect> effects = kiosk.Reduce(yes[0]);
  kiosk.Settle();
  bool saved = false;
  int audits = 0;
  for (const Effect& effect : effects) {
    if (const auto* save = FindMessage<SavePersonConsent>(effect)) {
      saved = save->purpose == "contact" && !save->granted;
    }
    audits += HoldsMessage<WriteAudit>(effect) ? 1 : 0;
  }
  EXPECT_TRUE(saved);
  EXPECT_EQ(audits, 1);
  PersonRecord after = OnaRecord();
  after.consents[1].granted = false;
  kiosk.Reduce(PersonRecordLoaded{after, "person.notice.consent_withdrawn"});
  kiosk.Settle();
  EXPECT_EQ(kiosk.Find("person.notice.message")->text,
            kiosk.Text("person.notice.consent_withdrawn"));
  ReduceAll(kiosk, kiosk.Tap("person.notice.ok"));
  EXPECT_NE(kiosk.probe().Find("person.consent.contact.give"), nullptr) << "as easy to give again";
}

// Every view of the task, in every look.
std::vector<AppState> Views(const std::string& language) {
  std::vector<AppState> views;
  views.push_back(FindState(language));
  AppState typed = FindState(language);
  typed.coordinator.person.query = "zem";
  views.push_back(typed);
  AppState nothing = FindState(language);
  nothing.coordinator.person.query = "qqq";
  views.push_back(nothing);
  AppState empty = FindState(language);
  empty.coordinator.person.people.clear();
  views.push_back(empty);
  AppState loading = FindState(language);
  loading.coordinator.person.loading = true;
  views.push_back(loading);
  views.push_back(RecordState(language));
  AppState opening = FindState(language);
  opening.coordinator.view = CoordinatorView::kPerson;
  opening.coordinator.person.opening = true;
  views.push_back(opening);
  AppState ask = RecordState(language);
  ask.coordinator.person.question = PersonQuestion::kConsent;
  ask.coordinator.person.consent_purpose = "registration";
  views.push_back(ask);
  AppState accept = RecordState(language);
  accept.coordinator.person.question = PersonQuestion::kAcceptDraft;
  views.push_back(accept);
  AppState certificate = RecordState(language);
  certificate.coordinator.person.shown_certificate = "certificate.1";
  views.push_back(certificate);
  AppState printing = certificate;
  printing.coordinator.person.busy = true;
  views.push_back(printing);
  AppState printed = certificate;
  printed.coordinator.person.notice_key = "person.notice.saved_pdf";
  printed.coordinator.person.printed_path = "/var/lib/raida/certificates/RKS-7K2M-9QXD.pdf";
  views.push_back(printed);
  AppState bare = RecordState(language);
  bare.coordinator.person.record->draft.reset();
  bare.coordinator.person.record->certificates.clear();
  bare.coordinator.person.record->courses.clear();
  bare.coordinator.person.busy = true;
  views.push_back(bare);
  return views;
}

TEST(PersonUiTest, EveryViewPassesTheAudits) {
  AuditViewsEverywhere(Views, [](const std::string& language, const AuditStats& stats) {
    EXPECT_GT(stats.targets_checked, 100) << language;
  });
}

}  // namespace
}  // namespace raida::kiosk::testing
