// raida-server's `content check` and `content publish`; see content_commands.h.
//
// check prints one line per problem on stdout ("file:line: message") and exits 1, or a one-line
// summary and exits 0. publish validates against the database's own catalog, writes the packs
// (core::PublishPackFolders: a version not newer than the published one is refused) and appends
// the new rows to the pull feed (SyncEngine::PublishAll), so kiosks receive them at their next
// sync.
#include "content_commands.h"

#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "raida/core/clock.h"
#include "raida/core/lesson_pack_check.h"
#include "raida/core/store.h"
#include "sync_engine.h"

namespace raida::server {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitProblems = 1;
constexpr int kExitBadInput = 2;

struct ContentOptions {
  std::vector<std::string> dirs;
  std::string catalog = RAIDA_ASSETS_DIR "/demo/rokiskis.json";
  std::string db_path;
};

int BadInput(const core::Error& error) {
  std::cerr << "raida-server: " << error.message << "\n";
  return kExitBadInput;
}

int Check(const ContentOptions& options) {
  core::PackCheckOptions check;
  if (!options.catalog.empty()) {
    auto courses = core::ReadCatalogCourseIds(options.catalog);
    if (!courses.ok()) {
      return BadInput(courses.error());
    }
    check.catalog_courses = std::move(courses).value();
  }
  int folders = 0;
  auto problems = core::CheckPacks(options.dirs, check, &folders);
  if (!problems.ok()) {
    return BadInput(problems.error());
  }
  for (const core::PackProblem& problem : problems.value()) {
    std::cout << core::FormatProblem(problem) << "\n";
  }
  if (!problems->empty()) {
    std::cerr << "raida-server: " << problems->size() << " problem"
              << (problems->size() == 1 ? "" : "s") << " in " << folders << " lesson pack"
              << (folders == 1 ? "" : "s") << "\n";
    return kExitProblems;
  }
  std::cout << folders << " lesson pack" << (folders == 1 ? "" : "s") << " checked: no problems\n";
  return kExitOk;
}

int Publish(const ContentOptions& options) {
  const core::SystemClock clock;
  auto store = core::Store::Open({options.db_path, core::OpenMode::kOpenExisting}, clock);
  if (!store.ok()) {
    return BadInput(store.error());
  }
  auto published = core::PublishPackFolders(*store.value(), options.dirs);
  if (!published.ok()) {
    std::cerr << "raida-server: " << published.error().message << "\n";
    std::cerr << "raida-server: nothing was published\n";
    const core::ErrorCode code = published.error().code;
    return code == core::ErrorCode::kNotFound ? kExitBadInput : kExitProblems;
  }
  SyncEngine engine(*store.value(), clock);
  auto rows = engine.PublishAll();
  if (!rows.ok()) {
    std::cerr << "raida-server: " << rows.error().message << "\n";
    return kExitProblems;
  }
  for (const core::PublishedPack& pack : published.value()) {
    std::cout << "published " << pack.pack_id << " version " << pack.version << " from "
              << pack.folder
              << (pack.replaced_version > 0
                      ? " (replaces version " + std::to_string(pack.replaced_version) + ")"
                      : " (new)")
              << "\n";
  }
  std::cout << rows.value() << " change(s) added to the pull feed for the kiosks' next sync\n";
  return kExitOk;
}

}  // namespace

void AddContentCommands(CLI::App& cli, std::function<int()>* run) {
  auto options = std::make_shared<ContentOptions>();
  CLI::App* content = cli.add_subcommand("content", "check and publish lesson packs");
  content->require_subcommand(1);
  CLI::App* check = content->add_subcommand(
      "check", "report every problem of lesson packs (one line each); exit 1 if there are any");
  check->add_option("dirs", options->dirs, "the lessons root or pack folders")->required();
  check
      ->add_option("--catalog", options->catalog,
                   "district file whose courses the packs may name (\"\" for none)")
      ->capture_default_str();
  check->callback([options, run] { *run = [options] { return Check(*options); }; });
  CLI::App* publish = content->add_subcommand(
      "publish", "validate lesson packs and publish them to the kiosks through sync");
  publish->add_option("--db", options->db_path, "server database file")->required();
  publish->add_option("dirs", options->dirs, "the lessons root or pack folders")->required();
  publish->callback([options, run] { *run = [options] { return Publish(*options); }; });
}

}  // namespace raida::server
