#include "formats/cells.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <vector>

namespace valuemark::formats {

std::optional<double> ParseCellNumber(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  double v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

Json NumberCell(const std::string& cell) {
  std::vector<std::string_view> parts;
  std::string_view rest = cell;
  for (size_t pos; (pos = rest.find("..")) != std::string_view::npos;) {
    parts.push_back(rest.substr(0, pos));
    rest.remove_prefix(pos + 2);
  }
  parts.push_back(rest);
  std::vector<double> numbers;
  for (std::string_view p : parts) {
    auto d = ParseCellNumber(p);
    if (!d) return cell;
    numbers.push_back(*d);
  }
  if (numbers.size() == 1) return numbers[0];
  if (numbers.size() == 2) return Json{{"low", numbers[0]}, {"high", numbers[1]}};
  if (numbers.size() == 3)
    return Json{{"low", numbers[0]}, {"mode", numbers[1]}, {"high", numbers[2]}};
  return cell;
}

Json BoolCell(const std::string& cell) {
  std::string lower = cell;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  if (lower == "true") return true;
  if (lower == "false") return false;
  return cell;
}

std::string UncertainCellText(const Uncertain& u) {
  if (!u.distribution()) return fmt::format("{}", u.value());
  const Distribution& d = *u.distribution();
  if (d.kind == DistributionKind::kTriangular)
    return fmt::format("{}..{}..{}", d.low, d.mode, d.high);
  return fmt::format("{}..{}", d.low, d.high);
}

}  // namespace valuemark::formats
