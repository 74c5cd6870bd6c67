// WritePrivateFile / MakePrivateFolder: whole files only the kiosk's user can read, in folders
// made private, and a clear error (no leftover temporary) when the folder cannot be made.
#include "raida/core/private_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace raida::core {
namespace {

namespace fs = std::filesystem;

class PrivateFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("raida_private_file_" + std::to_string(::getpid()));
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  void TearDown() override { fs::remove_all(root_); }

  static mode_t Mode(const fs::path& path) {
    struct stat st {};
    EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
    return st.st_mode & 0777;
  }
  static std::string Read(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }

  fs::path root_;
};

TEST_F(PrivateFileTest, ANewFileIsOwnerOnlyInANewOwnerOnlyFolder) {
  const fs::path path = root_ / "plans" / "plan-1.txt";
  ASSERT_TRUE(WritePrivateFile(path.string(), "Ona Žemaitė\n").ok());
  EXPECT_EQ(Read(path), "Ona Žemaitė\n");
  EXPECT_EQ(Mode(path), 0600u);
  EXPECT_EQ(Mode(root_ / "plans"), 0700u);
  EXPECT_FALSE(fs::exists(path.string() + ".tmp"));
}

TEST_F(PrivateFileTest, ASecondWriteReplacesTheWholeFile) {
  const fs::path path = root_ / "list.csv";
  ASSERT_TRUE(WritePrivateFile(path.string(), "a long first version\n").ok());
  ASSERT_TRUE(WritePrivateFile(path.string(), "short\n").ok());
  EXPECT_EQ(Read(path), "short\n");
}

TEST_F(PrivateFileTest, AnExistingFolderKeepsItsMode) {
  const fs::path shared = root_ / "collected";
  fs::create_directories(shared);
  fs::permissions(shared, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec);
  ASSERT_TRUE(MakePrivateFolder(shared.string()).ok());
  ASSERT_TRUE(WritePrivateFile((shared / "x.csv").string(), "x").ok());
  EXPECT_EQ(Mode(shared), 0750u);
  EXPECT_EQ(Mode(shared / "x.csv"), 0600u);
}

TEST_F(PrivateFileTest, AFolderThatCannotBeMadeIsAClearIoError) {
  const fs::path blocker = root_ / "not-a-folder";
  std::ofstream(blocker) << "a file where the folder should be";
  const Status written = WritePrivateFile((blocker / "plan.txt").string(), "x");
  ASSERT_FALSE(written.ok());
  EXPECT_EQ(written.error().code, ErrorCode::kIo);
  EXPECT_NE(written.error().message.find("not-a-folder"), std::string::npos)
      << written.error().message;
  EXPECT_EQ(Read(blocker), "a file where the folder should be");
}

}  // namespace
}  // namespace raida::core
