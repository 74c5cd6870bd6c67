// The certificate PDF: rendered for a Lithuanian, a Polish and an English holder, turned into
// PNG with pdftoppm (kept under the build directory for a person to look at; the paths are
// printed) and read back with pdftotext and pdffonts: the exact name with its letters, the
// course, the code, every word inside the frame, and only DejaVu fonts, embedded.
#include "raida/certificate/certificate_pdf.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

#include "raida/core/certificate_code.h"
#include "raida/core/i18n.h"

namespace raida::certificate {
namespace {

namespace fs = std::filesystem;

const fs::path kOutputDir = RAIDA_CERTIFICATE_OUTPUT_DIR;

// The standard output of `command`, or "" when it cannot run.
std::string Run(const std::string& command, int* exit_code = nullptr) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) {
    return out;
  }
  char buffer[4096];
  size_t n = 0;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) {
    out.append(buffer, n);
  }
  const int status = pclose(pipe);
  if (exit_code != nullptr) {
    *exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  return out;
}

core::Translations Words() {
  auto words = core::Translations::LoadDir(std::string(RAIDA_ASSETS_DIR) + "/i18n");
  EXPECT_TRUE(words.ok()) << words.error().message;
  return words.ok() ? std::move(words).value() : core::Translations::FromMaps({});
}

core::CertificateDetails Details(const std::string& given, const std::string& family,
                                 const std::string& language, bool attended) {
  core::CertificateDetails d;
  d.certificate.id = "c1";
  d.certificate.language = language;
  d.certificate.hours = 12;
  d.certificate.issued_on = "2026-12-15";
  if (attended) {
    d.certificate.started_on = "2026-11-23";
    d.certificate.finished_on = "2026-12-14";
  }
  d.certificate.code = core::NewCertificateCode();
  d.given_name = given;
  d.family_name = family;
  d.course_title = {{"lt", "Pirmieji žingsniai su kompiuteriu ir planšete"},
                    {"pl", "Pierwsze kroki z komputerem i tabletem"},
                    {"en", "First steps with a computer and a tablet"}};
  d.center_name = "Juodupė";
  d.center_phone = "+370 458 00000";
  d.district_name = "Rokiškio rajonas";
  return d;
}

struct Rendered {
  std::string text;   // pdftotext
  std::string boxes;  // pdftotext -bbox: every word with its box, in points
  std::string fonts;  // pdffonts
  fs::path png;
};

