// A person's action plan headless, with the real fonts and reducer: from the record's "Action
// plan", add a goal on the on-screen keyboard, add a step (title, institution, due date on the
// number pad with an impossible date refused on screen first), mark a step done and undo it
// through its question, print; and every view (the plan with goals and steps, no plan, loading,
// each entry step with and without its problem, the questions, the notices, a closed plan, a
// step's note shown, unreadable and in its editor, a kiosk without its center key)
// passes the touch, contrast and glyph audits on every page in lt, pl and en at both panels.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "kiosk/state/reduce_plan.h"
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

// The effects of the only action `tapped` holds (after checking there is one).
std::vector<Effect> ReduceOne(KioskDriver& kiosk, const std::vector<Action>& tapped) {
  EXPECT_EQ(tapped.size(), 1u);
  std::vector<Effect> effects;
  for (const Action& action : tapped) {
    effects = kiosk.Reduce(action);
  }
  kiosk.Settle();
  return effects;
}

template <typename T>
int Count(const std::vector<Effect>& effects) {
  int count = 0;
  for (const Effect& effect : effects) {
    count += HoldsMessage<T>(effect) ? 1 : 0;
  }
  return count;
}

PersonRecord OnaRecord() {
  PersonRecord record;
  record.id = kOna;
  record.given_name = "Ona";
  record.family_name = "Kazlauskienė";
  record.birth_year = 1951;
  record.village = "Bajorai";
  record.language = "lt";
  record.consents = {PersonConsentView{"registration", true, true, "registration/2026-1"}};
  return record;
}

PlanView OnaPlan() {
  PlanView plan{"plan.1", "active", {}};
  PlanGoalView shop{"goal.1", "Dirbti parduotuvėje arba turguje (Łukaszewicz)", false, {}};
  shop.steps.push_back(PlanStepView{"step.1", "Užsiregistruoti Užimtumo tarnyboje", "2026-11-02",
                                    "labour_office", true});
  shop.steps.push_back(PlanStepView{"step.2", "Kasininko kursai Rokiškyje, pirmadieniais",
                                    "2026-11-20", "training_provider", false});
  shop.steps.push_back(PlanStepView{"step.3", "Pokalbis dėl darbo", "", "ngo", false});
  plan.goals.push_back(shop);
  PlanGoalView tablet{"goal.2", "Kompiuteris ir planšetė: pirmieji žingsniai", true, {}};
  tablet.steps.push_back(
      PlanStepView{"step.4", "Nemokama pagalba namuose", "2027-01-15", "social_assistance", true});
  tablet.steps.push_back(PlanStepView{"step.5", "Kita", "2027-02-01", "other", false});
  plan.goals.push_back(tablet);
  plan.goals.push_back(PlanGoalView{"goal.3", "Sodas", false, {}});
  // Notes: one opened (long, with national letters), one that does not open on this kiosk.
  plan.notes_kept = true;
  plan.goals[0].steps[1].note_state = PlanNote::kShown;
  plan.goals[0].steps[1].note =
      "Ponia Ona važiuoja autobusu 7:15 iš Bajorų; antradieniais ją pavėža kaimynė. Ząbkowska "
      "žinos, kur laikomi dokumentai — paprašyti kopijų prieš pokalbį.";
  plan.goals[0].steps[2].note_state = PlanNote::kUnreadable;
  return plan;
}

AppState RecordState(const std::string& language) {
  AppState state = StateShowing(Screen::kWelcome, language);
  state.center_id = "center.bajorai";
  state.today = "2026-11-23";
  state.screen = Screen::kCoordinator;
  state.coordinator.signed_in = SignedInCoordinator{kCoordinator, "Rasa Vaitkevičienė"};
  state.coordinator.view = CoordinatorView::kPerson;
  state.coordinator.person.record = OnaRecord();
  return state;
}

AppState OnPlan(const std::string& language, PlanView plan = OnaPlan()) {
  AppState state = RecordState(language);
  state.coordinator.view = CoordinatorView::kPlan;
  state.coordinator.person.plan.person_id = kOna;
  state.coordinator.person.plan.plan = std::move(plan);
  return state;
}

AppState Entry(const std::string& language, PlanEdit edit, const std::string& error = "") {
  AppState state = OnPlan(language);
  PlanState& plan = state.coordinator.person.plan;
  plan.edit = edit;
  plan.goal_id = "goal.1";
  plan.step_title = "Kasininko kursai Rokiškyje";
  plan.institution = edit == PlanEdit::kStepDue ? "training_provider" : "";
  plan.error_key = error;
  plan.step_id = edit == PlanEdit::kStepNote ? "step.2" : "";
  return state;
}

