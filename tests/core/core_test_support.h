// Shared fixtures for the core unit tests: a temporary directory, a store on a manual clock,
// and a small published catalog (one district, center, course, offering and session).
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "raida/core/clock.h"
#include "raida/core/model.h"
#include "raida/core/result.h"
#include "raida/core/store.h"

namespace raida::core::testing {

// A fresh directory under /tmp, removed with everything in it when the object goes away.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// 2026-11-23 10:00:00 UTC, a Monday.
constexpr int64_t kTestNowMs = 1'795'428'000'000;

// Opens a store at `path` (":memory:" by default) on `clock`; fails the test on error.
std::unique_ptr<Store> OpenStore(const Clock& clock, const std::string& path = ":memory:");

// Ids of the catalog SeedCatalog publishes.
struct SeededCatalog {
  std::string district_id = "district.rokiskis";
  std::string center_id = "center.bajorai";
  std::string other_center_id = "center.salos";
  std::string course_id = "course.computer-basics";
  std::string offering_id = "offering.cb-bajorai-1";
  std::string session_id = "session.cb-bajorai-1-1";
  std::string session2_id = "session.cb-bajorai-1-2";
};
// Publishes the catalog above under an ApplyingScope, in one transaction.
SeededCatalog SeedCatalog(Store& store);

// A valid resident of `center_id` (no id: the repository assigns one).
Person SamplePerson(const std::string& center_id, const std::string& given = "Ona",
                    const std::string& family = "Petraitienė");

// Every row of `sql` as text cells joined by '|', one string per row.
std::vector<std::string> QueryRows(Store& store, const std::string& sql);
int64_t QueryInt(Store& store, const std::string& sql);

// ASSERT that a Result/Status is ok, printing the error otherwise.
#define ASSERT_OK(expr)                                                             \
  do {                                                                              \
    const auto& raida_assert_result_ = (expr);                                      \
    ASSERT_TRUE(raida_assert_result_.ok()) << raida_assert_result_.error().message; \
  } while (false)
#define EXPECT_OK(expr)                                                             \
  do {                                                                              \
    const auto& raida_expect_result_ = (expr);                                      \
    EXPECT_TRUE(raida_expect_result_.ok()) << raida_expect_result_.error().message; \
  } while (false)

}  // namespace raida::core::testing
