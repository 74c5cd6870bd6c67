// For tests of the reducer: the effects of one kind among those an action returned, in order.
#pragma once

#include <vector>

#include "kiosk/state/effects.h"
#include "kiosk/state/message_groups.h"

namespace raida::kiosk {

template <typename T>
std::vector<T> All(const std::vector<Effect>& effects) {
  std::vector<T> found;
  for (const Effect& effect : effects) {
    if (const T* e = FindMessage<T>(effect)) {
      found.push_back(*e);
    }
  }
  return found;
}

}  // namespace raida::kiosk
