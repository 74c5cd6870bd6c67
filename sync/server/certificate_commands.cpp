// raida-server verify-certificate; see certificate_commands.h.
#include "certificate_commands.h"

#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "certificate_routes.h"
#include "raida/core/certificate_repository.h"
#include "raida/core/clock.h"
#include "raida/core/model.h"
#include "raida/core/store.h"

namespace raida::server {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitNotFound = 1;
constexpr int kExitBadInput = 2;

struct VerifyOptions {
  std::string db_path;
  std::vector<std::string> code_parts;  // "RKS-7K2M-9QXD", or typed with spaces: "RKS 7K2M 9QXD"
};

void Print(const core::CertificateDetails& details) {
  const core::Certificate& c = details.certificate;
  std::cout << "certificate " << c.code << " is genuine\n"
            << "holder:       " << details.given_name << " " << details.family_name << "\n"
            << "course:       " << core::Localize(details.course_title, c.language) << "\n"
            << "hours:        " << c.hours << "\n"
            << "issued on:    " << c.issued_on << "\n";
  if (!c.started_on.empty()) {
    std::cout << "course dates: " << c.started_on << " to " << c.finished_on << "\n";
  }
  std::cout << "center:       " << details.center_name << "\n";
  if (!details.alias_code.empty()) {
    std::cout << "note:         " << details.alias_code
              << " is the code of a second copy issued while a kiosk was offline; the copy kept "
                 "has the code "
              << c.code << "\n";
  }
}

int Verify(const VerifyOptions& options) {
  const core::SystemClock clock;
  auto store = core::Store::Open({options.db_path, core::OpenMode::kOpenExisting}, clock);
  if (!store.ok()) {
    std::cerr << "raida-server: " << store.error().message << "\n";
    return kExitBadInput;
  }
  std::string code;
  for (const std::string& part : options.code_parts) {
    code += part;
  }
  auto found = core::CertificateRepository(*store.value()).Verify(code);
  if (!found.ok()) {
    std::cerr << "raida-server: " << found.error().message << "\n";
    return kExitBadInput;
  }
  if (!found.value()) {
    std::cout << kNoCertificate << "\n";
    return kExitNotFound;
  }
  Print(**found);
  return kExitOk;
}

}  // namespace

void AddCertificateCommands(CLI::App& cli, std::function<int()>* run) {
  auto options = std::make_shared<VerifyOptions>();
  CLI::App* verify = cli.add_subcommand(
      "verify-certificate", "check a certificate's verification code (e.g. RKS-7K2M-9QXD)");
  verify->add_option("--db", options->db_path, "server database file")->required();
  verify
      ->add_option("code", options->code_parts,
                   "the code as printed (case, spaces and dashes do not matter)")
      ->required();
  verify->callback([options, run] { *run = [options] { return Verify(*options); }; });
}

}  // namespace raida::server
