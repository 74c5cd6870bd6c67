// Kiosk states for UI tests, built from the shipped demo district (assets/demo/rokiskis.json), so
// screens are audited with the real course titles, places and their longest translations.
#pragma once

#include <string>
#include <vector>

#include "kiosk/state/app_state.h"

namespace raida::kiosk::testing {

inline constexpr const char* kDemoCenterId = "center.bajorai";
inline constexpr const char* kDemoCenterName = "Bajorai";
inline constexpr const char* kDemoCardCode = "410037";  // Ona's card in the demo district

// Every course of the demo district as catalog cards in `language`.
std::vector<CourseCard> DemoCatalog(const std::string& language);

// The course `course_id` with its demo offerings at the demo center, plus one offering that is
// full (capacity reached), so every screen shows both a free and a full offering. Dates are
// fixed ("2026-11-23" …), since the demo file's dates are relative to the day it is loaded.
CourseDetail DemoCourse(const std::string& course_id, const std::string& language);

// The id of a demo course that has an offering with free seats at the demo center.
std::string DemoCourseWithOffering();

// The first offering of `course` with a free seat (the course must have one).
const OfferingView& FirstFreeOffering(const CourseDetail& course);

// The person behind kDemoCardCode.
SignedInPerson DemoPerson();

// A sync report with everything the status screen can show: last success three days before
// the demo's today (2026-11-22) at 14:05, 3 changes waiting, 2 issues, refused by the server.
SyncView DemoSyncView();

// A state showing `screen` in `language` with everything that screen can show filled in
// (catalog, course, chosen offering and needs, a sign-in error, a finished sign-up, a fault,
// the sync report of DemoSyncView on the status screen).
AppState StateShowing(Screen screen, const std::string& language);

// Every string value in the demo district file (for glyph coverage).
std::vector<std::string> DemoDistrictStrings();

}  // namespace raida::kiosk::testing
