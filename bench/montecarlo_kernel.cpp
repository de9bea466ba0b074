// In-process benchmark of RunMonteCarlo (docs/methodology.md §3) on the model of
// bench/make_map.py: 200 outcomes with triangular uncertainty on quantity,
// proxy, deadweight, attribution and drop-off, 100,000 draws, 1 and 2 threads.
// The model is built here with the same SplitMix64 sequence and integer
// arithmetic as make_map.py, so both benchmark exactly the same map; the
// deterministic_ratio and mean_ratio counters match `valuemark sroi` and
// `valuemark montecarlo --seed 7` on make_map.py's output (checked: same bits).
//
//   build/bench/montecarlo_kernel [--benchmark_repetitions=5]
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <string>

#include "core/impact_map.h"
#include "core/montecarlo.h"
#include "core/sroi.h"

namespace valuemark {
namespace {

constexpr uint64_t kMapSeed = 20260101;  // make_map.py's SEED
constexpr int kOutcomes = 200;
constexpr int64_t kDraws = 100000;

class SplitMix64 {
 public:
  explicit SplitMix64(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    state_ += 0x9e3779b97f4a7c15ULL;
    uint64_t z = state_;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  int64_t Below(int64_t k) { return static_cast<int64_t>(Next() % static_cast<uint64_t>(k)); }

 private:
  uint64_t state_;
};

Uncertain Triangular(double low, double mode, double high) {
  return Uncertain(Distribution{DistributionKind::kTriangular, low, mode, high});
}

// make_map.py's fraction(): a triangular fraction drawn in hundredths.
Uncertain Fraction(SplitMix64& rng, int64_t mode_lo, int64_t mode_span, int64_t below,
                   int64_t above) {
  const int64_t mode = mode_lo + rng.Below(mode_span);
  const int64_t low = std::max<int64_t>(0, mode - 1 - rng.Below(below));
  const int64_t high = std::min<int64_t>(100, mode + 1 + rng.Below(above));
  return Triangular(low / 100.0, mode / 100.0, high / 100.0);
}

ImpactMap MakeBenchmarkMap(int outcomes) {
  SplitMix64 rng(kMapSeed);
  ImpactMap map;
  map.name = "Monte Carlo benchmark";
  map.discount_rate = 0.035;
  const int groups = 10;
  for (int g = 0; g < groups; ++g) {
    map.stakeholders.push_back({"group-" + std::to_string(g), "Group", 1000.0, "survey", {}});
  }
  map.inputs.push_back({"funder", "Grant", static_cast<double>(20000000LL * outcomes / 200)});
  map.inputs.push_back({"council", "Staff time", static_cast<double>(12000000LL * outcomes / 200)});
  map.inputs.push_back(
      {"volunteers", "Volunteer time", static_cast<double>(3000000LL * outcomes / 200)});
  for (int i = 0; i < outcomes; ++i) {
    Outcome o;
    o.id = "outcome-" + std::to_string(i);
    o.stakeholder = "group-" + std::to_string(i % groups);
    const int64_t q_mode = 20 + rng.Below(481);
    const int64_t q_low = q_mode - rng.Below(q_mode / 2 + 1);
    const int64_t q_high = q_mode + 1 + rng.Below(q_mode / 2 + 1);
    const int64_t p_mode = 50 + rng.Below(1951);
    double p_low = static_cast<double>(p_mode * (50 + rng.Below(41))) / 100;
    double p_high = static_cast<double>(p_mode * (110 + rng.Below(61))) / 100;
    double p = static_cast<double>(p_mode);
    if (i % 25 == 24) {  // a few negative outcomes, as in make_map.py
      std::swap(p_low, p_high);
      p_low = -p_low;
      p_high = -p_high;
      p = -p;
    }
    o.quantity = Triangular(static_cast<double>(q_low), static_cast<double>(q_mode),
                            static_cast<double>(q_high));
    o.proxy.value = Triangular(p_low, p, p_high);
    o.deadweight = Fraction(rng, 5, 26, 5, 10);
    o.attribution = Fraction(rng, 10, 31, 8, 15);
    o.drop_off = Fraction(rng, 10, 31, 8, 15);
    o.displacement = static_cast<double>(rng.Below(3) * 5) / 100;
    o.duration_years = static_cast<int>(2 + rng.Below(4));
    o.start_year = rng.Below(4) == 0 ? 2 : 1;
    map.outcomes.push_back(o);
  }
  return map;
}

void BM_RunMonteCarlo(benchmark::State& state) {
  const ImpactMap map = MakeBenchmarkMap(kOutcomes);
  MonteCarloOptions options;
  options.draws = kDraws;
  options.seed = 7;
  options.threads = static_cast<int>(state.range(0));
  // ClobberMemory on a result kept outside the loop, not DoNotOptimize(double):
  // with Google Benchmark 1.7.1 and GCC 12 the latter read back garbage here.
  MonteCarloResult last;
  for (auto _ : state) {
    last = RunMonteCarlo(map, options);
    benchmark::ClobberMemory();
  }
  state.counters["deterministic_ratio"] = *ComputeSroi(map).sroi_ratio;
  state.counters["mean_ratio"] = last.sroi_ratio.value_or(Summary{}).mean;
  state.counters["outcome_draws_per_s"] = benchmark::Counter(
      static_cast<double>(kOutcomes) * kDraws, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_RunMonteCarlo)
    ->Arg(1)
    ->Arg(2)
    ->ArgName("threads")
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
}  // namespace valuemark

BENCHMARK_MAIN();
