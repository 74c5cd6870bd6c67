// The district server's certificate verification, for the admin command and the HTTP route
// (internal to raida_server_lib): what a verifier is told about a code, and nothing more.
//
//   GET /api/v1/certificates/<code>   200 {"code","holder","course":{"lt","pl","en"},"hours",
//                                      "issued_on","started_on","finished_on","center"}
//                                      (dates null when the course was done through lessons;
//                                      "code" is the kept certificate's code, which differs from
//                                      the one asked about when that one is an alias)
//                                      404 {"error":{"code":"not_found",
//                                                    "message":"no certificate has this code"}}
// The code in the path is read tolerantly (certificate_code.h: case, spaces as %20, dashes).
// Only the holder's name, course, hours, dates and center are told: no id, no contact details.
// The request log never shows the code (RedactCertificatePath).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "raida/core/certificate_repository.h"

namespace raida::server {

inline constexpr const char* kCertificatesPath = "/api/v1/certificates/";
// The route's pattern for httplib (the code is the first match).
inline constexpr const char* kCertificateRoute = R"(/api/v1/certificates/([^/]*))";
inline constexpr const char* kNoCertificate = "no certificate has this code";

// The answer body for a verified certificate.
nlohmann::json CertificateJson(const core::CertificateDetails& details);

// `path` for the request log: a certificate lookup's code replaced by "…".
std::string RedactCertificatePath(const std::string& path);

}  // namespace raida::server
