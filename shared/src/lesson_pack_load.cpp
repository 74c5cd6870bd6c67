// Lesson packs on disk: reading one pack folder (manifest.json, the lesson files it lists and
// the pictures they name) and loading every folder under assets/lessons into a Store.
//
// Everything is read and checked before anything is written, so a broken pack leaves the store
// as it was. Errors name the file and the JSON path ("…/lesson-02.json: questions[1].answer[0]:
// \"d\" is not an option"); filesystem errors are taken as error codes, never exceptions.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <utility>
#include <vector>

#include "json_fields.h"
#include "lesson_pack_internal.h"
#include "raida/core/catalog_repository.h"
#include "raida/core/lesson_pack.h"
#include "raida/core/lesson_repository.h"

namespace raida::core {
namespace {

namespace fs = std::filesystem;
using json_fields::Item;
using json_fields::Json;

constexpr std::uintmax_t kMaxFileBytes = 4 * 1024 * 1024;  // a lesson file is a few KB

// `error` with "<file>: " in front of its message.
Error InFile(const fs::path& file, const Error& error) {
  return MakeError(error.code, file.string() + ": " + error.message);
}

Result<std::string> ReadText(const fs::path& file) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) {
    return MakeError(ErrorCode::kNotFound, file.string() + ": does not exist");
  }
  const std::uintmax_t size = fs::file_size(file, ec);
  if (ec || size > kMaxFileBytes) {
    return MakeError(
        ec ? ErrorCode::kIo : ErrorCode::kCorrupt,
        file.string() + (ec ? ": cannot be read: " + ec.message()
                            : ": larger than " + std::to_string(kMaxFileBytes) + " bytes"));
  }
  std::ifstream in(file, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  if (!in.good() && !in.eof()) {
    return MakeError(ErrorCode::kIo, file.string() + ": cannot be read");
  }
  return content.str();
}

Result<Json> ReadJsonFile(const fs::path& file) {
  RAIDA_ASSIGN_OR_RETURN(const std::string text, ReadText(file));
  auto json = detail::ParseJsonText(text);
  if (!json.ok()) {
    return InFile(file, json.error());
  }
  return std::move(json).value();
}

// The folder's own name, also for "assets/lessons/x/".
std::string FolderName(const fs::path& folder) {
  const fs::path normal = folder.lexically_normal();
  return normal.has_filename() ? normal.filename().string()
                               : normal.parent_path().filename().string();
}

// The lesson file names the manifest lists: plain "*.json" names inside the folder.
Result<std::vector<std::string>> LessonFileNames(const Json& manifest) {
  RAIDA_ASSIGN_OR_RETURN(const Json* array, json_fields::ReadArray(manifest, "", "lessons"));
  if (array->empty() || array->size() > static_cast<size_t>(kMaxLessonsPerPack)) {
    return json_fields::BadField("lessons",
                                 "must list 1 to " + std::to_string(kMaxLessonsPerPack) + " files");
  }
  std::vector<std::string> names;
  for (size_t i = 0; i < array->size(); ++i) {
    const Json& item = (*array)[i];
    const std::string name = item.is_string() ? item.get<std::string>() : "";
    const bool plain = name.size() > 5 && name.find('/') == std::string::npos &&
                       name.find("..") == std::string::npos &&
                       name.compare(name.size() - 5, 5, ".json") == 0;
    if (!plain) {
      return json_fields::BadField(Item("lessons", i), "expected a lesson file name (*.json)");
    }
    names.push_back(name);
  }
  return names;
}

// kNotFound naming the first page whose picture file is not in the folder.
Status CheckPicturesExist(const fs::path& folder, const fs::path& file, const Lesson& lesson) {
  for (size_t i = 0; i < lesson.pages.size(); ++i) {
    const std::string& picture = lesson.pages[i].picture;
    std::error_code ec;
    if (!picture.empty() && !fs::is_regular_file(folder / picture, ec)) {
      return MakeError(ErrorCode::kNotFound, file.string() + ": " + Item("pages", i) +
                                                 ".picture: " + picture + " does not exist");
    }
  }
  return Ok();
}

// Reads the lesson files in order; lesson ids must be unique across them.
Status ReadLessons(const fs::path& folder, const fs::path& manifest_file,
                   const std::vector<std::string>& names, PackDocument& pack) {
  std::map<std::string, std::string> file_of_id;
  for (size_t i = 0; i < names.size(); ++i) {
    const fs::path file = folder / names[i];
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) {
      return MakeError(ErrorCode::kNotFound, manifest_file.string() + ": " + Item("lessons", i) +
                                                 ": " + names[i] + " does not exist");
    }
    RAIDA_ASSIGN_OR_RETURN(const Json json, ReadJsonFile(file));
    auto lesson = detail::ParseLesson(json, "");
    if (!lesson.ok()) {
      return InFile(file, lesson.error());
    }
    const auto [seen, added] = file_of_id.emplace(lesson->id, names[i]);
    if (!added) {
      return MakeError(ErrorCode::kCorrupt, file.string() + ": id: \"" + lesson->id +
                                                "\" is also the id of " + seen->second);
    }
    RAIDA_TRY(CheckPicturesExist(folder, file, *lesson));
    pack.lessons.push_back(std::move(lesson).value());
  }
  return Ok();
}

