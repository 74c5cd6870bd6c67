// PersonStorage: the storage work of "Find a person" and a person's record on the EffectRunner's
// storage lane — the center's people, one person's record (profile, consents, courses,
// attendance, certificates, a self-assessment result waiting for the coordinator), a consent
// withdrawn or given, a certificate printed to a PDF (and handed to CUPS's `lp` when there is
// one), and a self-assessment result accepted into the action plan or discarded.
//
// Writes go through the core repositories, which capture them into the sync outbox. Nothing
// personal is logged: ids and outcomes only.
#pragma once

#include <concepts>
#include <memory>
#include <optional>
#include <string>

#include "kiosk/state/actions.h"
#include "kiosk/state/effects.h"
#include "raida/core/i18n.h"
#include "raida/core/result.h"
#include "raida/core/riasec.h"

namespace raida::core {
class Store;
}

namespace raida::kiosk {

struct PersonStorageOptions {
  std::string data_dir;              // the kiosk database's folder: certificates/<code>.pdf go here
  std::string assessment_file;       // assets/assessment/riasec.json ("" = DefaultAssessmentFile())
  std::string i18n_dir;              // assets/i18n for the PDF's words ("" = the shipped assets)
  std::string print_program = "lp";  // run (through PATH, no shell) with the PDF's path
};

class PersonStorage {
 public:
  explicit PersonStorage(PersonStorageOptions options);

  core::Result<std::optional<Action>> Run(core::Store& store, const LoadPeople& effect);
  core::Result<std::optional<Action>> Run(core::Store& store, const LoadPersonRecord& effect);
  core::Result<std::optional<Action>> Run(core::Store& store, const SavePersonConsent& effect);
  core::Result<std::optional<Action>> Run(core::Store& store, const PrintCertificate& effect);
  core::Result<std::optional<Action>> Run(core::Store& store, const DecideAssessmentDraft& effect);

 private:
  // The record as PersonRecordLoaded, or PersonChangeFailed when the person is not here.
  core::Result<std::optional<Action>> Record(core::Store& store, const std::string& person_id,
                                             const std::string& notice_key);
  std::shared_ptr<const core::RiasecContent> Content();
  const core::Translations* Words();

  PersonStorageOptions options_;
  std::shared_ptr<const core::RiasecContent> content_;
  std::optional<core::Translations> words_;
};

// The effects PersonStorage runs (the EffectRunner routes them there).
template <typename E>
concept PersonEffect = requires(PersonStorage& storage, core::Store& store, const E& effect) {
  { storage.Run(store, effect) } -> std::same_as<core::Result<std::optional<Action>>>;
};

// Hands `path` to `program` (found through PATH; no shell) and waits for it: true when it ran
// and exited with 0. False when there is no such program (no printer set up on this kiosk).
bool SendToPrinter(const std::string& program, const std::string& path);

}  // namespace raida::kiosk
