// The certificate PDF: layout and drawing with cairo; see certificate_pdf.h.
//
// The page is A4 landscape in PDF points (1/72 inch). Everything is centred on the page's
// vertical axis except the footer: issue date, center and signature line on the left, the
// verification code in a box on the right. A long name or course title first shrinks a little,
// then wraps onto a second line (shrinking further if it must), so nothing leaves the page.
#include "raida/certificate/certificate_pdf.h"

#include <cairo-ft.h>
#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace raida::certificate {
namespace {

using core::ErrorCode;
using core::MakeError;

constexpr double kPageWidth = 841.89;  // A4 landscape
constexpr double kPageHeight = 595.28;
constexpr double kCenterX = kPageWidth / 2;

struct Rgb {
  double r, g, b;
};
constexpr Rgb kNavy{0.11, 0.23, 0.38};
constexpr Rgb kGold{0.69, 0.55, 0.24};
constexpr Rgb kInk{0.13, 0.13, 0.15};
constexpr Rgb kGrey{0.38, 0.38, 0.42};

using FacePtr = std::unique_ptr<cairo_font_face_t, decltype(&cairo_font_face_destroy)>;

struct Faces {
  FacePtr serif{nullptr, cairo_font_face_destroy};
  FacePtr serif_bold{nullptr, cairo_font_face_destroy};
  FacePtr sans{nullptr, cairo_font_face_destroy};
  FacePtr sans_bold{nullptr, cairo_font_face_destroy};
  FacePtr mono_bold{nullptr, cairo_font_face_destroy};
};

// A font face read from `path` by cairo-ft (cairo keeps its own FreeType handle for it).
core::Result<FacePtr> LoadFace(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return MakeError(ErrorCode::kNotFound,
                     "font file " + path + " is missing (install fonts-dejavu-core)");
  }
  FcPattern* pattern = FcPatternCreate();
  FcPatternAddString(pattern, FC_FILE, reinterpret_cast<const FcChar8*>(path.c_str()));
  FcPatternAddInteger(pattern, FC_INDEX, 0);
  FacePtr face(cairo_ft_font_face_create_for_pattern(pattern), cairo_font_face_destroy);
  FcPatternDestroy(pattern);
  if (cairo_font_face_status(face.get()) != CAIRO_STATUS_SUCCESS) {
    return MakeError(ErrorCode::kInternal, "cairo cannot use the font " + path);
  }
  return face;
}

core::Result<Faces> LoadFaces(const CertificateFonts& fonts) {
  Faces faces;
  RAIDA_ASSIGN_OR_RETURN(faces.serif, LoadFace(fonts.serif));
  RAIDA_ASSIGN_OR_RETURN(faces.serif_bold, LoadFace(fonts.serif_bold));
  RAIDA_ASSIGN_OR_RETURN(faces.sans, LoadFace(fonts.sans));
  RAIDA_ASSIGN_OR_RETURN(faces.sans_bold, LoadFace(fonts.sans_bold));
  RAIDA_ASSIGN_OR_RETURN(faces.mono_bold, LoadFace(fonts.mono_bold));
  return faces;
}

// "{name}" placeholders replaced by their values.
std::string Format(std::string text, const std::map<std::string, std::string>& values) {
  for (const auto& [name, value] : values) {
    const std::string placeholder = "{" + name + "}";
    for (size_t at = text.find(placeholder); at != std::string::npos;
         at = text.find(placeholder, at + value.size())) {
      text.replace(at, placeholder.size(), value);
    }
  }
  return text;
}

// "2026-12-15" as the language writes a date ("2026 m. gruodžio 15 d.", "15 grudnia 2026").
std::string LongDate(const core::Translations& words, const std::string& lang,
                     const std::string& iso) {
  if (iso.size() != 10) {
    return iso;
  }
  const int month = std::stoi(iso.substr(5, 2));
  const int day = std::stoi(iso.substr(8, 2));
  if (month < 1 || month > 12) {
    return iso;
  }
  return Format(words.Get(lang, "common.date"),
                {{"year", iso.substr(0, 4)},
                 {"month", words.Get(lang, "common.month." + std::to_string(month))},
                 {"day", std::to_string(day)}});
}

// Drawing state for one page.
struct Page {
  cairo_t* cr;
  const Faces* faces;
};

void Use(const Page& page, const FacePtr& face, double size, Rgb color) {
  cairo_set_font_face(page.cr, face.get());
  cairo_set_font_size(page.cr, size);
  cairo_set_source_rgb(page.cr, color.r, color.g, color.b);
}

