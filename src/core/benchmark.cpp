#include "core/benchmark.h"

#include <algorithm>
#include <cmath>

namespace valuemark {
namespace {

// How many ids are in one sorted list and not the other, both ways.
size_t SymmetricDifference(const std::vector<int64_t>& a, const std::vector<int64_t>& b) {
  size_t i = 0, j = 0, out = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j]) {
      ++i, ++j;
    } else if (a[i] < b[j]) {
      ++out, ++i;
    } else {
      ++out, ++j;
    }
  }
  return out + (a.size() - i) + (b.size() - j);
}

}  // namespace

double Quantile(const std::vector<double>& sorted, double p) {
  if (sorted.size() == 1) return sorted.front();
  const double h = (static_cast<double>(sorted.size()) - 1) * std::clamp(p, 0.0, 1.0);
  const auto lo = static_cast<size_t>(std::floor(h));
  const size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

double PercentileRank(const std::vector<double>& sorted, double own) {
  if (sorted.empty()) return 0;
  const auto below = std::lower_bound(sorted.begin(), sorted.end(), own) - sorted.begin();
  const auto equal = std::upper_bound(sorted.begin(), sorted.end(), own) - sorted.begin() - below;
  return 100.0 * (static_cast<double>(below) + static_cast<double>(equal) / 2) /
         static_cast<double>(sorted.size());
}

std::vector<GroupDecision> DecideGroups(const std::vector<std::vector<int64_t>>& groups) {
  std::vector<GroupDecision> out(groups.size());
  std::vector<size_t> shown;
  for (size_t g = 0; g < groups.size(); ++g) {
    if (groups[g].size() < kMinBenchmarkGroup) {
      out[g].withheld = Withheld::kTooFew;
      continue;
    }
    for (size_t s : shown) {
      const size_t d = SymmetricDifference(groups[g], groups[s]);
      if (d > 0 && d < kMinBenchmarkGroup) {
        out[g] = {Withheld::kDifferencing, s};
        break;
      }
    }
    if (out[g].withheld == Withheld::kShown) shown.push_back(g);
  }
  return out;
}

GroupSummary Summarise(std::vector<double> values, std::optional<double> own) {
  std::sort(values.begin(), values.end());
  GroupSummary s;
  s.n = values.size();
  if (values.empty()) return s;
  s.p25 = Quantile(values, 0.25);
  s.median = Quantile(values, 0.5);
  s.p75 = Quantile(values, 0.75);
  if (own) s.own_rank = PercentileRank(values, *own);
  return s;
}

}  // namespace valuemark
