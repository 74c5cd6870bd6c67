// The programme figures of the district (internal to the web module): per center and course,
// for a period, counts only — never a person. The Programme page shows them to every office
// role (a coordinator's are limited to their own center).
//
// Definitions (a period is [from, to], both dates included, in the centers' local dates):
//   offerings   offerings of the course at the center that overlap the period
//   sign-ups    enrollments in those offerings that are not cancelled
//   confirmed   of those, enrollments that hold a seat (confirmed, attended, completed)
//   waitlisted  of those, enrollments on the waiting list
//   attendance  marks taken at sessions in the period, and how many of them were "present"
//               (the rate is present / marks)
//   lessons     lessons of the course completed by people of the center, counted on the date
//               of the progress record's last change
//   certificates  certificates of the course issued by the center in the period
// Removed rows (tombstones) never count.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "raida/core/model.h"
#include "raida/core/result.h"
#include "raida/core/store.h"

namespace raida::server::web {

struct ProgrammeFilter {
  std::string from;       // "2026-01-01"
  std::string to;         // "2026-12-31"
  std::string center_id;  // "" for every center
};

struct ProgrammeRow {
  std::string center_id;
  std::string center_name;
  std::string course_id;
  core::LocalizedText course_title;
  int64_t offerings = 0;
  int64_t signups = 0;
  int64_t confirmed = 0;
  int64_t waitlisted = 0;
  int64_t marks = 0;
  int64_t present = 0;
  int64_t lessons_completed = 0;
  int64_t certificates = 0;
};

// The rows with anything to count, by center name and then course id.
core::Result<std::vector<ProgrammeRow>> LoadProgramme(core::Store& store,
                                                      const ProgrammeFilter& filter);

struct CenterChoice {
  std::string id;
  std::string name;
};
// Every center, by name (for the filter).
core::Result<std::vector<CenterChoice>> ListCenterChoices(core::Store& store);

}  // namespace raida::server::web
