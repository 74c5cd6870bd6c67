// Transient widget state of the lesson screens (part of RootUi, wiped with it on sign-out): how
// far a page or list is scrolled, the practice exercises' marker and typed text. Nothing here
// is a source of truth; AppState::lesson is.
#pragma once

#include <imgui.h>

#include <string>

#include "kiosk/ui/widgets.h"

namespace raida::kiosk {

class PictureSource;

struct LessonUi {
  PagedScroll body;      // the page, question or lesson end when taller than the screen
  std::string body_key;  // what `body` scrolls ("lesson|p3|1"): another one starts at the top
  PictureSource* pictures = nullptr;  // set by DrawRoot each frame from UiContext::pictures

  // Practice "type": the keyboard is up and what the person typed (not personal, still wiped).
  bool typing = false;
  std::string typed;
  // Practice "drag": the marker's offset in the practice area (px), a drag under way, and the
  // marker chosen by a tap (the single-pointer alternative: tap it, then tap the box).
  ImVec2 marker_offset = ImVec2(0.0f, 0.0f);
  ImVec2 drag_start = ImVec2(0.0f, 0.0f);
  bool dragging = false;
  bool marker_chosen = false;
  ImVec2 box_min = ImVec2(0.0f, 0.0f);  // the box's rectangle last frame (screen px)
  ImVec2 box_max = ImVec2(0.0f, 0.0f);
};

struct ProgressUi {
  PagedScroll list;
};

}  // namespace raida::kiosk
