// raida-server's admin subcommands; see admin_commands.h.
#include "admin_commands.h"

#include <sodium.h>

#include <cstdlib>
#include <iostream>
#include <optional>
#include <variant>

#include "raida/core/clock.h"
#include "raida/core/coordinator_auth.h"
#include "raida/core/store.h"
#include "sync_engine.h"
#include "web/office_commands.h"

namespace raida::server {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitBadInput = 2;

struct AdminOptions {
  std::string db_path;
  std::string center_id;
  double hours = 24;
  int64_t device_no = 0;
  std::string person_id;
  std::string loser_id;
  std::string winner_id;
  std::string login;
  std::string display_name;
};

// Same rule as the office accounts' passphrases.
constexpr size_t kMinPassphraseChars = 12;

// The passphrase from standard input, hashed for publishing (coordinator.passphrase_hash), or an
// exit code after saying what is wrong. The typed passphrase is wiped.
std::variant<std::string, int> ReadCoordinatorPassphrase() {
  std::optional<std::string> passphrase = web::ReadPassphrase();
  if (!passphrase) {
    std::cerr << "raida-server: no passphrase on standard input\n";
    return kExitBadInput;
  }
  if (passphrase->size() < kMinPassphraseChars) {
    sodium_memzero(passphrase->data(), passphrase->size());
    std::cerr << "raida-server: the passphrase needs at least " << kMinPassphraseChars
              << " characters\n";
    return kExitBadInput;
  }
  auto hash = core::CoordinatorAuth::HashPassphrase(*passphrase);
  sodium_memzero(passphrase->data(), passphrase->size());
  if (!hash.ok()) {
    std::cerr << "raida-server: " << hash.error().message << "\n";
    return kExitFailure;
  }
  return std::move(hash).value();
}

int Fail(const core::Error& error) {
  std::cerr << "raida-server: " << error.message << "\n";
  return error.code == core::ErrorCode::kInvalidArgument ||
                 error.code == core::ErrorCode::kNotFound ||
                 error.code == core::ErrorCode::kConflict
             ? kExitBadInput
             : kExitFailure;
}

// Opens the existing database and runs `body` with an engine on it.
int WithEngine(const std::string& db_path, const std::function<int(SyncEngine&)>& body) {
  const core::SystemClock clock;
  auto store = core::Store::Open({db_path, core::OpenMode::kOpenExisting}, clock);
  if (!store.ok()) {
    return Fail(store.error());
  }
  SyncEngine engine(*store.value(), clock);
  return body(engine);
}

int ListDevices(SyncEngine& engine) {
  auto devices = engine.ListDevices();
  if (!devices.ok()) {
    return Fail(devices.error());
  }
  std::cout << "device\tcenter\tstatus\tlast_batch\tlast_success_ms\tlast_error\tlabel\n";
  for (const ServerDevice& d : devices.value()) {
    std::cout << d.device_no << "\t" << d.center_id << "\t" << (d.active ? "active" : "revoked")
              << "\t" << d.last_batch << "\t"
              << (d.last_success_ms ? std::to_string(*d.last_success_ms) : "never") << "\t"
              << d.last_error << "\t" << d.label << "\n";
  }
  return kExitOk;
}

int Report(const core::Status& status, const std::string& done) {
  if (!status.ok()) {
    return Fail(status.error());
  }
  std::cout << done << "\n";
  return kExitOk;
}

// Who resolves a set-aside change from the command line: "cli:<login>" of the shell's user.
std::string CommandLineActor() {
  const char* user = std::getenv("SUDO_USER");
  if (user == nullptr || *user == '\0') {
    user = std::getenv("USER");
  }
  return std::string("cli:") + (user != nullptr && *user != '\0' ? user : "unknown");
}

int ListSetAside(SyncEngine& engine, bool resolved) {
  auto entries = engine.ListSetAside(resolved, /*limit=*/1000);
  if (!entries.ok()) {
    return Fail(entries.error());
  }
  std::cout << "id\tdevice\tbatch\tseq\ttable\trow\tset_aside_ms\tretries\treason"
            << (resolved ? "\tstatus\toutcome\tresolved_by\tresolved_ms" : "") << "\n";
  for (const SetAsideEntry& e : entries.value()) {
    std::cout << e.id << "\t" << e.device_no << "\t" << e.batch << "\t" << e.seq << "\t" << e.table
              << "\t" << e.pk << "\t" << e.at_ms << "\t" << e.retries << "\t" << e.reason;
    if (resolved) {
      std::cout << "\t" << e.status << "\t" << e.outcome << "\t" << e.resolved_by << "\t"
                << e.resolved_ms.value_or(0);
    }
    std::cout << "\n";
  }
  return kExitOk;
}

int RetrySetAside(SyncEngine& engine, int64_t id) {
  auto retried = engine.RetrySetAside(id, CommandLineActor());
  if (!retried.ok()) {
    return Fail(retried.error());
  }
  if (!retried->accepted) {
    std::cout << "set-aside change " << id
              << " was refused again and stays open: " << retried->detail << "\n";
    return kExitFailure;
  }
  std::cout << "set-aside change " << id << " accepted (" << retried->detail << ")\n";
  return kExitOk;
}

// raida-server review list [--resolved] | retry ID | discard ID
void AddReviewCommands(CLI::App& cli, std::function<int()>* run) {
  struct ReviewOptions {
    std::string db_path;
    bool resolved = false;
    int64_t id = 0;
  };
  auto options = std::make_shared<ReviewOptions>();
  CLI::App* review = cli.add_subcommand(
      "review", "the changes the server set aside for review: list, retry or discard them");
  review->require_subcommand(1);
  auto add = [&](const char* name, const char* help) {
    CLI::App* command = review->add_subcommand(name, help);
    command->add_option("--db", options->db_path, "server database file")->required();
    return command;
  };
  CLI::App* list = add("list", "list the open entries (ids, tables, row ids and reasons)");
  list->add_flag("--resolved", options->resolved, "list the accepted and discarded ones instead");
  list->callback([options, run] {
    *run = [options] {
      return WithEngine(options->db_path, [&](SyncEngine& engine) {
        return ListSetAside(engine, options->resolved);
      });
    };
  });
  CLI::App* retry = add("retry", "run a set-aside change through the merge rules again");
  retry->add_option("id", options->id, "the entry's id (review list)")->required();
  retry->callback([options, run] {
    *run = [options] {
      return WithEngine(options->db_path,
                        [&](SyncEngine& engine) { return RetrySetAside(engine, options->id); });
    };
  });
  CLI::App* discard = add("discard", "mark a set-aside change discarded (it is kept)");
  discard->add_option("id", options->id, "the entry's id (review list)")->required();
  discard->callback([options, run] {
    *run = [options] {
      return WithEngine(options->db_path, [&](SyncEngine& engine) {
        return Report(engine.DiscardSetAside(options->id, CommandLineActor()),
                      "set-aside change " + std::to_string(options->id) + " discarded");
      });
    };
  });
}

}  // namespace

