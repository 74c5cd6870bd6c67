// raida-server add-office-user; see office_commands.h.
#include "web/office_commands.h"

#include <sodium.h>
#include <termios.h>
#include <unistd.h>

#include <iostream>
#include <memory>
#include <mutex>
#include <string>

#include "raida/core/clock.h"
#include "raida/core/store.h"
#include "web/office_accounts.h"

namespace raida::server::web {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitBadInput = 2;

struct OfficeUserOptions {
  std::string db_path;
  std::string login;
  std::string display_name;
  std::string role;
  std::string center_id;
};

// One line of standard input, without echo when it is a terminal; nullopt at end of input.
std::optional<std::string> ReadSecretLine(const char* prompt) {
  const bool terminal = isatty(STDIN_FILENO) == 1;
  termios saved{};
  if (terminal) {
    std::cerr << prompt << std::flush;
    tcgetattr(STDIN_FILENO, &saved);
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  const bool read = static_cast<bool>(std::getline(std::cin, line));
  if (terminal) {
    tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    std::cerr << "\n";
  }
  if (!read) {
    return std::nullopt;
  }
  if (!line.empty() && line.back() == '\r') {
    line.pop_back();
  }
  return line;
}

int AddOfficeUser(const OfficeUserOptions& options) {
  const auto role = ParseOfficeRole(options.role);
  if (!role) {
    std::cerr << "raida-server: --role must be admin, analyst or coordinator\n";
    return kExitBadInput;
  }
  std::optional<std::string> passphrase = ReadPassphrase();
  if (!passphrase) {
    std::cerr << "raida-server: no passphrase on standard input\n";
    return kExitBadInput;
  }
  const core::SystemClock clock;
  auto store = core::Store::Open({options.db_path, core::OpenMode::kOpenExisting}, clock);
  if (!store.ok()) {
    std::cerr << "raida-server: " << store.error().message << "\n";
    return kExitFailure;
  }
  std::mutex store_mutex;
  OfficeAccounts accounts(*store.value(), store_mutex, clock);
  auto user = accounts.AddUser(
      {options.login, options.display_name, *role, options.center_id, *passphrase});
  sodium_memzero(passphrase->data(), passphrase->size());
  if (!user.ok()) {
    std::cerr << "raida-server: " << user.error().message << "\n";
    const core::ErrorCode code = user.error().code;
    return code == core::ErrorCode::kInvalidArgument || code == core::ErrorCode::kNotFound ||
                   code == core::ErrorCode::kConflict
               ? kExitBadInput
               : kExitFailure;
  }
  (void)accounts.Audit("command_line", "office.user.add", OfficeActor(*user), "ok");
  std::cout << "office user " << user->login << " (" << OfficeRoleName(user->role) << ") created\n";
  return kExitOk;
}

}  // namespace

std::optional<std::string> ReadPassphrase() {
  auto first = ReadSecretLine("Passphrase (at least 12 characters): ");
  if (!first || isatty(STDIN_FILENO) != 1) {
    return first;
  }
  auto again = ReadSecretLine("The same passphrase again: ");
  if (!again || *again != *first) {
    sodium_memzero(first->data(), first->size());
    std::cerr << "raida-server: the two passphrases differ\n";
    return std::nullopt;
  }
  sodium_memzero(again->data(), again->size());
  return first;
}


void AddOfficeCommands(CLI::App& cli, std::function<int()>* run) {
  auto options = std::make_shared<OfficeUserOptions>();
  CLI::App* add = cli.add_subcommand(
      "add-office-user", "create an account for the office pages (passphrase read from stdin)");
  add->add_option("--db", options->db_path, "server database file")->required();
  add->add_option("--login", options->login, "sign-in name, e.g. ona.admin")->required();
  add->add_option("--name", options->display_name, "name shown on the pages")->required();
  add->add_option("--role", options->role, "admin, analyst or coordinator")->required();
  add->add_option("--center", options->center_id, "the coordinator's center, e.g. center.bajorai");
  add->callback([options, run] { *run = [options] { return AddOfficeUser(*options); }; });
}

}  // namespace raida::server::web
