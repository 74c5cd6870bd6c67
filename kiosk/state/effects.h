// Effects: work Reduce() asks for that touches storage or the network. They run on a worker
// thread (EffectRunner) and come back as result actions.
#pragma once

#include <string>
#include <variant>
#include <vector>

namespace raida::kiosk {

// -> CatalogLoaded (or FaultOccurred).
struct LoadCatalog {
  std::string language;
};
// -> CourseLoaded with this center's upcoming offerings, CourseUnavailable, or FaultOccurred.
struct LoadCourse {
  std::string course_id;
  std::string language;
};
// -> SignInDone (nullopt for an unknown card), or FaultOccurred.
struct SignInWithCard {
  std::string card_code;
};
// -> SignUpDone (enrollment and outbox entry committed together), SignUpFailed, FaultOccurred.
struct SaveSignUp {
  std::string person_id;
  std::string offering_id;
  std::vector<std::string> needs;
};
// -> ServerChecked (reachable = false when no server is configured). Never blocks storage work.
struct CheckServer {};
// -> CenterLoaded (nothing when the center is not in the database), or FaultOccurred.
struct LoadCenter {
  std::string center_id;
};

// Asks the background SyncWorker for a session as soon as it is free (SyncWorker::SyncNow);
// its reports come back as SyncStatusChanged. Nothing happens on a kiosk that is not provisioned.
struct RunSyncNow {};

using Effect = std::variant<LoadCatalog, LoadCourse, SignInWithCard, SaveSignUp, CheckServer,
                            LoadCenter, RunSyncNow>;

}  // namespace raida::kiosk
