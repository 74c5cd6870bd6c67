// Reading the repository's own sources for the layering and translation-key tests.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace raida::kiosk::testing {

struct SourceFile {
  std::filesystem::path path;  // absolute
  std::string relative;        // from the source root, with '/' ("kiosk/ui/root.cpp")
  std::vector<std::string> lines;
};

// Every .h/.hpp/.cc/.cpp file under `root`/`dir` (recursively), sorted by path; empty when the
// directory does not exist.
std::vector<SourceFile> ReadSources(const std::filesystem::path& root, const std::string& dir);

// The source root the tests were built from (RAIDA_SOURCE_DIR).
std::filesystem::path SourceRoot();

}  // namespace raida::kiosk::testing
