#include "core/calendar.h"

#include <gtest/gtest.h>

namespace valuemark {
namespace {

TEST(CalendarParse, DatesAreExactDigitsOfARealDay) {
  EXPECT_EQ(*ParseDate("2024-02-29"), (CivilDate{2024, 2, 29}));  // a leap year
  EXPECT_EQ(*ParseDate("2000-02-29"), (CivilDate{2000, 2, 29}));  // divisible by 400
  EXPECT_EQ(*ParseDate("2024-12-31"), (CivilDate{2024, 12, 31}));
  for (const char* bad :
       {"2024-+1-01", "2024-02-30", "2023-02-29", "1900-02-29", " 2024-01-01", "2024-01-01 ",
        "2024-1-01", "2024-01-1", "+024-01-01", "-024-01-01", "2024-00-10", "2024-13-01",
        "2024-01-00", "2024-04-31", "2024/01/01", "2024-01-0x", "20240101", "", "2024-01- 1"}) {
    auto d = ParseDate(bad);
    EXPECT_FALSE(d.has_value()) << bad;
    if (!d) {
      EXPECT_EQ(d.error().code, ErrorCode::kInvalidArgument);
      EXPECT_NE(d.error().message.find("YYYY-MM-DD"), std::string::npos);
    }
  }
}

TEST(CalendarParse, TimestampsAreRfc3339WithZOrAnOffset) {
  const UnixTime end_of_2024 = StartOfDay({2024, 12, 31}) + 23 * 3600 + 59 * 60 + 59;
  EXPECT_EQ(*ParseTimestamp("2024-12-31T23:59:59Z"), end_of_2024);
  EXPECT_EQ(*ParseTimestamp("2025-01-01T00:59:59+01:00"), end_of_2024);
  EXPECT_EQ(*ParseTimestamp("2024-12-31T18:29:59-05:30"), end_of_2024);
  EXPECT_EQ(*ParseTimestamp("2024-12-31T23:59:59.123Z"), end_of_2024);  // fractions dropped
  EXPECT_EQ(*ParseTimestamp("2024-02-29T00:00:00Z"), StartOfDay({2024, 2, 29}));
  EXPECT_EQ(*ParseTimestamp("1970-01-01T00:00:00Z"), 0);
  for (const char* bad :
       {"2024-01-01T25:00:00Z", "2024-01-01T24:00:00Z", "2024-01-01T23:60:00Z",
        "2024-01-01T23:59:61Z", "2024-+1-01T00:00:00Z", "2023-02-29T00:00:00Z",
        " 2024-01-01T00:00:00Z", "2024-01-01 00:00:00Z", "2024-01-01T00:00:00",
        "2024-01-01T0:00:00Z", "2024-01-01T00:00:00+1:00", "2024-01-01T00:00:00+01:60",
        "2024-01-01T00:00:00+0100", "2024-01-01T00:00:00.Z", "2024-01-01T00:00:00ZZ",
        "2024-01-01T+1:00:00Z", "2024-01-01", "2024-01-01T00:00:00Z "}) {
    auto t = ParseTimestamp(bad);
    EXPECT_FALSE(t.has_value()) << bad;
    if (!t) {
      EXPECT_EQ(t.error().code, ErrorCode::kInvalidArgument);
    }
  }
}

TEST(ReadableDate, IsTheWebAppsFormat) {
  EXPECT_EQ(ReadableDate({2026, 12, 5}), "5 Dec 2026");
  EXPECT_EQ(ReadableDate({2025, 1, 31}), "31 Jan 2025");
  EXPECT_EQ(ReadableDate(std::string("2028-11-30")), "30 Nov 2028");
  EXPECT_EQ(ReadableDate(std::string("soon")), "soon");
  EXPECT_EQ(ReadableDate(CivilFromDays(DayOf(1764892800))), "5 Dec 2025");
}

}  // namespace
}  // namespace valuemark
