#include "core/number_format.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace valuemark {
namespace {

TEST(NumberFormat, GroupsDigitsAndPutsTheSignFirst) {
  EXPECT_EQ(GroupedNumber(1234567.891, "\u00a3", 2), "\u00a31,234,567.89");
  EXPECT_EQ(GroupedNumber(-1234.5, "\u00a3", 2), "-\u00a31,234.50");
  EXPECT_EQ(GroupedNumber(999), "999");
  EXPECT_EQ(GroupedNumber(-0.001, "", 2), "0.00");
  EXPECT_EQ(GroupedNumber(1000000), "1,000,000");
}

TEST(NumberFormat, NonFiniteValuesAreWordsNotACrash) {
  EXPECT_EQ(GroupedNumber(std::numeric_limits<double>::infinity(), "\u00a3", 2),
            "not a finite number");
  EXPECT_EQ(GroupedNumber(std::nan(""), "", 2), "not a finite number");
  // The largest double still formats: 309 digits, grouped.
  EXPECT_EQ(GroupedNumber(1e308).size(), 309u + 102u);
}

}  // namespace
}  // namespace valuemark
