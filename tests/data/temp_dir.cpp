// TempDir: mkdtemp under the system temp dir, so parallel ctest runs never share a directory.
#include "temp_dir.h"

#include <stdlib.h>

#include <fstream>
#include <stdexcept>
#include <vector>

namespace raida::testing {

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "raida-test-XXXXXX").string();
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  if (mkdtemp(buffer.data()) == nullptr) {
    throw std::runtime_error("mkdtemp failed for " + pattern);
  }
  path_ = buffer.data();
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::string TempDir::Write(const std::string& name, const std::string& bytes) const {
  const std::filesystem::path file = path_ / name;
  std::ofstream out(file, std::ios::binary);
  out << bytes;
  if (!out) {
    throw std::runtime_error("cannot write " + file.string());
  }
  return file.string();
}

}  // namespace raida::testing