void TypeWord(KioskDriver& kiosk, const std::string& word) {
  for (const char c : word) {
    const std::string key = c == ' ' ? "plan.keyboard.key.space"
                                     : KeyboardKeyId("plan.keyboard", static_cast<char32_t>(c));
    ReduceAll(kiosk, kiosk.Tap(key));
    kiosk.harness().Wait(0.2f, kiosk.draw());
  }
}

void TypeDigits(KioskDriver& kiosk, const std::string& digits) {
  for (const char c : digits) {
    kiosk.Tap(std::string("pad.") + c);
    kiosk.harness().Wait(0.2f, kiosk.draw());
  }
}

TEST(PlanUiTest, AddAGoalAndAStepMarkItDoneUndoItAndPrintByTouch) {
  KioskDriver kiosk(ImVec2(1366, 768));
  kiosk.state() = RecordState("en");
  kiosk.Settle();
  std::vector<Effect> effects = ReduceOne(kiosk, kiosk.Tap("person.plan.open"));
  EXPECT_EQ(Count<LoadPlan>(effects), 1);
  EXPECT_EQ(Count<WriteAudit>(effects), 1);
  ASSERT_EQ(kiosk.state().coordinator.view, CoordinatorView::kPlan);
  kiosk.Reduce(PlanLoaded{kOna, PlanView{}});
  kiosk.Settle();
  EXPECT_EQ(kiosk.Find("plan.title")->text, "Action plan · Ona Kazlauskienė");
  EXPECT_EQ(kiosk.Find("plan.none")->text, kiosk.Text("plan.none"));
  EXPECT_EQ(kiosk.probe().Find("plan.print"), nullptr) << "nothing to print yet";

  // A goal: Done with nothing typed is refused on screen; then typed.
  ReduceAll(kiosk, kiosk.Tap("plan.goal.add"));
  ASSERT_EQ(kiosk.state().coordinator.person.plan.edit, PlanEdit::kGoalTitle);
  EXPECT_TRUE(ReduceOne(kiosk, kiosk.Tap("plan.keyboard.key.done")).empty());
  EXPECT_EQ(kiosk.Find("plan.error")->text, kiosk.Text("plan.error.empty_title"));
  TypeWord(kiosk, "work");
  effects = ReduceOne(kiosk, kiosk.Tap("plan.keyboard.key.done"));
  EXPECT_EQ(Count<SavePlanGoal>(effects), 1);
  EXPECT_EQ(Count<WriteAudit>(effects), 1);
  PlanView plan{"plan.1", "draft", {PlanGoalView{"goal.1", "work", false, {}}}};
  kiosk.Reduce(PlanLoaded{kOna, plan});
  kiosk.Settle();
  EXPECT_EQ(kiosk.Find("plan.goal.goal.1.title")->text, "work");

  // A step: title, institution, an impossible date refused, then a real one.
  ReduceAll(kiosk, kiosk.Tap("plan.step.add.goal.1"));
  EXPECT_NE(kiosk.Find("plan.field")->text.find(kiosk.Text("plan.field.step")), std::string::npos);
  TypeWord(kiosk, "visit");
  ReduceAll(kiosk, kiosk.Tap("plan.keyboard.key.done"));
  ASSERT_EQ(kiosk.state().coordinator.person.plan.edit, PlanEdit::kStepInstitution);
  EXPECT_NE(kiosk.Find("plan.question")->text.find("visit"), std::string::npos);
  ReduceAll(kiosk, kiosk.Tap("plan.institution.labour_office"));
  ASSERT_EQ(kiosk.state().coordinator.person.plan.edit, PlanEdit::kStepDue);
  TypeDigits(kiosk, "20260230");
  EXPECT_EQ(kiosk.Find("plan.digits")->text, "2026-02-30");
  EXPECT_TRUE(ReduceOne(kiosk, kiosk.Tap("pad.ok")).empty());
  EXPECT_EQ(kiosk.Find("plan.error")->text, kiosk.Text("plan.error.impossible_date"));
  EXPECT_EQ(kiosk.state().coordinator.person.plan.edit, PlanEdit::kStepDue);
  kiosk.Tap("pad.delete");
  kiosk.harness().Wait(0.2f, kiosk.draw());
  kiosk.Tap("pad.delete");
  kiosk.harness().Wait(0.2f, kiosk.draw());
  TypeDigits(kiosk, "01");  // 2026-02-01: passed, said, and allowed
  EXPECT_EQ(kiosk.Find("plan.date_words")->text, "1 February 2026");
  EXPECT_EQ(kiosk.Find("plan.date_passed")->text, kiosk.Text("plan.due.passed"));
  effects = ReduceOne(kiosk, kiosk.Tap("pad.ok"));
  ASSERT_EQ(Count<SavePlanStep>(effects), 1);
  for (const Effect& effect : effects) {
    if (const auto* save = FindMessage<SavePlanStep>(effect)) {
      EXPECT_EQ(save->due_on, "2026-02-01");
      EXPECT_EQ(save->institution, "labour_office");
      EXPECT_EQ(save->title, "visit");
    }
  }
  plan.goals[0].steps.push_back(PlanStepView{"step.1", "visit", "2026-02-01", "labour_office"});
  kiosk.Reduce(PlanLoaded{kOna, plan});
  kiosk.Settle();
  EXPECT_EQ(kiosk.Find("plan.progress")->text, "0 of 1 steps done");
  EXPECT_NE(kiosk.Find("plan.step.step.1.line")->text.find("Labour office"), std::string::npos);
  EXPECT_NE(kiosk.Find("plan.step.step.1.line")->text.find(kiosk.Text("plan.step.passed")),
            std::string::npos);

  // Done in one tap; undoing asks first.
  effects = ReduceOne(kiosk, kiosk.Tap("plan.step.step.1.done"));
  EXPECT_EQ(Count<SavePlanStepDone>(effects), 1);
  plan.goals[0].steps[0].done = true;
  kiosk.Reduce(PlanLoaded{kOna, plan});
  kiosk.Settle();
  EXPECT_EQ(kiosk.Find("plan.progress")->text, "1 of 1 steps done");
  EXPECT_EQ(kiosk.Find("plan.step.step.1.done")->text, kiosk.Text("plan.step.done_mark"));
  EXPECT_TRUE(ReduceOne(kiosk, kiosk.Tap("plan.step.step.1.done")).empty());
  EXPECT_NE(kiosk.Find("plan.ask.message")->text.find("visit"), std::string::npos);
  effects = ReduceOne(kiosk, kiosk.Tap("plan.ask.yes"));
  EXPECT_EQ(Count<SavePlanStepDone>(effects), 1);
  EXPECT_EQ(Count<WriteAudit>(effects), 1);

  // Print: the notice says where the summary went.
  kiosk.Reduce(PlanLoaded{kOna, plan});
  kiosk.Settle();
  effects = ReduceOne(kiosk, kiosk.Tap("plan.print"));
  EXPECT_EQ(Count<PrintPlan>(effects), 1);
  kiosk.Reduce(PlanPrinted{kOna, "/var/lib/raida/plans/plan-plan.1.txt", false});
  kiosk.Settle();
  EXPECT_NE(kiosk.Find("plan.notice.message")->text.find("/var/lib/raida/plans/plan-plan.1.txt"),
            std::string::npos);
  ReduceAll(kiosk, kiosk.Tap("plan.notice.ok"));
  ReduceAll(kiosk, kiosk.Tap("common.back"));
  EXPECT_EQ(kiosk.state().coordinator.view, CoordinatorView::kPerson);
}

