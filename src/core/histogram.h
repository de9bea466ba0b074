// Binning of simulated ratios for the Monte Carlo histogram (the editor's
// chart and the report's). Pure; no I/O.
//
// Robust by construction: draws that are not finite are left out and
// counted apart, the edges are quantiles of the finite draws, and every draw
// outside them is folded into the end bins, so no draw, however large, can
// index outside the counts.
#pragma once

#include <cstdint>
#include <vector>

namespace valuemark {

struct Histogram {
  double low = 0;               // left edge of the first bin
  double high = 0;              // right edge of the last bin
  std::vector<int64_t> counts;  // empty when there is no finite draw
  int64_t not_finite = 0;       // draws left out (infinite or NaN)
  double bin_width() const {
    return counts.empty() ? 0 : (high - low) / static_cast<double>(counts.size());
  }
};

// `bins` >= 1 bins from the `tail` quantile to the 1 − `tail` quantile of the
// finite draws (0 <= tail < 0.5). Reorders `draws`.
Histogram BinDraws(std::vector<double>& draws, int bins, double tail);

}  // namespace valuemark
