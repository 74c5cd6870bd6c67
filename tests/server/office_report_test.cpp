// The participants report over loopback: a few thousand generated participants with random age,
// gender, employment status, center and enrollment status, and every count of the CSV and of
// the XLSX (read back from the workbook's XML) checked against counts computed directly with SQL;
// the coordinator's report holds only their center; every role may open it.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <random>
#include <regex>
#include <set>

#include "server/office_test_support.h"

namespace raida::server::testing_office {
namespace {

using web::OfficeRole;

constexpr int kPeople = 3000;
constexpr const char* kFrom = "2026-01-01";
constexpr const char* kTo = "2026-12-31";

// (section, category, center id) -> count, as a downloaded table says.
using Counts = std::map<std::tuple<std::string, std::string, std::string>, int64_t>;

std::vector<std::string> SplitCsvLine(const std::string& line) {
  std::vector<std::string> cells(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
      cells.back() += '"';
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      cells.emplace_back();
    } else {
      cells.back() += c;
    }
  }
  return cells;
}

Counts ParseCsv(std::string csv) {
  EXPECT_EQ(csv.rfind("\xEF\xBB\xBF", 0), 0u) << "the CSV starts with a byte-order mark";
  csv.erase(0, 3);
  Counts counts;
  size_t start = csv.find("\r\n") + 2;  // after the header
  while (start < csv.size()) {
    const size_t end = csv.find("\r\n", start);
    const std::vector<std::string> cells = SplitCsvLine(csv.substr(start, end - start));
    EXPECT_EQ(cells.size(), 5u);
    if (cells.size() == 5) {
      counts[{cells[0], cells[1], cells[2]}] = std::stoll(cells[4]);
    }
    start = end + 2;
  }
  return counts;
}

std::string XmlText(std::string text) {
  const std::pair<const char*, const char*> entities[] = {
      {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}};
  for (const auto& [entity, plain] : entities) {
    for (size_t at = text.find(entity); at != std::string::npos; at = text.find(entity, at + 1)) {
      text.replace(at, std::string(entity).size(), plain);
    }
  }
  return text;
}

// The first worksheet of an XLSX (a zip) through `unzip -p`: rows of cell texts.
Counts ParseXlsx(const std::string& xlsx, const std::filesystem::path& dir) {
  const std::filesystem::path file = dir / "report.xlsx";
  std::ofstream(file, std::ios::binary) << xlsx;
  const std::string command = "unzip -p '" + file.string() + "' xl/worksheets/sheet1.xml";
  std::string xml;
  FILE* pipe = popen(command.c_str(), "r");
  EXPECT_NE(pipe, nullptr);
  char buffer[65536];
  for (size_t n; pipe != nullptr && (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) {
    xml.append(buffer, n);
  }
  EXPECT_EQ(pipe != nullptr ? pclose(pipe) : -1, 0) << "unzip failed";
  static const std::regex kRow(R"(<row[^>]*>(.*?)</row>)");
  static const std::regex kCell(
      R"(<c r="[A-Z]+\d+"[^>]*>(?:<is><t[^>]*>([^<]*)</t></is>|<v>([^<]*)</v>)</c>)");
  Counts counts;
  bool header = true;
  for (auto row = std::sregex_iterator(xml.begin(), xml.end(), kRow); row != std::sregex_iterator();
       ++row) {
    const std::string cells_xml = (*row)[1];
    std::vector<std::string> cells;
    for (auto cell = std::sregex_iterator(cells_xml.begin(), cells_xml.end(), kCell);
         cell != std::sregex_iterator(); ++cell) {
      cells.push_back((*cell)[1].matched ? XmlText((*cell)[1]) : std::string((*cell)[2]));
    }
    if (header) {
      header = false;
      EXPECT_EQ(cells.size(), 5u);
      continue;
    }
    // A cell with an empty string (the district row's center id) is not written at all.
    if (cells.size() == 4) {
      cells.insert(cells.begin() + 2, "");
    }
    EXPECT_EQ(cells.size(), 5u);
    if (cells.size() == 5) {
      counts[{cells[0], cells[1], cells[2]}] = std::stoll(cells[4]);
    }
  }
  return counts;
}

// The SQL condition of each category (English labels as the CSV shows them), age in 2026.
const std::vector<std::tuple<std::string, std::string, std::string>>& Categories() {
  static const std::vector<std::tuple<std::string, std::string, std::string>> kCategories = {
      {"Age band", "Under 30", "p.birth_year > 1996"},
      {"Age band", "30–49", "p.birth_year BETWEEN 1977 AND 1996"},
      {"Age band", "50–64", "p.birth_year BETWEEN 1962 AND 1976"},
      {"Age band", "65 and over", "p.birth_year <= 1961"},
      {"Age band", "50 and over (subtotal)", "p.birth_year <= 1976"},
      {"Age band", "Not recorded", "p.birth_year IS NULL"},
      {"Gender", "Female", "p.gender = 'female'"},
      {"Gender", "Male", "p.gender = 'male'"},
      {"Gender", "Other", "p.gender = 'other'"},
      {"Gender", "Not recorded", "p.gender = ''"},
      {"Employment status", "Employed", "p.employment_status = 'employed'"},
      {"Employment status", "Unemployed", "p.employment_status = 'unemployed'"},
      {"Employment status", "Retired", "p.employment_status = 'retired'"},
      {"Employment status", "Not in the labour force", "p.employment_status = 'inactive'"},
      {"Employment status", "Not recorded", "p.employment_status = ''"}};
  return kCategories;
}

class OfficeReportTest : public OfficeServerTest {
 protected:
  // People with random attributes and enrollments in offerings inside, outside and around the
  // period, some cancelled, removed, erased or merged, written directly into the database.
  void Generate();
  // The participants of `center` ("" = all) in `condition`, counted directly.
  int64_t Direct(const std::string& center, const std::string& condition);
  // Every count of `counts` against Direct(); `centers` are the centers expected in it.
  void ExpectMatchesDatabase(const Counts& counts, const std::vector<std::string>& centers,
                             const std::string& what);
  void Exec(const std::string& sql) {
    auto stmt = app_->store().db().Prepare(sql);
    ASSERT_TRUE(stmt.ok()) << sql;
    ASSERT_TRUE(stmt->Run().ok()) << sql;
  }
};

void OfficeReportTest::Generate() {
  const std::vector<std::string> centers = {"center.bajorai", "center.salos", "center.juodupe",
                                            "center.juzintai", "center.pandelys"};
  std::mt19937 random(20260101);
  auto pick = [&](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
  core::Store::ApplyingScope applying(app_->store());
  auto scope = app_->store().BeginWrite();
  ASSERT_TRUE(scope.ok());
  std::vector<std::string> offerings;
  for (const std::string& center : centers) {
    const std::pair<const char*, const char*> periods[] = {{"2026-03-01", "2026-04-30"},
                                                           {"2025-11-01", "2026-01-15"},
                                                           {"2026-12-20", "2027-02-01"},
                                                           {"2027-03-01", "2027-04-01"},
                                                           {"2026-05-01", "2026-06-01"}};
    for (size_t i = 0; i < std::size(periods); ++i) {
      const std::string id = "offering.gen." + center + "." + std::to_string(i);
      Exec(
          "INSERT INTO course_offering(id, course_id, center_id, starts_on, ends_on, capacity, "
          "cancelled, hlc, origin) VALUES ('" +
          id + "', 'course.computer-first-steps', '" + center + "', '" + periods[i].first + "', '" +
          periods[i].second + "', 500, " + (i == 4 ? "1" : "0") + ", 1, 0)");
      offerings.push_back(id);
    }
  }
  const char* genders[] = {"", "female", "male", "other"};
  const char* jobs[] = {"", "employed", "unemployed", "retired", "inactive"};
  const char* statuses[] = {"requested", "confirmed", "waitlisted",
                            "cancelled", "attended",  "completed"};
  for (int i = 0; i < kPeople; ++i) {
    const std::string id = "person.gen." + std::to_string(i);
    const std::string year = pick(10) == 0 ? "NULL" : std::to_string(1935 + pick(72));
    Exec(
        "INSERT INTO person(id, home_center_id, given_name, family_name, birth_year, gender, "
        "employment_status, erased, hlc, origin) VALUES ('" +
        id + "', '" + centers[static_cast<size_t>(pick(5))] + "', 'Gen', 'Person" +
        std::to_string(i) + "', " + year + ", '" + genders[pick(4)] + "', '" + jobs[pick(5)] +
        "', " + (pick(50) == 0 ? "1" : "0") + ", 1, 0)");
    std::set<size_t> chosen;
    for (int n = 1 + pick(3); n > 0; --n) {
      chosen.insert(static_cast<size_t>(pick(static_cast<int>(offerings.size()))));
    }
    for (const size_t o : chosen) {
      Exec(
          "INSERT INTO enrollment(id, offering_id, person_id, status, requested_at_ms, deleted, "
          "hlc, origin) VALUES ('enr.gen." +
          std::to_string(i) + "." + std::to_string(o) + "', '" + offerings[o] + "', '" + id +
          "', '" + statuses[pick(6)] + "', 0, " + (pick(30) == 0 ? "1" : "0") + ", 1, 0)");
    }
  }
  // A few merged people: their records count under the survivor, never twice.
  Exec(
      "UPDATE person SET merged_into = 'person.gen.1' WHERE id IN ('person.gen.2', "
      "'person.gen.3')");
  ASSERT_TRUE(scope->Commit().ok());
}

int64_t OfficeReportTest::Direct(const std::string& center, const std::string& condition) {
  return std::stoll(Query(
      "SELECT count(DISTINCT p.id) FROM person p JOIN enrollment e ON e.person_id = p.id JOIN "
      "course_offering o ON o.id = e.offering_id WHERE e.deleted = 0 AND e.status IN "
      "('confirmed', 'attended', 'completed') AND o.deleted = 0 AND o.cancelled = 0 AND "
      "o.starts_on <= '2026-12-31' AND o.ends_on >= '2026-01-01' AND p.erased = 0 AND "
      "p.merged_into IS NULL AND p.deleted = 0 AND (" +
      condition + ")" + (center.empty() ? "" : " AND o.center_id = '" + center + "'")));
}

void OfficeReportTest::ExpectMatchesDatabase(const Counts& counts,
                                             const std::vector<std::string>& centers,
                                             const std::string& what) {
  EXPECT_EQ(counts.size(), Categories().size() * (centers.size() + 1)) << what;
  std::vector<std::string> all = centers;
  all.push_back("");
  for (const auto& [section, category, condition] : Categories()) {
    for (const std::string& center : all) {
      const auto found = counts.find({section, category, center});
      ASSERT_NE(found, counts.end()) << what << ": " << section << "/" << category << "/" << center;
      EXPECT_EQ(found->second, Direct(center, condition))
          << what << ": " << section << "/" << category << "/" << center;
    }
  }
  // The categories of a breakdown (without the subtotal) add up to all participants.
  for (const char* section : {"Age band", "Gender", "Employment status"}) {
    int64_t sum = 0;
    for (const auto& [key, count] : counts) {
      if (std::get<0>(key) == section && std::get<2>(key).empty() &&
          std::get<1>(key) != "50 and over (subtotal)") {
        sum += count;
      }
    }
    EXPECT_EQ(sum, Direct("", "1")) << what << ": " << section;
  }
}

TEST_F(OfficeReportTest, CsvAndXlsxTotalsEqualCountsComputedFromTheDatabase) {
  Generate();
  AddUser("ona", OfficeRole::kAdmin);
  OfficeBrowser browser = Browser();
  ASSERT_EQ(browser.SignIn("ona", kPassphrase)->status, 303);
  ASSERT_TRUE(browser.Get("/office/lang?to=en"));
  EXPECT_GT(Direct("", "1"), 1000) << "the generated data gives a few thousand participants";
  const std::string query = std::string("?from=") + kFrom + "&to=" + kTo;
  auto csv = browser.Get("/office/report.csv" + query);
  ASSERT_TRUE(csv);
  ASSERT_EQ(csv->status, 200);
  EXPECT_EQ(csv->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  const std::vector<std::string> centers = {"center.bajorai", "center.juodupe", "center.juzintai",
                                            "center.pandelys", "center.salos"};
  ExpectMatchesDatabase(ParseCsv(csv->body), centers, "CSV");
  auto xlsx = browser.Get("/office/report.xlsx" + query);
  ASSERT_TRUE(xlsx);
  ASSERT_EQ(xlsx->status, 200);
  EXPECT_EQ(xlsx->body.rfind("PK", 0), 0u) << "an XLSX is a zip";
  ExpectMatchesDatabase(ParseXlsx(xlsx->body, dir_.path()), centers, "XLSX");
  auto page = browser.Get("/office/report" + query);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find(std::string("Participants from ") + kFrom + " to " + kTo + ": " +
                            std::to_string(Direct("", "1"))),
            std::string::npos);
}

TEST_F(OfficeReportTest, ACoordinatorGetsOnlyTheirCenterAndTheAnalystMayOpenIt) {
  Generate();
  AddUser("jonas", OfficeRole::kCoordinator, "center.salos");
  AddUser("rasa", OfficeRole::kAnalyst);
  OfficeBrowser coordinator = Browser();
  ASSERT_EQ(coordinator.SignIn("jonas", kPassphrase)->status, 303);
  ASSERT_TRUE(coordinator.Get("/office/lang?to=en"));
  // Asking for another center changes nothing: the report is always the coordinator's own.
  auto csv = coordinator.Get(std::string("/office/report.csv?from=") + kFrom + "&to=" + kTo +
                             "&center=center.bajorai");
  ASSERT_TRUE(csv);
  ASSERT_EQ(csv->status, 200);
  const Counts counts = ParseCsv(csv->body);
  EXPECT_EQ(counts.size(), Categories().size() * 2);
  for (const auto& [key, count] : counts) {
    EXPECT_TRUE(std::get<2>(key) == "center.salos" || std::get<2>(key).empty());
    const auto own = counts.find({std::get<0>(key), std::get<1>(key), "center.salos"});
    ASSERT_NE(own, counts.end());
    EXPECT_EQ(count, own->second) << "the total of a one-center report is that center";
  }
  EXPECT_EQ(csv->body.find("center.bajorai"), std::string::npos);
  OfficeBrowser analyst = Browser();
  ASSERT_EQ(analyst.SignIn("rasa", kPassphrase)->status, 303);
  auto page = analyst.Get("/office/report");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_EQ(page->body.find("Person1"), std::string::npos) << "no name on the report";
  auto xlsx = analyst.Get("/office/report.xlsx");
  ASSERT_TRUE(xlsx);
  EXPECT_EQ(xlsx->status, 200);
  OfficeBrowser anonymous = Browser();
  for (const char* path : {"/office/report", "/office/report.csv", "/office/report.xlsx"}) {
    auto answer = anonymous.Get(path);
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->status, 303) << path;
  }
}

TEST_F(OfficeReportTest, HostileCenterNamesAreEscapedAndNeverRunAsFormulas) {
  Generate();
  {
    core::Store::ApplyingScope applying(app_->store());  // catalog rows are the server's own
    Exec("UPDATE center SET name = '<img src=x onerror=alert(1)>' WHERE id = 'center.salos'");
    Exec(
        "UPDATE center SET name = '=HYPERLINK(\"http://x\",\"y\")' WHERE id = "
        "'center.bajorai'");
  }
  AddUser("ona", OfficeRole::kAdmin);
  OfficeBrowser browser = Browser();
  ASSERT_EQ(browser.SignIn("ona", kPassphrase)->status, 303);
  for (const char* path : {"/office/report", "/office/catalog"}) {
    auto page = browser.Get(path);
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 200) << path;
    EXPECT_EQ(page->body.find("<img"), std::string::npos) << path;
    EXPECT_NE(page->body.find("&lt;img src=x onerror=alert(1)&gt;"), std::string::npos) << path;
  }
  auto csv = browser.Get("/office/report.csv");
  ASSERT_TRUE(csv);
  EXPECT_NE(csv->body.find(",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\","), std::string::npos)
      << "a cell starting with = is defused with an apostrophe and quoted";
  EXPECT_EQ(csv->body.find(",=HYPERLINK"), std::string::npos);
}

}  // namespace
}  // namespace raida::server::testing_office
