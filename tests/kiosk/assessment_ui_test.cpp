// "What work suits me?" headless: the real screens and reducer driven by taps (the storage
// answers are fed in by hand: the content from assets/assessment, the demo catalog's courses).
// A walk from the catalog through every statement, skill and question to the result and one of
// its courses, with Back changing an answer; the entry on the vocational-interests course page;
// the touch and contrast audits (TA-1..TA-4) on every step in Lithuanian, Polish and English at
// 1920×1080 and 1366×768 and every text size; a glyph for every character of the content; and
// the screens' translation keys in every catalog.
#include <gtest/gtest.h>

#include <algorithm>
#include <iostream>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "kiosk/state/reduce_assessment.h"
#include "kiosk/ui/fonts.h"
#include "raida/core/riasec.h"
#include "support/demo_state.h"
#include "support/imgui_harness.h"
#include "support/ui_audit.h"

namespace raida::kiosk::testing {
namespace {

constexpr float kPxPerMm = 4.03f;

std::shared_ptr<const core::RiasecContent> ShippedContent() {
  static const auto kContent = [] {
    auto content =
        core::LoadRiasecContent(std::string(RAIDA_ASSETS_DIR) + "/assessment/riasec.json");
    EXPECT_TRUE(content.ok()) << content.error().message;
    return std::make_shared<const core::RiasecContent>(content.ok() ? std::move(content).value()
                                                                    : core::RiasecContent{});
  }();
  return kContent;
}

bool Has(const std::vector<Action>& actions, auto predicate) {
  return std::any_of(actions.begin(), actions.end(), predicate);
}

// Taps through the kiosk, reducing what the screens dispatch and answering the storage effects
// the assessment needs by hand.
class Walker {
 public:
  explicit Walker(KioskDriver& kiosk) : kiosk_(&kiosk) {}

  void Apply(const std::vector<Action>& actions) {
    for (const Action& action : actions) {
      for (const Effect& effect : kiosk_->Reduce(action)) {
        if (const auto* load = FindMessage<LoadAssessment>(effect)) {
          Apply({AssessmentLoaded{load->person_id, ShippedContent(), std::nullopt, {}}});
        } else if (const auto* course = FindMessage<LoadCourse>(effect)) {
          Apply({CourseLoaded{DemoCourse(course->course_id, course->language), course->language}});
        }
      }
    }
  }

  std::vector<Action> Tap(const std::string& id) {
    std::vector<Action> actions = kiosk_->Tap(id);
    Apply(actions);
    kiosk_->Settle(2);
    kiosk_->harness().Wait(0.2f, kiosk_->draw());  // past the bounce window
    return actions;
  }

