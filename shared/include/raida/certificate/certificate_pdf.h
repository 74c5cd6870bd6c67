// The printable course certificate: one A4 page (landscape) rendered with cairo into a PDF, in
// the language the certificate was issued in (lt, pl or en; the words are the "certificate.*"
// keys of assets/i18n, dates use "common.date" and "common.month.N").
//
// It shows the district, the title, the person's name (large, centred), the course title, its
// hours and dates (or that it was done through self-paced lessons), where and when it was
// issued, a line for the coordinator's signature, and the verification code with how to check
// it (at a web address when one is given, else by contacting the center).
//
// This is the small library raida::certificate, not raida::core: cairo, FreeType and fontconfig
// are only needed where a certificate is printed (the coordinator's kiosk, the district office),
// and core stays free of drawing libraries. Fonts are DejaVu Serif and Sans from Debian's
// fonts-dejavu-core, loaded by file through cairo-ft, so Lithuanian and Polish letters always
// come from the same font (a missing file is an error, never a silent fallback).
#pragma once

#include <string>

#include "raida/core/certificate_repository.h"
#include "raida/core/i18n.h"
#include "raida/core/result.h"

namespace raida::certificate {

struct CertificateFonts {
  std::string serif = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf";
  std::string serif_bold = "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf";
  std::string sans = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
  std::string sans_bold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
  std::string mono_bold = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf";
};

struct CertificatePdfOptions {
  CertificateFonts fonts;
  // Where an employer can check a code (e.g. the district office's verification page); "" says
  // to contact the center instead.
  std::string verify_url;
};

// The PDF document's bytes. kNotFound when a font file is missing (naming it and the package);
// kInternal when cairo fails.
core::Result<std::string> RenderCertificatePdf(const core::CertificateDetails& details,
                                               const core::Translations& words,
                                               const CertificatePdfOptions& options = {});

// RenderCertificatePdf written to `path` (through a temporary file renamed into place). kIo when
// the file cannot be written.
core::Status WriteCertificatePdf(const core::CertificateDetails& details,
                                 const core::Translations& words, const std::string& path,
                                 const CertificatePdfOptions& options = {});

}  // namespace raida::certificate
