// The lesson-pack validator (lesson_pack_check.h): pack folders, manifests, reading the files
// (a JSON syntax error becomes a problem at the line of nlohmann's byte position), lesson ids
// across the files of a pack, and pack and course ids across folders. The checks of one lesson
// are in lesson_pack_check_lesson.cpp and lesson_pack_check_quiz.cpp.
#include "raida/core/lesson_pack_check.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "lesson_pack_check_internal.h"
#include "raida/core/catalog_repository.h"
#include "raida/core/i18n.h"
#include "raida/core/model.h"

namespace raida::core {
namespace {

namespace fs = std::filesystem;
using detail::CheckJson;
using detail::FileReport;
using detail::Place;
using detail::Quoted;

constexpr std::uintmax_t kMaxFileBytes = 4 * 1024 * 1024;

// A file's text and parsed JSON, or the problem that stopped reading it.
struct ReadFile {
  std::string text;
  std::optional<CheckJson> json;
};

ReadFile ReadJsonFile(const std::string& path, std::vector<PackProblem>& problems) {
  ReadFile file;
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) {
    problems.push_back({path, 0, "does not exist"});
    return file;
  }
  if (fs::file_size(path, ec) > kMaxFileBytes || ec) {
    problems.push_back({path, 0, ec ? "cannot be read: " + ec.message() : "is larger than 4 MB"});
    return file;
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  file.text = content.str();
  try {
    file.json = CheckJson::parse(file.text);
  } catch (const CheckJson::parse_error& e) {
    std::string what = e.what();  // "[json...] parse error at line 3, column 1: syntax error..."
    what = what.substr(std::min(what.find(": ") + 2, what.size()));
    what = what.substr(0, what.find("; last read"));  // it may quote bytes that are not UTF-8
    problems.push_back(
        {path, detail::JsonLineMap::LineOfByte(file.text, e.byte), "not valid JSON: " + what});
  }
  return file;
}

// What CheckFolder learns of a pack beyond its problems.
struct PackIdentity {
  std::string manifest;  // the manifest's path
  std::string id;
  int id_line = 0;
  std::string course_id;
  int course_line = 0;
};

struct ManifestFacts {
  std::vector<std::string> languages;
  std::vector<std::string> lesson_files;  // the listed ones that exist
};

void CheckLanguages(const Place& manifest, ManifestFacts& facts, FileReport& report) {
  const CheckJson* languages = detail::ArrayField(manifest, "languages", report);
  if (languages == nullptr) {
    return;
  }
  const std::string here = manifest.Member("languages");
  const auto& supported = SupportedLanguages();
  for (const CheckJson& item : *languages) {
    const std::string lang = item.is_string() ? item.get<std::string>() : "";
    if (std::find(supported.begin(), supported.end(), lang) == supported.end()) {
      report.Add(here, "manifest languages has " + (item.is_string() ? Quoted(lang) : item.dump()) +
                           ", not a language Raida has");
    } else if (std::find(facts.languages.begin(), facts.languages.end(), lang) !=
               facts.languages.end()) {
      report.Add(here, "manifest languages names " + Quoted(lang) + " twice");
    } else {
      facts.languages.push_back(lang);
    }
  }
  if (std::find(facts.languages.begin(), facts.languages.end(), "lt") == facts.languages.end()) {
    report.Add(here, "manifest languages must include \"lt\"");
  }
}

void CheckCourses(const Place& manifest, const PackCheckOptions& options,
                  const std::optional<std::string>& course_id, FileReport& report) {
  const auto& catalog = options.catalog_courses;
  if (course_id && catalog && catalog->count(*course_id) == 0) {
    report.Add(manifest.Member("course_id"),
               "manifest course_id " + Quoted(*course_id) + " is not a course of the catalog");
  }
  const CheckJson* prerequisites = detail::ArrayField(manifest, "prerequisites", report, false);
  for (size_t i = 0; prerequisites != nullptr && i < prerequisites->size(); ++i) {
    const CheckJson& item = (*prerequisites)[i];
    const std::string at = manifest.Member("prerequisites") + "/" + std::to_string(i);
    if (!item.is_string()) {
      report.Add(at, "manifest prerequisites must list course ids");
    } else if (course_id && item.get<std::string>() == *course_id) {
      report.Add(at, "manifest prerequisite " + Quoted(*course_id) + " is the pack's own course");
    } else if (catalog && catalog->count(item.get<std::string>()) == 0) {
      report.Add(at, "manifest prerequisite " + Quoted(item.get<std::string>()) +
                         " is not a course of the catalog");
    }
  }
}

void CheckLessonList(const Place& manifest, const std::string& folder, ManifestFacts& facts,
                     FileReport& report) {
  const CheckJson* lessons = detail::ArrayField(manifest, "lessons", report);
  if (lessons == nullptr) {
    return;
  }
  if (lessons->empty() || lessons->size() > static_cast<size_t>(kMaxLessonsPerPack)) {
    report.Add(manifest.Member("lessons"),
               "manifest lessons must list 1 to " + std::to_string(kMaxLessonsPerPack) + " files");
  }
  std::vector<std::string> listed;
  for (size_t i = 0; i < lessons->size(); ++i) {
    const CheckJson& item = (*lessons)[i];
    const std::string at = manifest.Member("lessons") + "/" + std::to_string(i);
    const std::string name = item.is_string() ? item.get<std::string>() : "";
    const bool plain = name.size() > 5 && name.find('/') == std::string::npos &&
                       name.find("..") == std::string::npos &&
                       name.compare(name.size() - 5, 5, ".json") == 0;
    const bool twice = std::find(listed.begin(), listed.end(), name) != listed.end();
    std::error_code ec;
    if (!plain) {
      report.Add(at, "manifest lessons entry " + std::to_string(i + 1) +
                         " must be a lesson file name (*.json)");
    } else if (twice) {
      report.Add(at, "manifest lists " + name + " twice");
    } else if (!fs::is_regular_file(fs::path(folder) / name, ec)) {
      report.Add(at, "manifest lists " + name + ", which does not exist");
    } else {
      facts.lesson_files.push_back(name);
    }
    listed.push_back(name);
  }
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    const bool json = name.size() > 5 && name.compare(name.size() - 5, 5, ".json") == 0;
    if (json && name != "manifest.json" &&
        std::find(listed.begin(), listed.end(), name) == listed.end()) {
      report.Add(manifest.Member("lessons"),
                 name + " is in the folder but the manifest's " + "\"lessons\" does not list it");
    }
  }
}

ManifestFacts CheckManifest(const CheckJson& json, const std::string& folder,
                            const PackCheckOptions& options, PackIdentity& identity,
                            FileReport& report) {
  ManifestFacts facts;
  const Place manifest{json, "", "manifest"};
  if (!json.is_object()) {
    report.Add("", "manifest.json must hold one JSON object");
    return facts;
  }
  CheckKnownFields(manifest,
                   {"format", "id", "course_id", "version", "languages", "category", "hours",
                    "prerequisites", "passing_score", "title", "lessons"},
                   report);
  const std::optional<int> format = detail::IntField(manifest, "format", 0, 1 << 30, report);
  if (format && *format != 1) {
    report.Add("/format",
               "manifest \"format\" is " + std::to_string(*format) + "; this Raida reads format 1");
  }
  identity.id = detail::StringField(manifest, "id", report).value_or("");
  const std::optional<std::string> course_id = detail::StringField(manifest, "course_id", report);
  identity.course_id = course_id.value_or("");
  detail::IntField(manifest, "version", 1, 1 << 30, report);
  CheckLanguages(manifest, facts, report);
  const std::optional<std::string> category = detail::StringField(manifest, "category", report);
  if (category && !ParseCourseCategory(*category)) {
    report.Add("/category", "manifest category " + Quoted(*category) + " is not a course category");
  }
  detail::IntField(manifest, "hours", 0, 10000, report);
  CheckCourses(manifest, options, course_id, report);
  detail::IntField(manifest, "passing_score", 0, 100, report);
  detail::TextField(manifest, "title", facts.languages, report);
  CheckLessonList(manifest, folder, facts, report);
  return facts;
}

// Problems of one file, in line order, appended to `all`.
void AppendSorted(std::vector<PackProblem>& file_problems, std::vector<PackProblem>& all) {
  std::stable_sort(file_problems.begin(), file_problems.end(),
                   [](const PackProblem& a, const PackProblem& b) { return a.line < b.line; });
  all.insert(all.end(), file_problems.begin(), file_problems.end());
  file_problems.clear();
}

void CheckLessonFiles(const std::string& folder, const ManifestFacts& facts,
                      std::vector<PackProblem>& all) {
  const detail::LessonContext context{
      folder, facts.languages.empty() ? SupportedLanguages() : facts.languages};
  std::map<std::string, std::string> file_of_id;
  for (const std::string& name : facts.lesson_files) {
    std::vector<PackProblem> problems;
    const std::string path = (fs::path(folder) / name).string();
    const ReadFile file = ReadJsonFile(path, problems);
    if (file.json) {
      FileReport report(path, file.text, &problems);
      const std::string id = detail::CheckLesson(*file.json, context, report);
      const auto [first, added] = file_of_id.emplace(id, name);
      if (!id.empty() && !added) {
        report.Add("/id", "lesson id " + Quoted(id) + " is also the id of " + first->second);
      }
    }
    AppendSorted(problems, all);
  }
}

std::vector<PackProblem> CheckFolder(const std::string& folder, const PackCheckOptions& options,
                                     PackIdentity& identity) {
  std::vector<PackProblem> all;
  std::vector<PackProblem> problems;
  identity.manifest = (fs::path(folder) / "manifest.json").string();
  const ReadFile file = ReadJsonFile(identity.manifest, problems);
  ManifestFacts facts;
  if (file.json) {
    FileReport report(identity.manifest, file.text, &problems);
    facts = CheckManifest(*file.json, folder, options, identity, report);
    const detail::JsonLineMap lines(file.text);
    identity.id_line = lines.LineOf("/id");
    identity.course_line = lines.LineOf("/course_id");
  }
  AppendSorted(problems, all);
  CheckLessonFiles(folder, facts, all);
  return all;
}

// Two folders with the same pack id or course: a problem in the later one's manifest.
void CheckAcrossFolders(const std::vector<PackIdentity>& packs, std::vector<PackProblem>& all) {
  std::map<std::string, std::string> pack_folder;
  std::map<std::string, std::string> course_folder;
  for (const PackIdentity& pack : packs) {
    const std::string folder = fs::path(pack.manifest).parent_path().string();
    if (!pack.id.empty() && !pack_folder.emplace(pack.id, folder).second) {
      all.push_back({pack.manifest, pack.id_line,
                     "pack id " + Quoted(pack.id) + " is also the id of " + pack_folder[pack.id]});
    }
    if (!pack.course_id.empty() && !course_folder.emplace(pack.course_id, folder).second) {
      all.push_back({pack.manifest, pack.course_line,
                     "course " + Quoted(pack.course_id) + " also has the pack in " +
                         course_folder[pack.course_id]});
    }
  }
}

}  // namespace

