// The lesson-pack validator: the JSON-pointer-to-line scanner, the kiosk's glyph ranges, one
// broken pack per kind of problem under tests/data/broken_packs (each with its exact message and
// line), several problems at once, the reading-time rule at its boundary, and every shipped pack
// in assets/lessons passing (and reading with ReadPackFolder).
#include "raida/core/lesson_pack_check.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "data/temp_dir.h"
#include "json_line_map.h"
#include "lesson_pack_check_internal.h"
#include "raida/core/glyph_ranges.h"
#include "raida/core/lesson_pack.h"

namespace raida::core {
namespace {

namespace fs = std::filesystem;
using ::raida::testing::TempDir;

const fs::path kSource = RAIDA_SOURCE_DIR;
const fs::path kBroken = kSource / "tests/data/broken_packs";
const std::string kDemo = (kSource / "assets/demo/rokiskis.json").string();

PackCheckOptions DemoCatalog() {
  PackCheckOptions options;
  auto courses = ReadCatalogCourseIds(kDemo);
  EXPECT_TRUE(courses.ok()) << courses.error().message;
  if (courses.ok()) {
    options.catalog_courses = *courses;
  }
  return options;
}

std::string Lines(const std::vector<PackProblem>& problems) {
  std::string out;
  for (const PackProblem& problem : problems) {
    out += FormatProblem(problem) + "\n";
  }
  return out;
}

nlohmann::json ReadJson(const fs::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  return nlohmann::json::parse(text.str());
}

void WriteJson(const fs::path& file, const nlohmann::json& json) {
  std::ofstream out(file, std::ios::trunc);
  out << json.dump(2) << "\n";
}

// A copy of the valid broken-packs base under `dir`.
fs::path CopyOfValid(const TempDir& dir, const std::string& name = "valid") {
  const fs::path copy = dir.path() / name;
  fs::copy(kBroken / "valid", copy, fs::copy_options::recursive);
  return copy;
}

// [SECTION] The scanner

TEST(JsonLineMapTest, MembersAreOnTheLineOfTheirKeyAndElementsOnTheirOwn) {
  const std::string text =
      "{\n"
      "  \"id\": \"x\",\n"
      "  \"pages\": [\n"
      "    {\"id\": \"p1\", \"text\": {\"lt\": \"a, b ] } \\\" c\"}},\n"
      "    {\n"
      "      \"id\": \"p2\"\n"
      "    }\n"
      "  ],\n"
      "  \"a/b\": [1,\n"
      "    2]\n"
      "}\n";
  ASSERT_TRUE(nlohmann::json::accept(text));
  const detail::JsonLineMap lines(text);
  EXPECT_EQ(lines.LineOf(""), 1);
  EXPECT_EQ(lines.LineOf("/id"), 2);
  EXPECT_EQ(lines.LineOf("/pages"), 3);
  EXPECT_EQ(lines.LineOf("/pages/0"), 4);
  EXPECT_EQ(lines.LineOf("/pages/0/text/lt"), 4);
  EXPECT_EQ(lines.LineOf("/pages/1"), 5);
  EXPECT_EQ(lines.LineOf("/pages/1/id"), 6);
  EXPECT_EQ(lines.LineOf("/a~1b/1"), 10) << "a '/' in a key is ~1 in a pointer";
  EXPECT_EQ(lines.LineOf("/pages/1/picture"), 5) << "a missing member: its object's line";
  EXPECT_EQ(lines.LineOf("/nothing/at/all"), 1);
}

TEST(JsonLineMapTest, TurnsNlohmannsBytePositionIntoALine) {
  const std::string text = "{\n\"a\": 1,\n}";
  try {
    const nlohmann::json parsed = nlohmann::json::parse(text);
    FAIL() << "parsed " << parsed.dump();
  } catch (const nlohmann::json::parse_error& e) {
    EXPECT_EQ(detail::JsonLineMap::LineOfByte(text, e.byte), 3);
  }
  EXPECT_EQ(detail::JsonLineMap::LineOfByte(text, 0), 1);
  EXPECT_EQ(detail::JsonLineMap::LineOfByte(text, 999), 3);
}

// [SECTION] Glyphs

TEST(GlyphRangesTest, TheKioskShowsLithuanianPolishAndItsSymbolsButNotOthers) {
  for (const char32_t shown :
       {U'a', U'ą', U'ė', U'ž', U'ł', U'ó', U'ż', U'€', U'„', U'“', U'–', U'…', U'✓', U'\n'}) {
    EXPECT_TRUE(KioskFontShows(shown)) << static_cast<uint32_t>(shown);
  }
  for (const char32_t unshown : {U'≥', U'ж', U'\t', U'\u200b', U'\U0001F600', U'\u219A'}) {
    EXPECT_FALSE(KioskFontShows(unshown)) << static_cast<uint32_t>(unshown);
  }
  EXPECT_EQ(detail::UnshownCharacters("Žalias ąžuolas – 5 €\n\nłąka"), "");
  EXPECT_EQ(detail::UnshownCharacters("a ≥ b ≥ c\tž"), "\"≥\" (U+2265), U+0009");
}

TEST(GlyphRangesTest, TheImGuiTableIsThePairsThenAZero) {
  constexpr auto table = GlyphRangeTable<uint16_t>();
  ASSERT_EQ(table.size(), kKioskGlyphRanges.size() * 2 + 1);
  EXPECT_EQ(table[0], 0x0020);
  EXPECT_EQ(table[1], 0x00FF);
  EXPECT_EQ(table[table.size() - 2], 0x2713);
  EXPECT_EQ(table.back(), 0);
}

// [SECTION] Broken packs: one problem each, with its exact message and line

struct BrokenCase {
  const char* folder;
  const char* file;
  int line;
  const char* message;
};

const BrokenCase kBrokenCases[] = {
    {"json-syntax", "lesson-01.json", 7,
     "not valid JSON: syntax error while parsing object key - unexpected ','; expected string "
     "literal"},
    {"manifest-missing-field", "manifest.json", 1, "manifest has no \"passing_score\""},
    {"missing-translation", "lesson-01.json", 20, "page 2 text has no \"pl\" translation"},
    {"missing-glyph", "lesson-01.json", 15,
     "page 1 text (en) has \"≥\" (U+2265), which the kiosk's font cannot show"},
    {"picture-missing", "lesson-01.json", 25, "page 2 picture pictures/missing.png does not exist"},
    {"picture-broken", "lesson-01.json", 25,
     "page 2 picture pictures/button.png cannot be decoded: unknown image type"},
    {"picture-no-alt", "lesson-01.json", 25,
     "page 2 picture has no text alternative (\"picture_alt\")"},
    {"answer-not-option", "lesson-01.json", 68,
     "question 1 answer \"d\" is not one of its options"},
    {"single-two-answers", "lesson-01.json", 68,
     "question 1 (single choice) must have exactly one right answer, has 2"},
    {"multiple-no-answer", "lesson-01.json", 68,
     "question 1 (multiple choice) has no right answer"},
    {"order-not-permutation", "lesson-01.json", 111,
     "question 2 (order the steps) answer must put every option in order: \"b\" is missing"},
    {"yesno-bad-answer", "lesson-01.json", 130,
     "question 3 (yes/no) answer must be [\"yes\"] or [\"no\"]"},
    {"duplicate-page-id", "lesson-01.json", 19, "page 2 id \"p1\" is also the id of page 1"},
    {"duplicate-question-id", "lesson-01.json", 123,
     "question 3 id \"q1\" is also the id of question 1"},
    {"duplicate-lesson-id", "lesson-02.json", 2,
     "lesson id \"broken.l1\" is also the id of lesson-01.json"},
    {"too-long", "lesson-01.json", 1,
     "lesson takes about 17 minutes for a slow reader (1206 words in en at 80 a minute, and 20 s "
     "for each of 3 questions); at most 10: shorten it or split it in two"},
    {"unknown-prerequisite", "manifest.json", 14,
     "manifest prerequisite \"course.knitting\" is not a course of the catalog"},
    {"lesson-file-missing", "manifest.json", 22,
     "manifest lists lesson-02.json, which does not exist"},
};

class BrokenPackTest : public ::testing::TestWithParam<BrokenCase> {};

TEST_P(BrokenPackTest, ReportsItsOneProblemWithFileAndLine) {
  const BrokenCase& broken = GetParam();
  const fs::path folder = kBroken / broken.folder;
  const std::vector<PackProblem> problems = CheckPackFolder(folder.string(), DemoCatalog());
  const PackProblem expected{(folder / broken.file).string(), broken.line, broken.message};
  ASSERT_EQ(problems.size(), 1u) << Lines(problems);
  EXPECT_EQ(FormatProblem(problems[0]), FormatProblem(expected));
}

INSTANTIATE_TEST_SUITE_P(EachKind, BrokenPackTest, ::testing::ValuesIn(kBrokenCases),
                         [](const auto& test_info) {
                           std::string name = test_info.param.folder;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

TEST(BrokenPackTest, TheBaseTheyAreMadeFromIsValidAndReads) {
  const fs::path valid = kBroken / "valid";
  EXPECT_EQ(Lines(CheckPackFolder(valid.string(), DemoCatalog())), "");
  auto pack = ReadPackFolder(valid.string());
  EXPECT_TRUE(pack.ok()) << pack.error().message;
}

TEST(PackCheckTest, ReportsEveryProblemOfAFileInLineOrder) {
  TempDir dir;
  const fs::path pack = CopyOfValid(dir);
  nlohmann::json lesson = ReadJson(pack / "lesson-01.json");
  lesson["questions"][2]["feedback"].erase("en");        // last in the file
  lesson["pages"][0]["text"].erase("lt");                // first
  lesson["questions"][0]["answer"] = {"z"};              // in between
  lesson["pages"][1]["pictur"] = "pictures/button.png";  // a misspelt field
  WriteJson(pack / "lesson-01.json", lesson);
  nlohmann::json manifest = ReadJson(pack / "manifest.json");
  manifest["course_id"] = "course.knitting";
  manifest["languages"] = {"lt", "pl", "en", "de"};
  WriteJson(pack / "manifest.json", manifest);
  const std::vector<PackProblem> problems = CheckPackFolder(pack.string(), DemoCatalog());
  const std::string m = (pack / "manifest.json").string();
  const std::string l = (pack / "lesson-01.json").string();
  EXPECT_EQ(Lines(problems),
            m + ":3: manifest course_id \"course.knitting\" is not a course of the catalog\n" + m +
                ":7: manifest languages has \"de\", not a language Raida has\n" + l +
                ":7: page 1 text has no \"lt\" translation\n" + l +
                ":14: page 2 has an unknown field \"pictur\"\n" + l +
                ":30: question 1 answer \"z\" is not one of its options\n" + l +
                ":121: question 3 feedback has no \"en\" translation\n");
}

TEST(PackCheckTest, AMissingManifestIsAProblemOfTheFolder) {
  TempDir dir;
  fs::create_directory(dir.path() / "empty");
  const std::vector<PackProblem> problems =
      CheckPackFolder((dir.path() / "empty").string(), DemoCatalog());
  ASSERT_EQ(problems.size(), 1u) << Lines(problems);
  EXPECT_EQ(FormatProblem(problems[0]),
            (dir.path() / "empty/manifest.json").string() + ": does not exist");
}

TEST(PackCheckTest, TwoFoldersWithTheSamePackOrCourseAreReported) {
  TempDir dir;
  CopyOfValid(dir, "a");
  CopyOfValid(dir, "b");
  int folders = 0;
  auto problems = CheckPacks({dir.path().string()}, DemoCatalog(), &folders);
  ASSERT_TRUE(problems.ok()) << problems.error().message;
  EXPECT_EQ(folders, 2);
  const std::string b = (dir.path() / "b/manifest.json").string();
  const std::string a = (dir.path() / "a").string();
  EXPECT_EQ(Lines(*problems),
            b + ":3: pack id \"pack.broken-valid\" is also the id of " + a + "\n" + b +
                ":4: course \"course.computer-first-steps\" also has the pack in " + a + "\n");
}

TEST(PackCheckTest, APathThatIsNotADirectoryIsRefused) {
  auto problems = CheckPacks({"/nonexistent/lessons"}, {});
  ASSERT_FALSE(problems.ok());
  EXPECT_EQ(problems.error().code, ErrorCode::kNotFound);
}

// A copy of the valid pack whose lesson has no questions and one page of `words` words in
// every language.
fs::path PackWithWords(const TempDir& dir, int words) {
  const fs::path pack = CopyOfValid(dir);
  nlohmann::json lesson = ReadJson(pack / "lesson-01.json");
  std::string text = "žodis";
  for (int i = 1; i < words; ++i) {
    text += i % 12 == 0 ? "\n\nžodis" : " žodis";
  }
  lesson["pages"] = {{{"id", "p1"}, {"text", {{"lt", text}, {"pl", text}, {"en", text}}}}};
  lesson.erase("questions");
  WriteJson(pack / "lesson-01.json", lesson);
  return pack;
}

TEST(PackCheckTest, TenMinutesAtEightyWordsAMinuteIsTheMostALessonMayTake) {
  ASSERT_EQ(kSlowReaderWordsPerMinute, 80);
  {
    TempDir dir;
    EXPECT_EQ(Lines(CheckPackFolder(PackWithWords(dir, 800).string(), DemoCatalog())), "");
  }
  TempDir dir;
  const fs::path pack = PackWithWords(dir, 801);
  const std::vector<PackProblem> problems = CheckPackFolder(pack.string(), DemoCatalog());
  ASSERT_EQ(problems.size(), 1u) << Lines(problems);
  EXPECT_EQ(problems[0].message,
            "lesson takes about 11 minutes for a slow reader (801 words in en at 80 a minute, "
            "and 20 s for each of 0 questions); at most 10: shorten it or split it in two");
}

TEST(PackCheckTest, TheAuthorsOwnEstimateMayNotPassTenMinutesEither) {
  TempDir dir;
  const fs::path pack = CopyOfValid(dir);
  nlohmann::json lesson = ReadJson(pack / "lesson-01.json");
  lesson["minutes"] = 12;
  WriteJson(pack / "lesson-01.json", lesson);
  const std::vector<PackProblem> problems = CheckPackFolder(pack.string(), DemoCatalog());
  ASSERT_EQ(problems.size(), 1u) << Lines(problems);
  EXPECT_EQ(problems[0].line, 3);  // nlohmann writes the keys sorted
  EXPECT_EQ(problems[0].message,
            "lesson \"minutes\" is 12; a lesson should take at most 10 minutes");
}

TEST(PackCheckTest, ProblemsBecomeOneErrorWithEveryLine) {
  EXPECT_TRUE(ProblemsAsStatus({}).ok());
  const Status status = ProblemsAsStatus({{"a/manifest.json", 3, "x"}, {"a/l.json", 0, "y"}});
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kCorrupt);
  EXPECT_EQ(status.error().message,
            "2 problems in lesson packs:\na/manifest.json:3: x\na/l.json: y");
}

TEST(PackCheckTest, ReadsTheCatalogsCourseIdsFromADistrictFile) {
  auto courses = ReadCatalogCourseIds(kDemo);
  ASSERT_TRUE(courses.ok()) << courses.error().message;
  EXPECT_EQ(courses->count("course.smartphone"), 1u);
  EXPECT_EQ(courses->count("course.rights-at-work"), 1u);
  EXPECT_EQ(ReadCatalogCourseIds("/nonexistent.json").error().code, ErrorCode::kNotFound);
}

// [SECTION] The shipped packs

TEST(ShippedPacksTest, EveryPackInAssetsLessonsPassesAndReads) {
  int folders = 0;
  auto problems = CheckPacks({(kSource / "assets/lessons").string()}, DemoCatalog(), &folders);
  ASSERT_TRUE(problems.ok()) << problems.error().message;
  EXPECT_EQ(Lines(*problems), "");
  EXPECT_GE(folders, 8);
  auto paths = PackFoldersUnder((kSource / "assets/lessons").string());
  ASSERT_TRUE(paths.ok());
  for (const std::string& path : *paths) {
    auto pack = ReadPackFolder(path);
    EXPECT_TRUE(pack.ok()) << pack.error().message;
  }
}

TEST(ShippedPacksTest, ASinglePackFolderIsCheckedOnItsOwn) {
  auto folders = PackFoldersUnder((kSource / "assets/lessons/e-banking").string());
  ASSERT_TRUE(folders.ok());
  EXPECT_EQ(*folders, std::vector<std::string>{(kSource / "assets/lessons/e-banking").string()});
}

}  // namespace
}  // namespace raida::core
