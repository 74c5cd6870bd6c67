// The layering rules of DESIGN.md, checked on the sources: kiosk UI code includes no SQLite,
// curl, cpp-httplib, GLFW or OpenGL; kiosk state code includes no ImGui; only kiosk/platform/
// includes GLFW, OpenGL or the ImGui platform backends; shared/ (raida::core) includes none of
// ImGui, GLFW, curl or httplib. Includes are followed through the project's own headers, so a
// forbidden header cannot sneak in one level down. A failure lists file:line and the chain.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "support/source_scan.h"

namespace raida::kiosk::testing {
namespace {

struct Include {
  std::string header;
  int line = 0;
};

struct Rule {
  std::string name;
  std::regex forbidden;
};

const Rule kSqlite{"SQLite", std::regex(R"(^sqlite3\.h$)")};
const Rule kCurl{"curl", std::regex(R"(^curl/)")};
const Rule kHttplib{"cpp-httplib", std::regex(R"(^httplib\.h$)")};
const Rule kGlfw{"GLFW", std::regex(R"(^GLFW/|imgui_impl_glfw)")};
const Rule kGl{"OpenGL", std::regex(R"(^GL/|^GLES|^glad/|^EGL/|imgui_impl_opengl)")};
const Rule kImgui{"Dear ImGui", std::regex(R"(^imgui|/imgui)")};

std::vector<Include> IncludesOf(const std::vector<std::string>& lines) {
  static const std::regex kInclude(R"(^\s*#\s*include\s*[<"]([^>"]+)[>"])");
  std::vector<Include> includes;
  for (size_t i = 0; i < lines.size(); ++i) {
    std::smatch match;
    // std::regex is slow (seconds under ASan over the whole tree): only lines that can be an
    // include are matched.
    if (lines[i].find("include") == std::string::npos) {
      continue;
    }
    if (std::regex_search(lines[i], match, kInclude)) {
      includes.push_back({match[1].str(), static_cast<int>(i + 1)});
    }
  }
  return includes;
}

// The project header `header` resolves to, or "" when it is not one of ours.
std::filesystem::path ResolveProjectHeader(const std::filesystem::path& root,
                                           const std::string& header) {
  for (const std::filesystem::path& base :
       {root, root / "shared/include", root / "sync/include", root / "shared/src"}) {
    std::error_code error;
    if (std::filesystem::is_regular_file(base / header, error)) {
      return base / header;
    }
  }
  return {};
}

// Violations of `rules` by `file` and, transitively, the project headers it includes.
std::vector<std::string> Violations(const std::filesystem::path& root, const SourceFile& file,
                                    const std::vector<Rule>& rules) {
  std::vector<std::string> found;
  std::set<std::string> seen;
  // Depth-first over (lines, display name, chain).
  std::vector<std::tuple<std::vector<std::string>, std::string, std::string>> stack = {
      {file.lines, file.relative, ""}};
  while (!stack.empty()) {
    auto [lines, name, chain] = std::move(stack.back());
    stack.pop_back();
    for (const Include& include : IncludesOf(lines)) {
      for (const Rule& rule : rules) {
        if (std::regex_search(include.header, rule.forbidden)) {
          found.push_back(name + ":" + std::to_string(include.line) + ": includes <" +
                          include.header + "> (" + rule.name + ")" + chain);
        }
      }
      const std::filesystem::path next = ResolveProjectHeader(root, include.header);
      if (!next.empty() && seen.insert(next.string()).second) {
        SourceFile header;
        std::ifstream in(next);
        for (std::string line; std::getline(in, line);) {
          header.lines.push_back(line);
        }
        stack.emplace_back(header.lines, include.header,
                           chain + " via " + name + ":" + std::to_string(include.line));
      }
    }
  }
  return found;
}

std::string CheckTree(const std::string& dir, const std::vector<Rule>& rules,
                      const std::vector<std::string>& except_under = {}) {
  const std::filesystem::path root = SourceRoot();
  std::string report;
  for (const SourceFile& file : ReadSources(root, dir)) {
    bool excepted = false;
    for (const std::string& prefix : except_under) {
      excepted = excepted || file.relative.rfind(prefix, 0) == 0;
    }
    if (excepted) {
      continue;
    }
    for (const std::string& violation : Violations(root, file, rules)) {
      report += "  " + violation + "\n";
    }
  }
  return report;
}

TEST(LayeringTest, KioskUiIncludesNoStorageNetworkOrPlatform) {
  ASSERT_FALSE(ReadSources(SourceRoot(), "kiosk/ui").empty());
  const std::string report = CheckTree("kiosk/ui", {kSqlite, kCurl, kHttplib, kGlfw, kGl});
  EXPECT_TRUE(report.empty()) << "kiosk/ui must draw only:\n" << report;
}

TEST(LayeringTest, KioskStateIncludesNoImGui) {
  ASSERT_FALSE(ReadSources(SourceRoot(), "kiosk/state").empty());
  const std::string report = CheckTree("kiosk/state", {kImgui, kGlfw, kGl});
  EXPECT_TRUE(report.empty()) << "kiosk/state must not draw:\n" << report;
}

TEST(LayeringTest, OnlyThePlatformTouchesGlfwAndOpenGl) {
  std::string report;
  for (const char* dir : {"kiosk", "shared", "sync"}) {
    report += CheckTree(dir, {kGlfw, kGl}, {"kiosk/platform/"});
  }
  EXPECT_TRUE(report.empty()) << "GLFW/OpenGL outside kiosk/platform:\n" << report;
}

TEST(LayeringTest, CoreKnowsNothingOfUiOrNetwork) {
  ASSERT_FALSE(ReadSources(SourceRoot(), "shared").empty());
  const std::string report = CheckTree("shared", {kImgui, kGlfw, kGl, kCurl, kHttplib});
  EXPECT_TRUE(report.empty()) << "shared/ must stay below UI and network:\n" << report;
}

// The checker itself must be able to fail, and must follow project headers.
TEST(LayeringTest, CheckerFlagsDirectAndIndirectIncludes) {
  const std::filesystem::path root = SourceRoot();
  SourceFile direct{{}, "kiosk/ui/bad.cpp", {"// a screen", "#include <sqlite3.h>"}};
  const auto found = Violations(root, direct, {kSqlite});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0], "kiosk/ui/bad.cpp:2: includes <sqlite3.h> (SQLite)");

  // A project header (in a scratch source root) that pulls SQLite in one level down.
  const std::filesystem::path scratch =
      std::filesystem::path(::testing::TempDir()) / "raida_layering_scratch";
  std::filesystem::create_directories(scratch / "kiosk/state");
  {
    std::ofstream out(scratch / "kiosk/state/leaky.h");
    out << "#pragma once\n#include <sqlite3.h>\n";
  }
  SourceFile indirect{{}, "kiosk/ui/bad.cpp", {"#include \"kiosk/state/leaky.h\""}};
  const auto via = Violations(scratch, indirect, {kSqlite});
  std::filesystem::remove_all(scratch);
  ASSERT_EQ(via.size(), 1u);
  EXPECT_EQ(via[0], "kiosk/state/leaky.h:2: includes <sqlite3.h> (SQLite) via kiosk/ui/bad.cpp:1");

  SourceFile imgui{{}, "kiosk/state/bad.cpp", {"#  include \"imgui.h\""}};
  EXPECT_EQ(Violations(root, imgui, {kImgui}).size(), 1u);
}

}  // namespace
}  // namespace raida::kiosk::testing
