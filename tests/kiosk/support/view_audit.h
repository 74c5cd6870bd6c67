// The whole-view audit the coordinator and resident UI tests share: a list of states, each drawn
// at both panel sizes (1920×1080 and 1366×768), in lt, pl and en, at the three text sizes, with
// and without high contrast, every page of its lists paged through with ▼ and audited
// (ui_audit.h: overlap, clipping, contrast, target and text sizes).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "kiosk/state/app_state.h"
#include "support/imgui_harness.h"
#include "support/ui_audit.h"

namespace raida::kiosk::testing {

// Audits the settled screen and each further page of its lists (at most `max_pages`).
void AuditEveryPage(KioskDriver& kiosk, const AuditLimits& limits, AuditStats& stats,
                    std::vector<std::string>& failures, int max_pages = 40);

// Audits every state `views(language)` returns, everywhere (see above); each problem is a test
// failure naming the look and the view's index. `check(language, stats)` then checks the stats
// of each language at each panel size (e.g. that enough targets were seen). With
// `every_contrast_size` false, high contrast is audited at the smallest and largest text only.
void AuditViewsEverywhere(
    const std::function<std::vector<AppState>(const std::string& language)>& views,
    const std::function<void(const std::string& language, const AuditStats& stats)>& check,
    bool every_contrast_size = true, float px_per_mm = 4.03f);

}  // namespace raida::kiosk::testing
