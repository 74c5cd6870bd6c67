// The demo district file itself (assets/demo/rokiskis.json): what the README's first command and
// the kiosk's demo mode rely on. Fictional people only, complete translations, sensible numbers.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>

namespace raida::core {
namespace {

using nlohmann::json;

json LoadDemo() {
  std::ifstream in(std::string(RAIDA_SOURCE_DIR) + "/assets/demo/rokiskis.json");
  std::stringstream text;
  text << in.rdbuf();
  return json::parse(text.str());
}

class DemoDistrictTest : public ::testing::Test {
 protected:
  json demo_ = LoadDemo();
};

TEST_F(DemoDistrictTest, SaysItsPeopleAreFictional) {
  EXPECT_NE(demo_.at("note").get<std::string>().find("fictional"), std::string::npos);
  EXPECT_EQ(demo_.at("district").at("id"), "district.rokiskis");
}

TEST_F(DemoDistrictTest, HasTheFiveCentersOfTheNetwork) {
  std::map<std::string, std::string> names;
  for (const auto& center : demo_.at("centers")) {
    names[center.at("id")] = center.at("name");
    EXPECT_EQ(center.at("phone").get<std::string>().rfind("+370 600 0", 0), 0u);
    for (const char* lang : {"lt", "pl", "en"}) {
      EXPECT_FALSE(center.at("opening_hours").at(lang).get<std::string>().empty());
    }
  }
  const std::map<std::string, std::string> expected = {{"center.bajorai", "Bajorai"},
                                                       {"center.salos", "Salos"},
                                                       {"center.juodupe", "Juodupė"},
                                                       {"center.juzintai", "Jūžintai"},
                                                       {"center.pandelys", "Pandėlys"}};
  EXPECT_EQ(names, expected);
}

TEST_F(DemoDistrictTest, CoordinatorsCarryNoSecrets) {
  std::map<std::string, int> per_center;
  for (const auto& coordinator : demo_.at("coordinators")) {
    ++per_center[coordinator.at("center_id")];
    // Only an Argon2id hash of the demo passphrase (README), never the passphrase or a PIN.
    EXPECT_EQ(coordinator.value("passphrase_hash", "").rfind("$argon2id$", 0), 0u);
    EXPECT_FALSE(coordinator.contains("pin_hash"));
    EXPECT_FALSE(coordinator.contains("password"));
  }
  ASSERT_EQ(per_center.size(), 5u);
  for (const auto& [center, count] : per_center) {
    EXPECT_TRUE(count == 1 || count == 2) << center;
  }
}

TEST_F(DemoDistrictTest, CoursesCoverEveryCategoryInThreeLanguages) {
  std::set<std::string> categories;
  bool kompiuteris_in_title = false;
  bool kompiuterio_elsewhere = false;
  for (const auto& course : demo_.at("courses")) {
    categories.insert(course.at("category"));
    for (const char* field : {"title", "summary", "what_to_bring"}) {
      for (const char* lang : {"lt", "pl", "en"}) {
        EXPECT_FALSE(course.at(field).at(lang).get<std::string>().empty())
            << course.at("id") << " " << field << " " << lang;
      }
      const std::string lt = course.at(field).at("lt");
      kompiuterio_elsewhere = kompiuterio_elsewhere || lt.find("kompiuterio") != std::string::npos;
    }
    const std::string title = course.at("title").at("lt");
    kompiuteris_in_title = kompiuteris_in_title || title.find("Kompiuteris") != std::string::npos;
  }
  EXPECT_GE(demo_.at("courses").size(), 10u);
  EXPECT_EQ(categories.size(), 8u);
  EXPECT_TRUE(kompiuteris_in_title);
  EXPECT_TRUE(kompiuterio_elsewhere);
}

TEST_F(DemoDistrictTest, OfferingsHaveSmallGroupsAroundToday) {
  for (const auto& offering : demo_.at("offerings")) {
    const int capacity = offering.at("capacity");
    EXPECT_GE(capacity, 6) << offering.at("id");
    EXPECT_LE(capacity, 15) << offering.at("id");
    const int start_week = offering.at("start_week");
    EXPECT_GE(start_week, -1) << offering.at("id");
    EXPECT_LE(start_week, 3) << offering.at("id");
  }
}

TEST_F(DemoDistrictTest, ResidentsLookLikeTheDistrict) {
  std::set<std::string> cards;
  int polish = 0;
  int born_1945_to_1975 = 0;
  for (const auto& person : demo_.at("people")) {
    const std::string card = person.at("card_code");
    EXPECT_EQ(card.size(), 6u);
    EXPECT_TRUE(cards.insert(card).second) << "duplicate card " << card;
    polish += person.at("language") == "pl" ? 1 : 0;
    const int year = person.at("birth_year");
    born_1945_to_1975 += (year >= 1945 && year <= 1975) ? 1 : 0;
    const std::string phone = person.at("phone");
    EXPECT_TRUE(phone.empty() || phone.rfind("+370 600 1", 0) == 0) << phone;
  }
  const int people = static_cast<int>(demo_.at("people").size());
  EXPECT_GE(people, 24);
  EXPECT_GE(polish, 3);
  EXPECT_GT(born_1945_to_1975 * 10, people * 8);  // mostly
}

TEST_F(DemoDistrictTest, EnrollmentsAreAtTheResidentsOwnCenterAndFitTheSeats) {
  std::map<std::string, std::string> home;
  for (const auto& person : demo_.at("people")) {
    home[person.at("id")] = person.at("home_center_id");
  }
  std::map<std::string, json> offerings;
  for (const auto& offering : demo_.at("offerings")) {
    offerings[offering.at("id")] = offering;
  }
  std::map<std::string, int> taken;
  std::set<std::string> statuses;
  for (const auto& enrollment : demo_.at("enrollments")) {
    const json& offering = offerings.at(enrollment.at("offering_id"));
    EXPECT_EQ(home.at(enrollment.at("person_id")), offering.at("center_id"));
    const std::string status = enrollment.at("status");
    statuses.insert(status);
    taken[offering.at("id")] += (status == "confirmed" || status == "requested") ? 1 : 0;
  }
  for (const auto& [id, seats] : taken) {
    EXPECT_LE(seats, offerings.at(id).at("capacity").get<int>()) << id;
  }
  EXPECT_EQ(statuses, (std::set<std::string>{"confirmed", "requested", "waitlisted"}));
}

}  // namespace
}  // namespace raida::core
