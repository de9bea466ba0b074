#include "core/histogram.h"

#include <algorithm>
#include <cmath>

namespace valuemark {
namespace {

// The order statistic at q of values[0, n), by partial sort.
double Quantile(std::vector<double>& values, size_t n, double q) {
  const size_t k = static_cast<size_t>(q * static_cast<double>(n - 1));
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(k),
                   values.begin() + static_cast<std::ptrdiff_t>(n));
  return values[k];
}

}  // namespace

Histogram BinDraws(std::vector<double>& draws, int bins, double tail) {
  Histogram h;
  bins = std::max(bins, 1);
  tail = std::clamp(tail, 0.0, 0.49);
  // Finite draws first; the rest are only counted.
  const auto finite_end =
      std::partition(draws.begin(), draws.end(), [](double d) { return std::isfinite(d); });
  const size_t n = static_cast<size_t>(finite_end - draws.begin());
  h.not_finite = static_cast<int64_t>(draws.size() - n);
  if (n == 0) return h;
  double lo = Quantile(draws, n, tail);
  double hi = Quantile(draws, n, 1 - tail);
  // A single value (or nearly): a small window around it, scaled to its size.
  if (hi - lo < 1e-9) {
    const double pad = std::max(0.05, std::abs(lo) * 0.01);
    lo -= pad, hi += pad;
  }
  const double width = (hi - lo) / bins;
  if (!std::isfinite(width) || width <= 0) {
    // Edges so far apart that their difference overflows: everything in one bin.
    h.low = lo, h.high = hi;
    h.counts.assign(static_cast<size_t>(bins), 0);
    h.counts[0] = static_cast<int64_t>(n);
    return h;
  }
  h.low = lo;
  h.high = hi;
  h.counts.assign(static_cast<size_t>(bins), 0);
  const double last = static_cast<double>(bins - 1);
  for (size_t i = 0; i < n; ++i) {
    // Clamp as a double, before any conversion to an index.
    const double at = std::clamp(std::floor((draws[i] - lo) / width), 0.0, last);
    h.counts[static_cast<size_t>(at)] += 1;
  }
  return h;
}

}  // namespace valuemark
