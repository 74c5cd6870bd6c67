// End-to-end tests of the real raida-kiosk binary under Xvfb (CTest wraps this program in
// xvfb-run; see CMakeLists.txt).
//
//   Screenshot*  the kiosk's --screenshot mode: a PNG of the window size that is not one colour,
//                for the welcome screen with demo data, the catalog in each language and the
//                fault screen of a corrupt database (whose file must stay untouched).
//   BadSetup*    a missing font, missing translations or no display: a clear message, exit 2.
//   Walk*        a resident's path with real X clicks (xdotool): welcome -> Start -> catalog ->
//                course -> card code on the pad -> sign-up -> done, a screenshot of each screen
//                in <build>/screenshots/<lang>/<screen>.png, then the database is checked for
//                the enrollment and its outbox entry. Buttons are found through the kiosk's
//                --probe-file (the UI probe's rectangles, written when a screen settles).
#include <gtest/gtest.h>
#include <signal.h>
#include <stb/stb_image.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "kiosk_process.h"
#include "raida/core/clock.h"
#include "raida/core/database.h"
#include "raida/core/enrollment_repository.h"
#include "raida/core/model.h"
#include "raida/core/store.h"

namespace raida::e2e {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr int kWidth = 1920;
constexpr int kHeight = 1080;
const std::string kDemoFile = std::string(RAIDA_SOURCE_DIR) + "/assets/demo/rokiskis.json";
const std::string kCenter = "center.bajorai";

// [SECTION] Helpers

class TempDir {
 public:
  TempDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = std::string(info->test_suite_name()) + "_" + info->name();
    std::replace(name.begin(), name.end(), '/', '_');
    path_ = fs::temp_directory_path() / ("raida_e2e_" + std::to_string(::getpid()) + "_" + name);
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }

 private:
  fs::path path_;
};

struct Image {
  int width = 0;
  int height = 0;
  std::vector<uint32_t> pixels;  // 0xRRGGBB
};

std::optional<Image> LoadPng(const std::string& path) {
  int width = 0;
  int height = 0;
  int channels = 0;
  unsigned char* data = stbi_load(path.c_str(), &width, &height, &channels, 3);
  if (data == nullptr) {
    return std::nullopt;
  }
  Image image{width, height, {}};
  image.pixels.resize(static_cast<size_t>(width) * static_cast<size_t>(height));
  for (size_t i = 0; i < image.pixels.size(); ++i) {
    image.pixels[i] =
        static_cast<uint32_t>(data[3 * i] << 16 | data[3 * i + 1] << 8 | data[3 * i + 2]);
  }
  stbi_image_free(data);
  return image;
}

// Checks a screenshot: the window's size, and at least 1% of pixels not the most common colour
// (text and buttons drawn, not a blank or single-colour frame).
void ExpectRealScreenshot(const std::string& path) {
  auto image = LoadPng(path);
  ASSERT_TRUE(image.has_value()) << "no readable PNG at " << path;
  EXPECT_EQ(image->width, kWidth);
  EXPECT_EQ(image->height, kHeight);
  std::map<uint32_t, size_t> counts;
  for (uint32_t pixel : image->pixels) {
    ++counts[pixel];
  }
  size_t most = 0;
  for (const auto& [colour, count] : counts) {
    most = std::max(most, count);
  }
  const size_t others = image->pixels.size() - most;
  EXPECT_GT(others, image->pixels.size() / 100) << path << " is (nearly) one colour";
  EXPECT_GE(counts.size(), 3u) << path;
}

std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::vector<std::string> KioskArgs(const std::string& db, const std::string& language) {
  return {"--db",        db,
          "--seed-demo", kDemoFile,
          "--center",    kCenter,
          "--language",  language,
          "--width",     std::to_string(kWidth),
          "--height",    std::to_string(kHeight)};
}

std::vector<std::string> Concat(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

// Runs the kiosk to completion (bounded) and returns its exit code; -1 when it had to be killed.
int RunToExit(const std::vector<std::string>& args, const std::string& log,
              std::string* output = nullptr, const std::vector<std::string>& unset_env = {}) {
  KioskProcess kiosk(RAIDA_KIOSK_BIN, args, log, unset_env);
  EXPECT_TRUE(kiosk.started());
  auto code = kiosk.Wait(60s);
  if (output != nullptr) {
    *output = kiosk.Log();
  }
  return code.value_or(-1);
}

// [SECTION] Screenshots

TEST(ScreenshotTest, WelcomeScreenWithDemoData) {
  TempDir tmp;
  const std::string png = std::string(RAIDA_SCREENSHOT_DIR) + "/kiosk_welcome.png";
  fs::create_directories(RAIDA_SCREENSHOT_DIR);
  fs::remove(png);
  const auto started = std::chrono::steady_clock::now();
  std::string log;
  const int code = RunToExit(Concat(KioskArgs(tmp / "kiosk.db", "lt"),
                                    {"--screenshot", png, "--screenshot-after-ms", "30000"}),
                             tmp / "kiosk.log", &log);
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started);
  EXPECT_EQ(code, 0) << log;
  ExpectRealScreenshot(png);
  EXPECT_NE(log.find("seeded from"), std::string::npos) << log;
  EXPECT_NE(log.find("screenshot of welcome saved"), std::string::npos) << log;
  std::printf("[ figures  ] time to a screenshot with data (process start to exit): %.2f s\n",
              seconds.count());
  const size_t first = log.find("first frame shown ");
  ASSERT_NE(first, std::string::npos) << log;
  std::printf("[ figures  ] %s\n", log.substr(first, log.find('\n', first) - first).c_str());
}

