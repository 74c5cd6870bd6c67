// What the Catalog page reads (internal to the web module): courses, offerings per center with
// their capacity and the seats taken, lesson packs with every version published, and publishing
// a new lesson-pack version from a folder on the server — the same code as
// `raida-server content publish` (core::PublishPackFolders, then SyncEngine::PublishAll so the
// kiosks receive it at their next sync).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "raida/core/lesson_pack_check.h"
#include "raida/core/model.h"
#include "raida/core/result.h"
#include "raida/core/store.h"
#include "sync_engine.h"

namespace raida::server::web {

struct CatalogCourse {
  std::string id;
  core::LocalizedText title;
  std::string category;
  int64_t hours = 0;
  int64_t offerings = 0;  // in scope
};

struct CatalogOffering {
  std::string id;
  core::LocalizedText course_title;
  std::string center_id;
  std::string center_name;
  std::string starts_on;
  std::string ends_on;
  std::string place;
  int64_t capacity = 0;
  int64_t seats_taken = 0;  // enrollments confirmed, attended or completed
  int64_t waitlisted = 0;
  bool cancelled = false;
};

struct CatalogPack {
  std::string id;
  std::string course_id;
  core::LocalizedText course_title;
  int64_t version = 0;             // the version the kiosks get now
  std::vector<int64_t> published;  // every version published through sync, oldest first
};

struct Catalog {
  std::vector<CatalogCourse> courses;      // by id
  std::vector<CatalogOffering> offerings;  // by center name, then start date (newest first)
  std::vector<CatalogPack> packs;          // by id
};

// The catalog; offerings (and the course counts) only of `center_id` unless it is "".
core::Result<Catalog> LoadCatalog(core::Store& store, const std::string& center_id);

struct PublishOutcome {
  std::vector<core::PackProblem> problems;  // not empty: nothing was published
  std::vector<core::PublishedPack> published;
  int64_t feed_entries = 0;  // change-log entries added for the kiosks
};
// Checks the pack folder(s) under `folder` against the store's catalog and, when there is no
// problem, publishes them and appends them to the pull feed. kNotFound when `folder` is not a
// directory; kConflict when a version is not newer than the published one (nothing written).
core::Result<PublishOutcome> PublishLessonPacks(core::Store& store, SyncEngine& engine,
                                                const std::string& folder);

}  // namespace raida::server::web