TEST(PlanUiTest, WriteAndChangeAStepsNoteByTouch) {
  KioskDriver kiosk(ImVec2(1366, 768));
  PlanView plan{"plan.1", "active", {PlanGoalView{"goal.1", "work", false, {}}}};
  plan.goals[0].steps.push_back(PlanStepView{"step.1", "visit", "", "labour_office"});
  plan.notes_kept = true;
  kiosk.state() = OnPlan("en", plan);
  kiosk.Settle();
  EXPECT_EQ(kiosk.Find("plan.note.step.1")->text, kiosk.Text("plan.note.add"));
  ReduceAll(kiosk, kiosk.Tap("plan.note.step.1"));
  ASSERT_EQ(kiosk.state().coordinator.person.plan.edit, PlanEdit::kStepNote);
  EXPECT_NE(kiosk.Find("plan.question")->text.find("visit"), std::string::npos);
  TypeWord(kiosk, "lift");
  EXPECT_EQ(kiosk.Find("plan.note.typed")->text, "lift");
  std::vector<Effect> effects = ReduceOne(kiosk, kiosk.Tap("plan.keyboard.key.done"));
  ASSERT_EQ(Count<SavePlanStepNote>(effects), 1);
  ASSERT_EQ(Count<WriteAudit>(effects), 1);
  for (const Effect& effect : effects) {
    if (const auto* save = FindMessage<SavePlanStepNote>(effect)) {
      EXPECT_EQ(save->text, "lift");
      EXPECT_EQ(save->step_id, "step.1");
    }
    if (const auto* audit = FindMessage<WriteAudit>(effect)) {
      EXPECT_EQ(audit->action, kAuditPlanStepNote);
      EXPECT_EQ(audit->record_id, "step.1");
    }
  }
  plan.goals[0].steps[0].note_state = PlanNote::kShown;
  plan.goals[0].steps[0].note = "lift";
  kiosk.Reduce(PlanLoaded{kOna, plan});
  kiosk.Settle();
  EXPECT_NE(kiosk.Find("plan.step.step.1.note")->text.find("lift"), std::string::npos);
  EXPECT_EQ(kiosk.Find("plan.note.step.1")->text, kiosk.Text("plan.note.change"));
  // Changing it starts from the note as it is.
  ReduceAll(kiosk, kiosk.Tap("plan.note.step.1"));
  EXPECT_NE(kiosk.Find("plan.field")->text.find("lift"), std::string::npos);
  ReduceAll(kiosk, kiosk.Tap("common.back"));
  EXPECT_EQ(kiosk.state().coordinator.person.plan.edit, PlanEdit::kNone);

  // A kiosk without its center key says so, and offers no note.
  plan.notes_kept = false;
  plan.goals[0].steps[0].note_state = PlanNote::kUnreadable;
  plan.goals[0].steps[0].note.clear();
  kiosk.Reduce(PlanLoaded{kOna, plan});
  kiosk.Settle();
  EXPECT_EQ(kiosk.Find("plan.note.unavailable")->text, kiosk.Text("plan.note.unavailable"));
  EXPECT_EQ(kiosk.Find("plan.step.step.1.note")->text, kiosk.Text("plan.note.unreadable"));
  EXPECT_EQ(kiosk.probe().Find("plan.note.step.1"), nullptr);
}