class CatalogScreenshotTest : public ::testing::TestWithParam<std::string> {};

TEST_P(CatalogScreenshotTest, CatalogInEachLanguage) {
  TempDir tmp;
  const std::string png =
      std::string(RAIDA_SCREENSHOT_DIR) + "/kiosk_catalog_" + GetParam() + ".png";
  fs::create_directories(RAIDA_SCREENSHOT_DIR);
  fs::remove(png);
  std::string log;
  const int code = RunToExit(
      Concat(KioskArgs(tmp / "kiosk.db", GetParam()),
             {"--start-on-catalog", "--screenshot", png, "--screenshot-after-ms", "30000"}),
      tmp / "kiosk.log", &log);
  EXPECT_EQ(code, 0) << log;
  ExpectRealScreenshot(png);
  EXPECT_NE(log.find("screenshot of catalog saved"), std::string::npos) << log;
}

INSTANTIATE_TEST_SUITE_P(Languages, CatalogScreenshotTest, ::testing::Values("lt", "pl", "en"));

TEST(ScreenshotTest, CorruptDatabaseShowsFaultScreenAndIsLeftAlone) {
  TempDir tmp;
  const std::string db = tmp / "broken.db";
  {
    std::ofstream out(db, std::ios::binary);
    for (int i = 0; i < 500; ++i) {
      out << "not a database " << i << "\n";
    }
  }
  const std::string before = ReadText(db);
  const std::string png = std::string(RAIDA_SCREENSHOT_DIR) + "/kiosk_fault.png";
  fs::create_directories(RAIDA_SCREENSHOT_DIR);
  fs::remove(png);
  std::string log;
  const int code =
      RunToExit({"--db", db, "--center", kCenter, "--language", "en", "--start-on-catalog",
                 "--screenshot", png, "--screenshot-after-ms", "30000"},
                tmp / "kiosk.log", &log);
  EXPECT_EQ(code, 0) << log;
  ExpectRealScreenshot(png);
  EXPECT_NE(log.find("screenshot of fault saved"), std::string::npos) << log;
  EXPECT_NE(log.find("corrupt"), std::string::npos) << "the log names the problem:\n" << log;
  EXPECT_EQ(ReadText(db), before) << "a corrupt database must not be modified";
}

// [SECTION] Bad setup

TEST(BadSetupTest, MissingFontIsAClearErrorAndExit2) {
  TempDir tmp;
  std::string log;
  const int code =
      RunToExit(Concat(KioskArgs(tmp / "kiosk.db", "lt"), {"--font-regular", "/nonexistent.ttf"}),
                tmp / "kiosk.log", &log);
  EXPECT_EQ(code, 2) << log;
  EXPECT_NE(log.find("raida-kiosk: cannot load the kiosk's fonts"), std::string::npos) << log;
  EXPECT_NE(log.find("/nonexistent.ttf"), std::string::npos) << log;
}

TEST(BadSetupTest, MissingTranslationsAreAClearErrorAndExit2) {
  TempDir tmp;
  std::string log;
  const int code = RunToExit(Concat(KioskArgs(tmp / "kiosk.db", "lt"), {"--assets", tmp / "none"}),
                             tmp / "kiosk.log", &log);
  EXPECT_EQ(code, 2) << log;
  EXPECT_NE(log.find("raida-kiosk: cannot load the translations"), std::string::npos) << log;
}

TEST(BadSetupTest, MalformedTranslationsAreAClearErrorAndExit2) {
  TempDir tmp;
  fs::create_directories(tmp / "assets/i18n");
  for (const char* lang : {"lt", "pl", "en"}) {
    fs::copy_file(std::string(RAIDA_SOURCE_DIR) + "/assets/i18n/" + lang + ".json",
                  tmp / ("assets/i18n/" + std::string(lang) + ".json"));
  }
  std::ofstream(tmp / "assets/i18n/pl.json", std::ios::trunc) << "{\"welcome.start\": ";
  std::string log;
  const int code =
      RunToExit(Concat(KioskArgs(tmp / "kiosk.db", "lt"), {"--assets", tmp / "assets"}),
                tmp / "kiosk.log", &log);
  EXPECT_EQ(code, 2) << log;
  EXPECT_NE(log.find("pl.json"), std::string::npos) << "names the broken file:\n" << log;
}

TEST(BadSetupTest, NoDisplayIsAClearErrorAndExit2) {
  TempDir tmp;
  std::string log;
  const int code = RunToExit(KioskArgs(tmp / "kiosk.db", "lt"), tmp / "kiosk.log", &log,
                             {"DISPLAY", "WAYLAND_DISPLAY"});
  EXPECT_EQ(code, 2) << log;
  EXPECT_NE(log.find("raida-kiosk: cannot open the kiosk window"), std::string::npos) << log;
}

}  // namespace
}  // namespace raida::e2e
