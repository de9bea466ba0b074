#include "core/calendar.h"

#include <fmt/format.h>

#include <cstdio>

namespace valuemark {

// Howard Hinnant's days_from_civil / civil_from_days (public domain), exact
// for the proleptic Gregorian calendar.
Days DaysFromCivil(const CivilDate& d) {
  const int y = d.year - (d.month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (d.month + (d.month > 2 ? -3 : 9)) + 2) / 5 + d.day - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<Days>(era) * 146097 + static_cast<Days>(doe) - 719468;
}

CivilDate CivilFromDays(Days z) {
  z += 719468;
  const Days era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const Days y = static_cast<Days>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return CivilDate{static_cast<int>(y + (m <= 2 ? 1 : 0)), m, d};
}

namespace {
unsigned DaysInMonth(int year, unsigned month) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}
}  // namespace

Result<CivilDate> ParseDate(const std::string& text) {
  int y = 0;
  unsigned m = 0, d = 0;
  char extra = 0;
  if (text.size() == 10 && text[4] == '-' && text[7] == '-' &&
      std::sscanf(text.c_str(), "%4d-%2u-%2u%c", &y, &m, &d, &extra) == 3 && m >= 1 && m <= 12 &&
      d >= 1 && d <= DaysInMonth(y, m))
    return CivilDate{y, m, d};
  return Fail(Error::Make(ErrorCode::kInvalidArgument,
                          fmt::format("must be a date written YYYY-MM-DD, got \"{}\"", text)));
}

std::string FormatDate(const CivilDate& d) {
  return fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day);
}
std::string FormatDay(Days days) { return FormatDate(CivilFromDays(days)); }

CivilDate AddMonths(const CivilDate& d, int months) {
  const int index = d.year * 12 + static_cast<int>(d.month) - 1 + months;
  CivilDate out{index / 12, static_cast<unsigned>(index % 12) + 1, d.day};
  out.day = std::min(out.day, DaysInMonth(out.year, out.month));
  return out;
}

}  // namespace valuemark
