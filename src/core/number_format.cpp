#include "core/number_format.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace valuemark {

std::string CurrencySymbol(std::string_view currency) {
  if (currency == "GBP") return "\u00a3";
  if (currency == "EUR") return "\u20ac";
  if (currency == "USD") return "$";
  return std::string(currency) + " ";
}

std::string GroupedNumber(double v, std::string_view prefix, int decimals) {
  if (!std::isfinite(v)) return "not a finite number";
  std::string digits = fmt::format("{:.{}f}", std::abs(v), std::clamp(decimals, 0, 12));
  const size_t dot = std::min(digits.find('.'), digits.size());
  const std::string whole = digits.substr(0, dot);
  std::string grouped;
  grouped.reserve(whole.size() + whole.size() / 3);
  for (size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) grouped += ',';
    grouped += whole[i];
  }
  const bool negative = v < 0 && digits.find_first_not_of("0.") != std::string::npos;
  return fmt::format("{}{}{}{}", negative ? "-" : "", prefix, grouped, digits.substr(dot));
}

}  // namespace valuemark
