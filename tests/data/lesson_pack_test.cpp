// Lesson packs: the fixture pack (tests/data/lessons) reads whole and survives the trip through
// the stored document; broken packs are refused with the file and the JSON path; loading into a
// store is atomic, idempotent and never goes back a version; positions encode and clamp.
#include "raida/core/lesson_pack.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "data/temp_dir.h"
#include "raida/core/catalog_repository.h"
#include "raida/core/clock.h"
#include "raida/core/district_data.h"
#include "raida/core/lesson_repository.h"
#include "raida/core/store.h"

namespace raida::core {
namespace {

namespace fs = std::filesystem;
using ::raida::testing::TempDir;

const fs::path kFixtureDir = fs::path(RAIDA_SOURCE_DIR) / "tests/data/lessons";
const fs::path kFixture = kFixtureDir / "fixture-first-steps";
constexpr const char* kCourse = "course.computer-first-steps";

nlohmann::json ReadJson(const fs::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  return nlohmann::json::parse(text.str());
}

void WriteJson(const fs::path& file, const nlohmann::json& json) {
  std::ofstream out(file, std::ios::trunc);
  out << json.dump(2);
}

// A copy of the fixture pack under `dir`/`name`, with `spoil` applied to one of its files.
fs::path SpoiledCopy(const TempDir& dir, const std::string& file,
                     const std::function<void(nlohmann::json&)>& spoil,
                     const std::string& name = "fixture-first-steps") {
  const fs::path copy = dir.path() / name;
  fs::copy(kFixture, copy, fs::copy_options::recursive);
  if (!file.empty()) {
    nlohmann::json json = ReadJson(copy / file);
    spoil(json);
    WriteJson(copy / file, json);
  }
  return copy;
}

TEST(LessonPackReadTest, ReadsTheFixturePack) {
  auto pack = ReadPackFolder(kFixture.string());
  ASSERT_TRUE(pack.ok()) << pack.error().message;
  EXPECT_EQ(pack->id, "pack.fixture-first-steps");
  EXPECT_EQ(pack->course_id, kCourse);
  EXPECT_EQ(pack->version, 1);
  EXPECT_EQ(pack->folder, "fixture-first-steps");
  EXPECT_EQ(pack->passing_score, 60);
  EXPECT_EQ(pack->languages, (std::vector<std::string>{"lt", "pl", "en"}));
  ASSERT_EQ(pack->lessons.size(), 3u);
  const Lesson& first = pack->lessons[0];
  EXPECT_EQ(first.id, "fixture-first-steps.l1");
  ASSERT_EQ(first.pages.size(), 4u);
  EXPECT_EQ(first.pages[1].picture, "pictures/tap.png");
  EXPECT_FALSE(InLanguage(first.pages[1].picture_alt, "pl").empty());
  EXPECT_EQ(first.pages[2].practice, PracticeKind::kTap);
  EXPECT_EQ(first.pages[3].practice, PracticeKind::kDrag);
  EXPECT_EQ(pack->lessons[1].pages[1].practice, PracticeKind::kType);
  EXPECT_EQ(InLanguage(pack->lessons[1].pages[1].practice_word, "lt"), "labas");
  ASSERT_EQ(first.questions.size(), 2u);
  EXPECT_EQ(first.questions[0].kind, QuestionKind::kSingle);
  EXPECT_EQ(first.questions[1].kind, QuestionKind::kYesNo);
  EXPECT_TRUE(first.questions[1].options.empty());
  EXPECT_EQ(pack->lessons[1].questions[0].kind, QuestionKind::kMultiple);
  EXPECT_EQ(pack->lessons[1].questions[1].kind, QuestionKind::kOrder);
  EXPECT_TRUE(pack->lessons[2].questions.empty());
}

TEST(LessonPackReadTest, DocumentRoundTripsWithAStableChecksum) {
  auto pack = ReadPackFolder(kFixture.string() + "/");
  ASSERT_TRUE(pack.ok()) << pack.error().message;
  EXPECT_EQ(pack->folder, "fixture-first-steps");
  const std::string json = PackDocumentJson(*pack);
  auto parsed = ParsePackDocument(json);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(PackDocumentJson(*parsed), json);
  const LessonPack row = PackRow(*pack);
  EXPECT_EQ(row.id, pack->id);
  EXPECT_EQ(row.course_id, kCourse);
  EXPECT_EQ(row.version, 1);
  EXPECT_EQ(row.manifest, json);
  EXPECT_EQ(row.checksum.size(), 64u);
  EXPECT_EQ(PackRow(*parsed).checksum, row.checksum);
  pack->lessons[0].pages[0].text["en"] += "!";
  EXPECT_NE(PackRow(*pack).checksum, row.checksum);
}

struct BrokenCase {
  std::string name;
  std::string file;  // the file to spoil
  std::function<void(nlohmann::json&)> spoil;
  ErrorCode code;
  std::string message;  // expected in the error, after the file name
};

class BrokenPackTest : public ::testing::TestWithParam<BrokenCase> {};

TEST_P(BrokenPackTest, IsRefusedNamingFileAndPath) {
  const BrokenCase& c = GetParam();
  TempDir dir;
  const fs::path copy = SpoiledCopy(dir, c.file, c.spoil);
  auto pack = ReadPackFolder(copy.string());
  ASSERT_FALSE(pack.ok()) << c.name;
  EXPECT_EQ(pack.error().code, c.code) << pack.error().message;
  EXPECT_NE(pack.error().message.find((copy / c.file).string() + ": " + c.message),
            std::string::npos)
      << pack.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, BrokenPackTest,
    ::testing::Values(
        BrokenCase{"format", "manifest.json", [](auto& j) { j["format"] = 2; }, ErrorCode::kTooNew,
                   "format: 2 is not 1"},
        BrokenCase{"no_id", "manifest.json", [](auto& j) { j.erase("id"); }, ErrorCode::kCorrupt,
                   "id: missing"},
        BrokenCase{"category", "manifest.json", [](auto& j) { j["category"] = "cooking"; },
                   ErrorCode::kCorrupt, "category: \"cooking\" is not a course category"},
        BrokenCase{"passing", "manifest.json", [](auto& j) { j["passing_score"] = 120; },
                   ErrorCode::kCorrupt, "passing_score: must be between 0 and 100"},
        BrokenCase{"lesson_name", "manifest.json", [](auto& j) { j["lessons"][1] = "../x.json"; },
                   ErrorCode::kCorrupt, "lessons[1]: expected a lesson file name"},
        BrokenCase{"lesson_missing", "manifest.json",
                   [](auto& j) { j["lessons"][2] = "lesson-09.json"; }, ErrorCode::kNotFound,
                   "lessons[2]: lesson-09.json does not exist"},
        BrokenCase{"text_type", "lesson-01.json", [](auto& j) { j["pages"][0]["text"]["pl"] = 5; },
                   ErrorCode::kCorrupt, "pages[0].text.pl: expected a string"},
        BrokenCase{"no_lt", "lesson-01.json", [](auto& j) { j["title"].erase("lt"); },
                   ErrorCode::kCorrupt, "title.lt: missing"},
        BrokenCase{"page_id_twice", "lesson-01.json", [](auto& j) { j["pages"][2]["id"] = "p1"; },
                   ErrorCode::kCorrupt, "pages[2].id: \"p1\" is used twice"},
        BrokenCase{"practice", "lesson-01.json",
                   [](auto& j) { j["pages"][2]["practice"] = "swipe"; }, ErrorCode::kCorrupt,
                   "pages[2].practice: \"swipe\" is not one of"},
        BrokenCase{"word", "lesson-02.json", [](auto& j) { j["pages"][1].erase("practice_word"); },
                   ErrorCode::kCorrupt, "pages[1].practice_word: missing"},
        BrokenCase{"alt", "lesson-01.json", [](auto& j) { j["pages"][1].erase("picture_alt"); },
                   ErrorCode::kCorrupt, "pages[1].picture_alt: missing"},
        BrokenCase{"picture_path", "lesson-01.json",
                   [](auto& j) { j["pages"][1]["picture"] = "pictures/../../etc.png"; },
                   ErrorCode::kCorrupt,
                   "pages[1].picture: \"pictures/../../etc.png\" is not a PNG"},
        BrokenCase{"picture_missing", "lesson-01.json",
                   [](auto& j) { j["pages"][1]["picture"] = "pictures/none.png"; },
                   ErrorCode::kNotFound, "pages[1].picture: pictures/none.png does not exist"},
        BrokenCase{"kind", "lesson-01.json", [](auto& j) { j["questions"][0]["kind"] = "essay"; },
                   ErrorCode::kCorrupt, "questions[0].kind: \"essay\" is not one of"},
        BrokenCase{"answer", "lesson-01.json", [](auto& j) { j["questions"][0]["answer"] = {"z"}; },
                   ErrorCode::kCorrupt, "questions[0].answer[0]: \"z\" is not an option"},
        BrokenCase{"single_two", "lesson-01.json",
                   [](auto& j) {
                     j["questions"][0]["answer"] = {"a", "b"};
                   },
                   ErrorCode::kCorrupt, "questions[0].answer: must name exactly one option"},
        BrokenCase{"yesno", "lesson-01.json",
                   [](auto& j) { j["questions"][1]["answer"] = {"maybe"}; }, ErrorCode::kCorrupt,
                   "questions[1].answer[0]: \"maybe\" is not an option"},
        BrokenCase{"order_short", "lesson-02.json",
                   [](auto& j) {
                     j["questions"][1]["answer"] = {"a", "b"};
                   },
                   ErrorCode::kCorrupt, "questions[1].answer: must list every option"},
        BrokenCase{"one_option", "lesson-02.json",
                   [](auto& j) {
                     j["questions"][0]["options"].erase(1);
                     j["questions"][0]["options"].erase(1);
                     j["questions"][0]["answer"] = {"a"};
                   },
                   ErrorCode::kCorrupt, "questions[0].options: must have 2 to 5 entries, has 1"},
        BrokenCase{"no_feedback", "lesson-02.json",
                   [](auto& j) { j["questions"][0].erase("feedback"); }, ErrorCode::kCorrupt,
                   "questions[0].feedback: missing"},
        BrokenCase{"no_pages", "lesson-03.json",
                   [](auto& j) { j["pages"] = nlohmann::json::array(); }, ErrorCode::kCorrupt,
                   "pages: must have 1 to 100 entries, has 0"},
        BrokenCase{"lesson_id_twice", "lesson-03.json",
                   [](auto& j) { j["id"] = "fixture-first-steps.l1"; }, ErrorCode::kCorrupt,
                   "id: \"fixture-first-steps.l1\" is also the id of lesson-01.json"}),
    [](const auto& test_info) { return test_info.param.name; });

TEST(LessonPackReadTest, NotJsonNamesTheFileAndLine) {
  TempDir dir;
  const fs::path copy = SpoiledCopy(dir, "", nullptr);
  std::ofstream(copy / "lesson-02.json", std::ios::trunc) << "{\n  \"id\": \"x\",\n  oops\n}";
  auto pack = ReadPackFolder(copy.string());
  ASSERT_FALSE(pack.ok());
  EXPECT_EQ(pack.error().code, ErrorCode::kCorrupt);
  EXPECT_NE(pack.error().message.find((copy / "lesson-02.json").string() + ": not JSON"),
            std::string::npos)
      << pack.error().message;
  EXPECT_NE(pack.error().message.find("line 3"), std::string::npos) << pack.error().message;
}

TEST(LessonPackReadTest, MissingManifestIsNotFound) {
  TempDir dir;
  auto pack = ReadPackFolder(dir.path().string());
  ASSERT_FALSE(pack.ok());
  EXPECT_EQ(pack.error().code, ErrorCode::kNotFound);
  EXPECT_NE(pack.error().message.find("manifest.json"), std::string::npos);
}

TEST(LessonPackReadTest, DocumentErrorsNameThePathInsideTheDocument) {
  auto pack = ReadPackFolder(kFixture.string());
  ASSERT_TRUE(pack.ok()) << pack.error().message;
  nlohmann::json document = nlohmann::json::parse(PackDocumentJson(*pack));
  document["lessons"][1]["questions"][1]["answer"] = {"c", "c", "a"};
  auto parsed = ParsePackDocument(document.dump());
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, ErrorCode::kCorrupt);
  EXPECT_EQ(parsed.error().message, "lessons[1].questions[1].answer: names an option twice");

