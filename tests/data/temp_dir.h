// TempDir: a fresh directory under the system's temp dir for one test, removed afterwards.
#pragma once

#include <filesystem>
#include <string>

namespace raida::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // Writes `bytes` to <dir>/<name> and returns the file's path.
  std::string Write(const std::string& name, const std::string& bytes) const;

 private:
  std::filesystem::path path_;
};

}  // namespace raida::testing
