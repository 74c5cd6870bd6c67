// raida_browser_complete_course: what a resident does at a provisioned kiosk over a few visits,
// done in one go for the office browser tests. Every lesson of a course's pack (as the kiosk
// received it from the district server) is marked completed with full marks, and the kiosk's
// certificate rule runs (CertificateRepository::IssueCertificateIfComplete), so the next
// `raida-sync once` carries the lesson progress and the certificate to the district office.
//
//   raida_browser_complete_course --db kiosk.db --person person.demo.05
//       --course course.computer-first-steps --today 2026-11-23
//
// Prints the certificate's verification code on stdout and "lessons N" before it. Exit codes:
// 0 issued, 1 the kiosk's data refused it (no pack, course not complete), 2 bad input.
#include <CLI/CLI.hpp>
#include <iostream>
#include <string>

#include "raida/core/certificate_repository.h"
#include "raida/core/clock.h"
#include "raida/core/lesson_pack.h"
#include "raida/core/lesson_repository.h"
#include "raida/core/store.h"

namespace {

struct Options {
  std::string db_path;
  std::string person_id;
  std::string course_id;
  std::string today;
};

// Completes every lesson of the course's pack; returns how many, or an error.
raida::core::Result<int> CompleteLessons(raida::core::Store& store, const Options& options) {
  raida::core::LessonRepository lessons(store);
  RAIDA_ASSIGN_OR_RETURN(const auto pack, lessons.GetPackForCourse(options.course_id));
  if (!pack) {
    return raida::core::MakeError(raida::core::ErrorCode::kNotFound,
                                  "the kiosk has no lesson pack for " + options.course_id);
  }
  RAIDA_ASSIGN_OR_RETURN(const raida::core::PackDocument document,
                         raida::core::ParsePackDocument(pack->manifest));
  for (const raida::core::Lesson& lesson : document.lessons) {
    RAIDA_TRY(lessons.RecordCompletion(options.person_id, options.course_id, lesson.id,
                                       /*score=*/100, /*seconds=*/420));
  }
  return static_cast<int>(document.lessons.size());
}

int Run(const Options& options) {
  const raida::core::SystemClock clock;
  auto store =
      raida::core::Store::Open({options.db_path, raida::core::OpenMode::kOpenExisting}, clock);
  if (!store.ok()) {
    std::cerr << "complete_course: " << store.error().message << "\n";
    return 2;
  }
  auto completed = CompleteLessons(**store, options);
  if (!completed.ok()) {
    std::cerr << "complete_course: " << completed.error().message << "\n";
    return 1;
  }
  auto issued = raida::core::CertificateRepository(**store).IssueCertificateIfComplete(
      options.person_id, options.course_id, options.today);
  if (!issued.ok()) {
    std::cerr << "complete_course: " << issued.error().message << "\n";
    return 1;
  }
  if (!issued.value()) {
    std::cerr << "complete_course: the course is not complete by the kiosk's rule\n";
    return 1;
  }
  std::cout << "lessons " << completed.value() << "\n" << issued.value()->code << std::endl;
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"Completes a course's lessons at a kiosk and issues its certificate (tests)"};
  Options options;
  cli.add_option("--db", options.db_path, "the provisioned kiosk's database")->required();
  cli.add_option("--person", options.person_id, "a resident of the kiosk's center")->required();
  cli.add_option("--course", options.course_id, "a course with a lesson pack")->required();
  cli.add_option("--today", options.today, "the center's local date, 2026-11-23")->required();
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e) == 0 ? 0 : 2;
  }
  return Run(options);
}