 private:
  KioskDriver* kiosk_;
};

std::string Text(const core::LocalizedText& text, const std::string& language) {
  return core::Localize(text, language);
}

TEST(AssessmentUiTest, TheCatalogAndTheVocationalCoursePageOpenIt) {
  KioskDriver kiosk;
  Walker walker(kiosk);
  kiosk.state() = StateShowing(Screen::kCatalog, "en");
  kiosk.Settle();
  const ProbeRecord* button = kiosk.Find("catalog.assessment");
  ASSERT_NE(button, nullptr);
  EXPECT_EQ(button->text, "What work suits me?");
  const auto actions = walker.Tap("catalog.assessment");
  EXPECT_TRUE(Has(actions, [](const Action& a) { return HoldsMessage<OpenAssessment>(a); }));
  EXPECT_EQ(kiosk.state().screen, Screen::kAssessment);
  EXPECT_NE(kiosk.Find("assessment.start"), nullptr);
  EXPECT_NE(kiosk.Find("assessment.sign_in"), nullptr);  // a guest is offered to keep them

  kiosk.state() = StateShowing(Screen::kCourse, "lt");
  kiosk.state().course = DemoCourse(kAssessmentCourseId, "lt");
  kiosk.state().course_requested_id = kAssessmentCourseId;
  kiosk.Settle();
  ASSERT_NE(kiosk.Find("assessment.entry.open"), nullptr);
  EXPECT_EQ(kiosk.Find("assessment.entry.open")->text, "Koks darbas man tinka?");
  walker.Tap("assessment.entry.open");
  EXPECT_EQ(kiosk.state().screen, Screen::kAssessment);
  walker.Tap("common.back");
  EXPECT_EQ(kiosk.state().screen, Screen::kCourse);  // back where it was opened

  kiosk.state() = StateShowing(Screen::kCourse, "en");  // another course: no entry
  kiosk.Settle();
  EXPECT_EQ(kiosk.probe().Find("assessment.entry.open"), nullptr);
}

TEST(AssessmentUiTest, AWalkByTouchFromTheCatalogToASuggestedCourse) {
  KioskDriver kiosk;
  Walker walker(kiosk);
  const core::RiasecContent& content = *ShippedContent();
  kiosk.state() = StateShowing(Screen::kCatalog, "en");
  kiosk.Settle();
  walker.Tap("catalog.assessment");
  walker.Tap("assessment.start");
  for (size_t i = 0; i < content.statements.size(); ++i) {
    const core::RiasecStatement& statement = content.statements[i];
    ASSERT_EQ(kiosk.state().assessment.index, static_cast<int>(i));
    ASSERT_NE(kiosk.Find("assessment.progress"), nullptr);
    EXPECT_EQ(kiosk.Find("assessment.progress")->text,
              "Sentence " + std::to_string(i + 1) + " of 42");
    EXPECT_EQ(kiosk.Find("assessment.question")->text, Text(statement.text, "en"));
    const bool liked = statement.area == core::RiasecArea::kRealistic;
    walker.Tap(liked ? "assessment.answer.yes" : "assessment.answer.no");
    if (i == 2) {
      // Back shows the last answer ticked; answering again changes it.
      walker.Tap("common.back");
      ASSERT_EQ(kiosk.state().assessment.index, 2);
      EXPECT_EQ(kiosk.Find("assessment.answer.no")->text, "\u2713 No");
      EXPECT_EQ(kiosk.Find("assessment.answer.unsure")->text, "Not sure");
      walker.Tap("assessment.answer.unsure");
      EXPECT_EQ(kiosk.state().assessment.answers.statements.at(statement.id),
                core::InterestAnswer::kUnsure);
    }
  }
  ASSERT_EQ(kiosk.state().assessment.step, AssessmentStep::kSkill);
  EXPECT_EQ(kiosk.Find("assessment.progress")->text, "What you can do: 1 of 6");
  for (size_t i = 0; i < content.skills.size(); ++i) {
    walker.Tap(content.skills[i].id == "computer" ? "assessment.level.none"
                                                  : "assessment.level.good");
  }
  ASSERT_EQ(kiosk.state().assessment.step, AssessmentStep::kConstraint);
  for (const core::RiasecConstraint& question : content.constraints) {
    EXPECT_EQ(kiosk.Find("assessment.question")->text, Text(question.text, "en"));
    walker.Tap("assessment.option." + question.options.front().id);
  }
  ASSERT_EQ(kiosk.state().assessment.step, AssessmentStep::kResult);
  EXPECT_EQ(kiosk.Find("assessment.result.title")->text, "Your result");
  EXPECT_EQ(kiosk.Find("assessment.area.realistic.name")->text,
            Text(core::AreaInfo(content, core::RiasecArea::kRealistic).name, "en"));
  EXPECT_NE(kiosk.Find("assessment.work.realistic.farm"), nullptr);
  EXPECT_NE(kiosk.Find("assessment.result.guest"), nullptr);  // not kept: said in words
  const std::vector<std::string> suggested = kiosk.state().assessment.result->courses;
  ASSERT_FALSE(suggested.empty());
  EXPECT_EQ(kiosk.probe().IdsWithPrefix("assessment.open.").front(),
            "assessment.open." + suggested.front());
  walker.Tap("assessment.open." + suggested.front());
  EXPECT_EQ(kiosk.state().screen, Screen::kCourse);
  ASSERT_TRUE(kiosk.state().course.has_value());
  EXPECT_EQ(kiosk.state().course->card.id, suggested.front());
}

TEST(AssessmentUiTest, StopForNowAndHomeLeaveNothingBehind) {
  KioskDriver kiosk;
  Walker walker(kiosk);
  kiosk.state() = StateShowing(Screen::kCatalog, "pl");
  kiosk.Settle();
  walker.Tap("catalog.assessment");
  walker.Tap("assessment.start");
  walker.Tap("assessment.answer.yes");
  walker.Tap("assessment.stop");
  EXPECT_EQ(kiosk.state().screen, Screen::kCatalog);
  walker.Tap("catalog.assessment");
  ASSERT_NE(kiosk.Find("assessment.answered"), nullptr);
  EXPECT_EQ(kiosk.Find("assessment.answered")->text, "Odpowiedziano na 1 z 52.");
  EXPECT_EQ(kiosk.Find("assessment.start")->text, "Kontynuuj");
  walker.Tap("common.home");
  EXPECT_EQ(kiosk.state().screen, Screen::kWelcome);
  EXPECT_TRUE(kiosk.state().assessment.answers.statements.empty());
}

// [SECTION] Audits

struct Step {
  std::string name;
  AppState state;
};

// The assessment at every kind of step, in `language`, with the content loaded.
std::vector<Step> Steps(const std::string& language) {
  const auto content = ShippedContent();
  AppState base = StateShowing(Screen::kCatalog, language);
  base.screen = Screen::kAssessment;
  base.assessment.return_screen = Screen::kCatalog;
  std::vector<Step> steps;
  AppState loading = base;
  loading.assessment.loading = true;
  steps.push_back({"loading", loading});
  base.assessment.content = content;
  base.assessment.loaded = true;
  steps.push_back({"intro guest", base});
  AppState person = base;
  person.person = DemoPerson();
  person.assessment.person_id = person.person->id;
  person.assessment.answers.statements[content->statements[0].id] = core::InterestAnswer::kYes;
  steps.push_back({"intro continue", person});
  for (size_t i = 0; i < content->statements.size(); ++i) {
    AppState statement = base;
    statement.assessment.step = AssessmentStep::kStatement;
    statement.assessment.index = static_cast<int>(i);
    statement.assessment.answers.statements[content->statements[i].id] =
        core::InterestAnswer::kUnsure;
    steps.push_back({"statement " + content->statements[i].id, statement});
  }
  for (size_t i = 0; i < content->skills.size(); ++i) {
    AppState skill = base;
    skill.assessment.step = AssessmentStep::kSkill;
    skill.assessment.index = static_cast<int>(i);
    skill.assessment.answers.skills[content->skills[i].id] = "some";
    steps.push_back({"skill " + content->skills[i].id, skill});
  }
  for (size_t i = 0; i < content->constraints.size(); ++i) {
    AppState question = base;
    question.assessment.step = AssessmentStep::kConstraint;
    question.assessment.index = static_cast<int>(i);
    question.assessment.answers.constraints[content->constraints[i].id] =
        content->constraints[i].options.front().id;
    steps.push_back({"constraint " + content->constraints[i].id, question});
  }
  // Results: every area tied (the longest page), nothing standing out, and signed in.
  core::RiasecAnswers all_yes;
  for (const auto& statement : content->statements) {
    all_yes.statements[statement.id] = core::InterestAnswer::kYes;
  }
  AppState tied = base;
  tied.assessment.step = AssessmentStep::kResult;
  tied.assessment.answers = all_yes;
  tied.assessment.result = core::ScoreRiasec(*content, all_yes);
  steps.push_back({"result all tied", tied});
  AppState saved = tied;
  saved.person = DemoPerson();
  saved.assessment.person_id = saved.person->id;
  steps.push_back({"result saved", saved});
  AppState unclear = tied;
  core::RiasecAnswers all_unsure;
  for (const auto& statement : content->statements) {
    all_unsure.statements[statement.id] = core::InterestAnswer::kUnsure;
  }
  unclear.assessment.answers = all_unsure;
  unclear.assessment.result = core::ScoreRiasec(*content, all_unsure);
  steps.push_back({"result no clear interest", unclear});
  AppState entry = StateShowing(Screen::kCourse, language);
  entry.course = DemoCourse(kAssessmentCourseId, language);
  entry.course_requested_id = kAssessmentCourseId;
  steps.push_back({"course page entry", entry});
  return steps;
}

// Audits the screen and every further page of its list (▼ until it is disabled).
void AuditAllPages(KioskDriver& kiosk, const AuditLimits& limits, AuditStats& stats,
                   std::vector<std::string>& failures) {
  for (int page = 0; page < 30; ++page) {
    kiosk.Settle(2);
    AuditFrame(kiosk.probe(), limits, stats, failures);
    const ProbeRecord* down = nullptr;
    for (const ProbeRecord& r : kiosk.probe().items) {
      if (r.id.size() > 5 && r.id.compare(r.id.size() - 5, 5, ".down") == 0 && r.enabled) {
        down = &r;
      }
    }
    if (down == nullptr) {
      return;
    }
    kiosk.Tap(down->id);
    kiosk.harness().Wait(0.2f, kiosk.draw());
  }
  failures.push_back("a list never reached its last page");
}

using Panel = std::pair<int, int>;

class AssessmentAuditTest : public ::testing::TestWithParam<Panel> {};

TEST_P(AssessmentAuditTest, EveryStepMeetsTouchAndContrastRules) {
  const ImVec2 display(static_cast<float>(GetParam().first), static_cast<float>(GetParam().second));
  const AuditLimits limits = LimitsFor(kPxPerMm, display);
  KioskDriver kiosk(display, kPxPerMm);
  ASSERT_TRUE(kiosk.harness().fonts_ok());
  AuditStats stats;
  int audited = 0;
  for (const std::string language : {"lt", "pl", "en"}) {
    for (const TextSize size : {TextSize::kNormal, TextSize::kLarge, TextSize::kLargest}) {
      for (Step& step : Steps(language)) {
        step.state.text_size = size;
        step.state.high_contrast = size == TextSize::kLarge;
        kiosk.state() = step.state;
        ResetRootUi(kiosk.ui());
        std::vector<std::string> failures;
        AuditAllPages(kiosk, limits, stats, failures);
        for (const std::string& failure : failures) {
          ADD_FAILURE() << step.name << " [" << language << " text size " << static_cast<int>(size)
                        << "] " << failure;
        }
        ++audited;
      }
    }
  }
  EXPECT_GT(stats.targets_checked, 1000);
  std::cout << "[assessment audit " << display.x << "x" << display.y << "] " << audited
            << " states, " << stats.frames << " frames, " << stats.targets_checked
            << " targets; smallest target " << stats.min_target_width << "x"
            << stats.min_target_height << " px; smallest gap " << stats.min_gap
            << " px; lowest contrast " << stats.min_contrast << ":1\n";
}

INSTANTIATE_TEST_SUITE_P(Panels, AssessmentAuditTest,
                         ::testing::Values(Panel{1920, 1080}, Panel{1366, 768}));

// The answer pictures are big: at least 40 mm high side by side on the reference panel.
TEST(AssessmentUiTest, AnswerButtonsAreBigPictureButtons) {
  KioskDriver kiosk;
  kiosk.state() = Steps("lt")[3].state;  // the first statement
  kiosk.Settle();
  for (const char* id :
       {"assessment.answer.yes", "assessment.answer.unsure", "assessment.answer.no"}) {
    const ProbeRecord* r = kiosk.Find(id);
    ASSERT_NE(r, nullptr);
    EXPECT_GE(r->max.y - r->min.y, 40.0f * kPxPerMm) << id;
    EXPECT_GE(r->max.x - r->min.x, 100.0f * kPxPerMm) << id;
  }
  EXPECT_EQ(kiosk.Find("assessment.answer.yes")->text, "Taip, patinka");
  const ProbeRecord* yes = kiosk.Find("assessment.answer.yes");
  const ProbeRecord* no = kiosk.Find("assessment.answer.no");
  EXPECT_FLOAT_EQ(yes->min.y, no->min.y);  // side by side
  EXPECT_LT(yes->max.x, no->min.x);
}

// [SECTION] Words and glyphs

std::vector<std::string> ContentStrings(const core::RiasecContent& content) {
  std::vector<std::string> strings;
  const auto add = [&](const core::LocalizedText& text) {
    for (const auto& [language, value] : text) {
      strings.push_back(value);
    }
  };
  for (const auto& choice : content.choices) {
    add(choice.label);
  }
  for (const auto& statement : content.statements) {
    add(statement.text);
  }
  for (const auto& area : content.areas) {
    add(area.name);
    add(area.description);
    for (const auto& work : area.work) {
      add(work.text);
    }
  }
  for (const auto& level : content.skill_levels) {
    add(level.label);
  }
  for (const auto& skill : content.skills) {
    add(skill.text);
  }
  for (const auto& question : content.constraints) {
    add(question.text);
    for (const auto& option : question.options) {
      add(option.label);
    }
  }
  return strings;
}

TEST(AssessmentUiTest, EveryCharacterOfTheContentHasAGlyph) {
  ImGuiHarness harness(ImVec2(1920, 1080));
  ASSERT_TRUE(harness.fonts_ok());
  const std::vector<std::string> strings = ContentStrings(*ShippedContent());
  ASSERT_GT(strings.size(), 3u * 42u);
  harness.Frame([&] {
    for (const TextSize size : {TextSize::kNormal, TextSize::kLarge, TextSize::kLargest}) {
      for (const FontRole role : {FontRole::kBody, FontRole::kLabel, FontRole::kHeading}) {
        const ImFont* font = KioskFont(size, role);
        for (const std::string& text : strings) {
          for (const std::string& missing : MissingGlyphs(*font, text)) {
            ADD_FAILURE() << missing << " in \"" << text << "\"";
          }
        }
      }
    }
  });
}

TEST(AssessmentUiTest, EveryKeyIsTranslatedInEveryLanguage) {
  const core::Translations& words = ShippedTranslations();
  const std::vector<std::string> used = {"assessment.answered",
                                         "assessment.continue",
                                         "assessment.entry.text",
                                         "assessment.intro.guest",
                                         "assessment.intro.signed_in",
                                         "assessment.intro.then",
                                         "assessment.intro.what",
                                         "assessment.open",
                                         "assessment.progress.constraint",
                                         "assessment.progress.skill",
                                         "assessment.progress.statement",
                                         "assessment.restart",
                                         "assessment.result.again",
                                         "assessment.result.courses",
                                         "assessment.result.guest",
                                         "assessment.result.no_clear",
                                         "assessment.result.no_courses",
                                         "assessment.result.not_enough",
                                         "assessment.result.saved",
                                         "assessment.result.title",
                                         "assessment.result.top",
                                         "assessment.result.work",
                                         "assessment.sign_in",
                                         "assessment.skill.question",
                                         "assessment.start",
                                         "assessment.stop",
                                         "assessment.title",
                                         kAssessmentUnavailableKey,
                                         kAssessmentNotSavedKey};
  for (const std::string& key : used) {
    std::set<std::string> texts;
    for (const std::string language : {"lt", "pl", "en"}) {
      EXPECT_TRUE(words.Has(language, key)) << key << " missing in " << language;
      texts.insert(words.Get(language, key));
    }
    // Each language has its own words (the progress counts share only their numbers).
    EXPECT_EQ(texts.size(), 3u) << key;
  }
  for (const std::string& key : words.Keys("en")) {
    if (key.rfind("assessment.", 0) == 0) {
      EXPECT_TRUE(std::find(used.begin(), used.end(), key) != used.end())
          << key << " is in the catalog but not used";
    }
  }
}

}  // namespace
}  // namespace raida::kiosk::testing