// Every view of the plan, in every look.
std::vector<AppState> Views(const std::string& language) {
  std::vector<AppState> views;
  views.push_back(OnPlan(language));
  views.push_back(OnPlan(language, PlanView{}));
  AppState loading = OnPlan(language, PlanView{});
  loading.coordinator.person.plan.loading = true;
  views.push_back(loading);
  PlanView draft = OnaPlan();
  draft.status = "draft";
  views.push_back(OnPlan(language, draft));
  PlanView closed = OnaPlan();
  closed.status = "closed";
  views.push_back(OnPlan(language, closed));
  views.push_back(OnPlan(language, PlanView{"plan.1", "draft", {}}));
  AppState busy = OnPlan(language);
  busy.coordinator.person.plan.busy = true;
  views.push_back(busy);
  views.push_back(Entry(language, PlanEdit::kGoalTitle));
  views.push_back(Entry(language, PlanEdit::kGoalTitle, "plan.error.empty_title"));
  views.push_back(Entry(language, PlanEdit::kStepTitle));
  views.push_back(Entry(language, PlanEdit::kStepInstitution));
  views.push_back(Entry(language, PlanEdit::kStepDue));
  views.push_back(Entry(language, PlanEdit::kStepDue, "plan.error.impossible_date"));
  views.push_back(Entry(language, PlanEdit::kStepDue, "plan.error.date_digits"));
  views.push_back(Entry(language, PlanEdit::kStepNote));  // the note editor, the long note in it
  PlanView no_center_key = OnaPlan();
  no_center_key.notes_kept = false;
  views.push_back(OnPlan(language, no_center_key));
  for (const PlanQuestion question :
       {PlanQuestion::kUndoStep, PlanQuestion::kUndoGoal, PlanQuestion::kClosePlan}) {
    AppState ask = OnPlan(language);
    ask.coordinator.person.plan.question = question;
    ask.coordinator.person.plan.question_id =
        question == PlanQuestion::kUndoStep ? "step.1" : "goal.2";
    views.push_back(ask);
  }
  for (const char* notice :
       {"plan.notice.saved", "plan.notice.printed", "plan.notice.print_failed",
        "plan.notice.not_found", "plan.notice.notes_unavailable", "plan.notice.note_key_missing"}) {
    AppState printed = OnPlan(language);
    printed.coordinator.person.plan.notice_key = notice;
    printed.coordinator.person.plan.printed_path = "/var/lib/raida/plans/plan-p7060cdf9-3.txt";
    views.push_back(printed);
  }
  views.push_back(RecordState(language));  // the record with its "Action plan" button
  return views;
}

TEST(PlanUiTest, EveryViewPassesTheAudits) {
  AuditViewsEverywhere(Views, [](const std::string& language, const AuditStats& stats) {
    EXPECT_GT(stats.targets_checked, 100) << language;
  });
}

}  // namespace
}  // namespace raida::kiosk::testing
