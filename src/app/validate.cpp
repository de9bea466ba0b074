#include "app/validate.h"

#include <algorithm>
#include <cctype>
#include <chrono>

#include <fmt/format.h>

namespace valuemark::app {
namespace {

std::string Trim(const std::string& s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  const auto last = s.find_last_not_of(" \t\r\n");
  return s.substr(first, last - first + 1);
}

// Characters, not bytes: UTF-8 continuation bytes do not count.
size_t CountCharacters(const std::string& s) {
  return std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
}

}  // namespace

Result<std::string> CleanEmail(const std::string& field, const std::string& email) {
  std::string e = Trim(email);
  std::transform(e.begin(), e.end(), e.begin(), [](unsigned char c) { return std::tolower(c); });
  const auto at = e.find('@');
  const bool ok = e.size() >= 3 && e.size() <= 254 && at != std::string::npos && at > 0 &&
                  e.find('@', at + 1) == std::string::npos && e.find('.', at + 2) != std::string::npos &&
                  e.back() != '.' && std::none_of(e.begin(), e.end(), [](unsigned char c) { return std::isspace(c) || c < 0x20; });
  if (!ok) return Fail(InvalidField(field, "must be an email address such as name@example.org"));
  return e;
}

Result<std::string> CleanText(const std::string& field, const std::string& text, size_t min, size_t max) {
  std::string t = Trim(text);
  const size_t n = CountCharacters(t);
  if (n < min || n > max) {
    if (min == 1 && n == 0) return Fail(InvalidField(field, "must not be empty"));
    return Fail(InvalidField(field, fmt::format("must be between {} and {} characters, got {}", min, max, n)));
  }
  return t;
}

Result<std::string> CheckPassword(const std::string& field, const std::string& password) {
  const size_t n = CountCharacters(password);
  if (n < 10) return Fail(InvalidField(field, fmt::format("must be at least 10 characters, got {}", n)));
  if (n > 200) return Fail(InvalidField(field, fmt::format("must be at most 200 characters, got {}", n)));
  return password;
}

Result<std::string> CheckDate(const std::string& field, const std::string& date) {
  int y = 0, m = 0, d = 0;
  char extra = 0;
  if (date.size() == 10 && std::sscanf(date.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &extra) == 3) {
    const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                                          std::chrono::day{static_cast<unsigned>(d)}};
    if (ymd.ok()) return date;
  }
  return Fail(InvalidField(field, fmt::format("must be a date written YYYY-MM-DD, got \"{}\"", date)));
}

}  // namespace valuemark::app
