// Every figure the engines compute is a finite number for any map within the
// bounds of impact_map.h: at the largest values the bounds allow and at the
// smallest non-zero ones.
#include <gtest/gtest.h>

#include <cmath>

#include "core/montecarlo.h"
#include "core/sensitivity.h"
#include "core/sroi.h"

namespace valuemark {
namespace {

void ExpectFinite(const Summary& s) {
  for (double v : {s.mean, s.sd, s.p5, s.p25, s.p50, s.p75, s.p95})
    EXPECT_TRUE(std::isfinite(v)) << v;
}

void ExpectEveryFigureFinite(const ImpactMap& map) {
  ASSERT_TRUE(CheckMagnitudes(map).empty());
  const SroiResult r = ComputeSroi(map);
  EXPECT_TRUE(std::isfinite(r.present_value));
  EXPECT_TRUE(std::isfinite(r.net_present_value));
  if (r.sroi_ratio) {
    EXPECT_TRUE(std::isfinite(*r.sroi_ratio));
  }
  if (r.payback_months) {
    EXPECT_TRUE(std::isfinite(*r.payback_months));
  }
  for (double v : r.value_by_year) EXPECT_TRUE(std::isfinite(v));
  const SensitivityResult s = ComputeSensitivity(map, 0.2);
  for (const BreakEven& b : s.break_even) {
    if (b.break_even) {
      EXPECT_TRUE(std::isfinite(*b.break_even)) << ParameterName(b.parameter);
    }
    if (b.relative_change) {
      EXPECT_TRUE(std::isfinite(*b.relative_change)) << ParameterName(b.parameter);
    }
  }
  for (const TornadoBar& t : s.tornado) EXPECT_TRUE(std::isfinite(t.swing));
  std::vector<double> ratios;
  MonteCarloOptions options;
  options.draws = 20000;
  options.ratio_draws = &ratios;
  const MonteCarloResult mc = RunMonteCarlo(map, options);
  ExpectFinite(mc.present_value);
  if (mc.sroi_ratio) ExpectFinite(*mc.sroi_ratio);
  for (double v : ratios) ASSERT_TRUE(std::isfinite(v)) << v;
}

Outcome MakeOutcome(Uncertain quantity, Uncertain proxy, int years) {
  Outcome o;
  o.id = "o";
  o.stakeholder = "s";
  o.quantity = quantity;
  o.proxy.value = proxy;
  o.duration_years = years;
  return o;
}

TEST(EngineBounds, LargestValuesAndTheSmallestInputsGiveFiniteFigures) {
  ImpactMap map;
  map.discount_rate = 0;
  // Value at the limit every year for 50 years, many times over, against a
  // penny of input that may be drawn almost to 0.
  for (int i = 0; i < 200; ++i)
    map.outcomes.push_back(
        MakeOutcome(Uncertain(Distribution{DistributionKind::kUniform, 0, 0, kMaxQuantity}),
                    Uncertain(-1.0), 50));
  map.outcomes.push_back(
      MakeOutcome(1e6, Uncertain(Distribution{DistributionKind::kTriangular, 0, 1e6, 1e6}), 50));
  map.inputs.push_back(
      {"s", "grant", Uncertain(Distribution{DistributionKind::kTriangular, 0, 0, 0.01})});
  ExpectEveryFigureFinite(map);
}

TEST(EngineBounds, TinyQuantitiesGiveUnreachableBreakEvensNotInfinity) {
  ImpactMap map;
  map.outcomes.push_back(MakeOutcome(1e-300, 1.0, 3));
  map.outcomes.push_back(MakeOutcome(10, 100.0, 1));
  map.inputs.push_back({"s", "grant", Uncertain(1e12)});
  ExpectEveryFigureFinite(map);
  const SensitivityResult s = ComputeSensitivity(map, 0.2);
  // Breaking even on the tiny outcome's quantity would need more than any number.
  EXPECT_FALSE(s.break_even[0].break_even.has_value());
  EXPECT_EQ(s.break_even[0].reason, BreakEvenReason::kUnreachable);
  ImpactMap tiny;
  tiny.inputs = {{"s", "grant", Uncertain(1e12)}};
  tiny.outcomes = {MakeOutcome(1e-300, 1.0, 1)};
  const SroiResult only_tiny = ComputeSroi(tiny);
  EXPECT_FALSE(only_tiny.payback_months.has_value());
}

}  // namespace
}  // namespace valuemark