double Width(const Page& page, const std::string& text) {
  cairo_text_extents_t extents;
  cairo_text_extents(page.cr, text.c_str(), &extents);
  return extents.x_advance;
}

void TextAt(const Page& page, const std::string& text, double x, double baseline) {
  cairo_move_to(page.cr, x, baseline);
  cairo_show_text(page.cr, text.c_str());
}

void Centered(const Page& page, const std::string& text, double baseline, double cx = kCenterX) {
  TextAt(page, text, cx - Width(page, text) / 2, baseline);
}

// The UTF-8 characters of `text`, one string each.
std::vector<std::string> Characters(const std::string& text) {
  std::vector<std::string> characters;
  for (size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    characters.push_back(text.substr(i, length));
    i += length;
  }
  return characters;
}

// Centred with `tracking` points between letters (for the spaced capitals of the title).
void CenteredTracked(const Page& page, const std::string& text, double baseline, double tracking) {
  const std::vector<std::string> characters = Characters(text);
  double total = 0;
  for (const std::string& c : characters) {
    total += Width(page, c);
  }
  total += tracking * static_cast<double>(characters.size() - 1);
  double x = kCenterX - total / 2;
  for (const std::string& c : characters) {
    TextAt(page, c, x, baseline);
    x += Width(page, c) + tracking;
  }
}

// Words of `text` in lines no wider than `max_width` at the current font.
std::vector<std::string> Wrap(const Page& page, const std::string& text, double max_width) {
  std::vector<std::string> lines;
  std::string line;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(' ', start);
    end = end == std::string::npos ? text.size() : end;
    const std::string word = text.substr(start, end - start);
    const std::string candidate = line.empty() ? word : line + " " + word;
    if (!line.empty() && Width(page, candidate) > max_width) {
      lines.push_back(line);
      line = word;
    } else {
      line = candidate;
    }
    start = end + 1;
  }
  if (!line.empty()) {
    lines.push_back(line);
  }
  return lines;
}

struct Fitted {
  double size = 0;
  std::vector<std::string> lines;
};

// The largest size from `max_size` down to `min_size` at which `text` wraps into at most
// `max_lines` lines no wider than `max_width`; nullopt when none does.
std::optional<Fitted> Fit(const Page& page, const FacePtr& face, const std::string& text,
                          double max_width, double max_size, double min_size, size_t max_lines) {
  for (double size = max_size; size >= min_size; size -= 1) {
    Use(page, face, size, kInk);
    Fitted fitted{size, Wrap(page, text, max_width)};
    bool fits = fitted.lines.size() <= max_lines;
    for (const std::string& line : fitted.lines) {
      fits = fits && Width(page, line) <= max_width;
    }
    if (fits) {
      return fitted;
    }
  }
  return std::nullopt;
}

// `text` on one line if it fits at `one_line_min` or more, else on two lines, else as small as
// allowed.
Fitted FitOneOrTwoLines(const Page& page, const FacePtr& face, const std::string& text,
                        double max_width, double max_size, double one_line_min,
                        double two_lines_max, double min_size) {
  if (auto one = Fit(page, face, text, max_width, max_size, one_line_min, 1)) {
    return *one;
  }
  if (auto two = Fit(page, face, text, max_width, two_lines_max, min_size, 2)) {
    return *two;
  }
  Use(page, face, min_size, kInk);
  return Fitted{min_size, Wrap(page, text, max_width)};
}

void Diamond(const Page& page, double cx, double cy, double r) {
  cairo_move_to(page.cr, cx, cy - r);
  cairo_line_to(page.cr, cx + r, cy);
  cairo_line_to(page.cr, cx, cy + r);
  cairo_line_to(page.cr, cx - r, cy);
  cairo_close_path(page.cr);
  cairo_fill(page.cr);
}

// A thin gold rule centred at `y`, with a diamond in the middle.
void Ornament(const Page& page, double y, double half_width) {
  cairo_set_source_rgb(page.cr, kGold.r, kGold.g, kGold.b);
  cairo_set_line_width(page.cr, 0.9);
  cairo_move_to(page.cr, kCenterX - half_width, y);
  cairo_line_to(page.cr, kCenterX - 8, y);
  cairo_move_to(page.cr, kCenterX + 8, y);
  cairo_line_to(page.cr, kCenterX + half_width, y);
  cairo_stroke(page.cr);
  Diamond(page, kCenterX, y, 4);
}

