// ListsStorage: the storage work of the coordinator's "Lists and export" task on the
// EffectRunner's storage lane — the center's offerings, and the CSV files (core/csv.h) written
// into the exports folder beside the kiosk database, where the coordinator (or the district
// office, with the data folder) collects them.
//
// Each file holds only what its purpose needs, and never a phone, an address or a year of birth:
//   participants  family name, given name, status, needs (transport, care, accessibility)
//   attendance    family name, given name, then one column per session ("2026-11-02 10:00")
//                 with present, absent, excused or empty; for everybody with a seat or a mark
//   completions   family name, given name, certificate code, issued on, hours
// Column names and values are the database's own words (English), so the district office reads
// every kiosk's files the same way. A file is written to a temporary name, flushed and renamed:
// a power cut leaves the old file or the new one, never half of one.
#pragma once

#include <optional>
#include <string>
#include <utility>

#include "kiosk/state/actions.h"
#include "kiosk/state/effects.h"
#include "raida/core/result.h"

namespace raida::core {
class Store;
}

namespace raida::kiosk {

class ListsStorage {
 public:
  explicit ListsStorage(std::string exports_dir) : exports_dir_(std::move(exports_dir)) {}

  core::Result<std::optional<Action>> Run(core::Store& store, const LoadListOfferings& effect);
  core::Result<std::optional<Action>> Run(core::Store& store, const WriteList& effect);

 private:
  std::string exports_dir_;
};

}  // namespace raida::kiosk
