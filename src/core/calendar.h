// Calendar dates for the certification rules (results due in 3 weeks, awards
// valid 24 months, rounds open on set days). Civil dates in UTC, no clock:
// callers pass the time. Dates are "YYYY-MM-DD" at every boundary.
#pragma once

#include <cstdint>
#include <string>

#include "core/organisation.h"
#include "core/result.h"

namespace valuemark {

// Days since 1970-01-01 (may be negative).
using Days = int64_t;

struct CivilDate {
  int year = 1970;
  unsigned month = 1;  // 1..12
  unsigned day = 1;    // 1..31
  auto operator<=>(const CivilDate&) const = default;
};

Days DaysFromCivil(const CivilDate& d);
CivilDate CivilFromDays(Days days);
// The UTC day a moment falls on.
inline Days DayOf(UnixTime t) { return t >= 0 ? t / 86400 : (t - 86399) / 86400; }
// "YYYY-MM-DD" of a real calendar day; InvalidArgument otherwise.
Result<CivilDate> ParseDate(const std::string& text);
std::string FormatDate(const CivilDate& d);
std::string FormatDay(Days days);
// The same day `months` later; the 29th-31st fall back to the month's last day
// (2024-02-29 + 24 months = 2026-02-28).
CivilDate AddMonths(const CivilDate& d, int months);

}  // namespace valuemark
