// Certificates on the kiosk's screens, headless, on the real reducer and storage (LessonRig with
// the fixture pack): a signed-in person taps through the course's last lesson and is told their
// certificate code in a notice; "My progress" first says what is still missing, then lists the
// certificate with its course, date and code; a guest going through the same lessons is never
// told of one. The notice and "My progress" pass the UI audits in each language.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "kiosk/state/reduce_lesson.h"
#include "kiosk/ui/pictures.h"
#include "kiosk_state/lesson_rig.h"
#include "raida/core/certificate_repository.h"
#include "support/demo_state.h"
#include "support/imgui_harness.h"
#include "support/ui_audit.h"

namespace raida::kiosk::testing {
namespace {

class NoPictures final : public PictureSource {
 public:
  const PictureTexture* Get(const std::string&) override { return nullptr; }
};

// The taps that take a fixture lesson from its first page to its end with every answer right.
std::vector<std::string> RightTaps(const std::string& lesson) {
  if (lesson == kLesson1) {
    return {"lesson.next",     "lesson.next", "lesson.next",       "lesson.next",
            "lesson.option.b", "lesson.next", "lesson.option.yes", "lesson.next"};
  }
  if (lesson == kLesson2) {
    return {"lesson.next",     "lesson.next",  "lesson.option.a", "lesson.option.b",
            "lesson.check",    "lesson.next",  "lesson.option.a", "lesson.option.b",
            "lesson.option.c", "lesson.check", "lesson.next"};
  }
  return {"lesson.next", "lesson.next"};
}

class LessonCertificateUiTest : public ::testing::Test {
 protected:
  LessonCertificateUiTest() { kiosk_.context().pictures = &pictures_; }

  void OnCourse(const std::string& language, bool signed_in) {
    kiosk_.state() = OnCoursePage(rig_, language, signed_in, kLessonsOnlyPersonId);
    kiosk_.state().course = DemoCourse(kLessonCourse, language);
    kiosk_.Settle();
  }
  void Tap(const std::string& id) {
    kiosk_.Settle();
    for (const Action& action : kiosk_.Tap(id)) {
      rig_.Dispatch(kiosk_.state(), action);
    }
    kiosk_.Settle();
  }
  // From the course page through `lesson` by taps; stays on whatever shows at its end.
  void TakeLesson(const std::string& lesson) {
    Tap("lesson.open." + lesson);
    for (const std::string& id : RightTaps(lesson)) {
      Tap(id);
    }
  }
  std::string Text(const std::string& id) {
    const ProbeRecord* record = kiosk_.Find(id);
    return record == nullptr ? "" : record->text;
  }
  std::string Code() {
    auto held =
        core::CertificateRepository(rig_.store()).GetForCourse(kLessonsOnlyPersonId, kLessonCourse);
    EXPECT_TRUE(held.ok() && held->has_value());
    return held.ok() && held->has_value() ? (*held)->code : "";
  }