std::string FormatProblem(const PackProblem& problem) {
  return problem.file + (problem.line > 0 ? ":" + std::to_string(problem.line) : "") + ": " +
         problem.message;
}

std::vector<PackProblem> CheckPackFolder(const std::string& folder,
                                         const PackCheckOptions& options) {
  PackIdentity identity;
  return CheckFolder(folder, options, identity);
}

Result<std::vector<std::string>> PackFoldersUnder(const std::string& path) {
  std::error_code ec;
  if (!fs::is_directory(path, ec)) {
    return MakeError(ErrorCode::kNotFound, path + ": not a directory");
  }
  if (fs::is_regular_file(fs::path(path) / "manifest.json", ec)) {
    return std::vector<std::string>{path};
  }
  std::vector<std::string> folders;
  for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    std::error_code type_ec;
    if (!name.empty() && name[0] != '.' && it->is_directory(type_ec)) {
      folders.push_back(it->path().string());
    }
  }
  if (ec) {
    return MakeError(ErrorCode::kIo, path + ": cannot be listed: " + ec.message());
  }
  std::sort(folders.begin(), folders.end());
  return folders;
}

Result<std::vector<PackProblem>> CheckPacks(const std::vector<std::string>& paths,
                                            const PackCheckOptions& options, int* folders_checked) {
  std::vector<PackProblem> all;
  std::vector<PackIdentity> packs;
  for (const std::string& path : paths) {
    RAIDA_ASSIGN_OR_RETURN(const std::vector<std::string> folders, PackFoldersUnder(path));
    for (const std::string& folder : folders) {
      PackIdentity identity;
      std::vector<PackProblem> problems = CheckFolder(folder, options, identity);
      all.insert(all.end(), problems.begin(), problems.end());
      packs.push_back(identity);
    }
  }
  CheckAcrossFolders(packs, all);
  if (folders_checked != nullptr) {
    *folders_checked = static_cast<int>(packs.size());
  }
  return all;
}

