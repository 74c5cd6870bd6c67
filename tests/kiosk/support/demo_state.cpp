// Builds kiosk states from assets/demo/rokiskis.json for the UI tests (see demo_state.h).
#include "support/demo_state.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

namespace raida::kiosk::testing {
namespace {

nlohmann::json ParseDemo() {
  const std::string path = std::string(RAIDA_ASSETS_DIR) + "/demo/rokiskis.json";
  std::ifstream in(path);
  if (!in) {
    ADD_FAILURE() << "cannot open " << path;
    return nlohmann::json::object();
  }
  try {
    return nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    ADD_FAILURE() << path << ": " << e.what();
    return nlohmann::json::object();
  }
}

// The demo district, parsed once per test process (the audits build hundreds of states from it).
const nlohmann::json& LoadDemo() {
  static const nlohmann::json kDemo = ParseDemo();
  return kDemo;
}

std::string Localized(const nlohmann::json& text, const std::string& language) {
  for (const char* lang : {language.c_str(), "en", "lt"}) {
    if (text.contains(lang)) {
      return text.at(lang).get<std::string>();
    }
  }
  return "";
}

CourseCard CardFrom(const nlohmann::json& course, const std::string& language) {
  CourseCard card;
  card.id = course.at("id").get<std::string>();
  card.category = course.at("category").get<std::string>();
  card.title = Localized(course.at("title"), language);
  card.summary = Localized(course.at("summary"), language);
  card.hours = course.at("hours").get<int>();
  return card;
}

int EnrolledIn(const nlohmann::json& demo, const std::string& offering_id) {
  int count = 0;
  for (const auto& enrollment : demo.value("enrollments", nlohmann::json::array())) {
    if (enrollment.at("offering_id") == offering_id && enrollment.at("status") != "cancelled") {
      ++count;
    }
  }
  return count;
}

OfferingView ViewOf(const nlohmann::json& demo, const nlohmann::json& offering, int index) {
  OfferingView view;
  view.id = offering.at("id").get<std::string>();
  view.place = offering.at("place").get<std::string>();
  view.capacity = offering.at("capacity").get<int>();
  view.seats_taken = EnrolledIn(demo, view.id);
  view.starts_on = "2026-11-" + std::to_string(23 + index);
  view.ends_on = "2026-12-" + std::to_string(10 + index);
  const auto& sessions = offering.at("sessions");
  view.sessions = static_cast<int>(sessions.size()) * offering.at("weeks").get<int>();
  if (!sessions.empty()) {
    view.first_time = sessions[0].at("start_time").get<std::string>() + "\u2013" +
                      sessions[0].at("end_time").get<std::string>();
  }
  return view;
}

void CollectStrings(const nlohmann::json& value, std::vector<std::string>& out) {
  if (value.is_string()) {
    out.push_back(value.get<std::string>());
  } else if (value.is_structured()) {
    for (const auto& item : value) {
      CollectStrings(item, out);
    }
  }
}

}  // namespace

std::vector<CourseCard> DemoCatalog(const std::string& language) {
  std::vector<CourseCard> cards;
  for (const auto& course : LoadDemo().value("courses", nlohmann::json::array())) {
    cards.push_back(CardFrom(course, language));
  }
  return cards;
}

CourseDetail DemoCourse(const std::string& course_id, const std::string& language) {
  const nlohmann::json& demo = LoadDemo();
  CourseDetail detail;
  for (const auto& course : demo.value("courses", nlohmann::json::array())) {
    if (course.at("id") == course_id) {
      detail.card = CardFrom(course, language);
      detail.what_to_bring = Localized(course.at("what_to_bring"), language);
    }
  }
  int index = 0;
  for (const auto& offering : demo.value("offerings", nlohmann::json::array())) {
    if (offering.at("course_id") == course_id && offering.at("center_id") == kDemoCenterId) {
      detail.offerings.push_back(ViewOf(demo, offering, index++));
    }
  }
  OfferingView full;
  full.id = "offering.test.full";
  full.starts_on = "2027-01-11";
  full.ends_on = "2027-02-05";
  full.first_time = "17:00\u201319:00";
  full.place = "Bajorų bendruomenės namai, salė";
  full.capacity = 2;
  full.seats_taken = 2;
  full.sessions = 8;
  detail.offerings.push_back(full);
  return detail;
}

std::string DemoCourseWithOffering() {
  const nlohmann::json& demo = LoadDemo();
  for (const auto& offering : demo.value("offerings", nlohmann::json::array())) {
    if (offering.at("center_id") == kDemoCenterId &&
        EnrolledIn(demo, offering.at("id").get<std::string>()) <
            offering.at("capacity").get<int>()) {
      return offering.at("course_id").get<std::string>();
    }
  }
  ADD_FAILURE() << "the demo district has no offering with free seats at " << kDemoCenterId;
  return "";
}

const OfferingView& FirstFreeOffering(const CourseDetail& course) {
  for (const OfferingView& offering : course.offerings) {
    if (offering.seats_taken < offering.capacity) {
      return offering;
    }
  }
  ADD_FAILURE() << course.card.id << " has no offering with a free seat";
  return course.offerings.front();
}

SignedInPerson DemoPerson() {
  SignedInPerson person;
  person.id = "person.demo.01";
  person.given_name = "Ona";
  person.needs = {"transport"};
  return person;
}

SyncView DemoSyncView() {
  SyncView sync;
  sync.last_success_ms = 1'795'500'000'000;
  sync.last_success_day = "2026-11-19";
  sync.last_success_time = "14:05";
  sync.waiting = 3;
  sync.issues = 2;
  sync.error_key = "status.error.refused";  // the longest sentence
  sync.refused = true;
  return sync;
}

namespace {

// Help, settings and "My courses" with all they can show: the center's phone and hours, a
// person with a sign-up in every status and an undo offer.
void AddResidentScreenData(AppState& state, const std::string& language) {
  state.center_phone = "+370 600 00001";
  state.center_hours = {{"lt", "Pr.–Pn. 9:00–17:00; Tr. iki 19:00"},
                        {"pl", "Pn.–Pt. 9:00–17:00; Śr. do 19:00"},
                        {"en", "Mon–Fri 9:00–17:00; Wed until 19:00"}};
  if (state.screen != Screen::kMyCourses) {
    return;
  }
  state.person = DemoPerson();
  const std::vector<CourseCard> catalog = DemoCatalog(language);
  const char* statuses[] = {"requested", "confirmed", "waitlisted",
                            "cancelled", "attended",  "completed"};
  for (size_t i = 0; i < std::size(statuses); ++i) {
    const CourseCard& course = catalog[i % catalog.size()];
    state.my_courses.push_back({"enrollment." + std::to_string(i), course.title, "2026-11-23",
                                "Bajorų kultūros namai, didžioji salė", statuses[i]});
  }
  state.undo = UndoOffer{"enrollment.3", 1};
}

}  // namespace

AppState StateShowing(Screen screen, const std::string& language) {
  AppState state;
  state.screen = screen;
  state.language = language;
  state.center_id = kDemoCenterId;
  state.center_name = kDemoCenterName;
  state.today = "2026-11-22";
  state.server_reachable = false;  // the longest welcome line
  state.catalog = DemoCatalog(language);
  if (screen == Screen::kStatus) {
    state.sync_available = true;
    state.sync = DemoSyncView();
    return state;
  }
  if (screen == Screen::kHelp || screen == Screen::kSettings || screen == Screen::kMyCourses) {
    AddResidentScreenData(state, language);
    return state;
  }
  if (screen == Screen::kWelcome || screen == Screen::kCatalog || screen == Screen::kFault) {
    if (screen == Screen::kFault) {
      state.fault_key = "fault.database";
    }
    return state;
  }
  state.course = DemoCourse(DemoCourseWithOffering(), language);
  state.course_requested_id = state.course->card.id;
  const std::string offering_id = FirstFreeOffering(*state.course).id;
  if (screen == Screen::kSignIn) {
    state.chosen_offering_id = offering_id;
    state.sign_in_error_key = "signin.error.unknown_card";
  }
  if (screen == Screen::kSignUp || screen == Screen::kSignUpDone) {
    state.person = DemoPerson();
    state.chosen_offering_id = offering_id;
    state.chosen_needs = {"transport", "care", "accessibility"};
  }
  if (screen == Screen::kSignUpDone) {
    state.last_sign_up = SignUpResult{"enrollment.test", offering_id, "requested"};
  }
  return state;
}

std::vector<std::string> DemoDistrictStrings() {
  std::vector<std::string> strings;
  CollectStrings(LoadDemo(), strings);
  return strings;
}

}  // namespace raida::kiosk::testing