  LessonRig rig_;
  NoPictures pictures_;
  KioskDriver kiosk_;
};

TEST_F(LessonCertificateUiTest, TheLastLessonTellsTheCodeAndMyProgressListsIt) {
  OnCourse("lt", /*signed_in=*/true);
  TakeLesson(kLesson3);
  EXPECT_EQ(kiosk_.probe().Find("notice.code"), nullptr);
  Tap("common.back");
  Tap("lesson.section.my_progress");
  const std::string course = std::string("progress.course.") + kLessonCourse;
  EXPECT_EQ(Text(course + ".missing"), "Kad gautumėte pažymėjimą, dar liko:");
  EXPECT_EQ(Text(course + ".missing.lessons"), "\u2013 išlaikyti pamokų: 2");
  EXPECT_EQ(kiosk_.probe().Find(course + ".missing.sessions"), nullptr);
  EXPECT_EQ(kiosk_.probe().Find("progress.certificates.title"), nullptr);
  Tap("common.back");
  TakeLesson(kLesson2);
  Tap("common.back");
  TakeLesson(kLesson1);  // the course's last lesson: the notice with the code
  const std::string code = Code();
  ASSERT_FALSE(code.empty());
  EXPECT_EQ(Text("notice.text"),
            "Jūs baigėte kursą „Kompiuteris ir planšetė: pirmieji žingsniai“. Jūsų pažymėjimo "
            "kodas: " +
                code + ". Koordinatorius gali jums atspausdinti pažymėjimą.");
  EXPECT_EQ(Text("notice.code"), code);
  EXPECT_EQ(kiosk_.probe().Find("lesson.end.title"), nullptr) << "the notice stands alone";
  Tap("notice.ok");
  EXPECT_TRUE(kiosk_.state().notice_key.empty());
  EXPECT_NE(kiosk_.probe().Find("lesson.end.title"), nullptr);
  Tap("common.back");
  Tap("lesson.section.my_progress");
  EXPECT_EQ(Text("progress.certificates.title"), "Mano pažymėjimai");
  const std::string certificate = std::string("progress.certificate.") + kLessonCourse;
  EXPECT_EQ(Text(certificate + ".course"), "Kompiuteris ir planšetė: pirmieji žingsniai");
  EXPECT_EQ(Text(certificate + ".code"), "Kodas: " + code);
  EXPECT_EQ(Text(certificate + ".issued").rfind("Išduotas 2026 m. ", 0), 0u)
      << Text(certificate + ".issued");
  EXPECT_EQ(Text(course + ".certified"),
            "\u2713 Šį kursą baigėte. Pažymėjimą rasite skyriuje „Mano pažymėjimai“.");
  EXPECT_EQ(kiosk_.probe().Find(course + ".missing"), nullptr);
}

TEST_F(LessonCertificateUiTest, AGuestIsNeverToldOfACertificate) {
  OnCourse("en", /*signed_in=*/false);
  for (const char* lesson : {kLesson3, kLesson2, kLesson1}) {
    TakeLesson(lesson);
    EXPECT_EQ(kiosk_.probe().Find("notice.code"), nullptr) << lesson;
    EXPECT_NE(kiosk_.probe().Find("lesson.end.title"), nullptr) << lesson;
    Tap("common.back");
  }
  EXPECT_EQ(rig_.Count("SELECT COUNT(*) FROM certificate"), 0);
}

// The notice and "My progress" (a certificate, a course in progress) in each language on the
// large and the small panel, in the largest type.
TEST(LessonCertificateAuditTest, NoticeAndMyProgressPass) {
  std::vector<std::string> failures;
  for (const ImVec2 display : {ImVec2(1920, 1080), ImVec2(1366, 768)}) {
    const float px_per_mm = display.x > 1500 ? 4.03f : 3.97f;
    const AuditLimits limits = LimitsFor(px_per_mm, display);
    AuditStats stats;
    for (const std::string language : {"lt", "pl", "en"}) {
      LessonRig rig;
      AppState state = OnCoursePage(rig, language, /*signed_in=*/true, kLessonsOnlyPersonId);
      state.text_size = TextSize::kLargest;
      rig.Dispatch(state,
                   CertificateIssued{kLessonsOnlyPersonId,
                                     {kLessonCourse, "Kompiuteris ir planšetė: pirmieji žingsniai",
                                      "2026-11-23", "RKS-7K2M-9QXD"}});
      KioskDriver kiosk(display, px_per_mm);
      kiosk.state() = state;
      kiosk.Settle();
      std::vector<std::string> found;
      AuditFrame(kiosk.probe(), limits, stats, found);
      rig.Dispatch(state, DismissNotice{});
      rig.Dispatch(state, OpenLesson{kLesson3});
      rig.Dispatch(state, LessonNext{});
      rig.Dispatch(state, LessonNext{});
      rig.Dispatch(state, GoBack{});
      rig.Dispatch(state, OpenProgress{});
      kiosk.state() = state;
      kiosk.Settle();
      AuditFrame(kiosk.probe(), limits, stats, found);
      for (const std::string& failure : found) {
        failures.push_back(language + " " + std::to_string(static_cast<int>(display.x)) + ": " +
                           failure);
      }
    }
  }
  for (const std::string& failure : failures) {
    ADD_FAILURE() << failure;
  }
}

}  // namespace
}  // namespace raida::kiosk::testing
