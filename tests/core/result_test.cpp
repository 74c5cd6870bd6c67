// Result<T>, Status and the propagation macros.
#include "raida/core/result.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace raida::core {
namespace {

Result<int> Half(int value) {
  if (value % 2 != 0) {
    return MakeError(ErrorCode::kInvalidArgument, "odd");
  }
  return value / 2;
}

Result<int> Quarter(int value) {
  RAIDA_ASSIGN_OR_RETURN(int half, Half(value));
  return Half(half);
}

Status CheckEven(int value) {
  RAIDA_TRY(Half(value));
  return Ok();
}

Result<std::unique_ptr<int>> MoveOnly() { return std::make_unique<int>(7); }

Result<int> UseMoveOnly() {
  RAIDA_ASSIGN_OR_RETURN(std::unique_ptr<int> p, MoveOnly());
  return *p;
}

TEST(ResultTest, ValueAndError) {
  Result<int> ok = 4;
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, 4);
  Result<int> bad = MakeError(ErrorCode::kNotFound, "missing");
  ASSERT_FALSE(bad.ok());
  EXPECT_FALSE(static_cast<bool>(bad));
  EXPECT_EQ(bad.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(bad.error().message, "missing");
}

TEST(ResultTest, MacrosPropagateTheFirstError) {
  EXPECT_EQ(*Quarter(8), 2);
  EXPECT_EQ(Quarter(6).error().message, "odd");  // 6 -> 3 -> odd
  EXPECT_EQ(Quarter(5).error().code, ErrorCode::kInvalidArgument);
  EXPECT_TRUE(CheckEven(4).ok());
  EXPECT_FALSE(CheckEven(3).ok());
  EXPECT_EQ(*UseMoveOnly(), 7);
}

TEST(ResultTest, StatusDefaultsToOk) {
  Status status;
  EXPECT_TRUE(status.ok());
  Status failed = MakeError(ErrorCode::kBusy, "locked");
  EXPECT_EQ(failed.error().code, ErrorCode::kBusy);
}

TEST(ResultTest, ErrorCodeNamesAreStable) {
  EXPECT_STREQ(ErrorCodeName(ErrorCode::kInvalidArgument), "invalid_argument");
  EXPECT_STREQ(ErrorCodeName(ErrorCode::kTooNew), "too_new");
  EXPECT_STREQ(ErrorCodeName(ErrorCode::kCorrupt), "corrupt");
  EXPECT_STREQ(ErrorCodeName(ErrorCode::kInternal), "internal");
}

TEST(ResultDeathTest, ValueOfAnErrorAborts) {
  Result<int> bad = MakeError(ErrorCode::kIo, "disk");
  EXPECT_DEATH((void)bad.value(), "check failed");
}

}  // namespace
}  // namespace raida::core