// Pack folders under `dir`, by name; hidden entries and plain files (README.md) are skipped.
Result<std::vector<fs::path>> PackFolders(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return MakeError(ErrorCode::kNotFound, dir.string() + ": no lesson pack directory");
  }
  std::vector<fs::path> folders;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    std::error_code type_ec;
    if (!name.empty() && name[0] != '.' && it->is_directory(type_ec)) {
      folders.push_back(it->path());
    }
  }
  if (ec) {
    return MakeError(ErrorCode::kIo, dir.string() + ": cannot be listed: " + ec.message());
  }
  std::sort(folders.begin(), folders.end());
  return folders;
}

// kCorrupt when two folders publish the same pack or course, or a course is not in the catalog.
Status CheckAgainstCatalog(Store& store, const std::vector<PackDocument>& packs) {
  CatalogRepository catalog(store);
  std::map<std::string, std::string> folder_of;
  for (const PackDocument& pack : packs) {
    for (const std::string& key : {"pack " + pack.id, "course " + pack.course_id}) {
      const auto [seen, added] = folder_of.emplace(key, pack.folder);
      if (!added) {
        return MakeError(ErrorCode::kCorrupt,
                         pack.folder + ": " + key + " is also in " + seen->second);
      }
    }
    RAIDA_ASSIGN_OR_RETURN(const std::optional<Course> course, catalog.GetCourse(pack.course_id));
    if (!course) {
      return MakeError(ErrorCode::kCorrupt, pack.folder + ": course_id: " + pack.course_id +
                                                " is not a course of the catalog");
    }
    if (course->hours != pack.hours || CourseCategoryName(course->category) != pack.category) {
      spdlog::warn("lesson pack {}: hours or category differ from course {}", pack.id,
                   pack.course_id);
    }
  }
  return Ok();
}

// Writes the packs; a stored pack of a higher version is kept. Returns how many were kept.
Result<int> WritePacks(Store& store, const std::vector<PackDocument>& packs) {
  LessonRepository lessons(store);
  int kept = 0;
  for (const PackDocument& pack : packs) {
    RAIDA_ASSIGN_OR_RETURN(const std::optional<LessonPack> stored,
                           lessons.GetPackForCourse(pack.course_id));
    if (stored && stored->id == pack.id && stored->version > pack.version) {
      spdlog::info("lesson pack {}: version {} kept over the folder's version {}", pack.id,
                   stored->version, pack.version);
      ++kept;
      continue;
    }
    RAIDA_TRY(lessons.UpsertPack(PackRow(pack)));
  }
  return kept;
}

}  // namespace

Result<PackDocument> ReadPackFolder(const std::string& folder_path) {
  const fs::path folder(folder_path);
  const fs::path manifest_file = folder / "manifest.json";
  RAIDA_ASSIGN_OR_RETURN(const Json manifest, ReadJsonFile(manifest_file));
  auto header = detail::ParsePackHeader(manifest);
  if (!header.ok()) {
    return InFile(manifest_file, header.error());
  }
  PackDocument pack = std::move(header).value();
  pack.folder = FolderName(folder);
  auto names = LessonFileNames(manifest);
  if (!names.ok()) {
    return InFile(manifest_file, names.error());
  }
  RAIDA_TRY(ReadLessons(folder, manifest_file, *names, pack));
  return pack;
}

Result<int> LoadLessonPacks(Store& store, const std::string& lessons_dir) {
  RAIDA_ASSIGN_OR_RETURN(const std::vector<fs::path> folders, PackFolders(lessons_dir));
  std::vector<PackDocument> packs;
  for (const fs::path& folder : folders) {
    RAIDA_ASSIGN_OR_RETURN(PackDocument pack, ReadPackFolder(folder.string()));
    packs.push_back(std::move(pack));
  }
  Store::ApplyingScope applying(store);
  RAIDA_ASSIGN_OR_RETURN(auto scope, store.BeginWrite());
  RAIDA_TRY(CheckAgainstCatalog(store, packs));
  RAIDA_ASSIGN_OR_RETURN(const int kept, WritePacks(store, packs));
  RAIDA_TRY(scope.Commit());
  spdlog::info("lesson packs: {} read from {} ({} newer ones already stored)", packs.size(),
               lessons_dir, kept);
  return static_cast<int>(packs.size());
}

}  // namespace raida::core
