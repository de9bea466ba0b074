// Probabilistic SROI: Monte Carlo over the uncertain parameters of an impact
// map (docs/methodology.md §3). Pure function of (map, draws, seed); thread-safe
// (no shared state); no I/O.
//
// Contract:
// - Every uncertain parameter (quantity, proxy.value, deadweight, displacement,
//   attribution, drop_off of each material outcome, each input's value) is
//   sampled independently per draw by its inverse CDF; a zero-width range is
//   its constant. Each sample depends only on (seed, draw, outcome or input
//   index, parameter), so results are identical bit for bit on any number of
//   threads and on any CPU (no FMA, no fast-math).
// - Memory: 16 bytes per draw (the per-draw PV and ratio arrays that exact
//   percentiles need): 1.6 GB for 10^8 draws.
// - The ratio statistics are over the draws whose inputs are not 0.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "core/impact_map.h"

namespace valuemark {

// mean, sample standard deviation (n − 1; 0 for one draw) and percentiles by
// linear interpolation between order statistics (numpy's default).
struct Summary {
  double mean = 0, sd = 0, p5 = 0, p25 = 0, p50 = 0, p75 = 0, p95 = 0;
};

struct MonteCarloOptions {
  int64_t draws = 10000;
  uint64_t seed = 1;
  int threads = 1;  // >= 1; results do not depend on it
  // Called now and then from the calling thread with (draws done, draws total); may be empty.
  std::function<void(int64_t, int64_t)> progress;
  // When set, receives every draw's ratio (those with inputs not 0), in no
  // particular order: reports draw their histogram from it.
  std::vector<double>* ratio_draws = nullptr;
};

struct MonteCarloResult {
  int64_t draws = 0;
  uint64_t seed = 0;
  std::optional<double> deterministic_ratio;  // ComputeSroi ratio; null when inputs are 0
  std::optional<Summary> sroi_ratio;          // null when every draw has inputs 0
  Summary present_value;
  std::optional<double>
      probability_ratio_above_1;  // share of draws with ratio > 1; null like sroi_ratio
};

// Precondition: a valid map (impact_map.h ranges), options.draws >= 1, options.threads >= 1.
MonteCarloResult RunMonteCarlo(const ImpactMap& map, const MonteCarloOptions& options);

// RunMonteCarlo for a map edited a little at a time (the impact-map editor):
// keeps each outcome's PV per draw from the last run and recomputes only the
// outcomes whose numbers changed. The result is the same, bit for bit, as
// RunMonteCarlo's: the same samples, summed in the same order.
// Memory: 8 bytes per draw per contributing outcome (40 MB for 500 outcomes
// and 10,000 draws). Not thread-safe: one caller at a time.
class MonteCarloMemo {
 public:
  MonteCarloMemo();
  ~MonteCarloMemo();
  MonteCarloMemo(const MonteCarloMemo&) = delete;
  MonteCarloMemo& operator=(const MonteCarloMemo&) = delete;

  MonteCarloResult Run(const ImpactMap& map, const MonteCarloOptions& options);
  size_t bytes() const;
  // How many outcome columns have been computed, for tests.
  int64_t recomputed() const { return recomputed_; }

 private:
  struct Column;
  uint64_t seed_ = 0;
  int64_t draws_ = 0;
  double discount_rate_ = -1;
  std::vector<Column> columns_;
  int64_t recomputed_ = 0;
};

namespace detail {
// The per-draw kernel: AVX2 where the CPU has it, else portable C++. Both give
// the same bits; tests force kPortable to check that.
enum class MonteCarloKernel { kAuto, kPortable };
MonteCarloResult RunMonteCarlo(const ImpactMap& map, const MonteCarloOptions& options,
                               MonteCarloKernel kernel);
}  // namespace detail

}  // namespace valuemark
