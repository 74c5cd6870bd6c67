// Lesson packs through sync: a pack row of about 100 KB (one JSON document, as
// core::PackRow makes it) reaches a kiosk through the pull feed intact, with the client's
// default page budget (256 KB) and with a budget far smaller than the row: a page always carries
// at least one change, so a large row travels alone in its page instead of blocking the feed.
#include <gtest/gtest.h>

#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "engine_fixture.h"
#include "raida/core/lesson_pack.h"
#include "raida/core/lesson_repository.h"

namespace raida::server {
namespace {

// The fixture pack with its first lesson padded with pages until the document is ~100 KB.
core::LessonPack BigPack() {
  auto pack = core::ReadPackFolder(std::string(RAIDA_SOURCE_DIR) +
                                   "/tests/data/lessons/fixture-first-steps");
  EXPECT_TRUE(pack.ok()) << pack.error().message;
  core::PackDocument document = pack.ok() ? *pack : core::PackDocument{};
  const std::string words(900, 'x');
  for (int i = 0; core::PackDocumentJson(document).size() < 100'000; ++i) {
    core::LessonPage page;
    page.id = "extra" + std::to_string(i);
    page.text = {{"lt", words}, {"pl", words}, {"en", words}};
    document.lessons[0].pages.push_back(page);
  }
  return core::PackRow(document);
}

class LessonPackSyncTest : public EngineTest {
 protected:
  void Publish(const core::LessonPack& row) {
    {
      core::Store::ApplyingScope applying(*store_);
      ASSERT_TRUE(core::LessonRepository(*store_).UpsertPack(row).ok());
    }
    ASSERT_TRUE(engine_->PublishAll().ok());
  }

  // Pulls every page with `max_bytes`; returns the pack row's columns as pulled and counts the
  // changes in the page that carried it.
  std::string PullPack(int64_t device, int64_t max_bytes, size_t& page_size, int& pages) {
    int64_t cursor = 0;
    std::string cols;
    for (pages = 1; pages < 1000; ++pages) {
      sync::SyncRequest request = Request(device, {}, cursor);
      request.max_bytes = max_bytes;
      const HttpReply reply = engine_->HandleSync(device, sync::SerializeRequest(request));
      EXPECT_EQ(reply.status, 200) << reply.body;
      auto response = sync::ParseResponse(reply.body);
      EXPECT_TRUE(response.ok());
      if (!response.ok()) {
        return "";
      }
      for (const auto& change : response->changes) {
        if (change.table == "lesson_pack") {
          cols = change.cols_json;
          page_size = response->changes.size();
        }
      }
      cursor = response->next;
      if (!response->more) {
        break;
      }
    }
    return cols;
  }
};

TEST_F(LessonPackSyncTest, AHundredKilobytePackRowComesThroughWhole) {
  const core::LessonPack row = BigPack();
  ASSERT_GE(row.manifest.size(), 100'000u);
  Publish(row);
  const int64_t device = NewDevice("center.bajorai");
  for (const int64_t budget : {int64_t{262'144}, int64_t{16'384}}) {
    size_t page_size = 0;
    int pages = 0;
    const std::string cols = PullPack(device, budget, page_size, pages);
    ASSERT_FALSE(cols.empty()) << "budget " << budget;
    const auto json = nlohmann::json::parse(cols);
    EXPECT_EQ(json.at("manifest").get<std::string>(), row.manifest) << "budget " << budget;
    EXPECT_EQ(json.at("checksum").get<std::string>(), row.checksum);
    auto parsed = core::ParsePackDocument(json.at("manifest").get<std::string>());
    EXPECT_TRUE(parsed.ok());
    if (budget < static_cast<int64_t>(row.manifest.size())) {
      EXPECT_EQ(page_size, 1u) << "a row larger than the budget travels alone";
    }
    std::cout << "budget " << budget << " B: the " << row.manifest.size()
              << " B pack row came in a page of " << page_size << " change(s), " << pages
              << " page(s) in all\n";
  }
}

}  // namespace
}  // namespace raida::server
