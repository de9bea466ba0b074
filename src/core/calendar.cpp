#include "core/calendar.h"

#include <fmt/format.h>

#include <charconv>
#include <optional>

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

namespace {

// The number written with exactly `digits` ASCII digits at `at`, or -1: no
// sign, no space, no fewer digits (std::from_chars would take "+1" or "1-").
int Digits(std::string_view text, size_t at, size_t digits) {
  if (at + digits > text.size()) return -1;
  for (size_t i = at; i < at + digits; ++i)
    if (text[i] < '0' || text[i] > '9') return -1;
  int value = 0;
  std::from_chars(text.data() + at, text.data() + at + digits, value);
  return value;
}

std::optional<CivilDate> StrictDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const int y = Digits(text, 0, 4), m = Digits(text, 5, 2), d = Digits(text, 8, 2);
  if (y < 0 || m < 1 || m > 12 || d < 1 || d > static_cast<int>(DaysInMonth(y, m)))
    return std::nullopt;
  return CivilDate{y, static_cast<unsigned>(m), static_cast<unsigned>(d)};
}

// "HH:MM:SS" at `at` as seconds into the day, or -1.
int64_t StrictTimeOfDay(std::string_view text, size_t at) {
  if (at + 8 > text.size() || text[at + 2] != ':' || text[at + 5] != ':') return -1;
  const int h = Digits(text, at, 2), mi = Digits(text, at + 3, 2), s = Digits(text, at + 6, 2);
  if (h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 60) return -1;
  return h * 3600 + mi * 60 + s;
}

// The offset east of UTC in seconds from "Z", "+HH:MM" or "-HH:MM" filling the
// rest of the text, or nullopt.
std::optional<int64_t> StrictOffset(std::string_view rest) {
  if (rest == "Z") return 0;
  if (rest.size() != 6 || (rest[0] != '+' && rest[0] != '-') || rest[3] != ':') return std::nullopt;
  const int h = Digits(rest, 1, 2), m = Digits(rest, 4, 2);
  if (h < 0 || h > 23 || m < 0 || m > 59) return std::nullopt;
  return (rest[0] == '-' ? -1 : 1) * (h * 3600 + m * 60);
}

}  // namespace

Result<CivilDate> ParseDate(std::string_view text) {
  if (auto date = StrictDate(text)) return *date;
  return Fail(Error::Make(ErrorCode::kInvalidArgument,
                          fmt::format("must be a date written YYYY-MM-DD, got \"{}\"", text)));
}

Result<UnixTime> ParseTimestamp(std::string_view text) {
  const auto date = StrictDate(text.substr(0, 10));
  const int64_t seconds = text.size() > 10 && text[10] == 'T' ? StrictTimeOfDay(text, 11) : -1;
  if (date && seconds >= 0) {
    size_t end = 19;  // after the seconds: optional fraction, then the offset
    if (end < text.size() && text[end] == '.') {
      const size_t digits = text.find_first_not_of("0123456789", end + 1);
      end = digits == std::string_view::npos ? text.size() : digits;
      if (end == 20) end = text.size();  // a dot without digits
    }
    if (auto offset = end < text.size() ? StrictOffset(text.substr(end)) : std::nullopt)
      return StartOfDay(*date) + seconds - *offset;
  }
  return Fail(Error::Make(
      ErrorCode::kInvalidArgument,
      fmt::format("must be a time written YYYY-MM-DDTHH:MM:SSZ (or with an offset such as "
                  "+01:00), got \"{}\"",
                  text)));
}

std::string FormatDate(const CivilDate& d) {
  return fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day);
}
std::string FormatDay(Days days) { return FormatDate(CivilFromDays(days)); }

std::string ReadableDate(const CivilDate& d) {
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const unsigned m = d.month >= 1 && d.month <= 12 ? d.month : 1;
  return fmt::format("{} {} {}", d.day, kMonths[m - 1], d.year);
}

std::string ReadableDate(std::string_view iso_date) {
  auto d = ParseDate(iso_date);
  return d ? ReadableDate(*d) : std::string(iso_date);
}

CivilDate AddMonths(const CivilDate& d, int months) {
  const int index = d.year * 12 + static_cast<int>(d.month) - 1 + months;
  CivilDate out{index / 12, static_cast<unsigned>(index % 12) + 1, d.day};
  out.day = std::min(out.day, DaysInMonth(out.year, out.month));
  return out;
}

}  // namespace valuemark
