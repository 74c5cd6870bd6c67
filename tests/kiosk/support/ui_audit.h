// Audits of one drawn frame, read from the UI probe: target sizes and gaps (UX-1..3), text
// contrast in every state (UX-6), text never below 32 px (UX-5), labels that fit their buttons
// (TA-4), nothing cut off at the screen's edges, and a glyph for every character shown (TA-3).
#pragma once

#include <imgui.h>

#include <string>
#include <vector>

#include "kiosk/ui/widgets.h"

namespace raida::kiosk::testing {

// The smallest and lowest values seen over every audited frame, for the report.
struct AuditStats {
  float min_target_width = 1e9f;
  std::string min_width_id;
  float min_target_height = 1e9f;
  std::string min_height_id;
  float min_gap = 1e9f;
  std::string min_gap_ids;
  float min_font_px = 1e9f;
  float min_contrast = 1e9f;
  std::string min_contrast_id;
  int targets_checked = 0;
  int texts_checked = 0;
  int frames = 0;
};

inline constexpr float kMinTextPx = 32.0f;  // UX-5: the absolute minimum text size

struct AuditLimits {
  float min_target_px;   // kMinTargetMm in px
  float min_primary_px;  // kPrimaryTargetMm in px
  float min_gap_px;      // kTargetGapMm in px
  float frame_padding;   // ImGui FramePadding.x the labels are clipped by
  ImVec2 display;
};

AuditLimits LimitsFor(float px_per_mm, ImVec2 display);

// Ids of primary actions (≥ 20 mm high): the known primary buttons, the keyboard's Done and the
// dialogs' answers.
bool IsPrimaryId(const std::string& id);

// Appends one message per violation in `probe` to `failures` and folds its figures into `stats`.
void AuditFrame(const UiProbe& probe, const AuditLimits& limits, AuditStats& stats,
                std::vector<std::string>& failures);

// Code points of `text` without a glyph in `font` (as "U+0117 'ė'").
std::vector<std::string> MissingGlyphs(const ImFont& font, const std::string& text);

}  // namespace raida::kiosk::testing
