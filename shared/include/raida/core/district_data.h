// Loading a district's published data (centers, coordinators, courses, offerings, sessions,
// and residents) from a JSON file such as assets/demo/rokiskis.json.
//
// Used by `raida-server --load-demo` and, until a kiosk has synced, by `raida-kiosk
// --seed-demo`. Everything is written in one transaction under a Store::ApplyingScope: the
// data was published elsewhere, so none of it enters this device's outbox. A malformed file
// is refused with an error naming the file and the JSON path ("centers[2].name: expected a
// string") and the database is left untouched. Loading the same file twice changes nothing.
#pragma once

#include <optional>
#include <string>

#include "raida/core/result.h"
#include "raida/core/store.h"

namespace raida::core {

struct DistrictLoadOptions {
  // When set, only the residents (and their enrollments) of this center are loaded: a kiosk
  // holds its own center's people only. The catalog is always loaded whole.
  std::optional<std::string> only_center_id;
};

struct DistrictLoadSummary {
  int centers = 0;
  int coordinators = 0;
  int courses = 0;
  int offerings = 0;
  int sessions = 0;
  int people = 0;
  int enrollments = 0;
};

Result<DistrictLoadSummary> LoadDistrictFile(Store& store, const std::string& path,
                                             const DistrictLoadOptions& options = {});

}  // namespace raida::core