Result<std::set<std::string>> ReadCatalogCourseIds(const std::string& district_file) {
  std::vector<PackProblem> problems;
  const ReadFile file = ReadJsonFile(district_file, problems);
  if (!problems.empty()) {
    return MakeError(problems[0].line == 0 ? ErrorCode::kNotFound : ErrorCode::kCorrupt,
                     FormatProblem(problems[0]));
  }
  const CheckJson& json = *file.json;
  const auto courses = json.is_object() ? json.find("courses") : json.end();
  if (!json.is_object() || courses == json.end() || !courses->is_array()) {
    return MakeError(ErrorCode::kCorrupt, district_file + ": has no \"courses\" list");
  }
  std::set<std::string> ids;
  for (const CheckJson& course : *courses) {
    const auto id = course.is_object() ? course.find("id") : course.end();
    if (!course.is_object() || id == course.end() || !id->is_string()) {
      return MakeError(ErrorCode::kCorrupt, district_file + ": a course has no \"id\"");
    }
    ids.insert(id->get<std::string>());
  }
  return ids;
}

Result<std::set<std::string>> StoreCatalogCourseIds(Store& store) {
  CatalogRepository catalog(store);
  RAIDA_ASSIGN_OR_RETURN(const std::vector<Course> courses, catalog.ListCourses("lt"));
  std::set<std::string> ids;
  for (const Course& course : courses) {
    ids.insert(course.id);
  }
  return ids;
}

Status ProblemsAsStatus(const std::vector<PackProblem>& problems) {
  if (problems.empty()) {
    return Ok();
  }
  std::string message = std::to_string(problems.size()) + " problem" +
                        (problems.size() == 1 ? "" : "s") + " in lesson packs:";
  for (const PackProblem& problem : problems) {
    message += "\n" + FormatProblem(problem);
  }
  return MakeError(ErrorCode::kCorrupt, message);
}

}  // namespace raida::core