void DrawFrame(const Page& page) {
  cairo_t* cr = page.cr;
  cairo_set_source_rgb(cr, kNavy.r, kNavy.g, kNavy.b);
  cairo_set_line_width(cr, 3.2);
  cairo_rectangle(cr, 20, 20, kPageWidth - 40, kPageHeight - 40);
  cairo_stroke(cr);
  cairo_set_source_rgb(cr, kGold.r, kGold.g, kGold.b);
  cairo_set_line_width(cr, 0.9);
  cairo_rectangle(cr, 29, 29, kPageWidth - 58, kPageHeight - 58);
  cairo_stroke(cr);
  for (const double x : {29.0, kPageWidth - 29}) {
    for (const double y : {29.0, kPageHeight - 29}) {
      Diamond(page, x, y, 5);
    }
  }
}

struct Words {
  const core::Translations* words;
  std::string lang;
  std::string Get(const std::string& key) const { return words->Get(lang, key); }
};

// District, title and ornament; returns nothing (fixed positions).
void DrawHeading(const Page& page, const Words& w, const core::CertificateDetails& d) {
  if (!d.district_name.empty()) {
    Use(page, page.faces->sans, 10.5, kGrey);
    CenteredTracked(page, d.district_name, 80, 1.6);
  }
  Use(page, page.faces->serif_bold, 38, kNavy);
  CenteredTracked(page, w.Get("certificate.title"), 132, 5);
  Ornament(page, 154, 110);
}

// Who, and which course. Returns the baseline of the course title's last line.
double DrawHolder(const Page& page, const Words& w, const core::CertificateDetails& d) {
  Use(page, page.faces->sans, 14, kGrey);
  Centered(page, w.Get("certificate.intro"), 196);
  const std::string name = d.given_name + " " + d.family_name;
  const Fitted fitted_name =
      FitOneOrTwoLines(page, page.faces->serif_bold, name, 680, 40, 27, 30, 16);
  Use(page, page.faces->serif_bold, fitted_name.size, kInk);
  double baseline = fitted_name.lines.size() == 1 ? 252 : 236;
  double widest = 0;
  for (const std::string& line : fitted_name.lines) {
    Centered(page, line, baseline);
    widest = std::max(widest, Width(page, line));
    baseline += fitted_name.size * 1.2;
  }
  const double shift = baseline - fitted_name.size * 1.2 - 252;  // below a two-line name
  const double half = std::min(widest / 2 + 30, 350.0);
  cairo_set_source_rgb(page.cr, kGold.r, kGold.g, kGold.b);
  cairo_set_line_width(page.cr, 0.7);
  cairo_move_to(page.cr, kCenterX - half, 268 + shift);
  cairo_line_to(page.cr, kCenterX + half, 268 + shift);
  cairo_stroke(page.cr);
  Use(page, page.faces->sans, 14, kGrey);
  Centered(page, w.Get("certificate.completed"), 298 + shift);
  const Fitted title = FitOneOrTwoLines(
      page, page.faces->serif_bold, core::Localize(d.course_title, w.lang), 640, 25, 20, 22, 13);
  Use(page, page.faces->serif_bold, title.size, kNavy);
  baseline = 336 + shift;
  for (const std::string& line : title.lines) {
    Centered(page, line, baseline);
    baseline += title.size * 1.25;
  }
  return baseline - title.size * 1.25;
}

// Hours and dates under the course title.
void DrawFacts(const Page& page, const Words& w, const core::CertificateDetails& d,
               double baseline) {
  const core::Certificate& c = d.certificate;
  Use(page, page.faces->sans_bold, 12.5, kInk);
  Centered(page, Format(w.Get("certificate.hours"), {{"hours", std::to_string(c.hours)}}),
           baseline + 27);
  Use(page, page.faces->sans, 11.5, kGrey);
  const std::string how = c.started_on.empty()
                              ? w.Get("certificate.self_paced")
                              : Format(w.Get("certificate.period"),
                                       {{"from", LongDate(*w.words, w.lang, c.started_on)},
                                        {"to", LongDate(*w.words, w.lang, c.finished_on)}});
  Centered(page, how, baseline + 45);
}