  document = nlohmann::json::parse(PackDocumentJson(*pack));
  document["folder"] = "../elsewhere";
  EXPECT_FALSE(ParsePackDocument(document.dump()).ok());
  document["folder"] = "x";
  document["format"] = 7;
  auto newer = ParsePackDocument(document.dump());
  ASSERT_FALSE(newer.ok());
  EXPECT_EQ(newer.error().code, ErrorCode::kTooNew);
  auto garbage = ParsePackDocument("{\"format\": 1,");
  ASSERT_FALSE(garbage.ok());
  EXPECT_EQ(garbage.error().code, ErrorCode::kCorrupt);
}

TEST(LessonPackTextTest, InLanguageFallsBackToEnglishThenLithuanian) {
  const LocalizedText text = {{"lt", "Labas"}, {"en", "Hello"}, {"pl", ""}};
  EXPECT_EQ(InLanguage(text, "lt"), "Labas");
  EXPECT_EQ(InLanguage(text, "pl"), "Hello");
  EXPECT_EQ(InLanguage({{"lt", "Labas"}}, "pl"), "Labas");
  EXPECT_EQ(InLanguage({}, "pl"), "");
}

TEST(LessonPackAnswerTest, RightAnswersPerKind) {
  auto pack = ReadPackFolder(kFixture.string());
  ASSERT_TRUE(pack.ok()) << pack.error().message;
  const QuizQuestion& single = pack->lessons[0].questions[0];
  EXPECT_TRUE(IsRightAnswer(single, {"b"}));
  EXPECT_FALSE(IsRightAnswer(single, {"a"}));
  EXPECT_FALSE(IsRightAnswer(single, {}));
  const QuizQuestion& yesno = pack->lessons[0].questions[1];
  EXPECT_TRUE(IsRightAnswer(yesno, {"yes"}));
  EXPECT_FALSE(IsRightAnswer(yesno, {"no"}));
  const QuizQuestion& multiple = pack->lessons[1].questions[0];
  EXPECT_TRUE(IsRightAnswer(multiple, {"b", "a"}));
  EXPECT_FALSE(IsRightAnswer(multiple, {"a"}));
  EXPECT_FALSE(IsRightAnswer(multiple, {"a", "b", "c"}));
  EXPECT_FALSE(IsRightAnswer(multiple, {"a", "a", "b"}));
  const QuizQuestion& order = pack->lessons[1].questions[1];
  EXPECT_TRUE(IsRightAnswer(order, {"a", "b", "c"}));
  EXPECT_FALSE(IsRightAnswer(order, {"b", "a", "c"}));
  EXPECT_FALSE(IsRightAnswer(order, {"a", "b"}));
}

TEST(LessonPositionTest, EncodesPagesAndQuizWithEarlierAnswers) {
  EXPECT_EQ(EncodeLessonPosition({false, 3, 0}), 3);
  EXPECT_EQ(DecodeLessonPosition(3), (LessonPosition{false, 3, 0}));
  const LessonPosition quiz{true, 4, 0b1011};
  const int stored = EncodeLessonPosition(quiz);
  EXPECT_GE(stored, kQuizPositionBase);
  EXPECT_EQ(DecodeLessonPosition(stored), quiz);
  // Bits for questions not yet reached are not stored.
  EXPECT_EQ(DecodeLessonPosition(EncodeLessonPosition({true, 1, 0b111})),
            (LessonPosition{true, 1, 0b1}));
  const LessonPosition last{true, kMaxQuestionsPerLesson - 1, (1u << 19) - 1u};
  EXPECT_EQ(DecodeLessonPosition(EncodeLessonPosition(last)), last);
  EXPECT_GT(EncodeLessonPosition(last), 0);
}

TEST(LessonPositionTest, ClampsToAShorterLesson) {
  Lesson lesson;
  lesson.pages.resize(3);
  lesson.questions.resize(2);
  EXPECT_EQ(ClampLessonPosition({false, 7, 0}, lesson), (LessonPosition{false, 2, 0}));
  EXPECT_EQ(ClampLessonPosition({true, 5, 0b11111}, lesson), (LessonPosition{true, 1, 0b1}));
  lesson.questions.clear();
  EXPECT_EQ(ClampLessonPosition({true, 1, 0b1}, lesson), (LessonPosition{false, 2, 0}));
}

TEST(LessonPositionTest, ScorePercent) {
  EXPECT_EQ(ScorePercent(0b11, 2), 100);
  EXPECT_EQ(ScorePercent(0b01, 3), 33);
  EXPECT_EQ(ScorePercent(0, 4), 0);
  EXPECT_EQ(ScorePercent(0, 0), 100);
}

// [SECTION] Loading into a store

class LessonPackLoadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = Store::Open(StoreOptions{":memory:"}, clock_);
    ASSERT_TRUE(store.ok()) << store.error().message;
    store_ = std::move(store).value();
    Store::ApplyingScope applying(*store_);
    Course course;
    course.id = kCourse;
    course.title = {{"lt", "Pirmieji žingsniai"}, {"en", "First steps"}};
    course.hours = 12;
    ASSERT_TRUE(CatalogRepository(*store_).UpsertCourse(course).ok());
  }

  int64_t Int(const std::string& sql) {
    auto stmt = store_->db().Prepare(sql);
    EXPECT_TRUE(stmt.ok()) << sql;
    auto row = stmt->Step();
    EXPECT_TRUE(row.ok() && row.value()) << sql;
    return stmt->ColumnInt(0);
  }

  ManualClock clock_{1'795'435'200'000};
  std::unique_ptr<Store> store_;
};

