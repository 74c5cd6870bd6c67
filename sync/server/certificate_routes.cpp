// The certificate verification route of ServerApp; see certificate_routes.h.
#include "certificate_routes.h"

#include "server_app.h"

namespace raida::server {
namespace {

nlohmann::json DateOrNull(const std::string& date) {
  return date.empty() ? nlohmann::json(nullptr) : nlohmann::json(date);
}

}  // namespace

nlohmann::json CertificateJson(const core::CertificateDetails& details) {
  const core::Certificate& c = details.certificate;
  return {{"code", c.code},
          {"holder", details.given_name + " " + details.family_name},
          {"course", details.course_title},
          {"hours", c.hours},
          {"issued_on", c.issued_on},
          {"started_on", DateOrNull(c.started_on)},
          {"finished_on", DateOrNull(c.finished_on)},
          {"center", details.center_name}};
}

std::string RedactCertificatePath(const std::string& path) {
  const std::string prefix = kCertificatesPath;
  return path.rfind(prefix, 0) == 0 ? prefix + "…" : path;
}

void ServerApp::HandleCertificate(const std::string& code, httplib::Response& response) {
  core::Result<std::optional<core::CertificateDetails>> found = [&] {
    std::lock_guard<std::mutex> lock(store_mutex_);
    return core::CertificateRepository(*store_).Verify(code);
  }();
  response.set_header("Cache-Control", "no-store");
  if (!found.ok()) {
    logger_->error("certificate lookup failed: {}", found.error().message);
    response.status = 500;
    response.set_content(
        nlohmann::json{{"error", {{"code", "internal"}, {"message", "the lookup failed"}}}}.dump(),
        "application/json");
    return;
  }
  if (!found.value()) {
    response.status = 404;
    response.set_content(
        nlohmann::json{{"error", {{"code", "not_found"}, {"message", kNoCertificate}}}}.dump(),
        "application/json");
    return;
  }
  response.status = 200;
  response.set_content(CertificateJson(**found).dump(), "application/json");
}

}  // namespace raida::server