// Issue date, center and the coordinator's signature line, bottom left.
void DrawIssue(const Page& page, const Words& w, const core::CertificateDetails& d) {
  constexpr double kLeft = 78;
  Use(page, page.faces->sans, 11, kInk);
  TextAt(page,
         Format(w.Get("certificate.issued"),
                {{"date", LongDate(*w.words, w.lang, d.certificate.issued_on)}}),
         kLeft, 470);
  TextAt(page, Format(w.Get("certificate.center"), {{"center", d.center_name}}), kLeft, 487);
  cairo_set_source_rgb(page.cr, kInk.r, kInk.g, kInk.b);
  cairo_set_line_width(page.cr, 0.6);
  cairo_move_to(page.cr, kLeft, 528);
  cairo_line_to(page.cr, kLeft + 210, 528);
  cairo_stroke(page.cr);
  Use(page, page.faces->sans, 8.5, kGrey);
  TextAt(page, w.Get("certificate.signature"), kLeft, 540);
}

// The verification code and how to check it, in a box bottom right.
void DrawCode(const Page& page, const Words& w, const core::CertificateDetails& d,
              const CertificatePdfOptions& options) {
  constexpr double kBoxLeft = 505;
  constexpr double kBoxWidth = 258;
  constexpr double kBoxTop = 446;
  constexpr double kBoxHeight = 104;
  const double cx = kBoxLeft + kBoxWidth / 2;
  cairo_set_source_rgb(page.cr, kGold.r, kGold.g, kGold.b);
  cairo_set_line_width(page.cr, 0.8);
  cairo_rectangle(page.cr, kBoxLeft, kBoxTop, kBoxWidth, kBoxHeight);
  cairo_stroke(page.cr);
  Use(page, page.faces->sans, 8.5, kGrey);
  Centered(page, w.Get("certificate.code"), kBoxTop + 17, cx);
  Use(page, page.faces->mono_bold, 20, kNavy);
  Centered(page, d.certificate.code, kBoxTop + 43, cx);
  const std::string how =
      options.verify_url.empty()
          ? Format(w.Get("certificate.verify_contact"), {{"center", d.center_name}})
          : Format(w.Get("certificate.verify_url"), {{"url", options.verify_url}});
  Use(page, page.faces->sans, 8, kGrey);
  double baseline = kBoxTop + 62;
  for (const std::string& line : Wrap(page, how, kBoxWidth - 20)) {
    Centered(page, line, baseline, cx);
    baseline += 10.5;
  }
  if (options.verify_url.empty() && !d.center_phone.empty()) {
    Use(page, page.faces->sans_bold, 8, kGrey);
    Centered(page, Format(w.Get("certificate.phone"), {{"phone", d.center_phone}}), baseline, cx);
  }
}

cairo_status_t AppendBytes(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

core::Result<std::string> RenderCertificatePdf(const core::CertificateDetails& details,
                                               const core::Translations& words,
                                               const CertificatePdfOptions& options) {
  RAIDA_ASSIGN_OR_RETURN(const Faces faces, LoadFaces(options.fonts));
  std::string bytes;
  cairo_surface_t* surface =
      cairo_pdf_surface_create_for_stream(AppendBytes, &bytes, kPageWidth, kPageHeight);
  const Words w{&words, details.certificate.language};
  cairo_pdf_surface_set_metadata(
      surface, CAIRO_PDF_METADATA_TITLE,
      (w.Get("certificate.title") + " " + details.certificate.code).c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Raida");
  cairo_t* cr = cairo_create(surface);
  const Page page{cr, &faces};
  DrawFrame(page);
  DrawHeading(page, w, details);
  const double baseline = DrawHolder(page, w, details);
  DrawFacts(page, w, details, baseline);
  DrawIssue(page, w, details);
  DrawCode(page, w, details, options);
  cairo_show_page(cr);
  const cairo_status_t drawn = cairo_status(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  const cairo_status_t finished = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (drawn != CAIRO_STATUS_SUCCESS || finished != CAIRO_STATUS_SUCCESS) {
    return MakeError(ErrorCode::kInternal,
                     std::string("cairo could not draw the certificate: ") +
                         cairo_status_to_string(drawn != CAIRO_STATUS_SUCCESS ? drawn : finished));
  }
  return bytes;
}

core::Status WriteCertificatePdf(const core::CertificateDetails& details,
                                 const core::Translations& words, const std::string& path,
                                 const CertificatePdfOptions& options) {
  RAIDA_ASSIGN_OR_RETURN(const std::string bytes, RenderCertificatePdf(details, words, options));
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out.flush()) {
      return MakeError(ErrorCode::kIo, "cannot write " + temporary);
    }
  }
  std::error_code ec;
  std::filesystem::rename(temporary, path, ec);
  if (ec) {
    std::filesystem::remove(temporary, ec);
    return MakeError(ErrorCode::kIo, "cannot move the certificate into " + path);
  }
  return core::Ok();
}

}  // namespace raida::certificate