TEST_F(LessonPackLoadTest, LoadsOnceAndAgainWithoutChange) {
  auto loaded = LoadLessonPacks(*store_, kFixtureDir.string());
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  EXPECT_EQ(*loaded, 1);
  auto stored = LessonRepository(*store_).GetPackForCourse(kCourse);
  ASSERT_TRUE(stored.ok() && stored->has_value());
  EXPECT_EQ((*stored)->version, 1);
  auto document = ParsePackDocument((*stored)->manifest);
  ASSERT_TRUE(document.ok()) << document.error().message;
  EXPECT_EQ(document->folder, "fixture-first-steps");
  EXPECT_EQ((*stored)->checksum, PackRow(*document).checksum);
  const int64_t hlc = Int("SELECT hlc FROM lesson_pack");
  clock_.Advance(5000);
  ASSERT_TRUE(LoadLessonPacks(*store_, kFixtureDir.string()).ok());
  EXPECT_EQ(Int("SELECT hlc FROM lesson_pack"), hlc);
  EXPECT_EQ(Int("SELECT COUNT(*) FROM lesson_pack"), 1);
  EXPECT_EQ(Int("SELECT COUNT(*) FROM outbox"), 0);
}

TEST_F(LessonPackLoadTest, AHigherVersionReplacesALowerNeverDoes) {
  TempDir dir;
  SpoiledCopy(dir, "manifest.json", [](auto& j) { j["version"] = 3; });
  ASSERT_TRUE(LoadLessonPacks(*store_, dir.path().string()).ok());
  EXPECT_EQ(Int("SELECT version FROM lesson_pack"), 3);
  ASSERT_TRUE(LoadLessonPacks(*store_, kFixtureDir.string()).ok());
  EXPECT_EQ(Int("SELECT version FROM lesson_pack"), 3);
}

