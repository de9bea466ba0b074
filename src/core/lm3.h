// Local Multiplier 3 (docs/methodology.md §4, after NEF "The Money Trail"): how much
// of an organisation's income is spent, and re-spent, in its local area.
// Pure function of its input; thread-safe; no I/O.
#pragma once

#include <string>
#include <vector>

namespace valuemark {

// One spending category (staff wages, supplies, rent ...).
struct Lm3Spend {
  std::string category;
  double amount = 0;
  double local_fraction = 0;          // share paid to local suppliers or local staff
  double respend_local_fraction = 0;  // share of that which the recipients spend locally again
};

struct Lm3Input {
  std::string name;
  std::string area;
  std::string currency = "GBP";
  double income = 0;
  std::vector<Lm3Spend> spend;
};

struct Lm3CategoryResult {
  std::string category;
  double round2 = 0;  // amount × local_fraction
  double round3 = 0;  // amount × local_fraction × respend_local_fraction
};

struct Lm3Result {
  double round1 = 0, round2 = 0, round3 = 0, lm3 = 0;
  std::vector<Lm3CategoryResult> by_category;  // one per spend line, in input order
  std::vector<std::string> warnings;           // plain sentences
};

// Precondition: income > 0, amounts >= 0, fractions in [0, 1] (the reader checks them).
// Spend larger than income is allowed and gets a warning.
Lm3Result ComputeLm3(const Lm3Input& input);

}  // namespace valuemark
