// The shared e2e machinery (kiosk_walk.h): probe file, xdotool clicks and the resident's walk.
#include "kiosk_walk.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <thread>

namespace raida::e2e {

using namespace std::chrono_literals;

const ProbeRect* Probe::Find(const std::string& id) const {
  for (const auto& item : items) {
    if (item.id == id) {
      return &item;
    }
  }
  return nullptr;
}

const ProbeRect* Probe::FirstTarget(const std::string& prefix) const {
  for (const auto& item : items) {
    if (item.target && item.enabled && item.Visible() && item.id.rfind(prefix, 0) == 0) {
      return &item;
    }
  }
  return nullptr;
}

std::string ScreenText(const Probe& probe) {
  std::string text;
  for (const auto& item : probe.items) {
    text += item.text + "\n";
  }
  return text;
}

std::optional<Probe> ReadProbe(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    return std::nullopt;
  }
  try {
    const nlohmann::json json = nlohmann::json::parse(in);
    Probe probe;
    probe.serial = json.at("serial").get<int>();
    probe.screen = json.at("screen").get<std::string>();
    probe.view = json.value("view", probe.screen);
    probe.language = json.value("language", "");
    probe.window_x = json.at("window").at(0).get<int>();
    probe.window_y = json.at("window").at(1).get<int>();
    for (const auto& item : json.at("items")) {
      const auto& rect = item.at("rect");
      probe.items.push_back({item.at("id").get<std::string>(), rect.at(0).get<float>(),
                             rect.at(1).get<float>(), rect.at(2).get<float>(),
                             rect.at(3).get<float>(), item.at("target").get<bool>(),
                             item.at("enabled").get<bool>(), item.value("text", "")});
    }
    if (json.contains("imgui")) {
      for (const auto& [name, value] : json.at("imgui").items()) {
        probe.imgui[name] = value.get<long long>();
      }
    }
    return probe;
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

void Click(const Probe& probe, const ProbeRect& rect) {
  const int x = probe.window_x + static_cast<int>((rect.x0 + rect.x1) / 2.0f);
  const int y = probe.window_y + static_cast<int>((rect.y0 + rect.y1) / 2.0f);
  // The pointer first moves next to the target, so the kiosk sees it arrive even when the last
  // click was on the same spot (a finger always lands somewhere).
  const std::string command = "xdotool mousemove --sync " + std::to_string(x + 2) + " " +
                              std::to_string(y + 2) + " mousemove --sync " + std::to_string(x) +
                              " " + std::to_string(y) + " sleep 0.15 click 1";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
}

bool SaveWindow(const Probe& probe, int width, int height, const std::string& path) {
  const std::string command = "import -window root -crop " + std::to_string(width) + "x" +
                              std::to_string(height) + "+" + std::to_string(probe.window_x) + "+" +
                              std::to_string(probe.window_y) + " +repage '" + path + "'";
  const bool saved = std::system(command.c_str()) == 0;
  EXPECT_TRUE(saved) << command;
  return saved;
}

Probe Walk::Current() const { return ReadProbe(probe_path_).value_or(Probe{}); }

Probe Walk::ClickUntil(const std::string& prefix, const std::function<bool(const Probe&)>& done) {
  for (int attempt = 0; attempt < 3; ++attempt) {
    const Probe before = Current();
    const ProbeRect* target = before.FirstTarget(prefix);
    if (target == nullptr) {
      ADD_FAILURE() << "no visible target " << prefix << " on " << before.view << "\n"
                    << ScreenText(before);
      return before;
    }
    Click(before, *target);
    clicked_.push_back(target->id);
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (std::chrono::steady_clock::now() < deadline) {
      const Probe now = Current();
      if (now.serial != before.serial && done(now)) {
        return now;
      }
      std::this_thread::sleep_for(50ms);
    }
  }
  ADD_FAILURE() << "clicking " << prefix << " never led where expected";
  return Current();
}

Probe Walk::WaitFor(const std::string& screen, const std::vector<std::string>& prefixes) {
  const auto deadline = std::chrono::steady_clock::now() + 60s;
  std::optional<Probe> last;
  while (std::chrono::steady_clock::now() < deadline && kiosk_.Running()) {
    last = ReadProbe(probe_path_);
    if (last && last->screen == screen && HasAll(*last, prefixes)) {
      return *last;
    }
    std::this_thread::sleep_for(50ms);
  }
  ADD_FAILURE() << "kiosk did not settle on " << screen
                << " (last: " << (last ? last->screen : "no probe") << ")\n"
                << kiosk_.Log();
  return last.value_or(Probe{});
}

Probe Walk::ClickThrough(const std::string& screen, const std::string& prefix,
                         const std::string& next, const std::vector<std::string>& next_prefixes) {
  for (int attempt = 0; attempt < 3; ++attempt) {
    Probe probe = WaitFor(screen, {prefix});
    const ProbeRect* target = probe.FirstTarget(prefix);
    if (target == nullptr) {
      ADD_FAILURE() << "no visible target " << prefix << " on " << screen;
      return probe;
    }
    clicked_.push_back(target->id);
    Click(probe, *target);
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (std::chrono::steady_clock::now() < deadline && kiosk_.Running()) {
      auto now = ReadProbe(probe_path_);
      if (now && now->screen == next && HasAll(*now, next_prefixes)) {
        return *now;
      }
      std::this_thread::sleep_for(50ms);
    }
  }
  ADD_FAILURE() << "clicking " << prefix << " on " << screen << " never led to " << next;
  return Probe{};
}

Probe Walk::WaitForView(const std::string& view, int seconds) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  std::optional<Probe> last;
  while (std::chrono::steady_clock::now() < deadline && kiosk_.Running()) {
    last = ReadProbe(probe_path_);
    if (last && last->view == view) {
      return *last;
    }
    std::this_thread::sleep_for(50ms);
  }
  ADD_FAILURE() << "kiosk never showed " << view << " (last: " << (last ? last->view : "none")
                << ")\n"
                << kiosk_.Log();
  return last.value_or(Probe{});
}

void Walk::TypeOnKeyboard(const std::string& keyboard_id, const std::u32string& text) {
  for (const char32_t letter : text) {
    char name[16];
    std::snprintf(name, sizeof(name), "U+%04X", static_cast<unsigned>(letter));
    const std::string id = keyboard_id + ".key." + name;
    const Probe probe = Current();
    const ProbeRect* key = probe.Find(id);
    if (key == nullptr) {
      ADD_FAILURE() << "no key " << id << " on " << probe.view;
      return;
    }
    clicked_.push_back(id);
    Click(probe, *key);
    std::this_thread::sleep_for(300ms);  // beyond the keyboard's bounce filter
  }
}

std::string Walk::PageTo(Probe probe, const std::string& screen, const std::set<std::string>& ids) {
  return PageUntil(probe, screen, [&](const ProbeRect& item) { return ids.count(item.id) != 0; });
}

std::string Walk::PageToPrefix(Probe probe, const std::string& screen, const std::string& prefix) {
  return PageUntil(probe, screen,
                   [&](const ProbeRect& item) { return item.id.rfind(prefix, 0) == 0; });
}

std::string Walk::PageUntil(Probe probe, const std::string& screen,
                            const std::function<bool(const ProbeRect&)>& wanted) {
  for (int page = 0; page < 20; ++page) {
    for (const auto& item : probe.items) {
      if (wanted(item) && item.target && item.enabled && item.Visible()) {
        return item.id;
      }
    }
    const ProbeRect* down = probe.FirstTarget(screen + ".list.down");
    if (down == nullptr) {
      return "";
    }
    const int serial = probe.serial;
    Click(probe, *down);
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (probe.serial == serial && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(50ms);
      probe = ReadProbe(probe_path_).value_or(probe);
    }
    if (probe.serial == serial) {
      return "";  // the list did not move: it ends here
    }
  }
  return "";
}

bool Walk::HasAll(const Probe& probe, const std::vector<std::string>& prefixes) {
  for (const auto& prefix : prefixes) {
    if (probe.FirstTarget(prefix) == nullptr) {
      return false;
    }
  }
  return true;
}

std::set<std::string> CourseOpenIdsAtCenter() {
  std::ifstream in(kDemoFile);
  const nlohmann::json demo = nlohmann::json::parse(in);
  std::set<std::string> ids;
  for (const auto& offering : demo.at("offerings")) {
    const bool running = offering.at("start_week").get<int>() + offering.at("weeks").get<int>() > 0;
    if (offering.at("center_id") == kCenter && running && !offering.value("cancelled", false)) {
      ids.insert("catalog.open." + offering.at("course_id").get<std::string>());
    }
  }
  return ids;
}

DemoPerson PersonFreeFor(const std::string& offering_id) {
  std::ifstream in(kDemoFile);
  const nlohmann::json demo = nlohmann::json::parse(in);
  std::set<std::string> enrolled;
  for (const auto& enrollment : demo.at("enrollments")) {
    if (enrollment.at("offering_id") == offering_id) {
      enrolled.insert(enrollment.at("person_id").get<std::string>());
    }
  }
  for (const auto& person : demo.at("people")) {
    const std::string id = person.at("id").get<std::string>();
    if (person.at("home_center_id") == kCenter && person.contains("card_code") &&
        enrolled.count(id) == 0) {
      const auto& needs = person.value("needs", nlohmann::json::array());
      const bool care = std::find(needs.begin(), needs.end(), "care") != needs.end();
      return {id, person.at("card_code").get<std::string>(),
              person.at("family_name").get<std::string>(), care};
    }
  }
  ADD_FAILURE() << "the demo district has no free Bajorai person with a card";
  return {};
}

std::string SignUpSomeone(Walk& walk, DemoPerson& person) {
  // Open courses that have dates here until one has a seat left (a full one is Back again).
  Probe catalog = walk.ClickThrough("welcome", "welcome.start", "catalog", {"catalog.open."});
  std::set<std::string> candidates = CourseOpenIdsAtCenter();
  std::string offering_id;
  while (offering_id.empty()) {
    const std::string open_id = walk.PageTo(catalog, "catalog", candidates);
    if (open_id.empty()) {
      ADD_FAILURE() << "no course with a free seat at " << kCenter;
      return "";
    }
    candidates.erase(open_id);
    Probe course = walk.ClickThrough("catalog", open_id, "course", {"common.back"});
    // The offerings come after the course's lessons: page down to them.
    const std::string sign_up = walk.PageToPrefix(course, "course", "course.signup.");
    if (!sign_up.empty()) {
      offering_id = sign_up.substr(std::string("course.signup.").size());
    } else {
      catalog = walk.ClickThrough("course", "common.back", "catalog", {"catalog.open."});
    }
  }
  person = PersonFreeFor(offering_id);
  Probe pad = walk.ClickThrough("course", "course.signup.", "signin", {"pad.1"});
  for (char digit : person.card_code) {
    const ProbeRect* key = pad.Find(std::string("pad.") + digit);
    if (key == nullptr) {
      ADD_FAILURE() << "no pad key " << digit;
      return "";
    }
    Click(pad, *key);
    std::this_thread::sleep_for(350ms);  // beyond the pad's key-bounce filter for "00"
  }
  Probe sign_up = walk.ClickThrough("signin", "pad.ok", "signup", {"signup.need.care"});
  const ProbeRect* care = sign_up.FirstTarget("signup.need.care");
  if (care == nullptr) {
    ADD_FAILURE() << "no care toggle on the sign-up screen";
    return "";
  }
  Click(sign_up, *care);  // toggles the profile's choice
  std::this_thread::sleep_for(500ms);
  walk.ClickThrough("signup", "signup.confirm", "signup_done", {"signup.done.finish"});
  return offering_id;
}

}  // namespace raida::e2e
