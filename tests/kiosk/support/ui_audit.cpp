// Frame audits over the UI probe (see ui_audit.h).
#include "support/ui_audit.h"

#include <imgui_internal.h>

#include <algorithm>
#include <cstdio>
#include <sstream>
#include <string_view>

#include "kiosk/ui/theme.h"

namespace raida::kiosk::testing {
namespace {

bool FullyVisible(const ProbeRecord& r) {
  return r.visible_max.x - r.visible_min.x >= r.max.x - r.min.x - 0.5f &&
         r.visible_max.y - r.visible_min.y >= r.max.y - r.min.y - 0.5f;
}

bool Hidden(const ProbeRecord& r) {
  return r.visible_max.x - r.visible_min.x < 0.5f || r.visible_max.y - r.visible_min.y < 0.5f;
}

// Distance between two rectangles (negative when they overlap).
float Gap(const ProbeRecord& a, const ProbeRecord& b) {
  return std::max({b.min.x - a.max.x, a.min.x - b.max.x, b.min.y - a.max.y, a.min.y - b.max.y});
}

std::string Px(float v) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.1f", static_cast<double>(v));
  return buf;
}

void CheckEdges(const ProbeRecord& r, const AuditLimits& limits, std::vector<std::string>& out) {
  // Wrapped text is measured rounded up, so its box may pass the wrap edge by a pixel.
  const float slack = r.role == ProbeRole::kText ? 1.5f : 0.5f;
  const bool cut_side = r.visible_max.x - r.visible_min.x < r.max.x - r.min.x - slack ||
                        r.min.x < -slack || r.max.x > limits.display.x + slack;
  if (cut_side && !Hidden(r)) {
    out.push_back(r.id + ": cut off at the side (x " + Px(r.min.x) + ".." + Px(r.max.x) + ")");
  }
  if (!r.in_list && r.max.y > limits.display.y + 0.5f) {
    out.push_back(r.id + ": below the bottom of the screen (y " + Px(r.max.y) + ")");
  }
}

void CheckContrast(const ProbeRecord& r, AuditStats& stats, std::vector<std::string>& out) {
  const ImVec4 states[] = {r.bg_normal, r.bg_hovered, r.bg_active};
  const char* names[] = {"normal", "hovered", "active"};
  for (int i = 0; i < 3; ++i) {
    const float ratio = ContrastRatio(r.text_color, states[i]);
    if (ratio < stats.min_contrast) {
      stats.min_contrast = ratio;
      stats.min_contrast_id = r.id + " (" + names[i] + ")";
    }
    if (ratio < kMinContrast) {
      out.push_back(r.id + ": contrast " + Px(ratio) + ":1 when " + names[i]);
    }
  }
}

// UX-5: nothing a person reads is smaller than 32 px.
void CheckTextSize(const ProbeRecord& r, AuditStats& stats, std::vector<std::string>& out) {
  stats.min_font_px = std::min(stats.min_font_px, r.font_size);
  if (r.font_size < kMinTextPx - 0.01f && !r.text.empty()) {
    out.push_back(r.id + ": text " + Px(r.font_size) + " px is below 32 px");
  }
}

void CheckTarget(const ProbeRecord& r, const AuditLimits& limits, AuditStats& stats,
                 std::vector<std::string>& out) {
  const float w = r.max.x - r.min.x;
  const float h = r.max.y - r.min.y;
  ++stats.targets_checked;
  if (w < stats.min_target_width) {
    stats.min_target_width = w;
    stats.min_width_id = r.id;
  }
  if (h < stats.min_target_height) {
    stats.min_target_height = h;
    stats.min_height_id = r.id;
  }
  if (w < limits.min_target_px || h < limits.min_target_px) {
    out.push_back(r.id + ": target " + Px(w) + "x" + Px(h) + " px is below 16 mm");
  }
  if (IsPrimaryId(r.id) && h < limits.min_primary_px) {
    out.push_back(r.id + ": primary action " + Px(h) + " px high is below 20 mm");
  }
  if (r.text_size.x > w - 2.0f * limits.frame_padding + 0.5f) {
    out.push_back(r.id + ": label '" + r.text + "' (" + Px(r.text_size.x) +
                  " px) does not fit its " + Px(w) + " px button");
  }
}

}  // namespace

AuditLimits LimitsFor(float px_per_mm, ImVec2 display) {
  const Theme theme = MakeTheme(px_per_mm, false, TextSize::kNormal);
  return AuditLimits{kMinTargetMm * px_per_mm, kPrimaryTargetMm * px_per_mm,
                     kTargetGapMm * px_per_mm, theme.metrics.padding, display};
}

bool IsPrimaryId(const std::string& id) {
  for (const char* prefix :
       {"welcome.start", "course.signup.", "signup.confirm", "pad.ok", "signup.done.finish",
        "notice.ok", "common.language.", "catalog.open.", "status.sync_now"}) {
    if (id.rfind(prefix, 0) == 0) {
      return true;
    }
  }
  // The keyboard's Done and the dialogs' answers, wherever they are drawn.
  for (const std::string_view suffix : {".key.done", ".yes", ".no", ".ok"}) {
    if (id.size() > suffix.size() &&
        id.compare(id.size() - suffix.size(), suffix.size(), suffix) == 0) {
      return true;
    }
  }
  return false;
}

std::vector<std::string> MissingGlyphs(const ImFont& font, const std::string& text) {
  std::vector<std::string> missing;
  const char* p = text.c_str();
  const char* end = p + text.size();
  while (p < end) {
    unsigned int c = 0;
    p += ImTextCharFromUtf8(&c, p, end);
    if (c >= 0x20 && font.FindGlyphNoFallback(static_cast<ImWchar>(c)) == nullptr) {
      char buf[16];
      std::snprintf(buf, sizeof(buf), "U+%04X", c);
      missing.push_back(buf);
    }
  }
  return missing;
}

void AuditFrame(const UiProbe& probe, const AuditLimits& limits, AuditStats& stats,
                std::vector<std::string>& failures) {
  ++stats.frames;
  std::vector<const ProbeRecord*> whole_targets;
  for (const ProbeRecord& r : probe.items) {
    CheckEdges(r, limits, failures);
    CheckContrast(r, stats, failures);
    CheckTextSize(r, stats, failures);
    for (const std::string& glyph : MissingGlyphs(*r.font, r.text)) {
      failures.push_back(r.id + ": no glyph for " + glyph + " in '" + r.text + "'");
    }
    if (r.role == ProbeRole::kText) {
      ++stats.texts_checked;
    } else if (FullyVisible(r)) {
      CheckTarget(r, limits, stats, failures);
      whole_targets.push_back(&r);
    }
  }
  for (size_t i = 0; i < whole_targets.size(); ++i) {
    for (size_t j = i + 1; j < whole_targets.size(); ++j) {
      const float gap = Gap(*whole_targets[i], *whole_targets[j]);
      const std::string ids = whole_targets[i]->id + " / " + whole_targets[j]->id;
      if (gap < stats.min_gap) {
        stats.min_gap = gap;
        stats.min_gap_ids = ids;
      }
      if (gap < limits.min_gap_px) {
        failures.push_back(ids + ": only " + Px(gap) + " px apart");
      }
    }
  }
}

}  // namespace raida::kiosk::testing
