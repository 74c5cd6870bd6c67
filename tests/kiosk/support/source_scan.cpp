// Reads source files for the layering and translation-key tests (see source_scan.h).
#include "support/source_scan.h"

#include <algorithm>
#include <fstream>

namespace raida::kiosk::testing {

std::filesystem::path SourceRoot() { return std::filesystem::path(RAIDA_SOURCE_DIR); }

std::vector<SourceFile> ReadSources(const std::filesystem::path& root, const std::string& dir) {
  std::vector<SourceFile> files;
  std::error_code error;
  const std::filesystem::path base = root / dir;
  if (!std::filesystem::is_directory(base, error)) {
    return files;
  }
  for (const auto& entry : std::filesystem::recursive_directory_iterator(base, error)) {
    const std::string ext = entry.path().extension().string();
    if (!entry.is_regular_file() ||
        (ext != ".h" && ext != ".hpp" && ext != ".cc" && ext != ".cpp")) {
      continue;
    }
    SourceFile file;
    file.path = entry.path();
    file.relative = std::filesystem::relative(entry.path(), root).generic_string();
    std::ifstream in(entry.path());
    for (std::string line; std::getline(in, line);) {
      file.lines.push_back(line);
    }
    files.push_back(std::move(file));
  }
  std::sort(files.begin(), files.end(),
            [](const SourceFile& a, const SourceFile& b) { return a.relative < b.relative; });
  return files;
}

}  // namespace raida::kiosk::testing