TEST_F(LessonPackLoadTest, AnUnknownCourseRefusesEveryPack) {
  TempDir dir;
  SpoiledCopy(dir, "", nullptr, "a-good");
  SpoiledCopy(
      dir, "manifest.json",
      [](auto& j) {
        j["id"] = "pack.other";
        j["course_id"] = "course.nowhere";
      },
      "b-bad");
  auto loaded = LoadLessonPacks(*store_, dir.path().string());
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().code, ErrorCode::kCorrupt);
  EXPECT_EQ(loaded.error().message,
            "b-bad: course_id: course.nowhere is not a course of the catalog");
  EXPECT_EQ(Int("SELECT COUNT(*) FROM lesson_pack"), 0);
}

TEST_F(LessonPackLoadTest, TwoFoldersForOneCourseAreRefused) {
  TempDir dir;
  SpoiledCopy(dir, "", nullptr, "a");
  SpoiledCopy(
      dir, "manifest.json", [](auto& j) { j["id"] = "pack.copy"; }, "b");
  auto loaded = LoadLessonPacks(*store_, dir.path().string());
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().message, "b: course course.computer-first-steps is also in a");
  EXPECT_EQ(Int("SELECT COUNT(*) FROM lesson_pack"), 0);
}

TEST_F(LessonPackLoadTest, ABrokenFolderRefusesEveryPack) {
  TempDir dir;
  SpoiledCopy(dir, "", nullptr, "a-good");
  SpoiledCopy(
      dir, "lesson-01.json", [](auto& j) { j["minutes"] = "ten"; }, "b-bad");
  auto loaded = LoadLessonPacks(*store_, dir.path().string());
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.error().message.find("b-bad/lesson-01.json: minutes: expected an integer"),
            std::string::npos)
      << loaded.error().message;
  EXPECT_EQ(Int("SELECT COUNT(*) FROM lesson_pack"), 0);
}

TEST_F(LessonPackLoadTest, MissingDirectoryIsNotFound) {
  auto loaded = LoadLessonPacks(*store_, "/nonexistent/lessons");
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace raida::core

namespace raida::core {
namespace {

// The packs shipped in assets/lessons load into a store holding the demo district: every pack
// reads, and every course it names is in the catalog.
TEST(ShippedLessonPacksTest, LoadWithTheDemoDistrict) {
  ManualClock clock(1'795'435'200'000);
  auto store = Store::Open(StoreOptions{":memory:"}, clock);
  ASSERT_TRUE(store.ok()) << store.error().message;
  auto district =
      LoadDistrictFile(**store, std::string(RAIDA_SOURCE_DIR) + "/assets/demo/rokiskis.json");
  ASSERT_TRUE(district.ok()) << district.error().message;
  auto loaded = LoadLessonPacks(**store, std::string(RAIDA_SOURCE_DIR) + "/assets/lessons");
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  EXPECT_GE(*loaded, 1);
}

}  // namespace
}  // namespace raida::core
