// Publishing lesson packs into a store (lesson_pack_check.h): validate against the store's
// catalog, read with the same reader the loader uses, refuse anything not newer than what is
// published, and write every pack in one transaction, so a refused pack leaves the store as it
// was.
#include <utility>

#include "raida/core/lesson_pack.h"
#include "raida/core/lesson_pack_check.h"
#include "raida/core/lesson_repository.h"

namespace raida::core {
namespace {

Result<std::vector<PackDocument>> ReadAll(const std::vector<std::string>& paths) {
  std::vector<PackDocument> packs;
  for (const std::string& path : paths) {
    RAIDA_ASSIGN_OR_RETURN(const std::vector<std::string> folders, PackFoldersUnder(path));
    for (const std::string& folder : folders) {
      RAIDA_ASSIGN_OR_RETURN(PackDocument pack, ReadPackFolder(folder));
      packs.push_back(std::move(pack));
    }
  }
  return packs;
}

}  // namespace

Status CheckPacksAgainstStore(Store& store, const std::vector<std::string>& paths) {
  PackCheckOptions options;
  RAIDA_ASSIGN_OR_RETURN(options.catalog_courses, StoreCatalogCourseIds(store));
  RAIDA_ASSIGN_OR_RETURN(const std::vector<PackProblem> problems, CheckPacks(paths, options));
  return ProblemsAsStatus(problems);
}

Result<std::vector<PublishedPack>> PublishPackFolders(Store& store,
                                                      const std::vector<std::string>& paths) {
  RAIDA_TRY(CheckPacksAgainstStore(store, paths));
  RAIDA_ASSIGN_OR_RETURN(const std::vector<PackDocument> packs, ReadAll(paths));
  Store::ApplyingScope applying(store);
  RAIDA_ASSIGN_OR_RETURN(auto scope, store.BeginWrite());
  LessonRepository lessons(store);
  std::vector<PublishedPack> published;
  for (const PackDocument& pack : packs) {
    RAIDA_ASSIGN_OR_RETURN(const std::optional<LessonPack> stored,
                           lessons.GetPackForCourse(pack.course_id));
    if (stored && stored->version >= pack.version) {
      return MakeError(ErrorCode::kConflict,
                       pack.folder + ": " + pack.id + " version " + std::to_string(pack.version) +
                           " is not newer than the published version " +
                           std::to_string(stored->version) +
                           "; raise \"version\" in manifest.json to publish a change");
    }
    RAIDA_TRY(lessons.UpsertPack(PackRow(pack)));
    published.push_back({pack.id, pack.folder, pack.version, stored ? stored->version : 0});
  }
  RAIDA_TRY(scope.Commit());
  return published;
}

}  // namespace raida::core