void AddAdminCommands(CLI::App& cli, std::function<int()>* run) {
  auto options = std::make_shared<AdminOptions>();
  auto add = [&](const char* name, const char* help) {
    CLI::App* command = cli.add_subcommand(name, help);
    command->add_option("--db", options->db_path, "server database file")->required();
    return command;
  };
  CLI::App* issue = add("issue-code", "print a one-time provisioning code for a new kiosk");
  issue->add_option("--center", options->center_id, "center id, e.g. center.bajorai")->required();
  issue->add_option("--hours", options->hours, "hours the code stays valid")->capture_default_str();
  issue->callback([options, run] {
    *run = [options] {
      return WithEngine(options->db_path, [&](SyncEngine& engine) {
        auto code = engine.IssueProvisioningCode(
            options->center_id, static_cast<int64_t>(options->hours * 3600 * 1000));
        if (!code.ok()) {
          return Fail(code.error());
        }
        std::cout << code->code << "\n";
        return kExitOk;
      });
    };
  });
  CLI::App* revoke = add("revoke-device", "refuse every later request of a kiosk");
  revoke->add_option("--device", options->device_no, "device number")->required();
  revoke->callback([options, run] {
    *run = [options] {
      return WithEngine(options->db_path, [&](SyncEngine& engine) {
        return Report(engine.RevokeDevice(options->device_no),
                      "device " + std::to_string(options->device_no) + " revoked");
      });
    };
  });
  CLI::App* list = add("list-devices", "list the kiosks and their last sync");
  list->callback(
      [options, run] { *run = [options] { return WithEngine(options->db_path, ListDevices); }; });
  CLI::App* erase = add("erase-person", "erase a person's personal data everywhere");
  erase->add_option("--person", options->person_id, "person id")->required();
  erase->callback([options, run] {
    *run = [options] {
      return WithEngine(options->db_path, [&](SyncEngine& engine) {
        return Report(engine.ErasePerson(options->person_id), "erased");
      });
    };
  });
  CLI::App* merge = add("merge-people", "merge a duplicate person into another");
  merge->add_option("--loser", options->loser_id, "the duplicate's id")->required();
  merge->add_option("--winner", options->winner_id, "the id that stays")->required();
  merge->callback([options, run] {
    *run = [options] {
      return WithEngine(options->db_path, [&](SyncEngine& engine) {
        return Report(engine.MergePeople(options->loser_id, options->winner_id), "merged");
      });
    };
  });
  CLI::App* add_coordinator =
      add("add-coordinator",
          "create a coordinator account for a center's kiosks (passphrase read from stdin)");
  add_coordinator->add_option("--center", options->center_id, "center id")->required();
  add_coordinator->add_option("--login", options->login, "login, e.g. rasa.v")->required();
  add_coordinator->add_option("--name", options->display_name, "name shown on the kiosk")
      ->required();
  add_coordinator->callback([options, run] {
    *run = [options] {
      auto hash = ReadCoordinatorPassphrase();
      if (const int* code = std::get_if<int>(&hash)) {
        return *code;
      }
      return WithEngine(options->db_path, [&](SyncEngine& engine) {
        auto id = engine.AddCoordinator(options->center_id, options->login, options->display_name,
                                        std::get<std::string>(hash));
        return id.ok() ? Report(core::Ok(), "coordinator " + *id + " created") : Fail(id.error());
      });
    };
  });
  CLI::App* reset = add("set-coordinator-passphrase",
                        "give a coordinator a new passphrase (read from stdin); this also "
                        "unlocks the account on every kiosk");
  reset->add_option("--login", options->login, "the coordinator's login")->required();
  reset->callback([options, run] {
    *run = [options] {
      auto hash = ReadCoordinatorPassphrase();
      if (const int* code = std::get_if<int>(&hash)) {
        return *code;
      }
      return WithEngine(options->db_path, [&](SyncEngine& engine) {
        return Report(
            engine.SetCoordinatorPassphrase(options->login, std::get<std::string>(hash)),
            "new passphrase for " + options->login + ": the kiosks take it at their next sync");
      });
    };
  });
  AddReviewCommands(cli, run);
}

}  // namespace raida::server
