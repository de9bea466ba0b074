#include "core/lm3.h"

#include <fmt/format.h>

#include <cassert>

namespace valuemark {

Lm3Result ComputeLm3(const Lm3Input& input) {
  assert(input.income > 0);
  Lm3Result r;
  // docs/methodology.md §4: round1 = income; round2 = Σ amount × local;
  // round3 = Σ amount × local × respend_local; LM3 = (round1 + round2 + round3) / round1.
  r.round1 = input.income;
  r.by_category.reserve(input.spend.size());
  double total_spend = 0;
  for (const Lm3Spend& s : input.spend) {
    Lm3CategoryResult c;
    c.category = s.category;
    c.round2 = s.amount * s.local_fraction;
    c.round3 = c.round2 * s.respend_local_fraction;
    r.round2 += c.round2;
    r.round3 += c.round3;
    total_spend += s.amount;
    r.by_category.push_back(std::move(c));
  }
  r.lm3 = (r.round1 + r.round2 + r.round3) / r.round1;

  // §4: allowed (reserves or loans can fund it), but often a typing mistake.
  if (total_spend > input.income) {
    r.warnings.push_back(fmt::format(
        "Total spend of {} {} is more than the income of {} {}; the LM3 is still worked out, "
        "but check the figures.",
        total_spend, input.currency, input.income, input.currency));
  }
  return r;
}

}  // namespace valuemark
