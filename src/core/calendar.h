// Calendar dates and times: the one place the program reads a date or a
// timestamp, for the certification rules (results due in 3 weeks, awards
// valid 24 months, rounds open on set days), surveys' opening days, pledges,
// decisions and the stored records' times. Civil dates in UTC, no clock:
// callers pass the time. Dates are "YYYY-MM-DD" at every boundary, times
// RFC 3339.
//
// Reading is strict: exactly the digits the form names (no sign, no space, no
// missing leading zero), a real calendar day (2024-02-29 is one, 2023-02-29
// and 2024-02-30 are not), hours 00-23, minutes 00-59, seconds 00-60 (a leap
// second is counted as the next second).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

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
Result<CivilDate> ParseDate(std::string_view text);
// An RFC 3339 timestamp, "YYYY-MM-DDTHH:MM:SS" with optional fractional
// seconds (dropped) and "Z" or an offset "+HH:MM"/"-HH:MM", as the moment it
// names; InvalidArgument otherwise.
Result<UnixTime> ParseTimestamp(std::string_view text);
// The seconds since the epoch of 00:00 UTC on a date.
inline UnixTime StartOfDay(const CivilDate& d) { return DaysFromCivil(d) * 86400; }
std::string FormatDate(const CivilDate& d);
std::string FormatDay(Days days);
// The date as people read it everywhere in the product (the web app's
// format): "5 Dec 2026".
std::string ReadableDate(const CivilDate& d);
// "30 Nov 2028" for "2028-11-30"; the text itself when it is not a date.
std::string ReadableDate(std::string_view iso_date);
// The same day `months` later; the 29th-31st fall back to the month's last day
// (2024-02-29 + 24 months = 2026-02-28).
CivilDate AddMonths(const CivilDate& d, int months);

}  // namespace valuemark
