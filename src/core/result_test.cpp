#include "core/result.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace valuemark {
namespace {

Result<int> Half(int n) {
  if (n % 2 != 0) return Fail(Error::Make(ErrorCode::kInvalidArgument, "odd"));
  return n / 2;
}

Result<void> CheckPositive(int n) {
  if (n <= 0) return Fail(Error::Make(ErrorCode::kFailedPrecondition, "not positive"));
  return {};
}

// Calls on after the first success, returns the first error.
Result<std::string> Quarter(int n) {
  TRY(CheckPositive(n));
  const int half = TRY(Half(n));
  return std::to_string(TRY(Half(half)));
}

Result<std::unique_ptr<int>> Boxed(int n) { return std::make_unique<int>(n); }

Result<int> Unbox(int n) {
  std::unique_ptr<int> box = TRY(Boxed(n));  // a move-only value moves out
  return *box;
}

TEST(Try, GivesTheValueOrReturnsTheError) {
  EXPECT_EQ(Quarter(12).value(), "3");
  EXPECT_EQ(Quarter(6).error().message, "odd");
  EXPECT_EQ(Quarter(-4).error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(Unbox(7).value(), 7);
}

TEST(Try, KeepsTheRetryAfterOfTheError) {
  auto limited = []() -> Result<int> {
    return Fail(Error::RetryLater(ErrorCode::kResourceExhausted, "wait", 42));
  };
  auto caller = [&]() -> Result<void> {
    TRY(limited());
    return {};
  };
  EXPECT_EQ(caller().error().retry_after_seconds, 42);
}

}  // namespace
}  // namespace valuemark
