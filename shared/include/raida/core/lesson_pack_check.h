// The lesson-pack validator and publishing: every problem of a pack folder, each with its file and
// line, before a pack goes to the district server and from there to the kiosks.
//
// ReadPackFolder (lesson_pack.h) stops at the first thing it cannot read; the validator reads on
// and reports everything an author must fix, in the form compilers use:
//   assets/lessons/e-banking/lesson-03.json:57: page 2 text has no "pl" translation
// It checks what ReadPackFolder checks (so a pack without problems always reads) and more:
//   - JSON syntax (the line of nlohmann's error position), manifest fields and their types
//   - a translation for every language the manifest declares, in every text
//   - characters the kiosk's font cannot show (glyph_ranges.h)
//   - pictures: present, decodable PNG (stb_image, as the kiosk), at most 1200×800 px and
//     200 KB, each with a text alternative
//   - quiz answers that name no option, single choice with more or fewer than one right answer,
//     multiple choice without a right answer, order-the-steps answers that are not an order of
//     all options, yes/no answers other than "yes" or "no"
//   - duplicate lesson, page, question and option ids; lesson files listed twice or not listed
//   - lessons longer than kMaxLessonMinutes for a slow reader (the rule below)
//   - course_id and prerequisites that are not courses of the catalog
//
// Reading time: a lesson's words (pages, question prompts, options and feedback) in its wordiest
// language at kSlowReaderWordsPerMinute, plus kSecondsPerQuestion for each question, must be at
// most kMaxLessonMinutes; so must the author's own "minutes". assets/lessons/README.md states the
// same rule for authors.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "raida/core/result.h"
#include "raida/core/store.h"

namespace raida::core {

inline constexpr int kSlowReaderWordsPerMinute = 80;
inline constexpr int kSecondsPerQuestion = 20;
inline constexpr int kMaxLessonMinutes = 10;
inline constexpr int kMaxPictureWidth = 1200;  // px
inline constexpr int kMaxPictureHeight = 800;  // px
inline constexpr long kMaxPictureFileBytes = 200 * 1024;

struct PackProblem {
  std::string file;  // the file's path, as the folder was named plus the file name
  int line = 0;      // 1-based; 0 when the problem is the file as a whole (it is missing)
  std::string message;
  bool operator==(const PackProblem&) const = default;
};

// "file:line: message" ("file: message" when line is 0).
std::string FormatProblem(const PackProblem& problem);

struct PackCheckOptions {
  // The course ids of the catalog, which a pack's course_id and prerequisites must name; nullopt
  // skips that check (no catalog at hand).
  std::optional<std::set<std::string>> catalog_courses;
};

// Every problem of one pack folder (manifest.json, the lessons it lists, their pictures), in
// file order, then line order within a file. Empty when the pack is fine. Never fails: an
// unreadable file is itself a problem.
std::vector<PackProblem> CheckPackFolder(const std::string& folder,
                                         const PackCheckOptions& options);

// The pack folders `path` names: itself when it holds a manifest.json, else its sub-folders
// (hidden ones skipped), by name. kNotFound when `path` is not a directory.
Result<std::vector<std::string>> PackFoldersUnder(const std::string& path);

// Every problem of the packs under each of `paths` (each a pack folder or a lessons root, as
// PackFoldersUnder), and of two folders publishing the same pack id or course. kNotFound when a
// path is not a directory. Sets `*folders_checked` to the number of pack folders read.
Result<std::vector<PackProblem>> CheckPacks(const std::vector<std::string>& paths,
                                            const PackCheckOptions& options,
                                            int* folders_checked = nullptr);

// The course ids of a district file (assets/demo/rokiskis.json: "courses"[].id), for
// PackCheckOptions::catalog_courses. kNotFound (no file), kCorrupt (not such a file).
Result<std::set<std::string>> ReadCatalogCourseIds(const std::string& district_file);
// The course ids of the catalog in `store`.
Result<std::set<std::string>> StoreCatalogCourseIds(Store& store);

// kCorrupt with every problem, one per line after a first line naming how many, when `problems`
// is not empty.
Status ProblemsAsStatus(const std::vector<PackProblem>& problems);

// Checks the packs under `paths` against the catalog in `store`: kCorrupt with every problem (as
// ProblemsAsStatus) when there are any; kNotFound when a path is not a directory.
Status CheckPacksAgainstStore(Store& store, const std::vector<std::string>& paths);

struct PublishedPack {
  std::string pack_id;
  std::string folder;
  int version = 0;
  int replaced_version = 0;  // the version it replaced; 0 when the pack was new
};

// Publishes the pack folders `paths` name (each a pack folder or a lessons root) into `store` as
// published data: validated against the store's catalog (kCorrupt with the problem list, as
// ProblemsAsStatus), then read (ReadPackFolder) and written in one transaction. A pack must be
// newer than the version the store holds: an equal or lower version is refused (kConflict naming
// both versions) and then nothing is written. The caller publishes the rows to the pull feed
// (SyncEngine::PublishAll on the server) so kiosks receive them at their next sync.
Result<std::vector<PublishedPack>> PublishPackFolders(Store& store,
                                                      const std::vector<std::string>& paths);

}  // namespace raida::core