// Renders `d` to <output>/<name>.pdf and .png and reads it back.
Rendered RenderAndRead(const core::CertificateDetails& d, const std::string& name,
                       const CertificatePdfOptions& options = {}) {
  fs::create_directories(kOutputDir);
  const fs::path pdf = kOutputDir / (name + ".pdf");
  const core::Status written = WriteCertificatePdf(d, Words(), pdf.string(), options);
  EXPECT_TRUE(written.ok()) << written.error().message;
  Rendered r;
  r.png = kOutputDir / (name + ".png");
  int code = -1;
  Run("pdftoppm -png -r 110 -singlefile '" + pdf.string() + "' '" + (kOutputDir / name).string() +
          "'",
      &code);
  EXPECT_EQ(code, 0) << "pdftoppm failed (install poppler-utils)";
  EXPECT_TRUE(fs::exists(r.png));
  EXPECT_GT(fs::exists(r.png) ? fs::file_size(r.png) : 0, 20'000u);
  std::printf("[ certificate ] %s\n[ certificate ] %s\n", pdf.c_str(), r.png.c_str());
  r.text = Run("pdftotext -enc UTF-8 '" + pdf.string() + "' -", &code);
  EXPECT_EQ(code, 0);
  r.boxes = Run("pdftotext -bbox -enc UTF-8 '" + pdf.string() + "' -", &code);
  EXPECT_EQ(code, 0);
  r.fonts = Run("pdffonts '" + pdf.string() + "'", &code);
  EXPECT_EQ(code, 0);
  return r;
}

// Every word lies inside the inner frame of the A4 landscape page (29 pt from each edge), so
// nothing runs off the paper or over the border.
void ExpectEveryWordInsideTheFrame(const std::string& boxes) {
  const std::regex word(
      R"re(xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)<)re");
  int words = 0;
  for (auto it = std::sregex_iterator(boxes.begin(), boxes.end(), word);
       it != std::sregex_iterator(); ++it) {
    const double x0 = std::stod((*it)[1]);
    const double y0 = std::stod((*it)[2]);
    const double x1 = std::stod((*it)[3]);
    const double y1 = std::stod((*it)[4]);
    EXPECT_TRUE(x0 > 29 && y0 > 29 && x1 < 841.89 - 29 && y1 < 595.28 - 29)
        << "\"" << (*it)[5] << "\" at " << x0 << "," << y0 << " - " << x1 << "," << y1;
    ++words;
  }
  EXPECT_GT(words, 40);
}

void ExpectOnlyEmbeddedDejaVu(const std::string& fonts) {
  // pdffonts: two header lines, then one line per font with "emb" = yes.
  size_t lines = 0;
  size_t start = fonts.find('\n', fonts.find('\n') + 1) + 1;
  while (start < fonts.size()) {
    const size_t end = fonts.find('\n', start);
    const std::string line = fonts.substr(start, end - start);
    if (!line.empty()) {
      EXPECT_NE(line.find("DejaVu"), std::string::npos) << line;
      EXPECT_NE(line.find(" yes "), std::string::npos) << "not embedded: " << line;
      ++lines;
    }
    start = end == std::string::npos ? fonts.size() : end + 1;
  }
  EXPECT_GE(lines, 3u) << fonts;
}

TEST(CertificatePdfTest, LithuanianCertificateCarriesTheExactNameAndFacts) {
  const core::CertificateDetails d = Details("Žydrūnė", "Šaulytė-Ąžuolienė", "lt", true);
  const Rendered r = RenderAndRead(d, "certificate-lt");
  EXPECT_NE(r.text.find("Žydrūnė Šaulytė-Ąžuolienė"), std::string::npos) << r.text;
  EXPECT_NE(r.text.find("PAŽYMĖJIMAS"), std::string::npos) << r.text;
  EXPECT_NE(r.text.find("Pirmieji žingsniai su kompiuteriu ir planšete"), std::string::npos)
      << r.text;
  EXPECT_NE(r.text.find("Kurso trukmė: 12 val."), std::string::npos) << r.text;
  EXPECT_NE(r.text.find("2026 m. lapkričio 23 d."), std::string::npos) << r.text;
  EXPECT_NE(r.text.find("Išduota 2026 m. gruodžio 15 d."), std::string::npos) << r.text;
  EXPECT_NE(r.text.find("Juodupė"), std::string::npos) << r.text;
  EXPECT_NE(r.text.find(d.certificate.code), std::string::npos) << r.text;
  EXPECT_NE(r.text.find("+370 458 00000"), std::string::npos) << r.text;
  ExpectOnlyEmbeddedDejaVu(r.fonts);
  ExpectEveryWordInsideTheFrame(r.boxes);
}

TEST(CertificatePdfTest, PolishCertificateCarriesTheExactName) {
  const core::CertificateDetails d = Details("Łucja", "Żółkiewska", "pl", false);
  CertificatePdfOptions options;
  options.verify_url = "https://raida.example.lt/sertifikatai";
  const Rendered r = RenderAndRead(d, "certificate-pl", options);
  EXPECT_NE(r.text.find("Łucja Żółkiewska"), std::string::npos) << r.text;
  EXPECT_NE(r.text.find("ZAŚWIADCZENIE"), std::string::npos) << r.text;
  EXPECT_NE(r.text.find("Pierwsze kroki z komputerem i tabletem"), std::string::npos) << r.text;
  EXPECT_NE(r.text.find("15 grudnia 2026"), std::string::npos) << r.text;
  EXPECT_NE(r.text.find("samodzielnie"), std::string::npos) << "self-paced wording: " << r.text;
  EXPECT_NE(r.text.find("https://raida.example.lt/sertifikatai"), std::string::npos) << r.text;
  EXPECT_NE(r.text.find(d.certificate.code), std::string::npos) << r.text;
  ExpectOnlyEmbeddedDejaVu(r.fonts);
  ExpectEveryWordInsideTheFrame(r.boxes);
}

TEST(CertificatePdfTest, EnglishCertificateAndAVeryLongNameStayOnThePage) {
  const core::CertificateDetails d =
      Details("Anna-Maria Konstancija", "Vaitkevičiūtė-Jankauskienė-Ramanauskaitė", "en", true);
  const Rendered r = RenderAndRead(d, "certificate-en-long");
  EXPECT_NE(r.text.find("CERTIFICATE"), std::string::npos) << r.text;
  EXPECT_NE(r.text.find("15 December 2026"), std::string::npos) << r.text;
  // Too long for one line at a readable size: it goes onto two lines, every word on the page.
  EXPECT_NE(r.text.find("Anna-Maria Konstancija"), std::string::npos) << r.text;
  EXPECT_NE(r.text.find("Vaitkevičiūtė-Jankauskienė-Ramanauskaitė"), std::string::npos) << r.text;
  ExpectEveryWordInsideTheFrame(r.boxes);
}

TEST(CertificatePdfTest, AMissingFontIsAClearError) {
  CertificatePdfOptions options;
  options.fonts.serif_bold = "/nonexistent/DejaVuSerif-Bold.ttf";
  auto pdf = RenderCertificatePdf(Details("Ona", "Petraitienė", "lt", false), Words(), options);
  ASSERT_FALSE(pdf.ok());
  EXPECT_EQ(pdf.error().code, core::ErrorCode::kNotFound);
  EXPECT_NE(pdf.error().message.find("fonts-dejavu-core"), std::string::npos);
}

TEST(CertificatePdfTest, TheBytesAreAPdf) {
  auto pdf = RenderCertificatePdf(Details("Ona", "Petraitienė", "lt", false), Words());
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  EXPECT_EQ(pdf->substr(0, 5), "%PDF-");
  EXPECT_GT(pdf->size(), 10'000u);  // fonts are embedded
}

}  // namespace
}  // namespace raida::certificate
