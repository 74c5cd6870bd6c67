// The Catalog page over loopback: courses, offerings with capacity and seats taken (a
// coordinator sees their own center's), lesson packs with their published versions, and
// publishing a lesson-pack folder from the page — refused without the session's CSRF token or for
// any role but the administrator, refused with every problem (file and line) when the content
// check fails, refused for a version that is not newer, and then published for the kiosks.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "server/office_test_support.h"

namespace raida::server::testing_office {
namespace {

using web::OfficeRole;
namespace fs = std::filesystem;

bool Contains(const httplib::Result& result, const std::string& text) {
  return result && result->body.find(text) != std::string::npos;
}

class OfficeCatalogTest : public OfficeServerTest {
 protected:
  // A copy of the shipped computer-first-steps pack with "version" set to `version`.
  fs::path CopyPack(const std::string& name, int version) {
    const fs::path target = dir_.path() / name;
    fs::copy(fs::path(RAIDA_SOURCE_DIR) / "assets/lessons/computer-first-steps", target,
             fs::copy_options::recursive);
    std::ifstream in(target / "manifest.json");
    std::string manifest((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    manifest = std::regex_replace(manifest, std::regex(R"("version": \d+)"),
                                  "\"version\": " + std::to_string(version));
    std::ofstream(target / "manifest.json") << manifest;
    return target;
  }
  OfficeBrowser SignedIn(const std::string& login) {
    OfficeBrowser browser = Browser();
    auto answer = browser.SignIn(login, kPassphrase);
    EXPECT_TRUE(answer && answer->status == 303);
    browser.Get("/office/lang?to=en");
    return browser;
  }
};

TEST_F(OfficeCatalogTest, ShowsCoursesOfferingsWithSeatsAndACoordinatorsOwnCenter) {
  AddUser("ona", OfficeRole::kAdmin);
  AddUser("jonas", OfficeRole::kCoordinator, "center.salos");
  AddUser("rasa", OfficeRole::kAnalyst);
  auto page = SignedIn("ona").Get("/office/catalog");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_TRUE(Contains(page, "Computer and tablet: first steps"));
  // The first offering of the demo with its capacity and the seats taken, counted directly.
  const std::string taken = Query(
      "SELECT count(*) FROM enrollment WHERE offering_id = 'offering.bajorai.1' AND "
      "deleted = 0 AND status IN ('confirmed', 'attended', 'completed')");
  const std::string dates = Query(
      "SELECT starts_on || ' – ' || ends_on FROM course_offering WHERE id = "
      "'offering.bajorai.1'");
  const std::regex row("<td[^>]*>" + dates + "</td><td[^>]*>[^<]*</td><td[^>]*>6</td><td[^>]*>" +
                       taken + "</td>");
  EXPECT_TRUE(std::regex_search(page->body, row)) << "capacity 6, " << taken << " taken";
  EXPECT_TRUE(Contains(page, "name=\"folder\""));
  const std::string salos = Query("SELECT name FROM center WHERE id = 'center.salos'");
  const std::string bajorai = Query("SELECT name FROM center WHERE id = 'center.bajorai'");
  auto own = SignedIn("jonas").Get("/office/catalog");
  ASSERT_TRUE(own);
  EXPECT_EQ(own->status, 200);
  EXPECT_TRUE(Contains(own, "<td data-label=\"Center\" class=\"\">" + salos));
  EXPECT_FALSE(Contains(own, "<td data-label=\"Center\" class=\"\">" + bajorai));
  EXPECT_FALSE(Contains(own, "name=\"folder\"")) << "publishing is for the administrator";
  auto analyst = SignedIn("rasa").Get("/office/catalog");
  ASSERT_TRUE(analyst);
  EXPECT_EQ(analyst->status, 200);
  EXPECT_FALSE(Contains(analyst, "name=\"folder\""));
}

TEST_F(OfficeCatalogTest, PublishingAPackNeedsTheAdministratorTheTokenAndACleanCheck) {
  AddUser("ona", OfficeRole::kAdmin);
  AddUser("rasa", OfficeRole::kAnalyst);
  const fs::path v1 = CopyPack("pack-v1", 1);
  OfficeBrowser admin = SignedIn("ona");
  admin.Get("/office/catalog");
  auto forged = admin.Post("/office/catalog/publish", {{"folder", v1.string()}});
  ASSERT_TRUE(forged);
  EXPECT_EQ(forged->status, 403);
  OfficeBrowser analyst = SignedIn("rasa");
  analyst.Get("/office/catalog");
  auto refused =
      analyst.Post("/office/catalog/publish", {{"folder", v1.string()}, {"csrf", analyst.csrf()}});
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403);
  EXPECT_EQ(Query("SELECT count(*) FROM lesson_pack"), "0");

  // A broken lesson: every problem with its file and line, nothing published.
  const fs::path broken = CopyPack("pack-broken", 1);
  std::ofstream(broken / "lesson-02.json") << "{\n  \"id\": \"l2\",\n  oops\n}\n";
  auto problems =
      admin.Post("/office/catalog/publish", {{"folder", broken.string()}, {"csrf", admin.csrf()}});
  ASSERT_TRUE(problems);
  EXPECT_EQ(problems->status, 422);
  EXPECT_TRUE(Contains(problems, "lesson-02.json:3:")) << problems->body;
  EXPECT_EQ(Query("SELECT count(*) FROM lesson_pack"), "0");

  auto published =
      admin.Post("/office/catalog/publish", {{"folder", v1.string()}, {"csrf", admin.csrf()}});
  ASSERT_TRUE(published);
  EXPECT_EQ(published->status, 200);
  EXPECT_TRUE(Contains(published, "Published pack.computer-first-steps version 1"));
  EXPECT_EQ(Query("SELECT version FROM lesson_pack WHERE id = 'pack.computer-first-steps'"), "1");
  EXPECT_NE(Query("SELECT count(*) FROM change_log WHERE tbl = 'lesson_pack'"), "0")
      << "in the pull feed for the kiosks";

  auto same =
      admin.Post("/office/catalog/publish", {{"folder", v1.string()}, {"csrf", admin.csrf()}});
  ASSERT_TRUE(same);
  EXPECT_EQ(same->status, 409);
  EXPECT_TRUE(Contains(same, "is not newer than the published version 1"));

  const fs::path v2 = CopyPack("pack-v2", 2);
  auto newer =
      admin.Post("/office/catalog/publish", {{"folder", v2.string()}, {"csrf", admin.csrf()}});
  ASSERT_TRUE(newer);
  EXPECT_EQ(newer->status, 200);
  EXPECT_EQ(Query("SELECT version FROM lesson_pack WHERE id = 'pack.computer-first-steps'"), "2");
  EXPECT_TRUE(std::regex_search(
      newer->body, std::regex(R"(>pack\.computer-first-steps</td>.*?>2</td><td[^>]*>1, 2</td>)")))
      << "both published versions are listed";
  auto not_a_folder =
      admin.Post("/office/catalog/publish", {{"folder", "relative/path"}, {"csrf", admin.csrf()}});
  ASSERT_TRUE(not_a_folder);
  EXPECT_EQ(not_a_folder->status, 400);
}

TEST_F(OfficeCatalogTest, AnonymousRequestsGetTheSignInPage) {
  OfficeBrowser anonymous = Browser();
  auto page = anonymous.Get("/office/catalog");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 303);
  auto post = anonymous.Post("/office/catalog/publish", {{"folder", "/tmp"}});
  ASSERT_TRUE(post);
  EXPECT_EQ(post->status, 403);
}

}  // namespace
}  // namespace raida::server::testing_office
